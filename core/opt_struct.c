/* SPDX-License-Identifier: BSD-2-Clause */
/* opt_struct.c - decoders of the structured formats: ids, fqdn, vendor, auth, PXE, 6rd, DNR */
#include "keys.h"
#include "opt_int.h"
#include "reader.h"
#include "value.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* IANA "Processor Architecture Types" (RFC 4578 2.1 as corrected: 7 is x64 UEFI, 9 is EBC) */
static const char *const arch_names[] = {
    [0] = "x86-bios",
    [1] = "nec-pc98",
    [2] = "itanium",
    [3] = "dec-alpha",
    [4] = "arc-x86",
    [5] = "intel-lean-client",
    [6] = "x86-uefi",
    [7] = "x64-uefi",
    [8] = "efi-xscale",
    [9] = "ebc",
    [10] = "arm32-uefi",
    [11] = "arm64-uefi",
    [12] = "powerpc-open-firmware",
    [13] = "powerpc-epapr",
    [14] = "power-opal-v3",
    [15] = "x86-uefi-http",
    [16] = "x64-uefi-http",
    [17] = "ebc-http",
    [18] = "arm32-uefi-http",
    [19] = "arm64-uefi-http",
    [20] = "x86-bios-http",
    [21] = "arm32-uboot",
    [22] = "arm64-uboot",
    [23] = "arm32-uboot-http",
    [24] = "arm64-uboot-http",
    [25] = "riscv32-uefi",
    [26] = "riscv32-uefi-http",
    [27] = "riscv64-uefi",
    [28] = "riscv64-uefi-http",
    [29] = "riscv128-uefi",
    [30] = "riscv128-uefi-http",
    [31] = "s390-basic",
    [32] = "s390-extended",
    [33] = "mips32-uefi",
    [34] = "mips64-uefi",
    [35] = "sunway32-uefi",
    [36] = "sunway64-uefi",
    [37] = "loongarch32-uefi",
    [38] = "loongarch32-uefi-http",
    [39] = "loongarch64-uefi",
    [40] = "loongarch64-uefi-http",
    [41] = "arm-rpiboot",
};
#define ARCH_N (sizeof(arch_names) / sizeof(arch_names[0]))

/* RFC 6926 6.2.2 */
const char *const opt_status_names[5] = {
    "success", "unspec-fail", "query-terminated", "malformed-query", "not-allowed",
};

static const char *const duid_names[] = {
    [1] = "duid-llt",
    [2] = "duid-en",
    [3] = "duid-ll",
    [4] = "duid-uuid",
};

static const char hexd[] = "0123456789abcdef";

const char *
opt_arch_name(uint16_t arch)
{
	return arch < ARCH_N ? arch_names[arch] : NULL;
}

int
opt_arch_by_name(const char *name)
{
	for (size_t i = 0; i < ARCH_N; i++)
		if (arch_names[i] && !strcasecmp(arch_names[i], name))
			return (int)i;
	return -1;
}

const struct opt_enterprise *
opt_enterprise_get(uint32_t en)
{
	for (size_t i = 0; i < opt_enterprise_count; i++)
		if (opt_enterprises[i].number == en)
			return &opt_enterprises[i];
	return NULL;
}

const char *
opt_enterprise_name(uint32_t en)
{
	const struct opt_enterprise *e = opt_enterprise_get(en);

	return e ? e->name : NULL;
}

int64_t
opt_enterprise_by_name(const char *name)
{
	for (size_t i = 0; i < opt_enterprise_count; i++)
		if (!strcasecmp(opt_enterprises[i].name, name))
			return opt_enterprises[i].number;
	return -1;
}

/* an enterprise member: its name when known, shown with its number in text ("cablelabs (4491)") */
static void
enterprise_val(struct opt_dec *d, struct val *o, uint32_t en)
{
	const char *name = opt_enterprise_name(en);
	struct val *v = val_enum(d->a, o, "enterprise", en, name);

	if (name)
		v->hint = VH_NUMBERED;
}

static const uint8_t *
rest(struct rd *r, size_t *ret_n)
{
	*ret_n = rd_left(r);
	return rd_bytes(r, *ret_n);
}

static bool
printable(struct rd r)
{
	while (rd_left(&r)) {
		uint8_t c = rd_u8(&r);
		if (c < 0x20 || c > 0x7e)
			return false;
	}
	return true;
}

