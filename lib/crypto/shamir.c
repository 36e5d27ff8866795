/*
 * Shamir secret sharing over GF(2^8) (see shamir.h). The field is
 * GF(2)[x] / (x^8 + x^4 + x^3 + x + 1); addition is XOR, products are
 * computed with masks (no log/exp tables: those would be indexed by
 * secrets), inverses as a^254.
 *
 * The tag (see shamir.h) is shared like the secret: bytes len..len+15 of
 * every share's y.
 *
 * Interpolation: the value at point x of the polynomial through
 * (x_i, y_i), i < k, is sum y_i * L_i(x), L_i(x) = prod_{j != i}
 * (x - x_j) / (x_i - x_j). The x_i are public share indices; only the y_i
 * (and the result) are secret.
 */
#include "lib/crypto/shamir.h"

#include <zos/error.h>

#include "lib/crypto/ct.h"
#include "lib/crypto/hmac.h"

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
	uint32_t r = 0, x = a;

	for (int i = 0; i < 8; i++) {
		r ^= x & (0u - ((uint32_t)(b >> i) & 1u));
		x = (x << 1) ^ (0x11bu & (0u - (x >> 7 & 1u)));
	}
	return (uint8_t)r;
}

static uint8_t gf_inv(uint8_t a)
{
	uint8_t r = 1, p = a;

	/* a^254 = a^(2 + 4 + ... + 128) */
	for (int i = 1; i < 8; i++) {
		p = gf_mul(p, p);
		r = gf_mul(r, p);
	}
	return r;
}

/* The check: HMAC-SHA-256(secret, label || k || len), first 16 bytes. */
static void make_check(uint8_t check[ZOS_SHAMIR_CHECK_SIZE], const uint8_t *secret, size_t len, unsigned k)
{
	static const char label[] = "Zero OS shamir share check";
	struct zos_hmac_sha256 h;
	uint8_t mac[32], params[2] = { (uint8_t)k, (uint8_t)len };

	zos_hmac_sha256_init(&h, secret, len);
	zos_hmac_sha256_update(&h, label, sizeof label - 1);
	zos_hmac_sha256_update(&h, params, sizeof params);
	zos_hmac_sha256_final(&h, mac);
	for (int i = 0; i < ZOS_SHAMIR_CHECK_SIZE; i++)
		check[i] = mac[i];
	zos_ct_wipe(mac, sizeof mac);
}

int zos_shamir_split(struct zos_shamir_share *shares, unsigned n, unsigned k, const uint8_t *secret,
		     size_t len, struct zos_csprng *rng)
{
	uint8_t coef[ZOS_SHAMIR_MAX_SHARES - 1], data[ZOS_SHAMIR_MAX_Y];
	size_t total = len + ZOS_SHAMIR_CHECK_SIZE;
	int rc = ZOS_OK;

	if (len < 1 || len > ZOS_SHAMIR_MAX_SECRET || k < 2 || k > n || n > ZOS_SHAMIR_MAX_SHARES)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (size_t b = 0; b < len; b++)
		data[b] = secret[b];
	make_check(data + len, secret, len, k);
	for (unsigned i = 0; i < n; i++) {
		zos_ct_wipe(&shares[i], sizeof shares[i]);
		shares[i].index = (uint8_t)(i + 1);
		shares[i].threshold = (uint8_t)k;
		shares[i].len = (uint8_t)len;
	}
	for (size_t b = 0; b < total && rc == ZOS_OK; b++) {
		/* coefficients a_1..a_{k-1} of this byte's polynomial; a_0 = data[b] */
		rc = zos_csprng_bytes(rng, coef, k - 1);
		for (unsigned i = 0; i < n; i++) {
			uint8_t x = (uint8_t)(i + 1), y = 0;

			/* Horner: y = (...(a_{k-1} x + a_{k-2}) x + ...) x + a_0 */
			for (unsigned m = k - 1; m >= 1; m--)
				y = gf_mul((uint8_t)(y ^ coef[m - 1]), x);
			shares[i].y[b] = y ^ data[b];
		}
	}
	zos_ct_wipe(coef, sizeof coef);
	zos_ct_wipe(data, sizeof data);
	if (rc != ZOS_OK)
		for (unsigned i = 0; i < n; i++)
			zos_ct_wipe(&shares[i], sizeof shares[i]);
	return rc;
}

