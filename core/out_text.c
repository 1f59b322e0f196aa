/* SPDX-License-Identifier: BSD-2-Clause */
/* out_text.c - value trees for people: aligned, one option a line, sub-options indented */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "esc.h"
#include "keys.h"
#include "out.h"
#include "out_prim.h"
#include "value.h"

#define NAME_COL 30 /* option names are padded to this width */
#define MAX_DEPTH 16

/* "1d2h", "1h30m", "10m", "45s" at q: the largest two units that are not zero */
static char *
txt_duration(char *q, uint64_t s)
{
	static const struct {
		char unit;
		uint64_t secs;
	} units[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
	int shown = 0;

	if (s == 0) {
		memcpy(q, "0s", 2);
		return q + 2;
	}
	for (size_t i = 0; i < 4 && shown < 2; i++) {
		uint64_t n = s / units[i].secs;
		if (!n) {
			if (shown)
				shown++;
			continue;
		}
		q = txt_u64(q, n);
		*q++ = units[i].unit;
		s %= units[i].secs;
		shown++;
	}
	return q;
}

/* the most put_small writes: 20 digits, " (", a duration of up to 19 bytes, ")" */
#define SMALL_MAX 64
/* named numbers whose name, and strings whose text, is at most this long are small too */
#define SMALL_NAME 40

/*
 * v at q, where the caller made room for SMALL_MAX bytes, when v is small:
 * a number, flag or address, or a short name or string that needs no escape;
 * returns the end, or NULL (nothing written) for any other value. Most values
 * of a packet are small, and writing them in place, after one look at their
 * kind, saves the calls through put_inline and put_scalar. Inlined where it
 * is used: each caller then has a branch on the kind of its own, which
 * predicts better than one shared by all (3% fewer instructions, 1.6% less
 * time than a call).
 */
static inline __attribute__((always_inline)) char *
put_small(char *q, const struct val *v)
{
	switch (v->kind) {
	case VAL_UINT:
		if (v->hint == VH_HEX)
			return txt_hex(q, v->u, v->width);
		q = txt_u64(q, v->u);
		if (v->hint == VH_SECONDS && v->u >= 60) {
			memcpy(q, " (", 2);
			q = txt_duration(q + 2, v->u);
			*q++ = ')';
		}
		return q;
	case VAL_INT:
		return txt_i64(q, v->i);
	case VAL_BOOL:
		memcpy(q, v->u ? "true" : "false", 5);
		return q + (v->u ? 4 : 5);
	case VAL_IP:
		return txt_ip(q, (uint32_t)v->u);
	case VAL_PREFIX:
		q = txt_ip(q, (uint32_t)v->u);
		*q++ = '/';
		return txt_u64(q, v->plen);
	case VAL_MAC:
		return v->len <= 16 ? txt_mac(q, v->bytes, v->len) : NULL;
	case VAL_ENUM:
		/* our own name for the number, as it is, when the decoder counted it */
		if (!v->name)
			return txt_u64(q, v->u);
		if (!v->len || v->len > SMALL_NAME)
			return NULL;
		ob_copy(q, v->name, v->len);
		q += v->len;
		if (v->hint == VH_NUMBERED) { /* "cablelabs (4491)" */
			memcpy(q, " (", 2);
			q = txt_u64(q + 2, v->u);
			*q++ = ')';
		}
		return q;
	case VAL_STR:
		return v->len <= SMALL_NAME ? txt_quoted(q, v->bytes, v->len) : NULL;
	default:
		return NULL;
	}
}

static void
put_bytes(struct ob *fp, const uint8_t *p, size_t n)
{
	bool printable = false;

	if (!n) {
		ob_s(fp, "(empty)");
		return;
	}
	esc_hex_ob(fp, p, n);
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 0x20 && p[i] < 0x7f)
			printable = true;
	if (!printable)
		return;
	/* the ASCII column: printable bytes as they are, the rest as dots */
	ob_s(fp, " |");
	for (size_t i = 0; i < n; i++)
		ob_c(fp, p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '.');
	ob_c(fp, '|');
}

