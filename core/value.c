/* SPDX-License-Identifier: BSD-2-Clause */
/* value.c - decoded-value tree nodes in a per-packet bump arena */
#include "value.h"

#include "reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
arena_init(struct val_arena *a, void *buf, size_t cap)
{
	a->buf = buf;
	a->cap = cap;
	arena_reset(a);
}

void
arena_reset(struct val_arena *a)
{
	a->used = 0;
	a->full = false;
}

/* the part of val_new that is not inline: the arena is full */
struct val *
val_spare(struct val_arena *a, const char *key, enum val_kind k)
{
	/* unlinked scratch node: callers may fill it in, nothing prints it */
	a->full = true;
	a->spare = (struct val){.key = key, .kind = (uint8_t)k};
	return &a->spare;
}

const uint8_t *
arena_copy(struct val_arena *a, const void *p, size_t n)
{
	uint8_t *q;

	if (!n)
		return (const uint8_t *)"";
	q = arena_alloc(a, n);
	if (!q)
		return (const uint8_t *)"";
	copy_short(q, p, n); /* names and addresses are short: mostly no call to memcpy */
	return q;
}

const char *
arena_printf(struct val_arena *a, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;
	char *q;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return "";
	if ((size_t)n >= sizeof(tmp))
		n = sizeof(tmp) - 1;
	q = arena_alloc(a, (size_t)n + 1);
	if (!q)
		return "";
	memcpy(q, tmp, (size_t)n + 1);
	return q;
}

static struct val *
with_bytes(struct val_arena *a, struct val *parent, const char *key, enum val_kind k,
	   const uint8_t *p, size_t n)
{
	struct val *v = val_new(a, parent, key, k);

	v->bytes = arena_copy(a, p, n);
	v->len = a->full ? 0 : (uint32_t)n;
	return v;
}

struct val *
val_mac(struct val_arena *a, struct val *parent, const char *key, const uint8_t *p, size_t n)
{
	return with_bytes(a, parent, key, VAL_MAC, p, n);
}

struct val *
val_str(struct val_arena *a, struct val *parent, const char *key, const uint8_t *p, size_t n)
{
	return with_bytes(a, parent, key, VAL_STR, p, n);
}

struct val *
val_cstr(struct val_arena *a, struct val *parent, const char *key, const char *s)
{
	struct val *v = val_new(a, parent, key, VAL_STR);

	/* static or arena-owned text: no copy needed */
	v->bytes = (const uint8_t *)s;
	v->len = (uint32_t)strlen(s);
	return v;
}

struct val *
val_bytes(struct val_arena *a, struct val *parent, const char *key, const uint8_t *p, size_t n)
{
	return with_bytes(a, parent, key, VAL_BYTES, p, n);
}

struct val *
val_err(struct val_arena *a, struct val *parent, const char *key, const char *msg,
	const uint8_t *raw, size_t n)
{
	struct val *v = with_bytes(a, parent, key, VAL_ERR, raw, n);

	v->name = msg;
	return v;
}

void
val_append(struct val *parent, struct val *child)
{
	if (!parent || !child || child->next || parent == child)
		return;
	if (parent->last)
		parent->last->next = child;
	else
		parent->child = child;
	parent->last = child;
}

void
val_prepend(struct val *parent, struct val *child)
{
	if (!parent || !child || child->next || parent == child)
		return;
	child->next = parent->child;
	parent->child = child;
	if (!parent->last)
		parent->last = child;
}

const struct val *
val_get(const struct val *obj, const char *key)
{
	if (!obj)
		return NULL;
	for (const struct val *c = obj->child; c; c = c->next)
		if (val_is(c, key))
			return c;
	return NULL;
}
