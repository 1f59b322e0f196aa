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

const char *
opt_enterprise_name(uint32_t en)
{
	/* a few private enterprise numbers seen in DHCP traffic */
	switch (en) {
	case 9:
		return "cisco";
	case 311:
		return "microsoft";
	case 3561:
		return "broadband-forum";
	case 4491:
		return "cablelabs";
	default:
		return NULL;
	}
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
	val_enum(d->a, o, "type", type, tn);
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
		val_enum(d->a, o, "enterprise", en, opt_enterprise_name(en));
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
		val_enum(d->a, o, "enterprise", en, opt_enterprise_name(en));
		const uint8_t *p = rest(&sub, &n);
		/* enterprise spaces are not in the table: every code is "sub-N", hex */
		struct val *s = opt_sub_list(d, "sub-options", NULL, p, n);
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
