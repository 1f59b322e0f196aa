/* SPDX-License-Identifier: BSD-2-Clause */
/* esc.c - make untrusted bytes safe for a terminal or a JSON string */
#include "esc.h"

#include "out_prim.h"

#include <stdbool.h>
#include <string.h>

static const char hexd[] = "0123456789abcdef";

/*
 * Length of the valid UTF-8 sequence starting at s[i] (2..4), or 0 when the
 * bytes there are not one. Rejects overlongs, surrogates, values past
 * U+10FFFF, and C1 controls (U+0080..U+009F), which terminals act on.
 */
static size_t
utf8_len(const uint8_t *s, size_t n, size_t i)
{
	uint8_t c = s[i];
	size_t len;
	uint32_t cp;

	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n - i < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[i + k] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i + k] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f))
		return 0;
	/* bidirectional overrides and isolates can disguise what is shown */
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return len;
}

/*
 * The index of the first byte at or after s[i] that both escapers must
 * change: not plain ASCII and not part of a valid UTF-8 sequence; n if none.
 */
static size_t
esc_next(const uint8_t *s, size_t n, size_t i)
{
	while (i < n) {
		size_t u;

		if (esc_plain(s[i]))
			i++;
		else if (s[i] >= 0x80 && (u = utf8_len(s, n, i)) > 0)
			i += u;
		else
			break;
	}
	return i;
}

/* escape into a sink that is either the printers' buffer or a plain char array */
struct sink {
	struct ob *ob;
	char *buf;
	size_t cap, len;
};

static void
put(struct sink *k, const char *s, size_t n)
{
	if (k->ob) {
		ob_w(k->ob, s, n);
		return;
	}
	for (size_t i = 0; i < n && k->len + 1 < k->cap; i++)
		k->buf[k->len++] = s[i];
}

/* escape s for a terminal, the first `from` bytes known to be plain */
static void
term(struct sink *k, const uint8_t *s, size_t n, size_t from)
{
	size_t run = 0; /* start of the current run of bytes that pass unchanged */

	for (size_t i = esc_next(s, n, from); i < n; i = esc_next(s, n, run)) {
		uint8_t c = s[i];

		put(k, (const char *)s + run, i - run);
		if (c == '\\' || c == '"') {
			char e[2] = {'\\', (char)c};
			put(k, e, 2);
		} else {
			char e[4] = {'\\', 'x', hexd[c >> 4], hexd[c & 15]};
			put(k, e, 4);
		}
		run = i + 1;
	}
	put(k, (const char *)s + run, n - run);
}

void
esc_term_ob(struct ob *o, const uint8_t *s, size_t n)
{
	struct sink k = {.ob = o};
	size_t i = esc_plain_len(s, n);

	if (i == n)
		ob_w(o, s, n);
	else
		term(&k, s, n, i);
}

void
esc_term(FILE *fp, const uint8_t *s, size_t n)
{
	struct ob o;

	ob_init(&o, fp);
	esc_term_ob(&o, s, n);
	ob_flush(&o);
}

size_t
esc_term_buf(char *dst, size_t cap, const uint8_t *s, size_t n)
{
	struct sink k = {.buf = dst, .cap = cap};

	if (!cap)
		return 0;
	term(&k, s, n, 0);
	dst[k.len] = '\0';
	return k.len;
}

void
esc_json_ob(struct ob *fp, const uint8_t *s, size_t n)
{
	size_t run = 0;

	for (size_t i = esc_next(s, n, esc_plain_len(s, n)); i < n; i = esc_next(s, n, run)) {
		uint8_t c = s[i];

		ob_w(fp, s + run, i - run);
		if (c == '\\' || c == '"') {
			ob_c(fp, '\\');
			ob_c(fp, c);
		} else if (c < 0x20 || c == 0x7f) {
			char e[6] = {'\\', 'u', '0', '0', hexd[c >> 4], hexd[c & 15]};
			ob_w(fp, e, 6);
		} else {
			/* not UTF-8: keep the byte visible as text, still valid JSON */
			char e[5] = {'\\', '\\', 'x', hexd[c >> 4], hexd[c & 15]};
			ob_w(fp, e, 5);
		}
		run = i + 1;
	}
	ob_w(fp, s + run, n - run);
}

void
esc_hex_ob(struct ob *fp, const uint8_t *s, size_t n)
{
	char buf[128];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		buf[k++] = hexd[s[i] >> 4];
		buf[k++] = hexd[s[i] & 15];
		if (k == sizeof(buf)) {
			ob_w(fp, buf, k);
			k = 0;
		}
	}
	ob_w(fp, buf, k);
}

void
esc_json(FILE *fp, const uint8_t *s, size_t n)
{
	struct ob o;

	ob_init(&o, fp);
	esc_json_ob(&o, s, n);
	ob_flush(&o);
}
