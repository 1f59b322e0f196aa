#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/bench/diagnose.sh BIN - how long `diagnose` takes to its verdict, whole process, on lab
# networks with and without faults (targets: healthy <= 5 s, any verdict <= 15 s). Needs root.
set -u
[ $# -ge 1 ] || { echo "usage: $0 BIN" >&2; exit 64; }
BIN=$(readlink -f "$1")
. "$(dirname "$0")/../lab/lib.sh"
if [ "$(id -u)" != 0 ]; then
	echo "bench diagnose: skipped (needs root for the lab)"
	exit 0
fi
T=$(mktemp -d /tmp/dd-bench.XXXXXX)
lab_on_exit "rm -rf '$T'"
echo "diagnose bench: start to exit of one run, and its verdict"

# scenario LABEL "ENV" "LAB ARGS" [DIAGNOSE ARGS...]
scenario() {
	local label=$1 envs=$2 largs=$3 name="bd$$" t0 t1 rc
	shift 3
	# shellcheck disable=SC2086  # the words of envs and largs are meant to split
	if ! env $envs "$LAB_SH" up "$name" $largs >/dev/null 2>&1; then
		printf '  %-34s lab up failed\n' "$label"
		return
	fi
	_LAB_NAMES+=("$name")
	lab_env "$name"
	[ -z "${PRE:-}" ] || eval "$PRE"
	t0=$(date +%s%N)
	ip netns exec "$CLIENT_NS" "$BIN" diagnose -i "${DIF:-dd0}" --json "$@" >"$T/out" 2>&1
	rc=$?
	t1=$(date +%s%N)
	printf '  %-34s %6d ms  exit %d  %s\n' "$label" "$(((t1 - t0) / 1000000))" "$rc" \
		"$(python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).read().splitlines()[-1]); print(" ".join(f["id"] for f in r["findings"]) or r["verdict"][:40])' "$T/out" 2>/dev/null)"
	lab_down "$name" >/dev/null 2>&1
}
for srv in kea dnsmasq dhcpd udhcpd; do
	scenario "healthy ($srv)" "" "--servers $srv --extra-host 198.18.0.254"
done
PRE='lab_isolate s1' scenario "no server" "" "--servers kea"
scenario "slow server (dnsmasq ping)" "" "--servers dnsmasq --slow --extra-host 198.18.0.254"
scenario "two servers" "" "--servers kea,dnsmasq --extra-host 198.18.0.254"
DIF=dd1 scenario "no relay (--server)" "" "--servers kea --relay" --server 198.18.2.1
scenario "client ignored" "LAB_IGNORE_MAC=02:dd:c1:00:00:77" "--servers dnsmasq" \
	--mac 02:dd:c1:00:00:77
scenario "timers (udhcpd T1 > T2)" "LAB_T1=600 LAB_T2=300" "--servers udhcpd --extra-host 198.18.0.254"
exit 0
