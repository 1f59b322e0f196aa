/* SPDX-License-Identifier: BSD-2-Clause */
/* decode.c - one frame to a value tree: frame facts, BOOTP header, options, errors */
#include "decode.h"

#include <errno.h>
#include <stdbool.h>

#include "frame.h"
#include "keys.h"
#include "msg.h"
#include "opt.h"
#include "reader.h"
#include "value.h"

/* a name and its length, counted by the compiler */
#define NAMED(s) s, sizeof(s) - 1

static const struct {
	const char *name;
	size_t len;
} op_names[3] = {{NULL, 0}, {NAMED("BOOTREQUEST")}, {NAMED("BOOTREPLY")}};

/* the name of a hardware type, its length in *len */
static const char *
htype_name(uint8_t t, size_t *len)
{
	static const struct {
		uint8_t type;
		const char *name;
		size_t len;
	} names[] = {{1, NAMED("ethernet")}, {6, NAMED("ieee802")}, {15, NAMED("frame-relay")},
		     {20, NAMED("serial")}, {32, NAMED("infiniband")}};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].type == t) {
			*len = names[i].len;
			return names[i].name;
		}
	}
	*len = 0;
	return NULL;
}

static void
dec_frame(struct val_arena *a, struct val *root, const struct frame *f)
{
	struct val *o = val_obj(a, root, K(FRAME));
	struct val_run r;

	/* at most 13 nodes, two of them with a MAC's copy */
	val_run_start(&r, a, o, 13, 2 * 16);
	if (f->has_eth) {
		val_run_mac(&r, K(SRC_MAC), f->eth_src, 6);
		val_run_mac(&r, K(DST_MAC), f->eth_dst, 6);
	}
	if (f->vlan >= 0)
		val_run_uint(&r, K(VLAN), VAL_UINT, (uint64_t)f->vlan);
	val_run_uint(&r, K(SRC_IP), VAL_IP, f->ip_src);
	val_run_uint(&r, K(DST_IP), VAL_IP, f->ip_dst);
	val_run_uint(&r, K(SRC_PORT), VAL_UINT, f->sport);
	val_run_uint(&r, K(DST_PORT), VAL_UINT, f->dport);
	val_run_enum(&r, K(PROTOCOL), f->ip_proto, f->ip_proto == 6 ? "tcp" : "udp", 3);
	val_run_uint(&r, K(TTL), VAL_UINT, f->ip_ttl);
	enum csum ic = f->ip_csum < CSUM_MAX ? f->ip_csum : CSUM_UNKNOWN;
	enum csum lc = f->l4_csum < CSUM_MAX ? f->l4_csum : CSUM_UNKNOWN;
	val_run_enum(&r, K(IP_CHECKSUM), ic, csum_names[ic], csum_lens[ic]);
	val_run_enum(&r, f->ip_proto == 6 ? K(TCP_CHECKSUM) : K(UDP_CHECKSUM), lc, csum_names[lc],
		     csum_lens[lc]);
	val_run_uint(&r, K(LENGTH), VAL_UINT, f->payload_wire);
	if (f->truncated)
		val_run_uint(&r, K(TRUNCATED), VAL_BOOL, true);
	val_run_end(&r);
}

/* text fields of the header end at the first NUL; empty ones are left out */
static void
dec_cstring(struct val_arena *a, struct val *o, const char *key, const uint8_t *p, size_t cap)
{
	size_t n = 0;

	while (n < cap && p[n])
		n++;
	if (n)
		val_str(a, o, key, p, n);
}

/* header fields in wire order with the offset each one ends at: a short
 * header shows only the fields that were really there */
