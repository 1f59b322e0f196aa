/* SPDX-License-Identifier: BSD-2-Clause */
/* opt_dns.c - RFC 1035 names in option values: bounded, loop-safe decoding and plain encoding */
#include "opt_int.h"
#include "reader.h"
#include "value.h"
#include "writer.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RFC 1035 2.3.4 */
#define LABEL_MAX 63
#define NAME_MAX_WIRE 255
/* a real name needs a handful; anything more is an attack */
#define JUMPS_MAX 16

static bool
put(char *text, size_t cap, size_t *tl, char c)
{
	if (*tl + 1 >= cap)
		return false;
	text[(*tl)++] = c;
	return true;
}

/* append one label, escaping the two characters that would change its meaning */
static bool
put_label(char *text, size_t cap, size_t *tl, const uint8_t *lab, size_t n)
{
	size_t at = *tl, i = 0;

	/*
	 * The usual label has neither '.' nor '\\': when the whole of it fits, one
	 * check of room and a plain copy. The first character that needs escaping
	 * hands the rest to the careful loop, which checks room for every byte.
	 */
	if (at + (at != 0) + n < cap) {
		if (at)
			text[at++] = '.';
		for (; i < n && lab[i] != '.' && lab[i] != '\\'; i++)
			text[at + i] = (char)lab[i];
		*tl = at + i;
		if (i == n)
			return true;
	} else if (*tl && !put(text, cap, tl, '.')) {
		return false;
	}
	for (; i < n; i++) {
		if ((lab[i] == '.' || lab[i] == '\\') && !put(text, cap, tl, '\\'))
			return false;
		if (!put(text, cap, tl, (char)lab[i]))
			return false;
	}
	return true;
}

const char *
opt_dns_read(struct rd *r, unsigned flags, char *text, size_t cap, size_t *ret_len)
{
	struct rd cur = *r;
	/* RFC 1035 4.1.4: pointers go to earlier data; each jump must land strictly
	 * below the previous one, so a chain always ends */
	size_t bound = r->off;
	size_t wire = 0, tl = 0;
	bool jumped = false;
	unsigned jumps = 0;

	if (cap)
		text[0] = 0;
	/* each pass reads a label (wire grows) or a pointer (jumps grows): both are capped */
	for (;;) {
		if (!rd_left(&cur) && !jumped && (flags & DNS_PARTIAL) && !cur.bad) {
			r->off = cur.off; /* RFC 4702 2.3.1: a partial name has no root label */
			break;
		}
		uint8_t l = rd_u8(&cur);
		if (cur.bad)
			return "name runs past the end of the data";
		if ((l & 0xc0) == 0xc0) {
			size_t at = cur.off - 1;
			uint8_t lo = rd_u8(&cur);
			if (!(flags & DNS_PTR))
				return "compression pointer where none is allowed";
			if (cur.bad)
				return "compression pointer runs past the end of the data";
			size_t target = (size_t)(l & 0x3f) << 8 | lo;
			if (!jumped)
				r->off = cur.off;
			if (target >= at)
				return "compression pointer does not point backwards";
			if (target >= bound)
				return "compression pointer loop";
			if (++jumps > JUMPS_MAX)
				return "too many compression pointers";
			bound = target;
			cur = rd_at(&cur, target);
			jumped = true;
			continue;
		}
		if (l & 0xc0)
			return "reserved label type";
		wire += 1u + l;
		if (wire > NAME_MAX_WIRE)
			return "name is longer than 255 bytes";
		if (!l) {
			if (!jumped)
				r->off = cur.off;
			break;
		}
		const uint8_t *lab = rd_bytes(&cur, l);
		if (!lab)
			return "label runs past the end of the data";
		if (!put_label(text, cap, &tl, lab, l))
			return "name too long to show";
	}
	if (!tl && !put(text, cap, &tl, '.'))
		return "name too long to show";
	if (cap)
		text[tl] = 0;
	*ret_len = tl;
	return NULL;
}

const char *
opt_dns_list(struct opt_dec *d, struct val *list, const uint8_t *p, size_t n, unsigned flags)
{
	struct rd r;
	char text[OPT_DNS_TEXT_MAX];
	size_t tl;

	rd_init(&r, p, n);
	/* every name consumes at least one byte, so this ends */
	while (rd_left(&r) && !r.bad) {
		size_t before = r.off;
		const char *e = opt_dns_read(&r, flags, text, sizeof(text), &tl);
		if (e)
			return e;
		if (r.off <= before)
			return "name of no length";
		val_str(d->a, list, NULL, (const uint8_t *)text, tl);
	}
	return NULL;
}

int
opt_dns_write(const char *text, size_t n, struct wr *w, char *err, size_t errlen)
{
	uint8_t lab[LABEL_MAX];
	size_t ll = 0, wire = 1;
	size_t i = 0;

	/* "." or "" alone is the root */
	if (n == 1 && text[0] == '.')
		n = 0;
	for (; i <= n; i++) {
		char c = i < n ? text[i] : '.';
		if (c == '\\' && i + 1 < n) {
			c = text[++i];
		} else if (c == '.') {
			if (!ll) {
				if (i == n && i > 0 && text[i - 1] == '.')
					break; /* trailing dot: already terminated */
				if (n == 0)
					break;
				return opt_einval(err, errlen, "'%.*s' has an empty label", (int)n,
				                  text);
			}
			wire += 1 + ll;
			if (wire > NAME_MAX_WIRE)
				return opt_einval(err, errlen, "'%.*s' is longer than 255 bytes",
				                  (int)n, text);
			wr_u8(w, (uint8_t)ll);
			wr_bytes(w, lab, ll);
			ll = 0;
			continue;
		}
		if (ll == LABEL_MAX)
			return opt_einval(err, errlen, "'%.*s' has a label longer than 63 bytes",
			                  (int)n, text);
		lab[ll++] = (uint8_t)c;
	}
	wr_u8(w, 0);
	return 0;
}
