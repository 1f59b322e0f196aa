/* SPDX-License-Identifier: BSD-2-Clause */
/* reader.c - bounded reads with a sticky error; the only place that walks packet bytes */
#include "reader.h"

#include <string.h>

void
rd_init(struct rd *r, const void *p, size_t len)
{
	r->p = p;
	r->len = p ? len : 0;
	r->off = 0;
	r->bad = false;
}

size_t
rd_left(const struct rd *r)
{
	return r->len - r->off;
}

/* true when n more bytes are there; otherwise mark bad and move to the end */
static bool
need(struct rd *r, size_t n)
{
	if (!r->bad && n <= r->len - r->off)
		return true;
	r->bad = true;
	r->off = r->len;
	return false;
}

uint8_t
rd_u8(struct rd *r)
{
	if (!need(r, 1))
		return 0;
	return r->p[r->off++];
}

uint16_t
rd_be16(struct rd *r)
{
	if (!need(r, 2))
		return 0;
	uint16_t v = (uint16_t)(r->p[r->off] << 8 | r->p[r->off + 1]);
	r->off += 2;
	return v;
}

uint32_t
rd_be32(struct rd *r)
{
	if (!need(r, 4))
		return 0;
	const uint8_t *q = r->p + r->off;
	uint32_t v = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
	r->off += 4;
	return v;
}

bool
rd_copy(struct rd *r, void *dst, size_t n)
{
	if (!need(r, n)) {
		memset(dst, 0, n);
		return false;
	}
	if (n)
		memcpy(dst, r->p + r->off, n);
	r->off += n;
	return true;
}

void
rd_skip(struct rd *r, size_t n)
{
	if (need(r, n))
		r->off += n;
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

const uint8_t *
rd_bytes(struct rd *r, size_t n)
{
	if (!need(r, n))
		return NULL;
	const uint8_t *q = r->p + r->off;
	r->off += n;
	return q;
}

struct rd
rd_at(const struct rd *r, size_t off)
{
	struct rd s = *r;

	s.bad = off > r->len;
	s.off = s.bad ? r->len : off;
	return s;
}
