/* SPDX-License-Identifier: BSD-2-Clause */
/* script.c - the argv entry: one command, -c and -f scripts, commands on stdin, or the shell */
#include <errno.h>
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
	fputs("usage: dhcpdiag [-i IFACE] [--json] [--KEY VALUE ...] [COMMAND [ARGS...]]\n"
	      "       dhcpdiag [-i IFACE] [--json] [--keep-going] -c 'CMD; CMD ...'\n"
	      "       dhcpdiag [-i IFACE] [--json] [--keep-going] -f FILE\n"
	      "       dhcpdiag -h | --help | -V | --version\n"
	      "Without a command, an interactive shell starts on a terminal; otherwise\n"
	      "commands are read from stdin, one a line. 'dhcpdiag help' lists the commands.\n",
	      fp);
}

/* does the script want to stop after a command that returned st? */
static bool
stop_after(struct sess *s, int st)
{
	if (s->shell->quit || s->shell->interrupted)
		return true;
	return st != 0 && !s->keep_going;
}

static void
on_script_sigint(void *arg, int signo)
{
	struct sess *s = arg;

	(void)signo;
	s->shell->interrupted = true;
	if (s->shell->cancel)
		s->shell->cancel(s->shell->cancel_arg);
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
			return EX_USAGE;
		}
		for (const char *q = start; q < p; q++)
			if (*q == '\n')
				line++;
		if (argc == 0 || check_only)
			continue;
		loop_signal_add(s->loop, SIGINT, on_script_sigint, s);
		st = cmd_run(s, argc, argv);
		loop_signal_del(s->loop, SIGINT);
		s->shell->status = st;
		if (stop_after(s, st)) {
			if (s->shell->interrupted && st <= 2)
				st = 130;
			*ret_stop = true;
			return st;
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

static int
run_file(struct sess *s, const char *path)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *text;
	size_t n;

	if (!fp) {
		sess_err(s, "cannot read '%s': %s", path, strerror(errno));
		return EX_NOINPUT;
	}
	text = malloc(SCRIPT_MAX_BYTES + 1);
	if (!text) {
		if (fp != stdin)
			fclose(fp);
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	n = fread(text, 1, SCRIPT_MAX_BYTES + 1, fp);
	bool bad = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (bad || n > SCRIPT_MAX_BYTES || memchr(text, '\0', n)) {
		sess_err(s, "cannot read '%s': %s", path,
		         bad                    ? "read error"
		         : n > SCRIPT_MAX_BYTES ? "larger than 1 MiB"
		                                : "not a text file");
		free(text);
		return EX_NOINPUT;
	}
	text[n] = '\0';
	int st = run_script(s, path, text);
	free(text);
	return st;
}

/* commands on a pipe run as their lines arrive */
static int
run_stdin(struct sess *s)
{
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, st = 0;
	bool stop = false;

	ssize_t n;

	while (!stop && (n = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		if (memchr(line, '\0', (size_t)n)) {
			sess_err(s, "<stdin>:%d: a NUL byte in the line", lineno);
			st = EX_USAGE;
			if (!s->keep_going)
				break;
			continue;
		}
		st = run_text(s, "<stdin>", line, lineno, false, &stop);
	}
	free(line);
	return st;
}

int
cmd_main(struct sess *s, int argc, char **argv)
{
	struct sess_shell *sh = calloc(1, sizeof(*sh));
	const char *script = NULL, *file = NULL;
	int i, st;

	if (!sh) {
		fputs("dhcpdiag: out of memory\n", stderr);
		return EX_SOFTWARE;
	}
	s->shell = sh;
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
			return 0;
		}
		if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			version_print(stdout);
			return 0;
		}
		if (strcmp(a, "--complete-words") == 0) {
			if (i + 1 >= argc)
				return EX_USAGE;
			return complete_words(argv[i + 1], stdout);
		}
		if (strcmp(a, "--keep-going") == 0) {
			s->keep_going = true;
			continue;
		}
		if (strcmp(a, "-c") == 0 || strcmp(a, "-f") == 0) {
			if (i + 1 >= argc) {
				sess_err(s, "'%s' needs an argument", a);
				return EX_USAGE;
			}
			if (a[1] == 'c')
				script = argv[++i];
			else
				file = argv[++i];
			continue;
		}
		int r = cmd_shared_flag(s, &s->cfg, argc, argv, &i);
		if (r >= 100)
			return r - 100;
		if (r == 0) {
			sess_err(s, "unknown flag '%s' (try 'dhcpdiag --help')", a);
			return EX_USAGE;
		}
	}
	bool has_cmd = i < argc;
	if ((script != NULL) + (file != NULL) + has_cmd > 1) {
		sess_err(s, "give one of -c, -f or a command");
		return EX_USAGE;
	}
	const char *nc = getenv("NO_COLOR");
	bool may_color = !(nc && nc[0]);
	if (has_cmd) {
		s->color = may_color && isatty(STDOUT_FILENO);
		/* one command: it may drop privileges, and Ctrl-C stops its probe
		 * (which still releases a lease it got) instead of killing us */
		s->oneshot = true;
		loop_signal_add(s->loop, SIGINT, on_script_sigint, s);
		st = cmd_run(s, argc - i, argv + i);
		loop_signal_del(s->loop, SIGINT);
		if (s->shell->interrupted && st <= 2)
			st = 130;
	} else if (script) {
		st = run_script(s, "-c", script);
	} else if (file) {
		st = run_file(s, file);
	} else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		s->interactive = true;
		s->color = may_color;
		st = shell_run(s);
	} else {
		st = run_stdin(s);
	}
	fflush(stdout);
	return st;
}
