/* SPDX-License-Identifier: BSD-2-Clause */
/* frame.h - link, IPv4 and UDP/TCP layers around a DHCP message: parse and build */
#ifndef DHCPDIAG_FRAME_H
#define DHCPDIAG_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* pcap link types we unwrap (values from the tcpdump.org LINKTYPE list) */
enum {
	LINK_NULL = 0,
	LINK_EN10MB = 1,
	LINK_RAW = 101,
	LINK_IEEE802_11 = 105,
	LINK_LOOP = 108,
	LINK_LINUX_SLL = 113,
	LINK_IEEE802_11_RADIOTAP = 127,
	LINK_IPV4 = 228,
	LINK_LINUX_SLL2 = 276,
	LINK_DSA_TAG_BRCM = 281,
};

enum csum {
	CSUM_NONE,    /* UDP checksum field is 0: sender did not compute one */
	CSUM_OK,      /* verified */
	CSUM_BAD,     /* verified wrong; never a reason to drop */
	CSUM_UNKNOWN, /* could not verify: capture truncated */
	CSUM_UNVERIFIED, /* the field holds the pseudo-header sum only: the sender left it
			    for its NIC (TX offload) and the capture saw it first. Not a fault */
	CSUM_MAX
};
/* "none", "ok", "bad", "unknown", "unverified" */
extern const char *const csum_names[CSUM_MAX];
extern const uint8_t csum_lens[CSUM_MAX];      /* their lengths */

/*
 * A parsed (or to-be-built) frame. Addresses are in host byte order.
 * payload points into the caller's buffer and is valid as long as it is.
 */
struct frame {
	int linktype;
	bool has_eth;
	uint8_t eth_src[6], eth_dst[6];
	int vlan; /* 802.1Q VLAN id, -1 untagged */
	uint32_t ip_src, ip_dst;
	uint8_t ip_ttl, ip_proto; /* 17 UDP, 6 TCP */
	uint16_t ip_id;
	uint8_t ip_hlen;   /* header length in bytes (options included) */
	bool ip_fragment;  /* MF set or offset != 0: payload is not a whole message */
	enum csum ip_csum, l4_csum;
	uint16_t sport, dport;
	const uint8_t *payload; /* UDP payload / TCP segment data as captured */
	size_t payload_len;     /* captured bytes of it */
	size_t payload_wire;    /* bytes the headers claim */
	bool truncated;         /* payload_len < payload_wire: the capture's snap length cut it */
};

/*
 * Unwrap a captured frame down to UDP or TCP. Returns 0 when it is UDP or TCP
 * with port 67 or 68 at either end, -ENOENT for any other packet (to be skipped
 * and counted), -EBADMSG when the headers themselves are damaged, -EPROTONOSUPPORT
 * for a link type we do not know. Never reads outside pkt[0..caplen).
 */
int frame_parse(int linktype, const uint8_t *pkt, size_t caplen, size_t wirelen,
		struct frame *ret_frame);

/*
 * Build Ethernet (+802.1Q when f->vlan >= 0) + IPv4 (no options) + UDP around
 * payload, with IPv4 and UDP checksums computed. Uses eth_src/eth_dst, vlan,
 * ip_src/ip_dst, ip_ttl (0 means 64), ip_id, sport/dport from f. Returns the
 * frame length, or 0 when it does not fit in cap.
 */
size_t frame_build(const struct frame *f, const uint8_t *payload, size_t len, uint8_t *buf,
		   size_t cap);

/* RFC 1071 ones'-complement sum helpers, exposed for tests */
uint16_t frame_csum(const uint8_t *p, size_t n, uint32_t init);

#endif
