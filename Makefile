# SPDX-License-Identifier: BSD-2-Clause
# dhcpdiag build: `make`, `make test`, `make check`, `make bench`, `make fuzz`, `make install`,
# `make deb`

# the one place the version is written (contrib/debian/changelog and CHANGELOG.md name it too;
# `make deb` and tests/pkg check that they agree)
VERSION := 0.5.0
# the man pages' date: the last commit's; in a copy outside git (a package build) the date of
# SOURCE_DATE_EPOCH (debhelper sets it from debian/changelog); else the release date.
# safe.directory: `sudo make install` in a user's checkout must read the same date
GIT := git -c safe.directory='$(CURDIR)' -C '$(CURDIR)'
MAN_DATE := $(shell [ "$$($(GIT) rev-parse --show-toplevel 2>/dev/null)" = "$(CURDIR)" ] && \
	$(GIT) log -1 --format=%cs 2>/dev/null)
ifeq ($(MAN_DATE),)
MAN_DATE := $(shell [ -n "$$SOURCE_DATE_EPOCH" ] && date -u -d "@$$SOURCE_DATE_EPOCH" +%F)
endif
ifeq ($(MAN_DATE),)
MAN_DATE := 2026-12-06
endif

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/dhcpdiag
# completions go where Debian 12's shells look. PREFIX=/usr (a package): the directories the
# shells' pkg-config files name (Debian's zsh has none: vendor-completions). Else bash-completion
# 2.11 searches $XDG_DATA_DIRS/bash-completion/completions (default /usr/local/share:/usr/share)
# and ~/.local/share/bash-completion/completions; zsh's fpath has
# /usr/local/share/zsh/site-functions. fish 3.6 searches /usr/local/share/fish only when
# XDG_DATA_DIRS names /usr/local/share (unset in a console or ssh login: fish issue #11349),
# so for /usr/local its completion goes to /etc/fish/completions, the administrator's
# directory that fish always searches; another PREFIX (~/.local) gets
# $(PREFIX)/share/fish/vendor_completions.d, which fish searches for ~/.local.
ifeq ($(PREFIX),/usr)
BASHCOMPDIR ?= $(or $(shell pkg-config --variable=completionsdir bash-completion 2>/dev/null),\
	/usr/share/bash-completion/completions)
ZSHCOMPDIR ?= /usr/share/zsh/vendor-completions
FISHCOMPDIR ?= $(or $(shell pkg-config --variable=completionsdir fish 2>/dev/null),\
	/usr/share/fish/vendor_completions.d)
else
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
ifeq ($(PREFIX),/usr/local)
FISHCOMPDIR ?= /etc/fish/completions
else
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
endif
endif
# who may capture: members of this group (dumpcap's way, see `install`)
CAPGROUP ?= dhcpdiag
CAPS := cap_net_raw,cap_net_admin+ep
CC ?= cc
CFLAGS ?= -O3 -g
BUILD ?= build

PKGS := libpcap readline ncursesw libcap-ng
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lpcap -lreadline -lncursesw -lcap-ng)

WARN := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wcast-qual -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2
HARDEN := -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2 -fstack-protector-strong
SAN ?=
ifneq ($(SAN),)
HARDEN := -fstack-protector-strong
endif
ALL_CFLAGS := -std=c11 -pthread -D_DEFAULT_SOURCE -Iinclude $(WARN) $(HARDEN) $(PKG_CFLAGS) $(CPPFLAGS) \
	$(CFLAGS) $(SAN) -MMD -MP
ALL_LDFLAGS := -pthread $(LDFLAGS) $(SAN)

ifeq ($(V),1)
Q :=
else
Q := @
endif

