/* SPDX-License-Identifier: BSD-2-Clause */
/* view.c - the ncurses watch view: servers, transactions, one server's options */
#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "decode.h"
#include "esc.h"
#include "frame.h"
#include "loop.h"
#include "msg.h"
#include "out.h"
#include "tracker.h"
#include "value.h"
#include "view.h"
#include "diag.h"
#include "report.h"

#define TICK_MS 100          /* redraw at most 10 times a second (DESIGN §6) */
#define IDLE_MS 1000         /* refresh the status line (rate, drops) while nothing arrives */
#define MAX_ROWS 1024        /* transactions considered per draw */
#define DETAIL_ARENA (1u << 20)
#define FILTER_MAX 48

enum { VIEW_REDRAW = 1 << 0, VIEW_QUIT = 1 << 1 };

enum sort_key { SORT_LAST, SORT_ID, SORT_OFFERS, SORT_NAKS, SORT_LATENCY, SORT_MAX };
static const char *const sort_names[SORT_MAX] = {
	[SORT_LAST] = "last-seen", [SORT_ID] = "server-id", [SORT_OFFERS] = "offers",
	[SORT_NAKS] = "naks",      [SORT_LATENCY] = "latency",
};
_Static_assert(sizeof(sort_names) / sizeof(sort_names[0]) == SORT_MAX, "one name per sort key");

enum { PAIR_ROGUE = 1, PAIR_HEAD, PAIR_STATUS };

struct view {
	struct loop *loop;
	struct tracker *trk;
	struct oui *oui;
	const struct view_ops *ops;
	void *arg;
	SCREEN *scr;
	bool dirty, armed, color, paused, help;
	enum sort_key sort;
	/* the selected server, by identity so that it survives re-sorting */
	int sel;
	uint32_t sel_id;
	uint8_t sel_mac[6];
	int top;
	/* `/` */
	bool editing;
	char filter[FILTER_MAX], edit[FILTER_MAX];
	/* Enter: the options of one reply, as text lines */
	bool detail;
	char *text;
	size_t text_len;
	char **lines;
	int nlines, dtop;
	char note[128];
	const struct trk_server *srv[TRK_SERVERS_DEFAULT];
	int nsrv;
};

/* --- small formatters (every wire byte goes through esc_term_buf) ---------- */

