/*
 * fuzz_system: a libFuzzer target that drives a whole System (Axiom gateway
 * + kernel) on the fake platform with syscalls decoded from the input.
 *
 * The input language is in system_input.h. Each input starts a fresh
 * System (Genesis, Init started) and runs at most FZ_MAX_STEPS steps: mostly
 * syscalls from live processes with plausible arguments (slots they hold,
 * valid rights and headers), sometimes from dead or bogus pids, with wild
 * numbers, huge arguments, oversized or malformed input buffers and output
 * buffers of awkward sizes. Every buffer is its own heap block of exactly
 * the size the syscall record claims, so the sanitizers see any access past
 * it. Init spawns children so that many processes take part; platform
 * faults, clock jumps, flushes, injected I/O errors and reboots (clean, or a
 * crash that loses the unflushed tail) happen too.
 *
 * The harness plays the platform's part honestly: a process parked in a
 * blocking receive issues nothing until its wake arrives (the fake HAL
 * records wakes), then it is resumed with the same syscall and buffers.
 *
 * Oracles, any failure aborts with the reason:
 *  - after every step the kernel invariants hold (tests/support/invariants);
 *    a step that appended no commit must leave the state byte-identical
 *    (nothing but apply writes it), and then the last verdict stands;
 *  - results are >= 0 or a known error; a success never claims more output
 *    than the buffer holds; SYS_GONE only for a caller that is gone;
 *  - the System's parked set and the platform's view agree: a wake names a
 *    parked process, no live process is unparked without finishing;
 *  - a log the System wrote always boots (replay + Boot);
 *  - at the end the in-memory window verifies (commitlog_verify), and the
 *    framed log the sink received replays from genesis (status OK, whole
 *    log, same head) to exactly the live state hash.
 *
 * Set ZOS_FUZZ_TRACE=1 to print each step when running a reproducer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/error.h>
#include <zos/pid.h>
#include <zos/syscall.h>

#include "axiom/frame.h"
#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "support/fake_platform.h"
#include "support/invariants.h"
#include "system_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define OUT_NATURAL (sizeof(struct zos_msg_header) + ZOS_MSG_MAX)
#define IN_MAX 100000u
#define SPAWN_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN)

/* The bytes of the input, read front to back; 0 past the end. */
struct reader {
	const uint8_t *p;
	size_t n;
	size_t pos;
};

/* A process parked in a blocking receive, as the platform sees it. */
struct waiter {
	zos_syscall_t sc; /* the syscall it parked in; its buffers are owned here */
	uint8_t *in;
	uint8_t *out;
	uint32_t pid;
	uint8_t used;
	uint8_t woken;    /* the HAL's wake arrived; resume not yet done */
};

/* A syscall being built: the record and the heap blocks behind it. */
struct call {
	zos_syscall_t sc;
	uint8_t *in;
	uint8_t *out;
	uint32_t pid;
};

struct fuzz {
	struct fake_platform fp;
	struct zos_system *sys;
	struct reader rd;
	struct waiter waiters[ZOS_MAX_PROCS];
	struct kstate *seen;        /* the state as last checked */
	uint64_t seen_seq;          /* the log's next_seq then */
	uint32_t seen_boot;         /* z->reboots then; ~0 before the first check */
	uint32_t checkpoint_every;
	uint32_t reboots;
	uint32_t steps;
	int trace;
};

static struct fuzz fz;
static uint8_t scratch[IN_MAX];

/* ---- failing loudly ---------------------------------------------------- */

static void die(const struct fuzz *z, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

static void die(const struct fuzz *z, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_system: step %u: ", z->steps);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* Exactly n bytes (a zero-size block for 0), so any access past the end of
 * a buffer is the sanitizer's to see. */
static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p && n)
		abort();
	return p;
}

/* A heap block holding exactly the n bytes at p. */
static uint8_t *heap_copy(const uint8_t *p, size_t n)
{
	uint8_t *b = xmalloc(n);
	if (n)
		memcpy(b, p, n);
	return b;
}

/* ---- reading the input ------------------------------------------------- */

static uint8_t rd8(struct reader *r)
{
	return r->pos < r->n ? r->p[r->pos++] : 0;
}

static uint32_t rd32(struct reader *r)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)rd8(r) << (8 * i);
	return v;
}

static uint64_t rd64(struct reader *r)
{
	uint64_t lo = rd32(r);
	return lo | (uint64_t)rd32(r) << 32;
}

/* ---- what the platform knows about processes ---------------------------- */

static struct waiter *waiter_of(struct fuzz *z, uint32_t pid)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (z->waiters[i].used && z->waiters[i].pid == pid)
			return &z->waiters[i];
	return 0;
}

static int alive(const struct fuzz *z, uint32_t pid)
{
	const struct proc *p = kernel_proc(&z->sys->k.s, pid);
	return p && p->state == ZOS_PROC_ALIVE;
}

/* Live user processes; parked ones only when asked for. In table order. */
static uint32_t live_pids(struct fuzz *z, uint32_t *out, int with_parked)
{
	uint32_t n = 0;
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		const struct proc *p = &z->sys->k.s.procs[i];
		if (p->state == ZOS_PROC_ALIVE && p->pid != ZOS_PID_KERNEL &&
		    (with_parked || !waiter_of(z, p->pid)))
			out[n++] = p->pid;
	}
	return n;
}

