/* Constant-time compare and wipe (lib/crypto/ct.c). */
#include "harness.h"
#include "lib/crypto/ct.h"

static void test_equal_and_each_differing_byte(void)
{
	uint8_t a[64], b[64];

	for (int i = 0; i < 64; i++)
		a[i] = b[i] = (uint8_t)(i * 37);
	CHECK_EQ(zos_ct_equal(a, b, 64), 1);
	CHECK_EQ(zos_ct_equal(a, b, 0), 1);
	for (int i = 0; i < 64; i++)
		for (int bit = 0; bit < 8; bit++) {
			b[i] ^= (uint8_t)(1u << bit);
			CHECK_EQ(zos_ct_equal(a, b, 64), 0);
			b[i] ^= (uint8_t)(1u << bit);
		}
	b[63] = (uint8_t)(a[63] ^ 0xFF);
	CHECK_EQ(zos_ct_equal(a, b, 63), 1); /* only the first n bytes count */
}

static void test_wipe(void)
{
	uint8_t k[33];

	for (int i = 0; i < 33; i++)
		k[i] = 0xA5;
	zos_ct_wipe(k, 33);
	for (int i = 0; i < 33; i++)
		CHECK_EQ(k[i], 0);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	harness_run("equal and each differing byte", test_equal_and_each_differing_byte);
	harness_run("wipe", test_wipe);
	return harness_finish("crypto_ct");
}
