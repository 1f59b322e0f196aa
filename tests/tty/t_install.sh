#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_install.sh - `make install PREFIX=/usr/local` as root, as a user would, but in a mount
# namespace where /usr/local is an empty tmpfs and /etc an overlay whose writes land in a
# tmpfs: so groupadd, the binary and the completions never reach the real system. Checks
# the binary's group, mode and capabilities, the man pages, then that a fresh login bash
# (bash-completion), zsh (compinit) and fish, started in tmux, complete `dhcpdiag disc<Tab>`
# from the installed scripts; then `make uninstall` leaves nothing behind.
set -u
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(dirname "$BIN")
version=$(sed -n 's/^VERSION := //p' "$root/Makefile")

# ------------------------------------------------------------- outside: set up and verify
if [ "${1:-}" != --inner ]; then
	if [ "$(id -u)" -ne 0 ]; then
		skip "make install in a mount namespace needs root"
		exit 0
	fi
	for c in unshare tmux getcap; do
		command -v "$c" >/dev/null || { skip "make install test: no $c"; exit 0; }
	done
	# what the real system has before, to compare after
	had_group=$(getent group dhcpdiag >/dev/null && echo yes || echo no)
	real_before=$(ls -d /usr/local/bin/dhcpdiag /etc/fish/completions/dhcpdiag.fish \
		/usr/local/share/zsh/site-functions/_dhcpdiag 2>/dev/null)
	unshare --mount --propagation private bash "$0" --inner
	rc=$?
	real_after=$(ls -d /usr/local/bin/dhcpdiag /etc/fish/completions/dhcpdiag.fish \
		/usr/local/share/zsh/site-functions/_dhcpdiag 2>/dev/null)
	now_group=$(getent group dhcpdiag >/dev/null && echo yes || echo no)
	checks "the real /usr/local and /etc are as before (files, group dhcpdiag: $had_group)" \
		'[ "$real_before" = "$real_after" ] && [ "$had_group" = "$now_group" ]'
	[ "$rc" -eq 0 ] && [ "$TTY_FAILS" -eq 0 ]
	exit
fi

