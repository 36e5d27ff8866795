/*
 * Compaction of the key-value store (see kv.h): the live entries, in key
 * order, packed into as few records as hold them (each body at most
 * bs_kv_body_max, what open accepts), written to the other half under the
 * next generation.
 *
 * Crash safety, step by step:
 *   1. a new epoch is stored: the copy's records are told apart from any
 *      left in the other half by an earlier attempt;
 *   2. the records are written to the other half and flushed: the control
 *      record still names the old half, which nothing has touched;
 *   3. the control record is stored naming the new half and generation:
 *      from the moment its flush returns, the copy is the store;
 *   4. the index learns the new places (each node kept its copy's place in
 *      new_pos), which cannot fail.
 * A failure before 3 leaves the old half active and the index as it was.
 */
#include <zos/abi.h>
#include <zos/error.h>

#include "lib/blockstore/kv_record.h"
#include "lib/bytes.h"
#include "lib/mem.h"

struct copy {
	struct bs_kv *kv;
	uint32_t half;      /* the half being written */
	uint64_t at;        /* its next free sector */
	uint32_t fill;      /* body bytes of the record being built */
	uint32_t count;     /* entries in it */
	uint32_t prev;      /* CRC of the last record written */
	int err;
};

static int copy_flush(struct copy *c)
{
	struct bs_kv *kv = c->kv;
	uint32_t len = BS_KV_HEADER + c->fill;
	int ret;

	if (c->count == 0)
		return ZOS_OK;
	zos_st32(kv->rec + BS_KV_HEADER, c->count);
	c->prev = bs_kv_seal(kv, len, kv->ctl.gen + 1, c->prev);
	ret = bs_kv_put(kv, c->half, c->at, len);
	if (ret != ZOS_OK)
		return ret;
	c->at += bs_kv_sectors(len);
	c->fill = 4;
	c->count = 0;
	return ZOS_OK;
}

static int copy_one(void *ctx, uint32_t n)
{
	struct copy *c = ctx;
	struct bs_kv *kv = c->kv;
	struct bs_node *d = &kv->ix.node[n];
	uint32_t size = KV_BATCH_ENTRY_OVERHEAD + d->key_len + d->value_len;
	uint8_t *e;

	if (c->fill + size > bs_kv_body_max(kv))
		c->err = copy_flush(c);
	/* Cannot happen: every entry came in a record body of at most that. */
	if (c->err == ZOS_OK && c->fill + size > bs_kv_body_max(kv))
		c->err = ZOS_ERR_RESOURCE_EXHAUSTED;
	if (c->err != ZOS_OK)
		return 1;
	e = kv->rec + BS_KV_HEADER + c->fill;
	e[0] = ZOS_KV_BATCH_WRITE;
	e[1] = (uint8_t)d->key_len;
	e[2] = (uint8_t)(d->key_len >> 8);
	zos_memcpy(e + 3, bs_index_key(&kv->ix, n), d->key_len);
	zos_st32(e + 3 + d->key_len, d->value_len);
	c->err = bs_kv_get_bytes(kv, d->value_pos, e + 7 + d->key_len, d->value_len);
	d->new_pos = (bs_kv_half_lba(kv, c->half) + c->at) * BLOCKDEV_SECTOR + BS_KV_HEADER + c->fill +
		     7 + d->key_len;
	c->fill += size;
	c->count++;
	return c->err != ZOS_OK;
}

static int move_one(void *ctx, uint32_t n)
{
	struct bs_kv *kv = ctx;
	kv->ix.node[n].value_pos = kv->ix.node[n].new_pos;
	return 0;
}

int bs_kv_compact(struct bs_kv *kv)
{
	struct copy c = { kv, kv->ctl.active ^ 1u, 0, 4, 0, 0, ZOS_OK };
	struct bs_control next;
	int ret = bs_control_next_epoch(kv->r, &kv->ctl);

	if (ret != ZOS_OK)
		return ret;
	bs_index_walk(&kv->ix, 0, 0, copy_one, &c);
	if (c.err == ZOS_OK)
		c.err = copy_flush(&c);
	if (c.err == ZOS_OK)
		c.err = bs_region_flush(kv->r);
	if (c.err != ZOS_OK)
		return c.err; /* RESOURCE_EXHAUSTED: the live data does not fit */
	next = kv->ctl;
	next.gen++;
	next.active = c.half;
	ret = bs_control_store(kv->r, &next);
	if (ret != ZOS_OK)
		return ret;
	kv->ctl = next; /* the copy is the store from here */
	bs_index_walk(&kv->ix, 0, 0, move_one, kv);
	kv->tail = c.at;
	kv->last_crc = c.prev;
	kv->compactions++;
	return ZOS_OK;
}
