/*
 * The machine's log key and what it signs (the LogSigned commit,
 * include/zos/commit.h).
 *
 * The key is an Ed25519 key pair derived from a 32-byte seed the platform
 * keeps where no process can reach it (on the keystore device, under a key
 * the device refuses to processes: ZOS_KV_RESERVED_PREFIX). After each
 * Checkpoint, Axiom appends a LogSigned commit: the signature of
 *
 *   "zero-os log signature v1" || seq (8 bytes, little-endian) || hash
 *
 * for the checkpoint's seq and hash. Since every commit's hash covers the
 * one before it, a good signature vouches for the whole log up to the
 * checkpoint: someone who rewrites a commit and recomputes every later
 * hash, link and frame checksum cannot make the signatures after it
 * verify without the key. Verification needs only the public key
 * (`zos-log verify --key`).
 */
#ifndef ZOS_AXIOM_LOG_SIGN_H
#define ZOS_AXIOM_LOG_SIGN_H

#include <stdint.h>
#include <zos/commit.h>

#define ZOS_LOG_KEY_SEED_SIZE 32
#define ZOS_LOG_PUBLIC_KEY_SIZE 32

struct log_key {
	uint8_t pk[ZOS_LOG_PUBLIC_KEY_SIZE];
	uint8_t sk[64];
};

/* The key pair of a seed. */
void log_key_from_seed(struct log_key *key, const uint8_t seed[ZOS_LOG_KEY_SEED_SIZE]);
/* The signature of (seq, hash) into sig. */
void log_sign(const struct log_key *key, uint64_t seq, const uint8_t hash[ZOS_HASH_SIZE],
	      uint8_t sig[ZOS_LOG_SIGNATURE_SIZE]);
/* 1 when sig is pk's signature of (seq, hash). */
int log_signature_ok(const uint8_t pk[ZOS_LOG_PUBLIC_KEY_SIZE], uint64_t seq,
		     const uint8_t hash[ZOS_HASH_SIZE], const uint8_t sig[ZOS_LOG_SIGNATURE_SIZE]);

#endif
