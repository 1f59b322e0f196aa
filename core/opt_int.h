/* SPDX-License-Identifier: BSD-2-Clause */
/* opt_int.h - private to the opt_*.c files: decoder state and shared helpers */
#ifndef DHCPDIAG_OPT_INT_H
#define DHCPDIAG_OPT_INT_H

#include "opt.h"
#include "value.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rd;
struct val;
struct val_arena;
struct wr;

/* sub-option spaces nest through the tables only; this is a safety net */
#define OPT_MAX_DEPTH 4

/* the longest RFC 1035 name in text form: 255 wire bytes, every byte escaped as "\c" */
#define OPT_DNS_TEXT_MAX 520

/* decoder state for one option; err is set (static or arena text) when a value is malformed */
struct opt_dec {
	struct val_arena *a;
	const struct opt_ctx *ctx;
	const char *err;
	int depth;
};

/*
 * Link a node built without a parent, unless the arena ran out and handed
 * out its spare: val_append's work in place, as every option's value passes
 * here. A node that is linked already (next set) stays where it is.
 */
static inline void
opt_link(struct opt_dec *d, struct val *parent, struct val *v)
{
	if (!v || !parent || v == &d->a->spare || parent == &d->a->spare || v->next || v == parent)
		return;
	*(parent->last ? &parent->last->next : &parent->child) = v;
	parent->last = v;
}

/*
 * Decode n bytes as fmt and attach under parent either {key: value} or, when
 * malformed, {"error": val_err with the raw bytes}. Returns true when valid.
 */
bool opt_fmt_value(struct opt_dec *d, struct val *parent, const char *key, enum fmt fmt,
                   const struct opt_def *def, const uint8_t *p, size_t n);

/* "<s1><n1><s2><n2><s3>" in the arena, without printf (error paths of hostile packets) */
const char *opt_errf(struct val_arena *a, const char *s1, size_t n1, const char *s2, size_t n2,
                     const char *s3);

/* --- opt_dns.c: RFC 1035 names --------------------------------------------- */

enum {
	DNS_PTR = 1,     /* compression pointers allowed (backwards, within r's buffer) */
	DNS_PARTIAL = 2, /* a name may end with the data instead of a root label (RFC 4702) */
};

/*
 * Read one wire-format name at r's offset into text (NUL-terminated, labels
 * joined by '.', '.' and '\' inside labels escaped with '\', the root alone is
 * "."). r ends after the name. Returns NULL or a static error message.
 */
const char *opt_dns_read(struct rd *r, unsigned flags, char *text, size_t cap, size_t *ret_len);
/* decode a whole buffer of names into a LIST of VAL_STR; NULL or an error message */
const char *opt_dns_list(struct opt_dec *d, struct val *list, const uint8_t *p, size_t n,
                         unsigned flags);
/* encode one dotted name (a trailing '.' is optional) without compression */
int opt_dns_write(const char *text, size_t n, struct wr *w, char *err, size_t errlen);

/* --- opt_sub.c: code/length/value spaces ------------------------------------ */

/*
 * Sub-options of space (NULL: every code "sub-N", hex) as a LIST named key,
 * not yet linked anywhere: one VAL_OPT each (code and name as fields, value
 * or error as its member). NULL and d->err set when the code/length layout
 * itself is broken.
 */
struct val *opt_sub_list(struct opt_dec *d, const char *key, const struct opt_space *space,
                         const uint8_t *p, size_t n);
/* name of code in space ("sub-N" when unnamed, static either way) and its length */
const char *opt_sub_name(const struct opt_space *space, uint8_t code, size_t *ret_len);
int opt_sub_encode(const struct opt_space *space, const char *text, struct wr *w, char *err,
                   size_t errlen);

/* --- opt_struct.c: decoders of the structured formats ------------------------- */

/* a decoder returns the value node named key, not linked anywhere, or NULL with d->err set */
typedef struct val *(*opt_dec_fn)(struct opt_dec *d, const char *key, const struct opt_def *def,
                                  struct rd *r);

struct val *opt_dec_client_id(struct opt_dec *d, const char *key, const struct opt_def *def,
                              struct rd *r);
struct val *opt_dec_fqdn(struct opt_dec *d, const char *key, const struct opt_def *def,
                         struct rd *r);
struct val *opt_dec_vendor_ident(struct opt_dec *d, const char *key, const struct opt_def *def,
                                 struct rd *r);
struct val *opt_dec_vendor_opts(struct opt_dec *d, const char *key, const struct opt_def *def,
                                struct rd *r);
struct val *opt_dec_user_class(struct opt_dec *d, const char *key, const struct opt_def *def,
                               struct rd *r);
struct val *opt_dec_auth(struct opt_dec *d, const char *key, const struct opt_def *def,
                         struct rd *r);
struct val *opt_dec_client_arch(struct opt_dec *d, const char *key, const struct opt_def *def,
                                struct rd *r);
struct val *opt_dec_client_ndi(struct opt_dec *d, const char *key, const struct opt_def *def,
                               struct rd *r);
