/* SPDX-License-Identifier: BSD-2-Clause */
/* out_json.c - value trees as compact JSON (stable keys, every string escaped) */
#include <stdbool.h>
#include <stdint.h>

#include "esc.h"
#include "out.h"
#include "value.h"

#define MAX_DEPTH 32

static const char hexd[] = "0123456789abcdef";

static void
put_u64(FILE *fp, uint64_t u)
{
	char b[24];
	int i = sizeof(b);

	do {
		b[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	fwrite(b + i, 1, sizeof(b) - (size_t)i, fp);
}

static void
put_key(FILE *fp, const char *k)
{
	fputc('"', fp);
	/* keys are ours (static, lowercase-hyphen), but escaping costs little */
	for (const char *p = k; *p; p++) {
		if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
			fputc('_', fp);
		else
			fputc(*p, fp);
	}
	fputs("\":", fp);
}

static void
put_str(FILE *fp, const uint8_t *p, size_t n)
{
	fputc('"', fp);
	esc_json(fp, p, n);
	fputc('"', fp);
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
	char b[24];

	switch (v->kind) {
	case VAL_OBJ:
	case VAL_LIST: {
		bool obj = v->kind == VAL_OBJ;
		fputc(obj ? '{' : '[', fp);
		if (depth < MAX_DEPTH) {
			for (const struct val *c = v->child; c; c = c->next) {
				if (c != v->child)
					fputc(',', fp);
				if (obj)
					put_key(fp, c->key ? c->key : "");
				put_value(fp, c, depth + 1);
				/* an error keeps its raw bytes beside it */
				if (obj && c->kind == VAL_ERR && c->len) {
					fputs(",\"raw\":\"", fp);
					esc_hex(fp, c->bytes, c->len);
					fputc('"', fp);
				}
			}
		}
		fputc(obj ? '}' : ']', fp);
		break;
	}
	case VAL_UINT:
		if (v->hint == VH_HEX) {
			int i = sizeof(b);
			uint64_t u = v->u;
			do {
				b[--i] = hexd[u & 15];
				u >>= 4;
			} while (u || (int)sizeof(b) - i < v->width);
			fputs("\"0x", fp);
			fwrite(b + i, 1, sizeof(b) - (size_t)i, fp);
			fputc('"', fp);
		} else {
			put_u64(fp, v->u);
		}
		break;
	case VAL_INT:
		if (v->i < 0) {
			fputc('-', fp);
			put_u64(fp, (uint64_t)0 - (uint64_t)v->i);
		} else {
			put_u64(fp, (uint64_t)v->i);
		}
		break;
	case VAL_BOOL:
		fputs(v->u ? "true" : "false", fp);
		break;
	case VAL_IP:
	case VAL_PREFIX:
		fputc('"', fp);
		for (int s = 24; s >= 0; s -= 8) {
			put_u64(fp, (v->u >> s) & 0xff);
			if (s)
				fputc('.', fp);
		}
		if (v->kind == VAL_PREFIX) {
			fputc('/', fp);
			put_u64(fp, v->plen);
		}
		fputc('"', fp);
		break;
	case VAL_MAC:
		fputc('"', fp);
		for (size_t i = 0; i < v->len; i++) {
			if (i)
				fputc(':', fp);
			fputc(hexd[v->bytes[i] >> 4], fp);
			fputc(hexd[v->bytes[i] & 15], fp);
		}
		fputc('"', fp);
		break;
	case VAL_STR:
		put_str(fp, v->bytes, v->len);
		break;
	case VAL_BYTES:
		fputc('"', fp);
		esc_hex(fp, v->bytes, v->len);
		fputc('"', fp);
		break;
	case VAL_ENUM:
		if (v->name)
			put_cstr(fp, v->name);
		else
			put_u64(fp, v->u);
		break;
	case VAL_ERR:
		put_cstr(fp, v->name ? v->name : "malformed");
		break;
	default:
		fputs("null", fp);
	}
}

void
out_json(FILE *fp, const struct val *v)
{
	put_value(fp, v, 0);
}
