#!/usr/bin/env bash
# t_lossy.sh - 20% frame loss each way: retransmission still completes DORA.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

lab_up "pl$$" --servers dnsmasq --lossy 20 >/dev/null 2>&1 || {
	fail "lab up (--lossy 20)"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

# an exchange is lost with p = 1 - 0.8^2 = 0.36; a step fails only if all 10
# tries are (0.36^10 = 4e-5), so each DORA (2 steps) flakes < 1e-4. (At 30%
# loss a step failed with 0.51^10 = 0.12%: about one CI run in a hundred.)
# A DORA moves at least 4 frames past the lossy port, so one can pass with
# no drop at all (0.8^4 = 41%): keep going (at most 12 DORAs, 0.8^48 = 2e-5)
# until the counters show the link really dropped something.
drops=0 n=0
while [ "$n" -lt 12 ]; do
	n=$((n + 1))
	dd_run "$T/l$n" dora -i dd0 --timeout 300ms --tries 10 --wait first --json
	check_rc "lossy dora #$n: ACK (exit 0)" "$T/l$n" 0
	drops=$(lab_br nft list table bridge ddlab 2>/dev/null | grep -o 'packets [0-9]*' | awk '{s+=$2} END {print s+0}')
	[ "$n" -ge 2 ] && [ "${drops:-0}" -gt 0 ] && break
done
tries=$(for i in $(seq 1 "$n"); do jget "$T/l$i" "len(tx('DISCOVER')) + len(tx('REQUEST'))" 2>/dev/null; done | awk '{s+=$1} END {print s+0}')
echo "# lossy: ${tries:-?} DISCOVER+REQUEST transmissions for $n DORAs, $drops frames dropped"
check "lossy: the link really dropped frames ($drops)" test "${drops:-0}" -gt 0

lab_summary