struct val *opt_dec_uuid(struct opt_dec *d, const char *key, const struct opt_def *def,
                         struct rd *r);
struct val *opt_dec_6rd(struct opt_dec *d, const char *key, const struct opt_def *def,
                        struct rd *r);
struct val *opt_dec_status(struct opt_dec *d, const char *key, const struct opt_def *def,
                           struct rd *r);
struct val *opt_dec_uri_list(struct opt_dec *d, const char *key, const struct opt_def *def,
                             struct rd *r);
struct val *opt_dec_dnr(struct opt_dec *d, const char *key, const struct opt_def *def,
                        struct rd *r);
struct val *opt_dec_nonce_algs(struct opt_dec *d, const char *key, const struct opt_def *def,
                               struct rd *r);
struct val *opt_dec_port_params(struct opt_dec *d, const char *key, const struct opt_def *def,
                                struct rd *r);
struct val *opt_dec_pcp_servers(struct opt_dec *d, const char *key, const struct opt_def *def,
                                struct rd *r);
struct val *opt_dec_ip6(struct opt_dec *d, const char *key, const struct opt_def *def,
                        struct rd *r);
struct val *opt_dec_rdnss(struct opt_dec *d, const char *key, const struct opt_def *def,
                          struct rd *r);
struct val *opt_dec_slp_agents(struct opt_dec *d, const char *key, const struct opt_def *def,
                               struct rd *r);
struct val *opt_dec_slp_scopes(struct opt_dec *d, const char *key, const struct opt_def *def,
                               struct rd *r);
struct val *opt_dec_vss(struct opt_dec *d, const char *key, const struct opt_def *def,
                        struct rd *r);
struct val *opt_dec_mac(struct opt_dec *d, const char *key, const struct opt_def *def,
                        struct rd *r);
struct val *opt_dec_u32_list(struct opt_dec *d, const char *key, const struct opt_def *def,
                             struct rd *r);
struct val *opt_dec_pxe_servers(struct opt_dec *d, const char *key, const struct opt_def *def,
                                struct rd *r);
struct val *opt_dec_pxe_menu(struct opt_dec *d, const char *key, const struct opt_def *def,
                             struct rd *r);
struct val *opt_dec_pxe_prompt(struct opt_dec *d, const char *key, const struct opt_def *def,
                               struct rd *r);
struct val *opt_dec_radius(struct opt_dec *d, const char *key, const struct opt_def *def,
                           struct rd *r);
struct val *opt_dec_vivc(struct opt_dec *d, const char *key, const struct opt_def *def,
                         struct rd *r);
struct val *opt_dec_isns(struct opt_dec *d, const char *key, const struct opt_def *def,
                         struct rd *r);

/* enum names shared with the encoders: NULL when the number has no name */
const char *opt_arch_name(uint16_t arch);
int opt_arch_by_name(const char *name);
const char *opt_enterprise_name(uint32_t en);
/* the number of an enterprise name ("cablelabs"), -1 when none */
int64_t opt_enterprise_by_name(const char *name);
extern const char *const opt_status_names[5];
/* RFC 6704 FORCERENEW nonce algorithms: 1 is hmac-md5 */
const char *opt_nonce_alg_name(uint8_t alg);
/* RFC 4191 2.1 preference values as RFC 6731 uses them: [0..3], NULL for reserved 2 */
extern const char *const opt_prf_names[4];
/* RADIUS attribute types RFC 4014 lists for the relay agent (RFC 2865, 2868, 3162 ...) */
const char *opt_radius_name(uint8_t type);
int opt_radius_by_name(const char *name);

/* --- opt_loc.c: location options, both directions ------------------------------- */

struct val *opt_dec_civic(struct opt_dec *d, const char *key, const struct opt_def *def,
                          struct rd *r);
struct val *opt_dec_geoconf(struct opt_dec *d, const char *key, const struct opt_def *def,
                            struct rd *r);
struct val *opt_dec_geoloc(struct opt_dec *d, const char *key, const struct opt_def *def,
                           struct rd *r);
int opt_enc_civic(const struct opt_def *def, const char *text, struct wr *w, char *err,
                  size_t errlen);
int opt_enc_geoconf(const struct opt_def *def, const char *text, struct wr *w, char *err,
                    size_t errlen);
int opt_enc_geoloc(const struct opt_def *def, const char *text, struct wr *w, char *err,
                   size_t errlen);

/* --- shared by the encoders ------------------------------------------------- */

