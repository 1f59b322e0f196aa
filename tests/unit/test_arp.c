/* SPDX-License-Identifier: BSD-2-Clause */
/* test_arp.c - ARP over Ethernet: round trips, a captured reply, every way to be wrong */
#include "arp.h"
#include "check.h"

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

/* parse the first n bytes of p from a buffer of exactly n bytes */
static int
parse_prefix(const uint8_t *p, size_t n, struct arp_pkt *ret)
{
	uint8_t *b = malloc(n ? n : 1);
	int r;

	if (n)
		memcpy(b, p, n);
	r = arp_parse(b, n, ret);
	free(b);
	return r;
}

static const char *
err_name(int rc)
{
	switch (rc) {
	case 0:
		return "ok";
	case -ENOENT:
		return "ENOENT";
	case -EBADMSG:
		return "EBADMSG";
	case -EPROTONOSUPPORT:
		return "EPROTONOSUPPORT";
	case -EINVAL:
		return "EINVAL";
	case -ENOBUFS:
		return "ENOBUFS";
	default:
		return "other error";
	}
}

static void
mac_text(char *buf, size_t len, const uint8_t m[6])
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void
ip_text(char *buf, size_t len, uint32_t a)
{
	snprintf(buf, len, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

/* one line that says everything a parse gave */
static const char *
describe(const struct arp_pkt *a)
{
	static char out[256];
	char ed[18], es[18], sha[18], tha[18], spa[16], tpa[16], vlan[40] = "";

	mac_text(ed, sizeof(ed), a->eth_dst);
	mac_text(es, sizeof(es), a->eth_src);
	mac_text(sha, sizeof(sha), a->sha);
	mac_text(tha, sizeof(tha), a->tha);
	ip_text(spa, sizeof(spa), a->spa);
	ip_text(tpa, sizeof(tpa), a->tpa);
	if (a->vlan >= 0)
		snprintf(vlan, sizeof(vlan), " vlan %d prio %u", a->vlan, a->vlan_prio);
	snprintf(out, sizeof(out), "%s > %s%s %s %s %s > %s %s", es, ed, vlan,
	         a->op == ARP_REQUEST ? "request"
	         : a->op == ARP_REPLY ? "reply"
	                              : "op?",
	         sha, spa, tha, tpa);
	return out;
}

static const char *
hex_of(const uint8_t *p, size_t n)
{
	static char out[256];
	size_t o = 0;

	for (size_t i = 0; i < n && o + 3 < sizeof(out); i++)
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%02x", p[i]);
	out[o] = '\0';
	return out;
}

/*
 * A reply as Linux 6.1 sent it to one of our probes in the lab (tests/lab/t_arp.sh:
 * the extra host 198.18.0.50, 02:dd:00:00:00:10, answering a probe from
 * 32:8e:5d:20:3e:3c), captured on the prober's bridge port with tcpdump: 42
 * bytes, a veth pads nothing. Target IP 0.0.0.0: the probe's sender IP was 0.
 */
static const char captured_reply[] = "328e5d203e3c 02dd00000010 0806"
                                     "0001 0800 06 04 0002"
                                     "02dd00000010 c6120032"
                                     "328e5d203e3c 00000000";

/* an RFC 5227 probe for 198.18.0.50 from 02:aa:bb:cc:dd:ee, as arp_build pads it */
static const char probe_frame[] = "ffffffffffff 02aabbccddee 0806"
                                  "0001 0800 06 04 0001"
                                  "02aabbccddee 00000000"
                                  "000000000000 c6120032"
                                  "000000000000000000000000000000000000";

static void
test_build_probe(void)
{
	struct arp_pkt a = {.vlan = -1, .op = ARP_REQUEST, .tpa = 0xc6120032};
	static const uint8_t mac[6] = {0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee};
	uint8_t buf[ARP_FRAME_LEN], *want;
	struct arp_pkt back;
	size_t wlen;
	int n;

	memset(a.eth_dst, 0xff, 6);
	memcpy(a.eth_src, mac, 6);
	memcpy(a.sha, mac, 6);
	n = arp_build(&a, buf, sizeof(buf));
	want = unhex(probe_frame, &wlen);
	CHECK(n == ARP_FRAME_LEN && wlen == (size_t)n && !memcmp(buf, want, wlen),
	      "build: RFC 5227 probe, padded to 60 bytes (%s)",
	      n > 0 ? hex_of(buf, (size_t)n) : "");
	CHECK(parse_prefix(buf, (size_t)n, &back) == 0, "build: the probe parses back");
	CHECK_STR(describe(&back),
	          "02:aa:bb:cc:dd:ee > ff:ff:ff:ff:ff:ff request 02:aa:bb:cc:dd:ee 0.0.0.0 > "
	          "00:00:00:00:00:00 198.18.0.50",
	          "round trip: probe");
	free(want);
}

static void
test_build_tagged(void)
{
	struct arp_pkt a = {
	    .vlan = 7, .vlan_prio = 0xb, .op = ARP_REPLY, .spa = 0xc6120009, .tpa = 0xc6120001};
	static const uint8_t m1[6] = {0x02, 0, 0, 0, 0, 0x09}, m2[6] = {0x02, 0xdd, 0, 0, 0, 1};
	static const char want_hex[] = "02dd00000001 020000000009 8100 b007 0806"
	                               "0001 0800 06 04 0002"
	                               "020000000009 c6120009"
	                               "02dd00000001 c6120001"
	                               "0000000000000000000000000000";
	uint8_t buf[ARP_FRAME_LEN], *want;
	struct arp_pkt back;
	size_t wlen;
	int n;

	memcpy(a.eth_dst, m2, 6);
	memcpy(a.eth_src, m1, 6);
	memcpy(a.sha, m1, 6);
	memcpy(a.tha, m2, 6);
	n = arp_build(&a, buf, sizeof(buf));
	want = unhex(want_hex, &wlen);
	CHECK(n == ARP_FRAME_LEN && wlen == (size_t)n && !memcmp(buf, want, wlen),
	      "build: tagged reply, TCI 0xb007, padded to 60 (%s)",
	      n > 0 ? hex_of(buf, (size_t)n) : err_name(n));
	CHECK(parse_prefix(buf, (size_t)n, &back) == 0, "build: the tagged reply parses back");
	CHECK_STR(describe(&back),
	          "02:00:00:00:00:09 > 02:dd:00:00:00:01 vlan 7 prio 11 reply 02:00:00:00:00:09 "
	          "198.18.0.9 > 02:dd:00:00:00:01 198.18.0.1",
	          "round trip: tagged reply keeps VLAN id and priority bits");
	/* the 46 bytes that matter: every shorter prefix is rejected */
	int bad = 0;
	for (size_t k = 0; k < 46; k++)
		bad += parse_prefix(buf, k, &back) < 0;
	CHECK(bad == 46, "tagged: every truncation 0..45 rejected (%d of 46)", bad);
	free(want);
}

static void
test_captured(void)
{
	size_t len;
	uint8_t *f = unhex(captured_reply, &len);
	struct arp_pkt a;
	int r = arp_parse(f, len, &a);

	CHECK(len == 42 && r == 0, "captured reply: 42 bytes parse (%s)", err_name(r));
	CHECK_STR(describe(&a),
	          "02:dd:00:00:00:10 > 32:8e:5d:20:3e:3c reply 02:dd:00:00:00:10 198.18.0.50 > "
	          "32:8e:5d:20:3e:3c 0.0.0.0",
	          "captured reply: every field");

	/* every truncation is rejected, never read past: each prefix in a buffer of its size */
	int bad = 0, badmsg = 0;
	for (size_t k = 0; k < len; k++) {
		struct arp_pkt untouched = {.op = 77};

		r = parse_prefix(f, k, &untouched);
		bad += r < 0 && untouched.op == 77;
		badmsg += r == -EBADMSG;
	}
	CHECK(bad == 42 && badmsg == 42,
	      "captured reply: every truncation 0..41 is EBADMSG, *ret untouched (%d, %d of 42)",
	      bad, badmsg);

	/* padding after the body is ignored: the same frame padded to 60 */
	uint8_t pad[ARP_FRAME_LEN] = {0};
	memcpy(pad, f, len);
	int ok = 0;
	for (size_t k = len; k <= sizeof(pad); k++)
		ok += parse_prefix(pad, k, &a) == 0;
	CHECK(ok == 19, "captured reply: with 0..18 bytes of padding it still parses (%d of 19)",
	      ok);
	free(f);
}

struct bad_row {
	const char *name;
	size_t off; /* byte of the captured reply to change (untagged) */
	uint8_t val;
	int want;
};

static void
test_wrong_fields(void)
{
	static const struct bad_row rows[] = {
	    {"EtherType IPv4, not ARP", 13, 0x00, -ENOENT},
	    {"EtherType 0x8006, not ARP", 12, 0x80, -ENOENT},
	    {"htype 6 (IEEE 802)", 15, 0x06, -EPROTONOSUPPORT},
	    {"htype 0x0101", 14, 0x01, -EPROTONOSUPPORT},
	    {"ptype 0x0806", 17, 0x06, -EPROTONOSUPPORT},
	    {"ptype 0x86dd", 16, 0x86, -EPROTONOSUPPORT},
	    {"hlen 8", 18, 8, -EPROTONOSUPPORT},
	    {"hlen 0", 18, 0, -EPROTONOSUPPORT},
	    {"plen 16", 19, 16, -EPROTONOSUPPORT},
	    {"plen 0", 19, 0, -EPROTONOSUPPORT},
	    {"op 3 (RARP request)", 21, 3, -EPROTONOSUPPORT},
	    {"op 0", 21, 0, -EPROTONOSUPPORT},
	    {"op 0x0102", 20, 1, -EPROTONOSUPPORT},
	};
	size_t len;
	uint8_t *f = unhex(captured_reply, &len);

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		uint8_t *g = malloc(len);
		struct arp_pkt a;
		int r;

		memcpy(g, f, len);
		g[rows[i].off] = rows[i].val;
		r = arp_parse(g, len, &a);
		CHECK(r == rows[i].want, "rejected: %s (%s)", rows[i].name, err_name(r));
		free(g);
	}
	free(f);

	/* two VLAN tags: we send and answer with one; QinQ is another link's business */
	f = unhex("ffffffffffff 020000000009 8100 0007 8100 0008 0806 0001 0800 0604 0001"
	          "020000000009 00000000 000000000000 c6120032",
	          &len);
	struct arp_pkt a;
	int r = arp_parse(f, len, &a);
	CHECK(r == -ENOENT, "rejected: two 802.1Q tags (%s)", err_name(r));
	free(f);
	r = arp_parse(NULL, 0, &a);
	CHECK(r == -EBADMSG, "rejected: no bytes at all (%s)", err_name(r));
}

static void
test_build_errors(void)
{
	struct arp_pkt a = {.vlan = -1, .op = ARP_REQUEST};
	uint8_t buf[ARP_FRAME_LEN + 1];
	int r;

	a.op = 3;
	r = arp_build(&a, buf, sizeof(buf));
	CHECK(r == -EINVAL, "build refuses op 3 (%s)", err_name(r));
	a.op = ARP_REPLY;
	a.vlan = 4096;
	r = arp_build(&a, buf, sizeof(buf));
	CHECK(r == -EINVAL, "build refuses VLAN id 4096 (%s)", err_name(r));
	a.vlan = 4095;
	r = arp_build(&a, buf, sizeof(buf));
	CHECK(r == ARP_FRAME_LEN, "build takes VLAN id 4095 (%d)", r);
	a.vlan = -1;
	memset(buf, 0xaa, sizeof(buf));
	r = arp_build(&a, buf, ARP_FRAME_LEN - 1);
	CHECK(r == -ENOBUFS && buf[ARP_FRAME_LEN - 1] == 0xaa,
	      "build into 59 bytes: ENOBUFS, nothing past the buffer written (%s)", err_name(r));
	r = arp_build(&a, buf, 0);
	CHECK(r == -ENOBUFS, "build into 0 bytes: ENOBUFS (%s)", err_name(r));
}

/* garbage: random frames with the ARP EtherType, every length 0..80, never crash */
static void
test_garbage(void)
{
	uint32_t seed = 12345;
	int parsed = 0, short_ok = 0;

	for (int i = 0; i < 20000; i++) {
		size_t n = (size_t)(i % 81);
		uint8_t *g = malloc(n ? n : 1);
		struct arp_pkt a;

		for (size_t k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			g[k] = (uint8_t)(seed >> 16);
		}
		if (n >= 14) {
			g[12] = 0x08;
			g[13] = 0x06;
		}
		if (n >= 22 && (i & 1)) { /* half of them with a valid ARP header */
			memcpy(g + 14, "\x00\x01\x08\x00\x06\x04\x00", 7);
			g[21] = (uint8_t)(1 + (i & 2) / 2);
		}
		if (arp_parse(g, n, &a) == 0) {
			parsed++;
			short_ok += n < 42;
		}
		free(g);
	}
	CHECK(parsed > 0 && short_ok == 0,
	      "garbage: 20000 random frames, %d parsed, none shorter than 42 bytes", parsed);
}

int
main(void)
{
	test_build_probe();
	test_build_tagged();
	test_captured();
	test_wrong_fields();
	test_build_errors();
	test_garbage();
	return CHECK_DONE();
}
