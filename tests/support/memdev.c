/*
 * The power-cut block device (see memdev.h).
 */
#include "memdev.h"

#include <stdlib.h>
#include <string.h>
#include <zos/error.h>

static int range_ok(const struct memdev *m, uint64_t lba, uint32_t count)
{
	return count > 0 && lba < m->dev.sectors && count <= m->dev.sectors - lba;
}

static int md_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	struct memdev *m = ctx;

	if (!range_ok(m, lba, count))
		return ZOS_ERR_INVALID_ARGUMENT;
	memcpy(buf, m->now + lba * BLOCKDEV_SECTOR, (size_t)count * BLOCKDEV_SECTOR);
	return ZOS_OK;
}

/* 1 when this call is the one that dies (or it already died). */
static int dying(struct memdev *m)
{
	if (m->dead)
		return 1;
	if (m->die_after > 0 && --m->die_after == 0)
		m->dead = 1;
	return m->dead;
}

static int md_write(void *ctx, uint64_t lba, uint32_t count, const void *buf)
{
	struct memdev *m = ctx;
	size_t n = (size_t)count * BLOCKDEV_SECTOR;
	struct memdev_write *w;

	if (!range_ok(m, lba, count))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (dying(m))
		return ZOS_ERR_IO;
	if (m->npending == m->cap) {
		uint32_t cap = m->cap ? m->cap * 2 : 64;
		void *p = realloc(m->pending, cap * sizeof *m->pending);
		if (!p)
			return ZOS_ERR_IO;
		m->pending = p;
		m->cap = cap;
	}
	w = &m->pending[m->npending];
	w->data = malloc(n);
	if (!w->data)
		return ZOS_ERR_IO;
	memcpy(w->data, buf, n);
	w->lba = lba;
	w->count = count;
	m->npending++;
	memcpy(m->now + lba * BLOCKDEV_SECTOR, buf, n);
	m->writes++;
	m->sectors_written += count;
	return ZOS_OK;
}

static void drop_pending(struct memdev *m)
{
	for (uint32_t i = 0; i < m->npending; i++)
		free(m->pending[i].data);
	m->npending = 0;
}

void memdev_sync_all(struct memdev *m)
{
	for (uint32_t i = 0; i < m->npending; i++) {
		struct memdev_write *w = &m->pending[i];
		memcpy(m->durable + w->lba * BLOCKDEV_SECTOR, w->data, (size_t)w->count * BLOCKDEV_SECTOR);
	}
	drop_pending(m);
}

static int md_flush(void *ctx)
{
	struct memdev *m = ctx;

	if (dying(m))
		return ZOS_ERR_IO;
	memdev_sync_all(m);
	m->flushes++;
	return ZOS_OK;
}

void memdev_crash(struct memdev *m)
{
	for (uint32_t i = 0; i < m->npending; i++) {
		struct memdev_write *w = &m->pending[i];
		/* lost, kept, or (several sectors) torn */
		uint64_t how = rng_next(&m->rng) % (w->count > 1 ? 3 : 2);
		for (uint32_t s = 0; s < w->count; s++) {
			uint8_t *dst = m->durable + (w->lba + s) * BLOCKDEV_SECTOR;
			const uint8_t *src = w->data + (size_t)s * BLOCKDEV_SECTOR;
			uint64_t part = how == 2 ? rng_next(&m->rng) % 3 : how;
			if (part == 1)
				memcpy(dst, src, BLOCKDEV_SECTOR);
			else if (part == 2) /* torn inside the sector: a multiple of 8 bytes */
				memcpy(dst, src, 8 * (rng_next(&m->rng) % (BLOCKDEV_SECTOR / 8)));
		}
	}
	drop_pending(m);
	memcpy(m->now, m->durable, m->dev.sectors * BLOCKDEV_SECTOR);
	m->dead = 0;
	m->die_after = -1;
}

int memdev_init(struct memdev *m, uint64_t sectors, uint64_t seed)
{
	memset(m, 0, sizeof *m);
	m->now = calloc(sectors, BLOCKDEV_SECTOR);
	m->durable = calloc(sectors, BLOCKDEV_SECTOR);
	if (!m->now || !m->durable) {
		memdev_free(m);
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	m->rng = rng_seeded(seed);
	m->die_after = -1;
	m->dev.ctx = m;
	m->dev.sectors = sectors;
	m->dev.read = md_read;
	m->dev.write = md_write;
	m->dev.flush = md_flush;
	return ZOS_OK;
}

void memdev_free(struct memdev *m)
{
	drop_pending(m);
	free(m->pending);
	free(m->now);
	free(m->durable);
	memset(m, 0, sizeof *m);
}
