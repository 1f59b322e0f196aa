/* SPDX-License-Identifier: BSD-2-Clause */
/* diag_int.h - private to the diag*.c files: what a rule sees of the input and how it reports */
#ifndef DHCPDIAG_DIAG_INT_H
#define DHCPDIAG_DIAG_INT_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

struct lease_terms;
struct obs;
struct probe_result;

enum { DIAG_OP_REQUEST = 1, DIAG_OP_REPLY = 2 }; /* RFC 951 op */

/* a server that needs longer than this to answer first checks the address (RFC 2131 3.1 (2)) */
#define DIAG_SLOW_MS 1000
/*
 * RFC 2131 4.4.5: a client renews at T1 (1/2 lease) and retries no sooner than
 * every 60 s; below 300 s the window until T2 (7/8) holds two tries at most,
 * and a server outage of a few minutes costs the address.
 */
#define DIAG_SHORT_LEASE 300
/* a copy of a request within this time is a relay agent forwarding it, not a retransmission */
#define DIAG_COPY_MS 500
#define DIAG_SRV_MAX 16  /* servers told apart; more are still counted as replies */
#define DIAG_CLI_MAX 256 /* clients followed on the passive listen (a power of two) */

#define DIAG_BIT(id) ((uint64_t)1 << (id))

/* a server seen answering: server id, and its MAC when the link has one */
struct diag_srv {
	uint32_t id;
	uint8_t mac[6];
	bool has_mac, rogue;
	const struct obs *first, *offer; /* its first reply; its first OFFER/ACK with an address */
	enum diag_step first_kind, offer_kind; /* where; DIAG_STEP_MAX: heard */
};

/* one run of the rules over one input */
struct diag_ctx {
	const struct diag_input *in;
	struct diag_srv srv[DIAG_SRV_MAX];
	unsigned nsrv;
	bool srv_full;            /* more servers answered than DIAG_SRV_MAX */
	size_t replies;           /* server messages in steps and heard */
	uint64_t found;           /* ids reported so far */
	struct diag_finding *out; /* NULL: only find out which ids hold */
	size_t max, n;
	struct diag_finding scratch; /* what has no room or is reported already */
};

/* a rule: reports findings of id (and only of id) through diag_emit */
typedef void (*diag_check_fn)(struct diag_ctx *c, enum diag_id id);

/* --- diag_text.c: writing findings ---------------------------------------- */

