/* SPDX-License-Identifier: BSD-2-Clause */
/* test_lease.c - lease terms from built messages: timer defaults, masks, RFC 3442 routes */
#include "check.h"
#include "lease.h"
#include "msg.h"

#include <stdint.h>
#include <string.h>

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static struct msg m;

static void
set32(uint8_t code, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};

	msg_set(&m, code, b, 4);
}

static void
test_timers(void)
{
	struct lease_terms t;

	msg_init(&m, 2);
	set32(51, 3600);
	lease_terms_of(&m, &t);
	CHECK(t.t1 == 1800 && t.t2 == 3150 && t.derived == (LT_T1 | LT_T2) && !(t.sent & LT_T1),
	      "RFC 2131 4.4.5: T1/T2 derived from the lease when not sent");
	set32(58, 100);
	lease_terms_of(&m, &t);
	CHECK(t.t1 == 100 && (t.sent & LT_T1) && t.derived == LT_T2,
	      "a sent T1 is kept, not derived");
	msg_init(&m, 2);
	set32(51, LEASE_INFINITE);
	lease_terms_of(&m, &t);
	CHECK(t.t1 == LEASE_INFINITE && t.t2 == LEASE_INFINITE,
	      "an infinite lease keeps T1/T2 infinite");
	msg_init(&m, 2);
	msg_set(&m, 51, "\x00\x01", 2);
	lease_terms_of(&m, &t);
	CHECK(t.malformed == LT_LEASE && !t.sent && !t.derived, "a 2-byte lease time is malformed");
	CHECK(lease_mask_prefix(IP(255, 255, 255, 0)) == 24 && lease_mask_prefix(0) == 0 &&
	          lease_mask_prefix(IP(255, 0, 255, 0)) == -1,
	      "mask prefix: /24, /0, holes");
}

/* routes: 10.0.0.0/8 via 198.18.0.1, default via 198.18.0.254, 192.168.1.0/24 on-link */
static const char routes3[] = "\x08\x0a\xc6\x12\x00\x01"
                              "\x00\xc6\x12\x00\xfe"
                              "\x18\xc0\xa8\x01\x00\x00\x00\x00";

static void
test_routes(void)
{
	struct lease_terms t, u;

	msg_init(&m, 2);
	msg_set(&m, 121, routes3, sizeof(routes3) - 1);
	lease_terms_of(&m, &t);
	CHECK((t.sent & LT_ROUTES) && t.nroutes == 3 && t.routes_code == 121,
	      "121: three routes (got %u)", t.nroutes);
	CHECK(t.routes[0].dest == IP(10, 0, 0, 0) && t.routes[0].width == 8 &&
	          t.routes[0].gw == IP(198, 18, 0, 1),
	      "121: 10.0.0.0/8 via 198.18.0.1");
	CHECK(t.routes[1].dest == 0 && t.routes[1].width == 0 &&
	          t.routes[1].gw == IP(198, 18, 0, 254),
	      "121: width 0 is the default route, no destination octets");
	CHECK(t.routes[2].dest == IP(192, 168, 1, 0) && t.routes[2].width == 24 &&
	          t.routes[2].gw == 0,
	      "121: a route via 0.0.0.0 is on-link");

	msg_init(&m, 2);
	msg_set(&m, 249, routes3, sizeof(routes3) - 1);
	lease_terms_of(&m, &u);
	CHECK((u.sent & LT_ROUTES) && u.nroutes == 3 && u.routes_code == 249,
	      "249 is read when 121 is absent");
	CHECK(lease_terms_differ(&t, &u), "the same routes under 121 and 249 differ in their code");
	msg_set(&m, 121, routes3, 5);
	lease_terms_of(&m, &u);
	CHECK(u.routes_code == 121 && u.malformed == LT_ROUTES && !(u.sent & LT_ROUTES) &&
	          u.nroutes == 0,
	      "121 wins over 249; a route cut short makes it malformed and keeps none");

	msg_init(&m, 2);
	msg_set(&m, 121, "\x21\x0a\x00\x00\x00\x01\x02\x03\x04", 9);
	lease_terms_of(&m, &t);
	CHECK(t.malformed == LT_ROUTES && t.nroutes == 0, "121: width 33 is malformed");
	msg_set(&m, 121, "", 0);
	lease_terms_of(&m, &t);
	CHECK(t.malformed == LT_ROUTES, "121: an empty value is malformed");
	/* destination bits past the width are not part of the route */
	msg_set(&m, 121, "\x09\x0a\xff\x01\x02\x03\x04", 7);
	lease_terms_of(&m, &t);
	CHECK(t.nroutes == 1 && t.routes[0].dest == IP(10, 128, 0, 0) && t.routes[0].width == 9,
	      "121: /9 keeps two octets and masks the second");
}

static void
test_many_routes(void)
{
	uint8_t b[12 * 9];
	struct lease_terms t, u;

	for (unsigned i = 0; i < 12; i++) {
		uint8_t *p = b + i * 9;

		p[0] = 32;
		p[1] = 10, p[2] = 0, p[3] = 0, p[4] = (uint8_t)i;
		p[5] = 198, p[6] = 18, p[7] = 0, p[8] = 1;
	}
	msg_init(&m, 2);
	msg_set(&m, 121, b, sizeof(b));
	lease_terms_of(&m, &t);
	CHECK(t.nroutes == 12 &&
	          t.routes[LT_ROUTES_MAX - 1].dest == IP(10, 0, 0, LT_ROUTES_MAX - 1),
	      "12 routes are counted, the first %d kept", LT_ROUTES_MAX);
	b[sizeof(b) - 1] = 2; /* the 12th route's gateway, not kept */
	msg_set(&m, 121, b, sizeof(b));
	lease_terms_of(&m, &u);
	CHECK(!lease_terms_differ(&t, &u), "routes past those kept do not count as a difference");
	b[8] = 2; /* the first route's gateway */
	msg_set(&m, 121, b, sizeof(b));
	lease_terms_of(&m, &u);
	CHECK(lease_terms_differ(&t, &u), "another gateway is a difference");
}

int
main(void)
{
	test_timers();
	test_routes();
	test_many_routes();
	return CHECK_DONE();
}
