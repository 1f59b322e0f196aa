/* SPDX-License-Identifier: BSD-2-Clause */
/* probe_out.c - what the probe commands print: packets as they come, results, offers, lease, servers */
#include <string.h>

#include "decode.h"
#include "esc.h"
#include "frame.h"
#include "lease.h"
#include "loop.h"
#include "out.h"
#include "probe_int.h"
#include "report.h"
#include "tracker.h"
#include "xport_udp.h"

void
out_packet_json(struct run *r, const struct probe_ev *ev, bool tx)
{
	struct sess_probe *sp = r->sp;
	struct val_arena *a = &sp->arena;
	struct val *root, *head[8];
	int n = 0;

	arena_reset(a);
	root = dec_captured(a, LINK_EN10MB, ev->frame, ev->len, ev->len, &sp->msg, NULL);
	if (!root)
		return;
	/* the event's own members first, in this order, then the decode */
	head[n++] = val_cstr(a, NULL, "event", "packet");
	head[n++] = val_cstr(a, NULL, "dir", tx ? "tx" : "rx");
	head[n++] = val_cstr(a, NULL, "command", r->cmd);
	head[n++] = val_cstr(a, NULL, "step", probe_kind_names[ev->res->kind]);
	head[n++] = val_uint(a, NULL, "ms", ev->ms);
	if (tx)
		head[n++] = val_uint(a, NULL, "try", ev->try);
	if (!tx && ev->obs->flags) {
		struct val *l = val_list(a, NULL, "flags");

		for (int i = 0; i < OBS_FLAG_COUNT; i++)
			if (ev->obs->flags & (1u << i))
				val_cstr(a, l, NULL, obs_flag_names[i]);
		head[n++] = l;
	}
	while (n > 0)
		val_prepend(root, head[--n]);
	out_json(r->fp, root);
	fputc('\n', r->fp);
}

void
out_tx(struct run *r, const struct probe_ev *ev)
{
	const struct probe_target *t = &ev->res->target;
	char a[16], b[16], m[18];

	if (r->cfg->brief) /* --brief: the replies only */
		return;
	fprintf(r->fp, "-> %s xid 0x%08x chaddr %s", rep_type(ev->type), ev->xid,
	        rep_mac(t->chaddr, m));
	if (t->ciaddr)
		fprintf(r->fp, " ciaddr %s", rep_ip(t->ciaddr, a));
	if (t->requested && t->kind != PROBE_RENEW && t->kind != PROBE_REBIND)
		fprintf(r->fp, " requested %s", rep_ip(t->requested, a));
	if (t->server_id &&
	    (t->kind == PROBE_SELECT || t->kind == PROBE_RELEASE || t->kind == PROBE_DECLINE))
		fprintf(r->fp, " server %s", rep_ip(t->server_id, b));
	if (r->sp->x.udp)
		fprintf(r->fp, " via relay %s", rep_ip(xudp_giaddr(r->sp->x.udp), b));
	if (ev->try > 1)
		fprintf(r->fp, " (try %u, +%llu ms)", ev->try, (unsigned long long)ev->ms);
	else
		fprintf(r->fp, " (try 1)");
	fputc('\n', r->fp);
}

