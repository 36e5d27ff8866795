/*
 * The key-value store (see kv.h): open and scan, the operations, and the
 * one path every mutation takes (check, make room, write one record, flush,
 * then update the index).
 *
 * Why a leftover record can never rejoin the store. The store is the chain
 * of records from the half's start up to the first that fails a check. A
 * record of an earlier generation or format fails on gen or nonce. Within
 * the generation, records are written one after another, each flushed
 * before the next is begun, so only the newest write of a session can be
 * torn or lost; the next session bumps the epoch durably before writing and
 * starts its records where the chain ended. Whatever of the lost session
 * still lies beyond its first record then carries an older epoch than that
 * record (epochs may only grow along the chain) and names a different
 * predecessor CRC: it ends the chain.
 */
#include "lib/blockstore/kv.h"

#include <zos/error.h>

#include "lib/blockstore/kv_record.h"
#include "lib/bytes.h"
#include "lib/kv_request.h"
#include "lib/mem.h"

#define SECTOR BLOCKDEV_SECTOR

/* ---- open --------------------------------------------------------------- */

size_t bs_kv_mem_size(uint32_t record_max, uint32_t max_keys, uint64_t key_bytes)
{
	return (size_t)record_max + BS_KV_WINDOW + (size_t)max_keys * sizeof(struct bs_node) +
	       (size_t)key_bytes + (size_t)max_keys * BS_KEY_ENTRY_OVERHEAD + 16;
}

/* Carves cfg's memory: the record, the window, the nodes, the key arena. */
static int carve(struct bs_kv *kv, const struct bs_kv_config *cfg)
{
	uintptr_t p = (uintptr_t)cfg->mem, end = p + cfg->mem_size;
	size_t nodes = (size_t)cfg->max_keys * sizeof(struct bs_node);
	uintptr_t keys;

	if (!cfg->mem || cfg->record_max < BS_KV_RECORD_LEAST || cfg->record_max > BS_KV_RECORD_MAX ||
	    cfg->record_max % SECTOR != 0 || cfg->max_keys == 0 || cfg->max_keys >= BS_NIL ||
	    cfg->max_keys > cfg->mem_size / sizeof(struct bs_node))
		return ZOS_ERR_INVALID_ARGUMENT;
	p = (p + 15) & ~(uintptr_t)15;
	if (end < p || end - p < (size_t)cfg->record_max + BS_KV_WINDOW + nodes + SECTOR)
		return ZOS_ERR_INVALID_ARGUMENT;
	kv->rec = (uint8_t *)p;
	kv->rec_max = cfg->record_max;
	kv->window = kv->rec + cfg->record_max;
	keys = (uintptr_t)(kv->window + BS_KV_WINDOW + nodes);
	if (end - keys > 0xFFFFFFF0u)
		end = keys + 0xFFFFFFF0u;
	bs_index_init(&kv->ix, (struct bs_node *)(void *)(kv->window + BS_KV_WINDOW), cfg->max_keys,
		      (uint8_t *)keys, (uint32_t)(end - keys));
	return ZOS_OK;
}

/* Replays the checked record rec, which lies at sector at of the active
 * half, into the index. */
static void apply(struct bs_kv *kv, uint64_t at, const uint8_t *rec)
{
	uint64_t base = (bs_kv_half_lba(kv, kv->ctl.active) + at) * SECTOR + BS_KV_HEADER;
	const uint8_t *body = rec + BS_KV_HEADER;
	uint32_t count = zos_le32(body);
	size_t pos = 4;
	struct kv_batch_entry e;

	for (uint32_t i = 0; i < count; i++) {
		kv_batch_next(body, &pos, &e);
		if (e.op == ZOS_KV_BATCH_WRITE)
			bs_index_put(&kv->ix, e.key, e.key_len, base + e.value_off, e.value_len);
		else
			bs_index_remove(&kv->ix, e.key, e.key_len);
	}
}

/* The sectors of the active half that kv->rec holds while open scans:
 * records are read ahead a whole buffer at a time, not one by one (every
 * read is a device request; a boot under emulation feels each). */
