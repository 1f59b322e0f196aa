/* SPDX-License-Identifier: BSD-2-Clause */
/* reader.c - bounded reads with a sticky error; the small readers are inline in reader.h */
#include "reader.h"

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

struct rd
rd_at(const struct rd *r, size_t off)
{
	struct rd s = *r;

	s.bad = off > r->len;
	s.off = s.bad ? r->len : off;
	return s;
}
