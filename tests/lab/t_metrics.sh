#!/usr/bin/env bash
# t_metrics.sh - --metrics on check, diagnose, discover and watch: Prometheus text files that
# promtool accepts, written atomically, with the values the run saw; a real node_exporter in the
# lab's client namespace (127.0.0.1 there only) serves them through its textfile collector; the
# alerting rules of contrib/prometheus pass promtool's check and their unit tests.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/dd-t.XXXXXX)
M=$T/textfile # node_exporter's textfile directory
mkdir "$M"
lab_on_exit "rm -rf '$T'"
PORT=9109

if ! command -v promtool >/dev/null || ! command -v prometheus-node-exporter >/dev/null; then
	echo "skip - t_metrics: promtool or prometheus-node-exporter missing (tests/deps.sh)"
	exit 0
fi

# the alerting rules: valid, and their unit tests pass (no network)
check "promtool check rules contrib/prometheus/dhcpdiag.rules.yml" \
	promtool check rules "$ROOT/contrib/prometheus/dhcpdiag.rules.yml"
check "promtool test rules: no server, rogue, slow, broken monitoring fire as written" \
	bash -c "cd '$ROOT/tests/prom' && promtool test rules dhcpdiag.rules.test.yml"

# the systemd units: systemd-analyze has nothing to say (the binary path points at ours)
mkdir "$T/units"
sed "s#/usr/bin/dhcpdiag#$BIN#" "$ROOT/contrib/systemd/dhcpdiag-check@.service" \
	>"$T/units/dhcpdiag-check@.service"
cp "$ROOT/contrib/systemd/dhcpdiag-check@.timer" "$T/units/"
if command -v systemd-analyze >/dev/null; then
	check_eq "systemd-analyze verify: the service and timer are clean" "" \
		"$(cd "$T/units" && systemd-analyze verify --man=no ./dhcpdiag-check@dd0.service \
			./dhcpdiag-check@dd0.timer 2>&1)"
fi

