/* SPDX-License-Identifier: BSD-2-Clause */
/* shell.h - private to main.c, cmd.c, shell.c, complete.c and version.c: the shell's state */
#ifndef DHCPDIAG_SHELL_H
#define DHCPDIAG_SHELL_H

#include "cli.h"

#include <stdbool.h>
#include <stddef.h>

#define SHELL_QUEUE 8    /* lines typed while a command runs */
#define CMD_MAX_WORDS 64 /* words in one command */
#define CMD_MAX_LINE 4096

struct sess_shell {
	bool rl_on;       /* the readline callback handler is installed */
	bool in_handler;  /* inside the line handler: readline has torn the line down */
	bool busy;        /* a command is running (possibly in a nested loop_run) */
	bool quit;        /* `quit`, Ctrl-D or SIGTERM: leave after the running command */
	int status;       /* status of the last command */
	char prompt[64];
	char *queue[SHELL_QUEUE];
	int nqueue;
	void (*cancel)(void *);
	void *cancel_arg;
	int out_depth;
	char *saved_line;
	int saved_point;
	char hist_path[4096];
	int hist_added;
};

/* script.c: argv entry point, returns the exit status */
int cmd_main(struct sess *s, int argc, char **argv);
/* cmd.c: one flag every command shares at argv[*i] (-i, --json, --KEY VALUE) applied to cfg;
 * 1 taken (*i moved past its value), 0 not a shared flag, 100 + status on a bad value */
int cmd_shared_flag(struct sess *s, struct probe_cfg *cfg, int argc, char **argv, int *i);
/* cmd.c: --json, --json=results or --output json|results among argv[1..] (the last of them
 * wins over cfg's): the run's errors get a JSON result line */
bool cmd_wants_json(const struct probe_cfg *cfg, int argc, char **argv);
/* cmd.c: the next flag a usage text names ("[--filter EXPR] [--renew|--rebind]"), from *pp
 * on (text is the whole usage): its name into buf, *ret_value when a value (a word in
 * capitals) follows it; false at the end */
bool cmd_flag_next(const char **pp, const char *text, char *buf, size_t cap, bool *ret_value);
/* cmd.c: a word that is not a flag (negative numbers count as words) */
bool cmd_is_positional(const char *a);
/* cmd.c: a command by exact name or unambiguous prefix; NULL if none (quiet) */
const struct cmd *cmd_lookup(const char *word, int *ret_matches);
/*
 * split.c: split the next command of *pp into words, stopping after an unquoted
 * ';' or newline (which are consumed). Returns argc (0 for an empty command)
 * or -1 with a reason in err. *pp points at the NUL when the text is done.
 */
int cmd_split_next(const char **pp, char **argv, int max, char *buf, size_t bufsz, char *err,
                   size_t errlen);
/* cmd.c: the sub-words of `show` and `option` (NULL-terminated) */
extern const char *const cmd_show_words[];
extern const char *const cmd_option_words[];

/* shell.c: the interactive shell on a terminal; returns the exit status */
int shell_run(struct sess *s);
/* shell.c: the session's history (for `history`), printed to fp */
void shell_history_print(FILE *fp);

/* complete.c: install readline completion */
void complete_init(struct sess *s);
/* complete.c: words for the argv completion scripts (`--complete-words KIND`); 0 or EX_USAGE */
int complete_words(const char *kind, FILE *fp);

/* version.c: `--version`: dhcpdiag's version, then libpcap's, readline's and ncurses' */
void version_print(FILE *fp);

#endif
