/* SPDX-License-Identifier: BSD-2-Clause */
/* test_frame.c - link layers, IPv4, UDP/TCP and checksums: frames in, summary text out */
#include "check.h"
#include "frame.h"
#include "msg.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

/* hex to a heap buffer of exactly the right size, so ASan sees any over-read */
static uint8_t *
unhex(const char *s, size_t *ret_len)
{
	size_t n = 0, cap = strlen(s) / 2 + 1;
	uint8_t *b = malloc(cap);
	int hi = -1;

	for (; *s; s++) {
		int v;

		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			v = *s - 'A' + 10;
		else
			continue;
		if (hi < 0) {
			hi = v;
		} else {
			b[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	*ret_len = n;
	return realloc(b, n ? n : 1);
}

/* copy of the first n bytes in a buffer of exactly n bytes */
static uint8_t *
prefix(const uint8_t *p, size_t n)
{
	uint8_t *b = malloc(n ? n : 1);

	if (n)
		memcpy(b, p, n);
	return b;
}

static const char *
err_name(int rc)
{
	switch (rc) {
	case -ENOENT:
		return "ENOENT";
	case -EBADMSG:
		return "EBADMSG";
	case -EPROTONOSUPPORT:
		return "EPROTONOSUPPORT";
	default:
		return "other error";
	}
}

static void
mac_text(char *buf, size_t len, const uint8_t m[6])
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

/* one line that says everything a row checks */
static const char *
describe(int rc, const struct frame *f)
{
	static char out[256];
	static const uint8_t zero[6];
	char mac[32] = "";

	if (rc)
		return err_name(rc);
	if (f->has_eth) {
		strcpy(mac, " eth=");
		mac_text(mac + 5, sizeof(mac) - 5, f->eth_src);
	} else if (memcmp(f->eth_src, zero, 6)) {
		strcpy(mac, " src=");
		mac_text(mac + 5, sizeof(mac) - 5, f->eth_src);
	}
	snprintf(out, sizeof(out), "vlan=%d ihl=%u ip=%s l4=%s%s%s %u>%u len=%zu/%zu%s", f->vlan,
	         f->ip_hlen, csum_names[f->ip_csum], csum_names[f->l4_csum],
	         f->ip_fragment ? " frag" : "", f->truncated ? " trunc" : "", f->sport, f->dport,
	         f->payload_len, f->payload_wire, mac);
	return out;
}

/* IPv4 + UDP (198.18.0.1:67 -> 255.255.255.255:68) + 8 bytes, checksums right */
#define IP_UDP "45000024000100004011b4b5c6120001ffffffff 0043004400102920 0102030405060708"
#define IP_UDP_OPTS                                                                                \
	"460000280001000040111fadc6120001ffffffff94040000 0043004400102920 0102030405060708"
#define IP_BADIP "45000024000100004011a5a4c6120001ffffffff 0043004400102920 0102030405060708"
#define IP_BADUDP "45000024000100004011b4b5c6120001ffffffff 004300440010737a 0102030405060708"
#define IP_NOUDPSUM "45000024000100004011b4b5c6120001ffffffff 0043004400100000 0102030405060708"
#define IP_DNS "45000024000100004011b4b5c6120001ffffffff 003500350010293d 0102030405060708"
/* MF set, UDP length 40 but only 8 payload bytes in this fragment */
#define IP_FRAG1 "4500002400012000401194b5c6120001ffffffff 0043004400202920 0102030405060708"
#define IP_FRAG2 "45000024000100014011b4b4c6120001ffffffff 0043004400102920 0102030405060708"
/* not a fragment, UDP length 28 > the 16 bytes IP carries */
#define IP_LONGULEN "45000024000100004011b4b5c6120001ffffffff 0043004400142920 0102030405060708"
#define IP_SERVER "45000024000100004011eea0c6130001c6120001 004300430010630c 0102030405060708"
#define IP_TCP                                                                                     \
	"45000030000100004006ee9bc6130005c6120001 9c400043000003e8000013885018ffff09060000 "       \
	"0006aabbccddeeff"
#define IP_TCP80                                                                                   \
	"45000030000100004006ee9bc6130005c6120001 9c400050000003e8000013885018ffff08f90000 "       \
	"0006aabbccddeeff"
#define IP_ICMP "4500001c000100004001eeb8c6120001c6120002 0800f7ff00000000"
#define IP_V6HDR "65000024000100004011b4b5c6120001ffffffff 0043004400102920 0102030405060708"
#define IP_IHL4 "44000024000100004011b4b5c6120001ffffffff 0043004400102920 0102030405060708"
#define IP_TOTSHORT "45000010000100004011b4b5c6120001ffffffff 0043004400102920 0102030405060708"
#define IP_ULEN4 "45000024000100004011b4b5c6120001ffffffff 0043004400042920 0102030405060708"

#define ETH "ffffffffffff 020000000001 0800 "
#define ETH_VLAN "ffffffffffff 020000000001 8100 0064 0800 "
#define ETH_QINQ "ffffffffffff 020000000001 88a8 0064 8100 00c8 0800 "
#define SNAP_IP "aaaa03000000 0800 "
#define WLAN_A1A2A3 "ffffffffffff 020000000099 020000000001 0000 "

#define UDP_OK "vlan=-1 ihl=20 ip=ok l4=ok 67>68 len=8/8"
#define SRC1 "02:00:00:00:00:01"

struct row {
	const char *name;
	int linktype;
	const char *hex;
	size_t cut; /* captured bytes when not 0 (the record's wire length stays whole) */
	const char *want;
};

static const struct row rows[] = {
    {"ethernet", LINK_EN10MB, ETH IP_UDP, 0, UDP_OK " eth=" SRC1},
    {"ethernet padding is not payload", LINK_EN10MB, ETH IP_UDP "000000000000", 0,
     UDP_OK " eth=" SRC1},
    {"802.1Q", LINK_EN10MB, ETH_VLAN IP_UDP, 0,
     "vlan=100 ihl=20 ip=ok l4=ok 67>68 len=8/8 eth=" SRC1},
    {"802.1ad + 802.1Q: outer VID", LINK_EN10MB, ETH_QINQ IP_UDP, 0,
     "vlan=100 ihl=20 ip=ok l4=ok 67>68 len=8/8 eth=" SRC1},
    {"three tags", LINK_EN10MB,
     "ffffffffffff 020000000001 88a8 0064 8100 00c8 8100 012c 0800 " IP_UDP, 0, "ENOENT"},
    {"vlan tag cut", LINK_EN10MB, "ffffffffffff 020000000001 8100 00", 0, "EBADMSG"},
    {"ARP", LINK_EN10MB, "ffffffffffff 020000000001 0806 0001080006040001", 0, "ENOENT"},
    {"802.3 + SNAP", LINK_EN10MB, "ffffffffffff 020000000001 002c " SNAP_IP IP_UDP, 0,
     UDP_OK " eth=" SRC1},
    {"802.3 without SNAP", LINK_EN10MB, "ffffffffffff 020000000001 002c 424203 " IP_UDP, 0,
     "ENOENT"},
    {"IPv4 options", LINK_EN10MB, ETH IP_UDP_OPTS, 0,
     "vlan=-1 ihl=24 ip=ok l4=ok 67>68 len=8/8 eth=" SRC1},
    {"IPv4 checksum bad", LINK_EN10MB, ETH IP_BADIP, 0,
     "vlan=-1 ihl=20 ip=bad l4=ok 67>68 len=8/8 eth=" SRC1},
    {"UDP checksum bad", LINK_EN10MB, ETH IP_BADUDP, 0,
     "vlan=-1 ihl=20 ip=ok l4=bad 67>68 len=8/8 eth=" SRC1},
    {"UDP checksum none", LINK_EN10MB, ETH IP_NOUDPSUM, 0,
     "vlan=-1 ihl=20 ip=ok l4=none 67>68 len=8/8 eth=" SRC1},
    {"UDP checksum unknown (snap length)", LINK_EN10MB, ETH IP_UDP, 46,
     "vlan=-1 ihl=20 ip=ok l4=unknown trunc 67>68 len=4/8 eth=" SRC1},
    {"UDP checksum none stays none when cut", LINK_EN10MB, ETH IP_NOUDPSUM, 46,
     "vlan=-1 ihl=20 ip=ok l4=none trunc 67>68 len=4/8 eth=" SRC1},
    {"UDP header cut", LINK_EN10MB, ETH IP_UDP, 40, "EBADMSG"},
    {"IPv4 header cut", LINK_EN10MB, ETH IP_UDP, 30, "EBADMSG"},
    {"not DHCP ports", LINK_EN10MB, ETH IP_DNS, 0, "ENOENT"},
    {"server to server 67>67", LINK_EN10MB, ETH IP_SERVER, 0,
     "vlan=-1 ihl=20 ip=ok l4=ok 67>67 len=8/8 eth=" SRC1},
    {"first fragment", LINK_EN10MB, ETH IP_FRAG1, 0,
     "vlan=-1 ihl=20 ip=ok l4=unknown frag 67>68 len=8/8 eth=" SRC1},
    {"later fragment", LINK_EN10MB, ETH IP_FRAG2, 0, "ENOENT"},
    {"UDP length past IP payload", LINK_EN10MB, ETH IP_LONGULEN, 0,
     "vlan=-1 ihl=20 ip=ok l4=bad 67>68 len=8/8 eth=" SRC1},
    {"UDP length below 8", LINK_EN10MB, ETH IP_ULEN4, 0, "EBADMSG"},
    {"IP version 6 behind 0x0800", LINK_EN10MB, ETH IP_V6HDR, 0, "EBADMSG"},
    {"IHL 4", LINK_EN10MB, ETH IP_IHL4, 0, "EBADMSG"},
    {"total length below header", LINK_EN10MB, ETH IP_TOTSHORT, 0, "EBADMSG"},
    {"TCP port 67", LINK_EN10MB, ETH IP_TCP, 0,
     "vlan=-1 ihl=20 ip=ok l4=ok 40000>67 len=8/8 eth=" SRC1},
    {"TCP port 67 cut", LINK_EN10MB, ETH IP_TCP, 60,
     "vlan=-1 ihl=20 ip=ok l4=unknown trunc 40000>67 len=6/8 eth=" SRC1},
    {"TCP port 80", LINK_EN10MB, ETH IP_TCP80, 0, "ENOENT"},
    {"ICMP", LINK_EN10MB, ETH IP_ICMP, 0, "ENOENT"},
    {"empty frame", LINK_EN10MB, "", 0, "EBADMSG"},
    {"DSA Broadcom tag", LINK_DSA_TAG_BRCM, "ffffffffffff 020000000001 20000001 0800 " IP_UDP, 0,
     UDP_OK " eth=" SRC1},
    {"Linux SLL", LINK_LINUX_SLL, "0000 0001 0006 0200000000010000 0800 " IP_UDP, 0,
     UDP_OK " src=" SRC1},
    {"Linux SLL IPv6", LINK_LINUX_SLL, "0000 0001 0006 0200000000010000 86dd " IP_UDP, 0, "ENOENT"},
    {"Linux SLL2", LINK_LINUX_SLL2, "0800 0000 00000002 0001 00 06 0200000000010000 " IP_UDP, 0,
     UDP_OK " src=" SRC1},
    {"NULL little-endian AF_INET", LINK_NULL, "02000000 " IP_UDP, 0, UDP_OK},
    {"NULL big-endian AF_INET", LINK_NULL, "00000002 " IP_UDP, 0, UDP_OK},
    {"LOOP", LINK_LOOP, "00000002 " IP_UDP, 0, UDP_OK},
    {"NULL IPv6", LINK_NULL, "18000000 " IP_UDP, 0, "ENOENT"},
    {"RAW", LINK_RAW, IP_UDP, 0, UDP_OK},
    {"IPV4", LINK_IPV4, IP_UDP, 0, UDP_OK},
    {"RAW IPv6", LINK_RAW, "6000000000081140", 0, "ENOENT"},
    {"802.11 from DS", LINK_IEEE802_11, "0802 0000 " WLAN_A1A2A3 SNAP_IP IP_UDP, 0,
     UDP_OK " eth=" SRC1},
    {"802.11 to DS", LINK_IEEE802_11,
     "0801 0000 020000000099 020000000001 ffffffffffff 0000 " SNAP_IP IP_UDP, 0,
     UDP_OK " eth=" SRC1},
    {"802.11 QoS data", LINK_IEEE802_11, "8802 0000 " WLAN_A1A2A3 "0000 " SNAP_IP IP_UDP, 0,
     UDP_OK " eth=" SRC1},
    {"802.11 QoS data + HT control", LINK_IEEE802_11,
     "8882 0000 " WLAN_A1A2A3 "0000 00000000 " SNAP_IP IP_UDP, 0, UDP_OK " eth=" SRC1},
    {"802.11 four addresses", LINK_IEEE802_11,
     "0803 0000 020000000098 020000000099 ffffffffffff 0000 020000000001 " SNAP_IP IP_UDP, 0,
     UDP_OK " eth=" SRC1},
    {"802.11 protected", LINK_IEEE802_11, "0842 0000 " WLAN_A1A2A3 SNAP_IP IP_UDP, 0, "ENOENT"},
    {"802.11 beacon", LINK_IEEE802_11, "8000 0000 " WLAN_A1A2A3 "0000000000000000", 0, "ENOENT"},
    {"802.11 null data", LINK_IEEE802_11, "4801 0000 " WLAN_A1A2A3, 0, "ENOENT"},
    {"802.11 ARP", LINK_IEEE802_11, "0802 0000 " WLAN_A1A2A3 "aaaa03000000 0806 0001", 0, "ENOENT"},
    {"802.11 header cut", LINK_IEEE802_11, "0802 0000 ffffffffffff 0200", 0, "EBADMSG"},
    {"radiotap", LINK_IEEE802_11_RADIOTAP,
     "00 00 0900 02000000 00 "
     "0802 0000 " WLAN_A1A2A3 SNAP_IP IP_UDP,
     0, UDP_OK " eth=" SRC1},
    {"radiotap length past frame", LINK_IEEE802_11_RADIOTAP, "00 00 ff00 02000000 00 0802", 0,
     "EBADMSG"},
    {"radiotap version 1", LINK_IEEE802_11_RADIOTAP,
     "01 00 0900 02000000 00 "
     "0802 0000 " WLAN_A1A2A3 SNAP_IP IP_UDP,
     0, "EBADMSG"},
    {"unknown link type", 9999, ETH IP_UDP, 0, "EPROTONOSUPPORT"},
};

static void
test_rows(void)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *t = &rows[i];
		struct frame f;
		size_t n;
		uint8_t *b = unhex(t->hex, &n);
		size_t caplen = t->cut ? t->cut : n;
		uint8_t *cap = prefix(b, caplen);
		int rc = frame_parse(t->linktype, cap, caplen, n, &f);

		CHECK_STR(describe(rc, &f), t->want, "parse: %s", t->name);
		free(cap);
		free(b);
	}
}

static void
test_payload_points_into_frame(void)
{
	static const uint8_t want[] = {1, 2, 3, 4, 5, 6, 7, 8};
	size_t n;
	uint8_t *b = unhex(ETH IP_UDP, &n);
	struct frame f;
	int rc = frame_parse(LINK_EN10MB, b, n, n, &f);

	CHECK(rc == 0 && f.payload_len == sizeof(want) && !memcmp(f.payload, want, sizeof(want)),
	      "payload is the UDP data");
	CHECK(rc == 0 && f.ip_src == 0xc6120001 && f.ip_dst == 0xffffffff && f.ip_ttl == 64 &&
	          f.ip_id == 1 && f.ip_proto == 17,
	      "IPv4 fields in host order");
	free(b);

	struct frame untouched = {.vlan = 1234};
	b = unhex(ETH IP_DNS, &n);
	rc = frame_parse(LINK_EN10MB, b, n, n, &untouched);
	CHECK(rc == -ENOENT && untouched.vlan == 1234, "ret_frame untouched when skipped");
	free(b);
}

static void
test_csum(void)
{
	/* RFC 1071 section 3 example: words sum to ddf2 */
	static const uint8_t rfc[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
	static const uint8_t odd[] = {0x01};

	CHECK(frame_csum(rfc, sizeof(rfc), 0) == (uint16_t)~0xddf2, "RFC 1071 example");
	CHECK(frame_csum(odd, sizeof(odd), 0) == (uint16_t)~0x0100, "odd byte padded with zero");
	CHECK(frame_csum(NULL, 0, 0x1234) == (uint16_t)~0x1234, "init alone");
	CHECK(frame_csum(rfc, sizeof(rfc), 0xffff0000u) == (uint16_t)~0xddf2,
	      "carries fold (ones'-complement 0xffff is zero)");
	/* the word-at-a-time sum against the plain definition: every length, runs of 0xff for carries */
	uint8_t buf[600];
	unsigned seed = 12345, bad = 0;
	for (size_t n = 0; n <= sizeof(buf); n++) {
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = n % 3 == 0 ? 0xff : (uint8_t)(seed >> 16);
		}
		uint32_t init = n % 2 ? 0xffff0000u + (uint32_t)n : 0;
		uint64_t ref = init;
		for (size_t i = 0; i < n; i += 2)
			ref += (uint32_t)(buf[i] << 8) | (i + 1 < n ? buf[i + 1] : 0);
		while (ref >> 16)
			ref = (ref & 0xffff) + (ref >> 16);
		if (frame_csum(buf, n, init) != (uint16_t)~ref)
			bad++;
	}
	CHECK(bad == 0, "checksum agrees with RFC 1071's definition for 0-600 bytes (%u differ)", bad);
	CHECK_STR(csum_names[CSUM_NONE], "none", "csum name none");
	CHECK_STR(csum_names[CSUM_OK], "ok", "csum name ok");
	CHECK_STR(csum_names[CSUM_BAD], "bad", "csum name bad");
	CHECK_STR(csum_names[CSUM_UNKNOWN], "unknown", "csum name unknown");
	CHECK_STR(csum_names[CSUM_UNVERIFIED], "unverified", "csum name unverified");
	for (int i = 0; i < CSUM_MAX; i++)
		CHECK(csum_lens[i] == strlen(csum_names[i]), "csum name %d has its length", i);
}

static struct frame
sample_frame(int vlan)
{
	struct frame f = {.vlan = vlan,
	                  .ip_src = 0xc6120001,
	                  .ip_dst = 0xffffffff,
	                  .ip_id = 1,
	                  .sport = 67,
	                  .dport = 68};

	memset(f.eth_dst, 0xff, 6);
	memcpy(f.eth_src, "\x02\x00\x00\x00\x00\x01", 6);
	return f;
}

static void
test_build(void)
{
	static const uint8_t payload[] = {1, 2, 3, 4, 5, 6, 7, 8};
	static const struct {
		const char *name;
		int vlan;
		const char *hex;
	} cases[] = {
	    {"untagged", -1, ETH IP_UDP},
	    {"802.1Q", 100, ETH_VLAN IP_UDP},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct frame f = sample_frame(cases[i].vlan);
		size_t n, got, small = 0;
		uint8_t *want = unhex(cases[i].hex, &n);
		uint8_t buf[128];

		got = frame_build(&f, payload, sizeof(payload), buf, sizeof(buf));
		CHECK(got == n && !memcmp(buf, want, n), "build %s matches reference bytes",
		      cases[i].name);
		for (size_t cap = 0; cap < n; cap++) {
			uint8_t *tight = malloc(cap ? cap : 1);

			if (frame_build(&f, payload, sizeof(payload), tight, cap) != 0)
				small++;
			free(tight);
		}
		CHECK(small == 0, "build %s: every capacity below %zu bytes refused", cases[i].name,
		      n);
		free(want);
	}

	/* a payload whose UDP checksum computes to 0 goes out as ffff (RFC 768) */
	enum { UDP_CSUM_OFF = 14 + 20 + 6 };
	struct frame f = sample_frame(-1);
	uint8_t zero[2] = {0, 0}, buf[64], fix[2];
	size_t n = frame_build(&f, zero, sizeof(zero), buf, sizeof(buf));
	struct frame p;

	memcpy(fix, buf + UDP_CSUM_OFF, 2);
	n = frame_build(&f, fix, sizeof(fix), buf, sizeof(buf));
	CHECK(n && buf[UDP_CSUM_OFF] == 0xff && buf[UDP_CSUM_OFF + 1] == 0xff,
	      "computed checksum 0 is sent as ffff");
	CHECK(frame_parse(LINK_EN10MB, buf, n, n, &p) == 0 && p.l4_csum == CSUM_OK,
	      "ffff verifies as ok");
	CHECK(frame_build(&f, NULL, 70000, buf, sizeof(buf)) == 0, "payload over 64 KiB refused");

	/* TX offload: the sender leaves the pseudo-header's sum for the NIC to finish */
	static const uint8_t dhcp[8] = {2, 1, 6, 0, 0x12, 0x34, 0x56, 0x78};
	uint32_t ps = (0xc612 + 0x0001 + 0xffff + 0xffff) + 17 + 16; /* src, dst, proto, length */

	while (ps >> 16)
		ps = (ps & 0xffff) + (ps >> 16);
	n = frame_build(&f, dhcp, sizeof(dhcp), buf, sizeof(buf));
	buf[UDP_CSUM_OFF] = (uint8_t)(ps >> 8);
	buf[UDP_CSUM_OFF + 1] = (uint8_t)ps;
	CHECK(frame_parse(LINK_EN10MB, buf, n, n, &p) == 0 && p.l4_csum == CSUM_UNVERIFIED,
	      "a checksum field holding the pseudo-header sum is unverified (offload), got %s",
	      csum_names[p.l4_csum]);
	buf[UDP_CSUM_OFF + 1] ^= 0x01;
	CHECK(frame_parse(LINK_EN10MB, buf, n, n, &p) == 0 && p.l4_csum == CSUM_BAD,
	      "any other wrong checksum is bad, got %s", csum_names[p.l4_csum]);
}

/* a real DHCP frame, parsed at every capture length: headers cut give EBADMSG, a cut
 * message gives truncated with an unknown checksum, never a read past caplen */
static void
test_every_truncation(void)
{
	enum { HDRS = 14 + 20 + 8 };
	static struct msg m;
	static const uint8_t type[] = {5}, lease[] = {0, 0, 0x0e, 0x10};
	uint8_t dhcp[400], frame[500];
	int dlen;
	size_t n, bad_rc = 0, bad_len = 0, bad_flags = 0;
	struct frame f = sample_frame(-1);

	msg_init(&m, 2);
	msg_set(&m, 53, type, sizeof(type));
	msg_set(&m, 51, lease, sizeof(lease));
	dlen = msg_build(&m, dhcp, sizeof(dhcp));
	n = frame_build(&f, dhcp, (size_t)dlen, frame, sizeof(frame));
	CHECK(dlen > 0 && n == HDRS + (size_t)dlen, "DHCP frame built (%zu bytes)", n);

	for (size_t k = 0; k <= n; k++) {
		uint8_t *cap = prefix(frame, k);
		struct frame p;
		int rc = frame_parse(LINK_EN10MB, cap, k, n, &p);

		if (k < HDRS) {
			bad_rc += rc != -EBADMSG;
		} else if (rc != 0) {
			bad_rc++;
		} else {
			bad_len += p.payload_len != k - HDRS || p.payload_wire != (size_t)dlen;
			bad_flags += p.truncated != (k < n) ||
			             p.l4_csum != (k < n ? CSUM_UNKNOWN : CSUM_OK) ||
			             p.ip_csum != CSUM_OK;
		}
		free(cap);
	}
	CHECK(bad_rc == 0, "every cut inside the headers is EBADMSG, after them 0 (%zu wrong)",
	      bad_rc);
	CHECK(bad_len == 0, "payload_len follows the cut, payload_wire stays (%zu wrong)", bad_len);
	CHECK(bad_flags == 0, "truncated and checksum state follow the cut (%zu wrong)", bad_flags);

	struct frame p;
	CHECK(frame_parse(LINK_EN10MB, frame, n, n, &p) == 0 &&
	          msg_parse(p.payload, p.payload_len, &m) == 0 && msg_type(&m) == 5,
	      "built frame parses back to an ACK");
}

int
main(void)
{
	test_rows();
	test_payload_points_into_frame();
	test_csum();
	test_build();
	test_every_truncation();
	return CHECK_DONE();
}
