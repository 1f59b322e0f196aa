/* SPDX-License-Identifier: BSD-2-Clause */
/* xport_sock.c - capture and injection for a probe on a plain AF_PACKET socket, without a ring */
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if_arp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "errmsg.h"
#include "frame.h"
#include "xport_int.h"

/*
 * Why a probe does not use libpcap's capture: libpcap maps a receive ring,
 * and setting one up waits for an RCU grace period in the kernel (about 9 ms
 * here), as long as the whole exchange with a server. A probe reads a handful
 * of frames; recvmsg on a socket with a kernel filter is enough.
 *
 * The kernel hands a packet socket 802.1Q frames with the tag taken out (in
 * PACKET_AUXDATA), so the filter looks at the untagged frame and the tag is
 * put back before the frame is handed on: callers see the wire's frame, as
 * with libpcap.
 */
static const char filter_dhcp[] = "udp port 67 or udp port 68";
static const char filter_dhcp_arp[] = "arp or udp port 67 or udp port 68";

static int
attach(struct xpcap *x, const char *expr)
{
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, XPCAP_SNAPLEN);
	struct bpf_program prog;
	struct sock_fprog fp;
	int r = 0;

	if (!dead)
		return -ENOMEM;
	if (pcap_compile(dead, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		pcap_close(dead);
		return -EINVAL;
	}
	/* struct bpf_insn and struct sock_filter are the same classic BPF instruction */
	_Static_assert(sizeof(struct bpf_insn) == sizeof(struct sock_filter), "classic BPF");
	fp.len = (unsigned short)prog.bf_len;
	fp.filter = (struct sock_filter *)(void *)prog.bf_insns;
	if (setsockopt(x->fd, SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof(fp)) < 0)
		r = -errno;
	pcap_freecode(&prog);
	pcap_close(dead);
	return r;
}

/* the messages libpcap gives for the same failures, so users see one wording */
static int
fail(struct xpcap *x, int e, char *err, size_t errlen)
{
	if (e == -EPERM || e == -EACCES)
		errmsg(err, errlen,
		       "cannot open capture on '%s': Operation not permitted (needs CAP_NET_RAW; try "
		       "sudo)",
		       x->ifname);
	else if (e == -ENODEV)
		errmsg(err, errlen, "cannot open capture on '%s': no such interface", x->ifname);
	else if (e == -ENETDOWN)
		errmsg(err, errlen, "cannot open capture on '%s': interface is down", x->ifname);
	else
		errmsg(err, errlen, "cannot open capture on '%s': %s", x->ifname, strerror(-e));
	if (x->fd >= 0)
		close(x->fd);
	x->fd = -1;
	return e;
}

int
xsock_open(struct xpcap *x, char *err, size_t errlen)
{
	struct ifreq ifr;
	struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL)};
	struct packet_mreq mr = {.mr_type = PACKET_MR_PROMISC};
	int one = 1, rcvbuf = 4 << 20;

	/* protocol 0: nothing is queued before the filter is on and the socket bound */
	x->fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (x->fd < 0)
		return fail(x, -errno, err, errlen);
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, x->ifname, strlen(x->ifname));
	if (ioctl(x->fd, SIOCGIFINDEX, &ifr) < 0)
		return fail(x, -errno, err, errlen);
	sll.sll_ifindex = ifr.ifr_ifindex;
	mr.mr_ifindex = ifr.ifr_ifindex;
	if (ioctl(x->fd, SIOCGIFFLAGS, &ifr) < 0)
		return fail(x, -errno, err, errlen);
	if (!(ifr.ifr_flags & IFF_UP))
		return fail(x, -ENETDOWN, err, errlen);
	if (ioctl(x->fd, SIOCGIFHWADDR, &ifr) < 0)
		return fail(x, -errno, err, errlen);
	x->linktype = ifr.ifr_hwaddr.sa_family == ARPHRD_ETHER ? LINK_EN10MB : -1;
	/* replies go to the chaddr we chose, not to the interface's MAC */
	if (setsockopt(x->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0 ||
	    setsockopt(x->fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one)) < 0 ||
	    setsockopt(x->fd, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof(one)) < 0)
		return fail(x, -errno, err, errlen);
	/* a flood of offers (hundreds of fake servers) must queue while the probe prints: the
	 * default buffer holds about 90 frames. Beyond rmem_max only with CAP_NET_ADMIN */
	if (setsockopt(x->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		setsockopt(x->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (attach(x, filter_dhcp) < 0 || bind(x->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return fail(x, errno ? -errno : -EIO, err, errlen);
	return 0;
}

/* the frame in x->buf[4..4+n) with its 802.1Q tag put back in front of the type */
static size_t
put_tag_back(struct xpcap *x, size_t n, uint16_t tci, uint16_t tpid)
{
	uint8_t *f = x->buf;

	if (n < 12)
		return n; /* not even the addresses: leave it as it came */
	memmove(f, f + 4, 12);
	f[12] = (uint8_t)(tpid >> 8);
	f[13] = (uint8_t)tpid;
	f[14] = (uint8_t)(tci >> 8);
	f[15] = (uint8_t)tci;
	return n + 4;
}

int
xsock_next(struct xpcap *x, struct pkt *ret)
{
	union {
		struct cmsghdr h;
		uint8_t b[CMSG_SPACE(sizeof(struct tpacket_auxdata)) +
			  CMSG_SPACE(sizeof(struct timeval))];
	} ctl;
	struct iovec iov = {x->buf + 4, XPCAP_SNAPLEN};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = &ctl,
			   .msg_controllen = sizeof(ctl)};
	const struct tpacket_auxdata *aux = NULL;
	struct timeval ts = {0};
	ssize_t n = recvmsg(x->fd, &m, MSG_TRUNC | MSG_DONTWAIT);
	size_t cap, wire;

	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -EIO;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level == SOL_PACKET && c->cmsg_type == PACKET_AUXDATA)
			aux = (const struct tpacket_auxdata *)(const void *)CMSG_DATA(c);
		else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMP)
			memcpy(&ts, CMSG_DATA(c), sizeof(ts));
	}
	if (!ts.tv_sec)
		gettimeofday(&ts, NULL);
	wire = (size_t)n;
	cap = wire < XPCAP_SNAPLEN ? wire : XPCAP_SNAPLEN;
	*ret = (struct pkt){.ts = ts, .data = x->buf + 4, .caplen = cap, .wirelen = wire,
			    .linktype = x->linktype};
	if (aux && (aux->tp_status & TP_STATUS_VLAN_VALID)) {
		uint16_t tpid = (aux->tp_status & TP_STATUS_VLAN_TPID_VALID) && aux->tp_vlan_tpid
					? aux->tp_vlan_tpid
					: ETH_P_8021Q;

		ret->data = x->buf;
		ret->caplen = put_tag_back(x, cap, aux->tp_vlan_tci, tpid);
		ret->wirelen = wire + 4;
	}
	return 1;
}

int
xsock_inject(struct xpcap *x, const uint8_t *frame, size_t len)
{
	ssize_t n = send(x->fd, frame, len, 0);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int
xsock_set_arp(struct xpcap *x, bool on)
{
	return attach(x, on ? filter_dhcp_arp : filter_dhcp);
}

void
xsock_close(struct xpcap *x)
{
	if (x->fd >= 0)
		close(x->fd);
	x->fd = -1;
}
