/*
 * One limit on both platforms: every request at a device limit of
 * <zos/param.h>, and one byte past it (tests/support/kv_limits.h), given
 * to the hosted SQLite store and to the x86_64 block store the way each
 * platform's device_request gives it (hal/hosted/devices.c: kv_call_decode
 * then kv_submit, the result shaped by kv_result_body; hal/x86_64/
 * platform.c: kv_call_decode then bs_kv_device_request, on records of
 * BS_KV_RECORD_MAX as hal/x86_64/disks.c configures them). Both must give
 * the same answer: the syscall's error past a limit, the same result kind
 * within it; and a value written at the limit must read back whole from
 * both. A LIST cut at one result must be cut at the same key.
 */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>
#include <zos/syscall.h>

#include "hal/hosted/kvstore.h"
#include "harness.h"
#include "lib/blockstore/kv.h"
#include "lib/blockstore/kv_device.h"
#include "lib/kv_request.h"
#include "support/kv_limits.h"
#include "support/memdev.h"

#define HDR ((uint32_t)sizeof(struct zos_device_result))

/* The two stores under test. */
struct both {
	char dir[64];
	struct kvstore *sql;
	struct memdev md;
	struct bs_disk disk;
	const struct bs_region *region;
	struct bs_kv bs;
	void *bs_mem;
};

/* One platform's answer: the syscall's result (an error, or 0 when the
 * request was taken) and the result message's body. */
struct answer {
	int err;
	uint32_t len;
	uint8_t body[ZOS_MSG_MAX];
};

static int both_open(struct both *b)
{
	static const struct bs_layout one = { 1, { { BS_REGION_KV, "storage", 0 } } };
	size_t mem = bs_kv_mem_size(BS_KV_RECORD_MAX, 1024, 1024 * 64);
	struct bs_kv_config cfg = { 0, mem, BS_KV_RECORD_MAX, 1024 };
	char path[128], why[512];

	memset(b, 0, sizeof *b);
	snprintf(b->dir, sizeof b->dir, "/tmp/zos-kvlimits-XXXXXX");
	if (!mkdtemp(b->dir))
		return 0;
	snprintf(path, sizeof path, "%s/storage.db", b->dir);
	b->sql = kv_open(path, why, sizeof why);
	if (!b->sql)
		harness_fail(__FILE__, __LINE__, "kv_open: %s", why);
	cfg.mem = b->bs_mem = malloc(mem);
	return b->sql && cfg.mem && memdev_init(&b->md, 16384, 5) == ZOS_OK &&
	       bs_disk_open(&b->disk, &b->md.dev, &one, 0x4C31) == ZOS_OK &&
	       bs_disk_find(&b->disk, "storage", BS_REGION_KV, &b->region) == ZOS_OK &&
	       bs_kv_open(&b->bs, b->region, &cfg) == ZOS_OK;
}

static void both_close(struct both *b)
{
	static const char *const files[] = { "storage.db", "storage.db-wal", "storage.db-shm" };
	char path[160];

	kv_close(b->sql);
	memdev_free(&b->md);
	free(b->bs_mem);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", b->dir, files[i]);
		unlink(path);
	}
	rmdir(b->dir);
}

/* The hosted platform's path (hal/hosted/devices.c), waited for. */
static void ask_hosted(struct both *b, const zos_syscall_t *sc, struct answer *a)
{
	static uint32_t id = 1;
	struct kv_call c;
	struct kv_request rq;
	struct kv_result res;

	a->len = 0;
	a->err = kv_call_decode(sc, &c);
	if (a->err)
		return;
	rq = (struct kv_request){ id, id, c.op, c.key, c.key_len, c.value, c.value_len };
	id++;
	a->err = kv_submit(b->sql, &rq);
	if (a->err)
		return;
	for (int waited = 0; !kv_take(b->sql, &res); waited++) {
		struct pollfd p = { kv_event_fd(b->sql), POLLIN, 0 };
		if (waited == 100) {
			harness_fail(__FILE__, __LINE__, "no result from the hosted store");
			return;
		}
		poll(&p, 1, 100);
	}
	a->len = kv_result_body(a->body, (uint32_t)res.cookie, res.kind, res.exists, res.truncated, res.data,
				res.data_len);
	kv_result_free(&res);
}

/* The x86_64 platform's path (hal/x86_64/platform.c). */
static void ask_x86(struct both *b, const zos_syscall_t *sc, struct answer *a)
{
	struct kv_call c;

	a->len = 0;
	a->err = kv_call_decode(sc, &c);
	if (a->err)
		return;
	a->len = bs_kv_device_request(&b->bs, sc->num, 1, sc->in, sc->in_len, a->body, sizeof a->body);
}

