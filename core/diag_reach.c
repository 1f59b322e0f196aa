/* SPDX-License-Identifier: BSD-2-Clause */
/* diag_reach.c - the rules about reaching a server: the link, silence, relays, NAKs, loss, time */
#include "diag_int.h"
#include "lease.h"
#include "msg.h"
#include "obs.h"
#include "probe.h"

#include <string.h>

void
diag_check_if_down(struct diag_ctx *c, enum diag_id id)
{
	struct diag_finding *f;

	if (!c->in->link_down)
		return;
	f = diag_emit(c, id, 0);
	TEXT(f, "the interface is down: nothing is sent or received");
	EV(f, "the interface's link state is down");
	NEXT(f, "bring it up ('ip link set dev IFACE up') or find what keeps it down "
	        "(NetworkManager, rfkill)");
}

void
diag_check_no_carrier(struct diag_ctx *c, enum diag_id id)
{
	struct diag_finding *f;

	if (!c->in->no_carrier)
		return;
	f = diag_emit(c, id, 0);
	if (c->in->wireless) {
		TEXT(f, "the Wi-Fi interface is not associated with an access point: no frame "
		        "reaches the network");
		NEXT(f, "connect to the network first (wpa_supplicant, NetworkManager)");
	} else {
		TEXT(f, "the interface has no carrier: no cable, or the switch port is down");
		NEXT(f, "check the cable and the switch port (shut down, err-disabled?)");
	}
	EV(f, "the interface reports no carrier");
}

static bool
any_step(enum diag_step k)
{
	return k < DIAG_STEP_MAX;
}

/* a capture with requests and no server message at all */
static void
no_server_in_capture(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *first = NULL, *last = NULL;
	size_t n = 0;
	struct diag_finding *f;

	for (size_t i = 0; i < c->in->nheard; i++) {
		if (c->in->heard[i].op != DIAG_OP_REQUEST)
			continue;
		last = &c->in->heard[i];
		first = first ? first : last;
		n++;
	}
	if (!n)
		return;
	f = diag_emit(c, id, 0);
	TEXT(f, "no DHCP server answered in the capture: %zu client message%s, no reply", n,
	     n == 1 ? "" : "s");
	EV(f, "capture: %zu client messages over %s and no server message", n,
	   MSS((uint64_t)(diag_tv_ms(&last->ts, &first->ts) > 0 ? diag_tv_ms(&last->ts, &first->ts)
	                                                        : 0)));
	NEXT(f, "check that a DHCP server (or a relay agent) serves the captured segment");
	diag_val_num(f, "requests", DIAG_V_U32, n);
}

void
diag_check_no_server(struct diag_ctx *c, enum diag_id id)
{
	const struct probe_result *rel = diag_step_res(c, DIAG_STEP_RELAY);
	const struct probe_result *inf = diag_step_res(c, DIAG_STEP_INFORM);
	bool asked_server = c->in->server && (rel || inf);
	struct diag_finding *f;

	if (c->replies)
		return;
	if (c->in->from_capture) {
		no_server_in_capture(c, id);
		return;
	}
	if (!diag_discovers_unanswered(c))
		return;
	f = diag_emit(c, id, asked_server ? c->in->server : 0);
	TEXT(f, "no DHCP server answered on this segment");
	if (asked_server)
		TEXT(f, ", and %s (--server) did not answer either: it is down or unreachable",
		     IPS(c->in->server));
	diag_ev_steps(c, f, any_step);
	EV(f, "; nothing heard from any server meanwhile");
	if (asked_server)
		NEXT(f,
		     "check that the server at %s runs and that nothing (firewall, ACL) drops "
		     "UDP port 67 on the way",
		     IPS(c->in->server));
	else
		NEXT(f,
		     "check that a DHCP server, or a relay agent toward one, serves this segment; a "
		     "server whose pool is exhausted is silent too: --server ADDR tells them apart");
}

void
diag_check_no_relay(struct diag_ctx *c, enum diag_id id)
{
	const struct probe_result *rel = diag_step_res(c, DIAG_STEP_RELAY);
	const struct obs *o = diag_first_answer(rel);
	struct diag_finding *f;

	if (!o || !diag_discovers_unanswered(c))
		return;
	f = diag_emit(c, id, o->server_id);
	TEXT(f,
	     "broadcast DISCOVERs get no answer but %s answers one relayed to it: no DHCP relay "
	     "forwards this segment's broadcasts to the server",
	     IPS(o->server_id));
	diag_ev_steps(c, f, diag_is_discover);
	diag_ev_step(f, DIAG_STEP_RELAY, rel);
	NEXT(f,
	     "configure a DHCP relay for this segment on its router ('ip helper-address %s' on "
	     "the VLAN interface, or dhcrelay)",
	     IPS(o->server_id));
	diag_val_ip(f, "server", o->server_id);
}

