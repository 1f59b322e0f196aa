/* SPDX-License-Identifier: BSD-2-Clause */
/* opt_fmt.c - value formats: the format table, option lookup and one decoder per format */
#include "keys.h"
#include "msg.h"
#include "opt_int.h"
#include "reader.h"
#include "suggest.h"
#include "value.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* unit: value length is a multiple; min/max: bounds (max 0 = none); sample: round-trip text */
const struct fmt_def fmt_table[FMT_MAX] = {
    [FMT_HEX] = {"hex", 0, 0, "hex:0104c0000201", 0},
    [FMT_NONE] = {"none", 0, 0, "true", 0},
    [FMT_IP] = {"ip", 4, 4, "198.18.0.1", 4},
    [FMT_IP_LIST] = {"ip-list", 4, 4, "198.18.0.1,198.18.0.2", 0},
    [FMT_IP_PAIRS] = {"ip-pairs", 8, 8, "198.18.0.0:255.254.0.0,10.0.0.0:255.0.0.0", 0},
    [FMT_STATIC_ROUTES] = {"static-routes", 8, 8, "198.18.5.0:198.18.0.1", 0},
    [FMT_U8] = {"u8", 1, 1, "64", 1},
    [FMT_U16] = {"u16", 2, 2, "1500", 2},
    [FMT_U32] = {"u32", 4, 4, "4294967295", 4},
    [FMT_I32] = {"i32", 4, 4, "-3600", 4},
    [FMT_U16_LIST] = {"u16-list", 2, 2, "68,296,576,1500", 0},
    [FMT_SECONDS] = {"seconds", 4, 4, "86400", 4},
    [FMT_BOOL] = {"bool", 1, 1, "true", 1},
    [FMT_STRING] = {"string", 0, 1, "hello world", 0},
    [FMT_DOMAIN] = {"domain", 0, 1, "host.example", 0},
    [FMT_DOMAIN_LIST] = {"domain-list", 0, 1, "a.example,b.example", 0},
    [FMT_ROUTES] = {"routes", 0, 5, "198.18.5.0/24:198.18.0.1,0.0.0.0/0:198.18.0.254", 0},
    [FMT_CLIENT_ID] = {"client-id", 0, 2, "01:aa:bb:cc:dd:ee:ff", 0},
    [FMT_FQDN] = {"fqdn", 0, 3, "se:host.example", 0},
    [FMT_SUBOPTS] = {"sub-options", 0, 1, "1=hex:65746830,5=198.18.0.1", 0},
    [FMT_VENDOR_IDENT] = {"vendor-ident", 0, 5, "4491:hex:0a0b0c", 0},
    [FMT_VENDOR_OPTS] = {"vendor-options", 0, 5,
                         "cablelabs:option-request=2,3,tftp-servers=198.18.0.69;99999:1=hex:0102",
                         0},
    [FMT_MSG_TYPE] = {"msg-type", 1, 1, "discover", 1},
    [FMT_PARAM_LIST] = {"param-list", 1, 1, "subnet-mask,router,domain-name-server,121", 0},
    [FMT_USER_CLASS] = {"user-class", 0, 1, "iPXE,lab", 0},
    [FMT_AUTH] = {"auth", 0, 11, NULL, 0},
    [FMT_CLIENT_ARCH] = {"client-arch", 2, 2, "x86-bios,x64-uefi", 0},
    [FMT_CLIENT_NDI] = {"client-ndi", 3, 3, "undi:2.1", 3},
    [FMT_UUID] = {"uuid", 0, 17, "00112233-4455-6677-8899-aabbccddeeff", 17},
    [FMT_6RD] = {"6rd", 0, 22, "8,2001:db8::/32,198.18.0.1", 0},
    [FMT_OVERLOAD] = {"overload", 1, 1, "both", 1},
    [FMT_STATUS] = {"status", 0, 1, "success:all done", 0},
    [FMT_URI_LIST] = {"uri-list", 0, 2, "https://sztp.example/boot", 0},
    [FMT_DNR] = {"dnr", 0, 5, "10 resolver.example 198.18.0.53", 0},
    [FMT_SIP_SERVERS] = {"sip-servers", 0, 2, "sip1.example,sip2.example", 0},
    [FMT_NONCE_ALGS] = {"nonce-algs", 1, 1, "hmac-md5,7", 0},
    [FMT_PORT_PARAMS] = {"port-params", 0, 4, "6,8,52", 4},
    [FMT_PCP_SERVERS] = {"pcp-servers", 0, 5, "198.18.0.1,198.18.0.2;198.18.0.3", 0},
    [FMT_IP6] = {"ipv6", 0, 16, "2001:db8::1", 16},
    [FMT_RDNSS] = {"rdnss-select", 0, 10,
                   "high,198.18.0.53,0.0.0.0,corp.example,18.198.in-addr.arpa", 0},
    [FMT_SLP_AGENTS] = {"slp-agents", 0, 1, "mandatory:198.18.0.1,198.18.0.2", 0},
    [FMT_SLP_SCOPES] = {"slp-scopes", 0, 1, "lab,sales", 0},
    [FMT_VSS] = {"vss", 0, 1, "vpn-blue", 0},
    [FMT_MAC] = {"mac", 0, 6, "02:00:00:00:00:01", 6},
    [FMT_CIVIC] = {"civic-address", 0, 3, "client,SE,a3=Uppsala,rd=Drottninggatan,hno=4", 0},
    [FMT_GEOCONF] = {"geoconf", 0, 16, "latitude=59.858,longitude=17.639,altitude=12.5", 16},
    [FMT_GEOLOC] = {"geoloc", 0, 16,
                    "latitude=-33.8568,longitude=151.2153,latitude-uncertainty=0.001,datum=wgs84",
                    16},
    [FMT_U32_LIST] = {"u32-list", 4, 4, "1,4294967295", 0},
    [FMT_PXE_SERVERS] = {"pxe-servers", 0, 3, "0:198.18.0.10,198.18.0.11;32768:198.18.0.12", 0},
    [FMT_PXE_MENU] = {"pxe-menu", 0, 3, "0:Local disk;32768:Install", 0},
    [FMT_PXE_PROMPT] = {"pxe-prompt", 0, 1, "5:Press F8 for the menu", 0},
    [FMT_RADIUS] = {"radius-attrs", 0, 2, "user-name=alice;service-type=hex:00000002", 0},
    [FMT_VIVC] = {"vendor-class", 0, 5, "4491:docsis3.0,eRouter1.0;311:msft", 0},
    [FMT_ISNS] = {"isns", 0, 10, "0x7,0x3f,0xf,0x1,198.18.0.60,198.18.0.61", 0},
    /* only a sub-option of an enterprise's 125 has it: 125's sample covers it */
    [FMT_U8_LIST] = {"u8-list", 1, 1, NULL, 0},
};
_Static_assert(sizeof(fmt_table) / sizeof(fmt_table[0]) == FMT_MAX, "fmt_table");

