/* SPDX-License-Identifier: BSD-2-Clause */
/* cmd_diagnose.c - `diagnose`: a battery of probes chosen from what the last one showed, a verdict */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arp_probe.h"
#include "diag.h"
#include "frame.h"
#include "loop.h"
#include "out.h"
#include "probe_int.h"
#include "report.h"
#include "xport_file.h"
#include "xport_pcap.h"

#define STEPS_MAX 10
#define HEARD_MAX 256          /* the passive listen keeps this many messages */
#define FILE_OBS_MAX 16384     /* messages of a capture file the rules read */
#define FINDINGS_MAX 32

/*
 * Timing of the battery. The first DISCOVER listens 3.5 s: a server that
 * pings or ARPs the address before offering answers after 1-3 s (dnsmasq
 * about 3 s) and must not be called dead, nor a slow second server missed.
 * The other steps only ask a yes/no question of servers already known to
 * answer, or of silence: 1.5 s a try, two tries.
 */
#define FIRST_WINDOW_MS 3500
#define STEP_WINDOW_MS 1500
#define ARP_COUNT 2
#define ARP_INTERVAL_MS 100
#define ARP_WAIT_MS 300

struct dctx {
	struct sess *s;
	const struct probe_cfg *cfg;
	struct sess_probe *sp;
	bool verbose;
	uint32_t server; /* --server */
	uint8_t mac[6];  /* the client we diagnose */
	bool wireless;
	struct xpcap_if_info ifi;
	struct probe_result *res; /* [STEPS_MAX] each step's result, copied */
	struct diag_probe steps[STEPS_MAX];
	size_t nsteps;
	struct diag_arp arp[2];
	size_t narp;
	struct obs *heard;
	size_t nheard, cap_heard;
	unsigned heard_lost;
	uint8_t rand_mac[6];
	char skipped[2][160]; /* steps that could not run, and why */
	int nskipped;
	struct diag_input in;
	struct diag_finding f[FINDINGS_MAX];
	size_t nf;
	struct diag_verdict v;
	uint64_t t0;
};

/* --- the passive listen -------------------------------------------------------- */

static bool
is_ours(const struct dctx *d, const struct obs *o)
{
	return !memcmp(o->chaddr, d->mac, 6) || !memcmp(o->chaddr, d->rand_mac, 6);
}

static void
keep_heard(struct dctx *d, const struct obs *o)
{
	if (d->nheard < d->cap_heard)
		d->heard[d->nheard++] = *o;
	else
		d->heard_lost++;
}

static void
on_heard(void *arg, const struct obs *o, const uint8_t *frame, size_t len)
{
	struct dctx *d = arg;

	(void)frame;
	(void)len;
	/* our own messages, and late replies to them, are not other clients' traffic */
	if (!is_ours(d, o))
		keep_heard(d, o);
}

/* --- steps ------------------------------------------------------------------------ */

static void
skip_note(struct dctx *d, const char *what, const char *why)
{
	if (d->nskipped < 2)
		snprintf(d->skipped[d->nskipped++], sizeof(d->skipped[0]), "%s: %s", what, why);
}

static bool answered(const struct probe_result *res);
static const struct probe_result *step_of(const struct dctx *d, enum diag_step kind);

/*
 * The settings every step starts from: the client's MAC, the windows above.
 * When the first DISCOVER (two tries) got nothing, the questions after it
 * get one try each: silence is already established, and the whole battery
 * must end within 15 s.
 */
static struct probe_cfg
step_cfg(const struct dctx *d, unsigned window_ms, enum wait_mode wait)
{
	struct probe_cfg c = *d->cfg;
	const struct probe_result *own = step_of(d, DIAG_STEP_DISCOVER_OWN);

	/* a server that took its time to answer the first DISCOVER takes it again */
	for (unsigned i = 0; own && i < own->nreplies; i++) {
		int64_t ms = probe_reply_latency(own, &own->replies[i]);

		if (ms + 1000 > (int64_t)window_ms)
			window_ms = (unsigned)ms + 1000;
	}
	if (window_ms > FIRST_WINDOW_MS)
		window_ms = FIRST_WINDOW_MS;
	c.mac_random = false;
	memcpy(c.mac, d->mac, 6);
	c.timeout_ms = window_ms;
	c.backoff_cap_ms = window_ms;
	c.tries = own && !answered(own) ? 1 : 2;
	c.wait = wait;
	c.quiet_ms = 500;
	c.keep = false;
	c.relay = 0;
	c.broadcast = false;
	return c;
}

