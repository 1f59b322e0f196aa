/* SPDX-License-Identifier: BSD-2-Clause */
/* writer.h - bounded, sticky-error writer for building packets */
#ifndef DHCPDIAG_WRITER_H
#define DHCPDIAG_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A write past cap writes nothing, sets w->bad; len keeps counting only real bytes. */
struct wr {
	uint8_t *p;
	size_t cap, len;
	bool bad;
};

void wr_init(struct wr *w, void *buf, size_t cap);
void wr_u8(struct wr *w, uint8_t v);
void wr_be16(struct wr *w, uint16_t v);
void wr_be32(struct wr *w, uint32_t v);
void wr_bytes(struct wr *w, const void *src, size_t n);
void wr_zero(struct wr *w, size_t n);
/* overwrite already written bytes (for lengths and checksums filled in later) */
void wr_u8_at(struct wr *w, size_t off, uint8_t v);
void wr_be16_at(struct wr *w, size_t off, uint16_t v);

#endif
