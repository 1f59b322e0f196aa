#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/lab/demo.sh BIN - `sudo make demo`: a throw-away lab with two DHCP
# servers (dnsmasq and Kea) in network namespaces, dhcpdiag probing it, then
# everything torn down. Nothing touches the host's own interfaces.
set -u
[ $# -ge 1 ] || { echo "usage: $0 BIN" >&2; exit 64; }
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "demo: needs root for network namespaces (try: sudo make demo)" >&2
	exit 77
fi
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() {
	printf '\033[2m$ dhcpdiag %s\033[0m\n' "$*"
	ip netns exec "$CLIENT_NS" "$BIN" "$@"
	echo "(exit status $?)"
}

say "Bringing up a lab: a bridge, a client namespace (dd0, no IPv4 address), dnsmasq on 198.18.0.1, Kea on 198.18.0.2, the router 198.18.0.254"
lab_up "demo$$" --servers "dnsmasq kea" --extra-host 198.18.0.254 || exit 1

say "discover: one broadcast DISCOVER, every OFFER listed and decoded; both servers answer"
run discover -i "$CLIENT_IF" --timeout 2s --quiet 1s

say "discover --allow-server $S1_IP: Kea is now unexpected and flagged as a rogue (exit 2)"
run discover -i "$CLIENT_IF" --timeout 2s --quiet 1s --allow-server "$S1_IP" 2>&1 | grep -E '^(->|<-|dhcpdiag:|\(exit|[0-9 ]+ offer| +[0-9]+ )'

say "dora: DISCOVER, REQUEST the first offer, ACK, then RELEASE so the pool is not drained"
run dora -i "$CLIENT_IF" --timeout 2s --quiet 1s

say "The same exchange as NDJSON, one object per line, ready for jq"
run dora -i "$CLIENT_IF" --timeout 2s --quiet 1s --json --server-id "$S2_IP" | cut -c1-160

say "Lease tables after the probes (empty: every lease was released)"
echo "dnsmasq: $("$LAB_SH" leases "$LAB_NAME" s1 | wc -l) lease(s); kea: $("$LAB_SH" leases "$LAB_NAME" s2 | wc -l) lease(s)"

say "diagnose: why would a client get no lease here? Two servers answer, with the same offers"
run diagnose -i "$CLIENT_IF"

say "diagnose --allow-server $S1_IP: the verdict names Kea as the unauthorised server"
run diagnose -i "$CLIENT_IF" --allow-server "$S1_IP"
lab_down "demo$$"

say "A broken network: busybox udhcpd handing out T1 > T2 and a router outside the subnet"
LAB_T1=600 LAB_T2=300 LAB_ROUTER=198.19.40.1 lab_up "demo$$" --servers udhcpd || exit 1
run diagnose -i "$CLIENT_IF"

say "Tearing the lab down"
