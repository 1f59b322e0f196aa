/* SPDX-License-Identifier: BSD-2-Clause */
/* probe.c - the client side of one DHCP exchange: build, send, retransmit, match replies */
#include "probe.h"

#include "arp.h"
#include "frame.h"
#include "loop.h"
#include "msg.h"
#include "obs.h"
#include "probe_cfg.h"
#include "xport_pcap.h"
#include "xport_udp.h"

#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define BOOTREQUEST 1
#define BOOTREPLY 2
#define PORT_SERVER 67
#define PORT_CLIENT 68
#define BACKOFF_CAP_MS 64000 /* RFC 2131 4.1: at most 64 s between retransmissions */
#define DRAIN_MAX 256 /* packets read per wakeup: a flood costs time, not a hang */
#define FRAME_MAX 2048


const char *const probe_kind_names[PROBE_KIND_MAX] = {
    "discover", "select", "init-reboot", "renew", "rebind", "inform", "release", "decline",
};

/* message type sent by each kind */
static const uint8_t kind_type[PROBE_KIND_MAX] = {
    DHCPDISCOVER, DHCPREQUEST, DHCPREQUEST, DHCPREQUEST,
    DHCPREQUEST,  DHCPINFORM,  DHCPRELEASE, DHCPDECLINE,
};

struct probe {
	struct loop *loop;
	struct probe_cfg cfg;
	struct xpcap *pcap;
	struct xudp *udp;
	probe_cb cb;
	void *arg;
	probe_tap tap;
	void *tap_arg;
	bool jitter;

	/* the running step */
	bool busy;
	bool settling; /* the answer that ends it came: settle_ms for the others */
	bool fd_on;
	bool arp_on;
	struct probe_target t;
	uint32_t xid;
	uint16_t ip_id;
	uint64_t t0, last_tx;
	struct probe_result res;

	uint8_t buf[FRAME_MAX];  /* frame being sent */
	uint8_t rbuf[FRAME_MAX]; /* relay mode: datagram received, then wrapped */
	uint8_t wbuf[FRAME_MAX];
	struct msg msg; /* build and parse scratch; large, hence on the heap with us */
};

static void on_retransmit(void *arg);
static void on_quiet(void *arg);

void
probe_random_mac(uint8_t mac[6])
{
	if (getrandom(mac, 6, 0) != 6) {
		uint64_t t = loop_now_ms();

		memcpy(mac, &t, 6); /* no entropy yet: unique enough for one probe */
	}
	mac[0] = (uint8_t)((mac[0] & 0xfc) | 0x02); /* locally administered, unicast */
}

uint32_t
probe_random_u32(void)
{
	uint32_t v;

	if (getrandom(&v, sizeof(v), 0) != sizeof(v))
		v = (uint32_t)loop_now_ms() * 2654435761u;
	return v;
}

int
probe_new(struct loop *l, const struct probe_cfg *cfg, struct xpcap *pcap, struct xudp *udp,
          probe_cb cb, void *arg, struct probe **ret)
{
	struct probe *p;

	if (!l || !cfg || !cb || (!pcap == !udp))
		return -EINVAL;
	if (pcap && xpcap_linktype(pcap) != LINK_EN10MB)
		return -EPROTONOSUPPORT;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->loop = l;
	p->cfg = *cfg;
	p->pcap = pcap;
	p->udp = udp;
	p->cb = cb;
	p->arg = arg;
	*ret = p;
	return 0;
}

static int
xport_fd(const struct probe *p)
{
	return p->pcap ? xpcap_fd(p->pcap) : xudp_fd(p->udp);
}

/* stop timers and the fd watch; the step is over */
static void
stop(struct probe *p)
{
	loop_timer_del(p->loop, on_retransmit, p);
	loop_timer_del(p->loop, on_quiet, p);
	if (p->fd_on)
		loop_fd_del(p->loop, xport_fd(p));
	if (p->arp_on)
		xpcap_set_arp(p->pcap, false);
	p->fd_on = p->arp_on = false;
	p->busy = false;
}

void
probe_free(struct probe *p)
{
	if (!p)
		return;
	if (p->busy)
		stop(p);
	free(p);
}

void
probe_set_tap(struct probe *p, probe_tap tap, void *arg)
{
	p->tap = tap;
	p->tap_arg = arg;
}

void
probe_set_jitter(struct probe *p, bool on)
{
	p->jitter = on;
}

bool
probe_busy(const struct probe *p)
{
	return p->busy;
}