static int can_run(struct fuzz *z, uint32_t pid)
{
	return alive(z, pid) && !waiter_of(z, pid);
}

/* Slots of pid holding a cap of `type` (any type when type is NONE). */
static uint32_t held_slots(const struct fuzz *z, uint32_t pid, uint8_t type, uint32_t *out)
{
	const struct proc *p = kernel_proc(&z->sys->k.s, pid);
	uint32_t n = 0;
	for (uint32_t i = 0; p && i < ZOS_MAX_SLOTS; i++)
		if (p->slots[i].id && (type == ZOS_OBJ_NONE || p->slots[i].type == type))
			out[n++] = i;
	return n;
}

/* ---- decoding arguments -------------------------------------------------- */

/* A_SLOT_NEED: a slot holding the cap ZOS_SYSCALL_LIST says the call needs
 * (its device column), so that fact is read from the list, not kept here. */
enum arg_kind {
	A_NONE, A_SLOT_ANY, A_SLOT_EP, A_SLOT_PROC, A_SLOT_SPAWN, A_SLOT_NEED,
	A_RIGHTS, A_TAG, A_FLAG, A_EXPIRY, A_CODE, A_LEN,
};

/* What a syscall takes: the kind of each argument and its natural input
 * (what the ABI list does not say). check_shapes holds it to the list. */
struct shape {
	uint32_t num;
	uint8_t args[4];
	uint8_t in;
};

static const struct shape shapes[] = {
	{ ZOS_SYS_DEBUG, { 0 }, FZ_IN_BYTES },
	{ ZOS_SYS_EXIT, { A_CODE }, FZ_IN_NONE },
	{ ZOS_SYS_RANDOM, { A_LEN }, FZ_IN_NONE },
	{ ZOS_SYS_CONSOLE_WRITE, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_DELETE_ENDPOINT, { A_SLOT_EP }, FZ_IN_NONE },
	{ ZOS_SYS_KILL, { A_SLOT_PROC }, FZ_IN_NONE },
	{ ZOS_SYS_REGISTER_PROCESS, { A_SLOT_SPAWN }, FZ_IN_NAME },
	{ ZOS_SYS_CREATE_ENDPOINT_FOR, { A_SLOT_PROC }, FZ_IN_NONE },
	{ ZOS_SYS_LOAD_BINARY, { A_SLOT_NEED }, FZ_IN_NAME },
	{ ZOS_SYS_SPAWN_PROCESS, { A_SLOT_SPAWN }, FZ_IN_SPAWN },
	{ ZOS_SYS_CAP_GRANT, { A_SLOT_ANY, A_SLOT_PROC, A_RIGHTS }, FZ_IN_NONE },
	{ ZOS_SYS_CAP_REVOKE, { A_SLOT_ANY }, FZ_IN_NONE },
	{ ZOS_SYS_CAP_DELETE, { A_SLOT_ANY }, FZ_IN_NONE },
	{ ZOS_SYS_CAP_INSPECT, { A_SLOT_ANY }, FZ_IN_NONE },
	{ ZOS_SYS_CAP_DERIVE, { A_SLOT_ANY, A_RIGHTS, A_EXPIRY }, FZ_IN_NONE },
	{ ZOS_SYS_SEND, { A_SLOT_EP, A_TAG }, FZ_IN_BYTES },
	{ ZOS_SYS_RECV, { A_SLOT_EP, A_FLAG }, FZ_IN_NONE },
	{ ZOS_SYS_CALL, { A_SLOT_EP, A_TAG, A_SLOT_EP }, FZ_IN_BYTES },
	{ ZOS_SYS_REPLY, { A_SLOT_EP, A_TAG }, FZ_IN_BYTES },
	{ ZOS_SYS_SEND_CAP, { A_SLOT_EP, A_TAG }, FZ_IN_SENDCAP },
	{ ZOS_SYS_STORAGE_READ, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_STORAGE_WRITE, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_STORAGE_DELETE, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_STORAGE_LIST, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_STORAGE_EXISTS, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_STORAGE_BATCH_WRITE, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_KEYSTORE_READ, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_KEYSTORE_WRITE, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_KEYSTORE_DELETE, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_KEYSTORE_LIST, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_KEYSTORE_EXISTS, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_NETWORK_FETCH, { A_SLOT_NEED }, FZ_IN_BYTES },
	{ ZOS_SYS_AUDIT_COMMITS, { A_SLOT_NEED, A_LEN }, FZ_IN_NONE },
	{ ZOS_SYS_AUDIT_SYSLOG, { A_SLOT_NEED, A_LEN }, FZ_IN_NONE },
	{ ZOS_SYS_AUDIT_VERIFY, { A_SLOT_NEED }, FZ_IN_NONE },
	{ ZOS_SYS_AUDIT_CAPS, { A_SLOT_NEED, A_CODE }, FZ_IN_NONE },
};

static const struct shape *shape_of_listed(uint32_t num)
{
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
		if (shapes[i].num == num)
			return &shapes[i];
	return 0;
}

/* The list's columns for one syscall. */
struct listed {
	uint32_t num;
	int cls;
	uint8_t device;
};

