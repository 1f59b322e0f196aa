/* SPDX-License-Identifier: BSD-2-Clause */
/* opt_loc.c - location options, both directions: 99 civic address (RFC 4776), 123 and 144
 * coordinates (RFC 6225) */
#include "opt_int.h"
#include "reader.h"
#include "value.h"
#include "writer.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- 99 civic address ---------------------------------------------------------------- */

/* RFC 4776 3.2: whose location this is */
static const char *const what_names[3] = {"server", "network-element", "client"};

/* CAtypes, RFC 4776 3.4 and the IANA civic address types registry (PIDF-LO names) */
static const char *const catype_names[40] = {
    [0] = "language", [1] = "a1",     [2] = "a2",     [3] = "a3",       [4] = "a4",
    [5] = "a5",       [6] = "a6",     [16] = "prd",   [17] = "pod",     [18] = "sts",
    [19] = "hno",     [20] = "hns",   [21] = "lmk",   [22] = "loc",     [23] = "nam",
    [24] = "pc",      [25] = "bld",   [26] = "unit",  [27] = "flr",     [28] = "room",
    [29] = "plc",     [30] = "pcn",   [31] = "pobox", [32] = "addcode", [33] = "seat",
    [34] = "rd",      [35] = "rdsec", [36] = "rdbr",  [37] = "rdsubbr", [38] = "prm",
    [39] = "pom",
};
#define CATYPE_SCRIPT 128

static const char *
catype_name(uint8_t t)
{
	if (t == CATYPE_SCRIPT)
		return "script";
	return t < sizeof(catype_names) / sizeof(catype_names[0]) ? catype_names[t] : NULL;
}

struct val *
opt_dec_civic(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t what = rd_u8(r);
	const uint8_t *cc = rd_bytes(r, 2);
	size_t i = 0;

	(void)def;
	if (!cc)
		return NULL;
	struct val *o = val_obj(d->a, NULL, key);
	val_enum(d->a, o, "what", what, what < 3 ? what_names[what] : NULL);
	val_str(d->a, o, "country", cc, 2);
	struct val *l = val_list(d->a, o, "elements");
	/* every pass reads a type byte, so this ends */
	while (rd_left(r)) {
		uint8_t type = rd_u8(r);
		i++;
		if (!rd_left(r)) {
			d->err = opt_errf(d->a, "element ", i, " (type ", type, ") has no length");
			return NULL;
		}
		uint8_t len = rd_u8(r);
		if (len > rd_left(r)) {
			d->err = opt_errf(d->a, "element ", i, " has length ", len,
			                  " past the end of the option");
			return NULL;
		}
		struct val *e = val_obj(d->a, l, NULL);
		val_enum(d->a, e, "type", type, catype_name(type));
		val_str(d->a, e, "value", rd_bytes(r, len), len);
	}
	return o;
}

/* "WHAT,CC[,TYPE=VALUE...]": WHAT server, network-element, client or 0-255; TYPE a name or 0-255 */
int
opt_enc_civic(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t v = 256;
	int r;

	(void)def;
	if ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) < 0)
		return r;
	for (unsigned k = 0; r && k < 3; k++)
		if (!strcasecmp(item, what_names[k]))
			v = k;
	if (!r || (v > 255 && !opt_parse_num(item, 255, &v)))
		return opt_einval(
		    err, errlen,
		    "'%s' does not start with server, network-element, client or 0-255", text);
	wr_u8(w, (uint8_t)v);
	if ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) < 0)
		return r;
	if (!r || strlen(item) != 2)
		return opt_einval(err, errlen, "'%s' has no two-letter country code second", text);
	wr_bytes(w, item, 2);
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		char *eq = strchr(item, '=');
		if (!eq)
			return opt_einval(err, errlen, "'%s' is not TYPE=VALUE", item);
		*eq = 0;
		v = 256;
		for (unsigned t = 0; t < 256 && v > 255; t++)
			if (catype_name((uint8_t)t) && !strcasecmp(item, catype_name((uint8_t)t)))
				v = t;
		if (v > 255 && !opt_parse_num(item, 255, &v))
			return opt_einval(err, errlen,
			                  "'%s' is not a civic address type (a1, hno, 19 ...)",
			                  item);
		size_t n = strlen(eq + 1);
		if (n > 255)
			return opt_einval(err, errlen, "value of %s is longer than 255 bytes",
			                  item);
		wr_u8(w, (uint8_t)v);
		wr_u8(w, (uint8_t)n);
		wr_bytes(w, eq + 1, n);
	}
	return r < 0 ? r : 0;
}

