/* SPDX-License-Identifier: BSD-2-Clause */
/* xport_file.c - records from a capture file: classic pcap read here, the rest through libpcap */
#define _GNU_SOURCE /* fopencookie */
#include "xport_file.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmsg.h"
#include "reader.h"

/* stdio's own buffer is a page: a read() per 4 KiB costs more than the copying it does */
#define READ_BUF (1u << 17)

/*
 * Classic pcap files are read in windows of WINDOW bytes and records are
 * handed out where they lie, with no copy. A record never exceeds
 * MAX_CAPLEN (libpcap's MAXIMUM_SNAPLEN, the most it accepts for every link
 * type we let through), so one always fits in the window whole.
 */
#define WINDOW (1u << 19)
#define FILE_HDR 24
#define REC_HDR 16
#define MAX_CAPLEN 262144u

_Static_assert(WINDOW >= REC_HDR + MAX_CAPLEN, "a record must fit in the window");

/* the magic numbers as the writing host saw them (byte-swapped if its byte order was not ours) */
#define MAGIC_USEC 0xa1b2c3d4u
#define MAGIC_NSEC 0xa1b23c4du

/* which of a record's two length fields is caplen (pcap before 2.3 had them the other way) */
enum len_order { LEN_PLAIN, LEN_SWAPPED, LEN_GUESS };

/* our own reader of a classic pcap file; buf NULL when libpcap reads */
struct own {
	int fd;
	uint8_t *buf;
	size_t head, tail; /* the bytes read and not handed out: buf[head, tail) */
	bool eof;
	bool stream;  /* a pipe, FIFO, socket or terminal: poll() before each read() */
	bool swapped; /* written by a host of the other byte order */
	bool nsec;    /* the fraction is in nanoseconds */
	enum len_order lens;
	uint32_t snaplen;
};

struct xfile {
	/* libpcap's reader; with our own reader only the header's handle (link type, filter) */
	pcap_t *pcap;
	struct bpf_program prog;
	bool filtered;
	bool stream; /* not a regular file: records come as they are written */
	int linktype;
	char *rbuf; /* the FILE's buffer when libpcap reads a file; freed after pcap_close */
	struct own own;
	/* a stream that is not classic pcap: libpcap reads the bytes we took to look at its
	 * header again (replay[0, replay_len)), then the rest of the stream */
	struct own replay;
};

/* libpcap says "unknown file format" (pcap) or "bad dump file format" for other bytes */
static bool
not_a_capture(const char *msg)
{
	return strstr(msg, "unknown file format") || strstr(msg, "bad dump file format") ||
	       strstr(msg, "only got 0");
}

static void
open_failed(const char *name, const char *pe, char *err, size_t errlen)
{
	if (not_a_capture(pe))
		errmsg(err, errlen, "'%s' is not a pcap or pcapng file", name);
	else
		errmsg(err, errlen, "cannot read '%s': %s", name, pe);
}

/* libpcap reads fp (a file or stdin); on failure fp is closed, except stdin */
static int
open_pcap(FILE *fp, const char *name, struct xfile *x, char *err, size_t errlen)
{
	char pe[PCAP_ERRBUF_SIZE] = "";

	if (fp != stdin) {
		/* before the first read, as setvbuf requires; without the buffer stdio's is used */
		x->rbuf = malloc(READ_BUF);
		if (x->rbuf && setvbuf(fp, x->rbuf, _IOFBF, READ_BUF) != 0) {
			free(x->rbuf);
			x->rbuf = NULL;
		}
	}
	/* pcap_close closes fp later, except stdin, which libpcap leaves open */
	x->pcap = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_MICRO, pe);
	if (x->pcap)
		return 0;
	if (fp != stdin)
		fclose(fp);
	free(x->rbuf);
	x->rbuf = NULL;
	open_failed(name, pe, err, errlen);
	return -EBADMSG;
}

