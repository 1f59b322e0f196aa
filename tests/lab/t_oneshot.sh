#!/usr/bin/env bash
# t_oneshot.sh - DECLINE in the one-command and the script form, and Ctrl-C
# (SIGINT) ending a command and a script: exit 130, held lease released.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

lab_up "po$$" --servers "kea dnsmasq" >/dev/null 2>&1 || {
	fail "lab up"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

role_of() { [ "$1" = "$S2_IP" ] && echo s2 || echo s1; }
log_of() { [ "$1" = s2 ] && echo "$S2_LOG" || echo "$S1_LOG"; }

# one-command form: dora --keep, then `decline ADDR` with the same MAC and server
dd_run "$T/keep" dora -i dd0 --keep --wait first --timeout 1s --tries 3 --json
check_rc "dora --keep: ACK (exit 0)" "$T/keep" 0
mac=$(jget "$T/keep" "rx('ACK')[0]['dhcp']['chaddr']" 2>/dev/null)
addr=$(jget "$T/keep" "rx('ACK')[0]['dhcp']['yiaddr']" 2>/dev/null)
srv=$(jget "$T/keep" "rx('ACK')[0]['frame']['src-ip']" 2>/dev/null)
role=$(role_of "$srv")
lab_leases "$role" | grep -qi "^$mac " && ok "dora --keep: the lease is in $role's table" ||
	fail "dora --keep: no lease for $mac in $role's table"
dd_run "$T/dec" decline "$addr" -i dd0 --mac "$mac" --server-id "$srv" --json
check_rc "decline $addr: sent (exit 0)" "$T/dec" 0
check_json "decline: DECLINE carries requested address and server id" "$T/dec" \
	"opt(tx('DECLINE')[0], 'requested-ip-address') == '$addr' and opt(tx('DECLINE')[0], 'server-identifier') == '$srv'"
# the server notes the decline in its log and keeps no lease for the MAC
logf=$(log_of "$role")
wait_for "grep -qi 'decline.*$addr\\|$addr.*decline' '$logf'" 3
check "decline: $role ($srv) logged the DECLINE of $addr" grep -qi "decline.*$addr\|$addr.*decline" "$logf"
check "decline: no lease left for $mac on $role" no_lease_for "$role" "$mac"

# script form: request, then decline the held lease (no argument)
m2=02:dd:c0:00:00:$(printf %02x $(($$ % 250)))
dd_run "$T/sdec" -i dd0 --mac "$m2" --json -c 'discover --wait first; request; decline'
check_rc "script discover; request; decline: exit 0" "$T/sdec" 0
a2=$(jget "$T/sdec" "rx('ACK')[0]['dhcp']['yiaddr']" 2>/dev/null)
check_json "script: DECLINE names the address the ACK gave" "$T/sdec" \
	"opt(tx('DECLINE')[0], 'requested-ip-address') == rx('ACK')[0]['dhcp']['yiaddr']"
check_json "script: nothing released after the decline" "$T/sdec" "len(tx('RELEASE')) == 0"
r2=$(role_of "$(jget "$T/sdec" "rx('ACK')[0]['frame']['src-ip']" 2>/dev/null)")
wait_for "grep -qi 'decline.*$a2\\|$a2.*decline' '$(log_of "$r2")'" 3
check "script: $r2 logged the DECLINE of $a2" grep -qi "decline.*$a2\|$a2.*decline" "$(log_of "$r2")"

# Ctrl-C in the one-command form: a discover waiting 5 s for every offer stops
interrupt_after() { # OUT TENTHS ARGS... : SIGINT after TENTHS; rc and ms to OUT.rc/OUT.ms
	local out=$1 tenths=$2 t0 pid
	shift 2
	t0=$(date +%s%N)
	ip netns exec "$CLIENT_NS" "$BIN" "$@" >"$out" 2>"$out.err" &
	pid=$!
	sleep "$((tenths / 10)).$((tenths % 10))"
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
	echo $? >"$out.rc"
	echo $((($(date +%s%N) - t0) / 1000000)) >"$out.ms"
}
interrupt_after "$T/int" 10 discover -i dd0 --wait all --timeout 5s --tries 1 --json
check_rc "Ctrl-C during discover: exit 130" "$T/int" 130
ms=$(cat "$T/int.ms")
check "Ctrl-C during discover: stopped at once (${ms} ms, waiting 5 s)" test "$ms" -lt 3000
check_json "Ctrl-C during discover: the offers seen so far are reported" "$T/int" "len(rx('OFFER')) == 2"

# Ctrl-C in a script after `request`: the script stops, the held lease is released
m3=02:dd:c1:00:00:$(printf %02x $(($$ % 250)))
interrupt_after "$T/sint" 15 -i dd0 --mac "$m3" --json -c 'discover --wait first; request; discover --wait all --timeout 5s'
check_rc "Ctrl-C in a script: exit 130" "$T/sint" 130
check_json "Ctrl-C in a script: the held lease was released" "$T/sint" \
	"len(tx('RELEASE')) >= 2 and all(p['dhcp']['ciaddr'] == rx('ACK')[0]['dhcp']['yiaddr'] for p in tx('RELEASE'))"
r3=$(role_of "$(jget "$T/sint" "rx('ACK')[0]['frame']['src-ip']" 2>/dev/null)")
wait_for "no_lease_for $r3 $m3" 3
check "Ctrl-C in a script: no lease left for $m3 on $r3" no_lease_for "$r3" "$m3"

lab_summary