CORE_SRC := $(sort $(wildcard core/*.c))
CLI_SRC := $(sort $(wildcard cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIBCORE := $(BUILD)/libcore.a
BIN := $(BUILD)/dhcpdiag

.PHONY: all test check bench fuzz install uninstall clean format format-check man demo deps \
	unit fixtures-update deb FORCE
MANPAGES := $(BUILD)/dhcpdiag.1 $(BUILD)/dhcpdiag-options.7
all: $(BIN) $(UNIT_BIN) $(MANPAGES)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBCORE): $(CORE_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIBCORE)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIBCORE) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(LIBCORE)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIBCORE) $(ALL_LDFLAGS) $(PKG_LIBS)

# a stamp file whose text is the value: rewritten only when the value changes, so what
# depends on it is rebuilt exactly then (version.o on VERSION, the man pages on the date too)
$(BUILD)/stamp-version: FORCE
	@mkdir -p $(dir $@)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' > $@
$(BUILD)/stamp-man: FORCE
	@mkdir -p $(dir $@)
	@echo '$(VERSION) $(MAN_DATE)' | cmp -s - $@ || echo '$(VERSION) $(MAN_DATE)' > $@
$(BUILD)/cli/version.o: $(BUILD)/stamp-version
$(BUILD)/cli/version.o: ALL_CFLAGS += -DDHCPDIAG_VERSION='"$(VERSION)"'

# .TH gets the date and version; the settings list of dhcpdiag(1) comes from the settings
# table, the option list of dhcpdiag-options(7) from the option table itself
MAN_SED := -e 's/@VERSION@/$(VERSION)/g' -e 's/@DATE@/$(MAN_DATE)/g'
$(BUILD)/dhcpdiag.1: man/dhcpdiag.1.in $(BIN) $(BUILD)/stamp-man
	$(Q)$(BIN) set --man > $@.settings
	$(Q)$(BIN) diagnose --findings --man > $@.findings
	$(Q)sed $(MAN_SED) -e '/^@SETTINGS@$$/{r $@.settings' -e 'd}' \
		-e '/^@FINDINGS@$$/{r $@.findings' -e 'd}' man/dhcpdiag.1.in > $@.tmp
	$(Q)rm -f $@.settings $@.findings
	$(Q)mv $@.tmp $@
$(BUILD)/dhcpdiag-options.7: man/dhcpdiag-options.7.in $(BIN) $(BUILD)/stamp-man
	$(Q)sed $(MAN_SED) -e '/^@OPTIONS@$$/,$$d' man/dhcpdiag-options.7.in > $@.tmp
	$(Q)$(BIN) options --man >> $@.tmp
	$(Q)sed $(MAN_SED) -e '1,/^@OPTIONS@$$/d' man/dhcpdiag-options.7.in >> $@.tmp
	$(Q)mv $@.tmp $@
man: $(MANPAGES)

# install what the tests, the lab and the demo need (Debian packages only)
deps:
	@tests/deps.sh

# full suite: normal build, then the ASan+UBSan build; ends with "N passed, N failed"
test: all
	@$(MAKE) --no-print-directory BUILD=build/asan CC=clang SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" all
	@tests/run.sh $(BUILD) build/asan

# the suite under ASan+UBSan only
check:
	@$(MAKE) --no-print-directory BUILD=build/asan CC=clang SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" all
	@tests/run.sh --only unit,fixtures,tty,lab build/asan

unit: all
	@tests/run.sh --only unit $(BUILD)

fixtures-update: $(BIN)
	@tests/fixtures/run.sh --update $(BIN) $(NAME)

bench: all
	@tests/bench/run.sh $(BUILD)

FUZZ_SECONDS ?= 60
fuzz:
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" build/fuzz/libcore.a
	$(Q)clang -std=c11 -D_DEFAULT_SOURCE -Iinclude -g -O1 -fsanitize=fuzzer,address,undefined \
		-o build/fuzz/fuzz_decode tests/fuzz/fuzz_decode.c build/fuzz/libcore.a $(PKG_LIBS)
	$(Q)clang -std=c11 -D_DEFAULT_SOURCE -Iinclude -g -O1 -fsanitize=fuzzer,address,undefined \
		-o build/fuzz/fuzz_diag tests/fuzz/fuzz_diag.c build/fuzz/libcore.a $(PKG_LIBS)
	@mkdir -p build/fuzz/corpus
	@python3 tests/fuzz/mkseeds.py build/fuzz/seeds $(wildcard ../shared/corpus/*/*.pcap) $(wildcard tests/fuzz/crashes/*.pcap)
	build/fuzz/fuzz_decode -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 build/fuzz/corpus build/fuzz/seeds
	@mkdir -p build/fuzz/corpus-diag
	build/fuzz/fuzz_diag -max_total_time=$(FUZZ_SECONDS) -timeout=5 -print_final_stats=1 build/fuzz/corpus-diag

demo: all
	@tests/lab/demo.sh $(BIN)

# Capture rights the way Wireshark's dumpcap has them: the binary root:$(CAPGROUP) 0750 with
# $(CAPS), so only members of the group can capture without sudo. Installing as root to
# this system (DESTDIR empty) creates the group when missing; without the group (not root,
# groupadd failed) or when staging into a DESTDIR (a package sets them in its postinst) the
# binary is 0755 with no capabilities, and install says so.
DOCS := README.md docs/JSON.md docs/MONITORING.md docs/dhcpdiag.schema.json LICENSE CHANGELOG.md
# examples of the monitoring setup (docs/MONITORING.md)
EXAMPLES := contrib/systemd/dhcpdiag-check@.service contrib/systemd/dhcpdiag-check@.timer \
	contrib/icinga/dhcpdiag.conf contrib/nagios/dhcpdiag.cfg \
	contrib/prometheus/dhcpdiag.rules.yml
install: $(BIN) $(MANPAGES)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/dhcpdiag
	install -m 644 $(BUILD)/dhcpdiag.1 $(DESTDIR)$(MANDIR)/man1/dhcpdiag.1
	install -m 644 $(BUILD)/dhcpdiag-options.7 $(DESTDIR)$(MANDIR)/man7/dhcpdiag-options.7
	install -m 644 $(DOCS) $(DESTDIR)$(DOCDIR)
	install -m 644 $(EXAMPLES) $(DESTDIR)$(DOCDIR)/examples
	install -m 644 completions/dhcpdiag.bash $(DESTDIR)$(BASHCOMPDIR)/dhcpdiag
	install -m 644 completions/_dhcpdiag $(DESTDIR)$(ZSHCOMPDIR)/_dhcpdiag
	install -m 644 completions/dhcpdiag.fish $(DESTDIR)$(FISHCOMPDIR)/dhcpdiag.fish
	@bin='$(DESTDIR)$(BINDIR)/dhcpdiag'; g='$(CAPGROUP)'; \
	if [ -n '$(DESTDIR)' ]; then \
		echo "install: staged in DESTDIR: $$bin is 0755 without capabilities (probes need root)"; \
		exit 0; \
	fi; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "install: not root: $$bin is 0755 without capabilities and group '$$g'; probes need root"; \
		exit 0; \
	fi; \
	if ! getent group "$$g" >/dev/null; then \
		groupadd --system "$$g" && echo "install: created the system group '$$g'"; \
	fi; \
	if ! getent group "$$g" >/dev/null; then \
		echo "install: no group '$$g': $$bin is 0755 without capabilities; probes need root"; \
	elif chown root:"$$g" "$$bin" && chmod 750 "$$bin" && setcap '$(CAPS)' "$$bin"; then \
		echo "install: $$bin is root:$$g 0750 with $(CAPS): members of '$$g' may probe and capture (usermod -aG $$g USER)"; \
	else \
		chmod 755 "$$bin"; setcap -r "$$bin" 2>/dev/null; \
		echo "install: setting the group or capabilities failed: $$bin is 0755 without capabilities; probes need root"; \
	fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dhcpdiag $(DESTDIR)$(MANDIR)/man1/dhcpdiag.1 \
		$(DESTDIR)$(MANDIR)/man7/dhcpdiag-options.7 \
		$(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOCS))) \
		$(addprefix $(DESTDIR)$(DOCDIR)/examples/,$(notdir $(EXAMPLES))) \
		$(DESTDIR)$(BASHCOMPDIR)/dhcpdiag $(DESTDIR)$(ZSHCOMPDIR)/_dhcpdiag \
		$(DESTDIR)$(FISHCOMPDIR)/dhcpdiag.fish
	-rmdir $(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(DOCDIR) 2>/dev/null
	@! getent group $(CAPGROUP) >/dev/null || [ -n '$(DESTDIR)' ] || \
		echo "uninstall: the group '$(CAPGROUP)' stays (groupdel $(CAPGROUP) removes it)"

# a .deb in $(BUILD)/, built from a copy of the tracked files with contrib/debian/ as debian/
deb:
	@VERSION=$(VERSION) contrib/mkdeb.sh $(BUILD)

format:
	clang-format -i core/*.c cli/*.c include/*.h tests/unit/*.c tests/unit/*.h
format-check:
	clang-format --dry-run --Werror core/*.c cli/*.c include/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build

-include $(CORE_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