static void
done(struct probe *p, int status)
{
	struct probe_ev ev = {.kind = PROBE_EV_DONE};

	stop(p);
	ev.ms = loop_now_ms() - p->t0;
	gettimeofday(&ev.ts, NULL);
	ev.xid = p->xid;
	p->res.status = status;
	p->res.elapsed_ms = ev.ms;
	ev.res = &p->res;
	p->cb(p->arg, &ev);
}

unsigned
probe_reply_try(const struct probe_result *r, const struct obs *o)
{
	unsigned n = r->tries < PROBE_TRIES_MAX ? r->tries : PROBE_TRIES_MAX, k = 0;

	if (o->ms < 0)
		return 0;
	for (unsigned i = 0; i < n; i++)
		if ((int64_t)r->tx_ms[i] <= o->ms)
			k = i + 1;
	return k;
}

int64_t
probe_reply_latency(const struct probe_result *r, const struct obs *o)
{
	unsigned k = probe_reply_try(r, o);

	return k ? o->ms - (int64_t)r->tx_ms[k - 1] : o->ms;
}

const struct probe_result *
probe_last(const struct probe *p)
{
	return &p->res;
}

void
probe_cancel(struct probe *p)
{
	if (p->busy)
		done(p, -ECANCELED);
}

/* interval after transmission number n (1-based): base * 2^(n-1), capped, maybe jittered */
static unsigned
interval_ms(const struct probe *p, unsigned n)
{
	uint64_t ms = p->cfg.timeout_ms ? p->cfg.timeout_ms : 4000;
	uint64_t cap = p->cfg.backoff_cap_ms ? p->cfg.backoff_cap_ms : BACKOFF_CAP_MS;

	for (unsigned i = 1; i < n && ms < cap; i++)
		ms *= 2;
	if (ms > cap)
		ms = cap;
	if (p->jitter) {
		long j = (long)(probe_random_u32() % 2001) - 1000; /* -1 s .. +1 s */

		ms = (uint64_t)((long)ms + j < 100 ? 100 : (long)ms + j);
	}
	return (unsigned)ms;
}

static bool
expects_reply(enum probe_kind k)
{
	return k != PROBE_RELEASE && k != PROBE_DECLINE;
}

static bool
broadcast_kind(const struct probe_target *t)
{
	return t->dst_ip == 0;
}

static void
put_u32(struct msg *m, uint8_t code, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};

	msg_set(m, code, b, sizeof(b));
}

/*
 * The BOOTP message of one transmission of t into out; returns its length or
 * <0. giaddr is non-zero in relay mode. Pure: no I/O, no state.
 */
static int
build_msg(const struct probe_cfg *cfg, const struct probe_target *t, uint32_t xid, uint16_t secs,
	  uint32_t giaddr, struct msg *m, uint8_t *out, size_t cap)
{
	uint8_t type = kind_type[t->kind];
	bool minimal = t->kind == PROBE_RELEASE || t->kind == PROBE_DECLINE;

	msg_init(m, BOOTREQUEST);
	m->xid = xid;
	m->secs = cfg->secs ? cfg->secs : secs;
	/* RFC 2131 4.1: the flag asks for broadcast replies; it means nothing with ciaddr */
	if (cfg->broadcast && !minimal)
		m->flags = 0x8000;
	m->ciaddr = t->ciaddr;
	memcpy(m->chaddr, t->chaddr, 6);
	if (giaddr) {
		/* RFC 1542 4.1.1: the relay sets giaddr and counts itself in hops */
		m->giaddr = giaddr;
		m->hops = 1;
	}
	msg_set(m, 53, &type, 1);
	/* RFC 2131 table 5: RELEASE and DECLINE carry only the identifiers */
	for (int i = 0; i < cfg->nopts; i++) {
		const struct probe_opt *o = &cfg->opts[i];

		if (o->code == 53 || (minimal && o->code != 61))
			continue;
		if (msg_set(m, o->code, o->data, o->len) < 0)
			return -ENOBUFS;
	}
	if (t->requested && (t->kind == PROBE_DISCOVER || t->kind == PROBE_SELECT ||
	                     t->kind == PROBE_INIT_REBOOT || t->kind == PROBE_DECLINE))
		put_u32(m, 50, t->requested);
	if (t->server_id && (t->kind == PROBE_SELECT || t->kind == PROBE_RELEASE ||
	                     t->kind == PROBE_DECLINE || t->kind == PROBE_DISCOVER))
		put_u32(m, 54, t->server_id);
	/* RFC 2131 4.3.2: in INIT-REBOOT, RENEWING and REBINDING there is no server id */
	if (t->kind == PROBE_INIT_REBOOT || t->kind == PROBE_RENEW || t->kind == PROBE_REBIND ||
	    t->kind == PROBE_INFORM)
		msg_del(m, 54);
	if (t->kind == PROBE_RENEW || t->kind == PROBE_REBIND || t->kind == PROBE_INFORM)
		msg_del(m, 50);
	return msg_build(m, out, cap);
}

