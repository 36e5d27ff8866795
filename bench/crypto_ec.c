/*
 * crypto_ec: our curve and password-hashing code next to libsodium (and
 * OpenSSL where it has the primitive), timed in the same rounds, printed
 * as cost ratios (above 1: ours is slower). The aim is within 2x
 * of libsodium for each.
 *
 * Rows: Ed25519 sign (a 64-byte message), Ed25519 verify, X25519 (one
 * shared secret), Argon2id (t = 3, 4 MiB, one lane: libsodium's only lane
 * count), BLAKE2b-512 of 1 KiB. OpenSSL rows use its EVP interface, which
 * adds a little overhead per call of its own (key objects are made once,
 * outside the timed loop).
 */
#include <openssl/evp.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "lib/crypto/argon2.h"
#include "lib/crypto/blake2b.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/x25519.h"

#define ARGON_T 3
#define ARGON_KIB 4096

static uint8_t seed[32], pk[32], sk[64], sig[64], msg[64], peer[32], shared[32], salt[16];
static uint8_t buf1k[1024], out64[64];
static void *argon_mem;
static EVP_PKEY *ossl_ed, *ossl_x, *ossl_xpeer;
static volatile uint8_t sink;

static void ours_sign(void *c, uint64_t n)
{
	(void)c;
	for (uint64_t i = 0; i < n; i++)
		zos_ed25519_sign(sig, msg, sizeof msg, sk);
	sink ^= sig[0];
}

static void sod_sign(void *c, uint64_t n)
{
	(void)c;
	for (uint64_t i = 0; i < n; i++)
		crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
	sink ^= sig[0];
}

static void ossl_sign(void *c, uint64_t n)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t len = 64;

	(void)c;
	for (uint64_t i = 0; i < n; i++)
		if (EVP_DigestSignInit(ctx, NULL, NULL, NULL, ossl_ed) != 1 ||
		    EVP_DigestSign(ctx, sig, &len, msg, sizeof msg) != 1)
			bench_die("OpenSSL Ed25519 sign failed", 0);
	EVP_MD_CTX_free(ctx);
	sink ^= sig[0];
}

static void ours_verify(void *c, uint64_t n)
{
	(void)c;
	for (uint64_t i = 0; i < n; i++)
		if (zos_ed25519_verify(sig, msg, sizeof msg, pk) != 0)
			bench_die("our verify failed", 0);
}

static void sod_verify(void *c, uint64_t n)
{
	(void)c;
	for (uint64_t i = 0; i < n; i++)
		if (crypto_sign_verify_detached(sig, msg, sizeof msg, pk) != 0)
			bench_die("libsodium verify failed", 0);
}

static void ossl_verify(void *c, uint64_t n)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	(void)c;
	for (uint64_t i = 0; i < n; i++)
		if (EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, ossl_ed) != 1 ||
		    EVP_DigestVerify(ctx, sig, 64, msg, sizeof msg) != 1)
			bench_die("OpenSSL verify failed", 0);
	EVP_MD_CTX_free(ctx);
}

static void ours_x25519(void *c, uint64_t n)
{
	(void)c;
	for (uint64_t i = 0; i < n; i++)
		if (zos_x25519(shared, seed, peer) != 0)
			bench_die("our X25519 failed", 0);
	sink ^= shared[0];
}

static void sod_x25519(void *c, uint64_t n)
{
	(void)c;
	for (uint64_t i = 0; i < n; i++)
		if (crypto_scalarmult(shared, seed, peer) != 0)
			bench_die("libsodium X25519 failed", 0);
	sink ^= shared[0];
}

static void ossl_x25519(void *c, uint64_t n)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(ossl_x, NULL);
	size_t len = 32;

	(void)c;
	for (uint64_t i = 0; i < n; i++)
		if (EVP_PKEY_derive_init(ctx) != 1 || EVP_PKEY_derive_set_peer(ctx, ossl_xpeer) != 1 ||
		    EVP_PKEY_derive(ctx, shared, &len) != 1)
			bench_die("OpenSSL X25519 failed", 0);
	EVP_PKEY_CTX_free(ctx);
	sink ^= shared[0];
}

static void ours_argon(void *c, uint64_t n)
{
	struct zos_argon2_params p = { ARGON_T, ARGON_KIB, 1, 0, 0, 0, 0 };

	(void)c;
	for (uint64_t i = 0; i < n; i++)
		if (zos_argon2id(out64, 32, "password", 8, salt, sizeof salt, &p, argon_mem,
				 zos_argon2id_memory_bytes(ARGON_KIB, 1)) != 0)
			bench_die("our Argon2id failed", 0);
}

