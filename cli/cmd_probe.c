/* SPDX-License-Identifier: BSD-2-Clause */
/* cmd_probe.c - the probe commands: discover, request, dora, inform, release, decline */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "loop.h"
#include "metrics.h"
#include "probe_int.h"
#include "report.h"
#include "tracker.h"

static int
unknown_flags(struct sess *s, int argc, char **argv, const char *const *ok)
{
	for (int i = 1; i < argc; i++) {
		bool known = false;

		if (argv[i][0] != '-' || !argv[i][1] || (argv[i][1] >= '0' && argv[i][1] <= '9'))
			continue;
		for (int k = 0; ok && ok[k]; k++)
			known |= !strcmp(argv[i], ok[k]);
		if (!known) {
			sess_err(s, "unknown flag '%s' (see 'help %s')", argv[i], argv[0]);
			return EX_USAGE;
		}
	}
	return 0;
}

static bool
has_flag(int argc, char **argv, const char *flag)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], flag))
			return true;
	return false;
}

/* an IPv4 address word into *ret (host order); 0 or EX_USAGE with a message */
static int
parse_addr(struct sess *s, const char *word, uint32_t *ret)
{
	struct in_addr ia;

	if (inet_pton(AF_INET, word, &ia) != 1) {
		sess_err(s, "'%s' is not an IPv4 address", word);
		return EX_USAGE;
	}
	*ret = ntohl(ia.s_addr);
	return 0;
}

/* --metrics: the servers this command heard, with the findings of their replies; the status
 * the command ends with (73 when the file cannot be written and nothing worse happened) */
static int
discover_metrics(struct run *r, const char *command, int st)
{
	const struct trk_server *sv[256];
	struct met_run m = {.command = command, .ifname = r->cfg->ifname, .start = r->start,
	                    .status = st};
	char err[512];
	size_t n;

	if (!r->cfg->metrics_path[0] || !r->sp)
		return st;
	n = sp_servers_since(r->sp, &r->start, sv, 256);
	m.duration = (double)(loop_now_ms() - r->t0) / 1000.0;
	if (metrics_write_servers(r->cfg->metrics_path, &m, sv, n, err, sizeof(err)) < 0) {
		sess_err(r->s, "%s", err);
		return st ? st : EX_CANTCREAT;
	}
	return st;
}

int
cmd_discover(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	uint8_t chaddr[6];
	char msg[192] = "";
	struct run r;
	int st;

	if ((st = unknown_flags(s, argc, argv, NULL)))
		return st;
	st = run_begin(&r, s, cfg, "discover");
	if (st) {
		st = discover_metrics(&r, "discover", st);
		run_end(&r);
		return st;
	}
	sp_chaddr(s, r.sp, cfg, chaddr);
	st = run_discover(&r, chaddr);
	if (st == 0)
		st = run_verdict_discover(&r, msg, sizeof(msg));
	else
		snprintf(msg, sizeof(msg), "%s", run_fail_word(&r, "no OFFER"));
	if (cfg->json) {
		out_result_json(&r, st, msg[0] ? msg : NULL, true, false);
	} else if (r.sp->noffers && !cfg->brief) { /* --brief: the reply lines said it */
		FILE *fp = sess_out_begin(s);

		fprintf(fp, "%d offer%s in %llu ms:\n", r.sp->noffers,
		        r.sp->noffers == 1 ? "" : "s", (unsigned long long)r.res->elapsed_ms);
		out_offers_text(fp, r.sp);
		fflush(fp);
		sess_out_end(s);
	}
	st = discover_metrics(&r, "discover", st);
	run_end(&r);
	return st;
}

/* the target of `request --renew|--rebind` from the held lease or --ciaddr/--server-id */
static int
renew_target(struct sess *s, struct run *r, const struct probe_cfg *cfg, bool renew,
	     struct probe_target *t)
{
	struct lease *l = &r->sp->lease;

	t->kind = renew ? PROBE_RENEW : PROBE_REBIND;
	if (l->held) {
		memcpy(t->chaddr, l->ack.chaddr, 6);
		t->ciaddr = l->ack.yiaddr;
		if (renew) {
			t->dst_ip = l->ack.server_id ? l->ack.server_id : l->ack.src_ip;
			if (!l->relay)
				memcpy(t->dst_mac, l->ack.src_mac, 6);
		}
		return 0;
	}
	if (cfg->ciaddr && (!renew || cfg->server_id)) {
		sp_chaddr(s, r->sp, cfg, t->chaddr);
		t->ciaddr = cfg->ciaddr;
		t->dst_ip = renew ? cfg->server_id : 0;
		return 0;
	}
	sess_err(s, "no lease held (get one with 'dora --keep' or 'request', or give --ciaddr%s)",
		 renew ? " and --server-id" : "");
	return EX_USAGE;
}