void
diag_check_pool_exhausted(struct diag_ctx *c, enum diag_id id)
{
	enum diag_step k;
	const struct obs *o;
	struct diag_finding *f;

	/* alive: it ACKs or NAKs (INFORM, INIT-REBOOT, other clients); an OFFER to anyone would
	 * show a free address */
	if (!diag_silent_to_us(c) || diag_find_reply(c, 1u << DHCPOFFER, true, &k))
		return;
	o = diag_find_reply(c, 1u << DHCPACK | 1u << DHCPNAK, false, &k);
	if (!o)
		return;
	f = diag_emit(c, id, o->server_id);
	TEXT(f,
	     "the DHCP server %s has no free address (pool exhausted): it answers, but neither "
	     "this client nor a random MAC gets an offer",
	     IPS(o->server_id));
	diag_ev_steps(c, f, diag_is_discover);
	if (diag_step_res(c, DIAG_STEP_RELAY))
		diag_ev_step(f, DIAG_STEP_RELAY, diag_step_res(c, DIAG_STEP_RELAY));
	diag_ev_reply(c, f, k, o);
	NEXT(f,
	     "free addresses on %s: enlarge the pool or shorten the lease time, and remove "
	     "leases of devices that left",
	     IPS(o->server_id));
	diag_val_ip(f, "server", o->server_id);
}

static void
client_ignored_by(struct diag_ctx *c, enum diag_id id, const struct obs *o, enum diag_step k)
{
	struct diag_finding *f = diag_emit(c, id, o->server_id);

	if (k == DIAG_STEP_MAX)
		TEXT(f,
		     "the DHCP server %s offers addresses to other clients but answered neither "
		     "this client's MAC %s nor a random one: it serves only clients it knows",
		     IPS(o->server_id), MACS(c->in->client_mac));
	else
		TEXT(f,
		     "the DHCP server %s answers a random MAC but not this client's MAC %s: it "
		     "ignores this client",
		     IPS(o->server_id), MACS(c->in->client_mac));
	diag_ev_steps(c, f, diag_is_discover);
	if (k == DIAG_STEP_MAX)
		diag_ev_reply(c, f, k, o);
	NEXT(f,
	     "look for %s on %s: a deny or ignore entry, a MAC or class filter, 'deny "
	     "unknown-clients', a reservation on another subnet",
	     MACS(c->in->client_mac), IPS(o->server_id));
	diag_val_ip(f, "server", o->server_id);
	diag_val_mac(f, "mac", c->in->client_mac);
}

void
diag_check_client_ignored(struct diag_ctx *c, enum diag_id id)
{
	const struct probe_result *own = diag_step_res(c, DIAG_STEP_DISCOVER_OWN);
	const struct probe_result *rnd = diag_step_res(c, DIAG_STEP_DISCOVER_RANDOM);
	enum diag_step k;
	const struct obs *o;

	if (diag_unanswered(own) && diag_answered(rnd)) {
		client_ignored_by(c, id, diag_first_answer(rnd), DIAG_STEP_DISCOVER_RANDOM);
		return;
	}
	/* nothing for us while others get offers */
	if (diag_silent_to_us(c) && (o = diag_find_reply(c, 1u << DHCPOFFER, true, &k)) != NULL)
		client_ignored_by(c, id, o, k);
}

/* which NAK finding a NAK is: a refused offer (SELECTING names a server) or a previous address */
static enum diag_id
nak_kind(enum diag_step k, const struct diag_client *req)
{
	if (k == DIAG_STEP_SELECT || (k == DIAG_STEP_MAX && req && req->named_server))
		return DIAG_REQUEST_NAK;
	if (k == DIAG_STEP_INIT_REBOOT || k == DIAG_STEP_MAX)
		return DIAG_PREV_ADDR_NAK;
	return DIAG_MAX; /* an INFORM's NAK says nothing about an address */
}

