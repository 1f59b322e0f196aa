/* SPDX-License-Identifier: BSD-2-Clause */
/* test_value.c - the value tree's arena: a run of nodes builds what val_new would, full or not */
#include "check.h"
#include "keys.h"
#include "opt.h"
#include "value.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint8_t mac_a[6] = {2, 0, 0, 0, 0, 1}, mac_b[6] = {2, 0, 0, 0, 0, 2};

/* the same row twice: node by node, and as one run */
static struct val *
row_plain(struct val_arena *a, struct val *parent)
{
	val_mac(a, parent, "m1", mac_a, 6);
	val_uint(a, parent, "u", 7);
	val_enum_len(a, parent, "e", 1, "one", 3);
	val_enum_len(a, parent, "f", 9, NULL, 0);
	val_mac(a, parent, "m2", mac_b, 6);
	return val_ip(a, parent, "ip", 0xc6120001);
}

static struct val *
row_run(struct val_arena *a, struct val *parent)
{
	struct val_run r;
	struct val *v;

	val_run_start(&r, a, parent, 6, 2 * 16);
	val_run_mac(&r, "m1", mac_a, 6);
	val_run_uint(&r, "u", VAL_UINT, 7);
	val_run_enum(&r, "e", 1, "one", 3);
	val_run_enum(&r, "f", 9, NULL, 0);
	val_run_mac(&r, "m2", mac_b, 6);
	v = val_run_uint(&r, "ip", VAL_IP, 0xc6120001);
	val_run_end(&r);
	return v;
}

/* a tree as text, with every field the printers read */
static size_t
dump(const struct val *v, char *b, size_t at, size_t cap)
{
	for (; v && at < cap; v = v->next) {
		at += (size_t)snprintf(b + at, cap - at, "[%s k%u u%llu n%s l%u h%u w%u b",
		                       v->key ? v->key : "-", v->kind, (unsigned long long)v->u,
		                       v->name ? v->name : "-", v->len, v->hint, v->width);
		for (uint32_t i = 0; i < v->len && v->bytes && at < cap; i++)
			at += (size_t)snprintf(b + at, cap - at, "%02x", v->bytes[i]);
		if (at < cap)
			at = dump(v->child, b, at, cap);
		if (at < cap)
			at += (size_t)snprintf(b + at, cap - at, "]");
	}
	return at < cap ? at : cap;
}

/*
 * For every arena size up to more than the row needs, with rows before it
 * and a string after: the same tree, the same arena use, the same full flag.
 */
static void
test_run_same(void)
{
	static uint8_t b1[4096] __attribute__((aligned(16))), b2[4096] __attribute__((aligned(16)));
	char t1[4096], t2[4096];
	int bad = 0;

	for (size_t cap = 0; cap <= 1400 && !bad; cap++) {
		struct val_arena a1, a2;

		arena_init(&a1, b1, cap);
		arena_init(&a2, b2, cap);
		struct val *r1 = val_obj(&a1, NULL, NULL), *r2 = val_obj(&a2, NULL, NULL);
		for (int i = 0; i < 2; i++) {
			struct val *l1 = row_plain(&a1, r1), *l2 = row_run(&a2, r2);
			/* the last node is the parent's last child either way */
			if ((r1->last == l1) != (r2->last == l2))
				bad = 1;
		}
		val_str(&a1, r1, "s", (const uint8_t *)"tail", 4);
		val_str(&a2, r2, "s", (const uint8_t *)"tail", 4);
		dump(r1, t1, 0, sizeof(t1));
		dump(r2, t2, 0, sizeof(t2));
		if (strcmp(t1, t2) || a1.used != a2.used || a1.full != a2.full) {
			printf("# cap %zu: used %zu/%zu full %d/%d\n#  %s\n#  %s\n", cap, a1.used,
			       a2.used, a1.full, a2.full, t1, t2);
			bad = 1;
		}
	}
	CHECK(!bad, "a run of nodes builds what val_new does, in arenas of every size");

	/* under the spare (what a parent made in a full arena is): nodes made, none linked */
	struct val_arena a1, a2;
	arena_init(&a1, b1, sizeof(b1));
	arena_init(&a2, b2, sizeof(b2));
	row_plain(&a1, val_spare(&a1, NULL, VAL_OBJ));
	row_run(&a2, val_spare(&a2, NULL, VAL_OBJ));
	CHECK(a1.used == a2.used && a2.used > 0 && !a2.spare.child && !a2.spare.last,
	      "a run under the spare node takes what val_new does and links nothing");
}

/*
 * opt_decode takes a shorter way for the common formats at the right length;
 * what it builds must be what the general way (val_opt, then fmt_decode as
 * opt_decode did before) builds, for every code, length and arena size.
 */
static void
test_opt_fast_same(void)
{
	static uint8_t b1[4096] __attribute__((aligned(16))), b2[4096] __attribute__((aligned(16)));
	static char t1[8192], t2[8192];
	uint8_t data[24];
	unsigned bad = 0, runs = 0;
	uint32_t x = 12345;

	for (unsigned code = 0; code < 256; code++) {
		const struct opt_def *def = opt_get((uint8_t)code);

		if (code == 43)
			continue; /* opt_decode's own rule for 43 (PXEClient or not) */
		for (size_t len = 0; len <= sizeof(data); len++) {
			/* every value of one byte; random bytes, sixteen times, for longer ones */
			for (unsigned var = 0; var < (len == 1 ? 256u : 16u); var++) {
				for (size_t i = 0; i < len; i++) {
					x = x * 1103515245u + 12345u;
					data[i] = (uint8_t)(x >> 16);
				}
				if (len == 1)
					data[0] = (uint8_t)var;
				if (var == 1 && len >= 4)
					memset(data, 0xff, 4); /* infinite seconds, 255.255.255.255 */
				if (var >= 8 && len && def->fmt == FMT_CLIENT_ID)
					data[0] = 1; /* ethernet */
				if (var >= 8 && def->fmt == FMT_ROUTES) {
					/* whole routes (RFC 3442) of random widths, perhaps one cut short */
					for (size_t i = 0; i < len;) {
						data[i] = (uint8_t)(data[i] % 33);
						i += 1 + (data[i] + 7u) / 8u + 4;
					}
				}
				/* a roomy arena, and the first time ones that run out in the option */
				for (size_t cap = var ? 17 * 61 : 0; cap <= 17 * 61; cap += 61) {
					size_t c = cap == 17 * 61 ? sizeof(b1) : cap;
					struct val_arena a1, a2;

					arena_init(&a1, b1, c);
					arena_init(&a2, b2, c);
					struct val *l1 = val_list(&a1, NULL, NULL);
					struct val *l2 = val_list(&a2, NULL, NULL);
					struct val *o = val_opt(&a1, l1, (uint8_t)code, def->name,
					                        def->name_len);
					o->hint = VH_PLAIN;
					fmt_decode(&a1, o, K(VALUE), def->fmt, def, data, len);
					opt_decode(&a2, l2, (uint8_t)code, data, len, NULL);
					dump(l1, t1, 0, sizeof(t1));
					dump(l2, t2, 0, sizeof(t2));
					runs++;
					if (strcmp(t1, t2) || a1.used != a2.used || a1.full != a2.full) {
						if (!bad++)
							printf("# code %u len %zu cap %zu:\n#  %s\n#  %s\n",
							       code, len, c, t1, t2);
					}
				}
			}
		}
	}
	CHECK(!bad, "opt_decode's short ways build what fmt_decode does (%u of %u differ)", bad,
	      runs);
}

int
main(void)
{
	test_run_same();
	test_opt_fast_same();
	return CHECK_DONE();
}
