/* SPDX-License-Identifier: BSD-2-Clause */
/* decode.h - one captured frame to a value tree: frame, BOOTP header, options */
#ifndef DHCPDIAG_DECODE_H
#define DHCPDIAG_DECODE_H

#include <stddef.h>
#include <stdint.h>

struct frame;
struct msg;
struct val;
struct val_arena;

/*
 * Decode the DHCP message carried by f (UDP, or TCP leasequery framing per
 * RFC 6926) into a new root object in a:
 *   { "frame": {...}, "dhcp": {... "options": [...]}, "errors": [...] }
 * scratch receives the parsed message (for callers that need fields); when f
 * carries no parseable message scratch->hdr_len is 0. Returns the root.
 * Never fails on bad input: problems become "errors" entries; a message cut by
 * the capture's snap length is reported as "truncated capture".
 */
struct val *dec_packet(struct val_arena *a, const struct frame *f, struct msg *scratch);

/*
 * The same from captured bytes: frame_parse, then dec_packet. NULL when the
 * frame is not a DHCP packet (*ret_rc -ENOENT: other traffic, or a TCP
 * segment on port 67 that carries no data) or its headers are damaged
 * (*ret_rc -EBADMSG); *ret_rc 0 otherwise. ret_rc may be NULL.
 */
struct val *dec_captured(struct val_arena *a, int linktype, const uint8_t *pkt, size_t caplen,
			 size_t wirelen, struct msg *scratch, int *ret_rc);

/* the options list of a message (used by dec_packet, probe and tracker printers) */
void dec_options(struct val_arena *a, struct val *parent, const struct msg *m);

#endif
