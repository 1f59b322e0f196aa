/* SPDX-License-Identifier: BSD-2-Clause */
/* diag_offer.c - the rules about what servers offer: who, which subnet, routers, routes, timers */
#include "diag_int.h"
#include "lease.h"
#include "msg.h"
#include "obs.h"
#include "probe.h"

#include <string.h>

void
diag_check_rogue(struct diag_ctx *c, enum diag_id id)
{
	for (unsigned i = 0; i < c->nsrv; i++) {
		const struct diag_srv *s = &c->srv[i];
		struct diag_finding *f;

		if (!s->rogue)
			continue;
		f = diag_emit(c, id, s->id);
		TEXT(f, "the DHCP server %s", IPS(s->id));
		if (s->has_mac)
			TEXT(f, " (MAC %s)", MACS(s->mac));
		TEXT(f, " is not on the allow list but answers");
		if (s->offer)
			TEXT(f, ": clients that take its offer get %s", IPS(s->offer->yiaddr));
		if (s->offer && (s->offer->terms.sent & LT_ROUTER))
			TEXT(f, " and router %s", IPS(s->offer->terms.routers[0]));
		diag_ev_reply(c, f, s->first_kind, s->first);
		NEXT(f,
		     "find the device by its MAC (the switch's address table) and switch its DHCP "
		     "server off; DHCP snooping on the switch keeps such servers out");
		diag_val_ip(f, "server", s->id);
		if (s->has_mac)
			diag_val_mac(f, "mac", s->mac);
	}
}

/* the terms two offers differ in (the lists by their first entries) */
static unsigned
terms_diff(const struct obs *a, const struct obs *b)
{
	const struct lease_terms *x = &a->terms, *y = &b->terms;
	unsigned has = (x->sent ^ y->sent) & (LT_MASK | LT_ROUTER | LT_DNS | LT_DOMAIN | LT_LEASE);

	if ((x->sent & y->sent & LT_MASK) && x->mask != y->mask)
		has |= LT_MASK;
	if ((x->sent & y->sent & LT_MASK) && (a->yiaddr & x->mask) != (b->yiaddr & y->mask))
		has |= DIAG_DIFF_NET;
	if ((x->sent & y->sent & LT_ROUTER) && x->routers[0] != y->routers[0])
		has |= LT_ROUTER;
	if ((x->sent & y->sent & LT_DNS) &&
	    (x->ndns != y->ndns || memcmp(x->dns, y->dns, sizeof(x->dns[0]))))
		has |= LT_DNS;
	if ((x->sent & y->sent & LT_DOMAIN) &&
	    (x->domain_len != y->domain_len || memcmp(x->domain, y->domain, x->domain_len)))
		has |= LT_DOMAIN;
	if ((x->sent & y->sent & LT_LEASE) && x->lease != y->lease)
		has |= LT_LEASE;
	return has;
}

/* "198.18.0.1 offered 198.18.0.120 (router 198.18.0.1, lease 3600 s) in discover (own MAC)" */
static void
ev_offer(const struct diag_ctx *c, struct diag_finding *f, const struct diag_srv *s)
{
	const struct lease_terms *t = &s->offer->terms;
	const char *sep = " (";

	diag_ev_sep(f);
	EV(f, "%s offered %s", IPS(s->id), IPS(s->offer->yiaddr));
	if (t->sent & LT_MASK) {
		EV(f, "%smask %s", sep, IPS(t->mask));
		sep = ", ";
	}
	if (t->sent & LT_ROUTER) {
		EV(f, "%srouter %s", sep, IPS(t->routers[0]));
		sep = ", ";
	}
	if (t->sent & LT_DNS) {
		EV(f, "%sDNS %s", sep, IPS(t->dns[0]));
		sep = ", ";
	}
	if (t->sent & LT_LEASE) {
		EV(f, "%slease %s", sep, SECS(t->lease));
		sep = ", ";
	}
	EV(f, "%sin %s", sep[0] == ',' ? ") " : " ", diag_where(c, s->offer_kind));
}

