#!/usr/bin/env bash
# t_vlan.sh - servers on 802.1Q VLAN 42 only: `--vlan 42` tags what the probe
# sends and matches the tagged replies; without it nothing answers.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

lab_up "pv$$" --servers "dnsmasq kea" --vlan 42 >/dev/null 2>&1 || {
	fail "lab up (--vlan 42)"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

dd_run "$T/disc" discover -i dd0 --vlan 42 --timeout 1s --tries 3 --quiet 500ms --json
check_rc "vlan 42 discover: offers (exit 0)" "$T/disc" 0
check_json "vlan 42 discover: both servers answered" "$T/disc" \
	"sorted(s['server-id'] for s in res['servers']) == ['$S1_IP', '$S2_IP']"
check_json "vlan 42 discover: the DISCOVER went out tagged 42" "$T/disc" \
	"tx('DISCOVER')[0]['frame'].get('vlan') == 42"
check_json "vlan 42 discover: every OFFER came back tagged 42" "$T/disc" \
	"len(rx('OFFER')) >= 2 and all(p['frame'].get('vlan') == 42 for p in rx('OFFER'))"

dd_run "$T/dora" dora -i dd0 --vlan 42 --timeout 1s --tries 3 --wait first --json
check_rc "vlan 42 dora: ACK (exit 0)" "$T/dora" 0
check_json "vlan 42 dora: configured options decoded" "$T/dora" "$(expect_opts_expr "rx('ACK')[0]")"
mac=$(jget "$T/dora" "tx('DISCOVER')[0]['dhcp']['chaddr']" 2>/dev/null)
srv=$(jget "$T/dora" "rx('ACK')[0]['frame']['src-ip']" 2>/dev/null)
role=s1
[ "$srv" = "$S2_IP" ] && role=s2
check "vlan 42 dora: no lease left for $mac on $role after the release" no_lease_for "$role" "$mac"

# untagged, the same probe reaches no server: the VLAN really separates them
dd_run "$T/none" discover -i dd0 --timeout 300ms --tries 2 --quiet 300ms --json
check_rc "untagged discover: no server answers (exit 1)" "$T/none" 1

lab_summary
