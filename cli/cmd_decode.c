/* SPDX-License-Identifier: BSD-2-Clause */
/* cmd_decode.c - `decode FILE... [--json] [--filter EXPR] [--brief]`: offline decode of captures */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "decode.h"
#include "frame.h"
#include "msg.h"
#include "out.h"
#include "value.h"
#include "xport_file.h"

#define ARENA_SIZE (4u << 20)

struct decode_run {
	struct msg *msg;
	struct val_arena arena;
	bool json, brief, many;
	unsigned flags;
	time_t tcache; /* the last second formatted, and its text */
	char tbuf[32];
	unsigned long dhcp, other, damaged;
};

/* ISO 8601 in UTC, so output does not depend on where it runs */
static const char *
fmt_time(struct decode_run *d, const struct timeval *tv)
{
	static const char digits[] = "0123456789";
	char *p;
	long us = (long)tv->tv_usec;

	if (tv->tv_sec != d->tcache || !d->tbuf[0]) {
		struct tm tm;
		time_t t = tv->tv_sec;
		if (!gmtime_r(&t, &tm) || !strftime(d->tbuf, sizeof(d->tbuf), "%Y-%m-%dT%H:%M:%S", &tm))
			strcpy(d->tbuf, "0000-00-00T00:00:00");
		d->tcache = tv->tv_sec;
	}
	p = d->tbuf + strlen("0000-00-00T00:00:00");
	*p++ = '.';
	if (us < 0 || us > 999999)
		us = 0;
	for (int i = 5; i >= 0; i--) {
		p[i] = digits[us % 10];
		us /= 10;
	}
	p[6] = 'Z';
	p[7] = '\0';
	return d->tbuf;
}

static void
one_packet(struct decode_run *d, const char *path, unsigned long n, const struct pkt *pk)
{
	struct frame f;
	int r = frame_parse(pk->linktype, pk->data, pk->caplen, pk->wirelen, &f);

	if (r == -EBADMSG) {
		d->damaged++;
		return;
	}
	/* not DHCP, or a TCP segment on port 67 that carries no data (handshake, ACK) */
	if (r < 0 || (f.ip_proto == 6 && f.payload_len == 0)) {
		d->other++;
		return;
	}
	d->dhcp++;
	arena_reset(&d->arena);
	struct val *root = dec_packet(&d->arena, &f, d->msg);
	struct val *t = val_cstr(&d->arena, NULL, "time", fmt_time(d, &pk->ts));
	struct val *num = val_uint(&d->arena, NULL, "n", n);
	val_prepend(root, t);
	val_prepend(root, num);
	if (d->many)
		val_prepend(root, val_cstr(&d->arena, NULL, "file", path));
	if (d->json) {
		out_json(stdout, root);
		fputc('\n', stdout);
	} else {
		out_text_packet(stdout, root, d->flags);
	}
	if (d->arena.full)
		fprintf(stderr, "warning: packet %lu has more values than fit in %u KiB; the rest was not shown\n",
			n, ARENA_SIZE >> 10);
}

static int
one_file(struct sess *s, struct decode_run *d, const char *path, const char *filter)
{
	char err[512];
	struct xfile *x;
	struct pkt pk;
	unsigned long n = 0;
	int r = xfile_open(path, filter, &x, err, sizeof(err));

	if (r < 0) {
		sess_err(s, "%s", err);
		return r == -EINVAL ? EX_USAGE : EX_NOINPUT;
	}
	while ((r = xfile_next(x, &pk, err, sizeof(err))) > 0)
		one_packet(d, path, ++n, &pk);
	xfile_free(x);
	fflush(stdout);
	if (r < 0) {
		sess_err(s, "'%s' is damaged after record %lu: %s", path, n, err);
		return EX_NOINPUT;
	}
	return 0;
}

int
cmd_decode(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	struct decode_run d = {.json = cfg->json};
	const char *filter = NULL;
	int status = 0, files = 0;
	void *buf;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--filter") == 0) {
			if (i + 1 >= argc) {
				sess_err(s, "--filter needs a BPF expression");
				return EX_USAGE;
			}
			filter = argv[++i];
		} else if (strcmp(argv[i], "--brief") == 0) {
			d.brief = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			sess_err(s, "unknown flag '%s' (decode FILE... [--json] [--filter EXPR] [--brief])",
				 argv[i]);
			return EX_USAGE;
		} else {
			files++;
		}
	}
	if (!files) {
		sess_err(s, "no capture file given (decode FILE... [--json] [--filter EXPR])");
		return EX_USAGE;
	}
	d.many = files > 1;
	d.flags = (d.brief ? OUT_BRIEF : 0) | (s->color ? OUT_COLOR : 0);
	d.msg = malloc(sizeof(*d.msg));
	buf = malloc(ARENA_SIZE);
	if (!d.msg || !buf) {
		free(d.msg);
		free(buf);
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	arena_init(&d.arena, buf, ARENA_SIZE);
	/* big writes: a capture decodes to far more text than it holds bytes */
	if (!s->interactive)
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--filter") == 0) {
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
	fprintf(stderr, "decode: %lu DHCP packets decoded, %lu other packets skipped", d.dhcp,
		d.other);
	if (d.damaged)
		fprintf(stderr, ", %lu frames with damaged headers", d.damaged);
	fputc('\n', stderr);
	free(buf);
	free(d.msg);
	return status;
}
