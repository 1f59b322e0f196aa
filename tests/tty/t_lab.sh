#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_lab.sh - the shell and the script modes against a real DHCP server (dnsmasq) in
# the lab's namespaces (root only): discover/request/release in the shell, Ctrl-C
# during a wait nobody answers, an answer arriving while a line is half typed, and
# -c, -f and stdin giving the same JSON. Nothing runs in the root namespace.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../schema/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
LAB=$root/tests/lab/lab.sh
if [ "$(id -u)" != 0 ] || [ ! -x "$LAB" ] || ! command -v tmux >/dev/null ||
	! command -v dnsmasq >/dev/null || ! command -v python3 >/dev/null; then
	skip "lab shell tests: need root, tests/lab/lab.sh, tmux, dnsmasq and python3"
	exit 0
fi
name=tt$$
tmp=$(mktemp -d /tmp/dd-ttylab.XXXXXX)
trap 'tm_stop; "$LAB" down "$name" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
"$LAB" down "$name" >/dev/null 2>&1
if ! "$LAB" up "$name" >"$tmp/up.log" 2>&1; then
	fail "lab up $name"
	sed 's/^/#   | /' "$tmp/up.log" | tail -20
	exit 1
fi
. "/tmp/dd-lab.$name/env"
export HOME=$tmp NO_COLOR=1
in_cl() { ip netns exec "$CLIENT_NS" "$@"; }
isolate() { # drop everything from and to the server's bridge port
	ip netns exec "$BR_NS" nft -f - <<'NFT'
table bridge ddttyiso {
	chain forward { type filter hook forward priority -10; policy accept; iifname "p-s1" drop; oifname "p-s1" drop; }
}
NFT
}
unisolate() { ip netns exec "$BR_NS" nft delete table bridge ddttyiso 2>/dev/null || true; }
flags="-i dd0 --mac 02:dd:00:00:00:77 --timeout 1s --quiet 500ms"

# ---- script modes: the same JSON from -c, -f and stdin
seq='discover; request 1; release'
# shellcheck disable=SC2086
in_cl timeout 60 "$BIN" $flags --json -c "$seq" >"$tmp/c.json" 2>"$tmp/c.err"
rc_c=$?
printf 'discover\nrequest 1\n# done\nrelease\n' >"$tmp/probe.dd"
# shellcheck disable=SC2086
in_cl timeout 60 "$BIN" $flags --json -f "$tmp/probe.dd" >"$tmp/f.json" 2>"$tmp/f.err"
rc_f=$?
# shellcheck disable=SC2086
in_cl timeout 60 "$BIN" $flags --json <"$tmp/probe.dd" >"$tmp/s.json" 2>"$tmp/s.err"
schema_log "$tmp/c.json" json
rc_s=$?
checks "lab: -c, -f and stdin all exit 0 ($rc_c $rc_f $rc_s)" '[ "$rc_c$rc_f$rc_s" = 000 ]'
norm() { # drop what changes from run to run: timing, transaction ids
	python3 -c '
import json, sys
VARY = {"ms", "elapsed-ms", "xid", "secs", "time", "ts", "first-seen", "last-seen", "latency-us"}
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in VARY}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
for line in sys.stdin:
    print(json.dumps(strip(json.loads(line)), sort_keys=True))
' <"$1"
}
norm "$tmp/c.json" >"$tmp/c.n" 2>"$tmp/norm.err"
norm "$tmp/f.json" >"$tmp/f.n" 2>>"$tmp/norm.err"
norm "$tmp/s.json" >"$tmp/s.n" 2>>"$tmp/norm.err"
checks "lab: the output is JSON, one object a line ($(wc -l <"$tmp/c.n") lines)" \
	'[ ! -s "$tmp/norm.err" ] && [ "$(wc -l <"$tmp/c.n")" -ge 5 ]'
checks "lab: discover, request and release all ran (an ACK came)" \
	'grep -q "\"message-type\": \"ACK\"" "$tmp/c.n" && grep -q "\"message-type\": \"RELEASE\"" "$tmp/c.n"'
checks "lab: -f gives the same JSON as -c (timing and xid removed)" 'cmp -s "$tmp/c.n" "$tmp/f.n"'
checks "lab: stdin gives the same JSON as -c" 'cmp -s "$tmp/c.n" "$tmp/s.n"'
[ -f "$tmp/c.n" ] && ! cmp -s "$tmp/c.n" "$tmp/f.n" && diff "$tmp/c.n" "$tmp/f.n" | head -5 | sed 's/^/# /'

# a failing command stops the script with its status
# shellcheck disable=SC2086
in_cl timeout 60 "$BIN" $flags -c 'request 7; release' >"$tmp/o" 2>"$tmp/e"
rc=$?
checks "lab: a failing command stops the script with its status ($rc)" \
	'[ "$rc" -ne 0 ] && ! grep -q RELEASE "$tmp/o"'

# ---- the shell in the client namespace
prompt="dhcpdiag dd0>"
# shellcheck disable=SC2086
tm_start ip netns exec "$CLIENT_NS" "$BIN" $flags
check "lab shell: the prompt names the interface" wait_last "$prompt" 10
typed "discover"
keys Enter
check "lab shell: discover lists the offer" wait_for "^ +1 +198\.18\.0\.[0-9]+ +from $S1_IP" 10
check "lab shell: the prompt is back after discover" wait_last "$prompt" 10
keys C-l
typed "request 1"
keys Enter
check "lab shell: request 1 gets an ACK" wait_for "^lease 198\.18\.0\.[0-9]+ from $S1_IP" 10
wait_last "$prompt" 10
keys C-l
typed "show lease"
keys Enter
check "lab shell: show lease" wait_for "198\.18\.0\.[0-9]+" 5
wait_last "$prompt" 10
keys C-l
typed "release"
keys Enter
check "lab shell: release" wait_for "RELEASE" 10
check "lab shell: the prompt is back after release" wait_last "$prompt" 10
keys C-l

# Ctrl-C during a wait nobody answers
isolate
typed "discover --timeout 4s --tries 5 --wait all"
keys Enter
wait_for "DISCOVER" 5
sleep 0.5
t0=$(date +%s%3N)
keys C-c
if wait_last "$prompt" 5; then
	ok "lab shell: Ctrl-C stops a waiting discover ($(($(date +%s%3N) - t0)) ms to the prompt)"
else
	fail "lab shell: Ctrl-C stops a waiting discover"
fi
checks "lab shell: the shell survived Ctrl-C" '[ "$(pane pane_dead)" = 0 ]'
keys C-l

# an answer arrives while a line is half typed: the output goes above, the line stays
typed "discover --timeout 1s --tries 4 --wait first"
keys Enter
wait_for "DISCOVER" 5
typed "show off"
unisolate
check "lab shell: the offer printed while a line was half typed" \
	wait_for "^<- OFFER .* from $S1_IP" 10
check "lab shell: the half-typed line survived under the new prompt" \
	wait_last "$prompt show off" 10
keys C-u
typed "quit"
keys Enter
check "lab shell: quit leaves" wait_dead 10
unisolate
tm_stop
[ "$TTY_FAILS" -eq 0 ]
