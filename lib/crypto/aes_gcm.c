/*
 * AES-256-GCM per NIST SP 800-38D: J0 = IV || 0^31 || 1 (7.1), GCTR from
 * inc32(J0) (6.5), GHASH over A, C and their bit lengths (6.4), tag =
 * E(K, J0) ^ S. The portable GHASH multiplies bit by bit (algorithm 1 of
 * 6.3) with masks instead of branches, so it is constant-time without
 * tables. Decryption computes and compares the tag before writing any
 * plaintext out, and wipes everything it derived from the key.
 */
#include "lib/crypto/aes_gcm.h"
#include "lib/crypto/aes256.h"
#include "lib/crypto/aes_gcm_x86.h"
#include "lib/crypto/ct.h"
#include "zos/error.h"

static int force_portable;

void zos_aes_gcm_force_portable(int on) { force_portable = on != 0; }

int zos_aes_gcm_hw_active(void)
{
#if ZOS_AES_GCM_X86
	return !force_portable && zos_aes_gcm_x86_available();
#else
	return 0;
#endif
}

struct gf128 {
	uint64_t hi, lo; /* the block as a big-endian 128-bit number */
};

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* x * y in GCM's field (SP 800-38D 6.3, algorithm 1). */
static struct gf128 gf_mul(struct gf128 x, struct gf128 y)
{
	struct gf128 z = {0, 0}, v = y;

	for (int i = 0; i < 128; i++) {
		uint64_t bit = i < 64 ? x.hi >> (63 - i) : x.lo >> (127 - i);
		uint64_t m = -(bit & 1), carry = -(v.lo & 1);

		z.hi ^= v.hi & m;
		z.lo ^= v.lo & m;
		v.lo = (v.lo >> 1) | (v.hi << 63);
		v.hi = (v.hi >> 1) ^ (0xE100000000000000ull & carry);
	}
	return z;
}

struct ghash {
	struct gf128 h, y;
};

/* Absorbs data, zero-padded to whole blocks. */
static void ghash_pad(struct ghash *g, const uint8_t *p, size_t n)
{
	while (n > 0) {
		uint8_t b[16] = {0};
		size_t take = n < 16 ? n : 16;

		for (size_t i = 0; i < take; i++)
			b[i] = p[i];
		g->y.hi ^= be64(b);
		g->y.lo ^= be64(b + 8);
		g->y = gf_mul(g->y, g->h);
		p += take;
		n -= take;
		zos_ct_wipe(b, sizeof b);
	}
}

static void inc32(uint8_t ctr[16])
{
	uint32_t c = (uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 | (uint32_t)ctr[14] << 8 | ctr[15];
	c++;
	ctr[12] = (uint8_t)(c >> 24), ctr[13] = (uint8_t)(c >> 16), ctr[14] = (uint8_t)(c >> 8), ctr[15] = (uint8_t)c;
}

/* The portable GCM: out = GCTR(in); tag over aad and the ciphertext
 * (in when decrypting, out when encrypting). */
static void gcm_portable(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
			 const uint8_t *in, size_t n, uint8_t *out, int decrypting, uint8_t tag[16])
{
	struct zos_aes256 aes;
	struct ghash g;
	uint8_t j0[16], ctr[16], ks[16], lens[16];

	zos_aes256_init(&aes, key);
	for (int i = 0; i < 16; i++)
		ks[i] = 0;
	zos_aes256_encrypt_block(&aes, ks, ks);
	g.h.hi = be64(ks), g.h.lo = be64(ks + 8);
	g.y.hi = 0, g.y.lo = 0;
	for (int i = 0; i < 12; i++)
		j0[i] = iv[i];
	j0[12] = 0, j0[13] = 0, j0[14] = 0, j0[15] = 1;
	ghash_pad(&g, aad, aad_len);
	if (decrypting)
		ghash_pad(&g, in, n);
	for (int i = 0; i < 16; i++)
		ctr[i] = j0[i];
	for (size_t off = 0; off < n; off += 16) {
		size_t take = n - off < 16 ? n - off : 16;

		inc32(ctr);
		zos_aes256_encrypt_block(&aes, ctr, ks);
		for (size_t i = 0; i < take; i++)
			out[off + i] = in[off + i] ^ ks[i];
	}
	if (!decrypting)
		ghash_pad(&g, out, n);
	put_be64(lens, (uint64_t)aad_len * 8);
	put_be64(lens + 8, (uint64_t)n * 8);
	ghash_pad(&g, lens, 16);
	zos_aes256_encrypt_block(&aes, j0, ks);
	put_be64(tag, g.y.hi ^ be64(ks));
	put_be64(tag + 8, g.y.lo ^ be64(ks + 8));
	zos_ct_wipe(&aes, sizeof aes);
	zos_ct_wipe(&g, sizeof g);
	zos_ct_wipe(ks, sizeof ks);
	zos_ct_wipe(ctr, sizeof ctr);
}

static void gcm(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
		const uint8_t *in, size_t n, uint8_t *out, int decrypting, uint8_t tag[16])
{
#if ZOS_AES_GCM_X86
	if (zos_aes_gcm_hw_active()) {
		zos_aes_gcm_x86(key, iv, aad, aad_len, in, n, out, decrypting, tag);
		return;
	}
#endif
	gcm_portable(key, iv, aad, aad_len, in, n, out, decrypting, tag);
}

int zos_aes256_gcm_encrypt(const uint8_t key[ZOS_AES256_GCM_KEY], const uint8_t iv[ZOS_AES256_GCM_IV],
			   const void *aad, size_t aad_len, const void *pt, size_t n, uint8_t *ct,
			   uint8_t tag[ZOS_AES256_GCM_TAG])
{
	if ((uint64_t)n > ZOS_AES256_GCM_MAX || (aad == NULL && aad_len > 0) || (pt == NULL && n > 0))
		return ZOS_ERR_INVALID_ARGUMENT;
	gcm(key, iv, aad, aad_len, pt, n, ct, 0, tag);
	return ZOS_OK;
}

int zos_aes256_gcm_decrypt(const uint8_t key[ZOS_AES256_GCM_KEY], const uint8_t iv[ZOS_AES256_GCM_IV],
			   const void *aad, size_t aad_len, const void *ct, size_t n,
			   const uint8_t tag[ZOS_AES256_GCM_TAG], uint8_t *pt)
{
	uint8_t want[16];
	int ok;

	if ((uint64_t)n > ZOS_AES256_GCM_MAX || (aad == NULL && aad_len > 0) || (ct == NULL && n > 0))
		return ZOS_ERR_INVALID_ARGUMENT;
	/* Decrypting into pt while hashing ct: if pt aliases ct the hash must
	 * be taken first, which gcm() does (ghash before GCTR). */
	gcm(key, iv, aad, aad_len, ct, n, pt, 1, want);
	ok = zos_ct_equal(want, tag, 16);
	zos_ct_wipe(want, sizeof want);
	if (!ok) {
		zos_ct_wipe(pt, n);
		return ZOS_ERR_CORRUPT;
	}
	return ZOS_OK;
}
