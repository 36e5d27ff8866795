/*
 * The one seeded random-number generator of the tests, the fuzzers' seed
 * corpus and the benchmarks: splitmix64 (small, fast, good enough for test
 * data, the same on every machine and compiler). A stream is a struct rng;
 * the same seed gives the same numbers everywhere, which is what lets a
 * failing seed be replayed and a recorded log be compared across targets.
 *
 * Code that needs a stream of its own (the workload, the power-cut block
 * device, a generator of corpus files) keeps a struct rng. A test file
 * that just wants random data uses its file's stream (rnd.h).
 *
 * Never draw twice in one expression (f(rnd(3), rnd(5))): C leaves the
 * order of evaluation open, and the sequence would depend on the compiler.
 */
#ifndef ZOS_TEST_RNG_H
#define ZOS_TEST_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t state;
};

static inline struct rng rng_seeded(uint64_t seed)
{
	return (struct rng){ seed };
}

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A number below n; 0 when n is 0. */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)(rng_next(r) % n) : 0;
}

/* 1 with the given chance in percent. */
static inline int rng_chance(struct rng *r, uint32_t percent)
{
	return rng_below(r, 100) < percent;
}

static inline void rng_fill(struct rng *r, uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(rng_next(r) >> 29);
}

#endif
