/* SPDX-License-Identifier: BSD-2-Clause */
/* check.h - the few macros every unit test program uses; output "ok - X" / "FAIL - X: why" */
#ifndef DHCPDIAG_CHECK_H
#define DHCPDIAG_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_pass, check_fail;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (cond) {                                                                        \
			check_pass++;                                                              \
			printf("ok - ");                                                           \
		} else {                                                                           \
			check_fail++;                                                              \
			printf("FAIL - %s:%d: (%s) ", __FILE__, __LINE__, #cond);                  \
		}                                                                                  \
		printf(__VA_ARGS__);                                                               \
		printf("\n");                                                                      \
	} while (0)

#define CHECK_STR(got, want, ...)                                                                  \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		int same_ = g_ && w_ && strcmp(g_, w_) == 0;                                       \
		CHECK(same_, __VA_ARGS__);                                                         \
		if (!same_)                                                                        \
			printf("#   got:  '%s'\n#   want: '%s'\n", g_ ? g_ : "(null)",             \
			       w_ ? w_ : "(null)");                                                \
	} while (0)

/* exit status of a test program: failures make it non-zero */
#define CHECK_DONE() (printf("# %d passed, %d failed\n", check_pass, check_fail), check_fail ? 1 : 0)

#endif
