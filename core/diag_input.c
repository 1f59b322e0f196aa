/* SPDX-License-Identifier: BSD-2-Clause */
/* diag_input.c - what a diagnosis reads: the steps, the replies, the servers and clients heard */
#include "diag_int.h"
#include "lease.h"
#include "msg.h"
#include "obs.h"
#include "probe.h"

#include <errno.h>
#include <string.h>

const struct obs *
diag_next_reply(const struct diag_ctx *c, struct diag_cursor *k)
{
	const struct diag_input *in = c->in;

	for (; k->step < in->nsteps; k->step++, k->i = 0) {
		const struct probe_result *r = in->steps[k->step].res;

		if (r && k->i < r->nreplies) {
			k->kind = in->steps[k->step].kind;
			return &r->replies[k->i++];
		}
	}
	k->kind = DIAG_STEP_MAX;
	while (k->i < in->nheard) {
		const struct obs *o = &in->heard[k->i++];

		if (o->op == DIAG_OP_REPLY)
			return o;
	}
	return NULL;
}

/* the first step of this kind that ran */
const struct probe_result *
diag_step_res(const struct diag_ctx *c, enum diag_step kind)
{
	for (size_t i = 0; i < c->in->nsteps; i++)
		if (c->in->steps[i].kind == kind && c->in->steps[i].res)
			return c->in->steps[i].res;
	return NULL;
}

const struct obs *
diag_first_answer(const struct probe_result *r)
{
	for (unsigned i = 0; r && i < r->nreplies; i++)
		if (!(r->replies[i].flags & OBS_NOT_ASKED))
			return &r->replies[i];
	return NULL;
}

/* got what it waited for (the answers counted are kept first, so one is at hand) */
bool
diag_answered(const struct probe_result *r)
{
	return diag_first_answer(r) != NULL;
}

/* ran to its end and got nothing it waited for */
bool
diag_unanswered(const struct probe_result *r)
{
	return r && !diag_answered(r) && r->status != -ECANCELED;
}

bool
diag_is_discover(enum diag_step k)
{
	return k <= DIAG_STEP_DISCOVER_UNICAST;
}

/* true when DISCOVERs ran (the relay one aside) and none of them got an offer */
bool
diag_discovers_unanswered(const struct diag_ctx *c)
{
	bool ran = false;

	for (size_t i = 0; i < c->in->nsteps; i++) {
		const struct diag_probe *s = &c->in->steps[i];

		if (!s->res || !diag_is_discover(s->kind))
			continue;
		if (!diag_unanswered(s->res))
			return false;
		ran = true;
	}
	return ran;
}

bool
diag_is_offer(const struct obs *o)
{
	return o->op == DIAG_OP_REPLY && o->yiaddr &&
	       (o->type == DHCPOFFER || o->type == DHCPACK || o->type == 0);
}

/* an offer whose address and mask make a subnet to check the other terms against */
bool
diag_has_subnet(const struct obs *o)
{
	return diag_is_offer(o) && (o->terms.sent & LT_MASK) &&
	       lease_mask_prefix(o->terms.mask) >= 0;
}

bool
diag_in_subnet(const struct obs *o, uint32_t addr)
{
	return (addr & o->terms.mask) == (o->yiaddr & o->terms.mask);
}

bool
diag_is_rogue(const struct diag_ctx *c, const struct obs *o)
{
	return (o->flags & OBS_ROGUE) || !obs_allowed(c->in->allow, c->in->nallow, o->server_id,
	                                              o->src_ip, o->has_mac ? o->src_mac : NULL);
}

const char *
diag_where(const struct diag_ctx *c, enum diag_step k)
{
	if (k < DIAG_STEP_MAX)
		return diag_step_names[k];
	return c->in->from_capture ? "capture" : "passive listen";
}

static struct diag_srv *
srv_of(struct diag_ctx *c, const struct obs *o)
{
	struct diag_srv *s;

	for (unsigned i = 0; i < c->nsrv; i++) {
		s = &c->srv[i];
		if (s->id == o->server_id &&
		    (!s->has_mac || !o->has_mac || !memcmp(s->mac, o->src_mac, 6)))
			return s;
	}
	if (c->nsrv == DIAG_SRV_MAX) {
		c->srv_full = true;
		return NULL;
	}
	s = &c->srv[c->nsrv++];
	s->id = o->server_id;
	return s;
}

