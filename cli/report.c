/* SPDX-License-Identifier: BSD-2-Clause */
/* report.c - observations, lease terms and servers as JSON members and text bits, for every command */
#include "report.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "lease.h"
#include "msg.h"
#include "obs.h"
#include "opt.h"
#include "tracker.h"
#include "value.h"
#include "view.h"

const char *
rep_ip(uint32_t ip, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
	return buf;
}

const char *
rep_mac(const uint8_t *m, char *buf)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
	return buf;
}

const char *
rep_secs(uint32_t secs, char *buf)
{
	if (secs == LEASE_INFINITE)
		snprintf(buf, 16, "infinite");
	else
		snprintf(buf, 16, "%us", secs);
	return buf;
}

const char *
rep_time(const struct timeval *tv, char *buf, unsigned cap)
{
	struct tm tm;
	time_t t = tv->tv_sec;
	char sec[32];

	if (!gmtime_r(&t, &tm) || !strftime(sec, sizeof(sec), "%Y-%m-%dT%H:%M:%S", &tm))
		strcpy(sec, "1970-01-01T00:00:00");
	snprintf(buf, cap, "%s.%06ldZ", sec, (long)tv->tv_usec % 1000000);
	return buf;
}

const char *
rep_type(uint8_t type)
{
	size_t n;
	const char *name = msg_type_name(type, &n);

	return name ? name : "BOOTP";
}

void
rep_time_val(struct val_arena *a, struct val *o, const char *key, const struct timeval *tv)
{
	char tb[48];

	/* val_cstr keeps the pointer: the text is copied into the arena */
	rep_time(tv, tb, sizeof(tb));
	val_str(a, o, key, (const uint8_t *)tb, strlen(tb));
}

void
rep_result_common(struct val_arena *a, struct val *o, const char *ifname, const struct timeval *tv)
{
	rep_time_val(a, o, "time", tv);
	if (ifname && ifname[0])
		val_str(a, o, "interface", (const uint8_t *)ifname, strlen(ifname));
}

static const char *
key_of(uint8_t code)
{
	return opt_get(code)->name;
}

static void
ip_list(struct val_arena *a, struct val *o, uint8_t code, const uint32_t *ips, unsigned n,
	unsigned max)
{
	struct val *l = val_list(a, o, key_of(code));

	for (unsigned i = 0; i < n && i < max; i++)
		val_ip(a, l, NULL, ips[i]);
}

void
rep_terms(struct val_arena *a, struct val *o, const struct lease_terms *t)
{
	if (t->sent & LT_MASK)
		val_ip(a, o, key_of(1), t->mask);
	if (t->sent & LT_ROUTER)
		ip_list(a, o, 3, t->routers, t->nrouters, LT_ROUTERS_MAX);
	if (t->sent & LT_DNS)
		ip_list(a, o, 6, t->dns, t->ndns, LT_DNS_MAX);
	if (t->sent & LT_DOMAIN)
		val_str(a, o, key_of(15), t->domain, t->domain_len);
	if (t->sent & LT_BROADCAST)
		val_ip(a, o, key_of(28), t->broadcast);
	if (t->sent & LT_LEASE)
		val_secs(a, o, key_of(51), t->lease);
	if (lease_has(t, LT_T1)) {
		val_secs(a, o, key_of(58), t->t1);
		val_bool(a, o, "renewal-time-derived", (t->derived & LT_T1) != 0);
	}
	if (lease_has(t, LT_T2)) {
		val_secs(a, o, key_of(59), t->t2);
		val_bool(a, o, "rebinding-time-derived", (t->derived & LT_T2) != 0);
	}
}

size_t
rep_server_findings(const struct trk_server *sv, struct diag_finding *out, size_t max,
		    int *ret_worst)
{
	struct diag_input in = {.heard = &sv->reply_obs, .nheard = 1, .from_capture = true};
	size_t n = 0, k = 0;

	*ret_worst = -1;
	if (sv->reply_obs.op != 2)
		return 0; /* no reply kept (a table entry being filled) */
	n = diag_run(&in, out, max);
	/* a capture's rules also speak of clients: keep what concerns this server */
	for (size_t i = 0; i < n; i++) {
		if (out[i].server != sv->id)
			continue;
		if ((int)out[i].sev > *ret_worst)
			*ret_worst = (int)out[i].sev;
		if (k != i)
			out[k] = out[i];
		k++;
	}
	return k;
}

/* "findings": the ids of the rules that hold for this server's latest reply */
static void
server_findings_val(struct val_arena *a, struct val *o, const struct trk_server *sv)
{
	struct diag_finding f[8];
	int worst;
	size_t n = rep_server_findings(sv, f, 8, &worst);
	struct val *l;

	if (!n)
		return;
	l = val_list(a, o, "findings");
	for (size_t i = 0; i < n; i++)
		val_cstr(a, l, NULL, diag_rule_name(f[i].id));
}

void
rep_server(struct val_arena *a, struct val *o, const struct trk_server *sv, struct oui *oui)
{
	const char *vendor;

	val_ip(a, o, "server-id", sv->id);
	val_bool(a, o, "server-id-from-option", sv->id_from_opt);
	val_ip(a, o, "ip", sv->ip_src);
	if (sv->has_mac) {
		val_mac(a, o, "mac", sv->mac, 6);
		vendor = oui ? oui_find(oui, sv->mac) : NULL;
		if (vendor)
			val_str(a, o, "vendor", (const uint8_t *)vendor, strlen(vendor));
	}
	val_bool(a, o, "rogue", sv->rogue);
	val_uint(a, o, "offers", sv->offers);
	val_uint(a, o, "acks", sv->acks);
	val_uint(a, o, "naks", sv->naks);
	rep_time_val(a, o, "first-seen", &sv->first);
	rep_time_val(a, o, "last-seen", &sv->last);
	if (sv->yiaddr)
		val_ip(a, o, "yiaddr", sv->yiaddr);
	rep_terms(a, o, &sv->terms);
	if (sv->latency_us >= 0)
		val_uint(a, o, "latency-us", (uint64_t)sv->latency_us);
	server_findings_val(a, o, sv);
}

void
rep_obs(struct val_arena *a, struct val *o, const struct obs *ob)
{
	size_t n;
	const char *type = msg_type_name(ob->type, &n);

	if (type)
		val_str(a, o, "type", (const uint8_t *)type, n);
	val_hex(a, o, "xid", ob->xid, 8);
	val_ip(a, o, "server-id", ob->server_id);
	val_ip(a, o, "ip", ob->src_ip);
	if (ob->has_mac)
		val_mac(a, o, "mac", ob->src_mac, 6);
	if (ob->yiaddr)
		val_ip(a, o, "yiaddr", ob->yiaddr);
	val_mac(a, o, "chaddr", ob->chaddr, ob->hlen);
	if (ob->ms >= 0)
		val_uint(a, o, "ms", (uint64_t)ob->ms);
	if (ob->flags) {
		struct val *l = val_list(a, o, "flags");

		for (int i = 0; i < OBS_FLAG_COUNT; i++)
			if (ob->flags & (1u << i))
				val_cstr(a, l, NULL, obs_flag_names[i]);
	}
	if (ob->message_len)
		val_str(a, o, "message", ob->message, ob->message_len);
	rep_terms(a, o, &ob->terms);
}
