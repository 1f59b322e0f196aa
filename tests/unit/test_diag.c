/* SPDX-License-Identifier: BSD-2-Clause */
/* test_diag.c - every rule of `diagnose` on hand-built observations: fires once, or stays silent */
#include "check.h"
#include "diag.h"
#include "lease.h"
#include "msg.h"
#include "obs.h"
#include "probe.h"
#include "probe_cfg.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))
#define SRV1 IP(198, 18, 0, 1)
#define SRV2 IP(198, 18, 0, 2)
#define ADDR IP(198, 18, 0, 120)
#define RELAY IP(198, 18, 0, 50) /* the battery's own address as a relay agent */
#define MASK24 IP(255, 255, 255, 0)

static const uint8_t own_mac[6] = {0x02, 0, 0, 0, 0, 0x0a};
static const uint8_t rnd_mac[6] = {0x06, 0x11, 0x22, 0x33, 0x44, 0x55};
static const uint8_t other_mac[6] = {0x02, 0, 0, 0, 0, 0x0b};
static const uint8_t third_mac[6] = {0x02, 0, 0, 0, 0, 0x0c};

/* --- builders ------------------------------------------------------------ */

/* what a well-run server grants: /24, router and DNS on the server, one hour */
static struct lease_terms
good_terms(uint32_t server)
{
	struct lease_terms t = {0};

	t.sent = LT_MASK | LT_ROUTER | LT_DNS | LT_LEASE | LT_SERVER_ID;
	t.derived = LT_T1 | LT_T2;
	t.mask = MASK24;
	t.routers[0] = SRV1;
	t.nrouters = 1;
	t.dns[0] = SRV1;
	t.ndns = 1;
	t.server_id = server;
	t.lease = 3600;
	t.t1 = lease_t1_default(3600);
	t.t2 = lease_t2_default(3600);
	return t;
}

/* a server's reply to chaddr, ms after its step started (-1 outside a step) */
static struct obs
reply_to(uint8_t type, uint32_t yiaddr, uint32_t server, int64_t ms, const uint8_t *chaddr)
{
	struct obs o = {0};

	o.op = 2;
	o.type = type;
	o.yiaddr = yiaddr;
	o.ms = ms;
	o.hlen = 6;
	memcpy(o.chaddr, chaddr, 6);
	o.has_mac = true;
	memcpy(o.src_mac, (uint8_t[6]){0x02, 0, 0, 0, 1, (uint8_t)server}, 6);
	o.vlan = -1;
	o.src_ip = server;
	o.dst_ip = 0xffffffffu;
	o.sport = 67;
	o.dport = 68;
	o.server_id = server;
	o.server_id_sent = true;
	if (type == DHCPOFFER || type == DHCPACK)
		o.terms = good_terms(server);
	else
		o.terms.sent = LT_SERVER_ID, o.terms.server_id = server;
	return o;
}

static struct obs
reply(uint8_t type, uint32_t yiaddr, uint32_t server, int64_t ms)
{
	return reply_to(type, yiaddr, server, ms, own_mac);
}

/* a client's message seen on the passive listen, at second s + ms */
static struct obs
client_msg(uint8_t type, const uint8_t *chaddr, uint32_t xid, long s, long ms)
{
	struct obs o = {0};

	o.op = 1;
	o.type = type;
	o.xid = xid;
	o.hlen = 6;
	memcpy(o.chaddr, chaddr, 6);
	o.has_mac = true;
	memcpy(o.src_mac, chaddr, 6);
	o.vlan = -1;
	o.ms = -1;
	o.ts.tv_sec = 1700000000 + s;
	o.ts.tv_usec = ms * 1000;
	o.dst_ip = 0xffffffffu;
	return o;
}

/* a heard reply to a client_msg, same xid */
static struct obs
heard_reply(uint8_t type, uint32_t yiaddr, uint32_t server, const uint8_t *chaddr, uint32_t xid,
            long s, long ms)
{
	struct obs o = reply_to(type, yiaddr, server, -1, chaddr);

	o.xid = xid;
	o.ts.tv_sec = 1700000000 + s;
	o.ts.tv_usec = ms * 1000;
	return o;
}

#define POOL_MAX 24
static struct probe_result pool[POOL_MAX];
static unsigned npool;

/* a step that ran: tries sent, ms taken; no reply yet */
static struct probe_result *
res(enum probe_kind kind, unsigned tries, uint64_t ms)
{
	struct probe_result *r = &pool[npool++ % POOL_MAX];

	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->target.kind = kind;
	r->tries = tries;
	r->elapsed_ms = ms;
	r->status = -ETIMEDOUT;
	return r;
}

static struct obs *
add_reply(struct probe_result *r, struct obs o)
{
	r->replies[r->nreplies] = o;
	if (!(o.flags & OBS_NOT_ASKED)) {
		r->answers++;
		r->status = 0;
	}
	r->nservers++;
	return &r->replies[r->nreplies++];
}

/* a step with one reply */
static struct probe_result *
res1(enum probe_kind kind, unsigned tries, struct obs o)
{
	struct probe_result *r = res(kind, tries, (uint64_t)o.ms + 1500);

	add_reply(r, o);
	return r;
}

#define OUT_MAX 40

struct scen {
	struct diag_input in;
	struct diag_probe steps[12];
	struct diag_arp arp[4];
	struct obs heard[64];
	struct allow_entry allow[2];
	struct diag_finding out[OUT_MAX];
	size_t n;
};
static struct scen S;

static void
scen_init(struct scen *s)
{
	memset(s, 0, sizeof(*s));
	s->in.steps = s->steps;
	s->in.arp = s->arp;
	s->in.heard = s->heard;
	s->in.allow = s->allow;
	memcpy(s->in.client_mac, own_mac, 6);
	s->in.asked_dns = true;
	npool = 0;
}

static struct probe_result *
step(struct scen *s, enum diag_step k, struct probe_result *r)
{
	s->steps[s->in.nsteps++] = (struct diag_probe){k, r};
	return r;
}

/* a step of kind k, or NULL */
static struct probe_result *
find_step(struct scen *s, enum diag_step k)
{
	for (size_t i = 0; i < s->in.nsteps; i++)
		if (s->steps[i].kind == k)
			return (struct probe_result *)(uintptr_t)s->steps[i].res;
	return NULL;
}

static void
arp(struct scen *s, enum diag_arp_what what, uint32_t addr, bool answered, const uint8_t *mac)
{
	struct diag_arp *a = &s->arp[s->in.narp++];

	*a = (struct diag_arp){.addr = addr, .what = what, .answered = answered, .ms = 1000};
	if (mac)
		memcpy(a->mac, mac, 6);
}