/* 16 bytes in wire order as 8-4-4-4-12 */
static struct val *
uuid_str(struct opt_dec *d, struct val *parent, const char *key, struct rd *r)
{
	char t[36];
	size_t at = 0;

	for (int i = 0; i < 16; i++) {
		uint8_t b = rd_u8(r);
		if (i == 4 || i == 6 || i == 8 || i == 10)
			t[at++] = '-';
		t[at++] = hexd[b >> 4];
		t[at++] = hexd[b & 15];
	}
	return val_str(d->a, parent, key, (const uint8_t *)t, sizeof(t));
}

/* --- 61 client identifier ----------------------------------------------------- */

/* RFC 8415 11: the four DUID types; false when too short for its type */
static bool
dec_duid(struct opt_dec *d, struct val *o, struct rd *r)
{
	uint16_t type = rd_be16(r);
	size_t n;
	const uint8_t *p;

	val_enum(d->a, o, "type", type, type < 5 ? duid_names[type] : NULL);
	switch (type) {
	case 1:
		if (rd_left(r) < 7)
			return false;
		val_uint(d->a, o, "hardware-type", rd_be16(r));
		val_uint(d->a, o, "time", rd_be32(r));
		p = rest(r, &n);
		val_mac(d->a, o, "address", p, n);
		return true;
	case 2:
		if (rd_left(r) < 5)
			return false;
		val_enum(d->a, o, "enterprise", rd_be32(r), NULL);
		p = rest(r, &n);
		val_bytes(d->a, o, "identifier", p, n);
		return true;
	case 3:
		if (rd_left(r) < 3)
			return false;
		val_uint(d->a, o, "hardware-type", rd_be16(r));
		p = rest(r, &n);
		val_mac(d->a, o, "address", p, n);
		return true;
	case 4:
		if (rd_left(r) != 16)
			return false;
		uuid_str(d, o, "uuid", r);
		return true;
	default:
		p = rest(r, &n);
		val_bytes(d->a, o, "data", p, n);
		return true;
	}
}

struct val *
opt_dec_client_id(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t type = rd_u8(r);
	struct val *o = val_obj(d->a, NULL, key);
	const char *tn = type == 0     ? "string"
	                 : type == 1   ? "ethernet"
	                 : type == 255 ? "iaid-duid"
	                               : NULL;
	size_t n;
	const uint8_t *p;

	(void)def;
	val_enum_len(d->a, o, "type", type, tn, tn ? strlen(tn) : 0);
	if (type == 1) {
		p = rest(r, &n);
		val_mac(d->a, o, "address", p, n);
	} else if (type == 255) {
		/* RFC 4361 6.1: IAID (4) + DUID (type 2 + at least 1) */
		if (rd_left(r) < 7) {
			d->err = opt_errf(d->a, "iaid+duid needs at least 7 bytes, have ",
			                  rd_left(r), NULL, 0, NULL);
			return NULL;
		}
		val_hex(d->a, o, "iaid", rd_be32(r), 8);
		struct val *du = val_obj(d->a, o, "duid");
		struct rd save = *r;
		if (!dec_duid(d, du, r)) {
			uint16_t dt = rd_be16(&save);
			d->err = opt_errf(d->a, "duid type ", dt, " is truncated or has length ",
			                  rd_left(&save), NULL);
			return NULL;
		}
	} else {
		bool text = type == 0 && printable(*r);
		p = rest(r, &n);
		if (text)
			val_str(d->a, o, "data", p, n);
		else
			val_bytes(d->a, o, "data", p, n);
	}
	return o;
}

/* --- 81 client FQDN ----------------------------------------------------------- */

