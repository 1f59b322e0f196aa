#!/usr/bin/env bash
# t_diag_silence.sh - `diagnose` where the client gets nothing: no server on the segment, the
# interface down, no carrier, and a pool that is exhausted while its server is alive.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"
. "$(dirname "$0")/diag_lib.sh"
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

# no server: the only one is cut off the segment
if diag_lab "dn$$" --servers kea; then
	lab_isolate s1
	diag_run "$T/none"
	diag_expect "no server" "$T/none" no-server 1
	check_json "no server: nothing answered, and 15 s at most" "$T/none" \
		"res['health'] == 'nothing-answered' and res['elapsed-ms'] < 15000"
	check_json "no server: no consequence listed as a cause (no DNS, no loss)" "$T/none" \
		"not [f for f in res['findings'] if f['id'] in ('no-dns-offered', 'packet-loss', 'pool-exhausted')]"
	# interface down, then no carrier (the switch side of the cable is down)
	lab_client ip link set dd0 down
	diag_run "$T/down"
	diag_expect "interface down" "$T/down" interface-down 2
	lab_client ip link set dd0 up
	lab_br ip link set p-cl down
	diag_run "$T/nocarrier"
	diag_expect "no carrier" "$T/nocarrier" no-carrier 2
	lab_br ip link set p-cl up
	lab_down "dn$$"
fi

# the pool is exhausted: two addresses, both taken; the server still answers INFORM
if LAB_POOL="198.18.0.100 198.18.0.101" diag_lab "dp$$" --servers kea --client-addr; then
	for i in 1 2; do
		dd_run "$T/take$i" dora -i dd0 --keep --wait first
	done
	check "pool exhausted: both addresses leased" \
		bash -c "[ \"\$('$LAB_SH' leases dp$$ s1 | wc -l)\" -ge 2 ]"
	diag_run "$T/pool" --server 198.18.0.1
	diag_expect "pool exhausted" "$T/pool" pool-exhausted 2
	check_json "pool exhausted: the evidence that the server is alive is named" "$T/pool" \
		"[f for f in res['findings'] if f['id'] == 'pool-exhausted' and 'INFORM' in f['evidence'].upper()]"
	# without --server the silence cannot be told apart from no server: it says so
	diag_run "$T/pool-noserver"
	check_json "pool exhausted, no --server: no-server, saying it may be a full pool" \
		"$T/pool-noserver" \
		"[f for f in res['findings'] if f['id'] == 'no-server' and ('pool' in f['text'] + f['next'])]"
	lab_down "dp$$"
fi
lab_summary