struct window {
	uint64_t start;
	uint32_t n;
};

/* Sectors [at, at + n) of the active half, in kv->rec: their address, or 0
 * with *ret set. n is at most rec_max / SECTOR and within the half. */
static const uint8_t *window_at(struct bs_kv *kv, struct window *w, uint64_t at, uint32_t n, int *ret)
{
	uint64_t left = kv->half - at;
	uint32_t most = kv->rec_max / SECTOR;

	*ret = ZOS_OK;
	if (at >= w->start && at + n <= w->start + w->n)
		return kv->rec + (at - w->start) * SECTOR;
	w->start = at;
	w->n = left < most ? (uint32_t)left : most;
	*ret = bs_region_read(kv->r, bs_kv_half_lba(kv, kv->ctl.active) + at, w->n, kv->rec);
	if (*ret != ZOS_OK) {
		w->n = 0;
		return 0;
	}
	return kv->rec;
}

/* Reads and checks the record at sector at of the active half: its length
 * with *rec pointing at it, 0 when the chain ends here, or an error (I/O,
 * or RESOURCE_EXHAUSTED for a record longer than kv->rec_max). */
static int64_t load(struct bs_kv *kv, struct window *w, uint64_t at, uint64_t *epoch,
		    struct kv_batch_sum *sum, const uint8_t **rec)
{
	const uint8_t *h;
	uint32_t len, n;
	uint64_t e;
	int ret;

	if (at >= kv->half)
		return 0;
	if (!(h = window_at(kv, w, at, 1, &ret)))
		return ret;
	len = zos_le32(h + 4);
	e = zos_le64(h + 16);
	if (zos_le32(h) != BS_KV_MAGIC || zos_le64(h + 8) != kv->r->nonce ||
	    zos_le32(h + 24) != kv->ctl.gen || zos_le32(h + 28) != kv->last_crc || zos_le32(h + 36))
		return 0;
	if (e < *epoch || e > kv->ctl.epoch || len < BS_KV_HEADER + 4 || len > BS_KV_RECORD_MAX)
		return 0;
	/* Ours, but bigger than this configuration's records: stopping here
	 * would let the next write overwrite it. */
	if (len > kv->rec_max)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	n = bs_kv_sectors(len);
	if (n > kv->half - at)
		return 0;
	if (!(h = window_at(kv, w, at, n, &ret)))
		return ret;
	if (zos_le32(h + 32) != bs_kv_record_crc(h, len))
		return 0;
	/* Any value the record holds: the value limit was once larger. */
	if (kv_batch_check(h + BS_KV_HEADER, len - BS_KV_HEADER, BS_KV_RECORD_MAX, sum) != ZOS_OK)
		return 0;
	*epoch = e;
	*rec = h;
	return len;
}

static int scan(struct bs_kv *kv)
{
	struct window w = { 0, 0 };
	uint64_t epoch = 0;
	struct kv_batch_sum sum;
	const uint8_t *rec = 0;
	int64_t len;

	kv->tail = 0;
	kv->last_crc = 0;
	while ((len = load(kv, &w, kv->tail, &epoch, &sum, &rec)) > 0) {
		if (bs_index_reserve(&kv->ix, sum.writes, sum.write_key_bytes) != ZOS_OK)
			return ZOS_ERR_RESOURCE_EXHAUSTED;
		apply(kv, kv->tail, rec);
		kv->last_crc = zos_le32(rec + 32);
		kv->tail += bs_kv_sectors((uint32_t)len);
		kv->records++;
	}
	return (int)len;
}

int bs_kv_open(struct bs_kv *kv, const struct bs_region *r, const struct bs_kv_config *cfg)
{
	int ret;

	zos_memset(kv, 0, sizeof *kv);
	if (!r || !cfg || r->kind != BS_REGION_KV)
		return ZOS_ERR_INVALID_ARGUMENT;
	ret = carve(kv, cfg);
	if (ret != ZOS_OK)
		return ret;
	kv->r = r;
	kv->half = (r->sectors - BS_CONTROL_SECTORS) / 2;
	ret = bs_control_load(r, &kv->ctl);
	if (ret == ZOS_OK && kv->ctl.active > 1)
		ret = ZOS_ERR_CORRUPT;
	if (ret == ZOS_OK)
		ret = scan(kv);
	if (ret != ZOS_OK)
		kv->failed = ret;
	return ret;
}

