/* SPDX-License-Identifier: BSD-2-Clause */
/* out_json.c - value trees as compact JSON (stable keys, every string escaped) */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "esc.h"
#include "keys.h"
#include "out.h"
#include "out_prim.h"
#include "value.h"

#define MAX_DEPTH 32

/* a byte a key cannot hold as it is */
static bool
key_bad(char c)
{
	return c == '"' || c == '\\' || (unsigned char)c < 0x20;
}

static void
put_key(struct ob *fp, const char *k)
{
	int id = key_id(k);
	size_t n = 0;

	ob_c(fp, '"');
	/* the shared names of keys.h are plain text of a known length */
	if (id >= 0) {
		ob_w(fp, key_names[id], key_lens[id]);
		ob_w(fp, "\":", 2);
		return;
	}
	/* other keys are ours too (static, lowercase-hyphen), but escaping costs little */
	for (;;) {
		while (k[n] && !key_bad(k[n]))
			n++;
		ob_w(fp, k, n);
		if (!k[n])
			break;
		ob_c(fp, '_');
		k += n + 1;
		n = 0;
	}
	ob_w(fp, "\":", 2);
}

static void
put_str(struct ob *fp, const uint8_t *p, size_t n)
{
	ob_c(fp, '"');
	esc_json_ob(fp, p, n);
	ob_c(fp, '"');
}

static void
put_cstr(struct ob *fp, const char *s)
{
	put_str(fp, (const uint8_t *)s, strlen(s));
}

/* the most put_small writes: a MAC address of 16 bytes in quotes */
#define SMALL_MAX (3 * 16 + 2)
/* named numbers whose name, and strings whose text, is at most this long are small too */
#define SMALL_NAME 40

/*
 * v at q, where the caller made room for SMALL_MAX bytes, when v is small:
 * a number, flag or address, or a short name or string that needs no escape;
 * returns the end, or NULL (nothing written) for any other value.
 */
static char *
put_small(char *q, const struct val *v)
{
	switch (v->kind) {
	case VAL_UINT:
		if (v->hint != VH_HEX)
			return txt_u64(q, v->u);
		*q++ = '"';
		q = txt_hex(q, v->u, v->width);
		break;
	case VAL_INT:
		return txt_i64(q, v->i);
	case VAL_BOOL:
		memcpy(q, v->u ? "true" : "false", 5);
		return q + (v->u ? 4 : 5);
	case VAL_IP:
	case VAL_PREFIX:
		*q++ = '"';
		q = txt_ip(q, (uint32_t)v->u);
		if (v->kind == VAL_PREFIX) {
			*q++ = '/';
			q = txt_u64(q, v->plen);
		}
		break;
	case VAL_MAC:
		if (v->len > 16)
			return NULL;
		*q++ = '"';
		q = txt_mac(q, v->bytes, v->len);
		break;
	case VAL_ENUM:
		/* the names are ours and plain (value.h), as in the text printer */
		if (!v->name)
			return txt_u64(q, v->u);
		if (!v->len || v->len > SMALL_NAME)
			return NULL;
		*q++ = '"';
		ob_copy(q, v->name, v->len);
		q += v->len;
		break;
	case VAL_STR:
		return v->len <= SMALL_NAME ? txt_quoted(q, v->bytes, v->len) : NULL;
	default:
		return NULL;
	}
	*q++ = '"';
	return q;
}

static void put_value(struct ob *fp, const struct val *v, int depth);

/*
 * The start of an option: its fields as the members they stand for,
 * {"code":N,"name":"..." (the caller adds the rest and the closing brace).
 * A name from the option tables (VH_PLAIN) is copied as it is; any other is
 * escaped unless the quick check finds nothing to escape.
 */