/* run one step quietly, keep its result; with take_lease an ACK becomes the session's lease */
static const struct probe_result *
step(struct dctx *d, enum diag_step kind, const struct probe_cfg *cfg,
     const struct probe_target *t, bool take_lease)
{
	struct probe_result *res = &d->res[d->nsteps];
	struct run r;

	if (d->nsteps == STEPS_MAX)
		return NULL;
	if (run_begin(&r, d->s, cfg, "diagnose")) {
		run_end(&r);
		return NULL;
	}
	r.quiet = true;
	probe_set_tap(r.probe, on_heard, d);
	run_step(&r, t);
	*res = *r.res;
	d->steps[d->nsteps++] = (struct diag_probe){kind, res};
	if (take_lease && r.ack_ok)
		lease_take(&r, cfg->relay != 0);
	run_end(&r);
	return res;
}

static bool
answered(const struct probe_result *res)
{
	return res && res->answers > 0;
}

static const struct probe_result *
step_of(const struct dctx *d, enum diag_step kind)
{
	for (size_t i = 0; i < d->nsteps; i++)
		if (d->steps[i].kind == kind)
			return d->steps[i].res;
	return NULL;
}

/* the first allowed offer of the own-MAC discover */
static const struct obs *
best_offer(const struct dctx *d)
{
	const struct probe_result *res = step_of(d, DIAG_STEP_DISCOVER_OWN);

	for (unsigned i = 0; res && i < res->nreplies; i++)
		if (res->replies[i].type == DHCPOFFER && !(res->replies[i].flags & OBS_ROGUE))
			return &res->replies[i];
	for (unsigned i = 0; res && i < res->nreplies; i++)
		if (res->replies[i].type == DHCPOFFER)
			return &res->replies[i];
	return NULL;
}

static void
st_discover_own(struct dctx *d)
{
	struct probe_cfg c = step_cfg(d, FIRST_WINDOW_MS, WAIT_QUIET);
	struct probe_target t = {.kind = PROBE_DISCOVER};
	const struct probe_result *res;

	memcpy(t.chaddr, d->mac, 6);
	t.requested = d->cfg->requested;
	res = step(d, DIAG_STEP_DISCOVER_OWN, &c, &t, false);
	/* the same step answers "do unicast replies arrive": its broadcast flag was clear */
	if (res && d->nsteps < STEPS_MAX)
		d->steps[d->nsteps++] = (struct diag_probe){DIAG_STEP_DISCOVER_UNICAST, res};
}

/*
 * A random client: does the server serve others while it ignores us, or does
 * the link drop frames from MACs it does not know (port security)? The frame
 * leaves from the random MAC too, unless `eth-src` says otherwise or the link
 * is wireless (run_begin settles that).
 */
static void
st_discover_random(struct dctx *d)
{
	struct probe_cfg c = step_cfg(d, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_DISCOVER};

	probe_random_mac(d->rand_mac);
	memcpy(c.mac, d->rand_mac, 6);
	memcpy(t.chaddr, d->rand_mac, 6);
	step(d, DIAG_STEP_DISCOVER_RANDOM, &c, &t, false);
}

static void
st_discover_bcast(struct dctx *d)
{
	struct probe_cfg c = step_cfg(d, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_DISCOVER};

	c.broadcast = true;
	memcpy(t.chaddr, d->mac, 6);
	step(d, DIAG_STEP_DISCOVER_BCAST, &c, &t, false);
}

static void
st_select(struct dctx *d)
{
	struct probe_cfg c = step_cfg(d, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_SELECT};
	const struct obs *o = best_offer(d);

	if (!o)
		return;
	memcpy(t.chaddr, o->chaddr, 6);
	t.requested = o->yiaddr;
	t.server_id = o->server_id;
	t.xid = o->xid;
	step(d, DIAG_STEP_SELECT, &c, &t, true);
}

static void
st_init_reboot(struct dctx *d)
{
	struct probe_cfg c = step_cfg(d, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_INIT_REBOOT};

	memcpy(t.chaddr, d->mac, 6);
	t.requested = d->cfg->requested;
	step(d, DIAG_STEP_INIT_REBOOT, &c, &t, true);
}

