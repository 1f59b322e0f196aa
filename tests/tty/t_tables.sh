#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_tables.sh - every command of the table has help text, a man page entry and a
# completion word; every setting and exit status is in the man page, whose sections come
# in the usual order (the settings list is generated from the settings table: this checks
# the page the build made); the option list is dhcpdiag-options(7); the completion scripts take
# their words from the binary (t_completions.sh runs them in bash, zsh and fish).
set -u
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/man/dhcpdiag.1.in
man=$(dirname "$BIN")/dhcpdiag.1 # the Makefile builds it next to the binary
optman=$root/man/dhcpdiag-options.7.in
tmp=$(mktemp -d /tmp/dd-tables.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
if [ ! -f "$man" ]; then
	fail "the built man page is at $man (make builds it with the binary)"
	exit 1
fi

# troff to plain text: font changes, minus signs, break points, macro names, quotes
untroff() { sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\://g' -e 's/^\.[A-Z]* //' -e 's/"//g'; }
# the terms of a man page section: the line after each .TP
section_terms() {
	awk -v s="$1" '/^\.SH / { in_s = ($2 == s) } in_s && prev == ".TP" { print } { prev = $0 }' "$man" | untroff
}
# the paragraph of the term that starts with KEY in a section, as one line
term_text() { # SECTION KEY
	awk -v s="$1" '/^\.SH / { in_s = ($2 == s) } in_s { print }' "$man" | untroff |
		awk -v k="$2" '$0 == ".TP" { on = 0; prev = $0; next } prev == ".TP" { on = ($1 == k) } on && !/^\./ { printf "%s ", $0 } { prev = $0 } END { print "" }'
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
noman="" nohelp="" nodef="" ns=0
"$BIN" show settings >"$tmp/show"
for k in $settings; do
	ns=$((ns + 1))
	section_terms SETTINGS | grep -Eq "^$k( |$)" || noman="$noman $k"
	# its help line (`help set` prints it under the key) and its default (`show settings`
	# in a new session; "-" is none) are in the term's paragraph
	h=$("$BIN" help set | grep -A1 "^  $k " | sed -n '2s/^ *//p' | sed 's/ (as a flag.*//')
	t=$(term_text SETTINGS "$k")
	case $t in *"$h"*) ;; *) nohelp="$nohelp $k" ;; esac
	d=$(grep "^$k " "$tmp/show" | sed "s/^$k *//; s/ (.*//")
	case $d in -*) ;; *) case $t in *"Default: $d."* | *"Default: $d ("*) ;; *) nodef="$nodef $k" ;; esac ;; esac
done
checks "every setting has a man page entry${noman:+ (missing:$noman)}" '[ -z "$noman" ]'
checks "...with its help line${nohelp:+ (missing:$nohelp)}" '[ -z "$nohelp" ]'
checks "...and its default${nodef:+ (missing:$nodef)}" '[ -z "$nodef" ]'
nt=$(section_terms SETTINGS | wc -l)
checks "the man page lists no other settings ($nt entries, $ns settings)" '[ "$nt" -eq "$ns" ]'
# the section's list, from its first .TP on, is what the binary prints now (not a stale page)
awk '/^\.SH / { in_s = ($2 == "SETTINGS") } in_s && /^\.TP$/ { on = 1 } in_s && on' "$man" >"$tmp/page.set"
checks "the built page's settings are the binary's (set --man)" \
	'"$BIN" set --man >"$tmp/set.man" && [ -s "$tmp/set.man" ] && cmp -s "$tmp/set.man" "$tmp/page.set"'
checks "the source has the @SETTINGS@ line the Makefile replaces, and no entries of its own" \
	'grep -qx "@SETTINGS@" "$src" &&
	 [ -z "$(awk '\''/^\.SH / { in_s = ($2 == "SETTINGS") } in_s && /^\.TP/'\'' "$src")" ]'
# cli.h's DD_* and the sysexits codes cli/ returns (EX_USAGE ... EX_NOPERM)
noman=""
for st in 0 1 2 3 64 66 70 73 74 77 130 143; do
	section_terms "EXIT" | grep -qx "$st" || noman="$noman $st"
done
checks "the man page lists every exit status${noman:+ (missing:$noman)}" '[ -z "$noman" ]'
checks "dhcpdiag-options(7) has the @OPTIONS@ line the Makefile replaces" 'grep -qx "@OPTIONS@" "$optman"'
checks "dhcpdiag(1) has no option list of its own and refers to dhcpdiag-options(7)" \
	'! grep -q "@OPTIONS@" "$man" && grep -qF ".BR dhcpdiag\\-options (7)" "$man"'
# the sections in the usual order (man-pages(7)); the others are subsections (.SS)
order=$(grep '^\.SH ' "$man" | sed 's/^\.SH //; s/"//g' | paste -sd '|')
want='NAME|SYNOPSIS|DESCRIPTION|OPTIONS|COMMANDS|SETTINGS|FINDINGS|EXIT STATUS|ENVIRONMENT|FILES|EXAMPLES|SEE ALSO'
msg=""; [ "$order" = "$want" ] || msg=" (got: $order)"
checks "dhcpdiag(1) has its sections in the usual order$msg" '[ "$order" = "$want" ]'
checks "dhcpdiag(1) documents -V, --version (OPTIONS and SYNOPSIS)" \
	'section_terms OPTIONS | grep -Eq -- "^-V ,? *--version$" && grep -qF -- "\\-V | \\-\\-version" "$man"'
noman=""
checks "the built page has no marker left" '! grep -q "^@[A-Z]*@$" "$man"'
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
