/* SPDX-License-Identifier: BSD-2-Clause */
/* out_prim.c - the printers' output buffer; numbers and addresses as text without printf */
#include "out_prim.h"

#include <stdint.h>
#include <stdlib.h>

static const char hexd[] = "0123456789abcdef";

/* make room for need more bytes at m->buf + m->len; false when memory ran out */
static bool
mem_room(struct out_mem *m, size_t need)
{
	size_t cap = m->cap ? m->cap : 4 * OB_CAP;
	char *nb;

	if (m->failed)
		return false;
	if (need <= m->cap - m->len)
		return true;
	while (need > cap - m->len) {
		if (cap > SIZE_MAX / 2) {
			m->failed = true;
			return false;
		}
		cap *= 2;
	}
	nb = realloc(m->buf, cap);
	if (!nb) {
		m->failed = true;
		return false;
	}
	m->buf = nb;
	m->cap = cap;
	return true;
}

/* point the buffer at the room after m's text, at least need bytes of it */
static void
mem_attach(struct ob *o, size_t need)
{
	struct out_mem *m = o->mem;

	if (mem_room(m, need)) {
		o->b = m->buf + m->len;
		o->cap = m->cap - m->len;
	} else {
		/* out of memory: the rest goes to own[] and is dropped at each flush */
		o->b = o->own;
		o->cap = OB_CAP;
	}
	o->n = 0;
}

void
ob_init_mem(struct ob *o, struct out_mem *m)
{
	o->fp = NULL;
	o->mem = m;
	mem_attach(o, OB_CAP);
}

void
ob_flush(struct ob *o)
{
	if (o->fp) {
		if (o->n)
			fwrite(o->b, 1, o->n, o->fp);
		o->n = 0;
		return;
	}
	if (!o->mem->failed)
		o->mem->len += o->n;
	mem_attach(o, OB_CAP);
}

void
ob_big(struct ob *o, const void *p, size_t n)
{
	ob_flush(o);
	if (n <= o->cap - o->n) {
		memcpy(o->b + o->n, p, n);
		o->n += n;
	} else if (o->fp) {
		fwrite(p, 1, n, o->fp);
	} else {
		mem_attach(o, n);
		if (!o->mem->failed) {
			memcpy(o->b, p, n);
			o->n = n;
		}
	}
}

/* "00" to "99": two digits at a time halve the divisions */
static const char pairs[] = "0001020304050607080910111213141516171819"
			    "2021222324252627282930313233343536373839"
			    "4041424344454647484950515253545556575859"
			    "6061626364656667686970717273747576777879"
			    "8081828384858687888990919293949596979899";

/* how many decimal digits u has */
static unsigned
digits10(uint64_t u)
{
	unsigned n = 1;

	for (;;) {
		if (u < 10)
			return n;
		if (u < 100)
			return n + 1;
		if (u < 1000)
			return n + 2;
		if (u < 10000)
			return n + 3;
		u /= 10000;
		n += 4;
	}
}

char *
txt_u64(char *q, uint64_t u)
{
	char *end;

	/* most numbers in a packet are small */
	if (u < 10) {
		*q = (char)('0' + u);
		return q + 1;
	}
	if (u < 100) {
		memcpy(q, pairs + u * 2, 2);
		return q + 2;
	}
	/*
	 * Counted first, then written from the last digit straight into place:
	 * building the digits aside and copying them over would read back bytes
	 * just stored at another width, which the CPU cannot forward and stalls on.
	 */
	end = q + digits10(u);
	q = end;
	while (u >= 100) {
		q -= 2;
		memcpy(q, pairs + u % 100 * 2, 2);
		u /= 100;
	}
	if (u >= 10)
		memcpy(q - 2, pairs + u * 2, 2);
	else
		q[-1] = (char)('0' + u);
	return end;
}

char *
txt_i64(char *q, int64_t i)
{
	if (i >= 0)
		return txt_u64(q, (uint64_t)i);
	*q = '-';
	return txt_u64(q + 1, (uint64_t)0 - (uint64_t)i);
}

/* "0" to "255" with the length in the fourth byte: an octet is one copy of four bytes */
#define OCT1(n) {(char)('0' + (n)), 0, 0, 1}
#define OCT2(n) {(char)('0' + (n) / 10), (char)('0' + (n) % 10), 0, 2}
#define OCT3(n) {(char)('0' + (n) / 100), (char)('0' + (n) / 10 % 10), (char)('0' + (n) % 10), 3}
#define OCT_ROW2(t) OCT2(t), OCT2(t + 1), OCT2(t + 2), OCT2(t + 3), OCT2(t + 4), OCT2(t + 5), \
	OCT2(t + 6), OCT2(t + 7), OCT2(t + 8), OCT2(t + 9)
#define OCT_ROW3(t) OCT3(t), OCT3(t + 1), OCT3(t + 2), OCT3(t + 3), OCT3(t + 4), OCT3(t + 5), \
	OCT3(t + 6), OCT3(t + 7), OCT3(t + 8), OCT3(t + 9)
#define OCT_HUNDRED(h) OCT_ROW3(h), OCT_ROW3(h + 10), OCT_ROW3(h + 20), OCT_ROW3(h + 30), \
	OCT_ROW3(h + 40), OCT_ROW3(h + 50), OCT_ROW3(h + 60), OCT_ROW3(h + 70), OCT_ROW3(h + 80), \
	OCT_ROW3(h + 90)
