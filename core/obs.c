/* SPDX-License-Identifier: BSD-2-Clause */
/* obs.c - captured bytes to an observation, and the allow rule */
#include "obs.h"

#include <errno.h>
#include <string.h>

#include "frame.h"
#include "msg.h"
#include "probe_cfg.h"

const char *const obs_flag_names[OBS_FLAG_COUNT] = {
    "duplicate", "re-offer", "foreign-xid", "foreign-chaddr", "rogue", "not-asked",
};

void
obs_from_msg(const struct msg *m, struct obs *o)
{
	size_t len = 0;
	const uint8_t *v;

	o->op = m->op;
	o->type = msg_type(m);
	o->xid = m->xid;
	o->hlen = m->hlen <= 16 ? m->hlen : 16;
	memcpy(o->chaddr, m->chaddr, sizeof(o->chaddr));
	o->bootp_flags = m->flags;
	o->ciaddr = m->ciaddr;
	o->yiaddr = m->yiaddr;
	o->siaddr = m->siaddr;
	o->giaddr = m->giaddr;
	o->msg_errors = m->errors;
	lease_terms_of(m, &o->terms);
	o->server_id_sent = (o->terms.sent & LT_SERVER_ID) != 0;
	o->server_id = o->server_id_sent ? o->terms.server_id : o->src_ip;
	o->message_len = 0;
	v = msg_get(m, 56, &len);
	if (v && len) {
		o->message_len = (unsigned)(len < OBS_MESSAGE_MAX ? len : OBS_MESSAGE_MAX);
		memcpy(o->message, v, o->message_len);
	}
}

int
obs_parse(int linktype, const uint8_t *pkt, size_t caplen, size_t wirelen,
	  const struct timeval *ts, struct msg *scratch, struct frame *ret_frame, struct obs *ret)
{
	struct frame *f = ret_frame;
	int r = frame_parse(linktype, pkt, caplen, wirelen, f);

	if (r == -EBADMSG)
		return r;
	if (r < 0 || f->ip_proto != 17 || f->ip_fragment)
		return -ENOENT;
	if (msg_parse(f->payload, f->payload_len, scratch) < 0)
		return -EBADMSG;
	memset(ret, 0, sizeof(*ret));
	ret->ts = *ts;
	ret->ms = -1;
	ret->has_mac = f->has_eth;
	if (f->has_eth) {
		memcpy(ret->src_mac, f->eth_src, 6);
		memcpy(ret->dst_mac, f->eth_dst, 6);
	}
	ret->vlan = f->vlan;
	ret->src_ip = f->ip_src;
	ret->dst_ip = f->ip_dst;
	ret->sport = f->sport;
	ret->dport = f->dport;
	obs_from_msg(scratch, ret);
	return 0;
}

bool
obs_allowed(const struct allow_entry *allow, int nallow, uint32_t server_id, uint32_t src_ip,
	    const uint8_t *mac)
{
	if (nallow <= 0)
		return true;
	for (int i = 0; i < nallow; i++) {
		const struct allow_entry *a = &allow[i];

		if (a->is_mac ? mac && !memcmp(a->mac, mac, 6)
			      : a->ip == server_id || a->ip == src_ip)
			return true;
	}
	return false;
}
