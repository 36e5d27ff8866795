/*
 * Random calls on the desktop engine, for the property test and the fuzzer
 * alike: a byte source (a seeded splitmix64 stream, or the fuzzer's input)
 * chooses each call and its arguments, live ids most of the time and stale
 * or made-up ones otherwise, numbers mostly sensible and otherwise NaN,
 * the infinities, -0, huge, tiny or negative. After every call ops_verify
 * checks what must always hold:
 *  - the engine's invariants (dt_check: each window on exactly one desktop
 *    that exists, z-orders distinct, the focused window live and on the
 *    active desktop, the active desktop valid, ...);
 *  - a call that returned an error left the engine byte for byte as it was;
 *  - snapshot -> restore (into a second engine) -> snapshot gives the same
 *    bytes, and the frame builds and agrees with the state.
 */
#ifndef ZOS_TESTS_DESKTOP_OPS_H
#define ZOS_TESTS_DESKTOP_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "desktop/engine.h"
#include "support/rng.h"

struct ops_src {
	const uint8_t *p; /* the fuzzer's bytes, or 0 for the stream below */
	size_t n, pos;
	struct rng rng;
	double now;       /* the clock the calls are given, moving on */
};

struct ops_result {
	int op;           /* which call (ops_name) */
	int32_t rc;
	double now;       /* the time it was given (a frame is built at it) */
};

/* A source over bytes (the fuzzer) or a seeded stream (the property test). */
void ops_from_bytes(struct ops_src *s, const uint8_t *p, size_t n);
void ops_from_seed(struct ops_src *s, uint64_t seed);
/* 1 when the bytes are used up (never for a stream). */
int ops_done(const struct ops_src *s);
/* Makes one call on dt. */
struct ops_result ops_step(struct dt_engine *dt, struct ops_src *s);
const char *ops_name(int op);
/* The checks above, given a copy of the engine from before the call. NULL
 * when they hold, else what failed. */
const char *ops_verify(const struct dt_engine *dt, const struct dt_engine *before,
		       struct ops_result r);

#endif
