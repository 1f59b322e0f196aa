/* SPDX-License-Identifier: BSD-2-Clause */
/* errmsg.h - the one-line reason a failing call leaves in its caller's buffer */
#ifndef DHCPDIAG_ERRMSG_H
#define DHCPDIAG_ERRMSG_H

#include <stddef.h>

/* printf into err[errlen]; does nothing when err is NULL or errlen is 0 */
void errmsg(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
