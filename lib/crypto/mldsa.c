/*
 * ML-DSA-65 key generation, signing and verification (FIPS 204
 * Algorithms 2, 3, 6, 7 and 8). See mldsa.h.
 *
 * Encodings: pk = rho || t1 (10 bits a coefficient); sk = rho || K || tr
 * || s1, s2 (4 bits, eta - c) || t0 (13 bits, 2^12 - c); sig = c_tilde ||
 * z (20 bits, gamma1 - c) || hints (omega indices, then k running counts).
 *
 * Memory: A_hat is regenerated entry by entry (SHAKE128) wherever it is
 * needed, and the secret vectors are decoded from sk one polynomial at a
 * time, so the largest arrays are the k accumulators of A y (6 KiB) and
 * the hint bits (1.5 KiB).
 *
 * What signing makes public: each attempt's verdicts (which of the checks
 * on LowBits(w - c s2), z and c t0 / the hints refused it, checked in
 * that order so a refused attempt stops early) and, for every attempt,
 * the challenge hash c_tilde. The verdicts add up to the number of
 * attempts, which FIPS 204's loop shows in its running time anyway; they
 * depend on the fresh mask y, not on a reusable secret.
 * c_tilde = H(mu || w1) is a hash of the high bits of A y: for the
 * accepted attempt it is part of the signature; for a rejected one it
 * reveals no more than a hash of a value that is never used again. Both
 * are passed to zos_ct_declassify (a no-op except under the valgrind
 * timing check), and so are the hints once the signature is final. The
 * norm checks themselves read every coefficient and never exit early.
 */
#include "lib/crypto/mldsa.h"

#include <zos/error.h>

#include "lib/crypto/bitpack.h"
#include "lib/crypto/ct.h"
#include "lib/crypto/mldsa_poly.h"
#include "lib/crypto/sha3.h"

#define K 6
#define L 5
#define CT_BYTES 48
#define T1_BYTES 320
#define ETA_BYTES 128
#define T0_BYTES 416
#define Z_BYTES 640
#define W1_BYTES 128
#define SK_S1 128
#define SK_S2 (SK_S1 + L * ETA_BYTES)
#define SK_T0 (SK_S2 + K * ETA_BYTES)
#define SIG_Z CT_BYTES
#define SIG_H (SIG_Z + L * Z_BYTES)

/* Encodes coefficient x as (off - x) mod q, the form BitPack stores. */
static void pack_offset(uint8_t *out, const struct mldsa_poly *f, int32_t off, unsigned bits)
{
	uint32_t v[MLDSA_N];

	for (unsigned i = 0; i < MLDSA_N; i++) {
		uint32_t r = (uint32_t)off - f->c[i]; /* in (-q, q), as a signed value */

		v[i] = r + (MLDSA_Q & (0u - (r >> 31)));
	}
	zos_bitpack(out, v, bits);
	zos_ct_wipe(v, sizeof v);
}

static void unpack_offset(struct mldsa_poly *f, const uint8_t *in, int32_t off, unsigned bits)
{
	zos_bitunpack(f->c, in, bits);
	for (unsigned i = 0; i < MLDSA_N; i++)
		f->c[i] = mldsa_from_signed(off - (int32_t)f->c[i]);
}

/* acc[i] = sum_j A_hat[i][j] o v_hat[j] for the one column j given. */
static void add_column(struct mldsa_poly acc[K], const uint8_t rho[32], unsigned j, const struct mldsa_poly *v_hat)
{
	struct mldsa_poly a;

	for (unsigned i = 0; i < K; i++) {
		mldsa_sample_uniform(&a, rho, (uint8_t)i, (uint8_t)j);
		mldsa_pointwise_acc(&acc[i], &a, v_hat);
	}
}

static void shake256_3(uint8_t *out, size_t out_len, const void *a, size_t an, const void *b, size_t bn,
		       const void *c, size_t cn)
{
	struct zos_keccak x;

	zos_shake256_init(&x);
	zos_keccak_absorb(&x, a, an);
	zos_keccak_absorb(&x, b, bn);
	zos_keccak_absorb(&x, c, cn);
	zos_keccak_squeeze(&x, out, out_len);
	zos_keccak_wipe(&x);
}

