#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/bench/probe.sh BIN - time to an answer: `dhcpdiag discover --wait first`
# against nmap's broadcast-dhcp-discover and the monitoring plugin check_dhcp,
# each run N times against Kea (no ping check before offering) in a lab.
# Wall time from start to exit; medians and ratios. Needs root (namespaces).
set -u
[ $# -ge 1 ] || { echo "usage: $0 BIN" >&2; exit 64; }
BIN=$(readlink -f "$1")
N=${BENCH_RUNS:-5}
. "$(dirname "$0")/../lab/lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "bench probe: skipped (needs root for the lab)"
	exit 0
fi
# nmap's script wants an address on the interface: give dd0 one
lab_up "bp$$" --servers kea --client-addr >/dev/null 2>&1 || { echo "bench probe: lab up failed"; exit 1; }
T=$(mktemp -d /tmp/dd-bench.XXXXXX)
lab_on_exit "rm -rf '$T'"

# run LABEL CMD...: N timed runs in the client namespace, milliseconds to $T/LABEL. The clock
# runs inside the namespace (ip netns exec and the shell around it are not counted); the peak
# RSS of each run goes to $T/LABEL.rss (KiB)
run() {
	local label=$1
	shift
	: >"$T/$label"
	: >"$T/$label.rss"
	ip netns exec "$CLIENT_NS" bash -c '
		n=$1 out=$2 times=$3 rss=$4; shift 4
		for ((i = 0; i < n; i++)); do
			t0=$(date +%s%N)
			/usr/bin/time -f %M -o "$rss.one" "$@" >"$out" 2>&1
			rc=$?
			t1=$(date +%s%N)
			echo "$(((t1 - t0) / 1000000)) $rc" >>"$times"
			cat "$rss.one" >>"$rss"
		done' _ "$N" "$T/$label.out" "$T/$label" "$T/$label.rss" "$@"
}
peak_rss() { sort -n "$T/$1.rss" | tail -n 1; }
median() { awk '{print $1}' "$T/$1" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
fails() { awk '$2 != 0' "$T/$1" | wc -l; }

run dhcpdiag "$BIN" discover -i "$CLIENT_IF" --wait first --timeout 2s --tries 2
run dhcpdiag_quiet "$BIN" discover -i "$CLIENT_IF"
have_nmap=0 have_cd=0
if command -v nmap >/dev/null; then
	have_nmap=1
	run nmap nmap -e "$CLIENT_IF" --script broadcast-dhcp-discover
	# its default is to listen 10 s for more answers; this is its fastest fair setting
	run nmap_1s nmap -e "$CLIENT_IF" --script broadcast-dhcp-discover \
		--script-args broadcast-dhcp-discover.timeout=1s
fi
if [ -x /usr/lib/nagios/plugins/check_dhcp ]; then
	have_cd=1
	run check_dhcp /usr/lib/nagios/plugins/check_dhcp -i "$CLIENT_IF"
	# it listens for the whole timeout (default 2 s); 1 s is its smallest
	run check_dhcp_1s /usr/lib/nagios/plugins/check_dhcp -i "$CLIENT_IF" -t 1
fi

d=$(median dhcpdiag)
echo "probe bench: time from start to exit, Kea in a namespace lab, median of $N runs"
printf '  %-56s %7s ms  (%s failed)  peak RSS %s KiB\n' "dhcpdiag discover --wait first" "$d" \
	"$(fails dhcpdiag)" "$(peak_rss dhcpdiag)"
row() { # label file
	local m
	m=$(median "$2")
	printf '  %-56s %7s ms  (%s failed)  %6.1fx dhcpdiag\n' "$1" "$m" "$(fails "$2")" \
		"$(awk -v a="$m" -v b="$d" 'BEGIN { print (b > 0) ? a / b : 0 }')"
}
[ "$have_nmap" = 1 ] && row "nmap --script broadcast-dhcp-discover" nmap
[ "$have_nmap" = 1 ] && row "nmap ... broadcast-dhcp-discover.timeout=1s" nmap_1s
[ "$have_cd" = 1 ] && row "check_dhcp -i $CLIENT_IF" check_dhcp
[ "$have_cd" = 1 ] && row "check_dhcp -i $CLIENT_IF -t 1" check_dhcp_1s
row "dhcpdiag discover (default: quiet 1.5 s after the last)" dhcpdiag_quiet
exit 0