/* a relay agent's DISCOVER, unicast to --server: is the server alive behind a router? */
static void
st_relay(struct dctx *d)
{
	struct probe_cfg c = step_cfg(d, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_DISCOVER};

	c.relay = d->server;
	memcpy(t.chaddr, d->mac, 6);
	if (!step(d, DIAG_STEP_RELAY, &c, &t, false))
		skip_note(d, "relay probe", "could not act as a relay agent here (an address on "
					    "the interface and port 67 are needed)");
}

/* INFORM from the interface's own address, unicast to --server: is the server alive at all? */
static void
st_inform(struct dctx *d)
{
	struct probe_cfg c = step_cfg(d, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_INFORM};

	if (!d->ifi.addr) {
		skip_note(d, "inform", "the interface has no address to inform from");
		return;
	}
	memcpy(t.chaddr, d->mac, 6);
	t.ciaddr = d->ifi.addr;
	t.dst_ip = d->server;
	step(d, DIAG_STEP_INFORM, &c, &t, false);
}

/* --- ARP ---------------------------------------------------------------------- */

static void
arp_one(struct dctx *d, uint32_t addr, enum diag_arp_what what)
{
	static const unsigned timing[3] = {ARP_COUNT, ARP_INTERVAL_MS, ARP_WAIT_MS};
	struct diag_arp *a = &d->arp[d->narp];
	struct arp_probe_res res;

	if (!addr || !d->sp->x.pcap || d->narp == 2)
		return;
	if (arp_run(d->s, d->sp->x.pcap, addr, d->mac, d->cfg->vlan, timing, &res) < 0 ||
	    res.status < 0)
		return;
	memset(a, 0, sizeof(*a));
	a->addr = addr;
	a->what = what;
	a->answered = res.in_use;
	memcpy(a->mac, res.mac, 6);
	a->ms = res.ms;
	d->narp++;
}

/* the offered address (someone else holds it?) and the offered router (does it answer?) */
static void
st_arp(struct dctx *d)
{
	const struct obs *o = best_offer(d);

	if (!o || d->cfg->relay)
		return;
	/* the host's own address answers for itself: nothing to learn */
	if (o->yiaddr != d->ifi.addr)
		arp_one(d, o->yiaddr, DIAG_ARP_OFFERED);
	if (o->terms.sent & LT_ROUTER)
		arp_one(d, o->terms.routers[0], DIAG_ARP_ROUTER);
}

/* give back what the battery obtained, unless the host itself holds that address */
static void
st_release(struct dctx *d)
{
	struct lease *l = &d->sp->lease;
	struct probe_cfg c = step_cfg(d, STEP_WINDOW_MS, WAIT_FIRST);
	struct run r;

	if (!l->held)
		return;
	if (l->ack.yiaddr == d->ifi.addr) {
		l->held = false; /* the host's own lease: never ours to release */
		return;
	}
	c.relay = l->relay ? d->server : 0;
	if (run_begin(&r, d->s, &c, "diagnose") == 0) {
		r.quiet = true;
		lease_release(&r);
	}
	run_end(&r);
}

/* --- the battery: which step runs is decided from what the earlier ones showed ---- */

static bool
always(const struct dctx *d)
{
	(void)d;
	return true;
}

static bool
have_offer(const struct dctx *d)
{
	return best_offer(d) != NULL;
}

static bool
have_requested(const struct dctx *d)
{
	return d->cfg->requested != 0;
}

/* toward --server only when the segment itself gave nothing */
static bool
server_and_silence(const struct dctx *d)
{
	return d->server && !answered(step_of(d, DIAG_STEP_DISCOVER_OWN)) &&
	       !answered(step_of(d, DIAG_STEP_DISCOVER_RANDOM)) &&
	       !answered(step_of(d, DIAG_STEP_DISCOVER_BCAST));
}

/* INFORM asks "is the server alive at all" when the relayed DISCOVER got nothing either */
static bool
relay_silent(const struct dctx *d)
{
	return server_and_silence(d) && !answered(step_of(d, DIAG_STEP_RELAY));
}

static bool
have_lease(const struct dctx *d)
{
	return d->sp->lease.held;
}

