/* SPDX-License-Identifier: BSD-2-Clause */
/* opt_enc_struct.c - encoders of the structured formats: ids, fqdn, vendor, PXE, 6rd, DNR */
#include "msg.h"
#include "opt_int.h"
#include "writer.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* --- identities --------------------------------------------------------------------- */

int
opt_enc_client_id(const struct opt_def *def, const char *text, struct wr *w, char *err,
                  size_t errlen)
{
	(void)def;
	/* "01:aa:bb:cc:dd:ee:ff" is type + address as typed; other text is type 0 + the text */
	if (opt_colon_hex(text))
		return opt_enc_hex(text, w, err, errlen);
	if (!*text)
		return opt_einval(err, errlen, "empty client identifier");
	wr_u8(w, 0);
	wr_bytes(w, text, strlen(text));
	return 0;
}

/* "[flags:]name", flags letters from s, o, e, n (RFC 4702 2.1); default e */
int
opt_enc_fqdn(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	const char *colon = strchr(text, ':');
	uint8_t flags = 4;

	(void)def;
	if (colon && colon - text <= 4) {
		uint8_t f = 0;
		const char *t = text;
		for (; t < colon; t++) {
			const char *bit = strchr("soen", tolower((unsigned char)*t));
			if (!bit || !*t)
				break;
			f |= (uint8_t)(1u << (bit - "soen"));
		}
		if (t == colon) {
			flags = f;
			text = colon + 1;
		}
	}
	text = opt_skip_ws(text);
	wr_u8(w, flags);
	wr_u8(w, 0); /* RFC 4702 2.2: clients send 0 in both rcodes */
	wr_u8(w, 0);
	if (!*text)
		return 0;
	if (flags & 4)
		return opt_dns_write(text, strlen(text), w, err, errlen);
	wr_bytes(w, text, strlen(text));
	return 0;
}

int
opt_enc_subopts(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	return opt_sub_encode(def ? def->sub : NULL, text, w, err, errlen);
}