/*
 * A stream: wait until it can be read (data, or its writer gone). 0, or
 * -EINTR when a signal came first: the caller decides whether to stop. A FIFO
 * opened before its writer reports nothing until a writer comes (Linux keeps
 * POLLHUP back until then), so this also waits for a writer.
 */
static int
wait_readable(struct own *o)
{
	struct pollfd pfd = {.fd = o->fd, .events = POLLIN};

	if (!o->stream)
		return 0;
	for (;;) {
		int r = poll(&pfd, 1, -1);

		if (r > 0)
			return 0;
		if (r < 0 && errno == EINTR)
			return -EINTR;
		if (r < 0)
			return -errno;
	}
}

/*
 * Read until n bytes are waiting (or the file ends); records already handed
 * out may move. n is at most WINDOW. 0, or a negative errno from read(): -EINTR
 * when a signal interrupted the wait on a stream (nothing is lost: call again).
 */
static int
fill(struct own *o, size_t n)
{
	size_t left = o->tail - o->head;

	if (left >= n || o->eof)
		return 0;
	if (o->head) {
		memmove(o->buf, o->buf + o->head, left);
		o->head = 0;
		o->tail = left;
	}
	/* each turn reads at least a byte or ends: the file's length bounds it; a stream
	 * waits for its writer in poll(), which a caught signal always interrupts */
	while (o->tail < n && !o->eof) {
		ssize_t got;
		int rc = wait_readable(o);

		if (rc < 0)
			return rc;
		got = read(o->fd, o->buf + o->tail, WINDOW - o->tail);
		if (got < 0 && (errno == EAGAIN || (errno == EINTR && !o->stream)))
			continue;
		if (got < 0)
			return -errno;
		o->eof = got == 0;
		o->tail += (size_t)got;
	}
	return 0;
}

/*
 * libpcap 1.10 widens a time field of a file in our byte order as a signed
 * 32-bit number, and one it had to byte-swap as an unsigned one; the
 * difference shows only for values past 2^31, and we keep it.
 */
static long
time_field(const struct own *o, uint32_t v)
{
	return o->swapped ? (long)v : (long)(int32_t)v;
}

/* the record header at the window's start, as libpcap would report it */
static void
rec_header(const struct own *o, struct pcap_pkthdr *h)
{
	struct rd r;
	uint32_t f[4]; /* seconds, fraction, caplen, len; as written, then in our byte order */

	rd_init(&r, o->buf + o->head, REC_HDR);
	rd_copy(&r, f, sizeof(f));
	if (o->swapped) {
		for (int i = 0; i < 4; i++)
			f[i] = __builtin_bswap32(f[i]);
	}
	h->ts.tv_sec = time_field(o, f[0]);
	h->ts.tv_usec = time_field(o, f[1]);
	/* we hand out microseconds, as libpcap does when asked for them: cut, not rounded */
	if (o->nsec)
		h->ts.tv_usec /= 1000;
	/* pcap before 2.3 put len first; 2.3 files were written both ways */
	if (o->lens == LEN_SWAPPED || (o->lens == LEN_GUESS && f[2] > f[3])) {
		h->caplen = f[3];
		h->len = f[2];
	} else {
		h->caplen = f[2];
		h->len = f[3];
	}
}

/* the record cannot be read: the reason, in libpcap's words, and -EIO */
static int __attribute__((format(printf, 3, 4)))
damaged(char *err, size_t errlen, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	errmsg(err, errlen, "damaged capture: %s", why);
	return -EIO;
}

static int
short_read(char *err, size_t errlen, const char *what, unsigned want, size_t got)
{
	return damaged(err, errlen, "truncated dump file; tried to read %u %s, only got %zu", want,
	               what, got);
}

static int
read_failed(int e, char *err, size_t errlen)
{
	if (e == -EINTR) {
		errmsg(err, errlen, "interrupted");
		return -EINTR;
	}
	return damaged(err, errlen, "error reading dump file: %s", strerror(-e));
}

