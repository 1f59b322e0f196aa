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
	/* output that could not be written is a failure, not a success that printed nothing */
	if ((fflush(stdout) != 0 || ferror(stdout)) && st != EX_IOERR) {
		perror("dhcpdiag: cannot write the output");
		if (st == 0)
			st = EX_IOERR;
	}
	loop_free(s.loop);
	free(s.shell);
	return st;
}
