/* SPDX-License-Identifier: BSD-2-Clause */
/* frame.c - unwrap link layers, IPv4 and UDP/TCP around a DHCP message; build Ethernet/IPv4/UDP */
#include "frame.h"

#include "reader.h"
#include "writer.h"

#include <errno.h>
#include <string.h>

/* the names, and their lengths counted by the compiler */
#define CSUM_NAMES(X) \
	X(CSUM_NONE, "none") X(CSUM_OK, "ok") X(CSUM_BAD, "bad") X(CSUM_UNKNOWN, "unknown") \
	X(CSUM_UNVERIFIED, "unverified")
#define CSUM_NAME(id, s) [id] = s,
const char *const csum_names[CSUM_MAX] = {CSUM_NAMES(CSUM_NAME)};
#undef CSUM_NAME
#define CSUM_LEN(id, s) [id] = sizeof(s) - 1,
const uint8_t csum_lens[CSUM_MAX] = {CSUM_NAMES(CSUM_LEN)};
#undef CSUM_LEN
_Static_assert(sizeof(csum_names) / sizeof(csum_names[0]) == CSUM_MAX, "csum_names");

enum {
	ETHERTYPE_IPV4 = 0x0800,
	ETHERTYPE_8021Q = 0x8100,
	ETHERTYPE_8021AD = 0x88a8,
	ETHERTYPE_QINQ_OLD = 0x9100, /* pre-802.1ad stacked VLAN, still seen in the field */
	MAX_VLAN_TAGS = 2,
	IPPROTO_TCP_ = 6,
	IPPROTO_UDP_ = 17,
	PORT_SERVER = 67,
	PORT_CLIENT = 68,
	AF_INET_ = 2, /* the same value on every system that writes DLT_NULL/LOOP */
};

/*
 * RFC 1071: ones'-complement sum of 16-bit big-endian words, the odd last byte
 * padded with zero, plus init (a partial sum such as a pseudo-header), folded
 * and complemented. Verifying data that contains its checksum gives 0; the
 * result also is the value to store when the field was 0 while summing.
 */
