/*
 * The input language of the fuzz_log target, shared by its decoder
 * (fuzz_log.c) and the seed generator (make_corpus.c).
 *
 * The low two bits of the first byte pick a mode (enum fzl_mode); the rest
 * of the input is that mode's:
 *
 *   RAW      a framed log, as read back from a disk.
 *   COMMITS  a flags byte, then chunks: u8 length L, L bytes of an encoded
 *            commit (without its frame).
 *   MUTATE   u8 which real log, flags byte, u8 edit count (mod 16), the
 *            edits (enum fzl_edit, each with its operands), then the
 *            operands of the file-level damage the flags ask for.
 *   DECODE   one encoded commit (or any bytes) to decode and frame.
 *
 * Record indexes and file offsets are u16 little-endian, taken modulo the
 * count or length; record offsets are u8.
 */
#ifndef ZOS_FUZZ_LOG_INPUT_H
#define ZOS_FUZZ_LOG_INPUT_H

enum fzl_mode { FZL_RAW = 0, FZL_COMMITS = 1, FZL_MUTATE = 2, FZL_DECODE = 3 };

/* Flags of COMMITS and MUTATE. */
#define FZL_RECHAIN 0x01        /* fix seq, previous hash and hash of what decodes */
#define FZL_NO_CHECKPOINTS 0x02 /* with RECHAIN: drop the Checkpoint commits */
#define FZL_CUT 0x04            /* u16: cut the file short by 1 + u16 % len bytes */
#define FZL_ZEROS 0x08          /* u16: zeros from u16 % len to the end */
#define FZL_FLIP 0x10           /* u16, u8: xor one byte of the file */
#define FZL_BOOT 0x20           /* boot a System from the log if it verifies (RAW
				 * logs that verify always boot) */

/* MUTATE edits (the edit byte modulo 8) and their operands. */
enum fzl_edit {
	FZL_EDIT_FLIP = 0,   /* rec u16, off u8, xor u8 */
	FZL_EDIT_SET8 = 1,   /* rec u16, off u8, value u8 */
	FZL_EDIT_SET64 = 2,  /* rec u16, off u8, 8 bytes */
	FZL_EDIT_DROP = 3,   /* rec u16 */
	FZL_EDIT_DUP = 4,    /* rec u16 */
	FZL_EDIT_SWAP = 5,   /* rec u16, rec u16 */
	FZL_EDIT_KEEP = 6,   /* count u16: keep the first count % (n + 1) records */
	FZL_EDIT_RESIZE = 7, /* rec u16, new length u8 (grown with zeros) */
};

#define FZL_REAL_LOGS 2

#endif