/* "ENTERPRISE:data" (124) or "ENTERPRISE:sub-options" (125) */
static int
enc_enterprise(const char *text, char sep, bool subopts, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t en;
	size_t n = 0;
	int r;

	while ((r = opt_next_item(&s, sep, item, sizeof(item), err, errlen)) > 0) {
		char *colon = strchr(item, ':');
		if (!colon)
			return opt_einval(err, errlen, "'%s' is not 'enterprise:data'", item);
		*colon = 0;
		int64_t named = opt_enterprise_by_name(item);
		if (named >= 0)
			en = (uint64_t)named;
		else if (!opt_parse_num(item, 0xffffffffu, &en))
			return opt_einval(err, errlen, "'%s' is not an enterprise number", item);
		wr_be32(w, (uint32_t)en);
		size_t at = w->len;
		wr_u8(w, 0);
		const struct opt_enterprise *e = opt_enterprise_get((uint32_t)en);
		/* 125: the enterprise's sub-option names where it is known */
		r = subopts ? opt_sub_encode(e ? e->space : NULL, colon + 1, w, err, errlen)
		            : opt_enc_opaque(colon + 1, w, err, errlen);
		if (r < 0)
			return r;
		if (!w->bad && w->len - at - 1 > 255)
			return opt_einval(err, errlen, "data of enterprise %s is over 255 bytes",
			                  item);
		wr_u8_at(w, at, (uint8_t)(w->len - at - 1));
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

int
opt_enc_vendor_ident(const struct opt_def *def, const char *text, struct wr *w, char *err,
                     size_t errlen)
{
	(void)def;
	return enc_enterprise(text, ',', false, w, err, errlen);
}

int
opt_enc_vendor_opts(const struct opt_def *def, const char *text, struct wr *w, char *err,
                    size_t errlen)
{
	(void)def;
	return enc_enterprise(text, ';', true, w, err, errlen);
}

int
opt_enc_msg_type(const struct opt_def *def, const char *text, struct wr *w, char *err,
                 size_t errlen)
{
	uint64_t v;

	(void)def;
	text = opt_skip_ws(text);
	for (int t = 1; t < MSG_TYPE_NAMES; t++) {
		if (msg_type_names[t] && !strcasecmp(msg_type_names[t], text)) {
			wr_u8(w, (uint8_t)t);
			return 0;
		}
	}
	if (!opt_parse_num(text, 255, &v))
		return opt_einval(err, errlen, "'%s' is not a message type (discover, 1 ...)",
		                  text);
	wr_u8(w, (uint8_t)v);
	return 0;
}

int
opt_enc_param_list(const struct opt_def *def, const char *text, struct wr *w, char *err,
                   size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		int c = opt_by_name(item);
		if (c < 0)
			return opt_einval(err, errlen, "'%s' is not an option name or code", item);
		wr_u8(w, (uint8_t)c);
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

int
opt_enc_user_class(const struct opt_def *def, const char *text, struct wr *w, char *err,
                   size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	size_t n = 0;
	int r;

	(void)def;
	/* RFC 3004: each class is length + data */
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		size_t len = strlen(item);
		if (len > 255)
			return opt_einval(err, errlen, "user class '%.20s...' is too long", item);
		wr_u8(w, (uint8_t)len);
		wr_bytes(w, item, len);
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

int
opt_enc_auth(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	(void)def;
	(void)w;
	return opt_einval(err, errlen, "'%s': give authentication as hex:...", text);
}

int
opt_enc_client_arch(const struct opt_def *def, const char *text, struct wr *w, char *err,
                    size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t v;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		int a = opt_arch_by_name(item);
		if (a >= 0)
			v = (uint64_t)a;
		else if (!opt_parse_num(item, 0xffff, &v))
			return opt_einval(err, errlen,
			                  "'%s' is not an architecture (x64-uefi, 7 ...)", item);
		wr_be16(w, (uint16_t)v);
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* "undi:2.1", "1:2.1" or "2.1" */
int
opt_enc_client_ndi(const struct opt_def *def, const char *text, struct wr *w, char *err,
                   size_t errlen)
{
	char buf[64];
	char *ver = buf, *dot;
	uint64_t type = 1, major, minor;

	(void)def;
	if (snprintf(buf, sizeof(buf), "%s", opt_skip_ws(text)) >= (int)sizeof(buf))
		return opt_einval(err, errlen, "'%.20s...' is too long", text);
	char *colon = strchr(buf, ':');
	if (colon) {
		*colon = 0;
		ver = colon + 1;
		if (strcasecmp(buf, "undi") && !opt_parse_num(buf, 255, &type))
			return opt_einval(err, errlen, "'%s' is not an interface type", buf);
	}
	dot = strchr(ver, '.');
	if (!dot)
		return opt_einval(err, errlen, "'%s' is not 'undi:major.minor'", text);
	*dot = 0;
	if (!opt_parse_num(ver, 255, &major) || !opt_parse_num(dot + 1, 255, &minor))
		return opt_einval(err, errlen, "'%s' is not 'undi:major.minor'", text);
	wr_u8(w, (uint8_t)type);
	wr_u8(w, (uint8_t)major);
	wr_u8(w, (uint8_t)minor);
	return 0;
}

int
opt_enc_uuid(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	uint8_t b[16];
	size_t n = 0;
	const char *t = opt_skip_ws(text);

	(void)def;
	/* 32 hex digits, dashes anywhere (8-4-4-4-12 usually) */
	for (; *t; t++) {
		if (*t == '-')
			continue;
		if (opt_hexval(t[0]) < 0 || opt_hexval(t[1]) < 0 || n == 16)
			return opt_einval(err, errlen, "'%s' is not a UUID", text);
		b[n++] = (uint8_t)(opt_hexval(t[0]) << 4 | opt_hexval(t[1]));
		t++;
	}
	if (n != 16)
		return opt_einval(err, errlen, "'%s' is not a UUID", text);
	wr_u8(w, 0); /* RFC 4578 2.5: type 0 */
	wr_bytes(w, b, 16);
	return 0;
}

/* "ipv4-mask-len,prefix/len,border-relay[,border-relay...]" */
int
opt_enc_6rd(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t mask, plen;
	uint8_t prefix[16];
	int r;

	(void)def;
	if ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) <= 0 ||
	    !opt_parse_num(item, 32, &mask))
		return r < 0 ? r
		             : opt_einval(err, errlen, "'%s' does not start with a mask length",
		                          text);
	if ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) <= 0)
		return r < 0 ? r : opt_einval(err, errlen, "'%s' has no 6rd prefix", text);
	char *slash = strchr(item, '/');
	if (!slash || (*slash = 0, inet_pton(AF_INET6, item, prefix) != 1) ||
	    !opt_parse_num(slash + 1, 128, &plen))
		return opt_einval(err, errlen, "'%s' is not an IPv6 prefix/len", item);
	wr_u8(w, (uint8_t)mask);
	wr_u8(w, (uint8_t)plen);
	wr_bytes(w, prefix, 16);
	/* the rest is the border relays' address list */
	if (!*opt_skip_ws(s))
		return opt_einval(err, errlen, "'%s' has no border relay", text);
	return opt_enc_ip_list(NULL, s, w, err, errlen);
}

int
opt_enc_overload(const struct opt_def *def, const char *text, struct wr *w, char *err,
                 size_t errlen)
{
	static const char *const names[] = {NULL, "file", "sname", "both"};
	uint64_t v;

	(void)def;
	text = opt_skip_ws(text);
	for (uint8_t i = 1; i < 4; i++) {
		if (!strcasecmp(text, names[i])) {
			wr_u8(w, i);
			return 0;
		}
	}
	if (!opt_parse_num(text, 3, &v) || !v)
		return opt_einval(err, errlen, "'%s' is not file, sname or both", text);
	wr_u8(w, (uint8_t)v);
	return 0;
}

/* "code[:message]" */
int
opt_enc_status(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char code[32];
	const char *colon = strchr(text, ':');
	size_t n = colon ? (size_t)(colon - text) : strlen(text);
	uint64_t v = 256;

	(void)def;
	if (n >= sizeof(code))
		return opt_einval(err, errlen, "'%s' does not start with a status code", text);
	memcpy(code, text, n);
	code[n] = 0;
	for (unsigned i = 0; i < 5; i++)
		if (!strcasecmp(code, opt_status_names[i]))
			v = i;
	if (v > 255 && !opt_parse_num(code, 255, &v))
		return opt_einval(err, errlen, "'%s' is not a status code (success, 0 ...)", code);
	wr_u8(w, (uint8_t)v);
	if (colon)
		wr_bytes(w, colon + 1, strlen(colon + 1));
	return 0;
}

int
opt_enc_uri_list(const struct opt_def *def, const char *text, struct wr *w, char *err,
                 size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		wr_be16(w, (uint16_t)strlen(item));
		wr_bytes(w, item, strlen(item));
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* one DNR instance: "priority adn [addr,addr] [hex:svcparams]" */
static int
enc_dnr_instance(char *inst, struct wr *w, char *err, size_t errlen)
{
	char *save = NULL;
	char *prio = strtok_r(inst, " \t", &save);
	char *adn = strtok_r(NULL, " \t", &save);
	char *f;
	uint64_t p;
	int r;

	if (!prio || !adn || !opt_parse_num(prio, 0xffff, &p))
		return opt_einval(err, errlen,
		                  "'%s' is not 'priority name [addresses] [hex:params]'", inst);
	size_t at = w->len;
	wr_be16(w, 0);
	wr_be16(w, (uint16_t)p);
	size_t adn_at = w->len;
	wr_u8(w, 0);
	if ((r = opt_dns_write(adn, strlen(adn), w, err, errlen)) < 0)
		return r;
	wr_u8_at(w, adn_at, (uint8_t)(w->len - adn_at - 1));
	while ((f = strtok_r(NULL, " \t", &save))) {
		if (!strncasecmp(f, "hex:", 4)) {
			if ((r = opt_enc_hex(f + 4, w, err, errlen)) < 0)
				return r;
			continue;
		}
		size_t addr_at = w->len;
		wr_u8(w, 0);
		if ((r = opt_enc_ip_list(NULL, f, w, err, errlen)) < 0)
			return r;
		wr_u8_at(w, addr_at, (uint8_t)(w->len - addr_at - 1));
	}
	if (!w->bad && w->len - at - 2 > 0xffff)
		return opt_einval(err, errlen, "DNR instance too long");
	wr_be16_at(w, at, (uint16_t)(w->len - at - 2));
	return 0;
}

int
opt_enc_dnr(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ';', item, sizeof(item), err, errlen)) > 0) {
		if ((r = enc_dnr_instance(item, w, err, errlen)) < 0)
			return r;
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* all addresses: encoding 1; all names: encoding 0 (RFC 3361) */
int
opt_enc_sip_servers(const struct opt_def *def, const char *text, struct wr *w, char *err,
                    size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint32_t ip;
	int r, kind = -1;

	(void)def;
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		int k = opt_parse_ip(item, &ip) ? 1 : 0;
		if (kind < 0)
			wr_u8(w, (uint8_t)(kind = k));
		else if (k != kind)
			return opt_einval(err, errlen, "'%s' mixes names and addresses", text);
		if (k)
			wr_be32(w, ip);
		else if ((r = opt_dns_write(item, strlen(item), w, err, errlen)) < 0)
			return r;
	}
	if (r < 0)
		return r;
	return kind < 0 ? opt_need_items(0, text, err, errlen) : 0;
}