#define FZ_X_LISTED(name, stem, num, cls, dev, right) { num, ZOS_SYSCALL_CLASS_##cls, ZOS_DEV_##dev },
static const struct listed listed[] = { ZOS_SYSCALL_LIST(FZ_X_LISTED) };
#undef FZ_X_LISTED

static const struct listed *listed_of(uint32_t num)
{
	for (size_t i = 0; i < sizeof listed / sizeof listed[0]; i++)
		if (listed[i].num == num)
			return &listed[i];
	return 0;
}

/* The object type of the cap a listed call needs in arg0. */
static uint8_t need_type(uint32_t num)
{
	const struct listed *l = listed_of(num);

	switch (l ? l->device : ZOS_DEV_NONE) {
#define FZ_X_DEV_TYPE(name, id, type) case id: return ZOS_OBJ_##type;
		ZOS_DEVICE_LIST(FZ_X_DEV_TYPE)
#undef FZ_X_DEV_TYPE
	default: return ZOS_OBJ_NONE;
	}
}

/* Every shape names a listed syscall a process may make, and asks for the
 * needed cap exactly where the list says one is needed. */
static void check_shapes(void)
{
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		const struct listed *l = listed_of(shapes[i].num);
		if (!l || l->cls == ZOS_SYSCALL_CLASS_S ||
		    (shapes[i].args[0] == A_SLOT_NEED) != (l->device != ZOS_DEV_NONE)) {
			fprintf(stderr, "fuzz_system: the shape of syscall 0x%x disagrees with "
					"ZOS_SYSCALL_LIST\n", shapes[i].num);
			abort();
		}
	}
	for (size_t i = 0; i < sizeof listed / sizeof listed[0]; i++)
		if (listed[i].device != ZOS_DEV_NONE && shape_of_listed(listed[i].num) == 0) {
			fprintf(stderr, "fuzz_system: syscall 0x%x needs a cap but has no shape\n",
				listed[i].num);
			abort();
		}
}

static const struct shape *shape_of(uint32_t num)
{
	static const struct shape none = { 0, { 0 }, FZ_IN_NONE };
	const struct shape *sh = shape_of_listed(num);
	return sh ? sh : &none;
}

/* Valid syscall numbers a process may make, kernel-class ones three times
 * as likely (the System's own steps come only as raw numbers: a process
 * making one must get UNKNOWN_SYSCALL). */
#define NUM_TABLE_LEN 76
static uint32_t num_table[NUM_TABLE_LEN];

static void build_num_table(void)
{
	uint32_t n = 0;

	for (size_t i = 0; i < sizeof listed / sizeof listed[0]; i++) {
		int copies = listed[i].cls == ZOS_SYSCALL_CLASS_K ? 3 : 1;
		if (listed[i].cls == ZOS_SYSCALL_CLASS_S)
			continue;
		for (; copies > 0 && n < NUM_TABLE_LEN; copies--)
			num_table[n++] = listed[i].num;
	}
	while (n < NUM_TABLE_LEN) /* only if the ABI changed shape: pad with the first */
		num_table[n++] = listed[0].num;
}

static uint32_t decode_num(struct reader *r)
{
	uint8_t b = rd8(r);

	if (b < FZ_NUM_TABLE_END)
		return num_table[b % NUM_TABLE_LEN];
	if (b < FZ_NUM_RAW)
		return rd8(r);
	return rd32(r);
}

static uint64_t special(const struct fuzz *z, uint8_t i)
{
	static const uint64_t v[15] = {
		0, 1, ZOS_MAX_SLOTS - 1, ZOS_MAX_SLOTS, ZOS_MAX_SLOTS + 1, 0xFF, 0x7FFFFFFF,
		0x80000000u, 0xFFFFFFFFu, 0x100000000ull, 0x100000001ull, 0x7FFFFFFFFFFFFFFFull,
		0x8000000000000000ull, ~0ull, 0xFFFFFFFF00000000ull,
	};
	return i < 15 ? v[i] : z->fp.now;
}

static uint8_t slot_type(uint8_t kind, uint32_t num)
{
	switch (kind) {
	case A_SLOT_EP: return ZOS_OBJ_ENDPOINT;
	case A_SLOT_PROC: return ZOS_OBJ_PROCESS;
	case A_SLOT_SPAWN: return ZOS_OBJ_SPAWN;
	case A_SLOT_NEED: return need_type(num);
	default: return ZOS_OBJ_NONE;
	}
}

/* A smart slot: one the caller holds, of the wanted type when it has one. */
static uint64_t smart_slot(const struct fuzz *z, uint32_t pid, uint8_t type, uint8_t s)
{
	uint32_t slots[ZOS_MAX_SLOTS], n = 0, index = s;

	if (s >= FZ_SLOT_RAW)
		return s - FZ_SLOT_RAW;
	if (s < FZ_SLOT_ANY && type != ZOS_OBJ_NONE)
		n = held_slots(z, pid, type, slots);
	if (s >= FZ_SLOT_ANY)
		index = s - FZ_SLOT_ANY;
	if (n == 0)
		n = held_slots(z, pid, ZOS_OBJ_NONE, slots);
	return n ? slots[index % n] : (uint64_t)(index % ZOS_MAX_SLOTS);
}

