/* SPDX-License-Identifier: BSD-2-Clause */
/* complete.c - Tab completion in the shell, and the word lists of the argv completions */
#include "cli.h"
#include "opt.h"
#include "shell.h"

#include <net/if.h>
#include <readline/readline.h>
#include <stdlib.h>
#include <string.h>

/*
 * Completion works on a snapshot of candidate words: the attempted-completion
 * function decides what kind of word goes at the cursor, fills `words`, and
 * readline's generator walks it. Offers and interfaces change during a session,
 * so the list is rebuilt on every Tab.
 */
struct words {
	char **v;
	int n, cap;
	int at; /* generator position */
};

static struct words cands;
static struct sess *compl_sess;

static void
words_clear(struct words *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->v[i]);
	w->n = 0;
	w->at = 0;
}

static void
words_add(struct words *w, const char *word)
{
	if (w->n == w->cap) {
		int cap = w->cap ? w->cap * 2 : 64;
		char **v = realloc(w->v, sizeof(*v) * (size_t)cap);
		if (!v)
			return;
		w->v = v;
		w->cap = cap;
	}
	char *d = strdup(word);
	if (d)
		w->v[w->n++] = d;
}

/* the words of one kind; fp is NULL for the shell (fills cands) */
static void
emit(FILE *fp, const char *word)
{
	if (fp)
		fprintf(fp, "%s\n", word);
	else
		words_add(&cands, word);
}

static void
emit_commands(FILE *fp)
{
	for (int i = 0; i < cmd_count; i++)
		emit(fp, cmd_table[i].name);
}

static void
emit_settings(FILE *fp)
{
	for (int i = 0; i < settings_count; i++)
		emit(fp, settings_table[i].key);
}

/* the flags of the settings command c takes (all of them when c is NULL) */
static void
emit_flags(FILE *fp, const struct cmd *c)
{
	char buf[96];

	if (!c || cmd_takes(c, "interface"))
		emit(fp, "-i");
	if (!c || cmd_takes(c, "write"))
		emit(fp, "-w");
	if (!c || cmd_takes(c, "output")) {
		emit(fp, "--json");
		emit(fp, "--text");
	}
	for (int i = 0; i < settings_count; i++) {
		if (c && !cmd_takes(c, settings_table[i].key))
			continue;
		snprintf(buf, sizeof(buf), "--%s", settings_table[i].key);
		emit(fp, buf);
	}
}

/* is flag one that emit_flags gave for c already (a setting written in c's usage)? */
static bool
setting_flag(const struct cmd *c, const char *flag)
{
	if (!strcmp(flag, "--json") || !strcmp(flag, "--text"))
		return cmd_takes(c, "output");
	if (!strcmp(flag, "-i"))
		return cmd_takes(c, "interface");
	if (!strcmp(flag, "-w"))
		return cmd_takes(c, "write");
	return !strncmp(flag, "--", 2) && settings_find(flag + 2, strlen(flag + 2)) &&
	       cmd_takes(c, flag + 2);
}

/* a command's own flags, read from its usage text ("[--filter EXPR] [--renew|--rebind]"),
 * so the table row stays the one place they are written */
static void
emit_cmd_flags(FILE *fp, const struct cmd *c)
{
	char buf[64];
	const char *p = c ? c->args : NULL;
	bool value;

	while (p && cmd_flag_next(&p, c->args, buf, sizeof(buf), &value))
		if (!setting_flag(c, buf))
			emit(fp, buf);
}

/* assigned names; codes when the word starts with a digit; option-N for "option-" */
static void
emit_options(FILE *fp, const char *prefix)
{
	char buf[16];
	bool digits = prefix && prefix[0] >= '0' && prefix[0] <= '9';
	bool numbered = prefix && strncmp(prefix, "option-", 7) == 0;

	for (int c = 1; c < 255; c++) {
		const struct opt_def *d = opt_get((uint8_t)c);

		if (digits) {
			snprintf(buf, sizeof(buf), "%d", c);
			emit(fp, buf);
		} else if (d->ref || numbered || fp) {
			emit(fp, d->name);
		}
	}
}

static void
emit_ifaces(FILE *fp)
{
	struct if_nameindex *ifs = if_nameindex();

	for (struct if_nameindex *i = ifs; i && i->if_index; i++)
		emit(fp, i->if_name);
	if (ifs)
		if_freenameindex(ifs);
}

