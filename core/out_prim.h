/* SPDX-License-Identifier: BSD-2-Clause */
/* out_prim.h - numbers and addresses as text, shared by the two printers (private to core/) */
#ifndef DHCPDIAG_OUT_PRIM_H
#define DHCPDIAG_OUT_PRIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

void prim_u64(FILE *fp, uint64_t u);
void prim_ip(FILE *fp, uint32_t ip);                 /* dotted quad */
void prim_mac(FILE *fp, const uint8_t *p, size_t n); /* aa:bb:.. */
void prim_hex(FILE *fp, uint64_t u, int width);      /* "0x" and at least width digits */

#endif
