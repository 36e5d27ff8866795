/*
 * A region's control record: the little state a store keeps outside its
 * data, in two slots (the region's sectors 0 and 1) written alternately.
 *
 * Each store writes it only through bs_control_store, which puts the next
 * counter into the slot the current record is not in and flushes: a crash
 * while it is written leaves the previous record intact in the other slot,
 * so a load always finds the last record whose store returned ZOS_OK (or
 * the one being written, if it got through whole).
 *
 * epoch: bumped durably by every session that will write (and by every log
 * truncation); everything written carries the epoch it was written in, so a
 * reader tells data of this session from leftovers of an earlier one.
 * gen and active: the key-value store's generation and active half.
 * anchor: a log region's anchor of its durable head, opaque here (Axiom's
 * encoding, axiom/anchor.h; all zero: none yet).
 */
#ifndef ZOS_LIB_BLOCKSTORE_CONTROL_H
#define ZOS_LIB_BLOCKSTORE_CONTROL_H

#include <stdint.h>

#include "lib/blockstore/disk.h"

#define BS_CONTROL_SECTORS 2u
#define BS_CONTROL_MAGIC 0x4353425Au /* "ZBSC" */
#define BS_CONTROL_ANCHOR 52u /* bytes of the anchor blob (ZOS_ANCHOR_SLOT_SIZE) */

struct bs_control {
	uint64_t counter; /* which slot is newer; starts at 1 */
	uint64_t epoch;
	uint32_t gen;
	uint32_t active;
	uint8_t anchor[BS_CONTROL_ANCHOR];
};

/* The newest valid record: ZOS_OK, or CORRUPT when neither slot checks
 * out (or both claim the same counter). */
int bs_control_load(const struct bs_region *r, struct bs_control *c);
/* Writes c with the next counter to the other slot and flushes; on ZOS_OK
 * c->counter is the new one. */
int bs_control_store(const struct bs_region *r, struct bs_control *c);
/* Starts a new epoch (epoch + 1, stored as above): what a session does
 * before its first write, and a store whenever it must tell what it writes
 * next from everything written before. */
int bs_control_next_epoch(const struct bs_region *r, struct bs_control *c);
/* A fresh record (counter 1, everything else 0) in its slot, the other
 * slot zeroed.
 * Not flushed: the format flushes once for every region. */
int bs_control_init(const struct bs_region *r);

#endif