static void
put_opt_head(struct ob *fp, const struct val *o)
{
	static const char code[] = "{\"code\":", name[] = ",\"name\":\"";
	char *q = ob_room(fp, sizeof(code) + TXT_U64_MAX + sizeof(name) + NAME_FAST + 1);
	size_t n = o->len;

	memcpy(q, code, sizeof(code) - 1);
	q = txt_u64(q + sizeof(code) - 1, o->u);
	if (!o->name) {
		ob_end(fp, q);
		return;
	}
	memcpy(q, name, sizeof(name) - 1);
	q += sizeof(name) - 1;
	if (opt_name_plain(o)) {
		ob_copy(q, o->name, n);
		q += n;
	} else {
		ob_end(fp, q);
		esc_json_ob(fp, (const uint8_t *)o->name, n);
		q = ob_room(fp, 1);
	}
	*q++ = '"';
	ob_end(fp, q);
}

/*
 * One member of an object (obj) or item of a list, with the comma before it
 * unless it is the first. The usual member, a shared name and a small value,
 * is written in place in one piece.
 */
static void
put_member(struct ob *fp, const struct val *c, bool obj, bool first, int depth)
{
	char *q = ob_room(fp, 1 + KEY_SIZE + 3 + SMALL_MAX), *e;
	int id = obj ? key_id(c->key) : -1;

	if (!first)
		*q++ = ',';
	if (id >= 0) {
		/* the whole slot, then only the name counts: a copy of fixed size */
		*q++ = '"';
		memcpy(q, key_names[id], KEY_SIZE);
		q += key_lens[id];
		*q++ = '"';
		*q++ = ':';
	} else if (obj) {
		ob_end(fp, q);
		put_key(fp, c->key ? c->key : "");
		q = ob_room(fp, SMALL_MAX);
	}
	if ((e = put_small(q, c))) {
		ob_end(fp, e);
		return;
	}
	ob_end(fp, q);
	put_value(fp, c, depth);
	/* an error keeps its raw bytes beside it */
	if (obj && c->kind == VAL_ERR && c->len) {
		ob_s(fp, ",\"raw\":\"");
		esc_hex_ob(fp, c->bytes, c->len);
		ob_c(fp, '"');
	}
}

static void
put_value(struct ob *fp, const struct val *v, int depth)
{
	char *q = put_small(ob_room(fp, SMALL_MAX), v);

	if (q) {
		ob_end(fp, q);
		return;
	}
	switch (v->kind) {
	case VAL_OBJ:
	case VAL_LIST:
	case VAL_OPT: {
		bool obj = v->kind != VAL_LIST, first = true;

		/* an option's fields come first, as members (none as deep as the limit) */
		if (v->kind == VAL_OPT && depth < MAX_DEPTH) {
			put_opt_head(fp, v);
			first = false;
		} else {
			ob_c(fp, obj ? '{' : '[');
		}
		/* one call site: put_member stays inlined here */
		if (depth < MAX_DEPTH) {
			for (const struct val *c = v->child; c; c = c->next)
				put_member(fp, c, obj, first && c == v->child, depth + 1);
		}
		ob_c(fp, obj ? '}' : ']');
		break;
	}
	case VAL_MAC: /* longer than put_small takes */
		ob_c(fp, '"');
		prim_mac(fp, v->bytes, v->len);
		ob_c(fp, '"');
		break;
	case VAL_STR:
		put_str(fp, v->bytes, v->len);
		break;
	case VAL_BYTES:
		ob_c(fp, '"');
		esc_hex_ob(fp, v->bytes, v->len);
		ob_c(fp, '"');
		break;
	case VAL_ENUM:
		/* a name put_small does not take: long, or not counted by the decoder */
		if (v->name) {
			ob_c(fp, '"');
			ob_w(fp, v->name, v->len ? v->len : strlen(v->name));
			ob_c(fp, '"');
		} else {
			prim_u64(fp, v->u);
		}
		break;
	case VAL_ERR:
		put_cstr(fp, v->name ? v->name : "malformed");
		break;
	default:
		ob_s(fp, "null");
	}
}

void
out_json(FILE *fp, const struct val *v)
{
	struct ob o;

	ob_init(&o, fp);
	put_value(&o, v, 0);
	ob_flush(&o);
}

void
out_json_line_mem(struct out_mem *m, const struct val *v)
{
	struct ob o;

	ob_init_mem(&o, m);
	put_value(&o, v, 0);
	ob_c(&o, '\n');
	ob_flush(&o);
}