# ------------------------------------------------------------- inside the mount namespace
tmp=$(mktemp -d /tmp/dd-install.XXXXXX)
cleanup() {
	tm_stop
	umount /usr/local /etc 2>/dev/null
	umount "$tmp/ovl" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/ovl" "$tmp/home" "$tmp/cwd"
if ! mount -t tmpfs tmpfs "$tmp/ovl" || ! mkdir "$tmp/ovl/up" "$tmp/ovl/work" ||
	! mount -t overlay overlay -o "lowerdir=/etc,upperdir=$tmp/ovl/up,workdir=$tmp/ovl/work" /etc ||
	! mount -t tmpfs tmpfs /usr/local; then
	fail "a tmpfs over /usr/local and an overlay over /etc in a mount namespace"
	exit 1
fi

# install what was built (-o: never rebuild it here, with other flags than its build's)
out=$(cd "$root" && make --no-print-directory -s -o "$BIN" -o "$build/dhcpdiag.1" \
	-o "$build/dhcpdiag-options.7" BUILD="$build" PREFIX=/usr/local install 2>&1)
st=$?
printf '%s\n' "$out" | sed 's/^/# make install: /'
checks "make install PREFIX=/usr/local (as root, DESTDIR empty) succeeds" '[ "$st" -eq 0 ]'
checks "it created or found the system group dhcpdiag" 'getent group dhcpdiag >/dev/null'
gid=$(getent group dhcpdiag | cut -d: -f3)
checks "the group is a system group (gid $gid)" \
	'[ -n "$gid" ] && [ "$gid" -lt "$(awk "/^UID_MIN/ { print \$2 }" /etc/login.defs || echo 1000)" ]'
own=$(stat -c '%U:%G %a' /usr/local/bin/dhcpdiag 2>/dev/null)
checks "/usr/local/bin/dhcpdiag is root:dhcpdiag 0750 (is: $own)" '[ "$own" = "root:dhcpdiag 750" ]'
caps=$(getcap /usr/local/bin/dhcpdiag 2>/dev/null)
checks "it has cap_net_admin,cap_net_raw=ep (getcap: ${caps:-none})" \
	'printf "%s\n" "$caps" | grep -q "cap_net_admin,cap_net_raw=ep"'
checks "install says who may capture" 'printf "%s\n" "$out" | grep -q "members of .dhcpdiag."'
checks "dhcpdiag --version from PATH says $version" \
	'PATH=/usr/local/bin:/usr/bin:/bin dhcpdiag --version | head -1 | grep -qx "dhcpdiag $version"'
for f in /usr/local/share/man/man1/dhcpdiag.1 /usr/local/share/man/man7/dhcpdiag-options.7 \
	/usr/local/share/doc/dhcpdiag/README.md /usr/local/share/doc/dhcpdiag/JSON.md \
	/usr/local/share/doc/dhcpdiag/LICENSE /usr/local/share/doc/dhcpdiag/CHANGELOG.md; do
	checks "installed $f" '[ -f "$f" ]'
done
checks "man finds both pages (man -w dhcpdiag, dhcpdiag-options)" \
	'[ "$(PATH=/usr/local/bin:/usr/bin:/bin man -w dhcpdiag 2>/dev/null)" = /usr/local/share/man/man1/dhcpdiag.1 ] &&
	 [ "$(PATH=/usr/local/bin:/usr/bin:/bin man -w 7 dhcpdiag-options 2>/dev/null)" = /usr/local/share/man/man7/dhcpdiag-options.7 ]'

# Each shell starts as a user's would: no XDG_DATA_DIRS, an empty HOME, PATH from /etc/profile
# (bash) or the default; only the prompt is made known. The line must become `dhcpdiag discover`.
shell_env=(env -i HOME="$tmp/home" TERM=xterm-256color LANG=C.UTF-8
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
tab_disc() { # PROMPT: type dhcpdiag disc, Tab
	typed "dhcpdiag disc"
	keys Tab
	wait_for "^$1 ?dhcpdiag discover ?\$" 5
}

# bash: a login shell reads /etc/profile.d/bash_completion.sh, which loads bash-completion;
# its loader finds the script in /usr/local/share/bash-completion/completions on first Tab
if [ -r /usr/share/bash-completion/bash_completion ]; then
	tm_start -c "$tmp/cwd" "${shell_env[@]}" bash --login
	typed "PS1='bash> '; clear"
	keys Enter
	if wait_last "bash>" 5; then
		checks "bash (login): bash-completion is loaded" \
			'keys "type -t _completion_loader >/dev/null && echo LOADED" Enter; wait_for "^LOADED" 3'
		keys C-l
		wait_last "bash>" 2
		check "bash (login, bash-completion): dhcpdiag disc<Tab> -> discover" tab_disc "bash>"
	else
		fail "bash starts in tmux"
	fi
	tm_stop
else
	skip "bash-completion not installed (tests/deps.sh installs it)"
fi

# zsh: compinit alone (Debian's fpath has /usr/local/share/zsh/site-functions)
if command -v zsh >/dev/null; then
	tm_start -c "$tmp/cwd" "${shell_env[@]}" zsh -f
	typed "PS1='zsh> '; autoload -Uz compinit; compinit -u; clear"
	keys Enter
	if wait_last "zsh>" 5; then
		check "zsh (compinit): dhcpdiag disc<Tab> -> discover" tab_disc "zsh>"
	else
		fail "zsh starts in tmux and loads compinit"
	fi
	tm_stop
else
	skip "zsh not installed"
fi

# fish: its own configuration (/etc/fish) and search path; no autosuggestion, so what shows
# after Tab is the completion alone
if command -v fish >/dev/null; then
	tm_start -c "$tmp/cwd" "${shell_env[@]}" fish -C \
		'function fish_prompt; echo -n "fish> "; end; set -g fish_greeting; set -g fish_autosuggestion_enabled 0'
	keys C-l
	if wait_last "fish>" 5; then
		check "fish: dhcpdiag disc<Tab> -> discover" tab_disc "fish>"
	else
		fail "fish starts in tmux"
	fi
	tm_stop
else
	skip "fish not installed"
fi

out=$(cd "$root" && make --no-print-directory -s BUILD="$build" PREFIX=/usr/local uninstall 2>&1)
st=$?
printf '%s\n' "$out" | sed 's/^/# make uninstall: /'
left=$(find /usr/local -type f 2>/dev/null; ls /etc/fish/completions/dhcpdiag.fish 2>/dev/null)
checks "make uninstall removes every installed file${left:+ (left: $(echo $left))}" \
	'[ "$st" -eq 0 ] && [ -z "$left" ]'
[ "$TTY_FAILS" -eq 0 ]
