/* SPDX-License-Identifier: BSD-2-Clause */
/* metrics.c - a run's results as Prometheus text exposition, written atomically to a file */
#include "metrics.h"

#include "diag.h"
#include "lease.h"
#include "report.h"
#include "tracker.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The metric families, in the order they are written. Every sample has the
 * labels command and interface (one file a command and interface; two files
 * in node_exporter's directory must not hold the same series), then its own.
 * docs/MONITORING.md describes each one; the names never change once released.
 */
enum fam {
	M_UP,
	M_SERVERS,
	M_LATENCY,
	M_LEASE,
	M_ROGUE,
	M_FINDINGS,
	M_STATUS,
	M_LAST,
	M_DURATION,
	M_MAX
};

static const struct {
	const char *name, *help;
} fams[M_MAX] = {
    [M_UP] = {"dhcpdiag_up", "1 when a DHCP server answered the run, 0 when none did"},
    [M_SERVERS] = {"dhcpdiag_servers", "DHCP servers that answered the run"},
    [M_LATENCY] = {"dhcpdiag_offer_latency_seconds",
                   "time from a request to a server's first answer (an OFFER to a DISCOVER)"},
    [M_LEASE] = {"dhcpdiag_lease_seconds",
                 "lease time a server offered or granted; +Inf for an infinite lease"},
    [M_ROGUE] = {"dhcpdiag_server_rogue",
                 "1 when the server is not on the allow-server list, else 0"},
    [M_FINDINGS] = {"dhcpdiag_findings",
                    "findings of the run by id (dhcpdiag diagnose --findings), severity and "
                    "server: how many"},
    [M_STATUS] = {"dhcpdiag_exit_status",
                  "the command's exit status (check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)"},
    [M_LAST] = {"dhcpdiag_last_run_timestamp_seconds",
                "when the run began, in seconds since the Unix epoch"},
    [M_DURATION] = {"dhcpdiag_run_duration_seconds", "how long the run took"},
};

/* a label value: backslash, double quote and newline escaped (the exposition format's rules) */
static void
label(FILE *fp, const char *key, const char *v)
{
	fprintf(fp, ",%s=\"", key);
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fprintf(fp, "\\%c", *v);
		else if (*v == '\n')
			fputs("\\n", fp);
		else
			fputc(*v, fp);
	}
	fputc('"', fp);
}

static void
family(FILE *fp, enum fam m)
{
	fprintf(fp, "# HELP %s %s\n# TYPE %s gauge\n", fams[m].name, fams[m].help, fams[m].name);
}

/* "NAME{command="..",interface=".."" : the caller adds its own labels and "} VALUE" */
static void
sample(FILE *fp, enum fam m, const struct met_run *r)
{
	fprintf(fp, "%s{command=\"", fams[m].name);
	/* command names are lowercase words: nothing to escape */
	fputs(r->command, fp);
	fputc('"', fp);
	label(fp, "interface", r->ifname ? r->ifname : "");
}

static void
server_label(FILE *fp, uint32_t ip)
{
	char a[16];

	snprintf(a, sizeof(a), "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255,
	         ip & 255);
	label(fp, "server", a);
}

/* findings of the same id, severity and server are one sample: their count */
static void
findings(FILE *fp, const struct met_run *r)
{
	family(fp, M_FINDINGS);
	for (size_t i = 0; i < r->nf; i++) {
		const struct diag_finding *f = &r->f[i];
		unsigned n = 0;
		bool earlier = false;

		for (size_t k = 0; k < r->nf && !earlier; k++) {
			bool same = r->f[k].id == f->id && r->f[k].server == f->server;

			earlier = same && k < i;
			n += same;
		}
		if (earlier)
			continue;
		sample(fp, M_FINDINGS, r);
		label(fp, "id", diag_rule_name(f->id));
		label(fp, "severity", diag_sev_names[f->sev]);
		if (f->server)
			server_label(fp, f->server);
		fprintf(fp, "} %u\n", n);
	}
}