static void
report_nak(struct diag_ctx *c, enum diag_id id, enum diag_step k, const struct obs *o,
           uint32_t asked)
{
	struct diag_finding *f = diag_emit(c, id, o->server_id);

	TEXT(f, "the DHCP server %s refuses ", IPS(o->server_id));
	if (id == DIAG_REQUEST_NAK)
		TEXT(f, "%s%s it offered (NAK): the client cannot finish DORA",
		     asked ? "the address " : "an address", asked ? IPS(asked) : "");
	else if (asked)
		TEXT(f, "the previous address %s (NAK): the client must start over with DISCOVER",
		     IPS(asked));
	else
		TEXT(f, "a client's previous address (NAK): it must start over with DISCOVER");
	diag_say_message(f, o);
	diag_ev_reply(c, f, k, o);
	if (id == DIAG_REQUEST_NAK)
		NEXT(f,
		     "look in %s's log for why it refused: two servers that disagree (failover "
		     "partners out of sync), or a reservation that changed",
		     IPS(o->server_id));
	else
		NEXT(f,
		     "normal after a move to another network; if the client did not move, %s no "
		     "longer holds that address for it (expired or given away)",
		     IPS(o->server_id));
	diag_val_ip(f, "server", o->server_id);
	if (asked)
		diag_val_ip(f, "address", asked);
}

static void
heard_nak(struct diag_ctx *c, enum diag_id id, const struct obs *o, const struct diag_client *req)
{
	if (o->type == DHCPNAK && nak_kind(DIAG_STEP_MAX, req) == id)
		report_nak(c, id, DIAG_STEP_MAX, o, 0);
}

void
diag_check_nak(struct diag_ctx *c, enum diag_id id)
{
	struct diag_walk w;

	for (size_t i = 0; i < c->in->nsteps; i++) {
		const struct diag_probe *s = &c->in->steps[i];
		uint32_t asked = s->res ? s->res->target.requested : 0;

		if (!asked && s->kind == DIAG_STEP_INIT_REBOOT)
			asked = c->in->requested;
		for (unsigned j = 0; s->res && j < s->res->nreplies; j++) {
			const struct obs *o = &s->res->replies[j];

			if (o->type == DHCPNAK && nak_kind(s->kind, NULL) == id)
				report_nak(c, id, s->kind, o, asked);
		}
	}
	/* on a live link other clients' NAKs are theirs (roaming laptops); a capture is all */
	if (c->in->from_capture)
		diag_walk_heard(c, &w, heard_nak, id);
}

/* RFC 5227 2.1.1, RFC 2131 2.2: an address in use must not be offered; a client that finds it
 * in use DECLINEs it */
void
diag_check_addr_in_use(struct diag_ctx *c, enum diag_id id)
{
	for (size_t i = 0; i < c->in->narp; i++) {
		const struct diag_arp *a = &c->in->arp[i];
		enum diag_step k = DIAG_STEP_MAX;
		const struct obs *o;
		struct diag_finding *f;

		if (a->what != DIAG_ARP_OFFERED || !a->answered ||
		    !memcmp(a->mac, c->in->client_mac, 6))
			continue;
		o = diag_offer_naming(c, a->addr, false, &k);
		f = diag_emit(c, id, o ? o->server_id : 0);
		TEXT(f, "the offered address %s is already in use by %s", IPS(a->addr),
		     MACS(a->mac));
		if (o)
			TEXT(f, " (offered by %s)", IPS(o->server_id));
		TEXT(f, ": the client must decline it, and two hosts would clash");
		if (o)
			diag_ev_reply(c, f, k, o);
		diag_ev_sep(f);
		EV(f, "ARP probe of %s: answered by %s after %s", IPS(a->addr), MACS(a->mac),
		   MSS(a->ms));
		NEXT(f,
		     "find %s (the switch's address table) and give it a reservation or an address "
		     "outside the pool; let the server check addresses before offering",
		     MACS(a->mac));
		diag_val_ip(f, "address", a->addr);
		diag_val_mac(f, "mac", a->mac);
		if (o)
			diag_val_ip(f, "server", o->server_id);
	}
}

/* RFC 2131 4.1, RFC 1542 4.1.2: the broadcast flag decides how a reply reaches a client that
 * has no address yet; one way works, the other not */
void
diag_check_flag(struct diag_ctx *c, enum diag_id id)
{
	bool bcast_lost = id == DIAG_BCAST_LOST;
	enum diag_step ok = bcast_lost ? DIAG_STEP_DISCOVER_UNICAST : DIAG_STEP_DISCOVER_BCAST;
	enum diag_step lost = bcast_lost ? DIAG_STEP_DISCOVER_BCAST : DIAG_STEP_DISCOVER_UNICAST;
	const struct obs *o = diag_first_answer(diag_step_res(c, ok));
	struct diag_finding *f;

	if (!o || !diag_unanswered(diag_step_res(c, lost)))
		return;
	f = diag_emit(c, id, o->server_id);
	if (bcast_lost)
		TEXT(f,
		     "replies broadcast to the client (broadcast flag set) do not arrive, unicast "
		     "ones do: clients that set the flag (Windows) get no lease");
	else
		TEXT(
		    f,
		    "replies unicast to the client (broadcast flag clear) do not arrive, broadcast "
		    "ones do: clients that clear the flag (most Linux clients) get no lease");
	diag_ev_step(f, ok, diag_step_res(c, ok));
	diag_ev_step(f, lost, diag_step_res(c, lost));
	if (bcast_lost)
		NEXT(f, "look for what drops broadcast frames toward clients: Wi-Fi broadcast "
		        "filtering, a relay agent that does not broadcast its replies");
	else
		NEXT(f,
		     "look for what drops unicast frames to a client without an address: a relay "
		     "agent or Wi-Fi bridge that cannot deliver them, a firewall");
	diag_val_ip(f, "server", o->server_id);
}

