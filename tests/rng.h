/*
 * The seeded generator the randomised tests share (xorshift64: small,
 * fast, the same on every machine). A test file defines TEST_RNG_SEED
 * before including this header when it wants its own sequence.
 */
#ifndef ZOS_TEST_RNG_H
#define ZOS_TEST_RNG_H

#include <stddef.h>
#include <stdint.h>

#ifndef TEST_RNG_SEED
#define TEST_RNG_SEED 0x5EEDull
#endif

static uint64_t rng = TEST_RNG_SEED;

static inline uint64_t rnd64(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A number below n (n > 0). */
static inline uint32_t rnd(uint32_t n)
{
	return (uint32_t)(rnd64() % n);
}

static inline uint8_t rnd8(void)
{
	return (uint8_t)(rnd64() >> 29);
}

static inline void fill(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = rnd8();
}

#endif
