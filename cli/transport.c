/* SPDX-License-Identifier: BSD-2-Clause */
/* transport.c - the capture or relay socket a session probes through, and giving up privileges */
#include <cap-ng.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "frame.h"
#include "probe_int.h"
#include "xport_pcap.h"
#include "xport_udp.h"

/* who a one-shot run becomes as root without SUDO_UID: this system user when it exists,
 * else nobody (tcpdump's -Z, dumpcap's way) */
#define DROP_USER "dhcpdiag"
#define DROP_FALLBACK "nobody"

/* SUDO_UID/SUDO_GID as numbers; false when unset, malformed or root */
static bool
sudo_ids(uid_t *ret_uid, gid_t *ret_gid)
{
	const char *su = getenv("SUDO_UID"), *sg = getenv("SUDO_GID");
	char *e1, *e2;
	unsigned long uid, gid;

	if (!su || !sg || !*su || !*sg)
		return false;
	errno = 0;
	uid = strtoul(su, &e1, 10);
	gid = strtoul(sg, &e2, 10);
	if (errno || *e1 || *e2 || uid == 0 || uid > 0x7fffffffUL || gid > 0x7fffffffUL)
		return false;
	*ret_uid = (uid_t)uid;
	*ret_gid = (gid_t)gid;
	return true;
}

/* clear every capability (and the bounding set when that is allowed), keep the uid */
static int
caps_only(struct sess *s)
{
	capng_clear(CAPNG_SELECT_BOTH);
	if (capng_apply(CAPNG_SELECT_BOTH) < 0 && capng_apply(CAPNG_SELECT_CAPS) < 0)
		sess_err(s, "warning: cannot clear the capabilities");
	return 0;
}

bool
xport_drops_to_system(void)
{
	uid_t uid;
	gid_t gid;

	return geteuid() == 0 && !sudo_ids(&uid, &gid);
}

/*
 * Give up root and every capability once the capture is open, in the one-shot argv
 * form only: the shell and scripts may have to open another interface later, and so
 * may the battery of diagnose and check (keep_privs). Under sudo we become the invoking
 * user; as plain root the user `dhcpdiag` (or nobody); with file capabilities we clear
 * them. Through libcap-ng (as tcpdump does): it clears the bounding set and the
 * supplementary groups too, and keeps nothing across setuid.
 * As plain root with --metrics (a file written at the end, where root's files are) we
 * stay uid 0 without any capability; so we do when the user cannot be changed (a
 * service without CAP_SETUID in its bounding set). A failure is a warning: the probe
 * still works, with more privilege than it needs.
 */
int
xport_drop_privileges(struct sess *s, const struct probe_cfg *cfg)
{
	uid_t uid;
	gid_t gid;
	int r;

	if (!s->oneshot || s->dropped || s->keep_privs)
		return 0;
	s->dropped = true;
	capng_clear(CAPNG_SELECT_BOTH);
	if (geteuid() != 0)
		return caps_only(s);
	if (!sudo_ids(&uid, &gid)) {
		const struct passwd *pw = getpwnam(DROP_USER);

		if (!pw)
			pw = getpwnam(DROP_FALLBACK);
		if (!pw || pw->pw_uid == 0 || cfg->metrics_path[0])
			return caps_only(s);
		uid = pw->pw_uid;
		gid = pw->pw_gid;
	}
	r = capng_change_id((int)uid, (int)gid, CAPNG_DROP_SUPP_GRP | CAPNG_CLEAR_BOUNDING);
	if (r < 0)
		return caps_only(s); /* no CAP_SETUID, CAP_SETGID or CAP_SETPCAP to do it */
	if (capng_have_capabilities(CAPNG_SELECT_CAPS) != CAPNG_NONE)
		sess_err(s, "warning: capabilities left after the drop to uid %lu",
			 (unsigned long)uid);
	return 0;
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
		xport_drop_privileges(s, cfg);
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
