/* SPDX-License-Identifier: BSD-2-Clause */
/* sess.c - what every command of a session shares: error lines, exit statuses, what stops a
 * run (signals, deadlines), the result line of a failure, write errors */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "cli.h"
#include "loop.h"
#include "out.h"
#include "report.h"
#include "shell.h"
#include "value.h"

void
sess_err(struct sess *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->last_err, sizeof(s->last_err), fmt, ap);
	va_end(ap);
	if (s->err_buf) { /* the last message: the one that ended the command */
		snprintf(s->err_buf, s->err_cap, "%s", s->last_err);
		return;
	}
	sess_out_begin(s);
	fflush(stdout);
	if (s->interactive && s->cmd_name)
		fprintf(stderr, "%s: ", s->cmd_name);
	else if (!s->interactive)
		fputs("dhcpdiag: ", stderr);
	fputs(s->last_err, stderr);
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

/* --- what stops a run ------------------------------------------------------ */

bool
sess_stopping(const struct sess *s)
{
	return s->stop_signo || s->deadline_hit || s->cmd_deadline_hit;
}

int
sess_cancel_status(const struct sess *s)
{
	if (s->stop_signo)
		return 128 + s->stop_signo;
	if (s->deadline_hit || s->cmd_deadline_hit)
		return DD_DEADLINE;
	return DD_INTERRUPTED;
}

const char *
sess_cancel_word(const struct sess *s)
{
	switch (s->stop_signo) {
	case SIGTERM:
		return "stopped by SIGTERM";
	case SIGHUP:
		return "stopped by SIGHUP";
	case 0:
		if (s->deadline_hit || s->cmd_deadline_hit)
			return "deadline reached";
		break;
	default:
		break;
	}
	return "cancelled";
}

int
sess_final_status(const struct sess *s, int st)
{
	if (sess_stopping(s) && (st <= DD_NEGATIVE || st == DD_INTERRUPTED))
		return sess_cancel_status(s);
	return st;
}

/*
 * Deadlines come as SIGALRM from one interval timer set to the nearer of the two, so
 * that they reach the loop like a signal: a wait is cancelled, and a blocking read in
 * the loop's interrupt mode (watch -r on a FIFO) returns.
 */
static void
arm(const struct sess *s)
{
	uint64_t at = s->deadline_at, now = loop_now_ms(), ms;
	struct itimerval it = {{0, 0}, {0, 0}};

	if (s->cmd_deadline_at && (!at || s->cmd_deadline_at < at))
		at = s->cmd_deadline_at;
	if (at && !(s->deadline_hit && at == s->deadline_at)) {
		ms = at > now ? at - now : 1;
		it.it_value.tv_sec = (time_t)(ms / 1000);
		it.it_value.tv_usec = (suseconds_t)(ms % 1000 * 1000);
	}
	setitimer(ITIMER_REAL, &it, NULL);
}

static void
on_alarm(void *arg, int signo)
{
	struct sess *s = arg;
	uint64_t now = loop_now_ms();
	bool was = sess_stopping(s);

	(void)signo;
	if (s->deadline_at && now >= s->deadline_at)
		s->deadline_hit = true;
	if (s->cmd_deadline_at && now >= s->cmd_deadline_at)
		s->cmd_deadline_hit = true;
	if (!s->deadline_hit && !s->cmd_deadline_hit) {
		arm(s); /* early (the clocks differ by a hair): again */
		return;
	}
	if (!was && !s->stop_signo) {
		if (s->cmd_name)
			sess_err(s, "deadline reached: stopping %s", s->cmd_name);
		else
			sess_err(s, "deadline reached: stopping the run");
	}
	if (s->shell && s->shell->cancel)
		s->shell->cancel(s->shell->cancel_arg);
	arm(s);
}

int
sess_deadline_init(struct sess *s)
{
	return loop_signal_add(s->loop, SIGALRM, on_alarm, s);
}

void
sess_deadline_set(struct sess *s, uint64_t at)
{
	s->deadline_at = at;
	s->deadline_hit = false;
	arm(s);
}

void
sess_cmd_deadline_set(struct sess *s, uint64_t at)
{
	s->cmd_deadline_at = at;
	if (at) /* disarming keeps the hit: the command's status still needs it */
		s->cmd_deadline_hit = false;
	arm(s);
}

/* --- the result line of a failure, write errors ---------------------------- */

void
sess_result(struct sess *s, const struct probe_cfg *cfg, const char *cmd, int status)
{
	uint64_t mem[256]; /* a few 64-byte nodes and the message */
	struct val_arena a;
	struct val *o;
	struct timeval now;
	FILE *fp;

	if (ferror(stdout))
		return; /* where it would go is broken: the error is on stderr */
	arena_init(&a, mem, sizeof(mem));
	o = val_obj(&a, NULL, NULL);
	val_cstr(&a, o, "event", "result");
	if (cmd)
		val_cstr(&a, o, "command", cmd);
	val_int(&a, o, "status", status);
	if (s->last_err[0])
		val_str(&a, o, "message", (const uint8_t *)s->last_err, strlen(s->last_err));
	else if (sess_stopping(s))
		val_cstr(&a, o, "message", sess_cancel_word(s));
	gettimeofday(&now, NULL);
	rep_result_common(&a, o, cfg ? cfg->ifname : NULL, &now);
	fp = sess_out_begin(s);
	out_json(fp, o);
	fputc('\n', fp);
	fflush(fp);
	sess_out_end(s);
	s->results++;
}

int
sess_io_err(struct sess *s, const char *path, int err)
{
	s->io_failed = true;
	if (path)
		sess_err(s, "cannot write '%s': %s", path, strerror(err));
	else
		sess_err(s, "cannot write to stdout: %s", strerror(err));
	return EX_IOERR;
}

int
sess_check_stdout(struct sess *s)
{
	int err = 0;

	errno = 0;
	if (fflush(stdout) != 0)
		err = errno;
	else if (ferror(stdout))
		err = EIO;
	if (!err)
		return 0;
	/* once: later commands of a script find it failed too, and say nothing more */
	if (!s->stdout_failed)
		sess_io_err(s, NULL, err);
	s->stdout_failed = s->io_failed = true;
	return EX_IOERR;
}
