/* SPDX-License-Identifier: BSD-2-Clause */
/* cmd_check.c - `check`: a monitoring plugin (Nagios, Icinga) on diagnose's battery and rules */
#include "battery.h"
#include "diag.h"
#include "lease.h"
#include "loop.h"
#include "report.h"

#include <arpa/inet.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * The Monitoring Plugins development guidelines: one status line
 * "DHCP STATE - text | perfdata", then long text lines; exit 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN. The states come from diagnose's findings (an error is
 * CRITICAL, a warning WARNING, information OK; nothing answered is CRITICAL)
 * and from the thresholds given on the offer latency.
 */
enum state { ST_OK, ST_WARNING, ST_CRITICAL, ST_UNKNOWN, ST_MAX };
static const char *const state_names[ST_MAX] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

/* a threshold range: [@][start:][end], start "~" for minus infinity, no end for infinity */
struct range {
	bool set, inside; /* inside ('@'): alert within, else outside */
	double lo, hi;
	char text[32]; /* as given, for the perfdata */
};

struct check {
	struct range warn, crit;
	uint32_t server; /* --server */
	bool verbose;
};

static bool
parse_num(const char *s, size_t n, double *ret)
{
	char buf[32], *end;

	if (!n || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	/* plain decimal numbers only: strtod also reads "inf", "nan" and hex */
	if (strspn(buf, "0123456789.-+") != n)
		return false;
	*ret = strtod(buf, &end);
	return *end == '\0' && isfinite(*ret);
}

/* "10", "10:", "~:10", "10:20", "@10:20"; false when it is none of these */
static bool
parse_range(const char *s, struct range *ret)
{
	struct range r = {.set = true, .lo = 0, .hi = INFINITY};
	const char *p = s, *colon;

	if (strlen(s) >= sizeof(r.text))
		return false;
	snprintf(r.text, sizeof(r.text), "%s", s);
	if (*p == '@') {
		r.inside = true;
		p++;
	}
	colon = strchr(p, ':');
	if (!colon) {
		if (!parse_num(p, strlen(p), &r.hi))
			return false;
	} else {
		if (colon - p == 1 && *p == '~')
			r.lo = -INFINITY;
		else if (!parse_num(p, (size_t)(colon - p), &r.lo))
			return false;
		if (colon[1] && !parse_num(colon + 1, strlen(colon + 1), &r.hi))
			return false;
	}
	if (r.lo > r.hi)
		return false;
	*ret = r;
	return true;
}

/* does v raise this threshold's alert? */
static bool
alerts(const struct range *r, double v)
{
	bool in = v >= r->lo && v <= r->hi;

	return r->set && (r->inside ? in : !in);
}

/* a is the flag (-x or --name) or "--name=VALUE": true, with *ret_inline the value or NULL */
static bool
is_flag(const char *a, const char *shortf, const char *longf, const char **ret_inline)
{
	size_t n = strlen(longf);

	*ret_inline = NULL;
	if ((shortf && !strcmp(a, shortf)) || !strcmp(a, longf))
		return true;
	if (!strncmp(a, longf, n) && a[n] == '=') {
		*ret_inline = a + n + 1;
		return true;
	}
	return false;
}

static int
parse_args(struct sess *s, int argc, char **argv, struct check *ck)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		struct in_addr ia;
		bool warn = is_flag(a, "-w", "--warning", &v), crit = false, server = false;

		if (!warn)
			crit = is_flag(a, "-c", "--critical", &v);
		if (!warn && !crit)
			server = is_flag(a, NULL, "--server", &v);
		if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			ck->verbose = true;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			/* `help check`; UNKNOWN, as the Monitoring Plugins' own do after --help */
			char *av[] = {"help", "check", NULL};

			cmd_run(s, 2, av);
			return ST_UNKNOWN;
		}
		if (!warn && !crit && !server) {
			sess_err(s, "unexpected '%s' (see 'help check')", a);
			return EX_USAGE;
		}
		if (!v && i + 1 < argc)
			v = argv[++i];
		if (!v) {
			sess_err(s, "'%s' needs a value", a);
			return EX_USAGE;
		}
		if (warn || crit) {
			if (!parse_range(v, warn ? &ck->warn : &ck->crit)) {
				sess_err(s,
				         "%s: '%s' is not a range (10, 10:, ~:10, 10:20, @10:20)",
				         warn ? "--warning" : "--critical", v);
				return EX_USAGE;
			}
		} else if (inet_pton(AF_INET, v, &ia) == 1) {
			ck->server = ntohl(ia.s_addr);
		} else {
			sess_err(s, "--server: '%s' is not an IPv4 address", v);
			return EX_USAGE;
		}
	}
	return 0;
}

