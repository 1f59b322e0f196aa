/* SPDX-License-Identifier: BSD-2-Clause */
/* opt.h - the DHCP option table (data) and the value formats (code) */
#ifndef DHCPDIAG_OPT_H
#define DHCPDIAG_OPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct val;
struct val_arena;
struct wr;

/*
 * Value formats. What each one does (help name, unit size, minimum length,
 * decoder, encoder, sample text) is fmt_table[] in opt_fmt.c.
 */
enum fmt {
	FMT_HEX,          /* opaque: hex + printable ASCII; fallback for unknown codes */
	FMT_NONE,         /* no data (e.g. rapid-commit) */
	FMT_IP,
	FMT_IP_LIST,
	FMT_IP_PAIRS,     /* address pairs (21 policy filter) */
	FMT_STATIC_ROUTES,/* 33: destination/router pairs */
	FMT_U8,
	FMT_U16,
	FMT_U32,
	FMT_I32,
	FMT_U16_LIST,
	FMT_SECONDS,      /* u32 seconds, 0xffffffff = infinite */
	FMT_BOOL,
	FMT_STRING,
	FMT_DOMAIN,       /* RFC 1035 wire name (single) */
	FMT_DOMAIN_LIST,  /* RFC 1035 names with compression (119, 137, 141, 213 ...) */
	FMT_ROUTES,       /* RFC 3442 classless routes (121, 249) */
	FMT_CLIENT_ID,    /* 61: type + data, RFC 4361 IAID+DUID */
	FMT_FQDN,         /* 81: RFC 4702 */
	FMT_SUBOPTS,      /* code/len/value sub-options from the def's space (82, 43 PXE ...) */
	FMT_VENDOR_IDENT, /* 124: enterprise + opaque data blocks */
	FMT_VENDOR_OPTS,  /* 125: enterprise + sub-options */
	FMT_MSG_TYPE,     /* 53 */
	FMT_PARAM_LIST,   /* 55: option codes shown by name */
	FMT_USER_CLASS,   /* 77: RFC 3004 length-prefixed items */
	FMT_AUTH,         /* 90: RFC 3118 */
	FMT_CLIENT_ARCH,  /* 93: RFC 4578 u16 list with names */
	FMT_CLIENT_NDI,   /* 94: type, major, minor */
	FMT_UUID,         /* 97: type 0 + 16-byte GUID */
	FMT_6RD,          /* 212: RFC 5969 */
	FMT_OVERLOAD,     /* 52 */
	FMT_STATUS,       /* 151: code + message */
	FMT_URI_LIST,     /* 143: RFC 8572 u16-length-prefixed URIs */
	FMT_DNR,          /* 162: RFC 9463 encrypted DNS resolvers */
	FMT_SIP_SERVERS,  /* 120: RFC 3361 enc byte + names or addresses */
	FMT_NONCE_ALGS,   /* 145: RFC 6704 u8 algorithm list */
	FMT_PORT_PARAMS,  /* 159: RFC 7618 offset, PSID length, PSID */
	FMT_PCP_SERVERS,  /* 158: RFC 7291 length-prefixed address lists */
	FMT_IP6,          /* 109: one IPv6 address */
	FMT_RDNSS,        /* 146: RFC 6731 preference, two servers, domains */
	FMT_SLP_AGENTS,   /* 78: RFC 2610 mandatory byte + addresses */
	FMT_SLP_SCOPES,   /* 79: RFC 2610 mandatory byte + comma-separated scopes */
	FMT_VSS,          /* 221, relay 151: RFC 6607 type + VPN identifier */
	FMT_MAC,          /* a 6-byte hardware address (relay 16 BSSID) */
	FMT_CIVIC,        /* 99: RFC 4776 what, country, CAtype elements */
	FMT_GEOCONF,      /* 123: RFC 6225 coordinates with RFC 3825 resolutions */
	FMT_GEOLOC,       /* 144: RFC 6225 coordinates with uncertainties */
	FMT_U32_LIST,
	FMT_PXE_SERVERS,  /* PXE 8: type, count, addresses */
	FMT_PXE_MENU,     /* PXE 9: type, length, description */
	FMT_PXE_PROMPT,   /* PXE 10: timeout + prompt text */
	FMT_RADIUS,       /* relay 7: RFC 4014 RADIUS attributes */
	FMT_VIVC,         /* 124: RFC 3925 enterprise + length-prefixed class items */
	FMT_ISNS,         /* 83: RFC 4174 flag fields + server addresses */
	FMT_U8_LIST,      /* numbers of one byte each (CableLabs 125 option request) */
	FMT_MAX
};