/* wrap a BOOTP message in Ethernet/IPv4/UDP headers into buf; 0 when it does not fit */
static size_t
wrap(uint8_t *buf, size_t cap, int vlan, const uint8_t *msg, size_t len, uint32_t src,
     uint32_t dst, uint16_t sport, uint16_t dport, const uint8_t *esrc, const uint8_t *edst,
     uint16_t ip_id)
{
	struct frame f;

	memset(&f, 0, sizeof(f));
	f.linktype = LINK_EN10MB;
	f.has_eth = true;
	if (esrc)
		memcpy(f.eth_src, esrc, 6);
	if (edst)
		memcpy(f.eth_dst, edst, 6);
	f.vlan = vlan;
	f.ip_src = src;
	f.ip_dst = dst;
	f.ip_ttl = 64;
	f.ip_proto = 17;
	f.ip_id = ip_id;
	f.sport = sport;
	f.dport = dport;
	return frame_build(&f, msg, len, buf, cap);
}

int
probe_build_frame(const struct probe_cfg *cfg, const struct probe_target *t, uint32_t xid,
		  uint16_t secs, uint16_t ip_id, struct msg *scratch, uint8_t *buf, size_t cap)
{
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	static const uint8_t zero[6] = {0};
	uint8_t wbuf[FRAME_MAX];
	bool to_bcast = broadcast_kind(t);
	const uint8_t *edst = to_bcast || !memcmp(t->dst_mac, zero, 6) ? bcast : t->dst_mac;
	int mlen = build_msg(cfg, t, xid, secs, 0, scratch, wbuf, sizeof(wbuf));
	size_t flen;

	if (mlen < 0)
		return mlen;
	flen = wrap(buf, cap, cfg->vlan, wbuf, (size_t)mlen, t->ciaddr,
		    to_bcast ? 0xffffffffu : t->dst_ip, PORT_CLIENT, PORT_SERVER,
		    cfg->eth_src_set ? cfg->eth_src : t->chaddr, edst, ip_id);
	return flen ? (int)flen : -ENOBUFS;
}

static int
transmit(struct probe *p)
{
	const struct probe_target *t = &p->t;
	struct probe_ev ev = {.kind = PROBE_EV_TX};
	uint64_t secs = (loop_now_ms() - p->t0) / 1000;
	uint16_t s16 = (uint16_t)(secs > 0xffff ? 0xffff : secs);
	size_t flen;
	int r;

	p->ip_id++;
	if (p->pcap) {
		r = probe_build_frame(&p->cfg, t, p->xid, s16, p->ip_id, &p->msg, p->buf,
				      sizeof(p->buf));
		if (r < 0)
			return r;
		flen = (size_t)r;
		r = xpcap_inject(p->pcap, p->buf, flen);
	} else {
		uint32_t dst = t->dst_ip ? t->dst_ip : xudp_server(p->udp);
		int mlen = build_msg(&p->cfg, t, p->xid, s16, xudp_giaddr(p->udp), &p->msg, p->wbuf,
				     sizeof(p->wbuf));

		if (mlen < 0)
			return mlen;
		/* the frame is only for the event (and --write): the kernel builds the real one */
		flen = wrap(p->buf, sizeof(p->buf), -1, p->wbuf, (size_t)mlen, xudp_giaddr(p->udp),
			    dst, PORT_SERVER, PORT_SERVER, NULL, NULL, p->ip_id);
		if (!flen)
			return -ENOBUFS;
		r = xudp_send(p->udp, dst, p->wbuf, (size_t)mlen);
	}
	if (r < 0)
		return r;
	if (!p->res.tries)
		gettimeofday(&p->res.start, NULL);
	p->last_tx = loop_now_ms();
	if (p->res.tries < PROBE_TRIES_MAX)
		p->res.tx_ms[p->res.tries] = p->last_tx - p->t0;
	p->res.tries++;
	ev.ms = p->last_tx - p->t0;
	gettimeofday(&ev.ts, NULL);
	ev.frame = p->buf;
	ev.len = flen;
	ev.linktype = LINK_EN10MB;
	ev.xid = p->xid;
	ev.type = kind_type[t->kind];
	ev.try = p->res.tries;
	ev.res = &p->res;
	p->cb(p->arg, &ev);
	return 0;
}