struct val *
opt_dec_fqdn(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t flags = rd_u8(r);
	struct val *o = val_obj(d->a, NULL, key);
	struct val *f = val_obj(d->a, o, K(FLAGS));
	char text[OPT_DNS_TEXT_MAX];
	size_t n;
	const uint8_t *p;

	(void)def;
	/* RFC 4702 2.1 */
	val_bool(d->a, f, "s", flags & 1);
	val_bool(d->a, f, "o", flags & 2);
	val_bool(d->a, f, "e", flags & 4);
	val_bool(d->a, f, "n", flags & 8);
	val_uint(d->a, o, "rcode1", rd_u8(r));
	val_uint(d->a, o, "rcode2", rd_u8(r));
	if (!(flags & 4)) {
		p = rest(r, &n);
		val_str(d->a, o, K(NAME), p, n);
		return o;
	}
	if (!rd_left(r)) {
		val_str(d->a, o, K(NAME), NULL, 0);
		return o;
	}
	/* RFC 4702 2.3.1: canonical wire format, no compression, may be partial */
	d->err = opt_dns_read(r, DNS_PARTIAL, text, sizeof(text), &n);
	if (!d->err && rd_left(r))
		d->err = opt_errf(d->a, "length ", r->len, NULL, 0, " has data after the name");
	if (d->err)
		return NULL;
	val_str(d->a, o, K(NAME), (const uint8_t *)text, n);
	return o;
}

/* --- 124/125 and relay 9: enterprise number + length + data -------------------- */

/* one entry: returns a reader over its data, or bad when truncated */
static struct rd
enterprise_entry(struct opt_dec *d, struct rd *r, size_t i, uint32_t *ret_en)
{
	struct rd sub;

	if (rd_left(r) < 5) {
		sub.bad = true;
		d->err = opt_errf(d->a, "entry ", i, NULL, 0,
		                  " is truncated: it needs at least 5 bytes");
		return sub;
	}
	*ret_en = rd_be32(r);
	uint8_t len = rd_u8(r);
	if (len > rd_left(r)) {
		sub.bad = true;
		d->err = opt_errf(d->a, "entry ", i, ": data length ", len,
		                  " runs past the end of the option");
		return sub;
	}
	return rd_sub(r, len);
}

struct val *
opt_dec_vendor_ident(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t i = 0;
	uint32_t en = 0;
	size_t n;

	(void)def;
	while (rd_left(r)) {
		struct rd sub = enterprise_entry(d, r, ++i, &en);
		if (sub.bad)
			return NULL;
		struct val *o = val_obj(d->a, l, NULL);
		enterprise_val(d, o, en);
		const uint8_t *p = rest(&sub, &n);
		val_bytes(d->a, o, "data", p, n);
	}
	return l;
}

struct val *
opt_dec_vendor_opts(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t i = 0;
	uint32_t en = 0;
	size_t n;

	(void)def;
	while (rd_left(r)) {
		struct rd sub = enterprise_entry(d, r, ++i, &en);
		if (sub.bad)
			return NULL;
		struct val *o = val_obj(d->a, l, NULL);
		enterprise_val(d, o, en);
		const uint8_t *p = rest(&sub, &n);
		/* the enterprise's own sub-options where it is known, else every code "sub-N", hex */
		const struct opt_enterprise *e = opt_enterprise_get(en);
		struct val *s = opt_sub_list(d, "sub-options", e ? e->space : NULL, p, n);
		if (s)
			opt_link(d, o, s);
		else
			val_err(d->a, o, K(ERROR), d->err, p, n);
		d->err = NULL;
	}
	return l;
}

/* --- 77 user class ---------------------------------------------------------------- */

struct val *
opt_dec_user_class(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct rd chk = *r;
	bool items = true;
	size_t n;
	const uint8_t *p;

	(void)def;
	/* RFC 3004: length-prefixed items, none empty; otherwise (Windows sends a plain
	 * string such as "MSFT 5.0") show the whole value as one string */
	while (rd_left(&chk) && items) {
		uint8_t len = rd_u8(&chk);
		if (!len || len > rd_left(&chk))
			items = false;
		rd_skip(&chk, len);
	}
	if (!items) {
		p = rest(r, &n);
		return val_str(d->a, NULL, key, p, n);
	}
	struct val *l = val_list(d->a, NULL, key);
	while (rd_left(r)) {
		uint8_t len = rd_u8(r);
		p = rd_bytes(r, len);
		val_str(d->a, l, NULL, p, len);
	}
	return l;
}

/* --- 90 authentication -------------------------------------------------------- */

