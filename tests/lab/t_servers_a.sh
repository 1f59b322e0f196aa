#!/usr/bin/env bash
# t_servers_a.sh - dnsmasq and kea on one link: both reported, allow-list, DORA
# against each with its options decoded, release empties the lease table,
# unicast renew, init-reboot NAK, text output, save.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

lab_up "pa$$" --servers "dnsmasq kea" --authoritative >/dev/null 2>&1 || {
	fail "lab up (dnsmasq kea)"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"
FAST=(-i dd0 --timeout 1s --tries 3 --quiet 500ms)

dd_run "$T/disc" discover "${FAST[@]}" --json
check_rc "discover: both servers answer (exit 0)" "$T/disc" 0
check_json "discover: both servers reported" "$T/disc" \
	"sorted(s['server-id'] for s in res['servers']) == ['$S1_IP', '$S2_IP'] and len(res['offers']) == 2"

dd_run "$T/rogue" discover "${FAST[@]}" --json --allow-server "$S1_IP"
check_rc "discover --allow-server S1: the other is rogue (exit 2)" "$T/rogue" 2
check_json "discover --allow-server S1: rogue list names S2" "$T/rogue" "res['rogue'] == ['$S2_IP']"

for i in 1 2; do
	ip_var=S${i}_IP type_var=S${i}_TYPE
	sip=${!ip_var} type=${!type_var}
	dd_run "$T/dora$i" dora "${FAST[@]}" --json --server-id "$sip"
	check_rc "dora $type: ACK (exit 0)" "$T/dora$i" 0
	check_json "dora $type: ACK from $sip" "$T/dora$i" \
		"rx('ACK')[0]['dhcp']['options'][1]['value'] == '$sip' or opt(rx('ACK')[0], 'server-identifier') == '$sip'"
	check_json "dora $type: configured options decoded" "$T/dora$i" "$(expect_opts_expr "rx('ACK')[0]")"
	check_json "dora $type: RELEASE sent to the server" "$T/dora$i" \
		"tx('RELEASE')[0]['frame']['dst-ip'] == '$sip' and tx('RELEASE')[0]['dhcp']['ciaddr'] == rx('ACK')[0]['dhcp']['yiaddr']"
	mac=$(jget "$T/dora$i" "tx('RELEASE')[0]['dhcp']['chaddr']")
	check "dora $type: no lease left for $mac" wait_for "no_lease_for s$i $mac" 3
done

# unicast renew of a held lease, then release
dd_run "$T/renew" -i dd0 --json --timeout 1s --tries 3 --quiet 300ms \
	-c "dora --keep --server-id $S1_IP; request --renew; release"
check_rc "renew: dora --keep; request --renew; release (exit 0)" "$T/renew" 0
check_json "renew: REQUEST unicast to the server" "$T/renew" \
	"[p for p in pk if p['step'] == 'renew' and p['dir'] == 'tx'][0]['frame']['dst-ip'] == '$S1_IP'"
check_json "renew: ACK unicast to the leased address" "$T/renew" \
	"[p for p in pk if p['step'] == 'renew' and p['dir'] == 'rx'][0]['frame']['dst-ip'] == rx('ACK')[0]['dhcp']['yiaddr'] != '255.255.255.255'"
mac=$(jget "$T/renew" "tx('RELEASE')[0]['dhcp']['chaddr']")
check "renew: no lease left after release" wait_for "no_lease_for s1 $mac" 3

# INIT-REBOOT for an address on the link that nobody leased: authoritative NAK
dd_run "$T/nak" request "${FAST[@]}" --json --requested-address 198.18.0.240
check_rc "init-reboot request for a wrong address: NAK (exit 2)" "$T/nak" 2
check_json "init-reboot: a NAK was received" "$T/nak" "len(rx('NAK')) >= 1"

# text output: every step with timing, then the decode
dd_run "$T/text" dora "${FAST[@]}" --server-id "$S2_IP"
check_rc "dora (text): exit 0" "$T/text" 0
check "dora (text): steps shown with timing" grep -qE '^<- ACK 198\.18\.0\.[0-9]+ from '"$S2_IP"' .*\+[0-9]+ ms' "$T/text"
check "dora (text): options decoded" grep -q 'classless-static-route' "$T/text"

# every frame of a session to a pcap file, readable by decode
dd_run "$T/save" -i dd0 --timeout 1s --quiet 300ms -c "discover; save $T/s.pcap"
check_rc "save: exit 0" "$T/save" 0
n=$("$BIN" decode "$T/s.pcap" --json 2>/dev/null | grep -c '"message-type"')
check "save: DISCOVER and both OFFERs in the file ($n)" test "$n" -ge 3

lab_summary
