/*
 * hal/hosted/kvstore.c: the hosted key-value store on SQLite.
 *
 * Each test makes its own directory with mkdtemp under /tmp, opens its own
 * stores there and removes the directory at the end, so tests share
 * nothing. Results are awaited with poll() on kv_event_fd with a 5 s
 * deadline: a lost result fails the test instead of hanging it.
 *
 * The in-flight bound is tested without any timing: a request counts
 * against ZOS_KV_MAX_PENDING until its result is taken, so holding results
 * undrained fills the store however fast the worker runs.
 *
 * With ZOS_KV_BENCH set in the environment the binary also measures the
 * throughput of small writes and reads and prints it (not a test).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zos/error.h>
#include <zos/msg.h>

#include "hal/hosted/kvstore.h"
#include "harness.h"
#include "lib/bytes.h"
#include "lib/kv_batch.h"
#include "support/kv_limits.h"

#define WAIT_MS 5000

/* ---- scratch directories ------------------------------------------------ */

struct tdir {
	char path[64];
	int ok;
};

static void tdir_make(struct tdir *d)
{
	snprintf(d->path, sizeof d->path, "/tmp/zos-kv-XXXXXX");
	d->ok = mkdtemp(d->path) != 0;
	if (!d->ok)
		harness_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
}

static void tdir_file(const struct tdir *d, const char *name, char *out, size_t cap)
{
	snprintf(out, cap, "%s/%s", d->path, name);
}

/* Removes the files the stores left (db, -wal, -shm) and the directory. */
static void tdir_remove(struct tdir *d)
{
	DIR *dir;
	struct dirent *e;
	char path[320];

	if (!d->ok || !(dir = opendir(d->path)))
		return;
	while ((e = readdir(dir)) != 0) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", d->path, e->d_name);
		if (unlink(path) != 0)
			harness_fail(__FILE__, __LINE__, "unlink %s: %s", path, strerror(errno));
	}
	closedir(dir);
	if (rmdir(d->path) != 0)
		harness_fail(__FILE__, __LINE__, "rmdir %s: %s", d->path, strerror(errno));
	d->ok = 0;
}

static struct kvstore *open_at(const struct tdir *d, const char *name)
{
	char path[128], err[512];
	struct kvstore *kv;

	if (!d->ok)
		return 0;
	tdir_file(d, name, path, sizeof path);
	kv = kv_open(path, err, sizeof err);
	if (!kv)
		harness_fail(__FILE__, __LINE__, "kv_open(%s): %s", path, err);
	return kv;
}

/* ---- requests and results ----------------------------------------------- */

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* 1 when kv's eventfd is readable within ms milliseconds. */
static int readable(struct kvstore *kv, int ms)
{
	struct pollfd p = { kv_event_fd(kv), POLLIN, 0 };
	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

/* The next result, waiting at most WAIT_MS: 1, or 0 after a failure. */
static int wait_result(int line, struct kvstore *kv, struct kv_result *res)
{
	struct timespec start;

	memset(res, 0, sizeof *res);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		long left;
		if (kv_take(kv, res) == 1)
			return 1;
		left = WAIT_MS - elapsed_ms(&start);
		if (left <= 0) {
			harness_fail(__FILE__, line, "no result within %d ms", WAIT_MS);
			return 0;
		}
		readable(kv, (int)left);
	}
}

static int submit(struct kvstore *kv, uint8_t op, const void *key, uint32_t klen, const void *val,
		  uint32_t vlen, uint32_t id, uint64_t cookie)
{
	struct kv_request req = { id, cookie, op, key, klen, val, vlen };
	return kv_submit(kv, &req);
}

/* One request, waited for; checks that id, cookie and op come back. */
static int do_op(int line, struct kvstore *kv, uint8_t op, const void *key, uint32_t klen,
		 const void *val, uint32_t vlen, struct kv_result *res)
{
	static uint32_t next_id = 1;
	uint32_t id = next_id++;
	uint64_t cookie = 0xC0FFEE0000000000ull | id;
	int rc = submit(kv, op, key, klen, val, vlen, id, cookie);

	memset(res, 0, sizeof *res);
	if (rc != ZOS_OK) {
		harness_fail(__FILE__, line, "kv_submit op %u: %d", op, rc);
		return 0;
	}
	if (!wait_result(line, kv, res))
		return 0;
	if (res->id != id || res->cookie != cookie || res->op != op) {
		harness_fail(__FILE__, line, "result echoes id %u cookie %llx op %u", res->id,
			     (unsigned long long)res->cookie, res->op);
		return 0;
	}
	return 1;
}

/* A request expected to end with kind; the result is freed. */
static void expect_kind(int line, struct kvstore *kv, uint8_t op, const void *key, uint32_t klen,
			const void *val, uint32_t vlen, uint8_t kind)
{
	struct kv_result res;
	if (!do_op(line, kv, op, key, klen, val, vlen, &res))
		return;
	if (res.kind != kind)
		harness_fail(__FILE__, line, "op %u: kind %u, want %u (%.*s)", op, res.kind, kind,
			     res.kind == ZOS_STORAGE_RES_ERROR ? (int)res.data_len : 0,
			     res.kind == ZOS_STORAGE_RES_ERROR && res.data ? (const char *)res.data : "");
	kv_result_free(&res);
}

static void put(int line, struct kvstore *kv, const void *k, uint32_t kn, const void *v, uint32_t vn)
{
	expect_kind(line, kv, KV_WRITE, k, kn, v, vn, ZOS_STORAGE_RES_WRITE_OK);
}

/* READ must give exactly v (vn bytes); v == 0 means NOT_FOUND. */
static void expect_value(int line, struct kvstore *kv, const void *k, uint32_t kn, const void *v,
			 uint32_t vn)
{
	struct kv_result res;
	uint8_t want = v ? ZOS_STORAGE_RES_READ_OK : ZOS_STORAGE_RES_NOT_FOUND;

	if (!do_op(line, kv, KV_READ, k, kn, 0, 0, &res))
		return;
	if (res.kind != want)
		harness_fail(__FILE__, line, "read: kind %u, want %u", res.kind, want);
	else if (v && (res.data_len != vn || (vn && memcmp(res.data, v, vn) != 0)))
		harness_fail(__FILE__, line, "read: %u bytes differ from the %u written",
			     res.data_len, vn);
	kv_result_free(&res);
}

