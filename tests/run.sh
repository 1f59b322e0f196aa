#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/run.sh - run every suite against one or more build dirs; last line "N passed, N failed".
#
#   tests/run.sh [--only SUITE[,SUITE]] BUILD_DIR...
#
# Suites: unit (tests/unit programs), fixtures (pcap in, expected decode out),
# tty (tmux drives the shell and the view), lab (namespaces + real servers; root only),
# pkg (the Debian package built, linted, installed and purged; root only). pkg builds its
# own binary, so it runs once, whatever the build dirs. Last, schema: every JSON line the
# suites printed (kept in DHCPDIAG_SCHEMA_LOG) against docs/dhcpdiag.schema.json.
# Every suite prints "ok - ..." / "FAIL - ..." / "skip - ..." lines; this script counts them.
set -u
cd "$(dirname "$0")/.."
only="unit,fixtures,tty,lab,pkg"
if [ "${1:-}" = "--only" ]; then only=$2; shift 2; fi
[ $# -gt 0 ] || set -- build
log=$(mktemp -d /tmp/dhcpdiag-test.XXXXXX)
trap 'rm -rf "$log"' EXIT
# every JSON output the suites produce is kept here, and checked against the schema at the end
export DHCPDIAG_SCHEMA_LOG=$log/schema
mkdir -p "$DHCPDIAG_SCHEMA_LOG"
pass=0 fail=0 skip=0

run_suite() { # name, command...
	local name=$1 out rc
	shift
	out="$log/$(printf %s "$name" | tr -c "A-Za-z0-9._-" _).out"
	echo "== $name: $*"
	"$@" >"$out" 2>&1
	rc=$?
	grep -E '^(ok|FAIL|skip) - ' "$out" | sed 's/^/   /'
	grep -E '^#' "$out" | grep -vE '^# [0-9]+ passed' | head -40 | sed 's/^/   /'
	local p f s
	p=$(grep -c '^ok - ' "$out")
	f=$(grep -c '^FAIL - ' "$out")
	s=$(grep -c '^skip - ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "   FAIL - $name exited with status $rc; its last lines:"
		tail -n 15 "$out" | sed 's/^/     | /'
		f=1
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
}

has() { case ",$only," in *",$1,"*) return 0 ;; esac; return 1; }

for b in "$@"; do
	bin="$b/dhcpdiag"
	if has unit; then
		for t in "$b"/tests/test_*; do
			[ -x "$t" ] || continue
			run_suite "unit:$(basename "$t")@$b" "$t"
		done
	fi
	if has fixtures && [ -x tests/fixtures/run.sh ]; then
		run_suite "fixtures@$b" tests/fixtures/run.sh "$bin"
	fi
	if has tty && [ -x tests/tty/run.sh ]; then
		run_suite "tty@$b" tests/tty/run.sh "$bin"
	fi
	if has lab && [ -x tests/lab/run.sh ]; then
		run_suite "lab@$b" tests/lab/run.sh "$bin"
	fi
done
if has pkg && [ -x tests/pkg/run.sh ]; then
	run_suite "pkg" tests/pkg/run.sh
fi
# docs/dhcpdiag.schema.json against every JSON line the suites above printed
if [ -x tests/schema/run.sh ]; then
	run_suite "schema" tests/schema/run.sh "$DHCPDIAG_SCHEMA_LOG"
fi
echo "($skip skipped)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