static void
fmt_ip(char *b, size_t cap, uint32_t ip)
{
	snprintf(b, cap, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
}

static void
fmt_mac(char *b, size_t cap, const uint8_t *m, size_t n)
{
	size_t o = 0;

	b[0] = '\0';
	for (size_t i = 0; i < n && o + 3 < cap; i++)
		o += (size_t)snprintf(b + o, cap - o, i ? ":%02x" : "%02x", m[i]);
}

/* durations in at most 5 characters: exact (900s 60m 12h 7d) or approximate (~13m) */
static void
fmt_dur(char *b, size_t cap, uint32_t s)
{
	if (s == UINT32_MAX)
		snprintf(b, cap, "inf");
	else if (s < 1000)
		snprintf(b, cap, "%us", s);
	else if (s % 86400 == 0)
		snprintf(b, cap, "%ud", s / 86400);
	else if (s % 3600 == 0)
		snprintf(b, cap, "%uh", s / 3600);
	else if (s % 60 == 0 && s / 60 < 1000)
		snprintf(b, cap, "%um", s / 60);
	else if (s < 60000)
		snprintf(b, cap, "~%um", s / 60);
	else if (s < 360000)
		snprintf(b, cap, "~%uh", s / 3600);
	else
		snprintf(b, cap, "~%ud", s / 86400);
}

static void
fmt_latency(char *b, size_t cap, int64_t us)
{
	if (us < 0)
		snprintf(b, cap, "-");
	else if (us < 10000)
		snprintf(b, cap, "%.2fms", (double)us / 1000.0);
	else if (us < 10000000)
		snprintf(b, cap, "%.0fms", (double)us / 1000.0);
	else
		snprintf(b, cap, "%.0fs", (double)us / 1e6);
}

/* the time of day in UTC, as everything else dhcpdiag prints (the title bar says so) */
static void
fmt_clock(char *b, size_t cap, const struct timeval *tv)
{
	struct tm tm;
	time_t t = tv->tv_sec;

	if (!gmtime_r(&t, &tm) || !strftime(b, cap, "%H:%M:%S", &tm))
		snprintf(b, cap, "-");
}

/* --- server columns: shown by priority while they fit, in table order ------- */

struct col {
	const char *title;
	int width; /* 0: takes what is left (at least min) */
	int min;
	int prio;  /* lower shows first */
	void (*fmt)(struct view *v, const struct trk_server *s, char *b, size_t cap);
};

static void
c_id(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	(void)v;
	fmt_ip(b, cap, s->id);
}

static void
c_mac(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	(void)v;
	if (s->has_mac)
		fmt_mac(b, cap, s->mac, 6);
	else
		snprintf(b, cap, "-");
}

static void
c_vendor(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	const char *n = s->has_mac ? oui_find(v->oui, s->mac) : NULL;

	if (n)
		esc_term_buf(b, cap, (const uint8_t *)n, strlen(n));
	else
		snprintf(b, cap, "-");
}

/*
 * The mark before a server row: ! rogue, E an error and W a warning that
 * diagnose's rules find in its latest reply (`diagnose -r` on a capture of it
 * names them).
 */
static const char *
mark_of(const struct trk_server *s)
{
	struct diag_finding f[4];
	int worst;

	if (s->rogue)
		return "!";
	rep_server_findings(s, f, 4, &worst);
	return worst == DIAG_SEV_ERROR ? "E" : worst == DIAG_SEV_WARN ? "W" : " ";
}

static void
c_counts(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	(void)v;
	snprintf(b, cap, "%u/%u/%u", s->offers, s->acks, s->naks);
}

static void
c_last(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	(void)v;
	fmt_clock(b, cap, &s->last);
}

static void
c_lease(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	(void)v;
	if (s->terms.sent & LT_LEASE)
		fmt_dur(b, cap, s->terms.lease);
	else
		snprintf(b, cap, "-");
}

/* T1/T2; a `*` marks a value derived per RFC 2131 4.4.5 rather than sent */
static void
c_timers(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	const struct lease_terms *t = &s->terms;
	char t1[16] = "-", t2[16] = "-";

	(void)v;
	if (lease_has(t, LT_T1))
		fmt_dur(t1, sizeof(t1), t->t1);
	if (lease_has(t, LT_T2))
		fmt_dur(t2, sizeof(t2), t->t2);
	snprintf(b, cap, "%s%s/%s%s", t1, t->derived & LT_T1 ? "*" : "", t2,
		 t->derived & LT_T2 ? "*" : "");
}

static void
c_mask(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	(void)v;
	if (s->terms.sent & LT_MASK)
		fmt_ip(b, cap, s->terms.mask);
	else
		snprintf(b, cap, "-");
}

static void
c_router(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	(void)v;
	if (s->terms.sent & LT_ROUTER)
		fmt_ip(b, cap, s->terms.routers[0]);
	else
		snprintf(b, cap, "-");
}

static void
c_dns(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	size_t o = 0;

	(void)v;
	b[0] = '\0';
	for (unsigned i = 0; i < s->terms.ndns && i < LT_DNS_MAX && o + 17 < cap; i++) {
		if (i)
			b[o++] = ',';
		fmt_ip(b + o, cap - o, s->terms.dns[i]);
		o += strlen(b + o);
	}
	if (s->terms.domain_len && o + 4 < cap) {
		b[o++] = ' ';
		esc_term_buf(b + o, cap - o, s->terms.domain, s->terms.domain_len);
	}
	if (!b[0])
		snprintf(b, cap, "-");
}

static void
c_latency(struct view *v, const struct trk_server *s, char *b, size_t cap)
{
	(void)v;
	fmt_latency(b, cap, s->latency_us);
}

static const struct col srv_cols[] = {
	{"SERVER-ID", 15, 0, 0, c_id},
	{"MAC", 17, 0, 1, c_mac},
	{"VENDOR", 16, 0, 9, c_vendor},
	{"O/A/N", 8, 0, 2, c_counts},
	{"LAST", 8, 0, 6, c_last},
	{"LEASE", 5, 0, 3, c_lease},
	{"T1/T2", 11, 0, 4, c_timers},
	{"MASK", 15, 0, 7, c_mask},
	{"ROUTER", 15, 0, 5, c_router},
	{"LATENCY", 8, 0, 8, c_latency},
	{"DNS", 0, 15, 10, c_dns},
};
#define NCOLS ((int)(sizeof(srv_cols) / sizeof(srv_cols[0])))

/* which columns fit in width; fills widths (0 = hidden); returns how many are hidden */
static int
pick_cols(int width, int w[NCOLS])
{
	int used = 2, hidden = 0; /* rogue mark and a space */

	for (int i = 0; i < NCOLS; i++)
		w[i] = 0;
	for (int prio = 0; prio <= 10; prio++)
		for (int i = 0; i < NCOLS; i++) {
			const struct col *c = &srv_cols[i];
			int need = (c->width ? c->width : c->min) + 1;
			if (c->prio != prio || used + need > width)
				continue;
			w[i] = c->width ? c->width : c->min;
			used += need;
		}
	/* the flexible column takes the rest */
	for (int i = 0; i < NCOLS; i++) {
		if (w[i] && !srv_cols[i].width)
			w[i] += width - used;
		hidden += !w[i];
	}
	return hidden;
}

/* "+3 cols: widen the terminal" at the right end of a header row, as much as there is room
 * for after its last title (x): a narrow terminal hides columns, and says so */
static void
put_hidden_hint(int y, int x, int hidden)
{
	char b[48];
	int n;

	if (hidden <= 0)
		return;
	n = snprintf(b, sizeof(b), "+%d col%s: widen the terminal", hidden, hidden == 1 ? "" : "s");
	if (COLS - x < n + 1)
		n = snprintf(b, sizeof(b), "+%d", hidden);
	if (COLS - x >= n + 1)
		mvaddnstr(y, COLS - n, b, n);
}

/* --- filter and sort -------------------------------------------------------- */

static bool
has_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return !n;
}