/* ---- reading ------------------------------------------------------------ */

static int key_ok(const uint8_t *key, uint32_t klen)
{
	return klen <= ZOS_KV_KEY_MAX && (key || klen == 0);
}

int bs_kv_read(struct bs_kv *kv, const uint8_t *key, uint32_t klen, void *out, uint32_t cap,
	       uint32_t *len)
{
	uint32_t n;

	if (!key_ok(key, klen) || (!out && cap))
		return ZOS_ERR_INVALID_ARGUMENT;
	n = bs_index_find(&kv->ix, key, klen);
	if (n == BS_NIL)
		return ZOS_ERR_NOT_FOUND;
	*len = kv->ix.node[n].value_len;
	if (*len > cap)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	return bs_kv_get_bytes(kv, kv->ix.node[n].value_pos, out, *len);
}

int bs_kv_exists(struct bs_kv *kv, const uint8_t *key, uint32_t klen, int *exists)
{
	if (!key_ok(key, klen))
		return ZOS_ERR_INVALID_ARGUMENT;
	*exists = bs_index_find(&kv->ix, key, klen) != BS_NIL;
	return ZOS_OK;
}

struct list_out {
	const struct bs_index *ix;
	uint8_t *out;
	uint32_t cap, len, count;
	int truncated;
};

static int list_one(void *ctx, uint32_t node)
{
	struct list_out *l = ctx;

	if (!kv_list_add(l->out, l->cap, &l->len, &l->count, bs_index_key(l->ix, node),
			 l->ix->node[node].key_len)) {
		l->truncated = 1;
		return 1;
	}
	return 0;
}

int bs_kv_list(struct bs_kv *kv, const uint8_t *prefix, uint32_t plen, uint8_t *out,
	       uint32_t cap, uint32_t *len, int *truncated)
{
	struct list_out l = { &kv->ix, out, cap, 4, 0, 0 };

	if (!key_ok(prefix, plen) || !out || cap < 4)
		return ZOS_ERR_INVALID_ARGUMENT;
	bs_index_walk(&kv->ix, prefix, plen, list_one, &l);
	zos_st32(out, l.count);
	*len = l.len;
	*truncated = l.truncated;
	return ZOS_OK;
}

void bs_kv_info(const struct bs_kv *kv, struct bs_kv_info *out)
{
	out->keys = kv->ix.count;
	out->live_bytes = kv->ix.live_bytes;
	out->used_sectors = kv->tail;
	out->half_sectors = kv->half;
	out->generation = kv->ctl.gen;
	out->epoch = kv->ctl.epoch;
}

/* ---- mutations ------------------------------------------------------------ */

static int fail(struct bs_kv *kv, int ret)
{
	if (ret != ZOS_OK && ret != ZOS_ERR_RESOURCE_EXHAUSTED && kv->failed == ZOS_OK)
		kv->failed = ret;
	return ret;
}

/* Everything a record of body_len bytes needs, before a byte of it is
 * built (compaction uses kv->rec): room in the index for what it adds, a
 * session epoch, and room in the active half. */
static int prepare(struct bs_kv *kv, size_t body_len, const struct kv_batch_sum *sum)
{
	uint32_t need;
	int ret;

	if (kv->failed != ZOS_OK)
		return kv->failed;
	if (body_len > bs_kv_body_max(kv))
		return ZOS_ERR_INVALID_ARGUMENT;
	ret = bs_index_reserve(&kv->ix, sum->writes, sum->write_key_bytes);
	if (ret != ZOS_OK)
		return ret;
	if (!kv->writing) {
		ret = bs_control_next_epoch(kv->r, &kv->ctl);
		if (ret != ZOS_OK)
			return fail(kv, ret);
		kv->writing = 1;
	}
	/* Anything that may add data leaves room for one delete, so that a
	 * full store can always be emptied again. */
	need = bs_kv_sectors(BS_KV_HEADER + (uint32_t)body_len);
	if (sum->writes > 0)
		need += bs_kv_sectors(BS_KV_HEADER + 4 + KV_BATCH_ENTRY_OVERHEAD + ZOS_KV_KEY_MAX);
	if (need <= kv->half - kv->tail)
		return ZOS_OK;
	ret = bs_kv_compact(kv);
	if (ret != ZOS_OK)
		return fail(kv, ret);
	return need <= kv->half - kv->tail ? ZOS_OK : ZOS_ERR_RESOURCE_EXHAUSTED;
}

