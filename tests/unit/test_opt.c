/* SPDX-License-Identifier: BSD-2-Clause */
/* test_opt.c - option table, every format's decoder and encoder, hostile values */
#include "check.h"
#include "esc.h"
#include "../../core/out_prim.h"
#include "keys.h"
#include "opt.h"
#include "out.h"
#include "value.h"
#include "writer.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t arena_buf[1 << 20];
static struct val_arena arena;

/* --- a compact renderer: {k=v,...} [a,b] hex:.. error(msg) ------------------------- */

struct out {
	char *p;
	size_t cap, len;
};

static void
emit(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (o->len + 1 < o->cap)
			o->p[o->len++] = s[i];
	o->p[o->len] = 0;
}

static void
emits(struct out *o, const char *s)
{
	emit(o, s, strlen(s));
}

/* v in base 10 or 16, at least width digits */
static void
emitn(struct out *o, unsigned long long v, unsigned base, int width)
{
	char b[32];
	int n = 0;

	do {
		b[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v || n < width);
	while (n)
		emit(o, &b[--n], 1);
}

static void
render(struct out *o, const struct val *v)
{
	char b[64];

	switch (v->kind) {
	case VAL_OPT:
		/* its fields as the first two members, the way both printers show them */
		emits(o, "{code=");
		emitn(o, v->u, 10, 1);
		emits(o, ",name=");
		emit(o, v->name, v->len);
		for (const struct val *c = v->child; c; c = c->next) {
			emits(o, ",");
			emits(o, c->key ? c->key : "");
			emits(o, "=");
			render(o, c);
		}
		emits(o, "}");
		break;
	case VAL_OBJ:
	case VAL_LIST:
		emits(o, v->kind == VAL_OBJ ? "{" : "[");
		for (const struct val *c = v->child; c; c = c->next) {
			if (c != v->child)
				emits(o, ",");
			if (c->key) {
				emits(o, c->key);
				emits(o, "=");
			}
			render(o, c);
		}
		emits(o, v->kind == VAL_OBJ ? "}" : "]");
		break;
	case VAL_UINT:
		if (v->hint == VH_HEX) {
			snprintf(b, sizeof(b), "0x%0*llx", v->width, (unsigned long long)v->u);
			emits(o, b);
		} else {
			emitn(o, v->u, 10, 1);
		}
		break;
	case VAL_INT:
		snprintf(b, sizeof(b), "%lld", (long long)v->i);
		emits(o, b);
		break;
	case VAL_BOOL:
		emits(o, v->u ? "true" : "false");
		break;
	case VAL_IP:
	case VAL_PREFIX:
		snprintf(b, sizeof(b), "%u.%u.%u.%u", (unsigned)(v->u >> 24) & 255,
		         (unsigned)(v->u >> 16) & 255, (unsigned)(v->u >> 8) & 255,
		         (unsigned)v->u & 255);
		emits(o, b);
		if (v->kind == VAL_PREFIX) {
			emits(o, "/");
			emitn(o, v->plen, 10, 1);
		}
		break;
	case VAL_MAC:
		for (size_t i = 0; i < v->len; i++) {
			snprintf(b, sizeof(b), i ? ":%02x" : "%02x", v->bytes[i]);
			emits(o, b);
		}
		break;
	case VAL_STR:
		for (size_t i = 0; i < v->len; i++) {
			if (isprint(v->bytes[i]))
				emit(o, (const char *)&v->bytes[i], 1);
			else {
				emits(o, "\\x");
				emitn(o, v->bytes[i], 16, 2);
			}
		}
		break;
	case VAL_BYTES:
		emits(o, "hex:");
		for (size_t i = 0; i < v->len; i++)
			emitn(o, v->bytes[i], 16, 2);
		break;
	case VAL_ENUM:
		if (v->name)
			emits(o, v->name);
		else
			emitn(o, v->u, 10, 1);
		break;
	case VAL_ERR:
		emits(o, "error(");
		emits(o, v->name ? v->name : "?");
		emits(o, ")");
		break;
	default:
		emits(o, "?");
	}
}

static char rendered[8192];

/* the value (or error) of the last option decoded into list */
static const char *
render_last(const struct val *list)
{
	struct out o = {rendered, sizeof(rendered), 0};
	const struct val *opt = list->last, *v;

	rendered[0] = 0;
	if (!opt || opt->kind != VAL_OPT)
		return "(no node)";
	v = val_get(opt, "value");
	if (!v)
		v = val_get(opt, "error");
	if (!v)
		return "(no value)";
	render(&o, v);
	return rendered;
}

static size_t
unhex(const char *h, uint8_t *buf, size_t cap)
{
	size_t n = 0;

	while (*h && n < cap) {
		if (*h == ' ') {
			h++;
			continue;
		}
		if (!isxdigit((unsigned char)h[0]) || !isxdigit((unsigned char)h[1]))
			break;
		char pair[3] = {h[0], h[1], 0};
		buf[n++] = (uint8_t)strtoul(pair, NULL, 16);
		h += 2;
	}
	return n;
}

static const char *
decode_bytes(uint8_t code, const uint8_t *p, size_t n, const char *vendor_class)
{
	struct opt_ctx ctx = {0};

	if (vendor_class) {
		ctx.vendor_class = (const uint8_t *)vendor_class;
		ctx.vendor_class_len = strlen(vendor_class);
	}
	arena_reset(&arena);
	struct val *list = val_list(&arena, NULL, "options");
	opt_decode(&arena, list, code, p, n, &ctx);
	return render_last(list);
}

/* --- (a) the tables ---------------------------------------------------------------- */

static bool
good_name(const char *s)
{
	if (!s || !*s || s[0] == '-')
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return false;
	return true;
}

static void
check_space(const char *what, const struct opt_def *defs, bool main_table)
{
	int bad_names = 0, dups = 0, bad_fmt = 0, no_ref = 0, no_help = 0, named = 0;

	for (int c = 0; c < 256; c++) {
		const struct opt_def *d = &defs[c];
		if (!d->name) {
			if (main_table)
				bad_names++;
			continue;
		}
		if (!good_name(d->name) || d->name_len != strlen(d->name)) {
			bad_names++;
			printf("#   %s %d: bad name '%s' (length %u)\n", what, c, d->name,
			       d->name_len);
		}
		if ((unsigned)d->fmt >= FMT_MAX)
			bad_fmt++;
		for (int k = 0; k < c; k++)
			if (defs[k].name && !strcmp(defs[k].name, d->name)) {
				dups++;
				printf("#   %s: '%s' at %d and %d\n", what, d->name, k, c);
			}
		if (d->ref) {
			named++;
			if (!d->help)
				no_help++;
		} else if (main_table) {
			char want[16];
			snprintf(want, sizeof(want), "option-%d", c);
			if (strcmp(d->name, want) || d->fmt != FMT_HEX)
				no_ref++;
		}
		if (!main_table && !d->ref)
			no_ref++;
		/* a sub-option format needs a space, except 43 which may be generic */
		if (d->fmt == FMT_SUBOPTS && !d->sub && main_table)
			bad_fmt++;
	}
	CHECK(!bad_names, "%s: every name is lowercase-hyphen, its length right%s", what,
	      main_table ? " and present" : "");
	CHECK(!dups, "%s: names are unique", what);
	CHECK(!bad_fmt, "%s: formats are valid", what);
	CHECK(!no_ref, "%s: assigned codes have a reference, others are option-N/hex", what);
	CHECK(!no_help, "%s: assigned codes have a help line", what);
	if (main_table)
		printf("# %d assigned option codes named\n", named);
}

static void
test_tables(void)
{
	check_space("opt_table", opt_table, true);
	CHECK(opt_main_space.defs == opt_table, "main space is opt_table");
	for (int c = 0; c < 256; c++) {
		const struct opt_space *sp = opt_table[c].sub;
		if (!sp)
			continue;
		CHECK(good_name(sp->name), "space of %d has a good name", c);
		check_space(sp->name, sp->defs, false);
	}
	for (int c = 0; c < 256; c++)
		if (opt_get((uint8_t)c) != &opt_table[c] || !opt_get((uint8_t)c)->name) {
			CHECK(0, "opt_get(%d)", c);
			break;
		}
	for (int f = 0; f < FMT_MAX; f++) {
		if (!good_name(fmt_table[f].name)) {
			CHECK(0, "format %d has a good name", f);
			continue; /* it may be NULL: nothing to compare */
		}
		for (int k = 0; k < f; k++)
			if (!strcmp(fmt_table[k].name, fmt_table[f].name))
				CHECK(0, "format name '%s' unique", fmt_table[f].name);
	}
	CHECK(opt_by_name("classless-static-route") == 121, "opt_by_name name");
	CHECK(opt_by_name("Router") == 3, "opt_by_name is case-insensitive");
	CHECK(opt_by_name("121") == 121, "opt_by_name decimal");
	CHECK(opt_by_name("option-84") == 84, "opt_by_name option-N");
	CHECK(opt_by_name("OPTION-200") == 200, "opt_by_name OPTION-N");
	CHECK(opt_by_name("option-6rd") == 212, "opt_by_name option-6rd is a name");
	CHECK(opt_by_name("256") == -1, "opt_by_name 256");
	CHECK(opt_by_name("12x") == -1, "opt_by_name 12x");
	CHECK(opt_by_name("no-such-option") == -1, "opt_by_name unknown");
	CHECK(opt_by_name("") == -1 && opt_by_name(NULL) == -1, "opt_by_name empty");
}

/* --- (b) every format's sample: encode -> decode -> canonical text --------------------- */

static const struct {
	enum fmt fmt;
	uint8_t code;
	const char *want;
} samples[] = {
    {FMT_HEX, 220, "hex:0104c0000201"},
    {FMT_NONE, 80, "true"},
    {FMT_IP, 1, "198.18.0.1"},
    {FMT_IP_LIST, 3, "[198.18.0.1,198.18.0.2]"},
    {FMT_IP_PAIRS, 21, "[{address=198.18.0.0,mask=255.254.0.0},{address=10.0.0.0,mask=255.0.0.0}]"},
    {FMT_STATIC_ROUTES, 33, "[{destination=198.18.5.0,router=198.18.0.1}]"},
    {FMT_U8, 23, "64"},
    {FMT_U16, 26, "1500"},
    {FMT_U32, 152, "4294967295"},
    {FMT_I32, 2, "-3600"},
    {FMT_U16_LIST, 25, "[68,296,576,1500]"},
    {FMT_SECONDS, 51, "86400"},
    {FMT_BOOL, 19, "true"},
    {FMT_STRING, 12, "hello world"},
    {FMT_DOMAIN, 137, "host.example"},
    {FMT_DOMAIN_LIST, 119, "[a.example,b.example]"},
    {FMT_ROUTES, 121,
     "[{destination=198.18.5.0/24,router=198.18.0.1},{destination=0.0.0.0/0,router=198.18.0."
     "254}]"},
    {FMT_CLIENT_ID, 61, "{type=ethernet,address=aa:bb:cc:dd:ee:ff}"},
    {FMT_FQDN, 81, "{flags={s=true,o=false,e=true,n=false},rcode1=0,rcode2=0,name=host.example}"},
    {FMT_SUBOPTS, 82,
     "[{code=1,name=circuit-id,value=hex:65746830},{code=5,name=link-selection,value=198.18.0."
     "1}]"},
    /* a known enterprise's sub-options by name (cablelabs), an unknown one's as sub-N */
    {FMT_VENDOR_OPTS, 125,
     "[{enterprise=cablelabs,sub-options=[{code=1,name=option-request,value=[2,3]},{code=2,name="
     "tftp-servers,value=[198.18.0.69]}]},{enterprise=99999,sub-options=[{code=1,name=sub-1,"
     "value=hex:0102}]}]"},
    {FMT_MSG_TYPE, 53, "DISCOVER"},
    {FMT_PARAM_LIST, 55, "[subnet-mask,router,domain-name-server,classless-static-route]"},
    {FMT_USER_CLASS, 77, "[iPXE,lab]"},
    {FMT_CLIENT_ARCH, 93, "[x86-bios,x64-uefi]"},
    {FMT_CLIENT_NDI, 94, "{type=undi,major=2,minor=1}"},
    {FMT_UUID, 97, "{type=0,guid=00112233-4455-6677-8899-aabbccddeeff}"},
    {FMT_6RD, 212, "{ipv4-mask-len=8,prefix-len=32,prefix=2001:db8::,border-relays=[198.18.0.1]}"},
    {FMT_OVERLOAD, 52, "both"},
    {FMT_STATUS, 151, "{code=success,message=all done}"},
    {FMT_URI_LIST, 143, "[https://sztp.example/boot]"},
    {FMT_DNR, 162, "[{priority=10,adn=resolver.example,addresses=[198.18.0.53]}]"},
    {FMT_SIP_SERVERS, 120, "[sip1.example,sip2.example]"},
    {FMT_NONCE_ALGS, 145, "[hmac-md5,7]"},
    {FMT_PORT_PARAMS, 159, "{offset=6,psid-len=8,psid=52}"},
    {FMT_PCP_SERVERS, 158, "[[198.18.0.1,198.18.0.2],[198.18.0.3]]"},
    {FMT_IP6, 109, "2001:db8::1"},
    {FMT_RDNSS, 146,
     "{preference=high,primary=198.18.0.53,secondary=0.0.0.0,domains=[corp.example,18.198.in-"
     "addr.arpa]}"},
    {FMT_SLP_AGENTS, 78, "{mandatory=true,agents=[198.18.0.1,198.18.0.2]}"},
    {FMT_SLP_SCOPES, 79, "{mandatory=false,scopes=[lab,sales]}"},
    {FMT_VSS, 221, "{type=nvt-ascii,name=vpn-blue}"},
    {FMT_CIVIC, 99,
     "{what=client,country=SE,elements=[{type=a3,value=Uppsala},{type=rd,value=Drottninggatan},{"
     "type=hno,value=4}]}"},
    {FMT_GEOCONF, 123,
     "{version=0,latitude=59.85800001,longitude=17.639,latitude-resolution=34,longitude-"
     "resolution=34,altitude-type=meters,altitude=12.5,altitude-resolution=30,datum=wgs84}"},
    {FMT_ISNS, 83,
     "{functions=0x0007,dd-access=0x003f,admin-flags=0x000f,security=0x00000001,servers=[198.18.0."
     "60,198.18.0.61]}"},
    {FMT_VIVC, 124,
     "[{enterprise=cablelabs,items=[docsis3.0,eRouter1.0]},{enterprise=microsoft,items=[msft]}]"},
    {FMT_GEOLOC, 144,
     "{version=1,latitude=-33.85679999,longitude=151.21529999,latitude-uncertainty=0.001953125,"
     "longitude-uncertainty=unknown,altitude-type=none,datum=wgs84}"},
};

/* formats only sub-options use: the sample goes out as "sub=sample" inside option code */
static const struct {
	enum fmt fmt;
	uint8_t code;
	const char *sub;
	const char *want;
} sub_samples[] = {
    {FMT_MAC, 82, "access-point-bssid",
     "[{code=16,name=access-point-bssid,value=02:00:00:00:00:01}]"},
    {FMT_VENDOR_IDENT, 82, "vendor-specific",
     "[{code=9,name=vendor-specific,value=[{enterprise=cablelabs,data=hex:0a0b0c}]}]"},
    {FMT_RADIUS, 82, "radius-attributes",
     "[{code=7,name=radius-attributes,value=[{type=user-name,value=hex:616c696365},{type="
     "service-type,value=hex:00000002}]}]"},
    {FMT_U32_LIST, 43, "credential-types",
     "[{code=12,name=credential-types,value=[1,4294967295]}]"},
    {FMT_PXE_SERVERS, 43, "boot-servers",
     "[{code=8,name=boot-servers,value=[{type=0,addresses=[198.18.0.10,198.18.0.11]},{type=32768,"
     "addresses=[198.18.0.12]}]}]"},
    {FMT_PXE_MENU, 43, "boot-menu",
     "[{code=9,name=boot-menu,value=[{type=0,description=Local disk},{type=32768,description="
     "Install}]}]"},
    {FMT_PXE_PROMPT, 43, "menu-prompt",
     "[{code=10,name=menu-prompt,value={timeout=5,prompt=Press F8 for the menu}}]"},
};

/* the expected rendering of format f's sample: its row in samples[] or sub_samples[] */
static bool
find_sample(int f, uint8_t *code, const char **sub, const char **want)
{
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		if (samples[i].fmt == (enum fmt)f) {
			*code = samples[i].code, *sub = NULL, *want = samples[i].want;
			return true;
		}
	for (size_t i = 0; i < sizeof(sub_samples) / sizeof(sub_samples[0]); i++)
		if (sub_samples[i].fmt == (enum fmt)f) {
			*code = sub_samples[i].code, *sub = sub_samples[i].sub;
			*want = sub_samples[i].want;
			return true;
		}
	return false;
}

static void
test_samples(void)
{
	uint8_t buf[1024];
	char err[160];
	size_t n;

	for (int f = 0; f < FMT_MAX; f++) {
		const char *sample = fmt_table[f].sample, *sub, *want;
		uint8_t code;
		bool found = find_sample(f, &code, &sub, &want);
		if (!sample) {
			CHECK(!found, "%s: no sample", fmt_table[f].name);
			continue;
		}
		if (!found) {
			CHECK(0, "%s: sample has an expected rendering in this test",
			      fmt_table[f].name);
			continue;
		}
		const struct opt_def *def = &opt_table[code];
		char text[512];
		snprintf(text, sizeof(text), "%s", sample);
		if (sub) {
			const struct opt_space *sp = def->sub;
			def = NULL;
			for (int c = 0; sp && c < 256 && !def; c++)
				if (sp->defs[c].name && !strcmp(sp->defs[c].name, sub))
					def = &sp->defs[c];
			snprintf(text, sizeof(text), "%s=%s", sub, sample);
		}
		CHECK(def && def->fmt == (enum fmt)f, "%s: option %u %s has it", fmt_table[f].name,
		      code, sub ? sub : "");
		err[0] = 0;
		int r = opt_encode(code, text, buf, sizeof(buf), &n, err, sizeof(err));
		CHECK(r == 0, "%s: encode '%s' (%s)", fmt_table[f].name, text, err);
		if (r)
			continue;
		/* 43 holds PXE sub-options when option 60 says PXEClient */
		CHECK_STR(decode_bytes(code, buf, n, code == 43 ? "PXEClient" : NULL), want,
		          "%s: '%s' survives encode -> decode", fmt_table[f].name, text);
	}
}

/* --- (c) decode rows ------------------------------------------------------------------- */

/* R(name, code, hex, want [, option 60 text]) */
#define R(...)                                                                                     \
	{                                                                                          \
		__VA_ARGS__, NULL                                                                  \
	}
#define RV(n, c, h, w, v)                                                                          \
	{                                                                                          \
		n, c, h, w, v                                                                      \
	}
static const struct row {
	const char *name;
	uint8_t code;
	const char *hex;
	const char *want;   /* expected rendering of the value or error */
	const char *vendor; /* option 60 text, for 43 */
} rows[] = {
    /* plain formats */
    R("subnet-mask", 1, "ffffff00", "255.255.255.0"),
    R("subnet-mask short", 1, "ffffff", "error(length 3 is not 4)"),
    R("subnet-mask long", 1, "ffffff0000", "error(length 5 is not 4)"),
    R("router list", 3, "c6120001c6120002", "[198.18.0.1,198.18.0.2]"),
    R("router 7 bytes", 3, "c6120001c61200", "error(length 7 is not a multiple of 4)"),
    R("router empty", 3, "", "error(length 0 is less than the minimum 4)"),
    R("time-offset negative", 2, "fffff1f0", "-3600"),
    R("mtu", 26, "05dc", "1500"),
    R("lease infinite", 51, "ffffffff", "infinite"),
    R("lease", 51, "00015180", "86400"),
    R("bool 2", 19, "02", "error(value 2 is not 0 or 1)"),
    R("bool 0", 19, "00", "false"),
    R("host-name with NUL", 12, "686f737400", "host\\x00"),
    R("host-name empty", 12, "", "error(length 0 is less than the minimum 1)"),
    R("plateau", 25, "00440128", "[68,296]"),
    R("plateau odd", 25, "004401", "error(length 3 is not a multiple of 2)"),
    R("policy filter", 21, "c6120000fffe0000", "[{address=198.18.0.0,mask=255.254.0.0}]"),
    R("static routes 12", 33, "c6120500c6120001c6120600",
      "error(length 12 is not a multiple of 8)"),
    R("message type offer", 53, "02", "OFFER"),
    R("message type unknown", 53, "63", "99"),
    R("message type empty", 53, "", "error(length 0 is not 1)"),
    R("overload 4", 52, "04", "error(value 4 is not 1, 2 or 3)"),
    R("rapid commit", 80, "", "true"),
    R("rapid commit with data", 80, "01", "error(length 1 where no data is expected)"),
    R("param list", 55, "01030f54", "[subnet-mask,router,domain-name,option-84]"),
    R("unknown code", 200, "0102", "hex:0102"),
    R("unknown code empty", 200, "", "hex:"),
    R("private 249", 249, "18c61205c6120001", "[{destination=198.18.5.0/24,router=198.18.0.1}]"),

    /* 119 domain search with RFC 1035 compression */
    R("119 compression", 119, "0161076578616d706c6500 0162c002", "[a.example,b.example]"),
    R("119 root", 119, "00", "[.]"),
    R("119 loop", 119, "0161c000", "error(compression pointer loop)"),
    R("119 self pointer", 119, "c000", "error(compression pointer does not point backwards)"),
    R("119 forward pointer", 119, "c00200", "error(compression pointer does not point backwards)"),
    R("119 pointer past end", 119, "0161c0",
      "error(compression pointer runs past the end of the data)"),
    R("119 label past end", 119, "0561", "error(label runs past the end of the data)"),
    R("119 no terminator", 119, "0161", "error(name runs past the end of the data)"),
    R("119 label type 0x40", 119, "4161", "error(reserved label type)"),
    R("119 label type 0x80", 119, "8161", "error(reserved label type)"),
    R("119 chained pointers", 119, "00c000c001", "[.,.,.]"),
    R("119 dots escaped", 119, "03612e6200", "[a\\.b]"),
    R("137 pointer not allowed", 137, "0161c000",
      "error(compression pointer where none is allowed)"),
    R("137 trailing bytes", 137, "01610000", "error(length 4 has data after the name)"),

    /* 121 classless routes (RFC 3442) */
    R("121 /0", 121, "00c61200fe", "[{destination=0.0.0.0/0,router=198.18.0.254}]"),
    R("121 /32", 121, "20c6120501c6120001", "[{destination=198.18.5.1/32,router=198.18.0.1}]"),
    R("121 /9", 121, "09c680c6120001", "[{destination=198.128.0.0/9,router=198.18.0.1}]"),
    R("121 two", 121, "18c61205c612000100c61200fe",
      "[{destination=198.18.5.0/24,router=198.18.0.1},{destination=0.0.0.0/0,router=198.18.0."
      "254}]"),
    R("121 plen 33", 121, "21c6120501ffc6120001",
      "error(route 1: prefix length 33 is greater than 32)"),
    R("121 leftover byte", 121, "18c61205c612000100",
      "error(route 2 is truncated: it needs 5 bytes)"),
    R("121 short", 121, "18c6120500", "error(route 1 is truncated: it needs 8 bytes)"),

    /* 82 relay agent information */
    R("82 circuit+remote", 82, "0104657468300206aabbccddeeff",
      "[{code=1,name=circuit-id,value=hex:65746830},{code=2,name=remote-id,value=hex:"
      "aabbccddeeff}]"),
    R("82 truncated sub", 82, "0104657468300205aabb",
      "error(sub-option 2 has length 5 past the end of the option)"),
    R("82 no length", 82, "010465746830 02", "error(sub-option 2 has no length)"),
    R("82 bad link-selection", 82, "0503c61200",
      "[{code=5,name=link-selection,error=error(length 3 is not 4)}]"),
    R("82 vendor-specific", 82, "0907000011 8b020102",
      "[{code=9,name=vendor-specific,value=[{enterprise=cablelabs,data=hex:0102}]}]"),
    R("82 vendor-specific truncated", 82, "0907000011 8b050102",
      "[{code=9,name=vendor-specific,error=error(entry 1: data length 5 runs past the end of the "
      "option)}]"),
    R("82 unknown sub", 82, "c80101", "[{code=200,name=sub-200,value=hex:01}]"),
    R("82 source-port", 82, "1300", "[{code=19,name=source-port,value=true}]"),

    /* 43 vendor-specific: PXE or not */
    RV("43 PXE", 43, "060108ff", "[{code=6,name=discovery-control,value=8}]",
       "PXEClient:Arch:00000"),
    RV("43 PXE pad and boot item", 43, "00470400000000ff00",
       "[{code=71,name=boot-item,value=[0,0]}]", "PXEClient"),
    RV("43 PXE truncated", 43, "060508",
       "error(sub-option 6 has length 5 past the end of the "
       "option)",
       "PXEClient"),
    RV("43 generic", 43, "060108ff", "[{code=6,name=sub-6,value=hex:08}]", "MSFT 5.0"),
    R("43 generic no ctx", 43, "0102aabb0301cc",
      "[{code=1,name=sub-1,value=hex:aabb},{code=3,"
      "name=sub-3,value=hex:cc}]"),
    R("43 opaque", 43, "0105aa", "hex:0105aa"),

    /* 61 client identifier */
    R("61 string", 61, "00686f7374", "{type=string,data=host}"),
    R("61 string binary", 61, "000102", "{type=string,data=hex:0102}"),
    R("61 ethernet", 61, "01aabbccddeeff", "{type=ethernet,address=aa:bb:cc:dd:ee:ff}"),
    R("61 other type", 61, "06aabb", "{type=6,data=hex:aabb}"),
    R("61 duid-llt", 61, "ff00000001000100012a2b2c2daabbccddeeff",
      "{type=iaid-duid,iaid=0x00000001,duid={type=duid-llt,hardware-type=1,time=707472429,"
      "address=aa:bb:cc:dd:ee:ff}}"),
    R("61 duid-en", 61, "ffaabbccdd000200000009c0ffee",
      "{type=iaid-duid,iaid=0xaabbccdd,duid={type=duid-en,enterprise=9,identifier=hex:c0ffee}}"),
    R("61 duid-ll", 61, "ff0000000100030001aabbccddeeff",
      "{type=iaid-duid,iaid=0x00000001,duid={type=duid-ll,hardware-type=1,address=aa:bb:cc:dd:"
      "ee:ff}}"),
    R("61 duid-uuid", 61, "ff00000001000400112233445566778899aabbccddeeff",
      "{type=iaid-duid,iaid=0x00000001,duid={type=duid-uuid,uuid=00112233-4455-6677-8899-"
      "aabbccddeeff}}"),
    R("61 duid-uuid short", 61, "ff000000010004001122",
      "error(duid type 4 is truncated or has length 3)"),
    R("61 iaid-duid short", 61, "ff00000001", "error(iaid+duid needs at least 7 bytes, have 4)"),
    R("61 length 1", 61, "01", "error(length 1 is less than the minimum 2)"),

    /* 81 client FQDN */
    R("81 wire name", 81, "05000004686f7374076578616d706c6500",
      "{flags={s=true,o=false,e=true,n=false},rcode1=0,rcode2=0,name=host.example}"),
    R("81 partial", 81, "04000004686f7374",
      "{flags={s=false,o=false,e=true,n=false},rcode1=0,rcode2=0,name=host}"),
    R("81 ascii", 81, "01ffff686f73742e6578",
      "{flags={s=true,o=false,e=false,n=false},rcode1=255,rcode2=255,name=host.ex}"),
    R("81 empty", 81, "040000", "{flags={s=false,o=false,e=true,n=false},rcode1=0,rcode2=0,name=}"),
    R("81 trailing data", 81, "040000016800ff", "error(length 7 has data after the name)"),
    R("124 short entry", 124, "0000118b0001",
      "error(entry 2 is truncated: it needs at least 5 bytes)"),
    RV("43 PXE end only", 43, "ff", "[]", "PXEClient"),
    R("82 empty", 82, "", "error(length 0 is less than the minimum 1)"),
    R("81 bad wire name", 81, "0400000968", "error(label runs past the end of the data)"),

    /* others */
    R("77 items", 77, "046950584503616263", "[iPXE,abc]"),
    R("77 windows string", 77, "4d53465420352e30", "MSFT 5.0"),
    R("77 empty item", 77, "00", "\\x00"),
    R("90 auth", 90, "0101000000000000000001aabb",
      "{protocol=delayed,algorithm=hmac-md5,rdm=monotonic,replay-detection=0x0000000000000001,"
      "information=hex:aabb}"),
    R("90 short", 90, "01010000", "error(length 4 is less than the minimum 11)"),
    R("93 arch", 93, "00000007000900100063", "[x86-bios,x64-uefi,ebc,x64-uefi-http,99]"),
    R("93 odd", 93, "000000", "error(length 3 is not a multiple of 2)"),
    R("94 ndi", 94, "010201", "{type=undi,major=2,minor=1}"),
    R("97 uuid short", 97, "00001122", "error(length 4 is not 17)"),
    R("120 names", 120, "0003736970076578616d706c6500 03737032c004", "[sip.example,sp2.example]"),
    R("120 addresses", 120, "01c6120001", "[198.18.0.1]"),
    R("120 addresses bad", 120, "01c61200", "error(address list length 3 is not a multiple of 4)"),
    R("120 encoding 2", 120, "0200", "error(unknown encoding 2)"),
    R("124 two", 124, "0000118b020102 00000137 00",
      "[{enterprise=cablelabs,items=[\\x02]},{enterprise=microsoft,items=[]}]"),
    R("124 items", 124, "0000118b 0e 09646f63736973332e30 03654d54",
      "[{enterprise=cablelabs,items=[docsis3.0,eMT]}]"),
    R("124 data that is not items", 124, "0000118b 03 05aabb",
      "[{enterprise=cablelabs,data=hex:05aabb}]"),
    R("124 empty item", 124, "0000118b 03 00 0161", "[{enterprise=cablelabs,data=hex:000161}]"),
    R("124 truncated", 124, "0000118b03aabb",
      "error(entry 1: data length 3 runs past the end of the option)"),
    R("125 bad subs", 125, "0000118b020105",
      "[{enterprise=cablelabs,error=error(sub-option 1 has length 5 past the end of the option)}]"),
    R("143 uris", 143, "0003612f62 0001 63", "[a/b,c]"),
    R("143 truncated", 143, "0005612f", "error(uri 1 has length 5 that does not fit)"),
    R("151 status", 151, "046e6f", "{code=not-allowed,message=no}"),
    R("162 adn only", 162, "0008000105 03646e7300", "[{priority=1,adn=dns}]"),
    R("162 with params", 162, "0011000a05 03646e7300 04c6120035 00010002",
      "[{priority=10,adn=dns,addresses=[198.18.0.53],svc-params=hex:00010002}]"),
    R("162 bad addr length", 162, "000c000a05 03646e7300 03c61200",
      "error(instance 1: address length 3 is empty, not a multiple of 4 or does not fit)"),
    R("162 instance too long", 162, "00ff000a03646e7300",
      "error(instance 1 has length 255 that does not fit)"),
    R("212 6rd two relays", 212, "0e 20 20010db8000000000000000000000000 c6120001 c6120002",
      "{ipv4-mask-len=14,prefix-len=32,prefix=2001:db8::,border-relays=[198.18.0.1,198.18.0.2]}"),
    R("212 6rd bad length", 212, "0e 20 20010db8000000000000000000000000 c6120001 c6",
      "error(length 23 is not 18 plus a multiple of 4)"),
    R("212 6rd mask 40", 212, "28 20 20010db8000000000000000000000000 c6120001",
      "error(ipv4 mask length 40 or prefix length 32 out of range)"),

    /* 145 FORCERENEW nonce capability */
    R("145 hmac-md5", 145, "01", "[hmac-md5]"),
    R("145 two", 145, "0102", "[hmac-md5,2]"),
    R("145 empty", 145, "", "error(length 0 is less than the minimum 1)"),

    /* 159 port parameters */
    R("159 psid 0x34 of 8 bits", 159, "06 08 3400", "{offset=6,psid-len=8,psid=52}"),
    R("159 psid of 16 bits", 159, "00 10 abcd", "{offset=0,psid-len=16,psid=43981}"),
    R("159 length 0 ignores the field", 159, "06 00 ffff", "{offset=6,psid-len=0,psid=0}"),
    R("159 padding bits", 159, "06 08 3401", "error(psid field has bits set past its length 8)"),
    R("159 offset 16", 159, "10 00 0000", "error(psid offset 16 is more than 15)"),
    R("159 offset + length 17", 159, "06 0b 0000",
      "error(psid offset 6 + psid length 11 is more than 16 bits)"),
    R("159 psid length 17", 159, "00 11 0000",
      "error(psid offset 0 + psid length 17 is more than 16 bits)"),
    R("159 short", 159, "060834", "error(length 3 is not 4)"),
    R("159 long", 159, "0608340000", "error(length 5 is not 4)"),

    /* 158 PCP servers */
    R("158 two servers", 158, "08 c6120001 c6120002 04 c6120003",
      "[[198.18.0.1,198.18.0.2],[198.18.0.3]]"),
    R("158 list length 5", 158, "05 c6120001 00",
      "error(server list 1 has length 5, not a "
      "multiple of 4 above 0)"),
    R("158 list length 0", 158, "04 c6120001 00 0000",
      "error(server list 2 has length 0, not a "
      "multiple of 4 above 0)"),
    R("158 list past the end", 158, "04 c6120001 08 c6120002",
      "error(server list 2 has length 8 past the end of the option)"),
    R("158 short", 158, "04c61200", "error(length 4 is less than the minimum 5)"),

    /* 109 softwire source address */
    R("109 address", 109, "20010db8000000000000000000000001", "2001:db8::1"),
    R("109 short", 109, "20010db800000000000000000000", "error(length 14 is not 16)"),
    R("109 long", 109, "20010db8000000000000000000000001 00", "error(length 17 is not 16)"),

    /* 146 RDNSS selection */
    R("146 two domains", 146,
      "01 c6120035 c6120036 04636f7270076578616d706c6500 0231380331393807"
      "696e2d61646472046172706100",
      "{preference=high,primary=198.18.0.53,secondary=198.18.0.54,domains=[corp.example,18.198."
      "in-addr.arpa]}"),
    R("146 low, root", 146, "03 c6120035 00000000 00",
      "{preference=low,primary=198.18.0.53,secondary=0.0.0.0,domains=[.]}"),
    R("146 reserved bits and prf 10", 146, "fe c6120035 00000000 00",
      "{preference=2,reserved=0x3f,primary=198.18.0.53,secondary=0.0.0.0,domains=[.]}"),
    R("146 no domains", 146, "00 c6120035 c6120036", "error(length 9 is less than the minimum 10)"),
    R("146 pointer", 146, "00 c6120035 c6120036 0161 00 c000",
      "error(compression pointer where none is allowed)"),
    R("146 name past the end", 146, "00 c6120035 c6120036 0561",
      "error(label runs past the end of the data)"),

    /* 78 and 79 Service Location Protocol */
    R("78 two agents", 78, "00 c6120001 c6120002",
      "{mandatory=false,agents=[198.18.0.1,198.18.0.2]}"),
    R("78 mandatory only", 78, "01", "{mandatory=true,agents=[]}"),
    R("78 mandatory 2", 78, "02 c6120001", "error(mandatory byte 2 is not 0 or 1)"),
    R("78 address short", 78, "00 c6120001 c612",
      "error(address list length 6 is not a multiple "
      "of 4)"),
    R("78 empty", 78, "", "error(length 0 is less than the minimum 1)"),
    R("79 scopes", 79, "01 6c61622c73616c6573", "{mandatory=true,scopes=[lab,sales]}"),
    R("79 no scopes", 79, "00", "{mandatory=false,scopes=[]}"),
    R("79 empty scope", 79, "00 612c2c62", "{mandatory=false,scopes=[a,,b]}"),
    R("79 utf-8", 79, "00 c3a9", "{mandatory=false,scopes=[\\xc3\\xa9]}"),
    R("79 mandatory 255", 79, "ff 61", "error(mandatory byte 255 is not 0 or 1)"),

    /* 221 virtual subnet selection */
    R("221 name", 221, "00 76706e2d626c7565", "{type=nvt-ascii,name=vpn-blue}"),
    R("221 vpn-id", 221, "01 00000c 00000001", "{type=vpn-id,oui=0x00000c,index=0x00000001}"),
    R("221 global", 221, "ff", "{type=global}"),
    R("221 reserved type", 221, "07 aabb", "{type=7,data=hex:aabb}"),
    R("221 empty name", 221, "00", "error(type 0 (nvt-ascii) has no VPN name)"),
    R("221 vpn-id short", 221, "01 00000c 000000",
      "error(type 1 (vpn-id) needs 7 bytes of RFC 2685 VPN-ID, has 6)"),
    R("221 vpn-id long", 221, "01 00000c 00000001 00",
      "error(type 1 (vpn-id) needs 7 bytes of RFC 2685 VPN-ID, has 8)"),
    R("221 global with data", 221, "ff 00",
      "error(type 255 (global) carries 1 bytes where none are expected)"),
    R("221 empty", 221, "", "error(length 0 is less than the minimum 1)"),

    /* relay agent sub-options 16 and 151 */
    R("82 bssid", 82, "1006 020000000001",
      "[{code=16,name=access-point-bssid,value=02:00:00:00:00:01}]"),
    R("82 bssid short", 82, "1005 0200000000",
      "[{code=16,name=access-point-bssid,error=error(length 5 is not 6)}]"),
    R("82 vss", 82, "9709 0076706e2d626c7565",
      "[{code=151,name=virtual-subnet-selection,value={type=nvt-ascii,name=vpn-blue}}]"),
    R("82 vss global", 82, "9701 ff",
      "[{code=151,name=virtual-subnet-selection,value={type=global}}]"),

    /* PXE sub-options 8, 9, 10, 12 */
    RV("43 PXE boot servers", 43, "080e 0000 02 c612000a c612000b 8000 00 ff",
       "[{code=8,name=boot-servers,value=[{type=0,addresses=[198.18.0.10,198.18.0.11]},{type="
       "32768,addresses=[]}]}]",
       "PXEClient"),
    RV("43 PXE boot servers past the end", 43, "0807 0000 02 c612000a ff",
       "[{code=8,name=boot-servers,error=error(server entry 1 lists 2 addresses past the end of "
       "the option)}]",
       "PXEClient"),
    RV("43 PXE boot servers short entry", 43, "0809 0000 01 c612000a 8000 ff",
       "[{code=8,name=boot-servers,error=error(server entry 2 is truncated: it needs at least 3 "
       "bytes)}]",
       "PXEClient"),
    RV("43 PXE boot menu", 43, "090d 0000 04 426f6f74 8000 03 4f5320 ff",
       "[{code=9,name=boot-menu,value=[{type=0,description=Boot},{type=32768,description=OS "
       "}]}]",
       "PXEClient"),
    RV("43 PXE boot menu past the end", 43, "0907 0000 05 426f6f74 ff",
       "[{code=9,name=boot-menu,error=error(menu item 1 has a description of 5 bytes past the "
       "end of the option)}]",
       "PXEClient"),
    RV("43 PXE boot menu short item", 43, "0905 0000 00 8000 ff",
       "[{code=9,name=boot-menu,error=error(menu item 2 is truncated: it needs at least 3 "
       "bytes)}]",
       "PXEClient"),
    RV("43 PXE menu prompt", 43, "0a05 ff 50726573 ff",
       "[{code=10,name=menu-prompt,value={timeout=255,prompt=Pres}}]", "PXEClient"),
    RV("43 PXE menu prompt, no text", 43, "0a01 00 ff",
       "[{code=10,name=menu-prompt,value={timeout=0,prompt=}}]", "PXEClient"),
    RV("43 PXE menu prompt empty", 43, "0a00 ff",
       "[{code=10,name=menu-prompt,error=error(length 0 is less than the minimum 1)}]",
       "PXEClient"),
    RV("43 PXE credential types", 43, "0c08 00000001 00000002 ff",
       "[{code=12,name=credential-types,value=[1,2]}]", "PXEClient"),
    RV("43 PXE credential types odd", 43, "0c06 00000001 0000 ff",
       "[{code=12,name=credential-types,error=error(length 6 is not a multiple of 4)}]",
       "PXEClient"),

    /* relay 7 RADIUS attributes */
    R("82 radius", 82, "070f 0107616c696365 0606 00000002 1a02",
      "[{code=7,name=radius-attributes,value=[{type=user-name,value=hex:616c696365},{type=service-"
      "type,value=hex:00000002},{type=vendor-specific,value=hex:}]}]"),
    R("82 radius length 1", 82, "0705 010361 0101",
      "[{code=7,name=radius-attributes,error=error(attribute 2 has length 1, less than its own "
      "header)}]"),
    R("82 radius past the end", 82, "0704 0105 6162",
      "[{code=7,name=radius-attributes,error=error(attribute 1 has length 5 past the end of the "
      "option)}]"),
    R("82 radius no length", 82, "0704 010361 01",
      "[{code=7,name=radius-attributes,error=error(attribute 2 has no length)}]"),
    R("82 radius type only", 82, "0703 0103 61 ", NULL),
    R("82 radius lone type", 82, "0701 01",
      "[{code=7,name=radius-attributes,error=error(length 1 is less than the minimum 2)}]"),

    /* 83 iSNS */
    R("83 servers", 83, "0001 0002 0003 00000004 c612003c",
      "{functions=0x0001,dd-access=0x0002,admin-flags=0x0003,security=0x00000004,servers=[198.18.0."
      "60]}"),
    R("83 no servers", 83, "ffff 0000 0000 ffffffff",
      "{functions=0xffff,dd-access=0x0000,admin-flags=0x0000,security=0xffffffff,servers=[]}"),
    R("83 address short", 83, "0001 0002 0003 00000004 c61200",
      "error(address list length 3 is not a multiple of 4)"),
    R("83 short", 83, "0001 0002 0003 000000", "error(length 9 is less than the minimum 10)"),

    /* 99 civic address */
    R("99 elements", 99, "02 5345 0002 7376 0307 55707073616c61 8004 4c61746e 3201 78",
      "{what=client,country=SE,elements=[{type=language,value=sv},{type=a3,value=Uppsala},{type="
      "script,value=Latn},{type=50,value=x}]}"),
    R("99 no elements", 99, "00 5553", "{what=server,country=US,elements=[]}"),
    R("99 what 7, empty value", 99, "07 5553 1300",
      "{what=7,country=US,elements=[{type=hno,value=}]}"),
    R("99 type without length", 99, "02 5553 0102 4341 13",
      "error(element 2 (type 19) has no length)"),
    R("99 value past the end", 99, "02 5553 0105 4341",
      "error(element 1 has length 5 past the end of the option)"),
    R("99 short", 99, "0253", "error(length 2 is less than the minimum 3)"),

    /* 123 and 144 coordinates */
    R("123 RFC 3825 style", 123, "8877b74bc78823472b021780000c8001",
      "{version=0,latitude=59.85800001,longitude=17.639,latitude-resolution=34,longitude-"
      "resolution=34,altitude-type=meters,altitude=12.5,altitude-resolution=30,datum=wgs84}"),
    R("123 floors, nad83-mllw", 123, "53a500000056ab800000278000030003",
      "{version=0,latitude=-45.5,longitude=-170.25,latitude-resolution=20,longitude-"
      "resolution=21,altitude-type=floors,altitude=3,altitude-resolution=30,datum=nad83-mllw}"),
    R("144 version 1", 144, "04b40000000698000000158000640041",
      "{version=1,latitude=90,longitude=-180,latitude-uncertainty=128,longitude-uncertainty=128,"
      "altitude-type=meters,altitude=100,altitude-uncertainty=0.5,datum=wgs84}"),
    R("144 version 0: no uncertainties", 144, "04b40000000698000000158000640001",
      "{version=0,latitude=90,longitude=-180,altitude-type=meters,altitude=100,datum=wgs84}"),
    R("144 reserved codes, datum 5, res bits", 144, "8c0000000090000000001fffff8000ed",
      "{version=3,latitude=0,longitude=0,altitude-type=meters,altitude=-128,datum=5,reserved="
      "0x5}"),
    R("144 reserved uncertainties", 144, "8c000000008c000000001fffff80007d",
      "{version=1,latitude=0,longitude=0,latitude-uncertainty=reserved,longitude-uncertainty="
      "reserved,altitude-type=meters,altitude=-128,altitude-uncertainty=reserved,datum=5,reserved="
      "0x7}"),
    R("144 latitude 90.00000003", 144, "04b40000010000000000000000000041",
      "error(latitude is outside -90..90 degrees)"),
    R("144 latitude -128", 144, "0300000000 0000000000 0000000000 41",
      "error(latitude is outside -90..90 degrees)"),
    R("144 longitude 180.00000003", 144, "0000000000 0168000001 0000000000 41",
      "error(longitude is outside -180..180 degrees)"),
    R("144 short", 144, "04b400000006980000001580006400", "error(length 15 is not 16)"),
    R("123 long", 123, "8877b74bc78823472b021780000c800100", "error(length 17 is not 16)"),
};

static void
test_rows(void)
{
	uint8_t buf[1024];

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		size_t n = unhex(r->hex, buf, sizeof(buf));
		const char *got = decode_bytes(r->code, buf, n, r->vendor);
		if (r->want)
			CHECK_STR(got, r->want, "decode %s", r->name);
		/* every shorter prefix decodes to a value or an error, never a crash */
		int bad = 0;
		for (size_t k = 0; k < n; k++) {
			got = decode_bytes(r->code, buf, k, r->vendor);
			if (!strncmp(got, "(no", 3))
				bad++;
		}
		if (n > 1)
			CHECK(!bad, "decode %s: all %zu truncations give a value or an error",
			      r->name, n);
	}
}

