/*
 * Timing hygiene: runs each secret-handling primitive under valgrind's
 * memcheck with its secret inputs marked undefined
 * (VALGRIND_MAKE_MEM_UNDEFINED). Memcheck then reports every conditional
 * jump and every memory address computed from a secret ("depends on
 * uninitialised value", "use of uninitialised value"): exactly the
 * secret-dependent branches and table indexes constant-time code must not
 * have. Outputs are marked defined again before the test looks at them.
 *
 * Each case is a row in `cases` below; a case fails when valgrind's error
 * count grows while it runs. `--leaky-control` runs only a deliberately
 * leaky function, which must be caught (tests/ct/run.sh checks that it
 * is, so a broken setup cannot pass silently). Started outside valgrind
 * it refuses to run: the check would prove nothing.
 *
 * Usage: valgrind -q --error-exitcode=1 build/host/tests/ct/ct_check [--leaky-control]
 */
#include <valgrind/memcheck.h>

#include "harness.h"
#include "lib/crypto/ct.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/gcm.h"
#include "lib/crypto/hmac.h"
#include "lib/crypto/mldsa.h"
#include "lib/crypto/mlkem.h"
#include "lib/crypto/pq_hybrid.h"
#include "lib/crypto/shamir.h"
#include "lib/crypto/chacha20.h"
#include <zos/error.h>
#include "lib/crypto/x25519.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

/* The library's declassification points (zos_ct_declassify, a weak no-op
 * in lib/crypto/ct.c) become "this value is public" for memcheck. */
void zos_ct_declassify(const void *p, size_t n)
{
	PUBLIC(p, n);
}

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 29);
}

static void case_ed25519_keypair(void)
{
	uint8_t seed[32], pk[32], sk[64];

	fill(seed, 32, 1);
	SECRET(seed, 32);
	zos_ed25519_keypair(pk, sk, seed);
	PUBLIC(pk, 32);
	PUBLIC(sk, 64);
}

static void case_ed25519_sign(void)
{
	uint8_t seed[32], pk[32], sk[64], sig[64], msg[100];

	fill(seed, 32, 2);
	fill(msg, sizeof msg, 3);
	zos_ed25519_keypair(pk, sk, seed);
	SECRET(sk, 32); /* the seed half; the public half is public */
	zos_ed25519_sign(sig, msg, sizeof msg, sk);
	PUBLIC(sig, 64);
	PUBLIC(sk, 64);
	CHECK_EQ(zos_ed25519_verify(sig, msg, sizeof msg, pk), 0);
}

static void case_x25519(void)
{
	uint8_t k[32], u[32], out[32];
	int rc;

	fill(k, 32, 4);
	fill(u, 32, 5);
	SECRET(k, 32);
	rc = zos_x25519(out, k, u);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(out, 32);
	CHECK_EQ(rc, 0);
}

static void case_x25519_secret_peer(void)
{
	uint8_t k[32], pub[32], out[32];
	int rc;

	fill(k, 32, 6);
	SECRET(k, 32);
	rc = zos_x25519_base(pub, k); /* the peer's point is secret too here */
	PUBLIC(&rc, sizeof rc);
	rc = zos_x25519(out, k, pub);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(out, 32);
	CHECK_EQ(rc, 0);
}

static void case_ct_equal(void)
{
	uint8_t a[48], b[48];
	int eq;

	fill(a, 48, 7);
	fill(b, 48, 7);
	b[47] ^= 1;
	SECRET(a, 48);
	SECRET(b, 48);
	eq = zos_ct_equal(a, b, 48);
	PUBLIC(&eq, sizeof eq);
	CHECK_EQ(eq, 0);
	zos_ct_wipe(a, 48);
}

/* AES-256-GCM, portable path: key and plaintext secret. The IV, lengths,
 * AAD and the tag are public. */
