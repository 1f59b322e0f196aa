/* SPDX-License-Identifier: BSD-2-Clause */
/* probe_run.c - running probe steps for a command, and holding and releasing the lease they get */
#include <errno.h>
#include <string.h>

#include "esc.h"
#include "loop.h"
#include "probe_int.h"
#include "report.h"
#include "tracker.h"
#include "xport_pcap.h"

static void
on_event(void *arg, const struct probe_ev *ev)
{
	struct run *r = arg;
	const struct obs *o = ev->obs;

	r->res = ev->res;
	if (ev->kind == PROBE_EV_DONE) {
		r->done = true;
		if (r->in_loop)
			loop_quit(r->s->loop, 0);
		return;
	}
	sp_record(r->sp, ev, ev->kind == PROBE_EV_TX);
	if (r->dump) {
		dump_rec(r->dump, &ev->ts, ev->frame, ev->len);
		pcap_dump_flush(r->dump); /* a reader of the file sees each frame as it goes */
	}
	if (ev->kind == PROBE_EV_TX) {
		r->tries++;
	} else if (o->type == DHCPOFFER && !(o->flags & OBS_DUP)) {
		struct sess_probe *sp = r->sp;

		if (sp->noffers < MAX_OFFERS) {
			struct offer *of = &sp->offers[sp->noffers++];

			of->o = *o;
			of->rec = sp->nrecs - 1;
			of->relay = sp->x.udp != NULL;
		} else {
			sp->offers_lost++;
		}
		r->offers_new++;
	} else if ((o->type == DHCPACK || o->type == DHCPNAK) &&
		   !(o->flags & (OBS_DUP | OBS_NOT_ASKED))) {
		r->acks += o->type == DHCPACK;
		r->naks += o->type == DHCPNAK;
		r->ack_ok = o->type == DHCPACK;
		r->ack = *o;
	}
	if (r->quiet || (r->cfg->json && r->cfg->json_results))
		return;
	r->fp = sess_out_begin(r->s);
	if (r->cfg->json)
		out_packet_json(r, ev, ev->kind == PROBE_EV_TX);
	else if (ev->kind == PROBE_EV_TX)
		out_tx(r, ev);
	else
		out_rx(r, ev);
	fflush(r->fp);
	sess_out_end(r->s);
}

int
run_begin(struct run *r, struct sess *s, const struct probe_cfg *cfg, const char *cmd)
{
	struct probe_cfg pc = *cfg; /* what the engine gets: the Ethernet source settled */
	int st, e;

	memset(r, 0, sizeof(*r));
	r->s = s;
	r->cfg = cfg;
	r->cmd = cmd;
	r->t0 = loop_now_ms();
	gettimeofday(&r->start, NULL);
	r->fp = stdout;
	if (!cfg->ifname[0]) {
		sess_err(s, "no interface chosen (use -i IFACE or 'set interface IFACE')");
		return EX_USAGE;
	}
	r->sp = sp_get(s);
	if (!r->sp) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	tracker_set_allow(r->sp->servers, cfg->allow, cfg->nallow);
	r->evicted0 = tracker_counts(r->sp->servers)->servers_evicted;
	/* as plain root a one-shot run becomes a system user once the capture is open, who
	 * may not write where root may: then the --write file is opened first */
	bool early = cfg->write_path[0] && s->oneshot && !s->dropped && !s->keep_privs &&
		     xport_drops_to_system();
	if (early) {
		r->dump = sp_writer(s, r->sp, cfg->write_path);
		if (!r->dump)
			return EX_CANTCREAT;
	}
	st = xport_ready(s, &r->sp->x, cfg);
	if (st)
		return st;
	/* a station may send only from its own MAC (802.11), and `eth-src own` asks for it */
	if (!cfg->relay && !cfg->eth_src_set &&
	    (cfg->eth_src_own || xpcap_if_wireless(cfg->ifname) == 1) &&
	    xpcap_if_mac(cfg->ifname, pc.eth_src) == 0)
		pc.eth_src_set = true;
	if (cfg->write_path[0]) {
		r->dump = sp_writer(s, r->sp, cfg->write_path);
		if (!r->dump)
			return EX_CANTCREAT;
	}
	e = probe_new(s->loop, &pc, cfg->relay ? NULL : r->sp->x.pcap,
		      cfg->relay ? r->sp->x.udp : NULL, on_event, r, &r->probe);
	if (e < 0) {
		sess_err(s, "cannot start a probe: %s", strerror(-e));
		return EX_SOFTWARE;
	}
	return 0;
}

void
run_end(struct run *r)
{
	probe_free(r->probe);
	r->probe = NULL;
	r->res = NULL;
	r->dump = NULL; /* the session's: it stays open for the next command */
}

