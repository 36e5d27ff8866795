/*
 * Argon2id (RFC 9106), version 0x13: a memory-hard password hash.
 *
 * The memory (m_kib KiB, rounded down to a multiple of 4 * lanes, at least
 * 8 * lanes) comes from the caller: mem must hold
 * zos_argon2id_memory_bytes(m_kib, lanes) bytes, 1 KiB blocks, aligned for
 * uint64_t. Nothing is allocated. Lanes are computed one after another (the
 * output is the same as a parallel run's). The memory is wiped before
 * returning, since it is full of password-derived blocks.
 *
 * Timing: Argon2id reads memory at addresses derived from the password
 * after its first half pass, by design (RFC 9106 section 3.4.1.3); it is
 * therefore not constant time, and is not in the valgrind check.
 */
#ifndef ZOS_LIB_CRYPTO_ARGON2_H
#define ZOS_LIB_CRYPTO_ARGON2_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_ARGON2_BLOCK_BYTES 1024
#define ZOS_ARGON2_MAX_LANES 255

struct zos_argon2_params {
	uint32_t t_cost; /* passes, >= 1 */
	uint32_t m_kib;  /* memory in KiB, >= 8 * lanes */
	uint32_t lanes;  /* parallelism, 1..255 */
	const void *secret; /* K, optional (0 / 0) */
	size_t secret_len;
	const void *ad;     /* X, associated data, optional */
	size_t ad_len;
};

/* Bytes of memory Argon2id needs for these settings (0 if they are invalid). */
size_t zos_argon2id_memory_bytes(uint32_t m_kib, uint32_t lanes);

/*
 * out[0..outlen) = Argon2id(pwd, salt) with params. Returns ZOS_OK, or
 * ZOS_ERR_INVALID_ARGUMENT for outlen < 4, salt shorter than 8 bytes,
 * t_cost 0, lanes outside 1..255, m_kib under 8 * lanes, or inputs longer
 * than 2^32 - 1; ZOS_ERR_BUFFER_TOO_SMALL when memlen is short.
 */
int zos_argon2id(uint8_t *out, uint32_t outlen, const void *pwd, size_t pwd_len, const void *salt,
		 size_t salt_len, const struct zos_argon2_params *params, void *mem, size_t memlen);

#endif
