#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/schema/run.sh [DIR...] - docs/dhcpdiag.schema.json against dhcpdiag's JSON output: a
# check that the schema refuses lines it does not describe, then every line of the outputs the
# other suites kept in DIR (DHCPDIAG_SCHEMA_LOG, see lib.sh). Prints "ok - ..." / "FAIL - ...".
set -u
here=$(cd "$(dirname "$0")" && pwd)
py=python3
# Debian's python3-jsonschema serves /usr/bin/python3: prefer the interpreter that has it
python3 -c 'import jsonschema' 2>/dev/null || py=/usr/bin/python3
work=$(mktemp -d /tmp/dhcpdiag-schema.XXXXXX)
trap 'rm -rf "$work"' EXIT
rc=0

# the schema says no to what it does not describe (each line alone must fail)
good='{"event":"result","command":"check","status":0,"time":"2026-01-01T00:00:00.000000Z","interface":"dd0"}'
printf '%s\n' "$good" >"$work/good.ndjson"
if "$py" "$here/check.py" "$work/good.ndjson" >/dev/null; then
	echo "ok - schema: a result line with members it does not name is accepted (results are open)"
else
	echo "FAIL - schema: a result line with extra members is refused"
	rc=1
fi
bad=(
	'{"event":"result","command":"dora","status":0}'
	'{"event":"result","command":"arp","status":0,"address":"198.18.0.1"}'
	'{"event":"frobnicate"}'
	'{"n":1,"time":"2026-01-01T00:00:00.000000Z","frame":{"src-ip":"198.18.0.1","dst-ip":"198.18.0.2","src-port":67,"dst-port":68,"protocol":"udp","ttl":64,"ip-checksum":"ok","length":300},"dhcp":{"op":"BOOTREPLY","htype":"ethernet","hlen":6,"hops":0,"xid":"0x00000001","secs":0},"colour":"blue"}'
	'{"n":1,"time":"2026-01-01 00:00:00","frame":{},"dhcp":{}}'
	'{"event":"summary","file":"x","packets":1}'
	'{"code":1,"name":"subnet-mask","format":"ip","reference":"RFC 2132","help":"","extra":1}'
	'[{"server-id":"198.18.0.1"}]'
	'not json'
)
for l in "${bad[@]}"; do
	printf '%s\n' "$l" >"$work/bad.ndjson"
	if "$py" "$here/check.py" "$work/bad.ndjson" >"$work/out" 2>&1; then
		echo "FAIL - schema: accepts a line it does not describe: ${l:0:70}"
		rc=1
	else
		echo "ok - schema: refuses ${l:0:60}"
	fi
done

# the outputs the suites kept
dirs=()
for d in "$@"; do
	[ -d "$d" ] && [ -n "$(ls -A "$d")" ] && dirs+=("$d")
done
if [ ${#dirs[@]} -eq 0 ]; then
	echo "skip - schema: no JSON output was kept (run through tests/run.sh)"
	exit "$rc"
fi
"$py" "$here/check.py" --kinds "${dirs[@]}" || rc=1
exit "$rc"
