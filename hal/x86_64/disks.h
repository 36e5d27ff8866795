/*
 * Zero OS's data on x86_64: the system disk (virtio serial "zos-system":
 * the CommitLog region and the VFS storage region) and the keystore disk
 * (serial "zos-keys", one key-value region), found at boot, formatted when
 * blank, opened with their stores (lib/blockstore/).
 *
 * Either disk may be missing: then its device answers NOT_SUPPORTED and
 * the console says so; without a system disk the log stays in memory and
 * nothing persists. A disk whose superblock is damaged or foreign is never
 * written: it is left alone with a console line saying what to do.
 */
#ifndef ZOS_X86_DISKS_H
#define ZOS_X86_DISKS_H

#include <stdint.h>

#include "lib/blockstore/disk.h"
#include "lib/blockstore/kv.h"
#include "axiom/commitlog.h"
#include "lib/blockstore/logstore.h"

#define DISKS_SYSTEM_SERIAL "zos-system"
#define DISKS_KEYS_SERIAL "zos-keys"
#define DISKS_LOG_MEM (64u * 1024u)
/* Index sizes: VFS keeps a few records per file or directory; the
 * keystore a few per user. */
#define DISKS_STORAGE_KEYS (64u * 1024u)
#define DISKS_STORAGE_KEY_BYTES (8ull << 20)
#define DISKS_KEYSTORE_KEYS 4096u
#define DISKS_KEYSTORE_KEY_BYTES (512ull << 10)

struct x86_disks {
	struct bs_disk system, keys;
	struct bs_log log;
	struct bs_kv storage, keystore;
	int have_log, have_storage, have_keystore;
};

/* Finds and opens what is there, printing one line per disk. Never fails
 * the boot: what cannot be opened is left out (have_* = 0). */
void disks_open(struct x86_disks *d);
/* The whole CommitLog as it is on the disk into a fresh kalloc'd buffer
 * (*data, *len bytes; *cap is what to kfree). ZOS_OK or an error. */
int disks_read_log(struct x86_disks *d, uint8_t **data, uint64_t *len, uint64_t *cap);
/* The sink Axiom writes the disk's CommitLog through, the anchor of its
 * durable head kept in the log region's control record. */
struct log_sink disks_log_sink(struct x86_disks *d);

#endif
