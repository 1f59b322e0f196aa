/* SPDX-License-Identifier: BSD-2-Clause */
/* xport_pcap.h - live capture and frame injection on one interface (libpcap) */
#ifndef DHCPDIAG_XPORT_PCAP_H
#define DHCPDIAG_XPORT_PCAP_H

#include "pkt.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xpcap;

/*
 * Open ifname for capture (immediate mode, promiscuous, BPF "udp port 67 or
 * udp port 68", VLAN-tagged frames too) and injection, with a kernel buffer of
 * ring bytes. ifname must be given:
 * NULL or "" is -EINVAL. -EPERM/-EACCES when CAP_NET_RAW is missing. A reason
 * goes to err.
 */
int xpcap_open(const char *ifname, size_t ring, struct xpcap **ret, char *err, size_t errlen);
/* kernel capture buffer sizes: watch must hold bursts of 100k packets/s while the view draws;
 * a probe waits for a handful of replies and reads them from a plain packet socket, without a
 * ring (XPCAP_RING_NONE: setting a ring up costs the kernel an RCU grace period, ~9 ms) */
#define XPCAP_RING_NONE 0
#define XPCAP_RING_WATCH (16u << 20)
int xpcap_fd(const struct xpcap *x); /* for the event loop (POLLIN) */
int xpcap_linktype(const struct xpcap *x);
/* non-blocking: 1 and *ret filled, 0 nothing pending, <0 error */
int xpcap_next(struct xpcap *x, struct pkt *ret);
int xpcap_inject(struct xpcap *x, const uint8_t *frame, size_t len);
/* counters from pcap_stats: packets received and dropped by the kernel */
int xpcap_stats(struct xpcap *x, unsigned *ret_recv, unsigned *ret_drop);
/*
 * Also capture ARP (on) or not (off, the default). A probe holding an address
 * it does not configure answers ARP for it, so a server can unicast to ciaddr.
 */
int xpcap_set_arp(struct xpcap *x, bool on);
void xpcap_free(struct xpcap *x);

/*
 * The interface's own hardware address (SIOCGIFHWADDR, in the calling
 * thread's network namespace; no privilege needed). 0 and mac filled, or
 * -ENODEV (no such interface), -EINVAL (not an interface name),
 * -EPROTONOSUPPORT (not an Ethernet-type address), other -errno.
 */
int xpcap_if_mac(const char *ifname, uint8_t mac[6]);
/* 1 when ifname is 802.11 (/sys/class/net/IF/wireless or phy80211 exists), 0 when
 * not, -ENODEV when there is no such interface, -EINVAL for a bad name */
int xpcap_if_wireless(const char *ifname);

/* the interface's state: administratively up (IFF_UP) and a carrier (IFF_RUNNING); 0 or -errno */
struct xpcap_if_info {
	bool up, carrier;
	uint32_t addr, mask; /* its IPv4 address and mask, host order; 0 when it has none */
};
int xpcap_if_info(const char *ifname, struct xpcap_if_info *ret);

#endif
