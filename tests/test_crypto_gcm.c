/* AES-256 (lib/crypto/aes.c) against FIPS 197's example and AES-256-GCM
 * (lib/crypto/gcm.c) against the GCM specification's 256-bit test cases,
 * on the portable path and (when the CPU has them) the AES-NI + PCLMULQDQ
 * path; the two paths against each other on random inputs; tampering and
 * bad arguments refused with no plaintext released. */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/aes.h"
#include "lib/crypto/gcm.h"
#include "lib/crypto/gcm_x86.h"
#include <zos/error.h>

static void test_fips197(void)
{
	FILE *f = vec_open("tests/crypto/vectors/aes256_fips197.txt");
	struct vec_rec r = { 0 };
	struct zos_aes256 a;
	uint8_t key[32], pt[16], ct[16], got[16];

	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(vec_next(f, &r));
	CHECK_EQ(vec_hex(&r, "key", key, 32), 32);
	CHECK_EQ(vec_hex(&r, "plaintext", pt, 16), 16);
	CHECK_EQ(vec_hex(&r, "ciphertext", ct, 16), 16);
	zos_aes256_init(&a, key);
	zos_aes256_encrypt(&a, pt, got);
	CHECK_MEM(got, ct, 16);
	vec_clear(&r);
	fclose(f);
}