/* the allowed servers that offer, in the order first heard; returns how many (at most max) */
static unsigned
offering(const struct diag_ctx *c, const struct diag_srv **list)
{
	unsigned n = 0;

	for (unsigned i = 0; i < c->nsrv; i++)
		if (c->srv[i].offer && !c->srv[i].rogue)
			list[n++] = &c->srv[i];
	return n;
}

/*
 * --servers N says how many servers should offer (a failover pair where both
 * answer): fewer is redundancy lost while clients still get leases, so a
 * warning; none at all is no-server's (or rogue-server's) error.
 */
void
diag_check_servers_missing(struct diag_ctx *c, enum diag_id id)
{
	const struct diag_srv *list[DIAG_SRV_MAX];
	unsigned n = offering(c, list);
	struct diag_finding *f;

	if (!c->in->servers || n >= c->in->servers || !n)
		return;
	f = diag_emit(c, id, 0);
	TEXT(f, "%u DHCP server%s should offer here (--servers) but only %u do%s:", c->in->servers,
	     c->in->servers == 1 ? "" : "s", n, n == 1 ? "es" : "");
	for (unsigned i = 0; i < n && i < 4; i++) {
		TEXT(f, "%s %s", i ? "," : "", IPS(list[i]->id));
		ev_offer(c, f, list[i]);
		diag_val_ip(f, "server", list[i]->id);
	}
	TEXT(f, "; clients still get leases, but the redundancy is gone");
	diag_ev_steps(c, f, diag_is_discover);
	NEXT(f, "find the missing server: is it running, does this segment's relay (helper "
	        "address) forward to it; a failover pair that balances load answers each client "
	        "from one server only, and then --servers is 1");
	diag_val_num(f, "expected", DIAG_V_U32, c->in->servers);
	diag_val_num(f, "offering", DIAG_V_U32, n);
}

/* more than one allowed server offers (rogue ones are diag_check_rogue's); as many as
 * --servers says, with offers that agree, is a failover pair doing its job */
void
diag_check_several_servers(struct diag_ctx *c, enum diag_id id)
{
	const struct diag_srv *list[DIAG_SRV_MAX];
	unsigned n = offering(c, list), diff = 0;
	struct diag_finding *f;

	if (n < 2)
		return;
	for (unsigned i = 1; i < n; i++)
		diff |= terms_diff(list[0]->offer, list[i]->offer);
	if (n <= c->in->servers && !diff && !c->srv_full)
		return;
	f = diag_emit(c, id, 0);
	TEXT(f, "%u%s DHCP servers offer addresses on this segment", n,
	     c->srv_full ? " or more" : "");
	if (c->in->servers && n > c->in->servers)
		TEXT(f, " (%u expected)", c->in->servers);
	TEXT(f, ":");
	for (unsigned i = 0; i < n; i++) {
		if (i < 4)
			TEXT(f, "%s %s", i ? "," : "", IPS(list[i]->id));
		if (i < 4)
			ev_offer(c, f, list[i]);
		if (i < DIAG_VALUES_MAX - 1)
			diag_val_ip(f, "server", list[i]->id);
	}
	if (n > 4)
		TEXT(f, " and %u more", n - 4);
	TEXT(f, diff ? "; their offers differ in " : "; their offers agree");
	diag_add_terms(f->text, sizeof(f->text), diff, false);
	NEXT(f,
	     "if %s meant to serve (a failover pair), make their options agree and say so with "
	     "--servers %u; otherwise switch the extra ones off (--allow-server names the ones "
	     "that may answer)",
	     n == 2 ? "both are" : "all are", n);
	if (diff) {
		char names[DIAG_STR_MAX] = "";

		diag_add_terms(names, sizeof(names), diff, false);
		diag_val_str(f, "differ", names); /* the last slot: servers take one less */
	}
}

/* RFC 2131 4.3.1: a relayed request gets an address of giaddr's subnet; a server on the link
 * answers from an address of the subnet it serves there */
