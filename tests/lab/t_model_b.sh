#!/usr/bin/env bash
# t_model_b.sh - fake servers beside real ones (fake-offers.py in Kea's namespace): a flood of
# 100 OFFERs a DISCOVER hides neither real server; past 256 the result counts the offers not
# kept and the servers the session's table forgot; a server that offers another address to a
# retransmitted DISCOVER is flagged re-offer (JSON and text), a repeat of an address is
# "duplicate" / "(again)". Kea 2.2 (iterative allocator) does the re-offer for real.
set -u
BIN=$(readlink -f "$1")
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/probe_lib.sh"

# dnsmasq (s1) pings ~3 s before offering, so the flood comes before its offer; Kea (s2) is fast
lab_up "pmb$$" --servers "dnsmasq kea" --slow >/dev/null 2>&1 || {
	fail "lab up (dnsmasq kea --slow)"
	lab_summary
	exit 1
}
T=$(mktemp -d /tmp/dd-t.XXXXXX)
lab_on_exit "rm -rf '$T'"
FAKE_PY=$(readlink -f "$(dirname "$0")/fake-offers.py")

# fakes LOG ARGS...: start fake-offers.py on s2's srv0 (bounded by its own --discovers and
# --seconds; stopped by PID at exit); waits until it listens
fakes() {
	local log=$1
	shift
	ip netns exec "$S2_NS" python3 "$FAKE_PY" srv0 --seconds 60 "$@" >"$log" 2>&1 &
	FAKE_PID=$!
	lab_on_exit "lab_stop_child $FAKE_PID"
	wait_for "grep -q '^fake-offers: ready' '$log'" 10 || fail "fake-offers.py starts" "$(tail -n 1 "$log")"
}
# fakes_done: it ends by itself after its DISCOVERs; stop it if it did not
fakes_done() {
	wait_for "! kill -0 $FAKE_PID" 5 || true
	lab_stop_child "$FAKE_PID"
}
real_ids="'$S1_IP', '$S2_IP'"
fake_rx="[p for p in rx('OFFER') if p['frame']['src-ip'].startswith('198.19.')]"
ids="set(s['server-id'] for s in res['servers'])"
complete="'tries' in res and 'elapsed-ms' in res"

# --- 100 fake OFFERs a DISCOVER, --wait all (the window outlasts dnsmasq's ping) and default
for mode in all quiet; do
	out=$T/f100$mode
	fakes "$out.fake" --servers 100 --discovers 1
	if [ "$mode" = all ]; then
		dd_run "$out" discover -i dd0 --wait all --timeout 3s --tries 2 --json
	else
		dd_run "$out" discover -i dd0 --json
	fi
	fakes_done
	echo "# flood 100, --wait $mode: $(jget "$out" "len($fake_rx)" 2>/dev/null) fake OFFERs, first at +$(jget "$out" "$fake_rx[0]['ms']" 2>/dev/null) ms; dnsmasq at +$(jget "$out" "[p['ms'] for p in rx('OFFER') if p['frame']['src-ip'] == '$S1_IP']" 2>/dev/null) ms"
	check_rc "flood 100, --wait $mode: exit 0" "$out" 0
	# the lab's first probe: dnsmasq pings before it offers (later ones may hit its ping cache)
	[ "$mode" = quiet ] || check_json "flood 100: every fake OFFER came before dnsmasq's" "$out" \
		"max(p['ms'] for p in $fake_rx) < min(p['ms'] for p in rx('OFFER') if p['frame']['src-ip'] == '$S1_IP')"
	check_json "flood 100, --wait $mode: the fakes' OFFERs arrived ($(cat "$out.fake" | grep -c 'OFFERs') DISCOVER answered)" "$out" \
		"len($fake_rx) >= 50"
	check_json "flood 100, --wait $mode: both real servers among 'servers'" "$out" \
		"{$real_ids} <= $ids and len(res['servers']) == 2 + len(set(p['frame']['src-ip'] for p in $fake_rx))"
	check_json "flood 100, --wait $mode: every offer kept, result complete" "$out" \
		"len(res['offers']) == len(rx('OFFER')) and 'offers-not-kept' not in res and $complete"
done

