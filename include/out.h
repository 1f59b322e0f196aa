/* SPDX-License-Identifier: BSD-2-Clause */
/* out.h - the two printers of value trees: human text and JSON */
#ifndef DHCPDIAG_OUT_H
#define DHCPDIAG_OUT_H

#include <stdio.h>

struct val;

enum {
	OUT_COLOR = 1 << 0, /* ANSI colour (terminal only, never with NO_COLOR) */
	OUT_BRIEF = 1 << 1, /* packet summary line only */
};

/* a decoded packet (dec_packet's root, with optional "n" and "time" members) */
void out_text_packet(FILE *fp, const struct val *pkt, unsigned flags);
/* an options list, one option a line, sub-options indented */
void out_text_options(FILE *fp, const struct val *options, int indent, unsigned flags);
/* any value as compact JSON, no trailing newline */
void out_json(FILE *fp, const struct val *v);

#endif