struct val *
opt_dec_auth(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	static const char *const protos[] = {"configuration-token", "delayed", "delayed-obsolete",
	                                     "reconfigure-key"};
	struct val *o = val_obj(d->a, NULL, key);
	uint8_t proto = rd_u8(r), alg = rd_u8(r), rdm = rd_u8(r);
	uint64_t replay = (uint64_t)rd_be32(r) << 32;
	size_t n;

	(void)def;
	replay |= rd_be32(r);
	/* RFC 3118 2, RFC 3203 for reconfigure-key */
	val_enum(d->a, o, "protocol", proto, proto < 4 ? protos[proto] : NULL);
	val_enum(d->a, o, "algorithm", alg,
	         (proto == 1 || proto == 3) && alg == 1 ? "hmac-md5" : NULL);
	val_enum(d->a, o, "rdm", rdm, rdm == 0 ? "monotonic" : NULL);
	val_hex(d->a, o, "replay-detection", replay, 16);
	const uint8_t *p = rest(r, &n);
	val_bytes(d->a, o, "information", p, n);
	return o;
}

/* --- 93, 94, 97 PXE client identity (RFC 4578) -------------------------------- */

struct val *
opt_dec_client_arch(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);

	(void)def;
	while (rd_left(r) >= 2) {
		uint16_t a = rd_be16(r);
		val_enum(d->a, l, NULL, a, opt_arch_name(a));
	}
	return l;
}

struct val *
opt_dec_client_ndi(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *o = val_obj(d->a, NULL, key);
	uint8_t type = rd_u8(r);

	(void)def;
	val_enum(d->a, o, "type", type, type == 1 ? "undi" : NULL);
	val_uint(d->a, o, "major", rd_u8(r));
	val_uint(d->a, o, "minor", rd_u8(r));
	return o;
}

struct val *
opt_dec_uuid(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *o = val_obj(d->a, NULL, key);

	(void)def;
	val_uint(d->a, o, "type", rd_u8(r));
	uuid_str(d, o, "guid", r);
	return o;
}

/* --- 212 6rd (RFC 5969 7.1.1) ------------------------------------------------- */

struct val *
opt_dec_6rd(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t mask = rd_u8(r), plen = rd_u8(r);
	uint8_t prefix[16];
	char text[INET6_ADDRSTRLEN];

	(void)def;
	if ((rd_left(r) - 16) % 4) {
		d->err = opt_errf(d->a, "length ", rd_left(r) + 2, NULL, 0,
		                  " is not 18 plus a multiple of 4");
		return NULL;
	}
	if (mask > 32 || plen > 128) {
		d->err = opt_errf(d->a, "ipv4 mask length ", mask, " or prefix length ", plen,
		                  " out of range");
		return NULL;
	}
	rd_copy(r, prefix, sizeof(prefix));
	if (!inet_ntop(AF_INET6, prefix, text, sizeof(text)))
		text[0] = 0;
	struct val *o = val_obj(d->a, NULL, key);
	val_uint(d->a, o, "ipv4-mask-len", mask);
	val_uint(d->a, o, "prefix-len", plen);
	val_str(d->a, o, "prefix", (const uint8_t *)text, strlen(text));
	struct val *l = val_list(d->a, o, "border-relays");
	while (rd_left(r) >= 4)
		val_ip(d->a, l, NULL, rd_be32(r));
	return o;
}

/* --- 151 status code (RFC 6926 6.2.2) ----------------------------------------- */

struct val *
opt_dec_status(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *o = val_obj(d->a, NULL, key);
	uint8_t code = rd_u8(r);
	size_t n;

	(void)def;
	val_enum(d->a, o, K(CODE), code, code < 5 ? opt_status_names[code] : NULL);
	const uint8_t *p = rest(r, &n);
	val_str(d->a, o, "message", p, n);
	return o;
}

/* --- 143 URI list (RFC 8572 8.3) ---------------------------------------------- */

struct val *
opt_dec_uri_list(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t i = 0;

	(void)def;
	while (rd_left(r)) {
		i++;
		uint16_t len = rd_be16(r);
		if (r->bad || !len || len > rd_left(r)) {
			d->err = opt_errf(d->a, "uri ", i, " has length ", len,
			                  r->bad ? " (truncated)" : " that does not fit");
			return NULL;
		}
		const uint8_t *p = rd_bytes(r, len);
		val_str(d->a, l, NULL, p, len);
	}
	return l;
}

/* --- 162 encrypted DNS resolvers (RFC 9463 5.1) -------------------------------- */

