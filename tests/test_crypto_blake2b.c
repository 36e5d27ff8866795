/* BLAKE2b (lib/crypto/blake2b.c): RFC 7693's vector, streaming in pieces
 * gives the one-shot result, and bad parameters are refused. */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/blake2b.h"
#include "zos/error.h"

static void test_vectors(void)
{
	FILE *f = vec_open("tests/crypto/vectors/blake2b_rfc7693.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		uint8_t msg[256], key[64], want[64], got[64];
		long n = vec_hex(&r, "msg", msg, sizeof msg), kn = vec_hex(&r, "key", key, sizeof key);
		long on = vec_hex(&r, "out", want, sizeof want);

		CHECK(n >= 0 && kn >= 0 && on > 0);
		CHECK_EQ(zos_blake2b(got, (size_t)on, msg, (size_t)n, key, (size_t)kn), ZOS_OK);
		CHECK_MEM(got, want, (size_t)on);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(seen, 2);
}

static void test_streaming_matches_one_shot(void)
{
	static uint8_t buf[1000];
	uint8_t key[64], a[64], b[64];

	for (int i = 0; i < 1000; i++)
		buf[i] = (uint8_t)(i * 31 + 7);
	for (int i = 0; i < 64; i++)
		key[i] = (uint8_t)i;
	for (size_t len = 0; len <= 1000; len += 41) {
		struct zos_blake2b c;

		CHECK_EQ(zos_blake2b(a, 64, buf, len, key, 32), ZOS_OK);
		CHECK_EQ(zos_blake2b_init(&c, 64, key, 32), ZOS_OK);
		for (size_t pos = 0; pos < len; pos += 128)
			zos_blake2b_update(&c, buf + pos, len - pos < 128 ? len - pos : 128);
		zos_blake2b_final(&c, b);
		CHECK_MEM(a, b, 64);
	}
}

static void test_bad_parameters(void)
{
	struct zos_blake2b c;
	uint8_t key[65] = { 0 };

	CHECK_EQ(zos_blake2b_init(&c, 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_blake2b_init(&c, 65, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_blake2b_init(&c, 32, key, 65), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_blake2b_init(&c, 32, 0, 5), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_blake2b_init(&c, 1, key, 64), ZOS_OK);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_vectors);
	RUN(test_streaming_matches_one_shot);
	RUN(test_bad_parameters);
	return harness_finish("crypto_blake2b");
}
