/*
 * fuzz_crypto_sym: hostile bytes into the symmetric code (lib/crypto:
 * AES-256-GCM, ChaCha20, the CSPRNG, HMAC/HKDF, Shamir sharing). The first
 * input byte picks the operation; the rest is its input.
 *
 * Oracles, any failure aborts with the reason:
 *  - nothing crashes, hangs or trips a sanitizer;
 *  - GCM decryption of arbitrary (key, IV, tag, ciphertext, AAD) answers
 *    CORRUPT (or INVALID_ARGUMENT for an empty IV) with the output zeroed;
 *    OK only if encrypting the result gives back the same tag;
 *  - GCM encrypt then decrypt round-trips on the portable and (when the
 *    CPU has it) the AES-NI path, and the two paths agree;
 *  - HKDF answers OK exactly for lengths up to 255 * 32;
 *  - Shamir: decoding arbitrary bytes and combining arbitrary share sets
 *    answers OK, INVALID_ARGUMENT or CORRUPT, never a secret that does
 *    not match its shared tag; split then combine round-trips.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/error.h>

#include "lib/crypto/chacha20.h"
#include "lib/crypto/csprng.h"
#include "lib/crypto/gcm.h"
#include "lib/crypto/hkdf.h"
#include "lib/crypto/shamir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FAIL(why)                                               \
	do {                                                    \
		fprintf(stderr, "fuzz_crypto_sym: %s\n", (why)); \
		abort();                                        \
	} while (0)

static void take(uint8_t *dst, size_t want, const uint8_t **d, size_t *n)
{
	size_t k = *n < want ? *n : want;

	memset(dst, 0, want);
	memcpy(dst, *d, k);
	*d += k;
	*n -= k;
}

static void gcm_decrypt_arbitrary(const uint8_t *d, size_t n)
{
	uint8_t key[32], tag[16], hdr[2], iv[64], out[4096], tag2[16], ct2[4096];
	size_t ivn, an;
	struct zos_aes256_gcm g;
	int rc;

	take(key, 32, &d, &n);
	take(tag, 16, &d, &n);
	take(hdr, 2, &d, &n);
	ivn = hdr[0] % 65;
	take(iv, ivn, &d, &n);
	an = hdr[1] < n ? hdr[1] : n;
	if (n - an > sizeof out)
		n = an + sizeof out;
	zos_aes256_gcm_init(&g, key);
	memset(out, 0xA5, sizeof out);
	rc = zos_aes256_gcm_decrypt(&g, out, d + an, n - an, tag, iv, ivn, d, an);
	if (ivn == 0 && rc != ZOS_ERR_INVALID_ARGUMENT)
		FAIL("an empty IV was not refused");
	if (rc == ZOS_ERR_CORRUPT) {
		for (size_t i = 0; i < n - an; i++)
			if (out[i] != 0)
				FAIL("a refused decryption released bytes");
	} else if (rc == ZOS_OK) {
		if (zos_aes256_gcm_encrypt(&g, ct2, tag2, out, n - an, iv, ivn, d, an) != ZOS_OK ||
		    memcmp(tag2, tag, 16) != 0 || memcmp(ct2, d + an, n - an) != 0)
			FAIL("an accepted decryption does not re-encrypt to its input");
	} else if (rc != ZOS_ERR_INVALID_ARGUMENT) {
		FAIL("GCM decrypt answered an unexpected error");
	}
	zos_aes256_gcm_wipe(&g);
}

static void gcm_round_trip(const uint8_t *d, size_t n)
{
	static uint8_t a[4096], b[4096], back[4096];
	uint8_t key[32], hdr[1], iv[64], ta[16], tb[16];
	size_t ivn;
	struct zos_aes256_gcm gp, gh;

	take(key, 32, &d, &n);
	take(hdr, 1, &d, &n);
	ivn = 1 + hdr[0] % 64;
	take(iv, ivn, &d, &n);
	if (n > sizeof a)
		n = sizeof a;
	zos_aes256_gcm_init_portable(&gp, key);
	zos_aes256_gcm_init(&gh, key);
	if (zos_aes256_gcm_encrypt(&gp, a, ta, d, n, iv, ivn, iv, ivn) != ZOS_OK ||
	    zos_aes256_gcm_encrypt(&gh, b, tb, d, n, iv, ivn, iv, ivn) != ZOS_OK)
		FAIL("GCM encrypt failed");
	if (memcmp(a, b, n) != 0 || memcmp(ta, tb, 16) != 0)
		FAIL("the portable and AES-NI paths disagree");
	if (zos_aes256_gcm_decrypt(&gh, back, a, n, ta, iv, ivn, iv, ivn) != ZOS_OK || memcmp(back, d, n) != 0)
		FAIL("GCM did not round-trip");
	zos_aes256_gcm_wipe(&gp);
	zos_aes256_gcm_wipe(&gh);
}

static void hkdf_lengths(const uint8_t *d, size_t n)
{
	static uint8_t out[255 * 32 + 100];
	uint8_t hdr[3];
	size_t len;
	int rc;

	take(hdr, 3, &d, &n);
	len = ((size_t)hdr[0] << 8 | hdr[1]) % sizeof out;
	rc = zos_hkdf_sha256(out, len, d, n / 2, d + n / 2, n - n / 2, d, hdr[2] < n ? hdr[2] : n);
	if ((rc == ZOS_OK) != (len <= 255 * 32))
		FAIL("HKDF refused a valid length or accepted an invalid one");
}

static void shamir_arbitrary(const uint8_t *d, size_t n)
{
	struct zos_shamir_share sh[8];
	uint8_t out[64];
	size_t count = 0, len;
	int rc;

	/* encoded shares, each prefixed by its length byte */
	while (n > 0 && count < 8) {
		size_t l = d[0];

		d++;
		n--;
		if (l > n)
			l = n;
		if (zos_shamir_share_decode(&sh[count], d, l) == ZOS_OK)
			count++;
		d += l;
		n -= l;
	}
	rc = zos_shamir_combine(out, &len, sh, count);
	if (rc != ZOS_OK && rc != ZOS_ERR_INVALID_ARGUMENT && rc != ZOS_ERR_CORRUPT)
		FAIL("combine answered an unexpected error");
	if (rc != ZOS_OK)
		for (size_t i = 0; i < 64; i++)
			if (out[i] != 0)
				FAIL("a refused combine left bytes in the output");
}

