/* SPDX-License-Identifier: BSD-2-Clause */
/* loop.h - the one poll() event loop: fds, monotonic timers, signals via a self-pipe */
#ifndef DHCPDIAG_LOOP_H
#define DHCPDIAG_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct loop;

/* fd callback: revents as poll() gave them */
typedef void (*loop_fd_cb)(void *arg, int fd, short revents);
typedef void (*loop_timer_cb)(void *arg);
typedef void (*loop_signal_cb)(void *arg, int signo);

struct loop *loop_new(void);
void loop_free(struct loop *l); /* NULL-safe; restores signal dispositions it changed */

/* watch fd for events (POLLIN ...); adding an fd again replaces its callback */
int loop_fd_add(struct loop *l, int fd, short events, loop_fd_cb cb, void *arg);
void loop_fd_del(struct loop *l, int fd);

/* one-shot timer after msec; (cb, arg) identifies it: adding it again re-arms it */
int loop_timer_add(struct loop *l, unsigned msec, loop_timer_cb cb, void *arg);
void loop_timer_del(struct loop *l, loop_timer_cb cb, void *arg);

/*
 * Deliver signo through the loop (SIGINT, SIGWINCH, SIGTERM ...) instead of async.
 * Watches of a signal stack: the latest added gets it, and loop_signal_del removes
 * the latest, so the one below gets it again (the shell's SIGWINCH under the view's,
 * a command's SIGTERM under a script's); deleting the last restores the disposition
 * the signal had before.
 */
int loop_signal_add(struct loop *l, int signo, loop_signal_cb cb, void *arg);
void loop_signal_del(struct loop *l, int signo);
/*
 * While on, the watched signals interrupt a blocking system call (it fails with
 * EINTR) instead of restarting it: for an open() or read() that may block outside
 * poll (a FIFO), so that a signal can stop it. Off by default (SA_RESTART).
 */
int loop_signal_interrupt(struct loop *l, bool on);
/* a watched signal arrived that the loop has not dispatched yet */
bool loop_signal_pending(const struct loop *l);
/* call the callbacks of signals that arrived, now (after an EINTR, outside loop_run) */
void loop_signal_dispatch(struct loop *l);

/* run until loop_quit; returns the value given to loop_quit. Re-entrant runs nest:
 * a probe may run the loop until its answer is complete while the shell's
 * callbacks stay installed. */
int loop_run(struct loop *l);
void loop_quit(struct loop *l, int status);

/* milliseconds on CLOCK_MONOTONIC */
uint64_t loop_now_ms(void);

#endif
