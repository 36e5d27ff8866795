/*
 * PqHybrid: Ed25519 + ML-DSA-65 signatures and the X25519 + ML-KEM-768
 * KEM with its HKDF-SHA-256 combiner (see pq_hybrid.h for the
 * constructions). Layouts:
 *   sign pk = ed_pk (32) || mldsa_pk;  sign sk = ed_sk (64: seed || ed_pk) || mldsa_sk
 *   sig     = ed_sig (64) || mldsa_sig
 *   kem pk  = x_pub (32) || ek;        kem sk  = x_secret (32) || dk
 *   kem ct  = ephemeral x_pub (32) || mlkem_ct
 * The KEM secret key holds no copy of pk: decapsulation rebuilds x_pub
 * from x_secret and takes ek from dk, where ML-KEM keeps it.
 */
#include "lib/crypto/pq_hybrid.h"

#include <zos/error.h>

#include "lib/crypto/ct.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/hkdf.h"
#include "lib/crypto/hmac.h"
#include "lib/crypto/sha3.h"
#include "lib/crypto/x25519.h"

static const char sig_label[] = "Zero OS PqHybrid sig v1";
static const char sig_keygen_label[] = "Zero OS PqHybrid sig v1 keygen";
static const char kem_label[] = "Zero OS PqHybrid kem v1";
static const char kem_keygen_label[] = "Zero OS PqHybrid kem v1 keygen";

#define LABEL_LEN(s) (sizeof(s) - 1)
#define ML_DK_EK_OFFSET 1152 /* where ML-KEM's dk stores ek */

void zos_pqh_sign_keygen(uint8_t pk[ZOS_PQH_SIGN_PK_SIZE], uint8_t sk[ZOS_PQH_SIGN_SK_SIZE],
			 const uint8_t seed[ZOS_PQH_SEED_SIZE])
{
	uint8_t seeds[64];

	/* 64 bytes is far below HKDF's limit: this cannot fail */
	(void)zos_hkdf_sha256(seeds, sizeof seeds, 0, 0, seed, 32, sig_keygen_label, LABEL_LEN(sig_keygen_label));
	zos_ed25519_keypair(pk, sk, seeds);
	zos_mldsa65_keygen(pk + 32, sk + 64, seeds + 32);
	zos_ct_wipe(seeds, sizeof seeds);
}

/* D = SHA3-512(label || ed_pk || tr || msg) */
static void digest(uint8_t d[64], const uint8_t ed_pk[32], const uint8_t tr[64], const void *msg, size_t len)
{
	struct zos_keccak x;

	zos_sha3_512_init(&x);
	zos_keccak_absorb(&x, sig_label, LABEL_LEN(sig_label));
	zos_keccak_absorb(&x, ed_pk, 32);
	zos_keccak_absorb(&x, tr, 64);
	zos_keccak_absorb(&x, msg, len);
	zos_keccak_squeeze(&x, d, 64);
	zos_keccak_wipe(&x);
}