static void sod_argon(void *c, uint64_t n)
{
	(void)c;
	for (uint64_t i = 0; i < n; i++)
		if (crypto_pwhash(out64, 32, "password", 8, salt, ARGON_T, (size_t)ARGON_KIB * 1024,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
			bench_die("libsodium Argon2id failed", 0);
}

static void ours_blake(void *c, uint64_t n)
{
	(void)c;
	for (uint64_t i = 0; i < n; i++)
		zos_blake2b(out64, 64, buf1k, sizeof buf1k, 0, 0);
	sink ^= out64[0];
}

static void sod_blake(void *c, uint64_t n)
{
	(void)c;
	for (uint64_t i = 0; i < n; i++)
		crypto_generichash(out64, 64, buf1k, sizeof buf1k, NULL, 0);
	sink ^= out64[0];
}

static void setup(void)
{
	uint8_t peer_secret[32];

	if (sodium_init() < 0)
		bench_die("libsodium did not initialise", 0);
	for (int i = 0; i < 32; i++) {
		seed[i] = (uint8_t)(i * 13 + 1);
		peer_secret[i] = (uint8_t)(i * 7 + 3);
	}
	for (int i = 0; i < 64; i++)
		msg[i] = (uint8_t)i;
	for (int i = 0; i < 1024; i++)
		buf1k[i] = (uint8_t)(i * 5);
	zos_ed25519_keypair(pk, sk, seed);
	zos_ed25519_sign(sig, msg, sizeof msg, sk);
	zos_x25519_base(peer, peer_secret);
	argon_mem = malloc(zos_argon2id_memory_bytes(ARGON_KIB, 1));
	ossl_ed = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	ossl_x = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, seed, 32);
	ossl_xpeer = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer, 32);
	if (!argon_mem || !ossl_ed || !ossl_x || !ossl_xpeer)
		bench_die("setup failed", 0);
}

enum { SIGN, SOD_SIGN, OSSL_SIGN, VER, SOD_VER, OSSL_VER, X, SOD_X, OSSL_X, ARG, SOD_ARG, BL, SOD_BL, NCASES };

int main(int argc, char **argv)
{
	struct bench_case cs[NCASES] = {
		[SIGN] = { ours_sign }, [SOD_SIGN] = { sod_sign }, [OSSL_SIGN] = { ossl_sign },
		[VER] = { ours_verify }, [SOD_VER] = { sod_verify }, [OSSL_VER] = { ossl_verify },
		[X] = { ours_x25519 }, [SOD_X] = { sod_x25519 }, [OSSL_X] = { ossl_x25519 },
		[ARG] = { ours_argon, 0, 0, 2 }, [SOD_ARG] = { sod_argon, 0, 0, 2 },
		[BL] = { ours_blake }, [SOD_BL] = { sod_blake },
	};
	static struct bench_series t[NCASES];

	if (argc > 1) {
		printf("usage: %s\nTimes Ed25519, X25519, Argon2id and BLAKE2b next to libsodium and "
		       "OpenSSL; prints ratios.\n",
		       argv[0]);
		return strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	setup();
	bench_title("crypto_ec: Ed25519, X25519, Argon2id, BLAKE2b vs libsodium and OpenSSL");
	bench_rounds(cs, NCASES, t);
	bench_table_header();
	bench_row("Ed25519 sign, 64-byte message", &t[SIGN], "libsodium", &t[SOD_SIGN], "op");
	bench_row("", &t[SIGN], "OpenSSL", &t[OSSL_SIGN], "op");
	bench_row("Ed25519 verify, 64-byte message", &t[VER], "libsodium", &t[SOD_VER], "op");
	bench_row("", &t[VER], "OpenSSL", &t[OSSL_VER], "op");
	bench_row("X25519 shared secret", &t[X], "libsodium", &t[SOD_X], "op");
	bench_row("", &t[X], "OpenSSL", &t[OSSL_X], "op");
	bench_row("Argon2id t=3, 4 MiB, 1 lane", &t[ARG], "libsodium", &t[SOD_ARG], "hash");
	bench_row("BLAKE2b-512 of 1 KiB", &t[BL], "libsodium", &t[SOD_BL], "hash");
	free(argon_mem);
	EVP_PKEY_free(ossl_ed);
	EVP_PKEY_free(ossl_x);
	EVP_PKEY_free(ossl_xpeer);
	return 0;
}
