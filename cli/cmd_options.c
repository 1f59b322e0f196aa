/* SPDX-License-Identifier: BSD-2-Clause */
/* cmd_options.c - `options [NAME|CODE] [--json] [--man]`: the option table for people */
#include <string.h>

#include "cli.h"
#include "esc.h"
#include "opt.h"

static const char *
fmt_name(enum fmt f)
{
	return f < FMT_MAX && fmt_table[f].name ? fmt_table[f].name : "?";
}

static void
json_str(const char *s)
{
	putchar('"');
	esc_json(stdout, (const uint8_t *)s, strlen(s));
	putchar('"');
}

static void
subs_json(const struct opt_space *sp)
{
	int n = 0;

	printf("[");
	for (unsigned c = 0; c < 256; c++) {
		const struct opt_def *sd = &sp->defs[c];
		if (!sd->name)
			continue;
		printf("%s{\"code\":%u,\"name\":", n++ ? "," : "", c);
		json_str(sd->name);
		printf(",\"format\":");
		json_str(fmt_name(sd->fmt));
		printf("}");
	}
	printf("]");
}

/* 124 and 125 carry data per enterprise: the ones named, and 125's sub-options they define */
static bool
by_enterprise(const struct opt_def *d)
{
	return d->fmt == FMT_VENDOR_OPTS || d->fmt == FMT_VIVC;
}

static void
list_json(unsigned code, const struct opt_def *d)
{
	printf("{\"code\":%u,\"name\":", code);
	json_str(d->name);
	printf(",\"format\":");
	json_str(fmt_name(d->fmt));
	printf(",\"reference\":");
	if (d->ref)
		json_str(d->ref);
	else
		printf("null");
	printf(",\"help\":");
	json_str(d->help ? d->help : "");
	if (d->sub && d->sub->defs) {
		printf(",\"sub-options\":");
		subs_json(d->sub);
	}
	if (by_enterprise(d)) {
		printf(",\"enterprises\":[");
		for (size_t i = 0; i < opt_enterprise_count; i++) {
			const struct opt_enterprise *e = &opt_enterprises[i];

			printf("%s{\"number\":%u,\"name\":", i ? "," : "", (unsigned)e->number);
			json_str(e->name);
			if (e->space && d->fmt == FMT_VENDOR_OPTS) {
				printf(",\"sub-options\":");
				subs_json(e->space);
			}
			printf("}");
		}
		printf("]");
	}
	printf("}\n");
}

static void
list_text(unsigned code, const struct opt_def *d, bool detail)
{
	printf("%3u  %-34s %-14s %-10s %s\n", code, d->name, fmt_name(d->fmt), d->ref ? d->ref : "-",
	       d->help ? d->help : "");
	if (detail && by_enterprise(d)) {
		printf("     enterprises it names%s:\n",
		       d->fmt == FMT_VENDOR_OPTS ? " (with the sub-options of their own)" : "");
		for (size_t i = 0; i < opt_enterprise_count; i++) {
			const struct opt_enterprise *e = &opt_enterprises[i];

			printf("     %-6u %s\n", (unsigned)e->number, e->name);
			for (unsigned c = 0; e->space && d->fmt == FMT_VENDOR_OPTS && c < 256; c++) {
				const struct opt_def *sd = &e->space->defs[c];
				if (sd->name)
					printf("       %3u  %-27s %-14s %s\n", c, sd->name,
					       fmt_name(sd->fmt), sd->help ? sd->help : "");
			}
		}
	}
	if (!detail || !d->sub || !d->sub->defs)
		return;
	printf("     sub-options (%s):\n", d->sub->name ? d->sub->name : d->name);
	for (unsigned c = 0; c < 256; c++) {
		const struct opt_def *sd = &d->sub->defs[c];
		if (sd->name)
			printf("     %3u  %-29s %-14s %s\n", c, sd->name, fmt_name(sd->fmt),
			       sd->help ? sd->help : "");
	}
}

/* troff for the man page's OPTION TABLE section, generated at build time */
static void
list_man(void)
{
	for (unsigned c = 0; c < 256; c++) {
		const struct opt_def *d = opt_get((uint8_t)c);
		if (!d->ref)
			continue;
		printf(".TP\n.B %u %s\n%s (%s)%s%s\n", c, d->name, fmt_name(d->fmt), d->ref,
		       d->help ? ": " : "", d->help ? d->help : "");
		if (!by_enterprise(d))
			continue;
		printf(".br\nEnterprises named:");
		for (size_t i = 0; i < opt_enterprise_count; i++)
			printf("%s %s (%u)", i ? "," : "", opt_enterprises[i].name,
			       (unsigned)opt_enterprises[i].number);
		printf(".\n");
		for (size_t i = 0; d->fmt == FMT_VENDOR_OPTS && i < opt_enterprise_count; i++) {
			const struct opt_enterprise *e = &opt_enterprises[i];
			int n = 0;

			if (!e->space)
				continue;
			printf("Sub-options of %s:", e->name);
			for (unsigned k = 0; k < 256; k++)
				if (e->space->defs[k].name)
					printf("%s %u \\fB%s\\fR", n++ ? "," : "", k,
					       e->space->defs[k].name);
			printf(".\n");
		}
	}
}

int
cmd_options(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	const char *which = NULL;
	bool all = false;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--man") == 0) {
			list_man();
			return 0;
		} else if (strcmp(argv[i], "--all") == 0) {
			all = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			sess_err(s, "unknown flag '%s' (options [NAME|CODE] [--all] [--json])", argv[i]);
			return EX_USAGE;
		} else {
			which = argv[i];
		}
	}
	if (which) {
		int code = opt_by_name(which);
		if (code < 0) {
			char h[96];

			sess_err(s, "no option named '%s'%s", which,
				 cmd_hint(h, sizeof(h), opt_suggest(which), "try 'options' for the list"));
			return EX_USAGE;
		}
		if (cfg->json)
			list_json((unsigned)code, opt_get((uint8_t)code));
		else
			list_text((unsigned)code, opt_get((uint8_t)code), true);
		return 0;
	}
	if (!cfg->json)
		printf("%3s  %-34s %-14s %-10s %s\n", "code", "name", "format", "reference", "");
	for (unsigned c = 0; c < 256; c++) {
		const struct opt_def *d = opt_get((uint8_t)c);
		/* unassigned codes are listed with --all only */
		if (!d->ref && !all)
			continue;
		if (cfg->json)
			list_json(c, d);
		else
			list_text(c, d, false);
	}
	return 0;
}
