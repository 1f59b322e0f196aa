/* SPDX-License-Identifier: BSD-2-Clause */
/* test_obs.c - observations from built frames: fields, server id, option 56, lease terms, damaged
 * and foreign frames, and the allow rule */
#include "check.h"
#include "frame.h"
#include "lease.h"
#include "msg.h"
#include "obs.h"
#include "probe_cfg.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static const uint8_t client[6] = {0x02, 0xdd, 0x00, 0x00, 0x00, 0x0a};
static const uint8_t srv_mac[6] = {0x02, 0xdd, 0x00, 0x00, 0x00, 0x01};
static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static struct msg build_scratch, parse_scratch;

static void
set32(struct msg *m, uint8_t code, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};

	msg_set(m, code, b, 4);
}

/* a server's reply of type to client, xid 0x1234abcd, yiaddr .100 (not for a NAK) */
static struct msg *
reply(uint8_t type)
{
	struct msg *m = &build_scratch;

	msg_init(m, 2);
	m->xid = 0x1234abcdu;
	m->flags = 0x8000;
	m->giaddr = IP(198, 18, 1, 1);
	memcpy(m->chaddr, client, 6);
	msg_set(m, 53, &type, 1);
	if (type != DHCPNAK)
		m->yiaddr = IP(198, 18, 0, 100);
	return m;
}

/* m wrapped in Ethernet (+802.1Q vid when >= 0) / IPv4 src -> broadcast / UDP sport -> dport */
static size_t
wrap(const struct msg *m, uint8_t *buf, size_t cap, int vid, uint32_t src, uint16_t sport,
     uint16_t dport)
{
	uint8_t payload[1500];
	struct frame f = {0};
	int n = msg_build(m, payload, sizeof(payload));

	if (n < 0)
		return 0;
	f.vlan = vid;
	memcpy(f.eth_src, srv_mac, 6);
	memcpy(f.eth_dst, bcast, 6);
	f.ip_src = src;
	f.ip_dst = 0xffffffffu;
	f.sport = sport;
	f.dport = dport;
	return frame_build(&f, payload, (size_t)n, buf, cap);
}

static int
parse(const uint8_t *buf, size_t len, struct frame *f, struct obs *o)
{
	struct timeval ts = {.tv_sec = 1700000000, .tv_usec = 42};

	return obs_parse(LINK_EN10MB, buf, len, len, &ts, &parse_scratch, f, o);
}

static void
test_offer(void)
{
	struct msg *m = reply(DHCPOFFER);
	uint8_t buf[2048];
	struct frame f;
	struct obs o;
	size_t n;

	set32(m, 54, IP(198, 18, 0, 1));
	set32(m, 51, 600);
	n = wrap(m, buf, sizeof(buf), -1, IP(198, 18, 0, 2), 67, 68);
	CHECK(n > 0 && parse(buf, n, &f, &o) == 0, "OFFER: obs_parse takes it");
	CHECK(o.op == 2 && o.type == DHCPOFFER && o.xid == 0x1234abcdu && o.hlen == 6 &&
	          !memcmp(o.chaddr, client, 6),
	      "OFFER: op, type, xid, chaddr");
	CHECK(o.yiaddr == IP(198, 18, 0, 100) && o.giaddr == IP(198, 18, 1, 1) && o.ciaddr == 0 &&
	          o.bootp_flags == 0x8000,
	      "OFFER: yiaddr, giaddr, ciaddr, flags");
	CHECK(o.src_ip == IP(198, 18, 0, 2) && o.dst_ip == 0xffffffffu && o.sport == 67 &&
	          o.dport == 68,
	      "OFFER: addresses and ports of the frame");
	CHECK(o.has_mac && !memcmp(o.src_mac, srv_mac, 6) && !memcmp(o.dst_mac, bcast, 6),
	      "OFFER: has_mac, source and destination MAC");
	CHECK(o.vlan == -1, "OFFER: untagged: vlan -1");
	CHECK(o.ts.tv_sec == 1700000000 && o.ts.tv_usec == 42 && o.ms == -1 && o.flags == 0,
	      "OFFER: capture time kept, ms -1 outside a step, no flags");
	CHECK(o.server_id == IP(198, 18, 0, 1) && o.server_id_sent,
	      "OFFER: server id from option 54, not the source address");
	CHECK(o.message_len == 0 && o.msg_errors == 0, "OFFER: no message, no errors");
	CHECK(f.payload && f.sport == 67, "OFFER: the frame is filled too");

	msg_del(m, 54);
	n = wrap(m, buf, sizeof(buf), 10, IP(198, 18, 0, 2), 67, 68);
	CHECK(n > 0 && parse(buf, n, &f, &o) == 0, "OFFER without 54, tagged: parsed");
	CHECK(o.server_id == IP(198, 18, 0, 2) && !o.server_id_sent,
	      "OFFER without 54: server id is the source address, server_id_sent false");
	CHECK(o.vlan == 10, "OFFER tagged VLAN 10: vlan 10");

	/* a link without Ethernet: the IPv4 packet alone (LINK_RAW) */
	n = wrap(m, buf, sizeof(buf), -1, IP(198, 18, 0, 2), 67, 68);
	CHECK(n > 14 && obs_parse(LINK_RAW, buf + 14, n - 14, n - 14, &(struct timeval){0},
	                          &parse_scratch, &f, &o) == 0,
	      "raw IPv4 OFFER: parsed");
	CHECK(!o.has_mac && o.xid == 0x1234abcdu && o.server_id == IP(198, 18, 0, 2),
	      "raw IPv4 OFFER: has_mac false, the rest filled");
}