void zos_mldsa65_keygen(uint8_t pk[ZOS_MLDSA65_PK_SIZE], uint8_t sk[ZOS_MLDSA65_SK_SIZE],
			const uint8_t seed[ZOS_MLDSA65_SEED_SIZE])
{
	uint8_t expanded[128], kl[2] = { K, L };
	const uint8_t *rho = expanded, *rhop = expanded + 32, *key = expanded + 96;
	struct mldsa_poly s1_hat[L], t[K], s2;

	shake256_3(expanded, sizeof expanded, seed, 32, kl, 2, 0, 0);
	zos_ct_declassify(expanded, 32); /* rho is published in pk */
	for (unsigned i = 0; i < K; i++)
		mldsa_poly_zero(&t[i]);
	for (unsigned j = 0; j < L; j++) {
		mldsa_sample_eta(&s1_hat[j], rhop, (uint16_t)j);
		pack_offset(sk + SK_S1 + ETA_BYTES * j, &s1_hat[j], MLDSA_ETA, 4);
		mldsa_ntt(&s1_hat[j]);
		add_column(t, rho, j, &s1_hat[j]);
	}
	for (unsigned i = 0; i < K; i++) {
		uint32_t t1[MLDSA_N];
		struct mldsa_poly t0;
		int32_t low;

		mldsa_invntt(&t[i]);
		mldsa_sample_eta(&s2, rhop, (uint16_t)(L + i));
		pack_offset(sk + SK_S2 + ETA_BYTES * i, &s2, MLDSA_ETA, 4);
		mldsa_poly_add(&t[i], &s2);
		for (unsigned n = 0; n < MLDSA_N; n++) {
			mldsa_power2round(&t1[n], &low, t[i].c[n]);
			t0.c[n] = mldsa_from_signed(low);
		}
		zos_bitpack(pk + 32 + T1_BYTES * i, t1, 10);
		pack_offset(sk + SK_T0 + T0_BYTES * i, &t0, 1 << (MLDSA_D - 1), 13);
		zos_ct_wipe(&t0, sizeof t0);
	}
	for (unsigned n = 0; n < 32; n++) {
		pk[n] = rho[n];
		sk[n] = rho[n];
		sk[32 + n] = key[n];
	}
	zos_shake256(sk + 64, 64, pk, ZOS_MLDSA65_PK_SIZE); /* tr */
	zos_ct_wipe(expanded, sizeof expanded);
	zos_ct_wipe(s1_hat, sizeof s1_hat);
	zos_ct_wipe(t, sizeof t);
	zos_ct_wipe(&s2, sizeof s2);
}

/* mu = H(tr || pre || msg, 64), M' = pre || msg */
static void message_hash(uint8_t mu[64], const uint8_t tr[64], const uint8_t *pre, size_t pre_len,
			 const void *msg, size_t len)
{
	shake256_3(mu, 64, tr, 64, pre, pre_len, msg, len);
}

/* c_hat = NTT(SampleInBall(c_tilde)) */
static void challenge(struct mldsa_poly *c_hat, const uint8_t c_tilde[CT_BYTES])
{
	mldsa_sample_in_ball(c_hat, c_tilde, CT_BYTES);
	mldsa_ntt(c_hat);
}

/* out = NTT^-1(c_hat o NTT(secret poly decoded from sk at `at`)) */
static void times_c(struct mldsa_poly *out, const struct mldsa_poly *c_hat, const uint8_t *at, int32_t off,
		    unsigned bits)
{
	struct mldsa_poly s;

	unpack_offset(&s, at, off, bits);
	mldsa_ntt(&s);
	mldsa_poly_zero(out);
	mldsa_pointwise_acc(out, c_hat, &s);
	mldsa_invntt(out);
	zos_ct_wipe(&s, sizeof s);
}

/* The working state of one signature, kept together so it is wiped at once. */
struct sign_state {
	struct mldsa_poly w[K];    /* A y, then w - c s2 */
	struct mldsa_poly c_hat, y, t;
	uint8_t hint[K][MLDSA_N];  /* 0/1 */
	uint8_t w1[K * W1_BYTES];
	uint8_t rhopp[64];         /* rho'' = H(K || rnd || mu) */
};