/*
 * The next record: 1 with *h and *data set, 0 at the end of the file, -EIO
 * when the file is damaged here. The checks and their messages are
 * libpcap's, so a damaged file reads the same whichever reader takes it.
 */
static int
own_record(struct own *o, struct pcap_pkthdr *h, const uint8_t **data, char *err, size_t errlen)
{
	size_t left = o->tail - o->head;
	uint32_t keep;
	int rc;

	/* most records lie whole in the window: read only when one does not */
	if (left < REC_HDR) {
		rc = fill(o, REC_HDR);
		if (rc < 0)
			return read_failed(rc, err, errlen);
		left = o->tail - o->head;
	}
	if (left == 0)
		return 0;
	if (left < REC_HDR)
		return short_read(err, errlen, "header bytes", REC_HDR, left);
	rec_header(o, h);
	/* past libpcap's limit (our snaplen never is, so its message names the snaplen) */
	if (h->caplen > MAX_CAPLEN)
		return damaged(err, errlen,
		               "invalid packet capture length %u, bigger than snaplen of %u",
		               h->caplen, o->snaplen);
	if (left < REC_HDR + (size_t)h->caplen) {
		rc = fill(o, REC_HDR + (size_t)h->caplen);
		if (rc < 0)
			return read_failed(rc, err, errlen);
	}
	left = o->tail - o->head - REC_HDR;
	/* a record longer than the file's snaplen is cut to it, the rest skipped */
	keep = h->caplen < o->snaplen ? h->caplen : o->snaplen;
	if (left < keep)
		return short_read(err, errlen, "captured bytes", keep, left);
	if (left < h->caplen)
		return short_read(err, errlen, "captured bytes", h->caplen, left);
	*data = o->buf + o->head + REC_HDR;
	o->head += REC_HDR + (size_t)h->caplen;
	h->caplen = keep;
	return 1;
}

/*
 * Link types where libpcap edits the record itself (pseudo-headers written
 * in the capturing host's byte order, old USB length fixes) or allows
 * records past MAX_CAPLEN: libpcap keeps reading those files.
 */
static bool
libpcap_only(int dlt, bool swapped)
{
	switch (dlt) {
	case DLT_USB_LINUX_MMAPPED:
	case DLT_DBUS:
	case DLT_EBHSCR:
	case DLT_USBPCAP:
		return true;
	case DLT_PFLOG:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_USB_LINUX:
	case DLT_NFLOG:
		return swapped;
	default:
		return false;
	}
}

/* the byte order and time unit of a classic pcap magic number; false for anything else */
static bool
classic_magic(struct own *o)
{
	struct rd r;
	uint32_t m;

	rd_init(&r, o->buf, o->tail);
	if (!rd_copy(&r, &m, sizeof(m)))
		return false;
	o->swapped = m != MAGIC_USEC && m != MAGIC_NSEC;
	if (o->swapped)
		m = __builtin_bswap32(m);
	o->nsec = m == MAGIC_NSEC;
	return m == MAGIC_USEC || m == MAGIC_NSEC;
}

/* which length comes first, from the version (the header is whole: libpcap accepted it) */
static void
version_lens(struct own *o)
{
	struct rd r;
	uint16_t v[2]; /* major, minor */

	rd_init(&r, o->buf, o->tail);
	rd_skip(&r, 4);
	rd_copy(&r, v, sizeof(v));
	if (o->swapped) {
		v[0] = __builtin_bswap16(v[0]);
		v[1] = __builtin_bswap16(v[1]);
	}
	/* DG/UX's 543.0 wrote the old order too */
	if (v[0] == 543 || (v[0] == 2 && v[1] < 3))
		o->lens = LEN_SWAPPED;
	else if (v[0] == 2 && v[1] == 3)
		o->lens = LEN_GUESS;
	else
		o->lens = LEN_PLAIN;
}

/*
 * libpcap checks the file header from our copy of it (version, link type,
 * snaplen, its messages) and gives the handle the filter is compiled on.
 */