/* --- lookup ----------------------------------------------------------------- */

const struct opt_def *
opt_get(uint8_t code)
{
	/* opt_table names every code, unassigned ones "option-N" */
	return &opt_table[code];
}

int
opt_by_name(const char *name)
{
	char *end;
	unsigned long v;

	if (!name || !*name)
		return -1;
	const char *num = strncasecmp(name, "option-", 7) ? name : name + 7;
	if (isdigit((unsigned char)num[0])) {
		v = strtoul(num, &end, 10);
		if (!*end)
			return v > 255 ? -1 : (int)v;
		if (num == name)
			return -1;
	}
	for (int c = 0; c < 256; c++)
		if (!strcasecmp(opt_table[c].name, name))
			return c;
	return -1;
}

const char *
opt_suggest(const char *name)
{
	struct suggest sg;

	suggest_init(&sg, name);
	/* assigned names only: "option-N" is never what someone meant to type */
	for (int c = 1; c < 255; c++)
		if (opt_table[c].ref)
			suggest_add(&sg, opt_table[c].name);
	return suggest_best(&sg);
}

/* --- helpers ------------------------------------------------------------------ */

static size_t
put_dec(char *b, size_t at, size_t cap, size_t v)
{
	char tmp[24];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < sizeof(tmp));
	while (n && at + 1 < cap)
		b[at++] = tmp[--n];
	return at;
}

