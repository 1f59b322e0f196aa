#!/usr/bin/env bash
# t_inform.sh - INFORM from a client that has an address (dd0 198.18.0.9):
# every server ACKs with its options and no lease.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

lab_up "pi$$" --servers "dnsmasq kea" --client-addr >/dev/null 2>&1 || {
	fail "lab up (--client-addr)"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

dd_run "$T/inf" inform "$CLIENT_ADDR" -i dd0 --timeout 1s --tries 3 --quiet 500ms --json
check_rc "inform $CLIENT_ADDR: ACK (exit 0)" "$T/inf" 0
check_json "inform: INFORM carries ciaddr" "$T/inf" "tx('INFORM')[0]['dhcp']['ciaddr'] == '$CLIENT_ADDR'"
check_json "inform: ACKs have no address and no lease time" "$T/inf" \
	"len(rx('ACK')) >= 1 and all(p['dhcp']['yiaddr'] == '0.0.0.0' and opt(p, 'lease-time') is None for p in rx('ACK'))"
check_json "inform: options decoded (router, DNS, domain)" "$T/inf" \
	"all(opt(p,'router') == ['$LAB_ROUTER'] and opt(p,'domain-name') == '$LAB_DOMAIN' for p in rx('ACK'))"
check_json "inform: both servers answered" "$T/inf" \
	"sorted(s['server-id'] for s in res['servers']) == ['$S1_IP', '$S2_IP']"

lab_summary