# mval FILE NAME LABELS: the value of the sample NAME{...} whose labels include LABELS (a
# Python dict literal of the unescaped values), or "none"
mval() {
	python3 - "$@" <<'PY'
import re, sys
path, name, want = sys.argv[1], sys.argv[2], eval(sys.argv[3])
for line in open(path):
    m = re.match(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$', line.rstrip("\n"))
    if not m or m.group(1) != name:
        continue
    unesc = lambda v: re.sub(r'\\(.)', lambda e: '\n' if e.group(1) == 'n' else e.group(1), v)
    labels = dict((k, unesc(v)) for k, v in
                  re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
    if all(labels.get(k) == v for k, v in want.items()):
        print(m.group(3))
        sys.exit(0)
print("none")
PY
}

check_m() { # TITLE FILE NAME LABELS EXPECTED
	check_eq "$1" "$5" "$(mval "$2" "$3" "$4")"
}

if ! lab_up "mt$$" --servers "kea dnsmasq" --extra-host 198.18.0.254 >/dev/null 2>&1; then
	fail "lab up"
	lab_summary
	exit 1
fi

dd_run "$T/check" check -i dd0 --allow-server 198.18.0.1 --metrics "$M/check.prom"
dd_run "$T/diag" diagnose -i dd0 --json --allow-server 198.18.0.1 --metrics "$M/diagnose.prom"
dd_run "$T/disc" discover -i dd0 --json --metrics "$M/discover.prom"
# watch listens while a discover runs beside it
ip netns exec "$CLIENT_NS" "$BIN" watch -i dd0 --duration 6 --allow-server 198.18.0.1 \
	--metrics "$M/watch.prom" >"$T/watch" 2>"$T/watch.err" &
WPID=$!
lab_on_exit "lab_stop_child $WPID"
sleep 1
dd_run "$T/disc2" discover -i dd0 --json
wait "$WPID"
echo "$?" >"$T/watch.rc"

# a label value with a quote and a backslash: an interface of that name, down (diagnose names
# interface-down without sending anything); a veth pair inside the client namespace (this
# kernel has no dummy devices)
ODD='dd"q\x'
lab_client ip link add "$ODD" type veth peer name dd-odd1
dd_run "$T/odd" diagnose -i "$ODD" --json --metrics "$M/odd.prom"
check_rc "diagnose on a down interface: exit 2" "$T/odd" 2
check "an interface name with a quote and a backslash: promtool accepts the file" \
	bash -c "promtool check metrics < '$M/odd.prom'"
check_m "...and the label reads back as the name" "$M/odd.prom" dhcpdiag_findings \
	"{'interface': 'dd\"q\\\\x', 'id': 'interface-down'}" 1

for c in check diagnose discover watch odd; do
	f=$M/$c.prom
	check "$c --metrics: promtool check metrics accepts the file" \
		bash -c "promtool check metrics < '$f'"
	check_eq "$c --metrics: mode 0644 (node_exporter reads it as its own user)" 644 \
		"$(stat -c %a "$f" 2>/dev/null)"
	# HELP and TYPE for every family, and every family in docs/MONITORING.md
	undoc=""
	for n in $(sed -n 's/^# TYPE \([a-z_]*\) gauge$/\1/p' "$f"); do
		grep -q "^# HELP $n " "$f" || undoc="$undoc $n(no HELP)"
		grep -q "\`$n\`" "$ROOT/docs/MONITORING.md" || undoc="$undoc $n"
	done
	check_eq "$c --metrics: every family has HELP and TYPE and is in docs/MONITORING.md" "" "$undoc"
done
check_eq "no temporary file left beside the metrics" \
	"check.prom diagnose.prom discover.prom odd.prom watch.prom" \
	"$(ls "$M" | paste -sd ' ')"
echo "# check.prom:"; grep -v '^#' "$M/check.prom" | sed 's/^/#   /'

L="{'command': 'check', 'interface': 'dd0'}"
check_m "check: up 1" "$M/check.prom" dhcpdiag_up "$L" 1
check_m "check: 2 servers" "$M/check.prom" dhcpdiag_servers "$L" 2
check_m "check: exit status 2 (CRITICAL)" "$M/check.prom" dhcpdiag_exit_status "$L" 2
check_m "check: 198.18.0.2 is rogue" "$M/check.prom" dhcpdiag_server_rogue \
	"{'command': 'check', 'server': '198.18.0.2'}" 1
check_m "check: 198.18.0.1 is not" "$M/check.prom" dhcpdiag_server_rogue \
	"{'command': 'check', 'server': '198.18.0.1'}" 0
check_m "check: the rogue-server finding with its server and severity" "$M/check.prom" \
	dhcpdiag_findings "{'id': 'rogue-server', 'severity': 'error', 'server': '198.18.0.2'}" 1
check_m "check: the lease 600 s" "$M/check.prom" dhcpdiag_lease_seconds \
	"{'server': '198.18.0.1'}" 600
check "check: a latency for each server, under a second" python3 -c "
import sys; v = [float(x) for x in sys.argv[1:]]; sys.exit(not (len(v) == 2 and max(v) < 1))" \
	"$(mval "$M/check.prom" dhcpdiag_offer_latency_seconds "{'server': '198.18.0.1'}")" \
	"$(mval "$M/check.prom" dhcpdiag_offer_latency_seconds "{'server': '198.18.0.2'}")"
check "check: the run's time and duration" python3 -c "
import sys, time; t, d = float(sys.argv[1]), float(sys.argv[2])
sys.exit(not (abs(time.time() - t) < 300 and 0 < d < 5))" \
	"$(mval "$M/check.prom" dhcpdiag_last_run_timestamp_seconds "$L")" \
	"$(mval "$M/check.prom" dhcpdiag_run_duration_seconds "$L")"
check_m "diagnose: the rogue-server finding" "$M/diagnose.prom" dhcpdiag_findings \
	"{'command': 'diagnose', 'id': 'rogue-server', 'server': '198.18.0.2'}" 1
check_m "diagnose: exit status 2, as it exited" "$M/diagnose.prom" dhcpdiag_exit_status \
	"{'command': 'diagnose'}" "$(cat "$T/diag.rc")"
check_m "discover: 2 servers" "$M/discover.prom" dhcpdiag_servers "{'command': 'discover'}" 2
check_m "discover: up 1" "$M/discover.prom" dhcpdiag_up "{'command': 'discover'}" 1
check_eq "watch: exit status 2 (a rogue server seen)" 2 "$(cat "$T/watch.rc")"
check_m "watch: 2 servers heard" "$M/watch.prom" dhcpdiag_servers "{'command': 'watch'}" 2
check_m "watch: 198.18.0.2 is rogue" "$M/watch.prom" dhcpdiag_server_rogue \
	"{'command': 'watch', 'server': '198.18.0.2'}" 1

# atomic: a new run replaces the file by rename (a new inode), never writes into it
ino=$(stat -c %i "$M/check.prom")
dd_run "$T/check2" check -i dd0 --allow-server 198.18.0.1,198.18.0.2 --servers 2 \
	--metrics "$M/check.prom"
check "a second check replaced the file by rename" \
	bash -c "[ \"\$(stat -c %i '$M/check.prom')\" != '$ino' ]"
check_m "the second check: exit status 0" "$M/check.prom" dhcpdiag_exit_status "$L" 0
check_eq "the second check: no finding left in the file" "" \
	"$(grep '^dhcpdiag_findings{' "$M/check.prom")"

# a file that cannot be written: check says UNKNOWN (when all else is OK), discover exits 73
dd_run "$T/nodir" check -i dd0 --allow-server 198.18.0.1,198.18.0.2 --servers 2 \
	--metrics "$T/no/such/dir/x.prom"
check_rc "check, metrics not writable: exit 3" "$T/nodir" 3
check "check, metrics not writable: UNKNOWN, the status line says why" \
	grep -q "^DHCP UNKNOWN - cannot create a temporary file '$T/no/such/dir/x.prom" "$T/nodir"
dd_run "$T/nodir2" discover -i dd0 --metrics "$T/no/such/dir/x.prom"
check_rc "discover, metrics not writable: exit 73" "$T/nodir2" 73

# a real node_exporter in the client namespace, on that namespace's loopback only
ip netns exec "$CLIENT_NS" prometheus-node-exporter --collector.disable-defaults \
	--collector.textfile --collector.textfile.directory="$M" \
	--web.listen-address="127.0.0.1:$PORT" >"$T/ne.log" 2>&1 &
NEPID=$!
lab_on_exit "lab_stop_child $NEPID"
scrape() { ip netns exec "$CLIENT_NS" curl -sf --max-time 5 "http://127.0.0.1:$PORT/metrics"; }
if wait_for "scrape >/dev/null" 15; then
	scrape >"$T/scrape"
	ok "node_exporter answers on 127.0.0.1:$PORT in the client namespace"
	check_m "node_exporter: the check's up" "$T/scrape" dhcpdiag_up "$L" 1
	check_m "node_exporter: the watch's rogue server" "$T/scrape" dhcpdiag_server_rogue \
		"{'command': 'watch', 'server': '198.18.0.2'}" 1
	check_m "node_exporter: the diagnose finding" "$T/scrape" dhcpdiag_findings \
		"{'command': 'diagnose', 'id': 'rogue-server'}" 1
	check_m "node_exporter: no textfile scrape error" "$T/scrape" node_textfile_scrape_error \
		"{}" 0
	check "node_exporter: the textfile collector only (defaults disabled)" \
		bash -c "! grep -q '^node_cpu_seconds_total' '$T/scrape'"
else
	fail "node_exporter answers on 127.0.0.1:$PORT in the client namespace" "$(tail -3 "$T/ne.log")"
fi
lab_stop_child "$NEPID"
check "node_exporter stopped (by its PID)" bash -c "! kill -0 $NEPID 2>/dev/null"
lab_summary