static size_t
put_str(char *b, size_t at, size_t cap, const char *s)
{
	while (s && *s && at + 1 < cap)
		b[at++] = *s++;
	return at;
}

const char *
opt_errf(struct val_arena *a, const char *s1, size_t n1, const char *s2, size_t n2, const char *s3)
{
	char b[160];
	size_t at = put_str(b, 0, sizeof(b), s1);

	at = put_dec(b, at, sizeof(b), n1);
	if (s2) {
		at = put_str(b, at, sizeof(b), s2);
		at = put_dec(b, at, sizeof(b), n2);
	}
	at = put_str(b, at, sizeof(b), s3);
	b[at] = 0;
	return (const char *)arena_copy(a, b, at + 1);
}

/* the rest of r as a pointer for val_str/val_bytes (which copy) */
static const uint8_t *
rest(struct rd *r, size_t *ret_n)
{
	*ret_n = rd_left(r);
	return rd_bytes(r, *ret_n);
}

/* --- scalar and list formats -------------------------------------------------- */

static struct val *
dec_hex(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	size_t n;
	const uint8_t *p = rest(r, &n);

	(void)def;
	return val_bytes(d->a, NULL, key, p, n);
}

static struct val *
dec_none(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	(void)def;
	if (rd_left(r)) {
		d->err =
		    opt_errf(d->a, "length ", rd_left(r), NULL, 0, " where no data is expected");
		return NULL;
	}
	return val_bool(d->a, NULL, key, true);
}

static struct val *
dec_ip(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	(void)def;
	return val_ip(d->a, NULL, key, rd_be32(r));
}

static struct val *
dec_ip_list(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);

	(void)def;
	while (rd_left(r) >= 4)
		val_ip(d->a, l, NULL, rd_be32(r));
	return l;
}

/* 21 and 33: two addresses per entry */
static struct val *
dec_pairs(struct opt_dec *d, const char *key, const char *k1, const char *k2, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);

	while (rd_left(r) >= 8) {
		struct val *o = val_obj(d->a, l, NULL);
		val_ip(d->a, o, k1, rd_be32(r));
		val_ip(d->a, o, k2, rd_be32(r));
	}
	return l;
}

static struct val *
dec_ip_pairs(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	(void)def;
	return dec_pairs(d, key, "address", "mask", r);
}

static struct val *
dec_static_routes(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	(void)def;
	return dec_pairs(d, key, K(DESTINATION), K(ROUTER), r);
}

static struct val *
dec_u8(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	(void)def;
	return val_uint(d->a, NULL, key, rd_u8(r));
}

static struct val *
dec_u16(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	(void)def;
	return val_uint(d->a, NULL, key, rd_be16(r));
}

static struct val *
dec_u32(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	(void)def;
	return val_uint(d->a, NULL, key, rd_be32(r));
}

static struct val *
dec_i32(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	(void)def;
	return val_int(d->a, NULL, key, (int32_t)rd_be32(r));
}

static struct val *
dec_u8_list(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);

	(void)def;
	while (rd_left(r))
		val_uint(d->a, l, NULL, rd_u8(r));
	return l;
}

static struct val *
dec_u16_list(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);

	(void)def;
	while (rd_left(r) >= 2)
		val_uint(d->a, l, NULL, rd_be16(r));
	return l;
}

static struct val *
dec_seconds(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint32_t s = rd_be32(r);

	(void)def;
	/* RFC 2131 3.3: all ones means infinity */
	if (s == 0xffffffffu)
		return val_enum(d->a, NULL, key, s, "infinite");
	return val_secs(d->a, NULL, key, s);
}

