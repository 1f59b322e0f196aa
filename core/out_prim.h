/* SPDX-License-Identifier: BSD-2-Clause */
/* out_prim.h - the printers' output buffer, and numbers and addresses as text (private to core/) */
#ifndef DHCPDIAG_OUT_PRIM_H
#define DHCPDIAG_OUT_PRIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "out.h"
#include "reader.h"
#include "value.h"

/*
 * A decoded packet becomes a few hundred small writes; going through stdio
 * for each costs more than building the text. The printers fill this buffer
 * instead and hand it over in large pieces: to a FILE (the buffer is own[]),
 * or they write straight into the growing memory of an out_mem (decode's
 * batches), which then needs no copy at all.
 */
#define OB_CAP 8192
struct ob {
	FILE *fp;           /* NULL: writing into mem */
	struct out_mem *mem;
	char *b;            /* b[0, n) is written, b[n, cap) is room */
	size_t n, cap;
	char own[OB_CAP];
};

/* hand b[0, n) over and make room for OB_CAP bytes again */
void ob_flush(struct ob *o);
/* n bytes that do not fit into the room left */
void ob_big(struct ob *o, const void *p, size_t n);
void ob_init_mem(struct ob *o, struct out_mem *m);

/* the fields only: an initializer would zero all of own[] for every packet */
static inline void
ob_init(struct ob *o, FILE *fp)
{
	o->fp = fp;
	o->mem = NULL;
	o->b = o->own;
	o->n = 0;
	o->cap = OB_CAP;
}

static inline void
ob_c(struct ob *o, char c)
{
	if (o->n == o->cap)
		ob_flush(o);
	o->b[o->n++] = c;
}

/* n bytes to d: the printers' short pieces, without a call to memcpy (reader.h) */
static inline void
ob_copy(char *d, const char *s, size_t n)
{
	copy_short((uint8_t *)d, (const uint8_t *)s, n);
}

static inline void
ob_w(struct ob *o, const void *p, size_t n)
{
	if (n > o->cap - o->n) {
		ob_big(o, p, n);
		return;
	}
	ob_copy(o->b + o->n, p, n);
	o->n += n;
}

/*
 * Writing in place: ob_room makes room for n more bytes (n at most OB_CAP)
 * and returns where they go; the caller writes through a pointer of its own
 * and hands the end of what it wrote to ob_end. A local pointer stays in a
 * register, while o->n must be reloaded after every byte stored through a
 * char pointer (which may alias anything), so pieces of known greatest size
 * are best written this way.
 */
static inline char *
ob_room(struct ob *o, size_t n)
{
	if (n > o->cap - o->n)
		ob_flush(o);
	return o->b + o->n;
}

static inline void
ob_end(struct ob *o, char *q)
{
	o->n = (size_t)(q - o->b);
}

static inline void
ob_s(struct ob *o, const char *s)
{
	ob_w(o, s, strlen(s));
}

/* numbers and addresses at q (room made by the caller): each returns the end of its text */
#define TXT_U64_MAX 20 /* also for txt_i64: 19 digits and a sign */
#define TXT_IP_MAX 16 /* 15, and a byte txt_ip may write past the end */
#define TXT_HEX_MAX 18 /* "0x" and 16 digits */
char *txt_u64(char *q, uint64_t u);
char *txt_i64(char *q, int64_t i);
char *txt_ip(char *q, uint32_t ip); /* may write one byte past the end it returns */
char *txt_hex(char *q, uint64_t u, int width); /* width 16 at most: longer counts as 16 */
char *txt_mac(char *q, const uint8_t *p, size_t n); /* 3 * n bytes at most */
/* s in double quotes (n + 2 bytes) when no byte of it needs escaping, else NULL and nothing
 * written: a short string both printers write in place, or hand to their escaper */
char *txt_quoted(char *q, const uint8_t *s, size_t n);

/* the same into the buffer */
void prim_u64(struct ob *o, uint64_t u);
void prim_i64(struct ob *o, int64_t i);
void prim_ip(struct ob *o, uint32_t ip);                 /* dotted quad */
void prim_mac(struct ob *o, const uint8_t *p, size_t n); /* aa:bb:.. */
void prim_hex(struct ob *o, uint64_t u, int width);      /* "0x" and at least width digits */

/* the escapers of esc.h writing to the buffer, and lowercase hex without separators */
void esc_term_ob(struct ob *o, const uint8_t *s, size_t n);
void esc_json_ob(struct ob *o, const uint8_t *s, size_t n);
void esc_hex_ob(struct ob *o, const uint8_t *s, size_t n);

/* bytes both escapers pass unchanged: printable ASCII except backslash and double quote */
static inline bool
esc_plain(uint8_t c)
{
	return c >= 0x20 && c < 0x7f && c != '\\' && c != '"';
}

/* whether a byte of x is zero (the classic bit trick: exact as a yes/no answer) */
static inline uint64_t
esc_zero_byte(uint64_t x)
{
	return (x - 0x0101010101010101u) & ~x & 0x8080808080808080u;
}

/* whether all 8 bytes of x are esc_plain(), without looking at them one by one */
static inline bool
esc_plain8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;

	/* 0x80 and up; below 0x20 (x - 0x20 borrows into the high bit); 0x7f, '"', '\\' */
	return !((x & high) | ((x - 0x20 * ones) & ~x & high) | esc_zero_byte(x ^ 0x7f * ones) |
		 esc_zero_byte(x ^ '"' * ones) | esc_zero_byte(x ^ '\\' * ones));
}

/*
 * How many bytes at the start of s both escapers pass unchanged. Most strings
 * are plain names of 4 to 16 bytes: those take two overlapping loads and no
 * loop; longer ones 8 bytes at a time.
 */
static inline size_t
esc_plain_len(const uint8_t *s, size_t n)
{
	uint64_t x, y;
	size_t i = 0;

	if (n >= 8 && n <= 16) {
		memcpy(&x, s, 8);
		memcpy(&y, s + n - 8, 8);
		if (esc_plain8(x) && esc_plain8(y))
			return n;
	} else if (n >= 4 && n < 8) {
		uint32_t lo, hi;

		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		if (esc_plain8((uint64_t)hi << 32 | lo))
			return n;
	} else if (n > 16) {
		for (; n - i >= 8; i += 8) {
			memcpy(&x, s + i, 8);
			if (!esc_plain8(x))
				break;
		}
		/* the last few bytes as the (overlapping) last 8 */
		if (n - i < 8) {
			memcpy(&x, s + n - 8, 8);
			if (esc_plain8(x))
				return n;
		}
	}
	/* short, or not plain somewhere: byte by byte from what is known plain */
	while (i < n && esc_plain(s[i]))
		i++;
	return i;
}

/* option names up to this long are copied in place by both printers */
#define NAME_FAST 64

/* whether option node o's name may be copied as it is: short, and from the tables or plain */
static inline bool
opt_name_plain(const struct val *o)
{
	return o->len <= NAME_FAST &&
	       (o->hint == VH_PLAIN || esc_plain_len((const uint8_t *)o->name, o->len) == o->len);
}

#endif
