#!/usr/bin/env bash
# t_diag_servers.sh - `diagnose` where servers answer, but not as they should: a server that
# ignores this client's MAC, two servers with different offers, one of them unauthorised, a
# NAK for the client's previous address, and a server behind a router with no DHCP relay.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"
. "$(dirname "$0")/diag_lib.sh"
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"
BLOCKED=02:dd:c1:00:00:77

# the server ignores this client (a MAC on its deny list) and serves everyone else
for srv in dnsmasq dhcpd; do
	LAB_IGNORE_MAC=$BLOCKED diag_lab "di$$" --servers "$srv" --extra-host 198.18.0.254 || continue
	diag_run "$T/ign-$srv" --mac "$BLOCKED"
	diag_expect "client ignored ($srv)" "$T/ign-$srv" client-ignored 2
	check_json "client ignored ($srv): the MAC is named" "$T/ign-$srv" \
		"[f for f in res['findings'] if f['id'] == 'client-ignored' and '$BLOCKED' in f['text']]"
	lab_down "di$$"
done

# two servers (Kea and dnsmasq): several-servers, then with an allow-list the other is rogue
if diag_lab "d2$$" --servers "kea dnsmasq" --extra-host 198.18.0.254; then
	diag_run "$T/two"
	diag_expect "two servers" "$T/two" several-servers 2
	check_json "two servers: both are named" "$T/two" \
		"[f for f in res['findings'] if f['id'] == 'several-servers' and '198.18.0.1' in f['text'] and '198.18.0.2' in f['text']]"
	diag_run "$T/rogue" --allow-server 198.18.0.1
	diag_expect "rogue server" "$T/rogue" rogue-server 2
	check_json "rogue server: 198.18.0.2 is the unauthorised one" "$T/rogue" \
		"[f for f in res['findings'] if f['id'] == 'rogue-server' and f.get('server') == '198.18.0.2']"
	lab_down "d2$$"
fi

# a client that moved: its previous address belongs to no subnet here, an authoritative server
# NAKs it, quoting its message
if diag_lab "dk$$" --servers kea --authoritative --extra-host 198.18.0.254; then
	diag_run "$T/nak" --requested-address 198.18.77.5
	diag_expect "previous address refused" "$T/nak" previous-address-refused 2
	check_json "previous address refused: the address is named" "$T/nak" \
		"[f for f in res['findings'] if f['id'] == 'previous-address-refused' and '198.18.77.5' in f['text']]"
	lab_down "dk$$"
fi

# the server sits behind a router that relays nothing: broadcasts get no answer, a relayed
# DISCOVER to --server does
if diag_lab "dr$$" --servers kea --relay; then
	DIAG_IF=dd1 diag_run "$T/relay" --server "$RS_IP"
	diag_expect "no relay" "$T/relay" no-relay 2
	check_json "no relay: within 15 s" "$T/relay" "res['elapsed-ms'] < 15000"
	lab_down "dr$$"
fi
lab_summary
