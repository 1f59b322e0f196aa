#!/usr/bin/env bash
# t_docs.sh - every dhcpdiag command README.md, docs/JSON.md and the EXAMPLES of dhcpdiag(1)
# show (tests/docs/commands.py finds them) runs here, in a lab: eth0 is the client's dd0,
# 192.0.2.N is 198.18.0.N (s1 .1, s2 .2, a plain host .50), capture.pcap and the other file
# names are files made in the lab first. A command passes when it exits with the status its
# comment states ("# exit 2 if ..."), or the one this test expects of the lab (table below),
# else 0. The shell lines (`dhcpdiag eth0> ...`) are typed into the shell their block starts,
# as a script on its stdin (watch, which waits for q, gets --duration 2). The output a
# document shows after a command is compared line by line (the first two, which hold no
# timings). JSON output is checked against docs/dhcpdiag.schema.json, and the commands of
# JSON.md must print every kind of line it describes. Setup and install commands (deps.sh,
# make deb, make install, usermod) are run by the pkg and tty suites, not here.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/dd-docs.XXXXXX)
lab_on_exit "rm -rf '$T'"
py=python3
python3 -c 'import jsonschema' 2>/dev/null || py=/usr/bin/python3

# the interface name the documents use; every command runs with the lab's dd0 instead (run_doc)
DOC_IF=eth0 # never probed: a table key only
# what a command may exit with in this lab when its document does not say
declare -A expect=(
	# two servers answer (s1 dnsmasq, s2 Kea): several-servers, a warning
	["dhcpdiag diagnose -i $DOC_IF --server 192.0.2.1"]=2
	["dhcpdiag diagnose -i $DOC_IF"]=2
	["dhcpdiag diagnose -i $DOC_IF --json"]=2
	["dhcpdiag diagnose -r ticket.pcap"]=2
	["dhcpdiag diagnose -r capture.pcap --json"]=2
	# the README's example: this client's MAC is ignored (client-ignored), lab B
	["sudo dhcpdiag diagnose -i $DOC_IF"]=2
	# check: two servers is several-servers, WARNING (1); an allow-list of one makes the
	# other rogue, CRITICAL (2); the README's example is healthy (lab B)
	["dhcpdiag check -i $DOC_IF -w 1 -c 5"]=1
	["dhcpdiag check -i $DOC_IF --metrics /var/lib/prometheus/node-exporter/dhcp.prom"]=1
	["dhcpdiag check -i $DOC_IF -w 1 -c 5 --allow-server 192.0.2.10"]=2
)
# lab B runs the examples shown with their output; their status is the one the output says
declare -A expect_b=(
	["sudo dhcpdiag diagnose -i $DOC_IF"]=2
	["dhcpdiag check -i $DOC_IF -w 1 -c 5 --allow-server 192.0.2.10"]=0
)

if ! "$py" "$root/tests/docs/commands.py" "$root" >"$T/cmds" 2>"$T/cmds.err"; then
	fail "the documents show commands as they are typed" "$(head -3 "$T/cmds.err")"
fi
n=$(grep -c . "$T/cmds")
check "the documents show commands ($n)" test "$n" -gt 20

# the client's files: a PATH where dhcpdiag is the binary under test
mkdir -p "$T/bin" "$T/cwd" "$T/json"
ln -s "$BIN" "$T/bin/dhcpdiag"
cwd=$T/cwd
printf 'discover\nrequest 1 # the first offer\nrelease\n' >"$cwd/probe.dd"

# a document's command as run here: eth0, 192.0.2.N and sudo mapped to the lab
# (192.0.2.10, the documents' "site's server", is s1 too)
map() {
	sed -E -e 's/(^|[ ])sudo /\1/g' -e 's/\beth0\b/dd0/g' -e 's/\b192\.0\.2\.10\b/198.18.0.1/g' \
		-e 's/\b192\.0\.2\.([0-9]+)\b/198.18.0.\1/g' \
		-e 's|/var/lib/prometheus/node-exporter/|./|g' <<<"$1"
}
in_ns() { # CMD: bash -c CMD in the client namespace, in $cwd, with our dhcpdiag first on PATH
	ip netns exec "$CLIENT_NS" env PATH="$T/bin:$PATH" TZ=UTC NO_COLOR=1 \
		bash -c "cd '$cwd' && $1"
}
# keep JSON output for the schema (here and for tests/run.sh's check)
keep_json() { # FILE
	[ -s "$1" ] || return 0
	cp "$1" "$(mktemp "$T/json/out.XXXXXX.ndjson")"
	schema_log "$1" json
}

