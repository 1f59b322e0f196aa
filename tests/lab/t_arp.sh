#!/usr/bin/env bash
# t_arp.sh - `arp ADDR` (RFC 5227 probe) on a real link: an extra host holding an
# address is found with its MAC, a free address is reported free after 1 s, the
# probes on the wire are RFC 5227 probes, a rebind step answers ARP for its
# ciaddr, another host's probe and an ARP request from the address count as in
# use, Ctrl-C stops it; then tagged probes through the --vlan lab's access port.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

USED=198.18.0.50 FREE=198.18.0.51 RACE=198.18.0.52 NOBODY=198.18.0.77
lab_up "pa$$" --extra-host "$USED" >/dev/null 2>&1 || {
	fail "lab up (--extra-host $USED)"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"
x1() { ip netns exec "$X1_NS" "$@"; }
# every ARP frame of a capture, one a line: ms dst src op sha spa tha tpa length
arp_frames() {
	python3 - "$1" <<'PY'
import socket, struct, sys
data = open(sys.argv[1], "rb").read()
mac = lambda b: ":".join("%02x" % x for x in b)
off = 24
while off + 16 <= len(data):
    sec, usec, caplen, _ = struct.unpack_from("<IIII", data, off)
    f = data[off + 16: off + 16 + caplen]
    off += 16 + caplen
    if len(f) < 42 or f[12:14] != b"\x08\x06" or f[14:20] != b"\x00\x01\x08\x00\x06\x04":
        continue
    op = {1: "request", 2: "reply"}.get(struct.unpack_from(">H", f, 20)[0], "op?")
    print(sec * 1000 + usec // 1000, mac(f[0:6]), mac(f[6:12]), op, mac(f[22:28]),
          socket.inet_ntoa(f[28:32]), mac(f[32:38]), socket.inet_ntoa(f[38:42]), len(f))
PY
}

# the address the extra host holds: in use, by its MAC, at once
dd_run "$T/used" arp -i dd0 "$USED" --json
check_rc "arp $USED: in use (exit 0)" "$T/used" 0
check_json "arp $USED: in use by the extra host's MAC $X1_MAC, a reply" "$T/used" \
	"res['address'] == '$USED' and res['in-use'] is True and res['mac'] == '$X1_MAC' and res['answer'] == 'reply' and res['status'] == 0"
check_json "arp $USED: answered within 500 ms after 1 probe" "$T/used" "res['ms'] < 500 and res['probes'] == 1"
dd_run "$T/used-text" arp -i dd0 "$USED"
check "arp $USED (text): '$USED is in use by $X1_MAC (answered after N ms)'" \
	grep -Eqx "$USED is in use by $X1_MAC \(answered after [0-9]+ ms\)" "$T/used-text"
dd_run "$T/srv" arp -i dd0 "$S1_IP" --json
check_json "arp $S1_IP: the server's own address is in use by $S1_MAC" "$T/srv" \
	"res['in-use'] is True and res['mac'] == '$S1_MAC'"
# the script form: the capture is opened and closed by each command
dd_run "$T/script" -i dd0 --json -c "arp $USED; arp $S1_IP"
check_rc "script 'arp $USED; arp $S1_IP': exit 0" "$T/script" 0
check_json "script: two results, the extra host's and the server's MAC" "$T/script" \
	"[r['mac'] for r in results] == ['$X1_MAC', '$S1_MAC']"

# a free address, with the probes captured on the client's bridge port
lab_capture_start "$T/free.pcap" arp
dd_run "$T/free" arp -i dd0 "$FREE" --json
dd_run "$T/free-text" arp -i dd0 "$FREE"
lab_capture_stop
check_rc "arp $FREE: free (exit 1)" "$T/free" 1
check_json "arp $FREE: not in use, no MAC, 2 probes, about 1 s" "$T/free" \
	"res['in-use'] is False and 'mac' not in res and res['probes'] == 2 and 950 <= res['ms'] <= 1500 and res['status'] == 1"
check_rc "arp $FREE (text): exit 1" "$T/free-text" 1
check "arp $FREE (text): '$FREE: no answer in 1.0 s (free)'" \
	grep -qx "$FREE: no answer in 1.0 s (free)" "$T/free-text"

# every probe on the wire: RFC 5227 2.1.1 layout, from the client's MAC, 200 ms apart
probes=$(arp_frames "$T/free.pcap" | awk -v a="$FREE" '$4 == "request" && $8 == a')
n=0 ok_layout=1 prev="" gaps=""
while read -r ms dst src op sha spa tha tpa len; do
	[ -n "$ms" ] || continue
	n=$((n + 1))
	[ "$dst $src $sha $spa $tha $len" = "ff:ff:ff:ff:ff:ff $CLIENT_MAC $CLIENT_MAC 0.0.0.0 00:00:00:00:00:00 60" ] ||
		ok_layout=0
	[ -z "$prev" ] || gaps="$gaps $((ms - prev))"
	prev=$ms
done <<<"$probes"
check_eq "wire: 4 probes for $FREE (2 per run)" 4 "$n"
check_eq "wire: each broadcast from $CLIENT_MAC, sender IP 0.0.0.0, target MAC zero, 60 bytes" 1 "$ok_layout"
g=$(echo "$gaps" | awk '{print $1, $3}')
check "wire: the 2 probes of a run are about 200 ms apart (${g} ms)" \
	awk -v g="$g" 'BEGIN { split(g, a, " "); exit !(a[1] >= 150 && a[1] <= 300 && a[2] >= 150 && a[2] <= 300) }'
check "wire: the probes taught the extra host no ARP entry for the client" \
	bash -c "! ip netns exec '$X1_NS' ip neigh show | grep -qi '$CLIENT_MAC'"

# a rebind step answers ARP for its ciaddr (probe.c's arp_reply, through arp_parse and
# arp_build): while it waits for an ACK that never comes (.60 is in no pool), the
# extra host's own `arp` finds the client's chaddr; after the step, nobody answers
HELD=198.18.0.60 HMAC=02:dd:c0:00:00:01
lab_capture_start "$T/held.pcap" arp
dd_run "$T/rebind" request -i dd0 --rebind --ciaddr "$HELD" --mac "$HMAC" --timeout 1s --tries 2 --json &
rb=$!
sleep 0.5
x1 "$BIN" arp -i host0 "$HELD" --json >"$T/held" 2>"$T/held.err"
wait "$rb"
x1 "$BIN" arp -i host0 "$HELD" --json >"$T/after" 2>"$T/after.err"
lab_capture_stop
check_json "rebind with ciaddr $HELD: the client answers ARP for it (in use by $HMAC, a reply)" \
	"$T/held" "res['in-use'] is True and res['mac'] == '$HMAC' and res['answer'] == 'reply'"
reply=$(arp_frames "$T/held.pcap" | awk -v m="$HMAC" '$4 == "reply" && $5 == m' | head -n 1 | cut -d' ' -f2-)
check_eq "wire: that reply goes to the asker, from $HMAC: is-at $HMAC, target the probe's 0.0.0.0, 60 bytes" \
	"$X1_MAC $HMAC reply $HMAC $HELD $X1_MAC 0.0.0.0 60" "$reply"
check_json "after the rebind step $HELD is free again (the answer ends with the step)" \
	"$T/after" "res['in-use'] is False"

# RFC 5227 2.1.1: another host probing for the same address is a conflict
dd_run "$T/race" arp -i dd0 "$RACE" --json &
rp=$!
sleep 0.3
x1 "$BIN" arp -i host0 "$RACE" >/dev/null 2>&1
wait "$rp"
check_json "arp $RACE: another host's probe for it counts: in use by $X1_MAC, 'probe'" "$T/race" \
	"res['in-use'] is True and res['mac'] == '$X1_MAC' and res['answer'] == 'probe'"

# Ctrl-C (SIGINT) in the one-command form: exit 130, the result says so
ip netns exec "$CLIENT_NS" "$BIN" arp -i dd0 "$FREE" --json >"$T/int" 2>"$T/int.err" &
ipid=$!
sleep 0.3
kill -INT "$ipid"
rc=0
wait "$ipid" || rc=$?
echo "$rc" >"$T/int.rc"
check_rc "Ctrl-C during arp: exit 130" "$T/int" 130
check_json "Ctrl-C during arp: the result has status 130, not in use" "$T/int" \
	"res['status'] == 130 and res['in-use'] is False and res['ms'] < 900"

# an ARP request from the address is a claim too: the extra host stops answering
# (arp_ignore 8) and asks for a neighbour that is not there every 200 ms
x1 sysctl -q -w net.ipv4.conf.host0.arp_ignore=8 net.ipv4.neigh.host0.retrans_time_ms=200
x1 timeout 3 ping -q -n -c 12 -i 0.2 "$NOBODY" >/dev/null 2>&1 &
pp=$!
sleep 0.3
dd_run "$T/req" arp -i dd0 "$USED" --json
wait "$pp" 2>/dev/null
x1 sysctl -q -w net.ipv4.conf.host0.arp_ignore=0
check_json "arp $USED (host not answering, but asking for $NOBODY): in use by $X1_MAC, 'request'" \
	"$T/req" "res['in-use'] is True and res['mac'] == '$X1_MAC' and res['answer'] == 'request'"

lab_down "pa$$"

# 802.1Q: the servers sit behind an access port of VLAN 7
lab_up "pv$$" --vlan 7 >/dev/null 2>&1 || {
	fail "lab up (--vlan 7)"
	lab_summary
	exit 1
}
dd_run "$T/v7" arp -i dd0 --vlan 7 "$S1_IP" --json
check_json "vlan: arp --vlan 7 $S1_IP finds $S1_MAC through the access port" "$T/v7" \
	"res['in-use'] is True and res['mac'] == '$S1_MAC' and res['answer'] == 'reply'"
dd_run "$T/v0" arp -i dd0 "$S1_IP" --json
check_json "vlan: untagged, $S1_IP is not on the link (free)" "$T/v0" "res['in-use'] is False"
dd_run "$T/v8" arp -i dd0 --vlan 8 "$S1_IP" --json
check_json "vlan: on VLAN 8, $S1_IP is not there either (free)" "$T/v8" "res['in-use'] is False"

lab_summary