void
diag_check_wrong_subnet(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		uint32_t src = o->src_ip ? o->src_ip : o->server_id;
		uint32_t mask = o->terms.mask;
		struct diag_finding *f;

		if (!diag_has_subnet(o) || !src || diag_in_subnet(o, o->giaddr ? o->giaddr : src))
			continue;
		f = diag_emit(c, id, o->server_id);
		if (o->giaddr)
			TEXT(f,
			     "the offered address %s/%d is not in the subnet of the relay agent %s "
			     "(giaddr): %s took it from another segment's pool",
			     IPS(o->yiaddr), lease_mask_prefix(mask), IPS(o->giaddr),
			     IPS(o->server_id));
		else
			TEXT(f,
			     "%s answers from this segment but offers %s, outside its own subnet "
			     "%s: this segment gets another segment's addresses",
			     IPS(src), IPS(o->yiaddr), NETS(src, mask));
		diag_ev_reply(c, f, k.kind, o);
		NEXT(f,
		     "check the subnet %s serves %s (a shared network of several subnets on one "
		     "link, or option 82 link selection, are where this is meant)",
		     IPS(o->server_id), o->giaddr ? "for that relay" : "on this segment");
		diag_val_ip(f, "server", o->server_id);
		diag_val_ip(f, "address", o->yiaddr);
		diag_val_ip(f, o->giaddr ? "giaddr" : "source", o->giaddr ? o->giaddr : src);
	}
}

void
diag_check_mask_holes(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		struct diag_finding *f;

		if (!diag_is_offer(o) || !(o->terms.sent & LT_MASK) ||
		    lease_mask_prefix(o->terms.mask) >= 0)
			continue;
		f = diag_emit(c, id, o->server_id);
		TEXT(f,
		     "the subnet mask %s offered by %s is not contiguous: clients reject it or "
		     "compute a wrong subnet",
		     IPS(o->terms.mask), IPS(o->server_id));
		diag_ev_reply(c, f, k.kind, o);
		NEXT(f, "set option 1 on %s to a contiguous mask (ones, then zeros: 255.255.255.0)",
		     IPS(o->server_id));
		diag_val_ip(f, "server", o->server_id);
		diag_val_ip(f, "mask", o->terms.mask);
	}
}

/* RFC 1122 3.2.1.3: the all-zeros and all-ones host parts are not host addresses; RFC 3021 lets
 * /31 use both, and a /32 has no other */
void
diag_check_addr_not_host(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		uint32_t host;
		struct diag_finding *f;

		if (!diag_has_subnet(o) || lease_mask_prefix(o->terms.mask) > 30)
			continue;
		host = o->yiaddr & ~o->terms.mask;
		if (host && host != ~o->terms.mask)
			continue;
		f = diag_emit(c, id, o->server_id);
		TEXT(f,
		     "the address %s offered by %s is the %s address of %s: a host cannot use it",
		     IPS(o->yiaddr), IPS(o->server_id), host ? "broadcast" : "network",
		     NETS(o->yiaddr, o->terms.mask));
		diag_ev_reply(c, f, k.kind, o);
		NEXT(f,
		     "keep the first and last address of the subnet out of %s's pool, or fix the "
		     "mask (option 1)",
		     IPS(o->server_id));
		diag_val_ip(f, "server", o->server_id);
		diag_val_ip(f, "address", o->yiaddr);
		diag_val_num(f, "prefix", DIAG_V_U32, (unsigned)lease_mask_prefix(o->terms.mask));
	}
}

/* RFC 1122 3.3.1.1: a first-hop router must be on a connected network */
void
diag_check_router_off_link(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		const struct lease_terms *t = &o->terms;
		unsigned n = t->nrouters < LT_ROUTERS_MAX ? t->nrouters : LT_ROUTERS_MAX;

		for (unsigned i = 0; diag_has_subnet(o) && (t->sent & LT_ROUTER) && i < n; i++) {
			struct diag_finding *f;

			if (diag_in_subnet(o, t->routers[i]))
				continue;
			f = diag_emit(c, id, o->server_id);
			TEXT(
			    f,
			    "router %s offered by %s is outside the offered subnet %s: clients get "
			    "no default route",
			    IPS(t->routers[i]), IPS(o->server_id), NETS(o->yiaddr, t->mask));
			diag_ev_reply(c, f, k.kind, o);
			NEXT(f, "fix option 3 (or the mask, option 1) on %s", IPS(o->server_id));
			diag_val_ip(f, "server", o->server_id);
			diag_val_ip(f, "router", t->routers[i]);
			diag_val_ip(f, "address", o->yiaddr);
			diag_val_num(f, "prefix", DIAG_V_U32, (unsigned)lease_mask_prefix(t->mask));
			break;
		}
	}
}

