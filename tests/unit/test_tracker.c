/* SPDX-License-Identifier: BSD-2-Clause */
/* test_tracker.c - the tracker from built packets: counts, lease terms, latency, rogue, LRU */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "check.h"
#include "frame.h"
#include "msg.h"
#include "obs.h"
#include "probe_cfg.h"
#include "tracker.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static const uint8_t client_a[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x0a};
static const uint8_t client_b[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x0b};
static const uint8_t srv1_mac[6] = {0x02, 0x00, 0x00, 0x00, 0x01, 0x01};
static const uint8_t srv2_mac[6] = {0x02, 0x00, 0x00, 0x00, 0x01, 0x02};

/* one packet as the wire and the parsers leave it; payload points into buf */
struct pk {
	uint8_t buf[2048];
	struct frame f;
	struct obs o;
	struct msg m;
};

struct terms {
	uint32_t server_id; /* 0: no option 54 */
	uint32_t lease;     /* 0: no option 51 */
	uint32_t t1, t2;    /* 0: not sent */
	uint32_t router;
	const char *domain;
};

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void
set32(struct msg *m, uint8_t code, uint32_t v)
{
	uint8_t b[4];

	put32(b, v);
	msg_set(m, code, b, 4);
}

/* build a message, wrap it in Ethernet/IPv4/UDP, then parse both layers back */
static int
mk(struct pk *p, uint8_t type, const uint8_t chaddr[6], uint32_t xid, const uint8_t src_mac[6],
   uint32_t ip_src, const struct terms *tm)
{
	static struct msg b;
	uint8_t payload[1500];
	struct frame f = {0};
	int n;
	size_t flen;

	msg_init(&b, type == 2 || type == 5 || type == 6 ? 2 : 1);
	b.xid = xid;
	memcpy(b.chaddr, chaddr, 6);
	msg_set(&b, 53, &type, 1);
	if (tm && b.op == 2) {
		uint8_t dns[8];

		b.yiaddr = IP(198, 18, 0, 100);
		if (tm->server_id)
			set32(&b, 54, tm->server_id);
		if (tm->lease)
			set32(&b, 51, tm->lease);
		if (tm->t1)
			set32(&b, 58, tm->t1);
		if (tm->t2)
			set32(&b, 59, tm->t2);
		set32(&b, 1, IP(255, 255, 255, 0));
		set32(&b, 3, tm->router);
		put32(dns, IP(198, 18, 0, 53));
		put32(dns + 4, IP(198, 18, 0, 54));
		msg_set(&b, 6, dns, 8);
		if (tm->domain)
			msg_set(&b, 15, tm->domain, strlen(tm->domain));
	}
	n = msg_build(&b, payload, sizeof(payload));
	if (n < 0)
		return -1;
	f.vlan = -1;
	memcpy(f.eth_src, src_mac, 6);
	memset(f.eth_dst, 0xff, 6);
	f.ip_src = ip_src;
	f.ip_dst = 0xffffffffu;
	f.sport = b.op == 1 ? 68 : 67;
	f.dport = b.op == 1 ? 67 : 68;
	flen = frame_build(&f, payload, (size_t)n, p->buf, sizeof(p->buf));
	if (!flen)
		return -1;
	return obs_parse(LINK_EN10MB, p->buf, flen, flen, &(struct timeval){0}, &p->m, &p->f, &p->o);
}

struct evlog {
	int n[TRK_EV_MAX];
	enum trk_outcome last_outcome;
};

static void
on_event(void *arg, enum trk_event ev, const struct trk_server *s, const struct trk_txn *x)
{
	struct evlog *l = arg;

	l->n[ev]++;
	if (x)
		l->last_outcome = x->outcome;
	(void)s;
}

static struct timeval
at_ms(long ms)
{
	struct timeval tv = {1700000000 + ms / 1000, (ms % 1000) * 1000};
	return tv;
}

static struct pk pk;

