/*
 * ChaCha20 CSPRNG with fast key erasure (see csprng.h).
 *
 * Seeding and reseeding derive the key with HMAC-SHA-256 (a PRF on the
 * whole seed, whatever its length): key = HMAC(key_or_label, seed). A
 * refill is ChaCha20 under the key with a zero nonce from block 0: the
 * key is used for one refill only, so the nonce never repeats under it.
 */
#include "lib/crypto/csprng.h"

#include <zos/error.h>

#include "lib/crypto/chacha20.h"
#include "lib/crypto/ct.h"
#include "lib/crypto/hmac.h"

static const uint8_t zero_nonce[ZOS_CHACHA20_NONCE_SIZE];

static void refill(struct zos_csprng *c)
{
	uint8_t ks[32 + ZOS_CSPRNG_BUF];

	/* 1024 bytes from counter 0: cannot overflow the counter. */
	(void)zos_chacha20_xor(ks, 0, sizeof ks, c->key, zero_nonce, 0);
	for (size_t i = 0; i < 32; i++)
		c->key[i] = ks[i];
	for (size_t i = 0; i < ZOS_CSPRNG_BUF; i++)
		c->buf[i] = ks[32 + i];
	c->avail = ZOS_CSPRNG_BUF;
	zos_ct_wipe(ks, sizeof ks);
}

int zos_csprng_init(struct zos_csprng *c, const void *seed, size_t len)
{
	static const char label[] = "Zero OS csprng seed";

	zos_csprng_wipe(c);
	if (!seed || len < ZOS_CSPRNG_MIN_SEED)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_hmac_sha256(c->key, label, sizeof label - 1, seed, len);
	c->seeded = ZOS_CSPRNG_SEEDED;
	return ZOS_OK;
}

int zos_csprng_reseed(struct zos_csprng *c, const void *entropy, size_t len)
{
	uint8_t k[32];

	if (c->seeded != ZOS_CSPRNG_SEEDED || !entropy || len == 0)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_hmac_sha256(k, c->key, sizeof c->key, entropy, len);
	for (size_t i = 0; i < 32; i++)
		c->key[i] = k[i];
	zos_ct_wipe(k, sizeof k);
	zos_ct_wipe(c->buf, sizeof c->buf);
	c->avail = 0;
	return ZOS_OK;
}

int zos_csprng_bytes(struct zos_csprng *c, void *out, size_t n)
{
	uint8_t *o = out;

	if (c->seeded != ZOS_CSPRNG_SEEDED) {
		for (size_t i = 0; i < n; i++)
			o[i] = 0;
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	while (n > 0) {
		size_t take, from;

		if (c->avail == 0)
			refill(c);
		take = n < c->avail ? n : c->avail;
		from = ZOS_CSPRNG_BUF - c->avail;
		for (size_t i = 0; i < take; i++) {
			o[i] = c->buf[from + i];
			c->buf[from + i] = 0;
		}
		c->avail -= (uint32_t)take;
		o += take;
		n -= take;
	}
	/* No refill needed here: the key that made this output was replaced
	 * when the buffer was filled, and the bytes returned are gone from it. */
	return ZOS_OK;
}

void zos_csprng_wipe(struct zos_csprng *c)
{
	zos_ct_wipe(c, sizeof *c);
}