/* --- 123 and 144 coordinates --------------------------------------------------------- */

/*
 * Both options are 16 bytes (RFC 6225 2.2):
 *   6 bits latitude resolution/uncertainty, 34 bits latitude
 *   6 bits longitude resolution/uncertainty, 34 bits longitude
 *   4 bits altitude type, 6 bits altitude resolution/uncertainty, 30 bits altitude
 *   2 bits version, 3 reserved, 3 bits datum
 * Latitude and longitude are two's complement degrees with 25 fraction bits (shown to 8
 * decimals, enough to tell any two apart), altitude two's complement with 8 fraction bits. GeoConf
 * (123) keeps RFC 3825's resolution fields (how many high bits are valid); GeoLoc (144) with
 * version 1 has uncertainties (2^(8-x) degrees, 2^(21-x) meters; 0 unknown). Version is the top of
 * RFC 3825's datum byte, so RFC 3825 senders give version 0.
 */
#define GEO_LAT_FRAC 25
#define GEO_ALT_FRAC 8

static const char *const atype_names[3] = {"none", "meters", "floors"};
static const char *const datum_names[4] = {NULL, "wgs84", "nad83-navd88", "nad83-mllw"};

struct geo {
	uint8_t lat_unc, lon_unc, alt_unc, atype, ver, res, datum;
	int64_t lat, lon;
	int32_t alt;
};

/* the low bits of v as a two's complement number of that many bits */
static int64_t
sign_extend(uint64_t v, unsigned bits)
{
	uint64_t m = (uint64_t)1 << (bits - 1);

	v &= ((uint64_t)1 << bits) - 1;
	return (int64_t)(v ^ m) - (int64_t)m;
}

static void
geo_unpack(const uint8_t b[16], struct geo *g)
{
	uint64_t v;

	g->lat_unc = b[0] >> 2;
	v = (uint64_t)(b[0] & 3) << 32 | (uint64_t)b[1] << 24 | (uint64_t)b[2] << 16 |
	    (uint64_t)b[3] << 8 | b[4];
	g->lat = sign_extend(v, 34);
	g->lon_unc = b[5] >> 2;
	v = (uint64_t)(b[5] & 3) << 32 | (uint64_t)b[6] << 24 | (uint64_t)b[7] << 16 |
	    (uint64_t)b[8] << 8 | b[9];
	g->lon = sign_extend(v, 34);
	g->atype = b[10] >> 4;
	g->alt_unc = (uint8_t)((b[10] & 15) << 2 | b[11] >> 6);
	v = (uint64_t)(b[11] & 63) << 24 | (uint64_t)b[12] << 16 | (uint64_t)b[13] << 8 | b[14];
	g->alt = (int32_t)sign_extend(v, 30);
	g->ver = b[15] >> 6;
	g->res = (b[15] >> 3) & 7;
	g->datum = b[15] & 7;
}

