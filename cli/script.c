/* SPDX-License-Identifier: BSD-2-Clause */
/* script.c - the argv entry: one command, -c and -f scripts, commands on stdin, or the shell */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "loop.h"
#include "shell.h"

#define SCRIPT_MAX_BYTES (1u << 20)


static void
usage(FILE *fp)
{
	fputs("usage: dhcpdiag [-i IFACE] [--json[=results]] [--deadline DURATION]\n"
	      "                [--KEY VALUE ...] [COMMAND [ARGS...]]\n"
	      "       dhcpdiag [-i IFACE] [--json] [--keep-going] -c 'CMD; CMD ...'\n"
	      "       dhcpdiag [-i IFACE] [--json] [--keep-going] -f FILE\n"
	      "       dhcpdiag -h | --help | -V | --version\n"
	      "Without a command, an interactive shell starts on a terminal; otherwise\n"
	      "commands are read from stdin, one a line. 'dhcpdiag help' lists the commands.\n"
	      "--deadline 30s bounds the whole run: then the running command stops as on\n"
	      "Ctrl-C (a held lease is still released) and the exit status is 124.\n",
	      fp);
}

/*
 * What stops a script or a one-shot run: the first SIGINT, SIGTERM or SIGHUP cancels the
 * waiting command (its lease is still released, its result and summary printed) and the
 * run ends with 128 + the signal. The shell has its own handlers (shell.c).
 */