int zos_pqh_sign(uint8_t sig[ZOS_PQH_SIG_SIZE], const void *msg, size_t len,
		 const uint8_t sk[ZOS_PQH_SIGN_SK_SIZE], const uint8_t *rnd)
{
	const uint8_t *ml_sk = sk + 64;
	uint8_t d[64];
	int rc;

	digest(d, sk + 32, ml_sk + 64, msg, len); /* ML-DSA's sk holds tr at 64 */
	rc = rnd ? zos_mldsa65_sign(sig + 64, d, 64, sig_label, LABEL_LEN(sig_label), ml_sk, rnd)
		 : zos_mldsa65_sign_deterministic(sig + 64, d, 64, sig_label, LABEL_LEN(sig_label), ml_sk);
	if (rc != ZOS_OK) {
		zos_ct_wipe(sig, ZOS_PQH_SIG_SIZE);
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	zos_ed25519_sign(sig, d, 64, sk);
	return ZOS_OK;
}

int zos_pqh_verify(const uint8_t *sig, size_t sig_len, const void *msg, size_t len,
		   const uint8_t pk[ZOS_PQH_SIGN_PK_SIZE])
{
	uint8_t tr[64], d[64];
	int ed, ml;

	if (sig_len != ZOS_PQH_SIG_SIZE)
		return ZOS_ERR_CORRUPT;
	zos_shake256(tr, 64, pk + 32, ZOS_MLDSA65_PK_SIZE);
	digest(d, pk, tr, msg, len);
	/* both checked, always: valid only when both are */
	ed = zos_ed25519_verify(sig, d, 64, pk);
	ml = zos_mldsa65_verify(sig + 64, ZOS_MLDSA65_SIG_SIZE, d, 64, sig_label, LABEL_LEN(sig_label), pk + 32);
	return ed == ZOS_OK && ml == ZOS_OK ? ZOS_OK : ZOS_ERR_CORRUPT;
}

void zos_pqh_kem_keygen(uint8_t pk[ZOS_PQH_KEM_PK_SIZE], uint8_t sk[ZOS_PQH_KEM_SK_SIZE],
			const uint8_t seed[ZOS_PQH_SEED_SIZE])
{
	uint8_t seeds[96]; /* X25519 secret, ML-KEM d, ML-KEM z */

	(void)zos_hkdf_sha256(seeds, sizeof seeds, 0, 0, seed, 32, kem_keygen_label, LABEL_LEN(kem_keygen_label));
	for (unsigned i = 0; i < 32; i++)
		sk[i] = seeds[i];
	/* an X25519 base-point product is never all zero */
	(void)zos_x25519_base(pk, seeds);
	zos_mlkem768_keygen(pk + 32, sk + 32, seeds + 32, seeds + 64);
	zos_ct_wipe(seeds, sizeof seeds);
}

/* ss = HKDF-Expand(HKDF-Extract(kem_label, ss_ml || ss_x), ct || pk, 32).
 * A 32-byte expand is the single block T(1) = HMAC(prk, info || 0x01),
 * computed here with info in two pieces instead of copied together. */
static void combine(uint8_t ss[32], const uint8_t ss_ml[32], const uint8_t ss_x[32], const uint8_t *ct,
		    const uint8_t *x_pub, const uint8_t *ek)
{
	uint8_t ikm[64], prk[32], one = 1;
	struct zos_hmac_sha256 h;

	for (unsigned i = 0; i < 32; i++) {
		ikm[i] = ss_ml[i];
		ikm[32 + i] = ss_x[i];
	}
	zos_hkdf_sha256_extract(prk, kem_label, LABEL_LEN(kem_label), ikm, sizeof ikm);
	zos_hmac_sha256_init(&h, prk, sizeof prk);
	zos_hmac_sha256_update(&h, ct, ZOS_PQH_KEM_CT_SIZE);
	zos_hmac_sha256_update(&h, x_pub, 32);
	zos_hmac_sha256_update(&h, ek, ZOS_MLKEM768_EK_SIZE);
	zos_hmac_sha256_update(&h, &one, 1);
	zos_hmac_sha256_final(&h, ss);
	zos_ct_wipe(ikm, sizeof ikm);
	zos_ct_wipe(prk, sizeof prk);
}

int zos_pqh_kem_encaps(uint8_t ct[ZOS_PQH_KEM_CT_SIZE], uint8_t ss[ZOS_PQH_SS_SIZE],
		       const uint8_t pk[ZOS_PQH_KEM_PK_SIZE], const uint8_t rand[ZOS_PQH_KEM_RAND_SIZE])
{
	uint8_t ss_x[32], ss_ml[32];
	int rc;

	(void)zos_x25519_base(ct, rand);
	rc = zos_x25519(ss_x, rand, pk);
	/* refused only for a small-order point, whatever the (clamped) scalar:
	 * the verdict tells nothing about the secret */
	zos_ct_declassify(&rc, sizeof rc);
	if (rc == ZOS_OK)
		rc = zos_mlkem768_encaps(ct + 32, ss_ml, pk + 32, rand + 32);
	if (rc == ZOS_OK)
		combine(ss, ss_ml, ss_x, ct, pk, pk + 32);
	else {
		zos_ct_wipe(ct, ZOS_PQH_KEM_CT_SIZE);
		zos_ct_wipe(ss, ZOS_PQH_SS_SIZE);
		rc = ZOS_ERR_INVALID_ARGUMENT;
	}
	zos_ct_wipe(ss_x, sizeof ss_x);
	zos_ct_wipe(ss_ml, sizeof ss_ml);
	return rc;
}

int zos_pqh_kem_decaps(uint8_t ss[ZOS_PQH_SS_SIZE], const uint8_t ct[ZOS_PQH_KEM_CT_SIZE],
		       const uint8_t sk[ZOS_PQH_KEM_SK_SIZE])
{
	uint8_t ss_x[32], ss_ml[32], x_pub[32];
	int rc;

	(void)zos_x25519_base(x_pub, sk);
	rc = zos_x25519(ss_x, sk, ct);
	zos_ct_declassify(&rc, sizeof rc); /* as in encaps */
	if (rc == ZOS_OK)
		rc = zos_mlkem768_decaps(ss_ml, ct + 32, sk + 32);
	if (rc == ZOS_OK)
		combine(ss, ss_ml, ss_x, ct, x_pub, sk + 32 + ML_DK_EK_OFFSET);
	else {
		zos_ct_wipe(ss, ZOS_PQH_SS_SIZE);
		rc = ZOS_ERR_INVALID_ARGUMENT;
	}
	zos_ct_wipe(ss_x, sizeof ss_x);
	zos_ct_wipe(ss_ml, sizeof ss_ml);
	return rc;
}
