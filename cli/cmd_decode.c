/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cmd_decode.c - `decode FILE...|-r FILE [--json] [--brief] [--filter EXPR] [-l] [--threads N]`:
 * decode of captures, and of pipes as their packets come.
 *
 * Each worker thread in turn reads a batch of records from the file (one
 * reads at a time), decodes and prints the batch into memory of its own,
 * and then whichever worker finishes the oldest batch not yet written writes
 * it and every finished batch after it to stdout. So output keeps file order
 * and is the same byte for byte whatever the thread count, and no thread
 * waits on another except for its turn at the file or for a free slot.
 *
 * A stream (pipe, FIFO, terminal) is decoded live on the calling thread
 * alone, in batches of one record, each written and flushed as it comes:
 * the same code prints it, so the bytes are those of the batch decode.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <pthread.h>
#include <stdatomic.h>
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
#define BATCH_PKTS 256         /* records a batch holds at most */
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
	/* filled by the worker that reads it */
	size_t count, used;
	struct rec rec[BATCH_PKTS];
	uint8_t *data;
	/* filled when it is decoded: its text, what it held, its warnings */
	struct out_mem out;
	unsigned long dhcp, other, damaged;
	unsigned long warn[MAX_WARN];
	size_t nwarn;
	bool done; /* decoded, not yet written */
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
	/* the file being read, under rd_mu: one worker reads at a time */
	pthread_mutex_t rd_mu;
	struct xfile *x;
	const char *path;
	unsigned long nrec;  /* records read from it */
	unsigned long next;  /* sequence number of the next batch */
	bool eof;
	bool held;           /* pending is a record that did not fit the last batch; */
	struct pkt pending;  /* its data stays valid until the next xfile_next */
	int rd_err;          /* xfile_next's error, message in err */
	char err[512];
	/* the slots, under mu: batch seq lives in slots[seq % nslots] */
	pthread_mutex_t mu;
	pthread_cond_t cv;   /* a slot was written out and is free again */
	struct batch *slots;
	size_t nslots;
	unsigned long written; /* batches written out */
	bool writing;          /* a worker is writing batches out */
	/* totals, kept by the writing worker */
	unsigned long dhcp, other, damaged;
	bool out_failed;
	int write_err;       /* errno of the first failed write to stdout */
	atomic_bool stop;    /* a signal came, or stdout failed: read no more */
	/* settings */
	bool json, many;
	bool live;           /* this file is a stream: one record a batch, flushed */
	bool flush;          /* -l: flush stdout after every batch, a file's too */
	unsigned flags;
	struct worker *w;
	int nworkers;
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
	int rc;
	struct val *root;

	arena_reset(&w->arena);
	root = dec_captured(&w->arena, r->linktype, b->data + r->off, r->caplen, r->wirelen, w->msg,
			    &rc);
	if (rc == -EBADMSG) {
		b->damaged++;
		return;
	}
	/* not DHCP, or a TCP segment on port 67 that carries no data (handshake, ACK) */
	if (rc < 0) {
		b->other++;
		return;
	}
	b->dhcp++;
	struct val *t = val_cstr(&w->arena, NULL, K(TIME), fmt_time(w, &r->ts));
	struct val *num = val_uint(&w->arena, NULL, K(N), r->n);
	val_prepend(root, t);
	val_prepend(root, num);
	if (p->many)
		val_prepend(root, val_cstr(&w->arena, NULL, K(FILE), p->path));
	if (p->json)
		out_json_line_mem(&b->out, root);
	else
		out_text_packet_mem(&b->out, root, p->flags);
	if (w->arena.full && b->nwarn < MAX_WARN)
		b->warn[b->nwarn++] = r->n;
}

/* read the next records of the file into b (rd_mu held); false at the end */
static bool
fill(struct decode_pool *p, struct batch *b)
{
	struct pkt pk;
	int r;

	b->count = b->used = 0;
	/* a signal or a failed write stops the reading, checked once a batch */
	if (atomic_load_explicit(&p->stop, memory_order_relaxed) || intr_signal())
		return false;
	while (b->count < (p->live ? 1 : BATCH_PKTS)) {
		if (p->held) {
			pk = p->pending;
			p->held = false;
		} else {
			if (p->eof)
				break;
			r = xfile_next(p->x, &pk, p->err, sizeof(p->err));
			if (r == -EINTR && !intr_signal())
				continue; /* another signal woke the wait: wait on */
			if (r <= 0) {
				p->eof = true;
				p->rd_err = r == -EINTR ? 0 : r;
				break;
			}
		}
		/* records reach 256 KiB at most (= BATCH_DATA), except for a few link types
		 * libpcap reads (D-Bus, USBPcap ...), whose longer records are cut here */
		size_t len = pk.caplen < BATCH_DATA ? pk.caplen : BATCH_DATA;
		if (len > BATCH_DATA - b->used) {
			/* no room for this one: it opens the next batch */
			p->pending = pk;
			p->held = true;
			break;
		}
		p->nrec++;
		b->rec[b->count++] = (struct rec){.ts = pk.ts, .off = b->used, .caplen = len,
						  .wirelen = pk.wirelen, .n = p->nrec,
						  .linktype = pk.linktype};
		memcpy(b->data + b->used, pk.data, len);
		b->used += len;
	}
	return b->count > 0;
}

