/* SPDX-License-Identifier: BSD-2-Clause */
/* cmd_probe.c - the probe commands and what a session remembers of them */
#include "cli.h"
#include "decode.h"
#include "esc.h"
#include "frame.h"
#include "loop.h"
#include "msg.h"
#include "out.h"
#include "probe.h"
#include "reader.h"
#include "value.h"
#include "xport_pcap.h"
#include "xport_udp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_RECS 20000            /* frames kept for `save` and `show` */
#define MAX_REC_BYTES (32u << 20) /* and their bytes: memory stays bounded */
#define MAX_OFFERS 64
#define MAX_SERVERS 64
#define ARENA_SIZE (256u << 10)

/* one frame sent or received, in session order */
struct rec {
	struct timeval ts;
	uint32_t len;
	bool tx;
	uint8_t *data;
};

struct offer {
	size_t rec;
	uint32_t xid, yiaddr, server_id, src_ip, lease_s;
	uint8_t src_mac[6], chaddr[6];
	uint64_t ms;
	bool relay;
};

struct server {
	uint32_t id, ip;
	uint8_t mac[6];
	unsigned offers, acks, naks;
	bool rogue;
};

struct lease {
	bool held, keep, relay;
	bool json; /* the output mode of the command that took it, for the release at exit */
	uint8_t chaddr[6], server_mac[6];
	uint32_t addr, server_id, server_ip;
	uint32_t lease_s, t1, t2; /* 0 = not given */
	uint64_t got_ms;          /* loop_now_ms when the ACK came */
	size_t rec;
};

struct sess_probe {
	struct xpcap *pcap;
	char pcap_if[32];
	struct xudp *udp;
	uint32_t udp_server;
	char udp_if[32];
	bool dropped; /* privileges given up: no more opening */
	struct rec *recs;
	size_t nrecs, caprecs, bytes;
	bool recs_full;
	struct offer offers[MAX_OFFERS];
	int noffers;
	struct server servers[MAX_SERVERS];
	int nservers;
	struct lease lease;
	struct val_arena arena;
	uint8_t arena_mem[ARENA_SIZE];
	struct msg msg; /* parse scratch */
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
	bool in_loop, done;
	struct probe_ev last; /* the DONE event of the last step */
	enum probe_kind kind;
	struct probe_target t; /* of the running step */
	/* this command's replies */
	bool srv_seen[MAX_SERVERS];
	int offers_new;
	int acks, naks, rogues;
	struct offer ack; /* the last ACK (or NAK) */
	bool ack_ok;
	char nak_msg[128];
	uint32_t lease_s, t1, t2;
};

/* ------------------------------------------------------------------ helpers */

static const char *
ipstr(uint32_t ip, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
	return buf;
}

static const char *
macstr(const uint8_t *m, char *buf)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
	return buf;
}

static const char *
type_name(uint8_t t)
{
	size_t n;
	const char *name = msg_type_name(t, &n);

	return name ? name : "BOOTP";
}

static struct sess_probe *
sp_get(struct sess *s)
{
	if (!s->probe) {
		s->probe = calloc(1, sizeof(*s->probe));
		if (s->probe)
			arena_init(&s->probe->arena, s->probe->arena_mem, ARENA_SIZE);
	}
	return s->probe;
}

/* what a reply (OFFER, or the ACK/NAK of a request) says, kept for show and request */
static void
offer_fill(struct offer *o, const struct sess_probe *sp, const struct probe_ev *ev,
           const struct msg *m)
{
	memset(o, 0, sizeof(*o));
	o->rec = sp->nrecs - 1;
	o->xid = ev->xid;
	o->yiaddr = ev->yiaddr;
	o->server_id = ev->server_id;
	o->src_ip = ev->src_ip;
	msg_get_u32(m, 51, &o->lease_s);
	memcpy(o->src_mac, ev->src_mac, 6);
	memcpy(o->chaddr, m->chaddr, 6);
	o->ms = ev->ms;
}

static void
rec_add(struct sess_probe *sp, const struct probe_ev *ev, bool tx)
{
	struct rec *r;

	if (sp->nrecs == MAX_RECS || sp->bytes + ev->len > MAX_REC_BYTES) {
		sp->recs_full = true;
		return;
	}
	if (sp->nrecs == sp->caprecs) {
		size_t n = sp->caprecs ? sp->caprecs * 2 : 64;
		struct rec *nr = realloc(sp->recs, n * sizeof(*nr));

		if (!nr)
			return;
		sp->recs = nr;
		sp->caprecs = n;
	}
	r = &sp->recs[sp->nrecs];
	r->data = malloc(ev->len ? ev->len : 1);
	if (!r->data)
		return;
	memcpy(r->data, ev->frame, ev->len);
	r->len = (uint32_t)ev->len;
	r->ts = ev->ts;
	r->tx = tx;
	sp->bytes += ev->len;
	sp->nrecs++;
}

static void
dump_rec(pcap_dumper_t *d, const struct timeval *ts, const uint8_t *data, size_t len)
{
	struct pcap_pkthdr h;

	h.ts = *ts;
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)d, &h, data);
}

/* open a pcap file for writing; NULL with a message on failure */
static pcap_dumper_t *
dump_open(struct sess *s, const char *path, pcap_t **ret_dead)
{
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
	pcap_dumper_t *d;

	if (!dead) {
		sess_err(s, "out of memory");
		return NULL;
	}
	d = pcap_dump_open(dead, path);
	if (!d) {
		sess_err(s, "cannot write '%s': %s", path, pcap_geterr(dead));
		pcap_close(dead);
		return NULL;
	}
	*ret_dead = dead;
	return d;
}

/* the server entry for a reply; allow-list decides the rogue flag */
static struct server *
server_get(struct sess_probe *sp, const struct probe_cfg *cfg, uint32_t id, uint32_t ip,
           const uint8_t *mac, int *ret_idx)
{
	struct server *sv;
	int i;

	for (i = 0; i < sp->nservers; i++)
		if (sp->servers[i].id == id && !memcmp(sp->servers[i].mac, mac, 6))
			break;
	if (i == sp->nservers) {
		if (sp->nservers == MAX_SERVERS)
			return NULL;
		sv = &sp->servers[sp->nservers++];
		memset(sv, 0, sizeof(*sv));
		sv->id = id;
		sv->ip = ip;
		memcpy(sv->mac, mac, 6);
	}
	sv = &sp->servers[i];
	if (cfg->nallow > 0) {
		bool ok = false;

		for (int k = 0; k < cfg->nallow && !ok; k++) {
			const struct allow_entry *e = &cfg->allow[k];

			ok = e->is_mac ? !memcmp(e->mac, mac, 6) : (e->ip == id || e->ip == ip);
		}
		sv->rogue = !ok;
	}
	*ret_idx = i;
	return sv;
}