/* "hmac-md5" or algorithm numbers, comma-separated (RFC 6704) */
int
opt_enc_nonce_algs(const struct opt_def *def, const char *text, struct wr *w, char *err,
                   size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t v;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		if (!strcasecmp(item, "hmac-md5"))
			v = 1;
		else if (!opt_parse_num(item, 255, &v))
			return opt_einval(err, errlen, "'%s' is not an algorithm (hmac-md5, 1 ...)",
			                  item);
		wr_u8(w, (uint8_t)v);
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* "offset,psid-len,psid" with the PSID as the number its psid-len bits hold (RFC 7618) */
int
opt_enc_port_params(const struct opt_def *def, const char *text, struct wr *w, char *err,
                    size_t errlen)
{
	static const char *const what[] = {"psid offset", "psid length", "psid"};
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t v[3];
	int r;

	(void)def;
	for (size_t i = 0; i < 3; i++) {
		if ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) < 0)
			return r;
		if (!r)
			return opt_einval(err, errlen, "'%s' is not 'offset,psid-len,psid'", text);
		if (!opt_parse_num(item, 0xffff, &v[i]))
			return opt_einval(err, errlen, "'%s' is not a %s", item, what[i]);
	}
	if (*opt_skip_ws(s))
		return opt_einval(err, errlen, "'%s' is not 'offset,psid-len,psid'", text);
	if (v[0] > 15)
		return opt_einval(err, errlen, "psid offset %llu is more than 15",
		                  (unsigned long long)v[0]);
	if (v[1] > 16 || v[0] + v[1] > 16)
		return opt_einval(err, errlen,
		                  "psid offset %llu + psid length %llu is more than 16",
		                  (unsigned long long)v[0], (unsigned long long)v[1]);
	if (v[2] >> v[1])
		return opt_einval(err, errlen, "psid %llu does not fit in %llu bits",
		                  (unsigned long long)v[2], (unsigned long long)v[1]);
	wr_u8(w, (uint8_t)v[0]);
	wr_u8(w, (uint8_t)v[1]);
	wr_be16(w, v[1] ? (uint16_t)(v[2] << (16 - v[1])) : 0);
	return 0;
}