/* a DNS chain needing more than 16 jumps is refused */
static void
test_jumps(void)
{
	uint8_t buf[64];
	size_t n = 0;
	char want[256];

	buf[n++] = 0;
	/* name k (k >= 1) at 2k-1 is a pointer to name k-1: k jumps */
	for (int k = 1; k <= 17; k++) {
		buf[n++] = 0xc0;
		buf[n++] = (uint8_t)(k == 1 ? 0 : 2 * k - 3);
	}
	CHECK_STR(decode_bytes(119, buf, n, NULL), "error(too many compression pointers)",
	          "119 with 17 chained jumps");
	want[0] = 0;
	strcat(want, "[");
	for (int k = 0; k <= 16; k++)
		strcat(want, k ? ",." : ".");
	strcat(want, "]");
	CHECK_STR(decode_bytes(119, buf, n - 2, NULL), want, "119 with 16 chained jumps");

	/* a name longer than 255 bytes */
	uint8_t big[400];
	n = 0;
	for (int l = 0; l < 5; l++) {
		big[n++] = 63;
		memset(big + n, 'a', 63);
		n += 63;
	}
	big[n++] = 0;
	CHECK_STR(decode_bytes(119, big, n, NULL), "error(name is longer than 255 bytes)",
	          "119 name of 321 bytes");
}

