/* SPDX-License-Identifier: BSD-2-Clause */
/* gen.c - write a large synthetic capture: DORA exchanges from many clients and a few servers */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "msg.h"

/* a small deterministic generator, so every run measures the same file */
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

static void
put32le(FILE *fp, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
	fwrite(b, 1, 4, fp);
}

static void
record(FILE *fp, uint64_t t_us, const uint8_t *frame, size_t len)
{
	put32le(fp, (uint32_t)(t_us / 1000000));
	put32le(fp, (uint32_t)(t_us % 1000000));
	put32le(fp, (uint32_t)len);
	put32le(fp, (uint32_t)len);
	fwrite(frame, 1, len, fp);
}

static void
be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void
set_ip(struct msg *m, uint8_t code, uint32_t ip)
{
	uint8_t b[4];
	be32(b, ip);
	msg_set(m, code, b, 4);
}

static void
set_u32(struct msg *m, uint8_t code, uint32_t v)
{
	set_ip(m, code, v);
}

/* one message of the exchange: type 1 DISCOVER, 2 OFFER, 3 REQUEST, 5 ACK */
static size_t
build(struct msg *m, int type, uint32_t xid, const uint8_t mac[6], uint32_t srv, uint32_t yi,
      uint8_t *out, size_t cap)
{
	static const uint8_t prl[] = {1, 3, 6, 15, 26, 28, 51, 58, 59, 119, 121, 252};
	static const uint8_t routes[] = {24, 198, 18, 5, 198, 18, 0, 254, 0, 198, 18, 0, 254};
	static const uint8_t search[] = {3, 'l', 'a', 'b', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
					 4, 'c', 'o', 'r', 'p', 0xc0, 4};
	bool reply = type == 2 || type == 5;
	uint8_t t = (uint8_t)type, payload[1024];
	struct frame f = {.vlan = -1, .ip_ttl = 64, .ip_proto = 17};

	msg_init(m, reply ? 2 : 1);
	m->xid = xid;
	memcpy(m->chaddr, mac, 6);
	msg_set(m, 53, &t, 1);
	if (reply) {
		m->yiaddr = yi;
		set_ip(m, 54, srv);
		set_u32(m, 51, 600);
		set_u32(m, 58, 300);
		set_u32(m, 59, 525);
		set_ip(m, 1, 0xffffff00);
		set_ip(m, 3, 0xc61200fe);
		uint8_t dns[8];
		be32(dns, 0xc6120035);
		be32(dns + 4, 0xc6120036);
		msg_set(m, 6, dns, 8);
		msg_set(m, 15, "lab.example", 11);
		msg_set(m, 119, search, sizeof(search));
		msg_set(m, 121, routes, sizeof(routes));
	} else {
		uint8_t cid[7] = {1};
		memcpy(cid + 1, mac, 6);
		msg_set(m, 61, cid, 7);
		msg_set(m, 12, "bench-client", 12);
		msg_set(m, 60, "MSFT 5.0", 8);
		msg_set(m, 55, prl, sizeof(prl));
		if (type == 3) {
			set_ip(m, 50, yi);
			set_ip(m, 54, srv);
		}
	}
	int n = msg_build(m, payload, sizeof(payload));
	if (n < 0)
		return 0;
	memcpy(f.eth_src, reply ? (const uint8_t[]){2, 0, 0, 0, 0, (uint8_t)srv} : mac, 6);
	memcpy(f.eth_dst, reply ? mac : (const uint8_t[]){255, 255, 255, 255, 255, 255}, 6);
	f.ip_src = reply ? srv : 0;
	f.ip_dst = reply ? yi : 0xffffffff;
	f.sport = reply ? 67 : 68;
	f.dport = reply ? 68 : 67;
	return frame_build(&f, payload, (size_t)n, out, cap);
}

int
main(int argc, char **argv)
{
	static struct msg m;
	uint8_t frame[2048];
	uint64_t t = 1700000000ull * 1000000;
	unsigned long n, written = 0;
	FILE *fp;

	if (argc != 3) {
		fprintf(stderr, "usage: gen PACKETS OUT.pcap\n");
		return 64;
	}
	n = strtoul(argv[1], NULL, 10);
	fp = fopen(argv[2], "wb");
	if (!fp) {
		perror(argv[2]);
		return 73;
	}
	put32le(fp, 0xa1b2c3d4);
	fwrite("\x02\x00\x04\x00", 1, 4, fp); /* version 2.4 */
	put32le(fp, 0);
	put32le(fp, 0);
	put32le(fp, 65535);
	put32le(fp, 1);
	while (written < n) {
		uint8_t mac[6] = {2, 0xdd, 0, 0, 0, 0};
		uint32_t r = next(), xid = next();
		uint32_t srv = 0xc6120001 + (r % 3); /* three servers answer */
		uint32_t yi = 0xc6120064 + (next() % 100);
		be32(mac + 2, r);
		for (int type = 1; type <= 5 && written < n; type++) {
			if (type == 4)
				continue;
			size_t len = build(&m, type, xid, mac, srv, yi, frame, sizeof(frame));
			if (!len)
				return 70;
			t += 1 + next() % 200;
			record(fp, t, frame, len);
			written++;
		}
	}
	if (fclose(fp) != 0) {
		perror(argv[2]);
		return 74;
	}
	return 0;
}