static bool
srv_match(const struct view *v, const struct trk_server *s)
{
	char b[32];

	if (!v->filter[0])
		return true;
	fmt_ip(b, sizeof(b), s->id);
	if (has_ci(b, v->filter))
		return true;
	fmt_ip(b, sizeof(b), s->ip_src);
	if (has_ci(b, v->filter))
		return true;
	fmt_mac(b, sizeof(b), s->mac, 6);
	return s->has_mac && has_ci(b, v->filter);
}

static bool
txn_match(const struct view *v, const struct trk_txn *x)
{
	char b[64];

	if (!v->filter[0])
		return true;
	fmt_mac(b, sizeof(b), x->chaddr, x->hlen);
	if (has_ci(b, v->filter))
		return true;
	fmt_ip(b, sizeof(b), x->server);
	if (x->server && has_ci(b, v->filter))
		return true;
	fmt_ip(b, sizeof(b), x->yiaddr);
	return x->yiaddr && has_ci(b, v->filter);
}

static int
cmp_srv(const struct trk_server *a, const struct trk_server *b, enum sort_key key)
{
	switch (key) {
	case SORT_ID:
		if (a->id != b->id)
			return a->id < b->id ? -1 : 1;
		return memcmp(a->mac, b->mac, 6);
	case SORT_OFFERS:
		if (a->offers != b->offers)
			return a->offers > b->offers ? -1 : 1;
		break;
	case SORT_NAKS:
		if (a->naks != b->naks)
			return a->naks > b->naks ? -1 : 1;
		break;
	case SORT_LATENCY:
		if (a->latency_us != b->latency_us)
			return a->latency_us > b->latency_us ? -1 : 1;
		break;
	default:
		break;
	}
	return 0;
}

/* the servers shown, filtered and sorted; keeps the selection on the same server */
static void
collect(struct view *v)
{
	const struct trk_server *all[TRK_SERVERS_DEFAULT];
	size_t n = tracker_servers(v->trk, all, TRK_SERVERS_DEFAULT);

	v->nsrv = 0;
	for (size_t i = 0; i < n; i++)
		if (srv_match(v, all[i]))
			v->srv[v->nsrv++] = all[i];
	/* the tracker hands them most recent first: that is SORT_LAST already */
	if (v->sort != SORT_LAST) {
		/* insertion sort: stable, and the lists are short (<= 256) */
		for (int i = 1; i < v->nsrv; i++) {
			const struct trk_server *x = v->srv[i];
			int j = i;
			for (; j > 0 && cmp_srv(v->srv[j - 1], x, v->sort) > 0; j--)
				v->srv[j] = v->srv[j - 1];
			v->srv[j] = x;
		}
	}
	for (int i = 0; i < v->nsrv; i++)
		if (v->srv[i]->id == v->sel_id && memcmp(v->srv[i]->mac, v->sel_mac, 6) == 0) {
			v->sel = i;
			return;
		}
	if (v->sel >= v->nsrv)
		v->sel = v->nsrv ? v->nsrv - 1 : 0;
}

static void
remember_sel(struct view *v)
{
	if (v->sel < v->nsrv) {
		v->sel_id = v->srv[v->sel]->id;
		memcpy(v->sel_mac, v->srv[v->sel]->mac, 6);
	}
}