static void
feed(struct tracker *t, long ms, uint8_t type, const uint8_t *chaddr, uint32_t xid,
     const uint8_t *src_mac, uint32_t ip_src, const struct terms *tm)
{
	struct timeval tv = at_ms(ms);

	if (mk(&pk, type, chaddr, xid, src_mac, ip_src, tm) < 0) {
		CHECK(0, "build packet type %u", type);
		return;
	}
	pk.o.ts = tv;
	tracker_observe(t, &pk.o, &pk.f);
}

static void
test_dora(void)
{
	struct evlog ev = {0};
	struct trk_cfg cfg = {.event = on_event, .event_arg = &ev};
	struct tracker *t = tracker_new(&cfg);
	struct terms offer = {IP(198, 18, 0, 1), 600, 0, 0, IP(198, 18, 0, 1), "lab.example"};
	struct terms ack = {IP(198, 18, 0, 1), 600, 100, 200, IP(198, 18, 0, 1), "lab.example"};
	const struct trk_server *s[4];
	const struct trk_txn *x[4];
	char prog[16];
	struct msg *m2 = malloc(sizeof(*m2));

	feed(t, 0, 1, client_a, 0x1111, client_a, 0, NULL);
	feed(t, 10, 2, client_a, 0x1111, srv1_mac, IP(198, 18, 0, 1), &offer);
	CHECK(tracker_servers(t, s, 4) == 1, "one server after an OFFER");
	CHECK(s[0]->id == IP(198, 18, 0, 1) && s[0]->id_from_opt, "keyed by option 54");
	CHECK(s[0]->terms.lease == 600 && s[0]->terms.t1 == 300 && s[0]->terms.t2 == 525, "T1/T2 derived: %u/%u",
	      s[0]->terms.t1, s[0]->terms.t2);
	CHECK((s[0]->terms.derived & LT_T1) && (s[0]->terms.derived & LT_T2), "derived T1/T2 flagged");
	CHECK(s[0]->latency_us == 10000, "OFFER latency 10 ms (%lld us)",
	      (long long)s[0]->latency_us);
	CHECK((s[0]->terms.sent & LT_MASK) && s[0]->terms.mask == IP(255, 255, 255, 0), "mask");
	CHECK(s[0]->terms.ndns == 2 && s[0]->terms.dns[1] == IP(198, 18, 0, 54), "two DNS servers");
	CHECK(s[0]->terms.domain_len == 11 && memcmp(s[0]->terms.domain, "lab.example", 11) == 0, "domain");

	feed(t, 20, 3, client_a, 0x1111, client_a, 0, NULL);
	feed(t, 25, 5, client_a, 0x1111, srv1_mac, IP(198, 18, 0, 1), &ack);
	tracker_servers(t, s, 4);
	CHECK(s[0]->offers == 1 && s[0]->acks == 1 && s[0]->naks == 0, "counts 1/1/0");
	CHECK(s[0]->terms.t1 == 100 && s[0]->terms.t2 == 200 && !s[0]->terms.derived,
	      "sent T1/T2 are not derived");
	CHECK(s[0]->latency_us == 5000, "ACK latency from the REQUEST: 5 ms (%lld us)",
	      (long long)s[0]->latency_us);
	CHECK(s[0]->terms.routers[0] == IP(198, 18, 0, 1), "router");
	CHECK(s[0]->rogue == false, "no allow-list, no rogue");
	CHECK(msg_parse(s[0]->reply.payload, s[0]->reply.payload_len, m2) == 0 &&
		      msg_type(m2) == 5,
	      "latest reply kept and parses as ACK");
	CHECK(tracker_txns(t, x, 4) == 1, "one transaction");
	CHECK_STR(tracker_progress(x[0], prog, sizeof(prog)), "DORA", "progress");
	CHECK(x[0]->outcome == TRK_BOUND && x[0]->latency_us == 25000, "bound after 25 ms");
	CHECK(ev.n[TRK_EV_SERVER_NEW] == 1, "one server-new event");
	CHECK(ev.n[TRK_EV_SERVER_CHANGED] == 1, "terms changed once (T1/T2 sent in ACK)");
	CHECK(ev.n[TRK_EV_TXN_DONE] == 1 && ev.last_outcome == TRK_BOUND, "one done event");

	/* NAK on a second transaction */
	feed(t, 100, 3, client_b, 0x2222, client_b, 0, NULL);
	feed(t, 102, 6, client_b, 0x2222, srv1_mac, IP(198, 18, 0, 1), &(struct terms){
		IP(198, 18, 0, 1), 0, 0, 0, 0, NULL});
	tracker_servers(t, s, 4);
	tracker_txns(t, x, 4);
	CHECK(s[0]->naks == 1 && s[0]->terms.lease == 600, "NAK counted, lease terms kept");
	CHECK_STR(tracker_progress(x[0], prog, sizeof(prog)), "..R.N", "NAK progress");
	CHECK(x[0]->outcome == TRK_NAKED && ev.last_outcome == TRK_NAKED, "outcome nak");
	CHECK(ev.n[TRK_EV_SERVER_CHANGED] == 1, "a NAK changes no terms");

	/* counters */
	tracker_skip(t);
	CHECK(tracker_counts(t)->packets == 7 && tracker_counts(t)->dhcp == 6 &&
		      tracker_counts(t)->skipped == 1,
	      "packets 7, dhcp 6, skipped 1");
	tracker_clear(t);
	CHECK(tracker_nservers(t) == 0 && tracker_ntxns(t) == 0 && tracker_counts(t)->packets == 0,
	      "clear empties everything");
	free(m2);
	tracker_free(t);
}