run_one() { # the object of one command (commands.py)
	local src kind cmd want rc mapped shell out
	src=$(jq_get "$1" src) kind=$(jq_get "$1" kind) cmd=$(jq_get "$1" cmd)
	want=$(jq_get "$1" expect)
	[ "$want" = None ] && [ -n "${in_b:-}" ] && want=${expect_b[$cmd]:-0}
	[ "$want" = None ] && want=${expect[$cmd]:-0}
	mapped=$(map "$cmd")
	out=$T/out.$RANDOM
	case $kind in
	shell)
		# the lines typed at the prompt, as a script; watch waits for q: 2 s instead
		jq_get "$1" "'\\n'.join(o['shell'])" | map "$(cat)" |
			sed -E 's/^watch$/watch --duration 2/' >"$out.in"
		in_ns "timeout 120 $mapped" <"$out.in" >"$out" 2>"$out.err"
		rc=$?
		;;
	pipe)
		# a capture into decode: bounded (timeout stops tcpdump, decode sees the end) while a
		# DORA runs; decode must print the frames while tcpdump still captures
		in_ns "timeout -s INT 8 ${mapped/ | /  2>$out.tcpdump | }" >"$out" 2>"$out.err" &
		local pid=$!
		wait_for "grep -q 'listening on' '$out.tcpdump'" 5
		in_ns "dhcpdiag dora -i dd0 --timeout 1" >/dev/null 2>&1
		wait_for "grep -q ' ACK ' '$out'" 5
		check "$src: the pipe's decode prints the DORA while tcpdump still runs" \
			bash -c "grep -q ' ACK ' '$out' && kill -0 $pid"
		wait "$pid"
		rc=$?
		check "$src: ... DISCOVER, OFFER, REQUEST and ACK" \
			bash -c "grep -q ' DISCOVER ' '$out' && grep -q ' OFFER ' '$out' && grep -q ' REQUEST ' '$out' && grep -q ' ACK ' '$out'"
		;;
	*)
		in_ns "timeout 120 $mapped" >"$out" 2>"$out.err"
		rc=$?
		;;
	esac
	if [ "$rc" = "$want" ]; then
		ok "$src: $cmd (exit $rc)"
	else
		fail "$src: $cmd" "exit $rc, expected $want: $(tail -n 2 "$out.err" | tr '\n' ' ')"
	fi
	case " $mapped " in *" --json "*) keep_json "$out" ;; esac
	case $mapped in *"> events.ndjson"*) keep_json "$cwd/events.ndjson" ;; esac
	# the output the document shows: its first two lines, addresses and numbers aside
	local shown=$T/shown.$RANDOM
	jq_get "$1" "'\\n'.join(o['output'][:2])" | map "$(cat)" | norm >"$shown"
	if [ -s "$shown" ] && [ "$(cat "$shown")" != "" ]; then
		grep -v '^$' "$out" | head -n "$(wc -l <"$shown")" | norm >"$out.norm"
		check "$src: prints what the document shows (its first lines; addresses, numbers aside)" \
			diff -u "$shown" "$out.norm"
	fi
	case $mapped in
	*"-w session.pcap"*)
		"$BIN" decode "$cwd/session.pcap" --brief >"$out.w" 2>/dev/null
		check "$src: session.pcap holds every command's frames (DISCOVER ... RELEASE)" \
			bash -c "grep -q ' DISCOVER ' '$out.w' && grep -q ' ACK ' '$out.w' && grep -q ' RELEASE ' '$out.w'"
		;;
	esac
}
norm() { # addresses and numbers, which a lab's differ from a document's, as A and N
	sed -E -e 's/[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/A/g' -e 's/[0-9]+(\.[0-9]+)?/N/g'
}
jq_get() { # JSON EXPR: a member of the object (or a Python expression over o)
	"$py" -c 'import json, sys
o = json.loads(sys.argv[1]); e = sys.argv[2]
v = o.get(e, "__expr__") if e.isidentifier() else "__expr__"
if v == "__expr__": v = eval(e)
print(v)' "$1" "$2"
}

# lab A: two servers, a plain host at .50
lab_up "docs$$" --servers "dnsmasq kea" --extra-host 198.18.0.50 >/dev/null 2>&1 ||
	{ fail "lab up"; lab_summary; exit 1; }
# the files the documents name: one capture of a DORA in this lab
in_ns "dhcpdiag dora -i dd0 -w capture.pcap" >/dev/null 2>&1
for f in ticket.pcap ticket-4711.pcap a.pcap b.pcapng; do cp "$cwd/capture.pcap" "$cwd/$f"; done
check "a capture to read (dora -w capture.pcap)" test -s "$cwd/capture.pcap"

while read -r line; do
	case $(jq_get "$line" kind) in
	other) echo "# not run here: $(jq_get "$line" cmd) ($(jq_get "$line" src))" ;;
	*) [ "$(jq_get "$line" "len(o['output'])")" = 0 ] && run_one "$line" ;;
	esac
done <"$T/cmds"

# every kind of JSON line the schema describes came from the documents' commands
kinds=decode-packet,probe-packet,probe-result,diagnose-result,arp-result,watch-server
kinds=$kinds,watch-transaction,watch-summary,finding-id,option-entry,show-offers,show-servers
kinds=$kinds,show-lease
"$py" "$root/tests/schema/check.py" --need "$kinds" "$T/json" >"$T/schema.out" 2>&1
if [ $? = 0 ]; then
	ok "the documents' JSON output matches the schema, every kind of line ($(grep '^# kinds' "$T/schema.out" | cut -c10-))"
else
	fail "the documents' JSON output against the schema" "$(grep -E '^(FAIL|#  )' "$T/schema.out" | head -4 | tr '\n' ' ')"
fi
lab_down "docs$$"

# lab B, for the examples shown with their output: one healthy server (the router answers ARP)
# that ignores the MAC 02:dd:c1:00:00:77; the README's diagnose example is that client's
LAB_IGNORE_MAC=02:dd:c1:00:00:77 lab_up "docsb$$" --servers dnsmasq --extra-host 198.18.0.254 \
	>/dev/null 2>&1 || { fail "lab up (B)"; lab_summary; exit 1; }
in_b=1
while read -r line; do
	[ "$(jq_get "$line" kind)" != other ] && [ "$(jq_get "$line" "len(o['output'])")" != 0 ] || continue
	case $(jq_get "$line" cmd) in
	*diagnose*) ip -n "$CLIENT_NS" link set dd0 address 02:dd:c1:00:00:77 ;;
	esac
	run_one "$line"
done < <(grep -v diagnose "$T/cmds"; grep diagnose "$T/cmds")
lab_summary
