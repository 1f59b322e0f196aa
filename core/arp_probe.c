/* SPDX-License-Identifier: BSD-2-Clause */
/* arp_probe.c - RFC 5227 address probe: send ARP probes, listen for the address in use */
#include "arp_probe.h"

#include "arp.h"
#include "frame.h"
#include "loop.h"
#include "pkt.h"
#include "xport_pcap.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#define DRAIN_MAX 256 /* packets read per wakeup: a flood costs time, not a hang */

const char *const arp_answer_names[ARP_ANSWER_MAX] = {"none", "reply", "request", "probe"};
_Static_assert(sizeof(arp_answer_names) / sizeof(arp_answer_names[0]) == ARP_ANSWER_MAX,
               "arp_answer_names");

struct arp_probe {
	struct loop *loop;
	struct xpcap *x;
	arp_probe_cb cb;
	void *arg;

	/* the running probe */
	bool busy, fd_on, arp_on;
	uint32_t addr;
	uint8_t mac[6];
	int vlan;
	unsigned count, interval_ms, wait_ms, sent;
	uint64_t t0;
	uint8_t buf[ARP_FRAME_LEN];
};

static void on_tick(void *arg);

int
arp_probe_new(struct loop *l, struct xpcap *x, arp_probe_cb cb, void *arg, struct arp_probe **ret)
{
	struct arp_probe *p;

	if (!l || !x || !cb || !ret)
		return -EINVAL;
	if (xpcap_linktype(x) != LINK_EN10MB)
		return -EPROTONOSUPPORT;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->loop = l;
	p->x = x;
	p->cb = cb;
	p->arg = arg;
	*ret = p;
	return 0;
}

static void
stop(struct arp_probe *p)
{
	loop_timer_del(p->loop, on_tick, p);
	if (p->fd_on)
		loop_fd_del(p->loop, xpcap_fd(p->x));
	if (p->arp_on)
		xpcap_set_arp(p->x, false);
	p->fd_on = p->arp_on = p->busy = false;
}

void
arp_probe_free(struct arp_probe *p)
{
	if (!p)
		return;
	if (p->busy)
		stop(p);
	free(p);
}

bool
arp_probe_busy(const struct arp_probe *p)
{
	return p->busy;
}

/* end the probe and report; p may be freed or restarted by the callback: touch it no more */
static void
done(struct arp_probe *p, int status, enum arp_answer answer, const uint8_t *mac)
{
	struct arp_probe_res res = {.status = status, .answer = answer, .addr = p->addr};

	stop(p);
	res.in_use = status == 0 && answer != ARP_ANSWER_NONE;
	if (mac)
		memcpy(res.mac, mac, 6);
	res.ms = loop_now_ms() - p->t0;
	res.sent = p->sent;
	p->cb(p->arg, &res);
}

void
arp_probe_cancel(struct arp_probe *p)
{
	if (p->busy)
		done(p, -ECANCELED, ARP_ANSWER_NONE, NULL);
}

static int
transmit(struct arp_probe *p)
{
	/* RFC 5227 2.1.1: sender IP 0 (no ARP cache learns from it), target MAC 0 */
	struct arp_pkt a = {.vlan = p->vlan, .op = ARP_REQUEST, .tpa = p->addr};
	int n;

	memset(a.eth_dst, 0xff, 6);
	memcpy(a.eth_src, p->mac, 6);
	memcpy(a.sha, p->mac, 6);
	n = arp_build(&a, p->buf, sizeof(p->buf));
	if (n < 0)
		return n;
	n = xpcap_inject(p->x, p->buf, (size_t)n);
	if (n < 0)
		return n;
	p->sent++;
	return 0;
}

/* the next timer: to the next probe, or after the last one to the end */
static unsigned
next_ms(const struct arp_probe *p)
{
	return p->sent < p->count ? p->interval_ms : p->wait_ms;
}

