#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# t_signals.sh - unattended runs without a network: SIGTERM/SIGHUP and --deadline ending
# watch on a FIFO, commands on an idle pipe, -f on a FIFO, the shell and the watch view;
# write errors (74); the JSON result line of a failure; --json=results. Every process is
# started here and stopped by its PID; every wait is bounded.
set -u
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.." || exit 1
if ! command -v python3 >/dev/null; then
	skip "signal tests: python3 (JSON checks) not installed"
	exit 0
fi
tmp=$(mktemp -d /tmp/dd-sig.XXXXXX)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
	tm_stop
	rm -rf "$tmp"
}
trap cleanup EXIT
export HOME=$tmp NO_COLOR=1
pcap=../shared/corpus/zeek/dhcp.pcap

# jcheck DESCRIPTION FILE EXPR: ev = the file's JSON lines
jcheck() {
	if python3 -c '
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sys.exit(0 if eval(sys.argv[2]) else 1)' "$2" "$3" 2>"$tmp/jerr"; then
		ok "$1"
	else
		fail "$1"
		sed 's/^/#   /' "$tmp/jerr" | tail -3
		sed 's/^/#   | /' "$2" | cut -c1-200 | tail -3
	fi
}
# bg OUT ARGS...: the binary in the background, stdin from /dev/null unless IN is set
bg() {
	local out=$1
	shift
	"$BIN" "$@" <"${IN:-/dev/null}" >"$out" 2>"$out.err" &
	PID=$!
	PIDS+=("$PID")
}
# reap OUT: wait (bounded, 10 s) for $PID, its status in $RC
reap() {
	local i
	for ((i = 0; i < 200; i++)); do
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.05
	done
	kill -KILL "$PID" 2>/dev/null
	wait "$PID"
	RC=$?
}