static void
emit_list(FILE *fp, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		emit(fp, list[i]);
}

/* what a setting's value completes to: its literal words (enum values, on/off, random,
 * off), then interfaces or options; *ret_files for a file name (the caller's to list) */
static void
emit_values(FILE *fp, const struct setting *st, const char *text, bool *ret_files)
{
	const char *const *w = settings_words(st);

	if (w)
		emit_list(fp, w);
	if (st->compl == COMPL_IFACE)
		emit_ifaces(fp);
	else if (st->compl == COMPL_OPTION)
		emit_options(fp, text);
	else if (st->compl == COMPL_FILE)
		*ret_files = true;
}

int
complete_words(const char *kind, FILE *fp)
{
	if (strcmp(kind, "commands") == 0)
		emit_commands(fp);
	else if (strcmp(kind, "flags") == 0)
		emit_flags(fp, NULL);
	else if (strncmp(kind, "flags:", 6) == 0) { /* flags:CMD: the ones CMD takes */
		const struct cmd *c = cmd_lookup(kind + 6, NULL);

		if (c) {
			emit_flags(fp, c);
			emit_cmd_flags(fp, c);
		}
	}
	else if (strcmp(kind, "value-flags") == 0) {
		for (int i = 0; i < settings_count; i++)
			if (!setting_is_flag(&settings_table[i]))
				fprintf(fp, "--%s\n", settings_table[i].key);
	} else if (strcmp(kind, "bool-flags") == 0) {
		for (int i = 0; i < settings_count; i++)
			if (setting_is_flag(&settings_table[i]))
				fprintf(fp, "--%s\n--no-%s\n", settings_table[i].key,
				        settings_table[i].key);
	} else if (strcmp(kind, "settings") == 0)
		emit_settings(fp);
	else if (strncmp(kind, "values:", 7) == 0) { /* values:KEY: what KEY's value may be */
		const struct setting *st = settings_find(kind + 7, strlen(kind + 7));
		bool files = false;

		if (!st) {
			fprintf(stderr, "dhcpdiag: no setting named '%s'\n", kind + 7);
			return EX_USAGE;
		}
		emit_values(fp, st, NULL, &files);
	} else if (strcmp(kind, "file-settings") == 0) { /* settings whose value is a file */
		for (int i = 0; i < settings_count; i++)
			if (settings_table[i].compl == COMPL_FILE)
				emit(fp, settings_table[i].key);
	} else if (strcmp(kind, "options") == 0)
		emit_options(fp, NULL);
	else if (strcmp(kind, "show") == 0)
		emit_list(fp, cmd_show_words);
	else if (strcmp(kind, "option") == 0)
		emit_list(fp, cmd_option_words);
	else if (strcmp(kind, "global-flags") == 0) {
		static const char *const g[] = {"-c",     "-f", "--keep-going", "-h",
		                                "--help", "-V", "--version",    NULL};
		emit_list(fp, g);
	} else if (strcmp(kind, "file-commands") == 0) {
		for (int i = 0; i < cmd_count; i++)
			if (cmd_table[i].compl == COMPL_FILE)
				emit(fp, cmd_table[i].name);
	} else if (strcmp(kind, "option-commands") == 0) {
		for (int i = 0; i < cmd_count; i++)
			if (cmd_table[i].compl == COMPL_OPTION)
				emit(fp, cmd_table[i].name);
	} else {
		fprintf(stderr, "dhcpdiag: unknown word list '%s'\n", kind);
		return EX_USAGE;
	}
	return 0;
}

static void
emit_offers(void)
{
	char buf[16];
	int n = probe_offer_count(compl_sess);

	for (int i = 1; i <= n && i < 1000; i++) {
		snprintf(buf, sizeof(buf), "%d", i);
		words_add(&cands, buf);
	}
}

/* what a flag's value (or a setting's value) completes to */
static void
emit_kind(enum compl k, const char *text, bool *ret_files)
{
	switch (k) {
	case COMPL_FILE:
		*ret_files = true;
		break;
	case COMPL_OPTION:
		emit_options(NULL, text);
		break;
	case COMPL_SETTING:
		emit_settings(NULL);
		break;
	case COMPL_OFFER:
		emit_offers();
		break;
	case COMPL_COMMAND:
		emit_commands(NULL);
		break;
	case COMPL_IFACE:
		emit_ifaces(NULL);
		break;
	default:
		break;
	}
}

