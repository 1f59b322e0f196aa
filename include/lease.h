/* SPDX-License-Identifier: BSD-2-Clause */
/* lease.h - the lease terms a server's OFFER or ACK grants, with RFC 2131's defaults applied once */
#ifndef DHCPDIAG_LEASE_H
#define DHCPDIAG_LEASE_H

#include <stdbool.h>
#include <stdint.h>

struct msg;

#define LEASE_INFINITE 0xffffffffu /* RFC 2131 3.3: a lease time of all ones never ends */
#define LT_ROUTERS_MAX 4
#define LT_DNS_MAX 4
#define LT_DOMAIN_MAX 64
#define LT_ROUTES_MAX 8

/* one bit per term, for the sent/derived/malformed sets */
enum lt_term {
	LT_MASK = 1 << 0,      /* option 1 */
	LT_ROUTER = 1 << 1,    /* option 3 */
	LT_DNS = 1 << 2,       /* option 6 */
	LT_DOMAIN = 1 << 3,    /* option 15 */
	LT_LEASE = 1 << 4,     /* option 51 */
	LT_T1 = 1 << 5,        /* option 58 */
	LT_T2 = 1 << 6,        /* option 59 */
	LT_SERVER_ID = 1 << 7, /* option 54 */
	LT_BROADCAST = 1 << 8, /* option 28 */
	LT_ROUTES = 1 << 9,    /* option 121, or 249 when 121 is absent */
};

/* one classless static route (RFC 3442): dest/width via gw; gw 0 means on-link */
struct lt_route {
	uint32_t dest; /* bits past width are zero */
	uint32_t gw;
	uint8_t width; /* prefix length, 0..32 */
};

/*
 * What an OFFER or ACK says about the lease. A term is present when its bit
 * is in `sent` (the option was there and well formed) or in `derived` (T1 and
 * T2 only: not sent, computed from the lease time). `malformed` marks options
 * that were there with a length their format does not allow; their value is 0.
 * Lists keep their first entries and count them all (nrouters may exceed
 * LT_ROUTERS_MAX, nroutes LT_ROUTES_MAX). Routes come from option 121, or from
 * 249 (Microsoft's earlier code for the same format) when 121 is absent;
 * routes_code says which. A route list that does not parse whole is malformed
 * and keeps no route.
 */
struct lease_terms {
	unsigned sent, derived, malformed;
	uint32_t mask, broadcast, server_id;
	uint32_t routers[LT_ROUTERS_MAX];
	unsigned nrouters;
	uint32_t dns[LT_DNS_MAX];
	unsigned ndns;
	uint8_t domain[LT_DOMAIN_MAX]; /* raw wire bytes: escape before showing */
	unsigned domain_len;           /* bytes kept */
	bool domain_cut;               /* longer than LT_DOMAIN_MAX */
	uint32_t lease, t1, t2;        /* seconds; LEASE_INFINITE for infinite */
	struct lt_route routes[LT_ROUTES_MAX];
	unsigned nroutes;
	uint8_t routes_code; /* 121 or 249; 0 when neither was sent */
};

/* fill t from the options of m; never fails (absent or malformed terms are simply not set) */
void lease_terms_of(const struct msg *m, struct lease_terms *ret);

/* true when term is present, sent or derived */
static inline bool
lease_has(const struct lease_terms *t, enum lt_term term)
{
	return ((t->sent | t->derived) & term) != 0;
}

/* RFC 2131 4.4.5: T1 defaults to half the lease and T2 to 7/8 of it; an infinite lease keeps both
 * infinite */
uint32_t lease_t1_default(uint32_t lease);
uint32_t lease_t2_default(uint32_t lease);

/* true when the two sets of terms differ in anything a client would use */
bool lease_terms_differ(const struct lease_terms *a, const struct lease_terms *b);

/* prefix length of a contiguous mask, or -1 when the mask has holes */
int lease_mask_prefix(uint32_t mask);

#endif
