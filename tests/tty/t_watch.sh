#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_watch.sh - the watch view in a terminal (tmux) replaying a capture: the server row,
# the options detail, 80x24, help, rogue marking, q back to the shell. No network.
set -u
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.." || exit 1
if ! command -v tmux >/dev/null; then
	skip "watch view tests: tmux not installed"
	exit 0
fi
pcap=../shared/corpus/zeek/dhcp.pcap
if [ ! -r "$pcap" ]; then
	skip "watch view tests: $pcap not present"
	exit 0
fi
tmp=$(mktemp -d /tmp/dd-tty.XXXXXX)
trap 'tm_stop; rm -rf "$tmp"' EXIT
export HOME=$tmp NO_COLOR=1

# the one server of this capture: 128.2.6.152, lease 900 s, router 128.2.6.1, 1 OFFER 1 ACK 1 NAK
row_re='128\.2\.6\.152 +00:0c:29:40:0e:ef +1/1/1 .*900s +450s\*/787s\* .*128\.2\.6\.1'

# through sh, so that the exit status lands in a file (tmux's pane_dead_status can lag)
# in a zone far from UTC: the view's times are UTC all the same, and its title says so
tm_start env TZ=Asia/Tokyo sh -c '"$1" watch -r "$2"; echo "exit $?" >"$3"' sh "$BIN" "$pcap" "$tmp/status"
check "watch -r shows the server with counts, lease, derived T1/T2 and router" wait_for "$row_re" 5
check "the title says the times are UTC" wait_for "^ dhcpdiag watch  times UTC " 2
check "LAST is the UTC time of the server's last reply (19:14:04, not Tokyo's 04:14:04)" \
	wait_for "128\.2\.6\.152 +00:0c:29:40:0e:ef +1/1/1 +19:14:04 " 2
check "the status line says the file ended after 9 packets" wait_for "pkts 9 .*end of file" 3
check "transactions are listed with their DORA progress" wait_for "0x000007c0 +DORA" 3

keys Enter
check "Enter shows the options of the latest reply" wait_for "server-identifier" 3
check "the detail shows the decoded lease time" wait_for "51 lease-time +900" 2
keys Escape
check "Esc closes the options" wait_for "SERVER-ID +MAC" 3

tm resize-window -t t -x 80 -y 24 >/dev/null 2>&1
sleep 0.3
check "80x24: server id, MAC, counts, lease, T1/T2 and router still fit" \
	wait_for '^  128\.2\.6\.152 +00:0c:29:40:0e:ef +1/1/1 +900s +450s\*/787s\* +128\.2\.6\.1' 3
wide=$(screen | awk 'length > 80' | wc -l)
check "80x24: no line wider than the terminal" [ "$wide" -eq 0 ]
check "80x24: the status line is on the last row" wait_for "^file .*pkts 9" 2

# narrower: columns drop, and the header says how many and what to do
tm resize-window -t t -x 60 -y 20 >/dev/null 2>&1
sleep 0.3
check "60x20: the server header says columns are hidden (+N)" wait_for "^  SERVER-ID .* \+[0-9]+( cols: widen the terminal)?$" 3
check "60x20: the transaction header too" wait_for "^  CLIENT .* \+[0-9]+( cols?: widen the terminal)?$" 2
# the help box at 40x14: its lines wrapped at spaces, the last one cut with " ..."
tm resize-window -t t -x 40 -y 14 >/dev/null 2>&1
sleep 0.3
keys '?'
check "40x14: the help box cuts what does not fit with ' ...'" wait_for " \.\.\.\s*$" 2
wide=$(screen | awk 'length > 40' | wc -l)
check "40x14: no line wider than the terminal" [ "$wide" -eq 0 ]
checks "40x14: the help wraps at a space (\"... (scroll\" then \"the options)\")" \
	'screen | grep -q "select a server (scroll *.\?\$" && screen | grep -q "^ *the options) *\$"'
keys x
tm resize-window -t t -x 80 -y 24 >/dev/null 2>&1
sleep 0.3

keys '?'
check "? shows the key table" wait_for "keys \(any key closes\)" 2
check "the key table lists d (DISCOVER)" wait_for "send a DISCOVER" 1
keys x
check "any key closes the help" wait_for "SERVER-ID" 2

keys s
check "s cycles the sort" wait_for "sort server-id" 2
keys /
typed "10.0.0"
keys Enter
check "/ filters: nothing matches 10.0.0" wait_for "no server matches the filter" 2
keys Escape
check "Esc drops the filter" wait_for "$row_re" 2

keys q
if wait_dead 3; then
	ok "q quits the view"
	for ((i = 0; i < 40; i++)); do # the wrapper writes the status as the pane ends
		[ -s "$tmp/status" ] && break
		sleep 0.05
	done
	check "watch exits 0 ($(cat "$tmp/status" 2>/dev/null))" grep -qx "exit 0" "$tmp/status"
else
	fail "q quits the view"
fi
tm_stop

# an allow-list that does not name the capture's server: it is marked rogue
tm_start "$BIN" watch -r "$pcap" --allow-server 198.18.0.1
check "a server missing from --allow-server is marked rogue (!)" wait_for '^! 128\.2\.6\.152' 5
keys q
wait_dead 3 || true
tm_stop

# from the shell: watch, q, and the prompt is back with the session intact
tm_start "$BIN"
if wait_last "dhcpdiag>" 10; then
	typed "watch -r $pcap"
	keys Enter
	check "watch runs from the shell" wait_for "$row_re" 5
	keys q
	check "q returns to the shell prompt" wait_last "dhcpdiag>" 5
	check "after q, one line sums up what the view saw" wait_for "^watch: 9 packets \(9 DHCP\) in [0-9.]+ s, 1 server$" 2
	typed "watch -r $tmp/none.pcap"
	keys Enter
	check "the shell still runs commands after watch" wait_for "watch: .*none\.pcap" 3
	keys C-d
	wait_dead 3 || true
else
	fail "the shell prompt appears"
fi
exit $((TTY_FAILS > 0))
