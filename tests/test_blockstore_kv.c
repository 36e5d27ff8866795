/*
 * The block-device key-value store (lib/blockstore/kv.h) against a model:
 * the operations' meanings, then random sequences of writes, deletes and
 * batches on small regions (so compaction runs often) with power cuts
 * injected at random device calls. After every cut the store is reopened
 * from what reached the disk and must hold exactly the acknowledged state,
 * or that state plus the whole of the operation that was cut short (a
 * batch is never half there).
 */
#include <zos/abi.h>
#include <zos/error.h>
#include <zos/param.h>

#include "harness.h"
#include "lib/blockstore/kv.h"
#include "lib/blockstore/kv_record.h" /* bs_kv_compact, to place a cut exactly */
#include "lib/bytes.h"
#include "support/kv_limits.h"
#include "support/memdev.h"

#define TEST_RNG_SEED 0xB10C5ull
#include "support/rnd.h"

#define NKEYS 64
#define VAL_MAX 700

/* ---- the store under test, on a memdev ----------------------------------- */

struct rig {
	struct memdev md;
	struct bs_disk disk;
	const struct bs_region *region;
	struct bs_kv kv;
	void *mem;
	size_t mem_size;
	uint32_t max_keys;
	uint32_t record_max;
	uint64_t reopens;
};

static const struct bs_layout one_kv = { 1, { { BS_REGION_KV, "storage", 0 } } };

static int rig_open(struct rig *g)
{
	struct bs_kv_config cfg = { g->mem, g->mem_size, g->record_max, g->max_keys };
	int ret = bs_disk_open(&g->disk, &g->md.dev, &one_kv, 0x1234);

	if (ret == ZOS_OK)
		ret = bs_disk_find(&g->disk, "storage", BS_REGION_KV, &g->region);
	if (ret == ZOS_OK)
		ret = bs_kv_open(&g->kv, g->region, &cfg);
	g->reopens++;
	return ret;
}

static int rig_init(struct rig *g, uint64_t sectors, uint32_t max_keys, uint32_t record_max,
		    uint64_t seed)
{
	memset(g, 0, sizeof *g);
	g->record_max = record_max;
	g->max_keys = max_keys;
	g->mem_size = bs_kv_mem_size(g->record_max, max_keys, (uint64_t)max_keys * 64);
	g->mem = malloc(g->mem_size);
	if (!g->mem || memdev_init(&g->md, sectors, seed) != ZOS_OK)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	return rig_open(g);
}

static void rig_free(struct rig *g)
{
	memdev_free(&g->md);
	free(g->mem);
}

/* ---- the model ----------------------------------------------------------- */

struct model {
	uint8_t present[NKEYS];
	uint32_t len[NKEYS];
	uint8_t val[NKEYS][VAL_MAX];
};

static uint32_t key_of(uint32_t id, char *k)
{
	/* Four prefixes, so LIST has something to choose. */
	return (uint32_t)sprintf(k, "%c/%u", 'a' + id % 4, id);
}

/* One operation: entries of (id, write?, value). */
struct op {
	uint32_t n;
	uint32_t id[8];
	uint8_t write[8];
	uint32_t len[8];
	uint8_t val[8][VAL_MAX];
	int batch;
};

static void model_apply(struct model *m, const struct op *o)
{
	for (uint32_t i = 0; i < o->n; i++) {
		uint32_t id = o->id[i];
		m->present[id] = o->write[i];
		m->len[id] = o->write[i] ? o->len[i] : 0;
		if (o->write[i])
			memcpy(m->val[id], o->val[i], o->len[i]);
	}
}

static void op_random(struct op *o)
{
	uint32_t kind = rnd(10);

	o->batch = kind >= 6;
	o->n = o->batch ? 1 + rnd(8) : 1;
	for (uint32_t i = 0; i < o->n; i++) {
		o->id[i] = rnd(NKEYS);
		o->write[i] = kind < 4 || (o->batch && rnd(4) != 0);
		o->len[i] = o->write[i] ? (rnd(8) == 0 ? 0 : rnd(VAL_MAX)) : 0;
		fill(o->val[i], o->len[i]);
	}
}