static void case_aes256_gcm_encrypt(void)
{
	uint8_t key[32], iv[12], pt[80], ct[80], tag[16], aad[20];
	struct zos_aes256_gcm g;
	int rc;

	fill(key, 32, 8);
	fill(iv, 12, 9);
	fill(pt, sizeof pt, 10);
	fill(aad, sizeof aad, 11);
	SECRET(key, 32);
	SECRET(pt, sizeof pt);
	zos_aes256_gcm_init_portable(&g, key);
	rc = zos_aes256_gcm_encrypt(&g, ct, tag, pt, sizeof pt, iv, 12, aad, sizeof aad);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(ct, sizeof ct);
	PUBLIC(tag, 16);
	zos_aes256_gcm_wipe(&g);
	CHECK_EQ(rc, 0);
}

/* Decryption with a secret key, a valid and a forged tag: only the
 * accept/refuse outcome may steer the code. */
static void case_aes256_gcm_decrypt(void)
{
	uint8_t key[32], iv[12], pt[50], ct[50], tag[16], out[50];
	struct zos_aes256_gcm g;
	int rc;

	fill(key, 32, 12);
	fill(iv, 12, 13);
	fill(pt, sizeof pt, 14);
	zos_aes256_gcm_init_portable(&g, key);
	CHECK_EQ(zos_aes256_gcm_encrypt(&g, ct, tag, pt, sizeof pt, iv, 12, 0, 0), 0);
	SECRET(key, 32);
	zos_aes256_gcm_init_portable(&g, key);
	rc = zos_aes256_gcm_decrypt(&g, out, ct, sizeof ct, tag, iv, 12, 0, 0);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(out, sizeof out);
	CHECK_EQ(rc, 0);
	CHECK_MEM(out, pt, sizeof pt);
	tag[3] ^= 4;
	rc = zos_aes256_gcm_decrypt(&g, out, ct, sizeof ct, tag, iv, 12, 0, 0);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(out, sizeof out);
	CHECK_EQ(rc, ZOS_ERR_CORRUPT);
	zos_aes256_gcm_wipe(&g);
}

static void case_hmac_sha256(void)
{
	uint8_t key[40], msg[100], mac[32];

	fill(key, sizeof key, 15);
	fill(msg, sizeof msg, 16);
	SECRET(key, sizeof key);
	SECRET(msg, sizeof msg);
	zos_hmac_sha256(mac, key, sizeof key, msg, sizeof msg);
	PUBLIC(mac, 32);
}

static void case_hmac_sha512(void)
{
	uint8_t key[200], msg[100], mac[64];

	fill(key, sizeof key, 17);
	fill(msg, sizeof msg, 18);
	SECRET(key, sizeof key); /* longer than a block: hashed first */
	SECRET(msg, sizeof msg);
	zos_hmac_sha512(mac, key, sizeof key, msg, sizeof msg);
	PUBLIC(mac, 64);
}

static void case_chacha20(void)
{
	uint8_t key[32], nonce[12], pt[150], ct[150];
	int rc;

	fill(key, 32, 19);
	fill(nonce, 12, 20);
	fill(pt, sizeof pt, 21);
	SECRET(key, 32);
	SECRET(pt, sizeof pt);
	rc = zos_chacha20_xor(ct, pt, sizeof pt, key, nonce, 1);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(ct, sizeof ct);
	CHECK_EQ(rc, 0);
}

/* Shamir: the secret and the CSPRNG's state are secret on split; the
 * share values on combine. Indices, threshold and length are public. */
static void case_shamir(void)
{
	uint8_t seed[32], secret[32], out[64];
	struct zos_shamir_share sh[5];
	struct zos_csprng rng;
	size_t len;
	int rc;

	fill(seed, 32, 22);
	fill(secret, 32, 23);
	CHECK_EQ(zos_csprng_init(&rng, seed, 32), 0);
	SECRET(secret, 32);
	SECRET(rng.key, sizeof rng.key);
	rc = zos_shamir_split(sh, 5, 3, secret, 32, &rng);
	PUBLIC(&rc, sizeof rc);
	CHECK_EQ(rc, 0);
	for (int i = 0; i < 5; i++)
		SECRET(sh[i].y, sizeof sh[i].y);
	rc = zos_shamir_combine(out, &len, sh + 1, 4);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(out, sizeof out);
	CHECK_EQ(rc, 0);
	zos_csprng_wipe(&rng);
}

