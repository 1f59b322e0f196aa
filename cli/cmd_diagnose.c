/* SPDX-License-Identifier: BSD-2-Clause */
/* cmd_diagnose.c - `diagnose`: a battery of probes chosen from what the last one showed, a verdict */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "battery.h"
#include "diag.h"
#include "loop.h"
#include "out.h"
#include "report.h"

/* --- output --------------------------------------------------------------------- */

static void
print_text(struct battery *b, FILE *fp)
{
	fprintf(fp, "%s\n", b->v.line);
	for (size_t i = 0; i < b->nf; i++) {
		const struct diag_finding *f = &b->f[i];

		fprintf(fp, "\n%-7s %s: %s\n", diag_sev_names[f->sev], diag_rule_name(f->id),
			f->text);
		if (f->evidence[0])
			fprintf(fp, "        evidence: %s\n", f->evidence);
		if (f->next[0])
			fprintf(fp, "        next: %s\n", f->next);
	}
	for (int i = 0; i < b->nskipped; i++)
		fprintf(fp, "\nnot checked: %s\n", b->skipped[i]);
	if (b->in.from_capture) {
		enum diag_id ids[DIAG_MAX];
		size_t n = diag_capture_skips(ids, DIAG_MAX);

		fputs("\na capture cannot show:", fp);
		for (size_t i = 0; i < n; i++)
			fprintf(fp, " %s", diag_rule_name(ids[i]));
		fputc('\n', fp);
	}
}

static void
print_steps(struct battery *b, FILE *fp)
{
	char a[16], c[16];

	fputs("\nprobes:\n", fp);
	for (size_t i = 0; i < b->nsteps; i++) {
		const struct probe_result *r = b->steps[i].res;

		if (i && b->steps[i].res == b->steps[i - 1].res)
			continue; /* one step serving two questions */
		fprintf(fp, "  %-30s %u %s, %llu ms:", diag_step_names[b->steps[i].kind], r->tries,
			r->tries == 1 ? "try" : "tries", (unsigned long long)r->elapsed_ms);
		if (!r->nreplies)
			fputs(" no reply", fp);
		for (unsigned k = 0; k < r->nreplies; k++) {
			const struct obs *o = &r->replies[k];

			fprintf(fp, "%s %s", k ? "," : "", rep_type(o->type));
			if (o->yiaddr)
				fprintf(fp, " %s", rep_ip(o->yiaddr, a));
			fprintf(fp, " from %s +%lld ms", rep_ip(o->server_id, c), (long long)o->ms);
		}
		fputc('\n', fp);
	}
	for (size_t i = 0; i < b->narp; i++) {
		const struct diag_arp *x = &b->arp[i];
		char m[18];

		fprintf(fp, "  ARP %-26s %s\n", rep_ip(x->addr, a),
			x->answered ? rep_mac(x->mac, m) : "no answer (free)");
	}
	fprintf(fp, "  passive listen: %zu message%s from other clients or servers%s\n", b->nheard,
		b->nheard == 1 ? "" : "s", b->heard_lost ? " (more not kept)" : "");
}

static void
value_json(struct val_arena *a, struct val *o, const struct diag_value *v)
{
	switch (v->kind) {
	case DIAG_V_IP:
		val_ip(a, o, v->key, v->ip);
		break;
	case DIAG_V_MAC:
		val_mac(a, o, v->key, v->mac, 6);
		break;
	case DIAG_V_SECS:
		val_secs(a, o, v->key, v->num);
		break;
	case DIAG_V_STR:
		val_str(a, o, v->key, (const uint8_t *)v->str, strlen(v->str));
		break;
	default:
		val_uint(a, o, v->key, v->num);
		break;
	}
}

static void
finding_json(struct val_arena *a, struct val *list, const struct diag_finding *f)
{
	struct val *e = val_obj(a, list, NULL), *vals;

	val_cstr(a, e, "id", diag_rule_name(f->id));
	val_cstr(a, e, "severity", diag_sev_names[f->sev]);
	val_str(a, e, "text", (const uint8_t *)f->text, strlen(f->text));
	val_str(a, e, "evidence", (const uint8_t *)f->evidence, strlen(f->evidence));
	val_str(a, e, "next", (const uint8_t *)f->next, strlen(f->next));
	if (f->server)
		val_ip(a, e, "server", f->server);
	vals = val_obj(a, e, "values");
	for (unsigned i = 0; i < f->nvalues; i++)
		value_json(a, vals, &f->values[i]);
}

static void
steps_json(struct battery *b, struct val_arena *a, struct val *o)
{
	struct val *list = val_list(a, o, "steps");

	for (size_t i = 0; i < b->nsteps; i++) {
		const struct probe_result *r = b->steps[i].res;
		struct val *e = val_obj(a, list, NULL), *rl;

		val_cstr(a, e, "step", diag_step_names[b->steps[i].kind]);
		val_cstr(a, e, "probe", probe_kind_names[r->kind]);
		val_uint(a, e, "tries", r->tries);
		val_uint(a, e, "elapsed-ms", r->elapsed_ms);
		val_bool(a, e, "answered", r->answers > 0);
		rl = val_list(a, e, "replies");
		for (unsigned k = 0; k < r->nreplies; k++)
			rep_obs(a, val_obj(a, rl, NULL), &r->replies[k]);
	}
	list = val_list(a, o, "arp");
	for (size_t i = 0; i < b->narp; i++) {
		struct val *e = val_obj(a, list, NULL);

		val_ip(a, e, "address", b->arp[i].addr);
		val_cstr(a, e, "what", b->arp[i].what == DIAG_ARP_ROUTER ? "router" : "offered");
		val_bool(a, e, "in-use", b->arp[i].answered);
		if (b->arp[i].answered) {
			val_mac(a, e, "mac", b->arp[i].mac, 6);
			val_uint(a, e, "ms", b->arp[i].ms);
		}
	}
}

