/* SPDX-License-Identifier: BSD-2-Clause */
/* version.c - `dhcpdiag --version`: ours, then the libraries' as they run (not as compiled) */
#include "shell.h"

#include <curses.h>
#include <pcap/pcap.h>
#include <readline/readline.h>
#include <stdio.h>

/* the Makefile's VERSION, the one place the version is written */
#ifndef DHCPDIAG_VERSION
#error "DHCPDIAG_VERSION comes from the Makefile's VERSION"
#endif

void
version_print(FILE *fp)
{
	/* one line each, as tcpdump --version does; pcap_lib_version() says "libpcap version" */
	fprintf(fp, "dhcpdiag %s\n%s\nreadline %s\n%s\n", DHCPDIAG_VERSION, pcap_lib_version(),
	        rl_library_version, curses_version());
}
