/*
 * A ChaCha20-based CSPRNG with fast key erasure. Seeded by the caller with
 * at least 32 bytes of entropy (in Zero OS from the RANDOM syscall); each
 * request draws key stream under the current key, whose first 32 bytes
 * replace the key before any output is returned, so a later compromise of
 * the state reveals nothing about earlier outputs. Reseeding mixes new
 * entropy into the key with SHA-256.
 */
#ifndef ZOS_LIB_CRYPTO_CSPRNG_H
#define ZOS_LIB_CRYPTO_CSPRNG_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_CSPRNG_MIN_SEED 32

struct zos_csprng {
	uint8_t key[32];
	uint64_t requests;  /* used as the nonce, so no (key, nonce) repeats */
	int seeded;
};

/* ZOS_ERR_INVALID_ARGUMENT if seed_len < ZOS_CSPRNG_MIN_SEED. */
int zos_csprng_init(struct zos_csprng *r, const void *seed, size_t seed_len);
/* Mixes more entropy in (any length, 0 allowed but pointless). */
int zos_csprng_reseed(struct zos_csprng *r, const void *seed, size_t seed_len);
/* n random bytes; ZOS_ERR_INVALID_ARGUMENT if never seeded. */
int zos_csprng_generate(struct zos_csprng *r, void *out, size_t n);
/* Wipes the state. */
void zos_csprng_wipe(struct zos_csprng *r);

#endif