static void
hear(struct scen *s, struct obs o)
{
	s->heard[s->in.nheard++] = o;
}

/* another client's whole DORA, answered at once */
static void
hear_dora(struct scen *s, const uint8_t *mac, uint32_t xid, uint32_t addr, long at)
{
	struct obs rq = client_msg(DHCPREQUEST, mac, xid, at, 100);

	rq.server_id_sent = true;
	rq.server_id = SRV1;
	hear(s, client_msg(DHCPDISCOVER, mac, xid, at, 0));
	hear(s, heard_reply(DHCPOFFER, addr, SRV1, mac, xid, at, 40));
	hear(s, rq);
	hear(s, heard_reply(DHCPACK, addr, SRV1, mac, xid, at, 140));
}

/*
 * The healthy battery: every step answered at once by one server, the
 * offered address free, the router there, another client served meanwhile.
 */
static void
healthy(struct scen *s)
{
	struct probe_result *r;
	struct obs o;

	scen_init(s);
	s->in.server = SRV1;
	s->in.requested = ADDR;
	step(s, DIAG_STEP_DISCOVER_OWN, res1(PROBE_DISCOVER, 1, reply(DHCPOFFER, ADDR, SRV1, 80)));
	step(s, DIAG_STEP_DISCOVER_RANDOM,
	     res1(PROBE_DISCOVER, 1, reply_to(DHCPOFFER, ADDR + 1, SRV1, 70, rnd_mac)));
	step(s, DIAG_STEP_DISCOVER_BCAST,
	     res1(PROBE_DISCOVER, 1, reply(DHCPOFFER, ADDR, SRV1, 60)));
	step(s, DIAG_STEP_DISCOVER_UNICAST,
	     res1(PROBE_DISCOVER, 1, reply(DHCPOFFER, ADDR, SRV1, 65)));
	r = step(s, DIAG_STEP_SELECT, res1(PROBE_SELECT, 1, reply(DHCPACK, ADDR, SRV1, 10)));
	r->target.requested = ADDR;
	r = step(s, DIAG_STEP_INIT_REBOOT,
	         res1(PROBE_INIT_REBOOT, 1, reply(DHCPACK, ADDR, SRV1, 12)));
	r->target.requested = ADDR;
	o = reply(DHCPOFFER, ADDR, SRV1, 30); /* relayed: no Ethernet, giaddr ours */
	o.has_mac = false;
	o.giaddr = RELAY;
	step(s, DIAG_STEP_RELAY, res1(PROBE_DISCOVER, 1, o));
	o = reply(DHCPACK, 0, SRV1,
	          15); /* RFC 2131 4.3.5: an INFORM's ACK has no yiaddr, no lease */
	o.terms.sent &= ~(unsigned)LT_LEASE;
	o.terms.derived = 0;
	o.terms.lease = o.terms.t1 = o.terms.t2 = 0;
	step(s, DIAG_STEP_INFORM, res1(PROBE_INFORM, 1, o));
	arp(s, DIAG_ARP_OFFERED, ADDR, false, NULL);
	arp(s, DIAG_ARP_ROUTER, SRV1, true, (uint8_t[6]){0x02, 0, 0, 0, 1, 1});
	hear_dora(s, other_mac, 0x1234, ADDR + 7, 3);
}

/* the same exchange as a capture file: only what was heard */
static void
healthy_capture(struct scen *s)
{
	scen_init(s);
	s->in.from_capture = true;
	hear_dora(s, own_mac, 0x4321, ADDR, 1);
	hear_dora(s, other_mac, 0x1234, ADDR + 7, 3);
}

static size_t
run(struct scen *s)
{
	s->n = diag_run(&s->in, s->out, OUT_MAX);
	return s->n;
}

static unsigned
count(const struct scen *s, enum diag_id id)
{
	unsigned n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->out[i].id == id;
	return n;
}

static const struct diag_finding *
get(const struct scen *s, enum diag_id id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->out[i].id == id)
			return &s->out[i];
	return NULL;
}

/* the text of finding id contains every string given (NULL-terminated) */
static bool
says(const struct scen *s, enum diag_id id, ...)
{
	const struct diag_finding *f = get(s, id);
	bool ok = f != NULL;
	va_list ap;
	const char *want;

	va_start(ap, id);
	while (ok && (want = va_arg(ap, const char *)) != NULL)
		ok = strstr(f->text, want) || strstr(f->evidence, want) || strstr(f->next, want);
	va_end(ap);
	if (!ok && f)
		printf("#   text: %s\n#   evidence: %s\n#   next: %s\n", f->text, f->evidence,
		       f->next);
	return ok;
}

static const struct diag_value *
value(const struct diag_finding *f, const char *key)
{
	for (unsigned i = 0; f && i < f->nvalues; i++)
		if (!strcmp(f->values[i].key, key))
			return &f->values[i];
	return NULL;
}

/* run s, then: id found exactly once, and none of the ids in `not` (DIAG_MAX ends the list) */
static void
fires(struct scen *s, enum diag_id id, const char *what, ...)
{
	va_list ap;
	int other;
	bool clean = true;

	run(s);
	CHECK(count(s, id) == 1, "%s: %s fires once (%u)", diag_rule_name(id), what, count(s, id));
	if (getenv("DIAG_SHOW") && get(s, id)) /* to read the sentences: DIAG_SHOW=1 */
		printf("#   %s\n#     %s\n#     %s\n", get(s, id)->text, get(s, id)->evidence,
		       get(s, id)->next);
	va_start(ap, what);
	while ((other = va_arg(ap, int)) != DIAG_MAX)
		if (count(s, (enum diag_id)other)) {
			clean = false;
			printf("#   also: %s\n", diag_rule_name((enum diag_id)other));
		}
	va_end(ap);
	CHECK(clean, "%s: %s, and not its consequences", diag_rule_name(id), what);
}

static void
silent(struct scen *s, enum diag_id id, const char *what)
{
	run(s);
	CHECK(count(s, id) == 0, "%s: silent when %s", diag_rule_name(id), what);
}

static void
set_offer_terms(struct scen *s, void (*fn)(struct obs *))
{
	for (size_t i = 0; i < s->in.nsteps; i++) {
		struct probe_result *r = (struct probe_result *)(uintptr_t)s->steps[i].res;

		for (unsigned j = 0; j < r->nreplies; j++)
			if (r->replies[j].yiaddr)
				fn(&r->replies[j]);
	}
}

/* --- the healthy exchanges ----------------------------------------------- */

