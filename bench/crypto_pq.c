/*
 * crypto_pq: our ML-KEM-768 and ML-DSA-65 (and the SHAKE128 they lean
 * on). OpenSSL here is 3.0 and libsodium has neither scheme, so there is
 * no outside implementation to put beside them: each figure is printed
 * next to our own classical counterpart timed in the same rounds (X25519
 * for the KEM, Ed25519 for signatures; SHA-256 for SHAKE), which is what
 * the PqHybrid scheme adds them to, with operations per second below.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/mldsa.h"
#include "lib/crypto/mlkem.h"
#include "lib/crypto/sha3.h"
#include "lib/crypto/x25519.h"
#include "lib/sha256.h"

static uint8_t seed[32], ek[ZOS_MLKEM768_EK_SIZE], dk[ZOS_MLKEM768_DK_SIZE], ct[ZOS_MLKEM768_CT_SIZE];
static uint8_t ss[32], pk[ZOS_MLDSA65_PK_SIZE], sk[ZOS_MLDSA65_SK_SIZE], sig[ZOS_MLDSA65_SIG_SIZE];
static uint8_t msg[64], epk[32], esk[64], esig[64], xpub[32], xout[32], buf4k[4096], out[32];
static volatile uint8_t sink;

#define LOOP(body)                               \
	do {                                     \
		(void)c;                         \
		for (uint64_t i = 0; i < n; i++) \
			body;                    \
	} while (0)

static void kem_keygen(void *c, uint64_t n)
{
	LOOP(zos_mlkem768_keygen(ek, dk, seed, seed));
	sink ^= ek[0];
}

static void kem_encaps(void *c, uint64_t n)
{
	LOOP(sink ^= (uint8_t)zos_mlkem768_encaps(ct, ss, ek, seed));
}

static void kem_decaps(void *c, uint64_t n)
{
	LOOP(sink ^= (uint8_t)zos_mlkem768_decaps(ss, ct, dk));
}

static void dsa_keygen(void *c, uint64_t n)
{
	LOOP(zos_mldsa65_keygen(pk, sk, seed));
	sink ^= pk[0];
}

static void dsa_sign(void *c, uint64_t n)
{
	/* the message changes every time, so the attempt counts vary as in use */
	LOOP((msg[0] = (uint8_t)i, msg[1] = (uint8_t)(i >> 8),
	      sink ^= (uint8_t)zos_mldsa65_sign(sig, msg, sizeof msg, 0, 0, sk, seed)));
}

static void dsa_verify(void *c, uint64_t n)
{
	LOOP(sink ^= (uint8_t)zos_mldsa65_verify(sig, sizeof sig, msg, sizeof msg, 0, 0, pk));
}

static void x25519(void *c, uint64_t n)
{
	LOOP(sink ^= (uint8_t)zos_x25519(xout, seed, xpub));
}

static void ed_keygen(void *c, uint64_t n)
{
	LOOP(zos_ed25519_keypair(epk, esk, seed));
	sink ^= epk[0];
}

static void ed_sign(void *c, uint64_t n)
{
	LOOP(zos_ed25519_sign(esig, msg, sizeof msg, esk));
	sink ^= esig[0];
}

static void ed_verify(void *c, uint64_t n)
{
	LOOP(sink ^= (uint8_t)zos_ed25519_verify(esig, msg, sizeof msg, epk));
}

static void shake(void *c, uint64_t n)
{
	LOOP(zos_shake128(out, sizeof out, buf4k, sizeof buf4k));
	sink ^= out[0];
}

static void sha256(void *c, uint64_t n)
{
	LOOP(zos_sha256(buf4k, sizeof buf4k, out));
	sink ^= out[0];
}

enum { KG, EN, DE, SG, SI, VE, X, EKG, ES, EV, SH, S2, NCASES };

static void row(const char *name, const struct bench_series *v, const char *base_name,
		const struct bench_series *base, const char *unit)
{
	char r[32];

	bench_row(name, v, base_name, base, unit);
	bench_note("= %sops/s", bench_fmt_rate(r, sizeof r, bench_rate(bench_stat_of(v->t).med)));
}

int main(int argc, char **argv)
{
	struct bench_case cs[NCASES] = {
		[KG] = { kem_keygen }, [EN] = { kem_encaps }, [DE] = { kem_decaps }, [SG] = { dsa_keygen },
		[SI] = { dsa_sign },   [VE] = { dsa_verify }, [X] = { x25519 },      [EKG] = { ed_keygen },
		[ES] = { ed_sign },    [EV] = { ed_verify },  [SH] = { shake },      [S2] = { sha256 },
	};
	static struct bench_series t[NCASES];

	if (argc > 1) {
		printf("usage: %s\nTimes ML-KEM-768 and ML-DSA-65 beside X25519 and Ed25519 (ours).\n", argv[0]);
		return strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	for (int i = 0; i < 32; i++)
		seed[i] = (uint8_t)(i * 7 + 1);
	zos_mlkem768_keygen(ek, dk, seed, seed);
	zos_mlkem768_encaps(ct, ss, ek, seed);
	zos_mldsa65_keygen(pk, sk, seed);
	zos_mldsa65_sign(sig, msg, sizeof msg, 0, 0, sk, seed);
	zos_ed25519_keypair(epk, esk, seed);
	zos_ed25519_sign(esig, msg, sizeof msg, esk);
	zos_x25519_base(xpub, seed);
	bench_title("crypto_pq: ML-KEM-768 and ML-DSA-65 (no ML-KEM/ML-DSA in OpenSSL 3.0 or libsodium:"
		    " baselines are our X25519/Ed25519)");
	bench_rounds(cs, NCASES, t);
	bench_table_header();
	row("ML-KEM-768 keygen", &t[KG], "X25519 (ours)", &t[X], "op");
	row("ML-KEM-768 encaps", &t[EN], "X25519 (ours)", &t[X], "op");
	row("ML-KEM-768 decaps", &t[DE], "X25519 (ours)", &t[X], "op");
	row("ML-DSA-65 keygen", &t[SG], "Ed25519 keygen (ours)", &t[EKG], "op");
	row("ML-DSA-65 sign (hedged, 64-byte message)", &t[SI], "Ed25519 sign (ours)", &t[ES], "op");
	row("ML-DSA-65 verify", &t[VE], "Ed25519 verify (ours)", &t[EV], "op");
	row("SHAKE128 of 4 KiB", &t[SH], "SHA-256 (ours)", &t[S2], "hash");
	return 0;
}
