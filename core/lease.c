/* SPDX-License-Identifier: BSD-2-Clause */
/* lease.c - lease terms of an OFFER or ACK: the one place RFC 2131's timer defaults live */
#include "lease.h"

#include <errno.h>
#include <string.h>

#include "msg.h"
#include "reader.h"

enum {
	OPT_MASK = 1,
	OPT_ROUTER = 3,
	OPT_DNS = 6,
	OPT_DOMAIN = 15,
	OPT_BROADCAST = 28,
	OPT_LEASE = 51,
	OPT_SERVER_ID = 54,
	OPT_T1 = 58,
	OPT_T2 = 59,
	OPT_ROUTES = 121,    /* RFC 3442 */
	OPT_MS_ROUTES = 249, /* the same format under Microsoft's earlier code */
};

uint32_t
lease_t1_default(uint32_t lease)
{
	return lease == LEASE_INFINITE ? LEASE_INFINITE : lease / 2;
}

uint32_t
lease_t2_default(uint32_t lease)
{
	return lease == LEASE_INFINITE ? LEASE_INFINITE : (uint32_t)((uint64_t)lease * 7 / 8);
}

/* a 4-byte term: sent, malformed (present with another length) or absent */
static void
take_u32(struct lease_terms *t, const struct msg *m, uint8_t code, unsigned bit, uint32_t *dst)
{
	size_t len = 0;

	if (msg_get_u32(m, code, dst))
		t->sent |= bit;
	else if (msg_get(m, code, &len))
		t->malformed |= bit;
}

static void
take_ips(struct lease_terms *t, const struct msg *m, uint8_t code, unsigned bit, uint32_t *dst,
	 unsigned max, unsigned *ret_n)
{
	int n = msg_get_ips(m, code, dst, max);

	if (n > 0) {
		t->sent |= bit;
		*ret_n = (unsigned)n;
	} else if (n == -EBADMSG) {
		t->malformed |= bit;
	}
}

/* one RFC 3442 route: a width, its significant destination octets, a router; false when short */
static bool
read_route(struct rd *r, struct lt_route *ret)
{
	uint8_t width = rd_u8(r), dest[4] = {0};

	if (width > 32) {
		r->bad = true;
		return false;
	}
	rd_copy(r, dest, (width + 7u) / 8u);
	ret->width = width;
	ret->dest = width ? ld_be32(dest) & ~(uint32_t)0 << (32 - width) : 0;
	ret->gw = rd_be32(r);
	return !r->bad;
}

/* RFC 3442 3: option 121 (else 249) holds routes back to back; all of it must parse */
static void
take_routes(struct lease_terms *t, const struct msg *m)
{
	size_t len = 0;
	const uint8_t *p = msg_get(m, OPT_ROUTES, &len);
	struct lt_route rt;
	struct rd r;

	t->routes_code = OPT_ROUTES;
	if (!p) {
		p = msg_get(m, OPT_MS_ROUTES, &len);
		t->routes_code = p ? OPT_MS_ROUTES : 0;
	}
	if (!p)
		return;
	rd_init(&r, p, len);
	while (rd_left(&r) && read_route(&r, &rt)) {
		if (t->nroutes < LT_ROUTES_MAX)
			t->routes[t->nroutes] = rt;
		t->nroutes++;
	}
	if (r.bad || !len) {
		t->malformed |= LT_ROUTES;
		t->nroutes = 0;
		memset(t->routes, 0, sizeof(t->routes));
		return;
	}
	t->sent |= LT_ROUTES;
}

void
lease_terms_of(const struct msg *m, struct lease_terms *ret)
{
	struct lease_terms *t = ret;
	const uint8_t *p;
	size_t len = 0;

	memset(t, 0, sizeof(*t));
	take_u32(t, m, OPT_MASK, LT_MASK, &t->mask);
	take_u32(t, m, OPT_BROADCAST, LT_BROADCAST, &t->broadcast);
	take_u32(t, m, OPT_SERVER_ID, LT_SERVER_ID, &t->server_id);
	take_u32(t, m, OPT_LEASE, LT_LEASE, &t->lease);
	take_u32(t, m, OPT_T1, LT_T1, &t->t1);
	take_u32(t, m, OPT_T2, LT_T2, &t->t2);
	take_ips(t, m, OPT_ROUTER, LT_ROUTER, t->routers, LT_ROUTERS_MAX, &t->nrouters);
	take_ips(t, m, OPT_DNS, LT_DNS, t->dns, LT_DNS_MAX, &t->ndns);
	take_routes(t, m);
	p = msg_get(m, OPT_DOMAIN, &len);
	if (p && len) {
		t->sent |= LT_DOMAIN;
		t->domain_len = (unsigned)(len < LT_DOMAIN_MAX ? len : LT_DOMAIN_MAX);
		t->domain_cut = len > LT_DOMAIN_MAX;
		memcpy(t->domain, p, t->domain_len);
	} else if (p) {
		t->malformed |= LT_DOMAIN;
	}
	/* RFC 2131 4.4.5: a client that gets no T1/T2 computes them from the lease */
	if (t->sent & LT_LEASE) {
		if (!(t->sent & LT_T1)) {
			t->t1 = lease_t1_default(t->lease);
			t->derived |= LT_T1;
		}
		if (!(t->sent & LT_T2)) {
			t->t2 = lease_t2_default(t->lease);
			t->derived |= LT_T2;
		}
	}
}

/* field by field: struct lt_route has padding that memcmp would compare */
static bool
routes_differ(const struct lease_terms *a, const struct lease_terms *b)
{
	unsigned n = a->nroutes < LT_ROUTES_MAX ? a->nroutes : LT_ROUTES_MAX;

	if (a->nroutes != b->nroutes || a->routes_code != b->routes_code)
		return true;
	for (unsigned i = 0; i < n; i++)
		if (a->routes[i].dest != b->routes[i].dest || a->routes[i].gw != b->routes[i].gw ||
		    a->routes[i].width != b->routes[i].width)
			return true;
	return false;
}

bool
lease_terms_differ(const struct lease_terms *a, const struct lease_terms *b)
{
	unsigned nr = a->nrouters < LT_ROUTERS_MAX ? a->nrouters : LT_ROUTERS_MAX;
	unsigned nd = a->ndns < LT_DNS_MAX ? a->ndns : LT_DNS_MAX;

	return a->sent != b->sent || a->derived != b->derived || a->malformed != b->malformed ||
	       a->mask != b->mask || a->broadcast != b->broadcast ||
	       a->server_id != b->server_id || a->nrouters != b->nrouters ||
	       memcmp(a->routers, b->routers, nr * sizeof(a->routers[0])) != 0 ||
	       a->ndns != b->ndns || memcmp(a->dns, b->dns, nd * sizeof(a->dns[0])) != 0 ||
	       a->domain_len != b->domain_len || a->domain_cut != b->domain_cut ||
	       memcmp(a->domain, b->domain, a->domain_len) != 0 || a->lease != b->lease ||
	       a->t1 != b->t1 || a->t2 != b->t2 || routes_differ(a, b);
}

int
lease_mask_prefix(uint32_t mask)
{
	uint32_t inv = ~mask;

	/* contiguous: the host part is a run of ones at the bottom */
	if (inv & (inv + 1))
		return -1;
	return __builtin_popcount(mask);
}