/* a member name as it is: ours are lowercase-hyphen (see keys.h); the shared ones need no strlen */
static void
put_name(struct ob *fp, const char *key)
{
	int id = key_id(key);

	if (id >= 0)
		ob_w(fp, key_names[id], key_lens[id]);
	else
		ob_s(fp, key);
}

static bool
is_scalar(const struct val *v)
{
	return v->kind != VAL_OBJ && v->kind != VAL_LIST && v->kind != VAL_OPT;
}

/* small enough to print on one line: no option nodes inside, bounded depth */
static bool
is_inline(const struct val *v, int depth)
{
	if (is_scalar(v))
		return true;
	if (depth > 3 || v->kind == VAL_OPT)
		return false;
	for (const struct val *c = v->child; c; c = c->next)
		if (!is_inline(c, depth + 1))
			return false;
	return true;
}

static void put_inline(struct ob *fp, const struct val *v, int depth);

/* a name between quotes, escaped like any string */
static void
put_quoted(struct ob *fp, const char *s, size_t n)
{
	ob_c(fp, '"');
	esc_term_ob(fp, (const uint8_t *)s, n);
	ob_c(fp, '"');
}

static void
put_scalar(struct ob *fp, const struct val *v)
{
	char *q = put_small(ob_room(fp, SMALL_MAX), v);

	if (q) {
		ob_end(fp, q);
		return;
	}
	switch (v->kind) {
	case VAL_MAC:
		/* longer than put_small takes */
		prim_mac(fp, v->bytes, v->len);
		return;
	case VAL_STR:
		put_quoted(fp, (const char *)v->bytes, v->len);
		return;
	case VAL_BYTES:
		put_bytes(fp, v->bytes, v->len);
		return;
	case VAL_ENUM:
		/* a name put_small does not take: long, or not counted by the decoder */
		ob_w(fp, v->name, v->len ? v->len : strlen(v->name));
		if (v->hint == VH_NUMBERED) {
			ob_s(fp, " (");
			ob_end(fp, txt_u64(ob_room(fp, TXT_U64_MAX), v->u));
			ob_c(fp, ')');
		}
		return;
	case VAL_ERR:
		ob_s(fp, "error: ");
		ob_s(fp, v->name ? v->name : "malformed");
		if (v->len) {
			ob_s(fp, " (raw ");
			put_bytes(fp, v->bytes, v->len);
			ob_c(fp, ')');
		}
		return;
	default:
		ob_s(fp, "?");
		return;
	}
}

static void
put_inline(struct ob *fp, const struct val *v, int depth)
{
	const struct val *dst, *via;

	if (is_scalar(v)) {
		put_scalar(fp, v);
		return;
	}
	if (depth > MAX_DEPTH) {
		ob_s(fp, "...");
		return;
	}
	/* routes read best the way people write them: two members, destination and router */
	dst = v->child;
	via = dst ? dst->next : NULL;
	if (v->kind == VAL_OBJ && via && !via->next &&
	    /* the decoders' order, known by address, else a search */
	    ((dst->key == K(DESTINATION) && via->key == K(ROUTER)) ||
	     ((dst = val_get(v, K(DESTINATION))) && (via = val_get(v, K(ROUTER)))))) {
		put_scalar(fp, dst);
		ob_s(fp, " via ");
		put_scalar(fp, via);
		return;
	}
	if (depth)
		ob_c(fp, v->kind == VAL_LIST ? '[' : '(');
	if (v->kind == VAL_OPT) {
		/* an option within a line (no decoder makes one): its fields as members */
		ob_s(fp, "code ");
		ob_end(fp, txt_u64(ob_room(fp, TXT_U64_MAX), v->u));
		if (v->name) {
			ob_s(fp, ", name ");
			put_quoted(fp, v->name, v->len);
		}
		if (v->child)
			ob_s(fp, ", ");
	}
	for (const struct val *c = v->child; c; c = c->next) {
		bool sep = c != v->child;
		char *q, *e;

		if (val_has_members(v) && c->key) {
			if (sep)
				ob_w(fp, ", ", 2);
			put_name(fp, c->key);
			ob_c(fp, ' ');
			sep = false;
		}
		/* the usual item, a number or an address, and its separator in place */
		q = ob_room(fp, 2 + SMALL_MAX);
		if (sep) {
			memcpy(q, ", ", 2);
			q += 2;
		}
		e = put_small(q, c);
		ob_end(fp, e ? e : q);
		if (e)
			continue;
		if (is_scalar(c))
			put_scalar(fp, c);
		else
			put_inline(fp, c, depth + 1);
	}
	if (!v->child)
		ob_s(fp, v->kind == VAL_LIST ? "(none)" : "");
	if (depth)
		ob_c(fp, v->kind == VAL_LIST ? ']' : ')');
}

