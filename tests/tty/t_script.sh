#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_script.sh - the non-interactive modes (-c, -f, stdin, argv): same commands, same
# output; stop at the first failure unless --keep-going; syntax errors name the line.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../schema/lib.sh"
tmp=$(mktemp -d /tmp/dd-script.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp
cd "$tmp" || exit 1

seq='set interface lo; option add vendor-class-identifier "MSFT 5.0"; option add 55 1,3,6
option list; options 60 --json; show settings'
"$BIN" -c "$seq" >c.out 2>c.err
rc_c=$?
printf '%s\n' "$seq" | tr ';' '\n' >probe.dd
"$BIN" -f probe.dd >f.out 2>f.err
rc_f=$?
"$BIN" <probe.dd >s.out 2>s.err
rc_s=$?
checks "-c runs a sequence (status 0)" '[ "$rc_c" -eq 0 ] && [ -s c.out ]'
check "-f gives the same output as -c" cmp -s c.out f.out
check "stdin gives the same output as -c" cmp -s c.out s.out
checks "all three exit 0 with nothing on stderr" '[ "$rc_f$rc_s" = 00 ] && [ ! -s c.err ] && [ ! -s f.err ] && [ ! -s s.err ]'
check "option add is visible in option list" grep -q 'vendor-class-identifier.*"MSFT 5.0"' c.out
check "the -c session kept the interface" grep -Eq '^interface +lo' c.out
check "--json given to one command only" grep -q '^{"code":60' c.out

"$BIN" options 60 --json >a.out 2>&1
"$BIN" options --all --json >all.json 2>&1 && schema_log all.json json
"$BIN" diagnose --findings --json >findings.json 2>&1 && schema_log findings.json json
check "argv form gives the same JSON" grep -qxF "$(cat a.out)" c.out
"$BIN" --json options 60 >g.out 2>&1
check "a global --json before the command works too" cmp -s a.out g.out

# a failing command stops the script with its status
"$BIN" -c 'help help; frobnicate; help quit' >o 2>e
rc=$?
check "an unknown command stops the script with 64 ($rc)" [ "$rc" -eq 64 ]
check "...and names the command" grep -q "unknown command 'frobnicate'" e
checks "...and what follows does not run" '! grep -q '\''usage: quit'\'' o'
"$BIN" -c 'show offer' >o 2>e
checks "missing arguments print the usage line, status 64" '[ $? -eq 64 ] && grep -q '\''^usage: show offer N'\'' e'
"$BIN" --keep-going -c 'help help; frobnicate; help quit' >o 2>e
rc=$?
checks "--keep-going runs on and exits with the last status ($rc)" '[ "$rc" -eq 0 ] && grep -q '\''usage: quit'\'' o'
"$BIN" -c 'opt' >o 2>e
checks "an ambiguous prefix is a usage error" '[ $? -eq 64 ] && grep -q "ambiguous command '\''opt'\'': option, options" e'
printf 'help help\nfrobnicate\nhelp quit\n' | "$BIN" >o 2>e
checks "stdin scripts stop at the first failure too" '[ $? -eq 64 ] && ! grep -q '\''usage: quit'\'' o'

# syntax errors name the line, and nothing runs
printf '# a comment\n\nhelp help\noption add 60 "MSFT 5.0\nhelp quit\n' >bad.dd
"$BIN" -f bad.dd >o 2>e
rc=$?
check "a syntax error names file and line (bad.dd:4: unterminated quote)" grep -qx 'dhcpdiag: bad.dd:4: unterminated quote' e
checks "...status 64 and no command ran before it" '[ "$rc" -eq 64 ] && [ ! -s o ]'
"$BIN" -c 'help help; help "quit' >o 2>e
check "-c syntax errors name the line too" grep -qx 'dhcpdiag: -c:1: unterminated quote' e
"$BIN" -f "$tmp/no-such-file" >o 2>e
checks "an unreadable -f file exits 66" '[ $? -eq 66 ] && grep -q "cannot read" e'

# the splitter: quotes, backslashes, comments
"$BIN" -c "option add 60 'a b'\\ c\"d\\\"e\" # comment; option list" >o 2>e
checks "quotes and escapes make one word; # comments to the end of the line" '[ ! -s o ] && [ ! -s e ]'
"$BIN" -c "option add 60 'a;b'; option list" >o 2>e
check "a quoted ; does not split" grep -q '"a;b"' o

"$BIN" --version >o 2>&1
check "--version" grep -Eq '^dhcpdiag [0-9]' o
"$BIN" --help >o 2>&1
checks "--help shows the usage, status 0" '[ $? -eq 0 ] && grep -q '\''^usage: dhcpdiag'\'' o'
"$BIN" --frob >o 2>e
check "an unknown global flag is a usage error" [ $? -eq 64 ]
"$BIN" -c help help >o 2>e
check "-c together with a command is refused" [ $? -eq 64 ]
"$BIN" discover --timeout banana >o 2>e
checks "a bad --KEY value is a usage error naming the key" '[ $? -eq 64 ] && grep -q -- '\''--timeout'\'' e'
"$BIN" --keep-going -c 'set mac 02:00:00:00:00:01; set mac 01:00:00:00:00:01
set allow-server 198.18.0.1,198.18.0.2; set allow-server 198.18.0.3,x; show settings' >o 2>e
checks "a rejected value leaves the setting as it was (mac, allow-server)" \
	'grep -q "multicast" e && grep -Eqx "mac +02:00:00:00:00:01" o &&
	 grep -Eqx "allow-server +198.18.0.1,198.18.0.2" o'
# a flag a command does not take is an error, never ignored; near misses are named
for line in "decode --timeout 2 x.pcap|it does not use the setting 'timeout'" \
	"save --bogus f.pcap|unknown flag '--bogus' for save" \
	"help --json|unknown flag '--json' for help" \
	"decode --thraeds 2 x.pcap|did you mean '--threads'" \
	"discover --timout 3|did you mean '--timeout'" \
	"dicsover|unknown command 'dicsover' (did you mean 'discover'?)" \
	"set timout 3|unknown setting 'timout' (did you mean 'timeout'?)" \
	"options routr|did you mean 'router'" \
	"option add routr 198.18.0.1|did you mean 'router'" \
	"set option routr=198.18.0.1|did you mean 'router'"; do
	args=${line%%|*} want=${line#*|}
	# shellcheck disable=SC2086 # the words of the case
	"$BIN" $args >o 2>e
	rc=$?
	checks "'$args': exit 64, '$want'" '[ "$rc" -eq 64 ] && grep -qF "$want" e'
done
"$BIN" -c 'dicsover' >o 2>e
checks "the same in a script (-c): did you mean 'discover'" '[ $? -eq 64 ] && grep -qF "did you mean '\''discover'\''" e'
"$BIN" help decode >o 2>&1
checks "help decode lists the settings it takes as flags" 'grep -qx "Settings it takes as flags: --json, --text, --brief." o'

# output that cannot be written is an error (EX_IOERR)
"$BIN" options >/dev/full 2>e
checks "options > /dev/full: exit 74, and says why" '[ $? -eq 74 ] && grep -q "No space left" e'

NO_COLOR= "$BIN" -c 'option list' | grep -q $'\e' && c=1 || c=0
check "no colour in scripts" [ "$c" -eq 0 ]
[ "$TTY_FAILS" -eq 0 ]