/* The op's record body size. */
static uint32_t op_size(const struct op *o)
{
	char k[32];
	uint32_t n = 4;

	for (uint32_t i = 0; i < o->n; i++)
		n += KV_BATCH_ENTRY_OVERHEAD + key_of(o->id[i], k) + o->len[i];
	return n;
}

static int op_run(struct rig *g, const struct op *o)
{
	static uint8_t b[8 * (16 + VAL_MAX) + 4];
	struct zos_wbuf w;
	char k[32];
	uint32_t kn;

	if (!o->batch) {
		kn = key_of(o->id[0], k);
		if (o->write[0])
			return bs_kv_write(&g->kv, (const uint8_t *)k, kn, o->val[0], o->len[0]);
		return bs_kv_delete(&g->kv, (const uint8_t *)k, kn);
	}
	zos_wbuf_init(&w, b, sizeof b);
	zos_put_u32(&w, o->n);
	for (uint32_t i = 0; i < o->n; i++) {
		kn = key_of(o->id[i], k);
		kv_batch_put(&w, o->write[i] ? ZOS_KV_BATCH_WRITE : ZOS_KV_BATCH_DELETE, k, kn, o->val[i],
			     o->len[i]);
	}
	return bs_kv_batch(&g->kv, b, w.len);
}

/* 1 when the store holds exactly m (READ and EXISTS of every key, and
 * LIST of every prefix in key order). */
static int store_matches(struct rig *g, const struct model *m)
{
	static uint8_t v[VAL_MAX], list[8192];
	char k[32];

	for (uint32_t id = 0; id < NKEYS; id++) {
		uint32_t kn = key_of(id, k), len = 0;
		int ret = bs_kv_read(&g->kv, (const uint8_t *)k, kn, v, sizeof v, &len);
		int exists = -1;

		bs_kv_exists(&g->kv, (const uint8_t *)k, kn, &exists);
		if (exists != m->present[id])
			return 0;
		if (!m->present[id] && ret != ZOS_ERR_NOT_FOUND)
			return 0;
		if (m->present[id] && (ret != ZOS_OK || len != m->len[id] || memcmp(v, m->val[id], len)))
			return 0;
	}
	for (char p = 'a'; p < 'e'; p++) {
		uint32_t len = 0, count = 0;
		int truncated = 1;
		char prev[32] = "";
		struct zos_rbuf r;

		if (bs_kv_list(&g->kv, (const uint8_t *)&p, 1, list, sizeof list, &len, &truncated) != ZOS_OK ||
		    truncated)
			return 0;
		zos_rbuf_init(&r, list, len);
		uint32_t n = zos_get_u32(&r);
		for (uint32_t i = 0; i < n; i++) {
			char key[32] = "";
			uint16_t kl = zos_get_u16(&r);
			if (kl >= sizeof key)
				return 0;
			zos_get_bytes(&r, key, kl);
			if (key[0] != p || (i > 0 && strcmp(prev, key) >= 0))
				return 0;
			if (!m->present[(uint32_t)atoi(key + 2)])
				return 0;
			strcpy(prev, key);
		}
		for (uint32_t id = p - 'a'; id < NKEYS; id += 4)
			count += m->present[id];
		if (r.err || zos_rbuf_left(&r) || count != n)
			return 0;
	}
	return 1;
}

/* ---- the operations' meanings ---------------------------------------------- */

