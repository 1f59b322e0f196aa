/* SPDX-License-Identifier: BSD-2-Clause */
/* esc.h - escaping untrusted bytes for a terminal and for JSON */
#ifndef DHCPDIAG_ESC_H
#define DHCPDIAG_ESC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Terminal: printable ASCII and valid UTF-8 (no C1 controls, no overlongs,
 * no surrogates) pass; backslash becomes "\\", a double quote "\"", every
 * other byte "\xNN". Never emits a control byte.
 */
void esc_term(FILE *fp, const uint8_t *s, size_t n);
/* JSON string body (no quotes): valid UTF-8 passes, controls as \uXXXX,
 * invalid bytes as the literal text "\\xNN" so the result is valid JSON
 * and still shows the byte. */
void esc_json(FILE *fp, const uint8_t *s, size_t n);
/* escape into a buffer (terminal rules); returns length written, always NUL-terminated */
size_t esc_term_buf(char *dst, size_t cap, const uint8_t *s, size_t n);

#endif
