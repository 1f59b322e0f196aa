/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cmd_decode.c - `decode FILE... [--json] [--filter EXPR] [--brief] [--threads N]`:
 * offline decode of captures.
 *
 * The main thread reads records into batches; worker threads decode and print
 * whole batches into memory; the main thread writes the finished batches out
 * in file order. Output is the same byte for byte whatever the thread count.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "decode.h"
#include "frame.h"
#include "keys.h"
#include "msg.h"
#include "out.h"
#include "value.h"
#include "xport_file.h"

#define ARENA_SIZE (4u << 20)
#define BATCH_PKTS 128         /* records a batch holds at most */
#define BATCH_DATA (256u << 10) /* and bytes of record data */
#define MAX_THREADS 16
#define MAX_WARN 8             /* "too many values" warnings kept a batch */

struct rec {
	struct timeval ts;
	size_t off, caplen, wirelen;
	unsigned long n; /* record number in its file */
	int linktype;
};

struct batch {
	/* filled by the reader */
	const char *path;
	size_t count, used;
	struct rec rec[BATCH_PKTS];
	uint8_t *data;
	/* filled by a worker */
	FILE *mem; /* open_memstream: out/outcap; this batch's text is out[0, outlen) */
	char *out;
	size_t outcap, outlen;
	bool failed; /* the memory stream could not grow */
	unsigned long dhcp, other, damaged;
	unsigned long warn[MAX_WARN];
	size_t nwarn;
};

/* what one worker needs for itself */
struct worker {
	struct decode_pool *pool;
	pthread_t tid;
	struct msg *msg;
	struct val_arena arena;
	void *abuf;
	time_t tcache; /* the last second formatted, and its text */
	char tbuf[32];
};

struct decode_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch *slots;
	size_t nslots;
	/* batch sequence numbers: filled < this were handed over, taken < this
	 * were picked up by a worker; done[seq % nslots] when one is finished */
	unsigned long filled, taken;
	bool *done;
	bool closing;
	bool json, many;
	unsigned flags;
	struct worker *w;
	int nalloc, nworkers; /* workers allocated, threads running */
};

/* ISO 8601 in UTC, so output does not depend on where it runs */
static const char *
fmt_time(struct worker *w, const struct timeval *tv)
{
	static const char digits[] = "0123456789";
	char *p;
	long us = (long)tv->tv_usec;

	if (tv->tv_sec != w->tcache || !w->tbuf[0]) {
		struct tm tm;
		time_t t = tv->tv_sec;
		if (!gmtime_r(&t, &tm) || !strftime(w->tbuf, sizeof(w->tbuf), "%Y-%m-%dT%H:%M:%S", &tm))
			strcpy(w->tbuf, "0000-00-00T00:00:00");
		w->tcache = tv->tv_sec;
	}
	p = w->tbuf + strlen("0000-00-00T00:00:00");
	*p++ = '.';
	if (us < 0 || us > 999999)
		us = 0;
	for (int i = 5; i >= 0; i--) {
		p[i] = digits[us % 10];
		us /= 10;
	}
	p[6] = 'Z';
	p[7] = '\0';
	return w->tbuf;
}

static void
one_packet(struct worker *w, struct batch *b, const struct rec *r)
{
	struct decode_pool *p = w->pool;
	struct frame f;
	int rc = frame_parse(r->linktype, b->data + r->off, r->caplen, r->wirelen, &f);

	if (rc == -EBADMSG) {
		b->damaged++;
		return;
	}
	/* not DHCP, or a TCP segment on port 67 that carries no data (handshake, ACK) */
	if (rc < 0 || (f.ip_proto == 6 && f.payload_len == 0)) {
		b->other++;
		return;
	}
	b->dhcp++;
	arena_reset(&w->arena);
	struct val *root = dec_packet(&w->arena, &f, w->msg);
	struct val *t = val_cstr(&w->arena, NULL, K(TIME), fmt_time(w, &r->ts));
	struct val *num = val_uint(&w->arena, NULL, K(N), r->n);
	val_prepend(root, t);
	val_prepend(root, num);
	if (p->many)
		val_prepend(root, val_cstr(&w->arena, NULL, K(FILE), b->path));
	if (p->json) {
		out_json(b->mem, root);
		fputc('\n', b->mem);
	} else {
		out_text_packet(b->mem, root, p->flags);
	}
	if (w->arena.full && b->nwarn < MAX_WARN)
		b->warn[b->nwarn++] = r->n;
}

