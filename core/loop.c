/* SPDX-License-Identifier: BSD-2-Clause */
/* loop.c - poll() event loop with timers and self-pipe signal delivery */
#include "loop.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOOP_MAX_FDS 32
#define LOOP_MAX_TIMERS 64
#define LOOP_MAX_SIGS 16
#define LOOP_MAX_DEPTH 8

struct fd_watch {
	int fd;
	short events;
	loop_fd_cb cb;
	void *arg;
};

struct timer {
	uint64_t due;
	loop_timer_cb cb;
	void *arg;
};

/* watches of one signal stack up: the latest gets it; the oldest keeps the disposition that
 * was there before the loop took the signal */
struct sig_watch {
	int signo;
	loop_signal_cb cb;
	void *arg;
	struct sigaction old;
};

struct loop {
	struct fd_watch fds[LOOP_MAX_FDS];
	int nfds;
	struct timer timers[LOOP_MAX_TIMERS];
	int ntimers;
	struct sig_watch sigs[LOOP_MAX_SIGS];
	int nsigs;
	int pipe[2];
	bool sig_interrupt; /* handlers without SA_RESTART: a blocking call returns EINTR */
	int depth;
	bool quit[LOOP_MAX_DEPTH + 1];
	int status[LOOP_MAX_DEPTH + 1];
};

/* The self-pipe's write end must be reachable from a signal handler, which has
 * no argument: this one file-scope int is the exception to "no globals". */
static volatile sig_atomic_t sig_pipe_fd = -1;

static void
on_signal(int signo)
{
	int saved = errno;
	unsigned char b = (unsigned char)signo;

	if (sig_pipe_fd >= 0 && write(sig_pipe_fd, &b, 1) < 0) {
		/* pipe full: the signal is already pending there */
	}
	errno = saved;
}

uint64_t
loop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

struct loop *
loop_new(void)
{
	struct loop *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->pipe[0] = l->pipe[1] = -1;
	return l;
}

void
loop_free(struct loop *l)
{
	if (!l)
		return;
	while (l->nsigs > 0)
		loop_signal_del(l, l->sigs[l->nsigs - 1].signo);
	if (l->pipe[0] >= 0) {
		close(l->pipe[0]);
		close(l->pipe[1]);
	}
	free(l);
}

int
loop_fd_add(struct loop *l, int fd, short events, loop_fd_cb cb, void *arg)
{
	for (int i = 0; i < l->nfds; i++) {
		if (l->fds[i].fd == fd) {
			l->fds[i] = (struct fd_watch){fd, events, cb, arg};
			return 0;
		}
	}
	if (l->nfds == LOOP_MAX_FDS)
		return -ENOSPC;
	l->fds[l->nfds++] = (struct fd_watch){fd, events, cb, arg};
	return 0;
}

void
loop_fd_del(struct loop *l, int fd)
{
	for (int i = 0; i < l->nfds; i++) {
		if (l->fds[i].fd == fd) {
			l->fds[i] = l->fds[--l->nfds];
			return;
		}
	}
}

int
loop_timer_add(struct loop *l, unsigned msec, loop_timer_cb cb, void *arg)
{
	uint64_t due = loop_now_ms() + msec;

	for (int i = 0; i < l->ntimers; i++) {
		if (l->timers[i].cb == cb && l->timers[i].arg == arg) {
			l->timers[i].due = due;
			return 0;
		}
	}
	if (l->ntimers == LOOP_MAX_TIMERS)
		return -ENOSPC;
	l->timers[l->ntimers++] = (struct timer){due, cb, arg};
	return 0;
}

void
loop_timer_del(struct loop *l, loop_timer_cb cb, void *arg)
{
	for (int i = 0; i < l->ntimers; i++) {
		if (l->timers[i].cb == cb && l->timers[i].arg == arg) {
			l->timers[i] = l->timers[--l->ntimers];
			return;
		}
	}
}

