/* SPDX-License-Identifier: BSD-2-Clause */
/* obs.h - an observation: one DHCP message seen on the wire, as data (frame -> message -> obs) */
#ifndef DHCPDIAG_OBS_H
#define DHCPDIAG_OBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "lease.h"

struct allow_entry;
struct frame;
struct msg;

#define OBS_MESSAGE_MAX 128 /* bytes of option 56 kept */

/* what a probe (or the listener) noticed about a reply */
enum obs_flag {
	OBS_DUP = 1 << 0,            /* this server already answered this step with the same address */
	OBS_REOFFER = 1 << 1,        /* this server answered this step before with another address */
	OBS_FOREIGN_XID = 1 << 2,    /* not the xid the step sent */
	OBS_FOREIGN_CHADDR = 1 << 3, /* not the chaddr the step sent */
	OBS_ROGUE = 1 << 4,          /* an allow-list is in force and this server is not on it */
	OBS_NOT_ASKED = 1 << 5,      /* from a server other than the one a REQUEST named */
	OBS_FLAG_COUNT = 6
};
extern const char *const obs_flag_names[OBS_FLAG_COUNT]; /* "duplicate", "re-offer", ... */

/*
 * One BOOTP/DHCP message. Addresses are host order. For a server's reply the
 * server is server_id (option 54; the source address when 54 is absent, then
 * server_id_sent is false). terms are filled for every message (a NAK or a
 * client message simply has none).
 */
struct obs {
	struct timeval ts; /* capture time (wall clock) */
	int64_t ms;        /* since the probe step started; -1 outside a step */
	uint8_t op;        /* 1 request (client), 2 reply (server) */
	uint8_t type;      /* DHCP message type, 0 for plain BOOTP */
	uint32_t xid;
	uint8_t chaddr[16];
	uint8_t hlen; /* bytes of chaddr that count (<= 16) */
	uint16_t bootp_flags;
	uint32_t ciaddr, yiaddr, siaddr, giaddr;
	/* the frame around it */
	bool has_mac; /* an Ethernet header was there (not in relay mode or on raw links) */
	uint8_t src_mac[6], dst_mac[6];
	int vlan; /* -1 untagged */
	uint32_t src_ip, dst_ip;
	uint16_t sport, dport;
	/* who answered, and what */
	uint32_t server_id;
	bool server_id_sent;
	struct lease_terms terms;
	uint8_t message[OBS_MESSAGE_MAX]; /* option 56, raw wire bytes: escape before showing */
	unsigned message_len;
	uint32_t msg_errors; /* MSG_E_* found while parsing */
	unsigned flags;      /* OBS_* */
};

/*
 * The one step from captured bytes to an observation, for probes, watch and
 * file replay alike: frame_parse, then msg_parse into scratch, then
 * obs_from_msg. 0 when it is a BOOTP/DHCP message (ret_frame and ret filled;
 * scratch holds the parsed message and ret_frame->payload points into pkt),
 * -ENOENT for any other packet, -EBADMSG for damaged headers.
 */
int obs_parse(int linktype, const uint8_t *pkt, size_t caplen, size_t wirelen,
	      const struct timeval *ts, struct msg *scratch, struct frame *ret_frame,
	      struct obs *ret);

/* fill the message fields of o from m (header, server id, terms, option 56); the frame fields and
 * flags are left as they are */
void obs_from_msg(const struct msg *m, struct obs *o);

/*
 * The allow rule (--allow-server), used by probes, watch and diagnosis: a
 * server is allowed when an entry names its server id or source address, or
 * its MAC (mac NULL when the link has none). With no entries every server is
 * allowed.
 */
bool obs_allowed(const struct allow_entry *allow, int nallow, uint32_t server_id, uint32_t src_ip,
		 const uint8_t *mac);

#endif
