/*
 * The log key's signatures (see log_sign.h).
 */
#include "axiom/log_sign.h"

#include <zos/error.h>

#include "lib/bytes.h"
#include "lib/crypto/ed25519.h"
#include "lib/mem.h"

#define LABEL "zero-os log signature v1"
#define MSG_SIZE (sizeof LABEL - 1 + 8 + ZOS_HASH_SIZE)

static void message(uint8_t out[MSG_SIZE], uint64_t seq, const uint8_t hash[ZOS_HASH_SIZE])
{
	zos_memcpy(out, LABEL, sizeof LABEL - 1);
	zos_st64(out + sizeof LABEL - 1, seq);
	zos_memcpy(out + sizeof LABEL - 1 + 8, hash, ZOS_HASH_SIZE);
}

void log_key_from_seed(struct log_key *key, const uint8_t seed[ZOS_LOG_KEY_SEED_SIZE])
{
	zos_ed25519_keypair(key->pk, key->sk, seed);
}

void log_sign(const struct log_key *key, uint64_t seq, const uint8_t hash[ZOS_HASH_SIZE],
	      uint8_t sig[ZOS_LOG_SIGNATURE_SIZE])
{
	uint8_t m[MSG_SIZE];

	message(m, seq, hash);
	zos_ed25519_sign(sig, m, sizeof m, key->sk);
}

int log_signature_ok(const uint8_t pk[ZOS_LOG_PUBLIC_KEY_SIZE], uint64_t seq,
		     const uint8_t hash[ZOS_HASH_SIZE], const uint8_t sig[ZOS_LOG_SIGNATURE_SIZE])
{
	uint8_t m[MSG_SIZE];

	message(m, seq, hash);
	return zos_ed25519_verify(sig, m, sizeof m, pk) == ZOS_OK;
}
