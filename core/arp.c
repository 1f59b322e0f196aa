/* SPDX-License-Identifier: BSD-2-Clause */
/* arp.c - ARP for IPv4 over Ethernet: parse a captured frame, build a request or reply */
#include "arp.h"

#include "reader.h"
#include "writer.h"

#include <errno.h>

enum {
	ETHERTYPE_ARP = 0x0806,
	ETHERTYPE_8021Q = 0x8100,
	ETHERTYPE_IPV4 = 0x0800,
	ARP_HTYPE_ETHER = 1, /* RFC 826 ar$hrd for Ethernet */
	ARP_HLEN = 6,
	ARP_PLEN = 4,
};

int
arp_parse(const uint8_t *frame, size_t len, struct arp_pkt *ret)
{
	struct arp_pkt a = {.vlan = -1};
	struct rd r;
	uint16_t type, htype, ptype;
	uint8_t hlen, plen;

	rd_init(&r, frame, len);
	rd_copy(&r, a.eth_dst, 6);
	rd_copy(&r, a.eth_src, 6);
	type = rd_be16(&r);
	if (type == ETHERTYPE_8021Q) {
		uint16_t tci = rd_be16(&r);

		a.vlan = tci & 0x0fff;
		a.vlan_prio = (uint8_t)(tci >> 12);
		type = rd_be16(&r);
	}
	if (r.bad)
		return -EBADMSG;
	if (type != ETHERTYPE_ARP)
		return -ENOENT; /* a second tag lands here too: one tag is all we send */
	htype = rd_be16(&r);
	ptype = rd_be16(&r);
	hlen = rd_u8(&r);
	plen = rd_u8(&r);
	a.op = rd_be16(&r);
	if (r.bad)
		return -EBADMSG;
	/* the lengths decide where the addresses lie: anything but 6/4 is another layout */
	if (htype != ARP_HTYPE_ETHER || ptype != ETHERTYPE_IPV4 || hlen != ARP_HLEN ||
	    plen != ARP_PLEN || (a.op != ARP_REQUEST && a.op != ARP_REPLY))
		return -EPROTONOSUPPORT;
	rd_copy(&r, a.sha, 6);
	a.spa = rd_be32(&r);
	rd_copy(&r, a.tha, 6);
	a.tpa = rd_be32(&r);
	if (r.bad)
		return -EBADMSG;
	*ret = a;
	return 0;
}

int
arp_build(const struct arp_pkt *a, uint8_t *buf, size_t cap)
{
	struct wr w;

	if ((a->op != ARP_REQUEST && a->op != ARP_REPLY) || a->vlan > 0x0fff)
		return -EINVAL;
	wr_init(&w, buf, cap);
	wr_bytes(&w, a->eth_dst, 6);
	wr_bytes(&w, a->eth_src, 6);
	if (a->vlan >= 0) {
		wr_be16(&w, ETHERTYPE_8021Q);
		wr_be16(&w, (uint16_t)((a->vlan_prio & 0x0f) << 12 | a->vlan));
	}
	wr_be16(&w, ETHERTYPE_ARP);
	wr_be16(&w, ARP_HTYPE_ETHER);
	wr_be16(&w, ETHERTYPE_IPV4);
	wr_u8(&w, ARP_HLEN);
	wr_u8(&w, ARP_PLEN);
	wr_be16(&w, a->op);
	wr_bytes(&w, a->sha, 6);
	wr_be32(&w, a->spa);
	wr_bytes(&w, a->tha, 6);
	wr_be32(&w, a->tpa);
	if (w.len < ARP_FRAME_LEN)
		wr_zero(&w, ARP_FRAME_LEN - w.len);
	return w.bad ? -ENOBUFS : (int)w.len;
}
