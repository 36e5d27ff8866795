/*
 * The wasm32 replay module: the core's replay and state hash, built
 * freestanding with clang for wasm32, driven from JavaScript
 * (tests/wasm/replay.mjs runs it under Node).
 *
 * The host copies a framed CommitLog into the buffer zos_input() points to
 * (at most zos_input_cap() bytes) and calls zos_replay(len). The module
 * verifies and replays it from genesis into its own static kernel exactly as
 * the host build does (axiom/replay.c: the chain, every commit's hash over
 * its re-encoding, every checkpoint), hashes the resulting state, and fills
 * the result record zos_result() points to. Because each commit's hash is
 * computed over this target's encoding of the decoded fields, a replay that
 * succeeds here shows that the encoding is byte-identical to the host's.
 *
 * No libc: the core plus lib/libc_shim.c is all that is linked.
 */
#include <stddef.h>
#include <stdint.h>
#include <zos/commit.h>
#include <zos/error.h>

#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "kernel/kernel.h"
#include "lib/mem.h"

#define ZOS_WASM_INPUT_MAX (16u << 20) /* the largest log one call replays */
#define ZOS_WASM_EXPORT(name) __attribute__((export_name(name), visibility("default")))

/* What zos_replay found. Read by JavaScript at these fixed offsets
 * (little-endian), so the layout is pinned below. */
struct zos_wasm_result {
	int32_t status;        /*  0: ZOS_OK or ZOS_ERR_CORRUPT */
	uint32_t torn;         /*  4: a torn tail followed the good records */
	uint64_t commits;      /*  8: commits verified and applied */
	uint64_t epochs;       /* 16: Genesis and each Boot */
	uint64_t checkpoints;  /* 24: checkpoints whose state hash matched */
	uint64_t bad_seq;      /* 32: when status != OK, the first bad seq */
	uint64_t good_bytes;   /* 40: length of the verified prefix */
	uint32_t reason;       /* 48: address of a C string saying why, or 0 */
	uint32_t pad;          /* 52 */
	uint8_t head[ZOS_HASH_SIZE];  /* 56: hash of the last good commit */
	uint8_t state[ZOS_HASH_SIZE]; /* 88: state hash of the replayed kernel */
};

_Static_assert(offsetof(struct zos_wasm_result, reason) == 48, "result layout");
_Static_assert(offsetof(struct zos_wasm_result, head) == 56, "result layout");
_Static_assert(offsetof(struct zos_wasm_result, state) == 88, "result layout");
_Static_assert(sizeof(struct zos_wasm_result) == 120, "result layout");

static uint8_t input[ZOS_WASM_INPUT_MAX];
static struct kernel kernel;
static struct zos_wasm_result result;

uint8_t *zos_input(void) ZOS_WASM_EXPORT("zos_input");
uint32_t zos_input_cap(void) ZOS_WASM_EXPORT("zos_input_cap");
struct zos_wasm_result *zos_result(void) ZOS_WASM_EXPORT("zos_result");
int32_t zos_replay(uint32_t len) ZOS_WASM_EXPORT("zos_replay");

uint8_t *zos_input(void)
{
	return input;
}

uint32_t zos_input_cap(void)
{
	return ZOS_WASM_INPUT_MAX;
}

struct zos_wasm_result *zos_result(void)
{
	return &result;
}

static void fill_result(const struct replay_report *rep)
{
	result.status = rep->status;
	result.torn = (uint32_t)rep->torn;
	result.commits = rep->commits;
	result.epochs = rep->epochs;
	result.checkpoints = rep->checkpoints;
	result.bad_seq = rep->bad_seq;
	result.good_bytes = rep->good_bytes;
	result.reason = (uint32_t)(uintptr_t)rep->reason;
	zos_memcpy(result.head, rep->head, ZOS_HASH_SIZE);
	state_hash(&kernel.s, result.state);
}

/* Replays input[0, len). Returns the status, also in the result record. */
int32_t zos_replay(uint32_t len)
{
	struct replay_report rep;

	zos_memset(&result, 0, sizeof result);
	if (len > ZOS_WASM_INPUT_MAX) {
		result.status = ZOS_ERR_INVALID_ARGUMENT;
		return result.status;
	}
	replay_records(&kernel, input, len, &rep);
	fill_result(&rep);
	return result.status;
}
