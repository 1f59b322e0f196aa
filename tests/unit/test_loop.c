/* SPDX-License-Identifier: BSD-2-Clause */
/* test_loop.c - the event loop's signals: stacked watches, the disposition restored, EINTR mode */
#include "check.h"
#include "loop.h"

#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

struct hits {
	int a, b;
	struct loop *l;
};

static void
on_a(void *arg, int signo)
{
	struct hits *h = arg;

	(void)signo;
	h->a++;
	loop_quit(h->l, 0);
}

static void
on_b(void *arg, int signo)
{
	struct hits *h = arg;

	(void)signo;
	h->b++;
	loop_quit(h->l, 0);
}

static void
on_timeout(void *arg)
{
	loop_quit(arg, -ETIMEDOUT);
}

/* raise signo, then run the loop until a callback quits it (or 2 s pass) */
static int
deliver(struct loop *l, int signo)
{
	raise(signo);
	loop_timer_add(l, 2000, on_timeout, l);
	int r = loop_run(l);
	loop_timer_del(l, on_timeout, l);
	return r;
}

static bool
disposition_is(int signo, void (*h)(int))
{
	struct sigaction sa;

	sigaction(signo, NULL, &sa);
	return sa.sa_handler == h;
}

static void
test_stack(void)
{
	struct loop *l = loop_new();
	struct hits h = {.l = l};

	CHECK(disposition_is(SIGUSR1, SIG_DFL), "SIGUSR1 starts with its default action");
	CHECK(loop_signal_add(l, SIGUSR1, on_a, &h) == 0, "a first watch of SIGUSR1");
	CHECK(deliver(l, SIGUSR1) == 0 && h.a == 1 && h.b == 0, "the first watch gets it");
	CHECK(loop_signal_add(l, SIGUSR1, on_b, &h) == 0, "a second watch stacks on it");
	CHECK(deliver(l, SIGUSR1) == 0 && h.a == 1 && h.b == 1, "the latest watch gets it");
	loop_signal_del(l, SIGUSR1);
	CHECK(deliver(l, SIGUSR1) == 0 && h.a == 2 && h.b == 1,
	      "deleting the latest: the one below gets it again");
	CHECK(!disposition_is(SIGUSR1, SIG_DFL), "while one watch is left the loop keeps it");
	loop_signal_del(l, SIGUSR1);
	CHECK(disposition_is(SIGUSR1, SIG_DFL), "deleting the last restores the default action");
	loop_signal_del(l, SIGUSR1); /* nothing left: harmless */
	signal(SIGUSR2, SIG_IGN);
	loop_signal_add(l, SIGUSR2, on_a, &h);
	loop_signal_add(l, SIGUSR2, on_b, &h);
	loop_free(l);
	CHECK(disposition_is(SIGUSR2, SIG_IGN),
	      "loop_free restores what was there before (ignored)");
	signal(SIGUSR2, SIG_DFL);
}

static void
test_interrupt(void)
{
	struct loop *l = loop_new();
	struct hits h = {.l = l};
	struct itimerval it = {.it_value = {.tv_usec = 100000}};
	int fds[2];
	char c;

	if (pipe(fds) < 0) {
		CHECK(0, "pipe: %s", strerror(errno));
		return;
	}
	loop_signal_add(l, SIGALRM, on_a, &h);
	CHECK(!loop_signal_pending(l), "no signal pending at first");
	CHECK(loop_signal_interrupt(l, true) == 0, "interrupt mode on");
	setitimer(ITIMER_REAL, &it, NULL);
	ssize_t n = read(fds[0], &c, 1); /* nobody writes: only the signal ends it */
	CHECK(n < 0 && errno == EINTR, "a blocking read fails with EINTR in interrupt mode");
	CHECK(loop_signal_pending(l), "the signal is pending for the loop");
	loop_timer_add(l, 2000, on_timeout, l);
	CHECK(loop_run(l) == 0 && h.a == 1, "the loop dispatches it");
	loop_timer_del(l, on_timeout, l);
	CHECK(!loop_signal_pending(l), "and nothing is pending after");
	CHECK(loop_signal_interrupt(l, false) == 0, "interrupt mode off");
	struct sigaction sa;
	sigaction(SIGALRM, NULL, &sa);
	CHECK(sa.sa_flags & SA_RESTART, "off: SA_RESTART again");
	close(fds[0]);
	close(fds[1]);
	loop_free(l);
}

int
main(void)
{
	test_stack();
	test_interrupt();
	return CHECK_DONE();
}
