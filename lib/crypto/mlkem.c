/*
 * ML-KEM-768: K-PKE (FIPS 203 Algorithms 13-15) and the KEM around it
 * (Algorithms 16-18). See mlkem.h.
 *
 * Layout: ek = ByteEncode12(t_hat) || rho; dk = dk_pke || ek || H(ek) || z
 * with dk_pke = ByteEncode12(s_hat). The matrix A_hat is never stored:
 * each entry A_hat[i][j] = SampleNTT(rho || j || i) is regenerated where it
 * is used (A_hat^T[i][j] is SampleNTT(rho || i || j)), which keeps the stack
 * small at the price of re-running SHAKE128.
 */
#include "lib/crypto/mlkem.h"

#include <zos/error.h>

#include "lib/crypto/ct.h"
#include "lib/crypto/mlkem_poly.h"
#include "lib/crypto/sha3.h"

#define K 3
#define DU 10
#define DV 4
#define PKE_EK (384 * K + 32)
#define POLYVEC_BYTES (384 * K)
#define C1_BYTES (32 * DU * K)

/* (rho, sigma) = G(d || k), Algorithm 13 step 1 */
static void expand_seed(uint8_t rho_sigma[64], const uint8_t d[32])
{
	struct zos_keccak x;
	uint8_t kbyte = K;

	zos_sha3_512_init(&x);
	zos_keccak_absorb(&x, d, 32);
	zos_keccak_absorb(&x, &kbyte, 1);
	zos_keccak_squeeze(&x, rho_sigma, 64);
	zos_keccak_wipe(&x);
}

/* K-PKE.KeyGen: ek_pke (1184 bytes) and dk_pke (1152 bytes). */
static void pke_keygen(uint8_t ek[PKE_EK], uint8_t dk_pke[POLYVEC_BYTES], const uint8_t d[32])
{
	uint8_t rs[64];
	const uint8_t *rho = rs, *sigma = rs + 32;
	struct mlkem_poly s[K], e, t, a;

	expand_seed(rs, d);
	zos_ct_declassify(rs, 32); /* rho is published in ek */
	for (unsigned i = 0; i < K; i++) {
		mlkem_sample_cbd2(&s[i], sigma, (uint8_t)i);
		mlkem_ntt(&s[i]);
	}
	for (unsigned i = 0; i < K; i++) {
		mlkem_sample_cbd2(&e, sigma, (uint8_t)(K + i));
		mlkem_ntt(&e);
		for (unsigned n = 0; n < MLKEM_N; n++)
			t.c[n] = 0;
		for (unsigned j = 0; j < K; j++) {
			mlkem_sample_ntt(&a, rho, (uint8_t)j, (uint8_t)i);
			mlkem_basemul_acc(&t, &a, &s[j]);
		}
		mlkem_poly_add(&t, &e);
		mlkem_encode12(ek + 384 * i, &t);
		mlkem_encode12(dk_pke + 384 * i, &s[i]);
	}
	for (unsigned i = 0; i < 32; i++)
		ek[POLYVEC_BYTES + i] = rho[i];
	zos_ct_wipe(rs, sizeof rs);
	zos_ct_wipe(s, sizeof s);
	zos_ct_wipe(&e, sizeof e);
	zos_ct_wipe(&t, sizeof t);
}

/* K-PKE.Encrypt(ek, m, r) into c; t_hat already decoded from ek. */
static void pke_encrypt(uint8_t c[ZOS_MLKEM768_CT_SIZE], const struct mlkem_poly t_hat[K],
			const uint8_t rho[32], const uint8_t m[32], const uint8_t r[32])
{
	struct mlkem_poly y[K], u, v, a, e;

	for (unsigned i = 0; i < K; i++) {
		mlkem_sample_cbd2(&y[i], r, (uint8_t)i);
		mlkem_ntt(&y[i]);
	}
	for (unsigned i = 0; i < K; i++) {
		for (unsigned n = 0; n < MLKEM_N; n++)
			u.c[n] = 0;
		for (unsigned j = 0; j < K; j++) {
			mlkem_sample_ntt(&a, rho, (uint8_t)i, (uint8_t)j); /* A_hat[j][i] */
			mlkem_basemul_acc(&u, &a, &y[j]);
		}
		mlkem_invntt(&u);
		mlkem_sample_cbd2(&e, r, (uint8_t)(K + i));
		mlkem_poly_add(&u, &e);
		mlkem_compress_encode(c + 32 * DU * i, &u, DU);
	}
	for (unsigned n = 0; n < MLKEM_N; n++)
		v.c[n] = 0;
	for (unsigned j = 0; j < K; j++)
		mlkem_basemul_acc(&v, &t_hat[j], &y[j]);
	mlkem_invntt(&v);
	mlkem_sample_cbd2(&e, r, (uint8_t)(2 * K));
	mlkem_poly_add(&v, &e);
	mlkem_decode_decompress(&e, m, 1); /* mu */
	mlkem_poly_add(&v, &e);
	mlkem_compress_encode(c + C1_BYTES, &v, DV);
	zos_ct_wipe(y, sizeof y);
	zos_ct_wipe(&u, sizeof u);
	zos_ct_wipe(&v, sizeof v);
	zos_ct_wipe(&e, sizeof e);
}

