/*
 * AES-256-GCM (SP 800-38D section 7; see gcm.h).
 *
 * J0 = IV || 0^31 || 1 for a 96-bit IV, else GHASH(IV padded || 0^64 ||
 * [len(IV)]_64). C = GCTR(inc32(J0), P); S = GHASH(A padded || C padded
 * || [len(A)]_64 || [len(C)]_64); T = E(K, J0) ^ S. The per-block work
 * goes to the AES-NI/PCLMULQDQ code when g->hw is set, else to aes.c and
 * ghash.c; everything around it is shared.
 */
#include "lib/crypto/gcm.h"

#include <zos/error.h>

#include "lib/crypto/ct.h"
#include "lib/crypto/gcm_x86.h"
#include "lib/crypto/ghash.h"

#define MAX_TEXT ((1ull << 36) - 32)

int zos_aes256_gcm_hw_available(void)
{
#ifdef ZOS_GCM_X86
	return zos_gcm_x86_available();
#else
	return 0;
#endif
}

void zos_aes256_gcm_init_portable(struct zos_aes256_gcm *g, const uint8_t key[32])
{
	static const uint8_t zero[16];

	zos_ct_wipe(g, sizeof *g);
	zos_aes256_init(&g->aes, key);
	zos_aes256_encrypt(&g->aes, zero, g->h);
}

void zos_aes256_gcm_init(struct zos_aes256_gcm *g, const uint8_t key[32])
{
	zos_aes256_gcm_init_portable(g, key);
#ifdef ZOS_GCM_X86
	if (zos_gcm_x86_available()) {
		zos_gcm_x86_hpowers(g->hpow, g->h);
		g->hw = 1;
	}
#endif
}

void zos_aes256_gcm_wipe(struct zos_aes256_gcm *g)
{
	zos_ct_wipe(g, sizeof *g);
}

static void ghash_blocks(const struct zos_aes256_gcm *g, uint8_t y[16], const uint8_t *p, size_t nb)
{
#ifdef ZOS_GCM_X86
	if (g->hw) {
		zos_gcm_x86_ghash(y, g->hpow, p, nb);
		return;
	}
#endif
	zos_ghash_blocks(y, g->h, p, nb);
}

/* GHASH over p[0..n) zero-padded to whole blocks. */
static void ghash_padded(const struct zos_aes256_gcm *g, uint8_t y[16], const uint8_t *p, size_t n)
{
	uint8_t last[16] = { 0 };

	ghash_blocks(g, y, p, n / 16);
	if (n % 16) {
		for (size_t i = 0; i < n % 16; i++)
			last[i] = p[n - n % 16 + i];
		ghash_blocks(g, y, last, 1);
		zos_ct_wipe(last, sizeof last);
	}
}

static void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

