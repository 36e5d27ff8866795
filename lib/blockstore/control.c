/*
 * The control record's two slots (see control.h).
 *
 *   off size field
 *     0    4 magic "ZBSC"
 *     4    4 region kind
 *     8    8 counter
 *    16    8 nonce (the disk's)
 *    24    8 epoch
 *    32    4 gen
 *    36    4 active
 *    40   52 anchor (a log region's; zero elsewhere)
 *    92  416 zero
 *   508    4 CRC-32C of bytes 0..507
 */
#include "lib/blockstore/control.h"

#include <zos/error.h>

#include "lib/bytes.h"
#include "lib/crc32c.h"
#include "lib/mem.h"

static void encode(const struct bs_region *r, const struct bs_control *c, uint8_t *s)
{
	zos_memset(s, 0, BLOCKDEV_SECTOR);
	zos_st32(s, BS_CONTROL_MAGIC);
	zos_st32(s + 4, r->kind);
	zos_st64(s + 8, c->counter);
	zos_st64(s + 16, r->nonce);
	zos_st64(s + 24, c->epoch);
	zos_st32(s + 32, c->gen);
	zos_st32(s + 36, c->active);
	zos_memcpy(s + 40, c->anchor, BS_CONTROL_ANCHOR);
	zos_st32(s + 508, zos_crc32c(0, s, 508));
}

/* 1 when s holds a record of this region, decoded into c. */
static int decode(const struct bs_region *r, const uint8_t *s, struct bs_control *c)
{
	if (zos_le32(s) != BS_CONTROL_MAGIC || zos_le32(s + 4) != r->kind)
		return 0;
	if (zos_le32(s + 508) != zos_crc32c(0, s, 508) || zos_le64(s + 16) != r->nonce)
		return 0;
	c->counter = zos_le64(s + 8);
	c->epoch = zos_le64(s + 24);
	c->gen = zos_le32(s + 32);
	c->active = zos_le32(s + 36);
	zos_memcpy(c->anchor, s + 40, BS_CONTROL_ANCHOR);
	return c->counter != 0;
}

int bs_control_load(const struct bs_region *r, struct bs_control *c)
{
	uint8_t s[2][BLOCKDEV_SECTOR];
	struct bs_control slot[2];
	int ok[2];
	int ret = bs_region_read(r, 0, BS_CONTROL_SECTORS, s);

	if (ret != ZOS_OK)
		return ret;
	ok[0] = decode(r, s[0], &slot[0]);
	ok[1] = decode(r, s[1], &slot[1]);
	if (ok[0] && ok[1] && slot[0].counter == slot[1].counter)
		return ZOS_ERR_CORRUPT;
	if (ok[0] && (!ok[1] || slot[0].counter > slot[1].counter))
		*c = slot[0];
	else if (ok[1])
		*c = slot[1];
	else
		return ZOS_ERR_CORRUPT;
	return ZOS_OK;
}

int bs_control_store(const struct bs_region *r, struct bs_control *c)
{
	uint8_t s[BLOCKDEV_SECTOR];
	struct bs_control next = *c;
	int ret;

	next.counter = c->counter + 1;
	encode(r, &next, s);
	/* The slot the current record is not in: the current one survives a
	 * torn write of this one. */
	ret = bs_region_write(r, next.counter % 2, 1, s);
	if (ret == ZOS_OK)
		ret = bs_region_flush(r);
	if (ret == ZOS_OK)
		*c = next; /* durable here */
	return ret;
}

int bs_control_next_epoch(const struct bs_region *r, struct bs_control *c)
{
	struct bs_control next = *c;
	int ret;

	next.epoch++;
	ret = bs_control_store(r, &next);
	if (ret == ZOS_OK)
		*c = next;
	return ret;
}

int bs_control_init(const struct bs_region *r)
{
	uint8_t s[2][BLOCKDEV_SECTOR];
	struct bs_control c = { .counter = 1 };

	/* counter 1 goes to slot 1 % 2 = 1 by the rule above; slot 0 is
	 * zeroed so an earlier format's record cannot compete. */
	zos_memset(s[0], 0, BLOCKDEV_SECTOR);
	encode(r, &c, s[1]);
	return bs_region_write(r, 0, BS_CONTROL_SECTORS, s);
}