static void
print_json(struct battery *b, FILE *fp, int status)
{
	struct val_arena *a = &b->sp->arena;
	struct val *o, *list;

	arena_reset(a);
	o = val_obj(a, NULL, NULL);
	val_cstr(a, o, "event", "result");
	val_cstr(a, o, "command", "diagnose");
	val_int(a, o, "status", status);
	val_cstr(a, o, "health", diag_status_names[b->v.status]);
	val_str(a, o, "verdict", (const uint8_t *)b->v.line, strlen(b->v.line));
	if (b->v.address) {
		struct val *l = val_obj(a, o, "lease");

		val_ip(a, l, "address", b->v.address);
		val_ip(a, l, "server-id", b->v.server);
		if (b->v.lease)
			val_secs(a, l, "lease-time", b->v.lease);
	}
	list = val_list(a, o, "findings");
	for (size_t i = 0; i < b->nf; i++)
		finding_json(a, list, &b->f[i]);
	if (b->in.from_capture) {
		enum diag_id ids[DIAG_MAX];
		size_t n = diag_capture_skips(ids, DIAG_MAX);

		list = val_list(a, o, "not-checked");
		for (size_t i = 0; i < n; i++)
			val_cstr(a, list, NULL, diag_rule_name(ids[i]));
	} else {
		steps_json(b, a, o);
	}
	val_uint(a, o, "heard", b->nheard + b->heard_lost);
	val_uint(a, o, "elapsed-ms", loop_now_ms() - b->t0);
	out_json(fp, o);
	fputc('\n', fp);
}

/* --- the command ------------------------------------------------------------------ */

/* `diagnose --findings [--man]`: the rule table (the man page's FINDINGS list is made with it) */
static int
list_findings(struct sess *s, bool json, bool man)
{
	FILE *fp = sess_out_begin(s);

	for (int i = 0; i < DIAG_MAX; i++) {
		if (man) {
			/* roff: an id's hyphens are minus signs, so they copy and search as typed */
			fputs(".TP\n.B ", fp);
			for (const char *c = diag_rule_name(i); *c; c++)
				if (*c == '-')
					fputs("\\-", fp);
				else
					fputc(*c, fp);
			fprintf(fp, "\n(%s%s) %s.\n", diag_sev_names[diag_rule_sev(i)],
				diag_rule_needs_probe(i) ? "; not from a capture" : "",
				diag_rule_desc(i));
		} else if (json) {
			fprintf(fp, "{\"id\":\"%s\",\"severity\":\"%s\",\"capture\":%s}\n",
				diag_rule_name(i), diag_sev_names[diag_rule_sev(i)],
				diag_rule_needs_probe(i) ? "false" : "true");
		} else {
			fprintf(fp, "%-26s %-8s %s\n", diag_rule_name(i),
				diag_sev_names[diag_rule_sev(i)], diag_rule_desc(i));
		}
	}
	fflush(fp);
	sess_out_end(s);
	return 0;
}

struct dflags {
	bool verbose;
	uint32_t server;
	const char *file;
};

/* 0, an exit status, or 100 + the status of `--findings` (listed, nothing to run) */
static int
parse_flags(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv, struct dflags *fl)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		struct in_addr ia;

		if (!strcmp(a, "--findings")) {
			bool man = i + 1 < argc && !strcmp(argv[i + 1], "--man");

			return 100 + list_findings(s, cfg->json, man);
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			fl->verbose = true;
		} else if ((!strcmp(a, "--server") || !strcmp(a, "-r")) && i + 1 < argc) {
			if (a[1] == 'r') {
				fl->file = argv[++i];
			} else if (inet_pton(AF_INET, argv[++i], &ia) == 1) {
				fl->server = ntohl(ia.s_addr);
			} else {
				sess_err(s, "'%s' is not an IPv4 address", argv[i]);
				return EX_USAGE;
			}
		} else {
			sess_err(s, "unexpected '%s' (see 'help diagnose')", a);
			return EX_USAGE;
		}
	}
	return 0;
}

static void
print(struct battery *b, bool verbose, int st)
{
	FILE *fp = sess_out_begin(b->s);

	if (b->cfg->json) {
		print_json(b, fp, st);
	} else {
		print_text(b, fp);
		if (verbose && !b->in.from_capture)
			print_steps(b, fp);
	}
	fflush(fp);
	sess_out_end(b->s);
}

int
cmd_diagnose(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct battery *b = calloc(1, sizeof(*b));
	struct dflags fl = {0};
	int st;

	if (!b) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	st = parse_flags(s, cfg, argc, argv, &fl);
	if (st >= 100) { /* --findings: listed, nothing to run */
		free(b);
		return st - 100;
	}
	if (st == 0)
		st = bat_init(b, s, cfg, BAT_FULL, fl.file != NULL);
	b->server = fl.server;
	if (st == 0)
		st = fl.file ? bat_read(b, fl.file) : bat_run(b);
	if (st == 0) {
		st = bat_rules(b);
		print(b, fl.verbose, st);
	}
	/* --metrics: also when it could not run (up 0, its status), once bat_init worked */
	if (cfg->metrics_path[0] && b->heard) {
		char err[512];

		if (bat_metrics(b, "diagnose", st, err, sizeof(err)) < 0) {
			sess_err(s, "%s", err);
			st = st ? st : EX_CANTCREAT;
		}
	}
	bat_done(b);
	free(b);
	return st;
}
