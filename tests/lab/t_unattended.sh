#!/usr/bin/env bash
# t_unattended.sh - unattended runs: privileges dropped while waiting (watch, discover),
# SIGTERM/SIGHUP stopping probes, scripts and watch (128+signal, lease released, summary),
# --deadline (124), a SELECT whose ACK was lost released all the same, --json=results,
# result lines with time and interface, a stdout that fails (74).
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

lab_up "pu$$" --servers dnsmasq >/dev/null 2>&1 || {
	fail "lab up"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"
lab_on_exit "ip netns exec '$BR_NS' nft delete table bridge ddackdrop 2>/dev/null || true"

# start dhcpdiag in the client namespace in the background: PID in $DD_PID
dd_bg() { # OUT ARGS...
	local out=$1
	shift
	ip netns exec "$CLIENT_NS" "$BIN" "$@" >"$out" 2>"$out.err" &
	DD_PID=$!
}
dd_wait() { # OUT: wait for $DD_PID (bounded: 20 s, then KILL), status to OUT.rc
	local out=$1 rc=0
	wait_for "! kill -0 $DD_PID" 20 || kill -KILL "$DD_PID" 2>/dev/null
	wait "$DD_PID" || rc=$?
	echo "$rc" >"$out.rc"
}
status_of() { grep -E "^$2:" "/proc/$1/status" 2>/dev/null | awk '{print $2}'; }

# --- privileges: after the capture is open nothing is left, also for plain root -------
dd_bg "$T/w" watch -i dd0 --duration 4
wait_for "[ -s /proc/$DD_PID/status ] && [ \"\$(status_of $DD_PID Uid)\" = 65534 ]" 3
cap=$(status_of "$DD_PID" CapEff) uid=$(status_of "$DD_PID" Uid) bnd=$(status_of "$DD_PID" CapBnd)
check_eq "watch run by root: CapEff while it runs" 0000000000000000 "$cap"
check_eq "watch run by root: it runs as nobody (65534)" 65534 "$uid"
check_eq "watch run by root: no bounding set left" 0000000000000000 "$bnd"
dd_wait "$T/w"
check_rc "watch --duration 4: exit 0" "$T/w" 0

dd_bg "$T/d" discover -i dd0 --wait all --timeout 3s --tries 1 --json
wait_for "[ \"\$(status_of $DD_PID Uid)\" = 65534 ]" 3
check_eq "one-shot discover while it waits: CapEff" 0000000000000000 "$(status_of "$DD_PID" CapEff)"
check_eq "one-shot discover while it waits: uid nobody" 65534 "$(status_of "$DD_PID" Uid)"
dd_wait "$T/d"
check_rc "discover: exit 0 (its offer came)" "$T/d" 0

ip netns exec "$CLIENT_NS" env SUDO_UID=4242 SUDO_GID=4343 "$BIN" discover -i dd0 --wait all \
	--timeout 3s --tries 1 >"$T/s" 2>"$T/s.err" &
DD_PID=$!
wait_for "[ \"\$(status_of $DD_PID Uid)\" = 4242 ]" 3
check_eq "under sudo (SUDO_UID 4242): the invoking user" "4242 4343" \
	"$(status_of "$DD_PID" Uid) $(status_of "$DD_PID" Gid)"
check_eq "under sudo: CapEff" 0000000000000000 "$(status_of "$DD_PID" CapEff)"
dd_wait "$T/s"

# --- signals ----------------------------------------------------------------------
# a piped watch killed by SIGTERM: its NDJSON summary, exit 143
dd_bg "$T/wt" watch -i dd0
wait_for "[ \"\$(status_of $DD_PID Uid)\" = 65534 ]" 3
kill -TERM "$DD_PID"
dd_wait "$T/wt"
check_rc "piped watch -i, SIGTERM: exit 143" "$T/wt" 143
check "piped watch -i, SIGTERM: the last line is its summary" \
	python3 -c 'import json,sys; l=open(sys.argv[1]).read().splitlines(); sys.exit(json.loads(l[-1])["event"] != "summary")' "$T/wt"

# SIGTERM in a script holding a lease: exit 143, the lease released, the result says 143
m1=02:dd:c2:00:00:$(printf %02x $(($$ % 250)))
dd_bg "$T/st" -i dd0 --mac "$m1" --json --timeout 1s -c 'discover --wait first; request; discover --wait all --timeout 5s --tries 1'
wait_for "grep -q '\"command\":\"request\",\"status\":0' '$T/st'" 5
sleep 0.5
kill -TERM "$DD_PID"
dd_wait "$T/st"
check_rc "SIGTERM in a script: exit 143" "$T/st" 143
check_json "SIGTERM in a script: the held lease was released (at least twice)" "$T/st" \
	"len(tx('RELEASE')) >= 2 and all(p['dhcp']['ciaddr'] == rx('ACK')[0]['dhcp']['yiaddr'] for p in tx('RELEASE'))"
check_json "SIGTERM in a script: the waiting discover's result says 143, stopped by SIGTERM" "$T/st" \
	"[(r['status'], r.get('message')) for r in results if r['command'] == 'discover'] == [(0, None), (143, 'stopped by SIGTERM')]"
check_json "SIGTERM in a script: the release at exit has a result line" "$T/st" \
	"results[-1]['command'] == 'release' and results[-1]['release']['sent'] >= 2"
check "SIGTERM in a script: no lease left for $m1" wait_for "no_lease_for s1 $m1" 3

# SIGHUP during a one-shot discover: exit 129
dd_bg "$T/hup" discover -i dd0 --wait all --timeout 5s --tries 1 --json
sleep 1
kill -HUP "$DD_PID"
dd_wait "$T/hup"
check_rc "SIGHUP during discover: exit 129" "$T/hup" 129
check_json "SIGHUP: the result line says so, with the offer seen" "$T/hup" \
	"res['status'] == 129 and res['message'] == 'stopped by SIGHUP' and len(res['offers']) == 1"

# --- deadlines ----------------------------------------------------------------------
t0=$(date +%s%N)
dd_run "$T/dl" discover -i dd0 --wait all --timeout 5s --tries 1 --deadline 1s --json
ms=$((($(date +%s%N) - t0) / 1000000))
check_rc "discover --deadline 1s (waiting 5 s): exit 124" "$T/dl" 124
check "discover --deadline 1s: ended in time (${ms} ms)" test "$ms" -lt 4000
check_json "deadline: the result line (status, message, time, interface)" "$T/dl" \
	"res['status'] == 124 and res['message'] == 'deadline reached' and res['time'].endswith('Z') and res['interface'] == 'dd0'"

m2=02:dd:c3:00:00:$(printf %02x $(($$ % 250)))
t0=$(date +%s%N)
dd_run "$T/dls" --deadline 3s -i dd0 --mac "$m2" --json --timeout 1s -c 'discover --wait first; request; discover --wait all --timeout 8s --tries 1; discover'
ms=$((($(date +%s%N) - t0) / 1000000))
check_rc "a script under --deadline 3s: exit 124" "$T/dls" 124
check "the script stopped at the deadline (${ms} ms)" test "$ms" -lt 7000
check_json "deadline in a script: the third command never ran, the lease was released" "$T/dls" \
	"len(tx('DISCOVER')) == 2 and len(tx('RELEASE')) >= 2"
check "deadline in a script: no lease left for $m2" wait_for "no_lease_for s1 $m2" 3

# --- a SELECT whose ACK was lost: released all the same ---------------------------------
mkfifo "$T/in"
m3=02:dd:c4:00:00:$(printf %02x $(($$ % 250)))
ip netns exec "$CLIENT_NS" "$BIN" -i dd0 --mac "$m3" --timeout 500ms --tries 2 <"$T/in" >"$T/ack" 2>"$T/ack.err" &
DD_PID=$!
exec 7>"$T/in"
echo 'discover --wait first' >&7
wait_for "grep -q 'offer in' '$T/ack'" 5
# from now on no reply reaches the client: the REQUEST gets to the server, its ACK is lost
ip netns exec "$BR_NS" nft -f - <<NFT
table bridge ddackdrop {
    chain forward { type filter hook forward priority -10; policy accept; oifname "$BR_CLIENT_PORT" udp dport 68 counter drop; }
}
NFT
echo 'request' >&7
exec 7>&-
dd_wait "$T/ack"
ip netns exec "$BR_NS" nft delete table bridge ddackdrop
check_rc "request whose ACK is lost: exit 1" "$T/ack" 1
check "the output says the server may hold it and the RELEASE is not confirmed" \
	grep -q "may have granted .* sent 2 times (a RELEASE has no answer: not confirmed)" "$T/ack"
check "the server logged the REQUEST and the RELEASE" \
	wait_for "grep -qi 'DHCPRELEASE.*$m3' '$S1_LOG'" 3
check "no lease left for $m3 after the lost ACK" wait_for "no_lease_for s1 $m3" 3

# --- output -------------------------------------------------------------------------
dd_run "$T/res" dora -i dd0 --wait first --timeout 1s --json=results
check_rc "dora --json=results: exit 0" "$T/res" 0
check_json "--json=results: the result line only, with a release that says sent" "$T/res" \
	"len(pk) == 0 and len(results) == 1 and res['release']['sent'] == 3 and res['release']['confirmed'] is False and res['release']['lease'] == 'acked'"
check_json "result lines carry time and interface" "$T/res" \
	"res['time'][:2] == '20' and res['time'].endswith('Z') and res['interface'] == 'dd0'"

m4=02:dd:c5:00:00:$(printf %02x $(($$ % 250)))
ip netns exec "$CLIENT_NS" "$BIN" dora -i dd0 --mac "$m4" --wait first --timeout 1s --json >/dev/full 2>"$T/full.err"
echo $? >"$T/full.rc"
check_rc "dora --json > /dev/full: exit 74" "$T/full" 74
check "... says it cannot write to stdout" grep -q "cannot write to stdout" "$T/full.err"
check "... and still released its lease" wait_for "no_lease_for s1 $m4" 3

dd_run "$T/nodev" discover -i nosuch0 --json
check_json "no such interface: a result line with its status and message" "$T/nodev" \
	"res['status'] == $(cat "$T/nodev.rc") != 0 and res['command'] == 'discover' and 'nosuch0' in res['message']"

lab_summary