static void test_basic_ops(void)
{
	struct rig g;
	uint8_t v[64], list[256];
	uint32_t len = 0;
	int exists = 1, truncated = 1;

	CHECK_EQ(rig_init(&g, 4096, 256, BS_KV_RECORD_ONE, 7), ZOS_OK);
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"a", 1, v, sizeof v, &len), ZOS_ERR_NOT_FOUND);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"a", 1, "one", 3), ZOS_OK);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"ab", 2, "two", 3), ZOS_OK);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"b", 1, "", 0), ZOS_OK);
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"a", 1, v, sizeof v, &len), ZOS_OK);
	CHECK(len == 3 && memcmp(v, "one", 3) == 0);
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"a", 1, v, 2, &len), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(len, 3);
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"b", 1, v, sizeof v, &len), ZOS_OK);
	CHECK_EQ(len, 0);
	CHECK_EQ(bs_kv_exists(&g.kv, (const uint8_t *)"b", 1, &exists), ZOS_OK);
	CHECK_EQ(exists, 1);
	CHECK_EQ(bs_kv_delete(&g.kv, (const uint8_t *)"zz", 2), ZOS_OK); /* absent: fine */
	CHECK_EQ(bs_kv_delete(&g.kv, (const uint8_t *)"b", 1), ZOS_OK);
	CHECK_EQ(bs_kv_exists(&g.kv, (const uint8_t *)"b", 1, &exists), ZOS_OK);
	CHECK_EQ(exists, 0);
	/* LIST "a": "a" before "ab" (shorter first). */
	CHECK_EQ(bs_kv_list(&g.kv, (const uint8_t *)"a", 1, list, sizeof list, &len, &truncated), ZOS_OK);
	CHECK_EQ(truncated, 0);
	CHECK_EQ(len, 4 + 3 + 4);
	CHECK(zos_le32(list) == 2 && list[4] == 1 && list[6] == 'a' && list[7] == 2 && list[9] == 'a' &&
	      list[10] == 'b');
	/* Room for one key only: cut short, and says so. */
	CHECK_EQ(bs_kv_list(&g.kv, (const uint8_t *)"", 0, list, 4 + 3, &len, &truncated), ZOS_OK);
	CHECK_EQ(truncated, 1);
	CHECK_EQ(zos_le32(list), 1);
	/* The empty key is a key like any other, null pointer or not. */
	CHECK_EQ(bs_kv_write(&g.kv, 0, 0, "e", 1), ZOS_OK);
	CHECK_EQ(bs_kv_read(&g.kv, 0, 0, v, sizeof v, &len), ZOS_OK);
	CHECK(len == 1 && v[0] == 'e');
	CHECK_EQ(bs_kv_list(&g.kv, 0, 0, list, sizeof list, &len, &truncated), ZOS_OK);
	CHECK(zos_le32(list) == 3 && list[4] == 0 && list[5] == 0); /* "" sorts first */
	CHECK_EQ(bs_kv_delete(&g.kv, (const uint8_t *)"", 0), ZOS_OK);
	/* Everything survives a reopen. */
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"ab", 2, v, sizeof v, &len), ZOS_OK);
	CHECK(len == 3 && memcmp(v, "two", 3) == 0);
	CHECK_EQ(bs_kv_exists(&g.kv, (const uint8_t *)"b", 1, &exists), ZOS_OK);
	CHECK_EQ(exists, 0);
	rig_free(&g);
}

/* A platform's reserved record (the machine's log key) is the store's to
 * keep like any other: it survives a reopen (an open that checked records
 * as a process's requests once lost every key after it), and LIST leaves
 * it out. */
static void test_reserved_record_survives_a_reopen(void)
{
	static const char name[] = ZOS_LOG_KEY_NAME;
	struct rig g;
	uint8_t v[64], list[256];
	uint32_t len = 0;
	int truncated = 1;

	CHECK_EQ(rig_init(&g, 4096, 256, BS_KV_RECORD_ONE, 9), ZOS_OK);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)name, sizeof name - 1, "0123456789abcdef0123456789abcdef",
			     32), ZOS_OK);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"/keys/x", 7, "v", 1), ZOS_OK);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)name, sizeof name - 1, v, sizeof v, &len), ZOS_OK);
	CHECK(len == 32 && memcmp(v, "0123456789abcdef", 16) == 0);
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"/keys/x", 7, v, sizeof v, &len), ZOS_OK);
	CHECK_EQ(bs_kv_list(&g.kv, (const uint8_t *)"/", 1, list, sizeof list, &len, &truncated), ZOS_OK);
	CHECK_EQ(zos_le32(list), 1); /* only /keys/x */
	rig_free(&g);
}

