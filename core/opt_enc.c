/* SPDX-License-Identifier: BSD-2-Clause */
/* opt_enc.c - text a user typed to option value bytes, one encoder per format */
#include "msg.h"
#include "opt_int.h"
#include "writer.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef int (*enc_fn)(const struct opt_def *def, const char *text, struct wr *w, char *err,
                      size_t errlen);

int
opt_einval(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* --- text helpers -------------------------------------------------------------- */

const char *
opt_skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* the next sep-separated item of *s, trimmed, into buf: 1 item, 0 at the end, <0 error */
int
opt_next_item(const char **s, char sep, char *buf, size_t cap, char *err, size_t errlen)
{
	const char *p = opt_skip_ws(*s);
	const char *e;
	size_t n;

	if (!*p)
		return 0;
	e = strchr(p, sep);
	n = e ? (size_t)(e - p) : strlen(p);
	*s = e ? e + 1 : p + n;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (!n)
		return opt_einval(err, errlen, "empty item in '%s'", p);
	if (n >= cap)
		return opt_einval(err, errlen, "'%.20s...' is too long", p);
	memcpy(buf, p, n);
	buf[n] = 0;
	return 1;
}

bool
opt_parse_ip(const char *t, uint32_t *ret)
{
	struct in_addr in;

	if (inet_pton(AF_INET, t, &in) != 1)
		return false;
	*ret = ntohl(in.s_addr);
	return true;
}

/* decimal or 0x hex, no sign, at most max */
bool
opt_parse_num(const char *t, uint64_t max, uint64_t *ret)
{
	char *end;
	unsigned long long v;

	if (!isdigit((unsigned char)t[0]))
		return false;
	errno = 0;
	v = strtoull(t, &end, t[0] == '0' && (t[1] == 'x' || t[1] == 'X') ? 16 : 10);
	if (errno || *end || v > max)
		return false;
	*ret = v;
	return true;
}

static int
bad_num(const char *t, uint64_t max, char *err, size_t errlen)
{
	return opt_einval(err, errlen, "'%s' is not a number from 0 to %llu", t,
	                  (unsigned long long)max);
}

/* "3600", "90s", "1h30m", "2d", "1w", "infinite" */
static bool
parse_secs(const char *t, uint32_t *ret)
{
	uint64_t total = 0;

	if (!strcasecmp(t, "infinite") || !strcasecmp(t, "infinity")) {
		*ret = 0xffffffffu;
		return true;
	}
	if (!*t)
		return false;
	while (*t) {
		uint64_t v = 0, mul = 1;
		if (!isdigit((unsigned char)*t))
			return false;
		for (; isdigit((unsigned char)*t); t++) {
			v = v * 10 + (uint64_t)(*t - '0');
			if (v > 0xffffffffu)
				return false;
		}
		switch (*t) {
		case 'w':
			mul = 604800;
			t++;
			break;
		case 'd':
			mul = 86400;
			t++;
			break;
		case 'h':
			mul = 3600;
			t++;
			break;
		case 'm':
			mul = 60;
			t++;
			break;
		case 's':
			t++;
			break;
		case 0:
			break;
		default:
			return false;
		}
		total += v * mul;
		if (total > 0xffffffffu)
			return false;
	}
	*ret = (uint32_t)total;
	return true;
}

int
opt_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool
is_sep(char c)
{
	return c == ':' || c == '-' || c == '.' || c == ' ';
}

int
opt_enc_hex(const char *text, struct wr *w, char *err, size_t errlen)
{
	const char *t = text;

	/* runs of digits between separators: a run of one is a byte ("1:2"), longer runs are pairs
	 */
	while (*t) {
		size_t run = 0;
		while (opt_hexval(t[run]) >= 0)
			run++;
		if (!run || (run > 1 && run % 2))
			return opt_einval(err, errlen, "'%s' is not hex bytes", text);
		if (run == 1) {
			wr_u8(w, (uint8_t)opt_hexval(t[0]));
		} else {
			for (size_t i = 0; i < run; i += 2)
				wr_u8(w, (uint8_t)(opt_hexval(t[i]) << 4 | opt_hexval(t[i + 1])));
		}
		t += run;
		if (*t && !is_sep(*t))
			return opt_einval(err, errlen, "'%s' is not hex bytes", text);
		if (*t && !t[1])
			return opt_einval(err, errlen, "'%s' is not hex bytes", text);
		if (*t)
			t++;
	}
	return 0;
}

/* "aa:bb:cc" style: at least two groups of one or two hex digits joined by ':' */
bool
opt_colon_hex(const char *t)
{
	size_t groups = 0;

	while (*t) {
		size_t run = 0;
		while (opt_hexval(t[run]) >= 0)
			run++;
		if (run < 1 || run > 2)
			return false;
		groups++;
		t += run;
		if (*t == ':' && t[1])
			t++;
		else if (*t)
			return false;
	}
	return groups >= 2;
}

int
opt_enc_opaque(const char *text, struct wr *w, char *err, size_t errlen)
{
	if (!strncasecmp(text, "hex:", 4))
		return opt_enc_hex(text + 4, w, err, errlen);
	if (opt_colon_hex(text))
		return opt_enc_hex(text, w, err, errlen);
	wr_bytes(w, text, strlen(text));
	return 0;
}

/* split "a:b" or "a via b" (and "a/b" when slash) in place; false when neither is there */
static bool
split_pair(char *item, bool slash, char **ret_a, char **ret_b)
{
	char *v = strstr(item, " via ");
	size_t skip = 5;

	if (!v) {
		v = strchr(item, ':');
		skip = 1;
	}
	if (!v && slash) {
		v = strchr(item, '/');
		skip = 1;
	}
	if (!v)
		return false;
	*v = 0;
	for (char *e = v; e > item && (e[-1] == ' ' || e[-1] == '\t'); e--)
		e[-1] = 0;
	while (*item == ' ' || *item == '\t')
		item++;
	v += skip;
	while (*v == ' ' || *v == '\t')
		v++;
	*ret_a = item;
	*ret_b = v;
	return true;
}

int
opt_need_items(size_t n, const char *text, char *err, size_t errlen)
{
	return n ? 0 : opt_einval(err, errlen, "'%s' is an empty list", text);
}

/* --- scalar and list formats ---------------------------------------------------- */

static int
enc_hex(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	return opt_enc_opaque(text, w, err, errlen);
}

static int
enc_none(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	(void)w;
	text = opt_skip_ws(text);
	if (!*text || !strcasecmp(text, "true") || !strcasecmp(text, "yes") ||
	    !strcasecmp(text, "on") || !strcmp(text, "1"))
		return 0;
	return opt_einval(err, errlen, "'%s': this option carries no value", text);
}

static int
enc_ip(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	uint32_t ip;

	(void)def;
	text = opt_skip_ws(text);
	if (!opt_parse_ip(text, &ip))
		return opt_einval(err, errlen, "'%s' is not an IPv4 address", text);
	wr_be32(w, ip);
	return 0;
}

int
opt_enc_ip_list(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	size_t n = 0;
	int r;

	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		if ((r = enc_ip(def, item, w, err, errlen)) < 0)
			return r;
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* 21 (address:mask) and 33 (destination:router) */
static int
enc_pairs(const char *text, bool slash, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	char *a, *b;
	uint32_t ia, ib;
	size_t n = 0;
	int r;

	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		if (!split_pair(item, slash, &a, &b))
			return opt_einval(err, errlen, "'%s' is not two addresses ('a:b')", item);
		if (!opt_parse_ip(a, &ia))
			return opt_einval(err, errlen, "'%s' is not an IPv4 address", a);
		if (!opt_parse_ip(b, &ib))
			return opt_einval(err, errlen, "'%s' is not an IPv4 address", b);
		wr_be32(w, ia);
		wr_be32(w, ib);
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

static int
enc_ip_pairs(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	return enc_pairs(text, true, w, err, errlen);
}

static int
enc_static_routes(const struct opt_def *def, const char *text, struct wr *w, char *err,
                  size_t errlen)
{
	(void)def;
	return enc_pairs(text, false, w, err, errlen);
}

static int
enc_uint(const char *text, uint64_t max, struct wr *w, char *err, size_t errlen)
{
	uint64_t v;

	text = opt_skip_ws(text);
	if (!opt_parse_num(text, max, &v))
		return bad_num(text, max, err, errlen);
	if (max == 0xff)
		wr_u8(w, (uint8_t)v);
	else if (max == 0xffff)
		wr_be16(w, (uint16_t)v);
	else
		wr_be32(w, (uint32_t)v);
	return 0;
}

static int
enc_u8(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	return enc_uint(text, 0xff, w, err, errlen);
}

static int
enc_u16(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	return enc_uint(text, 0xffff, w, err, errlen);
}

static int
enc_u32(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	return enc_uint(text, 0xffffffffu, w, err, errlen);
}

static int
enc_i32(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char *end;
	long long v;

	(void)def;
	text = opt_skip_ws(text);
	errno = 0;
	v = strtoll(text, &end, 10);
	if (!*text || errno || *end || v < INT32_MIN || v > INT32_MAX)
		return opt_einval(err, errlen, "'%s' is not a signed 32-bit number", text);
	wr_be32(w, (uint32_t)(int32_t)v);
	return 0;
}

static int
enc_u8_list(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		if ((r = enc_uint(item, 0xff, w, err, errlen)) < 0)
			return r;
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

static int
enc_u16_list(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		if ((r = enc_uint(item, 0xffff, w, err, errlen)) < 0)
			return r;
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

static int
enc_seconds(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	uint32_t v;

	(void)def;
	text = opt_skip_ws(text);
	if (!parse_secs(text, &v))
		return opt_einval(err, errlen,
		                  "'%s' is not a duration (3600, 90s, 1h30m, 2d, infinite)", text);
	wr_be32(w, v);
	return 0;
}

static int
enc_bool(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	static const char *const yes[] = {"true", "1", "on", "yes"};
	static const char *const no[] = {"false", "0", "off", "no"};

	(void)def;
	text = opt_skip_ws(text);
	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(text, yes[i]) || !strcasecmp(text, no[i])) {
			wr_u8(w, !strcasecmp(text, yes[i]));
			return 0;
		}
	}
	return opt_einval(err, errlen, "'%s' is not true/false, on/off or 1/0", text);
}

static int
enc_string(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	if (!*text)
		return opt_einval(err, errlen, "empty string (RFC 2132 strings have length 1+)");
	wr_bytes(w, text, strlen(text));
	return 0;
}

/* --- names and routes --------------------------------------------------------------- */

static int
enc_domain(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	text = opt_skip_ws(text);
	return opt_dns_write(text, strlen(text), w, err, errlen);
}

int
opt_enc_domain_list(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	size_t n = 0;
	int r;

	(void)def;
	/* no compression: it would only save bytes */
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		if ((r = opt_dns_write(item, strlen(item), w, err, errlen)) < 0)
			return r;
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

static int
enc_routes(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX], dflt[] = "0.0.0.0/0";
	const char *s = text;
	char *dst, *gw, *slash;
	uint32_t ip, rt;
	uint64_t plen;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		if (!split_pair(item, false, &dst, &gw))
			return opt_einval(err, errlen, "'%s' is not 'prefix/len:router'", item);
		if (!strcasecmp(dst, "default"))
			dst = dflt;
		slash = strchr(dst, '/');
		if (!slash)
			return opt_einval(err, errlen, "'%s' has no prefix length", dst);
		*slash = 0;
		if (!opt_parse_ip(dst, &ip))
			return opt_einval(err, errlen, "'%s' is not an IPv4 address", dst);
		if (!opt_parse_num(slash + 1, 32, &plen))
			return opt_einval(err, errlen, "'%s' is not a prefix length 0-32",
			                  slash + 1);
		if (plen < 32 && ip << plen)
			return opt_einval(err, errlen, "'%s/%u' has bits set past the prefix", dst,
			                  (unsigned)plen);
		if (!opt_parse_ip(gw, &rt))
			return opt_einval(err, errlen, "'%s' is not an IPv4 address", gw);
		/* RFC 3442: width, then only the significant octets */
		wr_u8(w, (uint8_t)plen);
		for (unsigned k = 0; k < (plen + 7) / 8; k++)
			wr_u8(w, (uint8_t)(ip >> (24 - 8 * k)));
		wr_be32(w, rt);
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* --- entry points ------------------------------------------------------------------- */

static const enc_fn encoders[FMT_MAX] = {
    [FMT_HEX] = enc_hex,
    [FMT_NONE] = enc_none,
    [FMT_IP] = enc_ip,
    [FMT_IP_LIST] = opt_enc_ip_list,
    [FMT_IP_PAIRS] = enc_ip_pairs,
    [FMT_STATIC_ROUTES] = enc_static_routes,
    [FMT_U8] = enc_u8,
    [FMT_U16] = enc_u16,
    [FMT_U32] = enc_u32,
    [FMT_I32] = enc_i32,
    [FMT_U16_LIST] = enc_u16_list,
    [FMT_SECONDS] = enc_seconds,
    [FMT_BOOL] = enc_bool,
    [FMT_STRING] = enc_string,
    [FMT_DOMAIN] = enc_domain,
    [FMT_DOMAIN_LIST] = opt_enc_domain_list,
    [FMT_ROUTES] = enc_routes,
    [FMT_CLIENT_ID] = opt_enc_client_id,
    [FMT_FQDN] = opt_enc_fqdn,
    [FMT_SUBOPTS] = opt_enc_subopts,
    [FMT_VENDOR_IDENT] = opt_enc_vendor_ident,
    [FMT_VENDOR_OPTS] = opt_enc_vendor_opts,
    [FMT_MSG_TYPE] = opt_enc_msg_type,
    [FMT_PARAM_LIST] = opt_enc_param_list,
    [FMT_USER_CLASS] = opt_enc_user_class,
    [FMT_AUTH] = opt_enc_auth,
    [FMT_CLIENT_ARCH] = opt_enc_client_arch,
    [FMT_CLIENT_NDI] = opt_enc_client_ndi,
    [FMT_UUID] = opt_enc_uuid,
    [FMT_6RD] = opt_enc_6rd,
    [FMT_OVERLOAD] = opt_enc_overload,
    [FMT_STATUS] = opt_enc_status,
    [FMT_URI_LIST] = opt_enc_uri_list,
    [FMT_DNR] = opt_enc_dnr,
    [FMT_SIP_SERVERS] = opt_enc_sip_servers,
    [FMT_NONCE_ALGS] = opt_enc_nonce_algs,
    [FMT_PORT_PARAMS] = opt_enc_port_params,
    [FMT_PCP_SERVERS] = opt_enc_pcp_servers,
    [FMT_IP6] = opt_enc_ip6,
    [FMT_RDNSS] = opt_enc_rdnss,
    [FMT_SLP_AGENTS] = opt_enc_slp_agents,
    [FMT_SLP_SCOPES] = opt_enc_slp_scopes,
    [FMT_VSS] = opt_enc_vss,
    [FMT_MAC] = opt_enc_mac,
    [FMT_CIVIC] = opt_enc_civic,
    [FMT_GEOCONF] = opt_enc_geoconf,
    [FMT_GEOLOC] = opt_enc_geoloc,
    [FMT_U32_LIST] = opt_enc_u32_list,
    [FMT_PXE_SERVERS] = opt_enc_pxe_servers,
    [FMT_PXE_MENU] = opt_enc_pxe_menu,
    [FMT_PXE_PROMPT] = opt_enc_pxe_prompt,
    [FMT_RADIUS] = opt_enc_radius,
    [FMT_VIVC] = opt_enc_vivc,
    [FMT_ISNS] = opt_enc_isns,
    [FMT_U8_LIST] = enc_u8_list,
};
_Static_assert(sizeof(encoders) / sizeof(encoders[0]) == FMT_MAX, "encoders");

int
fmt_encode(enum fmt fmt, const struct opt_def *def, const char *text, struct wr *w, char *err,
           size_t errlen)
{
	int r;

	if (!text)
		text = "";
	if ((unsigned)fmt >= FMT_MAX)
		fmt = FMT_HEX;
	/* raw bytes are always an escape hatch */
	if (!strncasecmp(opt_skip_ws(text), "hex:", 4))
		r = opt_enc_hex(opt_skip_ws(text) + 4, w, err, errlen);
	else
		r = encoders[fmt](def, text, w, err, errlen);
	if (r < 0)
		return r;
	if (w->bad) {
		opt_einval(err, errlen, "value does not fit in %zu bytes", w->cap);
		return -ENOBUFS;
	}
	return 0;
}

int
opt_encode(uint8_t code, const char *text, uint8_t *buf, size_t cap, size_t *ret_len, char *err,
           size_t errlen)
{
	struct wr w;
	int r;

	wr_init(&w, buf, cap);
	r = fmt_encode(opt_table[code].fmt, &opt_table[code], text, &w, err, errlen);
	if (r < 0)
		return r;
	*ret_len = w.len;
	return 0;
}
