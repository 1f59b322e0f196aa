#!/bin/bash
# smoke.sh - proves the lab itself works, using busybox udhcpc as client.
#
# For each server type alone (dnsmasq kea dhcpd udhcpd): lab up, DORA with
# udhcpc in the client namespace, check the address is in s1's pool, that
# every lab option came back decoded, that `lab.sh leases` shows the lease,
# then release (udhcpc -R, on TERM) and check the lease is gone; lab down.
# Each of those labs also has --relay: a hand-made relayed DISCOVER must
# get an OFFER back at giaddr:67. Then the variants: two servers (both
# answer; one DORA against each pool), --lossy (ping loss is observed).
#
# Usage: tests/lab/smoke.sh [TYPE...]   (root; default all four types)
# Last line: "N passed, N failed"; exit status non-zero on failure.
set -eu
. "$(dirname "$0")/lib.sh"

TYPES=${*:-dnsmasq kea dhcpd udhcpd}
RUN=sm$$    # lab names unique per run

# Start udhcpc in the client namespace in the background (bounded by
# timeout), recording decoded options to OUT. Sets UDHCPC_PID.
# DD_UDHCPC_CONFIGURE=1 puts the address on dd0: udhcpc needs it to unicast
# the RELEASE. -R releases on exit (TERM).
udhcpc_start() {  # OUT [extra udhcpc args]
    local out=$1
    shift
    : > "$out"
    ip netns exec "$CLIENT_NS" env DD_UDHCPC_OUT="$out" DD_UDHCPC_CONFIGURE=1 \
        timeout 30 busybox udhcpc -i dd0 -f -n -R -t 5 -T 2 \
        -s "$LAB_UDHCPC_SCRIPT" "$@" > "$out.log" 2>&1 &
    UDHCPC_PID=$!
    lab_on_exit "lab_stop_child $UDHCPC_PID"
}

udhcpc_stop() { lab_stop_child "$UDHCPC_PID"; }   # TERM: udhcpc releases

# value KEY OUT: value recorded in the last "bound" event
value() { awk -F= -v k="$1" '/^event=/ { b = ($0 == "event=bound") } b && $1 == k { v = substr($0, length(k) + 2) } END { print v }' "$2"; }

ip_in_range() {   # IP LO HI (same /24)
    local o=${1##*.} lo=${2##*.} hi=${3##*.}
    [ "${1%.*}" = "${2%.*}" ] && [ "$o" -ge "$lo" ] && [ "$o" -le "$hi" ]
}

check_options() {  # TAG OUT NO_OPTS
    local tag=$1 out=$2 no=" $3 "
    check_eq "$tag: option 1 subnet" "$LAB_NETMASK" "$(value subnet "$out")"
    check_eq "$tag: option 3 router" "$LAB_ROUTER" "$(value router "$out")"
    check_eq "$tag: option 6 dns" "$LAB_DNS" "$(value dns "$out")"
    check_eq "$tag: option 15 domain" "$LAB_DOMAIN" "$(value domain "$out")"
    check_eq "$tag: option 42 ntp" "$LAB_NTP" "$(value ntpsrv "$out")"
    check_eq "$tag: option 51 lease" "$LAB_LEASE_TIME" "$(value lease "$out")"
    check_eq "$tag: option 119 search" "$LAB_SEARCH" "$(value search "$out")"
    check_eq "$tag: option 121 routes" "0.0.0.0/0 $LAB_ROUTE121_GW $LAB_ROUTE121_DEST $LAB_ROUTE121_GW" "$(value staticroutes "$out")"
    case $no in *" 58 "*) ;; *) check_eq "$tag: option 58 T1" "$(printf %08x "$LAB_T1")" "$(value opt58 "$out")" ;; esac
    case $no in *" 59 "*) ;; *) check_eq "$tag: option 59 T2" "$(printf %08x "$LAB_T2")" "$(value opt59 "$out")" ;; esac
}

# DORA + leases + release against one server of the current lab.
dora_release() {  # TAG ROLE(s1|s2) POOL_START POOL_END SERVER_IP NO_OPTS [udhcpc args]
    local tag=$1 role=$2 lo=$3 hi=$4 sip=$5 noopts=$6 out
    shift 6
    out=$LAB_STATE_DIR/udhcpc-$role.out
    udhcpc_start "$out" "$@"
    if ! wait_for "grep -q '^event=bound' '$out'" 15; then
        fail "$tag: DORA" "no lease within 15 s: $(tail -n 1 "$out.log")"
        udhcpc_stop
        return 0
    fi
    ok "$tag: DORA"
    local ip
    ip=$(value ip "$out")
    if ip_in_range "$ip" "$lo" "$hi"; then ok "$tag: address $ip in pool"; else fail "$tag: address in pool" "got '$ip', pool $lo-$hi"; fi
    check_eq "$tag: server id" "$sip" "$(value serverid "$out")"
    check_options "$tag" "$out" "$noopts"
    local leases
    leases=$(lab_leases "$role")
    case $'\n'"$leases"$'\n' in
        *$'\n'"$CLIENT_MAC $ip"$'\n'*) ok "$tag: lease listed" ;;
        *) fail "$tag: lease listed" "'$CLIENT_MAC $ip' not in: ${leases//$'\n'/ }" ;;
    esac
    udhcpc_stop
    if grep -q 'sending release' "$out.log"; then ok "$tag: release sent"; else fail "$tag: release sent" "$(tail -n 1 "$out.log")"; fi
    if wait_for "! '$LAB_SH' leases '$LAB_NAME' $role | grep -q '^$CLIENT_MAC '" 5; then
        ok "$tag: lease gone after release"
    else
        fail "$tag: lease gone after release" "$(lab_leases "$role" | tr '\n' ' ')"
    fi
}

