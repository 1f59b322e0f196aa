/* SPDX-License-Identifier: BSD-2-Clause */
/* cli.h - what the cli modules share: the session, the command table, settings */
#ifndef DHCPDIAG_CLI_H
#define DHCPDIAG_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sysexits.h>

#include "probe_cfg.h"

struct loop;
struct sess_probe; /* cmd_probe.c: offers, lease, servers seen, frames for `save` */
struct sess_watch; /* cmd_watch.c / view.c */
struct sess_shell; /* shell.c: readline state */

/*
 * Exit statuses every command returns (DESIGN §1): these, and from <sysexits.h>
 * EX_USAGE 64, EX_NOINPUT 66, EX_SOFTWARE 70, EX_CANTCREAT 73, EX_IOERR 74 (a write to
 * stdout or a file failed), EX_NOPERM 77. A signal that stops a run makes it 128 + the
 * signal: 129 SIGHUP, 130 SIGINT, 143 SIGTERM (sess_cancel_status).
 */
enum {
	DD_OK = 0,           /* the expected answer came */
	DD_NOANSWER = 1,     /* no answer */
	DD_NEGATIVE = 2,     /* NAK, no matching offer, an unexpected (rogue) server */
	DD_DEADLINE = 124,   /* --deadline passed: the run was stopped (timeout(1)'s status) */
	DD_INTERRUPTED = 130 /* Ctrl-C stopped the wait (128 + SIGINT, as shells report it) */
};

struct sess {
	struct loop *loop;
	struct probe_cfg cfg;     /* session settings; a command works on a copy */
	bool interactive;         /* readline shell on a terminal */
	bool color;               /* ANSI colour allowed on stdout */
	bool keep_going;          /* scripts: do not stop at the first failing command */
	bool oneshot;             /* argv form `dhcpdiag CMD ...`: one command, then exit;
				     probes and watch then drop root once their capture is open */
	bool dropped;             /* privileges given up (transport.c): nothing more opens */
	bool keep_privs;          /* the command opens more later (the battery's relay step):
				     no drop */
	const char *cmd_name;     /* the running command, for error prefixes */
	/* what stops a run: a waiting command is cancelled, no new wait starts (sess.c) */
	int stop_signo;           /* the first SIGINT/SIGTERM/SIGHUP of a script or one-shot run,
				     SIGTERM/SIGHUP in the shell; 0 none */
	bool deadline_hit;        /* the run's deadline passed (deadline_at) */
	bool cmd_deadline_hit;    /* the running command's own --deadline passed */
	uint64_t deadline_at;     /* the run's deadline, loop_now_ms(); 0 none */
	uint64_t cmd_deadline_at; /* the running command's (--deadline after it); 0 none */
	unsigned results;         /* JSON result lines printed (cmd_run prints one for a failed
				     command that printed none) */
	char last_err[256];       /* the latest sess_err message: that result line's message */
	bool stdout_failed;       /* a write to stdout failed (said once; exit 74) */
	bool io_failed;           /* the running command could not write stdout or a file */
	struct sess_probe *probe;
	struct sess_watch *watch;
	struct sess_shell *shell;
	char *err_buf;            /* set: sess_err keeps its message here instead (a plugin) */
	size_t err_cap;
};

/* One row per command: shell, -c, -f, stdin scripts and argv all go through cmd_run. */
enum compl {
	COMPL_NONE,
	COMPL_FILE,    /* a file name */
	COMPL_OPTION,  /* an option name or code */
	COMPL_SETTING, /* a settings key (set/unset/show) */
	COMPL_OFFER,   /* an offer number */
	COMPL_COMMAND, /* a command name (help) */
	COMPL_IFACE,   /* an interface name */
	COMPL_MAX
};

