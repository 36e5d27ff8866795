/*
 * CommitLog (see commitlog.h).
 */
#include "axiom/commitlog.h"

#include <zos/error.h>

#include "lib/commit_codec.h"
#include "axiom/frame.h"
#include "lib/mem.h"

void commitlog_init(struct commitlog *l, zos_commit_t *window, uint32_t cap,
		    const struct log_sink *sink)
{
	zos_memset(l, 0, sizeof *l);
	l->window = window;
	l->cap = cap;
	if (sink)
		l->sink = *sink;
}

void commitlog_resume(struct commitlog *l, uint64_t next_seq, const uint8_t head[ZOS_HASH_SIZE])
{
	l->next_seq = next_seq;
	zos_memcpy(l->head, head, ZOS_HASH_SIZE);
}

static void keep(struct commitlog *l, const zos_commit_t *c)
{
	if (l->cap == 0)
		return;
	if (l->count == l->cap) {
		l->start = (l->start + 1) % l->cap;
		l->count--;
	}
	l->window[(l->start + l->count) % l->cap] = *c;
	l->count++;
}

static int stop(struct commitlog *l)
{
	l->failed = ZOS_ERR_LOG_FAILED;
	return l->failed;
}

void commitlog_stop(struct commitlog *l)
{
	stop(l);
}

int commitlog_append(struct commitlog *l, zos_commit_t *c)
{
	uint8_t rec[ZOS_COMMIT_MAX_ENCODED];
	uint8_t frame[ZOS_FRAME_HEADER_SIZE + ZOS_COMMIT_MAX_ENCODED];
	int n, f;

	if (l->failed)
		return l->failed;
	if ((l->next_seq == 0) != (c->type == ZOS_COMMIT_GENESIS))
		return ZOS_ERR_INVALID_ARGUMENT; /* Genesis first, and only first */
	c->seq = l->next_seq;
	zos_memcpy(c->prev, l->head, ZOS_HASH_SIZE);
	n = commit_seal(c, rec, sizeof rec);
	if (n < 0)
		return n;
	if (l->sink.write) {
		f = frame_write(rec, (uint32_t)n, frame, sizeof frame);
		if (f < 0 || l->sink.write(l->sink.ctx, frame, (size_t)f) != ZOS_OK)
			return stop(l);
		l->unflushed++;
	}
	keep(l, c);
	l->next_seq++;
	zos_memcpy(l->head, c->hash, ZOS_HASH_SIZE);
	return ZOS_OK;
}

int commitlog_flush(struct commitlog *l)
{
	if (l->failed)
		return l->failed;
	if (!l->sink.flush || l->unflushed == 0)
		return ZOS_OK;
	/* The group commit point: after this returns OK, every record written
	 * so far is durable. A failure is final (see commitlog.h). */
	if (l->sink.flush(l->sink.ctx) != ZOS_OK)
		return stop(l);
	if (l->sink.anchor && l->next_seq) {
		struct log_anchor a = { .seq = l->next_seq - 1 };
		zos_memcpy(a.hash, l->head, ZOS_HASH_SIZE);
		if (l->sink.anchor(l->sink.ctx, &a) != ZOS_OK)
			return stop(l);
	}
	l->unflushed = 0;
	return ZOS_OK;
}

const zos_commit_t *commitlog_at(const struct commitlog *l, uint32_t i)
{
	return i < l->count ? &l->window[(l->start + i) % l->cap] : 0;
}

int commitlog_verify(const struct commitlog *l, uint64_t *bad_seq)
{
	uint8_t h[ZOS_HASH_SIZE];

	for (uint32_t i = 0; i < l->count; i++) {
		const zos_commit_t *c = commitlog_at(l, i);
		const zos_commit_t *before = i ? commitlog_at(l, i - 1) : 0;
		uint64_t want = l->next_seq - l->count + i;
		commit_hash(c, h);
		if (c->seq != want || (before && zos_memcmp(c->prev, before->hash, ZOS_HASH_SIZE)) ||
		    zos_memcmp(h, c->hash, ZOS_HASH_SIZE)) {
			*bad_seq = want;
			return ZOS_ERR_CORRUPT;
		}
	}
	if (l->count && zos_memcmp(commitlog_at(l, l->count - 1)->hash, l->head, ZOS_HASH_SIZE)) {
		*bad_seq = l->next_seq - 1;
		return ZOS_ERR_CORRUPT;
	}
	return ZOS_OK;
}
