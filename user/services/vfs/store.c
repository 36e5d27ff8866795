/*
 * The storage device, as VFS uses it: single reads, existence and prefix
 * lists, and the batch: every change an operation makes, collected and
 * then written by one STORAGE_BATCH_WRITE, which the device applies as
 * one transaction. A batch that grew too large or that the device
 * refused leaves the device as it was.
 */
#include "vfs_service.h"

#include "lib/bytes.h"
#include "lib/kv_batch.h"
#include "lib/mem.h"

static struct zos_msg result;
static uint8_t batch[VFS_BATCH_MAX];
static uint32_t batch_len, batch_count;
static int batch_overflow;

static const uint8_t *result_data(uint32_t *len)
{
	*len = result.h.size - (uint32_t)sizeof(struct zos_device_result);
	return result.body + sizeof(struct zos_device_result);
}

int vfs_store_get(const char *key, void *out, uint32_t cap, uint32_t *len)
{
	int64_t kind = zos_kv(ZOS_SYS_STORAGE_READ, ZOS_SLOT_DEVICE, key, (uint32_t)zos_strlen(key),
			      0, 0, &result);
	const uint8_t *data;
	uint32_t n;

	if (kind == ZOS_STORAGE_RES_NOT_FOUND)
		return VFS_E_NOENT;
	if (kind != ZOS_STORAGE_RES_READ_OK || result.h.size < sizeof(struct zos_device_result))
		return VFS_E_IO;
	data = result_data(&n);
	if (n > cap)
		return VFS_E_DAMAGED; /* larger than any record we write */
	zos_memcpy(out, data, n);
	*len = n;
	return VFS_OK;
}

int vfs_store_exists(const char *key)
{
	int64_t kind = zos_kv(ZOS_SYS_STORAGE_EXISTS, ZOS_SLOT_DEVICE, key,
			      (uint32_t)zos_strlen(key), 0, 0, &result);

	if (kind != ZOS_STORAGE_RES_EXISTS_OK)
		return -1;
	return ((const struct zos_device_result *)result.body)->exists ? 1 : 0;
}

int vfs_store_list(const char *prefix, void (*each)(const char *, uint32_t, void *), void *ctx,
		   int *truncated)
{
	int64_t kind = zos_kv(ZOS_SYS_STORAGE_LIST, ZOS_SLOT_DEVICE, prefix,
			      (uint32_t)zos_strlen(prefix), 0, 0, &result);
	const uint8_t *data;
	uint32_t n, count, pos = 4;

	if (kind != ZOS_STORAGE_RES_LIST_OK)
		return VFS_E_IO;
	data = result_data(&n);
	if (n < 4)
		return VFS_E_IO;
	count = zos_le32(data);
	*truncated = ((const struct zos_device_result *)result.body)->truncated;
	for (uint32_t i = 0; i < count && pos + 2 <= n; i++) {
		uint32_t kl = (uint32_t)data[pos] | (uint32_t)data[pos + 1] << 8;
		if (pos + 2 + kl > n)
			break;
		each((const char *)data + pos + 2, kl, ctx);
		pos += 2 + kl;
	}
	return VFS_OK;
}

void vfs_batch_begin(void)
{
	batch_len = 4;
	batch_count = 0;
	batch_overflow = 0;
}

/* One entry in the device's batch encoding (lib/kv_batch.h). */
static void add(uint8_t op, const char *key, const void *value, uint32_t len)
{
	uint32_t klen = (uint32_t)zos_strlen(key);
	struct zos_wbuf w;

	if (batch_overflow || KV_BATCH_ENTRY_OVERHEAD + klen + len > VFS_BATCH_MAX - batch_len) {
		batch_overflow = 1;
		return;
	}
	zos_wbuf_init(&w, batch + batch_len, VFS_BATCH_MAX - batch_len);
	kv_batch_put(&w, op, key, klen, value, len);
	batch_len += (uint32_t)w.len;
	batch_count++;
}

void vfs_batch_put(const char *key, const void *value, uint32_t len)
{
	add(ZOS_KV_BATCH_WRITE, key, value, len);
}

void vfs_batch_del(const char *key)
{
	add(ZOS_KV_BATCH_DELETE, key, 0, 0);
}

int vfs_batch_commit(void)
{
	int64_t kind;

	vfs_cache_drop(); /* whatever happens, the device may have changed */
	if (batch_overflow)
		return VFS_E_TOOBIG;
	if (batch_count == 0)
		return VFS_OK;
	zos_st32(batch, batch_count);
	/* Durable here: when the device answers WRITE_OK, the whole batch is
	 * one committed SQLite transaction; anything else changed nothing. */
	kind = zos_kv(ZOS_SYS_STORAGE_BATCH_WRITE, ZOS_SLOT_DEVICE, batch, batch_len, 0, 0, &result);
	return kind == ZOS_STORAGE_RES_WRITE_OK ? VFS_OK : VFS_E_IO;
}

void vfs_batch_inode(const struct vfs_inode *in)
{
	char key[VFS_KEY_MAX];
	uint8_t rec[128];
	uint32_t n = vfs_inode_encode(in, rec, sizeof rec);

	vfs_key_inode(key, in->ino);
	if (n == 0)
		batch_overflow = 1;
	else
		vfs_batch_put(key, rec, n);
}

void vfs_batch_entry(const char *path, const struct vfs_entry *e)
{
	char key[VFS_KEY_MAX];
	uint8_t rec[32];

	vfs_key_entry(key, path);
	vfs_batch_put(key, rec, vfs_entry_encode(e, rec));
}

void vfs_batch_meta(const struct vfs_meta *m)
{
	uint8_t rec[32];

	vfs_batch_put(VFS_KEY_META, rec, vfs_meta_encode(m, rec));
}
