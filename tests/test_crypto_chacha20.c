/* ChaCha20 (lib/crypto/chacha20.c) against RFC 8439, and the CSPRNG built
 * on it (lib/crypto/csprng.c): seeding rules, determinism, fast key
 * erasure. */
#include "harness.h"
#include "crypto/vec.h"
#include "lib/crypto/chacha20.h"
#include "lib/crypto/csprng.h"
#include "zos/error.h"

static void check_record(const struct vec_record *r, int line)
{
	const struct vec_field *k = vec_get(r, "key"), *n = vec_get(r, "nonce"), *c = vec_get(r, "counter");
	const struct vec_field *p = vec_get(r, "plaintext"), *x = vec_get(r, "ciphertext");
	uint8_t out[VEC_MAX_BYTES];
	uint32_t ctr;

	if (!k || !n || !c || !p || !x || k->len != 32 || n->len != 12 || c->len != 4 || p->len != x->len) {
		harness_fail(__FILE__, line, "vector record incomplete");
		return;
	}
	ctr = (uint32_t)c->bytes[0] << 24 | (uint32_t)c->bytes[1] << 16 | (uint32_t)c->bytes[2] << 8 | c->bytes[3];
	zos_chacha20_xor(k->bytes, ctr, n->bytes, p->bytes, out, p->len);
	if (memcmp(out, x->bytes, x->len) != 0)
		harness_fail(__FILE__, line, "ChaCha20 vector at line %d differs", line);
	zos_chacha20_xor(k->bytes, ctr, n->bytes, out, out, p->len); /* in place, back */
	CHECK(memcmp(out, p->bytes, p->len) == 0);
}

static void test_rfc8439(void)
{
	CHECK_EQ(vec_each("tests/crypto/vectors/chacha20.txt", check_record), 2);
}

static void test_csprng_seeding_rules(void)
{
	struct zos_csprng r;
	uint8_t seed[32] = {7}, out[8];

	memset(&r, 0, sizeof r);
	CHECK_EQ(zos_csprng_generate(&r, out, sizeof out), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_csprng_init(&r, seed, 31), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_csprng_generate(&r, out, sizeof out), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_csprng_init(&r, NULL, 32), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_csprng_init(&r, seed, 32), ZOS_OK);
	CHECK_EQ(zos_csprng_generate(&r, out, sizeof out), ZOS_OK);
	CHECK_EQ(zos_csprng_generate(&r, out, 0), ZOS_OK);
	CHECK_EQ(zos_csprng_reseed(&r, NULL, 1), ZOS_ERR_INVALID_ARGUMENT);
	zos_csprng_wipe(&r);
	CHECK_EQ(zos_csprng_generate(&r, out, sizeof out), ZOS_ERR_INVALID_ARGUMENT);
}

static void test_csprng_determinism_and_erasure(void)
{
	struct zos_csprng a, b;
	uint8_t seed[40], x[200], y[200], key_before[32];
	int ones = 0;

	for (int i = 0; i < 40; i++)
		seed[i] = (uint8_t)i;
	CHECK_EQ(zos_csprng_init(&a, seed, sizeof seed), ZOS_OK);
	CHECK_EQ(zos_csprng_init(&b, seed, sizeof seed), ZOS_OK);
	memcpy(key_before, a.key, 32);
	CHECK_EQ(zos_csprng_generate(&a, x, sizeof x), ZOS_OK);
	CHECK_EQ(zos_csprng_generate(&b, y, sizeof y), ZOS_OK);
	CHECK(memcmp(x, y, sizeof x) == 0);          /* same seed, same stream */
	CHECK(memcmp(key_before, a.key, 32) != 0);   /* the key moved on */
	CHECK_EQ(zos_csprng_generate(&a, y, sizeof y), ZOS_OK);
	CHECK(memcmp(x, y, sizeof x) != 0);          /* next request differs */
	CHECK_EQ(zos_csprng_reseed(&b, "more", 4), ZOS_OK);
	CHECK_EQ(zos_csprng_generate(&b, x, sizeof x), ZOS_OK);
	CHECK(memcmp(x, y, sizeof x) != 0);          /* reseed changed it */
	seed[39] ^= 1;
	CHECK_EQ(zos_csprng_init(&b, seed, sizeof seed), ZOS_OK);
	CHECK_EQ(zos_csprng_generate(&b, x, sizeof x), ZOS_OK);
	for (size_t i = 0; i < sizeof x; i++)
		for (int bit = 0; bit < 8; bit++)
			ones += (x[i] >> bit) & 1;
	CHECK(ones > 700 && ones < 900); /* 1600 bits, roughly balanced */
}

int main(void)
{
	harness_run("ChaCha20 RFC 8439 vectors", test_rfc8439);
	harness_run("CSPRNG seeding rules", test_csprng_seeding_rules);
	harness_run("CSPRNG determinism and key erasure", test_csprng_determinism_and_erasure);
	return harness_finish("crypto_chacha20");
}
