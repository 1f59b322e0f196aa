/* SPDX-License-Identifier: BSD-2-Clause */
/* msg.c - the BOOTP/DHCP message: fixed header, options area, overload (52), RFC 3396 */
#include "msg.h"

#include "reader.h"
#include "writer.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

/* the names, and their lengths, so printers need not count them */
#define MSG_TYPES(X) \
	X(1, "DISCOVER") \
	X(2, "OFFER") \
	X(3, "REQUEST") \
	X(4, "DECLINE") \
	X(5, "ACK") \
	X(6, "NAK") \
	X(7, "RELEASE") \
	X(8, "INFORM") \
	X(9, "FORCERENEW") /* RFC 3203 */ \
	X(10, "LEASEQUERY") /* RFC 4388 */ \
	X(11, "LEASEUNASSIGNED") \
	X(12, "LEASEUNKNOWN") \
	X(13, "LEASEACTIVE") \
	X(14, "BULKLEASEQUERY") /* RFC 6926 */ \
	X(15, "LEASEQUERYDONE") \
	X(16, "ACTIVELEASEQUERY") /* RFC 7724 */ \
	X(17, "LEASEQUERYSTATUS") \
	X(18, "TLS")

#define MSG_TYPE_NAME(n, s) [n] = s,
const char *const msg_type_names[MSG_TYPE_NAMES] = {MSG_TYPES(MSG_TYPE_NAME)};
#undef MSG_TYPE_NAME
#define MSG_TYPE_LEN(n, s) [n] = sizeof(s) - 1,
const uint8_t msg_type_lens[MSG_TYPE_NAMES] = {MSG_TYPES(MSG_TYPE_LEN)};
#undef MSG_TYPE_LEN
_Static_assert(sizeof(msg_type_names) / sizeof(msg_type_names[0]) == MSG_TYPE_NAMES, "msg_type_names");

enum {
	OPT_PAD = 0,
	OPT_OVERLOAD = 52,
	OPT_MSG_TYPE = 53,
	OPT_END = 255,
	OPT_MAX_INSTANCE = 255,
	/* where the areas start in the message (RFC 2131 figure 1) */
	SNAME_OFF = 44,
	FILE_OFF = 108,
	OPTIONS_OFF = MSG_HDR_LEN + 4,
	VEND_LEN = 64, /* RFC 951 vend field */
	OVERLOAD_FILE = 1,
	OVERLOAD_SNAME = 2,
};

#define OPT_ERRORS                                                                                 \
	(MSG_E_OPT_OVERRUN | MSG_E_NO_END | MSG_E_TRAILING | MSG_E_BAD_OVERLOAD | MSG_E_TOO_MANY)

/*
 * One walk over the areas. The first walk records codes, lengths and errors
 * and copies values as long as every code's bytes stay contiguous in data (the
 * usual case, RFC 3396 splits included when the instances are adjacent). Only
 * when a code comes back after another one does a second walk copy the values
 * into their final, concatenated places; it takes exactly the same decisions.
 */
struct walk {
	struct msg *m;
	bool copy_pass;   /* second walk: only copy */
	bool scattered;   /* first walk met a non-adjacent repeat: second walk needed */
	size_t total;     /* value bytes accepted so far */
	unsigned ov_seen; /* option 52 instances in the options area */
	size_t ov_len;
	uint8_t ov_val;
	size_t ov_off;
};

static void
flag(struct walk *w, uint32_t err, size_t off)
{
	struct msg *m = w->m;

	if (w->copy_pass)
		return;
	if (!(m->errors & OPT_ERRORS))
		m->err_off = (uint32_t)off;
	m->errors |= err;
}

/* the option whose code byte is base + (opt - start) in the message, value val[0..n) */
static void
take(struct walk *w, uint8_t code, uint8_t where, const uint8_t *val, size_t n, size_t base,
     const uint8_t *start, const uint8_t *opt)
{
	struct msg *m = w->m;
	struct msg_opt *o;
	int i = m->idx[code];

	/* never more than data can hold, whatever the caller's buffer length */
	if (w->total + n > MSG_DATA_MAX) {
		flag(w, MSG_E_TOO_MANY, base + (size_t)(opt - start));
		return;
	}
	w->total += n;
	if (w->copy_pass) {
		o = &m->opts[i];
		copy_short(m->data + o->off + o->len, val, n);
		o->len += (uint32_t)n;
		return;
	}
	if (i < 0) {
		i = m->nopts++;
		m->idx[code] = (int16_t)i;
		o = &m->opts[i];
		*o = (struct msg_opt){.code = code,
		                      .where = where,
		                      .parts = 1,
		                      .off = (uint32_t)(w->total - n),
		                      .len = 0};
	} else {
		o = &m->opts[i];
		o->parts++;
		o->where |= where;
		if (o->off + o->len != w->total - n)
			w->scattered = true;
	}
	if (!w->scattered)
		copy_short(m->data + o->off + o->len, val, n);
	o->len += (uint32_t)n;

	if (code == OPT_OVERLOAD && where == MSG_IN_OPTIONS) {
		if (!w->ov_seen++)
			w->ov_off = base + (size_t)(opt - start); /* errors point at the first instance */
		w->ov_len = n;
		w->ov_val = n ? val[0] : 0;
	}
}