static void
test_healthy(void)
{
	struct diag_verdict v;
	bool none = true;

	healthy(&S);
	run(&S);
	for (int id = 0; id < DIAG_MAX; id++)
		CHECK(count(&S, (enum diag_id)id) == 0, "%s: silent on the healthy battery",
		      diag_rule_name((enum diag_id)id));
	for (size_t i = 0; i < S.n; i++) {
		none = false;
		printf("#   %s: %s\n", diag_rule_name(S.out[i].id), S.out[i].text);
	}
	CHECK(none, "the healthy battery: no finding at all");
	diag_verdict(&S.in, S.out, S.n, &v);
	CHECK(v.status == DIAG_HEALTHY, "healthy battery: status healthy");
	CHECK_STR(v.line, "no problems found: lease 198.18.0.120 from 198.18.0.1 for 3600 s",
	          "healthy battery: verdict with the lease");
	CHECK(v.address == ADDR && v.server == SRV1 && v.lease == 3600,
	      "healthy battery: the lease as values");

	healthy_capture(&S);
	run(&S);
	for (size_t i = 0; i < S.n; i++)
		printf("#   %s: %s\n", diag_rule_name(S.out[i].id), S.out[i].text);
	CHECK(S.n == 0, "the healthy capture: no finding at all");
	diag_verdict(&S.in, S.out, S.n, &v);
	CHECK(v.status == DIAG_HEALTHY && v.address == ADDR + 7,
	      "healthy capture: healthy, the latest lease (%s)", v.line);
}

/* --- reaching a server --------------------------------------------------- */

static void
silence(struct scen *s)
{
	scen_init(s);
	step(s, DIAG_STEP_DISCOVER_OWN, res(PROBE_DISCOVER, 3, 28000));
	step(s, DIAG_STEP_DISCOVER_RANDOM, res(PROBE_DISCOVER, 3, 28000));
}

static void
test_link(void)
{
	silence(&S);
	S.in.link_down = true;
	fires(&S, DIAG_IF_DOWN, "interface down", DIAG_NO_SERVER, DIAG_NO_CARRIER, DIAG_MAX);
	healthy(&S);
	silent(&S, DIAG_IF_DOWN, "the link is up");

	silence(&S);
	S.in.no_carrier = S.in.wireless = true;
	fires(&S, DIAG_NO_CARRIER, "no carrier", DIAG_NO_SERVER, DIAG_MAX);
	CHECK(says(&S, DIAG_NO_CARRIER, "Wi-Fi", NULL),
	      "no-carrier: says Wi-Fi on a wireless link");
	S.in.from_capture = true;
	silent(&S, DIAG_NO_CARRIER, "reading a capture (link facts are not checked)");
}

static void
test_no_server(void)
{
	struct diag_verdict v;

	silence(&S);
	fires(&S, DIAG_NO_SERVER, "all DISCOVERs timed out", DIAG_NO_DNS, DIAG_POOL_EXHAUSTED,
	      DIAG_CLIENT_IGNORED, DIAG_CLIENT_UNANSWERED, DIAG_MAX);
	CHECK(says(&S, DIAG_NO_SERVER, "discover (own MAC): no reply after 3 tries, 28.0 s",
	           "--server", NULL),
	      "no-server: evidence per step; without --server it cannot tell an empty pool");
	diag_verdict(&S.in, S.out, S.n, &v);
	CHECK(v.status == DIAG_NOTHING_ANSWERED, "no-server: status nothing-answered");
	CHECK(!strncmp(v.line, "no DHCP server answered", 23), "no-server: verdict line (%s)",
	      v.line);

	silence(&S);
	S.in.server = SRV1;
	step(&S, DIAG_STEP_INFORM, res(PROBE_INFORM, 3, 28000));
	fires(&S, DIAG_NO_SERVER, "and --server is silent too", DIAG_MAX);
	CHECK(says(&S, DIAG_NO_SERVER, "198.18.0.1 (--server) did not answer", "inform: no reply",
	           NULL),
	      "no-server: names --server");

	silence(&S);
	hear_dora(&S, other_mac, 7, ADDR + 7, 1);
	silent(&S, DIAG_NO_SERVER, "a server is heard serving another client");

	scen_init(&S);
	S.in.from_capture = true;
	hear(&S, client_msg(DHCPDISCOVER, own_mac, 9, 0, 0));
	hear(&S, client_msg(DHCPDISCOVER, own_mac, 9, 4, 0));
	hear(&S, client_msg(DHCPDISCOVER, own_mac, 9, 12, 0));
	fires(&S, DIAG_NO_SERVER, "a capture of requests only", DIAG_CLIENT_UNANSWERED, DIAG_MAX);
	CHECK(says(&S, DIAG_NO_SERVER, "3 client messages over 12.0 s", NULL),
	      "no-server: capture evidence");
	scen_init(&S);
	S.in.from_capture = true;
	silent(&S, DIAG_NO_SERVER, "the capture is empty");
	diag_verdict(&S.in, S.out, run(&S), &v);
	CHECK(v.status == DIAG_NOTHING_ANSWERED && strstr(v.line, "capture"),
	      "empty capture: nothing answered (%s)", v.line);
}

static void
test_no_relay(void)
{
	struct obs o = reply(DHCPOFFER, ADDR, SRV1, 40);

	silence(&S);
	S.in.server = SRV1;
	o.has_mac = false;
	o.giaddr = RELAY;
	step(&S, DIAG_STEP_RELAY, res1(PROBE_DISCOVER, 1, o));
	fires(&S, DIAG_NO_RELAY, "relayed DISCOVER answered, broadcast not", DIAG_NO_SERVER,
	      DIAG_POOL_EXHAUSTED, DIAG_CLIENT_IGNORED, DIAG_MAX);
	CHECK(
	    says(&S, DIAG_NO_RELAY, "ip helper-address 198.18.0.1", "relay discover: OFFER", NULL),
	    "no-relay: evidence and the fix");
	add_reply(find_step(&S, DIAG_STEP_DISCOVER_OWN), reply(DHCPOFFER, ADDR, SRV1, 70));
	silent(&S, DIAG_NO_RELAY, "a broadcast DISCOVER was answered");
}

