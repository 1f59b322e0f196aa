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

static void
put_value(struct ob *fp, const struct val *v, int depth)
{
	switch (v->kind) {
	case VAL_OBJ:
	case VAL_LIST: {
		bool obj = v->kind == VAL_OBJ;
		ob_c(fp, obj ? '{' : '[');
		if (depth < MAX_DEPTH) {
			for (const struct val *c = v->child; c; c = c->next) {
				if (c != v->child)
					ob_c(fp, ',');
				if (obj)
					put_key(fp, c->key ? c->key : "");
				put_value(fp, c, depth + 1);
				/* an error keeps its raw bytes beside it */
				if (obj && c->kind == VAL_ERR && c->len) {
					ob_s(fp, ",\"raw\":\"");
					esc_hex_ob(fp, c->bytes, c->len);
					ob_c(fp, '"');
				}
			}
		}
		ob_c(fp, obj ? '}' : ']');
		break;
	}
	case VAL_UINT:
		if (v->hint == VH_HEX) {
			ob_c(fp, '"');
			prim_hex(fp, v->u, v->width);
			ob_c(fp, '"');
		} else {
			prim_u64(fp, v->u);
		}
		break;
	case VAL_INT:
		prim_i64(fp, v->i);
		break;
	case VAL_BOOL:
		ob_s(fp, v->u ? "true" : "false");
		break;
	case VAL_IP:
	case VAL_PREFIX:
		ob_c(fp, '"');
		prim_ip(fp, (uint32_t)v->u);
		if (v->kind == VAL_PREFIX) {
			ob_c(fp, '/');
			prim_u64(fp, v->plen);
		}
		ob_c(fp, '"');
		break;
	case VAL_MAC:
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
		if (v->name)
			put_cstr(fp, v->name);
		else
			prim_u64(fp, v->u);
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