static int
pipe_open(struct loop *l)
{
	if (l->pipe[0] >= 0)
		return 0;
	if (pipe(l->pipe) < 0)
		return -errno;
	for (int i = 0; i < 2; i++) {
		fcntl(l->pipe[i], F_SETFL, fcntl(l->pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(l->pipe[i], F_SETFD, FD_CLOEXEC);
	}
	sig_pipe_fd = l->pipe[1];
	return 0;
}

static int
sig_install(const struct loop *l, int signo, struct sigaction *ret_old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = l->sig_interrupt ? 0 : SA_RESTART;
	return sigaction(signo, &sa, ret_old) < 0 ? -errno : 0;
}

static int
sig_top(const struct loop *l, int signo)
{
	for (int i = l->nsigs - 1; i >= 0; i--)
		if (l->sigs[i].signo == signo)
			return i;
	return -1;
}

int
loop_signal_add(struct loop *l, int signo, loop_signal_cb cb, void *arg)
{
	int r = pipe_open(l), below;

	if (r < 0)
		return r;
	if (l->nsigs == LOOP_MAX_SIGS)
		return -ENOSPC;
	struct sig_watch *w = &l->sigs[l->nsigs];
	below = sig_top(l, signo);
	if (below < 0) {
		r = sig_install(l, signo, &w->old);
		if (r < 0)
			return r;
	} else {
		w->old = l->sigs[below].old;
	}
	w->signo = signo;
	w->cb = cb;
	w->arg = arg;
	l->nsigs++;
	return 0;
}

void
loop_signal_del(struct loop *l, int signo)
{
	int i = sig_top(l, signo);
	struct sigaction old;

	if (i < 0)
		return;
	old = l->sigs[i].old;
	memmove(&l->sigs[i], &l->sigs[i + 1], sizeof(l->sigs[0]) * (size_t)(l->nsigs - i - 1));
	l->nsigs--;
	if (sig_top(l, signo) < 0) /* the last watch of it: what was there before */
		sigaction(signo, &old, NULL);
}

int
loop_signal_interrupt(struct loop *l, bool on)
{
	int r = 0;

	if (l->sig_interrupt == on)
		return 0;
	l->sig_interrupt = on;
	for (int i = 0; i < l->nsigs; i++) {
		int signo = l->sigs[i].signo, e = 0;

		if (sig_top(l, signo) == i) /* once a signal: its latest watch */
			e = sig_install(l, signo, NULL);
		if (e < 0)
			r = e;
	}
	return r;
}

bool
loop_signal_pending(const struct loop *l)
{
	struct pollfd p = {.fd = l->pipe[0], .events = POLLIN};

	return l->pipe[0] >= 0 && poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

static void dispatch_signals(struct loop *l);

void
loop_signal_dispatch(struct loop *l)
{
	if (l->pipe[0] >= 0)
		dispatch_signals(l);
}

static void
dispatch_signals(struct loop *l)
{
	unsigned char buf[64];
	ssize_t n;

	while ((n = read(l->pipe[0], buf, sizeof(buf))) > 0) {
		for (ssize_t k = 0; k < n; k++) {
			int i = sig_top(l, buf[k]); /* the latest watch of the signal gets it */

			if (i >= 0 && l->sigs[i].cb)
				l->sigs[i].cb(l->sigs[i].arg, buf[k]);
		}
	}
}

/* fire every timer that is due; a callback may add or delete timers */
static void
run_timers(struct loop *l, uint64_t now)
{
	int budget = LOOP_MAX_TIMERS;

	for (int i = 0; i < l->ntimers && budget > 0;) {
		if (l->timers[i].due > now) {
			i++;
			continue;
		}
		struct timer t = l->timers[i];
		l->timers[i] = l->timers[--l->ntimers];
		budget--;
		t.cb(t.arg);
		i = 0; /* the table may have changed under us */
	}
}

static int
next_timeout(const struct loop *l, uint64_t now)
{
	uint64_t best = UINT64_MAX;

	for (int i = 0; i < l->ntimers; i++)
		if (l->timers[i].due < best)
			best = l->timers[i].due;
	if (best == UINT64_MAX)
		return -1;
	if (best <= now)
		return 0;
	return best - now > 60000 ? 60000 : (int)(best - now);
}

int
loop_run(struct loop *l)
{
	struct pollfd pfd[LOOP_MAX_FDS + 1];
	struct fd_watch snap[LOOP_MAX_FDS];
	int level;

	if (l->depth >= LOOP_MAX_DEPTH)
		return -ELOOP;
	level = ++l->depth;
	l->quit[level] = false;
	l->status[level] = 0;
	while (!l->quit[level]) {
		int n = l->nfds, np = 0;

		memcpy(snap, l->fds, sizeof(snap[0]) * (size_t)n);
		for (int i = 0; i < n; i++)
			pfd[np++] = (struct pollfd){.fd = snap[i].fd, .events = snap[i].events};
		if (l->pipe[0] >= 0)
			pfd[np++] = (struct pollfd){.fd = l->pipe[0], .events = POLLIN};
		int r = poll(pfd, (nfds_t)np, next_timeout(l, loop_now_ms()));
		if (r < 0 && errno != EINTR) {
			l->status[level] = -errno;
			break;
		}
		if (r > 0 && l->pipe[0] >= 0 && pfd[np - 1].revents)
			dispatch_signals(l);
		for (int i = 0; r > 0 && i < n && !l->quit[level]; i++) {
			if (!pfd[i].revents)
				continue;
			/* the watch may have been removed or replaced by an earlier callback */
			for (int j = 0; j < l->nfds; j++) {
				if (l->fds[j].fd == snap[i].fd && l->fds[j].cb == snap[i].cb) {
					snap[i].cb(snap[i].arg, snap[i].fd, pfd[i].revents);
					break;
				}
			}
		}
		if (!l->quit[level])
			run_timers(l, loop_now_ms());
	}
	l->depth--;
	return l->status[level];
}

void
loop_quit(struct loop *l, int status)
{
	if (l->depth <= 0)
		return;
	l->quit[l->depth] = true;
	l->status[l->depth] = status;
}