static const char octets[256][4] = {
	OCT1(0), OCT1(1), OCT1(2), OCT1(3), OCT1(4), OCT1(5), OCT1(6), OCT1(7), OCT1(8), OCT1(9),
	OCT_ROW2(10), OCT_ROW2(20), OCT_ROW2(30), OCT_ROW2(40), OCT_ROW2(50), OCT_ROW2(60),
	OCT_ROW2(70), OCT_ROW2(80), OCT_ROW2(90), OCT_HUNDRED(100),
	OCT_ROW3(200), OCT_ROW3(210), OCT_ROW3(220), OCT_ROW3(230), OCT_ROW3(240),
	OCT3(250), OCT3(251), OCT3(252), OCT3(253), OCT3(254), OCT3(255),
};

char *
txt_ip(char *q, uint32_t ip)
{
	/* each octet's four bytes land in place; the next one overwrites what is past it */
	const char *o = octets[ip >> 24];
	memcpy(q, o, 4);
	q += o[3];
	*q++ = '.';
	o = octets[(ip >> 16) & 0xff];
	memcpy(q, o, 4);
	q += o[3];
	*q++ = '.';
	o = octets[(ip >> 8) & 0xff];
	memcpy(q, o, 4);
	q += o[3];
	*q++ = '.';
	o = octets[ip & 0xff];
	memcpy(q, o, 4);
	return q + o[3];
}

/* "00" to "ff": a byte is one copy of two characters */
#define HEX_DIGIT(d) ((char)((d) < 10 ? '0' + (d) : 'a' + (d) - 10))
#define HEX_PAIR(n) HEX_DIGIT((n) >> 4), HEX_DIGIT((n) & 15)
#define HEX_ROW(h) HEX_PAIR(h), HEX_PAIR(h + 1), HEX_PAIR(h + 2), HEX_PAIR(h + 3), \
	HEX_PAIR(h + 4), HEX_PAIR(h + 5), HEX_PAIR(h + 6), HEX_PAIR(h + 7), HEX_PAIR(h + 8), \
	HEX_PAIR(h + 9), HEX_PAIR(h + 10), HEX_PAIR(h + 11), HEX_PAIR(h + 12), HEX_PAIR(h + 13), \
	HEX_PAIR(h + 14), HEX_PAIR(h + 15)
static const char hex_pairs[512] = {
	HEX_ROW(0x00), HEX_ROW(0x10), HEX_ROW(0x20), HEX_ROW(0x30), HEX_ROW(0x40), HEX_ROW(0x50),
	HEX_ROW(0x60), HEX_ROW(0x70), HEX_ROW(0x80), HEX_ROW(0x90), HEX_ROW(0xa0), HEX_ROW(0xb0),
	HEX_ROW(0xc0), HEX_ROW(0xd0), HEX_ROW(0xe0), HEX_ROW(0xf0),
};

char *
txt_hex(char *q, uint64_t u, int width)
{
	int n = 1;

	while (n < 16 && u >> (4 * n))
		n++;
	if (n < width)
		n = width < 16 ? width : 16;
	*q++ = '0';
	*q++ = 'x';
	/* an odd digit first, then two at a time from the table */
	if (n & 1)
		*q++ = hexd[(u >> (4 * --n)) & 15];
	while (n) {
		n -= 2;
		memcpy(q, hex_pairs + 2 * ((u >> (4 * n)) & 0xff), 2);
		q += 2;
	}
	return q;
}

char *
txt_mac(char *q, const uint8_t *p, size_t n)
{
	if (n == 6) {
		/* the usual Ethernet address, unrolled: six pairs and five colons */
		memcpy(q, hex_pairs + 2 * p[0], 2);
		memcpy(q + 3, hex_pairs + 2 * p[1], 2);
		memcpy(q + 6, hex_pairs + 2 * p[2], 2);
		memcpy(q + 9, hex_pairs + 2 * p[3], 2);
		memcpy(q + 12, hex_pairs + 2 * p[4], 2);
		memcpy(q + 15, hex_pairs + 2 * p[5], 2);
		q[2] = q[5] = q[8] = q[11] = q[14] = ':';
		return q + 17;
	}
	if (!n)
		return q;
	memcpy(q, hex_pairs + 2 * p[0], 2);
	q += 2;
	for (size_t i = 1; i < n; i++) {
		q[0] = ':';
		memcpy(q + 1, hex_pairs + 2 * p[i], 2);
		q += 3;
	}
	return q;
}

char *
txt_quoted(char *q, const uint8_t *s, size_t n)
{
	if (esc_plain_len(s, n) != n)
		return NULL;
	*q = '"';
	copy_short((uint8_t *)q + 1, s, n);
	q[n + 1] = '"';
	return q + n + 2;
}

void
prim_u64(struct ob *fp, uint64_t u)
{
	ob_end(fp, txt_u64(ob_room(fp, TXT_U64_MAX), u));
}

void
prim_i64(struct ob *fp, int64_t i)
{
	ob_end(fp, txt_i64(ob_room(fp, TXT_U64_MAX), i));
}

void
prim_ip(struct ob *fp, uint32_t ip)
{
	ob_end(fp, txt_ip(ob_room(fp, TXT_IP_MAX), ip));
}

void
prim_mac(struct ob *fp, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n;) {
		/* in pieces, so the room asked for stays well below OB_CAP */
		size_t k = n - i < 256 ? n - i : 256;
		char *q = ob_room(fp, 3 * k);

		if (i)
			*q++ = ':';
		ob_end(fp, txt_mac(q, p + i, k));
		i += k;
	}
}

void
prim_hex(struct ob *fp, uint64_t u, int width)
{
	ob_end(fp, txt_hex(ob_room(fp, TXT_HEX_MAX), u, width));
}
