/*
 * zos-disk: makes and inspects Zero OS disk images (lib/blockstore), the
 * disks the x86_64 platform keeps its CommitLog, files and keys on.
 *
 *   zos-disk format IMAGE system|keystore [SIZE] [--force]
 *   zos-disk info IMAGE          regions, sizes, keys, log length
 *   zos-disk check IMAGE         read everything back; exit 1 if damaged
 *   zos-disk log IMAGE OUT       copy the CommitLog out (for zos-log)
 *
 * info, check and log never write to the image. Exit status: 0 fine,
 * 1 the disk is damaged (or refused), 2 usage or I/O error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <zos/error.h>

#include "axiom/anchor.h"
#include "axiom/frame.h"
#include "axiom/replay.h"
#include "hal/hosted/blockfile.h"
#include "lib/blockstore/disk.h"
#include "lib/blockstore/kv.h"
#include "lib/blockstore/logstore.h"

#define KV_MAX_KEYS (256u * 1024u)
#define KV_KEY_BYTES (16ull << 20)
#define LOG_MEM (256u * BLOCKDEV_SECTOR)
#define DEFAULT_SIZE (64ull << 20)

static void usage(FILE *f)
{
	fprintf(f, "usage: zos-disk format IMAGE system|keystore [SIZE] [--force]\n"
		   "       zos-disk info IMAGE\n"
		   "       zos-disk check IMAGE\n"
		   "       zos-disk log IMAGE OUT\n"
		   "\n"
		   "format  makes IMAGE a Zero OS disk: 'system' holds the CommitLog and the\n"
		   "        VFS storage, 'keystore' the keys. A missing IMAGE is created with\n"
		   "        SIZE bytes (K, M or G suffix; default 64M). A disk that already\n"
		   "        has a superblock, or holds anything else, is only overwritten\n"
		   "        with --force.\n"
		   "info    the regions, and for each its contents: log length and\n"
		   "        records; keys, live bytes, space used, generation.\n"
		   "check   reads every log sector, record frame and value back; exit 1\n"
		   "        if anything is damaged.\n"
		   "log     writes the CommitLog's bytes to OUT (zos-log verify OUT).\n");
}

static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	uint64_t mul = 1;

	if (end == s)
		return -1;
	if (*end == 'K' || *end == 'k')
		mul = 1ull << 10;
	else if (*end == 'M' || *end == 'm')
		mul = 1ull << 20;
	else if (*end == 'G' || *end == 'g')
		mul = 1ull << 30;
	else if (*end != 0)
		return -1;
	if (mul > 1 && end[1] != 0)
		return -1;
	*out = v * mul;
	return *out >= 64 * BLOCKDEV_SECTOR && *out % BLOCKDEV_SECTOR == 0 ? 0 : -1;
}

static int open_image(struct blockfile *bf, const char *path, int writable, uint64_t create)
{
	int ret = blockfile_open(bf, path, writable, create);

	if (ret == ZOS_ERR_INVALID_ARGUMENT)
		fprintf(stderr, "zos-disk: %s: not a whole number of 512-byte sectors\n", path);
	else if (ret != ZOS_OK)
		fprintf(stderr, "zos-disk: %s: %s\n", path, strerror(errno));
	return ret;
}

static int cmd_format(int argc, char **argv)
{
	uint64_t size = DEFAULT_SIZE, nonce;
	int force = 0, ret;
	struct bs_layout layout;
	struct blockfile bf;
	struct bs_disk d;
	const char *kind = 0, *path = 0;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0)
			force = 1;
		else if (!path)
			path = argv[i];
		else if (!kind)
			kind = argv[i];
		else if (parse_size(argv[i], &size) != 0) {
			fprintf(stderr, "zos-disk: bad size '%s' (at least 32K, whole sectors)\n", argv[i]);
			return 2;
		}
	}
	if (!path || !kind || (strcmp(kind, "system") && strcmp(kind, "keystore"))) {
		usage(stderr);
		return 2;
	}
	if (open_image(&bf, path, 1, size / BLOCKDEV_SECTOR) != ZOS_OK)
		return 2;
	if (strcmp(kind, "system") == 0)
		bs_layout_system(&layout, bf.dev.sectors);
	else
		bs_layout_keystore(&layout);
	ret = bs_disk_open(&d, &bf.dev, 0, 0);
	if (!force && ret != ZOS_ERR_NOT_FOUND) {
		fprintf(stderr, "zos-disk: %s %s; --force to overwrite it\n", path,
			ret == ZOS_OK ? "is already a Zero OS disk" : "holds something else (or a damaged disk)");
		blockfile_close(&bf);
		return 1;
	}
	if (getrandom(&nonce, sizeof nonce, 0) != sizeof nonce) {
		fprintf(stderr, "zos-disk: no random numbers: %s\n", strerror(errno));
		blockfile_close(&bf);
		return 2;
	}
	ret = bs_disk_format(&d, &bf.dev, &layout, nonce);
	blockfile_close(&bf);
	if (ret != ZOS_OK) {
		fprintf(stderr, "zos-disk: cannot format %s: %s\n", path, zos_error_message(ret));
		return 2;
	}
	printf("%s: Zero OS %s disk, %llu sectors\n", path, kind, (unsigned long long)d.sectors);
	return 0;
}

/* Frames in the log: complete records, and how it ends. */
static const char *frame_walk(const uint8_t *p, size_t n, uint64_t *records)
{
	size_t pos = 0;
	const uint8_t *rec;
	uint32_t len;
	enum frame_status st;

	*records = 0;
	while ((st = frame_next(p, n, &pos, &rec, &len)) == FRAME_OK)
		(*records)++;
	return st == FRAME_END ? "ends cleanly" : st == FRAME_TORN ? "torn last record (cut at next boot)" : "CORRUPT record";
}