static uint64_t smart_arg(const struct fuzz *z, uint32_t pid, uint32_t num, uint8_t kind,
			  uint8_t s)
{
	switch (kind) {
	case A_RIGHTS: return s < 0x78 ? (uint64_t)(s & 7) : (uint64_t)8 << (s & 7);
	case A_TAG: return s;
	case A_FLAG: return s & 1;
	case A_EXPIRY: return s < 0x40 ? 0 : z->fp.now + (uint64_t)(s - 0x40) * 5000 + 1;
	case A_CODE: return s;
	case A_LEN: return (uint64_t)s * 33;
	case A_NONE: return 0;
	default: return smart_slot(z, pid, slot_type(kind, num), s);
	}
}

static uint64_t decode_arg(struct fuzz *z, uint32_t pid, uint32_t num, uint8_t kind)
{
	uint8_t s = rd8(&z->rd);

	if (s < FZ_ARG_LITERAL)
		return smart_arg(z, pid, num, kind, s);
	if (s < FZ_ARG_SPECIAL)
		return s - FZ_ARG_LITERAL;
	if (s < FZ_ARG_RAW)
		return special(z, s & 15);
	return rd64(&z->rd);
}

/* ---- building input buffers ---------------------------------------------- */

static void fill_pattern(uint8_t *p, uint32_t n, uint8_t seed)
{
	for (uint32_t i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7 + seed);
}

/* A valid process name from k, `len` bytes long (1..ZOS_NAME_MAX+1). */
static void make_name(char *out, uint32_t len, uint8_t k)
{
	for (uint32_t i = 0; i < len; i++)
		out[i] = (char)('a' + (k + i * 5) % 26);
	if (len)
		out[0] = 'p';
}

/* SPAWN_PROCESS input into scratch: a header, a name, a binary. q < 16
 * is well formed; above, one malformation each. Returns the length. */
static uint32_t build_spawn(uint8_t q, uint8_t k)
{
	uint32_t name_len = 2 + (q & 7) * 4, bin = 1 + (q >> 3) * 100, claimed, total;

	if (q == 17 || q == 26)
		name_len = q == 17 ? ZOS_NAME_MAX + 1 : ZOS_NAME_MAX;
	if (q >= 28)
		bin = q == 31 ? 70000 : 5000;
	if (q == 15)
		name_len = ZOS_NAME_MAX;
	total = 4 + name_len + bin;
	make_name((char *)scratch + 4, name_len, k);
	fill_pattern(scratch + 4 + name_len, bin, k);
	if (q == 24)
		scratch[5] = ' ';
	if (q == 25)
		scratch[5] = (char)0x80;
	switch (q) {
	case 16: claimed = 0; break;
	case 18: claimed = total - 4; break;
	case 19: claimed = total - 3; break;
	case 20: claimed = 0xFFFFFFFFu; break;
	case 21: claimed = 0x80000000u; break;
	case 27: claimed = 0xFFFFFFFCu; break;
	default: claimed = name_len; break;
	}
	memcpy(scratch, &claimed, 4);
	if (q == 22)
		return 3;
	return q == 23 ? 0 : total;
}

/* SEND_CAP input into scratch: a header with carried slots, then a body. */
static uint32_t build_send_cap(struct fuzz *z, uint32_t pid, uint8_t q)
{
	static const uint32_t ncaps[8] = { 0, 1, 2, 3, 4, 5, 0xFFFFFFFFu, 0x80000001u };
	static const uint32_t body[4] = { 0, 16, ZOS_MSG_MAX, ZOS_MSG_MAX + 1 };
	struct zos_send_cap_in h = { ncaps[q & 7], { 0 } };
	uint32_t len = (uint32_t)sizeof h + body[(q >> 3) & 3];

	for (int i = 0; i < ZOS_MSG_MAX_CAPS; i++)
		h.slots[i] = (uint32_t)decode_arg(z, pid, ZOS_SYS_SEND_CAP, A_SLOT_ANY);
	fill_pattern(scratch, len, q);
	memcpy(scratch, &h, sizeof h);
	return len;
}

/* A name for REGISTER_PROCESS / LOAD_BINARY into scratch. */
static uint32_t build_name(uint8_t q, uint8_t k)
{
	uint32_t len = 1 + (uint32_t)q * 2;

	switch (q) {
	case 16: return 0;
	case 17: len = ZOS_NAME_MAX + 1; break;
	case 18: memcpy(scratch, "none", 4); return 4; /* the fake has no such binary */
	case 20: len = ZOS_NAME_MAX; break;
	default: if (len > ZOS_NAME_MAX) len = 1 + q % 8; break;
	}
	make_name((char *)scratch, len, k);
	if (q == 19)
		scratch[0] = ' ';
	if (q == 21)
		scratch[len - 1] = (char)0x80;
	return len;
}

static uint32_t big_len(uint8_t q)
{
	static const uint32_t v[16] = {
		ZOS_MSG_MAX - 1, ZOS_MSG_MAX, ZOS_MSG_MAX + 1, ZOS_MSG_MAX + 20, ZOS_MSG_MAX + 21,
		8192, 65536, 1, 2, 3, 19, 20, 21, ZOS_NAME_MAX, ZOS_NAME_MAX + 1, IN_MAX,
	};
	return v[q & 15];
}

