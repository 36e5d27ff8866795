/*
 * Recording a CommitLog from the random workload (see record.h).
 */
#include "record.h"

#include <stdlib.h>
#include <string.h>
#include <zos/error.h>

#include "axiom/frame.h"
#include "invariants.h"

static int stop(struct recording *r, const char *why, int err)
{
	if (!r->error)
		r->error = why;
	return err;
}

/* ---- the sink: counts commit types on their way to the fake log -------- */

static int tally_write(void *ctx, const uint8_t *data, size_t len)
{
	struct recording *r = ctx;
	const uint8_t *rec;
	uint32_t n;
	size_t pos = 0;

	if (frame_next(data, len, &pos, &rec, &n) != FRAME_OK || pos != len || n < 2)
		return stop(r, "the CommitLog wrote something that is not exactly one record",
			    ZOS_ERR_CORRUPT);
	if (rec[0] < ZOS_COMMIT_TYPE_COUNT && rec[1] == 0)
		r->types[rec[0]]++;
	return r->inner.write(r->inner.ctx, data, len);
}

static int tally_flush(void *ctx)
{
	struct recording *r = ctx;
	return r->inner.flush(r->inner.ctx);
}

static int tally_truncate(void *ctx, uint64_t len)
{
	struct recording *r = ctx;
	return r->inner.truncate(r->inner.ctx, len);
}

/* ---- recording ---------------------------------------------------------- */

static void configure(struct recording *r)
{
	if (r->checkpoint_every)
		r->sys->ax.checkpoint_every = r->checkpoint_every;
	r->w.sys = r->sys;
}

int recording_start(struct recording *r, enum workload_mix mix, uint64_t seed,
		    uint32_t checkpoint_every)
{
	memset(r, 0, sizeof *r);
	fake_init(&r->fp);
	r->inner = r->fp.sink;
	r->fp.sink = (struct log_sink){
		.write = tally_write, .flush = tally_flush, .truncate = tally_truncate, .ctx = r };
	r->sys = fake_system(&r->fp);
	r->checkpoint_every = checkpoint_every;
	workload_init(&r->w, r->sys, &r->fp, mix, seed);
	configure(r);
	return ZOS_OK;
}

int recording_step(struct recording *r)
{
	const char *why;

	if (r->error)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (workload_step(&r->w) != ZOS_OK)
		return stop(r, "no runnable process left", ZOS_ERR_NOT_FOUND);
	if (r->sys->ax.log.failed)
		return stop(r, "the CommitLog stopped (a commit did not apply live)",
			    ZOS_ERR_LOG_FAILED);
	if (r->check_invariants && check_invariants(&r->sys->k.s, &why))
		return stop(r, why, ZOS_ERR_CORRUPT);
	return ZOS_OK;
}

int recording_reboot(struct recording *r)
{
	struct replay_report rep;
	uint64_t before = r->sys->ax.log.next_seq;
	size_t len = r->fp.log_len;
	uint8_t *copy;

	if (r->error)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (system_flush(r->sys) != ZOS_OK)
		return stop(r, "cannot flush the log before the reboot", ZOS_ERR_IO);
	copy = malloc(len ? len : 1);
	if (!copy)
		return stop(r, "out of memory", ZOS_ERR_RESOURCE_EXHAUSTED);
	memcpy(copy, r->fp.log, len);
	fake_system_free(r->sys);
	r->sys = 0;
	r->fp.now = 0; /* a new boot's monotonic clock */
	r->fp.n_wakes = r->fp.n_ended = r->fp.n_spawned = 0;
	if (fake_system_boot(&r->fp, copy, len, &r->sys, &rep) != ZOS_OK || rep.commits != before ||
	    rep.torn) {
		free(copy);
		return stop(r, "the reboot did not replay the whole log", ZOS_ERR_CORRUPT);
	}
	free(copy);
	r->reboots++;
	configure(r);
	return ZOS_OK;
}

int recording_run(struct recording *r, uint32_t steps, uint32_t reboots)
{
	int err = ZOS_OK;

	for (uint32_t i = 0, boots = 0; i < steps && err == ZOS_OK; i++) {
		if (boots < reboots && i == (uint64_t)steps * (boots + 1) / (reboots + 1)) {
			err = recording_reboot(r);
			boots++;
		}
		if (err == ZOS_OK)
			err = recording_step(r);
	}
	if (err == ZOS_OK && system_flush(r->sys) != ZOS_OK)
		err = stop(r, "the final flush failed", ZOS_ERR_IO);
	return err;
}

int recording_run_until(struct recording *r, uint64_t commits)
{
	int err = ZOS_OK;

	while (err == ZOS_OK && r->sys->ax.log.next_seq < commits)
		err = recording_step(r);
	if (err == ZOS_OK && system_flush(r->sys) != ZOS_OK)
		err = stop(r, "the final flush failed", ZOS_ERR_IO);
	return err;
}

void recording_free(struct recording *r)
{
	if (r->sys)
		fake_system_free(r->sys);
	r->sys = 0;
	fake_free(&r->fp);
}