static int run_vectors(int hw)
{
	FILE *f = vec_open("tests/crypto/vectors/aes256gcm_spec.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return 0;
	while (vec_next(f, &r)) {
		uint8_t key[32], iv[64], pt[64], aad[32], ct[64], tag[16], got[64], gtag[16];
		long ivn = vec_hex(&r, "iv", iv, sizeof iv), pn = vec_hex(&r, "plaintext", pt, sizeof pt);
		long an = vec_hex(&r, "aad", aad, sizeof aad);
		struct zos_aes256_gcm g;

		CHECK_EQ(vec_hex(&r, "key", key, 32), 32);
		CHECK_EQ(vec_hex(&r, "ciphertext", ct, sizeof ct), pn);
		CHECK_EQ(vec_hex(&r, "tag", tag, 16), 16);
		if (ivn <= 0 || pn < 0 || an < 0)
			break;
		if (hw)
			zos_aes256_gcm_init(&g, key);
		else
			zos_aes256_gcm_init_portable(&g, key);
		CHECK_EQ((int)g.hw, hw);
		CHECK_EQ(zos_aes256_gcm_encrypt(&g, got, gtag, pt, (size_t)pn, iv, (size_t)ivn, aad, (size_t)an),
			 ZOS_OK);
		CHECK_MEM(got, ct, (size_t)pn);
		CHECK_MEM(gtag, tag, 16);
		memset(got, 0xEE, sizeof got);
		CHECK_EQ(zos_aes256_gcm_decrypt(&g, got, ct, (size_t)pn, tag, iv, (size_t)ivn, aad, (size_t)an),
			 ZOS_OK);
		CHECK_MEM(got, pt, (size_t)pn);
		zos_aes256_gcm_wipe(&g);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	return seen;
}

static void test_spec_vectors_portable(void)
{
	CHECK_EQ(run_vectors(0), 6);
}

static void test_spec_vectors_hw(void)
{
	if (!zos_aes256_gcm_hw_available()) {
		printf("  (no AES-NI + PCLMULQDQ in this build or CPU: portable path only)\n");
		return;
	}
	CHECK_EQ(run_vectors(1), 6);
}

#define TEST_RNG_SEED 0x6C3ull
#include "support/rnd.h"

static void test_paths_agree(void)
{
	static uint8_t pt[700], a[700], b[700], aad[100];
	uint8_t key[32], iv[40], ta[16], tb[16];
	struct zos_aes256_gcm gp, gh;

	if (!zos_aes256_gcm_hw_available())
		return;
	for (int i = 0; i < 400; i++) {
		size_t n = rnd(sizeof pt), an = rnd(sizeof aad), ivn = i % 2 ? 12 : 1 + rnd(sizeof iv);

		fill(key, 32);
		fill(iv, ivn);
		fill(pt, n);
		fill(aad, an);
		zos_aes256_gcm_init_portable(&gp, key);
		zos_aes256_gcm_init(&gh, key);
		CHECK_EQ(zos_aes256_gcm_encrypt(&gp, a, ta, pt, n, iv, ivn, aad, an), ZOS_OK);
		CHECK_EQ(zos_aes256_gcm_encrypt(&gh, b, tb, pt, n, iv, ivn, aad, an), ZOS_OK);
		CHECK_MEM(a, b, n);
		CHECK_MEM(ta, tb, 16);
	}
}

#ifdef ZOS_GCM_X86
/* inc32 wraps the counter's last 32 bits on both paths alike. */
static void test_counter_wrap(void)
{
	struct zos_aes256 a;
	uint8_t key[32], ctr[16], c0[16], in[80] = { 0 }, out[80], ks[16];

	if (!zos_aes256_gcm_hw_available())
		return;
	fill(key, 32);
	fill(ctr, 12);
	ctr[12] = ctr[13] = ctr[14] = 0xff;
	ctr[15] = 0xfe;
	memcpy(c0, ctr, 16);
	zos_aes256_init(&a, key);
	zos_gcm_x86_ctr(a.rk, ctr, in, out, sizeof in);
	for (int blk = 0; blk < 5; blk++) {
		uint32_t c = 0xfffffffeu + (uint32_t)blk;

		c0[12] = (uint8_t)(c >> 24);
		c0[13] = (uint8_t)(c >> 16);
		c0[14] = (uint8_t)(c >> 8);
		c0[15] = (uint8_t)c;
		zos_aes256_encrypt(&a, c0, ks);
		CHECK_MEM(out + 16 * blk, ks, 16);
	}
	CHECK_EQ(ctr[15], 3);
	CHECK_MEM(ctr, c0, 12);
}
#endif

static void tamper_case(int hw)
{
	uint8_t key[32], iv[12], pt[50], ct[50], tag[16], out[50], aad[9];
	struct zos_aes256_gcm g;

	fill(key, 32);
	fill(iv, 12);
	fill(pt, sizeof pt);
	fill(aad, sizeof aad);
	if (hw)
		zos_aes256_gcm_init(&g, key);
	else
		zos_aes256_gcm_init_portable(&g, key);
	CHECK_EQ(zos_aes256_gcm_encrypt(&g, ct, tag, pt, sizeof pt, iv, 12, aad, sizeof aad), ZOS_OK);
	for (int what = 0; what < 4; what++) {
		uint8_t *p = what == 0 ? ct : what == 1 ? tag : what == 2 ? aad : iv;
		size_t len = what == 0 ? sizeof ct : what == 1 ? 16 : what == 2 ? sizeof aad : 12;

		for (size_t bit = 0; bit < len * 8; bit += 7) {
			p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			memset(out, 0x55, sizeof out);
			CHECK_EQ(zos_aes256_gcm_decrypt(&g, out, ct, sizeof ct, tag, iv, 12, aad, sizeof aad),
				 ZOS_ERR_CORRUPT);
			for (size_t i = 0; i < sizeof out; i++)
				CHECK_EQ(out[i], 0);
			p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		}
	}
	/* a shorter message or AAD fails too */
	CHECK_EQ(zos_aes256_gcm_decrypt(&g, out, ct, sizeof ct - 1, tag, iv, 12, aad, sizeof aad), ZOS_ERR_CORRUPT);
	CHECK_EQ(zos_aes256_gcm_decrypt(&g, out, ct, sizeof ct, tag, iv, 12, aad, sizeof aad - 1), ZOS_ERR_CORRUPT);
	/* in place: refused ciphertext stays as it was; accepted one decrypts */
	memcpy(out, ct, sizeof ct);
	tag[0] ^= 1;
	CHECK_EQ(zos_aes256_gcm_decrypt(&g, out, out, sizeof out, tag, iv, 12, aad, sizeof aad), ZOS_ERR_CORRUPT);
	CHECK_MEM(out, ct, sizeof ct);
	tag[0] ^= 1;
	CHECK_EQ(zos_aes256_gcm_decrypt(&g, out, out, sizeof out, tag, iv, 12, aad, sizeof aad), ZOS_OK);
	CHECK_MEM(out, pt, sizeof pt);
	/* in-place encryption */
	memcpy(out, pt, sizeof pt);
	CHECK_EQ(zos_aes256_gcm_encrypt(&g, out, tag, out, sizeof out, iv, 12, aad, sizeof aad), ZOS_OK);
	CHECK_MEM(out, ct, sizeof ct);
	/* bad arguments */
	CHECK_EQ(zos_aes256_gcm_encrypt(&g, out, tag, pt, sizeof pt, iv, 0, aad, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_aes256_gcm_decrypt(&g, out, ct, sizeof ct, tag, iv, 0, aad, 0), ZOS_ERR_INVALID_ARGUMENT);
	if (sizeof(size_t) > 4)
		CHECK_EQ(zos_aes256_gcm_encrypt(&g, out, tag, pt, (size_t)((1ull << 36) - 31), iv, 12, 0, 0),
			 ZOS_ERR_INVALID_ARGUMENT);
	zos_aes256_gcm_wipe(&g);
}

static void test_tamper_refused(void)
{
	tamper_case(0);
	if (zos_aes256_gcm_hw_available())
		tamper_case(1);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_fips197);
	RUN(test_spec_vectors_portable);
	RUN(test_spec_vectors_hw);
	RUN(test_paths_agree);
#ifdef ZOS_GCM_X86
	RUN(test_counter_wrap);
#endif
	RUN(test_tamper_refused);
	return harness_finish("crypto_gcm");
}
