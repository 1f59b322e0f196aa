/* SPDX-License-Identifier: BSD-2-Clause */
/* opt_sub.c - code/length/value sub-option spaces (43 PXE, 63, 82, 122, 125 ...) */
#include "keys.h"
#include "opt_int.h"
#include "reader.h"
#include "value.h"
#include "writer.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* static names for codes a space does not name, so decoding never formats text */
static const char *const sub_names[256] = {
    "sub-0",   "sub-1",   "sub-2",   "sub-3",   "sub-4",   "sub-5",   "sub-6",   "sub-7",
    "sub-8",   "sub-9",   "sub-10",  "sub-11",  "sub-12",  "sub-13",  "sub-14",  "sub-15",
    "sub-16",  "sub-17",  "sub-18",  "sub-19",  "sub-20",  "sub-21",  "sub-22",  "sub-23",
    "sub-24",  "sub-25",  "sub-26",  "sub-27",  "sub-28",  "sub-29",  "sub-30",  "sub-31",
    "sub-32",  "sub-33",  "sub-34",  "sub-35",  "sub-36",  "sub-37",  "sub-38",  "sub-39",
    "sub-40",  "sub-41",  "sub-42",  "sub-43",  "sub-44",  "sub-45",  "sub-46",  "sub-47",
    "sub-48",  "sub-49",  "sub-50",  "sub-51",  "sub-52",  "sub-53",  "sub-54",  "sub-55",
    "sub-56",  "sub-57",  "sub-58",  "sub-59",  "sub-60",  "sub-61",  "sub-62",  "sub-63",
    "sub-64",  "sub-65",  "sub-66",  "sub-67",  "sub-68",  "sub-69",  "sub-70",  "sub-71",
    "sub-72",  "sub-73",  "sub-74",  "sub-75",  "sub-76",  "sub-77",  "sub-78",  "sub-79",
    "sub-80",  "sub-81",  "sub-82",  "sub-83",  "sub-84",  "sub-85",  "sub-86",  "sub-87",
    "sub-88",  "sub-89",  "sub-90",  "sub-91",  "sub-92",  "sub-93",  "sub-94",  "sub-95",
    "sub-96",  "sub-97",  "sub-98",  "sub-99",  "sub-100", "sub-101", "sub-102", "sub-103",
    "sub-104", "sub-105", "sub-106", "sub-107", "sub-108", "sub-109", "sub-110", "sub-111",
    "sub-112", "sub-113", "sub-114", "sub-115", "sub-116", "sub-117", "sub-118", "sub-119",
    "sub-120", "sub-121", "sub-122", "sub-123", "sub-124", "sub-125", "sub-126", "sub-127",
    "sub-128", "sub-129", "sub-130", "sub-131", "sub-132", "sub-133", "sub-134", "sub-135",
    "sub-136", "sub-137", "sub-138", "sub-139", "sub-140", "sub-141", "sub-142", "sub-143",
    "sub-144", "sub-145", "sub-146", "sub-147", "sub-148", "sub-149", "sub-150", "sub-151",
    "sub-152", "sub-153", "sub-154", "sub-155", "sub-156", "sub-157", "sub-158", "sub-159",
    "sub-160", "sub-161", "sub-162", "sub-163", "sub-164", "sub-165", "sub-166", "sub-167",
    "sub-168", "sub-169", "sub-170", "sub-171", "sub-172", "sub-173", "sub-174", "sub-175",
    "sub-176", "sub-177", "sub-178", "sub-179", "sub-180", "sub-181", "sub-182", "sub-183",
    "sub-184", "sub-185", "sub-186", "sub-187", "sub-188", "sub-189", "sub-190", "sub-191",
    "sub-192", "sub-193", "sub-194", "sub-195", "sub-196", "sub-197", "sub-198", "sub-199",
    "sub-200", "sub-201", "sub-202", "sub-203", "sub-204", "sub-205", "sub-206", "sub-207",
    "sub-208", "sub-209", "sub-210", "sub-211", "sub-212", "sub-213", "sub-214", "sub-215",
    "sub-216", "sub-217", "sub-218", "sub-219", "sub-220", "sub-221", "sub-222", "sub-223",
    "sub-224", "sub-225", "sub-226", "sub-227", "sub-228", "sub-229", "sub-230", "sub-231",
    "sub-232", "sub-233", "sub-234", "sub-235", "sub-236", "sub-237", "sub-238", "sub-239",
    "sub-240", "sub-241", "sub-242", "sub-243", "sub-244", "sub-245", "sub-246", "sub-247",
    "sub-248", "sub-249", "sub-250", "sub-251", "sub-252", "sub-253", "sub-254", "sub-255",
};

/* what an unnamed sub-option decodes as */
static const struct opt_def hex_def = {NULL, 0, FMT_HEX, NULL, NULL, NULL};

const char *
opt_sub_name(const struct opt_space *space, uint8_t code, size_t *ret_len)
{
	if (space && space->defs[code].name) {
		*ret_len = space->defs[code].name_len;
		return space->defs[code].name;
	}
	/* "sub-" and the code's digits */
	*ret_len = 5 + (code >= 10) + (code >= 100);
	return sub_names[code];
}

static const struct opt_def *
sub_def(const struct opt_space *space, uint8_t code)
{
	if (space && space->defs[code].name)
		return &space->defs[code];
	return &hex_def;
}

