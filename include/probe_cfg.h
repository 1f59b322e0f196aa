/* SPDX-License-Identifier: BSD-2-Clause */
/* probe_cfg.h - everything a probe is told: the settings a shell session holds */
#ifndef DHCPDIAG_PROBE_CFG_H
#define DHCPDIAG_PROBE_CFG_H

#include <stdbool.h>
#include <stdint.h>

#define PROBE_MAX_OPTS 32
#define PROBE_MAX_ALLOW 16

/* an option to send, already encoded through the option table */
struct probe_opt {
	uint8_t code;
	uint16_t len;
	uint8_t data[512];
};

enum wait_mode {
	WAIT_QUIET,   /* default: stop after a quiet period following the last reply */
	WAIT_FIRST,   /* stop at the first answer */
	WAIT_SERVERS, /* stop once `servers` distinct servers answered */
	WAIT_ALL,     /* use the whole window */
	WAIT_MAX
};

struct allow_entry {
	bool is_mac;
	uint8_t mac[6];
	uint32_t ip; /* host order */
};

struct probe_cfg {
	char ifname[32];      /* "" = none chosen: probes refuse to run */
	bool mac_random;      /* a random chaddr (default) */
	uint8_t mac[6];       /* fixed chaddr when !mac_random */
	bool eth_src_set;     /* frames leave from eth_src; otherwise from the chaddr */
	bool eth_src_own;     /* ... from the interface's own MAC (looked up when a probe starts) */
	uint8_t eth_src[6];
	struct probe_opt opts[PROBE_MAX_OPTS]; /* hostname (12), vendor class (60), client-id (61),
						  PRL (55) and any --option live here */
	int nopts;
	bool broadcast;       /* BOOTP broadcast flag */
	uint32_t ciaddr;      /* host order, 0 = unset */
	uint32_t requested;   /* option 50, 0 = unset */
	uint32_t server_id;   /* option 54 / unicast target, 0 = unset */
	uint16_t secs;
	unsigned timeout_ms;  /* first retransmit interval (RFC 2131 backoff doubles it) */
	unsigned backoff_cap_ms; /* the doubling stops here; 0: RFC 2131's 64 s */
	unsigned tries;       /* transmissions per step */
	enum wait_mode wait;
	unsigned servers;     /* WAIT_SERVERS target */
	unsigned quiet_ms;    /* WAIT_QUIET period */
	unsigned settle_ms;   /* WAIT_FIRST, WAIT_SERVERS: after the answer that ends the step,
				 listen this long for other servers (0: end at once); not a setting */
	uint32_t relay;       /* server to unicast to as a relay agent, 0 = off (pcap mode) */
	int vlan;             /* 802.1Q VID, -1 none */
	struct allow_entry allow[PROBE_MAX_ALLOW];
	int nallow;
	bool keep;            /* keep an obtained lease instead of releasing it */
	char write_path[256]; /* --write, -w: the session's pcap of every frame, "" = off */
	char metrics_path[256]; /* --metrics: Prometheus textfile (check, diagnose, discover,
				   watch), "" = off */
	bool json;            /* output JSON instead of text */
	bool json_results;    /* with json: the result lines only, no packet lines */
	unsigned deadline_ms; /* --deadline: the longest the run (or a command) may take; 0 none */
	bool brief;           /* text: one line a packet (decode) or a reply (probes) */
};

#endif
