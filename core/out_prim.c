/* SPDX-License-Identifier: BSD-2-Clause */
/* out_prim.c - numbers and addresses as text, without printf, for both printers */
#define _GNU_SOURCE /* the _unlocked stdio calls: one thread writes, no locking needed */
#include "out_prim.h"

static const char hexd[] = "0123456789abcdef";

void
prim_u64(FILE *fp, uint64_t u)
{
	char b[24];
	int i = sizeof(b);

	do {
		b[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	fwrite_unlocked(b + i, 1, sizeof(b) - (size_t)i, fp);
}

void
prim_ip(FILE *fp, uint32_t ip)
{
	for (int s = 24; s >= 0; s -= 8) {
		prim_u64(fp, (ip >> s) & 0xff);
		if (s)
			putc_unlocked('.', fp);
	}
}

void
prim_mac(FILE *fp, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc_unlocked(':', fp);
		putc_unlocked(hexd[p[i] >> 4], fp);
		putc_unlocked(hexd[p[i] & 15], fp);
	}
}

void
prim_hex(FILE *fp, uint64_t u, int width)
{
	char b[18];
	int i = sizeof(b);

	do {
		b[--i] = hexd[u & 15];
		u >>= 4;
	} while (u || (int)sizeof(b) - i < width);
	fputs_unlocked("0x", fp);
	fwrite_unlocked(b + i, 1, sizeof(b) - (size_t)i, fp);
}
