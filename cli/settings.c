/* SPDX-License-Identifier: BSD-2-Clause */
/* settings.c - the probe settings a session holds: one table row a setting (its parser, field,
 * default, help and completion words); `set`, `unset`, `show settings` and the man page walk it */
#include "cli.h"
#include "opt.h"
#include "suggest.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Defaults. dnsmasq pings an address for ~3 s before its first OFFER (and
 * other servers do similar conflict checks), so the first retransmit
 * interval is 4 s: a healthy slow server answers inside it. Three tries with
 * RFC 2131 doubling wait 4 + 8 + 16 = 28 s before saying "no answer".
 */
#define DEF_TIMEOUT_MS 4000
#define DEF_TRIES 3
#define DEF_QUIET_MS 1500
#define MAX_TIMEOUT_MS 64000 /* RFC 2131 4.1: the backoff is capped at 64 s */
#define MAX_TRIES 10
#define DEF_WAIT WAIT_QUIET
#define SET_OFF 0xffffffffUL /* a SET_UINT row's off: all ones (-1 in an int field) */
#define MAX_DURATION_MS (7 * 86400000UL) /* any duration: a week (a deadline may be long) */
#define MIN_DEADLINE_MS 100

/* parameter request list sent unless the user overrides option 55: the
 * options a diagnosis wants to see (addressing, DNS, routes, time, boot) */
static const uint8_t default_prl[] = {1,  2,  3,  6,  12, 15, 26, 28,  33,  42,  43,
                                      44, 51, 54, 58, 59, 66, 67, 119, 121, 150, 252};

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static bool
parse_bool(const char *v, bool *ret)
{
	static const char *const yes[] = {"", "on", "yes", "true", "1"};
	static const char *const no[] = {"off", "no", "false", "0"};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!strcasecmp(v, yes[i]))
			return *ret = true, true;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (!strcasecmp(v, no[i]))
			return *ret = false, true;
	return false;
}

static bool
parse_uint(const char *v, unsigned long max, unsigned long *ret)
{
	char *end;
	unsigned long n;

	if (!v || !isdigit((unsigned char)*v))
		return false;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || *end || n > max)
		return false;
	*ret = n;
	return true;
}

/* "3s", "500ms", "1.5s", "2" (seconds) -> milliseconds */
static bool
parse_duration(const char *v, unsigned *ret_ms)
{
	char *end;
	double d;

	if (!v || !(isdigit((unsigned char)*v) || *v == '.'))
		return false;
	errno = 0;
	d = strtod(v, &end);
	if (errno || d < 0)
		return false;
	if (!strcmp(end, "ms"))
		;
	else if (!*end || !strcmp(end, "s"))
		d *= 1000;
	else if (!strcmp(end, "m") || !strcmp(end, "min"))
		d *= 60000;
	else if (!strcmp(end, "h"))
		d *= 3600000;
	else
		return false;
	if (d > MAX_DURATION_MS)
		return false;
	*ret_ms = (unsigned)(d + 0.5);
	return true;
}

/* "", "none" or "off": the setting is unset */
static bool
is_none(const char *v)
{
	return !*v || !strcmp(v, "none") || !strcmp(v, "off");
}

/* an address, or "", "none", "off", "0" for unset */
static bool
parse_ip(const char *v, bool allow_unset, uint32_t *ret)
{
	struct in_addr a;

	if (allow_unset && (is_none(v) || !strcmp(v, "0"))) {
		*ret = 0;
		return true;
	}
	if (inet_pton(AF_INET, v, &a) != 1)
		return false;
	*ret = ntohl(a.s_addr);
	return true;
}

/* aa:bb:cc:dd:ee:ff or aa-bb-cc-dd-ee-ff */
static bool
parse_mac(const char *v, uint8_t mac[6])
{
	unsigned b[6];
	char sep, tail;

	if (strlen(v) != 17)
		return false;
	sep = v[2];
	if (sep != ':' && sep != '-')
		return false;
	for (int i = 0; i < 6; i++) {
		if (!isxdigit((unsigned char)v[i * 3]) || !isxdigit((unsigned char)v[i * 3 + 1]))
			return false;
		if (i < 5 && v[i * 3 + 2] != sep)
			return false;
	}
	if (sscanf(v, sep == ':' ? "%2x:%2x:%2x:%2x:%2x:%2x%c" : "%2x-%2x-%2x-%2x-%2x-%2x%c", &b[0],
	           &b[1], &b[2], &b[3], &b[4], &b[5], &tail) != 6)
		return false;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return true;
}