/* One attempt with counter kappa: w = A y and c_tilde into sig. */
static void commit(struct sign_state *st, uint8_t *sig, const uint8_t *sk, const uint8_t mu[64], uint16_t kappa)
{
	for (unsigned i = 0; i < K; i++)
		mldsa_poly_zero(&st->w[i]);
	for (unsigned j = 0; j < L; j++) {
		mldsa_sample_mask(&st->y, st->rhopp, (uint16_t)(kappa + j));
		mldsa_ntt(&st->y);
		add_column(st->w, sk, j, &st->y);
	}
	for (unsigned i = 0; i < K; i++) {
		uint32_t w1[MLDSA_N];
		int32_t r0;

		mldsa_invntt(&st->w[i]);
		for (unsigned n = 0; n < MLDSA_N; n++)
			mldsa_decompose(&w1[n], &r0, st->w[i].c[n]);
		zos_bitpack(st->w1 + W1_BYTES * i, w1, 4);
	}
	shake256_3(sig, CT_BYTES, mu, 64, st->w1, sizeof st->w1, 0, 0);
	zos_ct_declassify(sig, CT_BYTES);
}

/* z = y + c s1 into sig; 1 when some |z| >= gamma1 - beta (reject). */
static uint32_t response(struct sign_state *st, uint8_t *sig, const uint8_t *sk, uint16_t kappa)
{
	uint32_t reject = 0;

	for (unsigned j = 0; j < L; j++) {
		times_c(&st->t, &st->c_hat, sk + SK_S1 + ETA_BYTES * j, MLDSA_ETA, 4);
		mldsa_sample_mask(&st->y, st->rhopp, (uint16_t)(kappa + j));
		mldsa_poly_add(&st->t, &st->y);
		reject |= mldsa_poly_exceeds(&st->t, MLDSA_GAMMA1 - MLDSA_BETA);
		pack_offset(sig + SIG_Z + Z_BYTES * j, &st->t, MLDSA_GAMMA1, 20);
	}
	return reject;
}

/* w -= c s2; 1 (reject) when some |LowBits(w - c s2)| >= gamma2 - beta. */
static uint32_t low_bits(struct sign_state *st, const uint8_t *sk)
{
	uint32_t reject = 0;

	for (unsigned i = 0; i < K; i++) {
		times_c(&st->t, &st->c_hat, sk + SK_S2 + ETA_BYTES * i, MLDSA_ETA, 4);
		mldsa_poly_sub(&st->w[i], &st->t);
		for (unsigned n = 0; n < MLDSA_N; n++) {
			uint32_t r1;
			int32_t r0;

			mldsa_decompose(&r1, &r0, st->w[i].c[n]);
			st->y.c[n] = mldsa_from_signed(r0);
		}
		reject |= mldsa_poly_exceeds(&st->y, MLDSA_GAMMA2 - MLDSA_BETA);
	}
	return reject;
}

/* The c t0 and hint checks on w - c s2; fills st->hint. 1 to reject. */
static uint32_t hints(struct sign_state *st, const uint8_t *sk)
{
	uint32_t reject = 0, count = 0;

	for (unsigned i = 0; i < K; i++) {
		times_c(&st->t, &st->c_hat, sk + SK_T0 + T0_BYTES * i, 1 << (MLDSA_D - 1), 13);
		reject |= mldsa_poly_exceeds(&st->t, MLDSA_GAMMA2);
		/* h = HighBits(w - c s2 + c t0) != HighBits(w - c s2) */
		st->y = st->w[i];
		mldsa_poly_add(&st->y, &st->t);
		for (unsigned n = 0; n < MLDSA_N; n++) {
			uint32_t a1, b1, diff;
			int32_t r0;

			mldsa_decompose(&a1, &r0, st->w[i].c[n]);
			mldsa_decompose(&b1, &r0, st->y.c[n]);
			diff = a1 ^ b1;
			st->hint[i][n] = (uint8_t)((diff | (0u - diff)) >> 31);
			count += st->hint[i][n];
		}
	}
	reject |= (MLDSA_OMEGA - count) >> 31; /* count > omega */
	return reject;
}

/* A check's verdict, declared public (see the top of this file). */
static uint32_t verdict(uint32_t reject)
{
	zos_ct_declassify(&reject, sizeof reject);
	return reject;
}

