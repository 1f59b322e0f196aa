/* SPDX-License-Identifier: BSD-2-Clause */
/* xport_file.c - records from a pcap or pcapng file (or stdin) through libpcap */
#include "xport_file.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "errmsg.h"

/* stdio's own buffer is a page: a read() per 4 KiB costs more than the copying it does */
#define READ_BUF (1u << 17)

struct xfile {
	pcap_t *pcap;
	struct bpf_program prog;
	bool filtered;
	int linktype;
	char *rbuf; /* the FILE's buffer (files only, not stdin); freed after pcap_close */
};

/* libpcap says "unknown file format" (pcap) or "bad dump file format" for other bytes */
static bool
not_a_capture(const char *msg)
{
	return strstr(msg, "unknown file format") || strstr(msg, "bad dump file format") ||
	       strstr(msg, "only got 0");
}

static int
open_pcap(const char *path, struct xfile *x, char *err, size_t errlen)
{
	char pe[PCAP_ERRBUF_SIZE] = "";
	bool use_stdin = strcmp(path, "-") == 0;
	const char *name = use_stdin ? "stdin" : path;
	FILE *fp = stdin;
	struct stat st;

	if (!use_stdin) {
		fp = fopen(path, "rb");
		if (!fp) {
			int e = errno;

			errmsg(err, errlen, "cannot open '%s': %s", path, strerror(e));
			return -e;
		}
		if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
			fclose(fp);
			errmsg(err, errlen, "cannot read '%s': %s", path, strerror(EISDIR));
			return -EISDIR;
		}
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
	if (!use_stdin)
		fclose(fp);
	free(x->rbuf);
	x->rbuf = NULL;
	if (not_a_capture(pe))
		errmsg(err, errlen, "'%s' is not a pcap or pcapng file", name);
	else
		errmsg(err, errlen, "cannot read '%s': %s", name, pe);
	return -EBADMSG;
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
	rc = open_pcap(path, x, err, errlen);
	if (rc < 0) {
		free(x);
		return rc;
	}
	x->linktype = pcap_datalink(x->pcap);
	if (bpf && *bpf) {
		/* compiled for the file's own link type, applied record by record */
		if (pcap_compile(x->pcap, &x->prog, bpf, 1, PCAP_NETMASK_UNKNOWN) < 0) {
			errmsg(err, errlen, "bad filter '%s': %s", bpf, pcap_geterr(x->pcap));
			pcap_close(x->pcap);
			free(x->rbuf);
			free(x);
			return -EINVAL;
		}
		x->filtered = true;
	}
	*ret = x;
	return 0;
}

int
xfile_next(struct xfile *x, struct pkt *ret, char *err, size_t errlen)
{
	struct pcap_pkthdr *h;
	const u_char *data;

	/* one record per turn; the file's length bounds the skipping */
	for (;;) {
		int rc = pcap_next_ex(x->pcap, &h, &data);

		if (rc == PCAP_ERROR_BREAK)
			return 0;
		if (rc == PCAP_ERROR) {
			errmsg(err, errlen, "damaged capture: %s", pcap_geterr(x->pcap));
			return -EIO;
		}
		if (rc != 1)
			continue; /* 0 is a live-capture timeout; not seen on files */
		if (x->filtered && !pcap_offline_filter(&x->prog, h, data))
			continue;
		ret->ts = h->ts;
		ret->data = data;
		ret->caplen = h->caplen;
		ret->wirelen = h->len;
		ret->linktype = x->linktype;
		return 1;
	}
}

void
xfile_free(struct xfile *x)
{
	if (!x)
		return;
	if (x->filtered)
		pcap_freecode(&x->prog);
	pcap_close(x->pcap);
	free(x->rbuf);
	free(x);
}
