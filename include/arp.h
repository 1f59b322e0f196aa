/* SPDX-License-Identifier: BSD-2-Clause */
/* arp.h - ARP for IPv4 over Ethernet (RFC 826), untagged or with one 802.1Q tag: parse and build */
#ifndef DHCPDIAG_ARP_H
#define DHCPDIAG_ARP_H

#include <stddef.h>
#include <stdint.h>

enum {
	ARP_REQUEST = 1,
	ARP_REPLY = 2,
	/* every frame arp_build writes: the Ethernet minimum without FCS, which even a
	 * tagged ARP frame (46 bytes) is padded up to */
	ARP_FRAME_LEN = 60,
};

/*
 * One ARP frame. Addresses are in host byte order. A parsed frame carries the
 * Ethernet header it came in; a frame to build names it too (a reply is
 * unicast to the asker, a probe broadcast).
 */
struct arp_pkt {
	uint8_t eth_dst[6], eth_src[6];
	int vlan;          /* 802.1Q VLAN id 0..4095, -1 untagged */
	uint8_t vlan_prio; /* the tag's top four bits (PCP and DEI), so a reply can echo them */
	uint16_t op;       /* ARP_REQUEST or ARP_REPLY */
	uint8_t sha[6];    /* sender hardware address */
	uint32_t spa;      /* sender IPv4 address (0 in an RFC 5227 probe) */
	uint8_t tha[6];    /* target hardware address */
	uint32_t tpa;      /* target IPv4 address */
};

/*
 * Parse an Ethernet frame (captured bytes frame[0..len)) as ARP. Returns 0 and
 * fills *ret, or: -ENOENT when the frame is not ARP (another EtherType, or a
 * second VLAN tag), -EBADMSG when it is cut short, -EPROTONOSUPPORT for ARP
 * that is not Ethernet/IPv4 (htype 1, ptype 0x0800, hlen 6, plen 4) or whose
 * op is neither request nor reply. Bytes after the ARP body (padding) are
 * ignored. Never reads outside frame[0..len); *ret is untouched on error.
 */
int arp_parse(const uint8_t *frame, size_t len, struct arp_pkt *ret);

/*
 * Write a as an Ethernet frame (with an 802.1Q tag when a->vlan >= 0) into
 * buf, padded with zeros to ARP_FRAME_LEN bytes. Returns the frame length
 * (ARP_FRAME_LEN), -EINVAL for an op other than request/reply or a VLAN id
 * over 4095, or -ENOBUFS when cap is below ARP_FRAME_LEN.
 */
int arp_build(const struct arp_pkt *a, uint8_t *buf, size_t cap);

#endif
