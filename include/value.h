/* SPDX-License-Identifier: BSD-2-Clause */
/* value.h - the decoded-value tree that both printers walk */
#ifndef DHCPDIAG_VALUE_H
#define DHCPDIAG_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum val_kind {
	VAL_OBJ,    /* keyed children */
	VAL_LIST,   /* unkeyed children */
	VAL_UINT,   /* u */
	VAL_INT,    /* i */
	VAL_BOOL,   /* u (0/1) */
	VAL_IP,     /* u: IPv4 address, host order */
	VAL_PREFIX, /* u: address, plen: prefix length -> "a.b.c.d/n" */
	VAL_MAC,    /* bytes/len: hardware address -> "aa:bb:..." */
	VAL_STR,    /* bytes/len: text from the wire, escaped by each printer */
	VAL_BYTES,  /* bytes/len: opaque data -> hex */
	VAL_ENUM,   /* u: number, name: its symbolic name or NULL if unknown; the name is
	             * static text of ours, printable ASCII without '"' or '\\', which
	             * the printers write as it is (the fuzz target checks); len: the
	             * name's length when the decoder knew it, else 0 */
	VAL_ERR,    /* name: error message; bytes/len: the raw bytes it concerns */
	VAL_OPT,    /* an option or sub-option: an OBJ whose code (u) and name (name, len bytes,
	             * static) are fields, not members; its members are the rest: "value" or
	             * "error", perhaps "parts". Printed as {"code": u, "name": name, ...} */
	VAL_KIND_MAX
};

/* how to show a number; JSON keeps the plain number except for VH_HEX */
enum val_hint {
	VH_NONE,
	VH_HEX,     /* text and JSON "0x...." */
	VH_SECONDS, /* text "600 (10m)", JSON 600 */
	VH_PLAIN,   /* VAL_OPT: the name comes from the option tables, whose names the unit
	             * tests check are plain lowercase-hyphen: printers copy it unescaped */
	VH_NUMBERED, /* VAL_ENUM with a name: text "cablelabs (4491)", JSON the name */
	VH_MAX
};

/* 64 bytes: a packet's tree is some hundred of these, made and printed once */
struct val {
	struct val *next;  /* next sibling */
	struct val *child; /* first child (OBJ, LIST) */
	struct val *last;  /* last child, for O(1) append */
	const char *key;   /* member name in an OBJ (static or arena), NULL in a LIST */
	const char *name;  /* VAL_ENUM symbol, VAL_ERR message, VAL_OPT name */
	const uint8_t *bytes;
	union {
		uint64_t u; /* every kind but VAL_INT */
		int64_t i;  /* VAL_INT */
	};
	uint32_t len;      /* of bytes (VAL_OPT: of name); arena-bounded, so far below 4 GiB */
	uint8_t kind, hint, plen;
	uint8_t width;     /* VAL_UINT/VAL_HEX: digits for VH_HEX (0 = minimal) */
};

/*
 * A bump allocator for one packet's tree. When it runs out, allocations return
 * a node that is not linked anywhere and va->full is set, so decoders never
 * check for NULL; the printers then note that the output was cut short.
 */
struct val_arena {
	uint8_t *buf;
	size_t cap, used;
	bool full;
	struct val spare; /* handed out when full */
};

