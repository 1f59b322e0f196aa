/* SPDX-License-Identifier: BSD-2-Clause */
/* tracker.c - servers and client transactions from observed packets; bounded LRU tables */
#include "tracker.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "msg.h"
#include "obs.h"
#include "probe_cfg.h"

#define KEY_LEN 20 /* server: id(4) + mac(6); transaction: chaddr(16) + xid(4) */
#define NIL (-1)


const char *const trk_outcome_names[TRK_OUTCOME_MAX] = {
	[TRK_PENDING] = "pending", [TRK_OFFERED] = "offered", [TRK_BOUND] = "bound",
	[TRK_NAKED] = "nak",       [TRK_RELEASED] = "released",
};
_Static_assert(sizeof(trk_outcome_names) / sizeof(trk_outcome_names[0]) == TRK_OUTCOME_MAX,
	       "one name per outcome");

/*
 * A fixed-capacity key -> slot map with least-recently-used order. Slots are
 * indices into the caller's entry array; nothing grows after lru_init.
 */
struct lru {
	uint32_t cap, n, nbuckets; /* nbuckets: power of two >= 2 * cap */
	int32_t head, tail;        /* most / least recently used */
	int32_t *bucket;           /* [nbuckets] first slot of the chain */
	int32_t *hnext, *prev, *next; /* [cap] */
	uint8_t (*key)[KEY_LEN];   /* [cap] */
};

static size_t
lru_bytes(uint32_t cap, uint32_t nbuckets)
{
	return nbuckets * sizeof(int32_t) + cap * (3 * sizeof(int32_t) + KEY_LEN);
}

static int
lru_init(struct lru *l, uint32_t cap)
{
	uint32_t nb = 16;

	while (nb < 2 * cap)
		nb <<= 1;
	memset(l, 0, sizeof(*l));
	l->cap = cap;
	l->nbuckets = nb;
	l->bucket = malloc(nb * sizeof(int32_t));
	l->hnext = malloc(cap * sizeof(int32_t));
	l->prev = malloc(cap * sizeof(int32_t));
	l->next = malloc(cap * sizeof(int32_t));
	l->key = malloc((size_t)cap * KEY_LEN);
	if (!l->bucket || !l->hnext || !l->prev || !l->next || !l->key)
		return -1;
	l->head = l->tail = NIL;
	for (uint32_t i = 0; i < nb; i++)
		l->bucket[i] = NIL;
	return 0;
}

static void
lru_done(struct lru *l)
{
	free(l->bucket);
	free(l->hnext);
	free(l->prev);
	free(l->next);
	free(l->key);
}

static void
lru_reset(struct lru *l)
{
	l->n = 0;
	l->head = l->tail = NIL;
	for (uint32_t i = 0; i < l->nbuckets; i++)
		l->bucket[i] = NIL;
}

static uint32_t
lru_hash(const struct lru *l, const uint8_t *key)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (int i = 0; i < KEY_LEN; i++)
		h = (h ^ key[i]) * 16777619u;
	return (h ^ (h >> 15)) & (l->nbuckets - 1);
}

static int32_t
lru_find(const struct lru *l, const uint8_t *key)
{
	for (int32_t i = l->bucket[lru_hash(l, key)]; i != NIL; i = l->hnext[i])
		if (memcmp(l->key[i], key, KEY_LEN) == 0)
			return i;
	return NIL;
}

static void
lru_unlink(struct lru *l, int32_t i)
{
	if (l->prev[i] != NIL)
		l->next[l->prev[i]] = l->next[i];
	else
		l->head = l->next[i];
	if (l->next[i] != NIL)
		l->prev[l->next[i]] = l->prev[i];
	else
		l->tail = l->prev[i];
}

static void
lru_push_front(struct lru *l, int32_t i)
{
	l->prev[i] = NIL;
	l->next[i] = l->head;
	if (l->head != NIL)
		l->prev[l->head] = i;
	l->head = i;
	if (l->tail == NIL)
		l->tail = i;
}

static void
lru_touch(struct lru *l, int32_t i)
{
	if (l->head == i)
		return;
	lru_unlink(l, i);
	lru_push_front(l, i);
}

static void
lru_unhash(struct lru *l, int32_t i)
{
	int32_t *pp = &l->bucket[lru_hash(l, l->key[i])];

	while (*pp != NIL && *pp != i)
		pp = &l->hnext[*pp];
	if (*pp == i)
		*pp = l->hnext[i];
}