/* RFC 3442: a route's router must be reachable; 0.0.0.0 means the destination is on-link */
void
diag_check_route_off_link(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		const struct lease_terms *t = &o->terms;
		unsigned n = t->nroutes < LT_ROUTES_MAX ? t->nroutes : LT_ROUTES_MAX;

		for (unsigned i = 0; diag_has_subnet(o) && (t->sent & LT_ROUTES) && i < n; i++) {
			const struct lt_route *r = &t->routes[i];
			struct diag_finding *f;

			if (!r->gw || diag_in_subnet(o, r->gw))
				continue;
			f = diag_emit(c, id, o->server_id);
			TEXT(f,
			     "the route to %s/%u via %s (option %u) offered by %s has a router "
			     "outside the offered subnet %s: clients cannot install it",
			     IPS(r->dest), r->width, IPS(r->gw), t->routes_code, IPS(o->server_id),
			     NETS(o->yiaddr, t->mask));
			diag_ev_reply(c, f, k.kind, o);
			NEXT(f,
			     "give that route a router on the client's subnet (or 0.0.0.0 for an "
			     "on-link destination) in option %u on %s",
			     t->routes_code, IPS(o->server_id));
			diag_val_ip(f, "server", o->server_id);
			diag_val_ip(f, "route", r->dest);
			diag_val_num(f, "prefix", DIAG_V_U32, r->width);
			diag_val_ip(f, "gateway", r->gw);
			break;
		}
	}
}

/* MSG_E_* in words; a missing cookie is plain BOOTP, not an error */
static const char *const msg_error_names[] = {
    "a header cut short",
    NULL,
    "a wrong magic cookie",
    "an option running past its area",
    "no END option",
    "bytes after END",
    "a bad overload option (52)",
    "too many options",
};

void
diag_check_malformed(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		uint32_t errs = o->msg_errors & ~(uint32_t)MSG_E_NO_COOKIE;
		const char *sep = "";
		struct diag_finding *f;

		if (!errs && !o->terms.malformed)
			continue;
		f = diag_emit(c, id, o->server_id);
		TEXT(f, "%s sends malformed replies: ", IPS(o->server_id));
		for (unsigned b = 0; b < sizeof(msg_error_names) / sizeof(msg_error_names[0]); b++)
			if ((errs & 1u << b) && msg_error_names[b]) {
				TEXT(f, "%s%s", sep, msg_error_names[b]);
				sep = ", ";
			}
		if (o->terms.malformed)
			TEXT(f, "%sa wrong length in ", sep);
		diag_add_terms(f->text, sizeof(f->text), o->terms.malformed, true);
		TEXT(f, "; clients ignore those options, or the whole reply");
		diag_ev_reply(c, f, k.kind, o);
		NEXT(f, "check the values of these options in %s's configuration",
		     IPS(o->server_id));
		diag_val_ip(f, "server", o->server_id);
	}
}

/* RFC 2131 4.3.1, 4.4.1: an OFFER or ACK carries the address, the xid and the chaddr asked for */
void
diag_check_reply_mismatch(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		bool needs_addr = o->type == DHCPOFFER ||
		                  (o->type == DHCPACK &&
		                   (k.kind == DIAG_STEP_SELECT || k.kind == DIAG_STEP_INIT_REBOOT));
		bool no_addr = needs_addr && !o->yiaddr;
		unsigned other = o->flags & (OBS_FOREIGN_XID | OBS_FOREIGN_CHADDR);
		struct diag_finding *f;

		if (!no_addr && !other)
			continue;
		f = diag_emit(c, id, o->server_id);
		TEXT(f,
		     "%s sends a reply (%s) that does not match the request (%s): clients "
		     "discard it",
		     IPS(o->server_id), diag_type_name(o->type),
		     no_addr                      ? "no address, yiaddr 0.0.0.0"
		     : other & OBS_FOREIGN_CHADDR ? "another client's hardware address"
		                                  : "another transaction id");
		diag_ev_reply(c, f, k.kind, o);
		NEXT(f,
		     "check %s's software and what sits on the way (a relay agent or NAT that "
		     "rewrites replies)",
		     IPS(o->server_id));
		diag_val_ip(f, "server", o->server_id);
	}
}

