/* SPDX-License-Identifier: BSD-2-Clause */
/* metrics.h - a run's results as Prometheus metrics, a file for node_exporter's textfile collector
 */
#ifndef DHCPDIAG_METRICS_H
#define DHCPDIAG_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

struct diag_finding;
struct trk_server;

/* a server that answered: its latency (seconds, < 0 not measured), the lease it offered or
 * granted (seconds, LEASE_INFINITE, 0 unknown), and whether it is off the allow list */
struct met_server {
	uint32_t id;
	double latency;
	uint32_t lease;
	bool rogue;
};

/* one run of check, diagnose, discover or watch; every pointer is borrowed */
struct met_run {
	const char *command; /* "check": the `command` label */
	const char *ifname;  /* the `interface` label; "" for a capture file */
	bool up;             /* a DHCP server answered */
	const struct met_server *srv;
	size_t nsrv;
	const struct diag_finding *f; /* findings by id, severity and server */
	size_t nf;
	struct timeval start; /* wall clock when the run began */
	double duration;      /* seconds it took */
	int status;           /* the command's exit status */
};

/*
 * Write the run's metrics to path in the text exposition format, atomically: a
 * temporary file in the same directory (path.XXXXXX, mode 0644: node_exporter
 * reads it as another user; its textfile collector skips names not ending in
 * .prom), fsync, rename over path, fsync of the directory. A reader sees the old
 * file or the new one, never a part. Returns 0 or -errno with what failed in err.
 */
int metrics_write(const char *path, const struct met_run *r, char *err, size_t errlen);

/*
 * The same from servers a tracker saw (discover, watch): each server's latency
 * (request to its latest reply) and lease, and the findings diagnose's rules
 * give its latest reply (as watch marks its rows). r's srv and f are filled
 * here; up is set when n > 0.
 */
int metrics_write_servers(const char *path, struct met_run *r, const struct trk_server *const *sv,
                          size_t n, char *err, size_t errlen);

#endif
