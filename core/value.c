/* SPDX-License-Identifier: BSD-2-Clause */
/* value.c - decoded-value tree nodes in a per-packet bump arena */
#include "value.h"

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

static void *
alloc(struct val_arena *a, size_t n)
{
	size_t off = (a->used + 15) & ~(size_t)15;

	if (off > a->cap || n > a->cap - off) {
		a->full = true;
		return NULL;
	}
	a->used = off + n;
	return a->buf + off;
}

const uint8_t *
arena_copy(struct val_arena *a, const void *p, size_t n)
{
	uint8_t *q;

	if (!n)
		return (const uint8_t *)"";
	q = alloc(a, n);
	if (!q)
		return (const uint8_t *)"";
	memcpy(q, p, n);
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
	q = alloc(a, (size_t)n + 1);
	if (!q)
		return "";
	memcpy(q, tmp, (size_t)n + 1);
	return q;
}

struct val *
val_new(struct val_arena *a, struct val *parent, const char *key, enum val_kind k)
{
	struct val *v = alloc(a, sizeof(*v));

	if (!v) {
		/* unlinked scratch node: callers may fill it in, nothing prints it */
		v = &a->spare;
		*v = (struct val){.key = key, .kind = (uint8_t)k};
		return v;
	}
	/* a compound literal: a few inline stores rather than a call to memset */
	*v = (struct val){.key = key, .kind = (uint8_t)k};
	/* val_append without its checks: v is new, so neither linked nor parent */
	if (parent && parent != &a->spare) {
		*(parent->last ? &parent->last->next : &parent->child) = v;
		parent->last = v;
	}
	return v;
}

struct val *
val_obj(struct val_arena *a, struct val *parent, const char *key)
{
	return val_new(a, parent, key, VAL_OBJ);
}

struct val *
val_list(struct val_arena *a, struct val *parent, const char *key)
{
	return val_new(a, parent, key, VAL_LIST);
}

struct val *
val_uint(struct val_arena *a, struct val *parent, const char *key, uint64_t u)
{
	struct val *v = val_new(a, parent, key, VAL_UINT);

	v->u = u;
	return v;
}

struct val *
val_int(struct val_arena *a, struct val *parent, const char *key, int64_t i)
{
	struct val *v = val_new(a, parent, key, VAL_INT);

	v->i = i;
	return v;
}

struct val *
val_bool(struct val_arena *a, struct val *parent, const char *key, bool b)
{
	struct val *v = val_new(a, parent, key, VAL_BOOL);

	v->u = b;
	return v;
}

struct val *
val_ip(struct val_arena *a, struct val *parent, const char *key, uint32_t ip)
{
	struct val *v = val_new(a, parent, key, VAL_IP);

	v->u = ip;
	return v;
}

struct val *
val_prefix(struct val_arena *a, struct val *parent, const char *key, uint32_t ip, uint8_t plen)
{
	struct val *v = val_new(a, parent, key, VAL_PREFIX);

	v->u = ip;
	v->plen = plen;
	return v;
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
val_enum(struct val_arena *a, struct val *parent, const char *key, uint64_t u, const char *name)
{
	struct val *v = val_new(a, parent, key, VAL_ENUM);

	v->u = u;
	v->name = name;
	return v;
}

struct val *
val_enum_len(struct val_arena *a, struct val *parent, const char *key, uint64_t u,
	     const char *name, size_t n)
{
	struct val *v = val_new(a, parent, key, VAL_ENUM);

	v->u = u;
	v->name = name;
	v->len = name ? (uint32_t)n : 0;
	return v;
}

struct val *
val_err(struct val_arena *a, struct val *parent, const char *key, const char *msg,
	const uint8_t *raw, size_t n)
{
	struct val *v = with_bytes(a, parent, key, VAL_ERR, raw, n);

	v->name = msg;
	return v;
}

struct val *
val_secs(struct val_arena *a, struct val *parent, const char *key, uint64_t secs)
{
	struct val *v = val_uint(a, parent, key, secs);

	v->hint = VH_SECONDS;
	return v;
}

struct val *
val_hex(struct val_arena *a, struct val *parent, const char *key, uint64_t u, uint8_t digits)
{
	struct val *v = val_uint(a, parent, key, u);

	v->hint = VH_HEX;
	v->width = digits;
	return v;
}

struct val *
val_opt(struct val_arena *a, struct val *parent, uint8_t code, const char *name, size_t n)
{
	struct val *v = val_new(a, parent, NULL, VAL_OPT);

	v->u = code;
	v->name = name;
	v->len = (uint32_t)n;
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
