/* SPDX-License-Identifier: BSD-2-Clause */
/* battery.c - the battery of probe steps behind `diagnose` and `check`, and the rules' verdict */
#include "battery.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arp_probe.h"
#include "frame.h"
#include "lease.h"
#include "loop.h"
#include "metrics.h"
#include "msg.h"
#include "xport_file.h"

#define HEARD_MAX 256      /* the passive listen keeps this many messages */
#define FILE_OBS_MAX 16384 /* messages of a capture file the rules read */

/*
 * Timing of the battery. The first DISCOVER listens 3.5 s: a server that
 * pings or ARPs the address before offering answers after 1-3 s (dnsmasq
 * about 3 s) and must not be called dead, nor a slow second server missed.
 * The other steps only ask a yes/no question of servers already known to
 * answer, or of silence: 1.5 s a try, two tries.
 */
#define FIRST_WINDOW_MS 3500
#define STEP_WINDOW_MS 1500
/*
 * The fast battery ends its DISCOVER this long after the first offer (or after
 * --servers N of them): time for a second server on the same segment, which
 * answers within milliseconds of the first unless it checks the address
 * first. A slower one is missed; `diagnose` listens the whole 3.5 s.
 */
#define SETTLE_MS 250

/* ARP probes {count, interval ms, wait ms}: the full battery's; the fast one's are shorter
 * (a holder of the address answers within a millisecond on a LAN; two probes cover one
 * lost frame) */
static const unsigned arp_full[3] = {2, 100, 300};
static const unsigned arp_fast[3] = {2, 50, 150};

/* --- the passive listen -------------------------------------------------------- */

static bool
is_ours(const struct battery *b, const struct obs *o)
{
	return !memcmp(o->chaddr, b->mac, 6) || !memcmp(o->chaddr, b->rand_mac, 6);
}

static void
keep_heard(struct battery *b, const struct obs *o)
{
	if (b->nheard < b->cap_heard)
		b->heard[b->nheard++] = *o;
	else
		b->heard_lost++;
}

static void
on_heard(void *arg, const struct obs *o, const uint8_t *frame, size_t len)
{
	struct battery *b = arg;

	(void)frame;
	(void)len;
	/* our own messages, and late replies to them, are not other clients' traffic */
	if (!is_ours(b, o))
		keep_heard(b, o);
}

/* --- steps ------------------------------------------------------------------------ */

static void
skip_note(struct battery *b, const char *what, const char *why)
{
	if (b->nskipped < 2)
		snprintf(b->skipped[b->nskipped++], sizeof(b->skipped[0]), "%s: %s", what, why);
}

static bool answered(const struct probe_result *res);
static const struct probe_result *step_of(const struct battery *b, enum diag_step kind);

/*
 * The settings every step starts from: the client's MAC, the windows above.
 * When the first DISCOVER (two tries) got nothing, the questions after it
 * get one try each: silence is already established, and the whole battery
 * must end within 15 s.
 */
