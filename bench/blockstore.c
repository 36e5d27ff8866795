/*
 * blockstore: the x86_64 platform's key-value store (lib/blockstore/kv.h)
 * on a disk image file, fdatasync as its flush (hal/hosted/blockfile),
 * beside SQLite set up like the hosted storage device (WAL,
 * synchronous=FULL, one table) on the same file system, in the same rounds.
 *
 * Writes are durable ones: each returns after its flush (SQLite: after the
 * commit), cycling over 1,000 keys so that the store overwrites and
 * compacts as it would under VFS (halves of 4 MiB, 2 MiB live). The cases: a 100-byte value, a 2 KiB
 * value (a VFS data chunk), a batch of sixteen 2 KiB values (one VFS file
 * write) against one SQLite transaction of the same sixteen rows, and a
 * 2 KiB read (page cache on both sides), and a reopen (what a boot does:
 * the scan and the index rebuilt) beside opening the database and walking
 * its keys. Ratios are time(ours) /
 * time(SQLite): above 1 ours is slower.
 */
#define _GNU_SOURCE
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zos/abi.h>
#include <zos/error.h>

#include "bench.h"
#include "hal/hosted/blockfile.h"
#include "lib/blockstore/kv.h"
#include "lib/bytes.h"

#define KEYS 1000u
#define BATCH 16u
#define CHUNK 2048u
#define DISK_BYTES (8ull << 20) /* halves of 4 MiB for 2 MiB of live data: it compacts */

struct sides {
	struct bs_kv kv;
	sqlite3 *db;
	sqlite3_stmt *put, *get;
	uint32_t next;     /* the key the next write goes to */
	uint8_t value[CHUNK];
	uint8_t batch[4 + BATCH * (7 + 16 + CHUNK)];
	uint32_t batch_len;
	uint8_t out[CHUNK];
};

static struct sides s;
static void *kv_mem;
static size_t kv_mem_size;
static const struct bs_region *kv_region;
static char db_path[512];

static uint32_t key(uint32_t i, char *k)
{
	return (uint32_t)sprintf(k, "/vfs/c/%08x", i % KEYS);
}

static void ours_write(uint32_t size, uint64_t iters)
{
	char k[32];

	for (uint64_t i = 0; i < iters; i++)
		if (bs_kv_write(&s.kv, (const uint8_t *)k, key(s.next++, k), s.value, size) != ZOS_OK)
			bench_die("blockstore write failed", s.kv.failed);
}

static void sql_put(const char *k, uint32_t kn, uint32_t size)
{
	sqlite3_bind_blob(s.put, 1, k, (int)kn, SQLITE_STATIC);
	sqlite3_bind_blob(s.put, 2, s.value, (int)size, SQLITE_STATIC);
	if (sqlite3_step(s.put) != SQLITE_DONE)
		bench_die("SQLite write failed", sqlite3_errcode(s.db));
	sqlite3_reset(s.put);
}

static void sql_write(uint32_t size, uint64_t iters)
{
	char k[32];

	for (uint64_t i = 0; i < iters; i++) {
		uint32_t kn = key(s.next++, k);
		sql_put(k, kn, size);
	}
}

static void ours_small(void *ctx, uint64_t n) { (void)ctx; ours_write(100, n); }
static void ours_chunk(void *ctx, uint64_t n) { (void)ctx; ours_write(CHUNK, n); }
static void sql_small(void *ctx, uint64_t n) { (void)ctx; sql_write(100, n); }
static void sql_chunk(void *ctx, uint64_t n) { (void)ctx; sql_write(CHUNK, n); }

static void ours_batch(void *ctx, uint64_t iters)
{
	(void)ctx;
	for (uint64_t i = 0; i < iters; i++)
		if (bs_kv_batch(&s.kv, s.batch, s.batch_len) != ZOS_OK)
			bench_die("blockstore batch failed", s.kv.failed);
}

