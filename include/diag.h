/* SPDX-License-Identifier: BSD-2-Clause */
/* diag.h - the rules of `diagnose`: observations in, named causes (findings) out; pure */
#ifndef DHCPDIAG_DIAG_H
#define DHCPDIAG_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct allow_entry;
struct obs;
struct probe_result;

/* what a step of the battery was for; the same probe kind serves several purposes */
enum diag_step {
	DIAG_STEP_DISCOVER_OWN,     /* DISCOVER with the client's own MAC */
	DIAG_STEP_DISCOVER_RANDOM,  /* DISCOVER with a random MAC */
	DIAG_STEP_DISCOVER_BCAST,   /* DISCOVER with the broadcast flag set */
	DIAG_STEP_DISCOVER_UNICAST, /* DISCOVER with the broadcast flag clear */
	DIAG_STEP_SELECT,           /* REQUEST of an offer (SELECTING) */
	DIAG_STEP_INIT_REBOOT,      /* REQUEST of the previous address (in->requested) */
	DIAG_STEP_RELAY,            /* DISCOVER as a relay agent, unicast to --server */
	DIAG_STEP_INFORM,           /* INFORM toward --server or broadcast */
	DIAG_STEP_MAX
};
extern const char *const diag_step_names[DIAG_STEP_MAX]; /* "discover (own MAC)", ... */

/* one step run: res as the probe left it at its DONE event */
struct diag_probe {
	enum diag_step kind;
	const struct probe_result *res;
};

enum diag_arp_what { DIAG_ARP_OFFERED, DIAG_ARP_ROUTER };

/* one ARP probe (RFC 5227) of an address an offer named */
struct diag_arp {
	uint32_t addr; /* host order */
	enum diag_arp_what what;
	bool answered;
	uint8_t mac[6]; /* who answered */
	uint64_t ms;    /* after how long */
};

/*
 * Everything the rules look at. Nothing is owned: every pointer is borrowed
 * for the duration of the call and may be NULL when its count is 0. Absent
 * facts are zero: a battery fills what it ran; a capture (from_capture) puts
 * every message of the file in `heard` and leaves steps, arp and link facts
 * empty.
 */
struct diag_input {
	const struct diag_probe *steps; /* in the order they ran */
	size_t nsteps;
	const struct diag_arp *arp;
	size_t narp;
	/* the passive listen, in the order seen: DHCP messages that are neither sent
	 * by the battery nor replies to it (other clients, servers serving them) */
	const struct obs *heard;
	size_t nheard;
	bool link_down, no_carrier, wireless; /* the interface's state */
	uint32_t server;                      /* --server, 0 none */
	unsigned servers;                     /* --servers: how many should offer, 0 not said */
	const struct allow_entry *allow;      /* --allow-server; nallow 0: every server allowed */
	int nallow;
	uint8_t client_mac[6]; /* the client's own MAC */
	uint32_t requested;    /* the previous address INIT-REBOOT asked for, 0 none */
	bool asked_dns;        /* the parameter request list (55) held option 6 */
	bool from_capture;     /* read from a file: checks that need probes are skipped */
};

enum diag_sev { DIAG_SEV_INFO, DIAG_SEV_WARN, DIAG_SEV_ERROR, DIAG_SEV_MAX };
extern const char *const diag_sev_names[DIAG_SEV_MAX]; /* "info", "warning", "error" */

/* every finding; the order is the order of importance within a severity (causes first) */
enum diag_id {
	/* errors */
	DIAG_IF_DOWN,
	DIAG_NO_CARRIER,
	DIAG_NO_SERVER,
	DIAG_NO_RELAY,
	DIAG_POOL_EXHAUSTED,
	DIAG_CLIENT_IGNORED,
	DIAG_ROGUE_SERVER,
	DIAG_REQUEST_NAK,
	DIAG_WRONG_SUBNET,
	DIAG_MASK_HOLES,
	DIAG_ADDR_NOT_HOST,
	DIAG_ROUTER_OFF_LINK,
	DIAG_ROUTE_OFF_LINK,
	DIAG_ADDR_IN_USE,
	/* warnings */
	DIAG_UNICAST_LOST,
	DIAG_BCAST_LOST,
	DIAG_PREV_ADDR_NAK,
	DIAG_SERVERS_MISSING,
	DIAG_SEVERAL_SERVERS,
	DIAG_MALFORMED,
	DIAG_REPLY_MISMATCH,
	DIAG_SERVER_ID_NOT_SRC,
	DIAG_ROUTES_HIDE_ROUTER,
	DIAG_BCAST_ADDR_WRONG,
	DIAG_ROUTER_SILENT,
	DIAG_NO_DNS,
	DIAG_TIMERS,
	DIAG_LEASE_SHORT,
	DIAG_PACKET_LOSS,
	DIAG_SLOW_SERVER,
	DIAG_CLIENT_UNANSWERED,
	/* information */
	DIAG_LEASE_INFINITE,
	DIAG_FOREIGN_MAC_FILTERED,
	DIAG_MAX
};

