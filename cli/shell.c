/* SPDX-License-Identifier: BSD-2-Clause */
/* shell.c - the interactive shell: readline's callback interface on the event loop */
#include "shell.h"

#include "cli.h"
#include "loop.h"

#include <errno.h>
#include <poll.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HISTORY_MAX 1000

/*
 * How a line becomes a command: the line handler only queues it and arms a
 * zero timer; the timer runs the queue from the loop, after readline has
 * redrawn its (then empty) prompt. So a command never runs inside readline's
 * line handler, the user can keep typing while a probe waits in a nested
 * loop_run, and lines finished meanwhile wait in the queue. While the queue
 * runs the prompt is empty; it comes back when the last command is done.
 */

/* readline's callbacks take no argument: the one session they serve */
static struct sess *rl_sess;

static void on_line(char *line);
static void run_queue(void *arg);

static void
set_prompt(struct sess *s)
{
	struct sess_shell *sh = s->shell;

	if (s->cfg.ifname[0])
		snprintf(sh->prompt, sizeof(sh->prompt), "dhcpdiag %s> ", s->cfg.ifname);
	else
		snprintf(sh->prompt, sizeof(sh->prompt), "dhcpdiag> ");
}

FILE *
sess_out_begin(struct sess *s)
{
	struct sess_shell *sh = s->shell;

	if (!sh || !sh->rl_on || sh->in_handler)
		return stdout;
	if (sh->out_depth++ > 0)
		return stdout;
	sh->saved_point = rl_point;
	sh->saved_line = rl_copy_text(0, rl_end);
	rl_save_prompt();
	rl_replace_line("", 0);
	rl_redisplay();
	return stdout;
}

void
sess_out_end(struct sess *s)
{
	struct sess_shell *sh = s->shell;

	if (!sh || !sh->rl_on || sh->in_handler || sh->out_depth == 0)
		return;
	if (--sh->out_depth > 0)
		return;
	fflush(stdout);
	fflush(stderr);
	rl_restore_prompt();
	rl_replace_line(sh->saved_line ? sh->saved_line : "", 0);
	rl_point = sh->saved_point <= rl_end ? sh->saved_point : rl_end;
	free(sh->saved_line);
	sh->saved_line = NULL;
	rl_forced_update_display();
}

void
shell_set_cancel(struct sess *s, void (*cb)(void *arg), void *arg)
{
	if (!s->shell)
		return;
	s->shell->cancel = cb;
	s->shell->cancel_arg = cb ? arg : NULL;
}

static void
on_stdin(void *arg, int fd, short revents)
{
	struct sess *s = arg;

	(void)fd;
	if (revents & POLLIN) {
		rl_callback_read_char();
		return;
	}
	/* the terminal went away: leave like Ctrl-D would */
	loop_fd_del(s->loop, STDIN_FILENO);
	on_line(NULL);
}

static void
install(struct sess *s)
{
	struct sess_shell *sh = s->shell;

	rl_callback_handler_install(sh->busy ? "" : sh->prompt, on_line);
	loop_fd_add(s->loop, STDIN_FILENO, POLLIN, on_stdin, s);
	sh->rl_on = true;
}

void
shell_suspend(struct sess *s)
{
	struct sess_shell *sh = s->shell;

	if (!sh || !sh->rl_on)
		return;
	loop_fd_del(s->loop, STDIN_FILENO);
	rl_callback_handler_remove();
	sh->rl_on = false;
}

void
shell_resume(struct sess *s)
{
	if (!s->shell || s->shell->rl_on || !s->interactive)
		return;
	install(s);
}

static void
leave(struct sess *s)
{
	if (s->shell->rl_on) {
		loop_fd_del(s->loop, STDIN_FILENO);
		rl_callback_handler_remove();
		s->shell->rl_on = false;
	}
	loop_quit(s->loop, s->shell->status);
}

static void
remember(struct sess_shell *sh, const char *line)
{
	const char *p = line;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return;
	HIST_ENTRY *last =
	    history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
	if (last && strcmp(last->line, line) == 0)
		return;
	add_history(line);
	sh->hist_added++;
}

static void
on_line(char *line)
{
	struct sess *s = rl_sess;
	struct sess_shell *sh = s->shell;

	if (!line) {
		/* Ctrl-D on an empty line; readline printed nothing */
		fputs("\n", stdout);
		fflush(stdout);
		sh->quit = true;
		if (!sh->busy)
			leave(s);
		return;
	}
	sh->in_handler = true;
	remember(sh, line);
	if (sh->nqueue == SHELL_QUEUE) {
		fprintf(stderr, "dhcpdiag: busy, line dropped: %s\n", line);
		free(line);
	} else {
		sh->queue[sh->nqueue++] = line;
	}
	sh->in_handler = false;
	/* readline redraws this prompt once we return */
	rl_set_prompt("");
	if (!sh->busy)
		loop_timer_add(s->loop, 0, run_queue, s);
}

