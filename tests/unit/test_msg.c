/* SPDX-License-Identifier: BSD-2-Clause */
/* test_msg.c - BOOTP header, cookie, option areas, overload, RFC 3396, building */
#include "check.h"
#include "msg.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

/* one struct for every parse: reuse must not leak anything from the previous message */
static struct msg m;

static size_t
unhex_into(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; s && *s; s++) {
		int v;

		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else
			continue;
		if (hi < 0) {
			hi = v;
		} else if (n < cap) {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	return n;
}

/* sequential writer for test messages: the BOOTP layout in order, no offsets */
struct out {
	uint8_t b[70000];
	size_t n;
};

static void
put(struct out *o, const void *p, size_t n)
{
	memcpy(o->b + o->n, p, n);
	o->n += n;
}

static void
put_be32(struct out *o, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};

	put(o, b, 4);
}

/* a field area (sname 64, file 128) from hex, zero-filled */
static void
put_area(struct out *o, const char *hex, size_t size)
{
	uint8_t a[128] = {0};

	unhex_into(hex, a, size);
	put(o, a, size);
}

static const uint8_t CHADDR[16] = {2, 0, 0, 0, 0x0a, 1};
enum { XID = 0x11223344, GIADDR = 0xc6130001 };

/* BOOTP header in wire order (RFC 2131 figure 1) */
static void
put_header(struct out *o, const char *sname_hex, const char *file_hex)
{
	static const uint8_t op_htype_hlen_hops[4] = {2, 1, 6, 1};

	put(o, op_htype_hlen_hops, 4);
	put_be32(o, XID);
	put_be32(o, 0x00058000); /* secs 5, flags broadcast */
	put_be32(o, 0);          /* ciaddr */
	put_be32(o, 0xc6120064); /* yiaddr */
	put_be32(o, 0xc6120001); /* siaddr */
	put_be32(o, GIADDR);
	put(o, CHADDR, sizeof(CHADDR));
	put_area(o, sname_hex, 64);
	put_area(o, file_hex, 128);
}

static const char *
where_text(uint8_t w)
{
	static char s[4];
	size_t n = 0;

	if (w & MSG_IN_OPTIONS)
		s[n++] = 'o';
	if (w & MSG_IN_FILE)
		s[n++] = 'f';
	if (w & MSG_IN_SNAME)
		s[n++] = 's';
	s[n] = 0;
	return s;
}

static void
hex_append(char *out, size_t cap, const uint8_t *p, size_t n)
{
	size_t len = strlen(out);

	for (size_t i = 0; i < n && len + 3 < cap; i++, len += 2)
		snprintf(out + len, cap - len, "%02x", p[i]);
}

/* the whole parse result as one line: errors, overload, then code[xparts][areas]=value */
static const char *
describe(const struct msg *x)
{
	static char out[4096];
	static const char *const names[] = {"short-hdr", "no-cookie", "bad-cookie",   "overrun",
	                                    "no-end",    "trailing",  "bad-overload", "too-many"};
	const char *sep = "";

	out[0] = 0;
	if (x->errors) {
		strcat(out, "err=");
		for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (x->errors & 1u << i) {
				strcat(out, sep);
				strcat(out, names[i]);
				sep = ",";
			}
		if (x->errors & ~(uint32_t)(MSG_E_SHORT_HDR | MSG_E_NO_COOKIE | MSG_E_BAD_COOKIE))
			snprintf(out + strlen(out), sizeof(out) - strlen(out), "@%u", x->err_off);
		sep = " ";
	} else {
		sep = "";
	}
	if (x->overload) {
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%sov=%u", sep, x->overload);
		sep = " ";
	}
	if (!x->has_cookie && !(x->errors & MSG_E_SHORT_HDR)) {
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%svend=", sep);
		hex_append(out, sizeof(out), x->data, x->vend_len);
		sep = " ";
	}
	for (unsigned i = 0; i < x->nopts; i++) {
		const struct msg_opt *o = &x->opts[i];
		size_t len;
		const uint8_t *v = msg_get(x, o->code, &len);

		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%u", sep, o->code);
		if (o->parts > 1)
			snprintf(out + strlen(out), sizeof(out) - strlen(out), "x%u", o->parts);
		if (o->where != MSG_IN_OPTIONS)
			snprintf(out + strlen(out), sizeof(out) - strlen(out), "[%s]",
			         where_text(o->where));
		strcat(out, "=");
		if (v && len == o->len)
			hex_append(out, sizeof(out), v, len);
		else
			strcat(out, "?");
		sep = " ";
	}
	return out;
}

