/* SPDX-License-Identifier: BSD-2-Clause */
/* out.h - the two printers of value trees: human text and JSON */
#ifndef DHCPDIAG_OUT_H
#define DHCPDIAG_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct val;

enum {
	OUT_COLOR = 1 << 0, /* ANSI colour (terminal only, never with NO_COLOR) */
	OUT_BRIEF = 1 << 1, /* packet summary line only */
};

/*
 * Memory the printers append to, for output that is made on one thread and
 * written on another (decode's batches): buf[0, len) is the text so far. It
 * grows as needed; failed says memory ran out and some text was dropped.
 * Start from all zeroes; free(buf) at the end.
 */
struct out_mem {
	char *buf;
	size_t len, cap;
	bool failed;
};

/* a decoded packet (dec_packet's root, with optional "n" and "time" members) */
void out_text_packet(FILE *fp, const struct val *pkt, unsigned flags);
/* an options list, one option a line, sub-options indented */
void out_text_options(FILE *fp, const struct val *options, int indent, unsigned flags);
/* any value as compact JSON, no trailing newline */
void out_json(FILE *fp, const struct val *v);

/* the same appended to memory; the JSON one as a line of its own (with the newline) */
void out_text_packet_mem(struct out_mem *m, const struct val *pkt, unsigned flags);
void out_json_line_mem(struct out_mem *m, const struct val *v);

#endif