void arena_init(struct val_arena *a, void *buf, size_t cap);
void arena_reset(struct val_arena *a);
/* copy n bytes into the arena (NULL-safe: returns "" region when full) */
const uint8_t *arena_copy(struct val_arena *a, const void *p, size_t n);
/* printf into the arena; returns a NUL-terminated string ("" when full) */
const char *arena_printf(struct val_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* n bytes of the arena, 16-aligned, or NULL (and full set) when it has run out */
static inline void *
arena_alloc(struct val_arena *a, size_t n)
{
	size_t off = (a->used + 15) & ~(size_t)15;

	if (off > a->cap || n > a->cap - off) {
		a->full = true;
		return NULL;
	}
	a->used = off + n;
	return a->buf + off;
}

struct val *val_spare(struct val_arena *a, const char *key, enum val_kind k);

/*
 * Create a node and append it to parent (parent may be NULL: a root).
 * Inline, as are the constructors of scalars below: a packet makes about a
 * hundred nodes, and a call each cost as much as making them.
 */
static inline struct val *
val_new(struct val_arena *a, struct val *parent, const char *key, enum val_kind k)
{
	struct val *v = (struct val *)arena_alloc(a, sizeof(*v));

	if (!v)
		return val_spare(a, key, k);
	/* a compound literal: a few inline stores rather than a call to memset */
	*v = (struct val){.key = key, .kind = (uint8_t)k};
	/* val_append without its checks: v is new, so neither linked nor parent */
	if (parent && parent != &a->spare) {
		*(parent->last ? &parent->last->next : &parent->child) = v;
		parent->last = v;
	}
	return v;
}

/* bytes are copied into the arena */
struct val *val_mac(struct val_arena *a, struct val *parent, const char *key, const uint8_t *p,
		    size_t n);
struct val *val_str(struct val_arena *a, struct val *parent, const char *key, const uint8_t *p,
		    size_t n);
struct val *val_cstr(struct val_arena *a, struct val *parent, const char *key, const char *s);
struct val *val_bytes(struct val_arena *a, struct val *parent, const char *key,
		      const uint8_t *p, size_t n);
struct val *val_err(struct val_arena *a, struct val *parent, const char *key, const char *msg,
		    const uint8_t *raw, size_t n);

/*
 * A run of siblings under one parent made with one look at the arena's room
 * instead of one per node: the fixed rows of frame and header fields, lists
 * whose length the value gives. The caller says how many nodes at most and
 * how many bytes of copies (each copy rounded up to 16) they may take; the
 * nodes and copies lie where val_new and arena_copy would have put them, so
 * the arena ends up the same. When the room is not there (or parent is the
 * spare) every node goes through val_new, so a full arena cuts the tree where
 * it always did. Nothing else may take from the arena between val_run_start
 * and val_run_end.
 */
struct val_run {
	struct val_arena *a;
	struct val *parent;
	uint8_t *at;       /* next free (16-aligned) byte; NULL: each node by val_new */
	struct val *last;  /* the run's last node, NULL before the first */
	struct val **link; /* where the next node's address goes */
};

static inline void
val_run_start(struct val_run *r, struct val_arena *a, struct val *parent, size_t nodes,
	      size_t bytes)
{
	size_t off = (a->used + 15) & ~(size_t)15;

	r->a = a;
	r->parent = parent;
	r->at = NULL;
	r->last = NULL;
	if (parent && parent != &a->spare && off <= a->cap &&
	    nodes <= (a->cap - off) / sizeof(struct val) &&
	    bytes <= a->cap - off - nodes * sizeof(struct val)) {
		r->at = a->buf + off;
		r->link = parent->last ? &parent->last->next : &parent->child;
	}
}

static inline struct val *
val_run_add(struct val_run *r, const char *key, enum val_kind k)
{
	struct val *v = (struct val *)(void *)r->at;

	if (!v)
		return val_new(r->a, r->parent, key, k);
	r->at += sizeof(*v);
	*v = (struct val){.key = key, .kind = (uint8_t)k};
	*r->link = v;
	r->link = &v->next;
	r->last = v;
	return v;
}

/* the run's nodes and copies become the arena's; its last node the parent's last child */
static inline void
val_run_end(struct val_run *r)
{
	if (r->last) {
		r->parent->last = r->last;
		r->a->used = (size_t)(r->at - r->a->buf);
	}
}

static inline struct val *
val_run_uint(struct val_run *r, const char *key, enum val_kind k, uint64_t u)
{
	struct val *v = val_run_add(r, key, k);

	v->u = u;
	return v;
}

/* a VAL_ENUM with its name's length, as val_enum_len */
static inline struct val *
val_run_enum(struct val_run *r, const char *key, uint64_t u, const char *name, size_t n)
{
	struct val *v = val_run_add(r, key, VAL_ENUM);

	v->u = u;
	v->name = name;
	v->len = name ? (uint32_t)n : 0;
	return v;
}

/* a VAL_MAC of n (1..16) bytes copied as val_mac does; the run's bytes count 16 for it */
static inline struct val *
val_run_mac(struct val_run *r, const char *key, const uint8_t *p, size_t n)
{
	struct val *v;

	if (!r->at)
		return val_mac(r->a, r->parent, key, p, n);
	v = val_run_add(r, key, VAL_MAC);
	memcpy(r->at, p, n);
	v->bytes = r->at;
	v->len = r->a->full ? 0 : (uint32_t)n;
	r->at += (n + 15) & ~(size_t)15;
	return v;
}

static inline struct val *
val_obj(struct val_arena *a, struct val *parent, const char *key)
{
	return val_new(a, parent, key, VAL_OBJ);
}

static inline struct val *
val_list(struct val_arena *a, struct val *parent, const char *key)
{
	return val_new(a, parent, key, VAL_LIST);
}

static inline struct val *
val_uint(struct val_arena *a, struct val *parent, const char *key, uint64_t u)
{
	struct val *v = val_new(a, parent, key, VAL_UINT);

	v->u = u;
	return v;
}

static inline struct val *
val_int(struct val_arena *a, struct val *parent, const char *key, int64_t i)
{
	struct val *v = val_new(a, parent, key, VAL_INT);

	v->i = i;
	return v;
}

static inline struct val *
val_bool(struct val_arena *a, struct val *parent, const char *key, bool b)
{
	struct val *v = val_new(a, parent, key, VAL_BOOL);

	v->u = b;
	return v;
}

static inline struct val *
val_ip(struct val_arena *a, struct val *parent, const char *key, uint32_t ip)
{
	struct val *v = val_new(a, parent, key, VAL_IP);

	v->u = ip;
	return v;
}

static inline struct val *
val_prefix(struct val_arena *a, struct val *parent, const char *key, uint32_t ip, uint8_t plen)
{
	struct val *v = val_new(a, parent, key, VAL_PREFIX);

	v->u = ip;
	v->plen = plen;
	return v;
}

static inline struct val *
val_enum(struct val_arena *a, struct val *parent, const char *key, uint64_t u, const char *name)
{
	struct val *v = val_new(a, parent, key, VAL_ENUM);

	v->u = u;
	v->name = name;
	return v;
}

/* the same with the name's length, n bytes, known (from a table): the printers need not count */
static inline struct val *
val_enum_len(struct val_arena *a, struct val *parent, const char *key, uint64_t u,
	     const char *name, size_t n)
{
	struct val *v = val_enum(a, parent, key, u, name);

	v->len = name ? (uint32_t)n : 0;
	return v;
}

static inline struct val *
val_secs(struct val_arena *a, struct val *parent, const char *key, uint64_t secs)
{
	struct val *v = val_uint(a, parent, key, secs);

	v->hint = VH_SECONDS;
	return v;
}

static inline struct val *
val_hex(struct val_arena *a, struct val *parent, const char *key, uint64_t u, uint8_t digits)
{
	struct val *v = val_uint(a, parent, key, u);

	v->hint = VH_HEX;
	v->width = digits;
	return v;
}

/*
 * An option or sub-option with code and its name, n bytes (not copied: static
 * text, such as the option tables' names, whose lengths they keep), as one
 * node without a key; its value or error become its members.
 */
static inline struct val *
val_opt(struct val_arena *a, struct val *parent, uint8_t code, const char *name, size_t n)
{
	struct val *v = val_new(a, parent, NULL, VAL_OPT);

	v->u = code;
	v->name = name;
	v->len = (uint32_t)n;
	return v;
}

/* link a node created without a parent (parent NULL) at the end / the front of parent */
void val_append(struct val *parent, struct val *child);
void val_prepend(struct val *parent, struct val *child);

/* whether v's children are keyed members: a VAL_OBJ or a VAL_OPT */
static inline bool
val_has_members(const struct val *v)
{
	return v->kind == VAL_OBJ || v->kind == VAL_OPT;
}

/* first child with this key, or NULL (an option's code and name are fields, not members) */
const struct val *val_get(const struct val *obj, const char *key);

/* whether v's key is key: the same pointer (the names of keys.h), else the same text */
static inline bool
val_is(const struct val *v, const char *key)
{
	return v->key == key || (v->key && v->key[0] == key[0] && strcmp(v->key, key) == 0);
}

#endif