static void
test_pool_exhausted(void)
{
	struct obs o = reply(DHCPACK, 0, SRV1, 20);
	struct diag_verdict v;

	silence(&S);
	S.in.server = SRV1;
	step(&S, DIAG_STEP_INFORM, res1(PROBE_INFORM, 1, o));
	step(&S, DIAG_STEP_RELAY, res(PROBE_DISCOVER, 3, 28000));
	fires(&S, DIAG_POOL_EXHAUSTED, "INFORM answered, no DISCOVER", DIAG_NO_SERVER,
	      DIAG_NO_RELAY, DIAG_CLIENT_IGNORED, DIAG_MAX);
	diag_verdict(&S.in, S.out, S.n, &v);
	CHECK(v.status == DIAG_PROBLEM &&
	          !strncmp(v.line,
	                   "the DHCP server 198.18.0.1 has no free address (pool exhausted)", 62),
	      "pool-exhausted: verdict in plain words (%s)", v.line);

	silence(&S);
	step(&S, DIAG_STEP_INIT_REBOOT, res1(PROBE_INIT_REBOOT, 1, reply(DHCPNAK, 0, SRV1, 20)));
	fires(&S, DIAG_POOL_EXHAUSTED, "INIT-REBOOT NAKed, no DISCOVER answered", DIAG_NO_SERVER,
	      DIAG_MAX);

	silence(&S);
	hear(&S, heard_reply(DHCPACK, ADDR + 9, SRV1, other_mac, 5, 2, 0));
	fires(&S, DIAG_POOL_EXHAUSTED, "heard ACKing another client's renewal", DIAG_NO_SERVER,
	      DIAG_MAX);

	silence(&S);
	silent(&S, DIAG_POOL_EXHAUSTED, "nothing shows a server alive");
}

static void
test_client_ignored(void)
{
	scen_init(&S);
	step(&S, DIAG_STEP_DISCOVER_OWN, res(PROBE_DISCOVER, 3, 28000));
	step(&S, DIAG_STEP_DISCOVER_RANDOM,
	     res1(PROBE_DISCOVER, 1, reply_to(DHCPOFFER, ADDR, SRV1, 50, rnd_mac)));
	fires(&S, DIAG_CLIENT_IGNORED, "own MAC silent, random MAC served",
	      DIAG_FOREIGN_MAC_FILTERED, DIAG_NO_SERVER, DIAG_MAX);
	CHECK(says(&S, DIAG_CLIENT_IGNORED, "02:00:00:00:00:0a", "198.18.0.1", NULL),
	      "client-ignored: names the MAC and the server");

	silence(&S);
	hear(&S, client_msg(DHCPDISCOVER, other_mac, 5, 1, 0));
	hear(&S, heard_reply(DHCPOFFER, ADDR + 9, SRV1, other_mac, 5, 1, 30));
	fires(&S, DIAG_CLIENT_IGNORED, "others get offers, our MACs none", DIAG_POOL_EXHAUSTED,
	      DIAG_NO_SERVER, DIAG_MAX);
	CHECK(says(&S, DIAG_CLIENT_IGNORED, "serves only clients it knows", NULL),
	      "client-ignored: the unknown-clients case");
}

static void
test_foreign_mac(void)
{
	struct diag_verdict v;

	healthy(&S);
	*find_step(&S, DIAG_STEP_DISCOVER_RANDOM) = *res(PROBE_DISCOVER, 3, 28000);
	fires(&S, DIAG_FOREIGN_MAC_FILTERED, "own MAC answered, random never", DIAG_CLIENT_IGNORED,
	      DIAG_NO_SERVER, DIAG_MAX);
	diag_verdict(&S.in, S.out, S.n, &v);
	CHECK(v.status == DIAG_HEALTHY && S.n == 1,
	      "foreign-mac-filtered is information: still healthy (%s)", v.line);
	S.in.wireless = true;
	run(&S);
	CHECK(says(&S, DIAG_FOREIGN_MAC_FILTERED, "station mode", NULL),
	      "foreign-mac-filtered: Wi-Fi station mode named");
}

static void
test_flags(void)
{
	healthy(&S);
	*find_step(&S, DIAG_STEP_DISCOVER_UNICAST) = *res(PROBE_DISCOVER, 3, 28000);
	fires(&S, DIAG_UNICAST_LOST, "flag set answered, flag clear not", DIAG_BCAST_LOST,
	      DIAG_MAX);
	healthy(&S);
	*find_step(&S, DIAG_STEP_DISCOVER_BCAST) = *res(PROBE_DISCOVER, 3, 28000);
	fires(&S, DIAG_BCAST_LOST, "flag clear answered, flag set not", DIAG_UNICAST_LOST,
	      DIAG_MAX);
}

static void
test_naks(void)
{
	struct obs o = reply(DHCPNAK, 0, SRV1, 20);
	const struct diag_finding *f;
	const struct diag_value *v;
	static const char said[] = "wrong network \"lab\"\x1b[31m";

	memcpy(o.message, said, sizeof(said) - 1);
	o.message_len = sizeof(said) - 1;
	healthy(&S);
	*find_step(&S, DIAG_STEP_INIT_REBOOT) = *res1(PROBE_INIT_REBOOT, 1, o);
	find_step(&S, DIAG_STEP_INIT_REBOOT)->target.requested = IP(10, 0, 0, 9);
	fires(&S, DIAG_PREV_ADDR_NAK, "INIT-REBOOT NAKed", DIAG_REQUEST_NAK, DIAG_MAX);
	CHECK(says(&S, DIAG_PREV_ADDR_NAK, "10.0.0.9", "wrong network \\\"lab\\\"\\x1b[31m", NULL),
	      "previous-address-refused: the address and option 56, escaped");
	f = get(&S, DIAG_PREV_ADDR_NAK);
	v = value(f, "message");
	CHECK(v && v->kind == DIAG_V_STR && !strcmp(v->str, "wrong network \\\"lab\\\"\\x1b[31m"),
	      "previous-address-refused: option 56 as an escaped value");

	healthy(&S);
	*find_step(&S, DIAG_STEP_SELECT) = *res1(PROBE_SELECT, 1, reply(DHCPNAK, 0, SRV1, 20));
	find_step(&S, DIAG_STEP_SELECT)->target.requested = ADDR;
	fires(&S, DIAG_REQUEST_NAK, "SELECT NAKed", DIAG_PREV_ADDR_NAK, DIAG_MAX);
	CHECK(says(&S, DIAG_REQUEST_NAK, "198.18.0.120", NULL), "request-refused: the address");

	/* a capture: the request that named a server was a SELECTING one */
	healthy_capture(&S);
	S.heard[3] = heard_reply(DHCPNAK, 0, SRV1, own_mac, 0x4321, 1, 140);
	fires(&S, DIAG_REQUEST_NAK, "a capture: NAK of a SELECTING request", DIAG_PREV_ADDR_NAK,
	      DIAG_MAX);
	healthy_capture(&S);
	hear(&S, client_msg(DHCPREQUEST, third_mac, 77, 8, 0));
	hear(&S, heard_reply(DHCPNAK, 0, SRV1, third_mac, 77, 8, 10));
	fires(&S, DIAG_PREV_ADDR_NAK, "a capture: NAK of an INIT-REBOOT", DIAG_REQUEST_NAK,
	      DIAG_MAX);
	healthy(&S);
	hear(&S, client_msg(DHCPREQUEST, third_mac, 77, 8, 0));
	hear(&S, heard_reply(DHCPNAK, 0, SRV1, third_mac, 77, 8, 10));
	silent(&S, DIAG_PREV_ADDR_NAK, "another client is NAKed on a live link (its business)");
}