static void test_bounds(void)
{
	static uint8_t big[ZOS_KV_VALUE_MAX + 1], big2[ZOS_KV_VALUE_MAX + 64], key[ZOS_KV_KEY_MAX + 1], b[64];
	struct rig g;
	struct zos_wbuf w;

	CHECK_EQ(rig_init(&g, 4096, 64, BS_KV_RECORD_ONE, 8), ZOS_OK);
	memset(key, 'k', sizeof key);
	CHECK_EQ(bs_kv_write(&g.kv, key, ZOS_KV_KEY_MAX + 1, "v", 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(bs_kv_write(&g.kv, key, ZOS_KV_KEY_MAX, "v", 1), ZOS_OK);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"v", 1, big, ZOS_KV_VALUE_MAX + 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"v", 1, big, ZOS_KV_VALUE_MAX), ZOS_OK);
	/* The same limit inside a batch. */
	zos_wbuf_init(&w, big2, sizeof big2);
	zos_put_u32(&w, 1);
	kv_batch_put(&w, ZOS_KV_BATCH_WRITE, "b", 1, big, ZOS_KV_VALUE_MAX + 1);
	CHECK_EQ(bs_kv_batch(&g.kv, big2, w.len), ZOS_ERR_INVALID_ARGUMENT);
	zos_st32(big2 + 8, ZOS_KV_VALUE_MAX); /* op, key length, "b", then the value length */
	CHECK_EQ(bs_kv_batch(&g.kv, big2, w.len - 1), ZOS_OK);
	/* Malformed batches: short, lying count, bad op, a DELETE with a
	 * value, bytes left over. None changes anything. */
	CHECK_EQ(bs_kv_batch(&g.kv, b, 3), ZOS_ERR_INVALID_ARGUMENT);
	zos_wbuf_init(&w, b, sizeof b);
	zos_put_u32(&w, 2);
	kv_batch_put(&w, ZOS_KV_BATCH_WRITE, "x", 1, 0, 0);
	CHECK_EQ(bs_kv_batch(&g.kv, b, w.len), ZOS_ERR_INVALID_ARGUMENT);
	zos_st32(b, 1);
	CHECK_EQ(bs_kv_batch(&g.kv, b, w.len + 1), ZOS_ERR_INVALID_ARGUMENT);
	b[4] = 9;
	CHECK_EQ(bs_kv_batch(&g.kv, b, w.len), ZOS_ERR_INVALID_ARGUMENT);
	b[4] = ZOS_KV_BATCH_DELETE;
	zos_st32(b + 8, 1);
	CHECK_EQ(bs_kv_batch(&g.kv, b, w.len + 1), ZOS_ERR_INVALID_ARGUMENT);
	int exists = 1;
	bs_kv_exists(&g.kv, (const uint8_t *)"x", 1, &exists);
	CHECK_EQ(exists, 0);
	rig_free(&g);
}

/* A region too small for the live data: RESOURCE_EXHAUSTED, the state as
 * it was, and it still reopens; deleting makes room again. */
static void test_full(void)
{
	static uint8_t v[4000];
	struct rig g;
	char k[16];
	uint32_t stored = 0;
	int ret = ZOS_OK;

	CHECK_EQ(rig_init(&g, 200, 64, BS_KV_RECORD_ONE, 9), ZOS_OK);
	fill(v, sizeof v);
	for (uint32_t i = 0; i < 64 && ret == ZOS_OK; i++) {
		ret = bs_kv_write(&g.kv, (const uint8_t *)k, (uint32_t)sprintf(k, "k%u", i), v, sizeof v);
		stored += ret == ZOS_OK;
	}
	CHECK_EQ(ret, ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK(stored > 5 && stored < 30);
	CHECK_EQ(g.kv.failed, ZOS_OK);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.kv.ix.count, stored);
	CHECK_EQ(bs_kv_delete(&g.kv, (const uint8_t *)"k0", 2), ZOS_OK);
	CHECK_EQ(bs_kv_delete(&g.kv, (const uint8_t *)"k1", 2), ZOS_OK);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"new", 3, v, sizeof v), ZOS_OK);
	CHECK(g.kv.compactions > 0);
	rig_free(&g);
}