/* RFC 2131 4.4.5, RFC 2132 9.7: clients unicast renewals to the server identifier */
void
diag_check_server_id_not_src(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		struct diag_finding *f;

		if (!o->server_id_sent || o->giaddr || !o->src_ip || o->server_id == o->src_ip ||
		    k.kind == DIAG_STEP_RELAY)
			continue;
		f = diag_emit(c, id, o->server_id);
		TEXT(f,
		     "the DHCP server at %s names itself %s (option 54): clients renew by unicast "
		     "to %s, which is not where it answers from",
		     IPS(o->src_ip), IPS(o->server_id), IPS(o->server_id));
		diag_ev_reply(c, f, k.kind, o);
		NEXT(
		    f,
		    "set the server identifier to an address of %s that clients reach, or look for "
		    "NAT between clients and server",
		    IPS(o->src_ip));
		diag_val_ip(f, "server", o->server_id);
		diag_val_ip(f, "source", o->src_ip);
	}
}

/* RFC 3442: with option 121 a client MUST ignore option 3, so 121 needs its own default route */
void
diag_check_routes_hide_router(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		const struct lease_terms *t = &o->terms;
		bool deflt = t->nroutes > LT_ROUTES_MAX; /* not all kept: assume it is there */
		struct diag_finding *f;

		for (unsigned i = 0; i < t->nroutes && i < LT_ROUTES_MAX; i++)
			deflt |= t->routes[i].width == 0;
		if (!diag_is_offer(o) || t->routes_code != 121 || !(t->sent & LT_ROUTES) ||
		    !(t->sent & LT_ROUTER) || deflt)
			continue;
		f = diag_emit(c, id, o->server_id);
		TEXT(
		    f,
		    "%s sends classless routes (option 121) without a default route, and router %s "
		    "in option 3, which RFC 3442 clients ignore: they get no default route",
		    IPS(o->server_id), IPS(t->routers[0]));
		diag_ev_reply(c, f, k.kind, o);
		NEXT(f, "add 0.0.0.0/0 via %s to option 121 on %s, or drop option 121",
		     IPS(t->routers[0]), IPS(o->server_id));
		diag_val_ip(f, "server", o->server_id);
		diag_val_ip(f, "router", t->routers[0]);
	}
}

/* RFC 1122 3.3.6, RFC 2132 5.3: the broadcast address is the subnet with a host part of ones */
void
diag_check_bcast_addr(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		uint32_t want = o->yiaddr | ~o->terms.mask;
		struct diag_finding *f;

		if (!diag_has_subnet(o) || !(o->terms.sent & LT_BROADCAST) ||
		    o->terms.broadcast == want)
			continue;
		f = diag_emit(c, id, o->server_id);
		TEXT(f,
		     "the broadcast address %s offered by %s does not fit the offered subnet %s "
		     "(that is %s): broadcasts of its clients go astray",
		     IPS(o->terms.broadcast), IPS(o->server_id), NETS(o->yiaddr, o->terms.mask),
		     IPS(want));
		diag_ev_reply(c, f, k.kind, o);
		NEXT(f, "fix option 28 on %s, or leave it out (clients compute it from the mask)",
		     IPS(o->server_id));
		diag_val_ip(f, "server", o->server_id);
		diag_val_ip(f, "broadcast", o->terms.broadcast);
		diag_val_ip(f, "expected", want);
	}
}

