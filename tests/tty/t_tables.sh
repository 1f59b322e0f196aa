#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_tables.sh - every command of the table has help text, a man page entry and a
# completion word; every setting and exit status is in the man page, whose sections come
# in the usual order; the option list is dhcpdiag-options(7); the completion scripts take
# their words from the binary (t_completions.sh runs them in bash, zsh and fish).
set -u
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
man=$root/man/dhcpdiag.1.in
optman=$root/man/dhcpdiag-options.7.in
tmp=$(mktemp -d /tmp/dd-tables.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# the terms of the man page: the line after each .TP, with troff escapes removed
awk 'prev == ".TP" { print } { prev = $0 }' "$man" |
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/^\.[A-Z]* //' -e 's/"//g' >"$tmp/terms"
# the man page section a term is in
section_terms() {
	awk -v s="$1" '/^\.SH / { in_s = ($2 == s) } in_s && prev == ".TP" { print } { prev = $0 }' "$man" |
		sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/^\.[A-Z]* //' -e 's/"//g'
}

cmds=$("$BIN" --complete-words commands)
n=0 nohelp="" noman="" 
for c in $cmds; do
	n=$((n + 1))
	h=$("$BIN" help "$c" 2>/dev/null)
	if ! printf '%s\n' "$h" | head -1 | grep -q "^usage: $c" ||
		[ -z "$(printf '%s\n' "$h" | sed -n 2p)" ]; then
		nohelp="$nohelp $c"
	fi
	section_terms COMMANDS | grep -Eq "(^|[ ,|])$c([ ,|]|$)" || noman="$noman $c"
done
checks "the table has commands ($n)" '[ "$n" -ge 15 ]'
checks "every command has a usage line and help text${nohelp:+ (missing:$nohelp)}" '[ -z "$nohelp" ]'
checks "every command has a man page entry${noman:+ (missing:$noman)}" '[ -z "$noman" ]'

# completion words: the shell's Tab and the scripts both use the same list
missing=""
for c in $cmds; do
	"$BIN" --complete-words commands | grep -qx "$c" || missing="$missing $c"
done
checks "every command is a completion word" '[ -z "$missing" ]'

# every flag a command's usage line names is offered when completing after that command
noflag=""
for c in $cmds; do
	usage=$("$BIN" help "$c" 2>&1 | head -1)
	words=$("$BIN" --complete-words "flags:$c")
	for f in $(printf '%s\n' "$usage" | grep -oE -- '(^|[[ |])--?[a-z][a-z-]*' | sed 's/^[[ |]//'); do
		printf '%s\n' "$words" | grep -qx -- "$f" || noflag="$noflag $c:$f"
	done
done
checks "every flag in a usage line is a completion word${noflag:+ (missing:$noflag)}" '[ -z "$noflag" ]'
checks "command flags complete (decode --filter, watch --realtime, request --renew)" \
	'"$BIN" --complete-words flags:decode | grep -qx -- --filter &&
	 "$BIN" --complete-words flags:watch | grep -qx -- --realtime &&
	 "$BIN" --complete-words flags:request | grep -qx -- --renew'

settings=$("$BIN" --complete-words settings)
noman=""
for k in $settings; do
	section_terms SETTINGS | grep -Eq "^$k( |$)" || noman="$noman $k"
done
checks "every setting has a man page entry${noman:+ (missing:$noman)}" '[ -z "$noman" ]'
# cli.h's DD_* and the sysexits codes cli/ returns (EX_USAGE ... EX_NOPERM)
noman=""
for st in 0 1 2 64 66 70 73 77 130; do
	section_terms "EXIT" | grep -qx "$st" || noman="$noman $st"
done
checks "the man page lists every exit status${noman:+ (missing:$noman)}" '[ -z "$noman" ]'
checks "dhcpdiag-options(7) has the @OPTIONS@ line the Makefile replaces" 'grep -qx "@OPTIONS@" "$optman"'
checks "dhcpdiag(1) has no option list of its own and refers to dhcpdiag-options(7)" \
	'! grep -q "@OPTIONS@" "$man" && grep -qF ".BR dhcpdiag\\-options (7)" "$man"'
# the sections in the usual order (man-pages(7)); the others are subsections (.SS)
order=$(grep '^\.SH ' "$man" | sed 's/^\.SH //; s/"//g' | paste -sd '|')
want='NAME|SYNOPSIS|DESCRIPTION|OPTIONS|COMMANDS|SETTINGS|EXIT STATUS|ENVIRONMENT|FILES|EXAMPLES|SEE ALSO'
msg=""; [ "$order" = "$want" ] || msg=" (got: $order)"
checks "dhcpdiag(1) has its sections in the usual order$msg" '[ "$order" = "$want" ]'
checks "dhcpdiag(1) documents -V, --version (OPTIONS and SYNOPSIS)" \
	'section_terms OPTIONS | grep -Eq -- "^-V ,? *--version$" && grep -qF -- "\\-V | \\-\\-version" "$man"'
noman=""
for s in NO_COLOR HOME; do
	section_terms ENVIRONMENT | grep -qx "$s" || noman="$noman $s"
done
checks "the man page documents NO_COLOR and HOME" '[ -z "$noman" ]'
if command -v groff >/dev/null; then
	w=$(groff -man -Tutf8 -ww -z "$man" 2>&1)
	checks "groff has no warnings about dhcpdiag(1)" '[ -z "$w" ]'
	w=$({ sed '/^@OPTIONS@$/,$d' "$optman"; "$BIN" options --man; sed '1,/^@OPTIONS@$/d' "$optman"; } |
		groff -man -Tutf8 -ww -z 2>&1)
	checks "groff has no warnings about dhcpdiag-options(7) with its option list" '[ -z "$w" ]'
fi

# the completion scripts hard-code no command list: each asks the binary
for f in dhcpdiag.bash _dhcpdiag dhcpdiag.fish; do
	checks "completions/$f takes its words from --complete-words" \
		'grep -q -- "--complete-words" "$root/completions/$f" && ! grep -Eq "(discover|request).*(release|inform)" "$root/completions/$f"'
done

[ "$TTY_FAILS" -eq 0 ]