/* decode a frame into the arena: the root, or NULL when it is not DHCP */
static struct val *
decode(struct sess_probe *sp, const uint8_t *data, size_t len, struct val *head)
{
	struct frame f;
	struct val *root;

	if (frame_parse(LINK_EN10MB, data, len, len, &f) < 0)
		return NULL;
	root = dec_packet(&sp->arena, &f, &sp->msg);
	if (head && root && root->child && head != &sp->arena.spare) {
		/* the event members first, then decode's own */
		if (head->last)
			head->last->next = root->child;
		else
			head->child = root->child;
		head->last = root->last;
		return head;
	}
	return root;
}

/* ------------------------------------------------------------------ output */

static void
print_packet_json(struct run *r, const struct probe_ev *ev, bool tx)
{
	struct sess_probe *sp = r->sp;
	struct val *o;

	arena_reset(&sp->arena);
	o = val_obj(&sp->arena, NULL, NULL);
	val_cstr(&sp->arena, o, "event", "packet");
	val_cstr(&sp->arena, o, "dir", tx ? "tx" : "rx");
	val_cstr(&sp->arena, o, "command", r->cmd);
	val_cstr(&sp->arena, o, "step", probe_kind_names[r->kind]);
	val_uint(&sp->arena, o, "ms", ev->ms);
	if (tx)
		val_uint(&sp->arena, o, "try", ev->try);
	else if (ev->dup)
		val_bool(&sp->arena, o, "duplicate", true);
	if (!tx && ev->foreign)
		val_bool(&sp->arena, o, "foreign", true);
	o = decode(sp, ev->frame, ev->len, o);
	if (o) {
		out_json(r->fp, o);
		fputc('\n', r->fp);
	}
	fflush(r->fp);
}

static void
print_tx_text(struct run *r, const struct probe_ev *ev, const struct probe_target *t)
{
	char a[16], b[16], m[18];

	fprintf(r->fp, "-> %s xid 0x%08x chaddr %s", type_name(ev->type), ev->xid,
	        macstr(t->chaddr, m));
	if (t->ciaddr)
		fprintf(r->fp, " ciaddr %s", ipstr(t->ciaddr, a));
	if (t->requested && t->kind != PROBE_RENEW && t->kind != PROBE_REBIND)
		fprintf(r->fp, " requested %s", ipstr(t->requested, a));
	if (t->server_id &&
	    (t->kind == PROBE_SELECT || t->kind == PROBE_RELEASE || t->kind == PROBE_DECLINE))
		fprintf(r->fp, " server %s", ipstr(t->server_id, b));
	if (r->sp->udp)
		fprintf(r->fp, " via relay %s", ipstr(xudp_giaddr(r->sp->udp), b));
	if (ev->try > 1)
		fprintf(r->fp, " (try %u, +%llu ms)", ev->try, (unsigned long long)ev->ms);
	else
		fprintf(r->fp, " (try 1)");
	fputc('\n', r->fp);
}

static void
print_rx_text(struct run *r, const struct probe_ev *ev, bool rogue)
{
	struct sess_probe *sp = r->sp;
	char a[16], b[16], m[18];
	struct val *root;

	fprintf(r->fp, "<- %s", type_name(ev->type));
	if (ev->yiaddr)
		fprintf(r->fp, " %s", ipstr(ev->yiaddr, a));
	fprintf(r->fp, " from %s", ipstr(ev->server_id, b));
	if (ev->src_ip != ev->server_id)
		fprintf(r->fp, " via %s", ipstr(ev->src_ip, a));
	if (!sp->udp)
		fprintf(r->fp, " (%s)", macstr(ev->src_mac, m));
	fprintf(r->fp, " +%llu ms", (unsigned long long)ev->ms);
	if (ev->type == DHCPNAK && r->nak_msg[0])
		fprintf(r->fp, ": %s", r->nak_msg);
	if (rogue)
		fputs("  ROGUE (not in allow-server)", r->fp);
	if (ev->foreign)
		fputs("  (not the server requested: ignored)", r->fp);
	if (ev->dup) {
		fputs(" (again)\n", r->fp);
		return;
	}
	fputc('\n', r->fp);
	arena_reset(&sp->arena);
	root = decode(sp, ev->frame, ev->len, NULL);
	if (root)
		out_text_packet(r->fp, root, r->s->color ? OUT_COLOR : 0);
}

/* ------------------------------------------------------------------ events */

static void
note_reply(struct run *r, const struct probe_ev *ev)
{
	struct sess_probe *sp = r->sp;
	struct frame f;
	const struct msg *m = &sp->msg;
	int idx = -1;
	struct server *sv;
	size_t len = 0;
	const uint8_t *v;

	r->nak_msg[0] = '\0';
	if (frame_parse(LINK_EN10MB, ev->frame, ev->len, ev->len, &f) < 0 ||
	    msg_parse(f.payload, f.payload_len, &sp->msg) < 0)
		memset(&sp->msg.idx, 0xff, sizeof(sp->msg.idx));
	sv = server_get(sp, r->cfg, ev->server_id, ev->src_ip, ev->src_mac, &idx);
	if (sv && !ev->dup) {
		if (!r->srv_seen[idx] && sv->rogue)
			r->rogues++;
		r->srv_seen[idx] = true;
		sv->offers += ev->type == DHCPOFFER;
		sv->acks += ev->type == DHCPACK;
		sv->naks += ev->type == DHCPNAK;
	}
	if (ev->type == DHCPNAK && (v = msg_get(m, 56, &len)) && len)
		esc_term_buf(r->nak_msg, sizeof(r->nak_msg), v, len);
	if (ev->type == DHCPOFFER && !ev->dup && sp->noffers < MAX_OFFERS) {
		struct offer *o = &sp->offers[sp->noffers++];

		offer_fill(o, sp, ev, m);
		o->relay = sp->udp != NULL;
		r->offers_new++;
	}
	if ((ev->type == DHCPACK || ev->type == DHCPNAK) && !ev->dup && !ev->foreign) {
		r->acks += ev->type == DHCPACK;
		r->naks += ev->type == DHCPNAK;
		r->ack_ok = ev->type == DHCPACK;
		offer_fill(&r->ack, sp, ev, m);
		r->lease_s = r->ack.lease_s;
		r->t1 = r->t2 = 0;
		msg_get_u32(m, 58, &r->t1);
		msg_get_u32(m, 59, &r->t2);
	}
}

