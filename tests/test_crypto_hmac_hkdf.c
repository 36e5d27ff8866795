/* HMAC-SHA-256/512 (lib/crypto/hmac.c) against RFC 4231 and HKDF-SHA-256
 * (lib/crypto/hkdf.c) against RFC 5869, from tests/crypto/vectors/. */
#include "harness.h"
#include "crypto/vec.h"
#include "lib/crypto/hkdf.h"
#include "lib/crypto/hmac.h"
#include "zos/error.h"

static void check_hmac(const struct vec_record *r, int line)
{
	const struct vec_field *k = vec_get(r, "key"), *d = vec_get(r, "data");
	const struct vec_field *w256 = vec_get(r, "sha256"), *w512 = vec_get(r, "sha512");
	uint8_t o256[32], o512[64];
	struct zos_hmac_sha512 c;

	if (!k || !d || !w256 || !w512) {
		harness_fail(__FILE__, line, "vector record incomplete");
		return;
	}
	zos_hmac_sha256(k->bytes, k->len, d->bytes, d->len, o256);
	if (memcmp(o256, w256->bytes, w256->len) != 0)
		harness_fail(__FILE__, line, "HMAC-SHA-256 vector at line %d differs", line);
	zos_hmac_sha512(k->bytes, k->len, d->bytes, d->len, o512);
	if (memcmp(o512, w512->bytes, w512->len) != 0)
		harness_fail(__FILE__, line, "HMAC-SHA-512 vector at line %d differs", line);
	/* streamed byte by byte gives the same */
	zos_hmac_sha512_init(&c, k->bytes, k->len);
	for (size_t i = 0; i < d->len; i++)
		zos_hmac_sha512_update(&c, d->bytes + i, 1);
	zos_hmac_sha512_final(&c, o512);
	CHECK(memcmp(o512, w512->bytes, w512->len) == 0);
}

static void check_hkdf(const struct vec_record *r, int line)
{
	const struct vec_field *ikm = vec_get(r, "ikm"), *salt = vec_get(r, "salt"), *info = vec_get(r, "info");
	const struct vec_field *prk = vec_get(r, "prk"), *okm = vec_get(r, "okm");
	uint8_t p[32], o[128];

	if (!ikm || !salt || !info || !prk || !okm || okm->len > sizeof o) {
		harness_fail(__FILE__, line, "vector record incomplete");
		return;
	}
	zos_hkdf_sha256_extract(salt->bytes, salt->len, ikm->bytes, ikm->len, p);
	if (memcmp(p, prk->bytes, 32) != 0)
		harness_fail(__FILE__, line, "HKDF PRK at line %d differs", line);
	CHECK_EQ(zos_hkdf_sha256(salt->bytes, salt->len, ikm->bytes, ikm->len, info->bytes, info->len, o, okm->len), ZOS_OK);
	if (memcmp(o, okm->bytes, okm->len) != 0)
		harness_fail(__FILE__, line, "HKDF OKM at line %d differs", line);
}

static void test_rfc4231(void)
{
	CHECK_EQ(vec_each("tests/crypto/vectors/hmac.txt", check_hmac), 7);
}

static void test_rfc5869(void)
{
	CHECK_EQ(vec_each("tests/crypto/vectors/hkdf.txt", check_hkdf), 3);
}

static void test_hkdf_length_limits(void)
{
	static uint8_t out[ZOS_HKDF_SHA256_MAX_OUT + 1];
	uint8_t prk[32] = {1};

	CHECK_EQ(zos_hkdf_sha256(NULL, 0, "k", 1, NULL, 0, out, ZOS_HKDF_SHA256_MAX_OUT), ZOS_OK);
	CHECK_EQ(zos_hkdf_sha256(NULL, 0, "k", 1, NULL, 0, out, ZOS_HKDF_SHA256_MAX_OUT + 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_hkdf_sha256_expand(prk, 31, NULL, 0, out, 32), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_hkdf_sha256(NULL, 0, "k", 1, NULL, 0, out, 0), ZOS_OK);
}

int main(void)
{
	harness_run("HMAC RFC 4231 vectors", test_rfc4231);
	harness_run("HKDF RFC 5869 vectors", test_rfc5869);
	harness_run("HKDF length limits", test_hkdf_length_limits);
	return harness_finish("crypto_hmac_hkdf");
}