# --- 300 fake OFFERs: 302 offers and servers in all. The first 256 offers are kept (Kea's among
# them), the rest counted; the table of 256 servers forgets the least recent (Kea) and says so.
out=$T/f300
fakes "$out.fake" --servers 300 --discovers 1
dd_run "$out" discover -i dd0 --json
fakes_done
nrx=$(jget "$out" "len(rx('OFFER'))" 2>/dev/null)
echo "# flood 300: $nrx OFFERs received; result: $(jget "$out" "len(res['offers'])" 2>/dev/null) offers kept, $(jget "$out" "res.get('offers-not-kept')" 2>/dev/null) not; $(jget "$out" "len(res['servers'])" 2>/dev/null) servers listed, $(jget "$out" "res.get('servers-evicted')" 2>/dev/null) evicted"
check_rc "flood 300: exit 0" "$out" 0
check_json "flood 300: more than 256 OFFERs arrived" "$out" "len(rx('OFFER')) > 256"
check_json "flood 300: 256 offers kept, offers-not-kept counts the rest" "$out" \
	"len(res['offers']) == 256 and res['offers-not-kept'] == len(rx('OFFER')) - 256 and $complete"
check_json "flood 300: 256 servers listed, servers-evicted counts the rest" "$out" \
	"len(res['servers']) == 256 and res['servers-evicted'] == len(set(p['frame']['src-mac'] for p in rx('OFFER'))) - 256"
check_json "flood 300: each real server is in 'servers' or in 'offers'" "$out" \
	"all(i in $ids or i in [o['server-id'] for o in res['offers']] for i in [$real_ids])"

# --- re-offer: one fake server offers .201.1 to the first DISCOVER of a transaction, .201.2 to
# the second and .201.2 again to the third. --servers 4 keeps retransmitting (only 3 answer).
A=198.19.201.1 B=198.19.201.2 F=198.19.200.1
out=$T/reoffer
fakes "$out.fake" --addrs "$A,$B,$B" --discovers 3
dd_run "$out" discover -i dd0 --servers 4 --timeout 1s --tries 3 --json
fakes_done
fk="[p for p in rx('OFFER') if p['frame']['src-ip'] == '$F']"
check_rc "re-offer: three servers of the four asked for (exit 2)" "$out" 2
check_json "re-offer: three DISCOVERs, one xid" "$out" \
	"len(tx('DISCOVER')) == 3 and len(set(p['dhcp']['xid'] for p in tx('DISCOVER'))) == 1"
check_json "re-offer: fake offers $A, $B, $B" "$out" \
	"[p['dhcp']['yiaddr'] for p in $fk] == ['$A', '$B', '$B']"
check_json "re-offer: flags none, re-offer, duplicate" "$out" \
	"[p.get('flags') for p in $fk] == [None, ['re-offer'], ['duplicate']]"
check_json "re-offer: the result keeps $A and $B once each, $B marked re-offer" "$out" \
	"[(o['yiaddr'], o.get('flags')) for o in res['offers'] if o['server-id'] == '$F'] == [('$A', None), ('$B', ['re-offer'])]"
dm="[p.get('flags') for p in rx('OFFER') if p['frame']['src-ip'] == '$S1_IP']"
check_json "re-offer: dnsmasq offers the same address again: duplicate" "$out" \
	"len($dm) >= 2 and $dm == [None] + [['duplicate']] * (len($dm) - 1)"
check_json "re-offer: Kea offers a new address to a retransmitted DISCOVER: re-offer" "$out" \
	"any(p.get('flags') == ['re-offer'] for p in rx('OFFER') if p['frame']['src-ip'] == '$S2_IP')"

# the same in text
out=$T/reoffer_txt
fakes "$out.fake" --addrs "$A,$B,$B" --discovers 3
dd_run "$out" discover -i dd0 --servers 4 --timeout 1s --tries 3
fakes_done
grep "^<- OFFER ${B//./\\.} from ${F//./\\.} " "$out" >"$out.b"
check "re-offer (text): the second OFFER says re-offer, not (again)" \
	eval "sed -n 1p '$out.b' | grep '(re-offer: ' | grep -vq '(again)'"
check "re-offer (text): the third OFFER is (again)" \
	eval "sed -n 2p '$out.b' | grep -v 're-offer' | grep -q '(again)\$'"
check "re-offer (text): the offer list has $B once, marked re-offer" \
	test "$(grep -cE "^ +[0-9]+ +${B//./\\.} +from ${F//./\\.} .* re-offer$" "$out")" = 1

lab_summary