static void pack_hints(uint8_t *out, uint8_t hint[K][MLDSA_N])
{
	unsigned idx = 0;

	for (unsigned i = 0; i < MLDSA_OMEGA + K; i++)
		out[i] = 0;
	for (unsigned i = 0; i < K; i++) {
		for (unsigned n = 0; n < MLDSA_N; n++)
			if (hint[i][n])
				out[idx++] = (uint8_t)n;
		out[MLDSA_OMEGA + i] = (uint8_t)idx;
	}
}

static int sign_with(uint8_t sig[ZOS_MLDSA65_SIG_SIZE], const uint8_t *pre, size_t pre_len, const void *msg,
		     size_t len, const uint8_t *sk, const uint8_t rnd[32])
{
	static const uint8_t zero[32];
	struct sign_state st;
	uint8_t mu[64];
	int rc = ZOS_ERR_RESOURCE_EXHAUSTED;

	message_hash(mu, sk + 64, pre, pre_len, msg, len);
	shake256_3(st.rhopp, 64, sk + 32, 32, rnd ? rnd : zero, 32, mu, 64);
	for (unsigned attempt = 0; attempt < ZOS_MLDSA65_MAX_ATTEMPTS; attempt++) {
		uint16_t kappa = (uint16_t)(attempt * L);

		commit(&st, sig, sk, mu, kappa);
		challenge(&st.c_hat, sig);
		/* cheapest and likeliest to fail first; the result is the same */
		if (verdict(low_bits(&st, sk)) || verdict(response(&st, sig, sk, kappa)))
			continue;
		if (!verdict(hints(&st, sk))) {
			zos_ct_declassify(st.hint, sizeof st.hint);
			zos_ct_declassify(sig, ZOS_MLDSA65_SIG_SIZE);
			pack_hints(sig + SIG_H, st.hint);
			rc = ZOS_OK;
			break;
		}
	}
	if (rc != ZOS_OK)
		zos_ct_wipe(sig, ZOS_MLDSA65_SIG_SIZE);
	zos_ct_wipe(&st, sizeof st);
	zos_ct_wipe(mu, sizeof mu);
	return rc;
}

int zos_mldsa65_sign_internal(uint8_t sig[ZOS_MLDSA65_SIG_SIZE], const void *mprime, size_t len,
			      const uint8_t sk[ZOS_MLDSA65_SK_SIZE], const uint8_t rnd[ZOS_MLDSA65_RND_SIZE])
{
	return sign_with(sig, 0, 0, mprime, len, sk, rnd);
}

/* M' = 0 || |ctx| || ctx || M: pre holds the first three parts. */
static int context_prefix(uint8_t pre[2 + ZOS_MLDSA65_MAX_CTX], const void *ctx, size_t ctx_len)
{
	const uint8_t *c = ctx;

	if (ctx_len > ZOS_MLDSA65_MAX_CTX || (ctx_len && !ctx))
		return ZOS_ERR_INVALID_ARGUMENT;
	pre[0] = 0;
	pre[1] = (uint8_t)ctx_len;
	for (size_t i = 0; i < ctx_len; i++)
		pre[2 + i] = c[i];
	return ZOS_OK;
}

