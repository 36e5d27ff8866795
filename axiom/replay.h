/*
 * Replay: state = reduce(genesis, CommitLog), with the chain verified on the
 * way.
 *
 * Each commit is checked before it is applied: its seq follows the one
 * before, it links to the previous hash, its own hash is right, the first
 * is Genesis, and it applies to the state (kernel_apply). At a Checkpoint
 * the state hash so far must equal the one the checkpoint carries. The first
 * commit that fails any of these is reported by seq, with the reason.
 *
 * Reading framed bytes, a torn tail (see frame.h) is not an error: replay
 * stops before it, says so (report.torn) and gives the length of the good
 * prefix, where the platform cuts the file.
 */
#ifndef ZOS_AXIOM_REPLAY_H
#define ZOS_AXIOM_REPLAY_H

#include <stddef.h>
#include <stdint.h>
#include <zos/commit.h>

#include "kernel/state.h"

struct replay_report {
	int status;              /* ZOS_OK or ZOS_ERR_CORRUPT */
	int torn;                /* a torn tail followed the good records */
	uint64_t commits;        /* commits verified (and applied) */
	uint64_t epochs;         /* Genesis and each Boot */
	uint64_t checkpoints;    /* checkpoints whose state hash matched */
	uint64_t bad_seq;        /* when status != OK: the first bad seq */
	const char *reason;      /* when status != OK: what was wrong there */
	size_t good_bytes;       /* framed input: length of the verified prefix */
	uint64_t next_seq;       /* seq the next commit must carry */
	uint8_t head[ZOS_HASH_SIZE]; /* hash of the last good commit */
	/* replay_records_probe: the hash of the commit at probe_seq, if the
	 * log held it (how the anchor is checked, axiom/anchor.h) */
	uint64_t probe_seq;
	int probe_found;
	uint8_t probe_hash[ZOS_HASH_SIZE];
	/* at boot (system_start): REPLAY_ANCHOR_* and the anchor's seq */
	int anchor;
	uint64_t anchor_seq;
};

enum {
	REPLAY_ANCHOR_UNKEPT = 0, /* the platform keeps no anchor */
	REPLAY_ANCHOR_CHECKED = 1, /* the log reaches its anchor and holds it */
	REPLAY_ANCHOR_ABSENT = 2, /* none stored yet (a log from before anchors) */
	REPLAY_ANCHOR_FAILED = 3, /* the log does not reach or hold its anchor */
};

struct replayer {
	struct kernel *k;        /* 0: verify the chain only, apply nothing */
	struct replay_report *rep;
};

/* Starts from genesis: zeroes k (when given) and the report. */
void replay_begin(struct replayer *r, struct kernel *k, struct replay_report *rep);
/* Verifies and applies one commit. */
int replay_commit(struct replayer *r, const zos_commit_t *c);
/* A whole framed log (what a platform reads back from disk). */
int replay_records(struct kernel *k, const uint8_t *buf, size_t len, struct replay_report *rep);
/* replay_records, also keeping the hash of the commit at probe_seq. */
int replay_records_probe(struct kernel *k, const uint8_t *buf, size_t len, uint64_t probe_seq,
			 struct replay_report *rep);
/* Commits already in memory. */
int replay_commits(struct kernel *k, const zos_commit_t *cs, size_t n, struct replay_report *rep);
/* replay_records, then the final state hash must equal expected. */
int replay_and_verify(struct kernel *k, const uint8_t *buf, size_t len,
		      const uint8_t expected[ZOS_HASH_SIZE], struct replay_report *rep);

#endif