/* --- drawing ---------------------------------------------------------------- */

static void
put_cell(int y, int x, int w, const char *s)
{
	if (w > 0)
		mvaddnstr(y, x, s, w);
}

static void
draw_title(struct view *v)
{
	char b[256];

	snprintf(b, sizeof(b),
		 " dhcpdiag watch  times UTC  servers %zu  transactions %zu  sort %s%s%s  ? help",
		 tracker_nservers(v->trk), tracker_ntxns(v->trk), sort_names[v->sort],
		 v->filter[0] ? "  filter " : "", v->filter);
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	put_cell(0, 0, COLS, b);
	attroff(A_REVERSE);
}

static int
draw_servers(struct view *v, int y0, int rows)
{
	int w[NCOLS], x = 2, y = y0, hidden, end = 2;
	char b[256];

	hidden = pick_cols(COLS, w);
	/* no room for the hint after the last title: the least wanted column shown makes it */
	for (int k = 0; hidden && k < NCOLS; k++) {
		int last = -1, least = -1;

		x = 2;
		for (int i = 0; i < NCOLS; i++)
			if (w[i]) {
				end = x + (int)strlen(srv_cols[i].title);
				x += w[i] + 1;
				last = i;
				if (least < 0 || srv_cols[i].prio > srv_cols[least].prio)
					least = i;
			}
		if (COLS - end >= 4 || last <= 0)
			break;
		w[least] = 0;
		hidden++;
	}
	x = 2;
	attron(A_BOLD | (v->color ? COLOR_PAIR(PAIR_HEAD) : 0));
	mvhline(y, 0, ' ', COLS);
	for (int i = 0; i < NCOLS; i++)
		if (w[i]) {
			put_cell(y, x, w[i], srv_cols[i].title);
			end = x + (int)strlen(srv_cols[i].title);
			x += w[i] + 1;
		}
	put_hidden_hint(y, end, hidden);
	attroff(A_BOLD | (v->color ? COLOR_PAIR(PAIR_HEAD) : 0));
	y++;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + rows - 1)
		v->top = v->sel - rows + 2;
	if (v->top < 0)
		v->top = 0;
	if (!v->nsrv)
		put_cell(y, 2, COLS - 2, v->filter[0] ? "(no server matches the filter)"
						      : "(no DHCP server seen yet)");
	for (int i = v->top; i < v->nsrv && y < y0 + rows; i++, y++) {
		const struct trk_server *s = v->srv[i];
		attr_t a = 0;

		if (s->rogue)
			a |= v->color ? COLOR_PAIR(PAIR_ROGUE) | A_BOLD : A_BOLD | A_UNDERLINE;
		if (i == v->sel)
			a |= A_REVERSE;
		attron(a);
		mvhline(y, 0, ' ', COLS);
		put_cell(y, 0, 1, mark_of(s));
		x = 2;
		for (int c = 0; c < NCOLS; c++) {
			if (!w[c])
				continue;
			srv_cols[c].fmt(v, s, b, sizeof(b));
			put_cell(y, x, w[c], b);
			x += w[c] + 1;
		}
		attroff(a);
	}
	return y0 + rows;
}

static void
draw_txns(struct view *v, int y0, int rows)
{
	static const struct {
		const char *title;
		int width, min_cols;
	} cols[] = {
		{"CLIENT", 17, 0},  {"XID", 10, 0},  {"DORA", 7, 0},      {"OUTCOME", 8, 0},
		{"LATENCY", 8, 0},  {"SERVER", 15, 0}, {"ADDRESS", 15, 86}, {"LAST", 8, 95},
	};
	const struct trk_txn *all[MAX_ROWS];
	size_t n;
	int y = y0, x, hidden = 0;
	bool shown[8];
	char b[8][64];

	if (rows < 2)
		return;
	attron(A_BOLD | (v->color ? COLOR_PAIR(PAIR_HEAD) : 0));
	mvhline(y, 0, ' ', COLS);
	/* a column shows whole or not at all; the hint goes after the last title shown */
	int end = 2;

	x = 2;
	for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
		shown[c] = COLS >= cols[c].min_cols && x + cols[c].width <= COLS;
		if (!shown[c]) {
			hidden++;
			continue;
		}
		put_cell(y, x, cols[c].width, cols[c].title);
		end = x + (int)strlen(cols[c].title);
		x += cols[c].width + 1;
	}
	put_hidden_hint(y, end, hidden);
	attroff(A_BOLD | (v->color ? COLOR_PAIR(PAIR_HEAD) : 0));
	y++;
	n = tracker_txns(v->trk, all, MAX_ROWS);
	for (size_t i = 0; i < n && y < y0 + rows; i++) {
		const struct trk_txn *t = all[i];

		if (!txn_match(v, t))
			continue;
		fmt_mac(b[0], sizeof(b[0]), t->chaddr, t->hlen);
		snprintf(b[1], sizeof(b[1]), "0x%08x", t->xid);
		tracker_progress(t, b[2], sizeof(b[2]));
		snprintf(b[3], sizeof(b[3]), "%s", trk_outcome_names[t->outcome]);
		fmt_latency(b[4], sizeof(b[4]), t->latency_us);
		if (t->server)
			fmt_ip(b[5], sizeof(b[5]), t->server);
		else
			snprintf(b[5], sizeof(b[5]), "-");
		if (t->yiaddr)
			fmt_ip(b[6], sizeof(b[6]), t->yiaddr);
		else
			snprintf(b[6], sizeof(b[6]), "-");
		fmt_clock(b[7], sizeof(b[7]), &t->last);
		x = 2;
		for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
			if (shown[c]) {
				if (t->outcome == TRK_NAKED)
					attron(A_BOLD);
				put_cell(y, x, cols[c].width, b[c]);
				attroff(A_BOLD);
				x += cols[c].width + 1;
			}
		y++;
	}
}