/* one area: options until END; base is its offset in the message, for err_off */
static void
walk_area(struct walk *w, struct rd a, size_t base, uint8_t where)
{
	/* plain pointers rather than rd_u8 for every byte: each read is checked against end */
	const uint8_t *start = a.p, *q, *end;

	if (!start) {
		flag(w, MSG_E_NO_END, base);
		return;
	}
	end = start + a.len;
	q = a.bad ? end : start + a.off;
	while (q < end) {
		const uint8_t *opt = q;
		uint8_t code = *q++, n;

		if (code == OPT_PAD)
			continue;
		if (code == OPT_END) {
			if (w->copy_pass)
				return;
			/* the rest should be padding: eight bytes at a time while they are all zero */
			while (end - q >= 8) {
				uint64_t x;

				memcpy(&x, q, 8);
				if (x)
					break;
				q += 8;
			}
			for (; q < end; q++) {
				if (*q != OPT_PAD) {
					flag(w, MSG_E_TRAILING, base + (size_t)(q - start));
					break;
				}
			}
			return;
		}
		/* the length byte and then that many value bytes must be there */
		if (q == end || *q > end - q - 1) {
			flag(w, MSG_E_OPT_OVERRUN, base + (size_t)(opt - start));
			return;
		}
		n = *q++;
		take(w, code, where, q, n, base, start, opt);
		q += n;
	}
	flag(w, MSG_E_NO_END, base + (size_t)(q - start));
}

static void
walk_all(struct walk *w, struct rd opts)
{
	struct msg *m = w->m;
	struct rd a;

	w->total = 0;
	walk_area(w, opts, OPTIONS_OFF, MSG_IN_OPTIONS);
	/* RFC 2132 9.3: only option 52 from the options field itself counts */
	if (!w->copy_pass && w->ov_seen) {
		if (w->ov_seen == 1 && w->ov_len == 1 && w->ov_val >= 1 && w->ov_val <= 3)
			m->overload = w->ov_val;
		else
			flag(w, MSG_E_BAD_OVERLOAD, w->ov_off);
	}
	/* RFC 2131 4.1: file first, then sname */
	if (m->overload & OVERLOAD_FILE) {
		rd_init(&a, m->file, sizeof(m->file));
		walk_area(w, a, FILE_OFF, MSG_IN_FILE);
	}
	if (m->overload & OVERLOAD_SNAME) {
		rd_init(&a, m->sname, sizeof(m->sname));
		walk_area(w, a, SNAME_OFF, MSG_IN_SNAME);
	}
}

static void
parse_options(struct msg *m, struct rd opts)
{
	struct walk w = {.m = m};

	walk_all(&w, opts);
	m->data_len = w.total;
	if (!w.scattered)
		return;
	/* lay each code's bytes out in order of first appearance, then copy again */
	size_t off = 0;
	for (unsigned i = 0; i < m->nopts; i++) {
		m->opts[i].off = (uint32_t)off;
		off += m->opts[i].len;
		m->opts[i].len = 0;
	}
	w.copy_pass = true;
	walk_all(&w, opts);
}

/* no options, no overload, no errors: what parsing and building start from */
static void
clear_options(struct msg *m)
{
	m->overload = 0;
	m->errors = 0;
	m->err_off = 0;
	m->vend_len = 0;
	m->nopts = 0;
	m->data_len = 0;
	memset(m->idx, 0xff, sizeof(m->idx)); /* all -1 */
}

/* the header's three areas lie next to each other in struct msg as on the wire */
_Static_assert(offsetof(struct msg, sname) == offsetof(struct msg, chaddr) + 16 &&
                   offsetof(struct msg, file) == offsetof(struct msg, sname) + 64,
               "chaddr, sname and file are contiguous");

