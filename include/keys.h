/* SPDX-License-Identifier: BSD-2-Clause */
/* keys.h - member names of the value tree that the printers look for, in one shared table */
#ifndef DHCPDIAG_KEYS_H
#define DHCPDIAG_KEYS_H

#include <stdint.h>

/*
 * The decoders name these members K(CODE), K(SRC_MAC), ...: pointers into
 * key_names. A printer then knows such a name by its address alone: which one
 * it is (key_id), its length, and that it needs no escaping, all without
 * reading it. Names made elsewhere (a string literal in cli/, say) still work
 * everywhere; they are only compared by their text. Each text appears once.
 */
#define DHCPDIAG_KEYS(X)                                                                           \
	/* the packet */                                                                           \
	X(N, "n")                                                                                  \
	X(FILE, "file")                                                                            \
	X(TIME, "time")                                                                            \
	X(FRAME, "frame")                                                                          \
	X(DHCP, "dhcp")                                                                            \
	X(LEASEQUERY_TCP, "leasequery-tcp")                                                        \
	X(ERRORS, "errors")                                                                        \
	/* the frame */                                                                            \
	X(SRC_MAC, "src-mac")                                                                      \
	X(DST_MAC, "dst-mac")                                                                      \
	X(VLAN, "vlan")                                                                            \
	X(SRC_IP, "src-ip")                                                                        \
	X(DST_IP, "dst-ip")                                                                        \
	X(SRC_PORT, "src-port")                                                                    \
	X(DST_PORT, "dst-port")                                                                    \
	X(PROTOCOL, "protocol")                                                                    \
	X(TTL, "ttl")                                                                              \
	X(IP_CHECKSUM, "ip-checksum")                                                              \
	X(UDP_CHECKSUM, "udp-checksum")                                                            \
	X(TCP_CHECKSUM, "tcp-checksum")                                                            \
	X(LENGTH, "length")                                                                        \
	X(TRUNCATED, "truncated")                                                                  \
	/* the BOOTP header ("file" is above) */                                                   \
	X(OP, "op")                                                                                \
	X(HTYPE, "htype")                                                                          \
	X(HLEN, "hlen")                                                                            \
	X(HOPS, "hops")                                                                            \
	X(XID, "xid")                                                                              \
	X(SECS, "secs")                                                                            \
	X(FLAGS, "flags")                                                                          \
	X(BROADCAST, "broadcast")                                                                  \
	X(CIADDR, "ciaddr")                                                                        \
	X(YIADDR, "yiaddr")                                                                        \
	X(SIADDR, "siaddr")                                                                        \
	X(GIADDR, "giaddr")                                                                        \
	X(CHADDR, "chaddr")                                                                        \
	X(SNAME, "sname")                                                                          \
	X(MESSAGE_TYPE, "message-type")                                                            \
	X(OPTIONS, "options")                                                                      \
	X(VENDOR_AREA, "vendor-area")                                                              \
	/* members of an option; its code and name are fields of the VAL_OPT, but some values      \
	 * have such members too (151's code, 81's name); and a route */                           \
	X(CODE, "code")                                                                            \
	X(NAME, "name")                                                                            \
	X(VALUE, "value")                                                                          \
	X(ERROR, "error")                                                                          \
	X(PARTS, "parts")                                                                          \
	X(DESTINATION, "destination")                                                              \
	X(ROUTER, "router")

enum key_id {
#define DHCPDIAG_KEY_ID(id, text) KEY_##id,
	DHCPDIAG_KEYS(DHCPDIAG_KEY_ID)
#undef DHCPDIAG_KEY_ID
	KEY_MAX
};

#define KEY_SIZE 16 /* room for the longest name and its NUL, checked in keys.c */

/* the names, lowercase-hyphen (plain ASCII, nothing to escape), and their lengths */
extern const char key_names[KEY_MAX][KEY_SIZE];
extern const uint8_t key_lens[KEY_MAX];

/* the shared name for KEY_id */
#define K(id) (key_names[KEY_##id])

/* the id of key when it points to one of key_names (NULL included: -1), else -1 */
static inline int
key_id(const char *key)
{
	uintptr_t off = (uintptr_t)key - (uintptr_t)key_names;

	return off < sizeof(key_names) && off % KEY_SIZE == 0 ? (int)(off / KEY_SIZE) : -1;
}

#endif