static void
on_cancel(void *arg)
{
	struct run *r = arg;

	if (r->probe)
		probe_cancel(r->probe);
}

/* one step, start to DONE; returns the DONE status (0, -ETIMEDOUT, -ECANCELED, <0) */
int
run_step(struct run *r, const struct probe_target *t)
{
	int e;

	r->done = false;
	e = probe_start(r->probe, t);
	r->res = probe_last(r->probe);
	if (e < 0) {
		sess_err(r->s, "cannot send on '%s': %s", r->cfg->ifname, strerror(-e));
		return e;
	}
	/* a signal or the deadline came between steps: this one ends at once (a RELEASE
	 * still goes out whole: it is how a stopped run gives its lease back) */
	if (!r->done && sess_stopping(r->s) && t->kind != PROBE_RELEASE)
		probe_cancel(r->probe);
	if (!r->done) {
		r->in_loop = true;
		/* the copies of a RELEASE (under a second) are not cut short by a signal or the
		 * deadline: they are how a stopped run gives its lease back */
		shell_set_cancel(r->s, t->kind == PROBE_RELEASE ? NULL : on_cancel, r);
		loop_run(r->s->loop);
		shell_set_cancel(r->s, NULL, NULL);
		r->in_loop = false;
		if (!r->done) /* the loop ended for another reason: stop the step */
			probe_cancel(r->probe);
	}
	return r->res->status;
}

/* say why nothing (more) came; the status for it: interrupted or no answer */
int
run_no_answer(struct run *r, const char *what)
{
	unsigned tries = r->res ? r->res->tries : 0;
	double s = r->res ? r->res->elapsed_ms / 1000.0 : 0;
	const char *word = tries == 1 ? "try" : "tries";

	if (r->res && r->res->status == -ECANCELED) {
		sess_err(r->s, "%s after %u %s (%.1f s)", sess_cancel_word(r->s), tries, word, s);
		return sess_cancel_status(r->s);
	}
	sess_err(r->s, "no %s after %u %s (%.1f s)", what, tries, word, s);
	return DD_NOANSWER;
}

/* what a result line says when the last step got nothing: "no OFFER", or what stopped it */
const char *
run_fail_word(const struct run *r, const char *none)
{
	return r->res && r->res->status == -ECANCELED ? sess_cancel_word(r->s) : none;
}

/* DISCOVER from chaddr and collect offers */
int
run_discover(struct run *r, uint8_t chaddr[6])
{
	struct probe_target t = {.kind = PROBE_DISCOVER};
	int e;

	memcpy(t.chaddr, chaddr, 6);
	t.requested = r->cfg->requested;
	r->sp->noffers = 0;
	r->sp->offers_lost = 0;
	e = run_step(r, &t);
	if (e == -ETIMEDOUT || e == -ECANCELED || (e == 0 && r->offers_new == 0))
		return run_no_answer(r, "OFFER");
	if (e < 0)
		return sess_status(e);
	return 0;
}

/* rogue servers heard by this command */
int
run_rogues(const struct run *r)
{
	const struct trk_server *sv[256];
	size_t n = sp_servers_since(r->sp, &r->start, sv, 256);
	int k = 0;

	for (size_t i = 0; i < n; i++)
		k += sv[i]->rogue;
	return k;
}

/* exit status of a discover that got offers: rogue or too few servers make it 2 */
int
run_verdict_discover(struct run *r, char *msg, size_t msglen)
{
	const struct trk_server *sv[256];
	int n = (int)sp_servers_since(r->sp, &r->start, sv, 256), rogues = run_rogues(r);

	if (rogues) {
		snprintf(msg, msglen, "%d rogue server%s answered", rogues, rogues == 1 ? "" : "s");
		out_rogue_warnings(r);
		return DD_NEGATIVE;
	}
	if (r->cfg->wait == WAIT_SERVERS && n < (int)r->cfg->servers) {
		snprintf(msg, msglen, "%d of %u servers answered", n, r->cfg->servers);
		sess_err(r->s, "%s", msg);
		return DD_NEGATIVE;
	}
	return 0;
}

/* the answer to a REQUEST-type step: 0 ACK, 1 none, 2 NAK */
int
run_verdict_request(struct run *r, int e)
{
	if (e == 0 && r->naks && !r->ack_ok) {
		char a[16], m[OBS_MESSAGE_MAX * 4 + 1] = "";

		if (r->ack.message_len)
			esc_term_buf(m, sizeof(m), r->ack.message, r->ack.message_len);
		sess_err(r->s, "NAK from %s%s%s", rep_ip(r->ack.server_id, a), m[0] ? ": " : "", m);
		return DD_NEGATIVE;
	}
	if (e == 0 && r->ack_ok)
		return 0;
	if (e < 0 && e != -ETIMEDOUT && e != -ECANCELED)
		return sess_status(e);
	return run_no_answer(r, "ACK");
}

