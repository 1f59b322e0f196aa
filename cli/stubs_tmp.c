/* SPDX-License-Identifier: BSD-2-Clause */
/* stubs_tmp.c - TEMPORARY weak stand-ins for handlers not in the tree yet, so the
 * shell links; a real definition anywhere overrides these. Delete when all landed. */
#include "cli.h"

#define WEAK __attribute__((weak))

static int
not_yet(struct sess *s)
{
	sess_err(s, "not implemented yet");
	return EX_SOFTWARE;
}

#define STUB(name)                                                                         \
	WEAK int name(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);   \
	WEAK int name(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)    \
	{                                                                                  \
		(void)cfg;                                                                 \
		(void)argc;                                                                \
		(void)argv;                                                                \
		return not_yet(s);                                                         \
	}

STUB(cmd_discover)
STUB(cmd_request)
STUB(cmd_inform)
STUB(cmd_release)
STUB(cmd_decline)
STUB(cmd_dora)
STUB(cmd_save)
STUB(cmd_show_probe)
STUB(cmd_watch)

WEAK int
probe_offer_count(const struct sess *s)
{
	(void)s;
	return 0;
}

WEAK void
probe_sess_free(struct sess *s)
{
	(void)s;
}