#define COOKIE "63825363"
#define NO_COOKIE "" /* the message ends after the header */

struct row {
	const char *name;
	const char *cookie; /* 4 bytes after the header, or less */
	const char *options, *file, *sname;
	const char *want;
};

/* error offsets: options start at 240, file at 108, sname at 44 */
static const struct row rows[] = {
    {"plain", COOKIE, "350105 3604c6120001 ff", NULL, NULL, "53=05 54=c6120001"},
    {"pads anywhere", COOKIE, "00 350105 0000 3300 ff 000000", NULL, NULL, "53=05 51="},
    {"overload 1: file", COOKIE, "350102 340101 ff", "330400000e10 ff", "0104ffffff00 ff",
     "ov=1 53=02 52=01 51[f]=00000e10"},
    {"overload 2: sname", COOKIE, "350102 340102 ff", "330400000e10 ff", "0104ffffff00 ff",
     "ov=2 53=02 52=02 1[s]=ffffff00"},
    {"overload 3: file then sname", COOKIE, "350102 340103 ff", "0f03616263 330400000e10 ff",
     "0f03646566 ff", "ov=3 53=02 52=03 15x2[fs]=616263646566 51[f]=00000e10"},
    {"areas ignored without 52", COOKIE, "350102 ff", "330400000e10 ff", "0104ffffff00 ff",
     "53=02"},
    {"52 in file is not honoured", COOKIE, "350105 340101 ff", "340103 0304c6120001 ff",
     "0104ffffff00 ff", "ov=1 53=05 52x2[of]=0103 3[f]=c6120001"},
    {"52 value 4", COOKIE, "350105 340104 ff", "330400000e10 ff", NULL,
     "err=bad-overload@243 53=05 52=04"},
    {"52 length 2", COOKIE, "350105 34020101 ff", "330400000e10 ff", NULL,
     "err=bad-overload@243 53=05 52=0101"},
    {"52 twice", COOKIE, "340101 350105 340101 ff", "330400000e10 ff", NULL,
     "err=bad-overload@240 52x2=0101 53=05"},
    {"RFC 3396 across options and file", COOKIE,
     "350105 7903 00c612 3304 00000e10 340101 7902 0001 ff", "7903 080a00 ff", NULL,
     "ov=1 53=05 121x3[of]=00c6120001080a00 51=00000e10 52=01"},
    {"RFC 3396 adjacent instances", COOKIE, "7902 0102 7902 0304 350105 ff", NULL, NULL,
     "121x2=01020304 53=05"},
    {"zero-length instance counts", COOKIE, "7900 7902 0102 ff", NULL, NULL, "121x2=0102"},
    {"no END", COOKIE, "350105 3604c6120001", NULL, NULL, "err=no-end@249 53=05 54=c6120001"},
    {"only pads, no END", COOKIE, "350105 000000", NULL, NULL, "err=no-end@246 53=05"},
    {"empty options area", COOKIE, "", NULL, NULL, "err=no-end@240"},
    {"overrun", COOKIE, "350105 0c05 6162", NULL, NULL, "err=overrun@243 53=05"},
    {"code without length", COOKIE, "350105 0c", NULL, NULL, "err=overrun@243 53=05"},
    {"overrun in file keeps options", COOKIE, "350105 340101 ff", "0304c6120001 0cff 6162 ff", NULL,
     "err=overrun@114 ov=1 53=05 52=01 3[f]=c6120001"},
    {"no END in file", COOKIE, "350105 340101 ff", "0304c6120001", NULL,
     "err=no-end@236 ov=1 53=05 52=01 3[f]=c6120001"},
    {"first error's offset wins", COOKIE, "350105 340103 ff", "0304c6120001", "0c50 6162",
     "err=overrun,no-end@236 ov=3 53=05 52=03 3[f]=c6120001"},
    {"trailing garbage", COOKIE, "350105 ff 0000 41 00", NULL, NULL, "err=trailing@246 53=05"},
    {"no cookie", NO_COOKIE, NULL, NULL, NULL, "err=no-cookie vend="},
    {"no cookie, 2 vend bytes", "6382", NULL, NULL, NULL, "err=no-cookie vend=6382"},
    {"zero cookie is plain BOOTP", "00000000", "0000000000000000", NULL, NULL,
     "err=no-cookie vend=000000000000000000000000"},
    {"bad cookie: options not trusted", "63825364", "350105 ff", NULL, NULL,
     "err=bad-cookie vend=63825364350105ff"},
};