static bool
dnr_instance(struct opt_dec *d, struct val *o, struct rd *in, size_t i)
{
	char text[OPT_DNS_TEXT_MAX];
	size_t tl, n;

	val_uint(d->a, o, "priority", rd_be16(in));
	uint8_t alen = rd_u8(in);
	struct rd adn = rd_sub(in, alen);
	if (in->bad || adn.bad || !alen) {
		d->err = opt_errf(d->a, "instance ", i, ": authentication domain name length ",
		                  alen, " is empty or does not fit");
		return false;
	}
	d->err = opt_dns_read(&adn, 0, text, sizeof(text), &tl);
	if (!d->err && rd_left(&adn))
		d->err = "bytes after the authentication domain name";
	if (d->err)
		return false;
	val_str(d->a, o, "adn", (const uint8_t *)text, tl);
	if (!rd_left(in))
		return true; /* ADN-only mode */
	uint8_t addrlen = rd_u8(in);
	struct rd addrs = rd_sub(in, addrlen);
	if (in->bad || addrs.bad || addrlen % 4 || !addrlen) {
		d->err = opt_errf(d->a, "instance ", i, ": address length ", addrlen,
		                  " is empty, not a multiple of 4 or does not fit");
		return false;
	}
	struct val *l = val_list(d->a, o, "addresses");
	while (rd_left(&addrs) >= 4)
		val_ip(d->a, l, NULL, rd_be32(&addrs));
	const uint8_t *p = rest(in, &n);
	if (n)
		val_bytes(d->a, o, "svc-params", p, n);
	return true;
}

struct val *
opt_dec_dnr(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t i = 0;

	(void)def;
	while (rd_left(r)) {
		i++;
		uint16_t len = rd_be16(r);
		struct rd in = rd_sub(r, len);
		if (r->bad || in.bad || len < 3) {
			d->err = opt_errf(d->a, "instance ", i, " has length ", len,
			                  " that does not fit");
			return NULL;
		}
		if (!dnr_instance(d, val_obj(d->a, l, NULL), &in, i))
			return NULL;
	}
	return l;
}

/* --- 145 FORCERENEW nonce capability (RFC 6704 4) ------------------------------ */

const char *
opt_nonce_alg_name(uint8_t alg)
{
	return alg == 1 ? "hmac-md5" : NULL;
}

struct val *
opt_dec_nonce_algs(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);

	(void)def;
	while (rd_left(r)) {
		uint8_t alg = rd_u8(r);
		val_enum(d->a, l, NULL, alg, opt_nonce_alg_name(alg));
	}
	return l;
}

/* --- 159 port parameters (RFC 7618 4, port set layout of RFC 7597 5.1) ---------- */

struct val *
opt_dec_port_params(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t offset = rd_u8(r), plen = rd_u8(r);
	uint16_t field = rd_be16(r);

	(void)def;
	/* a port is offset bits, then plen PSID bits, then the rest: all within 16 bits */
	if (offset > 15) {
		d->err = opt_errf(d->a, "psid offset ", offset, NULL, 0, " is more than 15");
		return NULL;
	}
	if (plen > 16 || offset + plen > 16) {
		d->err = opt_errf(d->a, "psid offset ", offset, " + psid length ", plen,
		                  " is more than 16 bits");
		return NULL;
	}
	/* the PSID is left-aligned in its field and the bits after it are zero; with a
	 * length of 0 the field is ignored */
	if (plen && (field & (0xffffu >> plen))) {
		d->err =
		    opt_errf(d->a, "psid field has bits set past its length ", plen, NULL, 0, NULL);
		return NULL;
	}
	struct val *o = val_obj(d->a, NULL, key);
	val_uint(d->a, o, "offset", offset);
	val_uint(d->a, o, "psid-len", plen);
	val_uint(d->a, o, "psid", plen ? (uint32_t)field >> (16 - plen) : 0);
	return o;
}

/* --- 158 PCP servers (RFC 7291 5): lists, each a length byte + addresses -------- */