/* a finished batch to stdout, its counts to the totals (the writing worker only) */
static void
write_batch(struct decode_pool *p, struct batch *b)
{
	if (b->out.failed)
		p->out_failed = true;
	else if (b->out.len && !p->write_err &&
		 fwrite(b->out.buf, 1, b->out.len, stdout) != b->out.len)
		p->write_err = errno ? errno : EIO;
	if ((p->live || p->flush) && !p->write_err && fflush(stdout) != 0)
		p->write_err = errno ? errno : EIO;
	if (p->write_err)
		atomic_store(&p->stop, true); /* decoding what cannot be written is no use */
	for (size_t i = 0; i < b->nwarn; i++)
		fprintf(stderr, "warning: packet %lu has more values than fit in %u KiB; the rest was not shown\n",
			b->warn[i], ARENA_SIZE >> 10);
	p->dhcp += b->dhcp;
	p->other += b->other;
	p->damaged += b->damaged;
}

/* batch seq is decoded: write it out, and the finished ones after it, if it is the oldest */
static void
finish(struct decode_pool *p, unsigned long seq)
{
	pthread_mutex_lock(&p->mu);
	p->slots[seq % p->nslots].done = true;
	if (!p->writing) {
		p->writing = true;
		for (;;) {
			struct batch *b = &p->slots[p->written % p->nslots];
			if (!b->done)
				break;
			pthread_mutex_unlock(&p->mu);
			write_batch(p, b);
			pthread_mutex_lock(&p->mu);
			b->done = false;
			p->written++;
			pthread_cond_broadcast(&p->cv);
		}
		p->writing = false;
	}
	pthread_mutex_unlock(&p->mu);
}

static void
run_batch(struct worker *w, struct batch *b)
{
	b->dhcp = b->other = b->damaged = 0;
	b->nwarn = 0;
	b->out.len = 0;
	b->out.failed = false;
	for (size_t i = 0; i < b->count; i++)
		one_packet(w, b, &b->rec[i]);
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct decode_pool *p = w->pool;

	for (;;) {
		pthread_mutex_lock(&p->rd_mu);
		unsigned long seq = p->next;
		struct batch *b = &p->slots[seq % p->nslots];
		/* the slot is free once the batch nslots before this one is written */
		pthread_mutex_lock(&p->mu);
		while (seq - p->written >= p->nslots)
			pthread_cond_wait(&p->cv, &p->mu);
		pthread_mutex_unlock(&p->mu);
		if (!fill(p, b)) {
			pthread_mutex_unlock(&p->rd_mu);
			break;
		}
		p->next++;
		pthread_mutex_unlock(&p->rd_mu);
		run_batch(w, b);
		finish(p, seq);
	}
	return NULL;
}

/* decode one file on all workers (the calling thread is one of them) */
static int
one_file(struct sess *s, struct decode_pool *p, const char *path, const char *filter)
{
	char err[512];
	int started = 0;
	int r = xfile_open(path, filter, &p->x, err, sizeof(err));

	if (r == -EINTR && intr_signal())
		return 0; /* stopped while waiting for a FIFO's writer */
	if (r < 0) {
		sess_err(s, "%s", err);
		return r == -EINVAL ? EX_USAGE : EX_NOINPUT;
	}
	p->path = path;
	p->nrec = 0;
	p->eof = p->held = false;
	p->rd_err = 0;
	p->next = p->written = 0;
	p->live = xfile_stream(p->x);
	/* a stream is read as it is written: one thread, one record at a time */
	for (int i = 1; i < p->nworkers && !p->live; i++) {
		if (pthread_create(&p->w[i].tid, NULL, worker_main, &p->w[i]) != 0)
			break;
		started++;
	}
	worker_main(&p->w[0]);
	for (int i = 1; i <= started; i++)
		pthread_join(p->w[i].tid, NULL);
	xfile_free(p->x);
	p->x = NULL;
	/* everything of this file went out before its error message */
	if (fflush(stdout) != 0 && !p->write_err)
		p->write_err = errno ? errno : EIO;
	if (p->rd_err < 0 && !p->write_err) {
		sess_err(s, "'%s' is damaged after record %lu: %s", path, p->nrec, p->err);
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
		for (int i = 0; i < p->nworkers; i++) {
			free(p->w[i].abuf);
			free(p->w[i].msg);
		}
	}
	if (p->slots) {
		for (size_t i = 0; i < p->nslots; i++) {
			free(p->slots[i].out.buf);
			free(p->slots[i].data);
		}
	}
	free(p->w);
	free(p->slots);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	pthread_mutex_destroy(&p->rd_mu);
}

