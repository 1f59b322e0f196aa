/* SPDX-License-Identifier: BSD-2-Clause */
/* test_suggest.c - edit distance and the "did you mean" pick */
#include "check.h"
#include "suggest.h"

static const char *
pick(const char *word, const char *const *names)
{
	struct suggest sg;

	suggest_init(&sg, word);
	for (int i = 0; names[i]; i++)
		suggest_add(&sg, names[i]);
	return suggest_best(&sg);
}

int
main(void)
{
	static const char *const cmds[] = {"arp",   "decline", "decode",  "diagnose", "discover",
	                                   "dora",  "exit",    "help",    "inform",   "options",
	                                   "quit",  "release", "request", "set",      "show",
	                                   "watch", NULL};
	static const char *const sets[] = {"timeout", "tries", "wait", "write", "vlan", NULL};
	static const struct {
		const char *a, *b;
		unsigned d;
	} dist[] = {
	    {"", "", 0},
	    {"abc", "abc", 0},
	    {"abc", "", 3},
	    {"discover", "dicsover", 1}, /* a swap is one edit */
	    {"timeout", "timout", 1},
	    {"kitten", "sitting", 3},
	    {"DORA", "dora", 0},
	    {"request", "rqeuest", 1},
	    {"ca", "abc", 3}, /* OSA, not Damerau: 3 */
	};

	for (size_t i = 0; i < sizeof(dist) / sizeof(dist[0]); i++)
		CHECK(suggest_distance(dist[i].a, dist[i].b, 10) == dist[i].d,
		      "distance '%s' '%s' = %u", dist[i].a, dist[i].b, dist[i].d);
	CHECK(suggest_distance("abcdef", "uvwxyz", 2) == 3, "a cap stops early (cap + 1)");
	CHECK(suggest_distance("a", "abcdef", 2) == 3, "lengths too far apart: cap + 1");

	CHECK_STR(pick("dicsover", cmds), "discover", "a swapped pair");
	CHECK_STR(pick("diagnsoe", cmds), "diagnose", "two edits in a long word");
	CHECK_STR(pick("relase", cmds), "release", "a dropped letter");
	CHECK_STR(pick("wtach", cmds), "watch", "a short word, one swap");
	CHECK_STR(pick("DORA", cmds), "dora", "other case");
	CHECK(pick("xyzzy", cmds) == NULL, "nothing near: no suggestion");
	CHECK(pick("ab", cmds) == NULL, "two letters are not a typo of arp (2 edits)");
	CHECK(pick("discover", cmds) == NULL, "the word itself is no suggestion");
	CHECK(pick("", cmds) == NULL, "an empty word: no suggestion");
	CHECK_STR(pick("timout", sets), "timeout", "a setting");
	CHECK_STR(pick("wrte", sets), "write", "a dropped letter (write, not wait)");
	return CHECK_DONE();
}
