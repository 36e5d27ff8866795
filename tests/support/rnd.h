/*
 * A test file's own random stream, drawn from the one generator (rng.h):
 * rnd64, rnd, rnd8 and fill, seeded with TEST_RNG_SEED. Define it before
 * including this header for a sequence of the file's own. The sequence
 * depends on the seed alone, so a failure comes back on every run.
 */
#ifndef ZOS_TEST_RND_H
#define ZOS_TEST_RND_H

#include "rng.h"

#ifndef TEST_RNG_SEED
#define TEST_RNG_SEED 0x5EEDull
#endif

/* One per file that includes this header (a static inside a static inline
 * function), so test files never share or disturb each other's sequence. */
static inline struct rng *test_rng(void)
{
	static struct rng r = { TEST_RNG_SEED };
	return &r;
}

static inline uint64_t rnd64(void)
{
	return rng_next(test_rng());
}

/* A number below n (n > 0). */
static inline uint32_t rnd(uint32_t n)
{
	return rng_below(test_rng(), n);
}

static inline uint8_t rnd8(void)
{
	return (uint8_t)(rnd64() >> 29);
}

static inline void fill(uint8_t *p, size_t n)
{
	rng_fill(test_rng(), p, n);
}

#endif