struct val *
opt_dec_pcp_servers(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t i = 0;

	(void)def;
	/* every pass reads the length byte, so this ends */
	while (rd_left(r)) {
		uint8_t n = rd_u8(r);
		i++;
		if (!n || n % 4) {
			d->err = opt_errf(d->a, "server list ", i, " has length ", n,
			                  ", not a multiple of 4 above 0");
			return NULL;
		}
		if (n > rd_left(r)) {
			d->err = opt_errf(d->a, "server list ", i, " has length ", n,
			                  " past the end of the option");
			return NULL;
		}
		struct rd sub = rd_sub(r, n);
		struct val *s = val_list(d->a, l, NULL);
		while (rd_left(&sub) >= 4)
			val_ip(d->a, s, NULL, rd_be32(&sub));
	}
	return l;
}

/* --- 109 one IPv6 address (RFC 8539 7.1) ---------------------------------------- */

struct val *
opt_dec_ip6(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t a[16];
	char text[INET6_ADDRSTRLEN];

	(void)def;
	if (!rd_copy(r, a, sizeof(a)))
		return NULL;
	if (!inet_ntop(AF_INET6, a, text, sizeof(text)))
		text[0] = 0;
	return val_str(d->a, NULL, key, (const uint8_t *)text, strlen(text));
}

/* --- 146 RDNSS selection (RFC 6731 4.3) ------------------------------------------ */

const char *const opt_prf_names[4] = {"medium", "high", NULL, "low"};

struct val *
opt_dec_rdnss(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t flags = rd_u8(r);
	struct val *o = val_obj(d->a, NULL, key);
	size_t n;

	(void)def;
	/* six reserved bits, then the two preference bits (10 is reserved: shown as 2) */
	val_enum(d->a, o, "preference", flags & 3u, opt_prf_names[flags & 3u]);
	if (flags >> 2)
		val_hex(d->a, o, "reserved", flags >> 2, 2);
	val_ip(d->a, o, "primary", rd_be32(r));
	val_ip(d->a, o, "secondary", rd_be32(r));
	/* plain RFC 1035 3.1 names: the option has no room for compression rules */
	struct val *l = val_list(d->a, o, "domains");
	const uint8_t *p = rest(r, &n);
	d->err = opt_dns_list(d, l, p, n, 0);
	return d->err ? NULL : o;
}

/* --- 78 and 79 Service Location Protocol (RFC 2610) ------------------------------ */

/* the mandatory byte both options start with: 0 or 1 */
static bool
slp_mandatory(struct opt_dec *d, struct val *o, struct rd *r)
{
	uint8_t m = rd_u8(r);

	if (m > 1) {
		d->err = opt_errf(d->a, "mandatory byte ", m, NULL, 0, " is not 0 or 1");
		return false;
	}
	val_bool(d->a, o, "mandatory", m);
	return true;
}

struct val *
opt_dec_slp_agents(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *o = val_obj(d->a, NULL, key);

	(void)def;
	if (!slp_mandatory(d, o, r))
		return NULL;
	if (rd_left(r) % 4) {
		d->err = opt_errf(d->a, "address list length ", rd_left(r), NULL, 0,
		                  " is not a multiple of 4");
		return NULL;
	}
	struct val *l = val_list(d->a, o, "agents");
	while (rd_left(r) >= 4)
		val_ip(d->a, l, NULL, rd_be32(r));
	return o;
}

struct val *
opt_dec_slp_scopes(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *o = val_obj(d->a, NULL, key);
	size_t n, start = 0;

	(void)def;
	if (!slp_mandatory(d, o, r))
		return NULL;
	/* a comma-separated UTF-8 list; commas inside a scope are escaped (RFC 2608), so a
	 * plain split is exact. Nothing after the mandatory byte: no scopes. */
	struct val *l = val_list(d->a, o, "scopes");
	const uint8_t *p = rest(r, &n);
	for (size_t i = 0; n && i <= n; i++) {
		if (i < n && p[i] != ',')
			continue;
		val_str(d->a, l, NULL, p + start, i - start);
		start = i + 1;
	}
	return o;
}

/* --- 221 and relay 151 virtual subnet selection (RFC 6607 3.1) -------------------- */

