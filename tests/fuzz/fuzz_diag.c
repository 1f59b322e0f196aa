/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_diag.c - libFuzzer target: hostile frames -> observations -> diagnose's rules, as
 * `diagnose -r FILE` and `watch` feed them; also as replies of probe steps */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frame.h"
#include "msg.h"
#include "obs.h"
#include "probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define OBS_MAX 64

/* the input is frames, each after a 2-byte length; the first byte picks capture or steps */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct msg *m;
	static struct obs *heard;
	static struct probe_result *res;
	static struct diag_finding out[32];
	struct diag_probe steps[DIAG_STEP_MAX];
	struct diag_input in = {0};
	struct diag_verdict v;
	struct frame f;
	size_t off = 1, n = 0;

	if (!m) {
		m = malloc(sizeof(*m));
		heard = calloc(OBS_MAX, sizeof(*heard));
		res = calloc(1, sizeof(*res));
		if (!m || !heard || !res)
			abort();
	}
	if (size < 1)
		return 0;
	while (off + 2 <= size && n < OBS_MAX) {
		size_t len = (size_t)data[off] << 8 | data[off + 1];

		off += 2;
		if (len > size - off)
			len = size - off;
		if (obs_parse(LINK_EN10MB, data + off, len, len, &(struct timeval){(long)n, 0}, m,
			      &f, &heard[n]) == 0) {
			heard[n].ms = (int64_t)(data[0] & 0x70) * (int64_t)n;
			heard[n].flags = data[off % size] & 0x3f;
			n++;
		}
		off += len;
	}
	in.allow = NULL;
	in.requested = n ? heard[0].yiaddr : 0;
	in.asked_dns = data[0] & 1;
	if (data[0] & 0x80) {
		/* the same messages as the replies of every kind of step */
		memset(res, 0, offsetof(struct probe_result, replies));
		res->tries = 1 + (data[0] & 3);
		res->nreplies = (unsigned)n;
		res->answers = (unsigned)n;
		memcpy(res->replies, heard, n * sizeof(*heard));
		for (int k = 0; k < DIAG_STEP_MAX; k++)
			steps[k] = (struct diag_probe){(enum diag_step)k, res};
		in.steps = steps;
		in.nsteps = DIAG_STEP_MAX;
		in.server = n ? heard[0].server_id : 0;
	} else {
		in.heard = heard;
		in.nheard = n;
		in.from_capture = true;
	}
	n = diag_run(&in, out, sizeof(out) / sizeof(out[0]));
	diag_verdict(&in, out, n, &v);
	for (size_t i = 0; i < n; i++)
		if (!memchr(out[i].text, 0, sizeof(out[i].text)) ||
		    !memchr(out[i].evidence, 0, sizeof(out[i].evidence)))
			abort();
	return 0;
}