/* set (or replace) option code in cfg */
static int
opt_put(struct probe_cfg *cfg, uint8_t code, const uint8_t *data, size_t len, char *err,
        size_t errlen)
{
	int i;

	if (len > sizeof(cfg->opts[0].data)) {
		snprintf(err, errlen, "value of option %u is too long (%zu bytes, at most %zu)",
		         code, len, sizeof(cfg->opts[0].data));
		return -EINVAL;
	}
	for (i = 0; i < cfg->nopts; i++)
		if (cfg->opts[i].code == code)
			break;
	if (i == cfg->nopts) {
		if (cfg->nopts == PROBE_MAX_OPTS) {
			snprintf(err, errlen, "too many options (at most %d)", PROBE_MAX_OPTS);
			return -EINVAL;
		}
		cfg->nopts++;
	}
	cfg->opts[i].code = code;
	cfg->opts[i].len = (uint16_t)len;
	memcpy(cfg->opts[i].data, data, len);
	return 0;
}

static void
opt_drop(struct probe_cfg *cfg, uint8_t code)
{
	for (int i = 0; i < cfg->nopts; i++) {
		if (cfg->opts[i].code == code) {
			memmove(&cfg->opts[i], &cfg->opts[i + 1],
			        sizeof(cfg->opts[0]) * (size_t)(cfg->nopts - i - 1));
			cfg->nopts--;
			return;
		}
	}
}

/* encode text through the option table and store it */
static int
opt_text(struct probe_cfg *cfg, uint8_t code, const char *text, char *err, size_t errlen)
{
	uint8_t buf[sizeof(cfg->opts[0].data)];
	size_t len = 0;
	char why[160] = "";
	int r = opt_encode(code, text, buf, sizeof(buf), &len, why, sizeof(why));

	if (r < 0) {
		snprintf(err, errlen, "option '%s': %s", opt_get(code)->name,
		         why[0] ? why : "bad value");
		return -EINVAL;
	}
	return opt_put(cfg, code, buf, len, err, errlen);
}

/* "NAME=VALUE" or "CODE=VALUE" */
static int
set_option(struct probe_cfg *cfg, const char *v, char *err, size_t errlen)
{
	const char *eq = strchr(v, '=');
	char name[64];
	int code;

	if (!eq || eq == v || (size_t)(eq - v) >= sizeof(name))
		return fail(err, errlen, "option: expected NAME=VALUE or CODE=VALUE, got '%s'", v);
	memcpy(name, v, (size_t)(eq - v));
	name[eq - v] = '\0';
	code = opt_by_name(name);
	if (code <= 0 || code == 255) {
		char h[96];

		return fail(err, errlen, "option: unknown option '%s'%s", name,
			    cmd_hint(h, sizeof(h), opt_suggest(name), "see 'options'"));
	}
	if (code == 53)
		return fail(err, errlen, "option: '%s' is set by each command itself", name);
	return opt_text(cfg, (uint8_t)code, eq + 1, err, errlen);
}

static int
set_allow(struct probe_cfg *cfg, const char *v, char *err, size_t errlen)
{
	struct allow_entry list[PROBE_MAX_ALLOW];
	char buf[1024], *save = NULL, *tok;
	int n = 0;

	if (is_none(v)) {
		cfg->nallow = 0;
		return 0;
	}
	if (strlen(v) >= sizeof(buf))
		return fail(err, errlen, "allow-server: list too long");
	strcpy(buf, v);
	for (tok = strtok_r(buf, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		struct allow_entry e = {0};

		if (n == PROBE_MAX_ALLOW)
			return fail(err, errlen, "allow-server: at most 16 entries");
		if (parse_mac(tok, e.mac))
			e.is_mac = true;
		else if (!parse_ip(tok, false, &e.ip))
			return fail(err, errlen,
			            "allow-server: '%s' is neither an IPv4 address nor a MAC", tok);
		list[n++] = e;
	}
	memcpy(cfg->allow, list, sizeof(list[0]) * (size_t)n); /* a bad list changes nothing */
	cfg->nallow = n;
	return 0;
}

static bool
valid_ifname(const char *v)
{
	if (!*v || strlen(v) >= IFNAMSIZ || !strcmp(v, ".") || !strcmp(v, ".."))
		return false;
	for (const char *p = v; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p) ||
		    !isprint((unsigned char)*p))
			return false;
	return true;
}

