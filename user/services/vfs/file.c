/*
 * Files: WRITE (replace, append, or at an offset), READ, UNLINK.
 *
 * A file's bytes live in chunks of VFS_CHUNK bytes: chunk n holds bytes
 * [n * VFS_CHUNK, min(size, (n + 1) * VFS_CHUNK)), every chunk but the
 * last is full, and there is no chunk past the last. One WRITE moves at
 * most ZOS_VFS_IO_MAX (= VFS_CHUNK) bytes, so it touches at most two
 * chunks; with the inode (and, for a new file, its entry, its name in the
 * parent's listing and the parent's inode) they go in one batch. Files
 * have no holes: an offset past the end is refused.
 */
#include "vfs_service.h"

#include "lib/mem.h"

static uint8_t piece[VFS_CHUNK];

/* Chunk n of a file of `size` bytes, into piece: its length. */
static int chunk_get(struct vfs_op *op, uint64_t ino, uint32_t n, uint64_t size, uint32_t *len)
{
	char key[VFS_KEY_MAX];
	uint64_t want = size - (uint64_t)n * VFS_CHUNK;
	int st;

	if (want > VFS_CHUNK)
		want = VFS_CHUNK;
	vfs_key_chunk(key, ino, n);
	st = vfs_store_get(key, piece, sizeof piece, len);
	if (st == VFS_E_NOENT || (st == VFS_OK && *len != want))
		st = VFS_E_DAMAGED; /* the inode promises this chunk, whole */
	return vfs_fail(op, st, 0);
}

/* Deletes chunks [from, to) of ino into the batch. */
static void chunks_del(uint64_t ino, uint32_t from, uint32_t to)
{
	char key[VFS_KEY_MAX];

	for (uint32_t n = from; n < to; n++) {
		vfs_key_chunk(key, ino, n);
		vfs_batch_del(key);
	}
}

/* Puts data at offset into the file in (its size grows as needed), in the
 * batch; the chunks it only partly covers are read and merged. */
static int put_range(struct vfs_op *op, struct vfs_inode *in, uint64_t offset, const uint8_t *data,
		     uint32_t len)
{
	char key[VFS_KEY_MAX];
	uint64_t end = offset + len, new_size = end > in->size ? end : in->size;

	while (offset < end) {
		uint32_t n = (uint32_t)(offset / VFS_CHUNK), at = (uint32_t)(offset % VFS_CHUNK);
		uint64_t cstart = (uint64_t)n * VFS_CHUNK;
		uint32_t have = 0, clen, take;
		if (cstart < in->size) {
			int st = chunk_get(op, in->ino, n, in->size, &have);
			if (st != VFS_OK)
				return st;
		}
		take = VFS_CHUNK - at;
		if (take > end - offset)
			take = (uint32_t)(end - offset);
		zos_memcpy(piece + at, data, take);
		clen = at + take > have ? at + take : have;
		vfs_key_chunk(key, in->ino, n);
		vfs_batch_put(key, piece, clen);
		offset += take;
		data += take;
	}
	in->size = new_size;
	return VFS_OK;
}