/* Fills c->sc.in / in_len from the input descriptor. */
static void build_in(struct fuzz *z, struct call *c, uint8_t kind, uint8_t q)
{
	uint32_t len = 0;

	switch (kind) {
	case FZ_IN_NONE:
		c->sc.in_len = q < 16 ? 0 : (uint32_t)q * 300; /* NULL with a bogus length */
		return;
	case FZ_IN_BYTES:
		len = (uint32_t)q * 16 + (rd8(&z->rd) & 15);
		fill_pattern(scratch, len, q);
		break;
	case FZ_IN_BIG:
		len = big_len(q);
		fill_pattern(scratch, len, q);
		break;
	case FZ_IN_SPAWN: len = build_spawn(q, rd8(&z->rd)); break;
	case FZ_IN_SENDCAP: len = build_send_cap(z, c->pid, q); break;
	case FZ_IN_NAME: len = build_name(q, rd8(&z->rd)); break;
	default: /* FZ_IN_COPY */
		len = (uint32_t)q * 4;
		for (uint32_t i = 0; i < len; i++)
			scratch[i] = rd8(&z->rd);
		break;
	}
	c->in = heap_copy(scratch, len);
	c->sc.in = c->in;
	c->sc.in_len = len;
}

static void decode_in(struct fuzz *z, struct call *c)
{
	uint8_t d = rd8(&z->rd), kind = d >> 5, q = d & 31;

	if (kind == FZ_IN_NATURAL)
		kind = shape_of(c->sc.num)->in;
	build_in(z, c, kind, q);
}

static void decode_out(struct fuzz *z, struct call *c)
{
	static const uint32_t sizes[] = {
		0, 1, 4, 8, 16, 31, 32, 33, 39, 40, 47, 48, 64, 79, 80, 96, 100, 128,
		sizeof(struct zos_msg_header) + 15, 1024, 2559, 2560, 3071, 3072,
		ZOS_MSG_MAX, OUT_NATURAL - 1, OUT_NATURAL, 8192,
	};
	uint8_t o = rd8(&z->rd);
	uint32_t cap;

	if (o >= FZ_OUT_NULL && o < FZ_OUT_SIZED) {
		c->sc.out_cap = o < FZ_OUT_NULL_CAP ? 0 : (uint32_t)OUT_NATURAL;
		return;
	}
	cap = o < FZ_OUT_NULL ? (uint32_t)OUT_NATURAL
			      : sizes[(o - FZ_OUT_SIZED) % (sizeof sizes / sizeof sizes[0])];
	c->out = xmalloc(cap);
	if (cap)
		memset(c->out, 0xA5, cap); /* the kernel must not trust what is there */
	c->sc.out = c->out;
	c->sc.out_cap = cap;
}

/* ---- running syscalls ---------------------------------------------------- */

static int known_error(int64_t r)
{
	switch (r) {
#define FZ_X_ERR_CASE(name, value, msg) case value:
		ZOS_ERROR_LIST(FZ_X_ERR_CASE)
#undef FZ_X_ERR_CASE
		return 1;
	default:
		return 0;
	}
}

static void check_outcome(struct fuzz *z, uint32_t pid, const zos_syscall_t *sc,
			  enum system_outcome o, int64_t r)
{
	if (o == SYS_GONE) {
		if (alive(z, pid))
			die(z, "syscall 0x%x: SYS_GONE but pid %u is still alive", sc->num, pid);
		return;
	}
	if (o != SYS_DONE)
		die(z, "syscall 0x%x: unknown outcome %d", sc->num, (int)o);
	if (r < 0 && !known_error(r))
		die(z, "syscall 0x%x from pid %u: result %lld is no known error", sc->num, pid,
		    (long long)r);
	if (r >= 0 && sc->out_len > sc->out_cap)
		die(z, "syscall 0x%x from pid %u: success with out_len %u > out_cap %u", sc->num,
		    pid, sc->out_len, sc->out_cap);
}

static void park_waiter(struct fuzz *z, struct call *c)
{
	struct waiter *w = 0;

	if (!system_is_parked(z->sys, c->pid) || waiter_of(z, c->pid))
		die(z, "pid %u parked twice, or SYS_PARKED without a park", c->pid);
	for (int i = 0; !w && i < ZOS_MAX_PROCS; i++)
		if (!z->waiters[i].used)
			w = &z->waiters[i];
	if (!w)
		die(z, "more parked processes than process slots");
	*w = (struct waiter){ c->sc, c->in, c->out, c->pid, 1, 0 };
}

static void free_waiter(struct waiter *w)
{
	free(w->in);
	free(w->out);
	memset(w, 0, sizeof *w);
}

static void trace(const struct fuzz *z, const char *what, uint32_t pid, const zos_syscall_t *sc,
		  int o, int64_t r)
{
	if (!z->trace)
		return;
	fprintf(stderr, "step %4u %-7s pid %-3u num 0x%02x args %llx %llx %llx %llx in %u out %u"
			" -> outcome %d result %lld out_len %u\n",
		z->steps, what, pid, sc->num, (unsigned long long)sc->arg[0],
		(unsigned long long)sc->arg[1], (unsigned long long)sc->arg[2],
		(unsigned long long)sc->arg[3], sc->in_len, sc->out_cap, o, (long long)r,
		sc->out_len);
}