void
out_rx(struct run *r, const struct probe_ev *ev)
{
	const struct obs *o = ev->obs;
	struct sess_probe *sp = r->sp;
	char a[16], b[16], m[OBS_MESSAGE_MAX * 4 + 1];
	struct val *root;

	fprintf(r->fp, "%s%s", r->cfg->brief ? "" : "<- ", rep_type(o->type));
	if (o->yiaddr)
		fprintf(r->fp, " %s", rep_ip(o->yiaddr, a));
	fprintf(r->fp, " from %s", rep_ip(o->server_id, b));
	if (o->src_ip != o->server_id)
		fprintf(r->fp, " via %s", rep_ip(o->src_ip, a));
	if (o->has_mac)
		fprintf(r->fp, " (%s)", rep_mac(o->src_mac, m));
	fprintf(r->fp, " +%llu ms", (unsigned long long)ev->ms);
	if (o->type == DHCPNAK && o->message_len) {
		esc_term_buf(m, sizeof(m), o->message, o->message_len);
		fprintf(r->fp, ": %s", m);
	}
	if (o->flags & OBS_ROGUE)
		fputs("  ROGUE (not in allow-server)", r->fp);
	if (o->flags & OBS_NOT_ASKED)
		fputs("  (not the server requested: ignored)", r->fp);
	if (o->flags & OBS_REOFFER)
		fputs("  (re-offer: another address from the same server)", r->fp);
	if (o->flags & OBS_DUP) {
		fputs(" (again)\n", r->fp);
		return;
	}
	fputc('\n', r->fp);
	if (r->cfg->brief) /* one line a reply */
		return;
	arena_reset(&sp->arena);
	root = dec_captured(&sp->arena, LINK_EN10MB, ev->frame, ev->len, ev->len, &sp->msg, NULL);
	if (root)
		out_text_packet(r->fp, root, r->s->color ? OUT_COLOR : 0);
}

void
out_rogue_warnings(struct run *r)
{
	const struct trk_server *sv[256];
	size_t n = sp_servers_since(r->sp, &r->start, sv, 256);
	char a[16], m[18];

	for (size_t i = 0; i < n; i++)
		if (sv[i]->rogue)
			sess_err(r->s, "rogue server %s (%s) answered: not in allow-server",
			         rep_ip(sv[i]->id, a), rep_mac(sv[i]->mac, m));
}

static void
offer_val(struct val_arena *a, struct val *list, const struct offer *of, int n)
{
	struct val *e = val_obj(a, list, NULL);

	val_uint(a, e, "n", (uint64_t)n);
	rep_obs(a, e, &of->o);
}

static void
lease_val(struct val_arena *a, struct val *o, const struct lease *l)
{
	struct val *e = val_obj(a, o, "lease");
	uint64_t age = (loop_now_ms() - l->got_ms) / 1000;
	const struct lease_terms *t = &l->ack.terms;

	val_ip(a, e, "address", l->ack.yiaddr);
	val_ip(a, e, "server-id", l->ack.server_id);
	val_mac(a, e, "chaddr", l->ack.chaddr, 6);
	rep_terms(a, e, t);
	if ((t->sent & LT_LEASE) && t->lease != LEASE_INFINITE)
		val_secs(a, e, "remaining", t->lease > age ? t->lease - age : 0);
	val_bool(a, e, "held", l->held);
}

static void
servers_val(struct run *r, struct val_arena *a, struct val *o)
{
	const struct trk_server *sv[256];
	size_t n = sp_servers_since(r->sp, &r->start, sv, 256);
	uint64_t evicted = tracker_counts(r->sp->servers)->servers_evicted - r->evicted0;
	struct val *list = val_list(a, o, "servers"), *rog;

	for (size_t i = 0; i < n; i++)
		rep_server(a, val_obj(a, list, NULL), sv[i], NULL);
	/* a full table forgets the least recently heard: say that the list may lack some */
	if (evicted)
		val_uint(a, o, "servers-evicted", evicted);
	rog = val_list(a, o, "rogue");
	for (size_t i = 0; i < n; i++)
		if (sv[i]->rogue)
			val_ip(a, rog, NULL, sv[i]->id);
}