/* The index's own limit: more keys than max_keys is RESOURCE_EXHAUSTED. */
static void test_index_full(void)
{
	struct rig g;
	char k[16];
	int ret = ZOS_OK;
	uint32_t i;

	CHECK_EQ(rig_init(&g, 4096, 16, BS_KV_RECORD_ONE, 10), ZOS_OK);
	for (i = 0; i < 40 && ret == ZOS_OK; i++)
		ret = bs_kv_write(&g.kv, (const uint8_t *)k, (uint32_t)sprintf(k, "k%u", i), "v", 1);
	CHECK_EQ(ret, ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(g.kv.ix.count, 16);
	/* Overwriting an existing key needs no new node... but the check is
	 * conservative only while the table is full: a delete frees one. */
	CHECK_EQ(bs_kv_delete(&g.kv, (const uint8_t *)"k3", 2), ZOS_OK);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"k0", 2, "w", 1), ZOS_OK);
	rig_free(&g);
}

/* ---- random sequences with power cuts -------------------------------------- */

static uint64_t sequences, cuts, inflight_kept, inflight_lost;

/* One sequence of ops on a disk of `sectors`; cuts at random device calls. */
static void run_sequence(uint64_t sectors, uint32_t record_max, uint32_t ops, uint64_t seed)
{
	static struct model m, m2;
	static struct op o;
	struct rig g;

	memset(&m, 0, sizeof m);
	sequences++;
	if (rig_init(&g, sectors, 256, record_max, seed) != ZOS_OK) {
		CHECK(0);
		return;
	}
	for (uint32_t i = 0; i < ops && !harness_failed_checks; i++) {
		int cut = rnd(6) == 0, ret;

		op_random(&o);
		if (cut)
			g.md.die_after = 1 + rnd(8);
		ret = op_run(&g, &o);
		g.md.die_after = -1;
		if (ret == ZOS_OK)
			model_apply(&m, &o);
		else if (ret == ZOS_ERR_INVALID_ARGUMENT && op_size(&o) > record_max - BS_KV_HEADER)
			ret = ZOS_ERR_RESOURCE_EXHAUSTED; /* too big for these records: refused whole */
		else if (ret != ZOS_ERR_RESOURCE_EXHAUSTED && !g.md.dead)
			CHECK_EQ(ret, ZOS_OK);
		if (!g.md.dead && rnd(20) != 0)
			continue;
		/* Power cut (during the op if the device died, else between). */
		memdev_crash(&g.md);
		cuts++;
		CHECK_EQ(rig_open(&g), ZOS_OK);
		if (ret == ZOS_OK || ret == ZOS_ERR_RESOURCE_EXHAUSTED) {
			CHECK(store_matches(&g, &m));
			continue;
		}
		/* The op that was cut: all of it or none of it. */
		m2 = m;
		model_apply(&m2, &o);
		if (store_matches(&g, &m)) {
			inflight_lost++;
		} else if (store_matches(&g, &m2)) {
			m = m2;
			inflight_kept++;
		} else {
			harness_fail(__FILE__, __LINE__, "seed %llu op %u: neither before nor after the cut op",
				     (unsigned long long)seed, i);
		}
	}
	memdev_crash(&g.md);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK(store_matches(&g, &m));
	rig_free(&g);
}

static void test_random_small(void)
{
	/* Halves of ~60 KiB: compaction every few dozen ops. */
	for (uint32_t s = 0; s < 250; s++)
		run_sequence(260, s % 2 ? 2048 : BS_KV_RECORD_ONE, 250, 1000 + s);
}

static void test_random_tiny(void)
{
	/* Halves of ~12 KiB: the live set often does not fit. */
	for (uint32_t s = 0; s < 400; s++)
		run_sequence(64, s % 2 ? 2048 : 4096, 150, 5000 + s);
}

static void test_random_large(void)
{
	for (uint32_t s = 0; s < 8; s++)
		run_sequence(8192, s % 2 ? 4096 : BS_KV_RECORD_ONE, 600, 9000 + s);
}

static void test_compaction_counted(void)
{
	struct rig g;
	static uint8_t v[600];
	char k[16];

	CHECK_EQ(rig_init(&g, 260, 64, BS_KV_RECORD_ONE, 11), ZOS_OK);
	for (uint32_t i = 0; i < 400; i++) {
		fill(v, sizeof v);
		CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)k, (uint32_t)sprintf(k, "k%u", i % 10), v, sizeof v),
			 ZOS_OK);
	}
	CHECK(g.kv.compactions >= 5);
	CHECK_EQ(g.kv.ix.count, 10);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.kv.ix.count, 10);
	uint32_t len = 0;
	static uint8_t r[600];
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"k9", 2, r, sizeof r, &len), ZOS_OK);
	CHECK(len == sizeof v && memcmp(r, v, len) == 0);
	rig_free(&g);
}