static void
draw_status(struct view *v)
{
	char b[512] = "";

	if (v->editing) {
		snprintf(b, sizeof(b), "filter (MAC or IP, Enter applies, Esc cancels): %s", v->edit);
		curs_set(1);
	} else {
		v->ops->status(v->arg, b, sizeof(b));
		if (v->note[0]) {
			size_t n = strlen(b);
			snprintf(b + n, sizeof(b) - n, "  %s", v->note);
		}
		curs_set(0);
	}
	attron(A_REVERSE | (v->color ? COLOR_PAIR(PAIR_STATUS) : 0));
	mvhline(LINES - 1, 0, ' ', COLS);
	put_cell(LINES - 1, 0, COLS - 1, b);
	attroff(A_REVERSE | (v->color ? COLOR_PAIR(PAIR_STATUS) : 0));
	if (v->editing)
		move(LINES - 1, (int)strlen(b) < COLS - 1 ? (int)strlen(b) : COLS - 1);
}

static int key_help_line(int i, char *b, size_t cap);

#define HELP_KEYCOL 13 /* "Up/Down j/k " */
#define HELP_MAX 64    /* wrapped lines the help keeps */

static void key_help_parts(int i, const char **ret_key, const char **ret_text);

/*
 * The key help wrapped to width w: each key's text broken at spaces (a word
 * longer than the room is cut), its later lines under the text; narrower than
 * a key column and a few words, the key on a line of its own and the text
 * indented under it. Lines into lines[], their number returned.
 */
static int
help_wrap(int w, char lines[HELP_MAX][128])
{
	int n = 0, nk = key_help_line(-1, NULL, 0);
	bool col = w - HELP_KEYCOL >= 12;
	int indent = col ? HELP_KEYCOL : w > 6 ? 2 : 0, room;

	if (w > 127)
		w = 127;
	room = w - indent;
	for (int i = 0; i < nk && n < HELP_MAX; i++) {
		const char *key, *p;

		key_help_parts(i, &key, &p);
		if (!col)
			snprintf(lines[n++], 128, "%.*s", w, key);
		for (bool first = true; *p && n < HELP_MAX; first = false) {
			int len = (int)strlen(p), cut = len;

			if (len > room) {
				cut = room;
				while (cut > 0 && p[cut] != ' ')
					cut--;
				if (cut == 0)
					cut = room;
			}
			snprintf(lines[n++], 128, "%-*.*s%.*s", indent, col && first ? indent : 0, key,
				 cut, p);
			p += cut;
			while (*p == ' ')
				p++;
		}
	}
	return n;
}

/* the help box: as wide as fits (70 at most), its lines wrapped to it; when the terminal is
 * too low for all of them, the last one shown ends in "..." */
