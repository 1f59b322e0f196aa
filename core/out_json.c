/* SPDX-License-Identifier: BSD-2-Clause */
/* out_json.c - value trees as compact JSON (stable keys, every string escaped) */
#define _GNU_SOURCE /* the _unlocked stdio calls: one thread writes, no locking needed */
#include <stdbool.h>
#include <stdint.h>

#include "esc.h"
#include "out.h"
#include "out_prim.h"
#include "value.h"

#define MAX_DEPTH 32

static void
put_key(FILE *fp, const char *k)
{
	putc_unlocked('"', fp);
	/* keys are ours (static, lowercase-hyphen), but escaping costs little */
	for (const char *p = k; *p; p++) {
		if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
			putc_unlocked('_', fp);
		else
			putc_unlocked(*p, fp);
	}
	fputs_unlocked("\":", fp);
}

static void
put_str(FILE *fp, const uint8_t *p, size_t n)
{
	putc_unlocked('"', fp);
	esc_json(fp, p, n);
	putc_unlocked('"', fp);
}

static void
put_cstr(FILE *fp, const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	put_str(fp, (const uint8_t *)s, n);
}

static void
put_value(FILE *fp, const struct val *v, int depth)
{
	switch (v->kind) {
	case VAL_OBJ:
	case VAL_LIST: {
		bool obj = v->kind == VAL_OBJ;
		putc_unlocked(obj ? '{' : '[', fp);
		if (depth < MAX_DEPTH) {
			for (const struct val *c = v->child; c; c = c->next) {
				if (c != v->child)
					putc_unlocked(',', fp);
				if (obj)
					put_key(fp, c->key ? c->key : "");
				put_value(fp, c, depth + 1);
				/* an error keeps its raw bytes beside it */
				if (obj && c->kind == VAL_ERR && c->len) {
					fputs_unlocked(",\"raw\":\"", fp);
					esc_hex(fp, c->bytes, c->len);
					putc_unlocked('"', fp);
				}
			}
		}
		putc_unlocked(obj ? '}' : ']', fp);
		break;
	}
	case VAL_UINT:
		if (v->hint == VH_HEX) {
			putc_unlocked('"', fp);
			prim_hex(fp, v->u, v->width);
			putc_unlocked('"', fp);
		} else {
			prim_u64(fp, v->u);
		}
		break;
	case VAL_INT:
		if (v->i < 0) {
			putc_unlocked('-', fp);
			prim_u64(fp, (uint64_t)0 - (uint64_t)v->i);
		} else {
			prim_u64(fp, (uint64_t)v->i);
		}
		break;
	case VAL_BOOL:
		fputs_unlocked(v->u ? "true" : "false", fp);
		break;
	case VAL_IP:
	case VAL_PREFIX:
		putc_unlocked('"', fp);
		prim_ip(fp, (uint32_t)v->u);
		if (v->kind == VAL_PREFIX) {
			putc_unlocked('/', fp);
			prim_u64(fp, v->plen);
		}
		putc_unlocked('"', fp);
		break;
	case VAL_MAC:
		putc_unlocked('"', fp);
		prim_mac(fp, v->bytes, v->len);
		putc_unlocked('"', fp);
		break;
	case VAL_STR:
		put_str(fp, v->bytes, v->len);
		break;
	case VAL_BYTES:
		putc_unlocked('"', fp);
		esc_hex(fp, v->bytes, v->len);
		putc_unlocked('"', fp);
		break;
	case VAL_ENUM:
		if (v->name)
			put_cstr(fp, v->name);
		else
			prim_u64(fp, v->u);
		break;
	case VAL_ERR:
		put_cstr(fp, v->name ? v->name : "malformed");
		break;
	default:
		fputs_unlocked("null", fp);
	}
}

void
out_json(FILE *fp, const struct val *v)
{
	put_value(fp, v, 0);
}
