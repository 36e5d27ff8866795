/*
 * make_corpus: writes the checked-in seed corpus of the two fuzz targets,
 * deterministically (the same bytes on every run and machine).
 *
 *   corpus/fuzz_system/  scripted scenarios in the input language of
 *                        system_input.h (a crowd of processes, IPC with
 *                        blocking receives and call/reply, capability
 *                        trees, expiry, kills and faults, malformed
 *                        buffers, reboots and log failures, platform
 *                        calls), plus seeded random streams;
 *   corpus/fuzz_log/     small real logs recorded on the fake platform
 *                        (one spanning a reboot, one torn, one with a zero
 *                        tail), commit lists, edit scripts for the real
 *                        logs, and single commits (log_input.h).
 *
 * Seeds only steer the fuzzer: any bytes are valid inputs, so a seed that
 * drifts from the decoder still runs, it just explores less.
 *
 * Build and run from the repository root:
 *   make build/host/tests/fuzz/make_corpus
 *   build/host/tests/fuzz/make_corpus tests/fuzz/corpus
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zos/cap.h>
#include <zos/commit.h>
#include <zos/error.h>
#include <zos/syscall.h>

#include "axiom/frame.h"
#include "fuzz/log_input.h"
#include "fuzz/system_input.h"
#include "support/record.h"
#include "support/rng.h"

#define SEED_MAX 16384

struct seed {
	uint8_t b[SEED_MAX];
	size_t n;
};

static const char *root;
static struct seed s;

/* ---- output -------------------------------------------------------------- */

