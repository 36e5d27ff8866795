/*
 * The CSPRNG of csprng.h. generate(): nonce = request number (little-endian
 * in the first 8 bytes), block 0's first 32 bytes become the new key, the
 * rest of block 0 and the following blocks are the output. Requests are
 * split so one never uses more than 2^24 blocks of one key.
 * Seeding: key = SHA-256("zos csprng" || old key || seed); init starts from a
 * zero key.
 */
#include "lib/crypto/csprng.h"
#include "lib/crypto/chacha20.h"
#include "lib/crypto/ct.h"
#include "lib/sha256.h"
#include "zos/error.h"

#define MAX_CHUNK ((size_t)1 << 30) /* bytes per key (2^24 blocks); fits a 32-bit size_t */

int zos_csprng_init(struct zos_csprng *r, const void *seed, size_t seed_len)
{
	zos_csprng_wipe(r);
	if (seed == NULL || seed_len < ZOS_CSPRNG_MIN_SEED)
		return ZOS_ERR_INVALID_ARGUMENT;
	return zos_csprng_reseed(r, seed, seed_len);
}

int zos_csprng_reseed(struct zos_csprng *r, const void *seed, size_t seed_len)
{
	static const char label[] = "zos csprng";
	struct zos_sha256 h;

	if (seed == NULL && seed_len > 0)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_sha256_init(&h);
	zos_sha256_update(&h, label, sizeof label - 1);
	zos_sha256_update(&h, r->key, sizeof r->key);
	if (seed_len > 0)
		zos_sha256_update(&h, seed, seed_len);
	zos_sha256_final(&h, r->key);
	zos_ct_wipe(&h, sizeof h);
	r->seeded = 1;
	return ZOS_OK;
}

static void draw(struct zos_csprng *r, uint8_t *out, size_t n)
{
	uint8_t nonce[ZOS_CHACHA20_NONCE] = {0}, block[ZOS_CHACHA20_BLOCK], key[32];
	uint64_t q = r->requests++;
	size_t first;

	for (int i = 0; i < 8; i++)
		nonce[i] = (uint8_t)(q >> (8 * i));
	zos_chacha20_block(r->key, 0, nonce, block);
	for (int i = 0; i < 32; i++) {
		key[i] = r->key[i];
		r->key[i] = block[i];
	}
	first = n < 32 ? n : 32;
	for (size_t i = 0; i < first; i++)
		out[i] = block[32 + i];
	if (n > first) {
		/* the rest is key stream from block 1 on: xor into zeros */
		for (size_t i = first; i < n; i++)
			out[i] = 0;
		zos_chacha20_xor(key, 1, nonce, out + first, out + first, n - first);
	}
	zos_ct_wipe(block, sizeof block);
	zos_ct_wipe(key, sizeof key);
}

int zos_csprng_generate(struct zos_csprng *r, void *out, size_t n)
{
	uint8_t *p = out;

	if (!r->seeded)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (n == 0)
		return ZOS_OK;
	while (n > 0) {
		size_t take = n < MAX_CHUNK ? n : MAX_CHUNK;
		draw(r, p, take);
		p += take;
		n -= take;
	}
	return ZOS_OK;
}

void zos_csprng_wipe(struct zos_csprng *r)
{
	zos_ct_wipe(r, sizeof *r);
}
