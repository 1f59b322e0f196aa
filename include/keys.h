/* SPDX-License-Identifier: BSD-2-Clause */
/* keys.h - member names of the value tree that the printers look for, as shared constants */
#ifndef DHCPDIAG_KEYS_H
#define DHCPDIAG_KEYS_H

/*
 * The decoders name these members with the constants below, so a printer
 * looking for one finds it by comparing pointers; the text compare stays as
 * the fallback for names made elsewhere (a string literal in cli/, say).
 * The array sizes are in the declarations, so KEY_LEN is a compile-time
 * constant. Each text appears once in this list.
 */
#define DHCPDIAG_KEYS(X)                                                                           \
	/* the packet */                                                                           \
	X(K_N, "n")                                                                                \
	X(K_FILE, "file")                                                                          \
	X(K_TIME, "time")                                                                          \
	X(K_FRAME, "frame")                                                                        \
	X(K_DHCP, "dhcp")                                                                          \
	X(K_LEASEQUERY_TCP, "leasequery-tcp")                                                      \
	X(K_ERRORS, "errors")                                                                      \
	/* the frame */                                                                            \
	X(K_SRC_MAC, "src-mac")                                                                    \
	X(K_DST_MAC, "dst-mac")                                                                    \
	X(K_VLAN, "vlan")                                                                          \
	X(K_SRC_IP, "src-ip")                                                                      \
	X(K_DST_IP, "dst-ip")                                                                      \
	X(K_SRC_PORT, "src-port")                                                                  \
	X(K_DST_PORT, "dst-port")                                                                  \
	X(K_PROTOCOL, "protocol")                                                                  \
	X(K_TTL, "ttl")                                                                            \
	X(K_IP_CHECKSUM, "ip-checksum")                                                            \
	X(K_UDP_CHECKSUM, "udp-checksum")                                                          \
	X(K_TCP_CHECKSUM, "tcp-checksum")                                                          \
	X(K_LENGTH, "length")                                                                      \
	X(K_TRUNCATED, "truncated")                                                                \
	/* the BOOTP header ("file" is above) */                                                   \
	X(K_OP, "op")                                                                              \
	X(K_HTYPE, "htype")                                                                        \
	X(K_HLEN, "hlen")                                                                          \
	X(K_HOPS, "hops")                                                                          \
	X(K_XID, "xid")                                                                            \
	X(K_SECS, "secs")                                                                          \
	X(K_FLAGS, "flags")                                                                        \
	X(K_BROADCAST, "broadcast")                                                                \
	X(K_CIADDR, "ciaddr")                                                                      \
	X(K_YIADDR, "yiaddr")                                                                      \
	X(K_SIADDR, "siaddr")                                                                      \
	X(K_GIADDR, "giaddr")                                                                      \
	X(K_CHADDR, "chaddr")                                                                      \
	X(K_SNAME, "sname")                                                                        \
	X(K_MESSAGE_TYPE, "message-type")                                                          \
	X(K_OPTIONS, "options")                                                                    \
	X(K_VENDOR_AREA, "vendor-area")                                                            \
	/* an option or sub-option, and a route */                                                 \
	X(K_CODE, "code")                                                                          \
	X(K_NAME, "name")                                                                          \
	X(K_VALUE, "value")                                                                        \
	X(K_ERROR, "error")                                                                        \
	X(K_PARTS, "parts")                                                                        \
	X(K_DESTINATION, "destination")                                                            \
	X(K_ROUTER, "router")

#define DHCPDIAG_KEY_DECLARE(id, text) extern const char id[sizeof(text)];
DHCPDIAG_KEYS(DHCPDIAG_KEY_DECLARE)
#undef DHCPDIAG_KEY_DECLARE

/* length of one of the keys above without its NUL */
#define KEY_LEN(k) (sizeof(k) - 1)

#endif