static struct val *
dec_bool(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t b = rd_u8(r);

	(void)def;
	if (b > 1) {
		d->err = opt_errf(d->a, "value ", b, NULL, 0, " is not 0 or 1");
		return NULL;
	}
	return val_bool(d->a, NULL, key, b);
}

static struct val *
dec_string(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	size_t n;
	const uint8_t *p = rest(r, &n);

	(void)def;
	return val_str(d->a, NULL, key, p, n);
}

/* --- names and routes --------------------------------------------------------- */

static struct val *
dec_domain(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	char text[OPT_DNS_TEXT_MAX];
	size_t tl;

	(void)def;
	d->err = opt_dns_read(r, 0, text, sizeof(text), &tl);
	if (d->err)
		return NULL;
	if (rd_left(r)) {
		d->err = opt_errf(d->a, "length ", r->len, NULL, 0, " has data after the name");
		return NULL;
	}
	return val_str(d->a, NULL, key, (const uint8_t *)text, tl);
}

static struct val *
dec_domain_list(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t n;
	const uint8_t *p = rest(r, &n);

	(void)def;
	/* RFC 3397 2: pointers are offsets into the concatenated option data */
	d->err = opt_dns_list(d, l, p, n, DNS_PTR);
	return d->err ? NULL : l;
}

static struct val *
dec_routes(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t i = 0;

	(void)def;
	/* RFC 3442: width, significant octets of the destination, router; each route >= 5 bytes */
	while (rd_left(r)) {
		uint8_t plen = rd_u8(r);
		i++;
		if (plen > 32) {
			d->err = opt_errf(d->a, "route ", i, ": prefix length ", plen,
			                  " is greater than 32");
			return NULL;
		}
		size_t w = (plen + 7u) / 8u;
		if (rd_left(r) < w + 4) {
			d->err = opt_errf(d->a, "route ", i, " is truncated: it needs ", w + 5,
			                  " bytes");
			return NULL;
		}
		uint32_t dst = 0;
		for (size_t k = 0; k < 4; k++)
			dst = dst << 8 | (k < w ? rd_u8(r) : 0);
		struct val *o = val_obj(d->a, l, NULL);
		val_prefix(d->a, o, K(DESTINATION), dst, plen);
		val_ip(d->a, o, K(ROUTER), rd_be32(r));
	}
	return l;
}

static struct val *
dec_sip_servers(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t enc = rd_u8(r);
	size_t n;
	const uint8_t *p;

	(void)def;
	/* RFC 3361: 0 = names (compression relative to the names), 1 = addresses */
	if (enc == 0) {
		struct val *l = val_list(d->a, NULL, key);
		p = rest(r, &n);
		d->err = opt_dns_list(d, l, p, n, DNS_PTR);
		return d->err ? NULL : l;
	}
	if (enc == 1) {
		if (rd_left(r) % 4) {
			d->err = opt_errf(d->a, "address list length ", rd_left(r), NULL, 0,
			                  " is not a multiple of 4");
			return NULL;
		}
		return dec_ip_list(d, key, def, r);
	}
	d->err = opt_errf(d->a, "unknown encoding ", enc, NULL, 0, NULL);
	return NULL;
}

/* --- sub-options and enumerations ---------------------------------------------- */

static struct val *
dec_subopts(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	size_t n;
	const uint8_t *p = rest(r, &n);

	return opt_sub_list(d, key, def ? def->sub : NULL, p, n);
}

static struct val *
dec_msg_type(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t t = rd_u8(r);

	(void)def;
	size_t n;
	const char *name = msg_type_name(t, &n);

	return val_enum_len(d->a, NULL, key, t, name, n);
}

static struct val *
dec_param_list(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);

	(void)def;
	while (rd_left(r)) {
		uint8_t c = rd_u8(r);
		val_enum_len(d->a, l, NULL, c, opt_table[c].name, opt_table[c].name_len);
	}
	return l;
}

