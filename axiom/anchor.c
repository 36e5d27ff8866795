/*
 * The anchor of the durable head (see anchor.h).
 */
#include "axiom/anchor.h"

#include <zos/error.h>

#include "axiom/replay.h"
#include "lib/bytes.h"
#include "lib/crc32c.h"
#include "lib/mem.h"

void anchor_encode(const struct log_anchor *a, uint8_t out[ZOS_ANCHOR_SLOT_SIZE])
{
	zos_memset(out, 0, ZOS_ANCHOR_SLOT_SIZE);
	zos_st32(out, ZOS_ANCHOR_MAGIC);
	zos_st64(out + 8, a->seq);
	zos_memcpy(out + 16, a->hash, ZOS_HASH_SIZE);
	zos_st32(out + 48, zos_crc32c(0, out, 48));
}

int anchor_decode(const uint8_t in[ZOS_ANCHOR_SLOT_SIZE], struct log_anchor *a)
{
	if (zos_le32(in) != ZOS_ANCHOR_MAGIC || zos_le32(in + 4) != 0 ||
	    zos_le32(in + 48) != zos_crc32c(0, in, 48))
		return ZOS_ERR_CORRUPT;
	a->seq = zos_le64(in + 8);
	zos_memcpy(a->hash, in + 16, ZOS_HASH_SIZE);
	return ZOS_OK;
}

uint32_t anchor_slot_for(uint64_t seq)
{
	return (uint32_t)(seq & 1u);
}

static int all_zero(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int anchor_pick(const uint8_t slots[ZOS_ANCHOR_SLOTS][ZOS_ANCHOR_SLOT_SIZE], struct log_anchor *a)
{
	struct log_anchor s[ZOS_ANCHOR_SLOTS];
	int ok[ZOS_ANCHOR_SLOTS];

	for (uint32_t i = 0; i < ZOS_ANCHOR_SLOTS; i++)
		ok[i] = anchor_decode(slots[i], &s[i]) == ZOS_OK;
	if (ok[0] && (!ok[1] || s[0].seq >= s[1].seq))
		*a = s[0];
	else if (ok[1])
		*a = s[1];
	else if (all_zero(slots[0], ZOS_ANCHOR_SLOT_SIZE) && all_zero(slots[1], ZOS_ANCHOR_SLOT_SIZE))
		return ZOS_ERR_NOT_FOUND;
	else
		return ZOS_ERR_CORRUPT;
	return ZOS_OK;
}

int anchor_check(const struct log_anchor *a, struct replay_report *rep)
{
	if (rep->status != ZOS_OK)
		return rep->status;
	rep->anchor_seq = a->seq;
	rep->anchor = REPLAY_ANCHOR_CHECKED;
	if (rep->next_seq <= a->seq) {
		rep->status = ZOS_ERR_CORRUPT;
		rep->bad_seq = rep->next_seq;
		rep->reason = "the log ends before its anchor: commits that were made durable are missing";
	} else if (!rep->probe_found || zos_memcmp(rep->probe_hash, a->hash, ZOS_HASH_SIZE)) {
		rep->status = ZOS_ERR_CORRUPT;
		rep->bad_seq = a->seq;
		rep->reason = "the commit at the anchor's seq is not the one made durable (the log was replaced or rewritten)";
	}
	if (rep->status != ZOS_OK)
		rep->anchor = REPLAY_ANCHOR_FAILED;
	return rep->status;
}