struct val *
opt_dec_vss(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	uint8_t type = rd_u8(r);
	const char *tn = type == 0     ? "nvt-ascii"
	                 : type == 1   ? "vpn-id"
	                 : type == 255 ? "global"
	                               : NULL;
	size_t n;
	const uint8_t *p;

	(void)def;
	if (type == 0 && !rd_left(r)) {
		d->err = "type 0 (nvt-ascii) has no VPN name";
		return NULL;
	}
	if (type == 1 && rd_left(r) != 7) {
		d->err = opt_errf(d->a, "type 1 (vpn-id) needs 7 bytes of RFC 2685 VPN-ID, has ",
		                  rd_left(r), NULL, 0, NULL);
		return NULL;
	}
	if (type == 255 && rd_left(r)) {
		d->err = opt_errf(d->a, "type 255 (global) carries ", rd_left(r), NULL, 0,
		                  " bytes where none are expected");
		return NULL;
	}
	struct val *o = val_obj(d->a, NULL, key);
	val_enum_len(d->a, o, "type", type, tn, tn ? strlen(tn) : 0);
	if (type == 1) {
		/* RFC 2685: a 3-byte OUI and a 4-byte VPN index */
		uint32_t oui = (uint32_t)rd_u8(r) << 16;
		oui |= rd_be16(r);
		val_hex(d->a, o, "oui", oui, 6);
		val_hex(d->a, o, "index", rd_be32(r), 8);
	} else if (type != 255) {
		p = rest(r, &n);
		if (type == 0)
			val_str(d->a, o, "name", p, n);
		else
			val_bytes(d->a, o, "data", p, n);
	}
	return o;
}

/* --- hardware addresses ------------------------------------------------------------ */

struct val *
opt_dec_mac(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	size_t n;
	const uint8_t *p = rest(r, &n);

	(void)def;
	return val_mac(d->a, NULL, key, p, n);
}

/* --- lists of 32-bit numbers (PXE 12 credential types) ---------------------------- */

struct val *
opt_dec_u32_list(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);

	(void)def;
	while (rd_left(r) >= 4)
		val_uint(d->a, l, NULL, rd_be32(r));
	return l;
}

/* --- PXE 2.1 sub-options 8, 9, 10 ----------------------------------------------------- */

/* 8: entries of server type (2), address count (1) and the addresses */
struct val *
opt_dec_pxe_servers(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t i = 0;

	(void)def;
	/* every pass reads at least 3 bytes, so this ends */
	while (rd_left(r)) {
		i++;
		if (rd_left(r) < 3) {
			d->err = opt_errf(d->a, "server entry ", i, NULL, 0,
			                  " is truncated: it needs at least 3 bytes");
			return NULL;
		}
		uint16_t type = rd_be16(r);
		uint8_t count = rd_u8(r);
		if ((size_t)count * 4 > rd_left(r)) {
			d->err = opt_errf(d->a, "server entry ", i, " lists ", count,
			                  " addresses past the end of the option");
			return NULL;
		}
		struct val *o = val_obj(d->a, l, NULL);
		val_uint(d->a, o, "type", type);
		struct val *a = val_list(d->a, o, "addresses");
		for (unsigned k = 0; k < count; k++)
			val_ip(d->a, a, NULL, rd_be32(r));
	}
	return l;
}

/* 9: entries of server type (2), description length (1) and the description */
struct val *
opt_dec_pxe_menu(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t i = 0;

	(void)def;
	while (rd_left(r)) {
		i++;
		if (rd_left(r) < 3) {
			d->err = opt_errf(d->a, "menu item ", i, NULL, 0,
			                  " is truncated: it needs at least 3 bytes");
			return NULL;
		}
		uint16_t type = rd_be16(r);
		uint8_t len = rd_u8(r);
		if (len > rd_left(r)) {
			d->err = opt_errf(d->a, "menu item ", i, " has a description of ", len,
			                  " bytes past the end of the option");
			return NULL;
		}
		struct val *o = val_obj(d->a, l, NULL);
		val_uint(d->a, o, "type", type);
		val_str(d->a, o, "description", rd_bytes(r, len), len);
	}
	return l;
}

/* 10: timeout in seconds, then the prompt */
struct val *
opt_dec_pxe_prompt(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *o = val_obj(d->a, NULL, key);
	size_t n;

	(void)def;
	val_uint(d->a, o, "timeout", rd_u8(r));
	const uint8_t *p = rest(r, &n);
	val_str(d->a, o, "prompt", p, n);
	return o;
}

/* --- relay 7 RADIUS attributes (RFC 4014 3) ---------------------------------------- */

