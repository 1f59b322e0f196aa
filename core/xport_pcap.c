/* SPDX-License-Identifier: BSD-2-Clause */
/* xport_pcap.c - live capture and frame injection on one interface through libpcap */
#include "xport_pcap.h"

#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <net/if_arp.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmsg.h"
#include "xport_int.h"

/* DHCP on both ports, untagged and with one 802.1Q tag (the `vlan` keyword
 * shifts the offsets for what follows it, so the tagged half comes last) */
static const char filter_dhcp[] =
    "udp port 67 or udp port 68 or (vlan and (udp port 67 or udp port 68))";
static const char filter_dhcp_arp[] =
    "arp or udp port 67 or udp port 68 or (vlan and (arp or udp port 67 or udp port 68))";

static int
set_filter(pcap_t *p, const char *expr, char *err, size_t errlen)
{
	struct bpf_program prog;

	if (pcap_compile(p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		errmsg(err, errlen, "cannot compile capture filter: %s", pcap_geterr(p));
		return -EINVAL;
	}
	int r = pcap_setfilter(p, &prog);
	pcap_freecode(&prog);
	if (r < 0) {
		errmsg(err, errlen, "cannot set capture filter: %s", pcap_geterr(p));
		return -EIO;
	}
	return 0;
}

/* turn pcap_activate's result into an errno and a sentence */
static int
activate_error(pcap_t *p, int r, const char *ifname, char *err, size_t errlen)
{
	switch (r) {
	case PCAP_ERROR_PERM_DENIED:
		errmsg(err, errlen,
		    "cannot open capture on '%s': Operation not permitted (needs CAP_NET_RAW; try "
		    "sudo)",
		    ifname);
		return -EPERM;
	case PCAP_ERROR_NO_SUCH_DEVICE:
		errmsg(err, errlen, "cannot open capture on '%s': no such interface", ifname);
		return -ENODEV;
	case PCAP_ERROR_IFACE_NOT_UP:
		errmsg(err, errlen, "cannot open capture on '%s': interface is down", ifname);
		return -ENETDOWN;
	case PCAP_ERROR_PROMISC_PERM_DENIED:
		errmsg(err, errlen,
		    "cannot open capture on '%s': promiscuous mode not permitted (needs "
		    "CAP_NET_RAW; try sudo)",
		    ifname);
		return -EPERM;
	default:
		errmsg(err, errlen, "cannot open capture on '%s': %s", ifname, pcap_geterr(p));
		return -EIO;
	}
}

int
xpcap_open(const char *ifname, size_t ring, struct xpcap **ret, char *err, size_t errlen)
{
	char pe[PCAP_ERRBUF_SIZE] = "";
	struct xpcap *x;
	int r;

	if (!ifname || !*ifname) {
		errmsg(err, errlen, "no interface chosen");
		return -EINVAL;
	}
	if (strlen(ifname) >= IF_NAMESIZE) {
		errmsg(err, errlen, "'%s' is not an interface name", ifname);
		return -EINVAL;
	}
	x = calloc(1, sizeof(*x));
	if (!x) {
		errmsg(err, errlen, "out of memory");
		return -ENOMEM;
	}
	snprintf(x->ifname, sizeof(x->ifname), "%s", ifname);
	if (ring == XPCAP_RING_NONE) {
		r = xsock_open(x, err, errlen);
		if (r < 0) {
			free(x);
			return r;
		}
		*ret = x;
		return 0;
	}
	x->pcap = pcap_create(ifname, pe);
	if (!x->pcap) {
		errmsg(err, errlen, "cannot open capture on '%s': %s", ifname, pe);
		free(x);
		return -EIO;
	}
	pcap_set_snaplen(x->pcap, XPCAP_SNAPLEN);
	pcap_set_promisc(x->pcap, 1); /* replies go to the chaddr we chose, not our own MAC */
	pcap_set_immediate_mode(x->pcap, 1);
	/* setting up and tearing down a large ring costs a short probe more than its exchange */
	pcap_set_buffer_size(x->pcap, (int)ring);
	pcap_set_timeout(x->pcap, 100);
	r = pcap_activate(x->pcap);
	if (r < 0) {
		r = activate_error(x->pcap, r, ifname, err, errlen);
		goto fail;
	}
	/* r > 0 is a warning (e.g. promiscuous mode not supported): carry on */
	x->linktype = pcap_datalink(x->pcap);
	r = set_filter(x->pcap, filter_dhcp, err, errlen);
	if (r < 0)
		goto fail;
	if (pcap_setnonblock(x->pcap, 1, pe) < 0) {
		errmsg(err, errlen, "cannot open capture on '%s': %s", ifname, pe);
		r = -EIO;
		goto fail;
	}
	x->fd = pcap_get_selectable_fd(x->pcap);
	if (x->fd < 0) {
		errmsg(err, errlen, "cannot open capture on '%s': no pollable descriptor", ifname);
		r = -EIO;
		goto fail;
	}
	*ret = x;
	return 0;
fail:
	pcap_close(x->pcap);
	free(x);
	return r;
}

int
xpcap_fd(const struct xpcap *x)
{
	return x->fd;
}

int
xpcap_linktype(const struct xpcap *x)
{
	return x->linktype;
}

int
xpcap_next(struct xpcap *x, struct pkt *ret)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int r;

	if (!x->pcap)
		return xsock_next(x, ret);
	r = pcap_next_ex(x->pcap, &h, &data);
	if (r == 0)
		return 0;
	if (r < 0)
		return r == PCAP_ERROR_BREAK ? 0 : -EIO;
	*ret = (struct pkt){.ts = h->ts, .data = data, .caplen = h->caplen, .wirelen = h->len,
			    .linktype = x->linktype};
	return 1;
}

