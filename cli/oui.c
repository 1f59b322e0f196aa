/* SPDX-License-Identifier: BSD-2-Clause */
/* oui.c - vendor names from the IEEE OUI list, in one sorted array and one string pool */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

#define OUI_MAX 65536  /* the 2022 list has ~33k entries */
#define OUI_NAME 24    /* vendor names are cut to this many bytes: the view's column */

struct oui_ent {
	uint32_t prefix; /* 24 bits */
	uint32_t off;    /* into pool */
};

struct oui {
	char *path;
	bool loaded;
	struct oui_ent *ent;
	size_t n;
	char *pool;
	size_t pool_len;
};

struct oui *
oui_new(const char *path)
{
	struct oui *o = calloc(1, sizeof(*o));

	if (o && !(o->path = strdup(path))) {
		free(o);
		return NULL;
	}
	return o;
}

void
oui_free(struct oui *o)
{
	if (!o)
		return;
	free(o->path);
	free(o->ent);
	free(o->pool);
	free(o);
}

static int
cmp_ent(const void *a, const void *b)
{
	const struct oui_ent *x = a, *y = b;

	return x->prefix < y->prefix ? -1 : x->prefix > y->prefix;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "00-22-72   (hex)\t\tAmerican Micro-Fuel Device Corp." */
static bool
parse_line(const char *line, uint32_t *ret_prefix, const char **ret_name, size_t *ret_len)
{
	uint32_t v = 0;
	const char *p = line, *name;
	size_t len;

	for (int i = 0; i < 3; i++) {
		int hi = hexval((unsigned char)p[0]), lo = hi < 0 ? -1 : hexval((unsigned char)p[1]);
		if (lo < 0 || (i < 2 && p[2] != '-'))
			return false;
		v = v << 8 | (uint32_t)(hi << 4 | lo);
		p += i < 2 ? 3 : 2;
	}
	name = strstr(p, "(hex)");
	if (!name)
		return false;
	name += 5;
	while (*name == ' ' || *name == '\t')
		name++;
	len = strcspn(name, "\r\n");
	while (len && isspace((unsigned char)name[len - 1]))
		len--;
	if (!len)
		return false;
	*ret_prefix = v;
	*ret_name = name;
	*ret_len = len < OUI_NAME ? len : OUI_NAME;
	return true;
}

static void
load(struct oui *o)
{
	FILE *fp = fopen(o->path, "r");
	char line[512];
	size_t cap = 4096, pcap = 4096 * 16;

	o->loaded = true;
	if (!fp)
		return;
	o->ent = malloc(cap * sizeof(*o->ent));
	o->pool = malloc(pcap);
	if (!o->ent || !o->pool)
		goto out;
	while (fgets(line, sizeof(line), fp) && o->n < OUI_MAX) {
		uint32_t prefix;
		const char *name;
		size_t len;

		if (!parse_line(line, &prefix, &name, &len))
			continue;
		if (o->n == cap) {
			void *p = realloc(o->ent, 2 * cap * sizeof(*o->ent));
			if (!p)
				break;
			o->ent = p;
			cap *= 2;
		}
		if (o->pool_len + len + 1 > pcap) {
			void *p = realloc(o->pool, 2 * pcap);
			if (!p)
				break;
			o->pool = p;
			pcap *= 2;
		}
		o->ent[o->n].prefix = prefix;
		o->ent[o->n].off = (uint32_t)o->pool_len;
		memcpy(o->pool + o->pool_len, name, len);
		o->pool[o->pool_len + len] = '\0';
		o->pool_len += len + 1;
		o->n++;
	}
	qsort(o->ent, o->n, sizeof(*o->ent), cmp_ent);
out:
	fclose(fp);
}

const char *
oui_find(struct oui *o, const uint8_t mac[6])
{
	struct oui_ent key, *e;

	if (!o)
		return NULL;
	if (!o->loaded)
		load(o);
	if (!o->n)
		return NULL;
	key.prefix = (uint32_t)mac[0] << 16 | (uint32_t)mac[1] << 8 | mac[2];
	e = bsearch(&key, o->ent, o->n, sizeof(*o->ent), cmp_ent);
	return e ? o->pool + e->off : NULL;
}