static void
test_keys_and_infinite(void)
{
	struct trk_cfg cfg = {0};
	struct tracker *t = tracker_new(&cfg);
	struct terms no54 = {0, 0xffffffffu, 0, 0, IP(198, 18, 1, 1), NULL};
	const struct trk_server *s[4];

	feed(t, 0, 2, client_a, 1, srv2_mac, IP(198, 18, 1, 1), &no54);
	tracker_servers(t, s, 4);
	CHECK(s[0]->id == IP(198, 18, 1, 1) && !s[0]->id_from_opt, "no option 54: source IP");
	CHECK(s[0]->terms.t1 == 0xffffffffu && s[0]->terms.t2 == 0xffffffffu && (s[0]->terms.derived & LT_T1),
	      "infinite lease: infinite T1/T2");
	CHECK(s[0]->latency_us == -1, "reply without a seen request has no latency");
	/* same id from another MAC is another server */
	feed(t, 1, 2, client_a, 1, srv1_mac, IP(198, 18, 1, 1), &no54);
	CHECK(tracker_nservers(t) == 2, "same id, other MAC: two entries");
	tracker_free(t);
}

static void
test_rogue(void)
{
	struct allow_entry allow[2] = {{.ip = IP(198, 18, 0, 1)}, {.is_mac = true}};
	struct trk_cfg cfg = {.allow = allow, .nallow = 1};
	struct tracker *t = tracker_new(&cfg);
	struct terms a = {IP(198, 18, 0, 1), 600, 0, 0, IP(198, 18, 0, 1), NULL};
	struct terms b = {IP(198, 18, 0, 2), 600, 0, 0, IP(198, 18, 0, 2), NULL};
	const struct trk_server *s[4];
	size_t n;
	int rogues = 0, good = 0;

	feed(t, 0, 2, client_a, 7, srv1_mac, IP(198, 18, 0, 1), &a);
	feed(t, 1, 2, client_a, 7, srv2_mac, IP(198, 18, 0, 2), &b);
	n = tracker_servers(t, s, 4);
	for (size_t i = 0; i < n; i++) {
		if (s[i]->id == IP(198, 18, 0, 2) && s[i]->rogue)
			rogues++;
		if (s[i]->id == IP(198, 18, 0, 1) && !s[i]->rogue)
			good++;
	}
	CHECK(n == 2 && rogues == 1 && good == 1, "allow-list by IP: the other server is rogue");
	tracker_free(t);

	memcpy(allow[1].mac, srv2_mac, 6);
	cfg.allow = allow + 1;
	t = tracker_new(&cfg);
	feed(t, 0, 2, client_a, 7, srv1_mac, IP(198, 18, 0, 1), &a);
	feed(t, 1, 2, client_a, 7, srv2_mac, IP(198, 18, 0, 2), &b);
	n = tracker_servers(t, s, 4);
	CHECK(n == 2 && s[0]->id == IP(198, 18, 0, 2) && !s[0]->rogue && s[1]->rogue,
	      "allow-list by MAC");
	tracker_free(t);
}

