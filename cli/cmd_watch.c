/* SPDX-License-Identifier: BSD-2-Clause */
/* cmd_watch.c - `watch [-i IFACE | -r FILE [--realtime]] [--duration S]`: live view or NDJSON */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "esc.h"
#include "frame.h"
#include "loop.h"
#include "metrics.h"
#include "msg.h"
#include "opt.h"
#include "out.h"
#include "obs.h"
#include "probe.h"
#include "probe_int.h"
#include "report.h"
#include "tracker.h"
#include "value.h"
#include "view.h"
#include "xport_file.h"
#include "xport_pcap.h"

#define FILE_BATCH 4096   /* records read per loop turn: keys and redraws stay responsive */
#define LIVE_BATCH 4096   /* captured frames handled per POLLIN */
#define HOLD_MAX 262144   /* a held record in --realtime replay (libpcap's largest snaplen) */
#define ARENA_SIZE 65536  /* one NDJSON event */
#define SUMMARY_SERVERS 256

struct watch {
	struct sess *s;
	struct loop *loop;
	struct probe_cfg cfg;
	struct tracker *trk;
	struct msg *msg;
	struct oui *oui;
	struct view *view;
	struct val_arena arena;
	void *abuf;
	FILE *out;
	/* source: exactly one of xf, xp */
	const char *path;
	struct xfile *xf;
	struct xpcap *xp;
	bool realtime, paused, eof, quit, signals;
	bool fifo;    /* the file is a FIFO, a pipe or a terminal: its reads may block */
	bool results; /* --json=results: the summary only */
	unsigned duration_ms;
	uint64_t t0_ms;
	/* --realtime: the record that is not due yet */
	bool have_first, holding;
	struct timeval first_ts;
	uint64_t replay_t0_ms, paused_ms, pause_start;
	struct pkt held;
	uint8_t *hold;
	/* rate over the last second, for the status line */
	uint64_t rate_t, rate_n;
	double rate;
	char note[320]; /* a message for the status line (`d`, end of file, errors) */
	int status;
	pcap_dumper_t *dump; /* -w: the session's file (not ours to close) */
	bool dump_warned;
};

static void file_pump(void *arg);

/* --- NDJSON ---------------------------------------------------------------- */

/* one server's members into object o: the shape every command uses (report.c) */
static void
server_val(struct watch *w, struct val *o, const struct trk_server *sv)
{
	rep_server(&w->arena, o, sv, w->oui);
}

static void
txn_val(struct watch *w, struct val *o, const struct trk_txn *x)
{
	struct val_arena *a = &w->arena;
	char prog[16];

	val_mac(a, o, "client", x->chaddr, x->hlen);
	val_hex(a, o, "xid", x->xid, 8);
	tracker_progress(x, prog, sizeof(prog));
	val_str(a, o, "progress", (const uint8_t *)prog, strlen(prog));
	val_cstr(a, o, "outcome", trk_outcome_names[x->outcome]);
	size_t n;
	const char *last = msg_type_name(x->last_type, &n);
	if (last)
		val_str(a, o, "last-message", (const uint8_t *)last, n);
	if (x->server)
		val_ip(a, o, "server-id", x->server);
	if (x->yiaddr)
		val_ip(a, o, "yiaddr", x->yiaddr);
	if (x->latency_us >= 0)
		val_uint(a, o, "latency-us", (uint64_t)x->latency_us);
	rep_time_val(a, o, "first-seen", &x->first);
	rep_time_val(a, o, "last-seen", &x->last);
}

static void
emit_val(struct watch *w, const struct val *root)
{
	out_json(w->out, root);
	fputc('\n', w->out);
}

