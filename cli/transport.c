/* SPDX-License-Identifier: BSD-2-Clause */
/* transport.c - the capture or relay socket a session probes through, and giving up privileges */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "frame.h"
#include "probe_int.h"
#include "xport_pcap.h"
#include "xport_udp.h"

/*
 * Give up root after the capture is open, in the one-shot argv form only: the
 * shell and scripts may have to open another interface later. Under sudo we
 * become the invoking user; with file capabilities we clear them all.
 */
static void
drop_privileges(struct sess *s, struct xport *x)
{
	const char *su = getenv("SUDO_UID"), *sg = getenv("SUDO_GID");

	if (!s->oneshot || x->dropped)
		return;
	x->dropped = true;
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
open_relay(struct sess *s, struct xport *x, const struct probe_cfg *cfg)
{
	char err[256] = "";
	int r;

	if (x->udp && x->udp_server == cfg->relay && !strcmp(x->udp_if, cfg->ifname))
		return 0;
	xudp_free(x->udp);
	x->udp = NULL;
	r = xudp_open(cfg->ifname, cfg->relay, &x->udp, err, sizeof(err));
	if (r < 0) {
		sess_err(s, "%s", err);
		return sess_status(r);
	}
	x->udp_server = cfg->relay;
	snprintf(x->udp_if, sizeof(x->udp_if), "%s", cfg->ifname);
	return 0;
}

static int
open_pcap(struct sess *s, struct xport *x, const struct probe_cfg *cfg)
{
	char err[256] = "";
	int r;

	if (x->pcap && !strcmp(x->pcap_if, cfg->ifname))
		return 0;
	xpcap_free(x->pcap);
	x->pcap = NULL;
	r = xpcap_open(cfg->ifname, XPCAP_RING_NONE, &x->pcap, err, sizeof(err));
	if (r < 0) {
		sess_err(s, "%s", err);
		return sess_status(r);
	}
	if (xpcap_linktype(x->pcap) != LINK_EN10MB) {
		sess_err(s, "interface '%s' is not Ethernet (link type %d): cannot probe on it",
			 cfg->ifname, xpcap_linktype(x->pcap));
		xpcap_free(x->pcap);
		x->pcap = NULL;
		return EX_USAGE;
	}
	snprintf(x->pcap_if, sizeof(x->pcap_if), "%s", cfg->ifname);
	return 0;
}

int
xport_ready(struct sess *s, struct xport *x, const struct probe_cfg *cfg)
{
	int st = cfg->relay ? open_relay(s, x, cfg) : open_pcap(s, x, cfg);

	if (st == 0)
		drop_privileges(s, x);
	return st;
}

/*
 * At exit: closing a packet socket waits for an RCU grace period in the
 * kernel (~20 ms, longer than a whole probe). A child that holds nothing but
 * a copy of the socket closes it and waits for that; the parent's own close is
 * then not the last one and returns at once, and so does the command.
 */
void
xport_close_at_exit(struct xport *x)
{
	int fd = x->pcap ? xpcap_fd(x->pcap) : -1;

	fflush(NULL);
	if (fd > 2 && fork() == 0) {
		syscall(SYS_close_range, 0u, (unsigned)fd - 1, 0u);
		syscall(SYS_close_range, (unsigned)fd + 1, ~0u, 0u);
		close(fd);
		_exit(0);
	}
	xport_close(x);
}

void
xport_close(struct xport *x)
{
	xpcap_free(x->pcap);
	xudp_free(x->udp);
	x->pcap = NULL;
	x->udp = NULL;
}