static void
run_line(struct sess *s, const char *line)
{
	char *argv[CMD_MAX_WORDS + 1];
	char buf[CMD_MAX_LINE], err[128];
	const char *p = line;

	while (*p && !s->shell->quit) {
		int argc =
		    cmd_split_next(&p, argv, CMD_MAX_WORDS, buf, sizeof(buf), err, sizeof(err));
		if (argc < 0) {
			const char *saved = s->cmd_name;
			s->cmd_name = NULL;
			sess_err(s, "%s", err);
			s->cmd_name = saved;
			s->shell->status = EX_USAGE;
			return;
		}
		if (argc == 0)
			continue;
		int st = cmd_run(s, argc, argv);
		s->shell->status = st;
		if (s->interactive && !s->shell->rl_on)
			install(s); /* a command took the terminal and did not give it back */
	}
}

static void
run_queue(void *arg)
{
	struct sess *s = arg;
	struct sess_shell *sh = s->shell;

	if (sh->busy)
		return; /* the running command re-arms us when it ends */
	sh->busy = true;
	while (sh->nqueue > 0 && !sh->quit) {
		char *line = sh->queue[0];

		memmove(sh->queue, sh->queue + 1, sizeof(sh->queue[0]) * (size_t)--sh->nqueue);
		run_line(s, line);
		free(line);
	}
	sh->busy = false;
	sh->cancel = NULL;
	if (sh->quit) {
		leave(s);
		return;
	}
	set_prompt(s);
	if (sh->rl_on) {
		/* erase what was typed meanwhile, then draw prompt and line afresh */
		char *typed = rl_copy_text(0, rl_end);
		int point = rl_point;

		rl_replace_line("", 0);
		rl_redisplay();
		rl_set_prompt(sh->prompt);
		rl_replace_line(typed ? typed : "", 0);
		rl_point = point <= rl_end ? point : rl_end;
		free(typed);
		rl_redisplay();
	}
}

static void
on_signal(void *arg, int signo)
{
	struct sess *s = arg;
	struct sess_shell *sh = s->shell;

	if (signo == SIGWINCH) {
		if (sh->rl_on)
			rl_resize_terminal();
		return;
	}
	if (signo != SIGINT) { /* SIGTERM, SIGHUP: stop what runs, then leave with 128 + it */
		if (!s->stop_signo)
			s->stop_signo = signo;
		sh->quit = true;
		if (sh->cancel)
			sh->cancel(sh->cancel_arg);
		if (!sh->busy)
			leave(s);
		return;
	}
	if (sh->busy) {
		/* drop what was typed ahead, stop the running command */
		for (int i = 0; i < sh->nqueue; i++)
			free(sh->queue[i]);
		sh->nqueue = 0;
		if (sh->cancel) {
			void (*cb)(void *) = sh->cancel;
			sh->cancel = NULL;
			cb(sh->cancel_arg);
		}
		return;
	}
	if (!sh->rl_on)
		return;
	rl_callback_sigcleanup();
	rl_replace_line("", 0);
	fputs("^C", stdout);
	rl_crlf();
	rl_on_new_line();
	rl_redisplay();
}

static void
history_open(struct sess_shell *sh)
{
	const char *home = getenv("HOME");

	using_history();
	stifle_history(HISTORY_MAX);
	if (!home || !home[0])
		return;
	snprintf(sh->hist_path, sizeof(sh->hist_path), "%s/.dhcpdiag_history", home);
	read_history(sh->hist_path);
}

/* append this session's lines (other sessions may have written meanwhile), then bound */
static void
history_close(struct sess_shell *sh)
{
	int n = sh->hist_added < history_length ? sh->hist_added : history_length;

	if (!sh->hist_path[0] || n == 0)
		return;
	if (access(sh->hist_path, F_OK) != 0) {
		if (write_history(sh->hist_path) != 0)
			return;
	} else if (append_history(n, sh->hist_path) != 0) {
		return;
	}
	history_truncate_file(sh->hist_path, HISTORY_MAX);
}

void
shell_history_print(FILE *fp)
{
	HIST_ENTRY **list = history_list();

	for (int i = 0; list && list[i]; i++)
		fprintf(fp, "%5d  %s\n", history_base + i, list[i]->line);
}

int
shell_run(struct sess *s)
{
	struct sess_shell *sh = s->shell;
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH};

	rl_sess = s;
	rl_readline_name = "dhcpdiag";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	history_open(sh);
	complete_init(s);
	set_prompt(s);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		loop_signal_add(s->loop, sigs[i], on_signal, s);
	install(s);
	loop_run(s->loop);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		loop_signal_del(s->loop, sigs[i]);
	if (sh->rl_on) {
		loop_fd_del(s->loop, STDIN_FILENO);
		rl_callback_handler_remove();
		sh->rl_on = false;
	}
	history_close(sh);
	for (int i = 0; i < sh->nqueue; i++)
		free(sh->queue[i]);
	sh->nqueue = 0;
	return s->stop_signo ? 128 + s->stop_signo : sh->status;
}
