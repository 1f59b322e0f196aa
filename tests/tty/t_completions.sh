#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_completions.sh - the argv completions of completions/ in the three shells, the same
# cases for each: bash calls the function with COMP_WORDS set, fish prints its candidates
# with `complete -C`, zsh (compinit) runs in tmux and Tab is pressed on a typed line.
# A shell that is not installed is skipped (tests/deps.sh installs them).
set -u
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/dd-compl.XXXXXX)
trap 'tm_stop; rm -rf "$tmp"' EXIT
export HOME=$tmp
# the scripts run "dhcpdiag": the binary under test, found first on PATH
mkdir -p "$tmp/bin" "$tmp/cwd"
ln -s "$BIN" "$tmp/bin/dhcpdiag"
: >"$tmp/cwd/cap.pcap" # a file name for decode and --write to complete
n=$("$BIN" --complete-words commands | wc -l)

# the cases: "WORDS TYPED|the one completion expected"; the last word is the one completed
cases=(
	"disc|discover"
	"ar|arp"
	"--vers|--version"
	"discover --ti|--timeout"
	"decode --th|--threads"
	"options vendor-cl|vendor-class-identifier"
	"--option vendor-cl|vendor-class-identifier"
	"--timeout 4 sh|show"
	"-i lo disc|discover"
	"set tim|timeout"
	"unset tim|timeout"
	"show off|offer offers"
	"decode ca|cap.pcap"
	"discover --write ca|cap.pcap"
	# values: the setting's row says what they are (words, option names, file names)
	"set wait fi|first"
	"set output js|json"
	"set keep of|off"
	"set mac ra|random"
	"discover --wait qu|quiet"
	"discover --vlan o|off"
	"set option vendor-cl|vendor-class-identifier"
	"set write ca|cap.pcap"
	# each command offers the flags it takes, no other: decode has no --timeout
	"decode --te|--text"
	"decode --br|--brief"
	"decode -r ca|cap.pcap"
	"arp --vl|--vlan"
	"discover --bri|--brief"
	"discover -w ca|cap.pcap"
	"-w cap.pcap disc|discover"
	# check: its flags from its usage line, --metrics a file (its setting's row)
	"ch|check"
	"check --cr|--critical"
	"check --metrics ca|cap.pcap"
)
# nothing is offered after these
none=("--timeout" "discover --timeout" "set timeout" "unset wait" "set wait first")

# bash: the words the function puts in COMPREPLY, space-separated, sorted
bc() {
	(cd "$tmp/cwd" && PATH="$tmp/bin:$PATH" bash -c \
		'. "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _dhcpdiag; printf "%s\n" "${COMPREPLY[@]}"' \
		"$root/completions/dhcpdiag.bash" "$@") | sed '/^$/d' | sort | paste -sd ' '
}
# fish: the candidates for a command line (descriptions cut off), space-separated, sorted;
# fish finds the script itself, in completions/ only
fc() {
	(cd "$tmp/cwd" && PATH="$tmp/bin:$PATH" fish --no-config -c \
		'set -g fish_complete_path $argv[1]; complete -C $argv[2]' "$root/completions" "$1") |
		cut -f1 | sort | paste -sd ' '
}

