/* SPDX-License-Identifier: BSD-2-Clause */
/* intr.c - Ctrl-C and SIGTERM for commands that wait in a read, not in the loop (decode, and
 * watch while it opens a FIFO): a flag they check, and the poll() the signal interrupts */
#include "cli.h"

#include <signal.h>
#include <string.h>

/* a signal handler has no argument: the one flag lives here */
static volatile sig_atomic_t intr_signo;
static struct sigaction intr_old[2];
static int intr_depth;
static const int intr_sigs[2] = {SIGINT, SIGTERM};

static void
on_intr(int signo)
{
	intr_signo = signo;
}

void
intr_begin(void)
{
	struct sigaction sa;

	if (intr_depth++)
		return;
	intr_signo = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_intr;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a read waiting on a pipe returns; poll() returns either way */
	for (int i = 0; i < 2; i++)
		sigaction(intr_sigs[i], &sa, &intr_old[i]);
}

int
intr_signal(void)
{
	return intr_signo;
}

void
intr_end(void)
{
	if (!intr_depth || --intr_depth)
		return;
	for (int i = 0; i < 2; i++)
		sigaction(intr_sigs[i], &intr_old[i], NULL);
}

int
intr_status(void)
{
	return intr_signo ? 128 + intr_signo : 0;
}