/* a slot for a new key, most recently used; *ret_evicted when an old entry gave way */
static int32_t
lru_insert(struct lru *l, const uint8_t *key, bool *ret_evicted)
{
	int32_t i;
	uint32_t h;

	*ret_evicted = false;
	if (l->n < l->cap) {
		i = (int32_t)l->n++;
	} else {
		i = l->tail;
		lru_unlink(l, i);
		lru_unhash(l, i);
		*ret_evicted = true;
	}
	memcpy(l->key[i], key, KEY_LEN);
	h = lru_hash(l, key);
	l->hnext[i] = l->bucket[h];
	l->bucket[h] = i;
	lru_push_front(l, i);
	return i;
}

struct tracker {
	struct trk_cfg cfg;
	struct allow_entry *allow; /* [nallow_max], cfg.nallow in use */
	int nallow_max;
	struct lru srv_lru, txn_lru;
	struct trk_server *srv; /* [max_servers] */
	struct trk_txn *txn;    /* [max_txns] */
	struct trk_counts counts;
	size_t mem;
};

struct tracker *
tracker_new(const struct trk_cfg *cfg)
{
	struct tracker *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->cfg = *cfg;
	if (!t->cfg.max_servers)
		t->cfg.max_servers = TRK_SERVERS_DEFAULT;
	if (!t->cfg.max_txns)
		t->cfg.max_txns = TRK_TXNS_DEFAULT;
	if (t->cfg.nallow < 0 || !t->cfg.allow)
		t->cfg.nallow = 0;
	t->cfg.allow = NULL;
	t->nallow_max = t->cfg.nallow ? t->cfg.nallow : PROBE_MAX_ALLOW;
	t->allow = calloc((size_t)t->nallow_max, sizeof(*t->allow));
	if (!t->allow)
		goto fail;
	if (t->cfg.nallow)
		memcpy(t->allow, cfg->allow, (size_t)t->cfg.nallow * sizeof(*t->allow));
	t->srv = calloc(t->cfg.max_servers, sizeof(*t->srv));
	t->txn = calloc(t->cfg.max_txns, sizeof(*t->txn));
	if (!t->srv || !t->txn)
		goto fail;
	if (lru_init(&t->srv_lru, t->cfg.max_servers) < 0 ||
	    lru_init(&t->txn_lru, t->cfg.max_txns) < 0)
		goto fail;
	t->mem = sizeof(*t) + (size_t)t->nallow_max * sizeof(*t->allow) +
		 t->cfg.max_servers * sizeof(*t->srv) + t->cfg.max_txns * sizeof(*t->txn) +
		 lru_bytes(t->srv_lru.cap, t->srv_lru.nbuckets) +
		 lru_bytes(t->txn_lru.cap, t->txn_lru.nbuckets);
	return t;
fail:
	tracker_free(t);
	return NULL;
}

void
tracker_free(struct tracker *t)
{
	if (!t)
		return;
	lru_done(&t->srv_lru);
	lru_done(&t->txn_lru);
	free(t->srv);
	free(t->txn);
	free(t->allow);
	free(t);
}

static void
mark_rogue(const struct tracker *t, struct trk_server *s)
{
	s->rogue = !obs_allowed(t->allow, t->cfg.nallow, s->id, s->ip_src,
				s->has_mac ? s->mac : NULL);
}

int
tracker_set_allow(struct tracker *t, const struct allow_entry *allow, int nallow)
{
	if (nallow < 0 || nallow > t->nallow_max)
		return -ENOMEM;
	if (nallow)
		memcpy(t->allow, allow, (size_t)nallow * sizeof(*allow));
	t->cfg.nallow = nallow;
	for (int32_t i = t->srv_lru.head; i != NIL; i = t->srv_lru.next[i])
		mark_rogue(t, &t->srv[i]);
	return 0;
}

void
tracker_clear(struct tracker *t)
{
	lru_reset(&t->srv_lru);
	lru_reset(&t->txn_lru);
	memset(&t->counts, 0, sizeof(t->counts));
}

const struct trk_counts *
tracker_counts(const struct tracker *t)
{
	return &t->counts;
}

size_t
tracker_mem(const struct tracker *t)
{
	return t->mem;
}

size_t
tracker_nservers(const struct tracker *t)
{
	return t->srv_lru.n;
}

size_t
tracker_ntxns(const struct tracker *t)
{
	return t->txn_lru.n;
}

size_t
tracker_servers(const struct tracker *t, const struct trk_server **ret, size_t max)
{
	size_t n = 0;

	for (int32_t i = t->srv_lru.head; i != NIL && n < max; i = t->srv_lru.next[i])
		ret[n++] = &t->srv[i];
	return n;
}

