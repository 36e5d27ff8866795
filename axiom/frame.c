/*
 * Record framing and the torn-versus-corrupt reader (format in frame.h).
 */
#include "axiom/frame.h"

#include <zos/error.h>

#include "lib/commit_codec.h"
#include "lib/bytes.h"
#include "lib/crc32c.h"
#include "lib/mem.h"

int frame_write(const uint8_t *rec, uint32_t len, uint8_t *out, size_t cap)
{
	if (len > ZOS_COMMIT_MAX_ENCODED)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (cap < ZOS_FRAME_HEADER_SIZE + (size_t)len)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	zos_st32(out, ZOS_FRAME_MAGIC);
	zos_st32(out + 4, len);
	zos_st32(out + 8, ~len);
	zos_st32(out + 12, zos_crc32c(0, rec, len));
	zos_memcpy(out + ZOS_FRAME_HEADER_SIZE, rec, len);
	return (int)(ZOS_FRAME_HEADER_SIZE + len);
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* The first `n` (< 4) bytes of a header: a cut-short magic, or not. */
static int magic_prefix(const uint8_t *p, size_t n)
{
	uint8_t magic[4];

	zos_st32(magic, ZOS_FRAME_MAGIC);
	return zos_memcmp(p, magic, n < 4 ? n : 4) == 0;
}

enum frame_status frame_next(const uint8_t *buf, size_t size, size_t *pos, const uint8_t **rec,
			     uint32_t *len)
{
	const uint8_t *p = buf + *pos;
	size_t left = size - *pos;
	uint32_t n;

	if (left == 0)
		return FRAME_END;
	if (all_zero(p, left))
		return FRAME_TORN;
	if (left < ZOS_FRAME_HEADER_SIZE)
		return magic_prefix(p, left) ? FRAME_TORN : FRAME_CORRUPT;
	n = zos_le32(p + 4);
	if (zos_le32(p) != ZOS_FRAME_MAGIC || zos_le32(p + 8) != ~n || n > ZOS_COMMIT_MAX_ENCODED)
		return FRAME_CORRUPT;
	if (left < ZOS_FRAME_HEADER_SIZE + (size_t)n)
		return FRAME_TORN;
	if (zos_crc32c(0, p + ZOS_FRAME_HEADER_SIZE, n) != zos_le32(p + 12))
		return FRAME_CORRUPT;
	*rec = p + ZOS_FRAME_HEADER_SIZE;
	*len = n;
	*pos += ZOS_FRAME_HEADER_SIZE + n;
	return FRAME_OK;
}
