/*
 * Replay and verification (see replay.h).
 */
#include "axiom/replay.h"

#include <zos/error.h>

#include "lib/commit_codec.h"
#include "axiom/frame.h"
#include "axiom/state_hash.h"
#include "kernel/kernel.h"
#include "lib/mem.h"

static int bad(struct replayer *r, const char *why)
{
	r->rep->status = ZOS_ERR_CORRUPT;
	r->rep->bad_seq = r->rep->next_seq;
	r->rep->reason = why;
	return ZOS_ERR_CORRUPT;
}

void replay_begin(struct replayer *r, struct kernel *k, struct replay_report *rep)
{
	zos_memset(rep, 0, sizeof *rep);
	rep->status = ZOS_OK;
	rep->probe_seq = UINT64_MAX;
	r->k = k;
	r->rep = rep;
	if (k)
		kernel_reset(k);
}

static int check_checkpoint(struct replayer *r, const zos_commit_t *c)
{
	uint8_t h[ZOS_HASH_SIZE];

	if (!r->k)
		return ZOS_OK;
	state_hash(&r->k->s, h);
	if (zos_memcmp(h, c->u.checkpoint.state_hash, ZOS_HASH_SIZE))
		return bad(r, "checkpoint state hash differs from the replayed state");
	r->rep->checkpoints++;
	return ZOS_OK;
}

/* hash_ok: whether c's own hash was found right (by whichever means). */
static int replay_checked(struct replayer *r, const zos_commit_t *c, int hash_ok)
{
	struct replay_report *rep = r->rep;

	if (rep->status != ZOS_OK)
		return rep->status;
	if (c->seq != rep->next_seq)
		return bad(r, c->seq < rep->next_seq ? "seq repeats an earlier commit"
						     : "seq skips ahead: commits missing");
	if (zos_memcmp(c->prev, rep->head, ZOS_HASH_SIZE))
		return bad(r, "previous-hash link broken");
	if (!hash_ok)
		return bad(r, "commit hash does not match its contents");
	if ((c->seq == 0) != (c->type == ZOS_COMMIT_GENESIS))
		return bad(r, "Genesis must be the first commit and only the first");
	if (c->type == ZOS_COMMIT_CHECKPOINT && check_checkpoint(r, c) != ZOS_OK)
		return rep->status;
	if (r->k && kernel_apply(r->k, c, 0) != ZOS_OK)
		return bad(r, "commit does not apply to the replayed state");
	if (c->type == ZOS_COMMIT_GENESIS || c->type == ZOS_COMMIT_BOOT)
		rep->epochs++;
	if (c->seq == rep->probe_seq) {
		rep->probe_found = 1;
		zos_memcpy(rep->probe_hash, c->hash, ZOS_HASH_SIZE);
	}
	rep->commits++;
	rep->next_seq++;
	zos_memcpy(rep->head, c->hash, ZOS_HASH_SIZE);
	return ZOS_OK;
}

int replay_commit(struct replayer *r, const zos_commit_t *c)
{
	uint8_t h[ZOS_HASH_SIZE];

	commit_hash(c, h);
	return replay_checked(r, c, zos_memcmp(h, c->hash, ZOS_HASH_SIZE) == 0);
}

int replay_records(struct kernel *k, const uint8_t *buf, size_t len, struct replay_report *rep)
{
	return replay_records_probe(k, buf, len, UINT64_MAX, rep);
}

int replay_records_probe(struct kernel *k, const uint8_t *buf, size_t len, uint64_t probe_seq,
			 struct replay_report *rep)
{
	struct replayer r;
	size_t pos = 0;

	replay_begin(&r, k, rep);
	rep->probe_seq = probe_seq;
	for (;;) {
		const uint8_t *rec;
		uint32_t n;
		zos_commit_t c;
		enum frame_status st = frame_next(buf, len, &pos, &rec, &n);

		if (st == FRAME_END)
			break;
		if (st == FRAME_TORN) {
			rep->torn = 1;
			break;
		}
		if (st == FRAME_CORRUPT)
			return bad(&r, "record damaged (frame check failed)");
		if (commit_decode(rec, n, &c) != ZOS_OK)
			return bad(&r, "record does not decode as a commit");
		if (replay_checked(&r, &c, commit_bytes_hash_ok(rec, n)) != ZOS_OK)
			return rep->status;
		rep->good_bytes = pos;
	}
	return ZOS_OK;
}

int replay_commits(struct kernel *k, const zos_commit_t *cs, size_t n, struct replay_report *rep)
{
	struct replayer r;

	replay_begin(&r, k, rep);
	for (size_t i = 0; i < n; i++)
		if (replay_commit(&r, &cs[i]) != ZOS_OK)
			return rep->status;
	return ZOS_OK;
}

int replay_and_verify(struct kernel *k, const uint8_t *buf, size_t len,
		      const uint8_t expected[ZOS_HASH_SIZE], struct replay_report *rep)
{
	uint8_t h[ZOS_HASH_SIZE];

	if (replay_records(k, buf, len, rep) != ZOS_OK)
		return rep->status;
	state_hash(&k->s, h);
	if (zos_memcmp(h, expected, ZOS_HASH_SIZE)) {
		rep->status = ZOS_ERR_CORRUPT;
		rep->bad_seq = rep->next_seq;
		rep->reason = "final state hash differs from the expected one";
	}
	return rep->status;
}