static void expect_exists(int line, struct kvstore *kv, const void *k, uint32_t kn, int want)
{
	struct kv_result res;
	if (!do_op(line, kv, KV_EXISTS, k, kn, 0, 0, &res))
		return;
	if (res.kind != ZOS_STORAGE_RES_EXISTS_OK || res.exists != want)
		harness_fail(__FILE__, line, "exists: kind %u exists %u, want %d", res.kind,
			     res.exists, want);
	kv_result_free(&res);
}

/* Nothing was queued: no result waits and the eventfd is quiet. */
static void expect_idle(int line, struct kvstore *kv)
{
	struct kv_result res;
	if (readable(kv, 50))
		harness_fail(__FILE__, line, "eventfd readable with nothing submitted");
	if (kv_take(kv, &res) != 0) {
		harness_fail(__FILE__, line, "a result (id %u) appeared", res.id);
		kv_result_free(&res);
	}
}

/* Byte strings with embedded zeros, written as ("a\0b", 3). */
struct bytes {
	const char *p;
	uint32_t n;
};
#define B(s) { (s), sizeof(s) - 1 }

/* LIST prefix must give exactly want[0..n) in order, not truncated. */
static void expect_list(int line, struct kvstore *kv, struct bytes prefix, const struct bytes *want,
			uint32_t n)
{
	struct kv_result res;
	struct zos_rbuf r;
	uint32_t count;

	if (!do_op(line, kv, KV_LIST, prefix.p, prefix.n, 0, 0, &res))
		return;
	if (res.kind != ZOS_STORAGE_RES_LIST_OK || res.truncated) {
		harness_fail(__FILE__, line, "list: kind %u truncated %u", res.kind, res.truncated);
		goto out;
	}
	zos_rbuf_init(&r, res.data, res.data_len);
	count = zos_get_u32(&r);
	if (count != n)
		harness_fail(__FILE__, line, "list: %u keys, want %u", count, n);
	for (uint32_t i = 0; i < count && i < n; i++) {
		uint16_t len = zos_get_u16(&r);
		const uint8_t *k = r.p + r.pos;
		zos_get_bytes(&r, 0, len);
		if (r.err || len != want[i].n || memcmp(k, want[i].p, len) != 0)
			harness_fail(__FILE__, line, "list: key %u differs from the expected", i);
	}
	if (!r.err && count == n && zos_rbuf_left(&r) != 0)
		harness_fail(__FILE__, line, "list: %zu bytes left over", zos_rbuf_left(&r));
out:
	kv_result_free(&res);
}

/* ---- batches ------------------------------------------------------------ */

struct batch {
	uint8_t *p;
	struct zos_wbuf w;
	uint32_t count;
};

static void batch_init(struct batch *b)
{
	b->p = malloc(ZOS_KV_BATCH_MAX + 2 * ZOS_KV_VALUE_MAX);
	zos_wbuf_init(&b->w, b->p, b->p ? ZOS_KV_BATCH_MAX + 2 * ZOS_KV_VALUE_MAX : 0);
	b->count = 0;
	zos_put_u32(&b->w, 0);
}

static void batch_add(struct batch *b, uint8_t op, const void *k, uint16_t kn, const void *v,
		      uint32_t vn)
{
	kv_batch_put(&b->w, op, k, kn, v, vn);
	b->count++;
	if (b->p)
		zos_st32(b->p, b->count);
}

/* The batch's bytes; 0 (and a failure) if it did not fit the test buffer. */
static const uint8_t *batch_bytes(int line, const struct batch *b)
{
	if (!b->p || b->w.err) {
		harness_fail(__FILE__, line, "test batch buffer too small");
		return 0;
	}
	return b->p;
}

/* ---- round trips ---------------------------------------------------------- */

static void test_write_read_exists_delete(void)
{
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	expect_value(__LINE__, kv, "k", 1, 0, 0);
	expect_exists(__LINE__, kv, "k", 1, 0);
	put(__LINE__, kv, "k", 1, "first", 5);
	expect_value(__LINE__, kv, "k", 1, "first", 5);
	expect_exists(__LINE__, kv, "k", 1, 1);
	put(__LINE__, kv, "k", 1, "second value", 12);
	expect_value(__LINE__, kv, "k", 1, "second value", 12);
	expect_kind(__LINE__, kv, KV_DELETE, "k", 1, 0, 0, ZOS_STORAGE_RES_WRITE_OK);
	expect_value(__LINE__, kv, "k", 1, 0, 0);
	expect_exists(__LINE__, kv, "k", 1, 0);
	/* Deleting what is not there succeeds: the key is absent either way. */
	expect_kind(__LINE__, kv, KV_DELETE, "k", 1, 0, 0, ZOS_STORAGE_RES_WRITE_OK);
	kv_close(kv);
out:
	tdir_remove(&d);
}