/* the final NDJSON line of a command */
void
out_result_json(struct run *r, int status, const char *message, bool offers, bool lease)
{
	struct val_arena *a = &r->sp->arena;
	struct timeval now;
	struct val *o;
	FILE *fp;

	/* a signal or the deadline that stopped the run after the answer came: its status */
	if (sess_final_status(r->s, status) != status) {
		status = sess_final_status(r->s, status);
		if (!message)
			message = sess_cancel_word(r->s);
	}
	arena_reset(a);
	o = val_obj(a, NULL, NULL);
	val_cstr(a, o, "event", "result");
	val_cstr(a, o, "command", r->cmd);
	val_int(a, o, "status", status);
	if (message)
		val_cstr(a, o, "message", message);
	servers_val(r, a, o);
	if (offers) {
		struct val *list = val_list(a, o, "offers");

		for (int i = 0; i < r->sp->noffers; i++)
			offer_val(a, list, &r->sp->offers[i], i + 1);
		if (r->sp->offers_lost)
			val_uint(a, o, "offers-not-kept", r->sp->offers_lost);
	}
	if (lease && (r->sp->lease.held || r->acks))
		lease_val(a, o, &r->sp->lease);
	if (r->rel.sent) {
		struct val *e = val_obj(a, o, "release");

		val_ip(a, e, "address", r->rel.addr);
		val_ip(a, e, "server-id", r->rel.server);
		val_uint(a, e, "sent", r->rel.sent);
		val_cstr(a, e, "lease", r->rel.unconfirmed ? "unconfirmed" : "acked");
		val_bool(a, e, "confirmed", false);
	}
	val_uint(a, o, "tries", r->tries);
	val_uint(a, o, "elapsed-ms", loop_now_ms() - r->t0);
	gettimeofday(&now, NULL);
	rep_result_common(a, o, r->cfg->ifname, &now);
	fp = sess_out_begin(r->s);
	out_json(fp, o);
	fputc('\n', fp);
	fflush(fp);
	sess_out_end(r->s);
	r->s->results++;
}

void
out_offers_text(FILE *fp, const struct sess_probe *sp)
{
	char a[16], b[16], m[18], d[16];

	for (int i = 0; i < sp->noffers; i++) {
		const struct obs *o = &sp->offers[i].o;

		fprintf(fp, "%3d  %-15s from %-15s", i + 1, rep_ip(o->yiaddr, a),
		        rep_ip(o->server_id, b));
		if (o->has_mac)
			fprintf(fp, " (%s)", rep_mac(o->src_mac, m));
		if (o->terms.sent & LT_LEASE)
			fprintf(fp, "  lease %s", rep_secs(o->terms.lease, d));
		fprintf(fp, "  +%lld ms%s\n", (long long)o->ms,
			o->flags & OBS_REOFFER ? "  re-offer" : "");
	}
	if (sp->offers_lost)
		fprintf(fp, "     (%u more offers not kept)\n", sp->offers_lost);
}

void
out_offers_json(FILE *fp, struct sess_probe *sp)
{
	struct val *list;

	arena_reset(&sp->arena);
	list = val_list(&sp->arena, NULL, NULL);
	for (int i = 0; i < sp->noffers; i++)
		offer_val(&sp->arena, list, &sp->offers[i], i + 1);
	out_json(fp, list);
	fputc('\n', fp);
}

/* "lease ADDR from SERVER, 3600s (T1 1800s, T2 3150s)" */
void
out_lease_line(struct run *r)
{
	const struct lease *l = &r->sp->lease;
	const struct lease_terms *t = &l->ack.terms;
	char a[16], b[16], c[16], d[16], e[16];
	FILE *fp;

	if (r->cfg->json)
		return;
	fp = sess_out_begin(r->s);
	fprintf(fp, "lease %s from %s", rep_ip(l->ack.yiaddr, a), rep_ip(l->ack.server_id, b));
	if (t->sent & LT_LEASE)
		fprintf(fp, ", %s (T1 %s, T2 %s)", rep_secs(t->lease, c), rep_secs(t->t1, d),
			rep_secs(t->t2, e));
	fprintf(fp, "%s\n", l->keep ? ", kept" : "");
	fflush(fp);
	sess_out_end(r->s);
}

/* what is known of a RELEASE: that it was sent, how often; never that it was taken */
void
out_release_line(struct run *r)
{
	const struct run_release *rl = &r->rel;
	char a[16], b[16];
	FILE *fp;

	if (r->cfg->json || r->quiet || !rl->sent)
		return;
	fp = sess_out_begin(r->s);
	if (rl->unconfirmed)
		fprintf(fp, "no ACK came, but %s may have granted %s all the same: ",
			rep_ip(rl->server, a), rep_ip(rl->addr, b));
	fprintf(fp, "%s %s to %s sent %u time%s%s (a RELEASE has no answer: not confirmed)\n",
		rl->unconfirmed ? "RELEASE of" : "release of", rep_ip(rl->addr, b),
		rep_ip(rl->server, a), rl->sent, rl->sent == 1 ? "" : "s",
		rl->sent < rl->wanted ? ", the rest stopped" : "");
	fflush(fp);
	sess_out_end(r->s);
}

