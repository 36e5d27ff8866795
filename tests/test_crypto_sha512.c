/* SHA-512 (lib/crypto/sha512.c) against the FIPS 180-4 examples in
 * tests/crypto/vectors/sha512.txt, one-shot and streamed byte by byte. */
#include "harness.h"
#include "crypto/vec.h"
#include "lib/crypto/sha512.h"

static void check_record(const struct vec_record *r, int line)
{
	const struct vec_field *msg = vec_get(r, "msg"), *md = vec_get(r, "md"), *rep = vec_get(r, "repeat");
	struct zos_sha512 c;
	uint8_t got[ZOS_SHA512_SIZE], got2[ZOS_SHA512_SIZE];
	size_t times = 1;

	if (msg == NULL || md == NULL || md->len != ZOS_SHA512_SIZE) {
		harness_fail(__FILE__, line, "vector record incomplete");
		return;
	}
	if (rep != NULL) {
		times = 0;
		for (size_t i = 0; i < rep->len; i++)
			times = times << 8 | rep->bytes[i];
	}
	zos_sha512_init(&c);
	for (size_t t = 0; t < times; t++)
		zos_sha512_update(&c, msg->bytes, msg->len);
	zos_sha512_final(&c, got);
	if (memcmp(got, md->bytes, ZOS_SHA512_SIZE) != 0)
		harness_fail(__FILE__, line, "sha512 vector at line %d differs", line);
	if (times == 1) {
		zos_sha512(msg->bytes, msg->len, got2);
		CHECK(memcmp(got2, md->bytes, ZOS_SHA512_SIZE) == 0);
	}
}

static void test_fips_vectors(void)
{
	CHECK_EQ(vec_each("tests/crypto/vectors/sha512.txt", check_record), 4);
}

/* Lengths around the padding edge (111 bytes pads in one block, 112 needs
 * two): streamed and one-shot agree, and the context is wiped by final. */
static void test_padding_edges_stream_equals_oneshot(void)
{
	uint8_t m[300], a[64], b[64];

	for (int i = 0; i < 300; i++)
		m[i] = (uint8_t)(i * 7 + 1);
	for (size_t n = 100; n < 300; n++) {
		struct zos_sha512 c;
		zos_sha512(m, n, a);
		zos_sha512_init(&c);
		for (size_t i = 0; i < n; i++)
			zos_sha512_update(&c, m + i, 1);
		zos_sha512_final(&c, b);
		CHECK(memcmp(a, b, 64) == 0);
		CHECK_EQ(c.total, 0);
	}
}

int main(void)
{
	harness_run("FIPS 180-4 vectors", test_fips_vectors);
	harness_run("padding edges, streamed equals one-shot", test_padding_edges_stream_equals_oneshot);
	return harness_finish("crypto_sha512");
}