static void
on_event(void *arg, enum trk_event ev, const struct trk_server *sv, const struct trk_txn *x)
{
	struct watch *w = arg;
	struct val *root;

	if (w->view || w->results)
		return;
	arena_reset(&w->arena);
	root = val_obj(&w->arena, NULL, NULL);
	if (sv) {
		val_cstr(&w->arena, root, "event", "server");
		val_cstr(&w->arena, root, "change", ev == TRK_EV_SERVER_NEW ? "new" : "changed");
		server_val(w, root, sv);
	} else {
		val_cstr(&w->arena, root, "event", "transaction");
		txn_val(w, root, x);
	}
	emit_val(w, root);
}

static void
emit_summary(struct watch *w)
{
	struct val_arena *a = &w->arena;
	const struct trk_counts *c = tracker_counts(w->trk);
	const struct trk_server *sv[SUMMARY_SERVERS];
	size_t n = tracker_servers(w->trk, sv, SUMMARY_SERVERS);
	struct val *root, *l;
	uint64_t el = loop_now_ms() - w->t0_ms;
	unsigned recv = 0, drop = 0;

	arena_reset(a);
	root = val_obj(a, NULL, NULL);
	val_cstr(a, root, "event", "summary");
	if (w->xp) {
		val_cstr(a, root, "interface", w->cfg.ifname);
		if (xpcap_stats(w->xp, &recv, &drop) == 0) {
			val_uint(a, root, "pcap-received", recv);
			val_uint(a, root, "pcap-dropped", drop);
		}
	} else {
		val_str(a, root, "file", (const uint8_t *)w->path, strlen(w->path));
	}
	val_uint(a, root, "packets", c->packets);
	val_uint(a, root, "dhcp", c->dhcp);
	val_uint(a, root, "skipped", c->skipped);
	val_uint(a, root, "elapsed-ms", el);
	val_uint(a, root, "packets-per-second", el ? c->packets * 1000 / el : c->packets);
	val_uint(a, root, "servers-evicted", c->servers_evicted);
	val_uint(a, root, "transactions-evicted", c->txns_evicted);
	val_uint(a, root, "transactions", tracker_ntxns(w->trk));
	l = val_list(a, root, "servers");
	for (size_t i = 0; i < n; i++)
		server_val(w, val_obj(a, l, NULL), sv[i]);
	emit_val(w, root);
	fflush(w->out);
}

/* --- feeding the tracker --------------------------------------------------- */

static void
feed(struct watch *w, const struct pkt *pk)
{
	struct frame f;
	struct obs o;

	/* -w: every frame seen, Ethernet ones (the session's file is Ethernet) */
	if (w->dump && pk->linktype == LINK_EN10MB) {
		dump_rec(w->dump, &pk->ts, pk->data, pk->caplen);
	} else if (w->dump && !w->dump_warned) {
		w->dump_warned = true;
		snprintf(w->note, sizeof(w->note), "-w: link type %d is not Ethernet: not written",
			 pk->linktype);
		if (!w->view)
			sess_err(w->s, "%s", w->note);
	}
	/* TCP (leasequery) and fragments carry no whole message to track */
	if (obs_parse(pk->linktype, pk->data, pk->caplen, pk->wirelen, &pk->ts, w->msg, &f, &o) < 0) {
		tracker_skip(w->trk);
		return;
	}
	tracker_observe(w->trk, &o, &f);
	if (w->cfg.nallow && !w->status) {
		const struct trk_server *sv[1];
		if (tracker_servers(w->trk, sv, 1) && sv[0]->rogue)
			w->status = DD_NEGATIVE; /* DESIGN §1: an unexpected server answered */
	}
}

static void
finish(struct watch *w)
{
	w->quit = true;
	loop_quit(w->loop, 0);
}

static void
source_done(struct watch *w)
{
	w->eof = true;
	if (!w->view)
		finish(w);
	else
		view_dirty(w->view);
}

static uint64_t
tv_ms(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000 + (uint64_t)tv->tv_usec / 1000;
}