struct cmd {
	const char *name;
	const char *args;   /* "<n> [--keep]" for help and the man page */
	int min, max;       /* positional arguments after flags are removed; max -1 = any */
	/* argv[0] is the command's full name, then its words in order with the shared
	 * flags removed (flags cmd_run does not know stay in place); argv[argc] NULL */
	int (*run)(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
	enum compl compl;
	const char *help;   /* one line */
	const char *usage;  /* more lines: details and examples */
	/* the settings it reads, which it takes as flags ("output vlan": --json/--text,
	 * --output, --vlan); "interface" is -i too, "write" -w. NULL: every setting */
	const char *takes;
	/* its own flags `args` does not show (aliases, build-time ones): "--verbose --read FILE" */
	const char *hidden;
};

extern const struct cmd cmd_table[];
extern const int cmd_count;

/*
 * Run one command line (already split into words). Strips the flags every
 * command shares (-i IFACE, --json, --text and every `--KEY VALUE` that names
 * a setting) into a copy of s->cfg, then calls the handler. Returns its status.
 */
int cmd_run(struct sess *s, int argc, char **argv);
/* split a line into words (quotes, backslash); returns argc or -1 with a reason in err */
int cmd_split(const char *line, char **argv, int max, char *buf, size_t bufsz, char *err,
	      size_t errlen);

/* a handler's first word that is not a flag (negative numbers are words), or NULL */
const char *cmd_first_word(int argc, char **argv);
/* does command c take setting key as a flag? */
bool cmd_takes(const struct cmd *c, const char *key);
/* " (did you mean 'NEAR'?)" when near is not NULL, else " (OTHERWISE)" ("" when NULL):
 * the tail of an "unknown X" message, written into buf */
const char *cmd_hint(char *buf, size_t cap, const char *near, const char *otherwise);

/* one-line error "CMD: message" (shell) or "dhcpdiag: message" (outside), to stderr */
void sess_err(struct sess *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * The one map from a negative errno to an exit status: missing privilege 77,
 * an input that cannot be read 66, a bad interface or address 64, a wait
 * cancelled 130, no answer 1, anything else 70.
 */
int sess_status(int err);
/* a signal or a deadline stops the run: waits are cancelled at once */
bool sess_stopping(const struct sess *s);
/* the status of a wait that was cancelled: 124 deadline, 128 + the signal that stopped the
 * run, 130 for Ctrl-C in the shell; and its word: "deadline reached", "stopped by SIGTERM",
 * "cancelled" */
int sess_cancel_status(const struct sess *s);
const char *sess_cancel_word(const struct sess *s);
/* a command's status once a stop is taken into account: a command stopped by a signal or a
 * deadline that says 0, 1, 2 or 130 ends with sess_cancel_status */
int sess_final_status(const struct sess *s, int st);
/* deadlines (sess.c): the run's from the program start or `set deadline`, a command's
 * from its start; SIGALRM (setitimer) brings them through the loop, so a read that
 * blocks (a FIFO, in the loop's interrupt mode) stops too. at is loop_now_ms(), 0 none */
int sess_deadline_init(struct sess *s);
void sess_deadline_set(struct sess *s, uint64_t at);
void sess_cmd_deadline_set(struct sess *s, uint64_t at);
/* the one-line JSON result of a command that failed without printing one (cmd_run), or of a
 * run that failed before any command (cmd NULL): event, command, status, message (the latest
 * sess_err), time, interface */
void sess_result(struct sess *s, const struct probe_cfg *cfg, const char *cmd, int status);
/* a write to stdout (path NULL) or to a file failed: one error line; exit status 74 */
int sess_io_err(struct sess *s, const char *path, int err);
/* stdout failed (fflush or its error flag): the message once, and EX_IOERR; else 0 */
int sess_check_stdout(struct sess *s);
/*
 * The interactive shell (shell.c). A command that waits in a nested loop_run
 * registers how to stop it; SIGINT (Ctrl-C) then calls cb(arg) instead of
 * clearing the line. Clear it with cb NULL before returning. Works in scripts
 * too (Ctrl-C stops the wait and then the script). No-op when s->shell is NULL.
 */
void shell_set_cancel(struct sess *s, void (*cb)(void *arg), void *arg);
/*
 * intr.c: SIGINT and SIGTERM for a command that waits in a read (decode, watch opening a
 * FIFO): between intr_begin and intr_end they set a flag instead of their usual effect.
 * intr_signal: the signal that came, or 0; intr_status: 128 + it (130, 143), or 0.
 */
void intr_begin(void);
int intr_signal(void);
int intr_status(void);
void intr_end(void);
/* hand the terminal to someone else (curses in `watch`) and take it back:
 * removes / reinstalls the readline handler and its stdin watch */
void shell_suspend(struct sess *s);
void shell_resume(struct sess *s);

/* output that may arrive while the user types: hides the prompt line first,
 * restores it in sess_out_end. Outside the shell they return stdout / do nothing. */
FILE *sess_out_begin(struct sess *s);
void sess_out_end(struct sess *s);

/* --- settings (settings.c): `set KEY VALUE`, `--KEY VALUE` ------------------- */
/* what a setting's value is: settings.c has one parser, printer and reset a kind */
enum set_kind {
	SET_BOOL,   /* on|off (yes, true, 1 ...); in argv form a flag: --KEY, --no-KEY */
	SET_UINT,   /* a number from min to max; a row with `none` also takes off (all ones) */
	SET_MS,     /* a duration kept in ms, from min to max: 500ms, 1.5s, 2 (seconds), 1m */
	SET_IP,     /* an IPv4 address, host order; "", none, off or 0 clear it (0) */
	SET_ENUM,   /* one of `words`, kept as its index */
	SET_PATH,   /* a file name, into a char array */
	SET_IFACE,  /* an interface name, into a char array */
	SET_OPT,    /* the value of option `code`, encoded through the option table, in opts */
	SET_CUSTOM, /* the row's own parse, show and reset */
	SET_KIND_MAX
};

struct setting;
/* a special setting's code (NULL in a row: its kind's). v is never NULL */
typedef int (*setting_parse_fn)(struct probe_cfg *cfg, const struct setting *st, const char *v,
				char *err, size_t errlen);
typedef void (*setting_show_fn)(FILE *fp, const struct probe_cfg *cfg, const struct setting *st);
typedef void (*setting_reset_fn)(struct probe_cfg *cfg, const struct setting *st);

/* One row per setting: apply, reset, show, help, completion and the man page read it. */
struct setting {
	const char *key;          /* "mac", "timeout", "option", ... */
	const char *value;        /* "<aa:bb:..|random>" for help and the man page */
	enum set_kind kind;
	size_t off, size;         /* the field in struct probe_cfg (offsetof, sizeof) */
	unsigned char code;       /* SET_OPT: the option */
	unsigned long min, max;   /* SET_UINT, SET_MS */
	unsigned long def;        /* default of a number, duration (ms), bool or enum index */
	const char *const *words; /* SET_ENUM: the values; others: literal words completion
				     offers (NULL-terminated) */
	enum compl compl;         /* what else a value completes to: interfaces, options, files */
	const char *none;         /* how show prints the unset value (NULL: "-") */
	const char *expect;       /* "KEY: expected EXPECT, got 'V'" when the kind's own
				     phrase does not fit (NULL: the kind's) */
	const char *help;         /* one line */
	setting_parse_fn parse;
	setting_show_fn show;
	setting_reset_fn reset;
};
extern const struct setting settings_table[];
extern const int settings_count;
/* a row by its whole key, the first n bytes of key; NULL when none */
const struct setting *settings_find(const char *key, size_t n);
/* the setting key nearest to a mistyped one ("did you mean"), or NULL */
const char *settings_suggest(const char *key);
/* the literal words a value may be (the row's, or its kind's: on/off); NULL when none */
const char *const *settings_words(const struct setting *st);
static inline bool
setting_is_flag(const struct setting *st)
{
	return st->kind == SET_BOOL;
}
/* apply KEY=VALUE to cfg; 0, or -EINVAL with a reason in err */
int settings_apply(struct probe_cfg *cfg, const char *key, const char *value, char *err,
		   size_t errlen);
/* back to the default (`unset KEY`) */
int settings_reset(struct probe_cfg *cfg, const char *key, char *err, size_t errlen);
/* defaults for a new session */
void settings_defaults(struct probe_cfg *cfg);
/* print every setting and its current value (`show settings`) */
void settings_show(FILE *fp, const struct probe_cfg *cfg);
/* the man page's SETTINGS list, in troff (`set --man`, at build time) */
void settings_man(FILE *fp);

/* --- handlers, by file (the rows of cmd_table in cmd.c point at these) ------- */
/* cmd_arp.c */
int cmd_arp(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
/* cmd_decode.c */
int cmd_decode(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
/* cmd_options.c */
int cmd_options(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
/* cmd_probe.c: probes, and the session's memory of them */
int cmd_discover(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
int cmd_request(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
int cmd_inform(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
int cmd_release(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
int cmd_decline(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
int cmd_dora(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
int cmd_save(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
/* `show offers|offer N|lease|servers` (the shell's `show` hands these words over) */
int cmd_show_probe(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
int probe_offer_count(const struct sess *s); /* for completion of offer numbers */
void probe_sess_free(struct sess *s);        /* at exit: releases held leases unless kept */
/* cmd_check.c: the monitoring plugin; check_end turns any other status into UNKNOWN (3) */
int cmd_check(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
int check_end(struct sess *s, int status, const char *err);
/* cmd_diagnose.c */
int cmd_diagnose(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
/* cmd_watch.c */
int cmd_watch(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);

#endif