static void
draw_help(void)
{
	static char lines[HELP_MAX][128];
	int w = 70 < COLS - 2 ? 70 : COLS - 2, h, n, y0, x0, slots;

	if (w < 4 || LINES < 5)
		return;
	n = help_wrap(w - 2, lines);
	h = n + 4 < LINES - 2 ? n + 4 : LINES - 2;
	slots = h - 3;
	y0 = (LINES - h) / 2;
	x0 = (COLS - w) / 2;
	for (int y = y0; y < y0 + h; y++)
		mvhline(y, x0, ' ', w);
	attron(A_BOLD);
	put_cell(y0, x0 + 1, w - 2, "keys (any key closes)");
	attroff(A_BOLD);
	for (int i = 0; i < n && i < slots; i++) {
		char b[132];

		memcpy(b, lines[i], 128);
		b[128] = '\0';
		if (i == slots - 1 && n > slots) { /* more than fits: "...", after a whole word */
			int cut = (int)strlen(b);

			if (cut + 4 > w - 2) {
				cut = w - 2 - 4;
				while (cut > 0 && b[cut] != ' ')
					cut--;
			}
			if (cut < 0)
				cut = 0;
			while (cut > 0 && b[cut - 1] == ' ')
				cut--;
			snprintf(b + cut, sizeof(b) - (size_t)cut, " ...");
		}
		put_cell(y0 + 2 + i, x0 + 1, w - 2, b);
	}
}

static void
draw_detail(struct view *v)
{
	int rows = LINES - 2;
	char title[128];

	if (v->dtop > v->nlines - rows)
		v->dtop = v->nlines - rows;
	if (v->dtop < 0)
		v->dtop = 0;
	snprintf(title, sizeof(title), " latest reply: line %d-%d of %d  (arrows/j/k/PgUp/PgDn, "
				       "Esc or q closes)",
		 v->nlines ? v->dtop + 1 : 0,
		 v->dtop + rows < v->nlines ? v->dtop + rows : v->nlines, v->nlines);
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	put_cell(0, 0, COLS, title);
	attroff(A_REVERSE);
	for (int i = 0; i < rows && v->dtop + i < v->nlines; i++)
		put_cell(1 + i, 0, COLS, v->lines[v->dtop + i]);
}

static void
draw(struct view *v)
{
	int body, srows, y;

	erase();
	if (v->detail) {
		draw_detail(v);
		draw_status(v);
		refresh();
		return;
	}
	collect(v);
	draw_title(v);
	body = LINES - 2; /* title and status */
	/* servers get up to half the body (header included), transactions the rest */
	srows = v->nsrv + 1;
	if (srows > body / 2)
		srows = body / 2;
	if (srows < 2)
		srows = 2 < body ? 2 : body;
	y = draw_servers(v, 1, srows);
	draw_txns(v, y, body - srows);
	if (v->help)
		draw_help();
	draw_status(v);
	refresh();
}

/* --- the options detail ----------------------------------------------------- */

static void
detail_free(struct view *v)
{
	free(v->text);
	free(v->lines);
	v->text = NULL;
	v->lines = NULL;
	v->nlines = 0;
	v->detail = false;
}