/* printf-like error into err, returns -EINVAL */
int opt_einval(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "hex:..." or "aa:bb:cc" as bytes; other text as its own bytes (for opaque values) */
int opt_enc_opaque(const char *text, struct wr *w, char *err, size_t errlen);
/* hex digits with optional ':', '-', '.' or ' ' between bytes */
int opt_enc_hex(const char *text, struct wr *w, char *err, size_t errlen);

/* --- opt_enc.c: text helpers; user text, not packet bytes -------------------------- */

#define OPT_ITEM_MAX 512

const char *opt_skip_ws(const char *s);
/* the next sep-separated item of *s, trimmed, into buf: 1 item, 0 at the end, <0 error */
int opt_next_item(const char **s, char sep, char *buf, size_t cap, char *err, size_t errlen);
bool opt_parse_ip(const char *t, uint32_t *ret);
/* decimal or 0x hex, no sign, at most max */
bool opt_parse_num(const char *t, uint64_t max, uint64_t *ret);
int opt_hexval(char c);
/* "aa:bb:cc": two or more groups of one or two hex digits joined by ':' */
bool opt_colon_hex(const char *t);
int opt_need_items(size_t n, const char *text, char *err, size_t errlen);
int opt_enc_ip_list(const struct opt_def *def, const char *text, struct wr *w, char *err,
                    size_t errlen);
int opt_enc_domain_list(const struct opt_def *def, const char *text, struct wr *w, char *err,
                        size_t errlen);

/* --- opt_enc_struct.c: encoders of the structured formats ------------------------ */

int opt_enc_client_id(const struct opt_def *def, const char *text, struct wr *w, char *err,
                      size_t errlen);
int opt_enc_fqdn(const struct opt_def *def, const char *text, struct wr *w, char *err,
                 size_t errlen);
int opt_enc_subopts(const struct opt_def *def, const char *text, struct wr *w, char *err,
                    size_t errlen);
int opt_enc_vendor_ident(const struct opt_def *def, const char *text, struct wr *w, char *err,
                         size_t errlen);
int opt_enc_vendor_opts(const struct opt_def *def, const char *text, struct wr *w, char *err,
                        size_t errlen);
int opt_enc_msg_type(const struct opt_def *def, const char *text, struct wr *w, char *err,
                     size_t errlen);
int opt_enc_param_list(const struct opt_def *def, const char *text, struct wr *w, char *err,
                       size_t errlen);
int opt_enc_user_class(const struct opt_def *def, const char *text, struct wr *w, char *err,
                       size_t errlen);
int opt_enc_auth(const struct opt_def *def, const char *text, struct wr *w, char *err,
                 size_t errlen);
int opt_enc_client_arch(const struct opt_def *def, const char *text, struct wr *w, char *err,
                        size_t errlen);
int opt_enc_client_ndi(const struct opt_def *def, const char *text, struct wr *w, char *err,
                       size_t errlen);
int opt_enc_uuid(const struct opt_def *def, const char *text, struct wr *w, char *err,
                 size_t errlen);
int opt_enc_6rd(const struct opt_def *def, const char *text, struct wr *w, char *err,
                size_t errlen);
int opt_enc_overload(const struct opt_def *def, const char *text, struct wr *w, char *err,
                     size_t errlen);
int opt_enc_status(const struct opt_def *def, const char *text, struct wr *w, char *err,
                   size_t errlen);
int opt_enc_uri_list(const struct opt_def *def, const char *text, struct wr *w, char *err,
                     size_t errlen);
int opt_enc_dnr(const struct opt_def *def, const char *text, struct wr *w, char *err,
                size_t errlen);
int opt_enc_sip_servers(const struct opt_def *def, const char *text, struct wr *w, char *err,
                        size_t errlen);
int opt_enc_nonce_algs(const struct opt_def *def, const char *text, struct wr *w, char *err,
                       size_t errlen);
int opt_enc_port_params(const struct opt_def *def, const char *text, struct wr *w, char *err,
                        size_t errlen);
int opt_enc_pcp_servers(const struct opt_def *def, const char *text, struct wr *w, char *err,
                        size_t errlen);
int opt_enc_ip6(const struct opt_def *def, const char *text, struct wr *w, char *err,
                size_t errlen);
int opt_enc_rdnss(const struct opt_def *def, const char *text, struct wr *w, char *err,
                  size_t errlen);
int opt_enc_slp_agents(const struct opt_def *def, const char *text, struct wr *w, char *err,
                       size_t errlen);
int opt_enc_slp_scopes(const struct opt_def *def, const char *text, struct wr *w, char *err,
                       size_t errlen);
int opt_enc_vss(const struct opt_def *def, const char *text, struct wr *w, char *err,
                size_t errlen);
int opt_enc_mac(const struct opt_def *def, const char *text, struct wr *w, char *err,
                size_t errlen);
int opt_enc_u32_list(const struct opt_def *def, const char *text, struct wr *w, char *err,
                     size_t errlen);
int opt_enc_pxe_servers(const struct opt_def *def, const char *text, struct wr *w, char *err,
                        size_t errlen);
int opt_enc_pxe_menu(const struct opt_def *def, const char *text, struct wr *w, char *err,
                     size_t errlen);
int opt_enc_pxe_prompt(const struct opt_def *def, const char *text, struct wr *w, char *err,
                       size_t errlen);
int opt_enc_radius(const struct opt_def *def, const char *text, struct wr *w, char *err,
                   size_t errlen);
int opt_enc_vivc(const struct opt_def *def, const char *text, struct wr *w, char *err,
                 size_t errlen);
int opt_enc_isns(const struct opt_def *def, const char *text, struct wr *w, char *err,
                 size_t errlen);

#endif