/* --realtime: true when pk may be fed now; otherwise it is held and a timer set */
static bool
due_now(struct watch *w, const struct pkt *pk)
{
	uint64_t now = loop_now_ms(), off, due;

	if (!w->have_first) {
		w->have_first = true;
		w->first_ts = pk->ts;
		w->replay_t0_ms = now;
		w->paused_ms = 0;
	}
	off = tv_ms(&pk->ts) > tv_ms(&w->first_ts) ? tv_ms(&pk->ts) - tv_ms(&w->first_ts) : 0;
	due = w->replay_t0_ms + w->paused_ms + off;
	if (due <= now)
		return true;
	if (!w->holding) {
		size_t n = pk->caplen < HOLD_MAX ? pk->caplen : HOLD_MAX;
		memcpy(w->hold, pk->data, n);
		w->held = *pk;
		w->held.data = w->hold;
		w->held.caplen = n;
		w->holding = true;
	}
	loop_timer_add(w->loop, (unsigned)(due - now > UINT_MAX ? UINT_MAX : due - now), file_pump,
		       w);
	return false;
}

/*
 * A FIFO or a pipe blocks in read until its writer sends more: in NDJSON mode (where every
 * signal the loop watches stops the run) the read runs in the loop's interrupt mode, so
 * SIGTERM, SIGINT, SIGHUP or the deadline ends it with EINTR. The view watches SIGWINCH too,
 * which must not break a record in half: there reads keep SA_RESTART.
 */
static int
fifo_next(struct watch *w, struct pkt *pk, char *err, size_t errlen)
{
	bool intr = w->fifo && !w->view;
	int r;

	if (intr)
		loop_signal_interrupt(w->loop, true);
	r = xfile_next(w->xf, pk, err, errlen);
	if (intr)
		loop_signal_interrupt(w->loop, false);
	return r;
}

/* a read failed because a signal came (interrupt mode): let it stop us, not call the file
 * damaged */
static bool
stopped_in_read(struct watch *w)
{
	if (!w->fifo || !loop_signal_pending(w->loop))
		return false;
	loop_signal_dispatch(w->loop);
	if (!w->quit) /* not a stop after all: read on */
		loop_timer_add(w->loop, 0, file_pump, w);
	return true;
}

/* NDJSON to a reader that went away or a full disk: stop, exit 74 (cmd_run says why) */
static bool
out_failed(struct watch *w)
{
	if (sess_check_stdout(w->s) == 0) /* w->out is stdout */
		return false;
	w->status = EX_IOERR;
	finish(w);
	return true;
}

static void
file_pump(void *arg)
{
	struct watch *w = arg;
	struct pkt pk;
	char err[256];
	int r = 1;

	if (w->paused || w->eof || w->quit)
		return;
	if (w->holding) {
		if (!due_now(w, &w->held))
			return;
		w->holding = false;
		feed(w, &w->held);
	}
	for (int i = 0; i < FILE_BATCH; i++) {
		r = fifo_next(w, &pk, err, sizeof(err));
		if (r <= 0)
			break;
		if (w->realtime && !due_now(w, &pk))
			return;
		feed(w, &pk);
	}
	if (w->view)
		view_dirty(w->view);
	if (r < 0 && stopped_in_read(w))
		return;
	if (!w->view && out_failed(w))
		return;
	if (r < 0) {
		snprintf(w->note, sizeof(w->note), "damaged file: %s", err);
		if (!w->view)
			sess_err(w->s, "'%s' is damaged: %s", w->path, err);
		w->status = EX_NOINPUT;
	}
	if (r <= 0) {
		if (!w->note[0])
			snprintf(w->note, sizeof(w->note), "end of file");
		source_done(w);
		return;
	}
	loop_timer_add(w->loop, 0, file_pump, w);
}

