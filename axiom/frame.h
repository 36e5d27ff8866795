/*
 * On-disk framing of the CommitLog: one record per commit, the same on every
 * platform, so one inspector reads them all.
 *
 *   off  size  field
 *     0     4  magic "ZCR1"
 *     4     4  length L of the encoded commit
 *     8     4  ~L (a flipped length byte is corruption, not a short tail)
 *    12     4  CRC-32C of the encoded commit
 *    16     L  the encoded commit (lib/commit_codec.h)
 *
 * The reader tells a torn tail from corruption. Torn: the file ends inside
 * the last record (a header or body cut short by a power loss), or
 * everything from a record's start to the end of the file is zero bytes (a
 * file system that extended the file before the data reached it). Anything
 * else that does not check out is corruption: a bad magic, a length that
 * disagrees with its check, a CRC mismatch on a complete record.
 */
#ifndef ZOS_AXIOM_FRAME_H
#define ZOS_AXIOM_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_FRAME_MAGIC 0x3152435Au /* "ZCR1" little-endian */
#define ZOS_FRAME_HEADER_SIZE 16

enum frame_status {
	FRAME_OK = 0,      /* a record was read */
	FRAME_END = 1,     /* clean end: pos is exactly the end of the data */
	FRAME_TORN = 2,    /* the data ends inside a record */
	FRAME_CORRUPT = 3, /* a record that cannot be trusted */
};

/* Frames an encoded commit into out. Returns the frame length or an error. */
int frame_write(const uint8_t *rec, uint32_t len, uint8_t *out, size_t cap);
/* Reads the record at *pos. On FRAME_OK sets *rec / *len and advances *pos;
 * on anything else *pos is left at the record's start (where a torn tail
 * is cut off). */
enum frame_status frame_next(const uint8_t *buf, size_t size, size_t *pos, const uint8_t **rec,
			     uint32_t *len);

#endif
