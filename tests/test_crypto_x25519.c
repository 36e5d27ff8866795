/* X25519 (lib/crypto/x25519.c) against RFC 7748's published vectors, the
 * iterated test up to 1,000 rounds, and the small-order refusal. */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/x25519.h"
#include "zos/error.h"

static void test_rfc7748_vectors(void)
{
	FILE *f = vec_open("tests/crypto/vectors/x25519_rfc7748.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		uint8_t k[32], u[32], want[32], got[32];

		CHECK_EQ(vec_hex(&r, "scalar", k, 32), 32);
		CHECK_EQ(vec_hex(&r, "u", u, 32), 32);
		CHECK_EQ(vec_hex(&r, "out", want, 32), 32);
		CHECK_EQ(zos_x25519(got, k, u), ZOS_OK);
		CHECK_MEM(got, want, 32);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(seen, 6);
}

static void test_rfc7748_iterated(void)
{
	FILE *f = vec_open("tests/crypto/vectors/x25519_rfc7748_iterated.txt");
	struct vec_rec r = { 0 };
	uint8_t k[32] = { 9 }, u[32] = { 9 }, t[32];
	long done = 0;
	int checked = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		long want_n = (long)vec_num(&r, "iterations");
		uint8_t want[32];

		if (want_n > 1000)
			continue; /* a million rounds is too slow for every `make test` */
		CHECK_EQ(vec_hex(&r, "k", want, 32), 32);
		for (; done < want_n; done++) {
			zos_x25519(t, k, u);
			memcpy(u, k, 32);
			memcpy(k, t, 32);
		}
		CHECK_MEM(k, want, 32);
		checked++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(checked, 2);
}

/* u = 0 and u = 1 (small order) give the all-zero output, which is refused;
 * the top bit of u is ignored. */
static void test_small_order_and_top_bit(void)
{
	uint8_t k[32], u[32] = { 0 }, out[32], out2[32];

	for (int i = 0; i < 32; i++)
		k[i] = (uint8_t)(i * 7 + 1);
	CHECK_EQ(zos_x25519(out, k, u), ZOS_ERR_INVALID_ARGUMENT);
	u[0] = 1;
	CHECK_EQ(zos_x25519(out, k, u), ZOS_ERR_INVALID_ARGUMENT);
	u[0] = 9;
	CHECK_EQ(zos_x25519(out, k, u), ZOS_OK);
	u[31] |= 0x80;
	CHECK_EQ(zos_x25519(out2, k, u), ZOS_OK);
	CHECK_MEM(out, out2, 32);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_rfc7748_vectors);
	RUN(test_rfc7748_iterated);
	RUN(test_small_order_and_top_bit);
	return harness_finish("crypto_x25519");
}
