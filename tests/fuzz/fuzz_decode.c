/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_decode.c - libFuzzer target: frame -> message -> value tree -> both printers */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "decode.h"
#include "frame.h"
#include "msg.h"
#include "out.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the printers write enum names and table option names without escaping: each must be plain */
static void
check_names(const struct val *v, int depth)
{
	if (depth > 64)
		return;
	for (; v; v = v->next) {
		if ((v->kind == VAL_ENUM || (v->kind == VAL_OPT && v->hint == VH_PLAIN)) &&
		    v->name) {
			for (const char *s = v->name; *s; s++)
				if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\')
					abort();
		}
		check_names(v->child, depth + 1);
	}
}

/* the first input byte picks the link type, so every unwrapper gets fuzzed */
static const int links[] = {LINK_EN10MB,     LINK_RAW,       LINK_LINUX_SLL,
			    LINK_LINUX_SLL2, LINK_NULL,      LINK_DSA_TAG_BRCM,
			    LINK_IEEE802_11, LINK_IEEE802_11_RADIOTAP, LINK_IPV4};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct msg *m;
	static uint8_t *buf;
	static FILE *sink;
	struct val_arena a;
	struct frame f;

	if (!m) {
		m = malloc(sizeof(*m));
		buf = malloc(1 << 20);
		sink = fopen("/dev/null", "w");
		if (!m || !buf || !sink)
			abort();
	}
	if (size < 1)
		return 0;
	int link = links[data[0] % (sizeof(links) / sizeof(links[0]))];
	arena_init(&a, buf, 1 << 20);
	if (frame_parse(link, data + 1, size - 1, size - 1 + (data[0] >> 7), &f) == 0) {
		struct val *root = dec_packet(&a, &f, m);
		check_names(root, 0);
		out_text_packet(sink, root, 0);
		out_json(sink, root);
	}
	/* and the message parser on raw bytes, as the UDP transport hands them over */
	arena_reset(&a);
	struct frame raw = {.payload = data + 1, .payload_len = size - 1, .payload_wire = size - 1,
			    .ip_proto = 17, .vlan = -1};
	struct val *root = dec_packet(&a, &raw, m);
	check_names(root, 0);
	out_text_packet(sink, root, 0);
	out_json(sink, root);
	return 0;
}