size_t
tracker_txns(const struct tracker *t, const struct trk_txn **ret, size_t max)
{
	size_t n = 0;

	for (int32_t i = t->txn_lru.head; i != NIL && n < max; i = t->txn_lru.next[i])
		ret[n++] = &t->txn[i];
	return n;
}

const char *
tracker_progress(const struct trk_txn *x, char *buf, size_t cap)
{
	static const struct {
		unsigned bit;
		char c;
	} steps[] = {
		{TRK_D, 'D'}, {TRK_O, 'O'}, {TRK_R, 'R'}, {TRK_A, 'A'},
		{TRK_N, 'N'}, {TRK_I, 'I'}, {TRK_X, 'X'},
	};
	size_t n = 0;

	if (!cap)
		return buf;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]) && n + 1 < cap; i++)
		if (x->seen & steps[i].bit)
			buf[n++] = steps[i].c;
		else if (steps[i].bit <= TRK_A)
			buf[n++] = '.';
	buf[n] = '\0';
	return buf;
}

static int64_t
tv_diff_us(const struct timeval *a, const struct timeval *b)
{
	return ((int64_t)a->tv_sec - b->tv_sec) * 1000000 + ((int64_t)a->tv_usec - b->tv_usec);
}

static void
txn_key(const struct obs *m, uint8_t key[KEY_LEN])
{
	memset(key, 0, KEY_LEN);
	memcpy(key, m->chaddr, m->hlen);
	key[16] = (uint8_t)(m->xid >> 24);
	key[17] = (uint8_t)(m->xid >> 16);
	key[18] = (uint8_t)(m->xid >> 8);
	key[19] = (uint8_t)m->xid;
}

/* the transaction of m, created when new (a reply may be the first we see of it) */
static struct trk_txn *
txn_get(struct tracker *t, const struct timeval *ts, const struct obs *m)
{
	uint8_t key[KEY_LEN], hlen = m->hlen;
	int32_t i;
	bool evicted;
	struct trk_txn *x;

	txn_key(m, key);
	i = lru_find(&t->txn_lru, key);
	if (i != NIL) {
		lru_touch(&t->txn_lru, i);
		return &t->txn[i];
	}
	i = lru_insert(&t->txn_lru, key, &evicted);
	if (evicted)
		t->counts.txns_evicted++;
	x = &t->txn[i];
	memset(x, 0, sizeof(*x));
	memcpy(x->chaddr, m->chaddr, hlen);
	x->hlen = hlen;
	x->xid = m->xid;
	x->first = x->last = x->last_req = *ts;
	x->latency_us = -1;
	return x;
}

static void
emit(struct tracker *t, enum trk_event ev, const struct trk_server *s, const struct trk_txn *x)
{
	if (t->cfg.event)
		t->cfg.event(t->cfg.event_arg, ev, s, x);
}

static void
observe_client(struct tracker *t, const struct timeval *ts, const struct obs *m, uint8_t type)
{
	struct trk_txn *x = txn_get(t, ts, m);

	/* a client that starts over with the same xid after an answer: a new transaction */
	if (type == DHCPDISCOVER && x->outcome != TRK_PENDING && x->outcome != TRK_OFFERED) {
		x->seen = 0;
		x->outcome = TRK_PENDING;
		x->first = *ts;
		x->latency_us = -1;
		x->server = x->yiaddr = 0;
	}
	x->last = x->last_req = *ts;
	x->last_type = type;
	x->last_from_server = false;
	switch (type) {
	case DHCPDISCOVER:
		x->seen |= TRK_D;
		break;
	case DHCPREQUEST:
		x->seen |= TRK_R;
		break;
	case DHCPINFORM:
		x->seen |= TRK_I;
		break;
	case DHCPDECLINE:
	case DHCPRELEASE:
		x->seen |= TRK_X;
		x->outcome = TRK_RELEASED;
		break;
	default:
		break;
	}
}

static void
server_key(uint32_t id, const uint8_t *mac, uint8_t key[KEY_LEN])
{
	memset(key, 0, KEY_LEN);
	key[0] = (uint8_t)(id >> 24);
	key[1] = (uint8_t)(id >> 16);
	key[2] = (uint8_t)(id >> 8);
	key[3] = (uint8_t)id;
	if (mac)
		memcpy(key + 4, mac, 6);
}

