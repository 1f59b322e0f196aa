/* SPDX-License-Identifier: BSD-2-Clause */
/* sess.c - what every command of a session shares: error lines and exit statuses */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

void
sess_err(struct sess *s, const char *fmt, ...)
{
	va_list ap;

	if (s->err_buf) { /* the last message: the one that ended the command */
		va_start(ap, fmt);
		vsnprintf(s->err_buf, s->err_cap, fmt, ap);
		va_end(ap);
		return;
	}
	sess_out_begin(s);
	fflush(stdout);
	if (s->interactive && s->cmd_name)
		fprintf(stderr, "%s: ", s->cmd_name);
	else if (!s->interactive)
		fputs("dhcpdiag: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	sess_out_end(s);
}

int
sess_status(int err)
{
	switch (err) {
	case -EPERM:
	case -EACCES:
		return EX_NOPERM;
	case -ENOENT:
	case -EISDIR:
	case -EIO:
	case -EBADMSG:
	case -ENOTSUP:
		return EX_NOINPUT;
	case -EINVAL:
	case -ENODEV:
	case -ENXIO:
	case -ENETDOWN:
	case -EADDRNOTAVAIL:
	case -ENETUNREACH:
	case -EPROTONOSUPPORT:
		return EX_USAGE;
	case -ECANCELED:
		return DD_INTERRUPTED;
	case -ETIMEDOUT:
		return DD_NOANSWER;
	default:
		return EX_SOFTWARE;
	}
}