static void shamir_round_trip(const uint8_t *d, size_t n)
{
	struct zos_shamir_share sh[16];
	struct zos_csprng rng;
	uint8_t seed[32], hdr[2], secret[64], out[64];
	size_t len, slen;
	unsigned sn, k;

	take(seed, 32, &d, &n);
	take(hdr, 2, &d, &n);
	sn = 2 + hdr[0] % 15;
	k = 2 + hdr[1] % (sn - 1);
	slen = n == 0 ? 1 : (n > 64 ? 64 : n);
	take(secret, slen, &d, &n);
	if (zos_csprng_init(&rng, seed, 32) != ZOS_OK)
		FAIL("csprng init failed");
	if (zos_shamir_split(sh, sn, k, secret, slen, &rng) != ZOS_OK)
		FAIL("split failed");
	if (zos_shamir_combine(out, &len, sh + (sn - k), k) != ZOS_OK || len != slen || memcmp(out, secret, slen))
		FAIL("split then combine did not round-trip");
	sh[sn - 1].y[0] ^= 1;
	if (zos_shamir_combine(out, &len, sh + (sn - k), k) != ZOS_ERR_CORRUPT)
		FAIL("a tampered share was accepted");
	zos_csprng_wipe(&rng);
}

static void chacha_counter(const uint8_t *d, size_t n)
{
	static uint8_t buf[1024];
	uint8_t key[32], nonce[12], hdr[6];
	uint32_t ctr;
	size_t len;
	int rc;

	take(key, 32, &d, &n);
	take(nonce, 12, &d, &n);
	take(hdr, 6, &d, &n);
	ctr = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 | (uint32_t)hdr[2] << 8 | hdr[3];
	len = ((size_t)hdr[4] << 8 | hdr[5]) % sizeof buf;
	rc = zos_chacha20_xor(buf, 0, len, key, nonce, ctr);
	if ((rc == ZOS_OK) != ((len + 63) / 64 <= (1ull << 32) - ctr))
		FAIL("ChaCha20's counter limit is wrong");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	switch (data[0] % 6) {
	case 0: gcm_decrypt_arbitrary(data + 1, size - 1); break;
	case 1: gcm_round_trip(data + 1, size - 1); break;
	case 2: hkdf_lengths(data + 1, size - 1); break;
	case 3: shamir_arbitrary(data + 1, size - 1); break;
	case 4: shamir_round_trip(data + 1, size - 1); break;
	default: chacha_counter(data + 1, size - 1); break;
	}
	return 0;
}
