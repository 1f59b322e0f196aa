#!/usr/bin/env bash
# t_diag_link.sh - `diagnose` on faults of the link and of timing: a server that pings before
# offering (slow, never dead), a link that loses every other frame from the client, the offered
# address held by another host, broadcast or unicast replies dropped on the way to the client,
# and a switch port that admits only the client's own source MAC (port security).
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"
. "$(dirname "$0")/diag_lib.sh"
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

# nft_port PORT RULE: one filter rule on frames entering the bridge from PORT (p-cl: the
# client, p-s1: the server), each frame seen once (the bridge's forward hook sees a flooded
# frame once per port it leaves by)
nft_port() {
	lab_br nft -f - <<NFT
table netdev ddfault {
    chain c { type filter hook ingress device "$1" priority 0; policy accept; $2; }
}
NFT
}

# slow: dnsmasq pings the address ~3 s before offering
if diag_lab "ds$$" --servers dnsmasq --slow --extra-host 198.18.0.254; then
	diag_run "$T/slow"
	diag_expect "slow server" "$T/slow" slow-server 2
	check_json "slow server: never called dead, the lease is named" "$T/slow" \
		"not [f for f in res['findings'] if f['id'] in ('no-server', 'pool-exhausted')] and res['lease']['address']"
	lab_down "ds$$"
fi

# loss: every other DHCP frame from the client is dropped (deterministic: numgen inc)
if diag_lab "dl$$" --servers kea --extra-host 198.18.0.254; then
	nft_port p-cl 'udp dport 67 numgen inc mod 2 == 0 counter drop'
	diag_run "$T/loss"
	diag_expect "packet loss" "$T/loss" packet-loss 2
	check_json "packet loss: the server is not blamed, and 15 s at most" "$T/loss" \
		"not [f for f in res['findings'] if f['id'] in ('no-server', 'slow-server')] and res['elapsed-ms'] < 15000"
	lab_down "dl$$"
fi

# the first address Kea offers (.100) is held by another host; nobody holds the router
if diag_lab "da$$" --servers kea --extra-host 198.18.0.100; then
	diag_run "$T/inuse"
	diag_expect "address in use" "$T/inuse" address-in-use 2
	check_json "address in use: the other host's MAC is named" "$T/inuse" \
		"[f for f in res['findings'] if f['id'] == 'address-in-use' and '02:dd:00:00:00:10' in f['text']]"
	lab_down "da$$"
fi

# broadcast replies to the client are dropped; unicast ones pass (and the other way round).
# Kea sends every reply to the client's MAC; what differs is the IP destination
if diag_lab "db$$" --servers kea --extra-host 198.18.0.254; then
	nft_port p-s1 'ip daddr 255.255.255.255 udp sport 67 drop'
	diag_run "$T/bcast"
	diag_expect "broadcast replies lost" "$T/bcast" broadcast-replies-lost 2
	lab_br nft delete table netdev ddfault
	nft_port p-s1 'ip daddr != 255.255.255.255 udp sport 67 drop'
	diag_run "$T/ucast"
	diag_expect "unicast replies lost" "$T/ucast" unicast-replies-lost 2
	lab_br nft delete table netdev ddfault
	# port security: the client's port admits its own source MAC only
	nft_port p-cl "ether saddr != $CLIENT_MAC drop"
	diag_run "$T/portsec"
	check_json "port security: own MAC served, random MACs dropped: said, server not blamed" \
		"$T/portsec" \
		"[f for f in res['findings'] if f['id'] == 'foreign-mac-filtered'] and not [f for f in res['findings'] if f['severity'] == 'error']"
	lab_down "db$$"
fi
lab_summary