static pcap_t *
header_handle(struct own *o, const char *name, char *err, size_t errlen)
{
	char pe[PCAP_ERRBUF_SIZE] = "";
	size_t n = o->tail < FILE_HDR ? o->tail : FILE_HDR;
	FILE *mem = fmemopen(o->buf, n, "rb");
	pcap_t *p;

	if (!mem) {
		errmsg(err, errlen, "cannot read '%s': %s", name, strerror(errno));
		return NULL;
	}
	p = pcap_fopen_offline_with_tstamp_precision(mem, PCAP_TSTAMP_PRECISION_MICRO, pe);
	if (!p) {
		fclose(mem);
		open_failed(name, pe, err, errlen);
	}
	return p;
}

static void
own_free(struct own *o)
{
	free(o->buf);
	o->buf = NULL;
}

/*
 * Take fd (a regular file) when it holds classic pcap: 1 and x set up, 0
 * when libpcap should read it instead (nothing kept), or a negative errno
 * with the reason in err.
 */
static int
open_own(struct xfile *x, int fd, const char *path, char *err, size_t errlen)
{
	struct own *o = &x->own;
	int rc, snap;

	o->buf = malloc(WINDOW);
	if (!o->buf)
		return 0;
	o->fd = fd;
	rc = fill(o, FILE_HDR);
	if (rc < 0) {
		own_free(o);
		errmsg(err, errlen, "cannot read '%s': error reading dump file: %s", path,
		       strerror(-rc));
		return -EBADMSG;
	}
	if (!classic_magic(o)) {
		own_free(o);
		return 0;
	}
	x->pcap = header_handle(o, path, err, errlen);
	if (!x->pcap) {
		own_free(o);
		return -EBADMSG;
	}
	snap = pcap_snapshot(x->pcap);
	if (libpcap_only(pcap_datalink(x->pcap), o->swapped) || snap <= 0 ||
	    (unsigned)snap > MAX_CAPLEN) {
		pcap_close(x->pcap);
		x->pcap = NULL;
		own_free(o);
		return 0;
	}
	o->snaplen = (uint32_t)snap;
	version_lens(o);
	o->head = FILE_HDR;
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	return 1;
}

/* libpcap's view of a stream we looked into: the bytes taken, then the rest */
static ssize_t
replay_read(void *cookie, char *buf, size_t size)
{
	struct own *o = cookie;
	size_t left = o->tail - o->head;
	ssize_t got;

	if (left) {
		size_t n = left < size ? left : size;

		memcpy(buf, o->buf + o->head, n);
		o->head += n;
		return (ssize_t)n;
	}
	for (;;) {
		int rc = wait_readable(o);

		if (rc < 0) {
			errno = -rc;
			return -1;
		}
		got = read(o->fd, buf, size);
		if (got >= 0 || (errno != EAGAIN && (errno != EINTR || o->stream)))
			return got;
	}
}

static int
replay_close(void *cookie)
{
	struct own *o = cookie;

	close(o->fd);
	o->fd = -1;
	return 0;
}

/*
 * An fd we read from where it stands (a stream, or stdin): the first bytes
 * tell classic pcap, which we read; libpcap reads anything else, through a
 * FILE that gives it those bytes again. fd is ours: closed on failure.
 */