static void
on_event(void *arg, const struct probe_ev *ev)
{
	struct run *r = arg;
	struct sess_probe *sp = r->sp;
	bool rogue = false;

	if (ev->kind == PROBE_EV_DONE) {
		r->last = *ev;
		r->done = true;
		if (r->in_loop)
			loop_quit(r->s->loop, 0);
		return;
	}
	rec_add(sp, ev, ev->kind == PROBE_EV_TX);
	if (r->dump)
		dump_rec(r->dump, &ev->ts, ev->frame, ev->len);
	if (ev->kind == PROBE_EV_RX) {
		int before = r->rogues;

		note_reply(r, ev);
		rogue = r->rogues > before;
	}
	r->fp = sess_out_begin(r->s);
	if (r->cfg->json)
		print_packet_json(r, ev, ev->kind == PROBE_EV_TX);
	else if (ev->kind == PROBE_EV_TX)
		print_tx_text(r, ev, &r->t);
	else
		print_rx_text(r, ev, rogue);
	fflush(r->fp);
	sess_out_end(r->s);
}

/* ------------------------------------------------------------ transports */

/*
 * Give up root after the capture is open, in the one-shot argv form only: the
 * shell and scripts may have to open another interface later. Under sudo we
 * become the invoking user; with file capabilities we clear them all.
 */
static void
drop_privileges(struct sess *s, struct sess_probe *sp)
{
	const char *su = getenv("SUDO_UID"), *sg = getenv("SUDO_GID");

	if (!s->oneshot || sp->dropped)
		return;
	sp->dropped = true;
	if (geteuid() == 0 && su && sg) {
		char *e1, *e2;
		unsigned long uid = strtoul(su, &e1, 10), gid = strtoul(sg, &e2, 10);

		if (*e1 || *e2 || !*su || !*sg || uid == 0)
			return;
		if (setgroups(0, NULL) < 0 || setgid((gid_t)gid) < 0 || setuid((uid_t)uid) < 0) {
			sess_err(s, "warning: cannot drop privileges to uid %lu: %s", uid,
			         strerror(errno));
			return;
		}
	} else if (geteuid() != 0) {
		struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
		struct __user_cap_data_struct d[2];

		memset(d, 0, sizeof(d));
		syscall(SYS_capset, &h, d); /* best effort: nothing to keep */
	}
}

static int
status_of_errno(int e)
{
	switch (e) {
	case -EPERM:
	case -EACCES:
		return EX_NOPERM;
	case -EINVAL:
	case -ENODEV:
	case -ENXIO:
	case -ENETDOWN:
	case -EADDRNOTAVAIL:
	case -ENETUNREACH:
	case -EPROTONOSUPPORT:
		return EX_USAGE;
	default:
		return EX_SOFTWARE;
	}
}

/* the transport for cfg, opened or reused; 0 or an exit status */
static int
xport_ready(struct sess *s, struct sess_probe *sp, const struct probe_cfg *cfg)
{
	char err[256] = "";
	int r;

	if (cfg->relay) {
		if (sp->udp && sp->udp_server == cfg->relay && !strcmp(sp->udp_if, cfg->ifname))
			return 0;
		xudp_free(sp->udp);
		sp->udp = NULL;
		r = xudp_open(cfg->ifname, cfg->relay, &sp->udp, err, sizeof(err));
		if (r < 0) {
			sess_err(s, "%s", err);
			return status_of_errno(r);
		}
		sp->udp_server = cfg->relay;
		snprintf(sp->udp_if, sizeof(sp->udp_if), "%s", cfg->ifname);
	} else {
		if (sp->pcap && !strcmp(sp->pcap_if, cfg->ifname))
			return 0;
		xpcap_free(sp->pcap);
		sp->pcap = NULL;
		r = xpcap_open(cfg->ifname, &sp->pcap, err, sizeof(err));
		if (r < 0) {
			sess_err(s, "%s", err);
			return status_of_errno(r);
		}
		if (xpcap_linktype(sp->pcap) != LINK_EN10MB) {
			sess_err(
			    s, "interface '%s' is not Ethernet (link type %d): cannot probe on it",
			    cfg->ifname, xpcap_linktype(sp->pcap));
			xpcap_free(sp->pcap);
			sp->pcap = NULL;
			return EX_USAGE;
		}
		snprintf(sp->pcap_if, sizeof(sp->pcap_if), "%s", cfg->ifname);
	}
	drop_privileges(s, sp);
	return 0;
}

/* ------------------------------------------------------------ a command's run */

static int
run_begin(struct run *r, struct sess *s, const struct probe_cfg *cfg, const char *cmd)
{
	int st, e;

	memset(r, 0, sizeof(*r));
	r->s = s;
	r->cfg = cfg;
	r->cmd = cmd;
	r->t0 = loop_now_ms();
	r->fp = stdout;
	if (!cfg->ifname[0]) {
		sess_err(s, "no interface chosen (use -i IFACE or 'set interface IFACE')");
		return EX_USAGE;
	}
	r->sp = sp_get(s);
	if (!r->sp) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	st = xport_ready(s, r->sp, cfg);
	if (st)
		return st;
	if (cfg->write_path[0]) {
		r->dump = dump_open(s, cfg->write_path, &r->dead);
		if (!r->dump)
			return EX_CANTCREAT;
	}
	e = probe_new(s->loop, cfg, cfg->relay ? NULL : r->sp->pcap, cfg->relay ? r->sp->udp : NULL,
	              on_event, r, &r->probe);
	if (e < 0) {
		sess_err(s, "cannot start a probe: %s", strerror(-e));
		return EX_SOFTWARE;
	}
	return 0;
}

static void
run_end(struct run *r)
{
	probe_free(r->probe);
	r->probe = NULL;
	if (r->dump) {
		pcap_dump_close(r->dump);
		pcap_close(r->dead);
		r->dump = NULL;
	}
}