/* out[0..len) = the polynomials through the first k shares, at point x. */
static void interpolate(uint8_t *out, const struct zos_shamir_share *s, unsigned k, size_t len, uint8_t x)
{
	for (size_t b = 0; b < len; b++)
		out[b] = 0;
	for (unsigned i = 0; i < k; i++) {
		uint8_t num = 1, den = 1, l;

		for (unsigned j = 0; j < k; j++) {
			if (j == i)
				continue;
			num = gf_mul(num, (uint8_t)(x ^ s[j].index));
			den = gf_mul(den, (uint8_t)(s[i].index ^ s[j].index));
		}
		l = gf_mul(num, gf_inv(den));
		for (size_t b = 0; b < len; b++)
			out[b] ^= gf_mul(s[i].y[b], l);
	}
}

/* Headers agree, indices nonzero and distinct, enough shares. */
static int check_headers(const struct zos_shamir_share *s, size_t count)
{
	uint8_t seen[32] = { 0 };

	if (count == 0)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (s[0].threshold < 2 || s[0].len < 1 || s[0].len > ZOS_SHAMIR_MAX_SECRET || count < s[0].threshold)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (size_t i = 0; i < count; i++) {
		uint8_t x = s[i].index;

		if (s[i].threshold != s[0].threshold || s[i].len != s[0].len || x == 0 ||
		    (seen[x / 8] >> (x % 8) & 1))
			return ZOS_ERR_INVALID_ARGUMENT;
		seen[x / 8] |= (uint8_t)(1u << (x % 8));
	}
	return ZOS_OK;
}

int zos_shamir_combine(uint8_t out[ZOS_SHAMIR_MAX_SECRET], size_t *len, const struct zos_shamir_share *shares,
		       size_t count)
{
	uint8_t data[ZOS_SHAMIR_MAX_Y], check[ZOS_SHAMIR_CHECK_SIZE], y[ZOS_SHAMIR_MAX_Y];
	unsigned k;
	size_t n, total;
	int good, rc = check_headers(shares, count);

	*len = 0;
	zos_ct_wipe(out, ZOS_SHAMIR_MAX_SECRET);
	if (rc != ZOS_OK)
		return rc;
	k = shares[0].threshold;
	n = shares[0].len;
	total = n + ZOS_SHAMIR_CHECK_SIZE;
	interpolate(data, shares, k, total, 0);
	make_check(check, data, n, k);
	good = zos_ct_equal(check, data + n, ZOS_SHAMIR_CHECK_SIZE);
	for (size_t i = k; i < count; i++) {
		interpolate(y, shares, k, total, shares[i].index);
		good &= zos_ct_equal(y, shares[i].y, total);
	}
	zos_ct_declassify(&good, sizeof good); /* accept or refuse is public */
	if (good)
		for (size_t b = 0; b < n; b++)
			out[b] = data[b];
	zos_ct_wipe(data, sizeof data);
	zos_ct_wipe(check, sizeof check);
	zos_ct_wipe(y, sizeof y);
	if (!good)
		return ZOS_ERR_CORRUPT;
	*len = n;
	return ZOS_OK;
}

int zos_shamir_share_encode(uint8_t out[ZOS_SHAMIR_ENCODED_MAX], const struct zos_shamir_share *s)
{
	size_t p = 0;

	if (s->len < 1 || s->len > ZOS_SHAMIR_MAX_SECRET)
		return ZOS_ERR_INVALID_ARGUMENT;
	out[p++] = ZOS_SHAMIR_VERSION;
	out[p++] = s->index;
	out[p++] = s->threshold;
	out[p++] = s->len;
	for (size_t i = 0; i < (size_t)s->len + ZOS_SHAMIR_CHECK_SIZE; i++)
		out[p++] = s->y[i];
	return (int)p;
}

int zos_shamir_share_decode(struct zos_shamir_share *s, const uint8_t *in, size_t n)
{
	size_t len;

	zos_ct_wipe(s, sizeof *s);
	if (n < 4 || in[0] != ZOS_SHAMIR_VERSION || in[1] == 0 || in[2] < 2)
		return ZOS_ERR_INVALID_ARGUMENT;
	len = in[3];
	if (len < 1 || len > ZOS_SHAMIR_MAX_SECRET || n != 4 + len + ZOS_SHAMIR_CHECK_SIZE)
		return ZOS_ERR_INVALID_ARGUMENT;
	s->index = in[1];
	s->threshold = in[2];
	s->len = (uint8_t)len;
	for (size_t i = 0; i < len + ZOS_SHAMIR_CHECK_SIZE; i++)
		s->y[i] = in[4 + i];
	return ZOS_OK;
}