/* `request [N]`: SELECTING offer N of the last discover */
static int
request_offer(struct sess *s, const struct probe_cfg *cfg, const char *nword, struct run *r)
{
	struct sess_probe *sp = s->probe;
	char *end;
	long n = nword ? strtol(nword, &end, 10) : 1;
	struct offer of;
	int st;

	if (nword && (*end || n < 1)) {
		sess_err(s, "'%s' is not an offer number", nword);
		return EX_USAGE;
	}
	if (!sp || n > sp->noffers) {
		sess_err(s, "no offer %ld (%d from the last discover)", n, sp ? sp->noffers : 0);
		return DD_NEGATIVE;
	}
	of = sp->offers[n - 1];
	st = run_begin(r, s, cfg, "request");
	if (st)
		return st;
	if (of.relay != (cfg->relay != 0)) {
		sess_err(s, "offer %ld came %s relay: request it the same way", n,
		         of.relay ? "through the" : "without the");
		return EX_USAGE;
	}
	st = run_select(r, &of);
	if (st == 0)
		out_lease_line(r);
	return st;
}

int
cmd_request(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	static const char *const flags[] = {"--renew", "--rebind", NULL};
	bool renew = has_flag(argc, argv, "--renew"), rebind = has_flag(argc, argv, "--rebind");
	const char *nword = cmd_first_word(argc, argv);
	struct probe_target t = {.kind = PROBE_INIT_REBOOT};
	struct run r = {0};
	int st;

	if ((st = unknown_flags(s, argc, argv, flags)))
		return st;
	if (renew && rebind) {
		sess_err(s, "give one of --renew and --rebind");
		return EX_USAGE;
	}
	if ((renew || rebind) && nword) {
		sess_err(s, "--%s works on the held lease, not on an offer",
		         renew ? "renew" : "rebind");
		return EX_USAGE;
	}
	if (!renew && !rebind && (nword || !cfg->requested)) {
		st = request_offer(s, cfg, nword, &r);
		goto out;
	}
	st = run_begin(&r, s, cfg, "request");
	if (st)
		goto out;
	if (renew || rebind) {
		st = renew_target(s, &r, cfg, renew, &t);
		if (st)
			goto out;
	} else {
		/* INIT-REBOOT: verify a remembered address */
		sp_chaddr(s, r.sp, cfg, t.chaddr);
		t.requested = cfg->requested;
	}
	st = run_verdict_request(&r, run_step(&r, &t));
	if (st == 0) {
		struct lease *l = &r.sp->lease;
		bool keep = (renew || rebind) && l->held && l->keep;

		lease_take(&r, cfg->relay != 0);
		l->keep = keep || cfg->keep;
		out_lease_line(&r);
	}
out:
	if (cfg->json && r.sp)
		out_result_json(&r, st, NULL, false, true);
	run_end(&r);
	return st;
}

/* the offer dora takes: the first from an allowed server (and from --server-id when given) */
static const struct offer *
dora_pick(const struct run *r)
{
	for (int i = 0; i < r->sp->noffers; i++) {
		const struct offer *c = &r->sp->offers[i];

		if (!(c->o.flags & OBS_ROGUE) &&
		    (!r->cfg->server_id || c->o.server_id == r->cfg->server_id))
			return c;
	}
	return NULL;
}

static int
dora_rest(struct sess *s, struct run *r, char *msg, size_t msglen)
{
	int verdict = run_verdict_discover(r, msg, msglen);
	const struct offer *of = dora_pick(r);
	int st;

	if (!of) {
		char a[16];

		if (r->cfg->server_id) {
			sess_err(s, "no offer from server %s: not requesting",
				 rep_ip(r->cfg->server_id, a));
			snprintf(msg, msglen, "no offer from the chosen server");
		} else {
			sess_err(s, "no offer from an allowed server: not requesting");
		}
		return DD_NEGATIVE;
	}
	st = run_select(r, of);
	if (st == 0) {
		out_lease_line(r);
		if (!r->cfg->keep)
			st = lease_release(r);
		return st ? st : verdict;
	}
	if (st == DD_NEGATIVE) {
		char m[OBS_MESSAGE_MAX * 4 + 1] = "";

		esc_term_buf(m, sizeof(m), r->ack.message, r->ack.message_len);
		snprintf(msg, msglen, "NAK%s%s", m[0] ? ": " : "", m);
	} else {
		snprintf(msg, msglen, "%s", run_fail_word(r, "no ACK"));
	}
	return st;
}