/* address lists separated by ';', addresses by ',' (RFC 7291) */
int
opt_enc_pcp_servers(const struct opt_def *def, const char *text, struct wr *w, char *err,
                    size_t errlen)
{
	/* room for the text of 63 addresses, the most one list can hold */
	char item[63 * 17];
	const char *s = text;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ';', item, sizeof(item), err, errlen)) > 0) {
		size_t at = w->len;
		wr_u8(w, 0);
		if ((r = opt_enc_ip_list(NULL, item, w, err, errlen)) < 0)
			return r;
		if (!w->bad && w->len - at - 1 > 252)
			return opt_einval(err, errlen, "server list %zu has more than 63 addresses",
			                  n + 1);
		wr_u8_at(w, at, (uint8_t)(w->len - at - 1));
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

int
opt_enc_ip6(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char buf[INET6_ADDRSTRLEN + 8];
	uint8_t a[16];
	size_t n;

	(void)def;
	text = opt_skip_ws(text);
	n = strlen(text);
	while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (n >= sizeof(buf))
		return opt_einval(err, errlen, "'%.20s...' is not an IPv6 address", text);
	memcpy(buf, text, n);
	buf[n] = 0;
	if (inet_pton(AF_INET6, buf, a) != 1)
		return opt_einval(err, errlen, "'%s' is not an IPv6 address", buf);
	wr_bytes(w, a, sizeof(a));
	return 0;
}

/* "high|medium|low|0-3,primary,secondary,domain[,domain...]" (RFC 6731) */
int
opt_enc_rdnss(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t prf = 4;
	uint32_t ip;
	int r;

	(void)def;
	if ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) < 0)
		return r;
	for (unsigned i = 0; r && i < 4; i++)
		if (opt_prf_names[i] && !strcasecmp(item, opt_prf_names[i]))
			prf = i;
	if (!r || (prf > 3 && !opt_parse_num(item, 3, &prf)))
		return opt_einval(err, errlen, "'%s' does not start with high, medium, low or 0-3",
		                  text);
	wr_u8(w, (uint8_t)prf);
	for (int k = 0; k < 2; k++) {
		if ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) < 0)
			return r;
		if (!r)
			return opt_einval(err, errlen,
			                  "'%s' is not 'preference,primary,secondary,domain...'",
			                  text);
		if (!opt_parse_ip(item, &ip))
			return opt_einval(err, errlen, "'%s' is not an IPv4 address", item);
		wr_be32(w, ip);
	}
	/* the rest is the domain list */
	if (!*opt_skip_ws(s))
		return opt_einval(err, errlen, "'%s' has no domain", text);
	return opt_enc_domain_list(NULL, s, w, err, errlen);
}

