/*
 * The anchor of the durable head: the seq and hash of the newest commit a
 * group commit made durable, kept apart from the log (where a truncation of
 * the log does not reach it) and rewritten after each group commit.
 *
 * A power cut can tear only the last, unacknowledged write of the log, so a
 * log that verifies but ends before its anchor, or whose commit at the
 * anchor's seq is not the one anchored, has lost or changed something that
 * was acknowledged: boot refuses it, naming the first missing seq. A log
 * longer than its anchor is fine (the cut came between the log's flush and
 * the anchor's).
 *
 * Stored form, the same on every platform: two slots written alternately
 * (a torn write spoils at most the one being written); the valid slot with
 * the greater seq is the anchor.
 *
 *   off size field
 *     0    4 magic "ZAN1"
 *     4    4 zero
 *     8    8 seq of the anchored commit
 *    16   32 its hash
 *    48    4 CRC-32C of bytes 0..47
 */
#ifndef ZOS_AXIOM_ANCHOR_H
#define ZOS_AXIOM_ANCHOR_H

#include <stdint.h>
#include <zos/commit.h>

#define ZOS_ANCHOR_MAGIC 0x314E415Au /* "ZAN1" little-endian */
#define ZOS_ANCHOR_SLOT_SIZE 52u
#define ZOS_ANCHOR_SLOTS 2u
/* In an anchor file (hosted): slot i at i * this, one sector each. */
#define ZOS_ANCHOR_FILE_SLOT_OFFSET 512u

struct log_anchor {
	uint64_t seq;
	uint8_t hash[ZOS_HASH_SIZE];
};

struct replay_report;

/* One slot's bytes for a. */
void anchor_encode(const struct log_anchor *a, uint8_t out[ZOS_ANCHOR_SLOT_SIZE]);
/* ZOS_OK and *a, or ZOS_ERR_CORRUPT when the slot does not check out. */
int anchor_decode(const uint8_t in[ZOS_ANCHOR_SLOT_SIZE], struct log_anchor *a);
/* The slot a new anchor for seq goes to (the other one than seq - 1's, so
 * consecutive anchors alternate). */
uint32_t anchor_slot_for(uint64_t seq);
/* The anchor among the two slots: ZOS_OK and *a; ZOS_ERR_NOT_FOUND when
 * both are all zero (never written); ZOS_ERR_CORRUPT when neither checks
 * out otherwise. */
int anchor_pick(const uint8_t slots[ZOS_ANCHOR_SLOTS][ZOS_ANCHOR_SLOT_SIZE], struct log_anchor *a);
/* After a replay (replay_records_probe with a->seq): does the log reach the
 * anchor and hold the anchored commit? ZOS_OK, or ZOS_ERR_CORRUPT with
 * rep's status, bad_seq and reason set. */
int anchor_check(const struct log_anchor *a, struct replay_report *rep);

#endif