/* text for a plugin line: '|' would start the perfdata, so it becomes '/' */
static void
put_text(FILE *fp, const char *t)
{
	for (; *t; t++)
		fputc(*t == '|' ? '/' : *t, fp);
}

/* the state the offer latencies give, and the first server that gave it */
static enum state
latency_state(const struct check *ck, const struct bat_server *sv, size_t n, size_t *ret_which)
{
	enum state st = ST_OK;

	for (size_t i = 0; i < n; i++) {
		double v = sv[i].ms / 1000.0;
		enum state x = sv[i].ms < 0           ? ST_OK
		               : alerts(&ck->crit, v) ? ST_CRITICAL
		               : alerts(&ck->warn, v) ? ST_WARNING
		                                      : ST_OK;

		if (x > st) {
			st = x;
			*ret_which = i;
		}
	}
	return st;
}

static enum state
findings_state(const struct battery *b)
{
	enum state st = ST_OK;

	if (b->v.status == DIAG_NOTHING_ANSWERED)
		return ST_CRITICAL;
	for (size_t i = 0; i < b->nf; i++) {
		enum state x = b->f[i].sev == DIAG_SEV_ERROR  ? ST_CRITICAL
		               : b->f[i].sev == DIAG_SEV_WARN ? ST_WARNING
		                                              : ST_OK;

		st = x > st ? x : st;
	}
	return st;
}

/* 'label'=value[UOM];[warn];[crit];[min];[max] */
static void
perf(FILE *fp, const char *label, const char *value, const char *warn, const char *crit)
{
	fprintf(fp, " '%s'=%s;%s;%s;0", label, value, warn, crit);
}

static void
perfdata(FILE *fp, const struct battery *b, const struct check *ck, const struct bat_server *sv,
         size_t n)
{
	char v[48], w[24] = "";

	fputs(" |", fp);
	snprintf(v, sizeof(v), "%.3fs", (loop_now_ms() - b->t0) / 1000.0);
	perf(fp, "time", v, "", "");
	snprintf(v, sizeof(v), "%zu", n);
	if (b->in.servers)
		snprintf(w, sizeof(w), "%u:%u", b->in.servers, b->in.servers);
	perf(fp, "servers", v, w, "");
	if (b->v.lease) {
		snprintf(v, sizeof(v), "%us", b->v.lease);
		perf(fp, "lease", v, "", "");
	}
	for (size_t i = 0; i < n; i++) {
		char label[32], a[16];

		if (sv[i].ms < 0)
			continue;
		snprintf(label, sizeof(label), "latency_%s", rep_ip(sv[i].id, a));
		snprintf(v, sizeof(v), "%.3fs", sv[i].ms / 1000.0);
		perf(fp, label, v, ck->warn.text, ck->crit.text);
	}
	fputc('\n', fp);
}

static void
long_text(FILE *fp, const struct battery *b, const struct check *ck, const struct bat_server *sv,
          size_t n, const char *metrics_err)
{
	char a[16];

	for (size_t i = 0; i < n; i++) {
		double v = sv[i].ms / 1000.0;
		const struct range *r = alerts(&ck->crit, v) ? &ck->crit : &ck->warn;

		if (sv[i].ms >= 0 && alerts(r, v))
			fprintf(fp,
			        "latency: %s answered after %.3f s, outside the %s range '%s'\n",
			        rep_ip(sv[i].id, a), v, r == &ck->crit ? "critical" : "warning",
			        r->text);
	}
	for (size_t i = 0; i < b->nf; i++) {
		const struct diag_finding *f = &b->f[i];

		fprintf(fp, "%s %s: ", diag_sev_names[f->sev], diag_rule_name(f->id));
		put_text(fp, f->text);
		if (ck->verbose && f->evidence[0]) {
			fputs("; evidence: ", fp);
			put_text(fp, f->evidence);
		}
		if (f->next[0]) {
			fputs("; next: ", fp);
			put_text(fp, f->next);
		}
		fputc('\n', fp);
	}
	for (size_t i = 0; ck->verbose && i < b->nsteps; i++) {
		const struct probe_result *r = b->steps[i].res;

		if (i && r == b->steps[i - 1].res)
			continue;
		fprintf(fp, "step %s: %u %s, %llu ms, %u repl%s\n",
		        diag_step_names[b->steps[i].kind], r->tries,
		        r->tries == 1 ? "try" : "tries", (unsigned long long)r->elapsed_ms,
		        r->nreplies, r->nreplies == 1 ? "y" : "ies");
	}
	for (size_t i = 0; ck->verbose && i < b->narp; i++) {
		const struct diag_arp *x = &b->arp[i];
		char m[18];

		fprintf(fp, "arp %s (%s): %s\n", rep_ip(x->addr, a),
		        x->what == DIAG_ARP_ROUTER ? "router" : "offered",
		        x->answered ? rep_mac(x->mac, m) : "no answer");
	}
	if (metrics_err)
		fprintf(fp, "metrics: %s\n", metrics_err);
}