/* "mandatory:" before the value sets RFC 2610's mandatory byte */
static const char *
slp_mandatory(const char *text, struct wr *w)
{
	text = opt_skip_ws(text);
	bool m = !strncasecmp(text, "mandatory:", 10);
	wr_u8(w, m);
	return m ? text + 10 : text;
}

int
opt_enc_slp_agents(const struct opt_def *def, const char *text, struct wr *w, char *err,
                   size_t errlen)
{
	return opt_enc_ip_list(def, slp_mandatory(text, w), w, err, errlen);
}

/* the scope list goes out as typed: RFC 2610 carries it as one comma-separated string */
int
opt_enc_slp_scopes(const struct opt_def *def, const char *text, struct wr *w, char *err,
                   size_t errlen)
{
	(void)def;
	(void)err;
	(void)errlen;
	text = slp_mandatory(text, w);
	wr_bytes(w, text, strlen(text));
	return 0;
}

/* "global", "vpn-id:OUI:INDEX", "name:TEXT" or TEXT (RFC 6607 types 255, 1 and 0) */
int
opt_enc_vss(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	uint64_t oui, index;

	(void)def;
	text = opt_skip_ws(text);
	if (!strcasecmp(text, "global")) {
		wr_u8(w, 255);
		return 0;
	}
	if (!strncasecmp(text, "vpn-id:", 7)) {
		char buf[64], *colon;
		if (snprintf(buf, sizeof(buf), "%s", text + 7) >= (int)sizeof(buf) ||
		    !(colon = strchr(buf, ':')))
			return opt_einval(err, errlen, "'%s' is not 'vpn-id:OUI:INDEX'", text);
		*colon = 0;
		if (!opt_parse_num(buf, 0xffffff, &oui) ||
		    !opt_parse_num(colon + 1, 0xffffffffu, &index))
			return opt_einval(
			    err, errlen,
			    "'%s' is not 'vpn-id:OUI:INDEX' (a 24-bit and a 32-bit number)", text);
		wr_u8(w, 1);
		wr_u8(w, (uint8_t)(oui >> 16));
		wr_be16(w, (uint16_t)oui);
		wr_be32(w, (uint32_t)index);
		return 0;
	}
	if (!strncasecmp(text, "name:", 5))
		text += 5;
	if (!*text)
		return opt_einval(err, errlen, "empty VPN name");
	wr_u8(w, 0);
	wr_bytes(w, text, strlen(text));
	return 0;
}

