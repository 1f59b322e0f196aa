/* SPDX-License-Identifier: BSD-2-Clause */
/* report.h - the one shape of observations, lease terms and servers in JSON, and their text bits */
#ifndef DHCPDIAG_REPORT_H
#define DHCPDIAG_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

struct lease_terms;
struct obs;
struct oui;
struct trk_server;
struct val;
struct val_arena;

/* "198.18.0.1" into buf (16 bytes) / "02:dd:00:00:00:01" into buf (18 bytes) */
const char *rep_ip(uint32_t ip, char *buf);
const char *rep_mac(const uint8_t *m, char *buf);
/* seconds as "3600s", or "infinite" for the all-ones lease, into buf (16 bytes) */
const char *rep_secs(uint32_t secs, char *buf);
/* ISO 8601 UTC with microseconds into buf (32 bytes) */
const char *rep_time(const struct timeval *tv, char *buf, unsigned cap);
/* a DHCP message type's name ("OFFER"), "BOOTP" for none */
const char *rep_type(uint8_t type);

/*
 * JSON members, added to object o. Keys for lease terms are the option
 * table's names (subnet-mask, router, domain-name-server, domain-name,
 * lease-time, renewal-time, rebinding-time, broadcast-address) with
 * renewal-time-derived / rebinding-time-derived when RFC 2131's defaults
 * filled them. Strings from the wire are copied as bytes; the printers
 * escape them.
 */
void rep_terms(struct val_arena *a, struct val *o, const struct lease_terms *t);
/* a server: server-id, server-id-from-option, ip, mac, vendor, rogue, counts, times, yiaddr,
 * the terms of its latest OFFER/ACK, latency-us; oui may be NULL */
void rep_server(struct val_arena *a, struct val *o, const struct trk_server *sv, struct oui *oui);
/* one reply: type, xid, server-id, ip, mac, yiaddr, chaddr, ms, flags, message, and its terms */
void rep_obs(struct val_arena *a, struct val *o, const struct obs *ob);
/*
 * The rules of `diagnose` on one server's latest reply, as a capture would
 * show it (watch marks its rows with them): the findings about that server,
 * most important first, at most max. *ret_worst: the worst severity, or -1.
 */
struct diag_finding;
size_t rep_server_findings(const struct trk_server *sv, struct diag_finding *out, size_t max,
			   int *ret_worst);

/* "time" member: the wall clock as ISO 8601 UTC */
void rep_time_val(struct val_arena *a, struct val *o, const char *key, const struct timeval *tv);
/* what every result line carries: "time" (tv, when the command ended) and "interface" (when
 * one was chosen) */
void rep_result_common(struct val_arena *a, struct val *o, const char *ifname,
		       const struct timeval *tv);

#endif
