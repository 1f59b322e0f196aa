/* SPDX-License-Identifier: BSD-2-Clause */
/* split.c - the one tokenizer for every way a command arrives (shell, -c, -f, stdin) */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "shell.h"

/*
 * The one tokenizer for every way a command arrives. Rules (a small subset of
 * sh): blanks separate words; '...' is literal; "..." allows \" and \\;
 * outside quotes a backslash takes the next character as is; '#' at the start
 * of a word comments out the rest of the line; an unquoted ';' or newline ends
 * the command. No expansion of any kind.
 */
static int
split(const char **pp, bool multi, char **argv, int max, char *buf, size_t bufsz, char *err,
      size_t errlen)
{
	const char *p = *pp;
	size_t o = 0;
	int argc = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '#') {
			while (*p && *p != '\n')
				p++;
		}
		if (*p == '\0')
			break;
		if (*p == '\n' || *p == ';') {
			if (multi) {
				p++;
				break;
			}
			if (*p == ';') {
				snprintf(err, errlen, "unexpected ';'");
				return -1;
			}
			p++;
			continue;
		}
		if (argc >= max) {
			snprintf(err, errlen, "too many words (at most %d)", max);
			return -1;
		}
		argv[argc++] = buf + o;
		char quote = 0;
		for (;;) {
			char c = *p;

			if (c == '\0' || (!quote && (c == ' ' || c == '\t' || c == '\r' ||
			                             c == '\n' || c == ';')))
				break;
			if (quote && c == '\n')
				break; /* quotes do not span lines */
			p++;
			if (quote == '\'') {
				if (c == '\'') {
					quote = 0;
					continue;
				}
			} else if (quote == '"') {
				if (c == '"') {
					quote = 0;
					continue;
				}
				if (c == '\\' && (*p == '"' || *p == '\\'))
					c = *p++;
			} else if (c == '\'' || c == '"') {
				quote = c;
				continue;
			} else if (c == '\\') {
				if (*p == '\0' || *p == '\n') {
					snprintf(err, errlen, "backslash at the end of the line");
					return -1;
				}
				c = *p++;
			}
			if (o + 2 > bufsz) {
				snprintf(err, errlen, "line too long");
				return -1;
			}
			buf[o++] = c;
		}
		if (quote) {
			snprintf(err, errlen, "unterminated quote");
			return -1;
		}
		buf[o++] = '\0';
	}
	*pp = p;
	if (argc < max)
		argv[argc] = NULL;
	return argc;
}

int
cmd_split(const char *line, char **argv, int max, char *buf, size_t bufsz, char *err, size_t errlen)
{
	return split(&line, false, argv, max, buf, bufsz, err, errlen);
}

int
cmd_split_next(const char **pp, char **argv, int max, char *buf, size_t bufsz, char *err,
               size_t errlen)
{
	return split(pp, true, argv, max, buf, bufsz, err, errlen);
}

/* ------------------------------------------------------------------ cmd_run */

