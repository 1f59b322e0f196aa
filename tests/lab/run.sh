#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/lab/run.sh BIN - the probe lab suite: every t_*.sh against real servers
# in network namespaces. Prints "ok - ..." / "FAIL - ..." / "skip - ..." lines
# and exits non-zero on any failure. Each test brings its own lab up and down;
# they run a few at a time (they mostly wait on the network, not the CPU).
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 BIN" >&2; exit 64; }
bin=$(readlink -f "$1")
jobs=${LAB_JOBS:-3}

if [ "$(id -u)" != 0 ] || ! ip netns list >/dev/null 2>&1; then
	echo "skip - lab needs root and ip netns"
	exit 0
fi
[ -x "$bin" ] || { echo "FAIL - lab: no binary '$bin'"; exit 1; }

out=$(mktemp -d /tmp/dd-labrun.XXXXXX)
trap 'rm -rf "$out"' EXIT
# a private copy: a rebuild in the tree while the suite runs cannot pull it away
cp "$bin" "$out/dhcpdiag" && bin=$out/dhcpdiag
tests=("$here"/t_*.sh)
pids=()
start=$(date +%s)
for t in "${tests[@]}"; do
	name=$(basename "$t" .sh)
	# bounded: a test that hangs is killed after 5 minutes
	timeout -k 10 300 "$t" "$bin" >"$out/$name.out" 2>&1 &
	pids+=($!)
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n
	done
done
fail=0
for i in "${!tests[@]}"; do
	name=$(basename "${tests[$i]}" .sh)
	rc=0
	wait "${pids[$i]}" || rc=$?
	echo "# $name"
	grep -E '^(ok|FAIL|skip) - |^# ' "$out/$name.out"
	if grep -q '^FAIL - ' "$out/$name.out"; then
		fail=1
	elif [ "$rc" != 0 ]; then
		echo "FAIL - $name exited with status $rc"
		tail -n 5 "$out/$name.out" | sed 's/^/#   /'
		fail=1
	fi
done
echo "# lab suite: $(($(date +%s) - start)) s"
exit "$fail"
