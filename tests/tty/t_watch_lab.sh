#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_watch_lab.sh - watch on a live link (root): a lab with two servers (dnsmasq, kea), a
# probe from the view (`d`) and from a second window, rogue marking with --allow-server,
# NDJSON mode, and `watch` then `q` from the shell. Only inside the lab's namespaces.
set -u
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.." || exit 1
lab=tests/lab/lab.sh
if [ "$(id -u)" != 0 ]; then
	skip "watch lab tests: need root (network namespaces)"
	exit 0
fi
for need in tmux ip dnsmasq kea-dhcp4 python3; do
	if ! command -v "$need" >/dev/null && [ ! -x "/usr/sbin/$need" ]; then
		skip "watch lab tests: $need not installed"
		exit 0
	fi
done
if [ ! -x "$lab" ]; then
	skip "watch lab tests: $lab missing"
	exit 0
fi
name="tw$$"
tmp=$(mktemp -d /tmp/dd-tty.XXXXXX)
cleanup() {
	tm_stop
	timeout 30 "$lab" down "$name" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
export HOME=$tmp NO_COLOR=1

if ! timeout 60 "$lab" up "$name" --servers "dnsmasq kea" >"$tmp/up.log" 2>&1; then
	fail "lab up with dnsmasq and kea"
	sed 's/^/#   /' "$tmp/up.log" | tail -5
	exit 1
fi
. "/tmp/dd-lab.$name/env"
in_client() { ip netns exec "$CLIENT_NS" "$@"; }
lease_re='600s'     # LAB_LEASE_TIME as the view shows it
row() { # ip: the row of that server, with counts, lease and router
	echo "$1 +$2 +[0-9]+/[0-9]+/[0-9]+ .*$lease_re .*${LAB_ROUTER//./\\.}"
}

# --- the view, live, with an allow-list naming only the first server ----------------
tm_start ip netns exec "$CLIENT_NS" "$BIN" watch -i "$CLIENT_IF" --allow-server "$S1_IP"
check "the view starts on the lab link" wait_for "iface $CLIENT_IF" 5
keys d
check "d sends a DISCOVER from the view" wait_for "DISCOVER sent" 3
check "the first server (${S1_TYPE}) appears with lease and router" \
	wait_for "^  $(row "${S1_IP//./\\.}" "$S1_MAC")" 10
check "the second server (${S2_TYPE}) appears with lease and router" \
	wait_for "$(row "${S2_IP//./\\.}" "$S2_MAC")" 10
check "the server not on the allow-list is marked rogue" wait_for "^! ${S2_IP//./\\.} " 2
check "the allowed server is not marked" wait_for "^  ${S1_IP//./\\.} " 1
check "our own DISCOVER starts the transaction, the offers get a latency" \
	wait_for "^  [0-9a-f:]{17} 0x[0-9a-f]{8} DO\\.\\. +offered +[0-9.]+m?s " 2

# a probe from a second window; both servers answer again: 2 offers each
tm new-window -d -t t ip netns exec "$CLIENT_NS" "$BIN" discover -i "$CLIENT_IF" --json
check "a discover in a second window: both servers counted twice" \
	wait_for "${S2_IP//./\\.} +$S2_MAC +2/" 10
check "... and the first one too" wait_for "${S1_IP//./\\.} +$S1_MAC +2/" 5
check "the status line shows packets and 0 drops" wait_for "pkts [0-9]+ +dhcp [0-9]+ +drops 0" 3
keys Enter
check "Enter shows the latest reply's options" wait_for "server-identifier" 3
keys Escape q
check "q quits the live view" wait_dead 3
tm_stop

# --- NDJSON on the live link ----------------------------------------------------------
in_client "$BIN" watch -i "$CLIENT_IF" --duration=4 --allow-server "$S1_IP" \
	</dev/null >"$tmp/live.json" 2>"$tmp/live.err" &
wpid=$!
sleep 1
in_client timeout 20 "$BIN" discover -i "$CLIENT_IF" >/dev/null 2>&1
wait "$wpid"
rc=$?
check "NDJSON live: a rogue server answered, exit 2" [ "$rc" -eq 2 ]
if python3 - "$tmp/live.json" "$S1_IP" "$S2_IP" <<'PY'; then
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
srv = {e["server-id"]: e for e in ev if e["event"] == "server"}
s1, s2 = srv[sys.argv[2]], srv[sys.argv[3]]
sm = ev[-1]
assert s1["rogue"] is False and s2["rogue"] is True
assert s1["lease-time"] == 600 and s2["lease-time"] == 600
assert s1["router"] == s2["router"] == ["198.18.0.254"]
assert sm["event"] == "summary" and sm["pcap-dropped"] == 0 and len(sm["servers"]) == 2
PY
	ok "NDJSON live: both servers with lease, router, rogue flag; summary with 0 drops"
else
	fail "NDJSON live: both servers with lease, router, rogue flag; summary with 0 drops"
	sed 's/^/#   /' "$tmp/live.json" | cut -c1-200 | head -5
fi

# --- from the shell: watch, q, the prompt is back -------------------------------------
tm_start ip netns exec "$CLIENT_NS" "$BIN" -i "$CLIENT_IF"
if wait_for "dhcpdiag.*> *$" 10; then
	typed "watch"
	keys Enter
	check "watch from the shell runs live on the session's interface" wait_for "iface $CLIENT_IF" 5
	keys q
	check "q returns to the shell prompt" wait_for "dhcpdiag.*> *$" 5
	keys C-d
	wait_dead 3 || true
else
	fail "the shell prompt appears in the client namespace"
fi
exit $((TTY_FAILS > 0))
