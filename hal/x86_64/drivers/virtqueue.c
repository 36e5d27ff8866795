/*
 * The split virtqueue (see virtqueue.h). Layout in the ring page: the
 * descriptor table at 0 (16-byte aligned, 16 * size bytes), the avail ring
 * at 1 KiB (2-byte aligned, 6 + 2 * size bytes), the used ring at 2 KiB
 * (4-byte aligned, 6 + 8 * size bytes): for size <= 64 none overlaps.
 *
 * The wait spins without `pause`: under QEMU's TCG each `pause` leaves the
 * translated code, and a 4 KiB read took ten times longer with it (4 s
 * against 0.06-0.35 s for 1024 reads).
 *
 * Ordering: x86 keeps stores in order and loads in order, so barriers here
 * only stop the compiler, except before the notify: the kick is an uncached
 * write, and mfence makes sure the ring updates are visible first.
 */
#include "hal/x86_64/drivers/virtqueue.h"

#include <zos/error.h>

#include "hal/x86_64/drivers/clock.h"
#include "hal/x86_64/mem/layout.h"
#include "hal/x86_64/mem/pmm.h"

#define AVAIL_OFF 1024u
#define USED_OFF 2048u

_Static_assert(16u * VIRTQ_MAX_SIZE <= AVAIL_OFF, "descriptors overlap the avail ring");
_Static_assert(AVAIL_OFF + 6u + 2u * VIRTQ_MAX_SIZE <= USED_OFF, "avail overlaps used");
_Static_assert(USED_OFF + 6u + 8u * VIRTQ_MAX_SIZE <= PAGE_SIZE, "rings exceed a page");

static inline void compiler_barrier(void)
{
	__asm__ volatile("" ::: "memory");
}

uint64_t virtq_desc_phys(const struct virtq *q)
{
	return q->ring_phys;
}

uint64_t virtq_avail_phys(const struct virtq *q)
{
	return q->ring_phys + AVAIL_OFF;
}

uint64_t virtq_used_phys(const struct virtq *q)
{
	return q->ring_phys + USED_OFF;
}

int virtq_init(struct virtq *q, uint16_t index, uint16_t size)
{
	uint8_t *page;

	if (size < VIRTQ_MIN_SIZE || size > VIRTQ_MAX_SIZE || (size & (size - 1)))
		return ZOS_ERR_INVALID_ARGUMENT;
	*q = (struct virtq){ .size = size, .index = index };
	q->ring_phys = pmm_alloc(1);
	if (!q->ring_phys)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	page = phys_to_virt(q->ring_phys);
	q->desc = (volatile struct virtq_desc *)page;
	q->avail = (volatile uint16_t *)(page + AVAIL_OFF);
	q->used = (volatile uint16_t *)(page + USED_OFF);
	return ZOS_OK;
}

void virtq_free(struct virtq *q)
{
	if (q->ring_phys)
		pmm_free(q->ring_phys, 1);
	q->ring_phys = 0;
}

void virtq_submit(struct virtq *q, uint16_t head)
{
	q->avail[2 + (q->avail_idx & (q->size - 1))] = head;
	compiler_barrier(); /* the entry before the index that publishes it */
	q->avail_idx++;
	q->avail[1] = q->avail_idx;
	__asm__ volatile("mfence" ::: "memory");
	*q->notify = q->index;
}

int virtq_wait(struct virtq *q, uint64_t deadline_ns, uint32_t *id, uint32_t *len)
{
	uint16_t used_idx, outstanding = (uint16_t)(q->avail_idx - q->used_seen);
	volatile uint32_t *elem;

	for (;;) {
		used_idx = q->used[1];
		if (used_idx != q->used_seen)
			break;
		if (clock_now_ns() > deadline_ns)
			return ZOS_ERR_IO;
	}
	/* The device can only have returned chains it was given. */
	if ((uint16_t)(used_idx - q->used_seen) > outstanding)
		return ZOS_ERR_CORRUPT;
	compiler_barrier(); /* the entry after the index that published it */
	elem = (volatile uint32_t *)(q->used + 2) + 2 * (q->used_seen & (q->size - 1));
	*id = elem[0];
	*len = elem[1];
	q->used_seen++;
	return *id < q->size ? ZOS_OK : ZOS_ERR_CORRUPT;
}