static const int run_sigs[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction pipe_old;

static void
on_run_signal(void *arg, int signo)
{
	struct sess *s = arg;

	if (!s->stop_signo)
		s->stop_signo = signo;
	if (s->shell->cancel)
		s->shell->cancel(s->shell->cancel_arg);
}

static void
run_signals(struct sess *s, bool on)
{
	struct sigaction ign;

	for (size_t i = 0; i < sizeof(run_sigs) / sizeof(run_sigs[0]); i++) {
		if (on)
			loop_signal_add(s->loop, run_sigs[i], on_run_signal, s);
		else
			loop_signal_del(s->loop, run_sigs[i]);
	}
	/* a reader that went away (`| head`) is a write error (exit 74), not sudden death:
	 * a held lease is still released */
	if (on) {
		memset(&ign, 0, sizeof(ign));
		ign.sa_handler = SIG_IGN;
		sigaction(SIGPIPE, &ign, &pipe_old);
	} else {
		sigaction(SIGPIPE, &pipe_old, NULL);
	}
}

/*
 * One command of a script or the argv form. decode reads on worker threads and never waits
 * on the loop, so a caught signal would not reach it: there the signals keep their default
 * actions (and SIGPIPE), as cmd_decode.c expects.
 */
static int
run_cmd(struct sess *s, int argc, char **argv)
{
	const struct cmd *c = cmd_lookup(argv[0], NULL);
	bool plain = c && c->run == cmd_decode;
	int st;

	if (plain)
		run_signals(s, false);
	st = cmd_run(s, argc, argv);
	if (plain)
		run_signals(s, true);
	return st;
}

/* the run's deadline passed, or a signal came: no next command */
static bool
run_over(struct sess *s)
{
	if (s->deadline_at && !s->deadline_hit && loop_now_ms() >= s->deadline_at)
		s->deadline_hit = true;
	return s->stop_signo || s->deadline_hit;
}

/* does the script want to stop after a command that returned st? */
static bool
stop_after(struct sess *s, int st)
{
	if (s->shell->quit || run_over(s))
		return true;
	return st != 0 && !s->keep_going;
}

/*
 * Run every command of text; name and first_line make error messages
 * ("probe.dd:3: unterminated quote"). With check_only, split without running:
 * scripts are checked whole before their first command runs.
 */
static int
run_text(struct sess *s, const char *name, const char *text, int first_line, bool check_only,
         bool *ret_stop)
{
	char *argv[CMD_MAX_WORDS + 1];
	char buf[CMD_MAX_LINE], err[128];
	const char *p = text;
	int line = first_line, st = s->shell->status;

	while (*p) {
		const char *start = p;
		int argc =
		    cmd_split_next(&p, argv, CMD_MAX_WORDS, buf, sizeof(buf), err, sizeof(err));
		if (argc < 0) {
			sess_err(s, "%s:%d: %s", name, line, err);
			*ret_stop = check_only || !s->keep_going;
			if (s->cfg.json)
				sess_result(s, &s->cfg, NULL, EX_USAGE);
			return EX_USAGE;
		}
		for (const char *q = start; q < p; q++)
			if (*q == '\n')
				line++;
		if (argc == 0 || check_only)
			continue;
		if (run_over(s)) {
			st = sess_cancel_status(s);
			sess_err(s, "%s: not run from '%s' on", sess_cancel_word(s), argv[0]);
			*ret_stop = true;
			return st;
		}
		st = run_cmd(s, argc, argv);
		s->shell->status = st;
		if (stop_after(s, st)) {
			*ret_stop = true;
			return sess_final_status(s, st);
		}
	}
	return st;
}

static int
run_script(struct sess *s, const char *name, const char *text)
{
	bool stop = false;
	int st = run_text(s, name, text, 1, true, &stop);

	if (stop)
		return st;
	return run_text(s, name, text, 1, false, &stop);
}

/* a run that fails before its first command: in JSON mode a result line says so too */
static int
early_fail(struct sess *s, bool json, int st)
{
	if (json)
		sess_result(s, &s->cfg, NULL, st);
	return st;
}

static int
run_file(struct sess *s, const char *path)
{
	FILE *fp;
	char *text;
	size_t n = 0;
	int err;

	/* a FIFO blocks in open and read: a signal or the deadline must still end it */
	loop_signal_interrupt(s->loop, true);
	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	err = errno;
	text = fp ? malloc(SCRIPT_MAX_BYTES + 1) : NULL;
	if (text)
		n = fread(text, 1, SCRIPT_MAX_BYTES + 1, fp);
	loop_signal_interrupt(s->loop, false);
	if (loop_signal_pending(s->loop)) {
		loop_signal_dispatch(s->loop);
		if (run_over(s)) {
			if (fp && fp != stdin)
				fclose(fp);
			free(text);
			sess_err(s, "%s while reading '%s'", sess_cancel_word(s), path);
			return sess_cancel_status(s);
		}
	}
	if (!fp) {
		sess_err(s, "cannot read '%s': %s", path, strerror(err));
		return early_fail(s, s->cfg.json, EX_NOINPUT);
	}
	if (!text) {
		if (fp != stdin)
			fclose(fp);
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	bool bad = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (bad || n > SCRIPT_MAX_BYTES || memchr(text, '\0', n)) {
		sess_err(s, "cannot read '%s': %s", path,
		         bad                    ? "read error"
		         : n > SCRIPT_MAX_BYTES ? "larger than 1 MiB"
		                                : "not a text file");
		free(text);
		return early_fail(s, s->cfg.json, EX_NOINPUT);
	}
	text[n] = '\0';
	int st = run_script(s, path, text);
	free(text);
	return st;
}

/*
 * Commands on a pipe run as their lines arrive. stdin is read on the loop (poll, then
 * one read), so that while the run waits for the next line a signal or the deadline
 * still ends it, and a lease taken by an earlier line is released.
 */
struct stdin_run {
	struct sess *s;
	char *buf;
	size_t len, cap;
	int lineno, st;
	bool stop;
};

static void on_stdin(void *arg, int fd, short revents);

static void
stdin_stop(void *arg)
{
	struct stdin_run *r = arg;

	r->stop = true;
	loop_quit(r->s->loop, 0);
}

/* one line (its newline replaced by NUL; n bytes before it) */
static void
stdin_line(struct stdin_run *r, char *line, size_t n)
{
	struct sess *s = r->s;

	r->lineno++;
	if (memchr(line, '\0', n)) {
		sess_err(s, "<stdin>:%d: a NUL byte in the line", r->lineno);
		if (s->cfg.json)
			sess_result(s, &s->cfg, NULL, EX_USAGE);
		r->st = EX_USAGE;
		r->stop = !s->keep_going;
		return;
	}
	r->st = run_text(s, "<stdin>", line, r->lineno, false, &r->stop);
}

/* run the complete lines in the buffer; at EOF (last) also what is left */
static void
stdin_lines(struct stdin_run *r, bool last)
{
	size_t off = 0;
	char *nl;

	while (!r->stop && (nl = memchr(r->buf + off, '\n', r->len - off))) {
		size_t n = (size_t)(nl - (r->buf + off));

		nl[0] = '\0';
		stdin_line(r, r->buf + off, n);
		off += n + 1;
	}
	if (last && !r->stop && off < r->len) {
		r->buf[r->len] = '\0';
		stdin_line(r, r->buf + off, r->len - off);
		off = r->len;
	}
	memmove(r->buf, r->buf + off, r->len - off);
	r->len -= off;
}

static void
on_stdin(void *arg, int fd, short revents)
{
	struct stdin_run *r = arg;
	struct sess *s = r->s;
	ssize_t n = 0;
	bool eof;

	(void)revents;
	if (r->cap - r->len < 4096 + 1) {
		size_t cap = r->cap ? r->cap * 2 : 65536;
		char *b = cap <= 2 * (SCRIPT_MAX_BYTES + 1) ? realloc(r->buf, cap) : NULL;

		if (!b) {
			sess_err(s, "<stdin>:%d: a line longer than 1 MiB", r->lineno + 1);
			r->st = EX_USAGE;
			stdin_stop(r);
			return;
		}
		r->buf = b;
		r->cap = cap;
	}
	n = read(fd, r->buf + r->len, r->cap - r->len - 1);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n < 0) {
		sess_err(s, "cannot read stdin: %s", strerror(errno));
		r->st = EX_NOINPUT;
		stdin_stop(r);
		return;
	}
	eof = n == 0;
	r->len += (size_t)n;
	/* the commands wait in loops of their own: no stdin watch meanwhile */
	loop_fd_del(s->loop, fd);
	shell_set_cancel(s, NULL, NULL);
	stdin_lines(r, eof);
	if (eof || r->stop || run_over(s)) {
		stdin_stop(r);
		return;
	}
	shell_set_cancel(s, stdin_stop, r);
	loop_fd_add(s->loop, fd, POLLIN, on_stdin, r);
}

static int
run_stdin(struct sess *s)
{
	struct stdin_run r = {.s = s};

	shell_set_cancel(s, stdin_stop, &r);
	if (loop_fd_add(s->loop, STDIN_FILENO, POLLIN, on_stdin, &r) < 0) {
		sess_err(s, "cannot read stdin");
		return EX_SOFTWARE;
	}
	while (!r.stop && !run_over(s))
		loop_run(s->loop);
	loop_fd_del(s->loop, STDIN_FILENO);
	shell_set_cancel(s, NULL, NULL);
	free(r.buf);
	if (run_over(s) && (r.st <= DD_NEGATIVE || r.st == DD_INTERRUPTED))
		return sess_cancel_status(s);
	return r.st;
}

int
cmd_main(struct sess *s, int argc, char **argv)
{
	struct sess_shell *sh = calloc(1, sizeof(*sh));
	const char *script = NULL, *file = NULL;
	uint64_t t0 = loop_now_ms();
	int i, st;

	if (!sh) {
		fputs("dhcpdiag: out of memory\n", stderr);
		return EX_SOFTWARE;
	}
	s->shell = sh;
	bool json = cmd_wants_json(&s->cfg, argc, argv);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (cmd_is_positional(a))
			break;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return sess_check_stdout(s);
		}
		if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			version_print(stdout);
			return sess_check_stdout(s);
		}
		if (strcmp(a, "--complete-words") == 0) {
			if (i + 1 >= argc)
				return EX_USAGE;
			st = complete_words(argv[i + 1], stdout);
			return st ? st : sess_check_stdout(s);
		}
		if (strcmp(a, "--keep-going") == 0) {
			s->keep_going = true;
			continue;
		}
		if (strcmp(a, "-c") == 0 || strcmp(a, "-f") == 0) {
			if (i + 1 >= argc) {
				sess_err(s, "'%s' needs an argument", a);
				return early_fail(s, json, EX_USAGE);
			}
			if (a[1] == 'c')
				script = argv[++i];
			else
				file = argv[++i];
			continue;
		}
		int r = cmd_shared_flag(s, &s->cfg, argc, argv, &i);
		if (r >= 100)
			return early_fail(s, json, r - 100);
		if (r == 0) {
			sess_err(s, "unknown flag '%s' (try 'dhcpdiag --help')", a);
			return early_fail(s, json, EX_USAGE);
		}
	}
	bool has_cmd = i < argc;
	if ((script != NULL) + (file != NULL) + has_cmd > 1) {
		sess_err(s, "give one of -c, -f or a command");
		return early_fail(s, json, EX_USAGE);
	}
	const char *nc = getenv("NO_COLOR");
	bool may_color = !(nc && nc[0]);
	/* --deadline before the command (or for a script): the whole run, from its start */
	sess_deadline_init(s);
	if (s->cfg.deadline_ms)
		sess_deadline_set(s, t0 + s->cfg.deadline_ms);
	if (has_cmd) {
		s->color = may_color && isatty(STDOUT_FILENO);
		/* one command: it may drop privileges, and a signal stops its probe (which
		 * still releases a lease it got) instead of killing us. The handlers stay
		 * until the program ends: the release at exit is covered too. */
		s->oneshot = true;
		run_signals(s, true);
		st = run_cmd(s, argc - i, argv + i);
	} else if (script) {
		run_signals(s, true);
		st = run_script(s, "-c", script);
	} else if (file) {
		run_signals(s, true);
		st = run_file(s, file);
	} else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		s->interactive = true;
		s->color = may_color;
		st = shell_run(s);
	} else {
		run_signals(s, true);
		st = run_stdin(s);
	}
	fflush(stdout);
	return st;
}
