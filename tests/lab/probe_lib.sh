# probe_lib.sh - helpers for the probe lab tests (t_*.sh); sourced after lib.sh.
#
#   BIN=...            the dhcpdiag binary (absolute path)
#   dd_run OUT CMD...  run dhcpdiag in the client namespace; NDJSON stdout to
#                      OUT, stderr to OUT.err, exit status to OUT.rc (and a copy
#                      of JSON output for the schema check, DHCPDIAG_SCHEMA_LOG)
#   jget OUT EXPR      evaluate a Python expression over OUT's NDJSON:
#                      `res` is the last result event, `results` all of them,
#                      `pk` the packet events, `rx(type)` the received packets
#                      of a message type, `opt(p, name)` an option's value
#   check_json NAME OUT EXPR   ok when EXPR is true

PROBE_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$PROBE_LIB_DIR/../schema/lib.sh"

# (a --json run's output is kept for the schema check: schema_log, tests/schema/lib.sh)
dd_run() {
	local out=$1 rc=0 a json=""
	shift
	ip netns exec "$CLIENT_NS" "$BIN" "$@" >"$out" 2>"$out.err" || rc=$?
	echo "$rc" >"$out.rc"
	for a in "$@"; do [ "$a" = --json ] && json=json; done
	schema_log "$out" $json
	return 0
}

jget() {
	python3 - "$1" "$2" <<'PY'
import json, sys
path, expr = sys.argv[1], sys.argv[2]
objs = []
for line in open(path):
    line = line.strip()
    if line:
        objs.append(json.loads(line))
results = [o for o in objs if o.get("event") == "result"]
res = results[-1] if results else {}
pk = [o for o in objs if o.get("event") == "packet"]
def rx(t):
    return [p for p in pk if p["dir"] == "rx" and not p.get("foreign") and p["dhcp"].get("message-type") == t]
def tx(t):
    return [p for p in pk if p["dir"] == "tx" and p["dhcp"].get("message-type") == t]
def opt(p, name):
    for o in p["dhcp"].get("options", []):
        if o.get("name") == name:
            return o.get("value")
    return None
v = eval(expr)
print(json.dumps(v) if not isinstance(v, str) else v)
PY
}

check_json() {
	local name=$1 out=$2 expr=$3 v
	v=$(jget "$out" "bool($expr)" 2>&1 | tail -n 1)
	if [ "$v" = true ]; then
		ok "$name"
	else
		fail "$name" "'$expr' is $v (rc $(cat "$out.rc" 2>/dev/null); $(tail -n 1 "$out.err" 2>/dev/null))"
	fi
}

check_rc() {
	local name=$1 out=$2 want=$3 got
	got=$(cat "$out.rc")
	if [ "$got" = "$want" ]; then
		ok "$name"
	else
		fail "$name" "exit $got, expected $want ($(tail -n 1 "$out.err" 2>/dev/null))"
	fi
}

# the lab's option values, as the decoder's JSON shows them
expect_opts_expr() { # PACKET-EXPR
	local p=$1
	printf '%s' "opt($p,'subnet-mask') == '$LAB_NETMASK' and opt($p,'router') == ['$LAB_ROUTER'] \
and opt($p,'domain-name-server') == ['${LAB_DNS// /\',\'}'] and opt($p,'domain-name') == '$LAB_DOMAIN' \
and opt($p,'lease-time') == $LAB_LEASE_TIME and opt($p,'renewal-time') == $LAB_T1 \
and opt($p,'rebinding-time') == $LAB_T2 and opt($p,'ntp-servers') == ['$LAB_NTP'] \
and opt($p,'domain-search') == ['${LAB_SEARCH// /\',\'}'] \
and opt($p,'classless-static-route') == [{'destination': '0.0.0.0/0', 'router': '$LAB_ROUTE121_GW'}, {'destination': '$LAB_ROUTE121_DEST', 'router': '$LAB_ROUTE121_GW'}]"
}

# no lease for MAC left in server ROLE's table
no_lease_for() { # ROLE MAC
	[ -n "$2" ] || return 1
	! "$LAB_SH" leases "$LAB_NAME" "$1" | grep -qi "^$2 "
}
