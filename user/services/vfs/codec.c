/*
 * The filesystem's records on the storage device, and their keys. Keys
 * carry inode numbers and chunk indexes as fixed-width hex, so a LIST by
 * prefix returns chunks in order. Records are little-endian, versioned
 * and exactly sized; a record that does not decode is damage, never
 * trusted.
 *
 *   /vfs/meta               "ZVFS", u32 version, u64 next inode number
 *   /vfs/e<path>            u8 version, u8 type, u32 listing chunk, u64 ino
 *   /vfs/i/<ino>            u8 version, u8 type, u16 mode, u32 entries,
 *                           u32 listing chunks, u64 ino, u64 parent,
 *                           u64 size, i64 created, i64 modified,
 *                           u8 owner length, the owner
 *   /vfs/c/<ino>/<n>        file bytes [n * VFS_CHUNK, ...)
 *   /vfs/l/<ino>/<k>        listing records: u64 ino, u8 type, u8 name
 *                           length, the name
 */
#include "vfs_service.h"

#include "lib/bytes.h"
#include "lib/mem.h"

#define RECORD_VERSION 1
#define META_VERSION 1
#define ENTRY_SIZE 14
#define META_SIZE 16

static char *put_hex(char *p, uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";

	for (int i = digits - 1; i >= 0; i--)
		p[i] = hex[v & 15], v >>= 4;
	return p + digits;
}

void vfs_key_entry(char *key, const char *path)
{
	size_t n = zos_strlen(path);

	zos_memcpy(key, "/vfs/e", 6);
	zos_memcpy(key + 6, path, n + 1);
}

static void key_numbered(char *key, char kind, uint64_t ino, int with_index, uint32_t index)
{
	char *p = key;

	zos_memcpy(p, "/vfs/", 5);
	p[5] = kind;
	p[6] = '/';
	p = put_hex(p + 7, ino, 16);
	if (with_index) {
		*p++ = '/';
		p = put_hex(p, index, 8);
	}
	*p = 0;
}

void vfs_key_inode(char *key, uint64_t ino)
{
	key_numbered(key, 'i', ino, 0, 0);
}

void vfs_key_chunk(char *key, uint64_t ino, uint32_t n)
{
	key_numbered(key, 'c', ino, 1, n);
}

void vfs_key_listing(char *key, uint64_t ino, uint32_t k)
{
	key_numbered(key, 'l', ino, 1, k);
}

uint32_t vfs_chunks_of(uint64_t size)
{
	return (uint32_t)((size + VFS_CHUNK - 1) / VFS_CHUNK);
}

uint32_t vfs_inode_encode(const struct vfs_inode *in, uint8_t *out, uint32_t cap)
{
	struct zos_wbuf w;
	size_t olen = zos_strnlen(in->owner, VFS_OWNER_MAX);

	zos_wbuf_init(&w, out, cap);
	zos_put_u8(&w, RECORD_VERSION);
	zos_put_u8(&w, in->type);
	zos_put_u16(&w, in->mode);
	zos_put_u32(&w, in->entries);
	zos_put_u32(&w, in->lchunks);
	zos_put_u64(&w, in->ino);
	zos_put_u64(&w, in->parent);
	zos_put_u64(&w, in->size);
	zos_put_u64(&w, (uint64_t)in->created);
	zos_put_u64(&w, (uint64_t)in->modified);
	zos_put_u8(&w, (uint8_t)olen);
	zos_put_bytes(&w, in->owner, olen);
	return w.err ? 0 : (uint32_t)w.len;
}

int vfs_inode_decode(const uint8_t *p, uint32_t len, struct vfs_inode *in)
{
	struct zos_rbuf r;
	uint8_t olen;

	zos_memset(in, 0, sizeof *in);
	zos_rbuf_init(&r, p, len);
	if (zos_get_u8(&r) != RECORD_VERSION)
		return VFS_E_DAMAGED;
	in->type = zos_get_u8(&r);
	in->mode = zos_get_u16(&r);
	in->entries = zos_get_u32(&r);
	in->lchunks = zos_get_u32(&r);
	in->ino = zos_get_u64(&r);
	in->parent = zos_get_u64(&r);
	in->size = zos_get_u64(&r);
	in->created = (int64_t)zos_get_u64(&r);
	in->modified = (int64_t)zos_get_u64(&r);
	olen = zos_get_u8(&r);
	if (r.err || olen > VFS_OWNER_MAX || zos_rbuf_left(&r) != olen ||
	    (in->type != ZOS_VFS_FILE && in->type != ZOS_VFS_DIR) || in->mode > 0777 ||
	    (in->type == ZOS_VFS_DIR && in->size != 0) || in->size > ZOS_VFS_FILE_MAX)
		return VFS_E_DAMAGED;
	zos_get_bytes(&r, in->owner, olen);
	in->owner[olen] = 0;
	return VFS_OK;
}

uint32_t vfs_entry_encode(const struct vfs_entry *e, uint8_t *out)
{
	struct zos_wbuf w;

	zos_wbuf_init(&w, out, ENTRY_SIZE);
	zos_put_u8(&w, RECORD_VERSION);
	zos_put_u8(&w, e->type);
	zos_put_u32(&w, e->lchunk);
	zos_put_u64(&w, e->ino);
	return ENTRY_SIZE;
}

int vfs_entry_decode(const uint8_t *p, uint32_t len, struct vfs_entry *e)
{
	struct zos_rbuf r;

	zos_rbuf_init(&r, p, len);
	if (len != ENTRY_SIZE || zos_get_u8(&r) != RECORD_VERSION)
		return VFS_E_DAMAGED;
	e->type = zos_get_u8(&r);
	e->lchunk = zos_get_u32(&r);
	e->ino = zos_get_u64(&r);
	if (e->type != ZOS_VFS_FILE && e->type != ZOS_VFS_DIR)
		return VFS_E_DAMAGED;
	return VFS_OK;
}

uint32_t vfs_meta_encode(const struct vfs_meta *m, uint8_t *out)
{
	struct zos_wbuf w;

	zos_wbuf_init(&w, out, META_SIZE);
	zos_put_bytes(&w, "ZVFS", 4);
	zos_put_u32(&w, META_VERSION);
	zos_put_u64(&w, m->next_ino);
	return META_SIZE;
}

int vfs_meta_decode(const uint8_t *p, uint32_t len, struct vfs_meta *m)
{
	struct zos_rbuf r;
	char magic[4];

	zos_rbuf_init(&r, p, len);
	if (len != META_SIZE)
		return VFS_E_DAMAGED;
	zos_get_bytes(&r, magic, 4);
	if (zos_memcmp(magic, "ZVFS", 4) || zos_get_u32(&r) != META_VERSION)
		return VFS_E_DAMAGED;
	m->next_ino = zos_get_u64(&r);
	return m->next_ino > VFS_ROOT_INO ? VFS_OK : VFS_E_DAMAGED;
}

int vfs_listing_next(const uint8_t *chunk, uint32_t len, uint32_t *pos, uint64_t *ino,
		     uint8_t *type, const char **name, uint32_t *name_len)
{
	uint32_t p = *pos;

	if (p == len)
		return 0;
	if (len - p < VFS_LREC_HEAD || len - p - VFS_LREC_HEAD < chunk[p + 9] || chunk[p + 9] == 0)
		return -1;
	*ino = zos_le64(chunk + p);
	*type = chunk[p + 8];
	*name_len = chunk[p + 9];
	*name = (const char *)chunk + p + VFS_LREC_HEAD;
	*pos = p + VFS_LREC_HEAD + chunk[p + 9];
	return 1;
}