/* random bytes through every format: only sanitizers judge */
static void
test_fuzz(void)
{
	uint8_t buf[300];
	uint32_t seed = 12345;
	int none = 0;

	for (int iter = 0; iter < 40000; iter++) {
		size_t n = (seed >> 8) % 40;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (uint8_t)(seed >> 16);
			/* make lengths, pointers and small codes likely */
			if ((seed >> 5) % 4 == 0)
				buf[i] = (uint8_t)((seed >> 9) % 8);
			if ((seed >> 7) % 16 == 0)
				buf[i] = 0xc0;
		}
		seed = seed * 1103515245u + 12345u;
		uint8_t code = (uint8_t)(seed >> 16);
		if (iter % 3 == 0) {
			static const uint8_t hot[] = {43,  61,  77,  81,  82,  90,  119, 120,
			                              121, 124, 125, 143, 162, 212, 63,  122,
			                              139, 140, 145, 158, 159, 109, 146, 78,
			                              79,  221, 99,  123, 144, 83};
			code = hot[(seed >> 3) % sizeof(hot)];
		}
		const char *got = decode_bytes(code, buf, n, iter % 2 ? "PXEClient" : NULL);
		if (!strncmp(got, "(no", 3))
			none++;
	}
	CHECK(!none, "40000 random values decode to a value or an error");
}