/* a member's value on a line of its own making: the small ones in place */
static inline void
put_value(struct ob *fp, const struct val *v)
{
	char *q = put_small(ob_room(fp, SMALL_MAX), v);

	if (q)
		ob_end(fp, q);
	else
		put_inline(fp, v, 0);
}

static void
indent_to(struct ob *fp, int n)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		int k = n < (int)sizeof(spaces) - 1 ? n : (int)sizeof(spaces) - 1;

		ob_w(fp, spaces, (size_t)k);
		n -= k;
	}
}

static void put_block(struct ob *fp, const struct val *v, int indent, int depth);

/* indentation up to this deep is written in place too */
#define INDENT_FAST 32

/* the codes 0 to 255 right-aligned in three columns, and a space: one copy of four bytes */
#define CODE3(n)                                                                                   \
	{(char)((n) >= 100 ? '0' + (n) / 100 : ' '), (char)((n) >= 10 ? '0' + (n) / 10 % 10 : ' '), \
	 (char)('0' + (n) % 10), ' '}
#define CODE_ROW(h)                                                                                \
	CODE3(h), CODE3(h + 1), CODE3(h + 2), CODE3(h + 3), CODE3(h + 4), CODE3(h + 5),           \
		CODE3(h + 6), CODE3(h + 7), CODE3(h + 8), CODE3(h + 9), CODE3(h + 10),            \
		CODE3(h + 11), CODE3(h + 12), CODE3(h + 13), CODE3(h + 14), CODE3(h + 15)
static const char codes[256][4] = {
	CODE_ROW(0x00), CODE_ROW(0x10), CODE_ROW(0x20), CODE_ROW(0x30), CODE_ROW(0x40), CODE_ROW(0x50),
	CODE_ROW(0x60), CODE_ROW(0x70), CODE_ROW(0x80), CODE_ROW(0x90), CODE_ROW(0xa0), CODE_ROW(0xb0),
	CODE_ROW(0xc0), CODE_ROW(0xd0), CODE_ROW(0xe0), CODE_ROW(0xf0),
};

/*
 * The indentation, the code right-aligned in three columns and a space, at q
 * (room for INDENT_FAST + 4 bytes): what indent_to and txt_u64 would write
 * for indent <= INDENT_FAST and a code below 256, without either call.
 */
static char *
put_code(char *q, int indent, uint64_t code)
{
	memset(q, ' ', INDENT_FAST);
	memcpy(q + indent, codes[code], 4);
	return q + indent + 4;
}