/* REQUEST an offer (SELECTING), with the OFFER's xid (RFC 2131 4.4.1) */
int
run_select(struct run *r, const struct offer *of)
{
	struct probe_target t = {.kind = PROBE_SELECT};
	int e, st;

	memcpy(t.chaddr, of->o.chaddr, 6);
	t.requested = of->o.yiaddr;
	t.server_id = of->o.server_id;
	t.xid = of->o.xid;
	r->acks = r->naks = 0;
	r->ack_ok = false;
	e = run_step(r, &t);
	st = run_verdict_request(r, e);
	if (st == 0)
		lease_take(r, of->relay);
	else if (st != DD_NEGATIVE && (e == 0 || e == -ETIMEDOUT || e == -ECANCELED))
		lease_release_unconfirmed(r, of);
	return st;
}

/* the ACK in r->ack becomes the session's lease */
void
lease_take(struct run *r, bool relay)
{
	struct lease *l = &r->sp->lease;

	/* one lease per session: give back a different one held before, unless kept */
	if (l->held && !l->keep && l->relay == relay &&
	    (l->ack.yiaddr != r->ack.yiaddr || memcmp(l->ack.chaddr, r->ack.chaddr, 6))) {
		struct obs ack = r->ack;

		lease_release(r);
		r->ack = ack;
	}
	memset(l, 0, sizeof(*l));
	l->held = true;
	l->keep = r->cfg->keep;
	l->relay = relay;
	l->json = r->cfg->json;
	l->json_results = r->cfg->json_results;
	l->ack = r->ack;
	l->got_ms = loop_now_ms();
}

/*
 * RELEASE addr of chaddr to its server, `tries` times and at least twice, 100 ms apart:
 * a RELEASE has no answer, so one lost on the way goes unnoticed and the server keeps the
 * address for the whole lease; RFC 2131 4.3.4 has the server free the lease, and a copy
 * that finds it free changes nothing. Whether any arrived cannot be known from here: the
 * output says "sent", never "released". unconfirmed: no ACK came for the lease (the server
 * may hold it or not). Returns how many went out.
 */
static unsigned
release_send(struct run *r, const uint8_t chaddr[6], uint32_t addr, uint32_t server,
	     uint32_t dst_ip, const uint8_t *dst_mac, bool unconfirmed)
{
	struct probe_target t = {.kind = PROBE_RELEASE};
	unsigned sent;
	int e;

	memcpy(t.chaddr, chaddr, 6);
	t.ciaddr = addr;
	t.server_id = server;
	t.dst_ip = dst_ip ? dst_ip : server;
	if (dst_mac)
		memcpy(t.dst_mac, dst_mac, 6);
	t.copies = r->cfg->tries > 2 ? r->cfg->tries : 2;
	e = run_step(r, &t);
	sent = r->res ? r->res->tries : 0;
	r->rel = (struct run_release){.addr = addr, .server = server, .sent = sent,
				      .wanted = t.copies, .unconfirmed = unconfirmed};
	if (e < 0 && e != -ECANCELED && !sent)
		sess_err(r->s, "cannot send a RELEASE on '%s': %s", r->cfg->ifname, strerror(-e));
	out_release_line(r);
	return sent;
}

/* RELEASE the held lease (unicast to its server); 0 or an exit status */
int
lease_release(struct run *r)
{
	struct lease *l = &r->sp->lease;

	if (!release_send(r, l->ack.chaddr, l->ack.yiaddr, l->ack.server_id,
			  l->ack.server_id ? l->ack.server_id : l->ack.src_ip,
			  l->relay ? NULL : l->ack.src_mac, false))
		return r->res && r->res->status < 0 ? sess_status(r->res->status) : EX_SOFTWARE;
	l->held = false;
	return 0;
}

/*
 * A SELECTING REQUEST that got no ACK (none came, or the wait was stopped): the server may
 * have committed the lease and its ACK been lost. RELEASE the offered address to that
 * server anyway, marked unconfirmed; with keep, say that it may be held instead.
 */
void
lease_release_unconfirmed(struct run *r, const struct offer *of)
{
	char a[16], b[16];

	if (!r->res || r->res->kind != PROBE_SELECT || !r->res->tries)
		return; /* the REQUEST never went out: nothing can be held */
	if (r->cfg->keep) {
		if (!r->quiet)
			sess_err(r->s,
				 "no ACK came, but %s may have granted %s all the same "
				 "(keep: not released)",
				 rep_ip(of->o.server_id, a), rep_ip(of->o.yiaddr, b));
		return;
	}
	release_send(r, of->o.chaddr, of->o.yiaddr, of->o.server_id,
		     of->o.server_id ? of->o.server_id : of->o.src_ip,
		     of->relay ? NULL : of->o.src_mac, true);
}