void
diag_check_router_silent(struct diag_ctx *c, enum diag_id id)
{
	for (size_t i = 0; i < c->in->narp; i++) {
		const struct diag_arp *a = &c->in->arp[i];
		enum diag_step k = DIAG_STEP_MAX;
		const struct obs *o;
		struct diag_finding *f;

		if (a->what != DIAG_ARP_ROUTER || a->answered)
			continue;
		o = diag_offer_naming(c, a->addr, true, &k);
		f = diag_emit(c, id, o ? o->server_id : 0);
		TEXT(f, "the router %s", IPS(a->addr));
		if (o)
			TEXT(f, " offered by %s", IPS(o->server_id));
		TEXT(f, " does not answer ARP: traffic off the subnet goes nowhere");
		if (o)
			diag_ev_reply(c, f, k, o);
		diag_ev_sep(f);
		EV(f, "ARP probe of %s: no answer after %s", IPS(a->addr), MSS(a->ms));
		NEXT(f, "check that %s is up and on this segment (VLAN), or fix option 3",
		     IPS(a->addr));
		diag_val_ip(f, "router", a->addr);
		if (o)
			diag_val_ip(f, "server", o->server_id);
	}
}

/* the first answer of an answered step that came soon after a retransmission: the earlier
 * transmissions went unanswered although the server answers at once */
static const struct obs *
answer_after_retry(const struct probe_result *r)
{
	const struct obs *o = diag_first_answer(r);

	if (!o || probe_reply_try(r, o) < 2 || probe_reply_latency(r, o) > DIAG_SLOW_MS)
		return NULL;
	return o;
}

/* answered steps whose first transmissions went unanswered while the answer, when it came,
 * came at once: frames are lost, not the server slow */
void
diag_check_packet_loss(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *fast = NULL;
	enum diag_step fk = DIAG_STEP_MAX;
	unsigned sent = 0, got = 0;
	struct diag_finding *f;

	for (size_t i = 0; i < c->in->nsteps; i++) {
		const struct probe_result *r = c->in->steps[i].res;
		const struct obs *o;

		if (!diag_answered(r) || (i && r == c->in->steps[i - 1].res))
			continue; /* one step may serve two questions: count it once */
		sent += r->tries;
		got++;
		if (!fast && (o = answer_after_retry(r)) != NULL) {
			fast = o;
			fk = c->in->steps[i].kind;
		}
	}
	if (!fast)
		return;
	f = diag_emit(c, id, fast->server_id);
	TEXT(f,
	     "only %u of %u transmissions were answered: frames are lost between this client "
	     "and %s, which answers at once when a frame gets through",
	     got, sent, IPS(fast->server_id));
	for (size_t i = 0; i < c->in->nsteps; i++)
		if (answer_after_retry(c->in->steps[i].res) &&
		    !(i && c->in->steps[i].res == c->in->steps[i - 1].res))
			diag_ev_step(f, c->in->steps[i].kind, c->in->steps[i].res);
	diag_ev_reply(c, f, fk, fast);
	NEXT(f, "check this client's link: Wi-Fi signal, errors or a duplex mismatch on the port "
	        "('ip -s link'), a relay or server that rate-limits");
	diag_val_ip(f, "server", fast->server_id);
	diag_val_num(f, "answered", DIAG_V_U32, got);
	diag_val_num(f, "sent", DIAG_V_U32, sent);
}