/* --- encoder rows ------------------------------------------------------------------------- */

static const struct enc_row {
	uint8_t code;
	const char *text;
	const char *hex; /* expected bytes, or NULL when an error is expected */
	const char *err; /* expected message */
} enc_rows[] = {
    {1, "198.18.0.1", "c6120001", NULL},
    {1, "198.18.0", NULL, "'198.18.0' is not an IPv4 address"},
    {1, "hex:0104c0000201", "0104c0000201", NULL},
    {3, "198.18.0.1, 198.18.0.2", "c6120001c6120002", NULL},
    {3, "", NULL, "'' is an empty list"},
    {23, "256", NULL, "'256' is not a number from 0 to 255"},
    {23, "0x40", "40", NULL},
    {2, "-1", "ffffffff", NULL},
    {51, "1h30m", "00001518", NULL},
    {51, "90s", "0000005a", NULL},
    {51, "2d", "0002a300", NULL},
    {51, "infinite", "ffffffff", NULL},
    {51, "5x", NULL, "'5x' is not a duration (3600, 90s, 1h30m, 2d, infinite)"},
    {19, "off", "00", NULL},
    {19, "ON", "01", NULL},
    {19, "maybe", NULL, "'maybe' is not true/false, on/off or 1/0"},
    {119, "a.example,b.example.",
     "0161076578616d706c6500016207657861"
     "6d706c6500",
     NULL},
    {119, "a..b", NULL, "'a..b' has an empty label"},
    {121, "198.18.5.0/24 via 198.18.0.1,default:198.18.0.254", "18c61205c612000100c61200fe", NULL},
    {121, "198.18.5.1/24:198.18.0.1", NULL, "'198.18.5.1/24' has bits set past the prefix"},
    {121, "198.18.5.0/33:198.18.0.1", NULL, "'33' is not a prefix length 0-32"},
    {33, "198.18.5.0 via 198.18.0.1", "c6120500c6120001", NULL},
    {61, "01:aa:bb:cc:dd:ee:ff", "01aabbccddeeff", NULL},
    {61, "myhost", "006d79686f7374", NULL},
    {55, "1,3,6,subnet-mask,121", "0103060179", NULL},
    {55, "1,bogus", NULL, "'bogus' is not an option name or code"},
    {53, "Request", "03", NULL},
    {53, "ack", "05", NULL},
    {77, "a,bc", "0161026263", NULL},
    {81, "host", "04000004686f737400", NULL},
    {81, "s:host.ex", "010000686f73742e6578", NULL},
    {81, "sen:h", "0d0000016800", NULL},
    {82, "circuit-id=ge0-1,remote-id=aa:bb,link-selection=198.18.0.1",
     "01056765302d310202aabb0504c6120001", NULL},
    {82, "sub-200=hex:01", "c80101", NULL},
    {82, "bogus=1", NULL, "'bogus' is not a sub-option of relay-agent-information"},
    {63, "preferred-dss=198.18.0.1,198.18.0.2,autoretries=3",
     "0608c6120001c61200020801"
     "03",
     NULL},
    {43, "discovery-control=8", "060108ff", NULL},
    {124, "4491:hex:0102", "0000118b020102", NULL},
    {125, "4491:1=hex:0102;9:2=abc",
     "0000118b0401020102"
     "0000000905020361626"
     "3",
     NULL},
    {125, "cablelabs:option-request=2,3,4,mib-environment=1",
     "0000118b08"
     "0103020304"
     "040101",
     NULL},
    {125, "cablelabs:bogus=1", NULL, "'bogus' is not a sub-option of cablelabs"},
    {93, "x64-uefi,0x10", "00070010", NULL},
    {93, "arm9", NULL, "'arm9' is not an architecture (x64-uefi, 7 ...)"},
    {94, "2.1", "010201", NULL},
    {97, "00112233-4455-6677-8899-aabbccddeeff", "0000112233445566778899aabbccddeeff", NULL},
    {97, "0011", NULL, "'0011' is not a UUID"},
    {212, "14,2001:db8::/32,198.18.0.1", "0e2020010db8000000000000000000000000c6120001", NULL},
    {212, "14,2001:db8::/32", NULL, "'14,2001:db8::/32' has no border relay"},
    {52, "sname", "02", NULL},
    {151, "5:x", "0578", NULL},
    {143, "a/b,c", "0003612f62000163", NULL},
    {162, "10 dns 198.18.0.53 hex:00010002", "0011000a0503646e730004c612003500010002", NULL},
    {162, "1 dns", "0008000105 03646e7300", NULL},
    {120, "198.18.0.1", "01c6120001", NULL},
    {120, "a.example,198.18.0.1", NULL, "'a.example,198.18.0.1' mixes names and addresses"},
    {90, "1,2", NULL, "'1,2': give authentication as hex:..."},
    {200, "aa:bb", "aabb", NULL},
    {200, "text", "74657874", NULL},
    {200, "hex:abc", NULL, "'abc' is not hex bytes"},
    {12, "", NULL, "empty string (RFC 2132 strings have length 1+)"},
    {145, "HMAC-MD5, 2", "0102", NULL},
    {145, "sha", NULL, "'sha' is not an algorithm (hmac-md5, 1 ...)"},
    {145, "256", NULL, "'256' is not an algorithm (hmac-md5, 1 ...)"},
    {159, "6,8,0x34", "06083400", NULL},
    {159, "0,16,65535", "0010ffff", NULL},
    {159, "4,0,0", "04000000", NULL},
    {159, "6,8,256", NULL, "psid 256 does not fit in 8 bits"},
    {159, "4,0,1", NULL, "psid 1 does not fit in 0 bits"},
    {159, "16,0,0", NULL, "psid offset 16 is more than 15"},
    {159, "6,11,0", NULL, "psid offset 6 + psid length 11 is more than 16"},
    {159, "6,8", NULL, "'6,8' is not 'offset,psid-len,psid'"},
    {159, "6,8,1,2", NULL, "'6,8,1,2' is not 'offset,psid-len,psid'"},
    {159, "6,x,1", NULL, "'x' is not a psid length"},
    {158, "198.18.0.1, 198.18.0.2 ; 198.18.0.3", "08c6120001c612000204c6120003", NULL},
    {158, "198.18.0.1;bogus", NULL, "'bogus' is not an IPv4 address"},
    {158, "", NULL, "'' is an empty list"},
    {109, " 2001:db8::1 ", "20010db8000000000000000000000001", NULL},
    {109, "198.18.0.1", NULL, "'198.18.0.1' is not an IPv6 address"},
    {146, "LOW, 198.18.0.53, 198.18.0.54, a.example",
     "03c6120035c6120036016107657861"
     "6d706c6500",
     NULL},
    {146, "2,198.18.0.53,0.0.0.0,.", "02c612003500000000 00", NULL},
    {146, "high,198.18.0.53,0.0.0.0", NULL, "'high,198.18.0.53,0.0.0.0' has no domain"},
    {146, "high,198.18.0.53", NULL,
     "'high,198.18.0.53' is not 'preference,primary,secondary,"
     "domain...'"},
    {146, "urgent,198.18.0.53,0.0.0.0,a", NULL,
     "'urgent,198.18.0.53,0.0.0.0,a' does not start with high, medium, low or 0-3"},
    {146, "4,198.18.0.53,0.0.0.0,a", NULL,
     "'4,198.18.0.53,0.0.0.0,a' does not start with high, medium, low or 0-3"},
    {146, "high,dns,0.0.0.0,a", NULL, "'dns' is not an IPv4 address"},
    {146, "high,198.18.0.53,0.0.0.0,a..b", NULL, "'a..b' has an empty label"},
    {78, "198.18.0.1", "00c6120001", NULL},
    {78, "Mandatory: 198.18.0.1, 198.18.0.2", "01c6120001c6120002", NULL},
    {78, "mandatory:", NULL, "'' is an empty list"},
    {78, "mandatory:lab", NULL, "'lab' is not an IPv4 address"},
    {79, "mandatory:lab,sales", "016c61622c73616c6573", NULL},
    {79, "lab", "006c6162", NULL},
    {79, "", "00", NULL},
    {221, "vpn-blue", "0076706e2d626c7565", NULL},
    {221, "name:global", "00676c6f62616c", NULL},
    {221, "global", "ff", NULL},
    {221, "vpn-id:0x00000c:1", "0100000c00000001", NULL},
    {221, "vpn-id:0x1000000:1", NULL,
     "'vpn-id:0x1000000:1' is not 'vpn-id:OUI:INDEX' (a 24-bit and a 32-bit number)"},
    {221, "vpn-id:12", NULL, "'vpn-id:12' is not 'vpn-id:OUI:INDEX'"},
    {221, "name:", NULL, "empty VPN name"},
    {82, "access-point-bssid=02:00:00:00:00:01,virtual-subnet-selection=global",
     "1006020000000001 9701ff", NULL},
    {82, "access-point-bssid=02:00:00:00:01", NULL,
     "'02:00:00:00:01' is not a 6-byte hardware address"},
    {43, "boot-servers=0:198.18.0.10;0x8000:198.18.0.11,198.18.0.12",
     "0812 0000 01 c612000a 8000 02 c612000b c612000c ff", NULL},
    {43, "boot-servers=198.18.0.10", NULL, "'198.18.0.10' is not 'type:addresses'"},
    {43, "boot-servers=70000:198.18.0.10", NULL, "'70000' is not a server type from 0 to 65535"},
    {43, "boot-menu=0:Boot;32768:OS", "090c 0000 04 426f6f74 8000 02 4f53 ff", NULL},
    {43, "boot-menu=Boot", NULL, "'Boot' is not 'type:description'"},
    {43, "menu-prompt=10:Press F8", "0a09 0a 5072657373204638 ff", NULL},
    {43, "menu-prompt=0:", "0a01 00 ff", NULL},
    {43, "menu-prompt=Press F8", NULL, "'Press F8' is not 'timeout:prompt'"},
    {43, "menu-prompt=300:x", NULL, "'300' is not a timeout from 0 to 255"},
    {43, "credential-types=1,0x10", "0c08 00000001 00000010 ff", NULL},
    {43, "credential-types=-1", NULL, "'-1' is not a number from 0 to 4294967295"},
    {82, "radius-attributes=user-name=alice;6=hex:00000002", "070d 0107616c696365 060600000002",
     NULL},
    {82, "radius-attributes=user-name", NULL, "'user-name' is not TYPE=VALUE"},
    {82, "radius-attributes=password=x", NULL,
     "'password' is not a RADIUS attribute (user-name, 1 ...)"},
    {124, "4491:docsis3.0,eMT;311:hex:0102",
     "0000118b 0e 09646f63736973332e30 03654d54 00000137 02 0102", NULL},
    {124, "4491", NULL, "'4491' is not 'enterprise:item,item'"},
    {124, "cablelabs:x", NULL, "'cablelabs' is not an enterprise number"},
    {124, "4491:a,,b", NULL, "empty item in ',b'"},
    {83, "1,2,3,4,198.18.0.60", "0001 0002 0003 00000004 c612003c", NULL},
    {83, "0xffff,0,0,0xffffffff", "ffff 0000 0000 ffffffff", NULL},
    {83, "1,2,3", NULL, "'1,2,3' is not 'functions,dd-access,admin-flags,security,address...'"},
    {83, "1,0x10000,3,4", NULL, "'0x10000' is not a dd-access value from 0 to 0xffff"},
    {83, "1,2,3,4,isns.example", NULL, "'isns.example' is not an IPv4 address"},
    {99, "client,SE,a3=Uppsala", "025345030755707073616c61", NULL},
    {99, "2,us,19=4,SCRIPT=Latn,language=", "027573130134 80044c61746e 0000", NULL},
    {99, "server,US", "005553", NULL},
    {99, "moon,SE", NULL, "'moon,SE' does not start with server, network-element, client or 0-255"},
    {99, "client,SWE", NULL, "'client,SWE' has no two-letter country code second"},
    {99, "client", NULL, "'client' has no two-letter country code second"},
    {99, "client,SE,zz=1", NULL, "'zz' is not a civic address type (a1, hno, 19 ...)"},
    {99, "client,SE,a3", NULL, "'a3' is not TYPE=VALUE"},
    {123, "latitude=59.858,longitude=17.639,altitude=12.5", "8877b74bc78823472b021780000c8001",
     NULL},
    {123,
     "latitude=-45.5,longitude=-170.25,latitude-resolution=20,longitude-resolution=21,altitude-"
     "type=floors,altitude=3,datum=nad83-mllw",
     "53a500000056ab800000278000030003", NULL},
    {144, "latitude=-33.8568,longitude=151.2153,latitude-uncertainty=0.001,datum=wgs84",
     "47bc495183012e6e3bcd000000000041", NULL},
    {144,
     "latitude=90,longitude=-180,latitude-uncertainty=128,longitude-uncertainty=200,altitude="
     "100,altitude-uncertainty=0.5",
     "04b40000000698000000158000640041", NULL},
    {144, "latitude=1", NULL, "'latitude=1' needs latitude= and longitude="},
    {144, "latitude=90.1,longitude=0", NULL, "'90.1' is not a valid latitude"},
    {144, "latitude=nan,longitude=0", NULL, "'nan' is not a valid latitude"},
    {144, "latitude=0,longitude=-180.5", NULL, "'-180.5' is not a valid longitude"},
    {144, "latitude=0,longitude=0,altitude=3000000", NULL, "'3000000' is not a valid altitude"},
    {144, "latitude=0,longitude=0,latitude-uncertainty=0", NULL,
     "'0' is not a valid latitude-uncertainty"},
    {144, "latitude=0,longitude=0,latitude-resolution=3", NULL,
     "'latitude-resolution' is not a key of this option"},
    {123, "latitude=0,longitude=0,latitude-resolution=35", NULL,
     "'35' is not a valid latitude-resolution"},
    {123, "latitude=0,longitude=0,datum=mars", NULL, "'mars' is not a valid datum"},
    {123, "latitude", NULL, "'latitude' is not key=value"},
    {82, "access-point-bssid=02:00:00:00:00:01:02", NULL,
     "'02:00:00:00:00:01:02' is not a 6-byte hardware address"},
};

