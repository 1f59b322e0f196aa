/* SPDX-License-Identifier: BSD-2-Clause */
/* reader.h - bounded, sticky-error reader over untrusted bytes */
#ifndef DHCPDIAG_READER_H
#define DHCPDIAG_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Every read of packet bytes goes through a struct rd. A read past the end
 * returns 0 (or false/empty), sets r->bad and leaves the offset at the end;
 * the error is sticky, so a caller may read a whole record and test r->bad
 * once. Nothing here allocates.
 */
struct rd {
	const uint8_t *p;
	size_t len, off;
	bool bad;
};

void rd_init(struct rd *r, const void *p, size_t len);
size_t rd_left(const struct rd *r);
uint8_t rd_u8(struct rd *r);
uint16_t rd_be16(struct rd *r);
uint32_t rd_be32(struct rd *r);
/* copy n bytes to dst; on short input copies nothing, zeroes dst, sets bad */
bool rd_copy(struct rd *r, void *dst, size_t n);
void rd_skip(struct rd *r, size_t n);
/* reader over the next n bytes (fewer if short: the child is then bad too); r skips them */
struct rd rd_sub(struct rd *r, size_t n);
/* pointer to the next n bytes and skip them, or NULL (and bad) when fewer remain */
const uint8_t *rd_bytes(struct rd *r, size_t n);
/* reader over the same buffer positioned at absolute offset off (for DNS compression) */
struct rd rd_at(const struct rd *r, size_t off);

#endif
