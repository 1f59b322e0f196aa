#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/bench/watch.sh BIN FILE - watch figures: replay speed and peak RSS of `watch -r FILE`
# in NDJSON mode, then (root, lab) the highest tcpreplay rate a live `watch -i` takes with
# 0 pcap drops, and its CPU use: once writing NDJSON, once drawing the ncurses view in a
# tmux terminal (its summary line on stderr gives the counts). Live traffic only inside the
# lab's namespaces.
set -u
cd "$(dirname "$0")/../.."
bin=$(readlink -f "${1:?usage: watch.sh BIN FILE}")
file=$(readlink -f "${2:?usage: watch.sh BIN FILE}")
rates=${WATCH_RATES:-"10000 50000 100000 200000"}
secs=3
dir=$(mktemp -d /tmp/dd-bench-watch.XXXXXX)
lab=tests/lab/lab.sh
name="bw$$"
labup=0
cleanup() {
	[ "$labup" = 1 ] && timeout 30 "$lab" down "$name" >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT
summary() { # file key: a number from the summary event (last line)
	tail -n 1 "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$2"
}

# --- file replay, as fast as it goes -----------------------------------------------------
/usr/bin/time -v -o "$dir/time" "$bin" watch -r "$file" </dev/null >"$dir/replay.json" 2>"$dir/err"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 2 ]; then
	echo "bench: watch -r failed ($rc): $(tail -2 "$dir/err")"
	exit 1
fi
pk=$(summary "$dir/replay.json" packets)
ms=$(summary "$dir/replay.json" elapsed-ms)
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$dir/time")
rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time")
awk -v p="$pk" -v m="$ms" -v w="$wall" -v r="$rss" 'BEGIN {
	printf "  %-34s %7.2f s  %10.0f packets/s  peak RSS %6.1f MiB (%d packets, %.0f/s in the loop)\n",
		"dhcpdiag watch -r (NDJSON)", w, p / w, r / 1024, p, (m != 0 ? p * 1000 / m : 0) }'
ev=$(($(wc -l <"$dir/replay.json") - 1))
echo "  watch -r: $ev server/transaction events written"

# --- live: tcpreplay into the client's veth, watch -i in the client namespace -------------
if [ "${WATCH_LIVE:-1}" = 0 ] || [ "$(id -u)" != 0 ] || ! command -v tcpreplay >/dev/null || [ ! -x "$lab" ]; then
	echo "  watch -i live rates: skipped (needs root, tcpreplay and $lab)"
	exit 0
fi
if ! timeout 60 "$lab" up "$name" --servers dnsmasq >"$dir/up.log" 2>&1; then
	echo "bench: lab up failed: $(tail -2 "$dir/up.log")"
	exit 1
fi
labup=1
. "/tmp/dd-lab.$name/env"
best=0
for r in $rates; do
	n=$((r * secs))
	ip netns exec "$CLIENT_NS" /usr/bin/time -f "%U %S %e" -o "$dir/live.time" \
		timeout 30 "$bin" watch -i "$CLIENT_IF" --duration=$((secs + 3)) \
		</dev/null >"$dir/live.json" 2>"$dir/live.err" &
	wpid=$!
	sleep 1
	# tcpreplay sends out of the bridge-side port p-cl: the frames arrive on dd0
	ip netns exec "$BR_NS" timeout $((secs + 10)) tcpreplay -q -i "$BR_CLIENT_PORT" \
		--pps="$r" --limit="$n" "$file" >"$dir/tcpreplay.out" 2>&1
	sent=$(awk '/Actual:/ { print $2; exit }' "$dir/tcpreplay.out")
	wait "$wpid"
	got=$(summary "$dir/live.json" packets)
	drop=$(summary "$dir/live.json" pcap-dropped)
	read -r u s e <"$dir/live.time"
	awk -v r="$r" -v n="${sent:-?}" -v g="$got" -v d="$drop" -v u="$u" -v s="$s" -v t="$secs" 'BEGIN {
		printf "  watch -i at %6d pps for %d s: sent %s, seen %s, pcap drops %s, CPU %.2f s (%.0f%% of one core while replaying)\n",
			r, t, n, g, d, u + s, (u + s) * 100 / t }'
	if [ "$drop" = 0 ] && [ "$got" -ge $((n * 99 / 100)) ] 2>/dev/null; then
		best=$r
	fi
done
echo "  watch -i: highest rate with 0 drops: $best pps"

# --- live, drawing: the ncurses view in a terminal (tmux) while tcpreplay feeds it --------
if ! command -v tmux >/dev/null; then
	echo "  watch -i drawing: skipped (needs tmux)"
	exit 0
fi
sock="ddbw$$"
tmux_cleanup() { tmux -L "$sock" kill-server >/dev/null 2>&1 || true; }
trap 'tmux_cleanup; cleanup' EXIT
best=0
for r in $rates; do
	n=$((r * secs))
	rm -f "$dir/draw.err" "$dir/draw.time"
	# the view draws to the pane; its one-line summary goes to stderr, into a file
	TERM=xterm-256color tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 \
		"ip netns exec '$CLIENT_NS' /usr/bin/time -f '%U %S %e' -o '$dir/draw.time' \
		 timeout --foreground 30 '$bin' watch -i '$CLIENT_IF' --duration=$((secs + 3)) 2>'$dir/draw.err'"
	sleep 1
	ip netns exec "$BR_NS" timeout $((secs + 10)) tcpreplay -q -i "$BR_CLIENT_PORT" \
		--pps="$r" --limit="$n" "$file" >"$dir/tcpreplay.out" 2>&1
	sent=$(awk '/Actual:/ { print $2; exit }' "$dir/tcpreplay.out")
	for ((i = 0; i < 100; i++)); do # the view ends at --duration; at most 10 s more
		[ -s "$dir/draw.time" ] && break
		sleep 0.1
	done
	tmux_cleanup
	# "watch: P packets (D DHCP) in S s, N servers; capture: R received, X dropped"
	got=$(sed -n 's/^watch: \([0-9]*\) packets.*/\1/p' "$dir/draw.err")
	drop=$(sed -n 's/.*received, \([0-9]*\) dropped.*/\1/p' "$dir/draw.err")
	read -r u s e <"$dir/draw.time" 2>/dev/null || u=0 s=0
	awk -v r="$r" -v n="${sent:-?}" -v g="${got:-?}" -v d="${drop:-?}" -v u="$u" -v s="$s" -v t="$secs" 'BEGIN {
		printf "  watch -i drawing at %6d pps for %d s: sent %s, seen %s, pcap drops %s, CPU %.2f s (%.0f%% of one core while replaying)\n",
			r, t, n, g, d, u + s, (u + s) * 100 / t }'
	if [ "$drop" = 0 ] && [ "${got:-0}" -ge $((n * 99 / 100)) ] 2>/dev/null; then
		best=$r
	fi
done
echo "  watch -i drawing: highest rate with 0 drops: $best pps"
