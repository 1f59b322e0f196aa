/* SPDX-License-Identifier: BSD-2-Clause */
/* writer.c - bounded writes with a sticky error, for building packets */
#include "writer.h"

#include <string.h>

void
wr_init(struct wr *w, void *buf, size_t cap)
{
	w->p = buf;
	w->cap = buf ? cap : 0;
	w->len = 0;
	w->bad = false;
}

static bool
room(struct wr *w, size_t n)
{
	if (!w->bad && n <= w->cap - w->len)
		return true;
	w->bad = true;
	return false;
}

void
wr_u8(struct wr *w, uint8_t v)
{
	if (room(w, 1))
		w->p[w->len++] = v;
}

void
wr_be16(struct wr *w, uint16_t v)
{
	if (!room(w, 2))
		return;
	w->p[w->len++] = (uint8_t)(v >> 8);
	w->p[w->len++] = (uint8_t)v;
}

void
wr_be32(struct wr *w, uint32_t v)
{
	if (!room(w, 4))
		return;
	for (int s = 24; s >= 0; s -= 8)
		w->p[w->len++] = (uint8_t)(v >> s);
}

void
wr_bytes(struct wr *w, const void *src, size_t n)
{
	if (!n || !room(w, n))
		return;
	memcpy(w->p + w->len, src, n);
	w->len += n;
}

void
wr_zero(struct wr *w, size_t n)
{
	if (!n || !room(w, n))
		return;
	memset(w->p + w->len, 0, n);
	w->len += n;
}

void
wr_u8_at(struct wr *w, size_t off, uint8_t v)
{
	if (off < w->len)
		w->p[off] = v;
	else
		w->bad = true;
}

void
wr_be16_at(struct wr *w, size_t off, uint16_t v)
{
	if (off + 2 <= w->len && off + 2 > off) {
		w->p[off] = (uint8_t)(v >> 8);
		w->p[off + 1] = (uint8_t)v;
	} else {
		w->bad = true;
	}
}
