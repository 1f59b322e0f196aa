#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_watch_ndjson.sh - `watch` with stdout not a terminal: NDJSON events, summary, exit
# statuses. No tmux, no network.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../schema/lib.sh"
cd "$(dirname "$0")/../.." || exit 1
pcap=../shared/corpus/zeek/dhcp.pcap
if [ ! -r "$pcap" ]; then
	skip "watch NDJSON tests: $pcap not present"
	exit 0
fi
if ! command -v python3 >/dev/null; then
	skip "watch NDJSON tests: python3 (JSON checks) not installed"
	exit 0
fi
tmp=$(mktemp -d /tmp/dd-ndjson.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# jq-like checks without jq: EXPR is evaluated with `ev` (list of events) in scope
jcheck() { # description, file, python expression
	if python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if eval(sys.argv[2]) else 1)' "$2" "$3" 2>"$tmp/err"; then
		ok "$1"
	else
		fail "$1"
		sed 's/^/#   /' "$tmp/err" | tail -3
	fi
}

"$BIN" watch -r "$pcap" >"$tmp/a.json" 2>"$tmp/a.err" </dev/null
rc=$?
schema_log "$tmp/a.json" json
check "watch -r to a pipe exits 0" [ "$rc" -eq 0 ]
jcheck "every line is one JSON object" "$tmp/a.json" 'all(isinstance(e, dict) for e in ev)'
jcheck "the first event is the server, new" "$tmp/a.json" \
	'ev[0]["event"] == "server" and ev[0]["change"] == "new" and ev[0]["server-id"] == "128.2.6.152"'
jcheck "server event: lease 900, router, mask, DNS, domain" "$tmp/a.json" \
	'ev[0]["lease-time"] == 900 and ev[0]["router"] == ["128.2.6.1"] and ev[0]["subnet-mask"] == "255.255.255.0" and ev[0]["domain-name-server"] == ["128.2.1.11", "128.2.1.10"] and ev[0]["domain-name"] == "cmu.edu"'
jcheck "server event: T1/T2 derived per RFC 2131 (450/787)" "$tmp/a.json" \
	'ev[0]["renewal-time"] == 450 and ev[0]["renewal-time-derived"] and ev[0]["rebinding-time"] == 787'
jcheck "transaction events: a NAK, then a bound DORA" "$tmp/a.json" \
	'[e["outcome"] for e in ev if e["event"] == "transaction"] == ["nak", "bound"]'
jcheck "the last event is the summary: 9 packets, 9 DHCP" "$tmp/a.json" \
	'ev[-1]["event"] == "summary" and ev[-1]["packets"] == 9 and ev[-1]["dhcp"] == 9'
jcheck "summary lists the server with 1 offer, 1 ack, 1 nak, not rogue" "$tmp/a.json" \
	'[(s["offers"], s["acks"], s["naks"], s["rogue"]) for s in ev[-1]["servers"]] == [(1, 1, 1, False)]'

"$BIN" watch -r "$pcap" --allow-server 198.18.0.1 >"$tmp/b.json" 2>/dev/null </dev/null
rc=$?
jcheck "--allow-server not naming it: the server is rogue" "$tmp/b.json" 'ev[0]["rogue"] is True'
check "a rogue server makes the exit status 2" [ "$rc" -eq 2 ]
"$BIN" watch -r "$pcap" --allow-server 128.2.6.152 >"$tmp/c.json" 2>/dev/null </dev/null
rc=$?
jcheck "--allow-server naming it: not rogue" "$tmp/c.json" 'ev[0]["rogue"] is False'
check "no rogue: exit status 0" [ "$rc" -eq 0 ]
"$BIN" watch -r "$pcap" --allow-server 00:0c:29:40:0e:ef >"$tmp/d.json" 2>/dev/null </dev/null
jcheck "--allow-server by MAC" "$tmp/d.json" 'ev[0]["rogue"] is False'

"$BIN" watch </dev/null >"$tmp/e.json" 2>"$tmp/e.err"
rc=$?
check "live watch without an interface: exit 64, never a default interface" [ "$rc" -eq 64 ]
check "and says to use -i" grep -q -- "-i IFACE" "$tmp/e.err"
"$BIN" watch -r "$tmp/none.pcap" </dev/null >/dev/null 2>&1
check "an unreadable file: exit 66" [ $? -eq 66 ]
"$BIN" watch -r "$pcap" --duration=abc </dev/null >/dev/null 2>&1
check "a bad --duration: exit 64" [ $? -eq 64 ]

# --realtime paces the replay: this capture spans ~5 s, --duration=1 stops it early
start=$(date +%s%3N)
"$BIN" watch -r "$pcap" --realtime --duration=1 </dev/null >"$tmp/f.json" 2>/dev/null
el=$(($(date +%s%3N) - start))
check "--realtime --duration=1 stops after about a second (${el} ms)" test "$el" -ge 900 -a "$el" -lt 3000
jcheck "--realtime: only the first second of the capture was fed" "$tmp/f.json" \
	'ev[-1]["event"] == "summary" and 0 < ev[-1]["packets"] < 9'

# a damaged wire string reaches JSON escaped: every line still parses (checked above);
# a flood capture keeps the tables bounded
flood=../shared/corpus/zeek/dhcp_flood.pcap
if [ -r "$flood" ]; then
	"$BIN" watch -r "$flood" </dev/null >"$tmp/g.json" 2>/dev/null
	jcheck "flood capture: summary present, transactions within the 1024 cap" "$tmp/g.json" \
		'ev[-1]["event"] == "summary" and ev[-1]["transactions"] <= 1024'
fi
exit $((TTY_FAILS > 0))