static void
on_tick(void *arg)
{
	struct arp_probe *p = arg;
	int r;

	if (p->sent >= p->count) {
		done(p, 0, ARP_ANSWER_NONE, NULL);
		return;
	}
	r = transmit(p);
	if (r < 0) {
		done(p, r, ARP_ANSWER_NONE, NULL);
		return;
	}
	loop_timer_add(p->loop, next_ms(p), on_tick, p);
}

/* RFC 5227 2.1.1: does this ARP packet say the address is taken? */
static enum arp_answer
classify(const struct arp_probe *p, const struct arp_pkt *a)
{
	if (a->vlan != p->vlan || !memcmp(a->sha, p->mac, 6))
		return ARP_ANSWER_NONE; /* another link, or our own probe captured going out */
	if (a->spa == p->addr)
		return a->op == ARP_REPLY ? ARP_ANSWER_REPLY : ARP_ANSWER_REQUEST;
	if (a->spa == 0 && a->op == ARP_REQUEST && a->tpa == p->addr)
		return ARP_ANSWER_PROBE;
	return ARP_ANSWER_NONE;
}

static void
on_readable(void *arg, int fd, short revents)
{
	struct arp_probe *p = arg;
	struct arp_pkt a;
	struct pkt pk;
	int n, r = 0;

	(void)fd;
	for (n = 0; n < DRAIN_MAX; n++) {
		r = xpcap_next(p->x, &pk);
		if (r <= 0)
			break;
		if (arp_parse(pk.data, pk.caplen, &a) < 0)
			continue; /* DHCP shares the filter; damaged ARP is nobody's answer */
		enum arp_answer ans = classify(p, &a);
		if (ans != ARP_ANSWER_NONE) {
			done(p, 0, ans, a.sha);
			return;
		}
	}
	/* a dead capture would wake us at once forever: end instead */
	if (r < 0 || (n == 0 && (revents & (POLLERR | POLLHUP | POLLNVAL))))
		done(p, r < 0 ? r : -EIO, ARP_ANSWER_NONE, NULL);
}

static bool
usable_addr(uint32_t a)
{
	/* 0.0.0.0/8 "this network", 224/4 multicast and 255.255.255.255 are no host's */
	return (a >> 24) != 0 && (a >> 28) != 0xe && a != 0xffffffffu;
}

int
arp_probe_start(struct arp_probe *p, uint32_t addr, const uint8_t src_mac[6], int vlan,
                unsigned count, unsigned interval_ms, unsigned wait_ms)
{
	static const uint8_t zero[6];
	int r;

	if (p->busy)
		return -EBUSY;
	count = count ? count : ARP_PROBE_COUNT;
	interval_ms = interval_ms ? interval_ms : ARP_PROBE_INTERVAL_MS;
	wait_ms = wait_ms ? wait_ms : ARP_PROBE_WAIT_MS;
	if (!usable_addr(addr) || !src_mac || (src_mac[0] & 1) || !memcmp(src_mac, zero, 6) ||
	    vlan < -1 || vlan > 0x0fff || count > ARP_PROBE_COUNT_MAX ||
	    interval_ms > ARP_PROBE_MS_MAX || wait_ms > ARP_PROBE_MS_MAX)
		return -EINVAL;
	p->addr = addr;
	memcpy(p->mac, src_mac, 6);
	p->vlan = vlan;
	p->count = count;
	p->interval_ms = interval_ms;
	p->wait_ms = wait_ms;
	p->sent = 0;
	r = xpcap_set_arp(p->x, true);
	if (r < 0)
		return r;
	p->arp_on = true;
	r = loop_fd_add(p->loop, xpcap_fd(p->x), POLLIN, on_readable, p);
	if (r < 0) {
		stop(p);
		return r;
	}
	p->fd_on = true;
	/* no drain of what is queued: an ARP frame can only have passed the filter just
	 * now, and one that claims addr is evidence whenever it came */
	p->busy = true;
	p->t0 = loop_now_ms();
	r = transmit(p);
	if (r >= 0)
		r = loop_timer_add(p->loop, next_ms(p), on_tick, p);
	if (r < 0) {
		stop(p);
		return r;
	}
	return 0;
}
