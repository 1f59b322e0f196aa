/* SPDX-License-Identifier: BSD-2-Clause */
/* out_prim.c - the printers' output buffer; numbers and addresses as text without printf */
#include "out_prim.h"

static const char hexd[] = "0123456789abcdef";

void
ob_flush(struct ob *o)
{
	if (o->n)
		fwrite(o->b, 1, o->n, o->fp);
	o->n = 0;
}

void
prim_u64(struct ob *fp, uint64_t u)
{
	char b[24];
	int i = sizeof(b);

	if (u < 10) { /* most numbers in a packet are small: skip the loop */
		ob_c(fp, (char)('0' + u));
		return;
	}
	do {
		b[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	ob_w(fp, b + i, sizeof(b) - (size_t)i);
}

void
prim_i64(struct ob *fp, int64_t i)
{
	if (i < 0) {
		ob_c(fp, '-');
		prim_u64(fp, (uint64_t)0 - (uint64_t)i);
	} else {
		prim_u64(fp, (uint64_t)i);
	}
}

void
prim_ip(struct ob *fp, uint32_t ip)
{
	char b[16];
	size_t n = 0;

	for (int s = 24; s >= 0; s -= 8) {
		unsigned o = (ip >> s) & 0xff;
		if (o >= 100)
			b[n++] = (char)('0' + o / 100);
		if (o >= 10)
			b[n++] = (char)('0' + o / 10 % 10);
		b[n++] = (char)('0' + o % 10);
		if (s)
			b[n++] = '.';
	}
	ob_w(fp, b, n);
}

void
prim_mac(struct ob *fp, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			ob_c(fp, ':');
		ob_c(fp, hexd[p[i] >> 4]);
		ob_c(fp, hexd[p[i] & 15]);
	}
}

void
prim_hex(struct ob *fp, uint64_t u, int width)
{
	char b[18];
	int i = sizeof(b);

	do {
		b[--i] = hexd[u & 15];
		u >>= 4;
	} while (u || (int)sizeof(b) - i < width);
	ob_s(fp, "0x");
	ob_w(fp, b + i, sizeof(b) - (size_t)i);
}
