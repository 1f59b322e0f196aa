/* SPDX-License-Identifier: BSD-2-Clause */
/* tracker.h - what the watch view knows: servers and client transactions seen on the wire */
#ifndef DHCPDIAG_TRACKER_H
#define DHCPDIAG_TRACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "frame.h"
#include "lease.h"
#include "obs.h"

struct allow_entry;
struct tracker;

#define TRK_SERVERS_DEFAULT 256
#define TRK_TXNS_DEFAULT 1024
#define TRK_RAW_MAX 1536 /* UDP payload bytes kept of a server's latest reply */

/* DORA progress bits of a transaction */
enum {
	TRK_D = 1 << 0, /* DISCOVER */
	TRK_O = 1 << 1, /* OFFER */
	TRK_R = 1 << 2, /* REQUEST */
	TRK_A = 1 << 3, /* ACK */
	TRK_N = 1 << 4, /* NAK */
	TRK_I = 1 << 5, /* INFORM */
	TRK_X = 1 << 6, /* DECLINE or RELEASE */
};

enum trk_outcome {
	TRK_PENDING, /* client asked, nothing back yet */
	TRK_OFFERED, /* an OFFER came, no REQUEST/ACK yet */
	TRK_BOUND,   /* ACK */
	TRK_NAKED,   /* NAK */
	TRK_RELEASED,/* the client sent RELEASE or DECLINE */
	TRK_OUTCOME_MAX
};
extern const char *const trk_outcome_names[TRK_OUTCOME_MAX]; /* "pending", "offered", ... */

/* One DHCP server, keyed by server identifier (option 54, else source IP) + source MAC. */
struct trk_server {
	uint32_t id;         /* option 54, or the source IP when 54 is absent (host order) */
	bool id_from_opt;    /* id came from option 54 */
	uint8_t mac[6];      /* source MAC (zero when the link has no Ethernet header) */
	bool has_mac;
	uint32_t ip_src;     /* IP source of the latest reply */
	struct timeval first, last;
	unsigned offers, acks, naks;
	uint32_t yiaddr;     /* address in the latest OFFER/ACK */
	struct lease_terms terms; /* from the latest OFFER or ACK (a NAK carries none) */
	struct obs reply_obs;     /* the latest OFFER, ACK or NAK as observed */
	int64_t latency_us;  /* client request to this server's latest reply, -1 unknown */
	bool rogue;          /* an allow-list was given and this server is not on it */
	/* the latest reply, for the options detail: frame meta with payload -> raw */
	struct frame reply;
	struct timeval reply_ts;
	uint8_t raw[TRK_RAW_MAX];
};

/* One client transaction, keyed by chaddr + xid. */
struct trk_txn {
	uint8_t chaddr[16];
	uint8_t hlen;        /* bytes of chaddr that count (<= 16) */
	uint32_t xid;
	struct timeval first, last, last_req; /* last_req: the latest client message */
	unsigned seen;       /* TRK_* bits */
	enum trk_outcome outcome;
	uint8_t last_type;   /* DHCP message type of the latest message */
	bool last_from_server;
	uint32_t server;     /* server id of the latest reply, 0 none */
	uint32_t yiaddr;
	int64_t latency_us;  /* first client message to the latest reply, -1 none yet */
};

struct trk_counts {
	uint64_t packets;      /* everything observed */
	uint64_t dhcp;         /* BOOTP/DHCP messages */
	uint64_t skipped;      /* not DHCP (other traffic, damaged headers) */
	uint64_t servers_evicted, txns_evicted;
};

enum trk_event {
	TRK_EV_SERVER_NEW,
	TRK_EV_SERVER_CHANGED, /* its lease terms (mask, router, DNS, domain, lease, T1/T2) changed */
	TRK_EV_TXN_DONE,       /* ACK or NAK ended a transaction */
	TRK_EV_MAX
};

/* exactly one of srv/txn is set; the pointers are valid during the call only */
typedef void (*trk_event_cb)(void *arg, enum trk_event ev, const struct trk_server *srv,
			     const struct trk_txn *txn);

struct trk_cfg {
	unsigned max_servers; /* 0: TRK_SERVERS_DEFAULT */
	unsigned max_txns;    /* 0: TRK_TXNS_DEFAULT */
	const struct allow_entry *allow; /* copied; none = no rogue marking */
	int nallow;
	trk_event_cb event;   /* may be NULL */
	void *event_arg;
};

/*
 * All memory is allocated here, once: a full table evicts its least recently
 * seen entry. NULL when out of memory. Copies cfg.
 */
struct tracker *tracker_new(const struct trk_cfg *cfg);
void tracker_free(struct tracker *t); /* NULL-safe */
/* a new allow-list (copied; at most the nallow given at tracker_new, or PROBE_MAX_ALLOW when that
 * was 0): every server is marked again. -ENOMEM when it does not fit */
int tracker_set_allow(struct tracker *t, const struct allow_entry *allow, int nallow);
/* forget every server and transaction and zero the counters */
void tracker_clear(struct tracker *t);

/*
 * Feed one message as obs_parse made it (f: its frame, whose payload is kept
 * as the server's latest reply). Never fails: odd messages only count.
 */
void tracker_observe(struct tracker *t, const struct obs *o, const struct frame *f);
/* count a packet that is not a DHCP message (other traffic, damaged headers) */
void tracker_skip(struct tracker *t);

const struct trk_counts *tracker_counts(const struct tracker *t);
/*
 * Entries, most recently seen first: fills up to max pointers, returns how
 * many. The pointers stay valid until the next tracker_observe/clear/free.
 */
size_t tracker_servers(const struct tracker *t, const struct trk_server **ret, size_t max);
size_t tracker_txns(const struct tracker *t, const struct trk_txn **ret, size_t max);
/* the entry of server id + MAC (mac NULL: a link without one), or NULL */
const struct trk_server *tracker_server_find(const struct tracker *t, uint32_t id,
					     const uint8_t *mac);
size_t tracker_nservers(const struct tracker *t);
size_t tracker_ntxns(const struct tracker *t);
/* bytes this tracker allocated (constant after tracker_new) */
size_t tracker_mem(const struct tracker *t);
/* "DORA"-style progress text of a transaction into buf (at least 8 bytes) */
const char *tracker_progress(const struct trk_txn *x, char *buf, size_t cap);

#endif