static void
lease_text(FILE *fp, const struct lease *l)
{
	const struct lease_terms *t = &l->ack.terms;
	uint64_t age = (loop_now_ms() - l->got_ms) / 1000;
	char a[16], m[18], d[16];

	fprintf(fp, "address     %s\n", rep_ip(l->ack.yiaddr, a));
	fprintf(fp, "server      %s", rep_ip(l->ack.server_id, a));
	if (!l->relay)
		fprintf(fp, " (%s)", rep_mac(l->ack.src_mac, m));
	fprintf(fp, "\nchaddr      %s\n", rep_mac(l->ack.chaddr, m));
	if (t->lease == LEASE_INFINITE) {
		fputs("lease       infinite\n", fp);
	} else if (t->sent & LT_LEASE) {
		fprintf(fp, "lease       %us, obtained %llus ago, %llus left\n", t->lease,
		        (unsigned long long)age,
		        (unsigned long long)(t->lease > age ? t->lease - age : 0));
		fprintf(fp, "T1 (renew)  %s%s, in %llds\n", rep_secs(t->t1, d),
			t->derived & LT_T1 ? " (default)" : "", (long long)t->t1 - (long long)age);
		fprintf(fp, "T2 (rebind) %s%s, in %llds\n", rep_secs(t->t2, d),
			t->derived & LT_T2 ? " (default)" : "", (long long)t->t2 - (long long)age);
	}
	fprintf(fp, "on exit     %s\n", l->keep ? "kept" : "released");
}

int
out_lease_show(struct sess *s, const struct probe_cfg *cfg)
{
	struct sess_probe *sp = s->probe;
	FILE *fp;

	if (!sp->lease.held) {
		sess_err(s, "no lease held");
		return DD_NOANSWER;
	}
	fp = sess_out_begin(s);
	if (cfg->json) {
		struct val *o;

		arena_reset(&sp->arena);
		o = val_obj(&sp->arena, NULL, NULL);
		lease_val(&sp->arena, o, &sp->lease);
		out_json(fp, val_get(o, "lease"));
		fputc('\n', fp);
	} else {
		lease_text(fp, &sp->lease);
	}
	fflush(fp);
	sess_out_end(s);
	return 0;
}

int
out_servers_show(struct sess *s, const struct probe_cfg *cfg)
{
	struct sess_probe *sp = s->probe;
	const struct trk_server *sv[256];
	size_t n = sp_servers_since(sp, NULL, sv, 256);
	char a[16], b[16], m[18];
	FILE *fp = sess_out_begin(s);

	if (cfg->json) {
		struct val *list;

		arena_reset(&sp->arena);
		list = val_list(&sp->arena, NULL, NULL);
		for (size_t i = 0; i < n; i++)
			rep_server(&sp->arena, val_obj(&sp->arena, list, NULL), sv[i], NULL);
		out_json(fp, list);
		fputc('\n', fp);
	} else if (!n) {
		fputs("no server has answered yet\n", fp);
	} else {
		fprintf(fp, "%-15s  %-15s  %-17s  %6s  %4s  %4s\n", "server-id", "source", "mac",
		        "offers", "acks", "naks");
		for (size_t i = 0; i < n; i++)
			fprintf(fp, "%-15s  %-15s  %-17s  %6u  %4u  %4u%s\n", rep_ip(sv[i]->id, a),
			        rep_ip(sv[i]->ip_src, b), rep_mac(sv[i]->mac, m), sv[i]->offers,
			        sv[i]->acks, sv[i]->naks, sv[i]->rogue ? "  ROGUE" : "");
	}
	fflush(fp);
	sess_out_end(s);
	return 0;
}