static void
test_addr_in_use(void)
{
	healthy(&S);
	S.arp[0].answered = true;
	memcpy(S.arp[0].mac, third_mac, 6);
	fires(&S, DIAG_ADDR_IN_USE, "ARP of the offered address answered", DIAG_MAX);
	CHECK(says(&S, DIAG_ADDR_IN_USE, "198.18.0.120", "02:00:00:00:00:0c", "198.18.0.1", NULL),
	      "address-in-use: address, MAC and server");
	memcpy(S.arp[0].mac, own_mac, 6);
	silent(&S, DIAG_ADDR_IN_USE, "the client itself answered");
}

static void
test_router_silent(void)
{
	healthy(&S);
	S.arp[1].answered = false;
	fires(&S, DIAG_ROUTER_SILENT, "ARP of the router unanswered", DIAG_MAX);
	CHECK(get(&S, DIAG_ROUTER_SILENT)->server == SRV1, "router-not-answering: the server");
}

static void
slow_offer(struct obs *o)
{
	if (o->type == DHCPOFFER)
		o->ms = 3000;
}

static void
test_slow_and_loss(void)
{
	healthy(&S);
	set_offer_terms(&S, slow_offer);
	fires(&S, DIAG_SLOW_SERVER, "OFFERs after 3 s", DIAG_NO_SERVER, DIAG_PACKET_LOSS, DIAG_MAX);
	CHECK(says(&S, DIAG_SLOW_SERVER, "3.0 s", "ping or ARP", NULL),
	      "slow-server: the time and the likely reason");
	CHECK(value(get(&S, DIAG_SLOW_SERVER), "latency")->num == 3000,
	      "slow-server: latency as a value");

	healthy(&S);
	/* the REQUEST went out at 0, 1.5 and 3 s; the ACK came 3 ms after the third */
	find_step(&S, DIAG_STEP_SELECT)->tries = 3;
	find_step(&S, DIAG_STEP_SELECT)->tx_ms[1] = 1500;
	find_step(&S, DIAG_STEP_SELECT)->tx_ms[2] = 3000;
	find_step(&S, DIAG_STEP_SELECT)->replies[0].ms = 3003;
	fires(&S, DIAG_PACKET_LOSS, "SELECT needed 3 tries, the rest at once", DIAG_SLOW_SERVER,
	      DIAG_MAX);
	CHECK(says(&S, DIAG_PACKET_LOSS, "8 of 10 transmissions", "select: ACK", NULL),
	      "packet-loss: x of y, and the step");
	healthy(&S);
	set_offer_terms(&S, slow_offer);
	/* a second try was due at 3.5 s: every answer came before it, the slow ones late */
	for (size_t i = 0; i < S.in.nsteps; i++) {
		struct probe_result *r = (struct probe_result *)(uintptr_t)S.steps[i].res;

		r->tries = 2;
		r->tx_ms[1] = 3500;
	}
	silent(&S, DIAG_PACKET_LOSS, "answers came late, not after a retransmission (slowness)");

	healthy_capture(&S);
	S.heard[1].ts.tv_sec += 2; /* the OFFER 2 s after its DISCOVER */
	fires(&S, DIAG_SLOW_SERVER, "a capture: OFFER 2 s after the DISCOVER", DIAG_MAX);
}

static void
test_client_unanswered(void)
{
	healthy_capture(&S);
	hear(&S, client_msg(DHCPDISCOVER, third_mac, 31, 10, 0));
	hear(&S, client_msg(DHCPDISCOVER, third_mac, 31, 10, 2)); /* a relay's copy */
	hear(&S, client_msg(DHCPDISCOVER, third_mac, 31, 14, 0));
	hear(&S, client_msg(DHCPDISCOVER, third_mac, 31, 22, 0));
	fires(&S, DIAG_CLIENT_UNANSWERED, "a client retransmits unanswered", DIAG_NO_SERVER,
	      DIAG_MAX);
	CHECK(
	    says(&S, DIAG_CLIENT_UNANSWERED, "02:00:00:00:00:0c sent 3 requests over 12.0 s", NULL),
	    "client-unanswered: MAC, count (a relay's copy is not a retransmission), time");
	healthy_capture(&S);
	hear(&S, client_msg(DHCPDISCOVER, third_mac, 31, 10, 0));
	silent(&S, DIAG_CLIENT_UNANSWERED, "a client sent once (the capture may end there)");
}

/* --- what an offer says -------------------------------------------------- */

static void
test_servers(void)
{
	struct probe_result *own;
	struct obs o = reply(DHCPOFFER, IP(198, 18, 0, 200), SRV2, 90);

	o.terms.routers[0] = SRV2;
	o.terms.lease = 600;
	healthy(&S);
	own = find_step(&S, DIAG_STEP_DISCOVER_OWN);
	add_reply(own, o);
	fires(&S, DIAG_SEVERAL_SERVERS, "two servers offer", DIAG_ROGUE_SERVER, DIAG_MAX);
	CHECK(says(&S, DIAG_SEVERAL_SERVERS, "198.18.0.1, 198.18.0.2", "router, lease time", NULL),
	      "several-servers: which, and how they differ");

	S.allow[0] = (struct allow_entry){.ip = SRV1};
	S.in.nallow = 1;
	fires(&S, DIAG_ROGUE_SERVER, "a server off the allow list", DIAG_SEVERAL_SERVERS, DIAG_MAX);
	CHECK(get(&S, DIAG_ROGUE_SERVER)->server == SRV2 &&
	          says(&S, DIAG_ROGUE_SERVER, "02:00:00:00:01:02", "198.18.0.200", NULL),
	      "rogue-server: the unauthorised one, its MAC and offer");
	CHECK(S.out[0].id == DIAG_ROGUE_SERVER, "rogue-server is an error, first");
	S.allow[1] = (struct allow_entry){.ip = SRV2};
	S.in.nallow = 2;
	silent(&S, DIAG_ROGUE_SERVER, "both servers are allowed");

	/* --servers 2: two that agree are a failover pair; two that differ still warn */
	S.in.servers = 2;
	fires(&S, DIAG_SEVERAL_SERVERS, "two servers expected, but their offers differ",
	      DIAG_SERVERS_MISSING, DIAG_MAX);
	o = reply(DHCPOFFER, IP(198, 18, 0, 200), SRV2, 90);
	healthy(&S);
	S.in.servers = 2;
	add_reply(find_step(&S, DIAG_STEP_DISCOVER_OWN), o);
	silent(&S, DIAG_SEVERAL_SERVERS, "two servers that agree are expected (--servers 2)");
	silent(&S, DIAG_SERVERS_MISSING, "both expected servers offer");
	S.in.servers = 1;
	fires(&S, DIAG_SEVERAL_SERVERS, "two servers where one is expected", DIAG_SERVERS_MISSING,
	      DIAG_MAX);
	CHECK(says(&S, DIAG_SEVERAL_SERVERS, "(1 expected)", NULL),
	      "several-servers: says how many were expected");

	/* fewer than --servers: redundancy lost, a warning; none at all is no-server's */
	healthy(&S);
	S.in.servers = 2;
	fires(&S, DIAG_SERVERS_MISSING, "one of two expected servers offers", DIAG_SEVERAL_SERVERS,
	      DIAG_NO_SERVER, DIAG_MAX);
	CHECK(says(&S, DIAG_SERVERS_MISSING, "2 DHCP servers should offer",
	           "only 1 does: "
	           "198.18.0.1",
	           NULL) &&
	          value(get(&S, DIAG_SERVERS_MISSING), "expected")->num == 2,
	      "servers-missing: how many, which ones offer");
	silence(&S);
	S.in.servers = 2;
	silent(&S, DIAG_SERVERS_MISSING, "nothing answers at all (no-server says it)");
}

