/* SPDX-License-Identifier: BSD-2-Clause */
/* session.c - what a session remembers of its probes: frames, offers, servers, the lease; save, show */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "frame.h"
#include "loop.h"
#include "obs.h"
#include "out.h"
#include "probe_int.h"
#include "tracker.h"
#include "xport_pcap.h"

struct sess_probe *
sp_get(struct sess *s)
{
	struct sess_probe *sp = s->probe;

	if (sp)
		return sp;
	sp = calloc(1, sizeof(*sp));
	if (!sp)
		return NULL;
	sp->offers = calloc(MAX_OFFERS, sizeof(*sp->offers));
	sp->servers = tracker_new(&(struct trk_cfg){.max_servers = 256, .max_txns = 64});
	if (!sp->offers || !sp->servers) {
		tracker_free(sp->servers);
		free(sp->offers);
		free(sp);
		return NULL;
	}
	arena_init(&sp->arena, sp->arena_mem, PROBE_ARENA);
	s->probe = sp;
	return sp;
}

/* `mac random`: one random chaddr for the whole session, so discover, request and inform are
 * one client; the argv form runs one command, so each gets a fresh one */
void
sp_chaddr(struct sess *s, struct sess_probe *sp, const struct probe_cfg *cfg, uint8_t mac[6])
{
	(void)s;
	if (!cfg->mac_random) {
		memcpy(mac, cfg->mac, 6);
		return;
	}
	if (!sp->have_mac) {
		probe_random_mac(sp->mac);
		sp->have_mac = true;
	}
	memcpy(mac, sp->mac, 6);
}

/* keep the frame for `save`/`show`, and feed the session's server table */
void
sp_record(struct sess_probe *sp, const struct probe_ev *ev, bool tx)
{
	struct rec *r;
	struct frame f;
	struct obs o;

	if (obs_parse(LINK_EN10MB, ev->frame, ev->len, ev->len, &ev->ts, &sp->msg, &f, &o) == 0)
		tracker_observe(sp->servers, &o, &f);
	if (sp->nrecs == MAX_RECS || sp->bytes + ev->len > MAX_REC_BYTES) {
		sp->recs_full = true;
		return;
	}
	if (sp->nrecs == sp->caprecs) {
		size_t n = sp->caprecs ? sp->caprecs * 2 : 64;
		struct rec *nr = realloc(sp->recs, n * sizeof(*nr));

		if (!nr)
			return;
		sp->recs = nr;
		sp->caprecs = n;
	}
	r = &sp->recs[sp->nrecs];
	r->data = malloc(ev->len ? ev->len : 1);
	if (!r->data)
		return;
	memcpy(r->data, ev->frame, ev->len);
	r->len = (uint32_t)ev->len;
	r->ts = ev->ts;
	r->tx = tx;
	sp->bytes += ev->len;
	sp->nrecs++;
}

static bool
tv_before(const struct timeval *a, const struct timeval *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_usec < b->tv_usec);
}

size_t
sp_servers_since(const struct sess_probe *sp, const struct timeval *since,
		 const struct trk_server **ret, size_t max)
{
	const struct trk_server *all[256];
	size_t n = tracker_servers(sp->servers, all, 256), k = 0;

	for (size_t i = 0; i < n && k < max; i++)
		if (!since || !tv_before(&all[i]->last, since))
			ret[k++] = all[i];
	return k;
}

void
dump_rec(pcap_dumper_t *d, const struct timeval *ts, const uint8_t *data, size_t len)
{
	struct pcap_pkthdr h;

	h.ts = *ts;
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)d, &h, data);
}

int
dump_close(struct sess *s, pcap_dumper_t *d, pcap_t *dead, const char *path)
{
	FILE *fp = pcap_dump_file(d);
	int err = 0;

	/* a full disk shows only here: pcap_dump has no status */
	errno = 0;
	if (pcap_dump_flush(d) < 0 || ferror(fp))
		err = errno ? errno : EIO;
	pcap_dump_close(d);
	pcap_close(dead);
	return err ? sess_io_err(s, path, err) : 0;
}

pcap_dumper_t *
dump_open(struct sess *s, const char *path, pcap_t **ret_dead)
{
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
	pcap_dumper_t *d;

	if (!dead) {
		sess_err(s, "out of memory");
		return NULL;
	}
	d = pcap_dump_open(dead, path);
	if (!d) {
		sess_err(s, "cannot write '%s': %s", path, pcap_geterr(dead));
		pcap_close(dead);
		return NULL;
	}
	*ret_dead = dead;
	return d;
}

/* a write that failed (a full disk) shows here: the session's run ends with 74 */
static void
writer_close(struct sess *s, struct sess_probe *sp)
{
	if (!sp->wdump)
		return;
	dump_close(s, sp->wdump, sp->wdead, sp->wpath);
	sp->wdump = NULL;
	sp->wdead = NULL;
	sp->wpath[0] = '\0';
}

