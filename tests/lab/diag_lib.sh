# diag_lib.sh - helpers for the diagnose scenario tests (t_diag_*.sh); sourced after lib.sh and
# probe_lib.sh.
#
#   diag_lab NAME [lab.sh up options]     bring up a lab for one scenario (LAB_* variables in
#                                        the environment of the call shape its servers)
#   diag_run OUT [diagnose args]         `diagnose --json` in the client namespace into OUT
#   diag_expect TITLE OUT ID RC [ALSO]   OUT names finding ID, exits RC, and holds no other
#                                        error finding (ids in ALSO are allowed besides ID)
#   diag_healthy TITLE OUT               exit 0, no warning or error at all

diag_lab() {
	local name=$1
	lab_up "$@" >/dev/null 2>&1 || {
		fail "lab up $*"
		return 1
	}
}

diag_run() {
	local out=$1
	shift
	dd_run "$out" diagnose -i "${DIAG_IF:-dd0}" --json "$@"
	echo "# $(basename "$out"): $(jget "$out" "res.get('verdict', '')" 2>/dev/null)" \
		"[$(jget "$out" "' '.join(f['id'] + '/' + f['severity'] for f in res.get('findings', []))" 2>/dev/null)]" \
		"$(jget "$out" "res.get('elapsed-ms')" 2>/dev/null) ms"
}

diag_expect() {
	local title=$1 out=$2 id=$3 rc=$4 also=${5:-}
	check_rc "$title: exit $rc" "$out" "$rc"
	check_json "$title: names $id" "$out" "[f for f in res['findings'] if f['id'] == '$id']"
	check_json "$title: no other error" "$out" \
		"not [f for f in res['findings'] if f['severity'] == 'error' and f['id'] not in '$id $also'.split()]"
}

diag_healthy() {
	local title=$1 out=$2
	check_rc "$title: exit 0" "$out" 0
	check_json "$title: healthy, no warning or error" "$out" \
		"res['health'] == 'healthy' and not [f for f in res['findings'] if f['severity'] != 'info'] and res['verdict'].startswith('no problems found')"
}