static void die(const char *what)
{
	fprintf(stderr, "make_corpus: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		die(path);
}

static void write_file(const char *target, const char *name, const void *p, size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s/%s", root, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0)
		die(path);
}

static void put(uint8_t v)
{
	if (s.n < SEED_MAX)
		s.b[s.n++] = v;
}

static void begin(uint8_t first)
{
	s.n = 0;
	put(first);
}

/* ---- fuzz_system: an encoder for the step language ----------------------- */

/* Caller byte choosing the idx-th of n runnable processes (table order). */
static uint8_t caller(uint32_t idx, uint32_t n)
{
	uint32_t c = FZ_CALLER_INIT;
	while (c % n != idx)
		c++;
	return (uint8_t)c;
}

#define INIT 0 /* caller byte: Init */
#define NONE FZ_IN(FZ_IN_NONE, 0)
#define OUT_BIG 0x00
#define OUT_NULL FZ_OUT_NULL

/* A syscall with explicit number, four argument selectors and buffers.
 * `extra` are the bytes the input descriptor reads after itself. */
static void call_x(uint8_t who, uint32_t num, const uint8_t a[4], uint8_t in, const uint8_t *extra,
		   size_t nextra, uint8_t out)
{
	put(FZ_OP_CALL);
	put(who);
	put(FZ_NUM_BYTE);
	put((uint8_t)num);
	for (int i = 0; i < 4; i++)
		put(a[i]);
	put(in);
	for (size_t i = 0; i < nextra; i++)
		put(extra[i]);
	put(out);
}

static void call(uint8_t who, uint32_t num, uint8_t a0, uint8_t a1, uint8_t a2, uint8_t in,
		 uint8_t out)
{
	const uint8_t a[4] = { a0, a1, a2, 0 };
	uint8_t extra = 7;
	int has_extra = (in >> 5) == FZ_IN_BYTES || (in >> 5) == FZ_IN_SPAWN ||
			(in >> 5) == FZ_IN_NAME;

	call_x(who, num, a, in, &extra, has_extra ? 1 : 0, out);
}

/* Literal argument value v (< 0x60). */
static uint8_t lit(uint8_t v)
{
	return (uint8_t)(FZ_ARG_LITERAL + v);
}

static void op(uint8_t code, uint8_t arg)
{
	put(code);
	put(arg);
}

static void spawn(uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		op(FZ_OP_SPAWN, (uint8_t)(i * 37 % FZ_SPAWN_REGISTER));
}

static void send_cap(uint8_t who, uint8_t ep, uint8_t q, const uint8_t slots[4])
{
	const uint8_t a[4] = { ep, 5, 0, 0 };
	call_x(who, ZOS_SYS_SEND_CAP, a, FZ_IN(FZ_IN_SENDCAP, q), slots, 4, OUT_NULL);
}

static void save_system(const char *name)
{
	write_file("fuzz_system", name, s.b, s.n);
}

/* Init spawns more than the table holds, then looks at the crowd. */
static void sys_crowd(void)
{
	begin(FZ_CFG(1, 1));
	spawn(70);
	call(INIT, ZOS_SYS_PS, 0, 0, 0, NONE, OUT_BIG);
	call(INIT, ZOS_SYS_PS, 0, 0, 0, NONE, FZ_OUT_SIZED + 11);
	call(INIT, ZOS_SYS_CAP_LIST, 0, 0, 0, NONE, OUT_BIG);
	save_system("crowd");
}

/* Endpoints handed to children; send, blocking receive, wake, resume. */
static void sys_ipc(void)
{
	begin(FZ_CFG(1, 0));
	spawn(2); /* runnable: 1, 2, 3 */
	call(INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL);
	call(INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL);
	/* Init's slots: 0-4 devices, 5-6 the children, 7-8 the endpoints */
	call(INIT, ZOS_SYS_CAP_GRANT, FZ_SLOT_RAW + 7, 0, lit(7), NONE, OUT_NULL);
	call(INIT, ZOS_SYS_CAP_GRANT, FZ_SLOT_RAW + 8, 1, lit(3), NONE, OUT_NULL);
	call(INIT, ZOS_SYS_RECV, 0, 1, 0, NONE, OUT_BIG); /* parks Init */
	call(caller(0, 2), ZOS_SYS_SEND, 0, 9, 0, FZ_IN(FZ_IN_BYTES, 3), OUT_NULL);
	op(FZ_OP_RESUME, 0);
	call(caller(1, 3), ZOS_SYS_SEND, 0, 10, 0, FZ_IN(FZ_IN_BIG, 1), OUT_NULL);
	call(INIT, ZOS_SYS_RECV, 1, 0, 0, NONE, FZ_OUT_SIZED + 18);
	call(INIT, ZOS_SYS_RECV, 1, 0, 0, NONE, OUT_BIG);
	call(caller(2, 3), ZOS_SYS_RECV, 0, 1, 0, NONE, OUT_BIG);
	call(INIT, ZOS_SYS_SEND, 1, 11, 0, FZ_IN(FZ_IN_BYTES, 1), OUT_NULL);
	op(FZ_OP_RESUME, 0);
	save_system("ipc");
}

/* CALL parks the caller until the server's REPLY consumes the reply cap. */
static void sys_call_reply(void)
{
	begin(FZ_CFG(2, 0));
	spawn(1); /* runnable: 1, 2 */
	call(INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL); /* slot 6 */
	call(INIT, ZOS_SYS_CAP_GRANT, FZ_SLOT_RAW + 6, 0, lit(7), NONE, OUT_NULL);
	call(caller(1, 2), ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL);
	call(caller(1, 2), ZOS_SYS_CALL, 0, 42, 1, FZ_IN(FZ_IN_BYTES, 2), OUT_BIG);
	call(INIT, ZOS_SYS_RECV, 0, 0, 0, NONE, OUT_BIG);
	/* the reply cap landed in slot 7, beside Init's endpoint in 6 */
	call(INIT, ZOS_SYS_REPLY, FZ_SLOT_RAW + 7, 43, 0, FZ_IN(FZ_IN_BYTES, 1), OUT_NULL);
	call(INIT, ZOS_SYS_REPLY, FZ_SLOT_RAW + 7, 43, 0, FZ_IN(FZ_IN_BYTES, 1), OUT_NULL);
	op(FZ_OP_RESUME, 0);
	call(caller(1, 2), ZOS_SYS_CALL, 0, 44, 1, FZ_IN(FZ_IN_BYTES, 0), FZ_OUT_SIZED + 4);
	call(INIT, ZOS_SYS_DELETE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL);
	op(FZ_OP_RESUME, 0);
	save_system("call_reply");
}

/* Derivation chains, grants, capabilities in flight, revocation. */
static void sys_cap_tree(void)
{
	static const uint8_t carried[4] = { 0x60, 0x61, 0x62, 0x63 };
	static const uint8_t deepest[4] = { FZ_SLOT_RAW + 15, 0, 0, 0 };
	static const uint8_t rights[9] = { 7, 7, 7, 6, 6, 4, 4, 4, 4 };

	begin(FZ_CFG(1, 0));
	spawn(2); /* Init's slots: 0-4 devices, 5-6 the children */
	call(INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL); /* slot 7 */
	for (uint8_t i = 0; i < 9; i++) /* a chain 7 -> 8 -> ... as deep as it goes */
		call(INIT, ZOS_SYS_CAP_DERIVE, FZ_SLOT_RAW + 7 + i, rights[i], 0, NONE, OUT_NULL);
	call(INIT, ZOS_SYS_CAP_DERIVE, FZ_SLOT_RAW + 7, lit(8), 0, NONE, OUT_NULL); /* bad rights */
	call(INIT, ZOS_SYS_CAP_GRANT, FZ_SLOT_RAW + 9, 0, lit(5), NONE, OUT_NULL);
	call(INIT, ZOS_SYS_CAP_GRANT, FZ_SLOT_RAW + 11, 1, lit(7), NONE, OUT_NULL); /* too many */
	call(INIT, ZOS_SYS_CAP_GRANT, FZ_SLOT_RAW + 12, 1, lit(5), NONE, OUT_NULL);
	send_cap(INIT, 0, 4, carried);
	send_cap(INIT, 0, 5, carried);
	send_cap(INIT, 0, 2 | 8, carried);
	send_cap(INIT, 0, 1, deepest); /* its ancestry is full: it cannot travel */
	call(INIT, ZOS_SYS_CAP_INSPECT, FZ_SLOT_RAW + 10, 0, 0, NONE, FZ_OUT_SIZED + 9);
	call(INIT, ZOS_SYS_CAP_REVOKE, FZ_SLOT_RAW + 8, 0, 0, NONE, OUT_NULL);
	call(INIT, ZOS_SYS_CAP_LIST, 0, 0, 0, NONE, FZ_OUT_SIZED + 3);
	call(caller(1, 3), ZOS_SYS_RECV, 0, 0, 0, NONE, OUT_BIG);
	call(caller(1, 3), ZOS_SYS_CAP_LIST, 0, 0, 0, NONE, OUT_BIG);
	call(INIT, ZOS_SYS_RECV, 0, 0, 0, NONE, OUT_BIG);
	call(INIT, ZOS_SYS_CAP_DELETE, FZ_SLOT_RAW + 7, 0, 0, NONE, OUT_NULL);
	save_system("cap_tree");
}

/* A derived console cap that expires, used before and after. */
static void sys_expiry(void)
{
	static const uint8_t expiring[4] = { FZ_SLOT_RAW + 5, 0, 0, 0 };

	begin(FZ_CFG(0, 3));
	call(INIT, ZOS_SYS_CAP_DERIVE, 0x70, lit(6), 0x50, NONE, OUT_NULL);
	call(INIT, ZOS_SYS_CONSOLE_WRITE, 0x75, 0, 0, FZ_IN(FZ_IN_BYTES, 1), OUT_NULL);
	call(INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL); /* slot 6 */
	send_cap(INIT, 0, 1, expiring); /* the copy in flight keeps the expiry */
	call(INIT, ZOS_SYS_RECV, 0, 0, 0, NONE, OUT_BIG);
	op(FZ_OP_TIME, 0x90);
	call(INIT, ZOS_SYS_CONSOLE_WRITE, 0x75, 0, 0, FZ_IN(FZ_IN_BYTES, 1), OUT_NULL);
	call(INIT, ZOS_SYS_CAP_DERIVE, 0x75, lit(2), 0x50, NONE, OUT_NULL);
	call(INIT, ZOS_SYS_CAP_DERIVE, 0x70, lit(2), 0xE0 + 15, NONE, OUT_NULL); /* now */
	call(INIT, ZOS_SYS_CAP_REVOKE, 0x75, 0, 0, NONE, OUT_NULL);
	save_system("expiry");
}

/* Children end every way there is; their entries get reused. */
static void sys_lifecycle(void)
{
	begin(FZ_CFG(2, 0));
	spawn(6); /* runnable: 1..7 */
	call(INIT, ZOS_SYS_KILL, 0, 0, 0, NONE, OUT_NULL);
	call(caller(1, 6), ZOS_SYS_EXIT, lit(3), 0, 0, NONE, OUT_NULL);
	op(FZ_OP_FAULT, 2);
	put(4);
	put(40);
	put(FZ_OP_BADPID);
	put(1); /* a zombie */
	put(FZ_NUM_BYTE);
	put(ZOS_SYS_PS);
	put(0); put(0); put(0); put(0);
	put(NONE);
	put(OUT_BIG);
	call(INIT, ZOS_SYS_CREATE_ENDPOINT_FOR, 2, 0, 0, NONE, OUT_NULL);
	call(INIT, ZOS_SYS_KILL, 2, 0, 0, NONE, OUT_NULL);
	spawn(64);
	op(FZ_OP_FAILSPAWN, 0);
	spawn(2);
	save_system("lifecycle");
}

/* One endpoint's queue fills, then the system-wide message table. */
static void sys_queue_full(void)
{
	begin(FZ_CFG(3, 3));
	for (uint8_t e = 0; e < 9; e++) {
		call(INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL);
		for (int i = 0; i < (e == 0 ? ZOS_QUEUE_DEPTH + 1 : ZOS_QUEUE_DEPTH); i++)
			call(INIT, ZOS_SYS_SEND, e, 1, 0, NONE, OUT_NULL);
	}
	call(INIT, ZOS_SYS_RECV, 0, 0, 0, NONE, OUT_BIG);
	call(INIT, ZOS_SYS_DELETE_ENDPOINT, 1, 0, 0, NONE, OUT_NULL);
	save_system("queue_full");
}

/* The endpoint table fills across three CSpaces; a process that holds a
 * cap to itself makes an endpoint for itself, then kills itself. */
static void sys_tables(void)
{
	begin(FZ_CFG(3, 3));
	spawn(2); /* Init's slots 5, 6: the children */
	call(INIT, ZOS_SYS_CAP_GRANT, FZ_SLOT_RAW + 5, 0, lit(7), NONE, OUT_NULL);
	call(caller(1, 3), ZOS_SYS_CREATE_ENDPOINT_FOR, 0, 0, 0, NONE, OUT_NULL);
	for (uint32_t who = 0; who < 3; who++)
		for (int i = 0; i < 60; i++)
			call(who ? caller(who, 3) : INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE,
			     OUT_NULL);
	call(caller(1, 3), ZOS_SYS_KILL, 0, 0, 0, NONE, OUT_NULL);
	call(INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL);
	save_system("tables");
}

/* Malformed and oversized buffers from Init, which holds every authority. */
static void sys_malformed(void)
{
	static const uint8_t wild_slots[4] = { 0xE0 + 3, 0xE0 + 10, 0x70, 0xE0 + 13 };

	begin(FZ_CFG(0, 0));
	for (uint8_t q = 16; q < 32; q++)
		call(INIT, ZOS_SYS_SPAWN_PROCESS, 0, 0, 0, FZ_IN(FZ_IN_SPAWN, q), OUT_NULL);
	for (uint8_t q = 16; q < 22; q++)
		call(INIT, ZOS_SYS_REGISTER_PROCESS, 0, 0, 0, FZ_IN(FZ_IN_NAME, q), OUT_NULL);
	call(INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL);
	for (uint8_t q = 5; q < 8; q++)
		send_cap(INIT, 0, q, wild_slots);
	for (uint8_t q = 0; q < 16; q++)
		call(INIT, ZOS_SYS_SEND, 0, 1, 0, FZ_IN(FZ_IN_BIG, q), OUT_NULL);
	call(INIT, ZOS_SYS_SEND, 0, 0xE0 + 9, 0, FZ_IN(FZ_IN_BYTES, 1), OUT_NULL); /* tag > u32 */
	call(INIT, ZOS_SYS_SEND, 0, 1, 0, FZ_IN(FZ_IN_NONE, 20), OUT_NULL);
	call(INIT, ZOS_SYS_RECV, 0, 0, 0, NONE, FZ_OUT_NULL_CAP);
	call(INIT, ZOS_SYS_RECV, 0xE0 + 10, 0, 0, NONE, OUT_BIG); /* slot 2^32 + 1 */
	call(INIT, ZOS_SYS_RECV, 0, lit(2), 0, NONE, OUT_BIG);
	call(INIT, ZOS_SYS_PS, 0, 0, 0, NONE, FZ_OUT_NULL_CAP);
	call(INIT, ZOS_SYS_CAP_LIST, 0, 0, 0, NONE, FZ_OUT_SIZED);
	call(INIT, ZOS_SYS_RANDOM, 0xE0 + 13, 0, 0, NONE, OUT_BIG);
	call(INIT, 0xFF, 1, 2, 3, NONE, OUT_BIG);
	put(FZ_OP_WILD);
	for (int i = 0; i < 37; i++)
		put((uint8_t)(i * 29 + 3));
	put(NONE);
	put(OUT_BIG);
	save_system("malformed");
}

/* Flushes, crashes that lose or tear the tail, clean reboots, a failed
 * write and a failed flush. */
static void sys_reboots(void)
{
	begin(FZ_CFG(2, 0));
	spawn(3);
	call(INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL);
	op(FZ_OP_FLUSH, 0);
	spawn(2);
	call(INIT, ZOS_SYS_RECV, 0, 1, 0, NONE, OUT_BIG);
	op(FZ_OP_REBOOT, 1); /* crash: the unflushed tail is lost */
	spawn(2);
	op(FZ_OP_FLUSH, 0);
	spawn(1);
	op(FZ_OP_REBOOT, 2); /* crash mid-record: a torn tail */
	spawn(2);
	op(FZ_OP_REBOOT, 0); /* clean */
	spawn(1);
	op(FZ_OP_LOGFAIL, 3); /* the next write fails: the log stops */
	spawn(2);
	call(INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0, NONE, OUT_NULL);
	op(FZ_OP_LOGFAIL, 9);
	op(FZ_OP_FLUSH, 0);
	save_system("reboots");
}

/* Every platform call, from Init (holding the devices) and a child (not). */
static void sys_platform(void)
{
	static const uint32_t nums[] = {
#define MC_X_NUM(name, num, cls) num,
		ZOS_SYSCALL_LIST(MC_X_NUM)
#undef MC_X_NUM
	};

	begin(FZ_CFG(0, 0));
	spawn(1);
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		call(INIT, nums[i], 0, 4, 0, FZ_IN(FZ_IN_BYTES, 3), OUT_BIG);
		call(caller(1, 2), nums[i], 0, 4, 0, FZ_IN(FZ_IN_BYTES, 3), FZ_OUT_SIZED + 2);
	}
	call(INIT, ZOS_SYS_LOAD_BINARY, 4, 0, 0, FZ_IN(FZ_IN_NAME, 18), OUT_BIG);
	call(INIT, ZOS_SYS_RANDOM, lit(64), 0, 0, NONE, FZ_OUT_SIZED + 4);
	save_system("platform");
}