for c in "${cases[@]}"; do
	line=${c%%|*} want=${c#*|}
	read -ra w <<<"$line"
	[ "${line: -1}" = " " ] && w+=("")
	got=$(bc dhcpdiag "${w[@]}")
	msg=""; [ "$got" = "$want" ] || msg=" (got: ${got:-nothing})"
	checks "bash: dhcpdiag $line<Tab> -> $want$msg" '[ "$got" = "$want" ]'
done
checks "bash: every command is offered ($n)" '[ "$n" -gt 0 ] && [ "$(bc dhcpdiag "" | wc -w)" -eq "$n" ]'
for line in "${none[@]}"; do
	read -ra w <<<"$line"
	checks "bash: nothing is offered ($line <Tab>)" '[ -z "$(bc dhcpdiag "${w[@]}" "")" ]'
done
got=$(bc dhcpdiag decode --t)
checks "bash: decode --t<Tab> offers decode's flags only, no --timeout (${got:-nothing})" '[ "$got" = "--text --threads" ]'
checks "bash: help -<Tab> offers nothing (help takes no flag)" '[ -z "$(bc dhcpdiag help -)" ]'
checks "bash: -i offers interface names (lo)" 'bc dhcpdiag -i "" | tr " " "\n" | grep -qx lo'
checks "bash: set interface offers interface names (lo)" 'bc dhcpdiag set interface "" | tr " " "\n" | grep -qx lo'
got=$(bc dhcpdiag set wait "")
checks "bash: set wait <Tab> offers every wait mode (${got:-nothing})" '[ "$got" = "all first quiet servers" ]'

if command -v fish >/dev/null; then
	checks "fish parses dhcpdiag.fish" 'fish -n "$root/completions/dhcpdiag.fish"'
	for c in "${cases[@]}"; do
		line=${c%%|*} want=${c#*|}
		got=$(fc "dhcpdiag $line")
		msg=""; [ "$got" = "$want" ] || msg=" (got: ${got:-nothing})"
		checks "fish: dhcpdiag $line<Tab> -> $want$msg" '[ "$got" = "$want" ]'
	done
	checks "fish: every command is offered ($n)" '[ "$n" -gt 0 ] && [ "$(fc "dhcpdiag " | wc -w)" -eq "$n" ]'
	for line in "${none[@]}"; do
		checks "fish: nothing is offered ($line <Tab>)" '[ -z "$(fc "dhcpdiag $line ")" ]'
	done
	got=$(fc "dhcpdiag decode --t")
	checks "fish: decode --t<Tab> offers decode's flags only, no --timeout (${got:-nothing})" '[ "$got" = "--text --threads" ]'
	checks "fish: -i offers interface names (lo)" 'fc "dhcpdiag -i " | tr " " "\n" | grep -qx lo'
	checks "fish: set interface offers interface names (lo)" 'fc "dhcpdiag set interface " | tr " " "\n" | grep -qx lo'
	got=$(fc "dhcpdiag set wait ")
	checks "fish: set wait <Tab> offers every wait mode (${got:-nothing})" '[ "$got" = "all first quiet servers" ]'
else
	skip "fish not installed: dhcpdiag.fish not tested"
fi

if ! command -v zsh >/dev/null; then
	skip "zsh not installed: _dhcpdiag not tested"
elif ! command -v tmux >/dev/null; then
	skip "tmux not installed: _dhcpdiag not tested"
else
	checks "zsh parses _dhcpdiag" 'zsh -n "$root/completions/_dhcpdiag"'
	# zsh -f reads no rc file; compinit finds _dhcpdiag through fpath, as an installed one would be
	tm_start -c "$tmp/cwd" env PATH="$tmp/bin:$PATH" HOME="$tmp" zsh -f
	typed "PS1='zsh> '; fpath=($root/completions \$fpath); autoload -Uz compinit; compinit -u; clear"
	keys Enter
	if ! wait_last "zsh>" 5; then
		fail "zsh starts and loads compinit"
	else
		zc() { # LINE WANT: type dhcpdiag LINE, Tab, the line must read dhcpdiag WANT
			keys C-u
			keys C-l
			wait_last "zsh>" 2 || return 1
			typed "dhcpdiag $1"
			keys Tab
			wait_last "zsh> dhcpdiag $2" 3
		}
		for c in "${cases[@]}"; do
			line=${c%%|*} want=${c#*|}
			case $want in
			*" "*) # two candidates: only their common start is inserted
				want=${want%% *} ;;
			esac
			# the completed word replaces the last typed word
			prefix=${line% *}
			[ "$prefix" = "$line" ] && prefix="" || prefix="$prefix "
			check "zsh: dhcpdiag $line<Tab> -> $want" zc "$line" "$prefix$want"
		done
		# nothing is offered: the line stays and no list appears under it; the X typed
		# after Tab is read only once the completion has finished
		zc_none() {
			keys C-u
			keys C-l
			wait_last "zsh>" 2 || return 1
			typed "dhcpdiag $1"
			keys Tab
			typed X
			wait_last "zsh> dhcpdiag $1X" 3
		}
		for line in "${none[@]}"; do
			check "zsh: nothing is offered ($line <Tab>)" zc_none "$line "
		done
	fi
	tm_stop
fi
[ "$TTY_FAILS" -eq 0 ]