static void
on_capture(void *arg, int fd, short revents)
{
	struct watch *w = arg;
	struct pkt pk;
	int r = 0;

	(void)fd;
	for (int i = 0; i < LIVE_BATCH; i++) {
		r = xpcap_next(w->xp, &pk);
		if (r <= 0)
			break;
		feed(w, &pk);
	}
	if (r < 0 || (revents & (POLLERR | POLLHUP | POLLNVAL))) {
		snprintf(w->note, sizeof(w->note), "capture failed: %s", strerror(r < 0 ? -r : EIO));
		loop_fd_del(w->loop, xpcap_fd(w->xp));
		if (!w->view)
			sess_err(w->s, "capture on '%s' failed: %s", w->cfg.ifname,
				 strerror(r < 0 ? -r : EIO));
		w->status = EX_SOFTWARE;
		source_done(w);
		return;
	}
	if (w->view)
		view_dirty(w->view);
	else
		out_failed(w); /* live: a reader sees events as they happen, one write per batch */
	if (w->dump)
		pcap_dump_flush(w->dump);
}

static void
on_duration(void *arg)
{
	finish(arg);
}

static void
on_signal(void *arg, int signo)
{
	(void)signo;
	finish(arg);
}

/* --- what the view asks for ------------------------------------------------ */

static void
vo_status(void *arg, char *buf, size_t cap)
{
	struct watch *w = arg;
	const struct trk_counts *c = tracker_counts(w->trk);
	uint64_t now = loop_now_ms();
	char src[96], drops[48] = "";
	unsigned recv, drop;

	if (now - w->rate_t >= 1000) {
		w->rate = (double)(c->packets - w->rate_n) * 1000.0 / (double)(now - w->rate_t);
		w->rate_t = now;
		w->rate_n = c->packets;
	}
	if (w->xp) {
		esc_term_buf(src, sizeof(src), (const uint8_t *)w->cfg.ifname, strlen(w->cfg.ifname));
		if (xpcap_stats(w->xp, &recv, &drop) == 0)
			snprintf(drops, sizeof(drops), "  drops %u", drop);
	} else {
		esc_term_buf(src, sizeof(src), (const uint8_t *)w->path, strlen(w->path));
	}
	snprintf(buf, cap, "%s %s  pkts %llu  dhcp %llu%s  %.0f/s%s%s%s", w->xp ? "iface" : "file",
		 src, (unsigned long long)c->packets, (unsigned long long)c->dhcp, drops, w->rate,
		 w->paused ? "  PAUSED" : "", w->note[0] ? "  " : "", w->note);
}

static void
vo_clear(void *arg)
{
	struct watch *w = arg;

	tracker_clear(w->trk);
	w->rate_n = 0;
	w->status = 0;
}

/* `d`: one DISCOVER with the session's settings; the replies come in through the capture */
static int
vo_discover(void *arg, char *note, size_t cap)
{
	struct watch *w = arg;
	const struct probe_cfg *c = &w->cfg;
	struct probe_target t = {.kind = PROBE_DISCOVER, .requested = c->requested};
	struct msg *m;
	uint8_t frame[1600];
	uint8_t *mac = t.chaddr;
	int n, r;
	size_t flen;

	if (!w->xp) {
		snprintf(note, cap, "d needs a live interface (watch -i IFACE)");
		return -ENOTSUP;
	}
	m = malloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	if (c->mac_random)
		probe_random_mac(t.chaddr);
	else
		memcpy(t.chaddr, c->mac, 6);
	/* the same DISCOVER the discover command sends first */
	n = probe_build_frame(c, &t, probe_random_u32(), 0, 1, m, frame, sizeof(frame));
	free(m);
	if (n < 0) {
		snprintf(note, cap, "DISCOVER does not fit in a frame");
		return n;
	}
	flen = (size_t)n;
	/* the time before sending: a fast server's reply can be stamped by the kernel
	 * before inject even returns, and a later time here made its latency negative */
	struct pkt pk = {.data = frame, .caplen = flen, .wirelen = flen, .linktype = LINK_EN10MB};
	gettimeofday(&pk.ts, NULL);
	r = xpcap_inject(w->xp, frame, flen);
	if (r >= 0) {
		/* a capture does not see its own handle's frames: observe ours here, so that
		 * the transaction starts with its D and the replies get a latency */
		feed(w, &pk);
	}
	if (r < 0)
		snprintf(note, cap, "DISCOVER not sent: %s", strerror(-r));
	else
		snprintf(note, cap, "DISCOVER sent from %02x:%02x:%02x:%02x:%02x:%02x", mac[0],
			 mac[1], mac[2], mac[3], mac[4], mac[5]);
	snprintf(w->note, sizeof(w->note), "%s", note);
	return r < 0 ? r : 0;
}