static void
on_quiet(void *arg)
{
	done(arg, 0);
}

static void
on_retransmit(void *arg)
{
	struct probe *p = arg;
	int r;

	bool more = p->res.tries < p->cfg.tries;

	/* with --wait servers N, a lost DISCOVER may hide a server: keep trying */
	if (p->res.answers > 0 &&
	    !(more && p->t.kind == PROBE_DISCOVER && p->cfg.wait == WAIT_SERVERS))
		more = false;
	if (!more) {
		done(p, p->res.answers > 0 ? 0 : -ETIMEDOUT);
		return;
	}
	r = transmit(p);
	if (r < 0) {
		done(p, r);
		return;
	}
	loop_timer_add(p->loop, interval_ms(p, p->res.tries), on_retransmit, p);
}

/* RFC 2131 4.4.1: what counts as an answer to each kind */
static bool
wanted(enum probe_kind k, uint8_t type)
{
	switch (k) {
	case PROBE_DISCOVER:
		return type == DHCPOFFER;
	case PROBE_INFORM:
		return type == DHCPACK || type == DHCPNAK;
	case PROBE_SELECT:
	case PROBE_INIT_REBOOT:
	case PROBE_RENEW:
	case PROBE_REBIND:
		return type == DHCPACK || type == DHCPNAK;
	default:
		return false;
	}
}

/*
 * OBS_DUP / OBS_REOFFER: has this server (id + MAC) answered this step before? A repeat of any
 * earlier answer is a duplicate; an OFFER of an address it never offered in this step is a
 * re-offer. true when the server is new to the step.
 */
static bool
mark_repeat(const struct probe_result *res, struct obs *o)
{
	bool seen = false, same = false;

	for (unsigned i = 0; i < res->nreplies && !same; i++) {
		const struct obs *e = &res->replies[i];

		if (e->server_id != o->server_id || memcmp(e->src_mac, o->src_mac, 6) ||
		    (e->flags & OBS_NOT_ASKED) != (o->flags & OBS_NOT_ASKED))
			continue;
		seen = true;
		same = !(o->type == DHCPOFFER && e->type == DHCPOFFER && e->yiaddr != o->yiaddr);
	}
	if (seen)
		o->flags |= same ? OBS_DUP : OBS_REOFFER;
	return !seen;
}

/* end the step when the last transmission's interval is over and the quiet period too */
static void
quiet_timer(struct probe *p)
{
	uint64_t now = loop_now_ms(), first = p->cfg.timeout_ms ? p->cfg.timeout_ms : 4000;
	uint64_t cur = interval_ms(p, p->res.tries), win = cur < first ? cur : first;
	uint64_t end = p->last_tx + win, q = now + (p->cfg.quiet_ms ? p->cfg.quiet_ms : 1500);

	if (q > end)
		end = q;
	loop_timer_del(p->loop, on_quiet, p);
	loop_timer_add(p->loop, (unsigned)(end - now), on_quiet, p);
}

/*
 * The answer that would end the step came: with settle_ms, stop retransmitting and
 * listen that long more for other servers (a fixed time: later answers do not extend
 * it). false when the step should end now.
 */
static bool
settle(struct probe *p)
{
	if (!p->cfg.settle_ms)
		return false;
	if (!p->settling) {
		p->settling = true;
		loop_timer_del(p->loop, on_retransmit, p);
		loop_timer_add(p->loop, p->cfg.settle_ms, on_quiet, p);
	}
	return true;
}

/* a reply that matches xid and chaddr (o filled from the frame): keep it, report it, and decide
 * whether the step ends */