/* "   53 dhcp-message-type            OFFER", without the newline */
static void
put_option(struct ob *fp, const struct val *o, int indent, int depth)
{
	/* the value is the first member, but for an option someone built by hand */
	const struct val *val = o->child, *c = o->child;
	bool inl;
	size_t n = o->len;
	char *q, *e;

	if (val && !val_is(val, K(VALUE)))
		val = val_get(o, K(VALUE));
	/* whether the value follows on this line: then the name is padded to the value column */
	inl = !val || is_inline(val, 0);
	q = ob_room(fp, INDENT_FAST + 3 + 1 + NAME_FAST + NAME_COL + 1 + SMALL_MAX);
	if (indent >= 0 && indent <= INDENT_FAST && o->u < 256) {
		q = put_code(q, indent, o->u);
	} else {
		ob_end(fp, q);
		indent_to(fp, indent + (o->u < 10 ? 2 : o->u < 100 ? 1 : 0));
		q = txt_u64(ob_room(fp, TXT_U64_MAX + 1 + NAME_FAST + NAME_COL + 1 + SMALL_MAX),
			    o->u);
		*q++ = ' ';
	}
	if (!o->name) {
		ob_end(fp, q);
	} else if (opt_name_plain(o)) {
		/* the usual name: plain, short, and its padding written in place */
		ob_copy(q, o->name, n);
		q += n;
		if (inl && n < NAME_COL) {
			memset(q, ' ', NAME_COL);
			q += NAME_COL - n;
		}
		/* and the usual value, a number or an address, right after it */
		if (c == val && (e = put_small(q + 1, c))) {
			*q = ' ';
			q = e;
			c = c->next;
		}
		ob_end(fp, q);
	} else {
		ob_end(fp, q);
		esc_term_ob(fp, (const uint8_t *)o->name, n);
		if (inl)
			indent_to(fp, NAME_COL - (int)n);
	}
	for (; c; c = c->next) {
		if (c->kind == VAL_ERR) {
			ob_c(fp, ' ');
			put_scalar(fp, c);
		} else if (c == val || (c->key && val_is(c, K(VALUE)))) {
			if (c == val ? inl : is_inline(c, 0)) {
				ob_c(fp, ' ');
				put_inline(fp, c, 0);
			} else {
				put_block(fp, c, indent + 4, depth + 1);
			}
		} else {
			/* extra facts such as "parts" */
			ob_s(fp, " [");
			put_name(fp, c->key ? c->key : "");
			ob_c(fp, ' ');
			put_inline(fp, c, 1);
			ob_c(fp, ']');
		}
	}
}

/* a value too big for one line: members on lines of their own */
static void
put_block(struct ob *fp, const struct val *v, int indent, int depth)
{
	if (depth > MAX_DEPTH) {
		ob_s(fp, " ...");
		return;
	}
	for (const struct val *c = v->child; c; c = c->next) {
		if (c->kind == VAL_OPT) {
			ob_c(fp, '\n');
			put_option(fp, c, indent, depth + 1);
			continue;
		}
		if (is_inline(c, 0)) {
			ob_c(fp, '\n');
			indent_to(fp, indent);
			if (c->key) {
				put_name(fp, c->key);
				ob_c(fp, ' ');
			}
			put_inline(fp, c, 0);
		} else if (c->key) {
			/* the name on a line of its own, the members under it */
			ob_c(fp, '\n');
			indent_to(fp, indent);
			put_name(fp, c->key);
			put_block(fp, c, indent + 2, depth + 1);
		} else {
			/* an element of a list (125's enterprises): its members at this indent, a
			 * line each, no empty line for the element itself */
			put_block(fp, c, indent, depth + 1);
		}
	}
}

static void
text_options(struct ob *fp, const struct val *options, int indent, unsigned flags)
{
	(void)flags;
	if (!options)
		return;
	for (const struct val *o = options->child; o; o = o->next) {
		if (o->kind == VAL_OPT) {
			put_option(fp, o, indent, 0);
			ob_c(fp, '\n');
		}
	}
}

/*
 * The members of one object that text_packet shows, found in one walk over
 * its children: at[id] is the first child named key_names[id], valid only
 * where bit id of seen is set. Nothing is cleared beforehand: the mask says
 * what is there (KEY_MAX fits its 64 bits), so a packet costs no zeroing of
 * tables. A child the decoder named through keys.h is known by its address;
 * other names are compared by their text with the ids asked for.
 */
struct picked {
	uint64_t seen;
	const struct val *at[KEY_MAX];
};
_Static_assert(KEY_MAX <= 64, "struct picked's mask has a bit for each key id");

static void
pick(const struct val *obj, const uint8_t *ids, size_t n, struct picked *pk)
{
	uint64_t want = 0, seen = 0;

	for (size_t k = 0; k < n; k++)
		want |= (uint64_t)1 << ids[k];
	for (const struct val *c = obj ? obj->child : NULL; c; c = c->next) {
		int id = key_id(c->key);

		if (id < 0) {
			for (size_t j = 0; j < n && id < 0; j++)
				if (val_is(c, key_names[ids[j]]))
					id = ids[j];
			if (id < 0)
				continue;
		}
		if ((want & ~seen) >> id & 1) {
			seen |= (uint64_t)1 << id;
			pk->at[id] = c;
		}
	}
	pk->seen = seen;
}