static void
vo_pause(void *arg, bool paused)
{
	struct watch *w = arg;
	uint64_t now = loop_now_ms();

	if (paused == w->paused)
		return;
	w->paused = paused;
	if (paused) {
		w->pause_start = now;
		return;
	}
	w->paused_ms += now - w->pause_start; /* --realtime keeps its pace after a pause */
	if (w->xf && !w->eof)
		loop_timer_add(w->loop, 0, file_pump, w);
}

static void
vo_quit(void *arg)
{
	finish(arg);
}

static const struct view_ops view_ops = {
	.status = vo_status,
	.reset = vo_clear,
	.discover = vo_discover,
	.pause = vo_pause,
	.quit = vo_quit,
};

/* --- the command ----------------------------------------------------------- */

static int
parse_duration(struct watch *w, const char *v)
{
	char *end;
	double d = strtod(v, &end);

	if (*end || end == v || !(d > 0) || d > 86400.0 * 365) {
		sess_err(w->s, "--duration '%s' is not a number of seconds (0 < s)", v);
		return EX_USAGE;
	}
	w->duration_ms = (unsigned)(d * 1000 + 0.5);
	if (!w->duration_ms)
		w->duration_ms = 1;
	return 0;
}

/* argv[0] is "watch"; -i and the settings flags were taken by cmd_run */
static int
parse_args(struct watch *w, int argc, char **argv, bool *ret_json)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-r") == 0 || strcmp(a, "--read") == 0) {
			if (i + 1 >= argc) {
				sess_err(w->s, "-r needs a capture file");
				return EX_USAGE;
			}
			w->path = argv[++i];
		} else if (strcmp(a, "--realtime") == 0) {
			w->realtime = true;
		} else if (strcmp(a, "--ndjson") == 0) {
			*ret_json = true;
		} else if (strncmp(a, "--duration=", 11) == 0) {
			if (parse_duration(w, a + 11))
				return EX_USAGE;
		} else if (strcmp(a, "--duration") == 0) {
			if (i + 1 >= argc) {
				sess_err(w->s, "--duration needs a number of seconds");
				return EX_USAGE;
			}
			if (parse_duration(w, argv[++i]))
				return EX_USAGE;
		} else if ((a[0] != '-' || !a[1]) && !w->path) {
			w->path = a; /* `watch FILE` reads like `decode FILE` */
		} else {
			sess_err(w->s,
				 "unexpected '%s' (watch [-i IFACE | -r FILE [--realtime]] "
				 "[--duration S] [--allow-server IP|MAC,...])",
				 a);
			return EX_USAGE;
		}
	}
	return 0;
}

static void
on_cancel(void *arg)
{
	finish(arg);
}

/* the file's reads may block (a FIFO, a pipe, a terminal): a regular file's never do */
static bool
may_block(const char *path)
{
	struct stat st;
	int r = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(path, &st);

	return r == 0 && !S_ISREG(st.st_mode);
}

