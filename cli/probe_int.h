/* SPDX-License-Identifier: BSD-2-Clause */
/* probe_int.h - private to the probe command files: the session's memory and one command's run */
#ifndef DHCPDIAG_PROBE_INT_H
#define DHCPDIAG_PROBE_INT_H

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "msg.h"
#include "obs.h"
#include "probe.h"
#include "value.h"

struct tracker;
struct trk_server;
struct xpcap;
struct xudp;

#define MAX_OFFERS 256            /* offers a session keeps from its last discover */
#define MAX_RECS 20000            /* frames kept for `save` and `show` */
#define MAX_REC_BYTES (32u << 20) /* and their bytes: memory stays bounded */
/* the result line holds MAX_OFFERS offers and 256 servers, up to ~35 nodes (64 bytes) each */
#define PROBE_ARENA (2u << 20)

/* one frame sent or received, in session order */
struct rec {
	struct timeval ts;
	uint32_t len;
	bool tx;
	uint8_t *data;
};

/* an OFFER of the last discover: the reply itself, and where its frame is */
struct offer {
	struct obs o;
	size_t rec;
	bool relay;
};

/* the lease the session holds: the ACK that granted it */
struct lease {
	bool held, keep, relay;
	bool json, json_results; /* the output mode of the command that took it, for the release
				    at exit */
	struct obs ack;
	uint64_t got_ms; /* loop_now_ms when the ACK came */
};

/* transport.c: the interface a session probes on */
struct xport {
	struct xpcap *pcap;
	char pcap_if[32];
	struct xudp *udp;
	uint32_t udp_server;
	char udp_if[32];
};

struct sess_probe {
	struct xport x;
	struct rec *recs;
	size_t nrecs, caprecs, bytes;
	bool recs_full;
	struct offer *offers; /* [MAX_OFFERS] */
	int noffers;
	unsigned offers_lost; /* offers of the last discover past MAX_OFFERS */
	struct tracker *servers; /* every server that answered this session */
	struct lease lease;
	uint8_t mac[6]; /* the session's random chaddr (`mac random`) */
	bool have_mac;
	/* the `write` file (-w): open from the first command that names it to the end of the
	 * session, so every later command naming it appends its frames */
	pcap_dumper_t *wdump;
	pcap_t *wdead;
	char wpath[256];
	struct val_arena arena;
	struct msg msg; /* parse scratch */
	uint8_t arena_mem[PROBE_ARENA];
};

/* the RELEASE a command sent (release_send): for its output */
struct run_release {
	uint32_t addr, server;
	unsigned sent, wanted; /* copies sent, copies meant (a signal may cut them short) */
	bool unconfirmed;      /* no ACK came for the lease: the server may hold it or not */
};

/* one command's run */
struct run {
	struct sess *s;
	struct sess_probe *sp;
	const struct probe_cfg *cfg;
	const char *cmd;
	struct probe *probe;
	FILE *fp;
	pcap_t *dead;
	pcap_dumper_t *dump;
	uint64_t t0;
	struct timeval start; /* wall clock: servers seen since belong to this command */
	bool in_loop, done;
	bool quiet; /* record, but print no packet (diagnose prints a verdict instead) */
	const struct probe_result *res; /* of the last step (the probe owns it) */
	unsigned tries;                 /* transmissions of every step */
	int offers_new, acks, naks;
	uint64_t evicted0; /* the session's server table's evictions when the command began */
	struct obs ack; /* the last ACK or NAK that answered */
	bool ack_ok;
	struct run_release rel; /* .sent 0: none */
};

/* session.c */
struct sess_probe *sp_get(struct sess *s);
void sp_record(struct sess_probe *sp, const struct probe_ev *ev, bool tx);
/* the session's servers heard since `since`, most recent first; n at most max */
size_t sp_servers_since(const struct sess_probe *sp, const struct timeval *since,
			const struct trk_server **ret, size_t max);
void sp_chaddr(struct sess *s, struct sess_probe *sp, const struct probe_cfg *cfg,
	       uint8_t mac[6]);

/* session.c: pcap files of frames (`save`, --write); dump_close flushes, closes both and
 * says when a write failed (0 or EX_IOERR) */
pcap_dumper_t *dump_open(struct sess *s, const char *path, pcap_t **ret_dead);
void dump_rec(pcap_dumper_t *d, const struct timeval *ts, const uint8_t *data, size_t len);
int dump_close(struct sess *s, pcap_dumper_t *d, pcap_t *dead, const char *path);
/* session.c: the session's `write` file for path, opened (truncated) when it is not the one
 * open already; NULL after an error message. The session closes it at its end */
pcap_dumper_t *sp_writer(struct sess *s, struct sess_probe *sp, const char *path);

/* transport.c: a one-shot run gives up root and its capabilities once its capture is open
 * (watch calls it too); 0 (a failure is a warning) */
int xport_drop_privileges(struct sess *s, const struct probe_cfg *cfg);
/* ... and as plain root (no SUDO_UID) that is a system user: `dhcpdiag` or nobody */
bool xport_drops_to_system(void);
/* transport.c: open or reuse the transport for cfg; 0 or an exit status */
int xport_ready(struct sess *s, struct xport *x, const struct probe_cfg *cfg);
void xport_close(struct xport *x);
/* the same when the process is about to end: the kernel's slow part of closing a packet socket
 * is left to a short-lived child */
void xport_close_at_exit(struct xport *x);

/* probe_run.c */
int run_begin(struct run *r, struct sess *s, const struct probe_cfg *cfg, const char *cmd);
void run_end(struct run *r);
int run_step(struct run *r, const struct probe_target *t);
int run_discover(struct run *r, uint8_t chaddr[6]);
int run_select(struct run *r, const struct offer *o);
int run_verdict_request(struct run *r, int e);
int run_verdict_discover(struct run *r, char *msg, size_t msglen);
int run_no_answer(struct run *r, const char *what);
const char *run_fail_word(const struct run *r, const char *none);
void lease_take(struct run *r, bool relay);
int lease_release(struct run *r);
void lease_release_unconfirmed(struct run *r, const struct offer *of);
int run_rogues(const struct run *r);

/* cmd_arp.c: one RFC 5227 probe of addr from mac on x, waited for (Ctrl-C cancels it);
 * timing {count, interval ms, wait ms} or NULL for the defaults; 0 or -errno when it could
 * not start */
struct arp_probe_res;
int arp_run(struct sess *s, struct xpcap *x, uint32_t addr, const uint8_t mac[6], int vlan,
	    const unsigned timing[3], struct arp_probe_res *ret);

/* probe_out.c */
void out_tx(struct run *r, const struct probe_ev *ev);
void out_rx(struct run *r, const struct probe_ev *ev);
void out_packet_json(struct run *r, const struct probe_ev *ev, bool tx);
void out_result_json(struct run *r, int status, const char *message, bool offers, bool lease);
void out_offers_text(FILE *fp, const struct sess_probe *sp);
void out_offers_json(FILE *fp, struct sess_probe *sp);
void out_lease_line(struct run *r);
void out_release_line(struct run *r);
int out_lease_show(struct sess *s, const struct probe_cfg *cfg);
int out_servers_show(struct sess *s, const struct probe_cfg *cfg);
void out_rogue_warnings(struct run *r);

#endif