static struct probe_cfg
step_cfg(const struct battery *b, unsigned window_ms, enum wait_mode wait)
{
	struct probe_cfg c = *b->cfg;
	const struct probe_result *own = step_of(b, DIAG_STEP_DISCOVER_OWN);

	/* a server that took its time to answer the first DISCOVER takes it again */
	for (unsigned i = 0; own && i < own->nreplies; i++) {
		int64_t ms = probe_reply_latency(own, &own->replies[i]);

		if (ms + 1000 > (int64_t)window_ms)
			window_ms = (unsigned)ms + 1000;
	}
	if (window_ms > FIRST_WINDOW_MS)
		window_ms = FIRST_WINDOW_MS;
	c.mac_random = false;
	memcpy(c.mac, b->mac, 6);
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
step(struct battery *b, enum diag_step kind, const struct probe_cfg *cfg,
     const struct probe_target *t, bool take_lease)
{
	struct probe_result *res = &b->res[b->nsteps];
	struct run r;

	if (b->nsteps == BAT_STEPS_MAX)
		return NULL;
	if (run_begin(&r, b->s, cfg, "diagnose")) {
		run_end(&r);
		return NULL;
	}
	r.quiet = true;
	probe_set_tap(r.probe, on_heard, b);
	run_step(&r, t);
	*res = *r.res;
	b->steps[b->nsteps++] = (struct diag_probe){kind, res};
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
step_of(const struct battery *b, enum diag_step kind)
{
	for (size_t i = 0; i < b->nsteps; i++)
		if (b->steps[i].kind == kind)
			return b->steps[i].res;
	return NULL;
}

/* the first allowed offer of the own-MAC discover */
static const struct obs *
best_offer(const struct battery *b)
{
	const struct probe_result *res = step_of(b, DIAG_STEP_DISCOVER_OWN);

	for (unsigned i = 0; res && i < res->nreplies; i++)
		if (res->replies[i].type == DHCPOFFER && !(res->replies[i].flags & OBS_ROGUE))
			return &res->replies[i];
	for (unsigned i = 0; res && i < res->nreplies; i++)
		if (res->replies[i].type == DHCPOFFER)
			return &res->replies[i];
	return NULL;
}

static void
st_discover_own(struct battery *b)
{
	struct probe_cfg c = step_cfg(b, FIRST_WINDOW_MS, WAIT_QUIET);
	struct probe_target t = {.kind = PROBE_DISCOVER};
	const struct probe_result *res;

	/* fast: end soon after the first offer (--servers N: the N-th server's); --wait first
	 * ends at the first offer itself */
	if (b->mode == BAT_FAST) {
		c.wait = b->cfg->wait == WAIT_SERVERS ? WAIT_SERVERS : WAIT_FIRST;
		c.servers = b->cfg->servers;
		c.settle_ms = b->cfg->wait == WAIT_FIRST ? 0 : SETTLE_MS;
	}

	memcpy(t.chaddr, b->mac, 6);
	t.requested = b->cfg->requested;
	res = step(b, DIAG_STEP_DISCOVER_OWN, &c, &t, false);
	/* the same step answers "do unicast replies arrive": its broadcast flag was clear */
	if (res && b->nsteps < BAT_STEPS_MAX)
		b->steps[b->nsteps++] = (struct diag_probe){DIAG_STEP_DISCOVER_UNICAST, res};
}

/*
 * A random client: does the server serve others while it ignores us, or does
 * the link drop frames from MACs it does not know (port security)? The frame
 * leaves from the random MAC too, unless `eth-src` says otherwise or the link
 * is wireless (run_begin settles that).
 */
static void
st_discover_random(struct battery *b)
{
	struct probe_cfg c = step_cfg(b, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_DISCOVER};

	probe_random_mac(b->rand_mac);
	memcpy(c.mac, b->rand_mac, 6);
	memcpy(t.chaddr, b->rand_mac, 6);
	step(b, DIAG_STEP_DISCOVER_RANDOM, &c, &t, false);
}

static void
st_discover_bcast(struct battery *b)
{
	struct probe_cfg c = step_cfg(b, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_DISCOVER};

	c.broadcast = true;
	memcpy(t.chaddr, b->mac, 6);
	step(b, DIAG_STEP_DISCOVER_BCAST, &c, &t, false);
}

static void
st_select(struct battery *b)
{
	struct probe_cfg c = step_cfg(b, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_SELECT};
	const struct obs *o = best_offer(b);

	if (!o)
		return;
	memcpy(t.chaddr, o->chaddr, 6);
	t.requested = o->yiaddr;
	t.server_id = o->server_id;
	t.xid = o->xid;
	step(b, DIAG_STEP_SELECT, &c, &t, true);
}

static void
st_init_reboot(struct battery *b)
{
	struct probe_cfg c = step_cfg(b, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_INIT_REBOOT};

	memcpy(t.chaddr, b->mac, 6);
	t.requested = b->cfg->requested;
	step(b, DIAG_STEP_INIT_REBOOT, &c, &t, true);
}

/* a relay agent's DISCOVER, unicast to --server: is the server alive behind a router? */
static void
st_relay(struct battery *b)
{
	struct probe_cfg c = step_cfg(b, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_DISCOVER};

	c.relay = b->server;
	memcpy(t.chaddr, b->mac, 6);
	if (!step(b, DIAG_STEP_RELAY, &c, &t, false))
		skip_note(b, "relay probe", "could not act as a relay agent here (an address on "
					    "the interface and port 67 are needed)");
}

/* INFORM from the interface's own address, unicast to --server: is the server alive at all? */
static void
st_inform(struct battery *b)
{
	struct probe_cfg c = step_cfg(b, STEP_WINDOW_MS, WAIT_FIRST);
	struct probe_target t = {.kind = PROBE_INFORM};

	if (!b->ifi.addr) {
		skip_note(b, "inform", "the interface has no address to inform from");
		return;
	}
	memcpy(t.chaddr, b->mac, 6);
	t.ciaddr = b->ifi.addr;
	t.dst_ip = b->server;
	step(b, DIAG_STEP_INFORM, &c, &t, false);
}

/* --- ARP ---------------------------------------------------------------------- */

static void
arp_one(struct battery *b, uint32_t addr, enum diag_arp_what what)
{
	const unsigned *timing = b->mode == BAT_FAST ? arp_fast : arp_full;
	struct diag_arp *a = &b->arp[b->narp];
	struct arp_probe_res res;

	if (!addr || !b->sp->x.pcap || b->narp == 2)
		return;
	if (arp_run(b->s, b->sp->x.pcap, addr, b->mac, b->cfg->vlan, timing, &res) < 0 ||
	    res.status < 0)
		return;
	memset(a, 0, sizeof(*a));
	a->addr = addr;
	a->what = what;
	a->answered = res.in_use;
	memcpy(a->mac, res.mac, 6);
	a->ms = res.ms;
	b->narp++;
}

/* the offered address (someone else holds it?) and the offered router (does it answer?) */
static void
st_arp(struct battery *b)
{
	const struct obs *o = best_offer(b);

	if (!o || b->cfg->relay)
		return;
	/* the host's own address answers for itself: nothing to learn */
	if (o->yiaddr != b->ifi.addr)
		arp_one(b, o->yiaddr, DIAG_ARP_OFFERED);
	if (o->terms.sent & LT_ROUTER)
		arp_one(b, o->terms.routers[0], DIAG_ARP_ROUTER);
}

/* give back what the battery obtained, unless the host itself holds that address */
static void
st_release(struct battery *b)
{
	struct lease *l = &b->sp->lease;
	struct probe_cfg c = step_cfg(b, STEP_WINDOW_MS, WAIT_FIRST);
	struct run r;

	if (!l->held)
		return;
	if (l->ack.yiaddr == b->ifi.addr) {
		l->held = false; /* the host's own lease: never ours to release */
		return;
	}
	c.relay = l->relay ? b->server : 0;
	if (run_begin(&r, b->s, &c, "diagnose") == 0) {
		r.quiet = true;
		lease_release(&r);
	}
	run_end(&r);
}

/* --- the battery: which step runs is decided from what the earlier ones showed ---- */

static bool
always(const struct battery *b)
{
	(void)b;
	return true;
}

static bool
have_offer(const struct battery *b)
{
	return best_offer(b) != NULL;
}

static bool
have_requested(const struct battery *b)
{
	return b->cfg->requested != 0;
}

/* toward --server only when the segment itself gave nothing */
static bool
server_and_silence(const struct battery *b)
{
	return b->server && !answered(step_of(b, DIAG_STEP_DISCOVER_OWN)) &&
	       !answered(step_of(b, DIAG_STEP_DISCOVER_RANDOM)) &&
	       !answered(step_of(b, DIAG_STEP_DISCOVER_BCAST));
}

/* INFORM asks "is the server alive at all" when the relayed DISCOVER got nothing either */
static bool
relay_silent(const struct battery *b)
{
	return server_and_silence(b) && !answered(step_of(b, DIAG_STEP_RELAY));
}

static bool
have_lease(const struct battery *b)
{
	return b->sp->lease.held;
}

/* fast: the questions that tell causes of silence apart, only when the client got no offer */
static bool
full_or_no_offer(const struct battery *b)
{
	return b->mode == BAT_FULL || !have_offer(b);
}

static const struct {
	const char *name;
	bool (*when)(const struct battery *b);
	void (*run)(struct battery *b);
} battery[] = {
	{"discover with the client's MAC", always, st_discover_own},
	{"discover with a random MAC", full_or_no_offer, st_discover_random},
	{"discover with the broadcast flag", full_or_no_offer, st_discover_bcast},
	{"request the offer", have_offer, st_select},
	{"ARP the offered address and router", have_offer, st_arp},
	{"INIT-REBOOT of the previous address", have_requested, st_init_reboot},
	{"relay probe toward --server", server_and_silence, st_relay},
	{"inform toward --server", relay_silent, st_inform},
	{"release", have_lease, st_release},
};

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
link_facts(struct battery *b)
{
	const char *ifname = b->cfg->ifname;
	int r;

	if (!ifname[0]) {
		sess_err(b->s, "no interface chosen (use -i IFACE or 'set interface IFACE')");
		return EX_USAGE;
	}
	r = xpcap_if_info(ifname, &b->ifi);
	if (r < 0) {
		sess_err(b->s, "cannot use '%s': %s", ifname,
			 r == -ENODEV ? "no such interface" : strerror(-r));
		return sess_status(r);
	}
	b->wireless = xpcap_if_wireless(ifname) == 1;
	if (b->cfg->mac_random) {
		r = xpcap_if_mac(ifname, b->mac);
		if (r < 0) {
			sess_err(b->s, "cannot read the MAC address of '%s': %s", ifname,
				 strerror(-r));
			return sess_status(r);
		}
	} else {
		memcpy(b->mac, b->cfg->mac, 6);
	}
	b->in.link_down = !b->ifi.up;
	b->in.no_carrier = b->ifi.up && !b->ifi.carrier;
	b->in.wireless = b->wireless;
	return 0;
}

static void
run_battery(struct battery *b)
{
	for (size_t i = 0; i < sizeof(battery) / sizeof(battery[0]); i++)
		if (battery[i].when(b))
			battery[i].run(b);
}

/* --- what the rules get ---------------------------------------------------------- */

int
bat_init(struct battery *b, struct sess *s, const struct probe_cfg *cfg, enum bat_mode mode,
	 bool file)
{
	memset(b, 0, sizeof(*b));
	b->s = s;
	b->cfg = cfg;
	b->mode = mode;
	b->t0 = loop_now_ms();
	gettimeofday(&b->t0_wall, NULL);
	b->sp = sp_get(s);
	b->cap_heard = file ? FILE_OBS_MAX : HEARD_MAX;
	b->heard = calloc(b->cap_heard, sizeof(*b->heard));
	b->res = file ? NULL : calloc(BAT_STEPS_MAX, sizeof(*b->res));
	if (!b->sp || !b->heard || (!file && !b->res)) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	return 0;
}

void
bat_done(struct battery *b)
{
	free(b->heard);
	free(b->res);
	b->heard = NULL;
	b->res = NULL;
}

int
bat_run(struct battery *b)
{
	int st = link_facts(b);

	/* a link that is down or has no carrier sends nothing: the verdict says why */
	if (st == 0 && !b->in.link_down && !b->in.no_carrier) {
		struct probe_cfg c = step_cfg(b, STEP_WINDOW_MS, WAIT_FIRST);

		st = xport_ready(b->s, &b->sp->x, &c);
		if (st == 0)
			run_battery(b);
	}
	return st;
}

/* `diagnose -r FILE`: every DHCP message of the capture goes to the rules */
int
bat_read(struct battery *b, const char *path)
{
	char err[256] = "";
	struct xfile *x;
	struct pkt pk;
	struct frame f;
	struct obs o;
	int r;

	r = xfile_open(path, NULL, &x, err, sizeof(err));
	if (r < 0) {
		sess_err(b->s, "%s", err);
		return r == -EINVAL ? EX_USAGE : EX_NOINPUT;
	}
	while ((r = xfile_next(x, &pk, err, sizeof(err))) > 0)
		if (obs_parse(pk.linktype, pk.data, pk.caplen, pk.wirelen, &pk.ts, &b->sp->msg, &f,
			      &o) == 0)
			keep_heard(b, &o);
	xfile_free(x);
	if (r < 0) {
		sess_err(b->s, "%s", err);
		return EX_NOINPUT;
	}
	b->in.from_capture = true;
	return 0;
}


int
bat_rules(struct battery *b)
{
	b->in.steps = b->steps;
	b->in.nsteps = b->nsteps;
	b->in.arp = b->arp;
	b->in.narp = b->narp;
	b->in.heard = b->heard;
	b->in.nheard = b->nheard;
	b->in.server = b->server;
	b->in.servers = b->cfg->wait == WAIT_SERVERS ? b->cfg->servers : 0;
	b->in.allow = b->cfg->allow;
	b->in.nallow = b->cfg->nallow;
	memcpy(b->in.client_mac, b->mac, 6);
	b->in.requested = b->cfg->requested;
	b->in.asked_dns = prl_has(b->cfg, 6);
	b->nf = diag_run(&b->in, b->f, BAT_FINDINGS_MAX);
	diag_verdict(&b->in, b->f, b->nf, &b->v);
	return b->v.status == DIAG_HEALTHY	    ? DD_OK
	       : b->v.status == DIAG_NOTHING_ANSWERED ? DD_NOANSWER
						      : DD_NEGATIVE;
}

size_t
bat_servers(const struct battery *b, struct bat_server *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < b->nsteps; i++) {
		const struct probe_result *r = b->steps[i].res;

		for (unsigned k = 0; r && k < r->nreplies; k++) {
			const struct obs *o = &r->replies[k];
			size_t j = 0;

			while (j < n && out[j].id != o->server_id)
				j++;
			if (j == n) {
				if (n == max)
					continue;
				out[n++] = (struct bat_server){.id = o->server_id, .ms = -1};
			}
			out[j].rogue |= (o->flags & OBS_ROGUE) != 0;
			if (out[j].ms < 0 && !(o->flags & OBS_NOT_ASKED))
				out[j].ms = probe_reply_latency(r, o);
			if (!out[j].lease && o->type == DHCPOFFER && (o->terms.sent & LT_LEASE))
				out[j].lease = o->terms.lease;
		}
	}
	return n;
}

int
bat_metrics(const struct battery *b, const char *command, int status, char *err, size_t errlen)
{
	struct bat_server sv[BAT_SERVERS_MAX];
	struct met_server ms[BAT_SERVERS_MAX];
	size_t n = bat_servers(b, sv, BAT_SERVERS_MAX);
	struct met_run r = {
	    .command = command,
	    .ifname = b->in.from_capture ? "" : b->cfg->ifname,
	    .srv = ms,
	    .nsrv = n,
	    .f = b->f,
	    .nf = b->nf,
	    .start = b->t0_wall,
	    .duration = (double)(loop_now_ms() - b->t0) / 1000.0,
	    .status = status,
	};

	for (size_t i = 0; i < n; i++) {
		ms[i] = (struct met_server){.id = sv[i].id,
		                            .latency = sv[i].ms < 0 ? -1 : sv[i].ms / 1000.0,
		                            .lease = sv[i].lease,
		                            .rogue = sv[i].rogue};
		/* the lease granted, where the verdict names one, over the one offered */
		if (b->v.lease && sv[i].id == b->v.server)
			ms[i].lease = b->v.lease;
	}
	/* live: a server answered the battery; a capture: it holds a server's message */
	r.up = n > 0 || (b->in.from_capture && b->v.status != DIAG_NOTHING_ANSWERED);
	return metrics_write(b->cfg->metrics_path, &r, err, errlen);
}
