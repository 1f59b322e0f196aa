#!/usr/bin/env bash
# t_relay.sh - relay-agent mode across a router: the offer comes from the
# relayed subnet; a link without a server: exit 1 after the documented tries,
# saying how long it waited; no interface chosen: exit 64.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

lab_up "pr$$" --servers dnsmasq --relay >/dev/null 2>&1 || {
	fail "lab up (--relay)"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

dd_run "$T/relay" dora -i "$RELAY_CLIENT_IF" --relay "$RS_IP" --timeout 1s --tries 3 --quiet 300ms --json
check_rc "relay dora via $RELAY_CLIENT_IP to $RS_IP: exit 0" "$T/relay" 0
check_json "relay: DISCOVER carries giaddr $RELAY_CLIENT_IP" "$T/relay" \
	"tx('DISCOVER')[0]['dhcp']['giaddr'] == '$RELAY_CLIENT_IP' and tx('DISCOVER')[0]['frame']['dst-ip'] == '$RS_IP'"
check_json "relay: offer from ${RELAY_SUBNET}" "$T/relay" \
	"rx('OFFER')[0]['dhcp']['yiaddr'].startswith('198.18.1.') and opt(rx('OFFER')[0], 'server-identifier') == '$RS_IP'"
check_json "relay: ACK and RELEASE (sent 3 times: --tries 3)" "$T/relay" \
	"len(rx('ACK')) == 1 and len(tx('RELEASE')) == 3 and len(set(p['dhcp']['xid'] for p in tx('RELEASE'))) == 1"
mac=$(jget "$T/relay" "tx('RELEASE')[0]['dhcp']['chaddr']" 2>/dev/null)
check "relay: no lease left on the relayed server" wait_for "no_lease_for rs $mac" 3

# dd1 leads to the router only: nobody answers DHCP there
start=$(date +%s%N)
dd_run "$T/none" discover -i "$RELAY_CLIENT_IF" --timeout 500ms --tries 2
ms=$((($(date +%s%N) - start) / 1000000))
check_rc "no server: exit 1" "$T/none" 1
check "no server: message says tries and time" grep -qE 'no OFFER after 2 tries \(1\.[45] s\)' "$T/none.err"
check "no server: gave up after 0.5 + 1 s (took $ms ms)" test "$ms" -ge 1400 -a "$ms" -lt 4000

dd_run "$T/noif" discover --timeout 500ms
check_rc "no interface chosen: exit 64" "$T/noif" 64
check "no interface chosen: says how to choose one" grep -q "no interface chosen (use -i IFACE" "$T/noif.err"

lab_summary