static void
dec_header(struct val_arena *a, struct val *d, const struct msg *m)
{
	size_t have = m->hdr_len;
	struct val_run r;
	struct val *v;

	/* at most 14 nodes, one of them with a MAC's copy */
	val_run_start(&r, a, d, 14, 16);
	if (have >= 1)
		val_run_enum(&r, K(OP), m->op, m->op < 3 ? op_names[m->op].name : NULL,
			     m->op < 3 ? op_names[m->op].len : 0);
	if (have >= 2) {
		size_t n;
		const char *name = htype_name(m->htype, &n);

		val_run_enum(&r, K(HTYPE), m->htype, name, n);
	}
	if (have >= 3)
		val_run_uint(&r, K(HLEN), VAL_UINT, m->hlen);
	if (have >= 4)
		val_run_uint(&r, K(HOPS), VAL_UINT, m->hops);
	if (have >= 8) {
		v = val_run_uint(&r, K(XID), VAL_UINT, m->xid);
		v->hint = VH_HEX;
		v->width = 8;
	}
	if (have >= 10)
		val_run_uint(&r, K(SECS), VAL_UINT, m->secs);
	if (have >= 12) {
		v = val_run_uint(&r, K(FLAGS), VAL_UINT, m->flags);
		v->hint = VH_HEX;
		v->width = 4;
		if (m->flags & 0x8000)
			val_run_uint(&r, K(BROADCAST), VAL_BOOL, true);
	}
	if (have >= 16)
		val_run_uint(&r, K(CIADDR), VAL_IP, m->ciaddr);
	if (have >= 20)
		val_run_uint(&r, K(YIADDR), VAL_IP, m->yiaddr);
	if (have >= 24)
		val_run_uint(&r, K(SIADDR), VAL_IP, m->siaddr);
	if (have >= 28)
		val_run_uint(&r, K(GIADDR), VAL_IP, m->giaddr);
	if (have >= 44 && m->htype == 1 && m->hlen == 6) {
		val_run_mac(&r, K(CHADDR), m->chaddr, 6);
		val_run_end(&r);
	} else {
		val_run_end(&r);
		if (have >= 44)
			val_bytes(a, d, K(CHADDR), m->chaddr, m->hlen <= 16 ? m->hlen : 16);
	}
	/* with option overload these areas hold options, not names */
	if (have >= 108 && !(m->overload & 2))
		dec_cstring(a, d, K(SNAME), m->sname, sizeof(m->sname));
	if (have >= MSG_HDR_LEN && !(m->overload & 1))
		dec_cstring(a, d, K(FILE), m->file, sizeof(m->file));
}

void
dec_options(struct val_arena *a, struct val *parent, const struct msg *m)
{
	struct val *list = val_list(a, parent, K(OPTIONS));
	struct opt_ctx ctx = {0};

	ctx.vendor_class = msg_get(m, 60, &ctx.vendor_class_len);
	for (unsigned i = 0; i < m->nopts && i < 256; i++) {
		const struct msg_opt *o = &m->opts[i];

		if (o->off > m->data_len || o->len > m->data_len - o->off)
			continue; /* cannot happen with msg_parse's output; never trust it blindly */
		struct rd r;
		rd_init(&r, m->data, m->data_len);
		rd_skip(&r, o->off);
		const uint8_t *p = rd_bytes(&r, o->len);
		opt_decode(a, list, o->code, p, o->len, &ctx);
		if (o->parts > 1 && list->last)
			val_uint(a, list->last, K(PARTS), o->parts);
	}
}

/* the message problems, said for people; truncation by the capture is not malformation */
static void
dec_msg_errors(struct val_arena *a, struct val *errs, const struct msg *m, const struct frame *f)
{
	uint32_t e = m->errors;

	if (f->truncated) {
		val_err(a, errs, NULL,
			arena_printf(a, "truncated capture: %zu of %zu bytes captured",
				     f->payload_len, f->payload_wire),
			NULL, 0);
		e &= ~(uint32_t)(MSG_E_OPT_OVERRUN | MSG_E_NO_END | MSG_E_SHORT_HDR);
	}
	if (e & MSG_E_SHORT_HDR)
		val_err(a, errs, NULL,
			arena_printf(a, "bootp header is short: %zu of %d bytes", m->hdr_len,
				     MSG_HDR_LEN),
			NULL, 0);
	if (e & MSG_E_BAD_COOKIE)
		val_err(a, errs, NULL, "magic cookie is wrong: options ignored", NULL, 0);
	if (e & MSG_E_OPT_OVERRUN)
		val_err(a, errs, NULL,
			arena_printf(a, "option at offset %u runs past the end of its area",
				     (unsigned)m->err_off),
			NULL, 0);
	if (e & MSG_E_NO_END)
		val_err(a, errs, NULL, "options area has no end option", NULL, 0);
	if (e & MSG_E_TRAILING)
		val_err(a, errs, NULL, "bytes other than padding after the end option", NULL, 0);
	if (e & MSG_E_BAD_OVERLOAD)
		val_err(a, errs, NULL, "option-overload (52) has an invalid value", NULL, 0);
	if (e & MSG_E_TOO_MANY)
		val_err(a, errs, NULL, "too many options; the rest were not decoded", NULL, 0);
}