static void
on_cancel(void *arg)
{
	struct run *r = arg;

	if (r->probe)
		probe_cancel(r->probe);
}

/* one step, start to DONE; returns the DONE status (0, -ETIMEDOUT, -ECANCELED, <0) */
static int
run_step(struct run *r, const struct probe_target *t)
{
	int e;

	r->t = *t;
	r->kind = t->kind;
	r->done = false;
	e = probe_start(r->probe, t);
	if (e < 0) {
		sess_err(r->s, "cannot send on '%s': %s", r->cfg->ifname, strerror(-e));
		r->last.status = e;
		return e;
	}
	if (!r->done) {
		r->in_loop = true;
		shell_set_cancel(r->s, on_cancel, r);
		loop_run(r->s->loop);
		shell_set_cancel(r->s, NULL, NULL);
		r->in_loop = false;
		if (!r->done) /* the loop ended for another reason: stop the step */
			probe_cancel(r->probe);
	}
	return r->last.status;
}

static void
fresh_chaddr(const struct probe_cfg *cfg, uint8_t mac[6])
{
	if (cfg->mac_random)
		probe_random_mac(mac);
	else
		memcpy(mac, cfg->mac, 6);
}

/* say why nothing (more) came; the status for it: interrupted or no answer */
static int
no_answer(struct run *r, const char *what)
{
	const char *tries = r->last.tries == 1 ? "try" : "tries";

	if (r->last.status == -ECANCELED) {
		sess_err(r->s, "cancelled after %u %s (%.1f s)", r->last.tries, tries,
		         r->last.ms / 1000.0);
		return DD_INTERRUPTED;
	}
	sess_err(r->s, "no %s after %u %s (%.1f s)", what, r->last.tries, tries,
	         r->last.ms / 1000.0);
	return DD_NOANSWER;
}

static void
warn_rogues(struct run *r)
{
	char a[16], m[18];

	for (int i = 0; i < r->sp->nservers; i++) {
		const struct server *sv = &r->sp->servers[i];

		if (r->srv_seen[i] && sv->rogue)
			sess_err(r->s, "rogue server %s (%s) answered: not in allow-server",
			         ipstr(sv->id, a), macstr(sv->mac, m));
	}
}

/* the servers this command heard, as JSON members of o */
static void
json_servers(struct run *r, struct val_arena *a, struct val *o)
{
	struct val *list = val_list(a, o, "servers"), *rog;

	for (int i = 0; i < r->sp->nservers; i++) {
		const struct server *sv = &r->sp->servers[i];
		struct val *e;

		if (!r->srv_seen[i])
			continue;
		e = val_obj(a, list, NULL);
		val_ip(a, e, "server-id", sv->id);
		val_ip(a, e, "src-ip", sv->ip);
		if (!r->sp->udp)
			val_mac(a, e, "src-mac", sv->mac, 6);
		val_uint(a, e, "offers", sv->offers);
		val_uint(a, e, "acks", sv->acks);
		val_uint(a, e, "naks", sv->naks);
		val_bool(a, e, "rogue", sv->rogue);
	}
	rog = val_list(a, o, "rogue");
	for (int i = 0; i < r->sp->nservers; i++)
		if (r->srv_seen[i] && r->sp->servers[i].rogue)
			val_ip(a, rog, NULL, r->sp->servers[i].id);
}

static void
json_offer(struct val_arena *a, struct val *list, const struct offer *o, int n)
{
	struct val *e = val_obj(a, list, NULL);

	val_uint(a, e, "n", (uint64_t)n);
	val_ip(a, e, "yiaddr", o->yiaddr);
	val_ip(a, e, "server-id", o->server_id);
	val_ip(a, e, "src-ip", o->src_ip);
	if (!o->relay)
		val_mac(a, e, "src-mac", o->src_mac, 6);
	val_mac(a, e, "chaddr", o->chaddr, 6);
	val_hex(a, e, "xid", o->xid, 8);
	if (o->lease_s)
		val_secs(a, e, "lease-time", o->lease_s);
	val_uint(a, e, "ms", o->ms);
}

static void
json_lease(struct val_arena *a, struct val *o, const struct lease *l)
{
	struct val *e = val_obj(a, o, "lease");
	uint64_t age = (loop_now_ms() - l->got_ms) / 1000;

	val_ip(a, e, "address", l->addr);
	val_ip(a, e, "server-id", l->server_id);
	val_mac(a, e, "chaddr", l->chaddr, 6);
	if (l->lease_s) {
		val_secs(a, e, "lease-time", l->lease_s);
		val_secs(a, e, "remaining", l->lease_s > age ? l->lease_s - age : 0);
	}
	/* RFC 2131 4.4.5: T1 defaults to half the lease, T2 to 7/8 */
	val_secs(a, e, "t1", l->t1 ? l->t1 : l->lease_s / 2);
	val_secs(a, e, "t2", l->t2 ? l->t2 : (uint32_t)((uint64_t)l->lease_s * 7 / 8));
	val_bool(a, e, "held", l->held);
}

/* the final NDJSON line of a command */
static void
json_result(struct run *r, int status, const char *message, bool offers, bool lease)
{
	struct val_arena *a = &r->sp->arena;
	struct val *o;
	FILE *fp;

	arena_reset(a);
	o = val_obj(a, NULL, NULL);
	val_cstr(a, o, "event", "result");
	val_cstr(a, o, "command", r->cmd);
	val_int(a, o, "status", status);
	if (message)
		val_cstr(a, o, "message", message);
	json_servers(r, a, o);
	if (offers) {
		struct val *list = val_list(a, o, "offers");

		for (int i = 0; i < r->sp->noffers; i++)
			json_offer(a, list, &r->sp->offers[i], i + 1);
	}
	if (lease && (r->sp->lease.held || r->acks))
		json_lease(a, o, &r->sp->lease);
	val_uint(a, o, "tries", r->last.tries);
	val_uint(a, o, "elapsed-ms", loop_now_ms() - r->t0);
	fp = sess_out_begin(r->s);
	out_json(fp, o);
	fputc('\n', fp);
	fflush(fp);
	sess_out_end(r->s);
}

/* ------------------------------------------------------------ lease */

static int lease_release(struct run *r);