/* A compaction cut after its records reached the other half but before the
 * control record switched to it, then a later compaction into the same
 * half that writes a first record of the very same length: the earlier
 * attempt's second record then starts exactly where the new copy ends. It
 * has the right nonce and generation; only its older epoch and its link to
 * a different predecessor keep the deleted keys from coming back. */
static void test_stale_compaction_copy(void)
{
	static uint8_t v[300];
	struct rig g;
	char k[8];

	CHECK_EQ(rig_init(&g, 4096, 64, 2048, 12), ZOS_OK);
	fill(v, sizeof v);
	for (uint32_t i = 0; i < 10; i++)
		CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)k, (uint32_t)sprintf(k, "a%u", i), v, sizeof v),
			 ZOS_OK);
	/* Device calls of a compaction: epoch (write, flush), two records,
	 * flush, then the control record's write: that one dies. */
	g.md.die_after = 6;
	CHECK_EQ(bs_kv_compact(&g.kv), ZOS_ERR_IO);
	memdev_crash(&g.md);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.kv.ix.count, 10);
	for (uint32_t i = 6; i < 10; i++)
		CHECK_EQ(bs_kv_delete(&g.kv, (const uint8_t *)k, (uint32_t)sprintf(k, "a%u", i)), ZOS_OK);
	CHECK_EQ(bs_kv_compact(&g.kv), ZOS_OK);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.kv.ix.count, 6);
	rig_free(&g);
}

/* Reopened with smaller records than it was written with: refused, not
 * cut short (the next write would otherwise overwrite the big record). */
static void test_smaller_records_refused(void)
{
	static uint8_t v[3000];
	struct rig g;

	CHECK_EQ(rig_init(&g, 4096, 64, BS_KV_RECORD_ONE, 13), ZOS_OK);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"big", 3, v, sizeof v), ZOS_OK);
	g.record_max = 2048;
	CHECK_EQ(rig_open(&g), ZOS_ERR_RESOURCE_EXHAUSTED);
	g.record_max = BS_KV_RECORD_ONE;
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.kv.ix.count, 1);
	rig_free(&g);
}

/* Regression (make bench: "blockstore reopen failed"): a store configured
 * with the largest records (BS_KV_RECORD_MAX, as the bench and zos-disk
 * open it) packed more than ZOS_KV_BATCH_MAX bytes of live entries into one
 * compacted record, which the scan at the next open refuses as a batch:
 * every key was gone after the reopen, and the next write would have
 * overwritten them. A compacted record's body stays within what open
 * accepts. */
static void test_compaction_over_batch_max_lost_keys(void)
{
	/* Entries of 4,096 bytes (7 + a 5-byte key + 4,084): 256 of them make
	 * a body of 4 + 2^20 bytes, over the batch limit and within the
	 * record, and 300 keys fill more than one such record. */
	static uint8_t v[4096 - 12];
	struct rig g;
	char k[16];
	uint32_t keys = 300, len = 0;
	static uint8_t r[sizeof v];

	CHECK_EQ(rig_init(&g, 8192, 1024, BS_KV_RECORD_MAX, 14), ZOS_OK);
	fill(v, sizeof v);
	for (uint32_t i = 0; i < keys; i++)
		CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)k, (uint32_t)sprintf(k, "k%04u", i), v, sizeof v),
			 ZOS_OK);
	CHECK_EQ(bs_kv_compact(&g.kv), ZOS_OK);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.kv.ix.count, keys);
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"k0299", 5, r, sizeof r, &len), ZOS_OK);
	CHECK(len == sizeof v && memcmp(r, v, len) == 0);
	rig_free(&g);
}

/* A batch of exactly ZOS_KV_BATCH_MAX bytes is one record on a store
 * configured as the platform configures it (BS_KV_RECORD_MAX) and
 * survives a reopen; one byte more is refused and changes nothing. */