static void
test_encode(void)
{
	uint8_t buf[512], want[512];
	char err[160];
	size_t n;

	for (size_t i = 0; i < sizeof(enc_rows) / sizeof(enc_rows[0]); i++) {
		const struct enc_row *e = &enc_rows[i];
		err[0] = 0;
		int r = opt_encode(e->code, e->text, buf, sizeof(buf), &n, err, sizeof(err));
		if (e->hex) {
			size_t wn = unhex(e->hex, want, sizeof(want));
			CHECK(r == 0 && n == wn && !memcmp(buf, want, n), "encode %u '%s' (%s)",
			      e->code, e->text, err);
		} else {
			CHECK(r == -EINVAL, "encode %u '%s' fails", e->code, e->text);
			CHECK_STR(err, e->err, "encode %u '%s' says why", e->code, e->text);
		}
	}
	/* a PCP server list holds at most 63 addresses: its length is one byte */
	char many[64 * 12];
	size_t at = 0;
	for (int k = 0; k < 64; k++)
		at += (size_t)snprintf(many + at, sizeof(many) - at, "%s198.18.1.%d", k ? "," : "",
		                       k);
	int r = opt_encode(158, many, buf, sizeof(buf), &n, err, sizeof(err));
	CHECK(r == -EINVAL, "encode 158 with 64 addresses fails");
	CHECK_STR(err, "server list 1 has more than 63 addresses", "encode 158: says why");
	many[strlen(many) - strlen(",198.18.1.63")] = 0;
	r = opt_encode(158, many, buf, sizeof(buf), &n, err, sizeof(err));
	CHECK(r == 0 && n == 253 && buf[0] == 252, "encode 158 with 63 addresses (%s)", err);
	/* too small a buffer */
	r = opt_encode(3, "198.18.0.1,198.18.0.2", buf, 5, &n, err, sizeof(err));
	CHECK(r == -ENOBUFS, "encode into 5 bytes: -ENOBUFS (%s)", err);
	/* the encoder for sub-options of a format without a space */
	struct wr w;
	wr_init(&w, buf, sizeof(buf));
	r = fmt_encode(FMT_SUBOPTS, NULL, "7=hex:01", &w, err, sizeof(err));
	CHECK(r == 0 && w.len == 3 && buf[0] == 7 && buf[1] == 1 && buf[2] == 1,
	      "fmt_encode sub-options without a space");
}