static void
test_nak_message(void)
{
	struct msg *m = reply(DHCPNAK);
	uint8_t buf[2048], text[200];
	struct frame f;
	struct obs o;
	size_t n;

	set32(m, 54, IP(198, 18, 0, 1));
	msg_set(m, 56, "wrong server-ID", 15);
	n = wrap(m, buf, sizeof(buf), -1, IP(198, 18, 0, 1), 67, 68);
	CHECK(n > 0 && parse(buf, n, &f, &o) == 0 && o.type == DHCPNAK, "NAK: parsed");
	CHECK(o.message_len == 15 && !memcmp(o.message, "wrong server-ID", 15),
	      "NAK: option 56 kept as sent");
	CHECK(o.yiaddr == 0 && !(o.terms.sent & LT_LEASE) && !lease_has(&o.terms, LT_T1),
	      "NAK: no address, no lease terms");

	for (size_t i = 0; i < sizeof(text); i++)
		text[i] = (uint8_t)('a' + i % 26);
	text[0] = 0x1b; /* raw wire bytes: kept as they are, escaped only when shown */
	msg_set(m, 56, text, sizeof(text));
	n = wrap(m, buf, sizeof(buf), -1, IP(198, 18, 0, 1), 67, 68);
	CHECK(n > 0 && parse(buf, n, &f, &o) == 0, "NAK with a 200-byte message: parsed");
	CHECK(o.message_len == OBS_MESSAGE_MAX && !memcmp(o.message, text, OBS_MESSAGE_MAX),
	      "NAK: message cut at OBS_MESSAGE_MAX (%d) bytes, raw bytes kept", OBS_MESSAGE_MAX);
}

static void
test_not_dhcp(void)
{
	struct msg *m = reply(DHCPOFFER);
	uint8_t buf[2048];
	struct frame f;
	struct obs o;
	size_t n;

	n = wrap(m, buf, sizeof(buf), -1, IP(198, 18, 0, 53), 53, 33333);
	CHECK(n > 0 && parse(buf, n, &f, &o) == -ENOENT, "UDP 53 -> 33333: -ENOENT");
	n = wrap(m, buf, sizeof(buf), -1, IP(198, 18, 0, 1), 67, 68);
	buf[12] = 0x86; /* EtherType 0x86dd: IPv6 */
	buf[13] = 0xdd;
	CHECK(parse(buf, n, &f, &o) == -ENOENT, "not IPv4: -ENOENT");
	buf[12] = 0x08;
	buf[13] = 0x06; /* ARP */
	CHECK(parse(buf, n, &f, &o) == -ENOENT, "ARP: -ENOENT");
}

/*
 * every prefix of a frame, in a buffer of exactly that size (ASan sees any read past it), as a
 * frame short on the wire and as one the snap length cut: before the whole BOOTP header is there
 * it is -EBADMSG or -ENOENT; after it the message parses, with msg_errors set until its END option
 */
static void
test_truncated(void)
{
	struct msg *m = reply(DHCPOFFER);
	uint8_t full[2048];
	struct frame f;
	struct obs o;
	size_t n, hdr = 14 + 4 + 20 + 8 + 236, end, bad[2] = {0, 0}, bad_fields = 0;

	set32(m, 54, IP(198, 18, 0, 1));
	set32(m, 51, 600);
	msg_set(m, 15, "lab.example", 11);
	n = wrap(m, full, sizeof(full), 10, IP(198, 18, 0, 1), 67, 68);
	/* the frame length up to and with the END option */
	for (end = hdr + 4; end < n && full[end] != 255; end += full[end] ? 2u + full[end + 1] : 1u)
		;
	end++;
	CHECK(n > end && end > hdr + 4, "the test frame: header %zu, END at %zu, %zu bytes", hdr,
	      end, n);
	for (size_t len = 0; len < n; len++) {
		uint8_t *p = malloc(len ? len : 1);

		memcpy(p, full, len);
		for (int snap = 0; snap < 2; snap++) {
			int r = obs_parse(LINK_EN10MB, p, len, snap ? n : len, &(struct timeval){0},
			                  &parse_scratch, &f, &o);

			if (len < hdr ? r != -EBADMSG && r != -ENOENT
			              : r != 0 || !o.msg_errors != (len >= end))
				bad[snap]++;
			if (r == 0 && (o.xid != 0x1234abcdu || o.type != (len > hdr + 6 ? 2 : 0)))
				bad_fields++;
		}
		free(p);
	}
	CHECK(bad[0] == 0,
	      "every shortened frame (0..%zu bytes): -EBADMSG/-ENOENT before the BOOTP "
	      "header is whole, then parsed, with errors until END",
	      n - 1);
	CHECK(bad[1] == 0, "every snap-length cut: the same");
	CHECK(bad_fields == 0,
	      "a cut frame that parses keeps its xid, and its type once option 53 is in");
}

