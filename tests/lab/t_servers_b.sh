#!/usr/bin/env bash
# t_servers_b.sh - ISC dhcpd and busybox udhcpd on one link: DORA + release
# against each with its options decoded, lease tables empty afterwards,
# unicast renew against dhcpd.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

lab_up "pb$$" --servers "dhcpd udhcpd" >/dev/null 2>&1 || {
	fail "lab up (dhcpd udhcpd)"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"
FAST=(-i dd0 --timeout 1s --tries 3 --quiet 500ms)

dd_run "$T/disc" discover "${FAST[@]}" --json
check_json "discover: dhcpd and udhcpd both reported" "$T/disc" \
	"sorted(s['server-id'] for s in res['servers']) == ['$S1_IP', '$S2_IP']"

for i in 1 2; do
	ip_var=S${i}_IP type_var=S${i}_TYPE
	sip=${!ip_var} type=${!type_var}
	dd_run "$T/dora$i" dora "${FAST[@]}" --json --server-id "$sip"
	check_rc "dora $type: ACK (exit 0)" "$T/dora$i" 0
	check_json "dora $type: ACK from $sip" "$T/dora$i" "opt(rx('ACK')[0], 'server-identifier') == '$sip'"
	check_json "dora $type: configured options decoded" "$T/dora$i" "$(expect_opts_expr "rx('ACK')[0]")"
	check_json "dora $type: RELEASE sent to the server" "$T/dora$i" \
		"tx('RELEASE')[0]['frame']['dst-ip'] == '$sip' and tx('RELEASE')[0]['dhcp']['ciaddr'] == rx('ACK')[0]['dhcp']['yiaddr']"
	mac=$(jget "$T/dora$i" "tx('RELEASE')[0]['dhcp']['chaddr']" 2>/dev/null)
	check "dora $type: no lease left for $mac" wait_for "no_lease_for s$i $mac" 3
done

dd_run "$T/renew" -i dd0 --json --timeout 1s --tries 3 --quiet 300ms \
	-c "dora --keep --server-id $S1_IP; request --renew; release"
check_rc "renew ($S1_TYPE): dora --keep; request --renew; release (exit 0)" "$T/renew" 0
check_json "renew ($S1_TYPE): REQUEST unicast, ACK unicast" "$T/renew" \
	"[p for p in pk if p['step'] == 'renew' and p['dir'] == 'tx'][0]['frame']['dst-ip'] == '$S1_IP' and [p for p in pk if p['step'] == 'renew' and p['dir'] == 'rx'][0]['dhcp']['message-type'] == 'ACK'"

lab_summary
