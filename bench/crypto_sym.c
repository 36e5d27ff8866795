/*
 * crypto_sym: our hashes, MACs and ciphers next to libsodium and OpenSSL,
 * timed in the same rounds, printed as cost ratios (above 1: ours is
 * slower). The aim is within 2x of libsodium.
 *
 * Rows, each on a 4 KiB message: SHA-256, SHA-512, HMAC-SHA-256 (and on
 * 64 bytes, where the key setup counts), AES-256-GCM encryption on both
 * our paths (AES-NI + PCLMULQDQ when the CPU has them, and the portable
 * constant-time code), ChaCha20. Keys are expanded once outside the timed
 * loop for every library (libsodium's beforenm, one OpenSSL context).
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "lib/crypto/chacha20.h"
#include "lib/crypto/gcm.h"
#include "lib/crypto/hmac.h"
#include "lib/crypto/sha512.h"
#include "lib/sha256.h"

#define MSG 4096

static uint8_t msg[MSG], out[MSG + 64], key[32], iv[12], tag[16];
static struct zos_aes256_gcm g_hw, g_port;
static crypto_aead_aes256gcm_state sod_gcm;
static EVP_CIPHER_CTX *ossl_gcm, *ossl_chacha;
static volatile uint8_t sink;
static int have_hw, have_sod_gcm;

#define CASE(name, body)                              \
	static void name(void *c, uint64_t n)         \
	{                                             \
		(void)c;                              \
		for (uint64_t i = 0; i < n; i++) {    \
			body;                         \
		}                                     \
		sink ^= out[0];                       \
	}

CASE(ours_sha256, zos_sha256(msg, MSG, out))
CASE(sod_sha256, crypto_hash_sha256(out, msg, MSG))
CASE(ossl_sha256, SHA256(msg, MSG, out))
CASE(ours_sha512, zos_sha512(msg, MSG, out))
CASE(sod_sha512, crypto_hash_sha512(out, msg, MSG))
CASE(ossl_sha512, SHA512(msg, MSG, out))
CASE(ours_hmac, zos_hmac_sha256(out, key, 32, msg, MSG))
CASE(sod_hmac, crypto_auth_hmacsha256(out, msg, MSG, key))
CASE(ossl_hmac, HMAC(EVP_sha256(), key, 32, msg, MSG, out, NULL))
CASE(ours_hmac64, zos_hmac_sha256(out, key, 32, msg, 64))
CASE(sod_hmac64, crypto_auth_hmacsha256(out, msg, 64, key))
CASE(ossl_hmac64, HMAC(EVP_sha256(), key, 32, msg, 64, out, NULL))
CASE(ours_gcm_hw, if (zos_aes256_gcm_encrypt(&g_hw, out, tag, msg, MSG, iv, 12, 0, 0)) bench_die("gcm", 0))
CASE(ours_gcm_port, if (zos_aes256_gcm_encrypt(&g_port, out, tag, msg, MSG, iv, 12, 0, 0)) bench_die("gcm", 0))
CASE(sod_gcm_enc, crypto_aead_aes256gcm_encrypt_detached_afternm(out, tag, NULL, msg, MSG, NULL, 0, NULL, iv, &sod_gcm))
CASE(ours_chacha, zos_chacha20_xor(out, msg, MSG, key, iv, 1))
CASE(sod_chacha, crypto_stream_chacha20_ietf_xor_ic(out, msg, MSG, iv, 1, key))

static void ossl_gcm_enc(void *c, uint64_t n)
{
	int len, fin;

	(void)c;
	for (uint64_t i = 0; i < n; i++)
		if (EVP_EncryptInit_ex(ossl_gcm, NULL, NULL, NULL, iv) != 1 ||
		    EVP_EncryptUpdate(ossl_gcm, out, &len, msg, MSG) != 1 ||
		    EVP_EncryptFinal_ex(ossl_gcm, out + len, &fin) != 1 ||
		    EVP_CIPHER_CTX_ctrl(ossl_gcm, EVP_CTRL_GCM_GET_TAG, 16, tag) != 1)
			bench_die("OpenSSL GCM failed", 0);
	sink ^= out[0];
}

static void ossl_chacha_enc(void *c, uint64_t n)
{
	uint8_t civ[16] = { 1, 0, 0, 0 };
	int len;

	(void)c;
	memcpy(civ + 4, iv, 12);
	for (uint64_t i = 0; i < n; i++)
		if (EVP_EncryptInit_ex(ossl_chacha, NULL, NULL, NULL, civ) != 1 ||
		    EVP_EncryptUpdate(ossl_chacha, out, &len, msg, MSG) != 1)
			bench_die("OpenSSL ChaCha20 failed", 0);
	sink ^= out[0];
}

static void setup(void)
{
	if (sodium_init() < 0)
		bench_die("libsodium did not initialise", 0);
	for (int i = 0; i < MSG; i++)
		msg[i] = (uint8_t)(i * 5 + 1);
	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)(i * 13 + 7);
	for (int i = 0; i < 12; i++)
		iv[i] = (uint8_t)(i + 100);
	have_hw = zos_aes256_gcm_hw_available();
	have_sod_gcm = crypto_aead_aes256gcm_is_available();
	zos_aes256_gcm_init(&g_hw, key);
	zos_aes256_gcm_init_portable(&g_port, key);
	if (have_sod_gcm)
		crypto_aead_aes256gcm_beforenm(&sod_gcm, key);
	ossl_gcm = EVP_CIPHER_CTX_new();
	ossl_chacha = EVP_CIPHER_CTX_new();
	if (!ossl_gcm || !ossl_chacha || EVP_EncryptInit_ex(ossl_gcm, EVP_aes_256_gcm(), NULL, key, iv) != 1 ||
	    EVP_EncryptInit_ex(ossl_chacha, EVP_chacha20(), NULL, key, NULL) != 1)
		bench_die("OpenSSL setup failed", 0);
}

enum {
	S256, SOD_S256, OSSL_S256, S512, SOD_S512, OSSL_S512, H, SOD_H, OSSL_H, H64, SOD_H64, OSSL_H64,
	GCM_HW, GCM_PORT, SOD_GCM, OSSL_GCM, CHA, SOD_CHA, OSSL_CHA, NCASES
};

static void mbps(const char *what, const struct bench_series *s)
{
	bench_note("%s: %.0f MB/s", what, (double)MSG / bench_stat_of(s->t).med * 1e3);
}

int main(int argc, char **argv)
{
	struct bench_case cs[NCASES] = {
		[S256] = { ours_sha256 }, [SOD_S256] = { sod_sha256 }, [OSSL_S256] = { ossl_sha256 },
		[S512] = { ours_sha512 }, [SOD_S512] = { sod_sha512 }, [OSSL_S512] = { ossl_sha512 },
		[H] = { ours_hmac }, [SOD_H] = { sod_hmac }, [OSSL_H] = { ossl_hmac },
		[H64] = { ours_hmac64 }, [SOD_H64] = { sod_hmac64 }, [OSSL_H64] = { ossl_hmac64 },
		[GCM_HW] = { ours_gcm_hw }, [GCM_PORT] = { ours_gcm_port },
		[SOD_GCM] = { sod_gcm_enc }, [OSSL_GCM] = { ossl_gcm_enc },
		[CHA] = { ours_chacha }, [SOD_CHA] = { sod_chacha }, [OSSL_CHA] = { ossl_chacha_enc },
	};
	static struct bench_series t[NCASES];
	int n = NCASES;

	if (argc > 1) {
		printf("usage: %s\nTimes SHA-256, SHA-512, HMAC-SHA-256, AES-256-GCM (both paths) and "
		       "ChaCha20 next to libsodium and OpenSSL; prints ratios.\n",
		       argv[0]);
		return strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	setup();
	if (!have_sod_gcm) /* libsodium's AES-GCM needs AES-NI: time it as OpenSSL then */
		cs[SOD_GCM] = cs[OSSL_GCM];
	bench_title("crypto_sym: SHA-2, HMAC, AES-256-GCM, ChaCha20 vs libsodium and OpenSSL (4 KiB messages)");
	printf("AES-256-GCM: AES-NI + PCLMULQDQ path %s; libsodium AES-GCM %s\n",
	       have_hw ? "in use" : "not available (both rows are the portable code)",
	       have_sod_gcm ? "available" : "not available on this CPU");
	bench_rounds(cs, n, t);
	bench_table_header();
	bench_row("SHA-256, 4 KiB", &t[S256], "libsodium", &t[SOD_S256], "op");
	bench_row("", &t[S256], "OpenSSL", &t[OSSL_S256], "op");
	mbps("ours", &t[S256]);
	bench_row("SHA-512, 4 KiB", &t[S512], "libsodium", &t[SOD_S512], "op");
	bench_row("", &t[S512], "OpenSSL", &t[OSSL_S512], "op");
	mbps("ours", &t[S512]);
	bench_row("HMAC-SHA-256, 4 KiB", &t[H], "libsodium", &t[SOD_H], "op");
	bench_row("", &t[H], "OpenSSL", &t[OSSL_H], "op");
	bench_row("HMAC-SHA-256, 64 bytes", &t[H64], "libsodium", &t[SOD_H64], "op");
	bench_row("", &t[H64], "OpenSSL", &t[OSSL_H64], "op");
	bench_row("AES-256-GCM enc, 4 KiB, AES-NI", &t[GCM_HW], have_sod_gcm ? "libsodium" : "OpenSSL",
		  &t[SOD_GCM], "op");
	bench_row("", &t[GCM_HW], "OpenSSL", &t[OSSL_GCM], "op");
	mbps("ours (AES-NI)", &t[GCM_HW]);
	bench_row("AES-256-GCM enc, 4 KiB, portable", &t[GCM_PORT], have_sod_gcm ? "libsodium" : "OpenSSL",
		  &t[SOD_GCM], "op");
	bench_row("", &t[GCM_PORT], "OpenSSL", &t[OSSL_GCM], "op");
	mbps("ours (portable)", &t[GCM_PORT]);
	bench_row("ChaCha20, 4 KiB", &t[CHA], "libsodium", &t[SOD_CHA], "op");
	bench_row("", &t[CHA], "OpenSSL", &t[OSSL_CHA], "op");
	mbps("ours", &t[CHA]);
	zos_aes256_gcm_wipe(&g_hw);
	zos_aes256_gcm_wipe(&g_port);
	EVP_CIPHER_CTX_free(ossl_gcm);
	EVP_CIPHER_CTX_free(ossl_chacha);
	return 0;
}