static void
test_allowed(void)
{
	struct allow_entry allow[2];
	const uint32_t sid = IP(198, 18, 0, 1), src = IP(198, 18, 0, 2);

	memset(allow, 0, sizeof(allow));
	CHECK(obs_allowed(NULL, 0, sid, src, srv_mac), "no entries: allowed");
	CHECK(obs_allowed(NULL, 0, sid, src, NULL), "no entries, no MAC: allowed");

	allow[0].ip = sid;
	CHECK(obs_allowed(allow, 1, sid, IP(198, 18, 9, 9), NULL), "IP entry = server id: allowed");
	allow[0].ip = src;
	CHECK(obs_allowed(allow, 1, IP(198, 18, 9, 9), src, NULL),
	      "IP entry = source address: allowed");
	allow[0].ip = IP(198, 18, 0, 77);
	CHECK(!obs_allowed(allow, 1, sid, src, srv_mac), "IP entry naming neither: not allowed");

	allow[0] = (struct allow_entry){.is_mac = true};
	memcpy(allow[0].mac, srv_mac, 6);
	CHECK(obs_allowed(allow, 1, sid, src, srv_mac), "MAC entry = source MAC: allowed");
	CHECK(!obs_allowed(allow, 1, sid, src, NULL), "MAC entry, link without MACs: not allowed");
	CHECK(!obs_allowed(allow, 1, sid, src, client), "MAC entry, another MAC: not allowed");
	allow[1] = (struct allow_entry){.ip = sid};
	CHECK(obs_allowed(allow, 2, sid, src, NULL), "MAC entry then IP entry: the IP one allows");
	CHECK(obs_allowed(allow, 0, IP(198, 18, 9, 9), IP(198, 18, 9, 9), NULL),
	      "nallow 0: the entries are not looked at, allowed");
}

static void
test_terms(void)
{
	struct msg *m = reply(DHCPACK);
	uint8_t buf[2048];
	struct frame f;
	struct obs o;
	size_t n;

	set32(m, 54, IP(198, 18, 0, 1));
	set32(m, 51, 600);
	n = wrap(m, buf, sizeof(buf), -1, IP(198, 18, 0, 1), 67, 68);
	CHECK(n > 0 && parse(buf, n, &f, &o) == 0, "ACK, lease 600, no T1/T2: parsed");
	CHECK((o.terms.sent & LT_LEASE) && o.terms.lease == 600, "ACK: lease 600 sent");
	CHECK(o.terms.t1 == 300 && o.terms.t2 == 525 &&
	          (o.terms.derived & (LT_T1 | LT_T2)) == (LT_T1 | LT_T2) &&
	          !(o.terms.sent & (LT_T1 | LT_T2)),
	      "ACK: T1 300 and T2 525 derived (RFC 2131 4.4.5), not sent");

	set32(m, 58, 100);
	n = wrap(m, buf, sizeof(buf), -1, IP(198, 18, 0, 1), 67, 68);
	CHECK(n > 0 && parse(buf, n, &f, &o) == 0 && o.terms.t1 == 100 && (o.terms.sent & LT_T1) &&
	          !(o.terms.derived & LT_T1) && (o.terms.derived & LT_T2) && o.terms.t2 == 525,
	      "ACK with T1 100: T1 sent, T2 still derived");

	msg_del(m, 58);
	set32(m, 51, LEASE_INFINITE);
	n = wrap(m, buf, sizeof(buf), -1, IP(198, 18, 0, 1), 67, 68);
	CHECK(n > 0 && parse(buf, n, &f, &o) == 0 && o.terms.lease == LEASE_INFINITE &&
	          o.terms.t1 == LEASE_INFINITE && o.terms.t2 == LEASE_INFINITE &&
	          (o.terms.derived & (LT_T1 | LT_T2)) == (LT_T1 | LT_T2),
	      "ACK with an infinite lease: T1 and T2 infinite too");

	msg_del(m, 51);
	n = wrap(m, buf, sizeof(buf), -1, IP(198, 18, 0, 1), 67, 68);
	CHECK(n > 0 && parse(buf, n, &f, &o) == 0 && !lease_has(&o.terms, LT_LEASE) &&
	          !lease_has(&o.terms, LT_T1) && !lease_has(&o.terms, LT_T2),
	      "ACK without a lease time (INFORM's): no lease, no T1/T2");
}

int
main(void)
{
	test_offer();
	test_nak_message();
	test_not_dhcp();
	test_truncated();
	test_allowed();
	test_terms();
	return CHECK_DONE();
}