int zos_mldsa65_sign(uint8_t sig[ZOS_MLDSA65_SIG_SIZE], const void *msg, size_t len, const void *ctx,
		     size_t ctx_len, const uint8_t sk[ZOS_MLDSA65_SK_SIZE], const uint8_t rnd[ZOS_MLDSA65_RND_SIZE])
{
	uint8_t pre[2 + ZOS_MLDSA65_MAX_CTX];

	if (context_prefix(pre, ctx, ctx_len) != ZOS_OK) {
		zos_ct_wipe(sig, ZOS_MLDSA65_SIG_SIZE);
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	return sign_with(sig, pre, 2 + ctx_len, msg, len, sk, rnd);
}

int zos_mldsa65_sign_deterministic(uint8_t sig[ZOS_MLDSA65_SIG_SIZE], const void *msg, size_t len,
				   const void *ctx, size_t ctx_len, const uint8_t sk[ZOS_MLDSA65_SK_SIZE])
{
	return zos_mldsa65_sign(sig, msg, len, ctx, ctx_len, sk, 0);
}

/* HintBitUnpack (Algorithm 21): 0 when the encoding is malformed. */
static int unpack_hints(uint8_t hint[K][MLDSA_N], const uint8_t *y)
{
	unsigned idx = 0;

	for (unsigned i = 0; i < K; i++)
		for (unsigned n = 0; n < MLDSA_N; n++)
			hint[i][n] = 0;
	for (unsigned i = 0; i < K; i++) {
		unsigned end = y[MLDSA_OMEGA + i], first = idx;

		if (end < idx || end > MLDSA_OMEGA)
			return 0;
		for (; idx < end; idx++) {
			if (idx > first && y[idx - 1] >= y[idx])
				return 0;
			hint[i][y[idx]] = 1;
		}
	}
	for (; idx < MLDSA_OMEGA; idx++)
		if (y[idx])
			return 0;
	return 1;
}

/* Verification works on public data only and may branch. */
static int verify_with(const uint8_t *sig, size_t sig_len, const uint8_t *pre, size_t pre_len, const void *msg,
		       size_t len, const uint8_t *pk)
{
	struct mldsa_poly w[K], c_hat, z, t;
	uint8_t hint[K][MLDSA_N], tr[64], mu[64], c2[CT_BYTES], w1[K * W1_BYTES];

	if (sig_len != ZOS_MLDSA65_SIG_SIZE || !unpack_hints(hint, sig + SIG_H))
		return ZOS_ERR_CORRUPT;
	for (unsigned i = 0; i < K; i++)
		mldsa_poly_zero(&w[i]);
	for (unsigned j = 0; j < L; j++) {
		unpack_offset(&z, sig + SIG_Z + Z_BYTES * j, MLDSA_GAMMA1, 20);
		if (mldsa_poly_exceeds(&z, MLDSA_GAMMA1 - MLDSA_BETA))
			return ZOS_ERR_CORRUPT;
		mldsa_ntt(&z);
		add_column(w, pk, j, &z);
	}
	challenge(&c_hat, sig);
	for (unsigned i = 0; i < K; i++) {
		uint32_t v[MLDSA_N];

		/* w[i] -= c_hat o NTT(t1 2^d) */
		zos_bitunpack(v, pk + 32 + T1_BYTES * i, 10);
		for (unsigned n = 0; n < MLDSA_N; n++)
			z.c[n] = mldsa_from_signed((int32_t)(v[n] << MLDSA_D) - MLDSA_Q);
		mldsa_ntt(&z);
		mldsa_poly_zero(&t);
		mldsa_pointwise_acc(&t, &c_hat, &z);
		mldsa_poly_sub(&w[i], &t);
		mldsa_invntt(&w[i]);
		for (unsigned n = 0; n < MLDSA_N; n++)
			v[n] = mldsa_use_hint(hint[i][n], w[i].c[n]);
		zos_bitpack(w1 + W1_BYTES * i, v, 4);
	}
	zos_shake256(tr, 64, pk, ZOS_MLDSA65_PK_SIZE);
	message_hash(mu, tr, pre, pre_len, msg, len);
	shake256_3(c2, CT_BYTES, mu, 64, w1, sizeof w1, 0, 0);
	return zos_ct_equal(c2, sig, CT_BYTES) ? ZOS_OK : ZOS_ERR_CORRUPT;
}

int zos_mldsa65_verify_internal(const uint8_t *sig, size_t sig_len, const void *mprime, size_t len,
				const uint8_t pk[ZOS_MLDSA65_PK_SIZE])
{
	return verify_with(sig, sig_len, 0, 0, mprime, len, pk);
}

int zos_mldsa65_verify(const uint8_t *sig, size_t sig_len, const void *msg, size_t len, const void *ctx,
		       size_t ctx_len, const uint8_t pk[ZOS_MLDSA65_PK_SIZE])
{
	uint8_t pre[2 + ZOS_MLDSA65_MAX_CTX];

	if (context_prefix(pre, ctx, ctx_len) != ZOS_OK)
		return ZOS_ERR_INVALID_ARGUMENT;
	return verify_with(sig, sig_len, pre, 2 + ctx_len, msg, len, pk);
}