int
opt_enc_mac(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	size_t at = w->len;
	int r;

	(void)def;
	text = opt_skip_ws(text);
	if ((r = opt_enc_hex(text, w, err, errlen)) < 0)
		return r;
	if (!w->bad && w->len - at != 6)
		return opt_einval(err, errlen, "'%s' is not a 6-byte hardware address", text);
	return 0;
}

int
opt_enc_u32_list(const struct opt_def *def, const char *text, struct wr *w, char *err,
                 size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t v;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		if (!opt_parse_num(item, 0xffffffffu, &v))
			return opt_einval(err, errlen, "'%s' is not a number from 0 to 4294967295",
			                  item);
		wr_be32(w, (uint32_t)v);
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* "TYPE:REST" with TYPE a 16-bit number: REST in *ret_rest (item is changed) */
static int
pxe_type(char *item, const char *what, uint16_t *ret_type, char **ret_rest, char *err,
         size_t errlen)
{
	char *colon = strchr(item, ':');
	uint64_t v;

	if (!colon)
		return opt_einval(err, errlen, "'%s' is not 'type:%s'", item, what);
	*colon = 0;
	if (!opt_parse_num(item, 0xffff, &v))
		return opt_einval(err, errlen, "'%s' is not a server type from 0 to 65535", item);
	*ret_type = (uint16_t)v;
	*ret_rest = colon + 1;
	return 0;
}

/* PXE 8: "TYPE:ADDR[,ADDR...]" entries separated by ';' */
int
opt_enc_pxe_servers(const struct opt_def *def, const char *text, struct wr *w, char *err,
                    size_t errlen)
{
	char item[OPT_ITEM_MAX], *addrs = NULL;
	const char *s = text;
	uint16_t type = 0; /* pxe_type sets both or fails; -O3 cannot see that */
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ';', item, sizeof(item), err, errlen)) > 0) {
		if ((r = pxe_type(item, "addresses", &type, &addrs, err, errlen)) < 0)
			return r;
		wr_be16(w, type);
		size_t at = w->len;
		wr_u8(w, 0);
		if ((r = opt_enc_ip_list(NULL, addrs, w, err, errlen)) < 0)
			return r;
		if (!w->bad && (w->len - at - 1) / 4 > 255)
			return opt_einval(err, errlen,
			                  "server entry %zu has more than 255 addresses", n + 1);
		wr_u8_at(w, at, (uint8_t)((w->len - at - 1) / 4));
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* PXE 9: "TYPE:DESCRIPTION" entries separated by ';' */
int
opt_enc_pxe_menu(const struct opt_def *def, const char *text, struct wr *w, char *err,
                 size_t errlen)
{
	char item[OPT_ITEM_MAX], *desc = NULL;
	const char *s = text;
	uint16_t type = 0; /* as above */
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ';', item, sizeof(item), err, errlen)) > 0) {
		if ((r = pxe_type(item, "description", &type, &desc, err, errlen)) < 0)
			return r;
		size_t len = strlen(desc);
		if (len > 255)
			return opt_einval(err, errlen, "menu item '%.20s...' is too long", desc);
		wr_be16(w, type);
		wr_u8(w, (uint8_t)len);
		wr_bytes(w, desc, len);
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* PXE 10: "TIMEOUT:PROMPT" */
int
opt_enc_pxe_prompt(const struct opt_def *def, const char *text, struct wr *w, char *err,
                   size_t errlen)
{
	char num[8];
	const char *colon;
	uint64_t v;

	(void)def;
	text = opt_skip_ws(text);
	colon = strchr(text, ':');
	if (!colon || (size_t)(colon - text) >= sizeof(num))
		return opt_einval(err, errlen, "'%s' is not 'timeout:prompt'", text);
	memcpy(num, text, (size_t)(colon - text));
	num[colon - text] = 0;
	if (!opt_parse_num(num, 255, &v))
		return opt_einval(err, errlen, "'%s' is not a timeout from 0 to 255", num);
	wr_u8(w, (uint8_t)v);
	wr_bytes(w, colon + 1, strlen(colon + 1));
	return 0;
}

/* relay 7: "TYPE=VALUE" attributes separated by ';' (a ',' before "name=" would start the
 * next relay sub-option), TYPE a name or 0-255, VALUE text or hex:.. */
int
opt_enc_radius(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t v;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ';', item, sizeof(item), err, errlen)) > 0) {
		char *eq = strchr(item, '=');
		if (!eq)
			return opt_einval(err, errlen, "'%s' is not TYPE=VALUE", item);
		*eq = 0;
		int t = opt_radius_by_name(item);
		if (t >= 0)
			v = (uint64_t)t;
		else if (!opt_parse_num(item, 255, &v))
			return opt_einval(
			    err, errlen, "'%s' is not a RADIUS attribute (user-name, 1 ...)", item);
		wr_u8(w, (uint8_t)v);
		size_t at = w->len;
		wr_u8(w, 0);
		if ((r = opt_enc_opaque(eq + 1, w, err, errlen)) < 0)
			return r;
		if (!w->bad && w->len - at + 1 > 255)
			return opt_einval(err, errlen, "attribute %s is longer than 255 bytes",
			                  item);
		wr_u8_at(w, at, (uint8_t)(w->len - at + 1));
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* 124: "ENTERPRISE:item,item" entries separated by ';', or "ENTERPRISE:hex:.." as it is */
int
opt_enc_vivc(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	char entry[OPT_ITEM_MAX], item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t en;
	size_t n = 0;
	int r;

	(void)def;
	while ((r = opt_next_item(&s, ';', entry, sizeof(entry), err, errlen)) > 0) {
		char *colon = strchr(entry, ':');
		if (!colon)
			return opt_einval(err, errlen, "'%s' is not 'enterprise:item,item'", entry);
		*colon = 0;
		if (!opt_parse_num(entry, 0xffffffffu, &en))
			return opt_einval(err, errlen, "'%s' is not an enterprise number", entry);
		wr_be32(w, (uint32_t)en);
		size_t at = w->len;
		wr_u8(w, 0);
		const char *data = opt_skip_ws(colon + 1);
		if (!strncasecmp(data, "hex:", 4)) {
			if ((r = opt_enc_hex(data + 4, w, err, errlen)) < 0)
				return r;
		} else {
			/* RFC 3925 3: each class is a length byte and the class */
			const char *is = data;
			while ((r = opt_next_item(&is, ',', item, sizeof(item), err, errlen)) > 0) {
				size_t len = strlen(item);
				if (len > 255)
					return opt_einval(err, errlen,
					                  "class '%.20s...' is too long", item);
				wr_u8(w, (uint8_t)len);
				wr_bytes(w, item, len);
			}
			if (r < 0)
				return r;
		}
		if (!w->bad && w->len - at - 1 > 255)
			return opt_einval(err, errlen, "data of enterprise %s is over 255 bytes",
			                  entry);
		wr_u8_at(w, at, (uint8_t)(w->len - at - 1));
		n++;
	}
	return r < 0 ? r : opt_need_items(n, text, err, errlen);
}

/* 83: "functions,dd-access,admin-flags,security[,address...]" (RFC 4174) */
int
opt_enc_isns(const struct opt_def *def, const char *text, struct wr *w, char *err, size_t errlen)
{
	static const char *const what[] = {"functions", "dd-access", "admin-flags", "security"};
	char item[OPT_ITEM_MAX];
	const char *s = text;
	uint64_t v;
	uint32_t ip;
	int r;

	(void)def;
	for (size_t i = 0; i < 4; i++) {
		uint64_t max = i < 3 ? 0xffff : 0xffffffffu;
		if ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) < 0)
			return r;
		if (!r)
			return opt_einval(
			    err, errlen,
			    "'%s' is not 'functions,dd-access,admin-flags,security,address...'",
			    text);
		if (!opt_parse_num(item, max, &v))
			return opt_einval(err, errlen, "'%s' is not a %s value from 0 to %#llx",
			                  item, what[i], (unsigned long long)max);
		if (i < 3)
			wr_be16(w, (uint16_t)v);
		else
			wr_be32(w, (uint32_t)v);
	}
	while ((r = opt_next_item(&s, ',', item, sizeof(item), err, errlen)) > 0) {
		if (!opt_parse_ip(item, &ip))
			return opt_einval(err, errlen, "'%s' is not an IPv4 address", item);
		wr_be32(w, ip);
	}
	return r < 0 ? r : 0;
}
