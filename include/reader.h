/* SPDX-License-Identifier: BSD-2-Clause */
/* reader.h - bounded, sticky-error reader over untrusted bytes */
#ifndef DHCPDIAG_READER_H
#define DHCPDIAG_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Every read of packet bytes goes through a struct rd. A read past the end
 * returns 0 (or false/empty), sets r->bad and leaves the offset at the end;
 * the error is sticky, so a caller may read a whole record and test r->bad
 * once. Nothing here allocates.
 *
 * The small readers are defined here, inline: decoding calls them for nearly
 * every byte, and a function call each cost more than the read itself.
 */
struct rd {
	const uint8_t *p;
	size_t len, off;
	bool bad;
};

static inline void
rd_init(struct rd *r, const void *p, size_t len)
{
	r->p = p;
	r->len = p ? len : 0;
	r->off = 0;
	r->bad = false;
}

static inline size_t
rd_left(const struct rd *r)
{
	return r->len - r->off;
}

/* true when n more bytes are there; otherwise mark bad and move to the end */
static inline bool
rd_need(struct rd *r, size_t n)
{
	if (!r->bad && n <= r->len - r->off)
		return true;
	r->bad = true;
	r->off = r->len;
	return false;
}

static inline uint8_t
rd_u8(struct rd *r)
{
	if (!rd_need(r, 1))
		return 0;
	return r->p[r->off++];
}

static inline uint16_t
rd_be16(struct rd *r)
{
	if (!rd_need(r, 2))
		return 0;
	uint16_t v = (uint16_t)(r->p[r->off] << 8 | r->p[r->off + 1]);
	r->off += 2;
	return v;
}

static inline uint32_t
rd_be32(struct rd *r)
{
	if (!rd_need(r, 4))
		return 0;
	const uint8_t *q = r->p + r->off;
	uint32_t v = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
	r->off += 4;
	return v;
}

/* copy n bytes to dst; on short input copies nothing, zeroes dst, sets bad */
static inline bool
rd_copy(struct rd *r, void *dst, size_t n)
{
	if (!rd_need(r, n)) {
		memset(dst, 0, n);
		return false;
	}
	if (n)
		memcpy(dst, r->p + r->off, n);
	r->off += n;
	return true;
}

static inline void
rd_skip(struct rd *r, size_t n)
{
	if (rd_need(r, n))
		r->off += n;
}

/* pointer to the next n bytes and skip them, or NULL (and bad) when fewer remain */
static inline const uint8_t *
rd_bytes(struct rd *r, size_t n)
{
	if (!rd_need(r, n))
		return NULL;
	const uint8_t *q = r->p + r->off;
	r->off += n;
	return q;
}

/*
 * Big-endian loads from bytes the caller has already bounds-checked (a fixed
 * header after one rd_bytes or length test): no check, no offset to move.
 */
static inline uint16_t
ld_be16(const uint8_t *q)
{
	return (uint16_t)(q[0] << 8 | q[1]);
}

static inline uint32_t
ld_be32(const uint8_t *q)
{
	return (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
}

/*
 * n bytes from src to dst (which do not overlap), both known to hold them:
 * the short copies of option values, names and printed pieces without a call
 * to memcpy, as two copies that may overlap each other in the middle; longer
 * ones by memcpy.
 */
static inline void
copy_short(uint8_t *dst, const uint8_t *src, size_t n)
{
	if (n >= 8 && n <= 16) {
		memcpy(dst, src, 8);
		memcpy(dst + n - 8, src + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(dst, src, 4);
		memcpy(dst + n - 4, src + n - 4, 4);
	} else if (n && n < 4) {
		dst[0] = src[0];
		dst[n / 2] = src[n / 2];
		dst[n - 1] = src[n - 1];
	} else if (n) {
		memcpy(dst, src, n);
	}
}

/*
 * For RFC 1071 checksums: the next n bytes as big-endian 16-bit words (an odd
 * last byte padded with zero) summed without folding, and skipped. The number
 * returned is congruent to that sum modulo 0xffff and 0 only when it is, which
 * is all folding needs. Short input: 0 and bad.
 */
uint64_t rd_sum16(struct rd *r, size_t n);
/* reader over the next n bytes (fewer if short: the child is then bad too); r skips them */
struct rd rd_sub(struct rd *r, size_t n);
/* reader over the same buffer positioned at absolute offset off (for DNS compression) */
static inline struct rd
rd_at(const struct rd *r, size_t off)
{
	struct rd s = *r;

	s.bad = off > r->len;
	s.off = s.bad ? r->len : off;
	return s;
}

#endif
