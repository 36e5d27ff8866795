/*
 * Shamir's scheme (Shamir 1979, "How to share a secret") bytewise over
 * GF(2^8): byte j of the tagged secret is the constant term of a random
 * polynomial of degree k-1; share x holds its value at x. Combining is
 * Lagrange interpolation at 0. Products are shift-and-mask, inverses x^254,
 * so time does not depend on secret bytes. Everything derived is wiped.
 */
#include "lib/crypto/shamir.h"
#include "lib/crypto/ct.h"
#include "lib/sha256.h"
#include "zos/error.h"

#define VERSION 1
#define MAX_TAGGED (ZOS_SHAMIR_MAX_SECRET + ZOS_SHAMIR_TAG)

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
	uint32_t r = 0, x = a;

	for (int i = 0; i < 8; i++) {
		r ^= x & (uint32_t)-(int32_t)((b >> i) & 1);
		x = ((x << 1) ^ (0x11B & (uint32_t)-(int32_t)((x >> 7) & 1))) & 0xFF;
	}
	return (uint8_t)r;
}

static uint8_t gf_inv(uint8_t x) /* x^254; 0 -> 0 */
{
	uint8_t x2 = gf_mul(x, x), x3 = gf_mul(x2, x), x12 = gf_mul(gf_mul(x3, x3), gf_mul(x3, x3));
	uint8_t x15 = gf_mul(x12, x3), x30 = gf_mul(x15, x15), x60 = gf_mul(x30, x30);
	uint8_t x240 = gf_mul(gf_mul(x60, x60), gf_mul(x60, x60));

	return gf_mul(gf_mul(x240, x12), x2);
}

static void checksum(const uint8_t *share, size_t body, uint8_t out[4])
{
	uint8_t d[ZOS_SHA256_SIZE];

	zos_sha256(share, body, d);
	for (int i = 0; i < 4; i++)
		out[i] = d[i];
}

static void secret_tag(const uint8_t *secret, size_t len, uint8_t out[ZOS_SHAMIR_TAG])
{
	static const char label[] = "zos shamir secret";
	struct zos_sha256 h;
	uint8_t d[ZOS_SHA256_SIZE];

	zos_sha256_init(&h);
	zos_sha256_update(&h, label, sizeof label - 1);
	zos_sha256_update(&h, secret, len);
	zos_sha256_final(&h, d);
	for (int i = 0; i < ZOS_SHAMIR_TAG; i++)
		out[i] = d[i];
	zos_ct_wipe(d, sizeof d);
}

int zos_shamir_split(const uint8_t *secret, size_t len, unsigned k, unsigned n, struct zos_csprng *rng,
		     uint8_t *shares)
{
	uint8_t tagged[MAX_TAGGED], coef[255];
	size_t tl = len + ZOS_SHAMIR_TAG, sl = ZOS_SHAMIR_SHARE_LEN(len);
	int rc = ZOS_OK;

	if (secret == NULL || shares == NULL || rng == NULL || len == 0 || len > ZOS_SHAMIR_MAX_SECRET || k < 2 ||
	    k > n || n > 255)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (size_t j = 0; j < len; j++)
		tagged[j] = secret[j];
	secret_tag(secret, len, tagged + len);
	for (unsigned i = 0; i < n; i++) {
		uint8_t *s = shares + i * sl;
		s[0] = VERSION, s[1] = (uint8_t)k, s[2] = (uint8_t)(i + 1), s[3] = (uint8_t)len;
	}
	for (size_t j = 0; j < tl && rc == ZOS_OK; j++) {
		coef[0] = tagged[j];
		rc = zos_csprng_generate(rng, coef + 1, k - 1);
		for (unsigned i = 0; i < n && rc == ZOS_OK; i++) {
			uint8_t x = (uint8_t)(i + 1), y = 0;
			for (unsigned c = k; c-- > 0;)
				y = (uint8_t)(gf_mul(y, x) ^ coef[c]);
			shares[i * sl + 4 + j] = y;
		}
	}
	for (unsigned i = 0; i < n && rc == ZOS_OK; i++)
		checksum(shares + i * sl, sl - 4, shares + i * sl + sl - 4);
	if (rc != ZOS_OK)
		zos_ct_wipe(shares, n * sl);
	zos_ct_wipe(tagged, sizeof tagged);
	zos_ct_wipe(coef, sizeof coef);
	return rc;
}

int zos_shamir_combine(const uint8_t *const *shares, size_t count, size_t share_len, uint8_t *secret,
		       size_t *secret_len)
{
	uint8_t tagged[MAX_TAGGED], want[ZOS_SHAMIR_TAG], sum[4], lag[255];
	size_t len, tl, k;
	int ok;

	if (shares == NULL || secret == NULL || secret_len == NULL || share_len <= ZOS_SHAMIR_SHARE_LEN(0) ||
	    share_len > ZOS_SHAMIR_MAX_SHARE || count == 0 || count > 255)
		return ZOS_ERR_INVALID_ARGUMENT;
	len = share_len - ZOS_SHAMIR_SHARE_LEN(0);
	tl = len + ZOS_SHAMIR_TAG;
	for (size_t i = 0; i < len; i++)
		secret[i] = 0;
	for (size_t i = 0; i < count; i++) {
		const uint8_t *s = shares[i];
		if (s == NULL)
			return ZOS_ERR_INVALID_ARGUMENT;
		checksum(s, share_len - 4, sum);
		if (!zos_ct_equal(sum, s + share_len - 4, 4))
			return ZOS_ERR_CORRUPT;
		if (s[0] != VERSION || s[1] < 2 || s[1] != shares[0][1] || s[2] == 0 || s[3] != len)
			return ZOS_ERR_INVALID_ARGUMENT;
		for (size_t m = 0; m < i; m++)
			if (shares[m][2] == s[2])
				return ZOS_ERR_INVALID_ARGUMENT;
	}
	k = shares[0][1];
	if (count < k)
		return ZOS_ERR_INVALID_ARGUMENT;
	/* Lagrange basis at 0 for the first k shares: l_j = prod x_m / (x_m ^ x_j). */
	for (size_t j = 0; j < k; j++) {
		uint8_t num = 1, den = 1;
		for (size_t m = 0; m < k; m++) {
			if (m == j)
				continue;
			num = gf_mul(num, shares[m][2]);
			den = gf_mul(den, (uint8_t)(shares[m][2] ^ shares[j][2]));
		}
		lag[j] = gf_mul(num, gf_inv(den));
	}
	for (size_t b = 0; b < tl; b++) {
		uint8_t v = 0;
		for (size_t j = 0; j < k; j++)
			v ^= gf_mul(lag[j], shares[j][4 + b]);
		tagged[b] = v;
	}
	secret_tag(tagged, len, want);
	ok = zos_ct_equal(want, tagged + len, ZOS_SHAMIR_TAG);
	if (ok)
		for (size_t i = 0; i < len; i++)
			secret[i] = tagged[i];
	zos_ct_wipe(tagged, sizeof tagged);
	zos_ct_wipe(want, sizeof want);
	*secret_len = ok ? len : 0;
	return ok ? ZOS_OK : ZOS_ERR_CORRUPT;
}