static void sql_batch(void *ctx, uint64_t iters)
{
	char k[32];

	(void)ctx;
	for (uint64_t i = 0; i < iters; i++) {
		sqlite3_exec(s.db, "BEGIN", 0, 0, 0);
		for (uint32_t j = 0; j < BATCH; j++) {
			uint32_t kn = key(j, k);
			sql_put(k, kn, CHUNK);
		}
		if (sqlite3_exec(s.db, "COMMIT", 0, 0, 0) != SQLITE_OK)
			bench_die("SQLite commit failed", sqlite3_errcode(s.db));
	}
}

static void ours_read(void *ctx, uint64_t iters)
{
	char k[32];
	uint32_t len;

	(void)ctx;
	for (uint64_t i = 0; i < iters; i++)
		if (bs_kv_read(&s.kv, (const uint8_t *)k, key((uint32_t)i * 7, k), s.out, sizeof s.out, &len) !=
		    ZOS_OK)
			bench_die("blockstore read failed", (long long)i);
}

static void sql_read(void *ctx, uint64_t iters)
{
	char k[32];

	(void)ctx;
	for (uint64_t i = 0; i < iters; i++) {
		uint32_t kn = key((uint32_t)i * 7, k);
		sqlite3_bind_blob(s.get, 1, k, (int)kn, SQLITE_STATIC);
		if (sqlite3_step(s.get) != SQLITE_ROW)
			bench_die("SQLite read failed", (long long)i);
		memcpy(s.out, sqlite3_column_blob(s.get, 0), (size_t)sqlite3_column_bytes(s.get, 0));
		sqlite3_reset(s.get);
	}
}

/* What a boot does: the store rebuilt from the disk (scan, index). */
static void ours_open(void *ctx, uint64_t iters)
{
	struct bs_kv_config cfg = { kv_mem, kv_mem_size, BS_KV_RECORD_MAX, 4 * KEYS };

	(void)ctx;
	for (uint64_t i = 0; i < iters; i++)
		if (bs_kv_open(&s.kv, kv_region, &cfg) != ZOS_OK || s.kv.ix.count != KEYS)
			bench_die("blockstore reopen failed", (long long)i);
}

/* The nearest SQLite equivalent: open the database, walk every key. */
static void sql_open(void *ctx, uint64_t iters)
{
	(void)ctx;
	for (uint64_t i = 0; i < iters; i++) {
		sqlite3 *db;
		sqlite3_stmt *st;
		uint32_t n = 0;
		if (sqlite3_open(db_path, &db) != SQLITE_OK ||
		    sqlite3_prepare_v2(db, "SELECT key FROM kv", -1, &st, 0) != SQLITE_OK)
			bench_die("SQLite reopen failed", (long long)i);
		while (sqlite3_step(st) == SQLITE_ROW)
			n++;
		sqlite3_finalize(st);
		sqlite3_close(db);
		if (n != KEYS)
			bench_die("SQLite lost keys", n);
	}
}

static void make_batch(void)
{
	struct zos_wbuf w;
	char k[32];

	zos_wbuf_init(&w, s.batch, sizeof s.batch);
	zos_put_u32(&w, BATCH);
	for (uint32_t j = 0; j < BATCH; j++) {
		uint32_t kn = key(j, k);
		kv_batch_put(&w, ZOS_KV_BATCH_WRITE, k, kn, s.value, CHUNK);
	}
	if (w.err)
		bench_die("batch does not fit", w.err);
	s.batch_len = (uint32_t)w.len;
}

static void open_sides(const char *dir, struct blockfile *bf, const struct bs_region **r,
		       struct bs_disk *d)
{
	size_t mem = kv_mem_size = bs_kv_mem_size(BS_KV_RECORD_MAX, 4 * KEYS, 64 * KEYS);
	struct bs_kv_config cfg = { kv_mem = malloc(mem), mem, BS_KV_RECORD_MAX, 4 * KEYS };
	struct bs_layout l;
	char path[512];