void
diag_prep(struct diag_ctx *c)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		struct diag_srv *s = srv_of(c, o);

		c->replies++;
		if (!s)
			continue;
		if (!s->first) {
			s->first = o;
			s->first_kind = k.kind;
		}
		if (!s->offer && diag_is_offer(o)) {
			s->offer = o;
			s->offer_kind = k.kind;
		}
		if (!s->has_mac && o->has_mac) {
			memcpy(s->mac, o->src_mac, 6);
			s->has_mac = true;
		}
		s->rogue |= diag_is_rogue(c, o);
	}
}

int64_t
diag_tv_ms(const struct timeval *a, const struct timeval *b)
{
	return ((int64_t)a->tv_sec - b->tv_sec) * 1000 + ((int64_t)a->tv_usec - b->tv_usec) / 1000;
}

static struct diag_client *
client_of(struct diag_walk *w, const struct obs *o)
{
	uint32_t h = 2166136261u; /* FNV-1a over the Ethernet-sized start of chaddr */

	for (int i = 0; i < 6; i++)
		h = (h ^ o->chaddr[i]) * 16777619u;
	for (unsigned i = 0; i < DIAG_CLI_MAX; i++) {
		struct diag_client *e = &w->tab[(h + i) & (DIAG_CLI_MAX - 1)];

		if (!e->used) {
			e->used = true;
			memcpy(e->chaddr, o->chaddr, sizeof(e->chaddr));
			return e;
		}
		if (!memcmp(e->chaddr, o->chaddr, sizeof(e->chaddr)))
			return e;
	}
	return NULL; /* more clients than followed */
}

static void
note_request(struct diag_client *k, const struct obs *o)
{
	bool asks = o->type == DHCPDISCOVER || o->type == DHCPREQUEST || o->type == DHCPINFORM ||
	            o->type == 0;

	if (!asks || (k->requests && k->xid == o->xid && k->type == o->type &&
	              diag_tv_ms(&o->ts, &k->last) < DIAG_COPY_MS))
		return;
	if (!k->requests++)
		k->first = o->ts;
	k->last = o->ts;
	k->xid = o->xid;
	k->type = o->type;
	k->named_server = o->server_id_sent;
}

/* the passive listen in order, following each client's requests; fn may be NULL */
void
diag_walk_heard(struct diag_ctx *c, struct diag_walk *w, diag_walk_fn fn, enum diag_id id)
{
	memset(w, 0, sizeof(*w));
	for (size_t i = 0; i < c->in->nheard; i++) {
		const struct obs *o = &c->in->heard[i];
		struct diag_client *k = client_of(w, o);

		if (o->op == DIAG_OP_REQUEST && k)
			note_request(k, o);
		if (o->op != DIAG_OP_REPLY)
			continue;
		if (k)
			k->replies++;
		if (fn)
			fn(c, id, o, k && k->requests && k->xid == o->xid ? k : NULL);
	}
}

/* a reply of one of these types; *ret_kind where it was */
const struct obs *
diag_find_reply(const struct diag_ctx *c, unsigned types, bool heard_only, enum diag_step *ret_kind)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		if (o->type < 32 && (types & 1u << o->type) &&
		    (!heard_only || k.kind == DIAG_STEP_MAX)) {
			*ret_kind = k.kind;
			return o;
		}
	}
	return NULL;
}

bool
diag_silent_to_us(const struct diag_ctx *c)
{
	return diag_discovers_unanswered(c) && !diag_answered(diag_step_res(c, DIAG_STEP_RELAY));
}

/* the first offer naming this address (as yiaddr, or as its router); *ret_kind where */
const struct obs *
diag_offer_naming(const struct diag_ctx *c, uint32_t addr, bool router, enum diag_step *ret_kind)
{
	const struct obs *o;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		bool names = router ? (o->terms.sent & LT_ROUTER) && o->terms.routers[0] == addr
		                    : o->yiaddr == addr;

		if (diag_is_offer(o) && names) {
			*ret_kind = k.kind;
			return o;
		}
	}
	return NULL;
}