static void
terms_wrong_subnet(struct obs *o)
{
	o->yiaddr = IP(10, 9, 0, 5);
}

static void
terms_relay_wrong_subnet(struct obs *o)
{
	if (o->giaddr)
		o->yiaddr = IP(10, 9, 0, 5), o->terms.routers[0] = IP(10, 9, 0, 1);
}

static void
test_wrong_subnet(void)
{
	healthy(&S);
	S.in.nheard = 0;
	set_offer_terms(&S, terms_wrong_subnet);
	fires(&S, DIAG_WRONG_SUBNET, "an on-link server offers another subnet",
	      DIAG_ROUTER_OFF_LINK, DIAG_ROUTER_SILENT, DIAG_MAX);
	CHECK(says(&S, DIAG_WRONG_SUBNET, "10.9.0.5", "198.18.0.0/24", NULL),
	      "wrong-subnet: the address and the server's subnet");
	healthy(&S);
	set_offer_terms(&S, terms_relay_wrong_subnet);
	fires(&S, DIAG_WRONG_SUBNET, "relayed: yiaddr outside giaddr's subnet", DIAG_MAX);
	CHECK(says(&S, DIAG_WRONG_SUBNET, "relay agent 198.18.0.50", NULL), "wrong-subnet: giaddr");
}

static void
terms_mask_holes(struct obs *o)
{
	o->terms.mask = IP(255, 0, 255, 0);
}

static void
terms_broadcast_addr(struct obs *o)
{
	o->yiaddr = IP(198, 18, 0, 255);
}

static void
terms_slash31(struct obs *o)
{
	o->yiaddr = IP(198, 18, 0, 1), o->terms.mask = IP(255, 255, 255, 254);
	o->terms.routers[0] = IP(198, 18, 0, 0);
}

static void
terms_router_off(struct obs *o)
{
	o->terms.routers[1] = IP(198, 19, 40, 1), o->terms.nrouters = 2;
}

static void
test_subnet_terms(void)
{
	healthy(&S);
	set_offer_terms(&S, terms_mask_holes);
	fires(&S, DIAG_MASK_HOLES, "mask 255.0.255.0", DIAG_ROUTER_OFF_LINK, DIAG_ADDR_NOT_HOST,
	      DIAG_WRONG_SUBNET, DIAG_MAX);
	healthy(&S);
	set_offer_terms(&S, terms_broadcast_addr);
	fires(&S, DIAG_ADDR_NOT_HOST, "offered x.x.x.255/24", DIAG_MAX);
	CHECK(says(&S, DIAG_ADDR_NOT_HOST, "broadcast address of 198.18.0.0/24", NULL),
	      "address-not-host: which");
	healthy(&S);
	set_offer_terms(&S, terms_slash31);
	silent(&S, DIAG_ADDR_NOT_HOST, "a /31 (RFC 3021)");
	healthy(&S);
	set_offer_terms(&S, terms_router_off);
	fires(&S, DIAG_ROUTER_OFF_LINK, "second router 198.19.40.1 on a /24", DIAG_WRONG_SUBNET,
	      DIAG_MAX);
	CHECK(says(&S, DIAG_ROUTER_OFF_LINK,
	           "router 198.19.40.1 offered by 198.18.0.1 is outside the offered subnet "
	           "198.18.0.0/24",
	           NULL),
	      "router-outside-subnet: the sentence of STYLE 11");
}

static void
terms_routes(struct obs *o)
{
	struct lease_terms *t = &o->terms;

	t->sent |= LT_ROUTES;
	t->routes_code = 121;
	t->nroutes = 2;
	t->routes[0] = (struct lt_route){.dest = 0, .width = 0, .gw = SRV1};
	t->routes[1] =
	    (struct lt_route){.dest = IP(10, 0, 0, 0), .width = 8, .gw = IP(198, 19, 0, 1)};
}

static void
terms_routes_no_default(struct obs *o)
{
	terms_routes(o);
	o->terms.routes[0].width = 16, o->terms.routes[0].dest = IP(172, 16, 0, 0);
	o->terms.routes[1].gw = 0; /* on-link */
}

static void
terms_routes_249(struct obs *o)
{
	o->terms.routes_code = 249;
}

static void
test_routes(void)
{
	healthy(&S);
	set_offer_terms(&S, terms_routes);
	fires(&S, DIAG_ROUTE_OFF_LINK, "10.0.0.0/8 via 198.19.0.1", DIAG_ROUTES_HIDE_ROUTER,
	      DIAG_MAX);
	CHECK(says(&S, DIAG_ROUTE_OFF_LINK, "10.0.0.0/8 via 198.19.0.1 (option 121)", NULL),
	      "route-gateway-off-link: the route");
	healthy(&S);
	set_offer_terms(&S, terms_routes_no_default);
	fires(&S, DIAG_ROUTES_HIDE_ROUTER, "121 without a default route, and option 3",
	      DIAG_ROUTE_OFF_LINK, DIAG_MAX);
	set_offer_terms(&S, terms_routes_249);
	silent(&S, DIAG_ROUTES_HIDE_ROUTER, "the routes came in 249 (RFC 3442 binds only 121)");
}