/* the rule table, for `help diagnose` and the man page; id out of range: NULL / 0 / false */
const char *diag_rule_name(enum diag_id id); /* stable lowercase-hyphen id: "no-server" */
enum diag_sev diag_rule_sev(enum diag_id id);
const char *diag_rule_desc(enum diag_id id); /* one line */
const char *diag_rule_ref(enum diag_id id);  /* "RFC 2131 4.3.1" */
bool diag_rule_needs_probe(enum diag_id id); /* cannot be checked from a capture file */
/* DIAG_MAX when no rule has this name */
enum diag_id diag_rule_by_name(const char *name);
/* the rules a capture file cannot check, in table order; returns how many (at most max) */
size_t diag_capture_skips(enum diag_id *ret, size_t max);

/* a named value of a finding, for JSON, metrics and scripts */
enum diag_vkind {
	DIAG_V_IP,   /* ip: an IPv4 address, host order */
	DIAG_V_MAC,  /* mac */
	DIAG_V_U32,  /* num: a count or a prefix length */
	DIAG_V_SECS, /* num: seconds (lease times; LEASE_INFINITE for infinite) */
	DIAG_V_MS,   /* num: milliseconds (measured times) */
	DIAG_V_STR,  /* str: text, already escaped for a terminal (printable ASCII or UTF-8) */
	DIAG_V_MAX
};
extern const char *const diag_vkind_names[DIAG_V_MAX]; /* "ip", "mac", "u32", "secs", "ms", "str" */

#define DIAG_VALUES_MAX 8
#define DIAG_STR_MAX 100
#define DIAG_TEXT_MAX 320
#define DIAG_EVIDENCE_MAX 400
#define DIAG_NEXT_MAX 240

struct diag_value {
	const char *key; /* static lowercase-hyphen name: "server", "router", "lease" ... */
	enum diag_vkind kind;
	union {
		uint32_t ip;
		uint8_t mac[6];
		uint64_t num;
		char str[DIAG_STR_MAX];
	};
};

/*
 * One cause. The strings are complete sentences without a final period,
 * printable ASCII or UTF-8 with every wire byte escaped (esc.h terminal
 * rules); a string too long for its buffer ends in "...". A JSON printer
 * still escapes them as any string.
 */
struct diag_finding {
	enum diag_id id;
	enum diag_sev sev; /* the table's, copied */
	uint32_t server;   /* the server concerned, 0 none */
	unsigned nvalues;
	struct diag_value values[DIAG_VALUES_MAX];
	char text[DIAG_TEXT_MAX];         /* the cause and what it does, with the values */
	char evidence[DIAG_EVIDENCE_MAX]; /* which step showed it, what came back, when */
	char next[DIAG_NEXT_MAX];         /* what to do, or whom to ask */
};

/*
 * Run every rule on in and write the findings into out, most important
 * first: errors, warnings, information, each in table order, and no finding
 * whose cause is also found (no "no-dns-offered" when no server answers).
 * A rule reports a server once. Returns how many were written (at most max);
 * when more hold, the least important are left out. Pure: no I/O, no clock.
 */
size_t diag_run(const struct diag_input *in, struct diag_finding *out, size_t max);

enum diag_status {
	DIAG_HEALTHY,          /* information at most */
	DIAG_PROBLEM,          /* a warning or an error */
	DIAG_NOTHING_ANSWERED, /* no DHCP server sent anything at all */
	DIAG_STATUS_MAX
};
extern const char *const diag_status_names[DIAG_STATUS_MAX]; /* "healthy", "problem", ... */

struct diag_verdict {
	enum diag_status status;
	uint32_t address, server; /* the lease obtained (an ACK, else an OFFER), 0 none */
	uint32_t lease;           /* its seconds, LEASE_INFINITE, 0 unknown */
	char line[DIAG_TEXT_MAX]; /* one plain-words line: "no problems found: lease ..." */
};

/* the overall answer from the input and the findings diag_run gave for it */
void diag_verdict(const struct diag_input *in, const struct diag_finding *f, size_t n,
                  struct diag_verdict *ret);

#endif