/* fmt_decode puts {key: value} or {"error": ...} under any parent */
static void
test_fmt_decode(void)
{
	static const uint8_t ip[] = {198, 18, 0, 1};
	struct out o = {rendered, sizeof(rendered), 0};

	arena_reset(&arena);
	struct val *obj = val_obj(&arena, NULL, NULL);
	fmt_decode(&arena, obj, "x", FMT_IP, NULL, ip, 4);
	fmt_decode(&arena, obj, "y", FMT_IP, NULL, ip, 3);
	fmt_decode(&arena, obj, "z", (enum fmt)200, NULL, ip, 2);
	render(&o, obj);
	CHECK_STR(rendered, "{x=198.18.0.1,error=error(length 3 is not 4),z=hex:c612}",
	          "fmt_decode value, error, unknown format");

	/* a full arena: nothing crashes and nothing is linked */
	static uint8_t tiny[200];
	struct val_arena small;
	arena_init(&small, tiny, sizeof(tiny));
	struct val *l = val_list(&small, NULL, NULL);
	for (int i = 0; i < 10; i++)
		opt_decode(&small, l, 61,
		           (const uint8_t *)"\xff\0\0\0\1\0\4"
		                            "0123456789abcdef",
		           23, NULL);
	CHECK(small.full, "a full arena is reported, decoding goes on");
}