/* Random bytes; with `calls`, mostly CALL/SPAWN/RESUME opcodes. */
static void sys_random(const char *name, uint64_t seed, size_t len, int calls)
{
	struct rng x = rng_seeded(seed);

	begin((uint8_t)rng_next(&x));
	while (s.n < len) {
		uint8_t b = (uint8_t)rng_next(&x);
		if (calls && s.n % 9 == 1)
			b = b % 4 == 0 ? (uint8_t)(FZ_OP_SPAWN + b % 20)
			    : b % 4 == 1 ? (uint8_t)(FZ_OP_RESUME + b % 20) : (uint8_t)(b % FZ_OP_SPAWN);
		put(b);
	}
	save_system(name);
}

static void make_system_seeds(void)
{
	sys_crowd();
	sys_ipc();
	sys_call_reply();
	sys_cap_tree();
	sys_expiry();
	sys_lifecycle();
	sys_queue_full();
	sys_tables();
	sys_malformed();
	sys_reboots();
	sys_platform();
	sys_random("random_64", 1, 64, 0);
	sys_random("random_512", 2, 512, 0);
	sys_random("random_2k", 3, 2048, 0);
	sys_random("calls_1k", 4, 1024, 1);
	sys_random("calls_4k", 5, 4096, 1);
}