static void
terms_bcast(struct obs *o)
{
	o->terms.sent |= LT_BROADCAST;
	o->terms.broadcast = IP(198, 18, 0, 254);
}

static void
terms_bcast_ok(struct obs *o)
{
	o->terms.sent |= LT_BROADCAST;
	o->terms.broadcast = IP(198, 18, 0, 255);
}

static void
test_bcast_addr(void)
{
	healthy(&S);
	set_offer_terms(&S, terms_bcast);
	fires(&S, DIAG_BCAST_ADDR_WRONG, "option 28 198.18.0.254 on a /24", DIAG_MAX);
	CHECK(says(&S, DIAG_BCAST_ADDR_WRONG, "(that is 198.18.0.255)", NULL),
	      "broadcast-address-mismatch: the right one");
	healthy(&S);
	set_offer_terms(&S, terms_bcast_ok);
	silent(&S, DIAG_BCAST_ADDR_WRONG, "option 28 fits");
}

static void
terms_no_dns(struct obs *o)
{
	o->terms.sent &= ~(unsigned)LT_DNS;
	o->terms.ndns = 0;
}

static void
test_no_dns(void)
{
	healthy(&S);
	set_offer_terms(&S, terms_no_dns);
	fires(&S, DIAG_NO_DNS, "no option 6 in the OFFERs and ACKs", DIAG_MAX);
	S.in.asked_dns = false;
	silent(&S, DIAG_NO_DNS, "the client did not ask for option 6");
}

static void
terms_t1_above_t2(struct obs *o)
{
	o->terms.sent |= LT_T1 | LT_T2;
	o->terms.derived = 0;
	o->terms.t1 = 3000, o->terms.t2 = 2000;
}

static void
terms_t2_above_lease(struct obs *o)
{
	o->terms.sent |= LT_T2;
	o->terms.derived = LT_T1;
	o->terms.t2 = 4000;
}

static void
terms_infinite_t1(struct obs *o)
{
	o->terms.lease = LEASE_INFINITE;
	o->terms.sent |= LT_T1;
	o->terms.derived = LT_T2;
	o->terms.t1 = 1800, o->terms.t2 = LEASE_INFINITE;
}

static void
test_timers(void)
{
	healthy(&S);
	set_offer_terms(&S, terms_t1_above_t2);
	fires(&S, DIAG_TIMERS, "T1 3000 s, T2 2000 s", DIAG_MAX);
	CHECK(says(&S, DIAG_TIMERS, "T1 is not below T2", NULL), "timers-inconsistent: which");
	healthy(&S);
	set_offer_terms(&S, terms_t2_above_lease);
	fires(&S, DIAG_TIMERS, "T2 4000 s on a 3600 s lease", DIAG_MAX);
	healthy(&S);
	set_offer_terms(&S, terms_infinite_t1);
	silent(&S, DIAG_TIMERS, "T1 sent with an infinite lease");
}

static void
terms_short(struct obs *o)
{
	o->terms.lease = 120, o->terms.t1 = 60, o->terms.t2 = 105;
}

static void
terms_300(struct obs *o)
{
	o->terms.lease = 300, o->terms.t1 = 150, o->terms.t2 = 262;
}

static void
terms_infinite(struct obs *o)
{
	o->terms.lease = o->terms.t1 = o->terms.t2 = LEASE_INFINITE;
}

static void
test_lease_time(void)
{
	struct diag_verdict v;

	healthy(&S);
	set_offer_terms(&S, terms_short);
	fires(&S, DIAG_LEASE_SHORT, "a 120 s lease", DIAG_LEASE_INFINITE, DIAG_MAX);
	healthy(&S);
	set_offer_terms(&S, terms_300);
	silent(&S, DIAG_LEASE_SHORT, "the lease is 300 s");
	healthy(&S);
	set_offer_terms(&S, terms_infinite);
	fires(&S, DIAG_LEASE_INFINITE, "an infinite lease", DIAG_LEASE_SHORT, DIAG_TIMERS,
	      DIAG_MAX);
	diag_verdict(&S.in, S.out, S.n, &v);
	CHECK(v.status == DIAG_HEALTHY && v.lease == LEASE_INFINITE && strstr(v.line, "infinite"),
	      "lease-infinite is information: healthy (%s)", v.line);
}

static void
test_reply_checks(void)
{
	struct probe_result *own;
	struct obs *o;

	healthy(&S);
	own = find_step(&S, DIAG_STEP_DISCOVER_OWN);
	own->replies[0].terms.malformed = LT_LEASE | LT_ROUTER;
	own->replies[0].msg_errors = MSG_E_NO_END;
	fires(&S, DIAG_MALFORMED, "options 3 and 51 malformed, no END", DIAG_MAX);
	CHECK(says(&S, DIAG_MALFORMED, "no END option", "option 3 (router)", "option 51", NULL),
	      "malformed-reply: what is wrong");
	own->replies[0].terms.malformed = 0;
	own->replies[0].msg_errors = MSG_E_NO_COOKIE;
	silent(&S, DIAG_MALFORMED, "a plain BOOTP reply (no cookie)");

	healthy(&S);
	o = &find_step(&S, DIAG_STEP_DISCOVER_OWN)->replies[0];
	o->yiaddr = 0;
	fires(&S, DIAG_REPLY_MISMATCH, "an OFFER of 0.0.0.0", DIAG_MAX);
	o->yiaddr = ADDR;
	o->flags |= OBS_FOREIGN_XID;
	fires(&S, DIAG_REPLY_MISMATCH, "a reply for another xid", DIAG_MAX);

	healthy(&S);
	o = &find_step(&S, DIAG_STEP_DISCOVER_OWN)->replies[0];
	o->src_ip = IP(198, 18, 0, 3);
	fires(&S, DIAG_SERVER_ID_NOT_SRC, "option 54 198.18.0.1 from 198.18.0.3", DIAG_MAX);
	o->server_id_sent = false;
	silent(&S, DIAG_SERVER_ID_NOT_SRC, "no option 54 (the source stands in)");
}

/* --- order, bounds, captures, the table ---------------------------------- */

