/* SPDX-License-Identifier: BSD-2-Clause */
/* arp_probe.h - RFC 5227 address probe on the event loop: is ADDRESS in use on this link? */
#ifndef DHCPDIAG_ARP_PROBE_H
#define DHCPDIAG_ARP_PROBE_H

#include <stdbool.h>
#include <stdint.h>

struct loop;
struct xpcap;

/*
 * Defaults for a diagnosis, shorter than RFC 5227 2.1.1's (PROBE_WAIT 0-1 s of
 * random delay, PROBE_NUM 3 probes PROBE_MIN..PROBE_MAX 1-2 s apart, then
 * ANNOUNCE_WAIT 2 s: 3 to 9 s). Those timings protect a host about to take the
 * address for itself: the random delay spreads hosts that boot together after
 * a power cut, the long waits tolerate slow stacks before a conflict would be
 * created. A diagnosis claims nothing and asks one question: a host holding
 * the address answers within milliseconds on a LAN, a second probe covers one
 * lost frame, and a wrong "free" costs a missed finding, not a conflict.
 * Callers that want the RFC's timings pass them.
 */
#define ARP_PROBE_COUNT 2         /* probes sent */
#define ARP_PROBE_INTERVAL_MS 200 /* between two probes */
#define ARP_PROBE_WAIT_MS 800     /* after the last probe: 1.0 s in all by default */
#define ARP_PROBE_COUNT_MAX 16    /* bounds: a probe always ends, and soon */
#define ARP_PROBE_MS_MAX 10000

/* what showed the address in use (RFC 5227 2.1.1) */
enum arp_answer {
	ARP_ANSWER_NONE,    /* nothing: free */
	ARP_ANSWER_REPLY,   /* an ARP reply from the address */
	ARP_ANSWER_REQUEST, /* an ARP request from the address (announcement, or it asks) */
	ARP_ANSWER_PROBE,   /* another host probes for the same address (sender IP 0) */
	ARP_ANSWER_MAX
};
extern const char *const arp_answer_names[ARP_ANSWER_MAX]; /* "none", "reply", ... */

struct arp_probe_res {
	/* 0: the probe ended, see in_use; -ECANCELED: arp_probe_cancel; other <0: a
	 * send failed (-ENETDOWN ...) or reading the capture failed (-EIO) */
	int status;
	bool in_use;
	enum arp_answer answer;
	uint8_t mac[6]; /* in use: the sender hardware address of the answer */
	uint32_t addr;  /* the address probed, host order */
	uint64_t ms;    /* since the start: when the answer came, or when the probe ended */
	unsigned sent;  /* probes sent */
};

/* called once per started probe, when it is over; the probe is idle again (it
 * may be started again or freed from inside the callback) */
typedef void (*arp_probe_cb)(void *arg, const struct arp_probe_res *res);

struct arp_probe;

/*
 * A probe sends and listens on x, which must be Ethernet (-EPROTONOSUPPORT
 * otherwise). While a probe runs it owns x's fd in the loop and x's ARP
 * filter (xpcap_set_arp, switched back off at the end): run no DHCP probe
 * step on the same x at the same time. Returns 0 or -errno.
 */
int arp_probe_new(struct loop *l, struct xpcap *x, arp_probe_cb cb, void *arg,
                  struct arp_probe **ret);
void arp_probe_free(struct arp_probe *p); /* NULL-safe; stops a running probe without a callback */

/*
 * Probe addr: count ARP probes (sender IP 0.0.0.0, target MAC zero, to the
 * broadcast MAC, from src_mac as Ethernet source and sender hardware address;
 * tagged with VLAN vlan when >= 0), interval_ms apart, then wait wait_ms.
 * 0 for count, interval_ms or wait_ms takes the default. The first probe is
 * sent before this returns; the callback comes later, from the loop: in use
 * at the first ARP packet whose sender IP is addr, or a probe for addr from
 * another MAC (frames from src_mac itself are ours and ignored); free when
 * the time is over. Returns 0, -EBUSY while a probe runs, -EINVAL for
 * addr 0, multicast or broadcast, a multicast or zero src_mac, a VLAN id over
 * 4095 or a count or time over the bounds, or the error of the first send
 * (no callback then).
 */
int arp_probe_start(struct arp_probe *p, uint32_t addr, const uint8_t src_mac[6], int vlan,
                    unsigned count, unsigned interval_ms, unsigned wait_ms);
/* stop now: the callback with -ECANCELED; nothing when idle */
void arp_probe_cancel(struct arp_probe *p);
bool arp_probe_busy(const struct arp_probe *p);

#endif
