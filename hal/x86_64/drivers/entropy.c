/*
 * Entropy (see entropy.h). RDRAND and RDSEED may transiently fail (carry
 * clear); each word is retried a bounded number of times, then the call
 * fails rather than hand out fewer or predictable bytes.
 */
#include "hal/x86_64/drivers/entropy.h"

#include <zos/error.h>

#include "hal/x86_64/cpu/cpu.h"
#include "lib/mem.h"
#include "lib/sha256.h"

#define RETRIES 64
#define CPUID1_ECX_RDRAND (1u << 30)
#define CPUID7_EBX_RDSEED (1u << 18)

enum source { SRC_TSC, SRC_RDRAND, SRC_RDSEED };
static enum source source;
static uint8_t pool[ZOS_SHA256_SIZE];
static uint64_t pool_counter;

static int hw_word(uint64_t *v)
{
	for (int i = 0; i < RETRIES; i++) {
		uint8_t ok;

		if (source == SRC_RDSEED)
			__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
		else
			__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return 1;
		__asm__ volatile("pause");
	}
	return 0;
}

/* The fallback: pool = SHA-256(pool, counter, tsc); output the next block. */
static void tsc_block(uint8_t out[ZOS_SHA256_SIZE])
{
	struct zos_sha256 c;
	uint64_t t = rdtsc();

	zos_sha256_init(&c);
	zos_sha256_update(&c, pool, sizeof pool);
	zos_sha256_update(&c, &pool_counter, sizeof pool_counter);
	zos_sha256_update(&c, &t, sizeof t);
	zos_sha256_final(&c, pool);
	pool_counter++;
	zos_sha256(pool, sizeof pool, out);
}

const char *entropy_init(void)
{
	uint32_t r[4];
	uint32_t max;

	cpuid(0, 0, r);
	max = r[0];
	source = SRC_TSC;
	if (max >= 7) {
		cpuid(7, 0, r);
		if (r[1] & CPUID7_EBX_RDSEED)
			source = SRC_RDSEED;
	}
	if (source == SRC_TSC) {
		cpuid(1, 0, r);
		if (r[2] & CPUID1_ECX_RDRAND)
			source = SRC_RDRAND;
	}
	if (source == SRC_TSC) {
		for (int i = 0; i < 64; i++) /* stir in some timing noise */
			tsc_block(pool);
		return "TSC jitter (weak: no RDRAND/RDSEED)";
	}
	return source == SRC_RDSEED ? "RDSEED" : "RDRAND";
}

int entropy_fill(uint8_t *out, uint32_t len)
{
	while (len > 0) {
		uint8_t block[ZOS_SHA256_SIZE];
		uint32_t n;

		if (source == SRC_TSC) {
			tsc_block(block);
			n = len < sizeof block ? len : (uint32_t)sizeof block;
		} else {
			uint64_t v;

			if (!hw_word(&v))
				return ZOS_ERR_IO;
			zos_memcpy(block, &v, sizeof v);
			n = len < sizeof v ? len : (uint32_t)sizeof v;
		}
		zos_memcpy(out, block, n);
		out += n;
		len -= n;
	}
	return ZOS_OK;
}
