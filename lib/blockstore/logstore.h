/*
 * The CommitLog on a block device region: an append-only byte stream (the
 * framed records of axiom/frame.h) with the durability rules of a log file.
 *
 * The region's sectors 0 and 1 hold its control record (control.h); the
 * rest are data sectors, each a 32-byte header (nonce, epoch, index, bytes
 * used, CRC-32C) and up to 480 bytes of the stream. The stream is the
 * payload of data sectors 0, 1, 2, ... up to the first sector that is not
 * full or does not check out; a sector checks out when its CRC, nonce and
 * index are right and its epoch is no older than the sector before it and
 * no newer than the control record's.
 *
 * Crash rules:
 *   - after bs_log_flush returns ZOS_OK, everything written before it
 *     survives a power cut;
 *   - a sector that already holds flushed bytes is only ever rewritten by a
 *     single-sector write, which the device makes atomic: the old sector or
 *     the new one, both of which hold those bytes;
 *   - a session that writes first bumps the epoch durably, so sectors left
 *     over from an earlier session (written after the last flush and then
 *     cut off) are older than anything it writes and end the stream;
 *   - a torn tail (the stream ends inside a frame) is Axiom's to find and
 *     cut with bs_log_truncate, exactly as on the hosted log file.
 * A failed write or flush is final: every later call returns the error.
 *
 * Memory: the caller's buffer (at least BS_LOG_MEM_MIN bytes; more lets
 * full sectors go out in bigger writes), half for the sectors being
 * appended, half for reading.
 */
#ifndef ZOS_LIB_BLOCKSTORE_LOGSTORE_H
#define ZOS_LIB_BLOCKSTORE_LOGSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/blockstore/control.h"
#include "lib/blockstore/disk.h"

#define BS_LOG_MAGIC 0x53474C5Au /* "ZLGS" */
#define BS_LOG_HEADER 32u
#define BS_LOG_PAYLOAD (BLOCKDEV_SECTOR - BS_LOG_HEADER)
#define BS_LOG_MEM_MIN (4u * BLOCKDEV_SECTOR)

struct bs_log {
	const struct bs_region *r;
	struct bs_control ctl;   /* ctl.epoch: this session's, once writing */
	uint64_t data_sectors;   /* region sectors after the control slots */
	uint64_t size;           /* stream bytes, flushed or not */
	uint8_t *stage;          /* images of data sectors stage_base.. */
	uint32_t stage_sectors;
	uint64_t stage_base;
	uint32_t stage_fill;     /* stream bytes in the stage */
	uint32_t stage_durable;  /* of those, already flushed (all in stage[0]) */
	uint8_t *bounce;         /* for reads */
	uint32_t bounce_sectors;
	int writing;             /* the epoch was bumped for this session */
	int unflushed;           /* sectors written since the last flush */
	int failed;              /* ZOS_OK, or the error that stopped the log */
};

/* Opens the log in region r (kind BS_REGION_LOG) and finds its end, without
 * writing anything. ZOS_OK, INVALID_ARGUMENT (wrong region, too little
 * memory), CORRUPT (no control record) or IO. */
int bs_log_open(struct bs_log *l, const struct bs_region *r, void *mem, size_t mem_size);
/* Stream bytes [off, off + n) into buf: what Axiom verifies and replays at
 * boot. INVALID_ARGUMENT past the end; CORRUPT if a sector no longer checks
 * out. */
int bs_log_read(struct bs_log *l, uint64_t off, void *buf, size_t n);
/* The data sectors' capacity in stream bytes. */
uint64_t bs_log_capacity(const struct bs_log *l);

/* struct log_sink's operations (axiom/commitlog.h), ctx being the bs_log:
 * the platform fills a sink with these. write appends (RESOURCE_EXHAUSTED
 * when the region is full), flush is the durability point, truncate cuts
 * the stream back to its first len bytes and is durable when it returns. */
int bs_log_write(void *ctx, const uint8_t *data, size_t len);
int bs_log_flush(void *ctx);
int bs_log_truncate(void *ctx, size_t len);
/* The anchor of the durable head (axiom/anchor.h), opaque here: kept in
 * the region's control record, whose two slots make its rewrite atomic.
 * bs_log_store_anchor is durable when it returns; bs_log_anchor copies the
 * stored one (all zero: none yet). */
int bs_log_store_anchor(struct bs_log *l, const uint8_t anchor[BS_CONTROL_ANCHOR]);
void bs_log_anchor(const struct bs_log *l, uint8_t anchor[BS_CONTROL_ANCHOR]);

#endif