/* ---- fuzz_log ---------------------------------------------------------------- */

static struct recording recorded;

/* A framed log (recorded.fp.log) from a seeded workload of `steps` steps
 * and `reboots` reboots spread among them (support/record.h). */
static void record_log(uint64_t seed, uint32_t steps, uint32_t reboots)
{
	recording_start(&recorded, WORKLOAD_EVERY_CALL, seed, 12);
	if (recording_run(&recorded, steps, reboots) != ZOS_OK) {
		fprintf(stderr, "make_corpus: recording a log: %s\n", recorded.error);
		exit(1);
	}
}

static void save_log(const char *name)
{
	write_file("fuzz_log", name, s.b, s.n);
}

static void put_bytes(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(p[i]);
}

/* RAW: real framed logs, whole, torn, with a zero tail. */
static void log_raw(void)
{
	record_log(21, 25, 0);
	begin(FZL_RAW);
	put_bytes(recorded.fp.log, recorded.fp.log_len);
	save_log("raw_small");
	s.n -= 37; /* cut inside the last record */
	save_log("raw_torn");
	memset(s.b + s.n - 200, 0, 200);
	save_log("raw_zero_tail");
	recording_free(&recorded);
	record_log(22, 30, 1);
	begin(FZL_RAW);
	put_bytes(recorded.fp.log, recorded.fp.log_len);
	save_log("raw_reboot");
	recording_free(&recorded);
}