/* allocate slots and workers; -1 when out of memory */
static int
pool_init(struct decode_pool *p, int nworkers)
{
	pthread_mutex_init(&p->rd_mu, NULL);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	/* two batches a worker: one being decoded, one done and waiting for its turn */
	p->nslots = (size_t)nworkers * 2;
	p->slots = calloc(p->nslots, sizeof(*p->slots));
	p->w = calloc((size_t)nworkers, sizeof(*p->w));
	if (!p->slots || !p->w)
		return -1;
	p->nworkers = nworkers;
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
	return 0;
}

#define USAGE "decode FILE...|-r FILE [--json] [--brief] [--filter EXPR] [-l] [--threads N]"

/* the flags and files of argv; the files' names into files (as many as argc at most) */
static int
parse_args(struct sess *s, int argc, char **argv, const char **files, int *ret_nfiles,
	   const char **ret_filter, const char **ret_threads, bool *ret_flush)
{
	int n = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--filter") || !strcmp(a, "--threads") || !strcmp(a, "-r")) {
			if (i + 1 >= argc) {
				sess_err(s, "%s needs %s", a,
					 a[1] == 'r'   ? "a capture file"
					 : a[2] == 'f' ? "a BPF expression"
						       : "a number");
				return EX_USAGE;
			}
			if (a[1] == 'r')
				files[n++] = argv[++i];
			else if (a[2] == 'f')
				*ret_filter = argv[++i];
			else
				*ret_threads = argv[++i];
		} else if (!strcmp(a, "-l")) {
			*ret_flush = true;
		} else if (a[0] == '-' && a[1]) {
			sess_err(s, "unknown flag '%s' (" USAGE ")", a);
			return EX_USAGE;
		} else {
			files[n++] = a;
		}
	}
	*ret_nfiles = n;
	return 0;
}

static void
summary(const struct decode_pool *p)
{
	fprintf(stderr, "decode: %lu DHCP packets decoded, %lu other packets skipped", p->dhcp,
		p->other);
	if (p->damaged)
		fprintf(stderr, ", %lu frames with damaged headers", p->damaged);
	if (intr_signal())
		fprintf(stderr, "; stopped by %s", intr_signal() == SIGINT ? "SIGINT" : "SIGTERM");
	fputc('\n', stderr);
}

int
cmd_decode(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct decode_pool p = {.json = cfg->json};
	const char *filter = NULL, *threads = NULL;
	const char **files = calloc((size_t)argc, sizeof(*files));
	int status = 0, nfiles = 0, nthreads;

	if (!files) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	status = parse_args(s, argc, argv, files, &nfiles, &filter, &threads, &p.flush);
	if (!status && !nfiles) {
		sess_err(s, "no capture file given (" USAGE ")");
		status = EX_USAGE;
	}
	if (!status && thread_count(threads, &nthreads) < 0) {
		sess_err(s, "--threads takes a number from 1 to %d, not '%s'", MAX_THREADS, threads);
		status = EX_USAGE;
	}
	if (status) {
		free(files);
		return status;
	}
	p.many = nfiles > 1;
	p.flags = (cfg->brief ? OUT_BRIEF : 0) | (s->color ? OUT_COLOR : 0);
	atomic_init(&p.stop, false);
	if (pool_init(&p, nthreads) < 0) {
		pool_free(&p);
		free(files);
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	fflush(stdout);
	intr_begin();
	for (int i = 0; i < nfiles && !intr_signal() && !p.write_err; i++) {
		int r = one_file(s, &p, files[i], filter);
		if (r && !status)
			status = r;
		if (r == EX_USAGE)
			break;
	}
	pool_free(&p);
	free(files);
	if (p.out_failed) {
		sess_err(s, "out of memory while formatting; some packets were not shown");
		if (!status)
			status = EX_SOFTWARE;
	}
	if (p.write_err) {
		sess_err(s, "cannot write the output: %s", strerror(p.write_err));
		status = EX_IOERR;
	} else if (intr_signal()) {
		status = intr_status();
	}
	summary(&p);
	intr_end();
	return status;
}