/* append to a NUL-terminated buffer; what does not fit is cut at a UTF-8 boundary, "..." */
void diag_add(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#define TEXT(f, ...) diag_add((f)->text, sizeof((f)->text), __VA_ARGS__)
#define EV(f, ...) diag_add((f)->evidence, sizeof((f)->evidence), __VA_ARGS__)
#define NEXT(f, ...) diag_add((f)->next, sizeof((f)->next), __VA_ARGS__)

/* short texts returned by value: IPS(a) is valid until the end of the full expression */
struct diag_txt {
	char s[24];
};
struct diag_txt diag_ip_txt(uint32_t a);
struct diag_txt diag_mac_txt(const uint8_t *m);
struct diag_txt diag_ms_txt(uint64_t ms);                   /* "80 ms", "28.0 s" */
struct diag_txt diag_secs_txt(uint32_t secs);               /* "3600 s", "infinite" */
struct diag_txt diag_net_txt(uint32_t addr, uint32_t mask); /* "198.18.0.0/24" */
#define IPS(a) (diag_ip_txt(a).s)
#define MACS(m) (diag_mac_txt(m).s)
#define MSS(ms) (diag_ms_txt(ms).s)
#define SECS(n) (diag_secs_txt(n).s)
#define NETS(a, m) (diag_net_txt(a, m).s)

/* "OFFER", "BOOTP reply" */
const char *diag_type_name(uint8_t type);
#define DIAG_DIFF_NET (1u << 16) /* beside the LT_* bits: the offered subnets differ */
/* the LT_* terms in bits by name ("router, DNS servers"), or with codes ("option 3 (router)") */
void diag_add_terms(char *buf, size_t cap, unsigned bits, bool with_codes);

/* a finding of id about server to fill; always writable (a scratch one when it goes nowhere) */
struct diag_finding *diag_emit(struct diag_ctx *c, enum diag_id id, uint32_t server);
/* named values; past DIAG_VALUES_MAX they are dropped */
void diag_val_ip(struct diag_finding *f, const char *key, uint32_t ip);
void diag_val_mac(struct diag_finding *f, const char *key, const uint8_t *mac);
void diag_val_num(struct diag_finding *f, const char *key, enum diag_vkind kind, uint64_t num);
void diag_val_str(struct diag_finding *f, const char *key, const char *s);

/* evidence, "; "-separated: a step ("discover (own MAC): no reply after 3 tries, 28.0 s"), a
 * reply where it was seen (k: DIAG_STEP_MAX for heard), every step that pick() takes */
void diag_ev_sep(struct diag_finding *f);
void diag_ev_step(struct diag_finding *f, enum diag_step k, const struct probe_result *r);
void diag_ev_reply(const struct diag_ctx *c, struct diag_finding *f, enum diag_step k,
                   const struct obs *o);
void diag_ev_steps(const struct diag_ctx *c, struct diag_finding *f, bool (*pick)(enum diag_step));
/* option 56 of o, escaped, into the text and as the value "message" */
void diag_say_message(struct diag_finding *f, const struct obs *o);

/* --- diag_input.c: what the input holds ------------------------------------ */

/*
 * Every server message: the steps' replies, then those heard:
 * for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;)
 */
struct diag_cursor {
	size_t step, i;
	enum diag_step kind; /* of the message returned; DIAG_STEP_MAX: heard */
};
const struct obs *diag_next_reply(const struct diag_ctx *c, struct diag_cursor *k);
/* the servers seen (c->srv) and the count of replies; run once before the rules */
void diag_prep(struct diag_ctx *c);

/* the first step of this kind that ran, or NULL */
const struct probe_result *diag_step_res(const struct diag_ctx *c, enum diag_step kind);
const struct obs *diag_first_answer(const struct probe_result *r); /* not OBS_NOT_ASKED */
bool diag_answered(const struct probe_result *r);
bool diag_unanswered(const struct probe_result *r); /* ran to its end, got nothing */
bool diag_is_discover(enum diag_step k);            /* the broadcast ones, not the relay one */
/* DISCOVERs ran (the relay one aside) and none got an offer */
bool diag_discovers_unanswered(const struct diag_ctx *c);
/* that, and the relayed DISCOVER (if any) got nothing either */
bool diag_silent_to_us(const struct diag_ctx *c);

bool diag_is_offer(const struct obs *o);   /* OFFER, ACK or BOOTP reply with an address */
bool diag_has_subnet(const struct obs *o); /* an offer with a contiguous mask */
bool diag_in_subnet(const struct obs *o, uint32_t addr);
bool diag_is_rogue(const struct diag_ctx *c, const struct obs *o);
/* a reply of one of these types (bits 1 << DHCP type), heard ones only or any; *ret_kind */
const struct obs *diag_find_reply(const struct diag_ctx *c, unsigned types, bool heard_only,
                                  enum diag_step *ret_kind);
/* the first offer naming addr as its address (router: as its first router); *ret_kind */
const struct obs *diag_offer_naming(const struct diag_ctx *c, uint32_t addr, bool router,
                                    enum diag_step *ret_kind);
/* "discover (own MAC)"; heard: "capture" or "passive listen" */
const char *diag_where(const struct diag_ctx *c, enum diag_step k);
int64_t diag_tv_ms(const struct timeval *a, const struct timeval *b); /* a - b */

/* a client on the passive listen, by chaddr */
struct diag_client {
	uint8_t chaddr[16];
	bool used, named_server; /* named_server: its latest request carried option 54 */
	uint8_t type;            /* of its latest request */
	unsigned requests, replies;
	uint32_t xid; /* of its latest request */
	struct timeval first, last;
};
struct diag_walk {
	struct diag_client tab[DIAG_CLI_MAX];
};
/* called for each server message heard, with the request it answers (same chaddr and xid) */
typedef void (*diag_walk_fn)(struct diag_ctx *c, enum diag_id id, const struct obs *reply,
                             const struct diag_client *req);
/* the passive listen in order, following each client's requests (w: the table after); fn may
 * be NULL */
void diag_walk_heard(struct diag_ctx *c, struct diag_walk *w, diag_walk_fn fn, enum diag_id id);

/* --- the rules: diag_reach.c (reaching a server), diag_offer.c (what it offers) --- */

void diag_check_if_down(struct diag_ctx *c, enum diag_id id);
void diag_check_no_carrier(struct diag_ctx *c, enum diag_id id);
void diag_check_no_server(struct diag_ctx *c, enum diag_id id);
void diag_check_no_relay(struct diag_ctx *c, enum diag_id id);
void diag_check_pool_exhausted(struct diag_ctx *c, enum diag_id id);
void diag_check_client_ignored(struct diag_ctx *c, enum diag_id id);
void diag_check_nak(struct diag_ctx *c, enum diag_id id); /* both NAK ids */
void diag_check_addr_in_use(struct diag_ctx *c, enum diag_id id);
void diag_check_flag(struct diag_ctx *c, enum diag_id id); /* both broadcast-flag ids */
void diag_check_router_silent(struct diag_ctx *c, enum diag_id id);
void diag_check_packet_loss(struct diag_ctx *c, enum diag_id id);
void diag_check_slow(struct diag_ctx *c, enum diag_id id);
void diag_check_client_unanswered(struct diag_ctx *c, enum diag_id id);
void diag_check_foreign_mac(struct diag_ctx *c, enum diag_id id);

void diag_check_rogue(struct diag_ctx *c, enum diag_id id);
void diag_check_servers_missing(struct diag_ctx *c, enum diag_id id);
void diag_check_several_servers(struct diag_ctx *c, enum diag_id id);
void diag_check_wrong_subnet(struct diag_ctx *c, enum diag_id id);
void diag_check_mask_holes(struct diag_ctx *c, enum diag_id id);
void diag_check_addr_not_host(struct diag_ctx *c, enum diag_id id);
void diag_check_router_off_link(struct diag_ctx *c, enum diag_id id);
void diag_check_route_off_link(struct diag_ctx *c, enum diag_id id);
void diag_check_malformed(struct diag_ctx *c, enum diag_id id);
void diag_check_reply_mismatch(struct diag_ctx *c, enum diag_id id);
void diag_check_server_id_not_src(struct diag_ctx *c, enum diag_id id);
void diag_check_routes_hide_router(struct diag_ctx *c, enum diag_id id);
void diag_check_bcast_addr(struct diag_ctx *c, enum diag_id id);
void diag_check_no_dns(struct diag_ctx *c, enum diag_id id);
void diag_check_timers(struct diag_ctx *c, enum diag_id id);
void diag_check_lease(struct diag_ctx *c, enum diag_id id); /* short and infinite */

#endif