/* split the printer's text into lines; a line with a control byte is escaped again */
static int
detail_lines(struct view *v)
{
	int n = 1;

	for (size_t i = 0; i < v->text_len; i++)
		if (v->text[i] == '\n')
			n++;
	v->lines = calloc((size_t)n, sizeof(*v->lines));
	if (!v->lines)
		return -ENOMEM;
	v->nlines = 0;
	for (char *p = v->text, *end = v->text + v->text_len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		bool bad = false;
		if (nl)
			*nl = '\0';
		for (char *q = p; *q; q++)
			if ((unsigned char)*q < 0x20 || *q == 0x7f)
				*q = *q == '\t' ? ' ' : (bad = true, '?');
		(void)bad; /* out_text escapes wire bytes; this only guards the terminal */
		v->lines[v->nlines++] = p;
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

static int
detail_open(struct view *v)
{
	const struct trk_server *s;
	struct val_arena a;
	struct msg *m;
	void *abuf;
	FILE *fp;
	struct val *root;

	if (v->sel >= v->nsrv)
		return 0;
	s = v->srv[v->sel];
	m = malloc(sizeof(*m));
	abuf = malloc(DETAIL_ARENA);
	detail_free(v);
	fp = open_memstream(&v->text, &v->text_len);
	if (!m || !abuf || !fp) {
		free(m);
		free(abuf);
		if (fp)
			fclose(fp);
		snprintf(v->note, sizeof(v->note), "out of memory");
		return VIEW_REDRAW;
	}
	arena_init(&a, abuf, DETAIL_ARENA);
	root = dec_packet(&a, &s->reply, m);
	out_text_packet(fp, root, 0);
	if (s->reply.truncated)
		fprintf(fp, "(kept %zu bytes of this reply)\n", s->reply.payload_len);
	fclose(fp);
	free(m);
	free(abuf);
	if (detail_lines(v) < 0) {
		detail_free(v);
		return VIEW_REDRAW;
	}
	v->detail = true;
	v->dtop = 0;
	return VIEW_REDRAW;
}

/* --- keys ------------------------------------------------------------------- */

struct key_row {
	const char *keys; /* as the help shows them */
	const char *help;
	int (*fn)(struct view *v, int ch);
	int codes[4];     /* 0-terminated */
};

static int
k_move(struct view *v, int ch)
{
	int d = (ch == KEY_UP || ch == 'k') ? -1 : (ch == KEY_NPAGE) ? 10 : (ch == KEY_PPAGE) ? -10 : 1;

	if (v->detail) {
		v->dtop += d;
		return VIEW_REDRAW;
	}
	v->sel += d;
	if (v->sel >= v->nsrv)
		v->sel = v->nsrv - 1;
	if (v->sel < 0)
		v->sel = 0;
	remember_sel(v);
	return VIEW_REDRAW;
}

static int
k_enter(struct view *v, int ch)
{
	(void)ch;
	if (v->detail)
		return 0;
	return detail_open(v);
}

static int
k_back(struct view *v, int ch)
{
	(void)ch;
	if (v->detail) {
		detail_free(v);
		return VIEW_REDRAW;
	}
	if (v->filter[0]) { /* Esc in the tables drops the filter */
		v->filter[0] = '\0';
		return VIEW_REDRAW;
	}
	return 0;
}

static int
k_quit(struct view *v, int ch)
{
	if (v->detail && ch == 'q')
		return k_back(v, ch);
	return VIEW_QUIT;
}

static int
k_pause(struct view *v, int ch)
{
	(void)ch;
	v->paused = !v->paused;
	v->ops->pause(v->arg, v->paused);
	return VIEW_REDRAW;
}

static int
k_sort(struct view *v, int ch)
{
	(void)ch;
	v->sort = (enum sort_key)((v->sort + 1) % SORT_MAX);
	return VIEW_REDRAW;
}

static int
k_filter(struct view *v, int ch)
{
	(void)ch;
	v->editing = true;
	snprintf(v->edit, sizeof(v->edit), "%s", v->filter);
	return VIEW_REDRAW;
}

static int
k_clear(struct view *v, int ch)
{
	(void)ch;
	detail_free(v);
	v->ops->reset(v->arg);
	v->sel = v->top = 0;
	v->nsrv = 0;
	v->note[0] = '\0';
	return VIEW_REDRAW;
}

static int
k_discover(struct view *v, int ch)
{
	char note[128] = "";

	(void)ch;
	v->ops->discover(v->arg, note, sizeof(note));
	v->note[0] = '\0'; /* the feeder's status line carries the outcome */
	return VIEW_REDRAW;
}

static int
k_help(struct view *v, int ch)
{
	(void)ch;
	v->help = !v->help;
	return VIEW_REDRAW;
}

static const struct key_row keys[] = {
	{"Up/Down j/k", "select a server (scroll the options)", k_move, {KEY_UP, KEY_DOWN, 'j', 'k'}},
	{"PgUp/PgDn", "move by ten rows", k_move, {KEY_PPAGE, KEY_NPAGE}},
	{"Enter", "every option of the server's latest reply", k_enter, {'\n', '\r', KEY_ENTER}},
	{"Esc", "close the options; drop the filter", k_back, {27}},
	{"p", "pause / resume", k_pause, {'p'}},
	{"s", "cycle the sort: last-seen, server-id, offers, naks, latency", k_sort, {'s'}},
	{"/", "filter by MAC or IP (substring)", k_filter, {'/'}},
	{"c", "clear everything seen so far", k_clear, {'c'}},
	{"d", "send a DISCOVER with the session's settings", k_discover, {'d'}},
	{"?", "this help", k_help, {'?'}},
	{"q", "close the options; quit the view", k_quit, {'q', 3}},
};
#define NKEYS ((int)(sizeof(keys) / sizeof(keys[0])))

static void
key_help_parts(int i, const char **ret_key, const char **ret_text)
{
	*ret_key = keys[i].keys;
	*ret_text = keys[i].help;
}

/* line i of the key help into b; i < 0 returns how many lines there are */
static int
key_help_line(int i, char *b, size_t cap)
{
	if (i >= 0 && i < NKEYS)
		snprintf(b, cap, "%-12s %s", keys[i].keys, keys[i].help);
	return NKEYS;
}

void
view_keys_print(FILE *fp)
{
	char b[128];

	for (int i = 0; i < NKEYS; i++) {
		key_help_line(i, b, sizeof(b));
		fprintf(fp, "%s\n", b);
	}
}

static int
edit_key(struct view *v, int ch)
{
	size_t n = strlen(v->edit);

	if (ch == 27) {
		v->editing = false;
	} else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		v->editing = false;
		snprintf(v->filter, sizeof(v->filter), "%s", v->edit);
		v->sel = v->top = 0;
	} else if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && n) {
		v->edit[n - 1] = '\0';
	} else if (ch < 128 && ch > 32 && (isxdigit(ch) || ch == ':' || ch == '.' || ch == '-') &&
		   n + 1 < sizeof(v->edit)) {
		v->edit[n] = (char)ch;
		v->edit[n + 1] = '\0';
	}
	return VIEW_REDRAW;
}