static struct val *
dec_overload(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	static const char *const names[] = {NULL, "file", "sname", "both"};
	uint8_t v = rd_u8(r);

	(void)def;
	/* RFC 2132 9.3 */
	if (v < 1 || v > 3) {
		d->err = opt_errf(d->a, "value ", v, NULL, 0, " is not 1, 2 or 3");
		return NULL;
	}
	return val_enum(d->a, NULL, key, v, names[v]);
}

static const opt_dec_fn decoders[FMT_MAX] = {
    [FMT_HEX] = dec_hex,
    [FMT_NONE] = dec_none,
    [FMT_IP] = dec_ip,
    [FMT_IP_LIST] = dec_ip_list,
    [FMT_IP_PAIRS] = dec_ip_pairs,
    [FMT_STATIC_ROUTES] = dec_static_routes,
    [FMT_U8] = dec_u8,
    [FMT_U16] = dec_u16,
    [FMT_U32] = dec_u32,
    [FMT_I32] = dec_i32,
    [FMT_U16_LIST] = dec_u16_list,
    [FMT_SECONDS] = dec_seconds,
    [FMT_BOOL] = dec_bool,
    [FMT_STRING] = dec_string,
    [FMT_DOMAIN] = dec_domain,
    [FMT_DOMAIN_LIST] = dec_domain_list,
    [FMT_ROUTES] = dec_routes,
    [FMT_CLIENT_ID] = opt_dec_client_id,
    [FMT_FQDN] = opt_dec_fqdn,
    [FMT_SUBOPTS] = dec_subopts,
    [FMT_VENDOR_IDENT] = opt_dec_vendor_ident,
    [FMT_VENDOR_OPTS] = opt_dec_vendor_opts,
    [FMT_MSG_TYPE] = dec_msg_type,
    [FMT_PARAM_LIST] = dec_param_list,
    [FMT_USER_CLASS] = opt_dec_user_class,
    [FMT_AUTH] = opt_dec_auth,
    [FMT_CLIENT_ARCH] = opt_dec_client_arch,
    [FMT_CLIENT_NDI] = opt_dec_client_ndi,
    [FMT_UUID] = opt_dec_uuid,
    [FMT_6RD] = opt_dec_6rd,
    [FMT_OVERLOAD] = dec_overload,
    [FMT_STATUS] = opt_dec_status,
    [FMT_URI_LIST] = opt_dec_uri_list,
    [FMT_DNR] = opt_dec_dnr,
    [FMT_SIP_SERVERS] = dec_sip_servers,
    [FMT_NONCE_ALGS] = opt_dec_nonce_algs,
    [FMT_PORT_PARAMS] = opt_dec_port_params,
    [FMT_PCP_SERVERS] = opt_dec_pcp_servers,
    [FMT_IP6] = opt_dec_ip6,
    [FMT_RDNSS] = opt_dec_rdnss,
    [FMT_SLP_AGENTS] = opt_dec_slp_agents,
    [FMT_SLP_SCOPES] = opt_dec_slp_scopes,
    [FMT_VSS] = opt_dec_vss,
    [FMT_MAC] = opt_dec_mac,
    [FMT_CIVIC] = opt_dec_civic,
    [FMT_GEOCONF] = opt_dec_geoconf,
    [FMT_GEOLOC] = opt_dec_geoloc,
    [FMT_U32_LIST] = opt_dec_u32_list,
    [FMT_PXE_SERVERS] = opt_dec_pxe_servers,
    [FMT_PXE_MENU] = opt_dec_pxe_menu,
    [FMT_PXE_PROMPT] = opt_dec_pxe_prompt,
    [FMT_RADIUS] = opt_dec_radius,
    [FMT_VIVC] = opt_dec_vivc,
    [FMT_ISNS] = opt_dec_isns,
    [FMT_U8_LIST] = dec_u8_list,
};
_Static_assert(sizeof(decoders) / sizeof(decoders[0]) == FMT_MAX, "decoders");