/* COMMITS: the records of a real log as chunks, rechained or not. */
static void log_commits(void)
{
	size_t pos = 0;
	const uint8_t *rec;
	uint32_t n;

	record_log(23, 20, 0);
	begin(FZL_COMMITS);
	put(FZL_RECHAIN | FZL_BOOT);
	while (frame_next(recorded.fp.log, recorded.fp.log_len, &pos, &rec, &n) == FRAME_OK &&
	       s.n + n + 1 < 6000) {
		put((uint8_t)n);
		put_bytes(rec, n);
	}
	save_log("commits_rechain");
	s.b[1] = FZL_RECHAIN | FZL_NO_CHECKPOINTS;
	save_log("commits_no_checkpoints");
	s.b[1] = 0;
	save_log("commits_as_is");
	recording_free(&recorded);
}

/* MUTATE: edit scripts for the real logs fuzz_log records itself. */
static void log_mutate(void)
{
	static const struct {
		const char *name;
		uint8_t which, flags;
		uint8_t script[24];
		size_t len;
	} scripts[] = {
		{ "mutate_none", 0, 0, { 0 }, 1 },
		{ "mutate_boot", 1, FZL_BOOT, { 0 }, 1 },
		{ "mutate_flip_rechain", 0, FZL_RECHAIN | FZL_NO_CHECKPOINTS,
		  { 1, FZL_EDIT_FLIP, 9, 0, 62, 0x04 }, 6 },
		{ "mutate_drop_rechain", 1, FZL_RECHAIN | FZL_NO_CHECKPOINTS,
		  { 1, FZL_EDIT_DROP, 30, 0 }, 4 },
		{ "mutate_swap", 0, FZL_RECHAIN, { 1, FZL_EDIT_SWAP, 5, 0, 6, 0 }, 6 },
		{ "mutate_dup", 1, 0, { 1, FZL_EDIT_DUP, 12, 0 }, 4 },
		{ "mutate_set64", 0, FZL_RECHAIN | FZL_NO_CHECKPOINTS,
		  { 1, FZL_EDIT_SET64, 20, 0, 64, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0 }, 13 },
		{ "mutate_keep_cut", 1, FZL_CUT, { 1, FZL_EDIT_KEEP, 80, 0, 50, 0 }, 6 },
		{ "mutate_zeros_flip", 0, FZL_ZEROS | FZL_FLIP,
		  { 0, 0x00, 0x30, 0x00, 0x02, 0x11 }, 6 },
		{ "mutate_resize", 1, FZL_RECHAIN, { 1, FZL_EDIT_RESIZE, 3, 0, 70 }, 5 },
	};

	for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
		begin(FZL_MUTATE);
		put(scripts[i].which);
		put(scripts[i].flags);
		put_bytes(scripts[i].script, scripts[i].len);
		save_log(scripts[i].name);
	}
}

