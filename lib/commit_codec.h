/*
 * The canonical binary encoding of a commit: one encoding for hashing, for
 * disk and for the inspector, byte-identical on every target.
 *
 *   off  size  field
 *     0     2  type (enum zos_commit_type)
 *     2     2  payload length P
 *     4     8  seq
 *    12     8  timestamp (ns)
 *    20     8  caused_by (SysLog event id, 0 = none)
 *    28    32  previous commit's hash (zeros before Genesis)
 *    60     P  payload: the type's fields in declaration order, little-endian,
 *              strings as a u8 length then exactly that many bytes
 *  60+P    32  hash = SHA-256("zos.commit.v1\0" || bytes [0, 60+P))
 *
 * Decoding is strict: an unknown type, a length out of range or a payload
 * with bytes left over is ZOS_ERR_CORRUPT, so each commit has exactly one
 * encoding. docs/commit-format.md lists every payload.
 *
 * It lives in lib/ because both sides of the syscall line read commits:
 * Axiom writes and verifies the log with it, the log inspector and the
 * shell's `log` decode what they are given. It needs only the ABI's
 * zos_commit_t (include/zos/commit.h), SHA-256 and the byte reader.
 */
#ifndef ZOS_LIB_COMMIT_CODEC_H
#define ZOS_LIB_COMMIT_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include <zos/commit.h>

#define ZOS_COMMIT_HEADER_SIZE 60
#define ZOS_COMMIT_MAX_ENCODED 256
#define ZOS_COMMIT_DOMAIN "zos.commit.v1"

/* Encodes c (including c->hash as stored) into out. Returns the length, or
 * a negative error if out is too small. */
int commit_encode(const zos_commit_t *c, uint8_t *out, size_t cap);
/* Decodes exactly len bytes. Does not check the hash (see commit_hash). */
int commit_decode(const uint8_t *in, size_t len, zos_commit_t *c);
/* The hash c should carry, computed from its other fields. */
void commit_hash(const zos_commit_t *c, uint8_t out[ZOS_HASH_SIZE]);
/* Encodes c and hashes those same bytes in one pass: sets c->hash and
 * writes the whole encoding to out. Returns the length or an error. */
int commit_seal(zos_commit_t *c, uint8_t *out, size_t cap);
/* Whether an encoded commit carries the right hash over its own bytes.
 * Decoding is strict (one encoding per commit), so this equals checking
 * commit_hash of the decoded commit, without encoding it again. */
int commit_bytes_hash_ok(const uint8_t *in, size_t len);

#endif