/* the member named key_names[id], or NULL */
static inline const struct val *
got(const struct picked *pk, int id)
{
	return pk->seen >> id & 1 ? pk->at[id] : NULL;
}

/* the most one member of a detail line takes when its value is small */
#define PAIR_MAX (2 + KEY_SIZE + 1 + SMALL_MAX)

/*
 * A detail line without its newline: "  key value  key value" for the members
 * named by ids[0..n) (at most 8) that are there. Room for the whole line is
 * made once; only a value that is not small takes the long way.
 */
static void
put_pairs(struct ob *fp, const struct picked *pk, const uint8_t *ids, size_t n)
{
	char *q = ob_room(fp, 8 * PAIR_MAX), *e;
	bool first = true;

	memcpy(q, "  ", 2);
	q += 2;
	for (size_t i = 0; i < n; i++) {
		int id = ids[i];
		const struct val *c = got(pk, id);

		if (!c)
			continue;
		if (!first) {
			memcpy(q, "  ", 2);
			q += 2;
		}
		first = false;
		/* the name: its whole slot copied, its length counted */
		memcpy(q, key_names[id], KEY_SIZE);
		q += key_lens[id];
		/* a flag that is set reads best as just its name */
		if (c->kind == VAL_BOOL && c->u)
			continue;
		*q++ = ' ';
		if ((e = put_small(q, c))) {
			q = e;
			continue;
		}
		ob_end(fp, q);
		put_inline(fp, c, 0);
		q = ob_room(fp, 8 * PAIR_MAX);
	}
	ob_end(fp, q);
}

/* the members text_packet shows: of the packet, the frame and the BOOTP header */
static const uint8_t pkt_keys[] = {KEY_FILE, KEY_N,	KEY_TIME,  KEY_FRAME,
				   KEY_LEASEQUERY_TCP, KEY_DHCP, KEY_ERRORS};
static const uint8_t frame_keys[] = {
	KEY_SRC_MAC,	 KEY_DST_MAC,	   KEY_VLAN,	      KEY_SRC_IP, KEY_DST_IP,
	KEY_SRC_PORT,	 KEY_DST_PORT,	   KEY_PROTOCOL,      KEY_TTL,	  KEY_IP_CHECKSUM,
	KEY_UDP_CHECKSUM, KEY_TCP_CHECKSUM, KEY_LENGTH,	      KEY_TRUNCATED,
};
static const uint8_t dhcp_keys[] = {
	KEY_OP,	    KEY_HTYPE,	KEY_HLEN,   KEY_HOPS,  KEY_XID,	  KEY_SECS,
	KEY_FLAGS,  KEY_BROADCAST, KEY_CIADDR, KEY_YIADDR, KEY_SIADDR, KEY_GIADDR,
	KEY_CHADDR, KEY_SNAME,	KEY_FILE,   KEY_MESSAGE_TYPE, KEY_OPTIONS, KEY_VENDOR_AREA,
};

/* the detail lines: which members, in which order */
static const uint8_t line_eth[] = {KEY_SRC_MAC,	    KEY_DST_MAC,      KEY_VLAN,	       KEY_TTL,
				   KEY_IP_CHECKSUM, KEY_UDP_CHECKSUM, KEY_TCP_CHECKSUM};
static const uint8_t line_op[] = {KEY_OP,   KEY_HTYPE, KEY_HLEN,     KEY_HOPS,
				  KEY_SECS, KEY_FLAGS, KEY_BROADCAST};
static const uint8_t line_addr[] = {KEY_CIADDR, KEY_YIADDR, KEY_SIADDR, KEY_GIADDR};
static const uint8_t line_names[] = {KEY_CHADDR, KEY_SNAME, KEY_FILE};
_Static_assert(sizeof(line_eth) <= 8 && sizeof(line_op) <= 8 && sizeof(line_addr) <= 8 &&
		       sizeof(line_names) <= 8,
	       "put_pairs makes room for 8 members a line");