static void
lease_take(struct run *r, bool relay)
{
	struct lease *l = &r->sp->lease;

	/* one lease per session: give back a different one held before, unless kept */
	if (l->held && !l->keep && l->relay == relay &&
	    (l->addr != r->ack.yiaddr || memcmp(l->chaddr, r->ack.chaddr, 6))) {
		struct offer ack = r->ack;

		lease_release(r);
		r->ack = ack;
	}
	memset(l, 0, sizeof(*l));
	l->held = true;
	l->keep = r->cfg->keep;
	l->relay = relay;
	l->json = r->cfg->json;
	memcpy(l->chaddr, r->ack.chaddr, 6);
	memcpy(l->server_mac, r->ack.src_mac, 6);
	l->addr = r->ack.yiaddr;
	l->server_id = r->ack.server_id;
	l->server_ip = r->ack.src_ip;
	l->lease_s = r->lease_s;
	l->t1 = r->t1;
	l->t2 = r->t2;
	l->got_ms = loop_now_ms();
	l->rec = r->ack.rec;
}

/* RELEASE the held lease (unicast to its server); 0 or an exit status */
static int
lease_release(struct run *r)
{
	struct lease *l = &r->sp->lease;
	struct probe_target t = {.kind = PROBE_RELEASE};
	int e;

	memcpy(t.chaddr, l->chaddr, 6);
	t.ciaddr = l->addr;
	t.server_id = l->server_id;
	t.dst_ip = l->server_id ? l->server_id : l->server_ip;
	if (!l->relay)
		memcpy(t.dst_mac, l->server_mac, 6);
	e = run_step(r, &t);
	if (e < 0)
		return status_of_errno(e);
	l->held = false;
	return 0;
}

/* ------------------------------------------------------------ commands */

static int
unknown_flags(struct sess *s, int argc, char **argv, const char *const *ok)
{
	for (int i = 1; i < argc; i++) {
		bool known = false;

		if (argv[i][0] != '-' || !argv[i][1] || (argv[i][1] >= '0' && argv[i][1] <= '9'))
			continue;
		for (int k = 0; ok && ok[k]; k++)
			known |= !strcmp(argv[i], ok[k]);
		if (!known) {
			sess_err(s, "unknown flag '%s' (see 'help %s')", argv[i], argv[0]);
			return EX_USAGE;
		}
	}
	return 0;
}

static bool
has_flag(int argc, char **argv, const char *flag)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], flag))
			return true;
	return false;
}

static const char *
first_positional(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] != '-' || (argv[i][1] >= '0' && argv[i][1] <= '9'))
			return argv[i];
	return NULL;
}

static void
print_offers_text(FILE *fp, const struct sess_probe *sp)
{
	char a[16], b[16], m[18];

	for (int i = 0; i < sp->noffers; i++) {
		const struct offer *o = &sp->offers[i];

		fprintf(fp, "%3d  %-15s from %-15s", i + 1, ipstr(o->yiaddr, a),
		        ipstr(o->server_id, b));
		if (!o->relay)
			fprintf(fp, " (%s)", macstr(o->src_mac, m));
		if (o->lease_s)
			fprintf(fp, "  lease %us", o->lease_s);
		fprintf(fp, "  +%llu ms\n", (unsigned long long)o->ms);
	}
}

/* DISCOVER and collect offers; the run stays open for dora */
static int
do_discover(struct run *r)
{
	struct probe_target t = {.kind = PROBE_DISCOVER};
	int e;

	fresh_chaddr(r->cfg, t.chaddr);
	t.requested = r->cfg->requested;
	r->sp->noffers = 0;
	e = run_step(r, &t);
	if (e == -ETIMEDOUT || e == -ECANCELED || (e == 0 && r->offers_new == 0))
		return no_answer(r, "OFFER");
	if (e < 0)
		return status_of_errno(e);
	return 0;
}

/* exit status of a discover that got offers: rogue or too few servers make it 2 */
static int
discover_verdict(struct run *r, char *msg, size_t msglen)
{
	int n = 0;

	for (int i = 0; i < r->sp->nservers; i++)
		n += r->srv_seen[i];
	if (r->rogues) {
		snprintf(msg, msglen, "%d rogue server%s answered", r->rogues,
		         r->rogues == 1 ? "" : "s");
		warn_rogues(r);
		return DD_NEGATIVE;
	}
	if (r->cfg->wait == WAIT_SERVERS && n < (int)r->cfg->servers) {
		snprintf(msg, msglen, "%d of %u servers answered", n, r->cfg->servers);
		sess_err(r->s, "%s", msg);
		return DD_NEGATIVE;
	}
	return 0;
}

int
cmd_discover(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct run r;
	char msg[192] = "";
	int st;

	if ((st = unknown_flags(s, argc, argv, NULL)))
		return st;
	st = run_begin(&r, s, cfg, "discover");
	if (st) {
		run_end(&r);
		return st;
	}
	st = do_discover(&r);
	if (st == 0)
		st = discover_verdict(&r, msg, sizeof(msg));
	else
		snprintf(msg, sizeof(msg), st == DD_INTERRUPTED ? "cancelled" : "no OFFER");
	if (cfg->json) {
		json_result(&r, st, msg[0] ? msg : NULL, true, false);
	} else if (r.sp->noffers) {
		FILE *fp = sess_out_begin(s);

		fprintf(fp, "%d offer%s in %llu ms:\n", r.sp->noffers,
		        r.sp->noffers == 1 ? "" : "s", (unsigned long long)r.last.ms);
		print_offers_text(fp, r.sp);
		fflush(fp);
		sess_out_end(s);
	}
	run_end(&r);
	return st;
}

/* the answer to a REQUEST-type step: 0 ACK, 1 none, 2 NAK */
static int
request_verdict(struct run *r, int e)
{
	if (e == 0 && r->naks && !r->ack_ok) {
		char a[16];

		sess_err(r->s, "NAK from %s%s%s", ipstr(r->ack.server_id, a),
		         r->nak_msg[0] ? ": " : "", r->nak_msg);
		return DD_NEGATIVE;
	}
	if (e == 0 && r->ack_ok)
		return 0;
	if (e < 0 && e != -ETIMEDOUT && e != -ECANCELED)
		return status_of_errno(e);
	return no_answer(r, "ACK");
}