static int
open_source(struct watch *w, bool json)
{
	char err[512];
	int r;

	if (w->path) {
		/* opening a FIFO waits for its writer: a signal must end that too */
		w->fifo = may_block(w->path);
		if (w->fifo && json)
			loop_signal_interrupt(w->loop, true);
		r = xfile_open(w->path, NULL, &w->xf, err, sizeof(err));
		loop_signal_interrupt(w->loop, false);
		if (r < 0 && w->fifo && loop_signal_pending(w->loop)) {
			loop_signal_dispatch(w->loop); /* the stop is recorded, and we finish */
			if (sess_stopping(w->s))
				return -1;
		}
		if (r < 0) {
			sess_err(w->s, "%s", err);
			return r == -EINVAL ? EX_USAGE : EX_NOINPUT;
		}
		return 0;
	}
	if (!w->cfg.ifname[0]) {
		sess_err(w->s, "no interface: say which one with -i IFACE (or replay a file with "
			       "-r FILE)");
		return EX_USAGE;
	}
	r = xpcap_open(w->cfg.ifname, XPCAP_RING_WATCH, &w->xp, err, sizeof(err));
	if (r < 0) {
		sess_err(w->s, "%s", err);
		return r == -EPERM || r == -EACCES ? EX_NOPERM : r == -EINVAL ? EX_USAGE
									: EX_NOINPUT;
	}
	/* the capture is open and nothing more will be: a one-shot watch gives up root and
	 * every capability (an interactive one may open another interface later) */
	return xport_drop_privileges(w->s, &w->cfg);
}

/* after the view closes: what it saw, in one line on stderr */
static void
text_summary(struct watch *w)
{
	const struct trk_counts *c = tracker_counts(w->trk);
	uint64_t el = loop_now_ms() - w->t0_ms;
	unsigned recv = 0, drop = 0;

	size_t ns = tracker_nservers(w->trk);

	fprintf(stderr, "watch: %llu packets (%llu DHCP) in %.1f s, %zu server%s",
		(unsigned long long)c->packets, (unsigned long long)c->dhcp, el / 1000.0, ns,
		ns == 1 ? "" : "s");
	if (w->xp && xpcap_stats(w->xp, &recv, &drop) == 0)
		fprintf(stderr, "; capture: %u received, %u dropped", recv, drop);
	fputc('\n', stderr);
}

static void
watch_done(struct watch *w)
{
	if (w->dump)
		pcap_dump_flush(w->dump);
	if (w->xp) {
		loop_fd_del(w->loop, xpcap_fd(w->xp));
		xpcap_free(w->xp);
	}
	loop_timer_del(w->loop, file_pump, w);
	loop_timer_del(w->loop, on_duration, w);
	if (w->signals) {
		loop_signal_del(w->loop, SIGINT);
		loop_signal_del(w->loop, SIGTERM);
		loop_signal_del(w->loop, SIGHUP);
	}
	xfile_free(w->xf);
	tracker_free(w->trk);
	oui_free(w->oui);
	free(w->msg);
	free(w->abuf);
	free(w->hold);
}

/* --metrics at the end (of --duration, q, a signal): every server seen, as discover writes them */
static int
watch_metrics(struct watch *w, const struct timeval *start, int st)
{
	const struct trk_server *sv[SUMMARY_SERVERS];
	struct met_run m = {.command = "watch", .ifname = w->xp ? w->cfg.ifname : "",
			    .start = *start, .status = st};
	size_t n = tracker_servers(w->trk, sv, SUMMARY_SERVERS);
	char err[512];

	m.duration = (double)(loop_now_ms() - w->t0_ms) / 1000.0;
	if (metrics_write_servers(w->cfg.metrics_path, &m, sv, n, err, sizeof(err)) < 0) {
		sess_err(w->s, "%s", err);
		return st ? st : EX_CANTCREAT;
	}
	return st;
}