int
msg_parse(const uint8_t *buf, size_t len, struct msg *m)
{
	struct rd r;
	uint32_t cookie;
	const uint8_t *h;

	rd_init(&r, buf, len);
	h = len >= MSG_HDR_LEN ? rd_bytes(&r, MSG_HDR_LEN) : NULL;
	if (h) {
		/* the usual case: the whole header is there, checked once */
		m->op = h[0];
		m->htype = h[1];
		m->hlen = h[2];
		m->hops = h[3];
		m->xid = ld_be32(h + 4);
		m->secs = ld_be16(h + 8);
		m->flags = ld_be16(h + 10);
		m->ciaddr = ld_be32(h + 12);
		m->yiaddr = ld_be32(h + 16);
		m->siaddr = ld_be32(h + 20);
		m->giaddr = ld_be32(h + 24);
		memcpy(m->chaddr, h + SNAME_OFF - 16, 16 + 64 + 128);
	} else {
		/* short: each field as far as the bytes go, the rest zero */
		m->op = rd_u8(&r);
		m->htype = rd_u8(&r);
		m->hlen = rd_u8(&r);
		m->hops = rd_u8(&r);
		m->xid = rd_be32(&r);
		m->secs = rd_be16(&r);
		m->flags = rd_be16(&r);
		m->ciaddr = rd_be32(&r);
		m->yiaddr = rd_be32(&r);
		m->siaddr = rd_be32(&r);
		m->giaddr = rd_be32(&r);
		rd_copy(&r, m->chaddr, sizeof(m->chaddr));
		rd_copy(&r, m->sname, sizeof(m->sname));
		rd_copy(&r, m->file, sizeof(m->file));
	}

	/* reset only what this parse fills: data and opts stay as they were */
	m->hdr_len = len < MSG_HDR_LEN ? len : MSG_HDR_LEN;
	m->has_cookie = false;
	clear_options(m);

	if (r.bad) {
		m->errors = MSG_E_SHORT_HDR;
		return -EBADMSG;
	}

	/*
	 * RFC 1048: the vend area starts with 99.130.83.99 when it holds options.
	 * Fewer than 4 bytes, or 4 zero bytes, is plain BOOTP (RFC 951 leaves an
	 * unused vend area zero); anything else is a cookie we do not trust.
	 */
	struct rd vend = r;
	cookie = rd_be32(&r);
	if (!r.bad && cookie == MSG_COOKIE) {
		m->has_cookie = true;
		parse_options(m, rd_sub(&r, rd_left(&r)));
		return 0;
	}
	m->errors |= (!r.bad && cookie != 0) ? MSG_E_BAD_COOKIE : MSG_E_NO_COOKIE;
	m->vend_len = rd_left(&vend) < VEND_LEN ? rd_left(&vend) : VEND_LEN;
	rd_copy(&vend, m->data, m->vend_len);
	m->data_len = m->vend_len;
	return 0;
}

const uint8_t *
msg_get(const struct msg *m, uint8_t code, size_t *ret_len)
{
	int i = m->idx[code];

	if (i < 0)
		return NULL;
	*ret_len = m->opts[i].len;
	return m->data + m->opts[i].off;
}

bool
msg_get_u32(const struct msg *m, uint8_t code, uint32_t *ret)
{
	size_t len = 0;
	const uint8_t *v = msg_get(m, code, &len);
	struct rd r;

	if (!v || len != 4)
		return false;
	rd_init(&r, v, len);
	*ret = rd_be32(&r);
	return true;
}

int
msg_get_ips(const struct msg *m, uint8_t code, uint32_t *ret, unsigned max)
{
	size_t len = 0;
	const uint8_t *v = msg_get(m, code, &len);
	struct rd r;
	unsigned n;

	if (!v)
		return -ENOENT;
	if (!len || len % 4)
		return -EBADMSG;
	rd_init(&r, v, len);
	n = (unsigned)(len / 4);
	for (unsigned i = 0; i < n && i < max; i++)
		ret[i] = rd_be32(&r);
	return (int)n;
}

uint8_t
msg_type(const struct msg *m)
{
	size_t len;
	const uint8_t *v = msg_get(m, OPT_MSG_TYPE, &len);

	return v && len == 1 ? v[0] : 0;
}

void
msg_init(struct msg *m, uint8_t op)
{
	m->op = op;
	m->htype = 1; /* Ethernet */
	m->hlen = 6;
	m->hops = 0;
	m->xid = 0;
	m->secs = m->flags = 0;
	m->ciaddr = m->yiaddr = m->siaddr = m->giaddr = 0;
	memset(m->chaddr, 0, sizeof(m->chaddr));
	memset(m->sname, 0, sizeof(m->sname));
	memset(m->file, 0, sizeof(m->file));
	m->hdr_len = MSG_HDR_LEN;
	m->has_cookie = true;
	clear_options(m);
}