# Relay: a hand-made DISCOVER with giaddr 198.18.1.1, sent from the client
# namespace to the relay server, must draw an OFFER to 198.18.1.1:67 with an
# address from the relay pool.
relay_offer() {  # TAG
    local tag="$1/relay" pcap=$LAB_STATE_DIR/relay.pcap bin=$LAB_STATE_DIR/relay-discover.bin
    check "$tag: client reaches $RS_IP via router" lab_client ping -c 1 -W 2 -I dd1 "$RS_IP"
    lab_make_discover "$bin" 02:dd:00:00:01:99 "$RELAY_CLIENT_IP"
    if ! lab_capture_on "$CLIENT_NS" "$RELAY_CLIENT_IF" "$pcap" udp dst port 67; then
        fail "$tag: capture started"
        return 0
    fi
    lab_client bash -c "cat '$bin' > /dev/udp/$RS_IP/67"
    wait_for "tcpdump -r '$pcap' -n 'src host $RS_IP' 2>/dev/null | grep -q Reply" 5 || true
    lab_capture_stop
    local yi
    yi=$(tcpdump -r "$pcap" -n -v "src host $RS_IP and dst host $RELAY_CLIENT_IP and udp dst port 67" 2>/dev/null |
         sed -n 's/.*Your-IP \([0-9.]*\).*/\1/p' | head -n 1)
    if [ -n "$yi" ] && ip_in_range "$yi" "$RS_POOL_START" "$RS_POOL_END"; then
        ok "$tag: OFFER $yi to giaddr:67"
    else
        fail "$tag: OFFER to giaddr:67" "got '${yi:-nothing}'"
    fi
}

start=$(date +%s)

for t in $TYPES; do
    if ! lab_up "$RUN-$t" --servers "$t" --relay >/dev/null; then
        fail "$t: lab up"
        continue
    fi
    ok "$t: lab up"
    dora_release "$t" s1 "$S1_POOL_START" "$S1_POOL_END" "$S1_IP" "$S1_NO_OPTS"
    relay_offer "$t"
    lab_down "$RUN-$t"
    check "$t: lab down removed namespaces" bash -c "! ip netns list | grep -q '^dd-$RUN-$t-'"
done

# Two servers: one DISCOVER must draw an OFFER from each (seen on the
# client's bridge port); then a DORA against each server alone, the other
# one cut off at the bridge (udhcpc takes the first offer).
if lab_up "$RUN-two" --servers "dnsmasq kea" >/dev/null; then
    ok "two servers: lab up"
    pcap=$LAB_STATE_DIR/two.pcap
    if lab_capture_start "$pcap"; then
        ip netns exec "$CLIENT_NS" timeout 15 busybox udhcpc -i dd0 -f -n -q \
            -t 3 -T 2 -s "$LAB_UDHCPC_SCRIPT" >/dev/null 2>&1 || true
        sleep 0.5
        lab_capture_stop
        n=$(tcpdump -r "$pcap" -n -e 'udp dst port 68' 2>/dev/null | awk '{ print $2 }' | sort -u | tr '\n' ' ')
        check_eq "two servers: both answer (reply source MACs)" "$S1_MAC $S2_MAC " "$n"
    else
        fail "two servers: capture started"
    fi
    lab_isolate s2
    dora_release "two/s1" s1 "$S1_POOL_START" "$S1_POOL_END" "$S1_IP" "$S1_NO_OPTS"
    lab_unisolate
    lab_isolate s1
    dora_release "two/s2" s2 "$S2_POOL_START" "$S2_POOL_END" "$S2_IP" "$S2_NO_OPTS"
    lab_unisolate
    lab_down "$RUN-two"
else
    fail "two servers: lab up"
fi

# Lossy: 50% each way on the client port -> ~75% ping loss (40 pings);
# accept 30-99%. Also the nft counters must show drops.
if lab_up "$RUN-loss" --lossy 50 --client-addr >/dev/null; then
    ok "lossy: lab up"
    # Static neighbours: otherwise lost ARP makes whole bursts fail.
    lab_client ip neigh replace "$S1_IP" lladdr "$S1_MAC" dev dd0 nud permanent
    ip netns exec "$S1_NS" ip neigh replace "$CLIENT_ADDR" lladdr "$CLIENT_MAC" dev srv0 nud permanent
    loss=$(lab_client ping -c 40 -i 0.05 -W 1 -w 8 "$S1_IP" 2>/dev/null | sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p')
    loss=${loss%%.*}
    if [ -n "$loss" ] && [ "$loss" -ge 30 ] && [ "$loss" -le 99 ]; then ok "lossy: ping loss $loss%"; else fail "lossy: ping loss" "got '${loss:-none}'%"; fi
    check "lossy: nft counters show drops" bash -c "ip netns exec '$BR_NS' nft list table bridge ddlab | grep -q 'counter packets [1-9]'"
    lab_down "$RUN-loss"
else
    fail "lossy: lab up"
fi

echo "# smoke took $(($(date +%s) - start)) s"
lab_summary