static long
maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* 100k distinct servers and xids: tables stay at their caps, memory does not move */
static void
test_lru(void)
{
	struct trk_cfg cfg = {0};
	struct tracker *t = tracker_new(&cfg);
	struct terms tm = {IP(198, 18, 0, 1), 600, 0, 0, IP(198, 18, 0, 1), NULL};
	size_t mem0 = tracker_mem(t);
	const struct trk_server *s[1];
	const struct trk_txn *x[1];
	long rss0;
	int found_old;

	if (mk(&pk, 2, client_a, 0, srv1_mac, IP(198, 18, 0, 1), &tm) < 0) {
		CHECK(0, "build OFFER");
		return;
	}
	/* warm up to the caps once so the RSS baseline includes every table page */
	for (uint32_t i = 0; i < 2000; i++) {
		pk.o.server_id = IP(198, 19, 0, 0) + i;
		pk.o.xid = i;
		pk.o.ts = (struct timeval){i, 0};
		tracker_observe(t, &pk.o, &pk.f);
	}
	rss0 = maxrss_kb();
	for (uint32_t i = 0; i < 100000; i++) {
		pk.o.server_id = IP(198, 18, 0, 0) + i;
		pk.o.xid = 0x10000 + i;
		pk.o.chaddr[5] = (uint8_t)i;
		pk.o.ts = (struct timeval){100000 + i, 0};
		tracker_observe(t, &pk.o, &pk.f);
	}
	CHECK(tracker_nservers(t) == TRK_SERVERS_DEFAULT, "server table capped at %d (%zu)",
	      TRK_SERVERS_DEFAULT, tracker_nservers(t));
	CHECK(tracker_ntxns(t) == TRK_TXNS_DEFAULT, "transaction table capped at %d (%zu)",
	      TRK_TXNS_DEFAULT, tracker_ntxns(t));
	CHECK(tracker_mem(t) == mem0, "allocated bytes constant (%zu)", mem0);
	CHECK(maxrss_kb() - rss0 < 512, "peak RSS grew %ld KiB over 100k entries",
	      maxrss_kb() - rss0);
	CHECK(tracker_counts(t)->servers_evicted == 102000 - TRK_SERVERS_DEFAULT,
	      "evictions counted (%llu)", (unsigned long long)tracker_counts(t)->servers_evicted);
	tracker_servers(t, s, 1);
	tracker_txns(t, x, 1);
	CHECK(s[0]->id == IP(198, 18, 0, 0) + 99999 && x[0]->xid == 0x10000 + 99999,
	      "most recent first");
	/* the oldest is gone and a recent one is still found (touched, not re-created) */
	pk.o.server_id = IP(198, 18, 0, 0) + 99990;
	pk.o.ts = (struct timeval){300000, 0};
	tracker_observe(t, &pk.o, &pk.f);
	tracker_servers(t, s, 1);
	found_old = s[0]->offers == 2;
	CHECK(found_old && tracker_nservers(t) == TRK_SERVERS_DEFAULT,
	      "a recent server is found again, not duplicated");
	tracker_free(t);
}

int
main(void)
{
	test_dora();
	test_keys_and_infinite();
	test_rogue();
	test_lru();
	return CHECK_DONE();
}
