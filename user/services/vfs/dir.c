/*
 * Directories. A directory's names live in its listing: chunks of at
 * most VFS_LISTING_MAX bytes of records, a new name going into the last
 * chunk or, when that is full, a new one. A chunk that empties is
 * deleted (a directory with no entries has no chunks); each entry
 * remembers its chunk, so removing a name reads one chunk. Adding or
 * removing a name changes the chunk, the directory's inode and the
 * entry in the same batch.
 */
#include "vfs_service.h"

#include "lib/bytes.h"
#include "lib/mem.h"

#define MAX_DEPTH (ZOS_VFS_PATH_MAX / 2)

static const char *const standard[] = { "/",     "/system", "/system/settings", "/system/config",
					"/home", "/apps",   "/tmp" };

int vfs_is_standard(const char *path)
{
	for (uint32_t i = 0; i < sizeof standard / sizeof standard[0]; i++)
		if (!zos_strcmp(standard[i], path))
			return 1;
	return 0;
}

static uint8_t chunk[VFS_LISTING_MAX];

int vfs_listing_add(struct vfs_op *op, struct vfs_inode *dir, const char *name, uint64_t ino,
		    uint8_t type, uint32_t *lchunk)
{
	char key[VFS_KEY_MAX];
	uint32_t nlen = (uint32_t)zos_strlen(name), len = 0, k = 0;
	int st;

	if (dir->lchunks > 0) {
		k = dir->lchunks - 1;
		vfs_key_listing(key, dir->ino, k);
		st = vfs_store_get(key, chunk, sizeof chunk, &len);
		if (st == VFS_E_NOENT)
			len = 0; /* emptied and deleted: fill it again */
		else if (st != VFS_OK)
			return vfs_fail(op, st, 0);
		if (len + VFS_LREC_HEAD + nlen > VFS_LISTING_MAX) {
			k++;
			len = 0;
		}
	}
	zos_st64(chunk + len, ino);
	chunk[len + 8] = type;
	chunk[len + 9] = (uint8_t)nlen;
	zos_memcpy(chunk + len + VFS_LREC_HEAD, name, nlen);
	len += VFS_LREC_HEAD + nlen;
	vfs_key_listing(key, dir->ino, k);
	vfs_batch_put(key, chunk, len);
	if (k >= dir->lchunks)
		dir->lchunks = k + 1;
	dir->entries++;
	dir->modified = op->now;
	*lchunk = k;
	return VFS_OK;
}

int vfs_listing_remove(struct vfs_op *op, struct vfs_inode *dir, uint32_t k, const char *name)
{
	char key[VFS_KEY_MAX];
	uint32_t len, pos = 0, at, nlen = (uint32_t)zos_strlen(name), rl;
	uint64_t ino;
	uint8_t type;
	const char *rn;
	int st, r;

	vfs_key_listing(key, dir->ino, k);
	st = vfs_store_get(key, chunk, sizeof chunk, &len);
	if (st != VFS_OK)
		return vfs_fail(op, st == VFS_E_NOENT ? VFS_E_DAMAGED : st, 0);
	for (at = 0; (r = vfs_listing_next(chunk, len, &pos, &ino, &type, &rn, &rl)) == 1; at = pos)
		if (rl == nlen && !zos_memcmp(rn, name, nlen))
			break;
	if (r != 1 || dir->entries == 0)
		return vfs_fail(op, VFS_E_DAMAGED, 0); /* the entry's name is not where it says */
	zos_memmove(chunk + at, chunk + pos, len - pos);
	len -= pos - at;
	if (len) {
		vfs_batch_put(key, chunk, len);
	} else {
		vfs_batch_del(key);
		if (k + 1 == dir->lchunks)
			dir->lchunks = k;
	}
	if (--dir->entries == 0)
		dir->lchunks = 0; /* every chunk emptied, so every chunk is gone */
	dir->modified = op->now;
	return VFS_OK;
}

/* The directory at path, for a change inside it. */
static int parent_dir(struct vfs_op *op, const char *parent, struct vfs_entry *pe,
		      struct vfs_inode *pin)
{
	int st = vfs_lookup(op, parent, pe, pin);

	if (st == VFS_E_NOENT)
		return VFS_E_NODIR;
	if (st == VFS_OK && pin->type != ZOS_VFS_DIR)
		return VFS_E_NOTDIR;
	return st;
}

static struct vfs_inode made[MAX_DEPTH];