/* ML-KEM-768: the seeds d and z secret on keygen, m on encapsulation; on
 * decapsulation the secret half of dk (s_hat) and z, with a valid
 * ciphertext and a tampered one (implicit rejection must pick its key by
 * mask). ek, the ciphertext and dk's hash of ek are public. */
static void case_mlkem768(void)
{
	static uint8_t ek[ZOS_MLKEM768_EK_SIZE], dk[ZOS_MLKEM768_DK_SIZE], ct[ZOS_MLKEM768_CT_SIZE];
	uint8_t d[32], z[32], m[32], k1[32], k2[32];
	int rc;

	fill(d, 32, 24);
	fill(z, 32, 25);
	fill(m, 32, 26);
	SECRET(d, 32);
	SECRET(z, 32);
	zos_mlkem768_keygen(ek, dk, d, z);
	PUBLIC(ek, sizeof ek);
	PUBLIC(dk, sizeof dk);
	SECRET(m, 32);
	rc = zos_mlkem768_encaps(ct, k1, ek, m);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(ct, sizeof ct);
	PUBLIC(k1, 32);
	CHECK_EQ(rc, 0);
	for (int tampered = 0; tampered < 2; tampered++) {
		ct[100] ^= (uint8_t)tampered;
		SECRET(dk, 1152);
		SECRET(dk + ZOS_MLKEM768_DK_SIZE - 32, 32);
		rc = zos_mlkem768_decaps(k2, ct, dk);
		PUBLIC(&rc, sizeof rc);
		PUBLIC(k2, 32);
		CHECK_EQ(rc, 0);
		CHECK_EQ(memcmp(k1, k2, 32) == 0, !tampered);
	}
}

/* ML-DSA-65: the seed secret on keygen; on signing the secret parts of
 * sk (K, s1, s2, t0: bytes 32..64 and 128..) and rnd. What FIPS 204's
 * rejection loop makes public (each attempt's verdict and challenge hash,
 * the accepted signature) is declared so by lib/crypto/mldsa.c with
 * zos_ct_declassify; any other use of a secret is an error here. Two
 * messages, so attempts are both accepted and rejected. */
static void case_mldsa65(void)
{
	static uint8_t pk[ZOS_MLDSA65_PK_SIZE], sk[ZOS_MLDSA65_SK_SIZE], sig[ZOS_MLDSA65_SIG_SIZE];
	uint8_t seed[32], rnd[32], msg[40];
	int rc;

	fill(seed, 32, 27);
	fill(rnd, 32, 28);
	fill(msg, sizeof msg, 29);
	SECRET(seed, 32);
	zos_mldsa65_keygen(pk, sk, seed);
	PUBLIC(pk, sizeof pk);
	PUBLIC(sk, sizeof sk);
	for (int i = 0; i < 2; i++) {
		msg[0] = (uint8_t)i;
		SECRET(sk + 32, 32);
		SECRET(sk + 128, sizeof sk - 128);
		SECRET(rnd, 32);
		rc = zos_mldsa65_sign(sig, msg, sizeof msg, "ctx", 3, sk, rnd);
		PUBLIC(&rc, sizeof rc);
		PUBLIC(sig, sizeof sig);
		PUBLIC(sk, sizeof sk);
		CHECK_EQ(rc, 0);
		CHECK_EQ(zos_mldsa65_verify(sig, sizeof sig, msg, sizeof msg, "ctx", 3, pk), 0);
	}
}

/* PqHybrid KEM: the seed, the encapsulation randomness and the secret key
 * secret (its X25519 half and ML-KEM's s_hat and z); the combiner adds
 * HKDF over public transcript and secret component keys. */
