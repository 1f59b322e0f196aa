/* SPDX-License-Identifier: BSD-2-Clause */
/* test_probe.c - the frames probes send, built without a network and parsed back */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "frame.h"
#include "msg.h"
#include "probe.h"
#include "probe_cfg.h"

static struct msg scratch, parsed;

static void
base_cfg(struct probe_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->vlan = -1;
	c->opts[0] = (struct probe_opt){.code = 12, .len = 5, .data = "probe"};
	c->opts[1] = (struct probe_opt){.code = 55, .len = 3, .data = {1, 3, 6}};
	c->opts[2] = (struct probe_opt){.code = 53, .len = 1, .data = {7}}; /* must not override */
	c->nopts = 3;
}

/* build t with c, parse frame and message back; the frame length or <0 */
static int
roundtrip(const struct probe_cfg *c, const struct probe_target *t, struct frame *f, uint8_t *buf,
	  size_t cap)
{
	int n = probe_build_frame(c, t, 0x12345678u, 3, 7, &scratch, buf, cap);

	if (n < 0)
		return n;
	if (frame_parse(LINK_EN10MB, buf, (size_t)n, (size_t)n, f) < 0)
		return -100;
	if (msg_parse(f->payload, f->payload_len, &parsed) < 0)
		return -101;
	return n;
}

static void
test_discover(void)
{
	static const uint8_t mac[6] = {0x02, 0xdd, 1, 2, 3, 4}, bc[6] = {255, 255, 255, 255, 255, 255};
	struct probe_cfg c;
	struct probe_target t = {.kind = PROBE_DISCOVER, .requested = 0xc6120007u};
	struct frame f;
	uint8_t buf[1600];
	size_t len;
	const uint8_t *v;
	uint32_t u;

	base_cfg(&c);
	c.broadcast = true;
	memcpy(t.chaddr, mac, 6);
	CHECK(roundtrip(&c, &t, &f, buf, sizeof(buf)) > 0, "DISCOVER builds and parses back");
	CHECK(!memcmp(f.eth_src, mac, 6) && !memcmp(f.eth_dst, bc, 6),
	      "DISCOVER: from chaddr to the broadcast MAC");
	CHECK(f.ip_src == 0 && f.ip_dst == 0xffffffffu && f.sport == 68 && f.dport == 67,
	      "DISCOVER: 0.0.0.0:68 -> 255.255.255.255:67");
	CHECK(f.ip_csum == CSUM_OK && f.l4_csum == CSUM_OK, "DISCOVER: IP and UDP checksums right");
	CHECK(f.vlan == -1, "DISCOVER: untagged without a vlan setting");
	CHECK(parsed.op == 1 && parsed.xid == 0x12345678u && parsed.secs == 3 &&
		  parsed.flags == 0x8000 && !memcmp(parsed.chaddr, mac, 6),
	      "DISCOVER: op, xid, secs, broadcast flag, chaddr");
	v = msg_get(&parsed, 53, &len);
	CHECK(v && len == 1 && v[0] == 1, "DISCOVER: message type 1, a user option 53 ignored");
	v = msg_get(&parsed, 12, &len);
	CHECK(v && len == 5 && !memcmp(v, "probe", 5), "DISCOVER: the host name option is sent");
	CHECK(msg_get_u32(&parsed, 50, &u) && u == 0xc6120007u, "DISCOVER: requested address");
	CHECK(!msg_get(&parsed, 54, &len), "DISCOVER: no server id unless asked");

	c.vlan = 42;
	c.secs = 9;
	CHECK(roundtrip(&c, &t, &f, buf, sizeof(buf)) > 0 && f.vlan == 42 && parsed.secs == 9,
	      "DISCOVER with vlan 42 and secs 9: tagged, secs from the setting");
	CHECK(probe_build_frame(&c, &t, 1, 0, 1, &scratch, buf, 100) < 0,
	      "a buffer too small for the frame: an error, no overflow");
}

static void
test_release_and_renew(void)
{
	static const uint8_t smac[6] = {0x02, 0xdd, 0, 0, 0, 1};
	struct probe_cfg c;
	struct probe_target t = {.kind = PROBE_RELEASE, .ciaddr = 0xc6120096u,
				 .server_id = 0xc6120001u, .dst_ip = 0xc6120001u};
	struct frame f;
	uint8_t buf[1600];
	size_t len;
	uint32_t u;

	base_cfg(&c);
	c.broadcast = true;
	memcpy(t.dst_mac, smac, 6);
	CHECK(roundtrip(&c, &t, &f, buf, sizeof(buf)) > 0, "RELEASE builds and parses back");
	CHECK(!memcmp(f.eth_dst, smac, 6) && f.ip_src == 0xc6120096u && f.ip_dst == 0xc6120001u,
	      "RELEASE: unicast from ciaddr to the server");
	CHECK(parsed.flags == 0 && parsed.ciaddr == 0xc6120096u,
	      "RELEASE: no broadcast flag, ciaddr set");
	CHECK(!msg_get(&parsed, 12, &len) && !msg_get(&parsed, 55, &len),
	      "RELEASE: only identifiers (no host name, no request list; RFC 2131 table 5)");
	CHECK(msg_get_u32(&parsed, 54, &u) && u == 0xc6120001u, "RELEASE: server id");

	t = (struct probe_target){.kind = PROBE_RENEW, .ciaddr = 0xc6120096u, .server_id = 7,
				  .requested = 8, .dst_ip = 0xc6120001u};
	CHECK(roundtrip(&c, &t, &f, buf, sizeof(buf)) > 0 && !msg_get(&parsed, 54, &len) &&
		  !msg_get(&parsed, 50, &len),
	      "RENEW: neither server id nor requested address (RFC 2131 4.3.2)");
	CHECK(!memcmp(f.eth_dst, (uint8_t[6]){255, 255, 255, 255, 255, 255}, 6),
	      "RENEW with no server MAC known: broadcast MAC, unicast IP");
}

int
main(void)
{
	test_discover();
	test_release_and_renew();
	return CHECK_DONE();
}