static void
geo_pack(const struct geo *g, uint8_t b[16])
{
	uint64_t lat = (uint64_t)g->lat & 0x3ffffffffull, lon = (uint64_t)g->lon & 0x3ffffffffull;
	uint32_t alt = (uint32_t)g->alt & 0x3fffffffu;

	b[0] = (uint8_t)(g->lat_unc << 2 | lat >> 32);
	b[1] = (uint8_t)(lat >> 24), b[2] = (uint8_t)(lat >> 16);
	b[3] = (uint8_t)(lat >> 8), b[4] = (uint8_t)lat;
	b[5] = (uint8_t)(g->lon_unc << 2 | lon >> 32);
	b[6] = (uint8_t)(lon >> 24), b[7] = (uint8_t)(lon >> 16);
	b[8] = (uint8_t)(lon >> 8), b[9] = (uint8_t)lon;
	b[10] = (uint8_t)(g->atype << 4 | g->alt_unc >> 2);
	b[11] = (uint8_t)((g->alt_unc & 3) << 6 | alt >> 24);
	b[12] = (uint8_t)(alt >> 16), b[13] = (uint8_t)(alt >> 8), b[14] = (uint8_t)alt;
	b[15] = (uint8_t)(g->ver << 6 | g->res << 3 | g->datum);
}

/* text of v / 2^frac without trailing zeros; exact when digits >= frac, else rounded to
 * that many decimals (v < 2^34 and digits <= 8 keep v * 10^digits within 64 bits) */
static struct val *
fixed_str(struct opt_dec *d, struct val *parent, const char *key, int64_t v, unsigned frac,
          unsigned digits)
{
	char t[64];
	uint64_t a = v < 0 ? (uint64_t)-v : (uint64_t)v, mask = ((uint64_t)1 << frac) - 1;
	int n = 0;

	if (digits < frac) {
		uint64_t scale = 1;
		for (unsigned k = 0; k < digits; k++)
			scale *= 10;
		a = (a * scale + ((uint64_t)1 << (frac - 1))) >>
		    frac; /* a / 2^frac, in 10^-digits */
		n = snprintf(t, sizeof(t), "%s%llu.%0*llu", v < 0 && a ? "-" : "",
		             (unsigned long long)(a / scale), (int)digits,
		             (unsigned long long)(a % scale));
		while (n > 0 && t[n - 1] == '0')
			n--;
		if (n > 0 && t[n - 1] == '.')
			n--;
		return val_str(d->a, parent, key, (const uint8_t *)t, n > 0 ? (size_t)n : 0);
	}
	uint64_t fp = a & mask;
	n = snprintf(t, sizeof(t), "%s%llu", v < 0 ? "-" : "", (unsigned long long)(a >> frac));
	if (fp && n > 0) {
		t[n++] = '.';
		/* each step multiplies the fraction by 10: fp < 2^26, so fp * 10 fits */
		while (fp && n < (int)sizeof(t) - 1) {
			fp *= 10;
			t[n++] = (char)('0' + (fp >> frac));
			fp &= mask;
		}
	}
	return val_str(d->a, parent, key, (const uint8_t *)t, n > 0 ? (size_t)n : 0);
}

/* 2^e as exact decimal text (e from -26 to 21) */
static struct val *
pow2_str(struct opt_dec *d, struct val *parent, const char *key, int e)
{
	if (e >= 0)
		return fixed_str(d, parent, key, (int64_t)1 << e, 0, 0);
	return fixed_str(d, parent, key, 1, (unsigned)-e, (unsigned)-e);
}

/* RFC 6225 2.3 and 2.4: x = 0 unknown, 1..max gives 2^(top - x), above max reserved */
static void
geo_unc(struct opt_dec *d, struct val *o, const char *key, uint8_t x, uint8_t max, int top)
{
	if (!x)
		val_cstr(d->a, o, key, "unknown");
	else if (x > max)
		val_cstr(d->a, o, key, "reserved");
	else
		pow2_str(d, o, key, top - x);
}

