#!/usr/bin/env bash
# t_diag_healthy.sh - `diagnose` on a healthy network, for each of the four servers: "no
# problems found" with the lease, no warning or error, in about 4 s; and the same verdict
# from a capture of a healthy exchange.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"
. "$(dirname "$0")/diag_lib.sh"
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

for srv in kea dnsmasq dhcpd udhcpd; do
	# the offered router exists: a host holds it, so its ARP probe is answered
	diag_lab "dh$$" --servers "$srv" --extra-host 198.18.0.254 || continue
	diag_run "$T/$srv"
	diag_healthy "healthy $srv" "$T/$srv"
	check_json "healthy $srv: the lease is named and was released" "$T/$srv" \
		"res['lease']['server-id'] == '198.18.0.1' and res['lease']['lease-time'] == 600"
	check_json "healthy $srv: a verdict within 5 s" "$T/$srv" "res['elapsed-ms'] < 5000"
	check "healthy $srv: no lease left on the server" no_lease_for s1 "$CLIENT_MAC"
	if [ "$srv" = kea ]; then
		dd_run "$T/cap" dora -i dd0 --write "$T/healthy.pcap"
		"$BIN" diagnose -r "$T/healthy.pcap" --json >"$T/file" 2>"$T/file.err"
		echo $? >"$T/file.rc"
		diag_healthy "capture of a healthy DORA" "$T/file"
		check_json "capture: says what a capture cannot show" "$T/file" \
			"'pool-exhausted' in res['not-checked'] and 'address-in-use' in res['not-checked']"
	fi
	lab_down "dh$$"
done
lab_summary