# --- write errors: 74 ---------------------------------------------------------------
"$BIN" options >/dev/full 2>"$tmp/e1"
check "options > /dev/full: exit 74" [ $? -eq 74 ]
check "... with one message" [ "$(grep -c 'cannot write to stdout: No space left on device' "$tmp/e1")" -eq 1 ]
"$BIN" --help >/dev/full 2>/dev/null
check "--help > /dev/full: exit 74" [ $? -eq 74 ]
"$BIN" -c 'options; help' >/dev/full 2>/dev/null
check "a script writing to /dev/full: exit 74" [ $? -eq 74 ]
# a pipe whose reader is gone before the first write: EPIPE, never a full buffer
rc=$(python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run([sys.argv[1], "options"], stdout=w, stderr=subprocess.DEVNULL, timeout=20)
print(p.returncode)' "$BIN")
check "options into a pipe whose reader went away: exit 74, not killed by SIGPIPE ($rc)" [ "$rc" = 74 ]
if [ -r "$pcap" ]; then
	"$BIN" watch -r "$pcap" >/dev/full 2>/dev/null
	check "watch -r FILE > /dev/full: exit 74" [ $? -eq 74 ]
fi

# --- the result line of a failure -------------------------------------------------
"$BIN" discover --json >"$tmp/j1" 2>/dev/null
jcheck "discover --json without an interface: a result line, status 64" "$tmp/j1" \
	'len(ev) == 1 and ev[0]["event"] == "result" and ev[0]["command"] == "discover" and ev[0]["status"] == 64 and "interface" in ev[0]["message"] and ev[0]["time"].endswith("Z")'
"$BIN" --json --bogus >"$tmp/j2" 2>/dev/null
jcheck "an unknown flag with --json: a result line without a command" "$tmp/j2" \
	'ev == [dict(ev[0], event="result", status=64)] and "command" not in ev[0] and "--bogus" in ev[0]["message"]'
"$BIN" -f "$tmp/none.dd" --json >"$tmp/j3" 2>/dev/null
jcheck "-f of a missing file with --json: status 66" "$tmp/j3" 'ev[-1]["status"] == 66'
"$BIN" -c 'discover "x' --json >"$tmp/j4" 2>/dev/null
jcheck "a script syntax error with --json: status 64, the line named" "$tmp/j4" \
	'ev[-1]["status"] == 64 and ev[-1]["message"].startswith("-c:1:")'
"$BIN" watch -r "$tmp/none.pcap" --json >"$tmp/j5" 2>/dev/null
jcheck "watch -r of a missing file with --json: status 66" "$tmp/j5" 'ev[-1]["command"] == "watch" and ev[-1]["status"] == 66'
# (the bad value is refused before any capture is opened: nothing touches this namespace)
"$BIN" discover -i dd0 --output results --timeout 100s >"$tmp/j6" 2>/dev/null
jcheck "a bad value in results mode: status 64" "$tmp/j6" 'ev[-1]["status"] == 64 and "timeout" in ev[-1]["message"]'

# --- watch -r on a FIFO: SIGTERM and the deadline end it with the summary -------------
if [ -r "$pcap" ]; then
	mkfifo "$tmp/f"
	bg "$tmp/w1" watch -r "$tmp/f"
	sleep 0.5
	kill -TERM "$PID"
	reap
	check "watch -r FIFO, SIGTERM while it waits for a writer: exit 143" [ "$RC" -eq 143 ]
	jcheck "... and its summary" "$tmp/w1" 'ev[-1]["event"] == "summary" and ev[-1]["packets"] == 0'

	(cat "$pcap"; sleep 6) >"$tmp/f" &
	W=$!
	PIDS+=("$W")
	bg "$tmp/w2" watch -r "$tmp/f"
	sleep 0.8
	kill -TERM "$PID"
	reap
	check "watch -r FIFO, SIGTERM while the writer is idle: exit 143" [ "$RC" -eq 143 ]
	jcheck "... the summary counts what came (9 packets)" "$tmp/w2" 'ev[-1]["event"] == "summary" and ev[-1]["packets"] == 9'
	kill "$W" 2>/dev/null
	wait "$W" 2>/dev/null

	(cat "$pcap"; sleep 6) >"$tmp/f" &
	W=$!
	PIDS+=("$W")
	t0=$(date +%s%3N)
	"$BIN" watch -r "$tmp/f" --deadline 1s --json >"$tmp/w3" 2>/dev/null
	RC=$?
	el=$(($(date +%s%3N) - t0))
	check "watch -r FIFO --deadline 1s: exit 124 after about a second (${el} ms)" \
		[ "$RC" -eq 124 -a "$el" -lt 3000 ]
	jcheck "... the summary, then the result line (--json)" "$tmp/w3" \
		'ev[-2]["event"] == "summary" and ev[-1]["event"] == "result" and ev[-1]["status"] == 124 and ev[-1]["message"].startswith("deadline reached")'
	kill "$W" 2>/dev/null
	wait "$W" 2>/dev/null

	"$BIN" watch -r "$pcap" --json=results >"$tmp/w4" 2>/dev/null
	jcheck "watch --json=results: the summary only" "$tmp/w4" 'len(ev) == 1 and ev[0]["event"] == "summary"'
fi

# --- commands on an idle pipe, -f on a FIFO ---------------------------------------
mkfifo "$tmp/in"
IN=$tmp/in bg "$tmp/p1"
exec 7>"$tmp/in"
echo 'show settings' >&7
sleep 0.5
kill -TERM "$PID"
reap
exec 7>&-
check "commands on a pipe, SIGTERM while it waits for a line: exit 143" [ "$RC" -eq 143 ]
check "... after running the line it had" grep -q '^deadline' "$tmp/p1"
IN=$tmp/in bg "$tmp/p2"
exec 7>"$tmp/in"
sleep 0.5
kill -HUP "$PID"
reap
exec 7>&-
check "commands on a pipe, SIGHUP: exit 129" [ "$RC" -eq 129 ]
t0=$(date +%s%3N)
IN=$tmp/in bg "$tmp/p3" --deadline 1s
exec 7>"$tmp/in"
reap
el=$(($(date +%s%3N) - t0))
exec 7>&-
check "commands on a pipe under --deadline 1s: exit 124 in time (${el} ms)" [ "$RC" -eq 124 -a "$el" -lt 3000 ]
bg "$tmp/p4" -f "$tmp/in"
sleep 0.5
kill -TERM "$PID"
reap
check "-f FIFO with no writer, SIGTERM: exit 143" [ "$RC" -eq 143 ]

# --- the shell and the watch view in a terminal -----------------------------------
if command -v tmux >/dev/null; then
	# shellcheck disable=SC2016
	tm_start sh -c 'trap : INT TERM HUP; "$0"; echo $? >"$1"' "$BIN" "$tmp/st1"
	if wait_last "dhcpdiag>" 10; then
		pid=$(awk '{print $1}' "/proc/$(pane pane_pid)/task/$(pane pane_pid)/children" 2>/dev/null)
		kill -TERM "$pid"
		for ((i = 0; i < 100; i++)); do [ -s "$tmp/st1" ] && break; sleep 0.05; done
		check "the shell, SIGTERM: exit 143" [ "$(cat "$tmp/st1" 2>/dev/null)" = 143 ]
	else
		fail "the shell starts"
	fi
	if [ -r "$pcap" ]; then
		# shellcheck disable=SC2016
		tm_start sh -c 'trap : INT TERM HUP; "$0" watch -r "$2" --realtime 2>"$1.err"; echo $? >"$1"' \
			"$BIN" "$tmp/st2" "$(readlink -f "$pcap")"
		if wait_for "file .*pkts" 10; then
			pid=$(awk '{print $1}' "/proc/$(pane pane_pid)/task/$(pane pane_pid)/children" 2>/dev/null)
			kill -TERM "$pid"
			for ((i = 0; i < 100; i++)); do [ -s "$tmp/st2" ] && break; sleep 0.05; done
			check "the watch view, SIGTERM: exit 143" [ "$(cat "$tmp/st2" 2>/dev/null)" = 143 ]
			check "... after its summary on stderr" grep -q '^watch: .* packets' "$tmp/st2.err"
		else
			fail "the watch view starts"
		fi
	fi
	tm_stop
fi

[ "$TTY_FAILS" -eq 0 ]
