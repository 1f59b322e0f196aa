/* SPDX-License-Identifier: BSD-2-Clause */
/* view.h - private to cmd_watch.c and view.c: the ncurses watch view and the OUI table */
#ifndef DHCPDIAG_VIEW_H
#define DHCPDIAG_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct loop;
struct tracker;
struct oui;

/* what the view asks of whoever feeds it (cmd_watch.c) */
struct view_ops {
	/* one status line: source, packets, drops, rate */
	void (*status)(void *arg, char *buf, size_t cap);
	/* `c`: forget everything seen so far */
	void (*reset)(void *arg);
	/* `d`: send a DISCOVER; 0, or -errno with a reason in msg (shown in the status line) */
	int (*discover)(void *arg, char *msg, size_t cap);
	/* `p`: stop or resume feeding (a file replay stops reading; live keeps counting) */
	void (*pause)(void *arg, bool paused);
	/* `q`: the user is done */
	void (*quit)(void *arg);
};

struct view;

/*
 * Start curses on the terminal and take stdin (loop_fd_add on fd 0), a 100 ms
 * redraw timer and SIGWINCH. The tracker is read, never changed. Returns 0 or
 * -errno with a reason in err (no terminal, TERM unknown).
 */
int view_open(struct view **ret, struct loop *l, struct tracker *t, struct oui *oui,
	      const struct view_ops *ops, void *arg, char *err, size_t errlen);
/* something changed: redraw at the next tick */
void view_dirty(struct view *v);
/* end curses, give back stdin, SIGWINCH and the timer; NULL-safe */
void view_close(struct view *v);
/* the key table, one key a line (for `help watch` and the man page) */
void view_keys_print(FILE *fp);

/* --- oui.c: IEEE OUI -> vendor, loaded on first use ----------------------- */
/* an empty table when path cannot be read; NULL only when out of memory */
struct oui *oui_new(const char *path);
void oui_free(struct oui *o);
/* vendor of mac's first three bytes, or NULL; loads the file on first call */
const char *oui_find(struct oui *o, const uint8_t mac[6]);
#define OUI_PATH "/usr/share/ieee-data/oui.txt"

#endif
