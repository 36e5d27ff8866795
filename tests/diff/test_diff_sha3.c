/* Differential test: our SHA3-256, SHA3-512, SHAKE128 and SHAKE256
 * (lib/crypto/sha3.c) against OpenSSL's EVP digests on thousands of random
 * inputs and output lengths across several blocks. */
#include <openssl/evp.h>

#include "harness.h"
#include "lib/crypto/sha3.h"

#define TEST_RNG_SEED 0x5A3ull
#include "support/rnd.h"

/* OpenSSL's digest of buf; out_len is used for the XOFs. */
static void ossl(const EVP_MD *md, uint8_t *out, size_t out_len, const uint8_t *buf, size_t n)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned len = 0;

	EVP_DigestInit_ex(c, md, NULL);
	EVP_DigestUpdate(c, buf, n);
	if (EVP_MD_flags(md) & EVP_MD_FLAG_XOF)
		EVP_DigestFinalXOF(c, out, out_len);
	else
		EVP_DigestFinal_ex(c, out, &len);
	EVP_MD_CTX_free(c);
}

static void test_random_inputs_match(void)
{
	static uint8_t buf[1200], ours[700], theirs[700];
	int mismatches = 0;

	for (int i = 0; i < 4000; i++) {
		uint32_t len = i < 300 ? (uint32_t)i : rnd(sizeof buf);
		uint32_t xlen = 1 + rnd(sizeof ours);

		fill(buf, len);
		zos_sha3_256(ours, buf, len);
		ossl(EVP_sha3_256(), theirs, 32, buf, len);
		mismatches += memcmp(ours, theirs, 32) != 0;
		zos_sha3_512(ours, buf, len);
		ossl(EVP_sha3_512(), theirs, 64, buf, len);
		mismatches += memcmp(ours, theirs, 64) != 0;
		zos_shake128(ours, xlen, buf, len);
		ossl(EVP_shake128(), theirs, xlen, buf, len);
		mismatches += memcmp(ours, theirs, xlen) != 0;
		zos_shake256(ours, xlen, buf, len);
		ossl(EVP_shake256(), theirs, xlen, buf, len);
		mismatches += memcmp(ours, theirs, xlen) != 0;
	}
	CHECK_EQ(mismatches, 0);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_random_inputs_match);
	return harness_finish("diff_sha3");
}
