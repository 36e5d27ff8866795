/* AES-256 (lib/crypto/aes256.c) against FIPS 197 and AES-256-GCM
 * (lib/crypto/aes_gcm.c) against the GCM test cases, on the portable path
 * and, where the CPU has them, the AES-NI/PCLMULQDQ path; tampering with
 * any of tag, ciphertext, AAD or IV is refused and the output zeroed. */
#include "harness.h"
#include "crypto/vec.h"
#include "lib/crypto/aes256.h"
#include "lib/crypto/aes_gcm.h"
#include "zos/error.h"

static void check_block(const struct vec_record *r, int line)
{
	const struct vec_field *k = vec_get(r, "key"), *p = vec_get(r, "pt"), *c = vec_get(r, "ct");
	struct zos_aes256 a;
	uint8_t out[16];

	if (!k || !p || !c || k->len != 32 || p->len != 16 || c->len != 16) {
		harness_fail(__FILE__, line, "vector record incomplete");
		return;
	}
	zos_aes256_init(&a, k->bytes);
	zos_aes256_encrypt_block(&a, p->bytes, out);
	if (memcmp(out, c->bytes, 16) != 0)
		harness_fail(__FILE__, line, "AES-256 vector at line %d differs", line);
}

static void check_gcm(const struct vec_record *r, int line)
{
	const struct vec_field *k = vec_get(r, "key"), *iv = vec_get(r, "iv"), *p = vec_get(r, "pt");
	const struct vec_field *a = vec_get(r, "aad"), *c = vec_get(r, "ct"), *t = vec_get(r, "tag");
	uint8_t out[256], back[256], tag[16];

	if (!k || !iv || !p || !a || !c || !t || k->len != 32 || iv->len != 12 || p->len != c->len || t->len != 16) {
		harness_fail(__FILE__, line, "vector record incomplete");
		return;
	}
	CHECK_EQ(zos_aes256_gcm_encrypt(k->bytes, iv->bytes, a->bytes, a->len, p->bytes, p->len, out, tag), ZOS_OK);
	if (memcmp(out, c->bytes, c->len) != 0 || memcmp(tag, t->bytes, 16) != 0)
		harness_fail(__FILE__, line, "GCM vector at line %d differs (hw %d)", line, zos_aes_gcm_hw_active());
	CHECK_EQ(zos_aes256_gcm_decrypt(k->bytes, iv->bytes, a->bytes, a->len, c->bytes, c->len, t->bytes, back), ZOS_OK);
	CHECK(memcmp(back, p->bytes, p->len) == 0);
}

static void run_vectors(void)
{
	CHECK_EQ(vec_each("tests/crypto/vectors/aes256.txt", check_block), 1);
	CHECK_EQ(vec_each("tests/crypto/vectors/aes256gcm.txt", check_gcm), 4);
}

static void test_vectors_portable(void)
{
	zos_aes_gcm_force_portable(1);
	CHECK_EQ(zos_aes_gcm_hw_active(), 0);
	run_vectors();
	zos_aes_gcm_force_portable(0);
}

static void test_vectors_hardware(void)
{
	if (!zos_aes_gcm_hw_active())
		printf("  (no AES-NI/PCLMULQDQ here: the hardware path is not exercised)\n");
	run_vectors();
}

static void tamper_round(void)
{
	uint8_t key[32], iv[12], aad[20], pt[100], ct[100], out[100], tag[16];

	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)(i * 3);
	for (int i = 0; i < 12; i++)
		iv[i] = (uint8_t)i;
	for (int i = 0; i < 20; i++)
		aad[i] = (uint8_t)(100 + i);
	for (int i = 0; i < 100; i++)
		pt[i] = (uint8_t)(i ^ 0x5A);
	CHECK_EQ(zos_aes256_gcm_encrypt(key, iv, aad, 20, pt, 100, ct, tag), ZOS_OK);
	tag[3] ^= 1;
	memset(out, 0xEE, sizeof out);
	CHECK_EQ(zos_aes256_gcm_decrypt(key, iv, aad, 20, ct, 100, tag, out), ZOS_ERR_CORRUPT);
	for (int i = 0; i < 100; i++)
		CHECK_EQ(out[i], 0);
	tag[3] ^= 1;
	ct[99] ^= 0x80;
	CHECK_EQ(zos_aes256_gcm_decrypt(key, iv, aad, 20, ct, 100, tag, out), ZOS_ERR_CORRUPT);
	ct[99] ^= 0x80;
	aad[0] ^= 1;
	CHECK_EQ(zos_aes256_gcm_decrypt(key, iv, aad, 20, ct, 100, tag, out), ZOS_ERR_CORRUPT);
	aad[0] ^= 1;
	iv[11] ^= 1;
	CHECK_EQ(zos_aes256_gcm_decrypt(key, iv, aad, 20, ct, 100, tag, out), ZOS_ERR_CORRUPT);
	iv[11] ^= 1;
	CHECK_EQ(zos_aes256_gcm_decrypt(key, iv, aad, 19, ct, 100, tag, out), ZOS_ERR_CORRUPT);
	/* in place both ways */
	CHECK_EQ(zos_aes256_gcm_decrypt(key, iv, aad, 20, ct, 100, tag, ct), ZOS_OK);
	CHECK(memcmp(ct, pt, 100) == 0);
	CHECK_EQ(zos_aes256_gcm_encrypt(key, iv, aad, 20, ct, 100, ct, tag), ZOS_OK);
	CHECK_EQ(zos_aes256_gcm_decrypt(key, iv, aad, 20, ct, 100, tag, out), ZOS_OK);
	CHECK(memcmp(out, pt, 100) == 0);
	CHECK_EQ(zos_aes256_gcm_encrypt(key, iv, NULL, 5, pt, 100, ct, tag), ZOS_ERR_INVALID_ARGUMENT);
}

static void test_tamper_refused(void)
{
	zos_aes_gcm_force_portable(1);
	tamper_round();
	zos_aes_gcm_force_portable(0);
	tamper_round();
}

int main(void)
{
	harness_run("vectors, portable path", test_vectors_portable);
	harness_run("vectors, hardware path", test_vectors_hardware);
	harness_run("tampering refused, in-place works", test_tamper_refused);
	return harness_finish("crypto_aes_gcm");
}