static void test_batch_at_the_limit(void)
{
	static uint8_t in[KV_LIMIT_INPUT_MAX], v[2048];
	struct rig g;
	uint32_t len = 0;

	CHECK_EQ(rig_init(&g, 8192, 1024, BS_KV_RECORD_MAX, 15), ZOS_OK);
	CHECK_EQ(kv_limit_batch_of(in, ZOS_KV_BATCH_MAX), ZOS_KV_BATCH_MAX);
	CHECK_EQ(bs_kv_batch(&g.kv, in, ZOS_KV_BATCH_MAX), ZOS_OK);
	CHECK_EQ(kv_limit_batch_of(in, ZOS_KV_BATCH_MAX + 1), ZOS_KV_BATCH_MAX + 1);
	CHECK_EQ(bs_kv_batch(&g.kv, in, ZOS_KV_BATCH_MAX + 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(g.kv.records, 1);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.kv.ix.count, zos_le32(in));
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"b00007", 6, v, sizeof v, &len), ZOS_OK);
	CHECK_EQ(len, 2048);
	rig_free(&g);
}

/* A disk written when the value limit was 64 KiB: its record with such a
 * value (made here by hand, as the store no longer writes one) must not
 * end the chain at the next open, or every key after it would be lost.
 * The value is still there; a READ that wants it whole needs the room. */
static void test_value_over_the_limit_on_disk_kept(void)
{
	static uint8_t v[64 * 1024];
	struct rig g;
	uint8_t *body;
	uint32_t len = 0, n = 4 + KV_BATCH_ENTRY_OVERHEAD + 3 + sizeof v, crc;

	CHECK_EQ(rig_init(&g, 8192, 64, BS_KV_RECORD_MAX, 16), ZOS_OK);
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"before", 6, "x", 1), ZOS_OK); /* a session */
	fill(v, sizeof v);
	body = g.kv.rec + BS_KV_HEADER;
	zos_st32(body, 1);
	body[4] = ZOS_KV_BATCH_WRITE;
	body[5] = 3;
	body[6] = 0;
	memcpy(body + 7, "old", 3);
	zos_st32(body + 10, sizeof v);
	memcpy(body + 14, v, sizeof v);
	crc = bs_kv_seal(&g.kv, BS_KV_HEADER + n, g.kv.ctl.gen, g.kv.last_crc);
	CHECK_EQ(bs_kv_put(&g.kv, g.kv.ctl.active, g.kv.tail, BS_KV_HEADER + n), ZOS_OK);
	CHECK_EQ(bs_region_flush(g.region), ZOS_OK);
	g.kv.tail += bs_kv_sectors(BS_KV_HEADER + n);
	g.kv.last_crc = crc;
	CHECK_EQ(bs_kv_write(&g.kv, (const uint8_t *)"after", 5, "y", 1), ZOS_OK);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.kv.ix.count, 3);
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"old", 3, v, 100, &len), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(len, sizeof v);
	CHECK_EQ(bs_kv_read(&g.kv, (const uint8_t *)"after", 5, v, sizeof v, &len), ZOS_OK);
	CHECK_EQ(bs_kv_compact(&g.kv), ZOS_OK); /* and compaction carries it over */
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.kv.ix.count, 3);
	rig_free(&g);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_basic_ops);
	RUN(test_reserved_record_survives_a_reopen);
	RUN(test_bounds);
	RUN(test_full);
	RUN(test_index_full);
	RUN(test_compaction_counted);
	RUN(test_stale_compaction_copy);
	RUN(test_smaller_records_refused);
	RUN(test_compaction_over_batch_max_lost_keys);
	RUN(test_batch_at_the_limit);
	RUN(test_value_over_the_limit_on_disk_kept);
	RUN(test_random_small);
	RUN(test_random_tiny);
	RUN(test_random_large);
	if (!harness_listing())
		printf("kv: %llu random sequences, %llu power cuts; cut ops kept whole %llu, "
		       "lost whole %llu\n", (unsigned long long)sequences, (unsigned long long)cuts,
		       (unsigned long long)inflight_kept, (unsigned long long)inflight_lost);
	return harness_finish("blockstore_kv");
}