static void
report_slow(struct diag_ctx *c, enum diag_id id, enum diag_step k, const struct obs *o, uint64_t ms)
{
	struct diag_finding *f = diag_emit(c, id, o->server_id);

	TEXT(f, "%s answers only after %s: ", IPS(o->server_id), MSS(ms));
	if (o->type == DHCPOFFER)
		TEXT(f, "it likely checks the address first (ping or ARP) before offering");
	else
		TEXT(f, "it is busy, or slow to write its lease database");
	TEXT(f, "; clients that give up sooner get no lease");
	diag_ev_reply(c, f, k, o);
	if (k == DIAG_STEP_MAX)
		EV(f, ", %s after the request", MSS(ms));
	NEXT(f, "nothing to fix if clients wait long enough; to answer sooner, turn the address "
	        "check off or shorten it (dnsmasq --no-ping, ISC ping-check)");
	diag_val_ip(f, "server", o->server_id);
	diag_val_num(f, "latency", DIAG_V_MS, ms);
}

static void
heard_slow(struct diag_ctx *c, enum diag_id id, const struct obs *o, const struct diag_client *req)
{
	int64_t ms = req ? diag_tv_ms(&o->ts, &req->last) : -1;

	if (ms > DIAG_SLOW_MS)
		report_slow(c, id, DIAG_STEP_MAX, o, (uint64_t)ms);
}

/* a step's reply: its time from the transmission before it; heard: from the client's request */
void
diag_check_slow(struct diag_ctx *c, enum diag_id id)
{
	struct diag_walk w;

	for (size_t i = 0; i < c->in->nsteps; i++) {
		const struct diag_probe *s = &c->in->steps[i];

		for (unsigned j = 0; s->res && j < s->res->nreplies; j++) {
			const struct obs *o = &s->res->replies[j];
			int64_t ms = probe_reply_latency(s->res, o);

			if (!(o->flags & (OBS_DUP | OBS_REOFFER)) && ms > DIAG_SLOW_MS)
				report_slow(c, id, s->kind, o, (uint64_t)ms);
		}
	}
	diag_walk_heard(c, &w, heard_slow, id);
}

/* RFC 2131 4.1: a client retransmits while it gets nothing; seen on the passive listen */
void
diag_check_client_unanswered(struct diag_ctx *c, enum diag_id id)
{
	struct diag_walk w;
	struct diag_finding *f = NULL;
	unsigned n = 0;

	diag_walk_heard(c, &w, NULL, id);
	for (unsigned i = 0; i < DIAG_CLI_MAX; i++) {
		const struct diag_client *k = &w.tab[i];

		if (!k->used || k->requests < 2 || k->replies ||
		    (!c->in->from_capture && !memcmp(k->chaddr, c->in->client_mac, 6)))
			continue;
		if (!f) {
			f = diag_emit(c, id, 0);
			EV(f, "%s:", diag_where(c, DIAG_STEP_MAX));
		}
		EV(f, "%s %s sent %u requests over %s", n ? ";" : "", MACS(k->chaddr), k->requests,
		   MSS((uint64_t)diag_tv_ms(&k->last, &k->first)));
		if (n < DIAG_VALUES_MAX - 1)
			diag_val_mac(f, "mac", k->chaddr);
		n++;
	}
	if (!f)
		return;
	TEXT(f, "%u client%s retransmit%s without any answer: no lease for %s", n,
	     n == 1 ? "" : "s", n == 1 ? "s" : "", n == 1 ? "it" : "them");
	NEXT(f, "see whether the server ignores them (a MAC filter, unknown clients) or their "
	        "requests never reach it (relay, VLAN)");
	diag_val_num(f, "clients", DIAG_V_U32, n);
}

/* own MAC answered, random MACs never: the link, not the server, drops other MACs */
void
diag_check_foreign_mac(struct diag_ctx *c, enum diag_id id)
{
	const struct probe_result *own = diag_step_res(c, DIAG_STEP_DISCOVER_OWN);
	const struct probe_result *rnd = diag_step_res(c, DIAG_STEP_DISCOVER_RANDOM);
	struct diag_finding *f;

	if (!diag_answered(own) || !diag_unanswered(rnd))
		return;
	f = diag_emit(c, id, diag_first_answer(own)->server_id);
	TEXT(f,
	     "DISCOVERs from a random MAC get no answer while this client's MAC %s does: the link "
	     "drops frames from other MACs (%s)",
	     MACS(c->in->client_mac),
	     c->in->wireless ? "Wi-Fi station mode: the access point takes only the associated MAC"
	                     : "port security, DHCP snooping, 802.1X or a hypervisor's MAC filter");
	diag_ev_step(f, DIAG_STEP_DISCOVER_OWN, own);
	diag_ev_step(f, DIAG_STEP_DISCOVER_RANDOM, rnd);
	NEXT(f,
	     "nothing to fix for this client; other devices on this port are blocked by the link, "
	     "not by the DHCP server");
	diag_val_mac(f, "mac", c->in->client_mac);
}
