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

/* "00" to "99": two digits at a time halve the divisions */
static const char pairs[] = "0001020304050607080910111213141516171819"
			    "2021222324252627282930313233343536373839"
			    "4041424344454647484950515253545556575859"
			    "6061626364656667686970717273747576777879"
			    "8081828384858687888990919293949596979899";

void
prim_u64(struct ob *fp, uint64_t u)
{
	char b[20]; /* 2^64 has 20 digits */
	size_t i = sizeof(b);

	while (u >= 100) {
		i -= 2;
		memcpy(b + i, pairs + u % 100 * 2, 2);
		u /= 100;
	}
	if (u >= 10) {
		i -= 2;
		memcpy(b + i, pairs + u * 2, 2);
	} else {
		b[--i] = (char)('0' + u);
	}
	ob_w(fp, b + i, sizeof(b) - i);
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
	char *b = ob_room(fp, 15), *q = b;

	for (int s = 24; s >= 0; s -= 8) {
		unsigned o = (ip >> s) & 0xff;
		if (o >= 100) {
			*q++ = (char)('0' + o / 100);
			memcpy(q, pairs + o % 100 * 2, 2);
			q += 2;
		} else if (o >= 10) {
			memcpy(q, pairs + o * 2, 2);
			q += 2;
		} else {
			*q++ = (char)('0' + o);
		}
		if (s)
			*q++ = '.';
	}
	fp->n += (size_t)(q - b);
}

void
prim_mac(struct ob *fp, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n;) {
		/* in pieces, so the room asked for stays well below OB_CAP */
		size_t end = n - i > 256 ? i + 256 : n;
		char *b = ob_room(fp, 3 * (end - i)), *q = b;

		for (; i < end; i++) {
			if (i)
				*q++ = ':';
			*q++ = hexd[p[i] >> 4];
			*q++ = hexd[p[i] & 15];
		}
		fp->n += (size_t)(q - b);
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
	ob_w(fp, "0x", 2);
	ob_w(fp, b + i, sizeof(b) - (size_t)i);
}