static void
show_ip(FILE *fp, uint32_t ip)
{
	fprintf(fp, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
}

/* 1500 -> "1500ms", 4000 -> "4s" */
static void
fmt_ms(char *buf, size_t n, unsigned long ms)
{
	if (ms % 1000)
		snprintf(buf, n, "%lums", ms);
	else
		snprintf(buf, n, "%lus", ms / 1000);
}

static void
show_mac(FILE *fp, const uint8_t *m)
{
	fprintf(fp, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static const struct probe_opt *
find_opt(const struct probe_cfg *cfg, uint8_t code)
{
	for (int i = 0; i < cfg->nopts; i++)
		if (cfg->opts[i].code == code)
			return &cfg->opts[i];
	return NULL;
}

static void
show_bytes(FILE *fp, const struct probe_opt *o)
{
	bool text = o->len > 0;

	for (unsigned i = 0; i < o->len; i++)
		if (!isprint(o->data[i]) || o->data[i] == '"' || o->data[i] == '\\')
			text = false;
	if (text) {
		fprintf(fp, "\"%.*s\"", (int)o->len, (const char *)o->data);
		return;
	}
	fputs("hex:", fp);
	for (unsigned i = 0; i < o->len; i++)
		fprintf(fp, "%02x", o->data[i]);
}

/* ------------------------------------------------------------ the fields */

#define CFG_SIZE(m) sizeof(((struct probe_cfg *)0)->m)
/* a number field: 1, 2 or 4 bytes (num_get, num_put), checked by the compiler */
#define NUM(m)                                                                                     \
	.off = offsetof(struct probe_cfg, m),                                                      \
	.size =                                                                                    \
	    CFG_SIZE(m) +                                                                          \
	    0 * sizeof(char[CFG_SIZE(m) == 1 || CFG_SIZE(m) == 2 || CFG_SIZE(m) == 4 ? 1 : -1])
/* a char array */
#define BUF(m) .off = offsetof(struct probe_cfg, m), .size = CFG_SIZE(m)

static uint32_t
num_get(const struct probe_cfg *cfg, const struct setting *st)
{
	const unsigned char *p = (const unsigned char *)cfg + st->off;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;

	switch (st->size) {
	case 1:
		memcpy(&u8, p, 1);
		return u8;
	case 2:
		memcpy(&u16, p, 2);
		return u16;
	default:
		memcpy(&u32, p, 4);
		return u32;
	}
}

/* v is cut to the field's width: SET_OFF becomes -1 in an int */
static void
num_put(struct probe_cfg *cfg, const struct setting *st, unsigned long v)
{
	unsigned char *p = (unsigned char *)cfg + st->off;
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;

	switch (st->size) {
	case 1:
		memcpy(p, &u8, 1);
		break;
	case 2:
		memcpy(p, &u16, 2);
		break;
	default:
		memcpy(p, &u32, 4);
		break;
	}
}

static bool
num_is_off(const struct probe_cfg *cfg, const struct setting *st)
{
	return st->none && num_get(cfg, st) == (uint32_t)(SET_OFF >> (32 - 8 * st->size));
}

static char *
str_field(struct probe_cfg *cfg, const struct setting *st)
{
	return (char *)cfg + st->off;
}

static const char *
str_get(const struct probe_cfg *cfg, const struct setting *st)
{
	return (const char *)cfg + st->off;
}

static void
show_none(FILE *fp, const struct setting *st)
{
	fputs(st->none ? st->none : "-", fp);
}

/* "KEY: expected PHRASE, got 'V'": the row's phrase, or its kind's */
static int
bad_value(const struct setting *st, const char *v, char *err, size_t errlen)
{
	char phrase[256], lo[32], hi[32];
	size_t o = 0;

	if (st->expect)
		return fail(err, errlen, "%s: expected %s, got '%s'", st->key, st->expect, v);
	switch (st->kind) {
	case SET_BOOL:
		snprintf(phrase, sizeof(phrase), "on or off");
		break;
	case SET_UINT:
		snprintf(phrase, sizeof(phrase), "%lu-%lu%s%s%s", st->min, st->max,
		         st->none ? " or '" : "", st->none ? st->none : "", st->none ? "'" : "");
		break;
	case SET_MS:
		fmt_ms(lo, sizeof(lo), st->min);
		fmt_ms(hi, sizeof(hi), st->max);
		snprintf(phrase, sizeof(phrase), "a duration from %s to %s", lo, hi);
		break;
	case SET_ENUM:
		phrase[0] = '\0';
		for (int i = 0; st->words[i] && o < sizeof(phrase); i++)
			o += (size_t)snprintf(phrase + o, sizeof(phrase) - o, "%s%s",
			                      i == 0             ? ""
			                      : st->words[i + 1] ? ", "
			                                         : " or ",
			                      st->words[i]);
		break;
	case SET_IP:
		return fail(err, errlen, "%s: '%s' is not an IPv4 address", st->key, v);
	case SET_IFACE:
		return fail(err, errlen, "%s: '%s' is not an interface name", st->key, v);
	default:
		snprintf(phrase, sizeof(phrase), "%s", st->value ? st->value : "a value");
		break;
	}
	return fail(err, errlen, "%s: expected %s, got '%s'", st->key, phrase, v);
}

/* ------------------------------------------------- one parser etc. a kind */

static int
parse_bool_kind(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                size_t errlen)
{
	bool b;

	if (!parse_bool(v, &b))
		return bad_value(st, v, err, errlen);
	num_put(cfg, st, b);
	return 0;
}

static void
show_bool_kind(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	fputs(num_get(cfg, st) ? "on" : "off", fp);
}

static int
parse_uint_kind(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                size_t errlen)
{
	unsigned long n;

	if (st->none && is_none(v)) {
		num_put(cfg, st, SET_OFF);
		return 0;
	}
	if (!parse_uint(v, st->max, &n) || n < st->min)
		return bad_value(st, v, err, errlen);
	num_put(cfg, st, n);
	return 0;
}

static void
show_uint_kind(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	if (num_is_off(cfg, st))
		show_none(fp, st);
	else
		fprintf(fp, "%lu", (unsigned long)num_get(cfg, st));
}

static int
parse_ms_kind(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
              size_t errlen)
{
	unsigned ms;

	if (!parse_duration(v, &ms) || ms < st->min || ms > st->max)
		return bad_value(st, v, err, errlen);
	num_put(cfg, st, ms);
	return 0;
}

static void
show_ms_kind(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	char buf[32];

	fmt_ms(buf, sizeof(buf), num_get(cfg, st));
	fputs(buf, fp);
}

static int
parse_ip_kind(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
              size_t errlen)
{
	uint32_t ip;

	if (!parse_ip(v, true, &ip))
		return bad_value(st, v, err, errlen);
	num_put(cfg, st, ip);
	return 0;
}

static void
show_ip_kind(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	uint32_t ip = num_get(cfg, st);

	if (ip)
		show_ip(fp, ip);
	else
		show_none(fp, st);
}

static int
parse_enum_kind(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                size_t errlen)
{
	for (int i = 0; st->words[i]; i++) {
		if (!strcmp(v, st->words[i])) {
			num_put(cfg, st, (unsigned long)i);
			return 0;
		}
	}
	return bad_value(st, v, err, errlen);
}

static void
show_enum_kind(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	uint32_t v = num_get(cfg, st);

	for (uint32_t i = 0; st->words[i]; i++) {
		if (i == v) {
			fputs(st->words[i], fp);
			return;
		}
	}
	fputs("?", fp);
}

static void
reset_num_kind(struct probe_cfg *cfg, const struct setting *st)
{
	num_put(cfg, st, st->def);
}

static int
parse_path_kind(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                size_t errlen)
{
	if (strlen(v) >= st->size)
		return fail(err, errlen, "%s: file name too long", st->key);
	snprintf(str_field(cfg, st), st->size, "%s", v);
	return 0;
}

static int
parse_iface_kind(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                 size_t errlen)
{
	if (!valid_ifname(v) || strlen(v) >= st->size)
		return bad_value(st, v, err, errlen);
	snprintf(str_field(cfg, st), st->size, "%s", v);
	return 0;
}

static void
show_str_kind(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	const char *v = str_get(cfg, st);

	if (v[0])
		fputs(v, fp);
	else
		show_none(fp, st);
}

static void
reset_str_kind(struct probe_cfg *cfg, const struct setting *st)
{
	str_field(cfg, st)[0] = '\0';
}

static int
parse_opt_kind(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
               size_t errlen)
{
	return opt_text(cfg, st->code, v, err, errlen);
}

static void
show_opt_kind(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	const struct probe_opt *o = find_opt(cfg, st->code);

	if (o)
		show_bytes(fp, o);
	else
		show_none(fp, st);
}

static void
reset_opt_kind(struct probe_cfg *cfg, const struct setting *st)
{
	opt_drop(cfg, st->code);
}

static const char *const on_off[] = {"on", "off", NULL};

static const struct {
	setting_parse_fn parse;
	setting_show_fn show;
	setting_reset_fn reset;
	const char *const *words; /* what a value completes to when the row names none */
} kinds[SET_KIND_MAX] = {
    [SET_BOOL] = {parse_bool_kind, show_bool_kind, reset_num_kind, on_off},
    [SET_UINT] = {parse_uint_kind, show_uint_kind, reset_num_kind, NULL},
    [SET_MS] = {parse_ms_kind, show_ms_kind, reset_num_kind, NULL},
    [SET_IP] = {parse_ip_kind, show_ip_kind, reset_num_kind, NULL},
    [SET_ENUM] = {parse_enum_kind, show_enum_kind, reset_num_kind, NULL},
    [SET_PATH] = {parse_path_kind, show_str_kind, reset_str_kind, NULL},
    [SET_IFACE] = {parse_iface_kind, show_str_kind, reset_str_kind, NULL},
    [SET_OPT] = {parse_opt_kind, show_opt_kind, reset_opt_kind, NULL},
    [SET_CUSTOM] = {NULL, NULL, NULL, NULL}, /* the row brings its own */
};

/* ------------------------------------------------------ special settings */

/* an option that a SET_OPT row of its own sets (client-id, hostname, vendor-class) */
static bool
own_row(uint8_t code)
{
	for (int k = 0; k < settings_count; k++)
		if (settings_table[k].kind == SET_OPT && settings_table[k].code == code)
			return true;
	return false;
}

static int
parse_mac_row(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
              size_t errlen)
{
	uint8_t mac[6];

	(void)st;
	if (!strcmp(v, "random")) {
		cfg->mac_random = true;
	} else if (parse_mac(v, mac)) {
		if (mac[0] & 1)
			return fail(err, errlen, "mac: '%s' is a multicast address", v);
		memcpy(cfg->mac, mac, sizeof(mac));
		cfg->mac_random = false;
	} else {
		return fail(err, errlen, "mac: expected aa:bb:cc:dd:ee:ff or 'random', got '%s'",
		            v);
	}
	return 0;
}

static void
show_mac_row(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	(void)st;
	if (cfg->mac_random)
		fputs("random", fp);
	else
		show_mac(fp, cfg->mac);
}

static void
reset_mac_row(struct probe_cfg *cfg, const struct setting *st)
{
	(void)st;
	cfg->mac_random = true;
	memset(cfg->mac, 0, sizeof(cfg->mac));
}

/* eth-src: chaddr (the default), own (the interface's MAC), or a fixed MAC */
static int
parse_eth_src_row(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                  size_t errlen)
{
	uint8_t mac[6];

	(void)st;
	if (!strcmp(v, "chaddr") || !strcmp(v, "own")) {
		cfg->eth_src_set = false;
		cfg->eth_src_own = v[0] == 'o';
	} else if (parse_mac(v, mac) && !(mac[0] & 1)) {
		memcpy(cfg->eth_src, mac, sizeof(mac));
		cfg->eth_src_set = true;
		cfg->eth_src_own = false;
	} else {
		return fail(err, errlen,
		            "eth-src: expected 'chaddr', 'own' or a unicast aa:bb:cc:dd:ee:ff, got '%s'",
		            v);
	}
	return 0;
}

static void
show_eth_src_row(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	(void)st;
	if (cfg->eth_src_set)
		show_mac(fp, cfg->eth_src);
	else
		fputs(cfg->eth_src_own ? "own" : "chaddr", fp);
}

static void
reset_eth_src_row(struct probe_cfg *cfg, const struct setting *st)
{
	(void)st;
	cfg->eth_src_set = cfg->eth_src_own = false;
	memset(cfg->eth_src, 0, sizeof(cfg->eth_src));
}

static int
parse_option_row(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                 size_t errlen)
{
	(void)st;
	return set_option(cfg, v, err, errlen);
}

/* one option a line; those with a row of their own are shown there */
static void
show_option_row(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	int shown = 0;

	for (int i = 0; i < cfg->nopts; i++) {
		const struct probe_opt *o = &cfg->opts[i];

		if (own_row(o->code))
			continue;
		if (shown++)
			fprintf(fp, "\n%-18s ", "");
		fprintf(fp, "%s=", opt_get(o->code)->name);
		if (o->code == 55) {
			for (unsigned j = 0; j < o->len; j++)
				fprintf(fp, "%s%u", j ? "," : "", o->data[j]);
		} else {
			show_bytes(fp, o);
		}
	}
	if (!shown)
		show_none(fp, st);
}

/* back to the default list (the parameter request list), keeping what the
 * options' own rows set */
static void
reset_option_row(struct probe_cfg *cfg, const struct setting *st)
{
	int n = 0;

	(void)st;
	for (int i = 0; i < cfg->nopts; i++) /* kept ones to the front, in order */
		if (own_row(cfg->opts[i].code) && n < PROBE_MAX_OPTS - 1)
			memmove(&cfg->opts[n++], &cfg->opts[i], sizeof(cfg->opts[0]));
	memmove(&cfg->opts[1], &cfg->opts[0], sizeof(cfg->opts[0]) * (size_t)n);
	memset(&cfg->opts[n + 1], 0, sizeof(cfg->opts[0]) * (size_t)(PROBE_MAX_OPTS - n - 1));
	memset(&cfg->opts[0], 0, sizeof(cfg->opts[0]));
	cfg->opts[0].code = 55;
	cfg->opts[0].len = sizeof(default_prl);
	memcpy(cfg->opts[0].data, default_prl, sizeof(default_prl));
	cfg->nopts = n + 1;
}

static int
parse_allow_row(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                size_t errlen)
{
	(void)st;
	return set_allow(cfg, v, err, errlen);
}

static void
show_allow_row(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	for (int i = 0; i < cfg->nallow; i++) {
		if (i)
			fputs(",", fp);
		if (cfg->allow[i].is_mac)
			show_mac(fp, cfg->allow[i].mac);
		else
			show_ip(fp, cfg->allow[i].ip);
	}
	if (!cfg->nallow)
		show_none(fp, st);
}

static void
reset_allow_row(struct probe_cfg *cfg, const struct setting *st)
{
	(void)st;
	cfg->nallow = 0;
}

/* naming a count only makes sense with wait servers: it sets that too */
static int
parse_servers_row(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                  size_t errlen)
{
	int r = parse_uint_kind(cfg, st, v, err, errlen);

	if (r == 0)
		cfg->wait = WAIT_SERVERS;
	return r;
}

static void
reset_servers_row(struct probe_cfg *cfg, const struct setting *st)
{
	reset_num_kind(cfg, st);
	if (cfg->wait == WAIT_SERVERS)
		cfg->wait = DEF_WAIT;
}

static void
show_secs_row(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	(void)st;
	fprintf(fp, "%u%s", cfg->secs, cfg->secs ? "" : " (time since the first try)");
}

/* deadline: a duration, or off (none) */
static int
parse_deadline_row(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                   size_t errlen)
{
	unsigned ms;

	(void)st;
	if (is_none(v) || !strcmp(v, "0")) {
		cfg->deadline_ms = 0;
		return 0;
	}
	if (!parse_duration(v, &ms) || ms < MIN_DEADLINE_MS)
		return fail(err, errlen,
		            "deadline: expected a duration from 100ms to 7 days (\"30s\", \"5m\", "
		            "\"2h\") or 'off', got '%s'",
		            v);
	cfg->deadline_ms = ms;
	return 0;
}

static void
show_deadline_row(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	char buf[32];

	(void)st;
	if (!cfg->deadline_ms) {
		fputs("off", fp);
		return;
	}
	fmt_ms(buf, sizeof(buf), cfg->deadline_ms);
	fputs(buf, fp);
}

static void
reset_deadline_row(struct probe_cfg *cfg, const struct setting *st)
{
	(void)st;
	cfg->deadline_ms = 0;
}

/* output: text, json (packet and result lines) or results (the result lines only) */
static const char *const output_words[] = {"text", "json", "results", NULL};

static int
parse_output_row(struct probe_cfg *cfg, const struct setting *st, const char *v, char *err,
                 size_t errlen)
{
	for (int i = 0; output_words[i]; i++) {
		if (!strcmp(v, output_words[i])) {
			cfg->json = i > 0;
			cfg->json_results = i == 2;
			return 0;
		}
	}
	return bad_value(st, v, err, errlen);
}

static void
show_output_row(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	(void)st;
	fputs(output_words[cfg->json ? cfg->json_results ? 2 : 1 : 0], fp);
}

static void
reset_output_row(struct probe_cfg *cfg, const struct setting *st)
{
	(void)st;
	cfg->json = cfg->json_results = false;
}

/* ------------------------------------------------------------- the table */

static const char *const wait_words[] = {"quiet", "first", "servers", "all", NULL};
_Static_assert(sizeof(wait_words) / sizeof(wait_words[0]) == WAIT_MAX + 1, "wait_words");
static const char *const off_words[] = {"off", NULL};
static const char *const random_words[] = {"random", NULL};
static const char *const eth_src_words[] = {"chaddr", "own", NULL};

/* the order is that of `show settings`, `help set` and the man page; a row a few lines
 * (clang-format would put every field on a line of its own) */
/* clang-format off */
const struct setting settings_table[] = {
    {.key = "interface", .value = "<IFACE>", .kind = SET_IFACE, BUF(ifname),
     .compl = COMPL_IFACE, .none = "- (none chosen)",
     .help = "interface to probe on (required)"},
    {.key = "mac", .value = "<aa:bb:cc:dd:ee:ff|random>", .kind = SET_CUSTOM,
     .words = random_words,
     .help = "client hardware address (chaddr); random = a fresh one per session",
     .parse = parse_mac_row, .show = show_mac_row, .reset = reset_mac_row},
    {.key = "eth-src", .value = "<chaddr|own|aa:bb:cc:dd:ee:ff>", .kind = SET_CUSTOM,
     .words = eth_src_words,
     .help = "Ethernet source of probes: chaddr, or own (always on wireless links)",
     .parse = parse_eth_src_row, .show = show_eth_src_row, .reset = reset_eth_src_row},
    {.key = "client-id", .value = "<TEXT|hex:..>", .kind = SET_OPT, .code = 61,
     .help = "client identifier (option 61)"},
    {.key = "hostname", .value = "<NAME>", .kind = SET_OPT, .code = 12,
     .help = "host name (option 12)"},
    {.key = "vendor-class", .value = "<TEXT>", .kind = SET_OPT, .code = 60,
     .help = "vendor class identifier (option 60)"},
    {.key = "option", .value = "<NAME|CODE=VALUE>", .kind = SET_CUSTOM, .compl = COMPL_OPTION,
     .help = "add an option to send (repeatable; the same code replaces)",
     .parse = parse_option_row, .show = show_option_row, .reset = reset_option_row},
    {.key = "broadcast", .value = "<on|off>", .kind = SET_BOOL, NUM(broadcast),
     .help = "set the BOOTP broadcast flag"},
    {.key = "ciaddr", .value = "<A.B.C.D>", .kind = SET_IP, NUM(ciaddr),
     .help = "client address field (ciaddr)"},
    {.key = "requested-address", .value = "<A.B.C.D>", .kind = SET_IP, NUM(requested),
     .help = "requested address (option 50)"},
    {.key = "server-id", .value = "<A.B.C.D>", .kind = SET_IP, NUM(server_id),
     .help = "server identifier (option 54)"},
    {.key = "secs", .value = "<N>", .kind = SET_UINT, NUM(secs), .max = 65535,
     .help = "seconds field (0 = time since the first try)", .show = show_secs_row},
    {.key = "timeout", .value = "<4s|500ms|N>", .kind = SET_MS, NUM(timeout_ms), .min = 100,
     .max = MAX_TIMEOUT_MS, .def = DEF_TIMEOUT_MS,
     .expect = "a duration from 100ms to 64s (\"4s\", \"500ms\", \"2\")",
     .help = "first retransmit interval; doubles per try (RFC 2131), at most 64 s"},
    {.key = "tries", .value = "<N>", .kind = SET_UINT, NUM(tries), .min = 1, .max = MAX_TRIES,
     .def = DEF_TRIES,
     .help = "transmissions per step (1-10); a RELEASE is sent this often (at least twice)"},
    {.key = "wait", .value = "<quiet|first|servers|all>", .kind = SET_ENUM, NUM(wait),
     .def = DEF_WAIT, .words = wait_words,
     .help = "when a discover ends: quiet period, first answer, N servers, whole window"},
    {.key = "servers", .value = "<N>", .kind = SET_UINT, NUM(servers), .min = 1, .max = 64,
     .def = 1, .help = "end after N distinct servers answered (wait servers)",
     .parse = parse_servers_row, .reset = reset_servers_row},
    {.key = "quiet", .value = "<1.5s|N>", .kind = SET_MS, NUM(quiet_ms), .min = 50,
     .max = MAX_TIMEOUT_MS, .def = DEF_QUIET_MS,
     .help = "quiet period after the last reply (wait quiet)"},
    {.key = "relay", .value = "<SERVER-IP|off>", .kind = SET_IP, NUM(relay), .words = off_words,
     .none = "off", .expect = "a server address or 'off'",
     .help = "act as a relay agent and unicast to this server (UDP port 67)"},
    {.key = "vlan", .value = "<VID|off>", .kind = SET_UINT, NUM(vlan), .min = 1, .max = 4094,
     .def = SET_OFF, .words = off_words, .none = "off",
     .help = "tag frames with this 802.1Q VLAN id"},
    {.key = "allow-server", .value = "<IP|MAC[,...]>", .kind = SET_CUSTOM,
     .none = "- (any server)", .help = "servers expected to answer; any other is flagged rogue",
     .parse = parse_allow_row, .show = show_allow_row, .reset = reset_allow_row},
    {.key = "keep", .value = "<on|off>", .kind = SET_BOOL, NUM(keep),
     .help = "keep an obtained lease instead of releasing it"},
    {.key = "write", .value = "<FILE.pcap>", .kind = SET_PATH, BUF(write_path),
     .compl = COMPL_FILE,
     .help = "write every frame the session sends and receives to this pcap file, as it goes "
             "(-w FILE; one file for the session: later commands append)"},
    {.key = "metrics", .value = "<FILE.prom>", .kind = SET_PATH, BUF(metrics_path),
     .compl = COMPL_FILE,
     .help = "write Prometheus metrics of check, diagnose, discover and watch to this file"},
    {.key = "deadline", .value = "<30s|5m|off>", .kind = SET_CUSTOM, .words = off_words,
     .help = "the longest the run may take (after one command: that command); then it stops "
             "as on Ctrl-C, leases are released, exit status 124",
     .parse = parse_deadline_row, .show = show_deadline_row, .reset = reset_deadline_row},
    {.key = "output", .value = "<text|json|results>", .kind = SET_CUSTOM, .words = output_words,
     .expect = "text, json or results",
     .help = "output format; results: JSON result lines only, no packet lines",
     .parse = parse_output_row, .show = show_output_row, .reset = reset_output_row},
    {.key = "brief", .value = "<on|off>", .kind = SET_BOOL, NUM(brief),
     .help = "text output of one line a reply (probes) or a packet (decode)"},
};
/* clang-format on */
const int settings_count = (int)(sizeof(settings_table) / sizeof(settings_table[0]));

/* ------------------------------------------------------- walking the table */

const struct setting *
settings_find(const char *key, size_t n)
{
	for (int k = 0; k < settings_count; k++)
		if (strlen(settings_table[k].key) == n && !strncmp(settings_table[k].key, key, n))
			return &settings_table[k];
	return NULL;
}

const char *
settings_suggest(const char *key)
{
	struct suggest sg;

	suggest_init(&sg, key);
	for (int k = 0; k < settings_count; k++)
		suggest_add(&sg, settings_table[k].key);
	return suggest_best(&sg);
}

const char *const *
settings_words(const struct setting *st)
{
	return st->words ? st->words : kinds[st->kind].words;
}

static void
row_show(FILE *fp, const struct probe_cfg *cfg, const struct setting *st)
{
	(st->show ? st->show : kinds[st->kind].show)(fp, cfg, st);
}

static void
row_reset(struct probe_cfg *cfg, const struct setting *st)
{
	(st->reset ? st->reset : kinds[st->kind].reset)(cfg, st);
}

int
settings_apply(struct probe_cfg *cfg, const char *key, const char *value, char *err, size_t errlen)
{
	const struct setting *st = key ? settings_find(key, strlen(key)) : NULL;

	if (!key)
		return fail(err, errlen, "no setting named");
	if (!st) {
		char h[96];

		return fail(err, errlen, "no setting named '%s'%s", key,
			    cmd_hint(h, sizeof(h), settings_suggest(key), "see 'show settings'"));
	}
	return (st->parse ? st->parse : kinds[st->kind].parse)(cfg, st, value ? value : "", err,
	                                                       errlen);
}

int
settings_reset(struct probe_cfg *cfg, const char *key, char *err, size_t errlen)
{
	const struct setting *st = key ? settings_find(key, strlen(key)) : NULL;

	if (!key)
		return fail(err, errlen, "no setting named");
	if (!st)
		return fail(err, errlen, "no setting named '%s' (see 'show settings')", key);
	row_reset(cfg, st);
	return 0;
}

void
settings_defaults(struct probe_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	for (int k = 0; k < settings_count; k++)
		row_reset(cfg, &settings_table[k]);
}

void
settings_show(FILE *fp, const struct probe_cfg *cfg)
{
	for (int k = 0; k < settings_count; k++) {
		fprintf(fp, "%-18s ", settings_table[k].key);
		row_show(fp, cfg, &settings_table[k]);
		fputc('\n', fp);
	}
}

/* ---------------------------------------------------------- the man page */

/* text for troff: '-' is a minus (option names are typed as shown), '\' escaped,
 * a line may break after a comma or '=' (a long list of codes) */
static void
man_text(FILE *fp, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		if (s[i] == '-')
			fputs("\\-", fp);
		else if (s[i] == '\\')
			fputs("\\e", fp);
		else if (s[i] == ',' || s[i] == '=')
			fprintf(fp, "%c\\:", s[i]);
		else
			fputc(s[i], fp);
	}
}

static bool
is_word(const struct setting *st, const char *s, size_t n)
{
	const char *const *w = settings_words(st);

	for (int i = 0; w && w[i]; i++)
		if (strlen(w[i]) == n && !strncmp(w[i], s, n))
			return true;
	return false;
}

/* "<aa:bb:..|random>" -> literal words bold, the rest italic, separators roman */
static void
man_value(FILE *fp, const struct setting *st)
{
	const char *v = st->value ? st->value : "";
	size_t n = strlen(v);

	if (n >= 2 && v[0] == '<' && v[n - 1] == '>') {
		v++;
		n -= 2;
	}
	for (size_t i = 0; i < n;) {
		size_t r = 0;

		while (i + r < n && !strchr("|[],", v[i + r]))
			r++;
		if (r == 0) {
			fprintf(fp, "\\fR%c", v[i++]);
			continue;
		}
		fprintf(fp, "\\f%c", is_word(st, v + i, r) ? 'B' : 'I');
		man_text(fp, v + i, r);
		i += r;
	}
	fputs("\\fR", fp);
}

void
settings_man(FILE *fp)
{
	struct probe_cfg *d = malloc(sizeof(*d));

	if (!d)
		return;
	settings_defaults(d);
	for (int k = 0; k < settings_count; k++) {
		const struct setting *st = &settings_table[k];
		char *def = NULL;
		size_t deflen = 0;
		FILE *mem = open_memstream(&def, &deflen);

		fputs(".TP\n\\fB", fp);
		man_text(fp, st->key, strlen(st->key));
		fputs("\\fR ", fp);
		man_value(fp, st);
		fprintf(fp, "\n%s.\n", st->help ? st->help : "");
		if (setting_is_flag(st)) {
			fputs(".br\nAs a flag: \\fB\\-\\-", fp);
			man_text(fp, st->key, strlen(st->key));
			fputs("\\fR, \\fB\\-\\-no\\-", fp);
			man_text(fp, st->key, strlen(st->key));
			fputs("\\fR.\n", fp);
		}
		/* the default as `show settings` prints it in a new session; "-" is none */
		if (mem) {
			row_show(mem, d, st);
			fclose(mem);
		}
		if (def && def[0] && def[0] != '-' && !strchr(def, '\n')) {
			const char *paren = strstr(def, " (");
			size_t b = paren ? (size_t)(paren - def) : strlen(def);

			fputs(".br\n.ad l\nDefault: \\fB",
			      fp); /* a long list: no gaps to stretch */
			man_text(fp, def, b);
			fputs("\\fR", fp);
			man_text(fp, def + b, strlen(def + b));
			fputs(".\n.ad b\n", fp);
		}
		free(def);
	}
	free(d);
}
