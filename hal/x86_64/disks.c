/* The system and keystore disks (see disks.h). */
#include "hal/x86_64/disks.h"

#include "axiom/anchor.h"

#include <zos/error.h>
#include <zos/param.h>

#include "hal/x86_64/drivers/entropy.h"
#include "hal/x86_64/mem/kheap.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/drivers/virtio_blk.h"
#include "lib/mem.h"

_Static_assert(BS_CONTROL_ANCHOR == ZOS_ANCHOR_SLOT_SIZE, "the control record holds one anchor slot");

static int log_anchor(void *ctx, const struct log_anchor *a)
{
	uint8_t blob[BS_CONTROL_ANCHOR];

	anchor_encode(a, blob);
	return bs_log_store_anchor(ctx, blob);
}

/* One slot (the control record's own two slots make its rewrite atomic);
 * all zero: none yet. */
static int log_read_anchor(void *ctx, struct log_anchor *a)
{
	uint8_t slot[ZOS_ANCHOR_SLOT_SIZE];
	int any = 0;

	bs_log_anchor(ctx, slot);
	for (uint32_t i = 0; i < sizeof slot; i++)
		any |= slot[i];
	return any ? anchor_decode(slot, a) : ZOS_ERR_NOT_FOUND;
}

int disks_log_key(struct x86_disks *d, uint8_t seed[32])
{
	static const char name[] = ZOS_LOG_KEY_NAME;
	uint32_t len = 0;
	int err;

	if (!d->have_keystore)
		return ZOS_ERR_NOT_SUPPORTED;
	err = bs_kv_read(&d->keystore, (const uint8_t *)name, sizeof name - 1, seed, 32, &len);
	if (err == ZOS_OK)
		return len == 32 ? ZOS_OK : ZOS_ERR_CORRUPT;
	if (err != ZOS_ERR_NOT_FOUND)
		return err;
	err = entropy_fill(seed, 32);
	if (err == ZOS_OK) /* durable when it returns (lib/blockstore/kv.h) */
		err = bs_kv_write(&d->keystore, (const uint8_t *)name, sizeof name - 1, seed, 32);
	return err;
}

struct log_sink disks_log_sink(struct x86_disks *d)
{
	return (struct log_sink){ .write = bs_log_write, .flush = bs_log_flush,
				  .truncate = bs_log_truncate, .anchor = log_anchor,
				  .read_anchor = log_read_anchor, .ctx = &d->log };
}

/* The disk with this serial, opened (formatted with layout when blank). */
static int open_disk(struct bs_disk *d, const char *serial, const struct bs_layout *layout)
{
	struct blockdev *dev = virtio_blk_find(serial);
	uint64_t nonce;
	int err;

	if (!dev) {
		kprintf("disks: no disk with serial %s\n", serial);
		return ZOS_ERR_NOT_FOUND;
	}
	if (entropy_fill((uint8_t *)&nonce, sizeof nonce) != ZOS_OK)
		return ZOS_ERR_IO;
	err = bs_disk_open(d, dev, layout, nonce);
	if (err == ZOS_ERR_CORRUPT) {
		kprintf("disks: %s holds no Zero OS disk (damaged or foreign superblock); it is left "
			"untouched. To start afresh, replace it with a blank image.\n", serial);
		return err;
	}
	if (err) {
		kprintf("disks: %s cannot be opened: %s\n", serial, zos_error_message(err));
		return err;
	}
	kprintf("disks: %s: %llu MiB%s\n", serial, (unsigned long long)(dev->sectors >> 11),
		d->formatted ? ", blank: formatted for Zero OS" : "");
	return ZOS_OK;
}

static int open_kv(struct bs_kv *kv, const struct bs_disk *d, const char *label, uint32_t max_keys,
		   uint64_t key_bytes)
{
	const struct bs_region *r;
	struct bs_kv_config cfg;
	size_t size = bs_kv_mem_size(BS_KV_RECORD_MAX, max_keys, key_bytes);
	int err = bs_disk_find(d, label, BS_REGION_KV, &r);

	if (err)
		return err;
	cfg = (struct bs_kv_config){ kalloc(size), size, BS_KV_RECORD_MAX, max_keys };
	if (!cfg.mem)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	err = bs_kv_open(kv, r, &cfg);
	if (err) {
		kfree(cfg.mem, size);
		return err;
	}
	return ZOS_OK;
}

static void open_system(struct x86_disks *d)
{
	struct blockdev *dev = virtio_blk_find(DISKS_SYSTEM_SERIAL);
	const struct bs_region *r;
	struct bs_layout layout;
	void *mem;
	int err;

	bs_layout_system(&layout, dev ? dev->sectors : 0);
	if (open_disk(&d->system, DISKS_SYSTEM_SERIAL, &layout) != ZOS_OK)
		return;
	mem = kalloc(DISKS_LOG_MEM);
	err = mem ? bs_disk_find(&d->system, BS_LABEL_LOG, BS_REGION_LOG, &r)
		  : ZOS_ERR_RESOURCE_EXHAUSTED;
	if (!err)
		err = bs_log_open(&d->log, r, mem, DISKS_LOG_MEM);
	if (err)
		kprintf("disks: the CommitLog region cannot be opened: %s\n", zos_error_message(err));
	d->have_log = err == ZOS_OK;
	err = open_kv(&d->storage, &d->system, BS_LABEL_STORAGE, DISKS_STORAGE_KEYS,
		      DISKS_STORAGE_KEY_BYTES);
	if (err)
		kprintf("disks: the storage region cannot be opened: %s\n", zos_error_message(err));
	d->have_storage = err == ZOS_OK;
}

void disks_open(struct x86_disks *d)
{
	struct bs_layout layout;
	int err;

	zos_memset(d, 0, sizeof *d);
	open_system(d);
	bs_layout_keystore(&layout);
	if (open_disk(&d->keys, DISKS_KEYS_SERIAL, &layout) != ZOS_OK)
		return;
	err = open_kv(&d->keystore, &d->keys, BS_LABEL_KEYSTORE, DISKS_KEYSTORE_KEYS,
		      DISKS_KEYSTORE_KEY_BYTES);
	if (err)
		kprintf("disks: the keystore region cannot be opened: %s\n", zos_error_message(err));
	d->have_keystore = err == ZOS_OK;
}

int disks_read_log(struct x86_disks *d, uint8_t **data, uint64_t *len, uint64_t *cap)
{
	uint64_t n = d->log.size;
	int err;

	*data = 0;
	*len = *cap = 0;
	if (!d->have_log)
		return ZOS_ERR_NOT_SUPPORTED;
	if (n == 0)
		return ZOS_OK;
	*data = kalloc(n);
	if (!*data)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	err = bs_log_read(&d->log, 0, *data, n);
	if (err) {
		kfree(*data, n);
		*data = 0;
		return err;
	}
	*len = *cap = n;
	return ZOS_OK;
}
