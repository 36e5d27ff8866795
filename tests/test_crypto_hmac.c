/* HMAC-SHA-256/512 (lib/crypto/hmac.c) against RFC 4231's test cases and
 * HKDF-SHA-256 (lib/crypto/hkdf.c) against RFC 5869's; streaming in pieces
 * gives the one-shot result; HKDF refuses lengths the RFC forbids. */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/hkdf.h"
#include "lib/crypto/hmac.h"
#include <zos/error.h>

static void test_rfc4231(void)
{
	FILE *f = vec_open("tests/crypto/vectors/hmac_rfc4231.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		uint8_t key[256], data[256], w256[32], w512[64], g256[32], g512[64];
		long kn = vec_hex(&r, "key", key, sizeof key), dn = vec_hex(&r, "data", data, sizeof data);
		long trunc = vec_has(&r, "trunc") ? vec_num(&r, "trunc") : 0;
		long n256 = vec_hex(&r, "hmac_sha256", w256, 32), n512 = vec_hex(&r, "hmac_sha512", w512, 64);

		CHECK(kn > 0 && dn > 0);
		CHECK_EQ(n256, trunc ? trunc : 32);
		CHECK_EQ(n512, trunc ? trunc : 64);
		if (kn <= 0 || dn <= 0 || n256 <= 0 || n512 <= 0)
			break;
		zos_hmac_sha256(g256, key, (size_t)kn, data, (size_t)dn);
		zos_hmac_sha512(g512, key, (size_t)kn, data, (size_t)dn);
		CHECK_MEM(g256, w256, (size_t)n256);
		CHECK_MEM(g512, w512, (size_t)n512);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(seen, 7);
}

static void test_streaming_matches(void)
{
	static uint8_t buf[600], key[200];
	uint8_t a[64], b[64];

	for (int i = 0; i < 600; i++)
		buf[i] = (uint8_t)(i * 7 + 1);
	for (int i = 0; i < 200; i++)
		key[i] = (uint8_t)(i ^ 0x3c);
	for (size_t len = 0; len < 600; len += 37) {
		size_t kl = len % 200;
		struct zos_hmac_sha256 c;
		struct zos_hmac_sha512 d;

		zos_hmac_sha256(a, key, kl, buf, len);
		zos_hmac_sha256_init(&c, key, kl);
		for (size_t pos = 0; pos < len; pos += 50)
			zos_hmac_sha256_update(&c, buf + pos, len - pos < 50 ? len - pos : 50);
		zos_hmac_sha256_final(&c, b);
		CHECK_MEM(a, b, 32);
		zos_hmac_sha512(a, key, kl, buf, len);
		zos_hmac_sha512_init(&d, key, kl);
		for (size_t pos = 0; pos < len; pos += 77)
			zos_hmac_sha512_update(&d, buf + pos, len - pos < 77 ? len - pos : 77);
		zos_hmac_sha512_final(&d, b);
		CHECK_MEM(a, b, 64);
	}
}

static void test_rfc5869(void)
{
	FILE *f = vec_open("tests/crypto/vectors/hkdf_rfc5869.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		uint8_t ikm[128], salt[128], info[128], prk[32], okm[128], gprk[32], gokm[128];
		long in = vec_hex(&r, "ikm", ikm, sizeof ikm), sn = vec_hex(&r, "salt", salt, sizeof salt);
		long fn = vec_hex(&r, "info", info, sizeof info), on = vec_hex(&r, "okm", okm, sizeof okm);
		long len = vec_num(&r, "length");

		CHECK(in > 0 && sn >= 0 && fn >= 0);
		CHECK_EQ(on, len);
		CHECK_EQ(vec_hex(&r, "prk", prk, 32), 32);
		if (in <= 0 || sn < 0 || fn < 0 || on != len)
			break;
		zos_hkdf_sha256_extract(gprk, salt, (size_t)sn, ikm, (size_t)in);
		CHECK_MEM(gprk, prk, 32);
		CHECK_EQ(zos_hkdf_sha256_expand(gokm, (size_t)len, gprk, 32, info, (size_t)fn), ZOS_OK);
		CHECK_MEM(gokm, okm, (size_t)len);
		memset(gokm, 0, sizeof gokm);
		CHECK_EQ(zos_hkdf_sha256(gokm, (size_t)len, salt, (size_t)sn, ikm, (size_t)in, info, (size_t)fn),
			 ZOS_OK);
		CHECK_MEM(gokm, okm, (size_t)len);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(seen, 3);
}

static void test_hkdf_limits(void)
{
	static uint8_t out[255 * 32 + 1];
	uint8_t prk[32] = { 1 };

	CHECK_EQ(zos_hkdf_sha256_expand(out, sizeof out, prk, 32, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_hkdf_sha256_expand(out, 16, prk, 31, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_hkdf_sha256(out, sizeof out, 0, 0, prk, 32, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_hkdf_sha256_expand(out, sizeof out - 1, prk, 32, 0, 0), ZOS_OK);
	CHECK_EQ(zos_hkdf_sha256_expand(out, 0, prk, 32, 0, 0), ZOS_OK);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_rfc4231);
	RUN(test_streaming_matches);
	RUN(test_rfc5869);
	RUN(test_hkdf_limits);
	return harness_finish("crypto_hmac");
}