static void
build_row(struct out *o, const struct row *t)
{
	o->n = 0;
	put_header(o, t->sname, t->file);
	o->n += unhex_into(t->cookie, o->b + o->n, sizeof(o->b) - o->n);
	o->n += unhex_into(t->options, o->b + o->n, sizeof(o->b) - o->n);
}

static void
test_rows(void)
{
	static struct out o;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *t = &rows[i];
		uint8_t *b;
		int rc;

		build_row(&o, t);
		b = malloc(o.n); /* exact size: ASan catches reads past the message */
		memcpy(b, o.b, o.n);
		rc = msg_parse(b, o.n, &m);
		CHECK(rc == 0, "parse rc: %s", t->name);
		CHECK_STR(describe(&m), t->want, "parse: %s", t->name);
		free(b);
	}
	/* fields of the header of the last row */
	CHECK(m.op == 2 && m.htype == 1 && m.hlen == 6 && m.hops == 1 && m.xid == XID &&
	          m.secs == 5 && m.flags == 0x8000 && m.yiaddr == 0xc6120064 &&
	          m.giaddr == GIADDR && !memcmp(m.chaddr, CHADDR, 16) && m.hdr_len == MSG_HDR_LEN,
	      "header fields in host order");
}

/* every length of the fixed header: -EBADMSG, fields present filled, no read past len */
static void
test_short_header(void)
{
	static struct out o;
	static const struct {
		const char *name;
		size_t end; /* the field is whole once this many bytes are there */
	} fields[] = {{"xid", 8}, {"giaddr", 28}, {"chaddr", 44}};
	size_t wrong_rc = 0, wrong_len = 0, wrong_field = 0;

	o.n = 0;
	put_header(&o, "736e616d65", "66696c65");
	for (size_t k = 0; k < MSG_HDR_LEN; k++) {
		uint8_t *b = malloc(k ? k : 1);
		int rc;

		memcpy(b, o.b, k);
		rc = msg_parse(b, k, &m);
		wrong_rc += rc != -EBADMSG || m.errors != MSG_E_SHORT_HDR || m.nopts != 0;
		wrong_len += m.hdr_len != k;
		wrong_field += (m.op == 2) != (k >= 1);
		wrong_field += (m.xid == XID) != (k >= fields[0].end);
		wrong_field += (m.giaddr == GIADDR) != (k >= fields[1].end);
		wrong_field += (memcmp(m.chaddr, CHADDR, 16) == 0) != (k >= fields[2].end);
		free(b);
	}
	CHECK(wrong_rc == 0, "short header: -EBADMSG and SHORT_HDR at every length (%zu wrong)",
	      wrong_rc);
	CHECK(wrong_len == 0, "short header: hdr_len is the length (%zu wrong)", wrong_len);
	CHECK(wrong_field == 0, "short header: whole fields filled, cut ones zero (%zu wrong)",
	      wrong_field);
	CHECK(msg_parse(o.b, MSG_HDR_LEN, &m) == 0 && m.errors == MSG_E_NO_COOKIE &&
	          m.vend_len == 0,
	      "236 bytes: whole header, no cookie");
	CHECK(msg_parse(NULL, 0, &m) == -EBADMSG, "NULL, 0");
}