int vfs_mkdir(struct vfs_op *op, const char *path, int parents, uint16_t mode)
{
	struct vfs_entry e, pe;
	struct vfs_inode in, pin;
	char at[ZOS_VFS_PATH_MAX + 1], parent[ZOS_VFS_PATH_MAX + 1];
	uint32_t cuts[MAX_DEPTH], n = 0, lchunk;
	int st = vfs_lookup(op, path, &e, &in);

	if (st == VFS_OK) {
		if (!parents || in.type != ZOS_VFS_DIR)
			return vfs_fail(op, in.type == ZOS_VFS_DIR ? VFS_E_EXISTS : VFS_E_NOTDIR, path);
		return vfs_may(op, path, 0, 0); /* already there: fine, if visible */
	}
	if (st != VFS_E_NOENT)
		return st;
	/* walk up to the nearest directory that exists; what lies between is made */
	zos_strlcpy(at, path, sizeof at);
	for (;;) {
		cuts[n++] = (uint32_t)zos_strlen(at);
		vfs_path_split(at, parent);
		st = parent_dir(op, parent, &pe, &pin);
		if (st != VFS_E_NODIR || !parents)
			break;
		zos_strlcpy(at, parent, sizeof at);
	}
	if (st != VFS_OK)
		return vfs_fail(op, st, parent);
	st = vfs_may(op, at, &pin, 1);
	if (st != VFS_OK)
		return st;
	vfs_batch_begin();
	for (uint32_t i = n; i-- > 0;) {
		struct vfs_inode *d = &made[i], *up = i + 1 < n ? &made[i + 1] : &pin;
		zos_memcpy(at, path, cuts[i]);
		at[cuts[i]] = 0;
		vfs_inode_new(op, d, ZOS_VFS_DIR, up->ino, mode);
		st = vfs_listing_add(op, up, vfs_path_split(at, parent), d->ino, ZOS_VFS_DIR, &lchunk);
		if (st != VFS_OK)
			return st;
		e.ino = d->ino;
		e.type = ZOS_VFS_DIR;
		e.lchunk = lchunk;
		vfs_batch_entry(at, &e);
		if (up != &pin)
			vfs_batch_inode(up);
	}
	vfs_batch_inode(&made[0]);
	vfs_batch_inode(&pin);
	vfs_batch_meta(&vfs_meta);
	return vfs_fail(op, vfs_batch_commit(), path);
}

int vfs_rmdir(struct vfs_op *op, const char *path)
{
	char parent[ZOS_VFS_PATH_MAX + 1], key[VFS_KEY_MAX];
	struct vfs_entry e, pe;
	struct vfs_inode in, pin;
	const char *name;
	int st;

	if (vfs_is_standard(path))
		return vfs_fail(op, VFS_E_STANDARD, path);
	st = vfs_lookup_as(op, path, ZOS_VFS_DIR, &e, &in);
	if (st != VFS_OK)
		return st;
	name = vfs_path_split(path, parent);
	st = parent_dir(op, parent, &pe, &pin);
	if (st != VFS_OK)
		return vfs_fail(op, st == VFS_E_IO ? st : VFS_E_DAMAGED, path);
	st = vfs_may(op, path, &pin, 1);
	if (st != VFS_OK)
		return st;
	if (in.entries)
		return vfs_fail(op, VFS_E_NOTEMPTY, path);
	vfs_batch_begin();
	st = vfs_listing_remove(op, &pin, e.lchunk, name);
	if (st != VFS_OK)
		return vfs_fail(op, st, path);
	vfs_key_entry(key, path);
	vfs_batch_del(key);
	vfs_key_inode(key, in.ino);
	vfs_batch_del(key);
	vfs_batch_inode(&pin);
	return vfs_fail(op, vfs_batch_commit(), path);
}

int vfs_readdir(struct vfs_op *op, const char *path, int64_t *cursor, vfs_take_chunk take,
		void *ctx)
{
	char key[VFS_KEY_MAX];
	struct vfs_entry e;
	struct vfs_inode in;
	uint32_t len;
	int64_t k = *cursor;
	int st = vfs_lookup_as(op, path, ZOS_VFS_DIR, &e, &in);

	if (st != VFS_OK)
		return st;
	st = vfs_may(op, path, &in, 0);
	if (st != VFS_OK)
		return st;
	for (; k < in.lchunks; k++) {
		vfs_key_listing(key, in.ino, (uint32_t)k);
		st = vfs_store_get(key, chunk, sizeof chunk, &len);
		if (st == VFS_E_NOENT)
			continue; /* emptied */
		if (st != VFS_OK)
			return vfs_fail(op, st, path);
		if (!take(chunk, len, ctx))
			break;
	}
	*cursor = k < in.lchunks ? k : -1;
	return VFS_OK;
}