int
cmd_dora(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	uint8_t chaddr[6];
	char msg[192] = "";
	struct run r;
	int st;

	if ((st = unknown_flags(s, argc, argv, NULL)))
		return st;
	st = run_begin(&r, s, cfg, "dora");
	if (st) {
		run_end(&r);
		return st;
	}
	sp_chaddr(s, r.sp, cfg, chaddr);
	st = run_discover(&r, chaddr);
	if (st == 0)
		st = dora_rest(s, &r, msg, sizeof(msg));
	else
		snprintf(msg, sizeof(msg), "%s", run_fail_word(&r, "no OFFER"));
	if (cfg->json)
		out_result_json(&r, st, msg[0] ? msg : NULL, true, true);
	run_end(&r);
	return st;
}

int
cmd_inform(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct probe_target t = {.kind = PROBE_INFORM};
	const char *aword = cmd_first_word(argc, argv);
	char msg[192] = "";
	struct run r;
	int st, rogues;

	if ((st = unknown_flags(s, argc, argv, NULL)))
		return st;
	if (aword) {
		if ((st = parse_addr(s, aword, &t.ciaddr)))
			return st;
	} else if (cfg->ciaddr) {
		t.ciaddr = cfg->ciaddr;
	} else if (s->probe && s->probe->lease.held) {
		t.ciaddr = s->probe->lease.ack.yiaddr;
	} else {
		sess_err(s, "inform needs the client's address (inform ADDR)");
		return EX_USAGE;
	}
	st = run_begin(&r, s, cfg, "inform");
	if (st) {
		run_end(&r);
		return st;
	}
	sp_chaddr(s, r.sp, cfg, t.chaddr);
	st = run_verdict_request(&r, run_step(&r, &t));
	rogues = run_rogues(&r);
	if (st == 0 && rogues) {
		out_rogue_warnings(&r);
		st = DD_NEGATIVE;
		snprintf(msg, sizeof(msg), "%d rogue server%s answered", rogues,
		         rogues == 1 ? "" : "s");
	}
	if (cfg->json)
		out_result_json(&r, st, msg[0] ? msg : NULL, false, false);
	run_end(&r);
	return st;
}

int
cmd_release(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct run r;
	int st;

	if ((st = unknown_flags(s, argc, argv, NULL)))
		return st;
	if (!(s->probe && s->probe->lease.held) && !(cfg->ciaddr && cfg->server_id)) {
		sess_err(s, "no lease held (nothing to release; or give --ciaddr and --server-id)");
		return EX_USAGE;
	}
	st = run_begin(&r, s, cfg, "release");
	if (st == 0) {
		struct lease *l = &r.sp->lease;

		if (!l->held) {
			memset(l, 0, sizeof(*l));
			sp_chaddr(s, r.sp, cfg, l->ack.chaddr);
			l->ack.yiaddr = cfg->ciaddr;
			l->ack.server_id = cfg->server_id;
			l->relay = cfg->relay != 0;
		}
		st = lease_release(&r);
		if (cfg->json)
			out_result_json(&r, st, NULL, false, false);
	}
	run_end(&r);
	return st;
}

int
cmd_decline(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct probe_target t = {.kind = PROBE_DECLINE};
	const char *aword = cmd_first_word(argc, argv);
	struct lease *l = s->probe ? &s->probe->lease : NULL;
	uint32_t addr = 0;
	struct run r;
	int st, e;

	if ((st = unknown_flags(s, argc, argv, NULL)))
		return st;
	if (aword && (st = parse_addr(s, aword, &addr)))
		return st;
	if (!aword && !(l && l->held)) {
		sess_err(s, "no lease held (nothing to decline; or give ADDR)");
		return EX_USAGE;
	}
	st = run_begin(&r, s, cfg, "decline");
	if (st == 0) {
		l = &r.sp->lease;
		if (l->held && (!aword || addr == l->ack.yiaddr)) {
			memcpy(t.chaddr, l->ack.chaddr, 6);
			t.requested = l->ack.yiaddr;
			t.server_id = l->ack.server_id;
		} else {
			sp_chaddr(s, r.sp, cfg, t.chaddr);
			t.requested = addr;
			t.server_id = cfg->server_id;
		}
		e = run_step(&r, &t);
		st = e < 0 ? sess_status(e) : 0;
		if (st == 0 && l->held && t.requested == l->ack.yiaddr)
			l->held = false; /* the server forgets it too */
		if (cfg->json)
			out_result_json(&r, st, NULL, false, false);
	}
	run_end(&r);
	return st;
}