static struct val *
dec_geo(struct opt_dec *d, const char *key, struct rd *r, bool geoloc)
{
	uint8_t b[16];
	struct geo g;

	if (!rd_copy(r, b, sizeof(b)))
		return NULL;
	geo_unpack(b, &g);
	/* RFC 6225 2.3: latitude within +-90, longitude within +-180 degrees */
	if (g.lat > (int64_t)90 << GEO_LAT_FRAC || g.lat < -((int64_t)90 << GEO_LAT_FRAC)) {
		d->err = "latitude is outside -90..90 degrees";
		return NULL;
	}
	if (g.lon > (int64_t)180 << GEO_LAT_FRAC || g.lon < -((int64_t)180 << GEO_LAT_FRAC)) {
		d->err = "longitude is outside -180..180 degrees";
		return NULL;
	}
	struct val *o = val_obj(d->a, NULL, key);
	val_uint(d->a, o, "version", g.ver);
	fixed_str(d, o, "latitude", g.lat, GEO_LAT_FRAC, 8);
	fixed_str(d, o, "longitude", g.lon, GEO_LAT_FRAC, 8);
	if (!geoloc) {
		val_uint(d->a, o, "latitude-resolution", g.lat_unc);
		val_uint(d->a, o, "longitude-resolution", g.lon_unc);
	} else if (g.ver == 1) {
		geo_unc(d, o, "latitude-uncertainty", g.lat_unc, 34, 8);
		geo_unc(d, o, "longitude-uncertainty", g.lon_unc, 34, 8);
	}
	val_enum(d->a, o, "altitude-type", g.atype, g.atype < 3 ? atype_names[g.atype] : NULL);
	if (g.atype) {
		fixed_str(d, o, "altitude", g.alt, GEO_ALT_FRAC, GEO_ALT_FRAC);
		if (!geoloc)
			val_uint(d->a, o, "altitude-resolution", g.alt_unc);
		else if (g.ver == 1 && g.atype == 1)
			geo_unc(d, o, "altitude-uncertainty", g.alt_unc, 30, 21);
	}
	val_enum(d->a, o, "datum", g.datum, g.datum < 4 ? datum_names[g.datum] : NULL);
	if (g.res)
		val_hex(d->a, o, "reserved", g.res, 1);
	return o;
}

struct val *
opt_dec_geoconf(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	(void)def;
	return dec_geo(d, key, r, false);
}

struct val *
opt_dec_geoloc(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	(void)def;
	return dec_geo(d, key, r, true);
}

/* a decimal number as a fixed-point value with frac fraction bits, rounded to nearest */
static bool
parse_fixed(const char *t, unsigned frac, double lim, int64_t *ret)
{
	char *end;
	double v;

	if (!*t)
		return false;
	errno = 0;
	v = strtod(t, &end);
	/* the range test also refuses NaN */
	if (errno || *end || !(v >= -lim && v <= lim))
		return false;
	v *= (double)((uint64_t)1 << frac);
	*ret = v < 0 ? -(int64_t)(-v + 0.5) : (int64_t)(v + 0.5);
	return true;
}

/* an uncertainty as the code x whose 2^(top - x) covers it (rounded up), 1..max */
static bool
parse_unc(const char *t, int top, uint8_t max, uint8_t *ret)
{
	char *end;
	double u, p = 1;
	int e = 0;

	if (!strcasecmp(t, "unknown")) {
		*ret = 0;
		return true;
	}
	errno = 0;
	u = strtod(t, &end);
	if (errno || *end || end == t || !(u > 0 && u < 1e12))
		return false;
	/* the smallest power of two at or above u: powers of two are exact doubles */
	while (p < u)
		p *= 2, e++;
	while (p / 2 >= u)
		p /= 2, e--;
	int x = top - e;
	*ret = (uint8_t)(x < 1 ? 1 : x > max ? max : x);
	return true;
}

static int
name_or_num(const char *t, const char *const *names, unsigned n, uint64_t max, uint64_t *ret)
{
	for (unsigned i = 0; i < n; i++)
		if (names[i] && !strcasecmp(t, names[i])) {
			*ret = i;
			return 1;
		}
	return opt_parse_num(t, max, ret);
}