static void
accept_reply(struct probe *p, struct obs *o, const uint8_t *frame, size_t len)
{
	struct probe_ev ev = {.kind = PROBE_EV_RX};
	struct probe_result *res = &p->res;
	bool asked;

	o->ms = (int64_t)(loop_now_ms() - p->t0);
	if (p->t.kind == PROBE_SELECT && p->t.server_id && o->server_id != p->t.server_id)
		o->flags |= OBS_NOT_ASKED;
	if (!obs_allowed(p->cfg.allow, p->cfg.nallow, o->server_id, o->src_ip,
			 o->has_mac ? o->src_mac : NULL))
		o->flags |= OBS_ROGUE;
	if (mark_repeat(res, o))
		res->nservers++;
	asked = !(o->flags & OBS_NOT_ASKED);
	if (asked)
		res->answers++;
	if (res->nreplies < PROBE_REPLIES_MAX) {
		res->replies[res->nreplies] = *o;
		ev.obs = &res->replies[res->nreplies++];
	} else {
		res->dropped++;
		ev.obs = o;
	}
	ev.ms = (uint64_t)o->ms;
	ev.ts = o->ts;
	ev.frame = frame;
	ev.len = len;
	ev.linktype = LINK_EN10MB;
	ev.xid = o->xid;
	ev.type = o->type;
	ev.res = res;
	p->cb(p->arg, &ev);
	if (!p->busy || !asked)
		return; /* cancelled from the callback, or not the answer we wait for */

	if (p->t.kind != PROBE_DISCOVER && p->t.kind != PROBE_INFORM) {
		done(p, 0); /* a REQUEST has its one answer */
		return;
	}
	switch (p->cfg.wait) {
	case WAIT_FIRST:
		if (!settle(p))
			done(p, 0);
		return;
	case WAIT_SERVERS:
		if (res->nservers >= (p->cfg.servers ? p->cfg.servers : 1) && !settle(p))
			done(p, 0);
		return; /* or keep retransmitting: a lost DISCOVER may hide a server */
	case WAIT_ALL:
		/* no more retransmissions, but listen until the whole window is over */
		if (res->answers == 1) {
			uint64_t win = 0, el = loop_now_ms() - p->t0;

			for (unsigned i = 1; i <= p->cfg.tries; i++)
				win += interval_ms(p, i);
			loop_timer_del(p->loop, on_retransmit, p);
			loop_timer_add(p->loop, win > el ? (unsigned)(win - el) : 0, on_quiet, p);
		}
		break;
	case WAIT_QUIET:
	default:
		/*
		 * An answer came: no more retransmissions. Keep listening for the
		 * rest of the first interval after the latest DISCOVER, so a server
		 * that checks the address before offering (ping/ARP, 1-3 s) is still
		 * heard, and for a quiet period after the latest reply.
		 */
		loop_timer_del(p->loop, on_retransmit, p);
		quiet_timer(p);
		break;
	}
}

/* is this observed message a reply to the running step? */
static bool
match(const struct probe *p, const struct obs *o)
{
	if (!(p->msg.has_cookie) || o->op != BOOTREPLY || o->xid != p->xid || o->hlen != 6 ||
	    memcmp(o->chaddr, p->t.chaddr, 6))
		return false;
	return wanted(p->t.kind, o->type);
}

/* answer "who has ciaddr" for the lease we hold, so a server can unicast to it */
static void
arp_reply(struct probe *p, const uint8_t *pkt, size_t len)
{
	struct arp_pkt q, a;
	uint8_t out[ARP_FRAME_LEN];
	int n;

	if (arp_parse(pkt, len, &q) < 0 || q.op != ARP_REQUEST || q.tpa != p->t.ciaddr || !q.tpa)
		return;
	/* on the asker's VLAN (its tag echoed whole), to the asker's MAC */
	a = (struct arp_pkt){
	    .vlan = q.vlan, .vlan_prio = q.vlan_prio, .op = ARP_REPLY, .spa = q.tpa, .tpa = q.spa};
	memcpy(a.eth_dst, q.sha, 6);
	memcpy(a.eth_src, p->t.chaddr, 6);
	memcpy(a.sha, p->t.chaddr, 6);
	memcpy(a.tha, q.sha, 6);
	n = arp_build(&a, out, sizeof(out));
	if (n > 0)
		xpcap_inject(p->pcap, out, (size_t)n);
}

/* a message this probe sent (captured on the way out): not for the passive listen */
static bool
is_own(const struct probe *p, const struct obs *o)
{
	return o->op == BOOTREQUEST && o->xid == p->xid && !memcmp(o->chaddr, p->t.chaddr, 6);
}