static int
run(struct watch *w, bool use_view)
{
	char err[256];
	int r;

	if (use_view) {
		shell_suspend(w->s);
		r = view_open(&w->view, w->loop, w->trk, w->oui, &view_ops, w, err, sizeof(err));
		if (r < 0) {
			shell_resume(w->s);
			sess_err(w->s, "cannot start the view: %s", err);
			return EX_SOFTWARE;
		}
	}
	if (w->s->shell) {
		/* a signal ends the stream (or closes the view) and the summary follows; in
		 * the shell Ctrl-C ends the stream, not the shell */
		shell_set_cancel(w->s, on_cancel, w);
	} else {
		/* no session signals: SIGINT, SIGTERM and SIGHUP end the stream with its summary */
		loop_signal_add(w->loop, SIGINT, on_signal, w);
		loop_signal_add(w->loop, SIGTERM, on_signal, w);
		loop_signal_add(w->loop, SIGHUP, on_signal, w);
		w->signals = true;
	}
	if (w->xp)
		loop_fd_add(w->loop, xpcap_fd(w->xp), POLLIN, on_capture, w);
	else
		loop_timer_add(w->loop, 0, file_pump, w);
	if (w->duration_ms)
		loop_timer_add(w->loop, w->duration_ms, on_duration, w);
	if (sess_stopping(w->s)) /* a signal or the deadline came while it was opening */
		finish(w);
	while (!w->quit)
		loop_run(w->loop);
	if (w->view) {
		view_close(w->view);
		w->view = NULL;
		shell_resume(w->s);
		text_summary(w);
	} else {
		shell_set_cancel(w->s, NULL, NULL);
		emit_summary(w);
	}
	return w->status;
}

int
cmd_watch(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct watch w = {.s = s, .cfg = *cfg, .out = stdout};
	struct trk_cfg tc = {.allow = cfg->allow, .nallow = cfg->nallow, .event = on_event};
	bool json = cfg->json, own_loop = false;
	struct timeval start;
	int r;

	r = parse_args(&w, argc, argv, &json);
	if (r)
		return r;
	if (w.realtime && !w.path) {
		sess_err(s, "--realtime is for replaying a file (-r FILE)");
		return EX_USAGE;
	}
	json = json || !isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO);
	w.loop = s->loop;
	if (!w.loop) {
		w.loop = loop_new();
		own_loop = true;
	}
	tc.event_arg = &w;
	w.trk = tracker_new(&tc);
	w.msg = malloc(sizeof(*w.msg));
	w.abuf = malloc(ARENA_SIZE);
	w.hold = w.realtime ? malloc(HOLD_MAX) : NULL;
	w.oui = oui_new(OUI_PATH);
	if (!w.loop || !w.trk || !w.msg || !w.abuf || !w.oui || (w.realtime && !w.hold)) {
		sess_err(s, "out of memory");
		r = EX_SOFTWARE;
		goto out;
	}
	arena_init(&w.arena, w.abuf, ARENA_SIZE);
	/* -w FILE: what the view sees goes to the session's capture file too; opened before the
	 * capture, after which a one-shot watch gives up root */
	if (cfg->write_path[0]) {
		struct sess_probe *sp = sp_get(s);

		w.dump = sp ? sp_writer(s, sp, cfg->write_path) : NULL;
		if (!w.dump) {
			r = sp ? EX_CANTCREAT : EX_SOFTWARE;
			goto out;
		}
	}
	w.results = json && cfg->json && cfg->json_results;
	w.t0_ms = w.rate_t = loop_now_ms();
	if (s->shell)
		shell_set_cancel(s, on_cancel, &w); /* a signal while a FIFO opens, for one */
	r = open_source(&w, json);
	shell_set_cancel(s, NULL, NULL);
	if (r < 0) { /* stopped before the source was open: the summary of nothing */
		if (json)
			emit_summary(&w);
		r = w.status;
		goto out;
	}
	if (r)
		goto out;
	w.t0_ms = w.rate_t = loop_now_ms();
	gettimeofday(&start, NULL);
	r = run(&w, !json);
	if (w.cfg.metrics_path[0])
		r = watch_metrics(&w, &start, r);
out:
	watch_done(&w);
	if (own_loop)
		loop_free(w.loop);
	return r;
}
