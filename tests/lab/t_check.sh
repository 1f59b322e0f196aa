#!/usr/bin/env bash
# t_check.sh - `check`, the monitoring plugin, on real servers: OK on a healthy network in well
# under a second, CRITICAL with no server and with a rogue one, WARNING for a slow server (a
# latency threshold), UNKNOWN on usage errors; every output passes a strict parser of the
# plugin guidelines' format (plugin-output.py) and its state matches the exit status.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"
PARSE=$(dirname "$(readlink -f "$0")")/plugin-output.py
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"

# ck OUT ARGS...: `check` in the client namespace; stdout to OUT, stderr to OUT.err, the exit
# status to OUT.rc, the wall-clock seconds of the whole process to OUT.time, and the parse
# (JSON, or "bad: ...") to OUT.json
ck() {
	local out=$1 t0 t1
	shift
	t0=$(date +%s.%N)
	dd_run "$out" check "$@"
	t1=$(date +%s.%N)
	python3 -c "print($t1 - $t0)" >"$out.time"
	python3 "$PARSE" "$out" "$(cat "$out.rc")" >"$out.json" 2>&1
	echo "# $(basename "$out"): rc $(cat "$out.rc"), $(printf '%.3f' "$(cat "$out.time")") s: $(head -1 "$out")"
}

# pget OUT EXPR: a Python expression over the parse `p` (and `perf`, `long`)
pget() {
	python3 - "$1.json" "$2" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
perf, long = p["perf"], p["long"]
v = eval(sys.argv[2])
print(json.dumps(v) if not isinstance(v, str) else v)
PY
}

# check_plugin TITLE OUT RC STATE: exit status, state, a valid output, nothing on stderr
check_plugin() {
	local title=$1 out=$2 rc=$3 state=$4
	check_rc "$title: exit $rc" "$out" "$rc"
	if grep -q '^bad: ' "$out.json" || ! [ -s "$out.json" ]; then
		fail "$title: the output is a valid plugin output" "$(cat "$out.json"; head -3 "$out")"
	else
		ok "$title: the output is a valid plugin output"
	fi
	check_eq "$title: state $state" "$state" "$(pget "$out" "p['state']" 2>&1)"
	check_eq "$title: nothing on stderr" "" "$(cat "$out.err")"
}

check_p() { # TITLE OUT EXPR
	local v
	v=$(pget "$2" "bool($3)" 2>&1 | tail -n 1)
	if [ "$v" = true ]; then ok "$1"; else fail "$1" "'$3' is $v ($(head -1 "$2"))"; fi
}

# the parser itself is strict: outputs that break the guidelines are refused
parser_refuses() { # TITLE RC TEXT
	printf '%b' "$3" >"$T/bad"
	if python3 "$PARSE" "$T/bad" "$2" | grep -q '^bad: '; then ok "parser refuses $1"; else fail "parser refuses $1"; fi
}
parser_refuses "a state that is not the exit status" 0 "DHCP WARNING - slow | 'a'=1\n"
parser_refuses "a '|' in a long line" 0 "DHCP OK - fine | 'a'=1\nx | y\n"
parser_refuses "a range whose start is above its end" 0 "DHCP OK - fine | 'a'=1s;10:5\n"
parser_refuses "an unknown unit" 0 "DHCP OK - fine | 'a'=1sec\n"

