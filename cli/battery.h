/* SPDX-License-Identifier: BSD-2-Clause */
/* battery.h - private to diagnose and check: the battery of probe steps and the rules' verdict */
#ifndef DHCPDIAG_BATTERY_H
#define DHCPDIAG_BATTERY_H

#include "diag.h"
#include "probe_int.h"
#include "xport_pcap.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BAT_STEPS_MAX 10
#define BAT_FINDINGS_MAX 32
#define BAT_SERVERS_MAX 16

/*
 * How much to ask. BAT_FULL (diagnose) asks every question a verdict may need.
 * BAT_FAST (check) asks the own-MAC DISCOVER (ended a short settle time after
 * the first offer), the REQUEST, the ARP probes and the release; the questions
 * that tell causes of silence apart (random MAC, broadcast flag, relay, INFORM)
 * only when that DISCOVER got no offer. A healthy site answers in well under a
 * second; the rules are the same, they just see fewer steps.
 */
enum bat_mode { BAT_FULL, BAT_FAST };

struct battery {
	struct sess *s;
	const struct probe_cfg *cfg;
	struct sess_probe *sp;
	enum bat_mode mode;
	uint32_t server; /* --server */
	uint8_t mac[6];  /* the client we diagnose */
	bool wireless;
	struct xpcap_if_info ifi;
	struct probe_result *res; /* [BAT_STEPS_MAX] each step's result, copied */
	struct diag_probe steps[BAT_STEPS_MAX];
	size_t nsteps;
	struct diag_arp arp[2];
	size_t narp;
	struct obs *heard; /* the passive listen, or a capture file's messages */
	size_t nheard, cap_heard;
	unsigned heard_lost;
	uint8_t rand_mac[6];
	char skipped[2][160]; /* steps that could not run, and why */
	int nskipped;
	struct diag_input in;
	struct diag_finding f[BAT_FINDINGS_MAX];
	size_t nf;
	struct diag_verdict v;
	uint64_t t0; /* loop_now_ms at bat_init */
	struct timeval t0_wall;
};

/* a server that answered a step: its first answer's latency (from the transmission it
 * followed, ms; -1 none), the lease its first offer named (0 none) */
struct bat_server {
	uint32_t id;
	int64_t ms;
	uint32_t lease;
	bool rogue;
};

/* allocations for a run (a capture file: file true); 0 or an exit status (said) */
int bat_init(struct battery *b, struct sess *s, const struct probe_cfg *cfg, enum bat_mode mode,
             bool file);
void bat_done(struct battery *b); /* frees what bat_init took; b may be half made */
/* the link's facts, the transport and the steps (none when the link is down); 0 or an exit
 * status (said) */
int bat_run(struct battery *b);
/* every DHCP message of a capture file as the input instead; 0 or an exit status (said) */
int bat_read(struct battery *b, const char *path);
/* the rules on what was gathered: b->f, b->nf, b->v; returns the exit status diagnose gives
 * (0 healthy, 1 nothing answered, 2 a problem) */
int bat_rules(struct battery *b);
/* the servers that answered a step, first answer first; at most max */
size_t bat_servers(const struct battery *b, struct bat_server *out, size_t max);
/* the run's metrics (metrics.h) to cfg->metrics_path, labelled with command; the exit status
 * given; 0 or -errno with the reason in err */
int bat_metrics(const struct battery *b, const char *command, int status, char *err, size_t errlen);

#endif
