/* SPDX-License-Identifier: BSD-2-Clause */
/* suggest.h - "did you mean": the name nearest to a mistyped word, by edit distance */
#ifndef DHCPDIAG_SUGGEST_H
#define DHCPDIAG_SUGGEST_H

#include <stdbool.h>

/*
 * Feed every candidate name with suggest_add, then ask suggest_best. The
 * distance is the optimal string alignment distance (insertion, deletion,
 * substitution, and swapping two neighbours each cost 1), case-insensitive.
 * Names are not copied: they must outlive the struct.
 */
struct suggest {
	const char *word;
	const char *best;
	unsigned dist;
};

void suggest_init(struct suggest *sg, const char *word);
void suggest_add(struct suggest *sg, const char *name);
/* the nearest name when it is near enough to be a typo of the word (1 edit for words
 * up to 4 characters, 2 up to 8, 3 beyond), else NULL; never the word itself */
const char *suggest_best(const struct suggest *sg);
/* the distance of two words, at most cap + 1 (longer words are not measured) */
unsigned suggest_distance(const char *a, const char *b, unsigned cap);

#endif