/* --- (g) the option node and the printers ----------------------------------------------- */

/* what a printer wrote for v: text (out_text_options of a list) or JSON */
static const char *
printed(const struct val *v, bool json)
{
	static char buf[4096];
	FILE *fp = fmemopen(buf, sizeof(buf), "w");

	if (!fp)
		return "(fmemopen failed)";
	if (json)
		out_json(fp, v);
	else
		out_text_options(fp, v, 2, 0);
	fclose(fp);
	return buf;
}

/* the shape printers knew before VAL_OPT: an OBJ whose members code and name come first */
static struct val *
old_shape(struct val *list, const struct val *o)
{
	struct val *obj = val_obj(&arena, list, NULL);
	struct val *name;

	val_uint(&arena, obj, K(CODE), o->u);
	name = val_str(&arena, obj, K(NAME), (const uint8_t *)o->name, o->len);
	/* the same members follow (shared, not copied) */
	name->next = o->child;
	obj->last = o->last ? o->last : name;
	return obj;
}

static void
test_option_node(void)
{
	static const uint8_t lease[] = {0, 0, 0x0e, 0x10};
	static const uint8_t relay[] = {1, 4, 'p', 'o', 'r', 't', 5, 4, 198, 18, 0, 1};
	static const uint8_t odd[] = {1, 2, 3};
	char json[4096];

	arena_reset(&arena);
	struct val *list = val_list(&arena, NULL, K(OPTIONS));
	opt_decode(&arena, list, 51, lease, sizeof(lease), NULL);
	const struct val *o = list->last;
	CHECK(o && o->kind == VAL_OPT && o->u == 51 && o->key == NULL,
	      "an option is one VAL_OPT node with its code in u");
	CHECK(o && o->name == opt_table[51].name && o->len == strlen("lease-time"),
	      "its name is the table's, with the length");
	CHECK(o && o->child && o->child == o->last && o->child->key == K(VALUE) &&
	          o->child->kind == VAL_UINT && o->child->u == 3600,
	      "its one member is the value");
	CHECK(val_get(o, K(CODE)) == NULL && val_get(o, K(NAME)) == NULL,
	      "code and name are fields, not members");
	CHECK_STR(printed(list, false), "   51 lease-time                     3600 (1h)\n",
	          "text: an option on one line, the name padded");
	CHECK_STR(printed(list, true),
	          "[{\"code\":51,\"name\":\"lease-time\",\"value\":3600}]",
	          "json: code and name as the first members");

	/* sub-options: a node each, printed on lines of their own; a bad option keeps its bytes */
	arena_reset(&arena);
	list = val_list(&arena, NULL, K(OPTIONS));
	opt_decode(&arena, list, 82, relay, sizeof(relay), NULL);
	opt_decode(&arena, list, 1, odd, sizeof(odd), NULL);
	o = list->child;
	const struct val *sub = o && o->child ? o->child->child : NULL;
	CHECK(sub && sub->kind == VAL_OPT && sub->u == 1 && sub->len == 10 &&
	          !memcmp(sub->name, "circuit-id", 10),
	      "a sub-option is a VAL_OPT too");
	CHECK_STR(printed(list, false),
	          "   82 relay-agent-information\n"
	          "        1 circuit-id                     706f7274 |port|\n"
	          "        5 link-selection                 198.18.0.1\n"
	          "    1 subnet-mask                    error: length 3 is not 4 (raw 010203)\n",
	          "text: sub-options indented, an error in place of the value");
	snprintf(json, sizeof(json), "%s", printed(list, true));
	CHECK_STR(json,
	          "[{\"code\":82,\"name\":\"relay-agent-information\",\"value\":["
	          "{\"code\":1,\"name\":\"circuit-id\",\"value\":\"706f7274\"},"
	          "{\"code\":5,\"name\":\"link-selection\",\"value\":\"198.18.0.1\"}]},"
	          "{\"code\":1,\"name\":\"subnet-mask\",\"error\":\"length 3 is not 4\","
	          "\"raw\":\"010203\"}]",
	          "json: sub-options, an error with its raw bytes");

	/* the same members under the old shape print the same JSON */
	struct val *again = val_list(&arena, NULL, K(OPTIONS));
	for (const struct val *c = list->child; c; c = c->next)
		old_shape(again, c);
	CHECK_STR(printed(again, true), json, "json: the node prints as the old object did");

	/* a name is a string like any other: both printers still escape it */
	arena_reset(&arena);
	list = val_list(&arena, NULL, K(OPTIONS));
	struct val *x = val_opt(&arena, list, 7, "a\"b\x01", 4);
	val_uint(&arena, x, K(VALUE), 1);
	CHECK_STR(printed(list, false), "    7 a\\\"b\\x01                           1\n",
	          "text: a name with a quote and a control byte is escaped, then padded");
	CHECK_STR(printed(list, true),
	          "[{\"code\":7,\"name\":\"a\\\"b\\u0001\",\"value\":1}]",
	          "json: the same name escaped");

	/* an option where a line holds it (no decoder puts one there) reads as the object did */
	arena_reset(&arena);
	list = val_list(&arena, NULL, K(OPTIONS));
	x = val_opt(&arena, list, 9, "outer", 5);
	val_uint(&arena, x, K(VALUE), 1);
	struct val *extra = val_list(&arena, x, "extra");
	struct val *in = val_opt(&arena, extra, 1, "inner", 5);
	val_uint(&arena, in, K(VALUE), 2);
	old_shape(extra, in); /* the same option in the old shape, beside it */
	CHECK_STR(printed(list, false),
	          "    9 outer                          1 [extra [(code 1, name \"inner\", value 2), "
	          "(code 1, name \"inner\", value 2)]]\n",
	          "text: an option within a line shows its fields as members");
}