struct opt_space;

struct opt_def {
	const char *name;             /* lowercase-hyphen, unique within its space */
	uint8_t name_len;             /* strlen(name), set by the table itself */
	enum fmt fmt;
	const char *ref;              /* "RFC 2132", NULL for unassigned */
	const struct opt_space *sub;  /* sub-option space, for FMT_SUBOPTS / FMT_VENDOR_OPTS */
	const char *help;             /* one line for `dhcpdiag options` */
};

/* A sub-option space (82 relay agent, 43 PXE, ...): 256 entries like the main table. */
struct opt_space {
	const char *name;             /* "relay-agent-information" */
	const struct opt_def *defs;   /* [256]; entries with name NULL print as "sub-N" */
};

extern const struct opt_def opt_table[256];
extern const struct opt_space opt_main_space;

/* An enterprise number (IANA private enterprise numbers) that 124/125 and relay 9 name,
 * and the sub-options of 125 it defines (space NULL: none known, shown as "sub-N" hex). */
struct opt_enterprise {
	uint32_t number;
	const char *name;             /* "cablelabs" */
	const struct opt_space *space;
};
extern const struct opt_enterprise opt_enterprises[];
extern const size_t opt_enterprise_count;
/* the row of an enterprise number, NULL when none */
const struct opt_enterprise *opt_enterprise_get(uint32_t en);

/* never NULL: unassigned codes get a def named "option-N" with FMT_HEX */
const struct opt_def *opt_get(uint8_t code);
/* accepts a name, a decimal code or "option-N"; returns 0..255 or -1 */
int opt_by_name(const char *name);
/* the assigned option name nearest to a mistyped one ("did you mean"), or NULL */
const char *opt_suggest(const char *name);

struct fmt_def {
	const char *name;    /* "ip-list": shown in help and `options` */
	uint8_t unit;        /* value length must be a multiple of this (0 = any) */
	uint8_t min;         /* minimum value length */
	const char *sample;  /* sample text for the encode->decode round-trip test, NULL if none */
	uint16_t max;        /* maximum value length (0 = no maximum) */
};
extern const struct fmt_def fmt_table[FMT_MAX];

/* Context that changes how some options decode (43 depends on 60). */
struct opt_ctx {
	const uint8_t *vendor_class; /* option 60 of the same message, or NULL */
	size_t vendor_class_len;
};

/*
 * Decode one option's value and append to parent (a LIST) one VAL_OPT node:
 * code and name are its fields (u; name and len), and its one member is
 * "value" or, when malformed, "error" (a VAL_ERR with the message and the
 * raw bytes). The printers show it as {code, name, value|error}.
 * Never fails: bad input becomes an error value.
 */
void opt_decode(struct val_arena *a, struct val *parent, uint8_t code, const uint8_t *data,
		size_t len, const struct opt_ctx *ctx);

/*
 * decode data as format fmt into a value node named key under parent (used for
 * sub-options too); when malformed, appends {"error": val_err} instead of key
 */
void fmt_decode(struct val_arena *a, struct val *parent, const char *key, enum fmt fmt,
		const struct opt_def *def, const uint8_t *data, size_t len);

/*
 * Encode text typed by a user for option code into wire bytes (the value only,
 * without code and length). "hex:0104c0a8" is accepted for any option. Returns
 * 0 and sets *ret_len, or -EINVAL with a one-line reason in err.
 */
int opt_encode(uint8_t code, const char *text, uint8_t *buf, size_t cap, size_t *ret_len,
	       char *err, size_t errlen);
int fmt_encode(enum fmt fmt, const struct opt_def *def, const char *text, struct wr *w, char *err,
	       size_t errlen);

#endif