static int
do_select(struct run *r, const struct offer *o)
{
	struct probe_target t = {.kind = PROBE_SELECT};
	int e, st;

	memcpy(t.chaddr, o->chaddr, 6);
	t.requested = o->yiaddr;
	t.server_id = o->server_id;
	r->acks = r->naks = 0;
	r->ack_ok = false;
	e = run_step(r, &t);
	st = request_verdict(r, e);
	if (st == 0)
		lease_take(r, o->relay);
	return st;
}

static void
print_lease_line(struct run *r)
{
	const struct lease *l = &r->sp->lease;
	char a[16], b[16];
	FILE *fp;

	if (r->cfg->json)
		return;
	fp = sess_out_begin(r->s);
	fprintf(fp, "lease %s from %s", ipstr(l->addr, a), ipstr(l->server_id, b));
	if (l->lease_s)
		fprintf(fp, ", %us (T1 %us, T2 %us)", l->lease_s, l->t1 ? l->t1 : l->lease_s / 2,
		        l->t2 ? l->t2 : (uint32_t)((uint64_t)l->lease_s * 7 / 8));
	fprintf(fp, "%s\n", l->keep ? ", kept" : "");
	fflush(fp);
	sess_out_end(r->s);
}

int
cmd_request(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	static const char *const flags[] = {"--renew", "--rebind", NULL};
	bool renew = has_flag(argc, argv, "--renew"), rebind = has_flag(argc, argv, "--rebind");
	const char *nword = first_positional(argc, argv);
	struct probe_target t = {.kind = PROBE_SELECT};
	struct run r;
	int st, e;

	if ((st = unknown_flags(s, argc, argv, flags)))
		return st;
	if (renew && rebind) {
		sess_err(s, "give one of --renew and --rebind");
		return EX_USAGE;
	}
	if ((renew || rebind) && nword) {
		sess_err(s, "--%s works on the held lease, not on an offer",
		         renew ? "renew" : "rebind");
		return EX_USAGE;
	}
	if (!renew && !rebind && (nword || !cfg->requested)) {
		/* SELECTING: offer N of the last discover */
		struct sess_probe *sp = s->probe;
		char *end;
		long n = nword ? strtol(nword, &end, 10) : 1;

		if (nword && (*end || n < 1)) {
			sess_err(s, "'%s' is not an offer number", nword);
			return EX_USAGE;
		}
		if (!sp || n > sp->noffers) {
			sess_err(s, "no offer %ld (%d from the last discover)", n,
			         sp ? sp->noffers : 0);
			return DD_NEGATIVE;
		}
		st = run_begin(&r, s, cfg, "request");
		if (st == 0) {
			struct offer o = sp->offers[n - 1];

			if (o.relay != (cfg->relay != 0)) {
				sess_err(s, "offer %ld came %s relay: request it the same way", n,
				         o.relay ? "through the" : "without the");
				st = EX_USAGE;
			} else {
				st = do_select(&r, &o);
			}
		}
		if (st == 0)
			print_lease_line(&r);
		goto out;
	}
	st = run_begin(&r, s, cfg, "request");
	if (st)
		goto out;
	if (renew || rebind) {
		struct lease *l = &r.sp->lease;

		t.kind = renew ? PROBE_RENEW : PROBE_REBIND;
		if (l->held) {
			memcpy(t.chaddr, l->chaddr, 6);
			t.ciaddr = l->addr;
			if (renew) {
				t.dst_ip = l->server_id ? l->server_id : l->server_ip;
				if (!l->relay)
					memcpy(t.dst_mac, l->server_mac, 6);
			}
		} else if (cfg->ciaddr && (rebind || cfg->server_id)) {
			fresh_chaddr(cfg, t.chaddr);
			t.ciaddr = cfg->ciaddr;
			t.dst_ip = renew ? cfg->server_id : 0;
		} else {
			sess_err(s,
			         "no lease held (get one with 'dora --keep' or 'request', or give "
			         "--ciaddr%s)",
			         renew ? " and --server-id" : "");
			st = EX_USAGE;
			goto out;
		}
	} else {
		/* INIT-REBOOT: verify a remembered address */
		t.kind = PROBE_INIT_REBOOT;
		fresh_chaddr(cfg, t.chaddr);
		t.requested = cfg->requested;
	}
	e = run_step(&r, &t);
	st = request_verdict(&r, e);
	if (st == 0) {
		bool relay = cfg->relay != 0;

		if ((renew || rebind) && r.sp->lease.held) {
			struct lease *l = &r.sp->lease;
			bool keep = l->keep;

			lease_take(&r, relay);
			l->keep = keep || cfg->keep;
		} else {
			lease_take(&r, relay);
		}
		print_lease_line(&r);
	}
out:
	if (cfg->json && r.sp)
		json_result(&r, st, NULL, false, true);
	run_end(&r);
	return st;
}

int
cmd_dora(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct run r;
	char msg[192] = "";
	int st;

	if ((st = unknown_flags(s, argc, argv, NULL)))
		return st;
	st = run_begin(&r, s, cfg, "dora");
	if (st) {
		run_end(&r);
		return st;
	}
	st = do_discover(&r);
	if (st == 0) {
		int verdict = discover_verdict(&r, msg, sizeof(msg));
		const struct offer *o = NULL;

		/* a rogue's offer is never requested: take the first allowed one */
		for (int i = 0; i < r.sp->noffers && !o; i++) {
			int idx;
			const struct offer *c = &r.sp->offers[i];
			struct server *sv =
			    server_get(r.sp, cfg, c->server_id, c->src_ip, c->src_mac, &idx);

			/* --server-id picks whose offer to take */
			if (sv && !sv->rogue && (!cfg->server_id || c->server_id == cfg->server_id))
				o = c;
		}
		if (!o && cfg->server_id) {
			char a[16];

			sess_err(s, "no offer from server %s: not requesting",
			         ipstr(cfg->server_id, a));
			snprintf(msg, sizeof(msg), "no offer from the chosen server");
			st = DD_NEGATIVE;
			goto result;
		}
		if (!o) {
			sess_err(s, "no offer from an allowed server: not requesting");
			st = DD_NEGATIVE;
			goto result;
		}
		st = do_select(&r, o);
		if (st == 0) {
			print_lease_line(&r);
			if (!cfg->keep)
				st = lease_release(&r);
			if (st == 0)
				st = verdict;
		} else if (st == DD_NEGATIVE) {
			snprintf(msg, sizeof(msg), "NAK%s%s", r.nak_msg[0] ? ": " : "", r.nak_msg);
		} else {
			snprintf(msg, sizeof(msg), st == DD_INTERRUPTED ? "cancelled" : "no ACK");
		}
	} else {
		snprintf(msg, sizeof(msg), st == DD_INTERRUPTED ? "cancelled" : "no OFFER");
	}
result:
	if (cfg->json)
		json_result(&r, st, msg[0] ? msg : NULL, true, true);
	run_end(&r);
	return st;
}

