#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/pkg/run.sh - the Debian package, end to end: `make deb` (into a temporary directory),
# lintian (no errors), dpkg -i, then the installed program (version, a decode, its group, mode,
# capabilities and statoverride, man pages, completions, docs), dpkg -r, dpkg --purge, and
# nothing left. Root only: it installs on this system for the length of the test, and puts it
# back as it was (the trap purges the package and removes the group if the test made it).
# Prints "ok - ..." / "FAIL - ..." / "skip - ..." lines like the other suites.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
fails=0
ok() { echo "ok - $*"; }
fail() {
	echo "FAIL - $*"
	fails=$((fails + 1))
}
checks() { # DESCRIPTION 'shell condition'
	if eval "$2"; then ok "$1"; else fail "$1"; fi
}
note() { echo "# $*"; }

if [ "$(id -u)" -ne 0 ]; then
	echo "skip - pkg: dpkg -i needs root"
	exit 0
fi
for c in dpkg-buildpackage dh lintian fakeroot getcap; do
	if ! command -v "$c" >/dev/null; then
		echo "skip - pkg: no $c (tests/deps.sh installs debhelper, dpkg-dev, lintian, fakeroot, libcap2-bin)"
		exit 0
	fi
done
if dpkg-query -W -f='${Status}' dhcpdiag 2>/dev/null | grep -q ' installed$\|half\|unpacked'; then
	echo "skip - pkg: a dhcpdiag package is installed here already; not replacing it" \
		"(dpkg --purge dhcpdiag, then run again)"
	exit 0
fi

