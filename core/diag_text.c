/* SPDX-License-Identifier: BSD-2-Clause */
/* diag_text.c - how findings are written: bounded sentences, addresses, named values, evidence */
#include "diag_int.h"
#include "esc.h"
#include "lease.h"
#include "msg.h"
#include "obs.h"
#include "probe.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* a buffer cut by diag_add ends in "..." within its last 7 bytes; nothing more goes in */
static bool
is_cut(const char *buf, size_t len, size_t cap)
{
	return len + 7 >= cap && len >= 3 && !memcmp(buf + len - 3, "...", 3);
}

/* append to a NUL-terminated buffer; what does not fit is cut at a UTF-8 boundary, "..." */
void
diag_add(char *buf, size_t cap, const char *fmt, ...)
{
	size_t len = strnlen(buf, cap), end;
	va_list ap;
	int n;

	if (is_cut(buf, len, cap))
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < cap - len)
		return;
	for (end = cap - 4; end > 0 && ((unsigned char)buf[end] & 0xc0) == 0x80; end--)
		;
	memcpy(buf + end, "...", 4);
}

struct diag_txt
diag_ip_txt(uint32_t a)
{
	struct diag_txt t;

	snprintf(t.s, sizeof(t.s), "%u.%u.%u.%u", a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255);
	return t;
}

struct diag_txt
diag_mac_txt(const uint8_t *m)
{
	struct diag_txt t;

	snprintf(t.s, sizeof(t.s), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
	         m[5]);
	return t;
}

/* a measured time: "80 ms", "28.0 s" */
struct diag_txt
diag_ms_txt(uint64_t ms)
{
	struct diag_txt t;

	if (ms < 1000)
		snprintf(t.s, sizeof(t.s), "%u ms", (unsigned)ms);
	else
		snprintf(t.s, sizeof(t.s), "%llu.%u s", (unsigned long long)(ms / 1000),
		         (unsigned)(ms % 1000 / 100));
	return t;
}

struct diag_txt
diag_secs_txt(uint32_t secs)
{
	struct diag_txt t;

	if (secs == LEASE_INFINITE)
		snprintf(t.s, sizeof(t.s), "infinite");
	else
		snprintf(t.s, sizeof(t.s), "%u s", secs);
	return t;
}

/* a subnet: "198.18.0.0/24" */
struct diag_txt
diag_net_txt(uint32_t addr, uint32_t mask)
{
	struct diag_txt t = diag_ip_txt(addr & mask);
	size_t n = strlen(t.s);

	snprintf(t.s + n, sizeof(t.s) - n, "/%d", lease_mask_prefix(mask));
	return t;
}

const char *
diag_type_name(uint8_t t)
{
	size_t len;
	const char *s = msg_type_name(t, &len);

	return s ? s : t ? "message" : "BOOTP reply";
}

/* the lease terms that matter to a client, with their option codes (RFC 2132) */
static const struct {
	unsigned bit;
	uint8_t code;
	const char *name;
} term_names[] = {
    {LT_MASK, 1, "subnet mask"},
    {DIAG_DIFF_NET, 0, "subnet"},
    {LT_ROUTER, 3, "router"},
    {LT_DNS, 6, "DNS servers"},
    {LT_DOMAIN, 15, "domain name"},
    {LT_BROADCAST, 28, "broadcast address"},
    {LT_LEASE, 51, "lease time"},
    {LT_SERVER_ID, 54, "server identifier"},
    {LT_T1, 58, "renewal time T1"},
    {LT_T2, 59, "rebinding time T2"},
    {LT_ROUTES, 121, "classless routes"},
};

/* "router, DNS servers" (with_codes: "3 (router), 6 (DNS servers)") */
void
diag_add_terms(char *buf, size_t cap, unsigned bits, bool with_codes)
{
	const char *sep = "";

	for (size_t i = 0; i < sizeof(term_names) / sizeof(term_names[0]); i++) {
		if (!(bits & term_names[i].bit))
			continue;
		if (with_codes)
			diag_add(buf, cap, "%soption %u (%s)", sep, term_names[i].code,
			         term_names[i].name);
		else
			diag_add(buf, cap, "%s%s", sep, term_names[i].name);
		sep = ", ";
	}
}

static bool
reported(const struct diag_ctx *c, enum diag_id id, uint32_t server)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->out[i].id == id && c->out[i].server == server)
			return true;
	return false;
}