/* a 300-byte value, 255 bytes in the options area and 45 in file */
static void
test_split_300(void)
{
	static struct out o;
	uint8_t value[300], file[128] = {0};
	size_t len;
	const uint8_t *v;
	static const uint8_t head[] = {53, 1, 5, 52, 1, 1};

	for (size_t i = 0; i < sizeof(value); i++)
		value[i] = (uint8_t)(i * 7 + 1);
	o.n = 0;
	put_header(&o, NULL, NULL);
	o.n -= sizeof(file); /* replace the file area */
	file[0] = 43;
	file[1] = 45;
	memcpy(file + 2, value + 255, 45);
	file[2 + 45] = 255;
	put(&o, file, sizeof(file));
	put_be32(&o, MSG_COOKIE);
	put(&o, head, sizeof(head));
	put(&o, (const uint8_t[]){43, 255}, 2);
	put(&o, value, 255);
	put(&o, (const uint8_t[]){255}, 1);

	CHECK(msg_parse(o.b, o.n, &m) == 0 && m.errors == 0, "300-byte split parses cleanly");
	v = msg_get(&m, 43, &len);
	CHECK(v && len == 300 && !memcmp(v, value, 300), "300-byte value concatenated in order");
	CHECK(m.idx[43] >= 0 && m.opts[m.idx[43]].parts == 2 &&
	          m.opts[m.idx[43]].where == (MSG_IN_OPTIONS | MSG_IN_FILE),
	      "two parts, options area and file");
}

static void
test_too_many(void)
{
	static struct out o;
	static uint8_t filler[255];

	o.n = 0;
	put_header(&o, NULL, NULL);
	put_be32(&o, MSG_COOKIE);
	/* 270 instances of 255 bytes: more value bytes than data can hold */
	for (int i = 0; i < 270; i++) {
		put(&o, (const uint8_t[]){43, 255}, 2);
		put(&o, filler, sizeof(filler));
	}
	put(&o, (const uint8_t[]){53, 1, 5, 255}, 4);
	CHECK(msg_parse(o.b, o.n, &m) == 0 && (m.errors & MSG_E_TOO_MANY) &&
	          m.data_len == MSG_DATA_MAX,
	      "instances past MSG_DATA_MAX are flagged and not stored");
	CHECK(msg_type(&m) == 5, "a later option that still fits is kept");
}

static void
test_get_type(void)
{
	static struct out o;
	size_t len = 99;

	o.n = 0;
	put_header(&o, NULL, NULL);
	put_be32(&o, MSG_COOKIE);
	put(&o, (const uint8_t[]){53, 2, 5, 5, 255}, 5);
	CHECK(msg_parse(o.b, o.n, &m) == 0 && msg_type(&m) == 0, "type of length 2 is 0");
	CHECK(msg_get(&m, 54, &len) == NULL && len == 99, "absent option: NULL, len untouched");
	CHECK(msg_get(&m, 0, &len) == NULL && msg_get(&m, 255, &len) == NULL,
	      "pad and end are never listed");
	CHECK_STR(msg_type_names[1], "DISCOVER", "type name 1");
	CHECK_STR(msg_type_names[5], "ACK", "type name 5");
	CHECK_STR(msg_type_names[10], "LEASEQUERY", "type name 10");
	for (int t = 1; t < MSG_TYPE_NAMES; t++)
		CHECK(msg_type_names[t] && msg_type_lens[t] == strlen(msg_type_names[t]),
		      "type name %d has its length", t);
	CHECK_STR(msg_type_names[18], "TLS", "type name 18");
	CHECK(msg_type_names[0] == NULL, "type name 0 is NULL");
}