version=$(sed -n 's/^VERSION := //p' Makefile)
start=$(date +%s)
tmp=$(mktemp -d /tmp/dhcpdiag-pkg.XXXXXX)
had_group=no
getent group dhcpdiag >/dev/null && had_group=yes
installed=0
cleanup() {
	if [ "$installed" = 1 ]; then
		dpkg --purge dhcpdiag >/dev/null 2>&1
	fi
	# the package leaves its group (as system groups stay); the test does not
	if [ "$had_group" = no ] && getent group dhcpdiag >/dev/null; then
		groupdel dhcpdiag
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# build: the .deb goes to the temporary directory, build/ stays as it is
t0=$(date +%s)
make --no-print-directory -s deb BUILD="$tmp" >"$tmp/make.out" 2>&1
st=$?
build_s=$(($(date +%s) - t0))
deb=$(ls "$tmp"/dhcpdiag_"$version"_*.deb 2>/dev/null | head -1)
checks "make deb builds dhcpdiag_${version}_*.deb (${build_s} s)" '[ "$st" -eq 0 ] && [ -f "$deb" ]'
if [ -z "$deb" ]; then
	sed 's/^/# /' "$tmp/make.out" | tail -30
	exit 1
fi

# lintian: errors fail the test; warnings and the rest are shown
lintian --fail-on error --display-info "$deb" >"$tmp/lintian" 2>&1
st=$?
grep -v 'running with root privileges' "$tmp/lintian" | sed 's/^/# lintian: /'
checks "lintian finds no errors ($(grep -c '^E:' "$tmp/lintian") E, $(grep -c '^W:' "$tmp/lintian") W, $(grep -c '^I:' "$tmp/lintian") I)" \
	'[ "$st" -eq 0 ] && ! grep -q "^E:" "$tmp/lintian"'

# install
installed=1
dpkg -i "$deb" >"$tmp/dpkg-i" 2>&1
st=$?
checks "dpkg -i installs it" '[ "$st" -eq 0 ] && dpkg-query -W -f="\${Status}" dhcpdiag | grep -q "install ok installed"'
[ "$st" -eq 0 ] || sed 's/^/# /' "$tmp/dpkg-i"

bin=/usr/bin/dhcpdiag
out=$("$bin" --version 2>&1)
checks "dhcpdiag --version: 'dhcpdiag $version', then libpcap, readline, ncurses" \
	'[ "$(printf "%s\n" "$out" | head -1)" = "dhcpdiag $version" ] &&
	 printf "%s\n" "$out" | sed -n 2p | grep -q "^libpcap version" &&
	 printf "%s\n" "$out" | sed -n 3p | grep -q "^readline " &&
	 printf "%s\n" "$out" | sed -n 4p | grep -q "^ncurses "'
# a decode of a fixture, byte for byte what the fixture suite expects
for n in opt121 relay; do
	python3 tests/fixtures/mkpcap.py "tests/fixtures/synth/$n.hex" "$tmp/$n.pcap"
	{ TZ=UTC NO_COLOR=1 "$bin" decode "$tmp/$n.pcap" 2>/dev/null; echo "[exit $?]"; } >"$tmp/$n.out"
	checks "the installed dhcpdiag decodes $n.pcap as tests/fixtures/expected/$n.txt" \
		'cmp -s "$tmp/$n.out" "tests/fixtures/expected/$n.txt"'
done

# privileges: the dumpcap way
gid=$(getent group dhcpdiag | cut -d: -f3)
checks "postinst made the system group dhcpdiag (gid ${gid:-none})" \
	'[ -n "$gid" ] && [ "$gid" -lt "$(awk "/^UID_MIN/ { print \$2 }" /etc/login.defs || echo 1000)" ]'
own=$(stat -c '%U:%G %a' "$bin")
checks "$bin is root:dhcpdiag 0750 (is: $own)" '[ "$own" = "root:dhcpdiag 750" ]'
ovr=$(dpkg-statoverride --list "$bin")
checks "dpkg-statoverride has it (${ovr:-none})" '[ "$ovr" = "root dhcpdiag 750 $bin" ]'
caps=$(getcap "$bin")
checks "it has cap_net_admin,cap_net_raw=ep (${caps:-none})" \
	'printf "%s\n" "$caps" | grep -q "cap_net_admin,cap_net_raw=ep"'
checks "a user outside the group cannot run it (nobody)" \
	'! runuser -u nobody -- "$bin" --version >/dev/null 2>&1'

for f in /usr/share/man/man1/dhcpdiag.1.gz /usr/share/man/man7/dhcpdiag-options.7.gz \
	/usr/share/bash-completion/completions/dhcpdiag /usr/share/zsh/vendor-completions/_dhcpdiag \
	/usr/share/fish/vendor_completions.d/dhcpdiag.fish /usr/share/doc/dhcpdiag/copyright \
	/usr/share/doc/dhcpdiag/changelog.gz /usr/share/doc/dhcpdiag/README.md.gz \
	/usr/share/doc/dhcpdiag/JSON.md.gz /usr/share/doc/dhcpdiag/CHANGELOG.md; do
	checks "the package installed $f" '[ -f "$f" ]'
done
checks "man -w finds dhcpdiag(1) and dhcpdiag-options(7) in /usr/share/man" \
	'[ "$(man -w dhcpdiag)" = /usr/share/man/man1/dhcpdiag.1.gz ] &&
	 [ "$(man -w 7 dhcpdiag-options)" = /usr/share/man/man7/dhcpdiag-options.7.gz ]'
checks "the installed man page carries the version ($version)" \
	'zcat /usr/share/man/man1/dhcpdiag.1.gz | grep -q "^\.TH DHCPDIAG 1 \"[0-9-]*\" \"dhcpdiag $version\""'

# remove, then purge: nothing of it left but the group (system groups stay)
files=$(dpkg-query -L dhcpdiag | while read -r f; do [ -f "$f" ] && echo "$f"; done)
dpkg -r dhcpdiag >"$tmp/dpkg-r" 2>&1
st=$?
left=$(for f in $files; do [ -e "$f" ] && echo "$f"; done)
checks "dpkg -r removes every file of the package${left:+ (left: $(echo $left))}" \
	'[ "$st" -eq 0 ] && [ -n "$files" ] && [ -z "$left" ]'
checks "dpkg -r takes the statoverride away" '[ -z "$(dpkg-statoverride --list "$bin")" ]'
dpkg --purge dhcpdiag >"$tmp/dpkg-purge" 2>&1
st=$?
installed=0
checks "dpkg --purge: dpkg knows no dhcpdiag any more" \
	'[ "$st" -eq 0 ] && ! dpkg-query -W -f="\${Status}" dhcpdiag 2>/dev/null | grep -q "ok \(installed\|config-files\)"'
checks "the group dhcpdiag stays after purge, and purge says so" \
	'getent group dhcpdiag >/dev/null && grep -q "group dhcpdiag stays" "$tmp/dpkg-purge"'

note "pkg: make deb ${build_s} s, whole test $(($(date +%s) - start)) s"
[ "$fails" -eq 0 ]
