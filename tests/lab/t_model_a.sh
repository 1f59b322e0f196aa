#!/usr/bin/env bash
# t_model_a.sh - the observation model on real servers: a default discover hears a slow
# dnsmasq (~3 s ping) beside a fast Kea and prints Kea's offer at once; a SELECTING REQUEST
# carries the OFFER's xid, so watch sees one DORA transaction; inform ADDR answers dnsmasq's
# ARP for ADDR and gets its unicast ACK; `mac random` is one chaddr per session.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

# dnsmasq in s1 pings before offering; Kea in s2 answers at once. dd0 has no address.
lab_up "pma$$" --servers "dnsmasq kea" --slow >/dev/null 2>&1 || {
	fail "lab up (dnsmasq kea --slow)"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"
offer_from() { printf "[p for p in rx('OFFER') if p['frame']['src-ip'] == '%s']" "$1"; }

# --- a default discover (no --wait, no --timeout): the first probe of this lab, so dnsmasq has
# pinged nothing yet and takes its ~3 s. Run in the background to see the output stream.
t0=$(date +%s%N)
timeout 30 ip netns exec "$CLIENT_NS" "$BIN" discover -i dd0 --json >"$T/def" 2>"$T/def.err" &
dpid=$!
lab_on_exit "lab_stop_child $dpid"
if wait_for "grep -q '\"src-ip\":\"$S2_IP\".*\"message-type\":\"OFFER\"' '$T/def'" 10 && kill -0 "$dpid" 2>/dev/null; then
	ok "default discover: Kea's OFFER is printed while the discover still listens"
else
	fail "default discover: Kea's OFFER is printed while the discover still listens" "not seen before the end"
fi
rc=0
wait "$dpid" || rc=$?
echo "$rc" >"$T/def.rc"
wall=$((($(date +%s%N) - t0) / 1000000))
check_rc "default discover: exit 0" "$T/def" 0
check_json "default discover: both servers in the result" "$T/def" \
	"sorted(s['server-id'] for s in res['servers']) == ['$S1_IP', '$S2_IP'] and len(res['offers']) == 2"
kea_ms=$(jget "$T/def" "$(offer_from "$S2_IP")[0]['ms']" 2>/dev/null)
dns_ms=$(jget "$T/def" "$(offer_from "$S1_IP")[0]['ms']" 2>/dev/null)
echo "# default discover: Kea +${kea_ms:-?} ms, dnsmasq +${dns_ms:-?} ms, $(jget "$T/def" "res['elapsed-ms']" 2>/dev/null) ms in all (wall $wall ms)"
check_json "default discover: Kea's offer came at once (packet ms < 1000)" "$T/def" \
	"$(offer_from "$S2_IP")[0]['ms'] < 1000"
check_json "default discover: dnsmasq's offer came after its ping (packet ms >= 2000)" "$T/def" \
	"$(offer_from "$S1_IP")[0]['ms'] >= 2000"
check_json "default discover: one DISCOVER, over in under 6 s" "$T/def" \
	"len(tx('DISCOVER')) == 1 and res['elapsed-ms'] < 6000"

# --- dora: the REQUEST carries the xid of the OFFER it selects (RFC 2131 4.4.1); watch, in the
# client namespace, sees DISCOVER, OFFER, REQUEST and ACK as one transaction.
timeout 40 ip netns exec "$CLIENT_NS" "$BIN" watch -i dd0 --duration=14 </dev/null \
	>"$T/watch" 2>"$T/watch.err" &
wpid=$!
lab_on_exit "lab_stop_child $wpid"
sleep 2 # watch opens its capture
dd_run "$T/dora" dora -i dd0 --json
check_rc "dora: ACK (exit 0)" "$T/dora" 0
check_json "dora: REQUEST xid == OFFER xid == DISCOVER xid" "$T/dora" \
	"tx('REQUEST')[0]['dhcp']['xid'] == rx('OFFER')[0]['dhcp']['xid'] == tx('DISCOVER')[0]['dhcp']['xid']"
check_json "dora: REQUEST names the first offer's server and address" "$T/dora" \
	"opt(tx('REQUEST')[0], 'server-identifier') == opt(rx('OFFER')[0], 'server-identifier') and opt(tx('REQUEST')[0], 'requested-ip-address') == rx('OFFER')[0]['dhcp']['yiaddr']"
check_json "dora: the ACK answers that xid" "$T/dora" \
	"rx('ACK')[0]['dhcp']['xid'] == tx('REQUEST')[0]['dhcp']['xid']"
mac=$(jget "$T/dora" "tx('DISCOVER')[0]['dhcp']['chaddr']" 2>/dev/null)
xid=$(jget "$T/dora" "tx('REQUEST')[0]['dhcp']['xid']" 2>/dev/null)
rc=0
wait "$wpid" || rc=$?
check "watch: ended by itself after --duration (exit $rc)" test "$rc" = 0
if python3 - "$T/watch" "$mac" "$xid" <<'PY'; then
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
tx = [e for e in ev if e["event"] == "transaction" and e["client"] == sys.argv[2]]
assert len(tx) == 1, tx
assert tx[0]["progress"] == "DORA" and tx[0]["xid"] == sys.argv[3] and tx[0]["outcome"] == "bound", tx
PY
	ok "watch: the dora is one transaction, progress DORA, xid $xid"
else
	fail "watch: the dora is one transaction, progress DORA, xid $xid" \
		"$(grep '"transaction"' "$T/watch" | cut -c1-160 | tr '\n' ' ')"
fi

# --- inform ADDR with no address on dd0: dnsmasq ARPs for ADDR before its unicast ACK, and the
# probe answers that ARP with its chaddr.
ADDR=198.18.0.77
lab_capture_start "$T/arp.pcap" arp
dd_run "$T/inf" inform "$ADDR" -i dd0 --json
lab_capture_stop
check_rc "inform $ADDR: ACK (exit 0)" "$T/inf" 0
check_json "inform: dnsmasq's ACK arrived, unicast to $ADDR" "$T/inf" \
	"any(p['frame']['src-ip'] == '$S1_IP' and p['frame']['dst-ip'] == '$ADDR' for p in rx('ACK'))"
imac=$(jget "$T/inf" "tx('INFORM')[0]['dhcp']['chaddr']" 2>/dev/null)
arp=$(lab_br tcpdump -n -r "$T/arp.pcap" 2>/dev/null)
check "inform: dnsmasq asked who has $ADDR" grep -q "who-has $ADDR tell $S1_IP" <<<"$arp"
check "inform: the probe answered $ADDR is-at $imac" grep -qi "$ADDR is-at $imac" <<<"$arp"

# --- mac random: one chaddr for a whole -c or -f script, a fresh one per one-shot command
chaddrs() { jget "$1" "' '.join(sorted(set(p['dhcp']['chaddr'] for p in tx('DISCOVER'))))" 2>/dev/null; }
dd_run "$T/m1" -i dd0 --mac random --json -c 'discover --wait first; discover --wait first'
check_json "mac random, -c script: two DISCOVERs, one chaddr" "$T/m1" \
	"len(tx('DISCOVER')) == 2 and len(set(p['dhcp']['chaddr'] for p in tx('DISCOVER'))) == 1"
printf 'discover --wait first\ndiscover --wait first\n' >"$T/two.dd"
dd_run "$T/m2" -i dd0 --mac random --json -f "$T/two.dd"
check_json "mac random, -f script: two DISCOVERs, one chaddr" "$T/m2" \
	"len(tx('DISCOVER')) == 2 and len(set(p['dhcp']['chaddr'] for p in tx('DISCOVER'))) == 1"
dd_run "$T/m3" discover -i dd0 --mac random --wait first --json
dd_run "$T/m4" discover -i dd0 --mac random --wait first --json
a=$(chaddrs "$T/m3") b=$(chaddrs "$T/m4")
check "mac random, two one-shot discovers: different chaddrs ($a, $b)" \
	test -n "$a" -a -n "$b" -a "$a" != "$b" -a "$a" != "$(chaddrs "$T/m1")"

lab_summary