static const struct {
	const char *name;
	bool (*when)(const struct dctx *d);
	void (*run)(struct dctx *d);
} battery[] = {
	{"discover with the client's MAC", always, st_discover_own},
	{"discover with a random MAC", always, st_discover_random},
	{"discover with the broadcast flag", always, st_discover_bcast},
	{"request the offer", have_offer, st_select},
	{"ARP the offered address and router", have_offer, st_arp},
	{"INIT-REBOOT of the previous address", have_requested, st_init_reboot},
	{"relay probe toward --server", server_and_silence, st_relay},
	{"inform toward --server", relay_silent, st_inform},
	{"release", have_lease, st_release},
};

/* --- output --------------------------------------------------------------------- */

static void
print_text(struct dctx *d, FILE *fp)
{
	fprintf(fp, "%s\n", d->v.line);
	for (size_t i = 0; i < d->nf; i++) {
		const struct diag_finding *f = &d->f[i];

		fprintf(fp, "\n%-7s %s: %s\n", diag_sev_names[f->sev], diag_rule_name(f->id),
			f->text);
		if (f->evidence[0])
			fprintf(fp, "        evidence: %s\n", f->evidence);
		if (f->next[0])
			fprintf(fp, "        next: %s\n", f->next);
	}
	for (int i = 0; i < d->nskipped; i++)
		fprintf(fp, "\nnot checked: %s\n", d->skipped[i]);
	if (d->in.from_capture) {
		enum diag_id ids[DIAG_MAX];
		size_t n = diag_capture_skips(ids, DIAG_MAX);

		fputs("\na capture cannot show:", fp);
		for (size_t i = 0; i < n; i++)
			fprintf(fp, " %s", diag_rule_name(ids[i]));
		fputc('\n', fp);
	}
}