static void
dec_message(struct val_arena *a, struct val *root, struct val *errs, const struct frame *f,
	    const uint8_t *p, size_t len, struct msg *m)
{
	int r = msg_parse(p, len, m);
	struct val *d = val_obj(a, root, K(DHCP));

	dec_header(a, d, m);
	if (r < 0) {
		dec_msg_errors(a, errs, m, f);
		return;
	}
	if (m->has_cookie) {
		uint8_t t = msg_type(m);
		if (t) {
			size_t n;
			const char *name = msg_type_name(t, &n);

			val_enum_len(a, d, K(MESSAGE_TYPE), t, name, n);
		}
		dec_options(a, d, m);
	} else if (m->vend_len) {
		val_bytes(a, d, K(VENDOR_AREA), m->data, m->vend_len);
	}
	dec_msg_errors(a, errs, m, f);
}

/* RFC 6926: over TCP every message is preceded by its length in two bytes */
static void
dec_tcp(struct val_arena *a, struct val *root, struct val *errs, const struct frame *f,
	struct msg *m)
{
	struct rd r;
	struct val *t = val_obj(a, root, K(LEASEQUERY_TCP));

	rd_init(&r, f->payload, f->payload_len);
	uint16_t mlen = rd_be16(&r);
	val_uint(a, t, "message-length", mlen);
	if (r.bad || mlen > rd_left(&r)) {
		val_err(a, errs, NULL,
			"tcp segment does not start with a whole leasequery message (not reassembled)",
			NULL, 0);
		return;
	}
	const uint8_t *p = rd_bytes(&r, mlen);
	if (rd_left(&r))
		val_uint(a, t, "bytes-after", rd_left(&r));
	dec_message(a, root, errs, f, p, mlen, m);
}

struct val *
dec_packet(struct val_arena *a, const struct frame *f, struct msg *scratch)
{
	struct val *root = val_obj(a, NULL, NULL);
	struct val *errs;

	scratch->hdr_len = 0;
	scratch->nopts = 0;
	scratch->has_cookie = false;
	dec_frame(a, root, f);
	errs = val_list(a, NULL, K(ERRORS));
	if (f->ip_fragment) {
		/* only a first fragment gets here: show what it holds, cut short */
		val_err(a, errs, NULL, "ip fragment: message not reassembled", NULL, 0);
		dec_message(a, root, errs, f, f->payload, f->payload_len, scratch);
	} else if (f->ip_proto == 6)
		dec_tcp(a, root, errs, f, scratch);
	else
		dec_message(a, root, errs, f, f->payload, f->payload_len, scratch);
	/* attach the errors list last, and only when there is something in it */
	if (errs->child && errs != &a->spare && root != &a->spare)
		val_append(root, errs);
	return root;
}

struct val *
dec_captured(struct val_arena *a, int linktype, const uint8_t *pkt, size_t caplen, size_t wirelen,
	     struct msg *scratch, int *ret_rc)
{
	struct frame f;
	int rc = frame_parse(linktype, pkt, caplen, wirelen, &f);

	if (rc == 0 && f.ip_proto == 6 && f.payload_len == 0)
		rc = -ENOENT;
	if (ret_rc)
		*ret_rc = rc;
	return rc < 0 ? NULL : dec_packet(a, &f, scratch);
}
