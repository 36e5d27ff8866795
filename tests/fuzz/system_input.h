/*
 * The input language of the fuzz_system target, shared by its decoder
 * (fuzz_system.c) and the seed generator (make_corpus.c).
 *
 * An input is one configuration byte, then a stream of steps. Every byte
 * string is a valid input: a read past the end gives 0 and the stream stops
 * when the bytes run out. A step starts with an opcode byte whose range says
 * what happens:
 *
 *   CALL     caller, number, 4 arg selectors, input descriptor, output
 *            descriptor: a syscall from a live, not parked process
 *   SPAWN    k: Init spawns a child named after k (REGISTER_PROCESS when
 *            k >= FZ_SPAWN_REGISTER)
 *   RESUME   k: the k-th woken process retries its receive
 *   TIME     k: the clock jumps
 *   BADPID   like CALL, from pid 0, a zombie or a pid never made
 *   FAULT    k, reason, description length: the platform saw a crash
 *   FLUSH    the group commit point
 *   FAILSPAWN    the platform's spawns start or stop failing
 *   REBOOT   k: replay the log into a new System (k picks clean, crash, torn)
 *   LOGFAIL  k: k < 8 the next log write fails, k < 16 the next flush
 *   WILD     caller, raw u32 number, 4 raw u64 args, input and output
 *            descriptors
 *
 * Argument selector s: below FZ_ARG_LITERAL it is interpreted by what the
 * syscall expects there (a held slot of the right type, rights, a tag, a
 * flag, an expiry, ...); then small literals, 16 edge values, and a raw u64
 * read from the next 8 bytes.
 *
 * Input descriptor: kind in the top 3 bits, a parameter q in the low 5
 * (see enum fz_in_kind). Output descriptor: below FZ_OUT_NULL a buffer big
 * enough for any result; then NULL, NULL with a bogus capacity, and a table
 * of edge sizes.
 */
#ifndef ZOS_FUZZ_SYSTEM_INPUT_H
#define ZOS_FUZZ_SYSTEM_INPUT_H

#define FZ_MAX_STEPS 2000
#define FZ_MAX_REBOOTS 3

/* Configuration byte: checkpoint interval (low 2 bits) and the fake
 * clock's tick per reading (next 2 bits). */
#define FZ_CFG(checkpoint, tick) ((uint8_t)(((tick) & 3) << 2 | ((checkpoint) & 3)))

/* Opcode ranges: each constant is the first opcode of its range. */
enum fz_op {
	FZ_OP_CALL = 0,        /* 0..159 */
	FZ_OP_SPAWN = 160,     /* 160..187 */
	FZ_OP_RESUME = 188,    /* 188..207 */
	FZ_OP_TIME = 208,      /* 208..215 */
	FZ_OP_BADPID = 216,    /* 216..225 */
	FZ_OP_FAULT = 226,     /* 226..233 */
	FZ_OP_FLUSH = 234,     /* 234..239 */
	FZ_OP_FAILSPAWN = 240, /* 240..243 */
	FZ_OP_REBOOT = 244,    /* 244..246 */
	FZ_OP_LOGFAIL = 247,   /* 247..248 */
	FZ_OP_WILD = 249,      /* 249..255 */
};

/* Caller byte of CALL: below this, Init when it can run. */
#define FZ_CALLER_INIT 0x30
#define FZ_SPAWN_REGISTER 0xE0

/* Syscall number byte of CALL and BADPID. */
#define FZ_NUM_TABLE_END 228   /* below: a weighted table of valid numbers */
#define FZ_NUM_BYTE 228        /* 228..247: the number is the next byte */
#define FZ_NUM_RAW 248         /* 248..255: the number is the next 4 bytes */

/* Argument selectors. */
#define FZ_ARG_LITERAL 0x80    /* 0x80..0xDF: the value s - 0x80 */
#define FZ_ARG_SPECIAL 0xE0    /* 0xE0..0xEF: an edge value */
#define FZ_ARG_RAW 0xF0        /* 0xF0..0xFF: the next 8 bytes */
/* Smart slot selectors (s < 0x80): below 0x60 a held slot of the type the
 * syscall wants, 0x60..0x6F any held slot, 0x70..0x7F the slot s - 0x70. */
#define FZ_SLOT_ANY 0x60
#define FZ_SLOT_RAW 0x70

/* Input descriptor: kind << 5 | q. */
enum fz_in_kind {
	FZ_IN_NATURAL = 0, /* what the syscall takes, built from q */
	FZ_IN_NONE = 1,    /* q < 16: NULL; else NULL with in_len q * 300 */
	FZ_IN_BYTES = 2,   /* q * 16 + (next byte & 15) pattern bytes */
	FZ_IN_BIG = 3,     /* a length from an edge table (4096, 4097, ...) */
	FZ_IN_SPAWN = 4,   /* SPAWN_PROCESS header, name byte follows; q >= 16 malformed */
	FZ_IN_SENDCAP = 5, /* SEND_CAP header: ncaps from q & 7, body from q >> 3;
			    * 4 slot selectors follow */
	FZ_IN_NAME = 6,    /* a process / binary name, name byte follows */
	FZ_IN_COPY = 7,    /* q * 4 bytes copied from the input */
};
#define FZ_IN(kind, q) ((uint8_t)((kind) << 5 | ((q) & 31)))

/* Output descriptor. */
#define FZ_OUT_NULL 0x80       /* 0x80..0x87: NULL, capacity 0 */
#define FZ_OUT_NULL_CAP 0x88   /* 0x88..0x8F: NULL with a capacity */
#define FZ_OUT_SIZED 0x90      /* 0x90..0xFF: an edge size */

#endif
