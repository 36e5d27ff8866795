/* SHA-512 (lib/crypto/sha512.c): FIPS 180-2's examples, and streaming in
 * pieces across the block and padding boundaries gives the one-shot result. */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/sha512.h"

static void test_fips_vectors(void)
{
	FILE *f = vec_open("tests/crypto/vectors/sha512_fips180.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		uint8_t msg[256], want[64], got[64];
		long n = vec_hex(&r, "msg", msg, sizeof msg);

		CHECK(n >= 0);
		CHECK_EQ(vec_hex(&r, "digest", want, 64), 64);
		zos_sha512(msg, (size_t)n, got);
		CHECK_MEM(got, want, 64);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(seen, 3);
}

static void test_streaming_matches(void)
{
	static uint8_t buf[700];
	uint8_t a[64], b[64];

	for (int i = 0; i < 700; i++)
		buf[i] = (uint8_t)(i ^ 0x5A);
	for (size_t len = 0; len < 700; len += 13) {
		struct zos_sha512 c;

		zos_sha512(buf, len, a);
		zos_sha512_init(&c);
		for (size_t pos = 0; pos < len; pos += 111)
			zos_sha512_update(&c, buf + pos, len - pos < 111 ? len - pos : 111);
		zos_sha512_final(&c, b);
		CHECK_MEM(a, b, 64);
	}
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_fips_vectors);
	RUN(test_streaming_matches);
	return harness_finish("crypto_sha512");
}
