/* SPDX-License-Identifier: BSD-2-Clause */
/* cmd_arp.c - `arp ADDR`: is ADDR in use on the link (an RFC 5227 probe), and by which MAC */
#include "arp_probe.h"
#include "cli.h"
#include "probe_int.h"
#include "report.h"
#include "frame.h"
#include "loop.h"
#include "out.h"
#include "value.h"
#include "xport_pcap.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

/* one probe waited for in a nested loop */
struct arp_run {
	struct sess *s;
	struct arp_probe *probe;
	bool in_loop, done;
	struct arp_probe_res res;
};

static void
on_done(void *arg, const struct arp_probe_res *res)
{
	struct arp_run *r = arg;

	r->res = *res;
	r->done = true;
	if (r->in_loop)
		loop_quit(r->s->loop, 0);
}

static void
on_cancel(void *arg)
{
	struct arp_run *r = arg;

	arp_probe_cancel(r->probe);
}

int
arp_run(struct sess *s, struct xpcap *x, uint32_t addr, const uint8_t mac[6], int vlan,
	const unsigned timing[3], struct arp_probe_res *ret)
{
	struct arp_run r = {.s = s};
	int e = arp_probe_new(s->loop, x, on_done, &r, &r.probe);

	if (e >= 0)
		e = arp_probe_start(r.probe, addr, mac, vlan, timing ? timing[0] : 0,
				    timing ? timing[1] : 0, timing ? timing[2] : 0);
	if (e < 0) {
		arp_probe_free(r.probe);
		return e;
	}
	if (!r.done && sess_stopping(s)) /* a signal or the deadline came before the wait */
		arp_probe_cancel(r.probe);
	if (!r.done) {
		r.in_loop = true;
		shell_set_cancel(s, on_cancel, &r);
		loop_run(s->loop);
		shell_set_cancel(s, NULL, NULL);
		r.in_loop = false;
		if (!r.done) /* the loop ended for another reason: stop the probe */
			arp_probe_cancel(r.probe);
	}
	arp_probe_free(r.probe);
	*ret = r.res;
	return 0;
}

static bool
parse_addr(struct sess *s, const char *text, uint32_t *ret)
{
	struct in_addr in;
	uint32_t a;

	if (inet_pton(AF_INET, text, &in) != 1) {
		sess_err(s, "'%s' is not an IPv4 address", text);
		return false;
	}
	a = ntohl(in.s_addr);
	if ((a >> 24) == 0 || (a >> 28) == 0xe || a == 0xffffffffu) {
		sess_err(s, "'%s' is not a host address (0.0.0.0/8, multicast or broadcast)", text);
		return false;
	}
	*ret = a;
	return true;
}

/* the session's capture on cfg's interface, and the interface's MAC; 0 or an exit status */
static int
open_link(struct sess *s, const struct probe_cfg *cfg, struct xpcap **ret_x, uint8_t mac[6])
{
	struct probe_cfg c = *cfg;
	struct sess_probe *sp;
	int r;

	if (!cfg->ifname[0]) {
		sess_err(s, "no interface chosen (use -i IFACE or 'set interface IFACE')");
		return EX_USAGE;
	}
	sp = sp_get(s);
	if (!sp) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	c.relay = 0; /* ARP needs the link itself */
	r = xpcap_if_mac(cfg->ifname, mac);
	if (r < 0) {
		sess_err(s, "cannot read the MAC address of '%s': %s", cfg->ifname, strerror(-r));
		return sess_status(r);
	}
	r = xport_ready(s, &sp->x, &c);
	if (r)
		return r;
	*ret_x = sp->x.pcap;
	return 0;
}