static void
read_pcap(struct probe *p)
{
	struct pkt pk;
	struct frame f;
	struct obs o;

	for (int n = 0; n < DRAIN_MAX && p->busy; n++) {
		if (xpcap_next(p->pcap, &pk) <= 0)
			return;
		if (obs_parse(pk.linktype, pk.data, pk.caplen, pk.wirelen, &pk.ts, &p->msg, &f,
			      &o) < 0) {
			if (p->arp_on)
				arp_reply(p, pk.data, pk.caplen);
			continue;
		}
		if (o.sport == PORT_SERVER && (o.dport == PORT_CLIENT || o.dport == PORT_SERVER) &&
		    match(p, &o))
			accept_reply(p, &o, pk.data, pk.caplen);
		else if (p->tap && !is_own(p, &o))
			p->tap(p->tap_arg, &o, pk.data, pk.caplen);
	}
}

static void
read_udp(struct probe *p)
{
	struct timeval ts;
	struct obs o;
	uint32_t src;
	uint16_t sport;
	size_t len, flen;

	for (int n = 0; n < DRAIN_MAX && p->busy; n++) {
		if (xudp_recv(p->udp, p->rbuf, sizeof(p->rbuf) - 64, &len, &src, &sport, &ts) <= 0)
			return;
		if (msg_parse(p->rbuf, len, &p->msg) < 0)
			continue;
		memset(&o, 0, sizeof(o));
		o.ts = ts;
		o.vlan = -1;
		o.src_ip = src;
		o.dst_ip = xudp_giaddr(p->udp);
		o.sport = sport;
		o.dport = PORT_SERVER;
		obs_from_msg(&p->msg, &o);
		if (!match(p, &o))
			continue;
		/* the saved frame: the datagram as the relay's socket saw it */
		flen = wrap(p->wbuf, sizeof(p->wbuf), -1, p->rbuf, len, src, xudp_giaddr(p->udp), sport,
		            PORT_SERVER, NULL, NULL, 0);
		accept_reply(p, &o, p->wbuf, flen);
	}
}

static void
on_readable(void *arg, int fd, short revents)
{
	struct probe *p = arg;

	(void)fd;
	(void)revents;
	if (p->pcap)
		read_pcap(p);
	else
		read_udp(p);
}

/* drop what queued up while no step ran: it cannot match a new xid */
static void
drain(struct probe *p)
{
	struct pkt pk;
	struct timeval ts;
	uint32_t src;
	uint16_t sport;
	size_t len;

	struct frame f;
	struct obs o;

	for (int n = 0; n < 4 * DRAIN_MAX; n++) {
		if (p->pcap
		        ? xpcap_next(p->pcap, &pk) <= 0
		        : xudp_recv(p->udp, p->rbuf, sizeof(p->rbuf), &len, &src, &sport, &ts) <= 0)
			return;
		if (p->pcap && p->tap &&
		    obs_parse(pk.linktype, pk.data, pk.caplen, pk.wirelen, &pk.ts, &p->msg, &f,
			      &o) == 0 &&
		    !is_own(p, &o))
			p->tap(p->tap_arg, &o, pk.data, pk.caplen);
	}
}

int
probe_start(struct probe *p, const struct probe_target *t)
{
	int r;

	if (p->busy)
		return -EBUSY;
	if (t->kind >= PROBE_KIND_MAX || (t->chaddr[0] & 1))
		return -EINVAL;
	drain(p); /* before the new step: what queued is judged against the last one */
	p->t = *t;
	p->xid = t->xid ? t->xid : probe_random_u32();
	p->t.xid = p->xid;
	p->ip_id = (uint16_t)probe_random_u32();
	p->t0 = p->last_tx = loop_now_ms();
	p->settling = false;
	memset(&p->res, 0, offsetof(struct probe_result, replies));
	p->res.kind = t->kind;
	p->res.target = p->t;
	if (expects_reply(t->kind)) {
		r = loop_fd_add(p->loop, xport_fd(p), POLLIN, on_readable, p);
		if (r < 0)
			return r;
		p->fd_on = true;
		/* a server may ARP for ciaddr before it unicasts its answer (dnsmasq does) */
		if (p->pcap && t->ciaddr &&
		    (t->kind == PROBE_RENEW || t->kind == PROBE_REBIND || t->kind == PROBE_INFORM) &&
		    xpcap_set_arp(p->pcap, true) == 0)
			p->arp_on = true;
	}
	p->busy = true;
	r = transmit(p);
	if (r < 0) {
		stop(p);
		return r;
	}
	if (!expects_reply(t->kind)) {
		done(p, 0);
		return 0;
	}
	return loop_timer_add(p->loop, interval_ms(p, 1), on_retransmit, p);
}