pcap_dumper_t *
sp_writer(struct sess *s, struct sess_probe *sp, const char *path)
{
	if (sp->wdump && !strcmp(sp->wpath, path))
		return sp->wdump;
	writer_close(s, sp);
	sp->wdump = dump_open(s, path, &sp->wdead);
	if (sp->wdump)
		snprintf(sp->wpath, sizeof(sp->wpath), "%s", path);
	return sp->wdump;
}

int
cmd_save(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	const char *path = cmd_first_word(argc, argv);
	struct sess_probe *sp = s->probe;
	pcap_dumper_t *d;
	pcap_t *dead;
	size_t n = sp ? sp->nrecs : 0;
	FILE *fp;

	(void)cfg;
	if (!path) {
		sess_err(s, "usage: save FILE");
		return EX_USAGE;
	}
	d = dump_open(s, path, &dead);
	if (!d)
		return EX_CANTCREAT;
	for (size_t i = 0; i < n; i++)
		dump_rec(d, &sp->recs[i].ts, sp->recs[i].data, sp->recs[i].len);
	if (dump_close(s, d, dead, path))
		return EX_IOERR;
	fp = sess_out_begin(s);
	fprintf(fp, "%zu frame%s written to '%s'%s\n", n, n == 1 ? "" : "s", path,
	        sp && sp->recs_full ? " (the session's frame memory was full: later frames lost)"
	                            : "");
	sess_out_end(s);
	return 0;
}

static void
show_packet(struct sess *s, const struct probe_cfg *cfg, size_t rec)
{
	struct sess_probe *sp = s->probe;
	struct val *root;
	FILE *fp = sess_out_begin(s);

	arena_reset(&sp->arena);
	root = dec_captured(&sp->arena, LINK_EN10MB, sp->recs[rec].data, sp->recs[rec].len,
			    sp->recs[rec].len, &sp->msg, NULL);
	if (root) {
		if (cfg->json) {
			out_json(fp, root);
			fputc('\n', fp);
		} else {
			out_text_packet(fp, root, s->color ? OUT_COLOR : 0);
		}
	}
	fflush(fp);
	sess_out_end(s);
}

static int
show_offers(struct sess *s, const struct probe_cfg *cfg)
{
	struct sess_probe *sp = s->probe;
	FILE *fp = sess_out_begin(s);

	if (cfg->json)
		out_offers_json(fp, sp);
	else if (!sp->noffers)
		fputs("no offers (run 'discover')\n", fp);
	else
		out_offers_text(fp, sp);
	fflush(fp);
	sess_out_end(s);
	return 0;
}

int
cmd_show_probe(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	const char *what = argc > 0 ? argv[0] : "";

	if (!sp_get(s)) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	if (!strcmp(what, "offers"))
		return show_offers(s, cfg);
	if (!strcmp(what, "lease"))
		return out_lease_show(s, cfg);
	if (!strcmp(what, "servers"))
		return out_servers_show(s, cfg);
	if (!strcmp(what, "offer")) {
		char *end;
		long n = argc > 1 && argv[1] ? strtol(argv[1], &end, 10) : 0;

		if (argc < 2 || !argv[1] || *end || n < 1) {
			sess_err(s, "usage: show offer N");
			return EX_USAGE;
		}
		if (n > s->probe->noffers) {
			sess_err(s, "no offer %ld (%d from the last discover)", n,
			         s->probe->noffers);
			return DD_NEGATIVE;
		}
		show_packet(s, cfg, s->probe->offers[n - 1].rec);
		return 0;
	}
	sess_err(s, "usage: show offers|offer N|lease|servers");
	return EX_USAGE;
}

int
probe_offer_count(const struct sess *s)
{
	return s->probe ? s->probe->noffers : 0;
}

void
probe_sess_free(struct sess *s)
{
	struct sess_probe *sp = s->probe;

	if (!sp)
		return;
	/* diagnosing must not drain the pool: give back what we still hold */
	if (sp->lease.held && !sp->lease.keep && (sp->x.pcap || sp->x.udp)) {
		struct probe_cfg cfg = s->cfg;
		struct run r;

		/* NDJSON readers must not meet a line of text at the end; the RELEASE goes to
		 * the session's `write` file with the rest (it is still open) */
		cfg.json = sp->lease.json;
		cfg.json_results = sp->lease.json_results;
		cfg.relay = sp->lease.relay ? sp->x.udp_server : 0;
		snprintf(cfg.ifname, sizeof(cfg.ifname), "%s",
		         sp->lease.relay ? sp->x.udp_if : sp->x.pcap_if);
		if (run_begin(&r, s, &cfg, "release") == 0) {
			int st = lease_release(&r);

			if (cfg.json)
				out_result_json(&r, st, NULL, false, false);
		}
		run_end(&r);
	}
	writer_close(s, sp);
	for (size_t i = 0; i < sp->nrecs; i++)
		free(sp->recs[i].data);
	free(sp->recs);
	xport_close_at_exit(&sp->x); /* probe_sess_free runs when the session ends */
	tracker_free(sp->servers);
	free(sp->offers);
	free(sp);
	s->probe = NULL;
}