static void
text_packet(struct ob *fp, const struct val *pkt, unsigned flags)
{
	struct picked p, fs, ds;
	const struct val *f, *d, *v;

	pick(pkt, pkt_keys, sizeof(pkt_keys), &p);
	f = got(&p, KEY_FRAME);
	d = got(&p, KEY_DHCP);
	pick(f, frame_keys, sizeof(frame_keys), &fs);
	pick(d, dhcp_keys, sizeof(dhcp_keys), &ds);

	/* summary: #n time src:port > dst:port TYPE xid */
	if ((v = got(&p, KEY_N))) {
		ob_c(fp, '#');
		put_value(fp, v);
		ob_c(fp, ' ');
	}
	if ((v = got(&p, KEY_FILE)) && v->kind == VAL_STR) {
		esc_term_ob(fp, v->bytes, v->len);
		ob_c(fp, ' ');
	}
	if ((v = got(&p, KEY_TIME)) && v->kind == VAL_STR) {
		ob_w(fp, v->bytes, v->len);
		ob_c(fp, ' ');
	}
	if (f) {
		put_value(fp, got(&fs, KEY_SRC_IP));
		ob_c(fp, ':');
		put_value(fp, got(&fs, KEY_SRC_PORT));
		ob_w(fp, " > ", 3);
		put_value(fp, got(&fs, KEY_DST_IP));
		ob_c(fp, ':');
		put_value(fp, got(&fs, KEY_DST_PORT));
		if ((v = got(&fs, KEY_PROTOCOL)) && v->u == 6)
			ob_s(fp, " tcp");
	}
	if (d) {
		ob_c(fp, ' ');
		if ((v = got(&ds, KEY_MESSAGE_TYPE)))
			put_value(fp, v);
		else if ((v = got(&ds, KEY_OP)))
			put_value(fp, v);
		if ((v = got(&ds, KEY_XID))) {
			ob_s(fp, " xid ");
			put_value(fp, v);
		}
	}
	if (f && (v = got(&fs, KEY_LENGTH))) {
		ob_s(fp, " length ");
		put_value(fp, v);
	}
	ob_c(fp, '\n');
	if (flags & OUT_BRIEF)
		goto errors;
	if (f) {
		put_pairs(fp, &fs, line_eth, sizeof(line_eth));
		if (got(&fs, KEY_TRUNCATED))
			ob_s(fp, "  truncated");
		ob_c(fp, '\n');
	}
	if (d) {
		static const struct {
			const uint8_t *keys;
			size_t n;
		} lines[] = {{line_op, sizeof(line_op)},
			     {line_addr, sizeof(line_addr)},
			     {line_names, sizeof(line_names)}};
		for (size_t i = 0; i < 3; i++) {
			uint64_t want = 0;

			for (size_t k = 0; k < lines[i].n; k++)
				want |= (uint64_t)1 << lines[i].keys[k];
			if (!(ds.seen & want))
				continue; /* a short header has no such fields */
			put_pairs(fp, &ds, lines[i].keys, lines[i].n);
			ob_c(fp, '\n');
		}
		if ((v = got(&ds, KEY_VENDOR_AREA))) {
			ob_s(fp, "  vendor-area ");
			put_value(fp, v);
			ob_c(fp, '\n');
		}
		text_options(fp, got(&ds, KEY_OPTIONS), 2, flags);
	}
	if ((v = got(&p, KEY_LEASEQUERY_TCP))) {
		ob_s(fp, "  leasequery-tcp ");
		put_value(fp, v);
		ob_c(fp, '\n');
	}
errors:
	if ((v = got(&p, KEY_ERRORS))) {
		for (const struct val *e = v->child; e; e = e->next) {
			ob_s(fp, "  ");
			put_scalar(fp, e);
			ob_c(fp, '\n');
		}
	}
}

void
out_text_options(FILE *fp, const struct val *options, int indent, unsigned flags)
{
	struct ob o;

	ob_init(&o, fp);
	text_options(&o, options, indent, flags);
	ob_flush(&o);
}

void
out_text_packet(FILE *fp, const struct val *pkt, unsigned flags)
{
	struct ob o;

	ob_init(&o, fp);
	text_packet(&o, pkt, flags);
	ob_flush(&o);
}

void
out_text_packet_mem(struct out_mem *m, const struct val *pkt, unsigned flags)
{
	struct ob o;

	ob_init_mem(&o, m);
	text_packet(&o, pkt, flags);
	ob_flush(&o);
}