static void
test_build(void)
{
	static struct msg b;
	static uint8_t big[600], out[2048];
	static const uint8_t disc[] = {1}, cid[] = {1, 2, 0, 0, 0, 0x0a, 1};
	static const uint8_t prl[] = {1, 3, 6, 15, 119, 121};
	const uint8_t *v;
	size_t len;
	int n;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i ^ 0x5a);
	msg_init(&b, 1);
	b.xid = XID;
	b.flags = 0x8000;
	memcpy(b.chaddr, CHADDR, sizeof(CHADDR));
	CHECK(msg_set(&b, 61, cid, sizeof(cid)) == 0, "set 61");
	CHECK(msg_set(&b, 12, "a", 1) == 0, "set 12");
	CHECK(msg_set(&b, 55, prl, sizeof(prl)) == 0, "set 55");
	CHECK(msg_set(&b, 43, big, sizeof(big)) == 0, "set 43 (600 bytes)");
	CHECK(msg_set(&b, 53, disc, sizeof(disc)) == 0, "set 53 last");
	CHECK(msg_set(&b, 12, "host-1", 6) == 0, "replace 12");
	CHECK(msg_set(&b, 80, NULL, 0) == 0, "set 80 empty (rapid commit)");
	CHECK(msg_set(&b, 0, "x", 1) == -EINVAL && msg_set(&b, 255, "x", 1) == -EINVAL,
	      "pad and end refused");

	n = msg_build(&b, out, sizeof(out));
	CHECK(n >= MSG_MIN_LEN, "built %d bytes", n);
	CHECK(n > 0 && msg_parse(out, (size_t)n, &m) == 0 && m.errors == 0, "built message parses");
	CHECK(m.op == 1 && m.xid == XID && m.flags == 0x8000 && !memcmp(m.chaddr, CHADDR, 16),
	      "header round trip");
	CHECK(m.nopts == 6 && m.opts[0].code == 53 && m.opts[1].code == 61 &&
	          m.opts[2].code == 12 && m.opts[3].code == 55 && m.opts[4].code == 43 &&
	          m.opts[5].code == 80,
	      "53 first, then insertion order; a replaced code keeps its place");
	v = msg_get(&m, 43, &len);
	CHECK(v && len == sizeof(big) && !memcmp(v, big, sizeof(big)) &&
	          m.opts[m.idx[43]].parts == 3,
	      "600-byte value split into 3 instances and joined again");
	v = msg_get(&m, 12, &len);
	CHECK(v && len == 6 && !memcmp(v, "host-1", 6), "replaced value");
	v = msg_get(&m, 80, &len);
	CHECK(v && len == 0, "empty value round trip");

	/* every capacity below the needed size fails cleanly, in an exact-size buffer */
	size_t wrong = 0;
	for (size_t cap = 0; cap < (size_t)n; cap++) {
		uint8_t *tight = malloc(cap ? cap : 1);

		wrong += msg_build(&b, tight, cap) != -ENOBUFS;
		free(tight);
	}
	CHECK(wrong == 0, "msg_build: -ENOBUFS for every capacity below %d (%zu wrong)", n, wrong);

	msg_del(&b, 12);
	msg_del(&b, 12);
	v = msg_get(&b, 12, &len);
	CHECK(v == NULL, "deleted");
	v = msg_get(&b, 55, &len);
	CHECK(v && len == sizeof(prl) && !memcmp(v, prl, sizeof(prl)),
	      "others intact after delete");
	n = msg_build(&b, out, sizeof(out));
	CHECK(n > 0 && msg_parse(out, (size_t)n, &m) == 0 && m.nopts == 5 && m.idx[12] < 0 &&
	          msg_get(&m, 43, &len) && len == sizeof(big),
	      "round trip after delete");

	/* room: data holds MSG_DATA_MAX value bytes and not one more */
	static uint8_t huge[MSG_DATA_MAX];
	msg_init(&b, 1);
	CHECK(msg_set(&b, 43, huge, MSG_DATA_MAX + 1) == -ENOBUFS, "value over MSG_DATA_MAX");
	CHECK(msg_set(&b, 43, huge, MSG_DATA_MAX - 1) == 0 && msg_set(&b, 53, disc, 1) == 0,
	      "fill data exactly");
	CHECK(msg_set(&b, 54, huge, 1) == -ENOBUFS && msg_get(&b, 54, &len) == NULL,
	      "one byte more: -ENOBUFS, message untouched");
	CHECK(msg_set(&b, 43, huge, 10) == 0 && msg_set(&b, 54, huge, 4) == 0,
	      "shrinking a value frees room");
	v = msg_get(&b, 53, &len);
	CHECK(v && len == 1 && v[0] == 1, "value moved by the shrink is still right");

	/* plain BOOTP keeps its vend area */
	static struct out o;
	o.n = 0;
	put_header(&o, NULL, NULL);
	put(&o, "CMU", 4);
	o.n += 60;
	CHECK(msg_parse(o.b, o.n, &m) == 0 && (m.errors & MSG_E_BAD_COOKIE) && m.vend_len == 64,
	      "vendor cookie kept raw");
	n = msg_build(&m, out, sizeof(out));
	CHECK(n == MSG_MIN_LEN && !memcmp(out, o.b, (size_t)n),
	      "plain BOOTP rebuilt byte for byte");
}

int
main(void)
{
	test_rows();
	test_short_header();
	test_split_300();
	test_too_many();
	test_get_type();
	test_build();
	return CHECK_DONE();
}
