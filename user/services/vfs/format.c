/*
 * The root and the standard tree of a fresh system. At every start VFS
 * reads its record (/vfs/meta); on a device without one it makes the root
 * directory and the record in one batch, then every directory of the
 * standard tree that is missing, each in its own batch. A crash between
 * two of those steps leaves a consistent filesystem that lacks some of
 * the tree, and the next start makes the rest.
 */
#include "vfs_service.h"

#include "lib/mem.h"

static const struct {
	const char *path;
	uint16_t mode;
} tree[] = {
	{ "/system", 0644 }, { "/system/settings", 0644 }, { "/system/config", 0644 },
	{ "/home", 0644 },   { "/apps", 0644 },            { "/tmp", 0666 },
};

/* The filesystem acting for itself: sees everything, owns the tree. */
static const struct vfs_client system_client = { .used = 1, .root = 1, .name = "system" };

static int make_root(int64_t now)
{
	struct vfs_inode root;
	struct vfs_entry e;

	zos_memset(&root, 0, sizeof root);
	root.ino = root.parent = VFS_ROOT_INO;
	root.type = ZOS_VFS_DIR;
	root.mode = 0644;
	root.created = root.modified = now;
	zos_strlcpy(root.owner, "system", sizeof root.owner);
	e.ino = VFS_ROOT_INO;
	e.type = ZOS_VFS_DIR;
	e.lchunk = 0;
	vfs_meta.next_ino = VFS_ROOT_INO + 1;
	vfs_batch_begin();
	vfs_batch_inode(&root);
	vfs_batch_entry("/", &e);
	vfs_batch_meta(&vfs_meta);
	return vfs_batch_commit();
}

int vfs_format(int64_t now)
{
	uint8_t rec[32];
	uint32_t n;
	struct vfs_op op;
	int st = vfs_store_get(VFS_KEY_META, rec, sizeof rec, &n);

	if (st == VFS_OK)
		st = vfs_meta_decode(rec, n, &vfs_meta);
	else if (st == VFS_E_NOENT)
		st = make_root(now);
	if (st != VFS_OK)
		return st;
	zos_memset(&op, 0, sizeof op);
	op.who = &system_client;
	op.now = now;
	/* the tree is made in order and none of it can be removed: when its
	 * last directory is there, all of it is (one lookup at each start) */
	{
		struct vfs_entry e;
		struct vfs_inode in;
		const char *last = tree[sizeof tree / sizeof tree[0] - 1].path;
		if (vfs_lookup(&op, last, &e, &in) == VFS_OK && in.type == ZOS_VFS_DIR)
			return VFS_OK;
	}
	for (uint32_t i = 0; i < sizeof tree / sizeof tree[0]; i++) {
		struct vfs_meta saved = vfs_meta;
		st = vfs_mkdir(&op, tree[i].path, 1, tree[i].mode);
		if (st != VFS_OK) {
			vfs_meta = saved;
			return st;
		}
	}
	return VFS_OK;
}

int vfs_make_home(const char *name, int64_t now)
{
	char path[ZOS_VFS_PATH_MAX + 1];
	struct vfs_client owner;
	struct vfs_op op;
	struct vfs_meta saved = vfs_meta;
	size_t n = zos_strlen(name);
	int st;

	if (!vfs_name_valid(name, n) || n + 6 > ZOS_VFS_PATH_MAX)
		return VFS_E_INVALID;
	zos_memcpy(path, "/apps/", 6);
	zos_memcpy(path + 6, name, n + 1);
	zos_memset(&owner, 0, sizeof owner);
	owner.used = owner.root = 1; /* VFS acts; the app owns the result */
	zos_strlcpy(owner.name, name, sizeof owner.name);
	zos_memset(&op, 0, sizeof op);
	op.who = &owner;
	op.now = now;
	st = vfs_mkdir(&op, path, 1, 0644);
	if (st != VFS_OK)
		vfs_meta = saved;
	return st;
}