/* Asks both; 1 when they agree (the same error, or the same result kind,
 * flags and data), and the hosted answer in *a. */
static int ask_both(struct both *b, uint32_t num, const uint8_t *in, uint32_t len, struct answer *a,
		    const char *what)
{
	static struct answer x;
	zos_syscall_t sc = { .num = num, .in = in, .in_len = len };

	ask_hosted(b, &sc, a);
	ask_x86(b, &sc, &x);
	if (a->err != x.err || (!a->err && (a->len < HDR || x.len < HDR))) {
		harness_fail(__FILE__, __LINE__, "%s: hosted %d, x86_64 %d", what, a->err, x.err);
		return 0;
	}
	if (!a->err && (memcmp(a->body + 4, x.body + 4, 3) != 0 ||
			(a->body[4] != ZOS_STORAGE_RES_ERROR &&
			 (a->len != x.len || memcmp(a->body + HDR, x.body + HDR, a->len - HDR) != 0)))) {
		harness_fail(__FILE__, __LINE__, "%s: hosted kind %u (%u bytes), x86_64 kind %u (%u bytes)", what,
			     a->body[4], a->len, x.body[4], x.len);
		return 0;
	}
	return 1;
}

static void test_every_limit_same_answer(void)
{
	static uint8_t in[KV_LIMIT_INPUT_MAX];
	struct kv_limit_case lc;
	struct answer a;
	struct both b;

	if (!both_open(&b)) {
		CHECK(0);
		both_close(&b);
		return;
	}
	for (uint32_t i = 0; i < KV_LIMIT_CASES; i++) {
		char what[96];

		kv_limit_case(i, in, &lc);
		snprintf(what, sizeof what, "%s%s", lc.what, lc.within ? "" : " + 1");
		if (!ask_both(&b, lc.num, in, lc.len, &a, what))
			continue;
		if (lc.within && a.err)
			harness_fail(__FILE__, __LINE__, "%s: refused (%d)", what, a.err);
		if (!lc.within && a.err != ZOS_ERR_INVALID_ARGUMENT)
			harness_fail(__FILE__, __LINE__, "%s: %d, want INVALID_ARGUMENT", what, a.err);
		if (lc.within && lc.num != ZOS_SYS_STORAGE_READ && lc.num != ZOS_SYS_STORAGE_LIST &&
		    a.body[4] != ZOS_STORAGE_RES_WRITE_OK)
			harness_fail(__FILE__, __LINE__, "%s: kind %u, want WRITE_OK", what, a.body[4]);
	}
	/* The value written at the limit reads back whole, from both. */
	kv_limit_case(0, in, &lc);
	ask_both(&b, ZOS_SYS_STORAGE_READ, in + 4, 11, &a, "READ of the value at the limit");
	CHECK(a.body[4] == ZOS_STORAGE_RES_READ_OK && a.len == ZOS_MSG_MAX);
	CHECK_EQ(a.len - HDR, ZOS_KV_VALUE_MAX);
	ask_both(&b, ZOS_SYS_STORAGE_READ, (const uint8_t *)"b00000", 6, &a, "READ from the largest batch");
	CHECK(a.body[4] == ZOS_STORAGE_RES_READ_OK && a.len == HDR + 2048);
	both_close(&b);
}

/* Keys so long that four fill one LIST result to its last byte: a fifth
 * matching key is cut off, on both, at the same place. */
static void test_list_cut_at_one_result(void)
{
	static uint8_t in[8192];
	const uint32_t klen = 1019, fit = (ZOS_KV_RESULT_DATA_MAX - 4) / (2 + klen);
	struct answer a;
	struct both b;

	CHECK_EQ(4 + fit * (2 + klen), ZOS_KV_RESULT_DATA_MAX);
	if (!both_open(&b)) {
		CHECK(0);
		both_close(&b);
		return;
	}
	for (uint32_t i = 0; i <= fit; i++) {
		memcpy(in, &klen, 4);
		memset(in + 4, 'a' + (int)i, klen);
		memcpy(in + 4, "L/", 2);
		ask_both(&b, ZOS_SYS_STORAGE_WRITE, in, 4 + klen + 1, &a, "WRITE of a long key");
		ask_both(&b, ZOS_SYS_STORAGE_LIST, (const uint8_t *)"L/", 2, &a, "LIST");
		CHECK(a.body[4] == ZOS_STORAGE_RES_LIST_OK && a.body[6] == (i == fit));
		CHECK_EQ(zos_le32(a.body + HDR), i < fit ? i + 1 : fit);
	}
	both_close(&b);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_every_limit_same_answer);
	RUN(test_list_cut_at_one_result);
	return harness_finish("hosted/kv_limits");
}
