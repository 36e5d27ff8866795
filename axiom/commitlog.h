/*
 * CommitLog: the hash-chained record of every kernel state change.
 *
 * Appending a commit gives it the next seq and the previous commit's hash,
 * computes its own hash (commit_codec.h), hands the framed record to the
 * sink (the platform's durable log) and keeps it in a bounded in-memory
 * window of the newest commits; older ones live only in the sink.
 *
 * Durability is the sink's: write may buffer, flush makes everything
 * written durable (group commit). A failed write or flush is fatal to the
 * log and never retried — after a failed fsync the kernel may already have
 * dropped the dirty pages, so a retry could report success for data that
 * never reached the disk. From then on every append returns
 * ZOS_ERR_LOG_FAILED; the system must stop, and the next boot verifies what
 * did reach the disk.
 */
#ifndef ZOS_AXIOM_COMMITLOG_H
#define ZOS_AXIOM_COMMITLOG_H

#include <stddef.h>
#include <stdint.h>
#include <zos/commit.h>

#include "axiom/anchor.h"

struct log_sink {
	int (*write)(void *ctx, const uint8_t *data, size_t len);
	int (*flush)(void *ctx);
	/* Cuts the log back to its first len bytes: how a torn tail found at
	 * boot is removed before the log is extended. */
	int (*truncate)(void *ctx, size_t len);
	/* Optional (axiom/anchor.h). anchor stores, durably, the seq and hash
	 * of the newest durable commit: called after each flush that made
	 * something durable, before the flush counts as done. read_anchor
	 * gives the stored one: ZOS_OK, NOT_FOUND (none yet), or CORRUPT. */
	int (*anchor)(void *ctx, const struct log_anchor *a);
	int (*read_anchor)(void *ctx, struct log_anchor *a);
	void *ctx;
};

struct commitlog {
	zos_commit_t *window;   /* caller-given ring of the newest commits */
	uint32_t cap;
	uint32_t start;         /* index of the oldest commit in the window */
	uint32_t count;
	uint64_t next_seq;
	uint8_t head[ZOS_HASH_SIZE]; /* hash of the newest commit (zeros: none) */
	struct log_sink sink;   /* write == 0: memory only */
	int failed;             /* ZOS_OK, or why the log stopped */
	uint64_t unflushed;     /* records written since the last flush */
};

/* An empty log whose next commit must be Genesis (seq 0). */
void commitlog_init(struct commitlog *l, zos_commit_t *window, uint32_t cap,
		    const struct log_sink *sink);
/* Continue a verified log: the next commit gets next_seq and links to head. */
void commitlog_resume(struct commitlog *l, uint64_t next_seq, const uint8_t head[ZOS_HASH_SIZE]);
/* Fills c's seq, prev and hash (the caller set type, payload, timestamp and
 * caused_by), writes it to the sink and keeps it in the window. */
int commitlog_append(struct commitlog *l, zos_commit_t *c);
/* The sink learned after the fact that a flush it accepted failed (a
 * platform whose storage answers asynchronously): the log stops as if the
 * flush had failed at once. */
void commitlog_stop(struct commitlog *l);
/* Makes everything appended so far durable (the group commit point). */
int commitlog_flush(struct commitlog *l);
/* The i-th oldest commit still in memory, or 0. */
const zos_commit_t *commitlog_at(const struct commitlog *l, uint32_t i);
/* Re-checks the in-memory window: seqs consecutive, each linked to the one
 * before and carrying its own correct hash. Returns ZOS_OK, or
 * ZOS_ERR_CORRUPT with *bad_seq set to the first commit that fails. */
int commitlog_verify(const struct commitlog *l, uint64_t *bad_seq);

#endif