int
cmd_inform(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct probe_target t = {.kind = PROBE_INFORM};
	const char *aword = first_positional(argc, argv);
	struct in_addr ia;
	char msg[192] = "";
	struct run r;
	int st, e;

	if ((st = unknown_flags(s, argc, argv, NULL)))
		return st;
	if (aword) {
		if (inet_pton(AF_INET, aword, &ia) != 1) {
			sess_err(s, "'%s' is not an IPv4 address", aword);
			return EX_USAGE;
		}
		t.ciaddr = ntohl(ia.s_addr);
	} else if (cfg->ciaddr) {
		t.ciaddr = cfg->ciaddr;
	} else if (s->probe && s->probe->lease.held) {
		t.ciaddr = s->probe->lease.addr;
	} else {
		sess_err(s, "inform needs the client's address (inform ADDR)");
		return EX_USAGE;
	}
	st = run_begin(&r, s, cfg, "inform");
	if (st) {
		run_end(&r);
		return st;
	}
	fresh_chaddr(cfg, t.chaddr);
	e = run_step(&r, &t);
	st = request_verdict(&r, e);
	if (st == 0 && r.rogues) {
		warn_rogues(&r);
		st = DD_NEGATIVE;
		snprintf(msg, sizeof(msg), "%d rogue server%s answered", r.rogues,
		         r.rogues == 1 ? "" : "s");
	}
	if (cfg->json)
		json_result(&r, st, msg[0] ? msg : NULL, false, false);
	run_end(&r);
	return st;
}

int
cmd_release(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct run r;
	int st;

	if ((st = unknown_flags(s, argc, argv, NULL)))
		return st;
	if (!(s->probe && s->probe->lease.held) && !(cfg->ciaddr && cfg->server_id)) {
		sess_err(s, "no lease held (nothing to release; or give --ciaddr and --server-id)");
		return EX_USAGE;
	}
	st = run_begin(&r, s, cfg, "release");
	if (st == 0) {
		struct lease *l = &r.sp->lease;

		if (!l->held) {
			memset(l, 0, sizeof(*l));
			fresh_chaddr(cfg, l->chaddr);
			l->addr = cfg->ciaddr;
			l->server_id = cfg->server_id;
			l->relay = cfg->relay != 0;
		}
		st = lease_release(&r);
		if (cfg->json)
			json_result(&r, st, NULL, false, false);
	}
	run_end(&r);
	return st;
}

int
cmd_decline(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct probe_target t = {.kind = PROBE_DECLINE};
	const char *aword = first_positional(argc, argv);
	struct lease *l = s->probe ? &s->probe->lease : NULL;
	struct in_addr ia;
	struct run r;
	int st, e;

	if ((st = unknown_flags(s, argc, argv, NULL)))
		return st;
	if (aword && inet_pton(AF_INET, aword, &ia) != 1) {
		sess_err(s, "'%s' is not an IPv4 address", aword);
		return EX_USAGE;
	}
	if (!aword && !(l && l->held)) {
		sess_err(s, "no lease held (nothing to decline; or give ADDR)");
		return EX_USAGE;
	}
	st = run_begin(&r, s, cfg, "decline");
	if (st == 0) {
		l = &r.sp->lease;
		if (l->held && (!aword || ntohl(ia.s_addr) == l->addr)) {
			memcpy(t.chaddr, l->chaddr, 6);
			t.requested = l->addr;
			t.server_id = l->server_id;
		} else {
			fresh_chaddr(cfg, t.chaddr);
			t.requested = ntohl(ia.s_addr);
			t.server_id = cfg->server_id;
		}
		e = run_step(&r, &t);
		st = e == -ECANCELED ? DD_INTERRUPTED : e < 0 ? status_of_errno(e) : 0;
		if (st == 0 && l->held && t.requested == l->addr)
			l->held = false; /* the server forgets it too */
		if (cfg->json)
			json_result(&r, st, NULL, false, false);
	}
	run_end(&r);
	return st;
}

int
cmd_save(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	const char *path = first_positional(argc, argv);
	struct sess_probe *sp = s->probe;
	pcap_dumper_t *d;
	pcap_t *dead;
	size_t n = sp ? sp->nrecs : 0;

	(void)cfg;
	if (!path) {
		sess_err(s, "usage: save FILE");
		return EX_USAGE;
	}
	d = dump_open(s, path, &dead);
	if (!d)
		return EX_CANTCREAT;
	for (size_t i = 0; i < n; i++)
		dump_rec(d, &sp->recs[i].ts, sp->recs[i].data, sp->recs[i].len);
	pcap_dump_close(d);
	pcap_close(dead);
	FILE *fp = sess_out_begin(s);
	fprintf(fp, "%zu frame%s written to '%s'%s\n", n, n == 1 ? "" : "s", path,
	        sp && sp->recs_full ? " (the session's frame memory was full: later frames lost)"
	                            : "");
	sess_out_end(s);
	return 0;
}

/* ------------------------------------------------------------ show */

static void
show_packet(struct sess *s, const struct probe_cfg *cfg, size_t rec)
{
	struct sess_probe *sp = s->probe;
	struct val *root;
	FILE *fp = sess_out_begin(s);

	arena_reset(&sp->arena);
	root = decode(sp, sp->recs[rec].data, sp->recs[rec].len, NULL);
	if (root) {
		if (cfg->json) {
			out_json(fp, root);
			fputc('\n', fp);
		} else {
			out_text_packet(fp, root, s->color ? OUT_COLOR : 0);
		}
	}
	fflush(fp);
	sess_out_end(s);
}

static int
show_offers(struct sess *s, const struct probe_cfg *cfg)
{
	struct sess_probe *sp = s->probe;
	FILE *fp = sess_out_begin(s);

	if (cfg->json) {
		struct val *list;

		arena_reset(&sp->arena);
		list = val_list(&sp->arena, NULL, NULL);
		for (int i = 0; i < sp->noffers; i++)
			json_offer(&sp->arena, list, &sp->offers[i], i + 1);
		out_json(fp, list);
		fputc('\n', fp);
	} else if (!sp->noffers) {
		fputs("no offers (run 'discover')\n", fp);
	} else {
		print_offers_text(fp, sp);
	}
	fflush(fp);
	sess_out_end(s);
	return 0;
}