static void
render(FILE *fp, const struct met_run *r)
{
	family(fp, M_UP);
	sample(fp, M_UP, r);
	fprintf(fp, "} %d\n", r->up ? 1 : 0);
	family(fp, M_SERVERS);
	sample(fp, M_SERVERS, r);
	fprintf(fp, "} %zu\n", r->nsrv);
	family(fp, M_LATENCY);
	for (size_t i = 0; i < r->nsrv; i++) {
		if (r->srv[i].latency < 0)
			continue;
		sample(fp, M_LATENCY, r);
		server_label(fp, r->srv[i].id);
		fprintf(fp, "} %.3f\n", r->srv[i].latency);
	}
	family(fp, M_LEASE);
	for (size_t i = 0; i < r->nsrv; i++) {
		if (!r->srv[i].lease)
			continue;
		sample(fp, M_LEASE, r);
		server_label(fp, r->srv[i].id);
		if (r->srv[i].lease == LEASE_INFINITE)
			fputs("} +Inf\n", fp);
		else
			fprintf(fp, "} %u\n", r->srv[i].lease);
	}
	family(fp, M_ROGUE);
	for (size_t i = 0; i < r->nsrv; i++) {
		sample(fp, M_ROGUE, r);
		server_label(fp, r->srv[i].id);
		fprintf(fp, "} %d\n", r->srv[i].rogue ? 1 : 0);
	}
	findings(fp, r);
	family(fp, M_STATUS);
	sample(fp, M_STATUS, r);
	fprintf(fp, "} %d\n", r->status);
	family(fp, M_LAST);
	sample(fp, M_LAST, r);
	fprintf(fp, "} %lld.%03ld\n", (long long)r->start.tv_sec, (long)(r->start.tv_usec / 1000));
	family(fp, M_DURATION);
	sample(fp, M_DURATION, r);
	fprintf(fp, "} %.3f\n", r->duration);
}

static int fail(char *err, size_t errlen, int e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail(char *err, size_t errlen, int e, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	n = strlen(err);
	snprintf(err + n, errlen - n, ": %s", strerror(e));
	return -e;
}

/* write all of buf to fd */
static int
write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/* the directory holding path, fsynced so that the rename is on disk too; best effort */
static void
sync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd;

	if (!copy)
		return;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

int
metrics_write(const char *path, const struct met_run *r, char *err, size_t errlen)
{
	char *buf = NULL, *tmp = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	int fd = -1, e = 0;

	if (!mem)
		return fail(err, errlen, errno, "cannot write metrics");
	render(mem, r);
	if (fclose(mem) != 0 || !buf) {
		free(buf);
		return fail(err, errlen, ENOMEM, "cannot write metrics");
	}
	tmp = malloc(strlen(path) + 8);
	if (!tmp) {
		free(buf);
		return fail(err, errlen, ENOMEM, "cannot write metrics");
	}
	sprintf(tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = fail(err, errlen, errno, "cannot create a temporary file '%s' for the metrics",
		         tmp);
		free(tmp);
		free(buf);
		return e; /* nothing made: nothing to remove */
	}
	/* mkstemp makes it 0600; node_exporter reads it as its own user */
	if (fchmod(fd, 0644) < 0 || (e = write_all(fd, buf, len)) < 0 || fsync(fd) < 0) {
		e = fail(err, errlen, e ? -e : errno, "cannot write the metrics to '%s'", tmp);
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		e = fail(err, errlen, errno, "cannot write the metrics to '%s'", tmp);
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		e = fail(err, errlen, errno, "cannot rename '%s' to '%s'", tmp, path);
		goto out;
	}
	sync_dir(path);
out:
	if (fd >= 0)
		close(fd);
	if (e < 0)
		unlink(tmp);
	free(tmp);
	free(buf);
	return e;
}

#define SERVERS_MAX 256
#define SERVER_FINDINGS 8

int
metrics_write_servers(const char *path, struct met_run *r, const struct trk_server *const *sv,
                      size_t n, char *err, size_t errlen)
{
	struct met_server *ms;
	struct diag_finding *f;
	size_t nf = 0;
	int e;

	n = n < SERVERS_MAX ? n : SERVERS_MAX;
	ms = calloc(n ? n : 1, sizeof(*ms));
	f = calloc(n ? n * SERVER_FINDINGS : 1, sizeof(*f));
	if (!ms || !f) {
		free(ms);
		free(f);
		return fail(err, errlen, ENOMEM, "cannot write metrics");
	}
	for (size_t i = 0; i < n; i++) {
		int worst;

		ms[i].id = sv[i]->id;
		ms[i].latency = sv[i]->latency_us < 0 ? -1 : sv[i]->latency_us / 1e6;
		ms[i].lease = (sv[i]->terms.sent & LT_LEASE) ? sv[i]->terms.lease : 0;
		ms[i].rogue = sv[i]->rogue;
		nf += rep_server_findings(sv[i], f + nf, SERVER_FINDINGS, &worst);
	}
	r->srv = ms;
	r->nsrv = n;
	r->f = f;
	r->nf = nf;
	r->up = n > 0;
	e = metrics_write(path, r, err, errlen);
	r->srv = NULL;
	r->f = NULL;
	free(ms);
	free(f);
	return e;
}
