/*
 * What every operation shares: finding a path's entry and inode, the
 * access check (the caller's namespace, then the mode where it applies),
 * and new inodes. Nothing here writes to the device.
 *
 * The last path looked up is remembered with its entry and inode: a long
 * read or write is many requests on one path. VFS is the device's only
 * writer, and every batch commit forgets it (store.c) before an
 * operation may remember its result again, so it is never stale.
 */
#include "vfs_service.h"

#include "lib/mem.h"

/* The filesystem's record, as on the device (read at start; each batch
 * that allocates inode numbers writes it back). */
struct vfs_meta vfs_meta;

int vfs_fail(struct vfs_op *op, int status, const char *path)
{
	if (path && path != op->where)
		zos_strlcpy(op->where, path, sizeof op->where);
	return status;
}

static struct {
	int valid;
	char path[ZOS_VFS_PATH_MAX + 1];
	struct vfs_entry e;
	struct vfs_inode in;
} last;

void vfs_cache_drop(void)
{
	last.valid = 0;
}

void vfs_cache_put(const char *path, const struct vfs_entry *e, const struct vfs_inode *in)
{
	zos_strlcpy(last.path, path, sizeof last.path);
	last.e = *e;
	last.in = *in;
	last.valid = 1;
}

int vfs_lookup(struct vfs_op *op, const char *path, struct vfs_entry *e, struct vfs_inode *in)
{
	char key[VFS_KEY_MAX];
	uint8_t rec[128];
	uint32_t n;
	int st;

	if (last.valid && in && !zos_strcmp(last.path, path)) {
		*e = last.e;
		*in = last.in;
		return VFS_OK;
	}
	vfs_key_entry(key, path);
	st = vfs_store_get(key, rec, sizeof rec, &n);
	if (st == VFS_OK)
		st = vfs_entry_decode(rec, n, e);
	if (st != VFS_OK || !in)
		return vfs_fail(op, st, path);
	vfs_key_inode(key, e->ino);
	st = vfs_store_get(key, rec, sizeof rec, &n);
	if (st == VFS_E_NOENT)
		st = VFS_E_DAMAGED; /* an entry without its inode */
	if (st == VFS_OK)
		st = vfs_inode_decode(rec, n, in);
	if (st == VFS_OK && (in->ino != e->ino || in->type != e->type))
		st = VFS_E_DAMAGED;
	if (st == VFS_OK)
		vfs_cache_put(path, e, in);
	return vfs_fail(op, st, path);
}

/* The mode bits that apply to the caller: its own files' owner bits, the
 * others' bits for everyone else's. */
static int mode_allows(const struct vfs_client *c, const struct vfs_inode *in, int write)
{
	int own = !zos_strcmp(c->name, in->owner);
	uint16_t bit = write ? (own ? 0200 : 0002) : (own ? 0400 : 0004);

	return (in->mode & bit) != 0;
}

int vfs_may(struct vfs_op *op, const char *path, const struct vfs_inode *in, int write)
{
	int by_default, by_grant;

	vfs_ns_access(op->who, path, &by_default, &by_grant);
	if (by_grant > write)
		return VFS_OK; /* 1 reads, 2 also writes */
	if (by_default && (!in || mode_allows(op->who, in, write)))
		return VFS_OK;
	return vfs_fail(op, by_grant && !by_default ? VFS_E_READONLY : VFS_E_DENIED, path);
}

void vfs_inode_new(struct vfs_op *op, struct vfs_inode *in, uint8_t type, uint64_t parent,
		   uint16_t mode)
{
	zos_memset(in, 0, sizeof *in);
	in->ino = vfs_meta.next_ino++;
	in->parent = parent;
	in->type = type;
	in->mode = mode;
	in->created = in->modified = op->now;
	zos_strlcpy(in->owner, op->who ? op->who->name : "vfs", sizeof in->owner);
}

int vfs_lookup_as(struct vfs_op *op, const char *path, uint8_t type, struct vfs_entry *e,
		  struct vfs_inode *in)
{
	int dir = type == ZOS_VFS_DIR;
	int st = vfs_lookup(op, path, e, in);

	if (st == VFS_E_NOENT)
		return vfs_fail(op, dir ? VFS_E_NODIR : VFS_E_NOFILE, path);
	if (st != VFS_OK)
		return st;
	if (in->type != type)
		return vfs_fail(op, dir ? VFS_E_NOTDIR : VFS_E_ISDIR, path);
	return VFS_OK;
}