static int
open_fd(struct xfile *x, int fd, bool stream, const char *name, char *err, size_t errlen)
{
	struct own *o = &x->own;
	cookie_io_functions_t io = {.read = replay_read, .close = replay_close};
	FILE *fp;
	int rc, snap;

	x->stream = stream;
	o->buf = malloc(WINDOW);
	if (!o->buf) {
		close(fd);
		errmsg(err, errlen, "cannot read '%s': %s", name, strerror(ENOMEM));
		return -ENOMEM;
	}
	o->fd = fd;
	o->stream = stream;
	rc = fill(o, FILE_HDR);
	if (rc < 0) {
		own_free(o);
		close(fd);
		if (rc == -EINTR) {
			errmsg(err, errlen, "interrupted while waiting for '%s'", name);
			return -EINTR;
		}
		errmsg(err, errlen, "cannot read '%s': error reading dump file: %s", name,
		       strerror(-rc));
		return -EBADMSG;
	}
	if (classic_magic(o) && o->tail >= FILE_HDR) {
		x->pcap = header_handle(o, name, err, errlen);
		if (!x->pcap) {
			own_free(o);
			close(fd);
			return -EBADMSG;
		}
		snap = pcap_snapshot(x->pcap);
		if (!libpcap_only(pcap_datalink(x->pcap), o->swapped) && snap > 0 &&
		    (unsigned)snap <= MAX_CAPLEN) {
			o->snaplen = (uint32_t)snap;
			version_lens(o);
			o->head = FILE_HDR;
			return 0;
		}
		pcap_close(x->pcap);
		x->pcap = NULL;
	}
	x->replay = *o;
	x->replay.head = 0;
	memset(o, 0, sizeof(*o));
	o->fd = -1;
	fp = fopencookie(&x->replay, "rb", io);
	if (!fp) {
		rc = errno;
		close(fd);
		own_free(&x->replay);
		errmsg(err, errlen, "cannot read '%s': %s", name, strerror(rc));
		return -rc;
	}
	rc = open_pcap(fp, name, x, err, errlen);
	if (rc < 0)
		own_free(&x->replay); /* fp, and so fd, closed by open_pcap */
	return rc;
}

/* a file by name: classic pcap read here, anything else through libpcap */
static int
open_path(const char *path, struct xfile *x, char *err, size_t errlen)
{
	struct stat st;
	FILE *fp;
	int fd, rc;

	/* O_NONBLOCK: a FIFO opens at once, and the first read waits for its writer in poll() */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;

		errmsg(err, errlen, "cannot open '%s': %s", path, strerror(e));
		return -e;
	}
	if (fstat(fd, &st) != 0)
		st.st_mode = 0; /* neither a directory nor a regular file: libpcap will tell */
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		errmsg(err, errlen, "cannot read '%s': %s", path, strerror(EISDIR));
		return -EISDIR;
	}
	if (!S_ISREG(st.st_mode))
		return open_fd(x, fd, true, path, err, errlen);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	/* only a regular file can be read again from its start if it is not ours */
	rc = open_own(x, fd, path, err, errlen);
	if (rc != 0) {
		if (rc < 0)
			close(fd);
		return rc < 0 ? rc : 0;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		int e = errno;

		close(fd);
		errmsg(err, errlen, "cannot read '%s': %s", path, strerror(e));
		return -EBADMSG;
	}
	fp = fdopen(fd, "rb");
	if (!fp) {
		int e = errno;

		close(fd);
		errmsg(err, errlen, "cannot open '%s': %s", path, strerror(e));
		return -e;
	}
	return open_pcap(fp, path, x, err, errlen);
}

/* stdin ("-"), from where it stands; a copy of the fd, so that closing it leaves fd 0 be */
static int
open_stdin(struct xfile *x, char *err, size_t errlen)
{
	struct stat st;
	int fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);

	if (fd < 0) {
		int e = errno;

		errmsg(err, errlen, "cannot read 'stdin': %s", strerror(e));
		return -e;
	}
	if (fstat(fd, &st) != 0)
		st.st_mode = 0;
	return open_fd(x, fd, !S_ISREG(st.st_mode), "stdin", err, errlen);
}

/* what xfile_open set up, undone */
static void
close_source(struct xfile *x)
{
	if (x->filtered)
		pcap_freecode(&x->prog);
	pcap_close(x->pcap);
	free(x->rbuf);
	if (x->own.buf) {
		close(x->own.fd);
		own_free(&x->own);
	}
	own_free(&x->replay); /* its fd went with libpcap's FILE */
}

