#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/tty/run.sh BIN - the shell and script-mode tests: every t_*.sh, each printing
# "ok - ..." / "FAIL - ..." / "skip - ..." lines. Exits non-zero when any failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
BIN=$(readlink -f "${1:-build/dhcpdiag}")
export BIN
if [ ! -x "$BIN" ]; then
	echo "FAIL - no binary at '$BIN'"
	exit 1
fi
rc=0
for t in "$here"/t_*.sh; do
	[ -f "$t" ] || continue
	echo "# $(basename "$t")"
	timeout 300 bash "$t" || rc=1
done
exit $rc