/* --- entry points ------------------------------------------------------------------ */

/* the length rules of fmt_table, checked before any decoder runs (dhcpcd's dhcp_optlen) */
static const char *
check_len(struct val_arena *a, const struct fmt_def *f, size_t n)
{
	if (f->max && f->min == f->max && n != f->min)
		return opt_errf(a, "length ", n, " is not ", f->min, NULL);
	if (n < f->min)
		return opt_errf(a, "length ", n, " is less than the minimum ", f->min, NULL);
	if (f->max && n > f->max)
		return opt_errf(a, "length ", n, " is more than the maximum ", f->max, NULL);
	/* most units are 2, 4 or 8: a mask spares them the division */
	if (f->unit > 1 && ((f->unit & (f->unit - 1)) ? n % f->unit : n & (f->unit - 1u)))
		return opt_errf(a, "length ", n, " is not a multiple of ", f->unit, NULL);
	return NULL;
}

bool
opt_fmt_value(struct opt_dec *d, struct val *parent, const char *key, enum fmt fmt,
              const struct opt_def *def, const uint8_t *p, size_t n)
{
	struct val *v = NULL;
	struct rd r;

	if ((unsigned)fmt >= FMT_MAX)
		fmt = FMT_HEX;
	d->err = check_len(d->a, &fmt_table[fmt], n);
	if (!d->err) {
		rd_init(&r, p, n);
		v = decoders[fmt](d, key, def, &r);
		if (v && r.bad && !d->err)
			d->err = "value is truncated";
		if (!v && !d->err)
			d->err = "malformed value";
	}
	if (d->err) {
		val_err(d->a, parent, K(ERROR), d->err, p, n);
		d->err = NULL;
		return false;
	}
	opt_link(d, parent, v);
	return true;
}

static bool
is_pxe_client(const struct opt_ctx *ctx)
{
	static const char pxe[] = "PXEClient";
	uint8_t head[sizeof(pxe) - 1];
	struct rd r;

	if (!ctx || !ctx->vendor_class)
		return false;
	rd_init(&r, ctx->vendor_class, ctx->vendor_class_len);
	return rd_copy(&r, head, sizeof(head)) && !memcmp(head, pxe, sizeof(head));
}

/*
 * The formats most options have, when their length is right, straight to
 * their value under o: what opt_fmt_value would build, without its length
 * rules, reader and call through the table (a packet has some ten options,
 * and that was most of their cost). False, with nothing made, for every other
 * format or length: opt_fmt_value then decides, errors included.
 */