int vfs_write(struct vfs_op *op, const char *path, enum vfs_write_how how, uint64_t offset,
	      const uint8_t *data, uint32_t len, uint16_t mode, uint64_t *size)
{
	char parent[ZOS_VFS_PATH_MAX + 1];
	struct vfs_entry e, pe;
	struct vfs_inode in, pin;
	int st, created = 0;

	if (len > ZOS_VFS_IO_MAX)
		return vfs_fail(op, VFS_E_TOOBIG, path);
	if (!zos_strcmp(path, "/"))
		return vfs_fail(op, VFS_E_ISDIR, path);
	st = vfs_lookup(op, path, &e, &in);
	if (st == VFS_OK) {
		if (in.type != ZOS_VFS_FILE)
			return vfs_fail(op, VFS_E_ISDIR, path);
		st = vfs_may(op, path, &in, 1);
		if (st != VFS_OK)
			return st;
	} else if (st == VFS_E_NOENT) {
		const char *name = vfs_path_split(path, parent);
		st = vfs_lookup_as(op, parent, ZOS_VFS_DIR, &pe, &pin);
		if (st != VFS_OK)
			return st;
		st = vfs_may(op, path, &pin, 1);
		if (st != VFS_OK)
			return st;
		vfs_batch_begin();
		vfs_inode_new(op, &in, ZOS_VFS_FILE, pin.ino, mode);
		st = vfs_listing_add(op, &pin, name, in.ino, ZOS_VFS_FILE, &e.lchunk);
		if (st != VFS_OK)
			return vfs_fail(op, st, path);
		e.ino = in.ino;
		e.type = ZOS_VFS_FILE;
		vfs_batch_entry(path, &e);
		vfs_batch_inode(&pin);
		vfs_batch_meta(&vfs_meta);
		created = 1;
	} else {
		return st;
	}
	if (!created)
		vfs_batch_begin();
	if (how == VFS_APPEND)
		offset = in.size;
	if (how == VFS_REPLACE) {
		chunks_del(in.ino, 0, vfs_chunks_of(in.size));
		in.size = 0;
		offset = 0;
	}
	if (offset > in.size) {
		op->detail = "an offset past the end of the file";
		return vfs_fail(op, VFS_E_INVALID, path);
	}
	if (offset + len > ZOS_VFS_FILE_MAX)
		return vfs_fail(op, VFS_E_TOOBIG, path);
	st = put_range(op, &in, offset, data, len);
	if (st != VFS_OK)
		return vfs_fail(op, st, path);
	in.modified = op->now;
	vfs_batch_inode(&in);
	st = vfs_batch_commit();
	if (st != VFS_OK)
		return vfs_fail(op, st, path);
	vfs_cache_put(path, &e, &in); /* what is on the device now */
	*size = in.size;
	return VFS_OK;
}

int vfs_read(struct vfs_op *op, const char *path, uint64_t offset, uint8_t *out, uint32_t want,
	     uint32_t *got, uint64_t *size)
{
	struct vfs_entry e;
	struct vfs_inode in;
	uint32_t done = 0;
	int st = vfs_lookup_as(op, path, ZOS_VFS_FILE, &e, &in);

	if (st != VFS_OK)
		return st;
	st = vfs_may(op, path, &in, 0);
	if (st != VFS_OK)
		return st;
	if (offset > in.size) {
		op->detail = "an offset past the end of the file";
		return vfs_fail(op, VFS_E_INVALID, path);
	}
	if (want > ZOS_VFS_IO_MAX)
		want = ZOS_VFS_IO_MAX;
	if (want > in.size - offset)
		want = (uint32_t)(in.size - offset);
	while (done < want) {
		uint64_t at = offset + done;
		uint32_t n = (uint32_t)(at / VFS_CHUNK), skip = (uint32_t)(at % VFS_CHUNK), len, take;
		st = chunk_get(op, in.ino, n, in.size, &len);
		if (st != VFS_OK)
			return vfs_fail(op, st, path);
		take = len - skip < want - done ? len - skip : want - done;
		zos_memcpy(out + done, piece + skip, take);
		done += take;
	}
	*got = done;
	*size = in.size;
	return VFS_OK;
}

int vfs_unlink(struct vfs_op *op, const char *path)
{
	char parent[ZOS_VFS_PATH_MAX + 1], key[VFS_KEY_MAX];
	struct vfs_entry e, pe;
	struct vfs_inode in, pin;
	const char *name;
	int st = vfs_lookup_as(op, path, ZOS_VFS_FILE, &e, &in);

	if (st != VFS_OK)
		return st;
	name = vfs_path_split(path, parent);
	st = vfs_lookup(op, parent, &pe, &pin);
	if (st != VFS_OK || pin.type != ZOS_VFS_DIR)
		return vfs_fail(op, st == VFS_E_IO ? st : VFS_E_DAMAGED, path);
	st = vfs_may(op, path, &pin, 1);
	if (st != VFS_OK)
		return st;
	vfs_batch_begin();
	st = vfs_listing_remove(op, &pin, e.lchunk, name);
	if (st != VFS_OK)
		return vfs_fail(op, st, path);
	chunks_del(in.ino, 0, vfs_chunks_of(in.size));
	vfs_key_entry(key, path);
	vfs_batch_del(key);
	vfs_key_inode(key, in.ino);
	vfs_batch_del(key);
	vfs_batch_inode(&pin);
	return vfs_fail(op, vfs_batch_commit(), path);
}