static const struct {
	uint8_t type;
	const char *name;
} radius_names[] = {
    {1, "user-name"},
    {6, "service-type"},
    {25, "class"},
    {26, "vendor-specific"},
    {27, "session-timeout"},
    {64, "tunnel-type"},
    {65, "tunnel-medium-type"},
    {81, "tunnel-private-group-id"},
    {88, "framed-pool"},
    {100, "framed-ipv6-pool"},
};

const char *
opt_radius_name(uint8_t type)
{
	for (size_t i = 0; i < sizeof(radius_names) / sizeof(radius_names[0]); i++)
		if (radius_names[i].type == type)
			return radius_names[i].name;
	return NULL;
}

int
opt_radius_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(radius_names) / sizeof(radius_names[0]); i++)
		if (!strcasecmp(radius_names[i].name, name))
			return radius_names[i].type;
	return -1;
}

struct val *
opt_dec_radius(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t i = 0;

	(void)def;
	/* RFC 2865 5: type, length of the whole attribute (so at least 2), value */
	while (rd_left(r)) {
		i++;
		if (rd_left(r) < 2) {
			d->err = opt_errf(d->a, "attribute ", i, NULL, 0, " has no length");
			return NULL;
		}
		uint8_t type = rd_u8(r), len = rd_u8(r);
		if (len < 2 || (size_t)len - 2 > rd_left(r)) {
			d->err = opt_errf(d->a, "attribute ", i, " has length ", len,
			                  len < 2 ? ", less than its own header"
			                          : " past the end of the option");
			return NULL;
		}
		struct val *o = val_obj(d->a, l, NULL);
		val_enum(d->a, o, "type", type, opt_radius_name(type));
		val_bytes(d->a, o, "value", rd_bytes(r, len - 2u), len - 2u);
	}
	return l;
}

/* --- 124 vendor-identifying vendor class (RFC 3925 3) -------------------------------- */

/* the data of one enterprise is items, each a length byte and that many bytes; NULL when the
 * data does not split that way (then it is shown whole) */
static struct val *
vivc_items(struct opt_dec *d, struct rd sub)
{
	struct rd chk = sub;

	while (rd_left(&chk)) {
		uint8_t len = rd_u8(&chk);
		if (!len || len > rd_left(&chk))
			return NULL;
		rd_skip(&chk, len);
	}
	struct val *l = val_list(d->a, NULL, "items");
	while (rd_left(&sub)) {
		uint8_t len = rd_u8(&sub);
		val_str(d->a, l, NULL, rd_bytes(&sub, len), len);
	}
	return l;
}

struct val *
opt_dec_vivc(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *l = val_list(d->a, NULL, key);
	size_t i = 0, n;
	uint32_t en = 0;

	(void)def;
	while (rd_left(r)) {
		struct rd sub = enterprise_entry(d, r, ++i, &en);
		if (sub.bad)
			return NULL;
		struct val *o = val_obj(d->a, l, NULL);
		enterprise_val(d, o, en);
		struct val *items = vivc_items(d, sub);
		if (items) {
			opt_link(d, o, items);
		} else {
			const uint8_t *p = rest(&sub, &n);
			val_bytes(d->a, o, "data", p, n);
		}
	}
	return l;
}

/* --- 83 iSNS (RFC 4174) ---------------------------------------------------------------- */

struct val *
opt_dec_isns(struct opt_dec *d, const char *key, const struct opt_def *def, struct rd *r)
{
	struct val *o = val_obj(d->a, NULL, key);

	(void)def;
	/* the flag words are shown whole: their bits are not named here */
	val_hex(d->a, o, "functions", rd_be16(r), 4);
	val_hex(d->a, o, "dd-access", rd_be16(r), 4);
	val_hex(d->a, o, "admin-flags", rd_be16(r), 4);
	val_hex(d->a, o, "security", rd_be32(r), 8);
	if (rd_left(r) % 4) {
		d->err = opt_errf(d->a, "address list length ", rd_left(r), NULL, 0,
		                  " is not a multiple of 4");
		return NULL;
	}
	/* the primary server first, then the others */
	struct val *l = val_list(d->a, o, "servers");
	while (rd_left(r) >= 4)
		val_ip(d->a, l, NULL, rd_be32(r));
	return o;
}