/* The log against the anchor of its durable head (axiom/anchor.h, kept in
 * the region's control record): 1 when it lost or changed what was made
 * durable. */
static int check_anchor(const struct bs_log *log, const uint8_t *all, size_t len)
{
	uint8_t slots[ZOS_ANCHOR_SLOTS][ZOS_ANCHOR_SLOT_SIZE];
	struct replay_report rep;
	struct log_anchor a;
	int have;

	memset(slots, 0, sizeof slots);
	bs_log_anchor(log, slots[0]);
	have = anchor_pick((const uint8_t(*)[ZOS_ANCHOR_SLOT_SIZE])slots, &a);
	if (have == ZOS_ERR_NOT_FOUND) {
		printf("  anchor: none yet (a disk from before anchors, or nothing made durable)\n");
		return 0;
	}
	if (have != ZOS_OK) {
		printf("  anchor: CORRUPT (it does not check out)\n");
		return 1;
	}
	replay_records_probe(0, all, len, a.seq, &rep);
	if (anchor_check(&a, &rep) != ZOS_OK) {
		printf("  anchor: seq %llu; the log is CORRUPT at seq %llu: %s\n", (unsigned long long)a.seq,
		       (unsigned long long)rep.bad_seq, rep.reason);
		return 1;
	}
	printf("  anchor: seq %llu, reached and held\n", (unsigned long long)a.seq);
	return 0;
}

/* Reads the whole log: 0 fine, 1 damaged, 2 I/O. With out, writes it. */
static int show_log(const struct bs_region *r, FILE *out)
{
	static uint8_t mem[LOG_MEM];
	struct bs_log log;
	uint8_t *all;
	uint64_t records;
	const char *how;
	int ret = bs_log_open(&log, r, mem, sizeof mem), bad;

	if (ret != ZOS_OK) {
		printf("  log: cannot open: %s\n", zos_error_message(ret));
		return 1;
	}
	all = malloc(log.size ? log.size : 1);
	if (!all)
		return 2;
	ret = bs_log_read(&log, 0, all, log.size);
	if (ret != ZOS_OK) {
		printf("  log: unreadable: %s\n", zos_error_message(ret));
		free(all);
		return 1;
	}
	how = frame_walk(all, log.size, &records);
	bad = strncmp(how, "CORRUPT", 7) == 0;
	if (!out)
		printf("  log: %llu bytes of %llu, %llu records, %s; epoch %llu\n",
		       (unsigned long long)log.size, (unsigned long long)bs_log_capacity(&log),
		       (unsigned long long)records, how, (unsigned long long)log.ctl.epoch);
	if (!out && !bad)
		bad = check_anchor(&log, all, log.size);
	if (out && fwrite(all, 1, log.size, out) != log.size)
		ret = ZOS_ERR_IO;
	free(all);
	return ret != ZOS_OK ? 2 : bad;
}

struct reader {
	struct bs_kv *kv;
	uint8_t *value;
	uint64_t values;
	int bad;
};

static int read_one(void *ctx, uint32_t node)
{
	struct reader *rd = ctx;
	const struct bs_node *n = &rd->kv->ix.node[node];
	uint32_t len = 0;

	if (bs_kv_read(rd->kv, bs_index_key(&rd->kv->ix, node), n->key_len, rd->value, BS_KV_RECORD_MAX, &len) !=
	    ZOS_OK)
		rd->bad = 1;
	rd->values++;
	return 0;
}