/*
 * key=value items: latitude and longitude in degrees (required), altitude,
 * altitude-type (none, meters, floors), datum (wgs84, nad83-navd88, nad83-mllw),
 * version; 123: *-resolution in bits; 144: *-uncertainty in degrees or meters.
 */
static int
enc_geo(const char *text, bool geoloc, struct wr *w, char *err, size_t errlen)
{
	struct geo g = {.ver = geoloc ? 1 : 0, .datum = 1, .lat_unc = 34, .lon_unc = 34};
	bool have_lat = false, have_lon = false, have_atype = false, have_alt = false;
	bool have_alt_unc = false;
	char item[OPT_ITEM_MAX];
	const char *s = text;
	int64_t fx;
	uint64_t v;
	int r;

	if (geoloc)
		g.lat_unc = g.lon_unc = 0;
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		char *eq = strchr(item, '=');
		if (!eq)
			return opt_einval(err, errlen, "'%s' is not key=value", item);
		*eq = 0;
		const char *k = item, *val = opt_skip_ws(eq + 1);
		bool ok = true;
		if (!strcmp(k, "latitude")) {
			ok = have_lat = parse_fixed(val, GEO_LAT_FRAC, 90, &g.lat);
		} else if (!strcmp(k, "longitude")) {
			ok = have_lon = parse_fixed(val, GEO_LAT_FRAC, 180, &g.lon);
		} else if (!strcmp(k, "altitude")) {
			/* 30 bits with 8 fraction bits: below 2^21 in size */
			ok = have_alt = parse_fixed(val, GEO_ALT_FRAC, 2097151.99, &fx);
			g.alt = (int32_t)fx;
		} else if (!strcmp(k, "altitude-type")) {
			ok = have_atype = name_or_num(val, atype_names, 3, 15, &v);
			g.atype = (uint8_t)v;
		} else if (!strcmp(k, "datum")) {
			ok = name_or_num(val, datum_names, 4, 7, &v);
			g.datum = (uint8_t)v;
		} else if (!strcmp(k, "version")) {
			ok = opt_parse_num(val, 3, &v);
			g.ver = (uint8_t)v;
		} else if (!geoloc && !strcmp(k, "latitude-resolution")) {
			ok = opt_parse_num(val, 34, &v);
			g.lat_unc = (uint8_t)v;
		} else if (!geoloc && !strcmp(k, "longitude-resolution")) {
			ok = opt_parse_num(val, 34, &v);
			g.lon_unc = (uint8_t)v;
		} else if (!geoloc && !strcmp(k, "altitude-resolution")) {
			ok = have_alt_unc = opt_parse_num(val, 30, &v);
			g.alt_unc = (uint8_t)v;
		} else if (geoloc && !strcmp(k, "latitude-uncertainty")) {
			ok = parse_unc(val, 8, 34, &g.lat_unc);
		} else if (geoloc && !strcmp(k, "longitude-uncertainty")) {
			ok = parse_unc(val, 8, 34, &g.lon_unc);
		} else if (geoloc && !strcmp(k, "altitude-uncertainty")) {
			ok = have_alt_unc = parse_unc(val, 21, 30, &g.alt_unc);
		} else {
			return opt_einval(err, errlen, "'%s' is not a key of this option", k);
		}
		if (!ok)
			return opt_einval(err, errlen, "'%s' is not a valid %s", val, k);
	}
	if (r < 0)
		return r;
	if (!have_lat || !have_lon)
		return opt_einval(err, errlen, "'%s' needs latitude= and longitude=", text);
	if (!have_atype)
		g.atype = have_alt ? 1 : 0;
	if (!geoloc && g.atype && !have_alt_unc)
		g.alt_unc = 30;
	uint8_t b[16];
	geo_pack(&g, b);
	wr_bytes(w, b, sizeof(b));
	return 0;
}

int
opt_enc_geoconf(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	return enc_geo(text, false, w, err, errlen);
}

int
opt_enc_geoloc(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	return enc_geo(text, true, w, err, errlen);
}