int
xfile_open(const char *path, const char *bpf, struct xfile **ret, char *err, size_t errlen)
{
	struct xfile *x;
	int rc;

	if (!path || !ret)
		return -EINVAL;
	x = calloc(1, sizeof(*x));
	if (!x) {
		errmsg(err, errlen, "cannot open '%s': %s", path, strerror(ENOMEM));
		return -ENOMEM;
	}
	x->own.fd = x->replay.fd = -1;
	if (strcmp(path, "-") == 0)
		rc = open_stdin(x, err, errlen);
	else
		rc = open_path(path, x, err, errlen);
	if (rc < 0) {
		free(x);
		return rc;
	}
	x->linktype = pcap_datalink(x->pcap);
	if (bpf && *bpf) {
		/* compiled for the file's own link type, applied record by record */
		if (pcap_compile(x->pcap, &x->prog, bpf, 1, PCAP_NETMASK_UNKNOWN) < 0) {
			errmsg(err, errlen, "bad filter '%s': %s", bpf, pcap_geterr(x->pcap));
			close_source(x);
			free(x);
			return -EINVAL;
		}
		x->filtered = true;
	}
	*ret = x;
	return 0;
}

/* 1 with *ret filled, or 0 when the filter drops the record */
static int
deliver(const struct xfile *x, const struct pcap_pkthdr *h, const uint8_t *data, struct pkt *ret)
{
	if (x->filtered && !pcap_offline_filter(&x->prog, h, data))
		return 0;
	*ret = (struct pkt){.ts = h->ts, .data = data, .caplen = h->caplen, .wirelen = h->len,
			    .linktype = x->linktype};
	return 1;
}

static int
pcap_next_rec(struct xfile *x, struct pkt *ret, char *err, size_t errlen)
{
	struct pcap_pkthdr *h;
	const u_char *data;

	/* one record per turn; the file's length bounds the skipping */
	for (;;) {
		int rc = pcap_next_ex(x->pcap, &h, &data);

		if (rc == PCAP_ERROR_BREAK)
			return 0;
		if (rc == PCAP_ERROR) {
			/* a signal while libpcap waited on a stream (its reader cannot go on) */
			if (x->stream && strstr(pcap_geterr(x->pcap), strerror(EINTR))) {
				errmsg(err, errlen, "interrupted");
				return -EINTR;
			}
			errmsg(err, errlen, "damaged capture: %s", pcap_geterr(x->pcap));
			return -EIO;
		}
		if (rc != 1)
			continue; /* 0 is a live-capture timeout; not seen on files */
		if (deliver(x, h, data, ret))
			return 1;
	}
}

int
xfile_next(struct xfile *x, struct pkt *ret, char *err, size_t errlen)
{
	struct pcap_pkthdr h;
	const uint8_t *data = NULL;

	if (!x->own.buf)
		return pcap_next_rec(x, ret, err, errlen);
	/* every turn consumes a record: the file's length bounds the skipping */
	for (;;) {
		int rc = own_record(&x->own, &h, &data, err, errlen);

		if (rc <= 0)
			return rc;
		if (deliver(x, &h, data, ret))
			return 1;
	}
}

void
xfile_free(struct xfile *x)
{
	if (!x)
		return;
	close_source(x);
	free(x);
}

bool
xfile_stream(const struct xfile *x)
{
	return x->stream;
}

int
xfile_fd(const struct xfile *x)
{
	if (!x->stream)
		return -1;
	return x->own.buf ? x->own.fd : x->replay.fd;
}

bool
xfile_ready(const struct xfile *x)
{
	const struct own *o = &x->own;
	struct pcap_pkthdr h;
	size_t left;

	/* libpcap's FILE buffer cannot be looked into: say yes, and its read waits */
	if (!x->stream || !o->buf || o->eof)
		return true;
	left = o->tail - o->head;
	if (left < REC_HDR)
		return false;
	rec_header(o, &h);
	return h.caplen > MAX_CAPLEN || left - REC_HDR >= h.caplen;
}