/* the printers' number writers against printf, at every change of digit count */
static void
test_numbers(void)
{
	char got[TXT_U64_MAX + 8], want[32];
	int bad = 0, tried = 0;
	uint64_t p = 1;

	for (int d = 0; d < 20; d++, p *= 10) {
		const uint64_t us[] = {p - 1, p, p + 1, p * 9 + (p - 1)};

		for (size_t k = 0; k < sizeof(us) / sizeof(us[0]); k++) {
			char *e = txt_u64(got, us[k]);

			*e = '\0';
			snprintf(want, sizeof(want), "%llu", (unsigned long long)us[k]);
			bad += strcmp(got, want) != 0;
			tried++;
		}
	}
	*txt_u64(got, UINT64_MAX) = '\0';
	CHECK_STR(got, "18446744073709551615", "txt_u64: the largest number");
	CHECK(bad == 0, "txt_u64: %d numbers around each power of ten as printf writes them", tried);
	*txt_i64(got, INT64_MIN) = '\0';
	CHECK_STR(got, "-9223372036854775808", "txt_i64: the smallest number");
	*txt_i64(got, -7) = '\0';
	CHECK_STR(got, "-7", "txt_i64: a small negative number");

	/* hex: every digit count and width up to 16 (wider counts as 16) */
	bad = tried = 0;
	for (int d = 0; d <= 16; d++) {
		uint64_t u = d == 16 ? UINT64_MAX : ((uint64_t)1 << (4 * d)) - 1;

		for (int w = 0; w <= 18; w++) {
			char *e = txt_hex(got, u ^ 0x5a5a5a5a5a5a5a5aull * (d > 8), w);

			*e = '\0';
			snprintf(want, sizeof(want), "0x%0*llx", w < 16 ? w : 16,
				 (unsigned long long)(u ^ 0x5a5a5a5a5a5a5a5aull * (d > 8)));
			bad += strcmp(got, want) != 0;
			tried++;
		}
	}
	CHECK(bad == 0, "txt_hex: %d numbers and widths as printf writes them", tried);

	/* hardware addresses of every length to 16 bytes */
	bad = tried = 0;
	for (size_t n = 0; n <= 16; n++) {
		uint8_t mac[16];
		char mgot[3 * 16 + 1], mwant[3 * 16 + 1] = "";

		for (size_t i = 0; i < n; i++) {
			mac[i] = (uint8_t)(0x0f + 0x3d * i);
			snprintf(mwant + strlen(mwant), sizeof(mwant) - strlen(mwant), "%s%02x",
				 i ? ":" : "", mac[i]);
		}
		*txt_mac(mgot, mac, n) = '\0';
		bad += strcmp(mgot, mwant) != 0;
		tried++;
	}
	CHECK(bad == 0, "txt_mac: %d lengths as printf writes them", tried);
}

/* both escapers on one string with every kind of byte they treat apart */
static void
test_escapes(void)
{
	/* plain, quote, backslash, tab, DEL, é (UTF-8), a lone 0xff, C1 U+0085, RLO U+202E, end */
	static const uint8_t s[] = "a\"b\\c\td\x7f\xc3\xa9\xff\xc2\x85\xe2\x80\xaez";
	char term[128], json[128] = "";
	FILE *fp = fmemopen(json, sizeof(json) - 1, "w");

	esc_term_buf(term, sizeof(term), s, sizeof(s) - 1);
	CHECK_STR(term, "a\\\"b\\\\c\\x09d\\x7f\xc3\xa9\\xff\\xc2\\x85\\xe2\\x80\\xaez",
		  "terminal escaping: quote, backslash, controls, bad and dangerous UTF-8");
	if (fp) {
		esc_json(fp, s, sizeof(s) - 1);
		fclose(fp);
	}
	CHECK_STR(json,
		  "a\\\"b\\\\c\\u0009d\\u007f\xc3\xa9\\\\xff\\\\xc2\\\\x85\\\\xe2\\\\x80\\\\xaez",
		  "JSON escaping of the same string");
}

int
main(void)
{
	arena_init(&arena, arena_buf, sizeof(arena_buf));
	test_numbers();
	test_escapes();
	test_tables();
	test_samples();
	test_rows();
	test_jumps();
	test_encode();
	test_fmt_decode();
	test_option_node();
	test_fuzz();
	return CHECK_DONE();
}
