/* SPDX-License-Identifier: BSD-2-Clause */
/* suggest.c - "did you mean": edit distance between a mistyped word and known names */
#include "suggest.h"

#include <ctype.h>
#include <string.h>

#define SUGGEST_MAX_LEN 64 /* longer words are not compared: no name is that long */

unsigned
suggest_distance(const char *a, const char *b, unsigned cap)
{
	/* three rows of the optimal string alignment table: two back, one back, this one */
	unsigned r0[SUGGEST_MAX_LEN + 1], r1[SUGGEST_MAX_LEN + 1], r2[SUGGEST_MAX_LEN + 1];
	unsigned *pp = r0, *p = r1, *c = r2;
	size_t la = strlen(a), lb = strlen(b);

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	for (size_t j = 0; j <= lb; j++)
		p[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned row_min;

		c[0] = (unsigned)i;
		row_min = c[0];
		for (size_t j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]),
			    cb = tolower((unsigned char)b[j - 1]);
			unsigned v = p[j - 1] + (ca != cb);

			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > cap)
			return cap + 1;
		unsigned *t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[lb] > cap ? cap + 1 : p[lb];
}

void
suggest_init(struct suggest *sg, const char *word)
{
	sg->word = word;
	sg->best = NULL;
	sg->dist = 0;
}

/* how many edits still make a typo of a word this long */
static unsigned
allowed(const char *word)
{
	size_t n = strlen(word);

	return n <= 4 ? 1 : n <= 8 ? 2 : 3;
}

void
suggest_add(struct suggest *sg, const char *name)
{
	unsigned cap = allowed(sg->word), d;

	if (!name || !sg->word || !sg->word[0])
		return;
	if (sg->best && sg->dist < cap)
		cap = sg->dist;
	d = suggest_distance(sg->word, name, cap);
	/* the first of equally near names wins: tables list the common ones first; the
	 * word itself is no suggestion, the same word in other case is */
	if (d > cap || (sg->best && d >= sg->dist) || strcmp(sg->word, name) == 0)
		return;
	sg->best = name;
	sg->dist = d;
}

const char *
suggest_best(const struct suggest *sg)
{
	return sg->best;
}