static void
run_batch(struct worker *w, struct batch *b)
{
	b->dhcp = b->other = b->damaged = 0;
	b->nwarn = 0;
	b->failed = false;
	if (!b->mem)
		b->mem = open_memstream(&b->out, &b->outcap);
	if (!b->mem) {
		b->failed = true;
		return;
	}
	rewind(b->mem);
	for (size_t i = 0; i < b->count; i++)
		one_packet(w, b, &b->rec[i]);
	/* the stream's position is the length of this batch's text */
	if (fflush(b->mem) != 0 || ferror(b->mem)) {
		b->failed = true;
		return;
	}
	off_t end = ftello(b->mem);
	b->outlen = end > 0 ? (size_t)end : 0;
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct decode_pool *p = w->pool;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->taken == p->filled && !p->closing)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->taken == p->filled)
			break; /* closing and nothing left */
		unsigned long seq = p->taken++;
		pthread_mutex_unlock(&p->mu);
		run_batch(w, &p->slots[seq % p->nslots]);
		pthread_mutex_lock(&p->mu);
		p->done[seq % p->nslots] = true;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct decode_run {
	struct decode_pool pool;
	unsigned long written; /* batches written out so far */
	unsigned long dhcp, other, damaged;
	bool out_failed;
};

/* wait for batch seq, write it out and count it; its slot is then free */
static void
drain_one(struct decode_run *d, unsigned long seq)
{
	struct decode_pool *p = &d->pool;
	struct batch *b = &p->slots[seq % p->nslots];

	pthread_mutex_lock(&p->mu);
	while (!p->done[seq % p->nslots])
		pthread_cond_wait(&p->cv, &p->mu);
	p->done[seq % p->nslots] = false;
	pthread_mutex_unlock(&p->mu);
	if (b->failed)
		d->out_failed = true;
	else if (b->outlen)
		fwrite(b->out, 1, b->outlen, stdout);
	for (size_t i = 0; i < b->nwarn; i++)
		fprintf(stderr, "warning: packet %lu has more values than fit in %u KiB; the rest was not shown\n",
			b->warn[i], ARENA_SIZE >> 10);
	d->dhcp += b->dhcp;
	d->other += b->other;
	d->damaged += b->damaged;
	d->written = seq + 1;
}

/* hand the batch being filled to the workers; make sure the next slot is free */
static void
submit(struct decode_run *d)
{
	struct decode_pool *p = &d->pool;
	struct batch *b = &p->slots[p->filled % p->nslots];

	if (!b->count)
		return;
	pthread_mutex_lock(&p->mu);
	p->filled++;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	/* the reader alone moves `filled`, so it may read it unlocked */
	if (p->filled - d->written >= p->nslots)
		drain_one(d, d->written);
	b = &p->slots[p->filled % p->nslots];
	b->count = b->used = 0;
}

static int
one_file(struct sess *s, struct decode_run *d, const char *path, const char *filter)
{
	struct decode_pool *p = &d->pool;
	char err[512];
	struct xfile *x;
	struct pkt pk;
	unsigned long n = 0;
	int r = xfile_open(path, filter, &x, err, sizeof(err));

	if (r < 0) {
		sess_err(s, "%s", err);
		return r == -EINVAL ? EX_USAGE : EX_NOINPUT;
	}
	while ((r = xfile_next(x, &pk, err, sizeof(err))) > 0) {
		struct batch *b = &p->slots[p->filled % p->nslots];
		size_t len = pk.caplen;
		n++;
		if (b->count == BATCH_PKTS || len > BATCH_DATA - b->used) {
			submit(d);
			b = &p->slots[p->filled % p->nslots];
		}
		if (len > BATCH_DATA)
			len = BATCH_DATA; /* libpcap caps records far below this */
		b->path = path;
		b->rec[b->count] = (struct rec){.ts = pk.ts, .off = b->used, .caplen = len,
						.wirelen = pk.wirelen, .n = n, .linktype = pk.linktype};
		memcpy(b->data + b->used, pk.data, len);
		b->used += len;
		b->count++;
	}
	xfile_free(x);
	/* everything of this file goes out before its error message */
	submit(d);
	while (d->written < p->filled)
		drain_one(d, d->written);
	fflush(stdout);
	if (r < 0) {
		sess_err(s, "'%s' is damaged after record %lu: %s", path, n, err);
		return EX_NOINPUT;
	}
	return 0;
}

static int
thread_count(const char *arg, int *ret)
{
	char *end;
	long n;

	if (!arg) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		*ret = n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
		return 0;
	}
	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || end == arg || *end || n < 1 || n > MAX_THREADS)
		return -1;
	*ret = (int)n;
	return 0;
}