static void run_call(struct fuzz *z, struct call *c, const char *what)
{
	int64_t r = 0;
	enum system_outcome o = system_syscall(z->sys, c->pid, &c->sc, &r);

	trace(z, what, c->pid, &c->sc, (int)o, r);
	if (o == SYS_PARKED) {
		park_waiter(z, c);
		return;
	}
	check_outcome(z, c->pid, &c->sc, o, r);
	free(c->in);
	free(c->out);
}

/* Number, arguments and buffers of a decoded (not wild) syscall. */
static void decode_call(struct fuzz *z, struct call *c)
{
	const struct shape *sh;

	c->sc.num = decode_num(&z->rd);
	sh = shape_of(c->sc.num);
	for (int i = 0; i < 4; i++)
		c->sc.arg[i] = decode_arg(z, c->pid, c->sc.num, sh->args[i]);
	decode_in(z, c);
	decode_out(z, c);
}

static void op_call(struct fuzz *z)
{
	uint32_t pids[ZOS_MAX_PROCS], n = live_pids(z, pids, 0);
	uint8_t who = rd8(&z->rd);
	struct call c = { 0 };

	if (n == 0)
		return;
	c.pid = who < FZ_CALLER_INIT && can_run(z, ZOS_PID_INIT) ? ZOS_PID_INIT : pids[who % n];
	decode_call(z, &c);
	run_call(z, &c, "call");
}

/* A pid that may not make a syscall: the kernel, a zombie, one never made. */
static uint32_t bad_pid(struct fuzz *z, uint8_t who)
{
	const struct kstate *s = &z->sys->k.s;
	uint32_t zombies[ZOS_MAX_PROCS], nz = 0;

	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (s->procs[i].state == ZOS_PROC_ZOMBIE)
			zombies[nz++] = s->procs[i].pid;
	switch (who % 5) {
	case 0: return ZOS_PID_KERNEL;
	case 1: return nz ? zombies[(who / 5) % nz] : s->next_pid;
	case 2: return s->next_pid;
	case 3: return s->next_pid + who;
	default: return 0xFFFFFFFFu - who / 5;
	}
}

static void op_badpid(struct fuzz *z)
{
	struct call c = { 0 };

	c.pid = bad_pid(z, rd8(&z->rd));
	decode_call(z, &c);
	run_call(z, &c, "badpid");
}

static void op_wild(struct fuzz *z)
{
	uint32_t pids[ZOS_MAX_PROCS], n = live_pids(z, pids, 0);
	uint8_t who = rd8(&z->rd);
	struct call c = { 0 };

	c.pid = who >= 0xF0 || n == 0 ? bad_pid(z, who) : pids[who % n];
	c.sc.num = rd32(&z->rd);
	for (int i = 0; i < 4; i++)
		c.sc.arg[i] = rd64(&z->rd);
	decode_in(z, &c);
	decode_out(z, &c);
	run_call(z, &c, "wild");
}

/* Init spawns (or registers) a well-formed child: a populated system. */
static void op_spawn(struct fuzz *z)
{
	uint8_t k = rd8(&z->rd);
	struct call c = { 0 };
	uint32_t len;

	if (!can_run(z, ZOS_PID_INIT))
		return;
	c.pid = ZOS_PID_INIT;
	c.sc.arg[0] = SPAWN_SLOT;
	if (k < FZ_SPAWN_REGISTER) {
		c.sc.num = ZOS_SYS_SPAWN_PROCESS;
		len = build_spawn(k & 7, k);
	} else {
		c.sc.num = ZOS_SYS_REGISTER_PROCESS;
		len = build_name(k & 15, k);
	}
	c.in = heap_copy(scratch, len);
	c.sc.in = c.in;
	c.sc.in_len = len;
	run_call(z, &c, "spawn");
}

/* The woken waiter retries its receive with the syscall it parked in. */
static void resume_waiter(struct fuzz *z, struct waiter *w)
{
	enum system_outcome o;
	int64_t r = 0;

	w->woken = 0;
	o = system_resume(z->sys, w->pid, &w->sc, &r);
	trace(z, "resume", w->pid, &w->sc, (int)o, r);
	if (o == SYS_PARKED) {
		if (!system_is_parked(z->sys, w->pid))
			die(z, "resume of pid %u: SYS_PARKED without a park", w->pid);
		return;
	}
	check_outcome(z, w->pid, &w->sc, o, r);
	free_waiter(w);
}

static uint32_t woken_waiters(struct fuzz *z, struct waiter **out)
{
	uint32_t n = 0;
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (z->waiters[i].used && z->waiters[i].woken)
			out[n++] = &z->waiters[i];
	return n;
}

static void op_resume(struct fuzz *z)
{
	struct waiter *woken[ZOS_MAX_PROCS];
	uint32_t n = woken_waiters(z, woken);
	uint8_t k = rd8(&z->rd);

	if (n)
		resume_waiter(z, woken[k % n]);
}

/* ---- platform events ---------------------------------------------------- */

static void op_time(struct fuzz *z)
{
	uint8_t k = rd8(&z->rd);
	if (k < 0x80)
		z->fp.now += (uint64_t)k * 1000;
	else if (k < 0xF0)
		z->fp.now += (uint64_t)(k - 0x80) * 1000000;
	else
		z->fp.now += (uint64_t)1 << (k - 0xF0 + 32); /* up to 2^47 ns: days, no wrap */
}

