/* SPDX-License-Identifier: BSD-2-Clause */
/* xport_file.h - packets from a pcap or pcapng file */
#ifndef DHCPDIAG_XPORT_FILE_H
#define DHCPDIAG_XPORT_FILE_H

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
/* 1: *ret filled; 0: end of file; -EIO: the file is damaged here (reason in err) */
int xfile_next(struct xfile *x, struct pkt *ret, char *err, size_t errlen);
void xfile_free(struct xfile *x);

#endif