static int
handle_key(struct view *v, int ch)
{
	if (ch == KEY_RESIZE)
		return VIEW_REDRAW;
	if (v->editing)
		return edit_key(v, ch);
	if (v->help) {
		v->help = false;
		return VIEW_REDRAW;
	}
	for (int i = 0; i < NKEYS; i++)
		for (int j = 0; j < 4 && keys[i].codes[j]; j++)
			if (keys[i].codes[j] == ch)
				return keys[i].fn(v, ch);
	return 0;
}

/* --- loop glue -------------------------------------------------------------- */

static void
on_tick(void *arg)
{
	struct view *v = arg;

	v->armed = false;
	if (v->dirty) {
		v->dirty = false;
		draw(v);
	}
}

static void
on_idle(void *arg)
{
	struct view *v = arg;

	if (!v->paused)
		view_dirty(v);
	loop_timer_add(v->loop, IDLE_MS, on_idle, v);
}

void
view_dirty(struct view *v)
{
	v->dirty = true;
	if (!v->armed && !v->paused) {
		v->armed = true;
		loop_timer_add(v->loop, TICK_MS, on_tick, v);
	}
}

static void
on_key(void *arg, int fd, short revents)
{
	struct view *v = arg;
	int ch, r = 0;

	(void)fd;
	if (revents & (POLLHUP | POLLERR | POLLNVAL)) {
		loop_fd_del(v->loop, STDIN_FILENO);
		v->ops->quit(v->arg);
		return;
	}
	while ((ch = getch()) != ERR) {
		r |= handle_key(v, ch);
		if (r & VIEW_QUIT) {
			v->ops->quit(v->arg);
			return;
		}
	}
	if (r & VIEW_REDRAW)
		draw(v); /* keys answer at once; only packets wait for the tick */
}

static void
on_winch(void *arg, int signo)
{
	struct view *v = arg;
	struct winsize ws;

	(void)signo;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
	draw(v);
}

int
view_open(struct view **ret, struct loop *l, struct tracker *t, struct oui *oui,
	  const struct view_ops *ops, void *arg, char *err, size_t errlen)
{
	struct view *v = calloc(1, sizeof(*v));
	const char *nc = getenv("NO_COLOR");

	if (!v) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	setlocale(LC_CTYPE, "");
	v->scr = newterm(NULL, stdout, stdin);
	if (!v->scr) {
		snprintf(err, errlen, "terminal '%s' unknown to curses", getenv("TERM") ? getenv("TERM") : "");
		free(v);
		return -ENOTTY;
	}
	v->loop = l;
	v->trk = t;
	v->oui = oui;
	v->ops = ops;
	v->arg = arg;
	raw(); /* Ctrl-C arrives as a key: the view quits, the shell stays */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	v->color = has_colors() && !(nc && nc[0]);
	if (v->color) {
		start_color();
		use_default_colors();
		init_pair(PAIR_ROGUE, COLOR_RED, -1);
		init_pair(PAIR_HEAD, COLOR_CYAN, -1);
		init_pair(PAIR_STATUS, COLOR_BLACK, COLOR_CYAN);
	}
	loop_fd_add(l, STDIN_FILENO, POLLIN, on_key, v);
	loop_signal_add(l, SIGWINCH, on_winch, v);
	loop_timer_add(l, IDLE_MS, on_idle, v);
	*ret = v;
	draw(v);
	return 0;
}

void
view_close(struct view *v)
{
	if (!v)
		return;
	loop_fd_del(v->loop, STDIN_FILENO);
	loop_signal_del(v->loop, SIGWINCH);
	loop_timer_del(v->loop, on_tick, v);
	loop_timer_del(v->loop, on_idle, v);
	detail_free(v);
	curs_set(1);
	endwin();
	delscreen(v->scr);
	free(v);
}