static void
print_steps(struct dctx *d, FILE *fp)
{
	char a[16], b[16];

	fputs("\nprobes:\n", fp);
	for (size_t i = 0; i < d->nsteps; i++) {
		const struct probe_result *r = d->steps[i].res;

		if (i && d->steps[i].res == d->steps[i - 1].res)
			continue; /* one step serving two questions */
		fprintf(fp, "  %-30s %u %s, %llu ms:", diag_step_names[d->steps[i].kind], r->tries,
			r->tries == 1 ? "try" : "tries", (unsigned long long)r->elapsed_ms);
		if (!r->nreplies)
			fputs(" no reply", fp);
		for (unsigned k = 0; k < r->nreplies; k++) {
			const struct obs *o = &r->replies[k];

			fprintf(fp, "%s %s", k ? "," : "", rep_type(o->type));
			if (o->yiaddr)
				fprintf(fp, " %s", rep_ip(o->yiaddr, a));
			fprintf(fp, " from %s +%lld ms", rep_ip(o->server_id, b), (long long)o->ms);
		}
		fputc('\n', fp);
	}
	for (size_t i = 0; i < d->narp; i++) {
		const struct diag_arp *x = &d->arp[i];
		char m[18];

		fprintf(fp, "  ARP %-26s %s\n", rep_ip(x->addr, a),
			x->answered ? rep_mac(x->mac, m) : "no answer (free)");
	}
	fprintf(fp, "  passive listen: %zu message%s from other clients or servers%s\n", d->nheard,
		d->nheard == 1 ? "" : "s", d->heard_lost ? " (more not kept)" : "");
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
steps_json(struct dctx *d, struct val_arena *a, struct val *o)
{
	struct val *list = val_list(a, o, "steps");

	for (size_t i = 0; i < d->nsteps; i++) {
		const struct probe_result *r = d->steps[i].res;
		struct val *e = val_obj(a, list, NULL), *rl;

		val_cstr(a, e, "step", diag_step_names[d->steps[i].kind]);
		val_cstr(a, e, "probe", probe_kind_names[r->kind]);
		val_uint(a, e, "tries", r->tries);
		val_uint(a, e, "elapsed-ms", r->elapsed_ms);
		val_bool(a, e, "answered", r->answers > 0);
		rl = val_list(a, e, "replies");
		for (unsigned k = 0; k < r->nreplies; k++)
			rep_obs(a, val_obj(a, rl, NULL), &r->replies[k]);
	}
	list = val_list(a, o, "arp");
	for (size_t i = 0; i < d->narp; i++) {
		struct val *e = val_obj(a, list, NULL);

		val_ip(a, e, "address", d->arp[i].addr);
		val_cstr(a, e, "what", d->arp[i].what == DIAG_ARP_ROUTER ? "router" : "offered");
		val_bool(a, e, "in-use", d->arp[i].answered);
		if (d->arp[i].answered) {
			val_mac(a, e, "mac", d->arp[i].mac, 6);
			val_uint(a, e, "ms", d->arp[i].ms);
		}
	}
}

static void
print_json(struct dctx *d, FILE *fp, int status)
{
	struct val_arena *a = &d->sp->arena;
	struct val *o, *list;

	arena_reset(a);
	o = val_obj(a, NULL, NULL);
	val_cstr(a, o, "event", "result");
	val_cstr(a, o, "command", "diagnose");
	val_int(a, o, "status", sess_final_status(d->s, status)); /* 143 when SIGTERM cut it */
	val_cstr(a, o, "health", diag_status_names[d->v.status]);
	val_str(a, o, "verdict", (const uint8_t *)d->v.line, strlen(d->v.line));
	if (d->v.address) {
		struct val *l = val_obj(a, o, "lease");

		val_ip(a, l, "address", d->v.address);
		val_ip(a, l, "server-id", d->v.server);
		if (d->v.lease)
			val_secs(a, l, "lease-time", d->v.lease);
	}
	list = val_list(a, o, "findings");
	for (size_t i = 0; i < d->nf; i++)
		finding_json(a, list, &d->f[i]);
	if (d->in.from_capture) {
		enum diag_id ids[DIAG_MAX];
		size_t n = diag_capture_skips(ids, DIAG_MAX);

		list = val_list(a, o, "not-checked");
		for (size_t i = 0; i < n; i++)
			val_cstr(a, list, NULL, diag_rule_name(ids[i]));
	} else {
		steps_json(d, a, o);
	}
	val_uint(a, o, "heard", d->nheard + d->heard_lost);
	val_uint(a, o, "elapsed-ms", loop_now_ms() - d->t0);
	struct timeval now;
	gettimeofday(&now, NULL);
	rep_result_common(a, o, d->in.from_capture ? NULL : d->cfg->ifname, &now);
	out_json(fp, o);
	fputc('\n', fp);
	d->s->results++;
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

static int
parse_flags(struct dctx *d, int argc, char **argv, const char **ret_file)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		struct in_addr ia;

		if (!strcmp(a, "--findings")) {
			bool man = i + 1 < argc && !strcmp(argv[i + 1], "--man");

			return 100 + list_findings(d->s, d->cfg->json, man);
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			d->verbose = true;
		} else if ((!strcmp(a, "--server") || !strcmp(a, "-r")) && i + 1 < argc) {
			if (a[1] == 'r') {
				*ret_file = argv[++i];
			} else if (inet_pton(AF_INET, argv[++i], &ia) == 1) {
				d->server = ntohl(ia.s_addr);
			} else {
				sess_err(d->s, "'%s' is not an IPv4 address", argv[i]);
				return EX_USAGE;
			}
		} else {
			sess_err(d->s, "unexpected '%s' (see 'help diagnose')", a);
			return EX_USAGE;
		}
	}
	return 0;
}

static bool
prl_has(const struct probe_cfg *cfg, uint8_t code)
{
	for (int i = 0; i < cfg->nopts; i++)
		if (cfg->opts[i].code == 55)
			return memchr(cfg->opts[i].data, code, cfg->opts[i].len) != NULL;
	return false;
}

/* the link itself: up, carrier, its MAC and address; 0 or an exit status */
static int
link_facts(struct dctx *d)
{
	const char *ifname = d->cfg->ifname;
	int r;

	if (!ifname[0]) {
		sess_err(d->s, "no interface chosen (use -i IFACE or 'set interface IFACE')");
		return EX_USAGE;
	}
	r = xpcap_if_info(ifname, &d->ifi);
	if (r < 0) {
		sess_err(d->s, "cannot use '%s': %s", ifname,
			 r == -ENODEV ? "no such interface" : strerror(-r));
		return sess_status(r);
	}
	d->wireless = xpcap_if_wireless(ifname) == 1;
	if (d->cfg->mac_random) {
		r = xpcap_if_mac(ifname, d->mac);
		if (r < 0) {
			sess_err(d->s, "cannot read the MAC address of '%s': %s", ifname,
				 strerror(-r));
			return sess_status(r);
		}
	} else {
		memcpy(d->mac, d->cfg->mac, 6);
	}
	d->in.link_down = !d->ifi.up;
	d->in.no_carrier = d->ifi.up && !d->ifi.carrier;
	d->in.wireless = d->wireless;
	return 0;
}

