/* SPDX-License-Identifier: BSD-2-Clause */
/* probe.h - one DHCP client transaction at a time, driven by the event loop */
#ifndef DHCPDIAG_PROBE_H
#define DHCPDIAG_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "obs.h"

struct loop;
struct msg;
struct probe_cfg;
struct xpcap;
struct xudp;

/* what one step sends (RFC 2131 4.3/4.4 client states) */
enum probe_kind {
	PROBE_DISCOVER,    /* broadcast DISCOVER, collect OFFERs */
	PROBE_SELECT,      /* REQUEST an offer: server-id + requested address, broadcast */
	PROBE_INIT_REBOOT, /* REQUEST a remembered address: no server-id, broadcast */
	PROBE_RENEW,       /* REQUEST with ciaddr, unicast to the server */
	PROBE_REBIND,      /* REQUEST with ciaddr, broadcast */
	PROBE_INFORM,      /* INFORM with ciaddr, collect ACKs */
	PROBE_RELEASE,     /* no reply expected: sent once */
	PROBE_DECLINE,     /* no reply expected: sent once */
	PROBE_KIND_MAX
};
extern const char *const probe_kind_names[PROBE_KIND_MAX]; /* "discover", "select", ... */

/* the addresses of one step; the rest (options, timing, vlan) comes from the cfg */
struct probe_target {
	enum probe_kind kind;
	uint8_t chaddr[6];
	uint32_t ciaddr;    /* host order, 0 unset */
	uint32_t requested; /* option 50 */
	uint32_t server_id; /* option 54 */
	uint32_t dst_ip;    /* unicast destination (renew, release, decline, inform); 0 broadcast */
	uint8_t dst_mac[6]; /* its MAC (pcap mode); all zero = broadcast MAC */
	uint32_t xid;       /* 0: a fresh random one; RFC 2131 4.4.1: a SELECTING REQUEST
			       carries the xid of the OFFER it answers */
	unsigned copies;    /* RELEASE, DECLINE (no reply comes, none is waited for): send the
			       same message this many times, PROBE_COPY_GAP_MS apart (0, 1: once) */
};

/* between copies of a RELEASE: apart, so that a burst of loss does not take them all */
#define PROBE_COPY_GAP_MS 100

#define PROBE_REPLIES_MAX 256 /* replies one step keeps; later ones are only counted */
#define PROBE_TRIES_MAX 16    /* transmission times a step keeps (the tries setting allows 10) */

/*
 * What one step sent and every reply it got. Replies are kept in arrival
 * order; past PROBE_REPLIES_MAX they are counted in `dropped` (and still
 * reported by an RX event). A REQUEST's replies from servers it did not name
 * carry OBS_NOT_ASKED and do not end the step.
 */
struct probe_result {
	enum probe_kind kind;
	struct probe_target target; /* as sent (its xid filled in) */
	struct timeval start;       /* wall clock of the first transmission */
	unsigned tries;             /* transmissions made */
	uint64_t tx_ms[PROBE_TRIES_MAX]; /* when each was sent, since the step started */
	uint64_t elapsed_ms;
	int status; /* 0 got what the step waits for; -ETIMEDOUT none; -ECANCELED; <0 error */
	unsigned nservers; /* distinct servers (server id + MAC) among the kept replies */
	unsigned answers;  /* replies that count as an answer (not OBS_NOT_ASKED) */
	unsigned dropped;  /* replies not kept */
	unsigned nreplies;
	struct obs replies[PROBE_REPLIES_MAX];
};

enum probe_ev_kind {
	PROBE_EV_TX,   /* a frame was sent */
	PROBE_EV_RX,   /* a reply matching xid and chaddr arrived */
	PROBE_EV_DONE, /* the step is over; the probe is idle again */
	PROBE_EV_MAX
};

/*
 * An event. frame/len is the whole frame as sent or captured (Ethernet; in
 * relay mode the UDP payload wrapped in Ethernet/IPv4/UDP headers with the
 * socket's addresses and zero MACs, so that every frame of a session fits
 * in one pcap file); valid only during the callback.
 */
struct probe_ev {
	enum probe_ev_kind kind;
	uint64_t ms;       /* since the step started */
	struct timeval ts; /* wall clock (capture time for RX) */
	const uint8_t *frame;
	size_t len;
	int linktype;
	uint32_t xid;
	uint8_t type; /* DHCP message type (TX and RX) */
	unsigned try; /* TX: transmission number, 1-based */
	const struct obs *obs; /* RX: the reply, flags set (OBS_DUP, OBS_REOFFER, OBS_NOT_ASKED,
				  OBS_ROGUE); valid during the callback */
	const struct probe_result *res; /* the step so far (DONE: complete) */
};

typedef void (*probe_cb)(void *arg, const struct probe_ev *ev);

struct probe;

/*
 * A probe sends through exactly one transport: pcap (frames built here and
 * injected; pcap must be Ethernet) or udp (relay agent). The probe registers
 * the transport's fd with the loop while a step runs. cfg is copied.
 * Returns 0 or -errno.
 */
int probe_new(struct loop *l, const struct probe_cfg *cfg, struct xpcap *pcap, struct xudp *udp,
              probe_cb cb, void *arg, struct probe **ret);
void probe_free(struct probe *p); /* NULL-safe; stops a running step without an event */

/*
 * The passive listen: every DHCP message the probe reads that is not a reply
 * to its step (other clients, servers serving them, late replies) goes to tap,
 * also those queued between steps. o and frame are valid during the call.
 */
typedef void (*probe_tap)(void *arg, const struct obs *o, const uint8_t *frame, size_t len);
void probe_set_tap(struct probe *p, probe_tap tap, void *arg);

/* RFC 2131 4.1: randomize each retransmit interval by -1..+1 s (off by default) */
void probe_set_jitter(struct probe *p, bool on);

/*
 * Start a step: send the first message (a TX event comes before this
 * returns), then retransmit and collect on the loop until the step is
 * complete (a DONE event). RELEASE and DECLINE are done right after their TX,
 * or after their last copy (t->copies); a cancel between copies ends it (DONE
 * with -ECANCELED, res.tries says how many went out).
 * -EBUSY while a step runs; -EINVAL for a bad target; -ENETDOWN etc. when
 * the first send fails (no event then).
 */
int probe_start(struct probe *p, const struct probe_target *t);
/*
 * Which transmission of r a reply answered, as far as timing tells: the
 * latest one sent before it arrived (1-based; 0 when o is not timed), and
 * the milliseconds from that transmission to the reply.
 */
unsigned probe_reply_try(const struct probe_result *r, const struct obs *o);
int64_t probe_reply_latency(const struct probe_result *r, const struct obs *o);

/* the step running or last run; valid until the next probe_start or probe_free */
const struct probe_result *probe_last(const struct probe *p);
/* stop the running step now: a DONE event with -ECANCELED */
void probe_cancel(struct probe *p);
bool probe_busy(const struct probe *p);

/*
 * The Ethernet frame one transmission of t sends in pcap mode (cfg's fields,
 * options and VLAN tag; secs unless cfg sets it), built into buf without
 * sending it. scratch is working space. Returns the frame length, or <0 when
 * it does not fit. The watch view's `d` sends its DISCOVER with this.
 */
int probe_build_frame(const struct probe_cfg *cfg, const struct probe_target *t, uint32_t xid,
		      uint16_t secs, uint16_t ip_id, struct msg *scratch, uint8_t *buf, size_t cap);

/* helpers: a random locally administered unicast MAC, a random xid */
void probe_random_mac(uint8_t mac[6]);
uint32_t probe_random_u32(void);

#endif