/* a finding to fill; always writable (scratch when it goes nowhere) */
struct diag_finding *
diag_emit(struct diag_ctx *c, enum diag_id id, uint32_t server)
{
	struct diag_finding *f = &c->scratch;

	c->found |= DIAG_BIT(id);
	if (c->out && c->n < c->max && !reported(c, id, server))
		f = &c->out[c->n++];
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->sev = diag_rule_sev(id);
	f->server = server;
	return f;
}

static struct diag_value *
val(struct diag_finding *f, const char *key, enum diag_vkind kind)
{
	struct diag_value *v;

	if (f->nvalues == DIAG_VALUES_MAX)
		return NULL;
	v = &f->values[f->nvalues++];
	v->key = key;
	v->kind = kind;
	return v;
}

void
diag_val_ip(struct diag_finding *f, const char *key, uint32_t ip)
{
	struct diag_value *v = val(f, key, DIAG_V_IP);

	if (v)
		v->ip = ip;
}

void
diag_val_mac(struct diag_finding *f, const char *key, const uint8_t *mac)
{
	struct diag_value *v = val(f, key, DIAG_V_MAC);

	if (v)
		memcpy(v->mac, mac, 6);
}

void
diag_val_num(struct diag_finding *f, const char *key, enum diag_vkind kind, uint64_t num)
{
	struct diag_value *v = val(f, key, kind);

	if (v)
		v->num = num;
}

void
diag_val_str(struct diag_finding *f, const char *key, const char *s)
{
	struct diag_value *v = val(f, key, DIAG_V_STR);

	if (v)
		diag_add(v->str, sizeof(v->str), "%s", s);
}

void
diag_ev_sep(struct diag_finding *f)
{
	if (f->evidence[0])
		EV(f, "; ");
}

/* "discover (own MAC): no reply after 3 tries, 28.0 s" / "...: OFFER ... after 80 ms, 1 try" */
void
diag_ev_step(struct diag_finding *f, enum diag_step k, const struct probe_result *r)
{
	const struct obs *o = diag_first_answer(r);
	const char *tries = r->tries == 1 ? "try" : "tries";
	const char *name = k < DIAG_STEP_MAX ? diag_step_names[k] : "step";

	diag_ev_sep(f);
	if (!o) {
		EV(f, "%s: no reply after %u %s, %s", name, r->tries, tries, MSS(r->elapsed_ms));
		return;
	}
	EV(f, "%s: %s", name, diag_type_name(o->type));
	if (o->yiaddr)
		EV(f, " %s", IPS(o->yiaddr));
	EV(f, " from %s after %s, %u %s sent", IPS(o->server_id),
	   MSS(o->ms > 0 ? (uint64_t)o->ms : 0), r->tries, tries);
}

/* one reply: "select: ACK 198.18.0.120 from 198.18.0.1 after 80 ms", heard: "... to MAC" */
void
diag_ev_reply(const struct diag_ctx *c, struct diag_finding *f, enum diag_step k,
              const struct obs *o)
{
	diag_ev_sep(f);
	EV(f, "%s: %s", diag_where(c, k), diag_type_name(o->type));
	if (o->yiaddr)
		EV(f, " %s", IPS(o->yiaddr));
	EV(f, " from %s", IPS(o->server_id));
	if (k == DIAG_STEP_MAX)
		EV(f, " to %s", MACS(o->chaddr));
	else if (o->ms >= 0)
		EV(f, " after %s", MSS((uint64_t)o->ms));
}

/* the evidence of every step of these kinds that ran */
void
diag_ev_steps(const struct diag_ctx *c, struct diag_finding *f, bool (*pick)(enum diag_step))
{
	for (size_t i = 0; i < c->in->nsteps; i++)
		if (c->in->steps[i].res && pick(c->in->steps[i].kind))
			diag_ev_step(f, c->in->steps[i].kind, c->in->steps[i].res);
}

/* option 56 of o, escaped, into the text and as a value */
void
diag_say_message(struct diag_finding *f, const struct obs *o)
{
	char esc[OBS_MESSAGE_MAX * 4 + 1];

	if (!o->message_len)
		return;
	esc_term_buf(esc, sizeof(esc), o->message, o->message_len);
	TEXT(f, "; it says \"%s\"", esc);
	diag_val_str(f, "message", esc);
}
