/* SPDX-License-Identifier: BSD-2-Clause */
/* errmsg.c - the one-line reason a failing call leaves in its caller's buffer */
#include "errmsg.h"

#include <stdarg.h>
#include <stdio.h>

void
errmsg(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}