static int show_kv(const struct bs_region *r, int check)
{
	size_t size = bs_kv_mem_size(BS_KV_RECORD_MAX, KV_MAX_KEYS, KV_KEY_BYTES);
	struct bs_kv_config cfg = { malloc(size), size, BS_KV_RECORD_MAX, KV_MAX_KEYS };
	struct reader rd = { 0, malloc(BS_KV_RECORD_MAX), 0, 0 };
	struct bs_kv kv;
	struct bs_kv_info info;
	int ret;

	if (!cfg.mem || !rd.value) {
		free(cfg.mem);
		free(rd.value);
		return 2;
	}
	ret = bs_kv_open(&kv, r, &cfg);
	if (ret == ZOS_OK) {
		bs_kv_info(&kv, &info);
		printf("  kv: %u keys, %llu bytes live; %llu of %llu sectors used in this half; "
		       "generation %u, epoch %llu, %llu records\n",
		       info.keys, (unsigned long long)info.live_bytes, (unsigned long long)info.used_sectors,
		       (unsigned long long)info.half_sectors, info.generation, (unsigned long long)info.epoch,
		       (unsigned long long)kv.records);
		if (check) {
			rd.kv = &kv;
			bs_index_walk(&kv.ix, 0, 0, read_one, &rd);
			printf("  kv: %llu values read back%s\n", (unsigned long long)rd.values,
			       rd.bad ? ", SOME UNREADABLE" : "");
		}
	} else {
		printf("  kv: cannot open: %s\n", zos_error_message(ret));
	}
	free(cfg.mem);
	free(rd.value);
	return ret != ZOS_OK || rd.bad;
}

static int cmd_show(const char *path, int check, const char *log_out)
{
	struct blockfile bf;
	struct bs_disk d;
	int ret, worst = 0;
	FILE *out = 0;

	if (open_image(&bf, path, 0, 0) != ZOS_OK)
		return 2;
	ret = bs_disk_open(&d, &bf.dev, 0, 0);
	if (ret != ZOS_OK) {
		printf("%s: %s\n", path, ret == ZOS_ERR_NOT_FOUND ? "blank (not formatted yet)" :
				      "not a Zero OS disk, or its superblock is damaged");
		blockfile_close(&bf);
		return 1;
	}
	if (!log_out)
		printf("%s: Zero OS disk v%u, %llu sectors (%llu MiB), nonce %016llx, %u of 2 superblock copies good\n",
		       path, BS_DISK_VERSION, (unsigned long long)d.sectors,
		       (unsigned long long)(d.sectors * BLOCKDEV_SECTOR >> 20), (unsigned long long)d.nonce,
		       d.copies_ok);
	for (uint32_t i = 0; i < d.count; i++) {
		const struct bs_region *r = &d.region[i];
		int res;
		if (log_out) {
			if (r->kind != BS_REGION_LOG)
				continue;
			out = fopen(log_out, "wb");
			if (!out) {
				fprintf(stderr, "zos-disk: %s: %s\n", log_out, strerror(errno));
				blockfile_close(&bf);
				return 2;
			}
			res = show_log(r, out);
			if (fclose(out) != 0)
				res = 2;
			blockfile_close(&bf);
			return res;
		}
		printf("region %u \"%s\": %s, sectors %llu..%llu (%llu KiB)\n", i, r->label,
		       r->kind == BS_REGION_LOG ? "CommitLog" : "key-value store", (unsigned long long)r->start,
		       (unsigned long long)(r->start + r->sectors - 1),
		       (unsigned long long)(r->sectors * BLOCKDEV_SECTOR >> 10));
		res = r->kind == BS_REGION_LOG ? show_log(r, 0) : show_kv(r, check);
		if (res > worst)
			worst = res;
	}
	blockfile_close(&bf);
	if (log_out) {
		fprintf(stderr, "zos-disk: %s has no CommitLog region\n", path);
		return 1;
	}
	if (check)
		printf("%s\n", worst == 0 ? "check: ok" : "check: DAMAGED");
	return worst;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "format") == 0)
		return cmd_format(argc - 2, argv + 2);
	if (argc == 3 && strcmp(argv[1], "info") == 0)
		return cmd_show(argv[2], 0, 0);
	if (argc == 3 && strcmp(argv[1], "check") == 0)
		return cmd_show(argv[2], 1, 0);
	if (argc == 4 && strcmp(argv[1], "log") == 0)
		return cmd_show(argv[2], 0, argv[3]);
	usage(stderr);
	return 2;
}