/* drop opts[i]'s bytes from data, keeping every other value where its off says */
static void
cut_value(struct msg *m, int i)
{
	uint32_t off = m->opts[i].off, n = m->opts[i].len;

	if (!n)
		return;
	memmove(m->data + off, m->data + off + n, m->data_len - off - n);
	m->data_len -= n;
	for (unsigned j = 0; j < m->nopts; j++)
		if (m->opts[j].off > off)
			m->opts[j].off -= n;
	m->opts[i].len = 0;
}

int
msg_set(struct msg *m, uint8_t code, const void *val, size_t len)
{
	int i = m->idx[code];
	size_t old = i >= 0 ? m->opts[i].len : 0;

	if (code == OPT_PAD || code == OPT_END || (len && !val))
		return -EINVAL;
	if (len > MSG_DATA_MAX || m->data_len - old + len > MSG_DATA_MAX)
		return -ENOBUFS;
	if (i >= 0) {
		cut_value(m, i); /* replaced in place: the code keeps its position */
	} else {
		i = m->nopts++;
		m->idx[code] = (int16_t)i;
	}
	if (len)
		memcpy(m->data + m->data_len, val, len);
	m->opts[i] = (struct msg_opt){
	    .code = code,
	    .where = MSG_IN_OPTIONS,
	    .parts = (uint16_t)(len ? (len + OPT_MAX_INSTANCE - 1) / OPT_MAX_INSTANCE : 1),
	    .off = (uint32_t)m->data_len,
	    .len = (uint32_t)len,
	};
	m->data_len += len;
	return 0;
}

void
msg_del(struct msg *m, uint8_t code)
{
	int i = m->idx[code];

	if (i < 0)
		return;
	cut_value(m, i);
	memmove(&m->opts[i], &m->opts[i + 1], (m->nopts - i - 1) * sizeof(m->opts[0]));
	m->nopts--;
	m->idx[code] = -1;
	for (unsigned j = (unsigned)i; j < m->nopts; j++)
		m->idx[m->opts[j].code] = (int16_t)j;
}

/* RFC 3396: a value longer than 255 bytes goes out as consecutive instances */
static void
put_option(struct wr *w, const struct msg *m, const struct msg_opt *o)
{
	size_t done = 0;

	do {
		size_t n = o->len - done;

		if (n > OPT_MAX_INSTANCE)
			n = OPT_MAX_INSTANCE;
		wr_u8(w, o->code);
		wr_u8(w, (uint8_t)n);
		wr_bytes(w, m->data + o->off + done, n);
		done += n;
	} while (done < o->len && !w->bad);
}

int
msg_build(const struct msg *m, uint8_t *buf, size_t cap)
{
	struct wr w;
	int type = m->idx[OPT_MSG_TYPE];

	wr_init(&w, buf, cap);
	wr_u8(&w, m->op);
	wr_u8(&w, m->htype);
	wr_u8(&w, m->hlen);
	wr_u8(&w, m->hops);
	wr_be32(&w, m->xid);
	wr_be16(&w, m->secs);
	wr_be16(&w, m->flags);
	wr_be32(&w, m->ciaddr);
	wr_be32(&w, m->yiaddr);
	wr_be32(&w, m->siaddr);
	wr_be32(&w, m->giaddr);
	wr_bytes(&w, m->chaddr, sizeof(m->chaddr));
	wr_bytes(&w, m->sname, sizeof(m->sname));
	wr_bytes(&w, m->file, sizeof(m->file));
	if (m->has_cookie) {
		wr_be32(&w, MSG_COOKIE);
		if (type >= 0)
			put_option(&w, m, &m->opts[type]);
		for (unsigned i = 0; i < m->nopts && !w.bad; i++)
			if ((int)i != type)
				put_option(&w, m, &m->opts[i]);
		wr_u8(&w, OPT_END);
	} else {
		/* plain BOOTP: the raw vend area, zero-filled to its 64 bytes */
		size_t n = m->vend_len < VEND_LEN ? m->vend_len : VEND_LEN;

		wr_bytes(&w, m->data, n);
		wr_zero(&w, VEND_LEN - n);
	}
	if (w.len < MSG_MIN_LEN)
		wr_zero(&w, MSG_MIN_LEN - w.len);
	return w.bad ? -ENOBUFS : (int)w.len;
}