const struct trk_server *
tracker_server_find(const struct tracker *t, uint32_t id, const uint8_t *mac)
{
	uint8_t key[KEY_LEN];
	int32_t i;

	server_key(id, mac, key);
	i = lru_find(&t->srv_lru, key);
	return i == NIL ? NULL : &t->srv[i];
}

static struct trk_server *
server_get(struct tracker *t, const struct timeval *ts, const struct obs *m,
	   bool *ret_new)
{
	uint8_t key[KEY_LEN];
	uint32_t id = m->server_id;
	bool from_opt = m->server_id_sent;
	bool evicted;
	int32_t i;
	struct trk_server *s;

	server_key(id, m->has_mac ? m->src_mac : NULL, key);
	*ret_new = false;
	i = lru_find(&t->srv_lru, key);
	if (i != NIL) {
		lru_touch(&t->srv_lru, i);
		return &t->srv[i];
	}
	i = lru_insert(&t->srv_lru, key, &evicted);
	if (evicted)
		t->counts.servers_evicted++;
	s = &t->srv[i];
	memset(s, 0, offsetof(struct trk_server, raw)); /* raw is overwritten on use */
	s->id = id;
	s->id_from_opt = from_opt;
	s->has_mac = m->has_mac;
	if (m->has_mac)
		memcpy(s->mac, m->src_mac, 6);
	s->ip_src = m->src_ip;
	s->first = *ts;
	s->latency_us = -1;
	mark_rogue(t, s);
	*ret_new = true;
	return s;
}

static void
keep_reply(struct trk_server *s, const struct timeval *ts, const struct frame *f)
{
	size_t n = f->payload_len < TRK_RAW_MAX ? f->payload_len : TRK_RAW_MAX;

	s->reply = *f;
	if (n)
		memcpy(s->raw, f->payload, n);
	s->reply.payload = s->raw;
	s->reply.payload_len = n;
	s->reply.truncated = f->truncated || n < f->payload_len;
	s->reply_ts = *ts;
}

static void
observe_server(struct tracker *t, const struct timeval *ts, const struct frame *f,
	       const struct obs *m, uint8_t type)
{
	bool is_new, changed = false;
	struct trk_server *s = server_get(t, ts, m, &is_new);
	struct trk_txn *x = txn_get(t, ts, m);
	bool asked = x->seen & (TRK_D | TRK_R | TRK_I);

	s->last = *ts;
	s->ip_src = m->src_ip;
	switch (type) {
	case DHCPOFFER:
		s->offers++;
		break;
	case DHCPACK:
		s->acks++;
		break;
	case DHCPNAK:
		s->naks++;
		break;
	}
	if (type != DHCPNAK) {
		s->yiaddr = m->yiaddr;
		changed = lease_terms_differ(&s->terms, &m->terms);
		s->terms = m->terms;
		x->yiaddr = m->yiaddr;
	}
	/* a reply to a request we did not see (capture started late) has no latency */
	if (asked) {
		s->latency_us = tv_diff_us(ts, &x->last_req);
		x->latency_us = tv_diff_us(ts, &x->first);
	}
	x->last = *ts;
	x->last_type = type;
	x->last_from_server = true;
	x->server = s->id;
	s->reply_obs = *m;
	keep_reply(s, ts, f);
	/* counts alone are no change worth an event: only new servers and new terms */
	if (is_new)
		emit(t, TRK_EV_SERVER_NEW, s, NULL);
	else if (changed)
		emit(t, TRK_EV_SERVER_CHANGED, s, NULL);
	switch (type) {
	case DHCPOFFER:
		x->seen |= TRK_O;
		if (x->outcome == TRK_PENDING)
			x->outcome = TRK_OFFERED;
		break;
	case DHCPACK:
		x->seen |= TRK_A;
		x->outcome = TRK_BOUND;
		emit(t, TRK_EV_TXN_DONE, NULL, x);
		break;
	case DHCPNAK:
		x->seen |= TRK_N;
		x->outcome = TRK_NAKED;
		emit(t, TRK_EV_TXN_DONE, NULL, x);
		break;
	}
}

void
tracker_skip(struct tracker *t)
{
	t->counts.packets++;
	t->counts.skipped++;
}

void
tracker_observe(struct tracker *t, const struct obs *o, const struct frame *f)
{
	uint8_t type = o->type;

	t->counts.packets++;
	t->counts.dhcp++;
	if (o->op == 1 && type)
		observe_client(t, &o->ts, o, type);
	else if (o->op == 2 && (type == DHCPOFFER || type == DHCPACK || type == DHCPNAK))
		observe_server(t, &o->ts, f, o, type);
}