uint16_t
frame_csum(const uint8_t *p, size_t n, uint32_t init)
{
	struct rd r;
	uint64_t sum;

	rd_init(&r, p, n);
	sum = init + rd_sum16(&r, n);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* pseudo-header partial sum for UDP/TCP over IPv4 (RFC 768, RFC 793) */
static uint32_t
pseudo_sum(uint32_t src, uint32_t dst, uint8_t proto, size_t l4len)
{
	return (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + proto +
	       (uint32_t)(l4len & 0xffff);
}

/*
 * A checksum that does not verify: "unverified" when the field holds the
 * pseudo-header's sum alone, as a sender with checksum offload leaves it
 * for the NIC to finish (Linux CHECKSUM_PARTIAL: veths, a server on the
 * capturing host, which sees its frames before any NIC); "bad" otherwise.
 */
static enum csum
csum_failed(uint16_t field, uint32_t pseudo)
{
	while (pseudo >> 16)
		pseudo = (pseudo & 0xffff) + (pseudo >> 16);
	return field == pseudo ? CSUM_UNVERIFIED : CSUM_BAD;
}

static bool
dhcp_port(uint16_t port)
{
	return port == PORT_SERVER || port == PORT_CLIENT;
}

/* 802.11 stores 16-bit fields little-endian */
static uint16_t
rd_le16(struct rd *r)
{
	uint16_t lo = rd_u8(r);

	return (uint16_t)(lo | rd_u8(r) << 8);
}

/*
 * The UDP part. l4 covers the captured bytes of the IP payload; ip_pay is the
 * payload length the IP header claims.
 *
 * A UDP length larger than the IP payload cannot be honoured: the datagram is
 * either a first fragment (expected) or inconsistent. In both cases we keep it
 * simple and trust IP: payload_wire is what IP carries after the UDP header and
 * the checksum cannot be right over bytes that do not exist (unknown for a
 * fragment, bad otherwise). `truncated` only ever means the capture cut bytes
 * that IP says were sent.
 */
/* the payload the headers claim (wire bytes); what the capture holds of it may be less */
static void
set_payload(struct rd *l4, size_t wire, struct frame *f)
{
	size_t have = rd_left(l4);

	f->payload_wire = wire;
	f->payload_len = have < wire ? have : wire;
	f->payload = rd_bytes(l4, f->payload_len);
	f->truncated = f->payload_len < f->payload_wire;
}

static int
udp_parse(struct rd *l4, size_t ip_pay, struct frame *f)
{
	struct rd whole = *l4;
	size_t ulen, wire;
	uint16_t sum;
	const uint8_t *h;

	if (ip_pay < 8)
		return -EBADMSG;
	h = rd_bytes(l4, 8);
	if (!h)
		return -EBADMSG;
	f->sport = ld_be16(h);
	f->dport = ld_be16(h + 2);
	ulen = ld_be16(h + 4);
	sum = ld_be16(h + 6);
	if (ulen < 8)
		return -EBADMSG;
	if (!dhcp_port(f->sport) && !dhcp_port(f->dport))
		return -ENOENT;

	if (ulen > ip_pay) {
		wire = ip_pay - 8;
		f->l4_csum = f->ip_fragment ? CSUM_UNKNOWN : CSUM_BAD;
	} else {
		wire = ulen - 8;
		if (f->ip_fragment) {
			f->l4_csum = CSUM_UNKNOWN;
		} else {
			const uint8_t *dgram = rd_bytes(&whole, ulen);

			if (!dgram)
				f->l4_csum = CSUM_UNKNOWN;
			else if (frame_csum(dgram, ulen,
			                    pseudo_sum(f->ip_src, f->ip_dst, IPPROTO_UDP_, ulen)))
				f->l4_csum = csum_failed(
				    sum, pseudo_sum(f->ip_src, f->ip_dst, IPPROTO_UDP_, ulen));
			else
				f->l4_csum = CSUM_OK;
		}
	}
	if (sum == 0)
		f->l4_csum = CSUM_NONE;

	set_payload(l4, wire, f);
	return 0;
}

/* The TCP part (RFC 6926 leasequery runs DHCP over TCP port 67). */
static int
tcp_parse(struct rd *l4, size_t ip_pay, struct frame *f)
{
	struct rd whole = *l4;
	size_t thl;

	f->sport = rd_be16(l4);
	f->dport = rd_be16(l4);
	rd_skip(l4, 8); /* sequence and acknowledgement numbers */
	thl = (size_t)(rd_u8(l4) >> 4) * 4;
	if (l4->bad || thl < 20 || thl > ip_pay)
		return -EBADMSG;
	rd_skip(l4, thl - 13); /* flags, window, checksum, urgent pointer, options */
	if (l4->bad)
		return -EBADMSG;
	if (!dhcp_port(f->sport) && !dhcp_port(f->dport))
		return -ENOENT;

	f->l4_csum = CSUM_UNKNOWN;
	if (!f->ip_fragment) {
		const uint8_t *seg = rd_bytes(&whole, ip_pay);

		if (seg) {
			uint32_t ps = pseudo_sum(f->ip_src, f->ip_dst, IPPROTO_TCP_, ip_pay);

			f->l4_csum = frame_csum(seg, ip_pay, ps)
			                 ? csum_failed(ld_be16(seg + 16), ps)
			                 : CSUM_OK;
		}
	}
	set_payload(l4, ip_pay - thl, f);
	return 0;
}

/*
 * IPv4 (RFC 791) with options. The total length bounds everything after it, so
 * Ethernet padding and 802.11 FCS trailers are never taken as payload. When the
 * total length claims more than was captured we call it truncation whatever
 * the record's wire length says: some capture tools write caplen == len.
 */
static int
ip4_parse(struct rd *r, struct frame *f)
{
	struct rd h = *r;
	size_t avail = rd_left(r), ihl, tot, ipcap;
	uint16_t frag;
	const uint8_t *hdr, *q;
	struct rd l4;
	uint8_t vihl;

	/* the fixed 20 bytes, checked once */
	q = rd_bytes(&h, 20);
	if (!q || q[0] >> 4 != 4)
		return -EBADMSG;
	vihl = q[0];
	/* q[1]: type of service */
	tot = ld_be16(q + 2);
	f->ip_id = ld_be16(q + 4);
	frag = ld_be16(q + 6);
	f->ip_ttl = q[8];
	f->ip_proto = q[9];
	/* q[10..11]: header checksum, verified over the whole header below */
	f->ip_src = ld_be32(q + 12);
	f->ip_dst = ld_be32(q + 16);
	ihl = (size_t)(vihl & 0x0f) * 4;
	if (ihl < 20 || ihl > avail || tot < ihl)
		return -EBADMSG;
	f->ip_hlen = (uint8_t)ihl;
	hdr = rd_bytes(r, ihl);
	f->ip_csum = frame_csum(hdr, ihl, 0) ? CSUM_BAD : CSUM_OK;

	/* RFC 791: MF flag 0x2000, fragment offset in the low 13 bits */
	f->ip_fragment = (frag & 0x3fff) != 0;
	if (frag & 0x1fff)
		return -ENOENT; /* only the first fragment carries the UDP/TCP header */

	ipcap = avail < tot ? avail : tot;
	l4 = rd_sub(r, ipcap - ihl);
	if (f->ip_proto == IPPROTO_UDP_)
		return udp_parse(&l4, tot - ihl, f);
	if (f->ip_proto == IPPROTO_TCP_)
		return tcp_parse(&l4, tot - ihl, f);
	return -ENOENT;
}

/* after the link header: up to two VLAN tags, then IPv4 */
static int
ethertype_parse(struct rd *r, uint16_t type, struct frame *f)
{
	for (int tags = 0;
	     type == ETHERTYPE_8021Q || type == ETHERTYPE_8021AD || type == ETHERTYPE_QINQ_OLD;
	     tags++) {
		uint16_t tci;

		if (tags == MAX_VLAN_TAGS)
			return -ENOENT;
		tci = rd_be16(r);
		type = rd_be16(r);
		if (r->bad)
			return -EBADMSG;
		if (f->vlan < 0)
			f->vlan = tci & 0x0fff; /* the outermost tag names the VLAN */
	}
	if (type != ETHERTYPE_IPV4)
		return -ENOENT;
	return ip4_parse(r, f);
}

/* RFC 1042 LLC/SNAP header; returns the encapsulated ethertype or 0 */
static uint16_t
snap_parse(struct rd *r)
{
	uint8_t dsap = rd_u8(r), ssap = rd_u8(r), ctl = rd_u8(r);
	uint32_t oui = (uint32_t)rd_u8(r) << 16;
	uint16_t type;

	oui |= rd_be16(r);
	type = rd_be16(r);
	if (r->bad || dsap != 0xaa || ssap != 0xaa || ctl != 0x03 || oui != 0)
		return 0;
	return type;
}

/* Ethernet II or 802.3+SNAP; tag_len bytes of switch tag sit after the source MAC */
static int
eth_parse(struct rd *r, size_t tag_len, struct frame *f)
{
	uint16_t type;
	const uint8_t *h = rd_bytes(r, 14 + tag_len);

	if (!h)
		return -EBADMSG;
	memcpy(f->eth_dst, h, 6);
	memcpy(f->eth_src, h + 6, 6);
	type = ld_be16(h + 12 + tag_len);
	f->has_eth = true;
	if (type <= 1500) /* IEEE 802.3 length field */
		type = snap_parse(r);
	if (r->bad)
		return -EBADMSG;
	return ethertype_parse(r, type, f);
}

/*
 * Linux cooked captures carry only the sender's link address: we copy it to
 * eth_src when it is 6 bytes long but leave has_eth false, since the
 * destination is unknown.
 */
static int
sll_parse(struct rd *r, bool v2, struct frame *f)
{
	uint16_t type = 0, halen;
	uint8_t addr[8];

	if (v2) {
		type = rd_be16(r);
		rd_skip(r, 2 + 4 + 2 + 1); /* reserved, ifindex, hatype, packet type */
		halen = rd_u8(r);
	} else {
		rd_skip(r, 2 + 2); /* packet type, hatype */
		halen = rd_be16(r);
	}
	rd_copy(r, addr, sizeof(addr));
	if (!v2)
		type = rd_be16(r);
	if (r->bad)
		return -EBADMSG;
	if (halen == 6)
		memcpy(f->eth_src, addr, 6);
	return ethertype_parse(r, type, f);
}

/* DLT_NULL is host byte order of the writer, DLT_LOOP network order: accept both */
static int
null_parse(struct rd *r, struct frame *f)
{
	uint32_t fam = rd_be32(r);

	if (r->bad)
		return -EBADMSG;
	if (fam != AF_INET_ && fam != (uint32_t)AF_INET_ << 24)
		return -ENOENT;
	return ip4_parse(r, f);
}

static int
raw_parse(struct rd *r, struct frame *f)
{
	struct rd v = *r;

	if (rd_u8(&v) >> 4 != 4) /* LINKTYPE_RAW may also hold IPv6 */
		return v.bad ? -EBADMSG : -ENOENT;
	return ip4_parse(r, f);
}

/* IEEE 802.11 frame control, first byte: version 0-1, type 2-3, subtype 4-7 */
enum {
	WLAN_TYPE_DATA = 2,
	WLAN_SUBTYPE_QOS = 0x8,
	WLAN_SUBTYPE_NODATA = 0x4,
	WLAN_TO_DS = 0x01,
	WLAN_FROM_DS = 0x02,
	WLAN_PROTECTED = 0x40,
	WLAN_ORDER = 0x80,
};

static int
wlan_parse(struct rd *r, struct frame *f)
{
	uint8_t fc0 = rd_u8(r), fc1 = rd_u8(r), subtype = fc0 >> 4;
	uint8_t a1[6], a2[6], a3[6], a4[6] = {0};
	bool ds_to = fc1 & WLAN_TO_DS, ds_from = fc1 & WLAN_FROM_DS;
	uint16_t type;

	rd_skip(r, 2); /* duration */
	rd_copy(r, a1, 6);
	rd_copy(r, a2, 6);
	rd_copy(r, a3, 6);
	rd_skip(r, 2); /* sequence control */
	if (ds_to && ds_from)
		rd_copy(r, a4, 6);
	if (r->bad)
		return -EBADMSG;
	if ((fc0 & 0x03) != 0 || ((fc0 >> 2) & 0x03) != WLAN_TYPE_DATA ||
	    (subtype & WLAN_SUBTYPE_NODATA))
		return -ENOENT;
	if (fc1 & WLAN_PROTECTED)
		return -ENOENT; /* encrypted body: nothing we can read */
	if (subtype & WLAN_SUBTYPE_QOS) {
		rd_skip(r, 2); /* QoS control */
		if (fc1 & WLAN_ORDER)
			rd_skip(r, 4); /* HT control */
	}
	type = snap_parse(r);
	if (r->bad)
		return -EBADMSG;

	/* IEEE 802.11 table 9-26: which address is DA and which SA */
	memcpy(f->eth_dst, ds_to ? a3 : a1, 6);
	memcpy(f->eth_src, ds_from ? (ds_to ? a4 : a3) : a2, 6);
	f->has_eth = true;
	if (type == 0)
		return -ENOENT;
	return ethertype_parse(r, type, f);
}

/* radiotap: version 0, pad, it_len (little-endian, the whole header), then 802.11 */
static int
radiotap_parse(struct rd *r, struct frame *f)
{
	struct rd h = *r;
	uint8_t version = rd_u8(&h);
	size_t it_len;

	rd_skip(&h, 1);
	it_len = rd_le16(&h);
	if (h.bad || version != 0 || it_len < 8)
		return -EBADMSG;
	rd_skip(r, it_len);
	if (r->bad)
		return -EBADMSG;
	return wlan_parse(r, f);
}

int
frame_parse(int linktype, const uint8_t *pkt, size_t caplen, size_t wirelen,
            struct frame *ret_frame)
{
	struct frame f = {.linktype = linktype, .vlan = -1};
	struct rd r;
	int rc;

	(void)wirelen; /* the IP and UDP headers say what was sent; see ip4_parse */
	rd_init(&r, pkt, caplen);
	switch (linktype) {
	case LINK_EN10MB:
		rc = eth_parse(&r, 0, &f);
		break;
	case LINK_DSA_TAG_BRCM:
		rc = eth_parse(&r, 4, &f);
		break;
	case LINK_LINUX_SLL:
		rc = sll_parse(&r, false, &f);
		break;
	case LINK_LINUX_SLL2:
		rc = sll_parse(&r, true, &f);
		break;
	case LINK_RAW:
	case LINK_IPV4:
		rc = raw_parse(&r, &f);
		break;
	case LINK_NULL:
	case LINK_LOOP:
		rc = null_parse(&r, &f);
		break;
	case LINK_IEEE802_11:
		rc = wlan_parse(&r, &f);
		break;
	case LINK_IEEE802_11_RADIOTAP:
		rc = radiotap_parse(&r, &f);
		break;
	default:
		return -EPROTONOSUPPORT;
	}
	if (rc == 0)
		*ret_frame = f;
	return rc;
}

size_t
frame_build(const struct frame *f, const uint8_t *payload, size_t len, uint8_t *buf, size_t cap)
{
	enum { IP_HLEN = 20, UDP_HLEN = 8 };
	uint8_t ttl = f->ip_ttl ? f->ip_ttl : 64;
	size_t ulen = len + UDP_HLEN, tot = ulen + IP_HLEN;
	uint8_t iphdr[IP_HLEN];
	struct wr w, h;
	uint32_t usum;
	uint16_t ucs;

	if (tot > 0xffff || f->vlan > 0x0fff || (len && !payload))
		return 0;

	wr_init(&h, iphdr, sizeof(iphdr));
	wr_u8(&h, 0x45); /* version 4, no options */
	wr_u8(&h, 0);
	wr_be16(&h, (uint16_t)tot);
	wr_be16(&h, f->ip_id);
	wr_be16(&h, 0); /* DF clear, not a fragment */
	wr_u8(&h, ttl);
	wr_u8(&h, IPPROTO_UDP_);
	wr_be16(&h, 0);
	wr_be32(&h, f->ip_src);
	wr_be32(&h, f->ip_dst);
	wr_be16_at(&h, 10, frame_csum(iphdr, sizeof(iphdr), 0));

	usum = pseudo_sum(f->ip_src, f->ip_dst, IPPROTO_UDP_, ulen) + f->sport + f->dport +
	       (uint32_t)ulen;
	ucs = frame_csum(payload, len, usum);
	if (ucs == 0)
		ucs = 0xffff; /* RFC 768: a computed 0 is sent as all ones */

	wr_init(&w, buf, cap);
	wr_bytes(&w, f->eth_dst, 6);
	wr_bytes(&w, f->eth_src, 6);
	if (f->vlan >= 0) {
		wr_be16(&w, ETHERTYPE_8021Q);
		wr_be16(&w, (uint16_t)f->vlan);
	}
	wr_be16(&w, ETHERTYPE_IPV4);
	wr_bytes(&w, iphdr, sizeof(iphdr));
	wr_be16(&w, f->sport);
	wr_be16(&w, f->dport);
	wr_be16(&w, (uint16_t)ulen);
	wr_be16(&w, ucs);
	wr_bytes(&w, payload, len);
	return w.bad ? 0 : w.len;
}
