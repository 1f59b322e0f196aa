#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_shell.sh - the readline shell in a terminal (tmux): prompt, completion, help,
# prefixes, Ctrl-C, Ctrl-D, history across two runs. No network.
set -u
. "$(dirname "$0")/lib.sh"
if ! command -v tmux >/dev/null; then
	skip "shell tests: tmux not installed"
	exit 0
fi
tmp=$(mktemp -d /tmp/dd-tty.XXXXXX)
trap 'tm_stop; rm -rf "$tmp"' EXIT
export HOME=$tmp NO_COLOR=1

start_ms=$(date +%s%3N)
# a wrapper keeps the exit status: tmux may not reap a busy pane's program in time
# shellcheck disable=SC2016
tm_start sh -c 'trap : INT; "$0"; echo $? >"$1"' "$BIN" "$tmp/status"
if wait_last "dhcpdiag>" 10; then
	end_ms=$(date +%s%3N)
	ok "the prompt appears"
	pid=$(cat "/proc/$(pane pane_pid)/task/$(pane pane_pid)/children" 2>/dev/null | awk '{print $1}')
	rss=$(awk '/^VmRSS/ {print $2 " " $3}' "/proc/$pid/status" 2>/dev/null)
	note "start to prompt: $((end_ms - start_ms)) ms (tmux start included); RSS at the prompt: $rss"
else
	fail "the prompt appears"
fi

typed "disc"
keys Tab
check "Tab completes a command (disc -> discover)" wait_last "dhcpdiag> discover" 3
keys C-u
typed "option add vendor-cl"
keys Tab
check "Tab completes an option name (vendor-cl -> vendor-class-identifier)" \
	wait_last "dhcpdiag> option add vendor-class-identifier" 3
keys C-u
typed "show off"
keys Tab
check "Tab completes a sub-command (show off -> offer)" wait_for "dhcpdiag> show offer" 3
keys C-u
typed "set tim"
keys Tab
check "Tab completes a setting (set tim -> timeout)" wait_last "dhcpdiag> set timeout" 3
keys C-u
typed "set wait fi"
keys Tab
check "Tab completes a setting's value (set wait fi -> first)" wait_last "dhcpdiag> set wait first" 3
keys C-u
typed "discover --output js"
keys Tab
check "Tab completes a flag's value (--output js -> json)" \
	wait_last "dhcpdiag> discover --output json" 3
keys C-u
typed "set keep o"
keys Tab
keys Tab
check "Tab Tab lists a setting's values (set keep o -> on, off)" wait_for "^off +on *$" 3
keys C-u
keys C-l
typed "decode --t"
keys Tab
keys Tab
check "Tab Tab offers a command's own flags only (decode --t -> --text --threads, no --timeout)" \
	wait_for "^--text +--threads *$" 3
keys C-u
typed "dicsover"
keys Enter
check "a mistyped command: did you mean (dicsover -> discover)" \
	wait_for "unknown command 'dicsover' \(did you mean 'discover'\?\)" 3
keys C-l
typed "discover --ti"
keys Tab
check "Tab completes a flag after a command (--ti -> --timeout)" \
	wait_last "dhcpdiag> discover --timeout" 3
keys C-u

typed "help"
keys Enter
check "help lists the commands" wait_for "^  discover .*DISCOVER" 3
wait_last "dhcpdiag>" 3
keys C-l
typed "help discover"
keys Enter
check "help discover explains it" wait_for "^usage: discover" 3
wait_last "dhcpdiag>" 3
keys C-l

typed "hel he"
keys Enter
check "an unambiguous prefix runs the command (hel he -> help help)" \
	wait_for "^usage: help \[COMMAND\]" 3
keys C-l
typed "re"
keys Enter
check "an ambiguous prefix names the candidates" \
	wait_for "ambiguous command 're': release, request" 3
check "the shell survives an error" wait_last "dhcpdiag>" 3
keys C-l
typed "frobnicate"
keys Enter
check "an unknown command is refused" wait_for "unknown command 'frobnicate'" 3
keys C-l

typed "set interface lo"
keys Enter
check "the prompt names the interface" wait_last "dhcpdiag lo>" 3

typed "half a line"
keys C-c
sleep 0.2
check "Ctrl-C clears a half-typed line and the shell stays" wait_last "dhcpdiag lo>" 3
keys C-l

typed "history"
keys Enter
check "history lists the lines typed" wait_for "^ +[0-9]+  set interface lo" 3
check "the prompt is back after history" wait_last "dhcpdiag lo>" 3
keys C-d
check "Ctrl-D on an empty line quits" wait_dead 5
st=$(cat "$tmp/status" 2>/dev/null)
check "exit status after Ctrl-D is 0 (${st:-none})" [ "$st" = 0 ]

check "the history file was written" grep -qx "set interface lo" "$tmp/.dhcpdiag_history"

# second run: the first run's lines come back
tm_start "$BIN"
wait_last "dhcpdiag>" 10
keys Up
check "history persists across runs (Up shows the last line of the first run)" \
	wait_last "dhcpdiag> history" 3
keys C-u
typed "quit"
keys Enter
check "quit leaves" wait_dead 5
lines=$(grep -c . "$tmp/.dhcpdiag_history")
check "history appends: 8 lines of the first run, 1 of the second ($lines)" [ "$lines" -eq 9 ]
tm_stop
[ "$TTY_FAILS" -eq 0 ]