/* spaces that name 255 "end" (PXE) use 0 as pad and 255 as end, like the options area */
static bool
has_pad_end(const struct opt_space *space)
{
	return space && space->defs[255].name && space->defs[255].fmt == FMT_NONE;
}

/*
 * Walk the layout once. Returns NULL when every sub-option fits, else why not.
 * A space without pad/end still accepts one final 255 byte: vendors that copy
 * the PXE layout end their 43 that way.
 */
static const char *
check_layout(struct opt_dec *d, const struct opt_space *space, const uint8_t *p, size_t n)
{
	bool pad_end = has_pad_end(space);
	struct rd r;

	rd_init(&r, p, n);
	/* every pass consumes at least one byte */
	while (rd_left(&r)) {
		uint8_t code = rd_u8(&r);
		if (pad_end && code == 0)
			continue;
		if (code == 255 && (pad_end || !rd_left(&r)))
			break;
		if (!rd_left(&r))
			return opt_errf(d->a, "sub-option ", code, NULL, 0, " has no length");
		uint8_t len = rd_u8(&r);
		if (len > rd_left(&r))
			return opt_errf(d->a, "sub-option ", code, " has length ", len,
			                " past the end of the option");
		rd_skip(&r, len);
	}
	return NULL;
}

struct val *
opt_sub_list(struct opt_dec *d, const char *key, const struct opt_space *space, const uint8_t *p,
             size_t n)
{
	bool pad_end = has_pad_end(space);
	struct val *list;
	struct rd r;

	if (d->depth >= OPT_MAX_DEPTH) {
		d->err = "sub-options nested too deeply";
		return NULL;
	}
	d->err = check_layout(d, space, p, n);
	if (d->err)
		return NULL;
	list = val_list(d->a, NULL, key);
	d->depth++;
	rd_init(&r, p, n);
	while (rd_left(&r)) {
		uint8_t code = rd_u8(&r);
		if (pad_end && code == 0)
			continue;
		if (code == 255 && (pad_end || !rd_left(&r)))
			break;
		uint8_t len = rd_u8(&r);
		const uint8_t *q = rd_bytes(&r, len);
		const struct opt_def *def = sub_def(space, code);
		size_t name_len;
		const char *name = opt_sub_name(space, code, &name_len);
		struct val *o = val_opt(d->a, list, code, name, name_len);

		o->hint = VH_PLAIN; /* the space's name or "sub-N" */

		opt_fmt_value(d, o, K(VALUE), def->fmt, def, q, len);
	}
	d->depth--;
	d->err = NULL;
	return list;
}

/* --- encoding ---------------------------------------------------------------- */

/* the code of "circuit-id", "1" or "sub-1" in space, or -1 */
static int
sub_by_name(const struct opt_space *space, const char *name)
{
	char *end;
	unsigned long v;

	if (!strncasecmp(name, "sub-", 4))
		name += 4;
	if (isdigit((unsigned char)name[0])) {
		v = strtoul(name, &end, 10);
		return *end || v > 255 ? -1 : (int)v;
	}
	for (int c = 0; space && c < 256; c++)
		if (space->defs[c].name && !strcasecmp(space->defs[c].name, name))
			return c;
	return -1;
}

/* an item ends at a ',' that is followed by "key=" (values such as ip lists keep theirs) */
static size_t
item_len(const char *s)
{
	size_t i = 0;

	for (; s[i]; i++) {
		if (s[i] != ',')
			continue;
		size_t j = i + 1;
		while (isalnum((unsigned char)s[j]) || s[j] == '-')
			j++;
		if (j > i + 1 && s[j] == '=')
			return i;
	}
	return i;
}

int
opt_sub_encode(const struct opt_space *space, const char *text, struct wr *w, char *err,
               size_t errlen)
{
	char item[1024];
	int r;

	while (*text == ' ')
		text++;
	/* each pass consumes one item of the (NUL-terminated) text */
	while (*text) {
		size_t n = item_len(text);
		if (n >= sizeof(item))
			return opt_einval(err, errlen, "sub-option '%.20s...' is too long", text);
		memcpy(item, text, n);
		item[n] = 0;
		text += n;
		if (*text == ',')
			text++;

		char *eq = strchr(item, '=');
		if (!eq)
			return opt_einval(err, errlen, "'%s' is not code=value", item);
		*eq = 0;
		int code = sub_by_name(space, item);
		if (code < 0)
			return opt_einval(err, errlen, "'%s' is not a sub-option of %s", item,
			                  space ? space->name : "this option");
		const struct opt_def *def = sub_def(space, (uint8_t)code);
		wr_u8(w, (uint8_t)code);
		size_t at = w->len;
		wr_u8(w, 0);
		r = fmt_encode(def->fmt, def, eq + 1, w, err, errlen);
		if (r < 0)
			return r;
		if (w->bad)
			return -ENOBUFS;
		if (w->len - at - 1 > 255)
			return opt_einval(err, errlen, "sub-option '%s' is longer than 255 bytes",
			                  item);
		wr_u8_at(w, at, (uint8_t)(w->len - at - 1));
	}
	if (has_pad_end(space))
		wr_u8(w, 255);
	return w->bad ? -ENOBUFS : 0;
}