/* DECODE: single records of a real log, one per commit type seen. */
static void log_decode(void)
{
	char name[64];
	uint32_t seen = 0;
	size_t pos = 0;
	const uint8_t *rec;
	uint32_t n;

	record_log(24, 60, 0);
	while (frame_next(recorded.fp.log, recorded.fp.log_len, &pos, &rec, &n) == FRAME_OK) {
		uint16_t type = (uint16_t)(rec[0] | rec[1] << 8);
		if (type >= 32 || (seen & (1u << type)) || type == ZOS_COMMIT_CHECKPOINT)
			continue;
		seen |= 1u << type;
		begin(FZL_DECODE);
		put_bytes(rec, n);
		snprintf(name, sizeof name, "decode_type_%u", type);
		save_log(name);
	}
	recording_free(&recorded);
}

static void make_log_seeds(void)
{
	log_raw();
	log_commits();
	log_mutate();
	log_decode();
}

int main(int argc, char **argv)
{
	char path[512];

	if (argc != 2) {
		fprintf(stderr, "usage: make_corpus CORPUS_DIR\n");
		return 2;
	}
	root = argv[1];
	make_dir(root);
	snprintf(path, sizeof path, "%s/fuzz_system", root);
	make_dir(path);
	snprintf(path, sizeof path, "%s/fuzz_log", root);
	make_dir(path);
	make_system_seeds();
	make_log_seeds();
	return 0;
}