# healthy: one server, the router answers ARP
if lab_up "ck$$" --servers dnsmasq --extra-host 198.18.0.254 >/dev/null 2>&1; then
	ck "$T/ok" -i dd0 -w 0.5 -c 2
	check_plugin "healthy" "$T/ok" 0 OK
	check_p "healthy: the verdict with the lease" "$T/ok" \
		"p['text'].startswith('no problems found: lease 198.18.0.')"
	check_p "healthy: perfdata time (s), servers 1, lease 600 s" "$T/ok" \
		"perf['time']['uom'] == 's' and perf['servers']['value'] == 1 and perf['lease']['value'] == 600 and perf['lease']['uom'] == 's'"
	check_p "healthy: the server's latency with the thresholds" "$T/ok" \
		"perf['latency_198.18.0.1']['uom'] == 's' and perf['latency_198.18.0.1']['warn'] == '0.5' and perf['latency_198.18.0.1']['crit'] == '2'"
	check_p "healthy: no long output (no finding)" "$T/ok" "long == []"
	check "healthy: the whole process in under 2 s (target 1 s; generous for a loaded machine)" \
		python3 -c "import sys; sys.exit(not $(cat "$T/ok.time") < 2)"
	check "healthy: no lease left on the server" no_lease_for s1 "$CLIENT_MAC"
	# usage errors: UNKNOWN before anything is sent, the reason on the status line, no
	# stderr (in the lab's namespace all the same)
	ck "$T/u-range" -i dd0 --warning bogus
	check_plugin "a bad range" "$T/u-range" 3 UNKNOWN
	check_p "a bad range: the status line says why" "$T/u-range" "'bogus' in p['text']"
	ck "$T/u-flag" -i dd0 --no-such-flag
	check_plugin "an unknown flag" "$T/u-flag" 3 UNKNOWN
	ck "$T/u-setting" -i dd0 --timeout never
	check_plugin "a bad setting value (refused before check runs)" "$T/u-setting" 3 UNKNOWN
	ck "$T/u-iface" -i dd-no-such0
	check_plugin "no such interface" "$T/u-iface" 3 UNKNOWN
	dd_run "$T/help" check --help
	check_rc "--help: the usage, then UNKNOWN as the standard plugins do" "$T/help" 3
	check "--help: the usage line" grep -q '^usage: check ' "$T/help"
	# the range syntax end to end: latency ~0 s
	for r in "@0:10 1 WARNING" "10: 1 WARNING" "~:10 0 OK" "5:10 1 WARNING"; do
		set -- $r
		ck "$T/range" -i dd0 -w "$1"
		check_plugin "-w $1 on a latency of ~0 s" "$T/range" "$2" "$3"
	done
	ck "$T/crit" -i dd0 -w 10 -c @0:10
	check_plugin "-c @0:10 on a latency of ~0 s" "$T/crit" 2 CRITICAL
	check_p "-c @0:10: the status line names the server and the range" "$T/crit" \
		"'198.18.0.1' in p['text'] and '@0:10' in p['text']"
	# no server: the only one is cut off the segment
	lab_isolate s1
	ck "$T/none" -i dd0
	check_plugin "no server" "$T/none" 2 CRITICAL
	check_p "no server: the no-server finding as long output" "$T/none" \
		"[l for l in long if l.startswith('error no-server: ')]"
	check_p "no server: servers 0, no latency" "$T/none" \
		"perf['servers']['value'] == 0 and not [k for k in perf if k.startswith('latency_')]"
	check_p "no server: within 15 s" "$T/none" "perf['time']['value'] < 15"
	lab_unisolate
	lab_down "ck$$"
else
	fail "lab up (healthy)"
fi

# two servers: a warning without more words, CRITICAL with an allow list, OK when both are
# expected
if lab_up "c2$$" --servers "kea dnsmasq" --extra-host 198.18.0.254 >/dev/null 2>&1; then
	ck "$T/two" -i dd0
	check_plugin "two servers" "$T/two" 1 WARNING
	check_p "two servers: several-servers, both named" "$T/two" \
		"[l for l in long if l.startswith('warning several-servers: ') and '198.18.0.1' in l and '198.18.0.2' in l]"
	ck "$T/rogue" -i dd0 --allow-server 198.18.0.1
	check_plugin "a rogue server" "$T/rogue" 2 CRITICAL
	check_p "a rogue server: 198.18.0.2 named on the status line" "$T/rogue" \
		"'198.18.0.2' in p['text'] and [l for l in long if l.startswith('error rogue-server: ')]"
	check_p "a rogue server: both servers' latencies" "$T/rogue" \
		"'latency_198.18.0.1' in perf and 'latency_198.18.0.2' in perf and perf['servers']['value'] == 2"
	ck "$T/pair" -i dd0 --allow-server 198.18.0.1,198.18.0.2 --servers 2
	check_plugin "both servers allowed and expected" "$T/pair" 0 OK
	check_p "both expected: servers 2 with the range 2:2" "$T/pair" \
		"perf['servers']['value'] == 2 and perf['servers']['warn'] == '2:2'"
	lab_isolate s2
	ck "$T/one-of-two" -i dd0 --servers 2
	check_plugin "one of two expected servers" "$T/one-of-two" 1 WARNING
	check_p "one of two: servers-missing" "$T/one-of-two" \
		"[l for l in long if l.startswith('warning servers-missing: ')]"
	lab_down "c2$$"
else
	fail "lab up (two servers)"
fi

# a slow server: dnsmasq pings before offering (~3 s); the check is the lab's first probe
if lab_up "cs$$" --servers dnsmasq --slow --extra-host 198.18.0.254 >/dev/null 2>&1; then
	ck "$T/slow" -i dd0 -w 1 -c 10
	check_plugin "a slow server" "$T/slow" 1 WARNING
	check_p "a slow server: its latency over 2 s, over the warning threshold" "$T/slow" \
		"perf['latency_198.18.0.1']['value'] > 2 and perf['latency_198.18.0.1']['warn'] == '1'"
	check_p "a slow server: slow-server as long output" "$T/slow" \
		"[l for l in long if l.startswith('warning slow-server: ')]"
	lab_down "cs$$"
else
	fail "lab up (slow)"
fi
lab_summary
