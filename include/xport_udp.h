/* SPDX-License-Identifier: BSD-2-Clause */
/* xport_udp.h - relay-agent transport: a UDP socket on port 67 of our own address */
#ifndef DHCPDIAG_XPORT_UDP_H
#define DHCPDIAG_XPORT_UDP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

struct xudp;

/*
 * Act as a relay agent toward server (host order): giaddr is the address of
 * the interface the kernel routes server through (a connected UDP socket and
 * getsockname); the socket binds giaddr:67, where the server sends its
 * replies. ifname, when not NULL or "", pins both to that interface
 * (SO_BINDTODEVICE). Binding port 67 needs CAP_NET_BIND_SERVICE: -EACCES.
 * Returns 0 or a negative errno with a one-line reason in err.
 */
int xudp_open(const char *ifname, uint32_t server, struct xudp **ret, char *err, size_t errlen);
int xudp_fd(const struct xudp *x); /* for the event loop (POLLIN) */
uint32_t xudp_giaddr(const struct xudp *x);
uint32_t xudp_server(const struct xudp *x);
/* send a BOOTP message to dst:67 (0 = the server); 0 or -errno */
int xudp_send(struct xudp *x, uint32_t dst, const uint8_t *msg, size_t len);
/* non-blocking: 1 with a datagram copied to buf (*ret_len, sender, arrival time),
 * 0 nothing pending, <0 error; a datagram longer than cap is cut to cap */
int xudp_recv(struct xudp *x, uint8_t *buf, size_t cap, size_t *ret_len, uint32_t *ret_src,
              uint16_t *ret_sport, struct timeval *ret_ts);
void xudp_free(struct xudp *x); /* NULL-safe */

#endif
