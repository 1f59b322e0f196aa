/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - a session, handed to the argv parser; what it holds is released at the end */
#include "cli.h"
#include "loop.h"
#include "shell.h"

#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	struct sess s = {0};

	settings_defaults(&s.cfg);
	s.loop = loop_new();
	if (!s.loop) {
		fputs("dhcpdiag: out of memory\n", stderr);
		return EX_SOFTWARE;
	}
	int st = cmd_main(&s, argc, argv);
	probe_sess_free(&s); /* releases leases still held, on the same loop */
	/* what the release printed, --help and --version, the session's -w file: a lost write
	 * is an error too */
	if ((sess_check_stdout(&s) || s.io_failed) && st <= DD_NEGATIVE)
		st = EX_IOERR;
	loop_free(s.loop);
	free(s.shell);
	return st;
}
