/* SPDX-License-Identifier: BSD-2-Clause */
/* out_text.c - value trees for people: aligned, one option a line, sub-options indented */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "esc.h"
#include "out.h"
#include "out_prim.h"
#include "value.h"

#define NAME_COL 30 /* option names are padded to this width */
#define MAX_DEPTH 16

/* "1d2h", "1h30m", "10m", "45s": the largest two units that are not zero */
static void
put_duration(struct ob *fp, uint64_t s)
{
	static const struct {
		char unit;
		uint64_t secs;
	} units[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
	int shown = 0;

	if (s == 0) {
		ob_s(fp, "0s");
		return;
	}
	for (size_t i = 0; i < 4 && shown < 2; i++) {
		uint64_t q = s / units[i].secs;
		if (!q) {
			if (shown)
				shown++;
			continue;
		}
		prim_u64(fp, q);
		ob_c(fp, units[i].unit);
		s %= units[i].secs;
		shown++;
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

static bool
is_scalar(const struct val *v)
{
	return v->kind != VAL_OBJ && v->kind != VAL_LIST;
}

/* an option or sub-option node: {code, name, value|error ...} */
static bool
is_option(const struct val *v)
{
	/* opt_decode's nodes start with "code", then "name" */
	const struct val *c = v->kind == VAL_OBJ ? v->child : NULL;

	return c && c->key && c->key[0] == 'c' && strcmp(c->key, "code") == 0 && c->next &&
	       c->next->key && c->next->key[0] == 'n' && strcmp(c->next->key, "name") == 0;
}

/* small enough to print on one line: no option nodes inside, bounded depth */
static bool
is_inline(const struct val *v, int depth)
{
	if (is_scalar(v))
		return true;
	if (depth > 3 || is_option(v))
		return false;
	for (const struct val *c = v->child; c; c = c->next)
		if (!is_inline(c, depth + 1))
			return false;
	return true;
}

static void put_inline(struct ob *fp, const struct val *v, int depth);

static void
put_scalar(struct ob *fp, const struct val *v)
{
	switch (v->kind) {
	case VAL_UINT:
		if (v->hint == VH_HEX) {
			prim_hex(fp, v->u, v->width);
		} else {
			prim_u64(fp, v->u);
			if (v->hint == VH_SECONDS && v->u >= 60) {
				ob_s(fp, " (");
				put_duration(fp, v->u);
				ob_c(fp, ')');
			}
		}
		break;
	case VAL_INT:
		prim_i64(fp, v->i);
		break;
	case VAL_BOOL:
		ob_s(fp, v->u ? "true" : "false");
		break;
	case VAL_IP:
		prim_ip(fp, (uint32_t)v->u);
		break;
	case VAL_PREFIX:
		prim_ip(fp, (uint32_t)v->u);
		ob_c(fp, '/');
		prim_u64(fp, v->plen);
		break;
	case VAL_MAC:
		prim_mac(fp, v->bytes, v->len);
		break;
	case VAL_STR:
		ob_c(fp, '"');
		esc_term_ob(fp, v->bytes, v->len);
		ob_c(fp, '"');
		break;
	case VAL_BYTES:
		put_bytes(fp, v->bytes, v->len);
		break;
	case VAL_ENUM:
		if (v->name)
			ob_s(fp, v->name);
		else
			prim_u64(fp, v->u);
		break;
	case VAL_ERR:
		ob_s(fp, "error: ");
		ob_s(fp, v->name ? v->name : "malformed");
		if (v->len) {
			ob_s(fp, " (raw ");
			put_bytes(fp, v->bytes, v->len);
			ob_c(fp, ')');
		}
		break;
	default:
		ob_s(fp, "?");
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
	/* routes read best the way people write them */
	if (v->kind == VAL_OBJ && (dst = val_get(v, "destination")) && (via = val_get(v, "router")) &&
	    v->child->next && !v->child->next->next) {
		put_scalar(fp, dst);
		ob_s(fp, " via ");
		put_scalar(fp, via);
		return;
	}
	if (depth)
		ob_c(fp, v->kind == VAL_LIST ? '[' : '(');
	for (const struct val *c = v->child; c; c = c->next) {
		if (c != v->child)
			ob_s(fp, ", ");
		if (v->kind == VAL_OBJ && c->key) {
			ob_s(fp, c->key);
			ob_c(fp, ' ');
		}
		put_inline(fp, c, depth + 1);
	}
	if (!v->child)
		ob_s(fp, v->kind == VAL_LIST ? "(none)" : "");
	if (depth)
		ob_c(fp, v->kind == VAL_LIST ? ']' : ')');
}

static void
indent_to(struct ob *fp, int n)
{
	for (int i = 0; i < n; i++)
		ob_c(fp, ' ');
}

static void put_block(struct ob *fp, const struct val *v, int indent, int depth);

/* "   53 dhcp-message-type            OFFER", without the newline */
static void
put_option(struct ob *fp, const struct val *o, int indent, int depth)
{
	/* opt_decode puts code and name first: take them without a search */
	const struct val *code = o->child;
	const struct val *name = code ? code->next : NULL;
	uint64_t num;

	if (!name || !name->key || strcmp(name->key, "name") != 0)
		name = val_get(o, "name");
	num = code ? code->u : 0;
	indent_to(fp, indent);
	indent_to(fp, num < 10 ? 2 : num < 100 ? 1 : 0);
	prim_u64(fp, num);
	ob_c(fp, ' ');
	if (name && name->kind == VAL_STR) {
		const struct val *val = val_get(o, "value");
		esc_term_ob(fp, name->bytes, name->len);
		/* pad to the value column only when the value follows on this line */
		if (!val || is_inline(val, 0))
			indent_to(fp, NAME_COL - (int)name->len);
	}
	for (const struct val *c = o->child; c; c = c->next) {
		if (c == code || c == name)
			continue;
		if (c->kind == VAL_ERR) {
			ob_c(fp, ' ');
			put_scalar(fp, c);
		} else if (c->key && strcmp(c->key, "value") == 0) {
			if (is_inline(c, 0)) {
				ob_c(fp, ' ');
				put_inline(fp, c, 0);
			} else {
				put_block(fp, c, indent + 4, depth + 1);
			}
		} else {
			/* extra facts such as "parts" */
			ob_s(fp, " [");
			ob_s(fp, c->key ? c->key : "");
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
		if (is_option(c)) {
			ob_c(fp, '\n');
			put_option(fp, c, indent, depth + 1);
			continue;
		}
		ob_c(fp, '\n');
		indent_to(fp, indent);
		if (c->key) {
			ob_s(fp, c->key);
			ob_c(fp, ' ');
		}
		if (is_inline(c, 0))
			put_inline(fp, c, 0);
		else
			put_block(fp, c, indent + 2, depth + 1);
	}
}

static void
text_options(struct ob *fp, const struct val *options, int indent, unsigned flags)
{
	(void)flags;
	if (!options)
		return;
	for (const struct val *o = options->child; o; o = o->next) {
		if (is_option(o)) {
			put_option(fp, o, indent, 0);
			ob_c(fp, '\n');
		}
	}
}

/* "key value  key value" for the scalar members of obj, skipping some keys */
static void
put_pairs(struct ob *fp, const struct val *obj, const char *const *keys, bool *first)
{
	for (size_t k = 0; keys[k]; k++) {
		const struct val *c = val_get(obj, keys[k]);
		if (!c)
			continue;
		if (!*first)
			ob_s(fp, "  ");
		*first = false;
		ob_s(fp, keys[k]);
		/* a flag that is set reads best as just its name */
		if (c->kind == VAL_BOOL && c->u)
			continue;
		ob_c(fp, ' ');
		put_inline(fp, c, 0);
	}
}

static const char *const line_eth[] = {"src-mac", "dst-mac", "vlan", "ttl", "ip-checksum",
				       "udp-checksum", "tcp-checksum", NULL};
static const char *const line_op[] = {"op", "htype", "hlen", "hops", "secs", "flags", "broadcast",
				      NULL};
static const char *const line_addr[] = {"ciaddr", "yiaddr", "siaddr", "giaddr", NULL};
static const char *const line_names[] = {"chaddr", "sname", "file", NULL};

static void
text_packet(struct ob *fp, const struct val *pkt, unsigned flags)
{
	const struct val *f = val_get(pkt, "frame"), *d = val_get(pkt, "dhcp");
	const struct val *v;
	bool first;

	/* summary: #n time src:port > dst:port TYPE xid */
	if ((v = val_get(pkt, "n"))) {
		ob_c(fp, '#');
		put_inline(fp, v, 0);
		ob_c(fp, ' ');
	}
	if ((v = val_get(pkt, "file")) && v->kind == VAL_STR) {
		esc_term_ob(fp, v->bytes, v->len);
		ob_c(fp, ' ');
	}
	if ((v = val_get(pkt, "time")) && v->kind == VAL_STR) {
		ob_w(fp, v->bytes, v->len);
		ob_c(fp, ' ');
	}
	if (f) {
		put_inline(fp, val_get(f, "src-ip"), 0);
		ob_c(fp, ':');
		put_inline(fp, val_get(f, "src-port"), 0);
		ob_s(fp, " > ");
		put_inline(fp, val_get(f, "dst-ip"), 0);
		ob_c(fp, ':');
		put_inline(fp, val_get(f, "dst-port"), 0);
		if ((v = val_get(f, "protocol")) && v->u == 6)
			ob_s(fp, " tcp");
	}
	if (d) {
		ob_c(fp, ' ');
		if ((v = val_get(d, "message-type")))
			put_inline(fp, v, 0);
		else if ((v = val_get(d, "op")))
			put_inline(fp, v, 0);
		if ((v = val_get(d, "xid"))) {
			ob_s(fp, " xid ");
			put_inline(fp, v, 0);
		}
	}
	if (f && (v = val_get(f, "length"))) {
		ob_s(fp, " length ");
		put_inline(fp, v, 0);
	}
	ob_c(fp, '\n');
	if (flags & OUT_BRIEF)
		goto errors;
	if (f) {
		ob_s(fp, "  ");
		first = true;
		put_pairs(fp, f, line_eth, &first);
		if (val_get(f, "truncated"))
			ob_s(fp, "  truncated");
		ob_c(fp, '\n');
	}
	if (d) {
		static const char *const *lines[] = {line_op, line_addr, line_names};
		for (size_t i = 0; i < 3; i++) {
			bool any = false;
			for (size_t k = 0; lines[i][k] && !any; k++)
				any = val_get(d, lines[i][k]) != NULL;
			if (!any)
				continue; /* a short header has no such fields */
			ob_s(fp, "  ");
			first = true;
			put_pairs(fp, d, lines[i], &first);
			ob_c(fp, '\n');
		}
		if ((v = val_get(d, "vendor-area"))) {
			ob_s(fp, "  vendor-area ");
			put_inline(fp, v, 0);
			ob_c(fp, '\n');
		}
		text_options(fp, val_get(d, "options"), 2, flags);
	}
	if ((v = val_get(pkt, "leasequery-tcp"))) {
		ob_s(fp, "  leasequery-tcp ");
		put_inline(fp, v, 0);
		ob_c(fp, '\n');
	}
errors:
	if ((v = val_get(pkt, "errors"))) {
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