static void
test_order(void)
{
	struct diag_finding one;
	size_t n;

	healthy(&S);
	set_offer_terms(&S, terms_short);
	set_offer_terms(&S, terms_router_off);
	*find_step(&S, DIAG_STEP_DISCOVER_RANDOM) = *res(PROBE_DISCOVER, 3, 28000);
	run(&S);
	CHECK(S.n == 3 && S.out[0].sev == DIAG_SEV_ERROR && S.out[1].sev == DIAG_SEV_WARN &&
	          S.out[2].sev == DIAG_SEV_INFO,
	      "order: error, warning, information (%zu findings)", S.n);
	for (size_t i = 1; i < S.n; i++)
		CHECK(S.out[i - 1].sev > S.out[i].sev ||
		          (S.out[i - 1].sev == S.out[i].sev && S.out[i - 1].id <= S.out[i].id),
		      "order: %s before %s", diag_rule_name(S.out[i - 1].id),
		      diag_rule_name(S.out[i].id));
	n = diag_run(&S.in, &one, 1);
	CHECK(n == 1 && one.id == DIAG_ROUTER_OFF_LINK, "bound 1: the error is kept, not the rest");
	CHECK(diag_run(&S.in, NULL, 0) == 0, "bound 0: nothing written");
}

/* every byte a string printer gets is printable ASCII or part of UTF-8, and it ends in time */
static bool
plain(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap);

	if (n == cap)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

static bool
all_plain(const struct scen *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct diag_finding *f = &s->out[i];

		if (!plain(f->text, sizeof(f->text)) || !plain(f->evidence, sizeof(f->evidence)) ||
		    !plain(f->next, sizeof(f->next)) || f->nvalues > DIAG_VALUES_MAX)
			return false;
		for (unsigned j = 0; j < f->nvalues; j++)
			if (f->values[j].kind == DIAG_V_STR &&
			    !plain(f->values[j].str, sizeof(f->values[j].str)))
				return false;
	}
	return true;
}

static void
test_bounds(void)
{
	struct obs o = reply(DHCPNAK, 0, SRV1, 20);
	struct probe_result *own;
	const struct diag_finding *f;
	struct diag_verdict v;

	for (unsigned i = 0; i < OBS_MESSAGE_MAX; i++)
		o.message[i] = i % 2 ? 0x01 : 0xe9; /* every byte escaped: 4 characters each */
	o.message_len = OBS_MESSAGE_MAX;
	healthy(&S);
	*find_step(&S, DIAG_STEP_INIT_REBOOT) = *res1(PROBE_INIT_REBOOT, 1, o);
	run(&S);
	f = get(&S, DIAG_PREV_ADDR_NAK);
	CHECK(f && strlen(f->text) < DIAG_TEXT_MAX && !strcmp(f->text + strlen(f->text) - 3, "..."),
	      "a 128-byte option 56 (512 escaped characters) is cut with '...'");
	CHECK(all_plain(&S), "long option 56: every string printable and terminated");

	healthy(&S);
	own = find_step(&S, DIAG_STEP_DISCOVER_OWN);
	for (unsigned i = 0; i < 40; i++) {
		struct obs r =
		    reply(DHCPOFFER, IP(198, 18, 0, 10 + i), IP(198, 18, 0, 100 + i), 50);

		r.src_mac[5] = (uint8_t)(100 + i);
		add_reply(own, r);
	}
	run(&S);
	f = get(&S, DIAG_SEVERAL_SERVERS);
	CHECK(f && says(&S, DIAG_SEVERAL_SERVERS, "or more", NULL) && f->nvalues <= DIAG_VALUES_MAX,
	      "41 servers: listed within bounds");
	CHECK(all_plain(&S), "41 servers: every string printable and terminated");
	diag_verdict(&S.in, S.out, S.n, &v);
	CHECK(plain(v.line, sizeof(v.line)) && v.status == DIAG_PROBLEM,
	      "41 servers: verdict line");
}

static void
test_capture(void)
{
	enum diag_id skips[DIAG_MAX];
	size_t n = diag_capture_skips(skips, DIAG_MAX);
	bool loss = false, nosrv = false;

	for (size_t i = 0; i < n; i++) {
		loss |= skips[i] == DIAG_PACKET_LOSS;
		nosrv |= skips[i] == DIAG_NO_SERVER;
	}
	CHECK(loss && !nosrv && n < DIAG_MAX, "capture skips: packet-loss yes, no-server no (%zu)",
	      n);
	CHECK(diag_capture_skips(skips, 2) == 2, "capture skips: bounded by max");
	/* probes handed in with a capture are ignored by the rules that need them */
	healthy(&S);
	S.in.from_capture = true;
	set_offer_terms(&S, terms_no_dns);
	S.arp[0].answered = true;
	memcpy(S.arp[0].mac, third_mac, 6);
	run(&S);
	CHECK(!count(&S, DIAG_NO_DNS) && !count(&S, DIAG_ADDR_IN_USE),
	      "capture: rules that need probes are skipped");
}

static void
test_table(void)
{
	bool names = true, unique = true, docs = true;

	for (int id = 0; id < DIAG_MAX; id++) {
		const char *n = diag_rule_name((enum diag_id)id);

		names &= n && *n && strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(n);
		docs &= diag_rule_desc((enum diag_id)id) && diag_rule_ref((enum diag_id)id);
		for (int j = 0; n && j < id; j++)
			unique &= strcmp(n, diag_rule_name((enum diag_id)j)) != 0;
		if (n && (int)diag_rule_by_name(n) != id)
			unique = false;
	}
	CHECK(names, "every rule has a lowercase-hyphen id");
	CHECK(unique, "ids are unique and found by name");
	CHECK(docs, "every rule has a description and a reference");
	CHECK(diag_rule_sev(DIAG_ROGUE_SERVER) == DIAG_SEV_ERROR &&
	          diag_rule_sev(DIAG_SLOW_SERVER) == DIAG_SEV_WARN &&
	          diag_rule_by_name("nope") == DIAG_MAX && !diag_rule_name(DIAG_MAX),
	      "severities, unknown names and ids");
	for (int id = 1; id < DIAG_MAX; id++)
		if (diag_rule_sev((enum diag_id)id) > diag_rule_sev((enum diag_id)(id - 1)))
			docs = false;
	CHECK(docs, "the table lists errors, then warnings, then information");
}

int
main(void)
{
	test_healthy();
	test_link();
	test_no_server();
	test_no_relay();
	test_pool_exhausted();
	test_client_ignored();
	test_foreign_mac();
	test_flags();
	test_naks();
	test_addr_in_use();
	test_router_silent();
	test_slow_and_loss();
	test_client_unanswered();
	test_servers();
	test_wrong_subnet();
	test_subnet_terms();
	test_routes();
	test_bcast_addr();
	test_no_dns();
	test_timers();
	test_lease_time();
	test_reply_checks();
	test_order();
	test_bounds();
	test_capture();
	test_table();
	return CHECK_DONE();
}
