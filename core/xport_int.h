/* SPDX-License-Identifier: BSD-2-Clause */
/* xport_int.h - private to xport_pcap.c and xport_sock.c: one capture handle, two backends */
#ifndef DHCPDIAG_XPORT_INT_H
#define DHCPDIAG_XPORT_INT_H

#include <net/if.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pkt.h"

#define XPCAP_SNAPLEN 2048 /* whole DHCP frames: 1500-byte IP packets, link and VLAN headers */

struct xpcap {
	pcap_t *pcap; /* libpcap's ring (watch); NULL for a plain packet socket (probes) */
	int fd;
	int linktype;
	char ifname[IF_NAMESIZE];
	uint8_t buf[XPCAP_SNAPLEN + 4]; /* packet socket: the frame read, its VLAN tag put back */
};

/* xport_sock.c: the same contract as xpcap_open & co., on an AF_PACKET socket without a ring */
int xsock_open(struct xpcap *x, char *err, size_t errlen);
int xsock_next(struct xpcap *x, struct pkt *ret);
int xsock_inject(struct xpcap *x, const uint8_t *frame, size_t len);
int xsock_set_arp(struct xpcap *x, bool on);
void xsock_close(struct xpcap *x);

#endif
