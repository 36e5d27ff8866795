/*
 * A ChaCha20-based CSPRNG with fast key erasure. In Zero OS it is seeded
 * from the RANDOM syscall (the HAL's entropy source); here the caller
 * supplies the seed bytes, so the generator itself is deterministic and
 * testable.
 *
 * Invariants: the key that produced any output already handed out has
 * been overwritten (each refill runs ChaCha20 under the current key, keeps
 * the first 32 bytes as the next key, and buffers the rest); buffered
 * output is wiped as it is handed out, so a later compromise of the state
 * reveals nothing already returned. Nothing is allocated.
 */
#ifndef ZOS_LIB_CRYPTO_CSPRNG_H
#define ZOS_LIB_CRYPTO_CSPRNG_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_CSPRNG_MIN_SEED 32
#define ZOS_CSPRNG_BUF (15 * 64 + 32) /* one refill minus the next key */

struct zos_csprng {
	uint8_t key[32];
	uint8_t buf[ZOS_CSPRNG_BUF];
	uint32_t avail;  /* unread bytes at the end of buf */
	uint32_t seeded; /* ZOS_CSPRNG_SEEDED once init succeeded */
};

#define ZOS_CSPRNG_SEEDED 0x5EEDEDu

/* Seeds from seed[0..len), len >= 32. ZOS_ERR_INVALID_ARGUMENT otherwise
 * (and the generator stays unseeded). */
int zos_csprng_init(struct zos_csprng *c, const void *seed, size_t len);

/* Mixes more entropy (len >= 1) into a seeded generator and discards the
 * buffered output. ZOS_ERR_INVALID_ARGUMENT when unseeded or len is 0. */
int zos_csprng_reseed(struct zos_csprng *c, const void *entropy, size_t len);

/* out[0..n) = random bytes. ZOS_ERR_INVALID_ARGUMENT when unseeded
 * (out is then zeroed, so a caller that ignores the error gets no stale
 * memory as "randomness"). */
int zos_csprng_bytes(struct zos_csprng *c, void *out, size_t n);

/* Wipes the whole state; the generator is unseeded afterwards. */
void zos_csprng_wipe(struct zos_csprng *c);

#endif