static void op_fault(struct fuzz *z)
{
	static const char desc[256] = "segmentation fault at 0xdeadbeef in a fuzzed process";
	uint32_t pids[ZOS_MAX_PROCS], n = live_pids(z, pids, 1);
	uint8_t k = rd8(&z->rd);
	uint32_t reason = rd8(&z->rd), len = rd8(&z->rd);
	uint32_t pid = k < 0xE0 && n ? pids[k % n] : bad_pid(z, k);
	int err = system_fault(z->sys, pid, reason, desc, len);

	if (z->trace)
		fprintf(stderr, "step %4u fault   pid %u reason %u -> %d\n", z->steps, pid, reason,
			err);
	if (err == ZOS_OK && alive(z, pid))
		die(z, "fault of pid %u succeeded but it is still alive", pid);
}

static void op_logfail(struct fuzz *z)
{
	uint8_t k = rd8(&z->rd);
	if (k < 8)
		z->fp.fail_write = 1;
	else if (k < 16)
		z->fp.fail_flush = 1;
}

static void free_waiters(struct fuzz *z)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (z->waiters[i].used)
			free_waiter(&z->waiters[i]);
}

/* Where a crash cuts the log: everything flushed survives; a torn crash
 * also leaves part of the next record. */
static size_t crash_point(struct fuzz *z, uint8_t k)
{
	size_t keep = z->fp.durable_len, partial;

	if (k % 3 == 0)
		return z->fp.log_len; /* a clean shutdown */
	if (k % 3 == 1 || keep >= z->fp.log_len)
		return keep;
	partial = 1 + (size_t)k % (z->fp.log_len - keep);
	return keep + (partial < ZOS_FRAME_HEADER_SIZE + 60 ? partial : ZOS_FRAME_HEADER_SIZE + 60);
}

/* What the platform reads back after the crash: the verified prefix (a
 * torn tail is cut off, as a platform cuts its file). The chain alone says
 * where that is; the boot that follows replays it in full. */
static size_t readable_prefix(struct fuzz *z, const uint8_t *log, size_t len)
{
	struct replay_report rep;

	if (replay_records(0, log, len, &rep) != ZOS_OK)
		die(z, "the log cut at %zu bytes does not verify: seq %llu: %s", len,
		    (unsigned long long)rep.bad_seq, rep.reason);
	return rep.commits ? rep.good_bytes : 0; /* only a torn first record: start over */
}

static void op_reboot(struct fuzz *z)
{
	uint8_t k = rd8(&z->rd);
	size_t len;
	uint8_t *copy;
	struct replay_report rep;

	if (z->reboots >= FZ_MAX_REBOOTS)
		return;
	z->reboots++;
	len = readable_prefix(z, z->fp.log, crash_point(z, k));
	copy = heap_copy(z->fp.log, len);
	free_waiters(z);
	fake_system_free(z->sys);
	z->sys = 0;
	z->fp.log_len = len; /* the platform cut its file here; Boot follows */
	if (z->fp.durable_len > len)
		z->fp.durable_len = len;
	z->fp.fail_write = z->fp.fail_flush = z->fp.fail_spawn = 0;
	z->fp.n_wakes = 0;
	z->fp.now = 0; /* a new boot's monotonic clock */
	if (fake_system_boot(&z->fp, copy, len, &z->sys, &rep) != ZOS_OK || rep.torn)
		die(z, "a log of %zu bytes the System wrote does not boot: %s", len,
		    rep.reason ? rep.reason : "start failed");
	z->sys->ax.checkpoint_every = z->checkpoint_every;
	if (z->trace)
		fprintf(stderr, "step %4u reboot  from %zu bytes, %llu commits\n", z->steps, len,
			(unsigned long long)rep.commits);
	free(copy);
}

static void step(struct fuzz *z)
{
	uint8_t op = rd8(&z->rd);

	if (op < FZ_OP_SPAWN)
		op_call(z);
	else if (op < FZ_OP_RESUME)
		op_spawn(z);
	else if (op < FZ_OP_TIME)
		op_resume(z);
	else if (op < FZ_OP_BADPID)
		op_time(z);
	else if (op < FZ_OP_FAULT)
		op_badpid(z);
	else if (op < FZ_OP_FLUSH)
		op_fault(z);
	else if (op < FZ_OP_FAILSPAWN)
		system_flush(z->sys);
	else if (op < FZ_OP_REBOOT)
		z->fp.fail_spawn = !z->fp.fail_spawn;
	else if (op < FZ_OP_LOGFAIL)
		op_reboot(z);
	else if (op < FZ_OP_WILD)
		op_logfail(z);
	else
		op_wild(z);
}

/* ---- checks after every step and at the end ------------------------------- */

/* The HAL's wakes reach the parked processes they name. */
static void take_wakes(struct fuzz *z)
{
	for (uint32_t i = 0; i < z->fp.n_wakes; i++) {
		struct waiter *w = waiter_of(z, z->fp.wakes[i]);
		if (!w)
			die(z, "wake for pid %u, which is not parked", z->fp.wakes[i]);
		w->woken = 1;
	}
	z->fp.n_wakes = 0;
}