/* Writes the record whose body is in place, flushes, then applies it. */
static int commit(struct bs_kv *kv, uint32_t body_len)
{
	uint32_t len = BS_KV_HEADER + body_len;
	uint32_t crc = bs_kv_seal(kv, len, kv->ctl.gen, kv->last_crc);
	int ret = bs_kv_put(kv, kv->ctl.active, kv->tail, len);

	if (ret == ZOS_OK)
		ret = bs_region_flush(kv->r); /* durable here: the call may return OK */
	if (ret != ZOS_OK)
		return fail(kv, ret == ZOS_ERR_RESOURCE_EXHAUSTED ? ZOS_ERR_IO : ret);
	apply(kv, kv->tail, kv->rec);
	kv->last_crc = crc;
	kv->tail += bs_kv_sectors(len);
	kv->records++;
	return ZOS_OK;
}

/* A one-entry body: count 1, op, key, value. */
static uint32_t one_entry(struct bs_kv *kv, uint8_t op, const uint8_t *key, uint32_t klen,
			  const void *value, uint32_t vlen)
{
	uint8_t *b = kv->rec + BS_KV_HEADER;

	zos_st32(b, 1);
	b[4] = op;
	b[5] = (uint8_t)klen;
	b[6] = (uint8_t)(klen >> 8);
	if (klen)
		zos_memcpy(b + 7, key, klen); /* an empty key may come as a null pointer */
	zos_st32(b + 7 + klen, vlen);
	if (vlen)
		zos_memcpy(b + 11 + klen, value, vlen);
	return 11 + klen + vlen;
}

int bs_kv_write(struct bs_kv *kv, const uint8_t *key, uint32_t klen, const void *value,
		uint32_t vlen)
{
	struct kv_batch_sum sum = { 1, 1, klen };
	int ret;

	if (!key_ok(key, klen) || vlen > ZOS_KV_VALUE_MAX || (!value && vlen))
		return ZOS_ERR_INVALID_ARGUMENT;
	ret = prepare(kv, 4 + KV_BATCH_ENTRY_OVERHEAD + klen + vlen, &sum);
	if (ret != ZOS_OK)
		return ret;
	return commit(kv, one_entry(kv, ZOS_KV_BATCH_WRITE, key, klen, value, vlen));
}

int bs_kv_delete(struct bs_kv *kv, const uint8_t *key, uint32_t klen)
{
	struct kv_batch_sum sum = { 1, 0, 0 };
	int ret;

	if (!key_ok(key, klen))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (kv->failed != ZOS_OK)
		return kv->failed;
	if (bs_index_find(&kv->ix, key, klen) == BS_NIL)
		return ZOS_OK; /* absent either way; nothing to make durable */
	ret = prepare(kv, 4 + KV_BATCH_ENTRY_OVERHEAD + klen, &sum);
	if (ret != ZOS_OK)
		return ret;
	return commit(kv, one_entry(kv, ZOS_KV_BATCH_DELETE, key, klen, 0, 0));
}

int bs_kv_batch(struct bs_kv *kv, const uint8_t *batch, size_t len)
{
	struct kv_batch_sum sum;
	int ret = kv_batch_check(batch, len, ZOS_KV_VALUE_MAX, &sum);

	if (ret != ZOS_OK)
		return ret;
	ret = prepare(kv, len, &sum);
	if (ret != ZOS_OK)
		return ret;
	zos_memcpy(kv->rec + BS_KV_HEADER, batch, len);
	return commit(kv, (uint32_t)len);
}