static void
pool_free(struct decode_pool *p)
{
	if (p->w) {
		for (int i = 0; i < p->nalloc; i++) {
			free(p->w[i].abuf);
			free(p->w[i].msg);
		}
	}
	if (p->slots) {
		for (size_t i = 0; i < p->nslots; i++) {
			if (p->slots[i].mem)
				fclose(p->slots[i].mem);
			free(p->slots[i].out);
			free(p->slots[i].data);
		}
	}
	free(p->w);
	free(p->slots);
	free(p->done);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
}

/* allocate slots and workers and start the threads; -1 when out of memory */
static int
pool_start(struct decode_pool *p, int nworkers)
{
	int started = 0;

	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	/* two batches a worker in flight, plus the one being filled */
	p->nslots = (size_t)nworkers * 2 + 1;
	p->slots = calloc(p->nslots, sizeof(*p->slots));
	p->done = calloc(p->nslots, sizeof(*p->done));
	p->w = calloc((size_t)nworkers, sizeof(*p->w));
	if (!p->slots || !p->done || !p->w)
		return -1;
	p->nalloc = nworkers;
	for (size_t i = 0; i < p->nslots; i++)
		if (!(p->slots[i].data = malloc(BATCH_DATA)))
			return -1;
	for (int i = 0; i < nworkers; i++) {
		struct worker *w = &p->w[i];
		w->pool = p;
		w->msg = malloc(sizeof(*w->msg));
		w->abuf = malloc(ARENA_SIZE);
		if (!w->msg || !w->abuf)
			return -1;
		arena_init(&w->arena, w->abuf, ARENA_SIZE);
	}
	for (int i = 0; i < nworkers; i++) {
		if (pthread_create(&p->w[i].tid, NULL, worker_main, &p->w[i]) != 0)
			break;
		started++;
	}
	p->nworkers = started;
	return started ? 0 : -1;
}

static void
pool_stop(struct decode_pool *p)
{
	pthread_mutex_lock(&p->mu);
	p->closing = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->nworkers; i++)
		pthread_join(p->w[i].tid, NULL);
}

#define USAGE "decode FILE... [--json] [--filter EXPR] [--brief] [--threads N]"

int
cmd_decode(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct decode_run d = {.pool = {.json = cfg->json}};
	const char *filter = NULL, *threads = NULL;
	int status = 0, files = 0, nthreads;
	bool brief = false;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--filter") == 0 || strcmp(argv[i], "--threads") == 0) {
			if (i + 1 >= argc) {
				sess_err(s, "%s needs %s", argv[i],
					 argv[i][2] == 'f' ? "a BPF expression" : "a number");
				return EX_USAGE;
			}
			if (argv[i][2] == 'f')
				filter = argv[++i];
			else
				threads = argv[++i];
		} else if (strcmp(argv[i], "--brief") == 0) {
			brief = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			sess_err(s, "unknown flag '%s' (" USAGE ")", argv[i]);
			return EX_USAGE;
		} else {
			files++;
		}
	}
	if (!files) {
		sess_err(s, "no capture file given (" USAGE ")");
		return EX_USAGE;
	}
	if (thread_count(threads, &nthreads) < 0) {
		sess_err(s, "--threads takes a number from 1 to %d, not '%s'", MAX_THREADS, threads);
		return EX_USAGE;
	}
	d.pool.many = files > 1;
	d.pool.flags = (brief ? OUT_BRIEF : 0) | (s->color ? OUT_COLOR : 0);
	if (pool_start(&d.pool, nthreads) < 0) {
		pool_stop(&d.pool);
		pool_free(&d.pool);
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	fflush(stdout);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--filter") == 0 || strcmp(argv[i], "--threads") == 0) {
			i++;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1])
			continue;
		int r = one_file(s, &d, argv[i], filter);
		if (r && !status)
			status = r;
		if (r == EX_USAGE)
			break;
	}
	pool_stop(&d.pool);
	pool_free(&d.pool);
	if (d.out_failed) {
		sess_err(s, "out of memory while formatting; some packets were not shown");
		if (!status)
			status = EX_SOFTWARE;
	}
	fprintf(stderr, "decode: %lu DHCP packets decoded, %lu other packets skipped", d.dhcp,
		d.other);
	if (d.damaged)
		fprintf(stderr, ", %lu frames with damaged headers", d.damaged);
	fputc('\n', stderr);
	return status;
}
