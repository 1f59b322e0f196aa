/* SPDX-License-Identifier: BSD-2-Clause */
/* xport_udp.c - relay-agent transport: UDP port 67 on the address that routes to the server */
#include "xport_udp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "errmsg.h"

#define BOOTPS 67

struct xudp {
	int fd;
	uint32_t giaddr, server;
};

static struct sockaddr_in
sin_of(uint32_t ip, uint16_t port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(ip);
	sa.sin_port = htons(port);
	return sa;
}

static int
bind_dev(int fd, const char *ifname)
{
	if (!ifname || !*ifname)
		return 0;
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname) + 1) < 0)
		return -errno;
	return 0;
}

/* the local address the kernel would use to reach server: no packet is sent */
static int
route_source(const char *ifname, uint32_t server, uint32_t *ret, char *err, size_t errlen)
{
	struct sockaddr_in sa = sin_of(server, BOOTPS), me;
	socklen_t len = sizeof(me);
	char a[INET_ADDRSTRLEN];
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), r = 0;

	inet_ntop(AF_INET, &sa.sin_addr, a, sizeof(a));
	if (fd < 0) {
		r = -errno;
		errmsg(err, errlen, "relay: cannot create a UDP socket: %s", strerror(-r));
		return r;
	}
	r = bind_dev(fd, ifname);
	if (r < 0)
		errmsg(err, errlen, "relay: cannot bind to interface '%s': %s", ifname, strerror(-r));
	else if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	         getsockname(fd, (struct sockaddr *)&me, &len) < 0) {
		r = -errno;
		errmsg(err, errlen, "relay: no route to server %s%s%s: %s", a,
		    ifname && *ifname ? " via " : "", ifname ? ifname : "", strerror(-r));
	} else if (me.sin_addr.s_addr == htonl(INADDR_ANY)) {
		r = -EADDRNOTAVAIL;
		errmsg(err, errlen, "relay: no local address routes to server %s", a);
	} else {
		*ret = ntohl(me.sin_addr.s_addr);
	}
	close(fd);
	return r;
}

int
xudp_open(const char *ifname, uint32_t server, struct xudp **ret, char *err, size_t errlen)
{
	struct sockaddr_in sa;
	char a[INET_ADDRSTRLEN];
	uint32_t giaddr = 0;
	int fd, one = 1, r;
	struct xudp *x;

	if (!server) {
		errmsg(err, errlen, "relay: no server address");
		return -EINVAL;
	}
	r = route_source(ifname, server, &giaddr, err, errlen);
	if (r < 0)
		return r;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		r = -errno;
		errmsg(err, errlen, "relay: cannot create a UDP socket: %s", strerror(-r));
		return r;
	}
	sa = sin_of(giaddr, BOOTPS);
	inet_ntop(AF_INET, &sa.sin_addr, a, sizeof(a));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	r = bind_dev(fd, ifname);
	if (r < 0) {
		errmsg(err, errlen, "relay: cannot bind to interface '%s': %s", ifname, strerror(-r));
		goto fail;
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		r = -errno;
		if (r == -EACCES || r == -EPERM)
			errmsg(err, errlen,
			    "relay: cannot bind %s:67: %s (needs CAP_NET_BIND_SERVICE; try sudo)",
			    a, strerror(-r));
		else if (r == -EADDRINUSE)
			errmsg(err, errlen,
			    "relay: cannot bind %s:67: %s (a DHCP server or relay runs here)", a,
			    strerror(-r));
		else
			errmsg(err, errlen, "relay: cannot bind %s:67: %s", a, strerror(-r));
		goto fail;
	}
	x = calloc(1, sizeof(*x));
	if (!x) {
		r = -ENOMEM;
		errmsg(err, errlen, "out of memory");
		goto fail;
	}
	x->fd = fd;
	x->giaddr = giaddr;
	x->server = server;
	*ret = x;
	return 0;
fail:
	close(fd);
	return r;
}

int
xudp_fd(const struct xudp *x)
{
	return x->fd;
}

uint32_t
xudp_giaddr(const struct xudp *x)
{
	return x->giaddr;
}

uint32_t
xudp_server(const struct xudp *x)
{
	return x->server;
}

int
xudp_send(struct xudp *x, uint32_t dst, const uint8_t *msg, size_t len)
{
	struct sockaddr_in sa = sin_of(dst ? dst : x->server, BOOTPS);
	ssize_t n = sendto(x->fd, msg, len, 0, (struct sockaddr *)&sa, sizeof(sa));

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int
xudp_recv(struct xudp *x, uint8_t *buf, size_t cap, size_t *ret_len, uint32_t *ret_src,
          uint16_t *ret_sport, struct timeval *ret_ts)
{
	struct sockaddr_in from;
	socklen_t flen = sizeof(from);
	ssize_t n = recvfrom(x->fd, buf, cap, 0, (struct sockaddr *)&from, &flen);

	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
			return 0;
		return -errno;
	}
	gettimeofday(ret_ts, NULL);
	*ret_len = (size_t)n;
	*ret_src = ntohl(from.sin_addr.s_addr);
	*ret_sport = ntohs(from.sin_port);
	return 1;
}

void
xudp_free(struct xudp *x)
{
	if (!x)
		return;
	close(x->fd);
	free(x);
}
