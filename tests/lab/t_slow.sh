#!/usr/bin/env bash
# t_slow.sh - dnsmasq pinging each address for ~3 s before offering: the
# default settings still get the OFFER (no false "no answer").
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

lab_up "ps$$" --servers dnsmasq --slow >/dev/null 2>&1 || {
	fail "lab up (--slow)"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

dd_run "$T/slow" discover -i dd0 --json
check_rc "slow dnsmasq, default settings: OFFER (exit 0)" "$T/slow" 0
ms=$(jget "$T/slow" "res['offers'][0]['ms']" 2>/dev/null)
echo "# slow: OFFER after ${ms:-?} ms, $(jget "$T/slow" "res['tries']" 2>/dev/null) DISCOVER(s)"
check_json "slow: one OFFER" "$T/slow" "len(res['offers']) == 1"

lab_summary