static void case_pq_hybrid_kem(void)
{
	static uint8_t pk[ZOS_PQH_KEM_PK_SIZE], sk[ZOS_PQH_KEM_SK_SIZE], ct[ZOS_PQH_KEM_CT_SIZE];
	uint8_t seed[32], rand[64], k1[32], k2[32];
	int rc;

	fill(seed, 32, 30);
	fill(rand, 64, 31);
	SECRET(seed, 32);
	zos_pqh_kem_keygen(pk, sk, seed);
	PUBLIC(pk, sizeof pk);
	SECRET(rand, 64);
	rc = zos_pqh_kem_encaps(ct, k1, pk, rand);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(ct, sizeof ct);
	PUBLIC(k1, 32);
	CHECK_EQ(rc, 0);
	PUBLIC(sk, sizeof sk);
	SECRET(sk, 32 + 1152);
	SECRET(sk + sizeof sk - 32, 32);
	rc = zos_pqh_kem_decaps(k2, ct, sk);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(k2, 32);
	CHECK_EQ(rc, 0);
	CHECK_MEM(k1, k2, 32);
}

/* What the check must catch: an early exit on the first differing byte. */
static int leaky_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static void case_leaky_control(void)
{
	uint8_t a[16] = { 0 }, b[16] = { 0 };
	volatile int eq;

	SECRET(a, 16);
	eq = leaky_equal(a, b, 16);
	(void)eq;
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "ed25519 keypair: no secret-dependent branch or index", case_ed25519_keypair },
	{ "ed25519 sign: no secret-dependent branch or index", case_ed25519_sign },
	{ "x25519: no secret-dependent branch or index", case_x25519 },
	{ "x25519 with a secret peer point", case_x25519_secret_peer },
	{ "ct_equal: no secret-dependent branch or index", case_ct_equal },
	{ "aes-256-gcm encrypt (portable): no secret-dependent branch or index", case_aes256_gcm_encrypt },
	{ "aes-256-gcm decrypt (portable), valid and forged tags", case_aes256_gcm_decrypt },
	{ "hmac-sha256: no secret-dependent branch or index", case_hmac_sha256 },
	{ "hmac-sha512 (long key): no secret-dependent branch or index", case_hmac_sha512 },
	{ "chacha20: no secret-dependent branch or index", case_chacha20 },
	{ "shamir split and combine (csprng inside)", case_shamir },
	{ "ml-kem-768 keygen, encaps, decaps (valid and tampered)", case_mlkem768 },
	{ "ml-dsa-65 keygen and hedged sign (rejection loop declassified)", case_mldsa65 },
	{ "pq-hybrid kem (x25519 + ml-kem-768, hkdf combiner)", case_pq_hybrid_kem },
};

static unsigned errors_before;

static void run_case(const char *name, void (*fn)(void))
{
	unsigned after;

	errors_before = (unsigned)VALGRIND_COUNT_ERRORS;
	fn();
	after = (unsigned)VALGRIND_COUNT_ERRORS;
	if (after != errors_before)
		harness_fail(__FILE__, __LINE__, "%s: valgrind saw %u secret-dependent uses", name,
			     after - errors_before);
}

static const char *current_name;
static void (*current_fn)(void);

static void run_current(void)
{
	run_case(current_name, current_fn);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf("usage: valgrind -q --error-exitcode=1 %s [--leaky-control]\n"
		       "Runs the constant-time cases with secrets marked undefined; valgrind's\n"
		       "memcheck reports any branch or address that depends on them.\n",
		       argv[0]);
		return 0;
	}
	if (!RUNNING_ON_VALGRIND) {
		printf("ct_check: not running under valgrind; run tests/ct/run.sh\n");
		printf("RESULT ct 0 1\n");
		return 1;
	}
	if (argc > 1 && strcmp(argv[1], "--leaky-control") == 0) {
		current_name = "leaky control";
		current_fn = case_leaky_control;
		harness_run("leaky control (must be caught)", run_current);
		return harness_finish("ct_leaky_control");
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		current_name = cases[i].name;
		current_fn = cases[i].fn;
		harness_run(cases[i].name, run_current);
	}
	return harness_finish("ct");
}