static void
print_text(struct sess *s, const struct arp_probe_res *res)
{
	char addr[16], mac[18];
	FILE *fp = sess_out_begin(s);
	unsigned long long ms = (unsigned long long)res->ms;
	uint32_t a = res->addr;

	snprintf(addr, sizeof(addr), "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255,
	         a & 255);
	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", res->mac[0], res->mac[1],
	         res->mac[2], res->mac[3], res->mac[4], res->mac[5]);
	switch (res->answer) {
	case ARP_ANSWER_REPLY:
		fprintf(fp, "%s is in use by %s (answered after %llu ms)\n", addr, mac, ms);
		break;
	case ARP_ANSWER_REQUEST:
		fprintf(fp, "%s is in use by %s (its ARP request seen after %llu ms)\n", addr, mac,
		        ms);
		break;
	case ARP_ANSWER_PROBE:
		fprintf(fp, "%s is claimed by %s: another host is probing for it (after %llu ms)\n",
		        addr, mac, ms);
		break;
	default:
		fprintf(fp, "%s: no answer in %.1f s (free)\n", addr, res->ms / 1000.0);
		break;
	}
	fflush(fp);
	sess_out_end(s);
}

static void
print_json(struct sess *s, const char *ifname, uint32_t addr, const struct arp_probe_res *res,
	   int status)
{
	uint64_t mem[512]; /* a dozen 64-byte nodes: 4 KiB is plenty */
	struct val_arena a;
	struct val *o;
	FILE *fp;

	arena_init(&a, mem, sizeof(mem));
	o = val_obj(&a, NULL, NULL);
	val_cstr(&a, o, "event", "result");
	val_cstr(&a, o, "command", "arp");
	val_ip(&a, o, "address", addr);
	val_bool(&a, o, "in-use", res->in_use);
	if (res->in_use) {
		val_mac(&a, o, "mac", res->mac, 6);
		val_cstr(&a, o, "answer", arp_answer_names[res->answer]);
	}
	val_uint(&a, o, "ms", res->ms);
	val_uint(&a, o, "probes", res->sent);
	status = sess_final_status(s, status);
	val_int(&a, o, "status", status);
	if (res->status == -ECANCELED || sess_stopping(s))
		val_cstr(&a, o, "message", sess_cancel_word(s));
	struct timeval now;
	gettimeofday(&now, NULL);
	rep_result_common(&a, o, ifname, &now);
	fp = sess_out_begin(s);
	out_json(fp, o);
	fputc('\n', fp);
	fflush(fp);
	sess_out_end(s);
	s->results++;
}

int
cmd_arp(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct arp_probe_res res;
	struct xpcap *x = NULL;
	const char *text = NULL;
	uint8_t mac[6];
	uint32_t addr;
	int st, e;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] && !(argv[i][1] >= '0' && argv[i][1] <= '9')) {
			sess_err(s, "unknown flag '%s' (see 'help arp')", argv[i]);
			return EX_USAGE;
		}
		text = argv[i];
	}
	if (!text || !parse_addr(s, text, &addr))
		return EX_USAGE;
	st = open_link(s, cfg, &x, mac);
	if (st)
		return st;
	e = arp_run(s, x, addr, mac, cfg->vlan, NULL, &res);
	if (e < 0) {
		sess_err(s, "cannot probe on '%s': %s", cfg->ifname, strerror(-e));
		return sess_status(e);
	}

	if (res.status == -ECANCELED)
		st = sess_cancel_status(s);
	else if (res.status < 0)
		st = sess_status(res.status);
	else
		st = res.in_use ? DD_OK : DD_NOANSWER;
	if (cfg->json)
		print_json(s, cfg->ifname, addr, &res, st);
	if (res.status == -ECANCELED)
		sess_err(s, "%s after %u %s (%.1f s)", sess_cancel_word(s), res.sent,
		         res.sent == 1 ? "probe" : "probes", res.ms / 1000.0);
	else if (res.status < 0)
		sess_err(s, "cannot probe on '%s': %s", cfg->ifname, strerror(-res.status));
	else if (!cfg->json)
		print_text(s, &res);
	return st;
}