/* Adds 1 to the counter block's last 32 bits, modulo 2^32. */
static void inc32(uint8_t ctr[16])
{
	uint32_t c = (uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 | (uint32_t)ctr[14] << 8 | ctr[15];

	c++;
	for (int i = 0; i < 4; i++)
		ctr[12 + i] = (uint8_t)(c >> (24 - 8 * i));
}

static void gctr(const struct zos_aes256_gcm *g, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t n)
{
	uint8_t ks[16];

#ifdef ZOS_GCM_X86
	if (g->hw) {
		zos_gcm_x86_ctr(g->aes.rk, ctr, in, out, n);
		return;
	}
#endif
	while (n > 0) {
		size_t take = n < 16 ? n : 16;

		zos_aes256_encrypt(&g->aes, ctr, ks);
		for (size_t i = 0; i < take; i++)
			out[i] = in[i] ^ ks[i];
		inc32(ctr);
		in += take;
		out += take;
		n -= take;
	}
	zos_ct_wipe(ks, sizeof ks);
}

/* out = E(K, in), on the fast path when there is one. */
static void encrypt_block(const struct zos_aes256_gcm *g, const uint8_t in[16], uint8_t out[16])
{
#ifdef ZOS_GCM_X86
	if (g->hw) {
		static const uint8_t zero[16];
		uint8_t c[16];

		for (int i = 0; i < 16; i++)
			c[i] = in[i];
		zos_gcm_x86_ctr(g->aes.rk, c, zero, out, 16); /* 0 ^ E(K, in) */
		return;
	}
#endif
	zos_aes256_encrypt(&g->aes, in, out);
}

static void make_j0(const struct zos_aes256_gcm *g, uint8_t j0[16], const uint8_t *iv, size_t iv_len)
{
	uint8_t lens[16] = { 0 };

	for (int i = 0; i < 16; i++)
		j0[i] = 0;
	if (iv_len == 12) {
		for (int i = 0; i < 12; i++)
			j0[i] = iv[i];
		j0[15] = 1;
		return;
	}
	ghash_padded(g, j0, iv, iv_len);
	put_be64(lens + 8, (uint64_t)iv_len * 8);
	ghash_blocks(g, j0, lens, 1);
}

/* tag = E(K, J0) ^ GHASH(A, C). */
static void make_tag(const struct zos_aes256_gcm *g, uint8_t tag[16], const uint8_t j0[16],
		     const uint8_t *aad, size_t aad_len, const uint8_t *ct, size_t n)
{
	uint8_t s[16] = { 0 }, lens[16], ek[16];

	ghash_padded(g, s, aad, aad_len);
	ghash_padded(g, s, ct, n);
	put_be64(lens, (uint64_t)aad_len * 8);
	put_be64(lens + 8, (uint64_t)n * 8);
	ghash_blocks(g, s, lens, 1);
	encrypt_block(g, j0, ek);
	for (int i = 0; i < 16; i++)
		tag[i] = ek[i] ^ s[i];
	zos_ct_wipe(s, sizeof s);
	zos_ct_wipe(ek, sizeof ek);
}

static int bad_lengths(size_t n, size_t iv_len)
{
	return iv_len == 0 || (uint64_t)n > MAX_TEXT;
}

int zos_aes256_gcm_encrypt(const struct zos_aes256_gcm *g, uint8_t *ct, uint8_t tag[ZOS_GCM_TAG_SIZE],
			   const uint8_t *pt, size_t n, const uint8_t *iv, size_t iv_len,
			   const uint8_t *aad, size_t aad_len)
{
	uint8_t j0[16], ctr[16];

	if (bad_lengths(n, iv_len))
		return ZOS_ERR_INVALID_ARGUMENT;
	make_j0(g, j0, iv, iv_len);
	for (int i = 0; i < 16; i++)
		ctr[i] = j0[i];
	inc32(ctr);
	gctr(g, ctr, pt, ct, n);
	make_tag(g, tag, j0, aad, aad_len, ct, n);
	zos_ct_wipe(ctr, sizeof ctr);
	return ZOS_OK;
}

int zos_aes256_gcm_decrypt(const struct zos_aes256_gcm *g, uint8_t *pt, const uint8_t *ct, size_t n,
			   const uint8_t tag[ZOS_GCM_TAG_SIZE], const uint8_t *iv, size_t iv_len,
			   const uint8_t *aad, size_t aad_len)
{
	uint8_t j0[16], ctr[16], want[16];
	int ok;

	if (bad_lengths(n, iv_len))
		return ZOS_ERR_INVALID_ARGUMENT;
	make_j0(g, j0, iv, iv_len);
	make_tag(g, want, j0, aad, aad_len, ct, n);
	ok = zos_ct_equal(want, tag, 16);
	zos_ct_wipe(want, sizeof want);
	zos_ct_declassify(&ok, sizeof ok); /* accept or refuse is the public outcome */
	if (!ok) {
		if (pt != ct)
			zos_ct_wipe(pt, n);
		return ZOS_ERR_CORRUPT;
	}
	for (int i = 0; i < 16; i++)
		ctr[i] = j0[i];
	inc32(ctr);
	gctr(g, ctr, ct, pt, n);
	zos_ct_wipe(ctr, sizeof ctr);
	return ZOS_OK;
}