static bool
opt_fast(struct val_arena *a, struct val *o, enum fmt fmt, const uint8_t *p, size_t n)
{
	struct val_run r;
	struct val *l;

	switch (fmt) {
	case FMT_IP:
		if (n != 4)
			return false;
		val_ip(a, o, K(VALUE), ld_be32(p));
		return true;
	case FMT_SECONDS:
		if (n != 4)
			return false;
		uint32_t s = ld_be32(p);
		/* RFC 2131 3.3: all ones means infinity (as dec_seconds) */
		if (s == 0xffffffffu)
			val_enum(a, o, K(VALUE), s, "infinite");
		else
			val_secs(a, o, K(VALUE), s);
		return true;
	case FMT_U8:
		if (n != 1)
			return false;
		val_uint(a, o, K(VALUE), p[0]);
		return true;
	case FMT_U16:
		if (n != 2)
			return false;
		val_uint(a, o, K(VALUE), ld_be16(p));
		return true;
	case FMT_U32:
		if (n != 4)
			return false;
		val_uint(a, o, K(VALUE), ld_be32(p));
		return true;
	case FMT_STRING:
		if (n < 1)
			return false;
		val_str(a, o, K(VALUE), p, n);
		return true;
	case FMT_MSG_TYPE: {
		size_t nl;
		const char *name;

		if (n != 1)
			return false;
		name = msg_type_name(p[0], &nl);
		val_enum_len(a, o, K(VALUE), p[0], name, nl);
		return true;
	}
	case FMT_IP_LIST:
		if (n < 4 || n % 4)
			return false;
		l = val_list(a, o, K(VALUE));
		val_run_start(&r, a, l, n / 4, 0);
		for (size_t i = 0; i < n; i += 4)
			val_run_uint(&r, NULL, VAL_IP, ld_be32(p + i));
		val_run_end(&r);
		return true;
	case FMT_PARAM_LIST:
		if (n < 1)
			return false;
		l = val_list(a, o, K(VALUE));
		val_run_start(&r, a, l, n, 0);
		for (size_t i = 0; i < n; i++)
			val_run_enum(&r, NULL, p[i], opt_table[p[i]].name, opt_table[p[i]].name_len);
		val_run_end(&r);
		return true;
	case FMT_CLIENT_ID:
		/* hardware type 1 and an address, the usual client-identifier (as opt_dec_client_id) */
		if (n < 2 || p[0] != 1)
			return false;
		l = val_obj(a, o, K(VALUE));
		val_enum_len(a, l, "type", 1, "ethernet", 8);
		val_mac(a, l, "address", p + 1, n - 1);
		return true;
	case FMT_ROUTES: {
		size_t i = 0;

		/* RFC 3442 as dec_routes reads it, but only when every route is whole */
		if (n < 5)
			return false;
		while (i < n) {
			if (p[i] > 32 || n - i - 1 < (p[i] + 7u) / 8u + 4)
				return false;
			i += 1 + (p[i] + 7u) / 8u + 4;
		}
		l = val_list(a, o, K(VALUE));
		for (i = 0; i < n;) {
			uint8_t plen = p[i++];
			size_t w = (plen + 7u) / 8u;
			uint32_t dst = 0;

			for (size_t k = 0; k < 4; k++)
				dst = dst << 8 | (k < w ? p[i + k] : 0);
			i += w;
			struct val *ob = val_obj(a, l, NULL);
			val_prefix(a, ob, K(DESTINATION), dst, plen);
			val_ip(a, ob, K(ROUTER), ld_be32(p + i));
			i += 4;
		}
		return true;
	}
	default:
		return false;
	}
}

/* the general way: 43's own rule, then the format's length rules and decoder */
static void __attribute__((noinline))
opt_decode_slow(struct val_arena *a, struct val *o, uint8_t code, const struct opt_def *def,
                const uint8_t *data, size_t len, const struct opt_ctx *ctx)
{
	struct opt_dec d = {.a = a, .ctx = ctx};

	/* RFC 2132 8.4: 43 is opaque unless the client said PXEClient (PXE 2.1);
	 * other vendors often use the same code/length layout, so try it */
	if (code == 43 && !is_pxe_client(ctx)) {
		struct val *v = len ? opt_sub_list(&d, K(VALUE), NULL, data, len) : NULL;
		if (v)
			opt_link(&d, o, v);
		else
			val_bytes(a, o, K(VALUE), data, len);
		return;
	}
	opt_fmt_value(&d, o, K(VALUE), def->fmt, def, data, len);
}

void
opt_decode(struct val_arena *a, struct val *parent, uint8_t code, const uint8_t *data, size_t len,
           const struct opt_ctx *ctx)
{
	const struct opt_def *def = &opt_table[code];
	struct val *o = val_opt(a, parent, code, def->name, def->name_len);

	o->hint = VH_PLAIN; /* a name of opt_table */
	/* apart, so that the usual options do not pay for the general way's stack frame */
	if (!opt_fast(a, o, def->fmt, data, len))
		opt_decode_slow(a, o, code, def, data, len, ctx);
}

void
fmt_decode(struct val_arena *a, struct val *parent, const char *key, enum fmt fmt,
           const struct opt_def *def, const uint8_t *data, size_t len)
{
	struct opt_dec d = {.a = a};

	opt_fmt_value(&d, parent, key, fmt, def, data, len);
}