/* The platform's parked set and the System's agree. */
static void sync_waiters(struct fuzz *z)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		struct waiter *w = &z->waiters[i];
		if (!w->used || system_is_parked(z->sys, w->pid))
			continue;
		if (alive(z, w->pid))
			die(z, "pid %u was unparked without finishing its receive", w->pid);
		free_waiter(w); /* it ended while parked */
	}
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		const struct parked *p = &z->sys->parked[i];
		const struct waiter *w = p->used ? waiter_of(z, p->pid) : 0;
		if (p->used && !w)
			die(z, "the System parked pid %u behind the platform's back", p->pid);
		if (w && p->woken != w->woken)
			die(z, "pid %u: the System says woken=%u, the HAL saw %u", p->pid, p->woken,
			    w->woken);
	}
}

/* The invariants hold after the step. A step that appended no commit must
 * leave the state byte for byte as it was (only apply writes it, and only
 * for a commit), so the verdict of the last check still stands and the
 * costly checker runs only when something was committed. */
static void check_state(struct fuzz *z)
{
	const struct kstate *s = &z->sys->k.s;
	const char *why = 0;

	if (z->sys->ax.log.next_seq == z->seen_seq && z->reboots == z->seen_boot) {
		if (memcmp(s, z->seen, sizeof *s) != 0)
			die(z, "kernel state changed without a commit");
		return;
	}
	if (check_invariants(s, &why))
		die(z, "kernel invariant broken: %s", why);
	memcpy(z->seen, s, sizeof *s);
	z->seen_seq = z->sys->ax.log.next_seq;
	z->seen_boot = z->reboots;
}

static void after_step(struct fuzz *z)
{
	take_wakes(z);
	sync_waiters(z);
	check_state(z);
}

/* Every woken process gets its receive retried (bounded: a resume can wake
 * others, each at most once per park). */
static void drain_woken(struct fuzz *z)
{
	struct waiter *woken[ZOS_MAX_PROCS];

	for (int round = 0; round < 4 * ZOS_MAX_PROCS; round++) {
		if (woken_waiters(z, woken) == 0)
			return;
		resume_waiter(z, woken[0]);
		after_step(z);
	}
}

static void final_checks(struct fuzz *z)
{
	struct kernel *k = calloc(1, sizeof *k);
	const struct commitlog *log = &z->sys->ax.log;
	struct replay_report rep;
	uint8_t live[ZOS_HASH_SIZE], again[ZOS_HASH_SIZE];
	uint64_t bad = 0;

	if (!k)
		abort();
	if (commitlog_verify(log, &bad) != ZOS_OK)
		die(z, "the in-memory window fails to verify at seq %llu", (unsigned long long)bad);
	if (replay_records(k, z->fp.log, z->fp.log_len, &rep) != ZOS_OK || rep.status != ZOS_OK)
		die(z, "replay of the recorded log failed at seq %llu: %s",
		    (unsigned long long)rep.bad_seq, rep.reason ? rep.reason : "?");
	if (rep.torn || rep.good_bytes != z->fp.log_len || rep.next_seq != log->next_seq ||
	    memcmp(rep.head, log->head, ZOS_HASH_SIZE) != 0)
		die(z, "replay stopped early: %llu of %llu commits, %zu of %zu bytes",
		    (unsigned long long)rep.commits, (unsigned long long)log->next_seq,
		    rep.good_bytes, z->fp.log_len);
	state_hash(&z->sys->k.s, live);
	state_hash(&k->s, again);
	if (memcmp(live, again, sizeof live) != 0)
		die(z, "replayed state hash differs from the live one after %llu commits",
		    (unsigned long long)rep.commits);
	free(k);
}

/* ---- the target ------------------------------------------------------------ */

static void start(struct fuzz *z, const uint8_t *data, size_t size)
{
	static const uint32_t every[4] = { ZOS_CHECKPOINT_EVERY, 16, 97, 0 };
	static const uint64_t ticks[4] = { 1000, 1, 250000, 0 };
	uint8_t cfg;

	memset(z->waiters, 0, sizeof z->waiters);
	z->rd = (struct reader){ data, size, 0 };
	z->reboots = 0;
	z->steps = 0;
	z->trace = getenv("ZOS_FUZZ_TRACE") != 0;
	cfg = rd8(&z->rd);
	fake_init(&z->fp);
	z->fp.tick = ticks[(cfg >> 2) & 3];
	z->sys = fake_system(&z->fp);
	z->seen = xmalloc(sizeof *z->seen);
	z->seen_boot = ~0u;
	z->checkpoint_every = every[cfg & 3];
	z->sys->ax.checkpoint_every = z->checkpoint_every;
	if (!num_table[0]) {
		check_shapes();
		build_num_table();
	}
}

static void finish(struct fuzz *z)
{
	free_waiters(z);
	fake_system_free(z->sys);
	z->sys = 0;
	free(z->seen);
	z->seen = 0;
	fake_free(&z->fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz *z = &fz;

	start(z, data, size);
	after_step(z);
	while (z->rd.pos < z->rd.n && z->steps < FZ_MAX_STEPS) {
		z->steps++;
		step(z);
		after_step(z);
	}
	drain_woken(z);
	final_checks(z);
	finish(z);
	return 0;
}
