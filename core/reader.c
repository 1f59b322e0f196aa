/* SPDX-License-Identifier: BSD-2-Clause */
/* reader.c - bounded reads with a sticky error; the small readers are inline in reader.h */
#include "reader.h"

#include <endian.h>

uint64_t
rd_sum16(struct rd *r, size_t n)
{
	const uint8_t *p;
	uint8_t last[8] = {0};
	uint64_t sum = 0, carry = 0, w;
	size_t i = 0;

	if (!n)
		return 0; /* nothing to add, and r->p may be NULL then */
	p = rd_bytes(r, n);
	if (!p)
		return 0;
	/*
	 * RFC 1071 2(B): the sum does not care for byte order, so add 8 bytes at
	 * a time as they lie in memory and swap once at the end. A 64-bit word is
	 * four 16-bit ones times powers of 65536, which is 1 modulo 65535, and a
	 * carry out of 64 bits (2^64) is 1 too: so the words and the carries add
	 * up to a number congruent to the sum of the 16-bit words.
	 */
	for (; n - i >= 32; i += 32) {
		/* four words a turn: the loop's own count and test weigh less per word */
		uint64_t w0, w1, w2, w3;

		memcpy(&w0, p + i, 8);
		memcpy(&w1, p + i + 8, 8);
		memcpy(&w2, p + i + 16, 8);
		memcpy(&w3, p + i + 24, 8);
		sum += w0;
		carry += sum < w0;
		sum += w1;
		carry += sum < w1;
		sum += w2;
		carry += sum < w2;
		sum += w3;
		carry += sum < w3;
	}
	for (; n - i >= 8; i += 8) {
		memcpy(&w, p + i, 8);
		sum += w;
		carry += sum < w;
	}
	if (i < n) {
		/* the rest zero-padded, which also pads an odd last byte as RFC 1071 says */
		copy_short(last, p + i, n - i);
		memcpy(&w, last, 8);
		sum += w;
		carry += sum < w;
	}
	sum = (sum & 0xffffffff) + (sum >> 32) + carry;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	/* in memory order so far: big-endian words are these swapped on a little-endian host */
	return be16toh((uint16_t)sum);
}

struct rd
rd_sub(struct rd *r, size_t n)
{
	struct rd s;
	size_t have = r->bad ? 0 : r->len - r->off;
	size_t take = n < have ? n : have;

	rd_init(&s, r->p ? r->p + r->off : NULL, take);
	s.bad = take < n; /* a region that runs past the end is an error as a whole */
	rd_skip(r, n);
	return s;
}
