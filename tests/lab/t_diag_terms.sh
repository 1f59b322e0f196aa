#!/usr/bin/env bash
# t_diag_terms.sh - `diagnose` where a lease comes, but its terms are wrong: T1 not below T2, a
# lease of 60 s, an infinite lease (information only), a router outside the subnet, no DNS
# server, a mask with holes, and an address from another subnet. busybox udhcpd sends
# hand-set options as they are; the others repair or refuse some of these (dnsmasq 2.90 sends
# T2 - 1 for a forced T1 >= T2 and refuses leases under 120 s, Kea 2.2 refuses to start with
# renew-timer > rebind-timer).
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"
. "$(dirname "$0")/diag_lib.sh"
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

# case TITLE ID RC SERVER [ALSO] -- diagnose with LAB_* from the caller's environment
case_terms() {
	local title=$1 id=$2 rc=$3 srv=$4 also=${5:-} out=$T/${1// /-}
	diag_lab "dt$$" --servers "$srv" --extra-host 198.18.0.254 || return 0
	diag_run "$out"
	diag_expect "$title" "$out" "$id" "$rc" "$also"
	lab_down "dt$$"
}

LAB_T1=600 LAB_T2=300 case_terms "timers" timers-inconsistent 2 udhcpd
LAB_LEASE_TIME=60 LAB_T1=30 LAB_T2=52 case_terms "short lease" lease-too-short 2 udhcpd
LAB_LEASE_TIME=infinite case_terms "infinite lease" lease-infinite 0 dnsmasq
LAB_ROUTER=198.19.40.1 case_terms "router outside the subnet" router-outside-subnet 2 udhcpd
LAB_DNS= case_terms "no DNS server" no-dns-offered 2 kea
LAB_NETMASK=255.255.0.255 case_terms "mask with holes" mask-not-contiguous 2 udhcpd
LAB_POOL="198.19.7.100 198.19.7.149" case_terms "wrong subnet" wrong-subnet 2 udhcpd

# the same rules on a capture a user attached to a ticket: a DORA with T1 > T2
if LAB_T1=600 LAB_T2=300 diag_lab "dc$$" --servers udhcpd; then
	dd_run "$T/cap" dora -i dd0 --write "$T/t.pcap"
	"$BIN" diagnose -r "$T/t.pcap" --json >"$T/file" 2>"$T/file.err"
	echo $? >"$T/file.rc"
	diag_expect "capture: timers" "$T/file" timers-inconsistent 2
	# the same rules mark the server in watch: its NDJSON server events name the finding
	"$BIN" watch -r "$T/t.pcap" >"$T/watch" 2>/dev/null
	check "watch marks the server with the same finding" python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
srv = [e for e in ev if e["event"] == "server"]
assert srv and "timers-inconsistent" in srv[-1].get("findings", []), srv
' "$T/watch"
	lab_down "dc$$"
fi
lab_summary