static int
show_lease(struct sess *s, const struct probe_cfg *cfg)
{
	struct sess_probe *sp = s->probe;
	const struct lease *l = &sp->lease;
	uint64_t age = (loop_now_ms() - l->got_ms) / 1000;
	uint32_t t1 = l->t1 ? l->t1 : l->lease_s / 2;
	uint32_t t2 = l->t2 ? l->t2 : (uint32_t)((uint64_t)l->lease_s * 7 / 8);
	char a[16], b[16], m[18];
	FILE *fp;

	if (!l->held) {
		sess_err(s, "no lease held");
		return DD_NOANSWER;
	}
	fp = sess_out_begin(s);
	if (cfg->json) {
		struct val *o;

		arena_reset(&sp->arena);
		o = val_obj(&sp->arena, NULL, NULL);
		json_lease(&sp->arena, o, l);
		out_json(fp, val_get(o, "lease"));
		fputc('\n', fp);
	} else {
		fprintf(fp, "address     %s\n", ipstr(l->addr, a));
		fprintf(fp, "server      %s", ipstr(l->server_id, b));
		if (!l->relay)
			fprintf(fp, " (%s)", macstr(l->server_mac, m));
		fprintf(fp, "\nchaddr      %s\n", macstr(l->chaddr, m));
		if (l->lease_s == 0xffffffffu) {
			fputs("lease       infinite\n", fp);
		} else if (l->lease_s) {
			fprintf(fp, "lease       %us, obtained %llus ago, %llus left\n", l->lease_s,
			        (unsigned long long)age,
			        (unsigned long long)(l->lease_s > age ? l->lease_s - age : 0));
			fprintf(fp, "T1 (renew)  %us, in %llds\n", t1,
			        (long long)t1 - (long long)age);
			fprintf(fp, "T2 (rebind) %us, in %llds\n", t2,
			        (long long)t2 - (long long)age);
		}
		fprintf(fp, "on exit     %s\n", l->keep ? "kept" : "released");
	}
	fflush(fp);
	sess_out_end(s);
	return 0;
}

static int
show_servers(struct sess *s, const struct probe_cfg *cfg)
{
	struct sess_probe *sp = s->probe;
	char a[16], b[16], m[18];
	FILE *fp = sess_out_begin(s);

	if (cfg->json) {
		struct val *list;

		arena_reset(&sp->arena);
		list = val_list(&sp->arena, NULL, NULL);
		for (int i = 0; i < sp->nservers; i++) {
			const struct server *sv = &sp->servers[i];
			struct val *e = val_obj(&sp->arena, list, NULL);

			val_ip(&sp->arena, e, "server-id", sv->id);
			val_ip(&sp->arena, e, "src-ip", sv->ip);
			val_mac(&sp->arena, e, "src-mac", sv->mac, 6);
			val_uint(&sp->arena, e, "offers", sv->offers);
			val_uint(&sp->arena, e, "acks", sv->acks);
			val_uint(&sp->arena, e, "naks", sv->naks);
			val_bool(&sp->arena, e, "rogue", sv->rogue);
		}
		out_json(fp, list);
		fputc('\n', fp);
	} else if (!sp->nservers) {
		fputs("no server has answered yet\n", fp);
	} else {
		fprintf(fp, "%-15s  %-15s  %-17s  %6s  %4s  %4s\n", "server-id", "source", "mac",
		        "offers", "acks", "naks");
		for (int i = 0; i < sp->nservers; i++) {
			const struct server *sv = &sp->servers[i];

			fprintf(fp, "%-15s  %-15s  %-17s  %6u  %4u  %4u%s\n", ipstr(sv->id, a),
			        ipstr(sv->ip, b), macstr(sv->mac, m), sv->offers, sv->acks,
			        sv->naks, sv->rogue ? "  ROGUE" : "");
		}
	}
	fflush(fp);
	sess_out_end(s);
	return 0;
}

int
cmd_show_probe(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	const char *what = argc > 0 ? argv[0] : "";

	if (!sp_get(s)) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	if (!strcmp(what, "offers"))
		return show_offers(s, cfg);
	if (!strcmp(what, "lease"))
		return show_lease(s, cfg);
	if (!strcmp(what, "servers"))
		return show_servers(s, cfg);
	if (!strcmp(what, "offer")) {
		char *end;
		long n = argc > 1 && argv[1] ? strtol(argv[1], &end, 10) : 0;

		if (argc < 2 || !argv[1] || *end || n < 1) {
			sess_err(s, "usage: show offer N");
			return EX_USAGE;
		}
		if (n > s->probe->noffers) {
			sess_err(s, "no offer %ld (%d from the last discover)", n,
			         s->probe->noffers);
			return DD_NEGATIVE;
		}
		show_packet(s, cfg, s->probe->offers[n - 1].rec);
		return 0;
	}
	sess_err(s, "usage: show offers|offer N|lease|servers");
	return EX_USAGE;
}

int
probe_offer_count(const struct sess *s)
{
	return s->probe ? s->probe->noffers : 0;
}

void
probe_sess_free(struct sess *s)
{
	struct sess_probe *sp = s->probe;

	if (!sp)
		return;
	/* diagnosing must not drain the pool: give back what we still hold */
	if (sp->lease.held && !sp->lease.keep && (sp->pcap || sp->udp)) {
		struct probe_cfg cfg = s->cfg;
		struct run r;

		/* NDJSON readers must not meet a line of text at the end */
		cfg.json = sp->lease.json;
		cfg.write_path[0] = '\0';
		cfg.relay = sp->lease.relay ? sp->udp_server : 0;
		snprintf(cfg.ifname, sizeof(cfg.ifname), "%s",
		         sp->lease.relay ? sp->udp_if : sp->pcap_if);
		if (run_begin(&r, s, &cfg, "release") == 0)
			lease_release(&r);
		run_end(&r);
	}
	for (size_t i = 0; i < sp->nrecs; i++)
		free(sp->recs[i].data);
	free(sp->recs);
	xpcap_free(sp->pcap);
	xudp_free(sp->udp);
	free(sp);
	s->probe = NULL;
}