	snprintf(path, sizeof path, "%s/disk.img", dir);
	bs_layout_keystore(&l);
	if (!cfg.mem || blockfile_open(bf, path, 1, DISK_BYTES / BLOCKDEV_SECTOR) != ZOS_OK ||
	    bs_disk_open(d, &bf->dev, &l, 0xBE4C) != ZOS_OK ||
	    bs_disk_find(d, BS_LABEL_KEYSTORE, BS_REGION_KV, r) != ZOS_OK || bs_kv_open(&s.kv, *r, &cfg) != ZOS_OK)
		bench_die("cannot set up the block store", 0);
	kv_region = *r;
	snprintf(db_path, sizeof db_path, "%s/baseline.db", dir);
	if (sqlite3_open(db_path, &s.db) != SQLITE_OK ||
	    sqlite3_exec(s.db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			       "CREATE TABLE kv(key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
			 0, 0, 0) != SQLITE_OK ||
	    sqlite3_prepare_v2(s.db, "INSERT OR REPLACE INTO kv VALUES(?1, ?2)", -1, &s.put, 0) != SQLITE_OK ||
	    sqlite3_prepare_v2(s.db, "SELECT value FROM kv WHERE key = ?1", -1, &s.get, 0) != SQLITE_OK)
		bench_die("cannot set up the SQLite baseline", 0);
}

enum { SMALL, SQL_SMALL, CHUNKW, SQL_CHUNK, BAT, SQL_BAT, READ, SQL_READ, OPEN, SQL_OPEN, NCASES };

int main(void)
{
	char dir[] = "/tmp/zos-bench-blockstore.XXXXXX", cmd[600];
	struct blockfile bf;
	struct bs_disk d;
	const struct bs_region *r;
	struct bench_case cs[NCASES] = {
		[SMALL] = { ours_small, 0, 0, 0 },   [SQL_SMALL] = { sql_small, 0, 0, 0 },
		[CHUNKW] = { ours_chunk, 0, 0, 0 },  [SQL_CHUNK] = { sql_chunk, 0, 0, 0 },
		[BAT] = { ours_batch, 0, 0, 0 },     [SQL_BAT] = { sql_batch, 0, 0, 0 },
		[READ] = { ours_read, 0, 0, 0 },     [SQL_READ] = { sql_read, 0, 0, 0 },
		[OPEN] = { ours_open, 0, 0, 0 },     [SQL_OPEN] = { sql_open, 0, 0, 0 },
	};
	struct bench_series t[NCASES];
	struct bs_kv_info info;

	if (!mkdtemp(dir))
		bench_die("cannot make a temporary directory", 0);
	memset(s.value, 0x5a, sizeof s.value);
	make_batch();
	open_sides(dir, &bf, &r, &d);
	/* Every key exists before anything is timed (reads find them). */
	ours_write(CHUNK, KEYS);
	sql_write(CHUNK, KEYS);
	bench_rounds(cs, NCASES, t);
	bs_kv_info(&s.kv, &info);

	bench_title("blockstore: the x86_64 key-value store on a disk image (fdatasync) vs SQLite (WAL, synchronous=FULL)");
	bench_table_header();
	bench_row("durable write, 100 B value", &t[SMALL], "SQLite", &t[SQL_SMALL], "write");
	bench_row("durable write, 2 KiB value", &t[CHUNKW], "SQLite", &t[SQL_CHUNK], "write");
	bench_row("durable batch, 16 x 2 KiB", &t[BAT], "SQLite txn", &t[SQL_BAT], "batch");
	bench_row("read, 2 KiB value (page cache)", &t[READ], "SQLite", &t[SQL_READ], "read");
	bench_row("reopen: scan + index, 1000 keys", &t[OPEN], "SQLite open + all keys", &t[SQL_OPEN], "open");
	bench_note("%.1f MB/s in 2 KiB batches; %llu compactions of the store during the run, %u keys, %llu of %llu sectors in use",
		   (double)BATCH * CHUNK / bench_stat_of(t[BAT].t).med * 1e3,
		   (unsigned long long)s.kv.compactions, info.keys, (unsigned long long)info.used_sectors,
		   (unsigned long long)info.half_sectors);

	sqlite3_finalize(s.put);
	sqlite3_finalize(s.get);
	sqlite3_close(s.db);
	blockfile_close(&bf);
	free(kv_mem);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "blockstore: could not remove %s\n", dir);
	return 0;
}
