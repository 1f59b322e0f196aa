/* SPDX-License-Identifier: BSD-2-Clause */
/* xport_file.h - packets from a pcap or pcapng file */
#ifndef DHCPDIAG_XPORT_FILE_H
#define DHCPDIAG_XPORT_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "pkt.h"

struct xfile;

/*
 * Open a capture file (pcap or pcapng; "-" is stdin); bpf, when not NULL,
 * is a filter expression applied to every record. Returns 0, or a negative
 * errno with a one-line reason in err: -EINVAL only for a bad filter,
 * -EBADMSG for a file that is not a capture, -ENOENT/-EACCES/-EISDIR as the
 * system says.
 */
int xfile_open(const char *path, const char *bpf, struct xfile **ret, char *err, size_t errlen);
/*
 * 1: *ret filled; 0: end of file; -EIO: the file is damaged here (reason in err).
 * A stream (pipe, FIFO, terminal; also stdin) waits for its data in poll(): a
 * caught signal ends the wait with -EINTR and nothing lost, so the caller may
 * stop or call again (but a pcapng stream, which libpcap reads, cannot go on
 * after it). xfile_open waits there for a FIFO's writer, with -EINTR too.
 */
int xfile_next(struct xfile *x, struct pkt *ret, char *err, size_t errlen);
/* true when the input is not a regular file: its records come as they are written */
bool xfile_stream(const struct xfile *x);
/* a stream's fd, to poll for POLLIN before xfile_next (-1 for a regular file) */
int xfile_fd(const struct xfile *x);
/* true when xfile_next will not wait: a whole record (or the end) is buffered already, the
 * input is a regular file, or libpcap reads it (a pcapng stream: its buffer is hidden) */
bool xfile_ready(const struct xfile *x);
void xfile_free(struct xfile *x);

#endif