/* the metrics of a run (or of one that could not run: up 0, status UNKNOWN) */
static int
write_metrics(struct battery *b, enum state st, char *err, size_t errlen)
{
	if (!b->cfg->metrics_path[0])
		return 0;
	return bat_metrics(b, "check", (int)st, err, errlen);
}

int
cmd_check(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct check ck = {0};
	struct battery *b;
	struct bat_server sv[BAT_SERVERS_MAX];
	char merr[320] = "";
	enum state st, lat;
	size_t n, which = 0;
	int r;
	FILE *fp;

	r = parse_args(s, argc, argv, &ck);
	if (r)
		return r;
	b = calloc(1, sizeof(*b));
	if (!b) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	r = bat_init(b, s, cfg, BAT_FAST, false);
	b->server = ck.server;
	if (r == 0)
		r = bat_run(b);
	if (r) { /* the plugin's end (check_end) says UNKNOWN with the error */
		if (b->heard)
			write_metrics(b, ST_UNKNOWN, merr, sizeof(merr));
		bat_done(b);
		free(b);
		return r;
	}
	bat_rules(b);
	n = bat_servers(b, sv, BAT_SERVERS_MAX);
	st = findings_state(b);
	lat = latency_state(&ck, sv, n, &which);
	if (lat > st)
		st = lat;
	if (write_metrics(b, st, merr, sizeof(merr)) < 0 && st == ST_OK)
		st = ST_UNKNOWN;
	fp = sess_out_begin(s);
	fprintf(fp, "DHCP %s - ", state_names[st]);
	if (st == ST_UNKNOWN) {
		put_text(fp, merr);
	} else if (lat > findings_state(b)) {
		char a[16];

		fprintf(fp, "%s answered after %.3f s (%s range '%s')", rep_ip(sv[which].id, a),
		        sv[which].ms / 1000.0, lat == ST_CRITICAL ? "critical" : "warning",
		        lat == ST_CRITICAL ? ck.crit.text : ck.warn.text);
	} else {
		put_text(fp, b->v.line);
	}
	perfdata(fp, b, &ck, sv, n);
	long_text(fp, b, &ck, sv, n, merr[0] ? merr : NULL);
	fflush(fp);
	sess_out_end(s);
	bat_done(b);
	free(b);
	return (int)st;
}

/*
 * The end of every `check`, whatever happened (cmd_run calls it for the row):
 * an exit status outside 0-3 (a usage error, no privilege, an internal error,
 * Ctrl-C) becomes UNKNOWN with the error as its status line. The error
 * messages were kept in err instead of going to stderr: Icinga 2 shows a
 * plugin's stderr mixed with its output.
 */
int
check_end(struct sess *s, int status, const char *err)
{
	FILE *fp;

	if (status >= ST_OK && status < ST_UNKNOWN)
		return status;
	if (status == ST_UNKNOWN)
		return status; /* said already */
	fp = sess_out_begin(s);
	fputs("DHCP UNKNOWN - ", fp);
	put_text(fp, err[0] ? err : status == DD_INTERRUPTED ? "interrupted" : "internal error");
	fputc('\n', fp);
	fflush(fp);
	sess_out_end(s);
	return ST_UNKNOWN;
}
