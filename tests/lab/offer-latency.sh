#!/bin/bash
# offer-latency.sh - measure DISCOVER -> OFFER latency of each server type,
# with the lab's default (pre-offer checks off) and with --slow (the servers'
# stock ping/ARP checks), as seen on the client's bridge port.
#
# Usage: tests/lab/offer-latency.sh [-n RUNS] [TYPE...]   (root)
# Each run is a fresh lab, so no server has cached a check result. The
# client sends exactly one DISCOVER (udhcpc -t 1 -T 10) and waits <= 10 s.
# Output: one line per type and mode, "TYPE MODE run1 run2 ... (seconds)".
set -eu
. "$(dirname "$0")/lib.sh"

RUNS=1
if [ "${1:-}" = -n ]; then RUNS=$2; shift 2; fi
TYPES=${*:-dnsmasq kea dhcpd udhcpd}
RUN=ol$$

# Seconds from the first DISCOVER to the first OFFER in a pcap, or "none".
offer_delay() {
    tcpdump -tt -n -v -r "$1" 2>/dev/null | awk '
        /^[0-9]+\.[0-9]+ / { t = $1 }
        /DHCP-Message.*: Discover/ && d == "" { d = t }
        /DHCP-Message.*: Offer/ && o == "" { o = t }
        END { if (d != "" && o != "") printf "%.3f\n", o - d; else print "none" }'
}

for t in $TYPES; do
    for mode in default slow; do
        line="$t $mode"
        for ((r = 1; r <= RUNS; r++)); do
            name=$RUN-$t-$r
            extra=()
            [ "$mode" = slow ] && extra=(--slow)
            lab_up "$name" --servers "$t" "${extra[@]}" 2>/dev/null
            pcap=$LAB_STATE_DIR/latency.pcap
            lab_capture_start "$pcap"
            lab_client timeout 15 busybox udhcpc -i dd0 -f -n -q -t 1 -T 10 \
                -s "$LAB_UDHCPC_SCRIPT" >/dev/null 2>&1 || true
            lab_capture_stop
            line="$line $(offer_delay "$pcap")"
            lab_down "$name"
        done
        echo "$line"
    done
done