static void test_binary_keys_and_values(void)
{
	static const struct bytes keys[] = {
		B("a"), B("a\0"), B("a\0b"), B("\0"), B("\xff"), B("\xff\xfe\0"), B(""),
	};
	uint8_t all[256];
	struct tdir d;
	struct kvstore *kv;

	for (int i = 0; i < 256; i++)
		all[i] = (uint8_t)i;
	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	/* Each key gets a different slice of all, so mix-ups show. */
	for (uint32_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		put(__LINE__, kv, keys[i].p, keys[i].n, all + i, 256 - i);
	for (uint32_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		expect_value(__LINE__, kv, keys[i].p, keys[i].n, all + i, 256 - i);
	/* An empty value is a value, not an absence. */
	put(__LINE__, kv, "empty", 5, 0, 0);
	expect_value(__LINE__, kv, "empty", 5, "", 0);
	expect_exists(__LINE__, kv, "empty", 5, 1);
	expect_value(__LINE__, kv, "a\0c", 3, 0, 0);
	kv_close(kv);
out:
	tdir_remove(&d);
}

static void test_list_prefixes(void)
{
	/* In byte order; '%' and '_' would be wildcards to LIKE. */
	static const struct bytes keys[] = {
		B(""), B("a"), B("a\0"), B("a\0\xff"), B("a%"), B("a_c"), B("ab"), B("abc"),
		B("a\xff"), B("a\xff\xff"), B("a\xff\xff\0"), B("b"), B("\xff"), B("\xff\xff"),
		B("\xff\xff\xff"),
	};
	const uint32_t n = sizeof keys / sizeof keys[0];
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	for (uint32_t i = n; i-- > 0;) /* backwards: the order must come from the store */
		put(__LINE__, kv, keys[i].p, keys[i].n, "v", 1);
	expect_list(__LINE__, kv, (struct bytes)B(""), keys, n);
	expect_list(__LINE__, kv, (struct bytes)B("a"), keys + 1, 10);
	expect_list(__LINE__, kv, (struct bytes)B("a\0"), keys + 2, 2);
	expect_list(__LINE__, kv, (struct bytes)B("a%"), keys + 4, 1);
	expect_list(__LINE__, kv, (struct bytes)B("a_"), keys + 5, 1);
	expect_list(__LINE__, kv, (struct bytes)B("abc"), keys + 7, 1);
	expect_list(__LINE__, kv, (struct bytes)B("a\xff"), keys + 8, 3);
	expect_list(__LINE__, kv, (struct bytes)B("a\xff\xff"), keys + 9, 2);
	expect_list(__LINE__, kv, (struct bytes)B("\xff"), keys + 12, 3);
	expect_list(__LINE__, kv, (struct bytes)B("\xff\xff"), keys + 13, 2);
	expect_list(__LINE__, kv, (struct bytes)B("\xff\xff\xff"), keys + 14, 1);
	expect_list(__LINE__, kv, (struct bytes)B("\xff\xff\xff\xff"), keys, 0);
	expect_list(__LINE__, kv, (struct bytes)B("abcd"), keys, 0);
	expect_list(__LINE__, kv, (struct bytes)B("zz"), keys, 0);
	expect_list(__LINE__, kv, (struct bytes)B("\0"), keys, 0);
	kv_close(kv);
out:
	tdir_remove(&d);
}

/* Keys of the truncation test: "t/%06u" padded with 'p' to LIST_KEY
 * bytes, so that LIST_FIT of them fill one result to the last byte. */
#define LIST_KEY 1019u
#define LIST_FIT ((ZOS_KV_RESULT_DATA_MAX - 4) / (2 + LIST_KEY))
_Static_assert(4 + LIST_FIT * (2 + LIST_KEY) == ZOS_KV_RESULT_DATA_MAX, "the keys fill a result");

static void long_key(uint8_t *k, uint32_t i)
{
	char head[16];
	int n = snprintf(head, sizeof head, "t/%06u", i);
	memset(k, 'p', LIST_KEY);
	memcpy(k, head, (size_t)n);
}

/* Writes (or deletes) keys [from, to) of the truncation test in one batch. */
static void long_keys(struct kvstore *kv, uint8_t op, uint32_t from, uint32_t to)
{
	static uint8_t k[LIST_KEY];
	struct batch b;
	const uint8_t *p;

	batch_init(&b);
	for (uint32_t i = from; i < to; i++) {
		long_key(k, i);
		batch_add(&b, op, k, LIST_KEY, "", 0);
	}
	if ((p = batch_bytes(__LINE__, &b)))
		expect_kind(__LINE__, kv, KV_BATCH, 0, 0, p, (uint32_t)b.w.len,
			    ZOS_STORAGE_RES_WRITE_OK);
	free(b.p);
}

/* LIST "t/" and check it holds keys 0 .. count-1, whole, in order. */
static void expect_long_list(int line, struct kvstore *kv, uint32_t count, uint8_t truncated)
{
	static uint8_t k[LIST_KEY];
	struct kv_result res;
	struct zos_rbuf r;

	if (!do_op(line, kv, KV_LIST, "t/", 2, 0, 0, &res))
		return;
	CHECK_EQ(res.kind, ZOS_STORAGE_RES_LIST_OK);
	CHECK_EQ(res.truncated, truncated);
	CHECK_EQ(res.data_len, 4 + count * (2 + LIST_KEY));
	zos_rbuf_init(&r, res.data, res.data_len);
	CHECK_EQ(zos_get_u32(&r), count);
	for (uint32_t i = 0; i < count && !r.err; i++) {
		long_key(k, i);
		CHECK_EQ(zos_get_u16(&r), LIST_KEY);
		if (!r.err && zos_rbuf_left(&r) >= LIST_KEY)
			CHECK_MEM(r.p + r.pos, k, LIST_KEY);
		zos_get_bytes(&r, 0, LIST_KEY);
	}
	CHECK(!r.err);
	kv_result_free(&res);
}

/* A LIST result is one message's worth (ZOS_KV_RESULT_DATA_MAX), as on
 * every platform: LIST_FIT keys fill it to the last byte; one more
 * matching key, however short, is cut off and said so. */
static void test_list_truncated_at_one_result(void)
{
	struct kv_result res;
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	long_keys(kv, KV_WRITE, 0, 100);
	expect_long_list(__LINE__, kv, LIST_FIT, 1);
	long_keys(kv, KV_DELETE, LIST_FIT, 100);
	expect_long_list(__LINE__, kv, LIST_FIT, 0);
	put(__LINE__, kv, "t/x", 3, "", 0);
	expect_long_list(__LINE__, kv, LIST_FIT, 1);
	/* A narrower prefix fits whole. */
	if (do_op(__LINE__, kv, KV_LIST, "t/000001", 8, 0, 0, &res)) {
		CHECK_EQ(res.kind, ZOS_STORAGE_RES_LIST_OK);
		CHECK_EQ(res.truncated, 0);
		CHECK_EQ(res.data_len, 4 + 2 + LIST_KEY);
		kv_result_free(&res);
	}
	kv_close(kv);
out:
	tdir_remove(&d);
}

/* ---- batches ------------------------------------------------------------ */

static void test_batch_all_visible(void)
{
	struct batch b;
	const uint8_t *p;
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	put(__LINE__, kv, "old", 3, "x", 1);
	batch_init(&b);
	batch_add(&b, KV_WRITE, "k1", 2, "one", 3);
	batch_add(&b, KV_WRITE, "k\0\xff", 3, "\0\xff", 2);
	batch_add(&b, KV_DELETE, "old", 3, 0, 0);
	batch_add(&b, KV_WRITE, "dup", 3, "first", 5);
	batch_add(&b, KV_WRITE, "dup", 3, "last", 4); /* entries apply in order */
	batch_add(&b, KV_WRITE, "empty", 5, 0, 0);
	if ((p = batch_bytes(__LINE__, &b)))
		expect_kind(__LINE__, kv, KV_BATCH, 0, 0, p, (uint32_t)b.w.len,
			    ZOS_STORAGE_RES_WRITE_OK);
	free(b.p);
	expect_value(__LINE__, kv, "k1", 2, "one", 3);
	expect_value(__LINE__, kv, "k\0\xff", 3, "\0\xff", 2);
	expect_value(__LINE__, kv, "old", 3, 0, 0);
	expect_value(__LINE__, kv, "dup", 3, "last", 4);
	expect_value(__LINE__, kv, "empty", 5, "", 0);
	/* An empty batch is a no-op that succeeds. */
	expect_kind(__LINE__, kv, KV_BATCH, 0, 0, "\0\0\0\0", 4, ZOS_STORAGE_RES_WRITE_OK);
	kv_close(kv);
out:
	tdir_remove(&d);
}

/* A good first entry, then `bad`; returns the length, the bytes in b. */
static uint32_t bad_batch(struct batch *b, int bad)
{
	static uint8_t big[ZOS_KV_VALUE_MAX + 1];
	uint32_t len;

	batch_init(b);
	batch_add(b, KV_WRITE, "good", 4, "v", 1);
	switch (bad) {
	case 0: /* an op a batch may not hold */
		batch_add(b, KV_READ, "x", 1, 0, 0);
		break;
	case 1: /* a key over ZOS_KV_KEY_MAX */
		batch_add(b, KV_WRITE, big, ZOS_KV_KEY_MAX + 1, "v", 1);
		break;
	case 2: /* a DELETE carrying a value */
		batch_add(b, KV_DELETE, "x", 1, "v", 1);
		break;
	case 3: /* a value over ZOS_KV_VALUE_MAX */
		batch_add(b, KV_WRITE, "x", 1, big, ZOS_KV_VALUE_MAX + 1);
		break;
	case 10: /* whole, but over ZOS_KV_BATCH_MAX in all */
		while (b->w.len <= ZOS_KV_BATCH_MAX && !b->w.err)
			batch_add(b, KV_WRITE, "x", 1, big, ZOS_KV_VALUE_MAX);
		break;
	}
	len = (uint32_t)b->w.len;
	if (!b->p)
		return len;
	switch (bad) {
	case 4: /* the count promises more entries than there are */
		zos_st32(b->p, 2);
		break;
	case 5: /* bytes after the last entry */
		zos_st32(b->p, 0);
		break;
	case 6: /* the value runs past the end */
		len--;
		break;
	case 7: /* shorter than its count */
		len = 2;
		break;
	case 8: /* a huge count and nothing else */
		zos_st32(b->p, 0xFFFFFFFFu);
		len = 4;
		break;
	case 9: /* a key length that runs past the end */
		b->p[5] = 0xFF;
		b->p[6] = 0x03;
		break;
	}
	return len;
}

static void test_batch_malformed_refused_whole(void)
{
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	for (int bad = 0; bad <= 10; bad++) {
		struct batch b;
		uint32_t len = bad_batch(&b, bad);
		if (b.p) {
			int rc = submit(kv, KV_BATCH, 0, 0, b.p, len, 1, 0);
			if (rc != ZOS_ERR_INVALID_ARGUMENT)
				harness_fail(__FILE__, __LINE__, "bad batch %d: kv_submit %d", bad, rc);
		}
		free(b.p);
	}
	/* Refused at kv_submit: no result, nothing written. */
	expect_idle(__LINE__, kv);
	expect_value(__LINE__, kv, "good", 4, 0, 0);
	expect_list(__LINE__, kv, (struct bytes)B(""), 0, 0);
	kv_close(kv);
out:
	tdir_remove(&d);
}

/* A batch of exactly ZOS_KV_BATCH_MAX bytes is taken whole; one byte
 * more is refused at kv_submit, as on every platform. */
static void test_batch_at_the_limit(void)
{
	static uint8_t in[KV_LIMIT_INPUT_MAX];
	struct tdir d;
	struct kvstore *kv;
	uint32_t n = kv_limit_batch_of(in, ZOS_KV_BATCH_MAX);

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	CHECK_EQ(n, ZOS_KV_BATCH_MAX);
	expect_kind(__LINE__, kv, KV_BATCH, 0, 0, in, n, ZOS_STORAGE_RES_WRITE_OK);
	expect_value(__LINE__, kv, "b00000", 6, in + 4 + 13, 2048);
	CHECK_EQ(kv_limit_batch_of(in, ZOS_KV_BATCH_MAX + 1), ZOS_KV_BATCH_MAX + 1);
	CHECK_EQ(submit(kv, KV_BATCH, 0, 0, in, ZOS_KV_BATCH_MAX + 1, 1, 0), ZOS_ERR_INVALID_ARGUMENT);
	expect_idle(__LINE__, kv);
	kv_close(kv);
out:
	tdir_remove(&d);
}

/* ---- ordering, echo, the bound -------------------------------------------- */

/* Four requests per key, all submitted before any result is taken; each
 * result must reflect the ones before it, ids and cookies echoed. */
static void test_results_in_submission_order(void)
{
	enum { KEYS = 64, PER = 4 };
	static const uint8_t ops[PER] = { KV_WRITE, KV_READ, KV_DELETE, KV_EXISTS };
	static const uint8_t kinds[PER] = { ZOS_STORAGE_RES_WRITE_OK, ZOS_STORAGE_RES_READ_OK,
					    ZOS_STORAGE_RES_WRITE_OK, ZOS_STORAGE_RES_EXISTS_OK };
	struct kv_result res;
	struct tdir d;
	struct kvstore *kv;
	uint8_t key[2];

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	for (uint32_t i = 0; i < KEYS * PER; i++) {
		key[0] = 'k';
		key[1] = (uint8_t)(i / PER);
		CHECK_EQ(submit(kv, ops[i % PER], key, 2, key, 2, 7 * i + 3, ~(uint64_t)i), ZOS_OK);
	}
	for (uint32_t i = 0; i < KEYS * PER; i++) {
		if (!wait_result(__LINE__, kv, &res))
			break;
		CHECK_EQ(res.id, 7 * i + 3);
		CHECK(res.cookie == ~(uint64_t)i);
		CHECK_EQ(res.op, ops[i % PER]);
		CHECK_EQ(res.kind, kinds[i % PER]);
		if (res.op == KV_READ)
			CHECK(res.data_len == 2 && res.data[0] == 'k' && res.data[1] == i / PER);
		if (res.op == KV_EXISTS)
			CHECK_EQ(res.exists, 0);
		kv_result_free(&res);
	}
	expect_idle(__LINE__, kv);
	kv_close(kv);
out:
	tdir_remove(&d);
}

/* A request is in flight until its result is taken, so MAX_PENDING
 * untaken requests fill the store whatever the worker has done. */
static void test_pending_bound(void)
{
	struct kv_result res;
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	for (uint32_t i = 0; i < ZOS_KV_MAX_PENDING; i++)
		CHECK_EQ(submit(kv, KV_EXISTS, "x", 1, 0, 0, i, i), ZOS_OK);
	CHECK_EQ(submit(kv, KV_EXISTS, "x", 1, 0, 0, 9999, 0), ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(submit(kv, KV_WRITE, "refused", 7, "v", 1, 9999, 0), ZOS_ERR_RESOURCE_EXHAUSTED);
	/* Taking one result frees one place, and only one. */
	if (wait_result(__LINE__, kv, &res)) {
		CHECK_EQ(res.id, 0);
		kv_result_free(&res);
	}
	CHECK_EQ(submit(kv, KV_EXISTS, "x", 1, 0, 0, ZOS_KV_MAX_PENDING, 0), ZOS_OK);
	CHECK_EQ(submit(kv, KV_EXISTS, "x", 1, 0, 0, 9999, 0), ZOS_ERR_RESOURCE_EXHAUSTED);
	for (uint32_t i = 1; i <= ZOS_KV_MAX_PENDING; i++) {
		if (!wait_result(__LINE__, kv, &res))
			break;
		CHECK_EQ(res.id, i);
		CHECK_EQ(res.kind, ZOS_STORAGE_RES_EXISTS_OK);
		kv_result_free(&res);
	}
	expect_idle(__LINE__, kv);
	expect_value(__LINE__, kv, "refused", 7, 0, 0);
	kv_close(kv);
out:
	tdir_remove(&d);
}

static void test_event_fd(void)
{
	struct kv_result res;
	struct tdir d;
	struct kvstore *kv;
	int fd;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	fd = kv_event_fd(kv);
	CHECK(fd >= 0);
	CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
	CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	CHECK(!readable(kv, 0));
	CHECK_EQ(submit(kv, KV_EXISTS, "x", 1, 0, 0, 1, 0), ZOS_OK);
	CHECK(readable(kv, WAIT_MS));
	CHECK(readable(kv, 0)); /* level: stays readable until taken */
	CHECK_EQ(kv_take(kv, &res), 1);
	kv_result_free(&res);
	CHECK(!readable(kv, 0));
	CHECK_EQ(kv_take(kv, &res), 0);
	CHECK_EQ(kv_event_fd(0), -1);
	kv_close(kv);
out:
	tdir_remove(&d);
}

/* ---- bad requests ---------------------------------------------------------- */

static void test_bad_requests_refused(void)
{
	static uint8_t big[ZOS_KV_VALUE_MAX + 1];
	struct kv_request req = { 1, 0, KV_READ, (const uint8_t *)"k", 1, 0, 0 };
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	CHECK_EQ(submit(kv, KV_READ, big, ZOS_KV_KEY_MAX + 1, 0, 0, 1, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(kv, KV_WRITE, big, ZOS_KV_KEY_MAX + 1, "v", 1, 1, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(kv, KV_WRITE, "k", 1, big, ZOS_KV_VALUE_MAX + 1, 1, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(kv, KV_BATCH, 0, 0, big, ZOS_KV_VALUE_MAX + 1, 1, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(kv, 0, "k", 1, 0, 0, 1, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(kv, KV_BATCH + 1, "k", 1, 0, 0, 1, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(kv, KV_READ, 0, 3, 0, 0, 1, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(kv, KV_WRITE, "k", 1, 0, 3, 1, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(kv_submit(0, &req), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(kv_submit(kv, 0), ZOS_ERR_INVALID_ARGUMENT);
	expect_idle(__LINE__, kv);
	expect_list(__LINE__, kv, (struct bytes)B(""), 0, 0);
	/* Exactly at the bounds is fine. */
	memset(big, 0xAB, sizeof big);
	put(__LINE__, kv, big, ZOS_KV_KEY_MAX, big, ZOS_KV_VALUE_MAX);
	expect_value(__LINE__, kv, big, ZOS_KV_KEY_MAX, big, ZOS_KV_VALUE_MAX);
	kv_close(kv);
out:
	tdir_remove(&d);
}

/* ---- files: durability, separation, damage -------------------------------- */

static void test_durable_across_reopen(void)
{
	struct tdir d;
	struct kvstore *kv;
	struct kv_result res;
	char key[16];

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	put(__LINE__, kv, "kept", 4, "\0durable\xff", 9);
	/* Closed with 200 writes queued and no result taken: kv_close must
	 * finish them all first. */
	for (uint32_t i = 0; i < 200; i++) {
		int n = snprintf(key, sizeof key, "q/%03u", i);
		CHECK_EQ(submit(kv, KV_WRITE, key, (uint32_t)n, key, (uint32_t)n, i, 0), ZOS_OK);
	}
	kv_close(kv);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	expect_value(__LINE__, kv, "kept", 4, "\0durable\xff", 9);
	expect_value(__LINE__, kv, "q/199", 5, "q/199", 5);
	if (do_op(__LINE__, kv, KV_LIST, "q/", 2, 0, 0, &res)) {
		CHECK_EQ(res.kind, ZOS_STORAGE_RES_LIST_OK);
		CHECK_EQ(zos_le32(res.data), 200);
		kv_result_free(&res);
	}
	kv_close(kv);
out:
	tdir_remove(&d);
}

/* 1 when the file at path holds the bytes s anywhere (free pages too). */
static int file_contains(const char *path, const char *s)
{
	size_t n = strlen(s), got;
	static uint8_t buf[1 << 20];
	FILE *f = fopen(path, "rb");
	int found = 0;

	if (!f)
		return 0;
	got = fread(buf, 1, sizeof buf, f);
	fclose(f);
	for (size_t i = 0; i + n <= got && !found; i++)
		found = memcmp(buf + i, s, n) == 0;
	return found;
}

/* Rows of the kv table of the database at path with this key (-1 on error). */
static int rows_with_key(const char *path, const char *key)
{
	sqlite3 *db = 0;
	sqlite3_stmt *st = 0;
	int rows = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, 0) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM kv WHERE key = ?1", -1, &st, 0) == SQLITE_OK &&
	    sqlite3_bind_blob(st, 1, key, (int)strlen(key), SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		rows = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rows;
}

static void test_two_stores_independent(void)
{
	static const char secret[] = "KEYSTORE-SECRET-9f3a1c";
	char spath[128], kpath[128];
	struct tdir d;
	struct kvstore *st, *ks;

	tdir_make(&d);
	st = open_at(&d, "storage.db");
	ks = open_at(&d, "keystore.db");
	if (!st || !ks)
		goto close;
	put(__LINE__, ks, "ks/key", 6, secret, sizeof secret - 1);
	put(__LINE__, st, "fs/file", 7, "hello", 5);
	expect_value(__LINE__, st, "ks/key", 6, 0, 0);
	expect_value(__LINE__, ks, "fs/file", 7, 0, 0);
	expect_list(__LINE__, st, (struct bytes)B(""), (const struct bytes[]){ B("fs/file") }, 1);
	expect_list(__LINE__, ks, (struct bytes)B(""), (const struct bytes[]){ B("ks/key") }, 1);
close:
	kv_close(st);
	kv_close(ks);
	if (!d.ok)
		return;
	/* Outside the store: the storage file, read by SQLite and byte by byte. */
	tdir_file(&d, "storage.db", spath, sizeof spath);
	tdir_file(&d, "keystore.db", kpath, sizeof kpath);
	CHECK_EQ(rows_with_key(spath, "ks/key"), 0);
	CHECK_EQ(rows_with_key(spath, "fs/file"), 1);
	CHECK_EQ(rows_with_key(kpath, "ks/key"), 1);
	CHECK(!file_contains(spath, secret));
	CHECK(file_contains(kpath, secret)); /* the scan itself works */
	tdir_remove(&d);
}

static void test_garbage_file_refused(void)
{
	char path[128], err[512], back[8192], garbage[8192];
	struct tdir d;
	FILE *f;

	tdir_make(&d);
	if (!d.ok)
		return;
	for (size_t i = 0; i < sizeof garbage; i++)
		garbage[i] = "this is not a database\n"[i % 23];
	tdir_file(&d, "garbage.db", path, sizeof path);
	f = fopen(path, "wb");
	CHECK(f && fwrite(garbage, 1, sizeof garbage, f) == sizeof garbage);
	if (f)
		fclose(f);
	CHECK(kv_open(path, err, sizeof err) == 0);
	if (getenv("ZOS_TEST_VERBOSE"))
		printf("  kv_open: %s\n", err);
	CHECK(strstr(err, "not a database") != 0);
	CHECK(strstr(err, path) != 0);
	/* Refusing it must not have changed it. */
	f = fopen(path, "rb");
	CHECK(f && fread(back, 1, sizeof back, f) == sizeof back);
	if (f)
		fclose(f);
	CHECK_MEM(back, garbage, sizeof garbage);
	/* Other ways to fail say so too. */
	tdir_file(&d, "no/such/dir.db", path, sizeof path);
	err[0] = 0;
	CHECK(kv_open(path, err, sizeof err) == 0);
	CHECK(strstr(err, "unable to open") != 0);
	CHECK(kv_open(d.path, err, sizeof err) == 0); /* a directory */
	CHECK(err[0] != 0);
	CHECK(kv_open("", err, sizeof err) == 0);
	CHECK(err[0] != 0);
	CHECK(kv_open(0, 0, 0) == 0);
	tdir_remove(&d);
}

/* Fills the table's root page (page 2) of a closed store with junk. */
static void damage_page_two(const char *path)
{
	uint8_t hdr[18], junk[65536];
	uint32_t page;
	int fd = open(path, O_RDWR);

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(pread(fd, hdr, sizeof hdr, 0) == (ssize_t)sizeof hdr);
	page = (uint32_t)hdr[16] << 8 | hdr[17];
	if (page == 1)
		page = 65536;
	memset(junk, 0xA5, sizeof junk);
	CHECK(page >= 512 && pwrite(fd, junk, page, page) == (ssize_t)page);
	close(fd);
}

/* A request expected to end in ERROR with a message containing says. */
static void expect_error(int line, struct kvstore *kv, uint8_t op, const void *k, uint32_t kn,
			 const void *v, uint32_t vn, const char *says)
{
	struct kv_result res;
	if (!do_op(line, kv, op, k, kn, v, vn, &res))
		return;
	if (res.kind == ZOS_STORAGE_RES_ERROR && getenv("ZOS_TEST_VERBOSE"))
		printf("  line %d: ERROR '%.*s'\n", line, (int)res.data_len,
		       res.data ? (const char *)res.data : "");
	if (res.kind != ZOS_STORAGE_RES_ERROR)
		harness_fail(__FILE__, line, "op %u: kind %u, want ERROR", op, res.kind);
	else if (!res.data || !strstr((const char *)res.data, says))
		harness_fail(__FILE__, line, "op %u: message '%.*s' lacks '%s'", op,
			     (int)res.data_len, res.data ? (const char *)res.data : "", says);
	kv_result_free(&res);
}

static void test_corrupt_file_gives_errors(void)
{
	char path[128];
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	put(__LINE__, kv, "a", 1, "1", 1);
	put(__LINE__, kv, "b", 1, "2", 1);
	kv_close(kv);
	tdir_file(&d, "s.db", path, sizeof path);
	damage_page_two(path);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	expect_error(__LINE__, kv, KV_READ, "a", 1, 0, 0, "malformed");
	expect_error(__LINE__, kv, KV_EXISTS, "b", 1, 0, 0, "malformed");
	expect_error(__LINE__, kv, KV_LIST, "", 0, 0, 0, "malformed");
	expect_error(__LINE__, kv, KV_WRITE, "c", 1, "v", 1, "malformed");
	kv_close(kv);
out:
	tdir_remove(&d);
}

/* Another connection holds the write lock: writes fail with "locked"
 * after the busy timeout, reads go on (WAL), and writes work once the
 * lock is gone. */
static void test_locked_file_gives_errors(void)
{
	char path[128];
	struct tdir d;
	struct kvstore *kv;
	sqlite3 *other = 0;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	put(__LINE__, kv, "a", 1, "1", 1);
	tdir_file(&d, "s.db", path, sizeof path);
	CHECK_EQ(sqlite3_open_v2(path, &other, SQLITE_OPEN_READWRITE, 0), SQLITE_OK);
	CHECK_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", 0, 0, 0), SQLITE_OK);
	expect_error(__LINE__, kv, KV_WRITE, "b", 1, "v", 1, "locked");
	expect_value(__LINE__, kv, "a", 1, "1", 1);
	CHECK_EQ(sqlite3_exec(other, "COMMIT", 0, 0, 0), SQLITE_OK);
	put(__LINE__, kv, "b", 1, "2", 1);
	expect_value(__LINE__, kv, "b", 1, "2", 1);
	kv_close(kv);
out:
	sqlite3_close(other);
	tdir_remove(&d);
}

/* A full disk, made with RLIMIT_FSIZE (writes past it fail with EFBIG
 * once SIGXFSZ is ignored): the batch is an ERROR and none of it lands;
 * with room again the same batch goes through whole. */
static void test_full_disk_batch_all_or_nothing(void)
{
	static uint8_t val[ZOS_KV_VALUE_MAX];
	struct rlimit old, low;
	void (*old_sig)(int);
	struct batch b;
	const uint8_t *p;
	char key[8];
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	batch_init(&b);
	memset(val, 0x5A, sizeof val);
	for (int i = 0; i < 200; i++) { /* 800 KiB, over the 256 KiB allowed below */
		int n = snprintf(key, sizeof key, "big%d", i);
		batch_add(&b, KV_WRITE, key, (uint16_t)n, val, sizeof val);
	}
	if (!(p = batch_bytes(__LINE__, &b)) || !(kv = open_at(&d, "s.db")))
		goto out;
	put(__LINE__, kv, "before", 6, "x", 1);
	CHECK_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
	low = old;
	low.rlim_cur = 256 * 1024;
	old_sig = signal(SIGXFSZ, SIG_IGN);
	CHECK_EQ(setrlimit(RLIMIT_FSIZE, &low), 0);
	expect_error(__LINE__, kv, KV_BATCH, 0, 0, p, (uint32_t)b.w.len, "batch: ");
	CHECK_EQ(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_sig);
	expect_value(__LINE__, kv, "big0", 4, 0, 0);
	expect_value(__LINE__, kv, "big199", 6, 0, 0);
	expect_value(__LINE__, kv, "before", 6, "x", 1);
	expect_kind(__LINE__, kv, KV_BATCH, 0, 0, p, (uint32_t)b.w.len, ZOS_STORAGE_RES_WRITE_OK);
	expect_value(__LINE__, kv, "big0", 4, val, sizeof val);
	expect_value(__LINE__, kv, "big199", 6, val, sizeof val);
	kv_close(kv);
out:
	free(b.p);
	tdir_remove(&d);
}

/* Marks in open[] (FD_SLOTS entries) each descriptor this process holds,
 * except the one used to list them. */
enum { FD_SLOTS = 4096 };
static void open_fds(uint8_t *open)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *e;

	memset(open, 0, FD_SLOTS);
	CHECK(dir != 0);
	while (dir && (e = readdir(dir)) != 0) {
		int fd = atoi(e->d_name);
		if (e->d_name[0] != '.' && fd != dirfd(dir) && fd >= 0 && fd < FD_SLOTS)
			open[fd] = 1;
	}
	if (dir)
		closedir(dir);
}

/* The hosted platform starts processes from this one: no descriptor a
 * store opens (database, WAL, shared memory, eventfd) may survive exec, or
 * a child could read the keystore file. Descriptors this test inherited
 * are not the store's business and are left out. */
static void test_descriptors_close_on_exec(void)
{
	static uint8_t before[FD_SLOTS], after[FD_SLOTS];
	struct tdir d;
	struct kvstore *st, *ks;
	int added = 0;

	tdir_make(&d);
	open_fds(before);
	st = open_at(&d, "storage.db");
	ks = open_at(&d, "keystore.db");
	if (!st || !ks)
		goto out;
	put(__LINE__, st, "k", 1, "v", 1);
	put(__LINE__, ks, "k", 1, "v", 1);
	open_fds(after);
	for (int fd = 0; fd < FD_SLOTS; fd++) {
		if (!after[fd] || before[fd])
			continue;
		added++;
		if (!(fcntl(fd, F_GETFD) & FD_CLOEXEC))
			harness_fail(__FILE__, __LINE__, "fd %d is inherited across exec", fd);
	}
	CHECK_EQ(added, 8); /* two of each: database, WAL, shm, eventfd */
out:
	kv_close(st);
	kv_close(ks);
	tdir_remove(&d);
}

/* Closing with results nobody took frees them (the leak checkers see). */
static void test_close_with_results_untaken(void)
{
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	if (!(kv = open_at(&d, "s.db")))
		goto out;
	CHECK_EQ(submit(kv, KV_WRITE, "k", 1, "v", 1, 1, 0), ZOS_OK);
	CHECK_EQ(submit(kv, KV_READ, "k", 1, 0, 0, 2, 0), ZOS_OK);
	CHECK_EQ(submit(kv, KV_LIST, "", 0, 0, 0, 3, 0), ZOS_OK);
	CHECK(readable(kv, WAIT_MS));
	kv_close(kv);
	kv_close(0);
out:
	tdir_remove(&d);
}

/* ---- throughput (ZOS_KV_BENCH=1) ------------------------------------------ */

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* n requests of op on keys "bench/%08u" % (i mod keys), at most `window`
 * in flight; returns the rate per second. */
static double bench_run(struct kvstore *kv, uint8_t op, uint32_t n, uint32_t keys, uint32_t window)
{
	uint8_t val[64];
	char key[32];
	struct kv_result res;
	struct timespec t0;
	uint32_t sent = 0, got = 0;

	memset(val, 0x42, sizeof val);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (got < n) {
		while (sent < n && sent - got < window) {
			int len = snprintf(key, sizeof key, "bench/%08u", sent % keys);
			if (submit(kv, op, key, (uint32_t)len, val, sizeof val, sent, 0) != ZOS_OK)
				return 0;
			sent++;
		}
		if (!wait_result(__LINE__, kv, &res))
			return 0;
		if (res.kind == ZOS_STORAGE_RES_ERROR)
			fprintf(stderr, "bench: %.*s\n", (int)res.data_len, (const char *)res.data);
		kv_result_free(&res);
		got++;
	}
	return n / seconds_since(&t0);
}

static void bench_batches(struct kvstore *kv, uint32_t batches, uint32_t per)
{
	uint8_t val[64];
	char key[32];
	struct batch b;
	struct kv_result res;
	struct timespec t0;
	const uint8_t *p;

	memset(val, 0x42, sizeof val);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (uint32_t j = 0; j < batches; j++) {
		batch_init(&b);
		for (uint32_t i = 0; i < per; i++) {
			int len = snprintf(key, sizeof key, "batch/%08u", j * per + i);
			batch_add(&b, KV_WRITE, key, (uint16_t)len, val, sizeof val);
		}
		if ((p = batch_bytes(__LINE__, &b)) &&
		    do_op(__LINE__, kv, KV_BATCH, 0, 0, p, (uint32_t)b.w.len, &res))
			kv_result_free(&res);
		free(b.p);
	}
	printf("bench batch writes (%u x %u, 64 B values): %.0f writes/s\n", batches, per,
	       batches * per / seconds_since(&t0));
}

static void bench(void)
{
	struct tdir d;
	struct kvstore *kv;

	tdir_make(&d);
	if (!(kv = open_at(&d, "bench.db")))
		goto out;
	printf("bench writes, one at a time (64 B values): %.0f/s\n",
	       bench_run(kv, KV_WRITE, 300, 1000000, 1));
	printf("bench writes, %d in flight (64 B values): %.0f/s\n", ZOS_KV_MAX_PENDING,
	       bench_run(kv, KV_WRITE, 2000, 1000000, ZOS_KV_MAX_PENDING));
	bench_batches(kv, 20, 1000);
	printf("bench reads, one at a time: %.0f/s\n", bench_run(kv, KV_READ, 50000, 2000, 1));
	printf("bench reads, %d in flight: %.0f/s\n", ZOS_KV_MAX_PENDING,
	       bench_run(kv, KV_READ, 300000, 2000, ZOS_KV_MAX_PENDING));
	printf("bench exists (%d in flight): %.0f/s\n", ZOS_KV_MAX_PENDING,
	       bench_run(kv, KV_EXISTS, 300000, 2000, ZOS_KV_MAX_PENDING));
	kv_close(kv);
out:
	tdir_remove(&d);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_write_read_exists_delete);
	RUN(test_binary_keys_and_values);
	RUN(test_list_prefixes);
	RUN(test_list_truncated_at_one_result);
	RUN(test_batch_all_visible);
	RUN(test_batch_malformed_refused_whole);
	RUN(test_batch_at_the_limit);
	RUN(test_results_in_submission_order);
	RUN(test_pending_bound);
	RUN(test_event_fd);
	RUN(test_bad_requests_refused);
	RUN(test_durable_across_reopen);
	RUN(test_two_stores_independent);
	RUN(test_garbage_file_refused);
	RUN(test_corrupt_file_gives_errors);
	RUN(test_locked_file_gives_errors);
	RUN(test_full_disk_batch_all_or_nothing);
	RUN(test_descriptors_close_on_exec);
	RUN(test_close_with_results_untaken);
	if (getenv("ZOS_KV_BENCH"))
		bench();
	return harness_finish("hosted/kvstore");
}
