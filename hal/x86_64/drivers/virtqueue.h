/*
 * One split virtqueue (virtio 1.x, section 2.7) driven synchronously: the
 * driver publishes one descriptor chain, notifies, and polls the used ring
 * until the device hands that chain back or a deadline passes. No
 * interrupts, no event-index suppression.
 *
 * Memory: one zeroed page from the page allocator holds the descriptor
 * table, the driver (avail) ring and the device (used) ring, at offsets
 * that satisfy each part's alignment for any size up to VIRTQ_MAX_SIZE.
 * The device's answers (used index, id, length) are checked before use.
 */
#ifndef ZOS_X86_VIRTQUEUE_H
#define ZOS_X86_VIRTQUEUE_H

#include <stdint.h>

#define VIRTQ_MAX_SIZE 64   /* descriptors we use at most: the rings fit one page */
#define VIRTQ_MIN_SIZE 4    /* a block request chain needs 3 descriptors */

#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2 /* the device writes this buffer */

struct virtq_desc {
	uint64_t addr;  /* physical */
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
_Static_assert(sizeof(struct virtq_desc) == 16, "virtio descriptor layout");

struct virtq {
	uint16_t size;                  /* a power of two <= VIRTQ_MAX_SIZE */
	uint16_t index;                 /* the queue's number on its device */
	uint16_t avail_idx;             /* next avail index the driver publishes */
	uint16_t used_seen;             /* used index consumed so far */
	uint64_t ring_phys;             /* the page holding all three parts */
	volatile struct virtq_desc *desc;
	volatile uint16_t *avail;       /* flags, idx, ring[size] */
	volatile uint16_t *used;        /* flags, idx, then {u32 id, u32 len}[size] */
	volatile uint16_t *notify;      /* where the queue's number is written to kick it */
};

/* The physical addresses the transport gives the device. */
uint64_t virtq_desc_phys(const struct virtq *q);
uint64_t virtq_avail_phys(const struct virtq *q);
uint64_t virtq_used_phys(const struct virtq *q);

/* Allocates the rings for a queue of size entries (a power of two between
 * VIRTQ_MIN_SIZE and VIRTQ_MAX_SIZE); ZOS_OK, INVALID_ARGUMENT or
 * RESOURCE_EXHAUSTED. */
int virtq_init(struct virtq *q, uint16_t index, uint16_t size);
/* Frees the rings; only once the device no longer owns them (after reset). */
void virtq_free(struct virtq *q);
/* Publishes the chain starting at descriptor head and notifies the device. */
void virtq_submit(struct virtq *q, uint16_t head);
/* Waits until the device returns a chain, at most until deadline_ns
 * (clock_now_ns). ZOS_OK with its head id and written length; ZOS_ERR_IO on
 * timeout; ZOS_ERR_CORRUPT when the used ring is inconsistent (more entries
 * than chains outstanding, an id out of range). */
int virtq_wait(struct virtq *q, uint64_t deadline_ns, uint32_t *id, uint32_t *len);

#endif