/* RFC 2132 3.8: the client listed option 6 in its request list (55) */
void
diag_check_no_dns(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		struct diag_finding *f;

		if (!c->in->asked_dns || k.kind == DIAG_STEP_MAX ||
		    (o->type != DHCPOFFER && o->type != DHCPACK) || (o->terms.sent & LT_DNS))
			continue;
		f = diag_emit(c, id, o->server_id);
		TEXT(f,
		     "%s offers no DNS server (option 6) although the client asked for one: names "
		     "will not resolve",
		     IPS(o->server_id));
		diag_ev_reply(c, f, k.kind, o);
		NEXT(f, "add option 6 (domain-name-servers) to %s's scope for this subnet",
		     IPS(o->server_id));
		diag_val_ip(f, "server", o->server_id);
	}
}

/* a below b, where infinite is below infinite (RFC 2131 4.4.5 with RFC 2131 3.3's all-ones) */
static bool
below(uint32_t a, uint32_t b)
{
	return a < b || (a == LEASE_INFINITE && b == LEASE_INFINITE);
}

/* the first broken order among the timers sent (derived ones are in order by construction) */
static const char *
timers_wrong(const struct lease_terms *t)
{
	bool t1 = t->sent & LT_T1, t2 = t->sent & LT_T2, lease = t->sent & LT_LEASE;

	if ((t1 || t2) && lease_has(t, LT_T1) && lease_has(t, LT_T2) && !below(t->t1, t->t2))
		return "T1 is not below T2";
	if (t2 && lease && !below(t->t2, t->lease))
		return "T2 is not below the lease time";
	if (t1 && lease && !below(t->t1, t->lease))
		return "T1 is not below the lease time";
	return NULL;
}

void
diag_check_timers(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		const struct lease_terms *t = &o->terms;
		const char *why = timers_wrong(t);
		struct diag_finding *f;

		if (!why)
			continue;
		f = diag_emit(c, id, o->server_id);
		TEXT(f,
		     "the timers %s offers are out of order: %s (T1 %s, T2 %s, lease %s; RFC 2131 "
		     "wants T1 < T2 < lease): clients renew late or not at all",
		     IPS(o->server_id), why, SECS(t->t1), SECS(t->t2),
		     t->sent & LT_LEASE ? SECS(t->lease) : "not sent");
		diag_ev_reply(c, f, k.kind, o);
		NEXT(f,
		     "fix options 58/59 on %s, or leave them out (clients take 1/2 and 7/8 of the "
		     "lease)",
		     IPS(o->server_id));
		diag_val_ip(f, "server", o->server_id);
		diag_val_num(f, "t1", DIAG_V_SECS, t->t1);
		diag_val_num(f, "t2", DIAG_V_SECS, t->t2);
		if (t->sent & LT_LEASE)
			diag_val_num(f, "lease", DIAG_V_SECS, t->lease);
	}
}

/* the lease-time findings: too short (warning) and infinite (information) */
void
diag_check_lease(struct diag_ctx *c, enum diag_id id)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		uint32_t l = o->terms.lease;
		bool infinite = l == LEASE_INFINITE;
		struct diag_finding *f;

		if (!diag_is_offer(o) || !(o->terms.sent & LT_LEASE) ||
		    (id == DIAG_LEASE_INFINITE ? !infinite : infinite || l >= DIAG_SHORT_LEASE))
			continue;
		f = diag_emit(c, id, o->server_id);
		if (infinite) {
			TEXT(f,
			     "%s offers an infinite lease: the address never returns to the pool",
			     IPS(o->server_id));
			NEXT(f,
			     "fine for a fixed host; for a pool, give a finite lease so addresses "
			     "of departed clients come back");
		} else {
			TEXT(
			    f,
			    "%s offers a lease of only %u s: clients renew every %u s and lose the "
			    "address when the server is away for a few minutes",
			    IPS(o->server_id), l, l / 2);
			NEXT(f,
			     "unless meant (a test, a crowded guest network), give leases of an "
			     "hour or more on %s",
			     IPS(o->server_id));
		}
		diag_ev_reply(c, f, k.kind, o);
		diag_val_ip(f, "server", o->server_id);
		diag_val_num(f, "lease", DIAG_V_SECS, l);
	}
}