static void
run_battery(struct dctx *d)
{
	for (size_t i = 0; i < sizeof(battery) / sizeof(battery[0]); i++)
		if (battery[i].when(d))
			battery[i].run(d);
}

/* `diagnose -r FILE`: every DHCP message of the capture goes to the rules */
static int
read_capture(struct dctx *d, const char *path)
{
	char err[256] = "";
	struct xfile *x;
	struct pkt pk;
	struct frame f;
	struct obs o;
	int r;

	r = xfile_open(path, NULL, &x, err, sizeof(err));
	if (r < 0) {
		sess_err(d->s, "%s", err);
		return r == -EINVAL ? EX_USAGE : EX_NOINPUT;
	}
	while ((r = xfile_next(x, &pk, err, sizeof(err))) > 0)
		if (obs_parse(pk.linktype, pk.data, pk.caplen, pk.wirelen, &pk.ts, &d->sp->msg, &f,
			      &o) == 0)
			keep_heard(d, &o);
	xfile_free(x);
	if (r < 0) {
		sess_err(d->s, "%s", err);
		return EX_NOINPUT;
	}
	d->in.from_capture = true;
	return 0;
}

static int
verdict(struct dctx *d)
{
	FILE *fp;
	int st;

	d->in.steps = d->steps;
	d->in.nsteps = d->nsteps;
	d->in.arp = d->arp;
	d->in.narp = d->narp;
	d->in.heard = d->heard;
	d->in.nheard = d->nheard;
	d->in.server = d->server;
	d->in.allow = d->cfg->allow;
	d->in.nallow = d->cfg->nallow;
	memcpy(d->in.client_mac, d->mac, 6);
	d->in.requested = d->cfg->requested;
	d->in.asked_dns = prl_has(d->cfg, 6);
	d->nf = diag_run(&d->in, d->f, FINDINGS_MAX);
	diag_verdict(&d->in, d->f, d->nf, &d->v);
	st = d->v.status == DIAG_HEALTHY	    ? DD_OK
	     : d->v.status == DIAG_NOTHING_ANSWERED ? DD_NOANSWER
						    : DD_NEGATIVE;
	fp = sess_out_begin(d->s);
	if (d->cfg->json) {
		print_json(d, fp, st);
	} else {
		print_text(d, fp);
		if (d->verbose && !d->in.from_capture)
			print_steps(d, fp);
	}
	fflush(fp);
	sess_out_end(d->s);
	return st;
}

int
cmd_diagnose(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct dctx *d = calloc(1, sizeof(*d));
	const char *file = NULL;
	int st;

	if (!d) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	d->s = s;
	d->cfg = cfg;
	d->t0 = loop_now_ms();
	d->sp = sp_get(s);
	st = d->sp ? parse_flags(d, argc, argv, &file) : EX_SOFTWARE;
	if (st >= 100) { /* --findings: listed, nothing to run */
		free(d);
		return st - 100;
	}
	if (st == 0) {
		d->cap_heard = file ? FILE_OBS_MAX : HEARD_MAX;
		d->heard = calloc(d->cap_heard, sizeof(*d->heard));
		d->res = file ? NULL : calloc(STEPS_MAX, sizeof(*d->res));
		if (!d->heard || (!file && !d->res))
			st = EX_SOFTWARE;
	}
	if (st == 0)
		st = file ? read_capture(d, file) : link_facts(d);
	/* a link that is down or has no carrier sends nothing: the verdict says why */
	if (st == 0 && !file && !d->in.link_down && !d->in.no_carrier) {
		struct probe_cfg c = step_cfg(d, STEP_WINDOW_MS, WAIT_FIRST);

		st = xport_ready(s, &d->sp->x, &c);
		if (st == 0)
			run_battery(d);
	}
	if (st == 0)
		st = verdict(d);
	free(d->heard);
	free(d->res);
	free(d);
	return st;
}