int
xpcap_inject(struct xpcap *x, const uint8_t *frame, size_t len)
{
	int r;

	if (!x->pcap)
		return xsock_inject(x, frame, len);
	r = pcap_inject(x->pcap, frame, len);
	if (r < 0)
		return errno ? -errno : -EIO;
	return (size_t)r == len ? 0 : -EIO;
}

int
xpcap_stats(struct xpcap *x, unsigned *ret_recv, unsigned *ret_drop)
{
	struct pcap_stat st;

	if (!x->pcap)
		return -EOPNOTSUPP; /* a probe's socket keeps no counters */
	if (pcap_stats(x->pcap, &st) < 0)
		return -EIO;
	*ret_recv = st.ps_recv;
	*ret_drop = st.ps_drop + st.ps_ifdrop;
	return 0;
}

int
xpcap_set_arp(struct xpcap *x, bool on)
{
	if (!x->pcap)
		return xsock_set_arp(x, on);
	return set_filter(x->pcap, on ? filter_dhcp_arp : filter_dhcp, NULL, 0);
}

void
xpcap_free(struct xpcap *x)
{
	if (!x)
		return;
	if (x->pcap)
		pcap_close(x->pcap);
	else
		xsock_close(x);
	free(x);
}

/* a name that is safe to use as one path component and fits ifr_name */
static bool
if_name_ok(const char *ifname)
{
	size_t n = ifname ? strlen(ifname) : 0;

	return n > 0 && n < IF_NAMESIZE && !strchr(ifname, '/') && strcmp(ifname, ".") != 0 &&
	       strcmp(ifname, "..") != 0;
}

int
xpcap_if_mac(const char *ifname, uint8_t mac[6])
{
	struct ifreq ifr;
	int fd, r = 0;

	if (!if_name_ok(ifname))
		return -EINVAL;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		r = -errno;
	close(fd);
	if (r < 0)
		return r;
	/* Ethernet, and 802.11 that the kernel presents as Ethernet */
	if (ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER)
		return -EPROTONOSUPPORT;
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return 0;
}

/* one SIOCGIF* request on ifname; 0 or -errno */
static int
if_ioctl(const char *ifname, unsigned long req, struct ifreq *ifr)
{
	int fd, r = 0;

	memset(ifr, 0, sizeof(*ifr));
	memcpy(ifr->ifr_name, ifname, strlen(ifname));
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, req, ifr) < 0)
		r = -errno;
	close(fd);
	return r;
}

static uint32_t
sin_addr_of(const struct sockaddr *sa)
{
	struct sockaddr_in sin;

	memcpy(&sin, sa, sizeof(sin));
	return ntohl(sin.sin_addr.s_addr);
}

int
xpcap_if_info(const char *ifname, struct xpcap_if_info *ret)
{
	struct xpcap_if_info info = {0};
	struct ifreq ifr;
	int r;

	if (!if_name_ok(ifname))
		return -EINVAL;
	r = if_ioctl(ifname, SIOCGIFFLAGS, &ifr);
	if (r < 0)
		return r;
	info.up = (ifr.ifr_flags & IFF_UP) != 0;
	info.carrier = (ifr.ifr_flags & IFF_RUNNING) != 0;
	/* no address is the usual case for a client without a lease */
	if (if_ioctl(ifname, SIOCGIFADDR, &ifr) == 0) {
		info.addr = sin_addr_of(&ifr.ifr_addr);
		if (if_ioctl(ifname, SIOCGIFNETMASK, &ifr) == 0)
			info.mask = sin_addr_of(&ifr.ifr_netmask);
	}
	*ret = info;
	return 0;
}

int
xpcap_if_wireless(const char *ifname)
{
	static const char *const marks[] = {"wireless", "phy80211"};
	char path[64 + IF_NAMESIZE];
	struct stat st;

	if (!if_name_ok(ifname))
		return -EINVAL;
	snprintf(path, sizeof(path), "/sys/class/net/%s", ifname);
	if (stat(path, &st) < 0)
		return errno == ENOENT ? -ENODEV : -errno;
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		snprintf(path, sizeof(path), "/sys/class/net/%s/%s", ifname, marks[i]);
		if (stat(path, &st) == 0)
			return 1;
	}
	return 0;
}
