#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/bench/run.sh BUILD - the figures: decode speed and memory against tcpdump, then the
# watch and probe benchmarks when their scripts and the privileges are there.
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
bin=$build/dhcpdiag
n=${BENCH_PACKETS:-1000000}
dir=$(mktemp -d /tmp/dhcpdiag-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cc -O2 -std=c11 -D_DEFAULT_SOURCE -Iinclude -o "$dir/gen" tests/bench/gen.c "$build/libcore.a" \
	$(pkg-config --libs libpcap)
"$dir/gen" "$n" "$dir/big.pcap"
echo "bench: $n packets, $(($(stat -c %s "$dir/big.pcap") / 1048576)) MiB capture (DORA from random clients, 3 servers)"

# label, command... : wall seconds, packets/s, peak RSS. The machine is a VM whose speed
# wanders by 10-15% from one run to the next, so every command (tcpdump too) runs RUNS
# times and its fastest run counts; RSS is the largest seen.
RUNS=${BENCH_RUNS:-3}
measure() {
	local label=$1 t0 t1 s best="" rss=0 r i
	shift
	for ((i = 0; i < RUNS; i++)); do
		t0=$(date +%s.%N)
		/usr/bin/time -f "%M" -o "$dir/rss" "$@" >/dev/null 2>"$dir/err" || {
			echo "bench: $label failed: $(tail -3 "$dir/err")"
			return
		}
		t1=$(date +%s.%N)
		s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
		if [ -z "$best" ] || awk -v s="$s" -v b="$best" 'BEGIN { exit !(s < b) }'; then
			best=$s
		fi
		r=$(tail -1 "$dir/rss")
		[ "$r" -gt "$rss" ] && rss=$r
	done
	awk -v l="$label" -v s="$best" -v n="$n" -v r="$rss" \
		'BEGIN { printf "  %-34s %7.2f s  %10.0f packets/s  peak RSS %6.1f MiB\n", l, s, n / s, r / 1024 }' |
		tee -a "$dir/results"
}

export TZ=UTC NO_COLOR=1
echo "bench: decode runs one worker thread a CPU ($(nproc) here) unless --threads says otherwise;"
echo "bench: each line is the fastest of $RUNS runs"
measure "dhcpdiag decode" "$bin" decode "$dir/big.pcap"
measure "dhcpdiag decode --json" "$bin" decode --json "$dir/big.pcap"
measure "dhcpdiag decode --threads 1" "$bin" decode --threads 1 "$dir/big.pcap"
measure "dhcpdiag decode --json --threads 1" "$bin" decode --json --threads 1 "$dir/big.pcap"
if command -v tcpdump >/dev/null; then
	measure "tcpdump -nn -vvv -r" tcpdump -nn -vvv -r "$dir/big.pcap"
fi
awk '/tcpdump/ { t = $(NF-5) }
     /dhcpdiag decode / && !/json/ && !/threads/ { d = $(NF-5) } /json/ && !/threads/ { j = $(NF-5) }
     /dhcpdiag decode --threads/ { d1 = $(NF-5) } /json --threads/ { j1 = $(NF-5) }
     END { if (t > 0) printf "  ratio to tcpdump -vvv packets/s: decode %.1fx, decode --json %.1fx; on one thread %.1fx, %.1fx\n",
                             d / t, j / t, d1 / t, j1 / t }' \
	"$dir/results"
# memory must not grow with the file: a tenth of the packets should need the same peak
"$dir/gen" $((n / 10)) "$dir/small.pcap"
n=$((n / 10)) measure "dhcpdiag decode (a tenth as many)" "$bin" decode "$dir/small.pcap"

if [ -x tests/bench/watch.sh ]; then
	tests/bench/watch.sh "$bin" "$dir/big.pcap" || echo "bench: watch benchmark failed"
fi
if [ -x tests/bench/probe.sh ] && [ "$(id -u)" -eq 0 ]; then
	tests/bench/probe.sh "$bin" || echo "bench: probe benchmark failed"
	tests/bench/diagnose.sh "$bin" || echo "bench: diagnose benchmark failed"
fi