/* K-PKE.Decrypt: m from c under dk_pke. */
static void pke_decrypt(uint8_t m[32], const uint8_t dk_pke[POLYVEC_BYTES], const uint8_t c[ZOS_MLKEM768_CT_SIZE])
{
	struct mlkem_poly w, u, s;

	for (unsigned n = 0; n < MLKEM_N; n++)
		w.c[n] = 0;
	for (unsigned i = 0; i < K; i++) {
		mlkem_decode_decompress(&u, c + 32 * DU * i, DU);
		mlkem_ntt(&u);
		(void)mlkem_decode12(&s, dk_pke + 384 * i); /* reduced mod q either way */
		mlkem_basemul_acc(&w, &s, &u);
	}
	mlkem_invntt(&w);
	mlkem_decode_decompress(&u, c + C1_BYTES, DV);
	mlkem_poly_sub(&u, &w);
	mlkem_compress_encode(m, &u, 1);
	zos_ct_wipe(&w, sizeof w);
	zos_ct_wipe(&u, sizeof u);
	zos_ct_wipe(&s, sizeof s);
}

void zos_mlkem768_keygen(uint8_t ek[ZOS_MLKEM768_EK_SIZE], uint8_t dk[ZOS_MLKEM768_DK_SIZE],
			 const uint8_t d[32], const uint8_t z[32])
{
	pke_keygen(ek, dk, d);
	for (unsigned i = 0; i < ZOS_MLKEM768_EK_SIZE; i++)
		dk[POLYVEC_BYTES + i] = ek[i];
	zos_sha3_256(dk + POLYVEC_BYTES + ZOS_MLKEM768_EK_SIZE, ek, ZOS_MLKEM768_EK_SIZE);
	for (unsigned i = 0; i < 32; i++)
		dk[ZOS_MLKEM768_DK_SIZE - 32 + i] = z[i];
}

/* t_hat from ek; 1 when ek passes the modulus check. */
static int decode_ek(struct mlkem_poly t_hat[K], const uint8_t *ek)
{
	int ok = 1;

	for (unsigned i = 0; i < K; i++)
		ok &= mlkem_decode12(&t_hat[i], ek + 384 * i);
	return ok;
}

/* (K, r) = G(m || h); c = Encrypt(ek, m, r). kr receives K || r. */
static void encaps_with(uint8_t c[ZOS_MLKEM768_CT_SIZE], uint8_t kr[64], const struct mlkem_poly t_hat[K],
			const uint8_t *ek, const uint8_t m[32], const uint8_t h[32])
{
	struct zos_keccak x;

	zos_sha3_512_init(&x);
	zos_keccak_absorb(&x, m, 32);
	zos_keccak_absorb(&x, h, 32);
	zos_keccak_squeeze(&x, kr, 64);
	zos_keccak_wipe(&x);
	pke_encrypt(c, t_hat, ek + POLYVEC_BYTES, m, kr + 32);
}

int zos_mlkem768_encaps(uint8_t ct[ZOS_MLKEM768_CT_SIZE], uint8_t ss[ZOS_MLKEM768_SS_SIZE],
			const uint8_t ek[ZOS_MLKEM768_EK_SIZE], const uint8_t m[32])
{
	struct mlkem_poly t_hat[K];
	uint8_t h[32], kr[64];

	if (!decode_ek(t_hat, ek)) { /* ek is public */
		zos_ct_wipe(ct, ZOS_MLKEM768_CT_SIZE);
		zos_ct_wipe(ss, ZOS_MLKEM768_SS_SIZE);
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	zos_sha3_256(h, ek, ZOS_MLKEM768_EK_SIZE);
	encaps_with(ct, kr, t_hat, ek, m, h);
	for (unsigned i = 0; i < 32; i++)
		ss[i] = kr[i];
	zos_ct_wipe(kr, sizeof kr);
	return ZOS_OK;
}

int zos_mlkem768_decaps(uint8_t ss[ZOS_MLKEM768_SS_SIZE], const uint8_t ct[ZOS_MLKEM768_CT_SIZE],
			const uint8_t dk[ZOS_MLKEM768_DK_SIZE])
{
	const uint8_t *ek = dk + POLYVEC_BYTES, *h = ek + ZOS_MLKEM768_EK_SIZE, *z = h + 32;
	struct mlkem_poly t_hat[K];
	struct zos_keccak x;
	uint8_t m[32], kr[64], rej[32], hek[32], ct2[ZOS_MLKEM768_CT_SIZE];
	uint8_t keep;

	/* the hash check works on the public half of dk */
	zos_sha3_256(hek, ek, ZOS_MLKEM768_EK_SIZE);
	if (!zos_ct_equal(hek, h, 32)) {
		zos_ct_wipe(ss, ZOS_MLKEM768_SS_SIZE);
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	(void)decode_ek(t_hat, ek);
	pke_decrypt(m, dk, ct);
	encaps_with(ct2, kr, t_hat, ek, m, h);
	zos_shake256_init(&x); /* K_bar = J(z || c) */
	zos_keccak_absorb(&x, z, 32);
	zos_keccak_absorb(&x, ct, ZOS_MLKEM768_CT_SIZE);
	zos_keccak_squeeze(&x, rej, 32);
	zos_keccak_wipe(&x);
	/* keep = 0xff when the re-encryption matches, else 0: no branch */
	keep = (uint8_t)(0u - (unsigned)zos_ct_equal(ct, ct2, ZOS_MLKEM768_CT_SIZE));
	for (unsigned i = 0; i < 32; i++)
		ss[i] = (uint8_t)((kr[i] & keep) | (rej[i] & (uint8_t)~keep));
	zos_ct_wipe(m, sizeof m);
	zos_ct_wipe(kr, sizeof kr);
	zos_ct_wipe(rej, sizeof rej);
	zos_ct_wipe(ct2, sizeof ct2);
	zos_ct_wipe(&keep, sizeof keep);
	return ZOS_OK;
}