/* the setting whose value the flag (words[n-1]) wants; NULL when it takes none */
static const struct setting *
flag_setting(const char *flag)
{
	if (strcmp(flag, "-i") == 0)
		flag = "--interface";
	else if (strcmp(flag, "-w") == 0)
		flag = "--write";
	if (strncmp(flag, "--", 2) != 0 || strchr(flag, '='))
		return NULL;
	const struct setting *st = settings_find(flag + 2, strlen(flag + 2));
	if (!st || setting_is_flag(st))
		return NULL;
	return st;
}

/* fill cands for the word `text` after the words before it; sets *ret_files for file names */
static void
fill(char **w, int n, const char *text, bool *ret_files)
{
	if (n == 0) {
		emit_commands(NULL);
		return;
	}
	const struct setting *fs = flag_setting(w[n - 1]);
	if (fs) {
		emit_values(NULL, fs, text, ret_files);
		return;
	}
	const struct cmd *c = cmd_lookup(w[0], NULL);
	if (!c)
		return;
	if (text[0] == '-') {
		emit_flags(NULL, c);
		emit_cmd_flags(NULL, c);
		return;
	}
	/* positional words so far (flags and their values left out) */
	char *pos[CMD_MAX_WORDS];
	int np = 0;
	for (int i = 1; i < n; i++) {
		if (w[i][0] == '-' && w[i][1]) {
			if (flag_setting(w[i]))
				i++;
			continue;
		}
		pos[np++] = w[i];
	}
	if (strcmp(c->name, "show") == 0) {
		if (np == 0)
			emit_list(NULL, cmd_show_words);
		else if (np == 1 && strcmp(pos[0], "offer") == 0)
			emit_offers();
		return;
	}
	if (strcmp(c->name, "option") == 0) {
		if (np == 0)
			emit_list(NULL, cmd_option_words);
		else if (np == 1 && strcmp(pos[0], "list") != 0)
			emit_options(NULL, text);
		return;
	}
	if (strcmp(c->name, "set") == 0 || strcmp(c->name, "unset") == 0) {
		if (np == 0) {
			emit_settings(NULL);
		} else if (np == 1 && c->name[0] == 's') {
			const struct setting *st = settings_find(pos[0], strlen(pos[0]));
			if (st)
				emit_values(NULL, st, text, ret_files);
		}
		return;
	}
	if (c->max >= 0 && np >= c->max)
		return;
	emit_kind(c->compl, text, ret_files);
}

static char *
generator(const char *text, int state)
{
	size_t n = strlen(text);

	if (state == 0)
		cands.at = 0;
	while (cands.at < cands.n) {
		const char *w = cands.v[cands.at++];
		if (strncmp(w, text, n) == 0)
			return strdup(w);
	}
	return NULL;
}

static char **
attempt(const char *text, int start, int end)
{
	char *w[CMD_MAX_WORDS + 1];
	char buf[CMD_MAX_LINE], err[64], line[CMD_MAX_LINE];
	bool files = false;
	int n;

	(void)end;
	words_clear(&cands);
	/* the words before the one being completed, of the last command (after a ';') */
	size_t len = (size_t)start < sizeof(line) - 1 ? (size_t)start : sizeof(line) - 1;
	memcpy(line, rl_line_buffer, len);
	line[len] = '\0';
	const char *p = line;
	for (;;) {
		n = cmd_split_next(&p, w, CMD_MAX_WORDS, buf, sizeof(buf), err, sizeof(err));
		if (n < 0) {
			n = 0;
			break;
		}
		if (*p == '\0') {
			if (p > line && (p[-1] == ';' || p[-1] == '\n'))
				n = 0;
			break;
		}
	}
	/* "--wait=" before the cursor: complete the flag's value */
	if (n > 0 && w[n - 1][0] == '-') {
		size_t l = strlen(w[n - 1]);
		if (l > 1 && w[n - 1][l - 1] == '=')
			w[n - 1][l - 1] = '\0';
	}
	fill(w, n, text, &files);
	if (files) {
		rl_attempted_completion_over = 0;
		return NULL;
	}
	rl_attempted_completion_over = 1;
	return rl_completion_matches(text, generator);
}

void
complete_init(struct sess *s)
{
	compl_sess = s;
	rl_attempted_completion_function = attempt;
	rl_completer_quote_characters = "\"'";
	rl_basic_word_break_characters = " \t\n;=";
}
