/*
 * hal/wasm on the host: kernel.wasm's C (serve.c, devices.c, main.c,
 * hal_ops.c, abi.c, with the real System) built with gcc, the kernel
 * worker's imports played by this file: mailboxes are plain memory here,
 * the log a growable buffer, the devices a record of what was asked.
 *
 * What it pins: a request is read from one private copy of its header
 * with its lengths clamped (lib/mailbox.c), so a mailbox scribbled with a
 * bad state, lengths past the buffer or forged fields neither crashes the
 * kernel side nor reaches past the mailbox; answers are published only at
 * the end of a pass and never after the log failed; device requests reach
 * the worker decoded (one op per batch entry) and only through the
 * capability; results come back as the messages the other platforms send;
 * boot refuses a damaged log and appends nothing.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "harness.h"
#include "hal/wasm/wasm.h"
#include "lib/bytes.h"
#include "lib/kv_batch.h"
#include "lib/mailbox.h"
#include "lib/net_wire.h"

/* ---- the worker, played here ---------------------------------------- */

#define MAX_MB 8 /* pids 1..7 have a mailbox */

static struct {
	struct zos_mailbox *mb[MAX_MB];
	uint32_t published[64], n_published;
	uint32_t spawned[64], n_spawned;
	uint32_t spawn_len[64];
	uint32_t ended[64], n_ended;
	uint32_t max_read;        /* the longest mb_read asked for */
	uint32_t bad_access;      /* an mb_read/mb_write outside the mailbox */
	char console[16384];
	size_t console_len;
	char debug[1024];
	uint8_t log[1 << 20];     /* what the sink accepted */
	uint32_t log_len;
	int flushes;
	int kv_full;              /* kv_begin answers RESOURCE_EXHAUSTED */
	struct {
		uint32_t lo, keystore, op, mutates, entries;
		uint32_t ops[8];
		char key[8][32];
	} kv[16];
	uint32_t n_kv;
	struct {
		uint32_t lo, method, timeout, headers;
		char url[128];
	} net[8];
	uint32_t n_net;
	double now;
} fk;

double zk_now_ms(void)
{
	return fk.now += 0.01;
}

double zk_wallclock_ms(void)
{
	return 1.7e12;
}

int32_t zk_random(uint8_t *p, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		p[i] = (uint8_t)(i * 7 + 1);
	return ZOS_OK;
}

int32_t zk_console_write(const uint8_t *p, uint32_t len)
{
	if (fk.console_len + len < sizeof fk.console) {
		memcpy(fk.console + fk.console_len, p, len);
		fk.console_len += len;
	}
	return (int32_t)len;
}

void zk_debug(uint32_t pid, const uint8_t *p, uint32_t len)
{
	(void)pid;
	snprintf(fk.debug, sizeof fk.debug, "%.*s", (int)len, (const char *)p);
}

int32_t zk_load_binary(const uint8_t *name, uint32_t name_len, uint8_t *out, uint32_t cap)
{
	(void)name, (void)name_len, (void)out, (void)cap;
	return ZOS_ERR_NOT_FOUND;
}

int32_t zk_spawn(uint32_t pid, const uint8_t *name, uint32_t name_len, const uint8_t *binary,
		 uint32_t len)
{
	(void)name, (void)name_len, (void)binary;
	if (pid >= MAX_MB)
		return ZOS_ERR_SPAWN_FAILED;
	fk.spawned[fk.n_spawned] = pid;
	fk.spawn_len[fk.n_spawned++] = len;
	if (!fk.mb[pid])
		fk.mb[pid] = calloc(1, sizeof(struct zos_mailbox));
	return fk.mb[pid] ? ZOS_OK : ZOS_ERR_SPAWN_FAILED;
}

void zk_process_ended(uint32_t pid)
{
	fk.ended[fk.n_ended++] = pid;
}

static int within(uint32_t off, uint32_t len)
{
	return off <= sizeof(struct zos_mailbox) && len <= sizeof(struct zos_mailbox) - off;
}

void zk_mb_read(uint32_t pid, uint32_t off, uint8_t *p, uint32_t len)
{
	if (len > fk.max_read)
		fk.max_read = len;
	if (!within(off, len)) {
		fk.bad_access++;
		return;
	}
	if (pid < MAX_MB && fk.mb[pid])
		memcpy(p, (uint8_t *)fk.mb[pid] + off, len);
	else
		memset(p, 0, len);
}

void zk_mb_write(uint32_t pid, uint32_t off, const uint8_t *p, uint32_t len)
{
	if (!within(off, len)) {
		fk.bad_access++;
		return;
	}
	if (pid < MAX_MB && fk.mb[pid])
		memcpy((uint8_t *)fk.mb[pid] + off, p, len);
}

void zk_mb_publish(uint32_t pid)
{
	fk.published[fk.n_published++] = pid;
	if (pid < MAX_MB && fk.mb[pid])
		fk.mb[pid]->state = ZOS_MB_RESPONSE;
}

int32_t zk_kv_begin(uint32_t lo, uint32_t hi, uint32_t keystore, uint32_t op)
{
	(void)hi;
	if (fk.kv_full || fk.n_kv >= 16)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	memset(&fk.kv[fk.n_kv], 0, sizeof fk.kv[0]);
	fk.kv[fk.n_kv].lo = lo;
	fk.kv[fk.n_kv].keystore = keystore;
	fk.kv[fk.n_kv].op = op;
	return ZOS_OK;
}

void zk_kv_entry(uint32_t op, const uint8_t *key, uint32_t key_len, const uint8_t *value,
		 uint32_t value_len)
{
	uint32_t e = fk.kv[fk.n_kv].entries++;

	(void)value, (void)value_len;
	if (e < 8) {
		fk.kv[fk.n_kv].ops[e] = op;
		snprintf(fk.kv[fk.n_kv].key[e], 32, "%.*s", (int)key_len, (const char *)key);
	}
}

void zk_kv_end(uint32_t mutates)
{
	fk.kv[fk.n_kv++].mutates = mutates;
}

int32_t zk_net_begin(uint32_t lo, uint32_t hi, uint32_t method, uint32_t timeout_ms,
		     const uint8_t *url, uint32_t url_len, const uint8_t *body, uint32_t body_len)
{
	(void)hi, (void)body, (void)body_len;
	memset(&fk.net[fk.n_net], 0, sizeof fk.net[0]);
	fk.net[fk.n_net].lo = lo;
	fk.net[fk.n_net].method = method;
	fk.net[fk.n_net].timeout = timeout_ms;
	snprintf(fk.net[fk.n_net].url, 128, "%.*s", (int)url_len, (const char *)url);
	return ZOS_OK;
}

void zk_net_header(const uint8_t *p, uint32_t len)
{
	(void)p, (void)len;
	fk.net[fk.n_net].headers++;
}

void zk_net_end(void)
{
	fk.n_net++;
}

int32_t zk_log_append(const uint8_t *p, uint32_t len)
{
	if (fk.log_len + len > sizeof fk.log)
		return ZOS_ERR_IO;
	memcpy(fk.log + fk.log_len, p, len);
	fk.log_len += len;
	return ZOS_OK;
}

int32_t zk_log_flush(void)
{
	fk.flushes++;
	return ZOS_OK;
}

int32_t zk_log_truncate(uint32_t len)
{
	fk.log_len = len;
	return ZOS_OK;
}

uint32_t zk_log_size(void)
{
	return fk.log_len;
}

void zk_log_read(uint8_t *p, uint32_t len)
{
	memcpy(p, fk.log, len);
}

void *wasm_alloc(size_t n)
{
	return calloc(1, n ? n : 1);
}

void wasm_free(void *p)
{
	free(p);
}

/* kernel.wasm's exports these tests call. */
int32_t zos_wasm_boot(uint8_t *log, uint32_t len);
struct zos_wasm_boot *zos_wasm_boot_report(void);
struct zos_wasm_status *zos_wasm_status(void);
int32_t zos_wasm_ring(uint32_t pid);
int32_t zos_wasm_pass(void);
int32_t zos_wasm_fault(uint32_t pid, uint32_t reason, uint32_t name_len, uint32_t desc_len);
void zos_wasm_log_lost(int32_t err);
uint8_t *zos_wasm_scratch(void);
void zos_wasm_list_begin(void);
int32_t zos_wasm_list_add(uint32_t key_len);
void zos_wasm_kv_done(uint32_t lo, uint32_t hi, uint32_t keystore, uint32_t kind, uint32_t exists,
		      uint32_t more, uint32_t data_len);
void zos_wasm_net_begin(void);
void zos_wasm_net_header(uint32_t len);
void zos_wasm_net_ok(uint32_t lo, uint32_t hi, uint32_t status, uint32_t body_len);
uint32_t zos_wasm_console_input(uint32_t len);

/* ---- helpers ---------------------------------------------------------- */

static void reset(void)
{
	for (int i = 0; i < MAX_MB; i++)
		free(fk.mb[i]);
	memset(&fk, 0, sizeof fk);
	memset(&wasm, 0, sizeof wasm);
}

/* A fresh system: Genesis, Init (pid 1) started. */
static void boot(void)
{
	reset();
	CHECK_EQ(zos_wasm_boot(0, 0), ZOS_OK);
	CHECK_EQ(fk.n_spawned, 1);
	CHECK_EQ(fk.spawned[0], ZOS_PID_INIT);
	CHECK_EQ(fk.spawn_len[0], 0); /* Init comes from the verified set */
	zos_wasm_pass(); /* as the worker does after every event */
}

/* pid writes a request into its mailbox, as the shim does. */
static void request(uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1, uint64_t a2,
		    const void *in, uint32_t in_len, uint32_t out_cap)
{
	struct zos_mailbox *mb = fk.mb[pid];

	mb->num = num;
	mb->arg[0] = a0;
	mb->arg[1] = a1;
	mb->arg[2] = a2;
	mb->arg[3] = 0;
	mb->in_len = in_len;
	if (in_len)
		memcpy(mb->in, in, in_len);
	mb->out_cap = out_cap;
	mb->state = ZOS_MB_REQUEST;
}

/* One syscall from pid through its mailbox, to the published answer. */
static int64_t call(uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1, uint64_t a2,
		    const void *in, uint32_t in_len, uint32_t out_cap)
{
	uint32_t before = fk.n_published;

	request(pid, num, a0, a1, a2, in, in_len, out_cap);
	CHECK_EQ(zos_wasm_ring(pid), 1);
	zos_wasm_pass();
	CHECK_EQ(fk.n_published, before + 1);
	CHECK_EQ(fk.mb[pid]->state, ZOS_MB_RESPONSE);
	fk.mb[pid]->state = ZOS_MB_IDLE;
	return fk.mb[pid]->result;
}

/* Init's genesis slots: device d in d - 1, its inbox after them. */
#define INIT_STORAGE ZOS_INIT_DEVICE_SLOT(ZOS_DEV_STORAGE)
#define INIT_KEYSTORE ZOS_INIT_DEVICE_SLOT(ZOS_DEV_KEYSTORE)
#define INIT_NETWORK ZOS_INIT_DEVICE_SLOT(ZOS_DEV_NETWORK)
#define INIT_INBOX ZOS_INIT_INBOX_SLOT

/* Init's next message, received without blocking: its tag (body in out). */
static uint32_t init_message(uint8_t *out, uint32_t *len)
{
	struct zos_msg_header h;
	int64_t r = call(ZOS_PID_INIT, ZOS_SYS_RECV, INIT_INBOX, ZOS_RECV_NONBLOCK, 0, 0, 0,
			 ZOS_MSG_MAX + sizeof h);

	if (r < 0)
		return 0;
	memcpy(&h, fk.mb[ZOS_PID_INIT]->out, sizeof h);
	*len = h.size;
	memcpy(out, fk.mb[ZOS_PID_INIT]->out + sizeof h, h.size);
	return h.tag;
}

/* Drains Init's inbox (the terminal request, and so on). */
static void drain_init(void)
{
	uint8_t body[ZOS_MSG_MAX];
	uint32_t len;

	while (init_message(body, &len))
		;
}

/* ---- the private copy: lib/mailbox.c ----------------------------------- */

static void mailbox_request_clamps(void)
{
	static uint8_t head[ZOS_MAILBOX_HEAD], in[1], out[1];
	zos_syscall_t sc;

	memset(head, 0xFF, sizeof head);
	CHECK_EQ(mailbox_request(head, &sc, in, out), 0); /* state 0xFFFFFFFF: no request */
	zos_st32(head, ZOS_MB_REQUEST);
	CHECK_EQ(mailbox_request(head, &sc, in, out), 1);
	CHECK_EQ(sc.num, 0xFFFFFFFFu);
	CHECK_EQ(sc.in_len, ZOS_MAILBOX_DATA);
	CHECK_EQ(sc.out_cap, ZOS_MAILBOX_DATA);
	CHECK(sc.in == in && sc.out == out);
	sc.out_len = 0xFFFFFFFFu;
	CHECK_EQ(mailbox_answer_len(&sc), ZOS_MAILBOX_DATA);
	sc.out_len = 5;
	CHECK_EQ(mailbox_answer_len(&sc), 5);
	CHECK_EQ(ZOS_MAILBOX_HEAD, 64);
}

/* ---- boot ---------------------------------------------------------- */

static void boot_genesis_starts_init_and_asks_for_a_terminal(void)
{
	uint8_t body[ZOS_MSG_MAX];
	uint32_t len = 0;

	boot();
	CHECK_CONTAINS(fk.console, "Zero OS (in the browser)");
	CHECK_CONTAINS(fk.console, "axiom: new commit log");
	CHECK(fk.log_len > 0);
	CHECK(fk.flushes >= 1);
	CHECK_EQ(zos_wasm_boot_report()->status, ZOS_OK);
	CHECK(zos_wasm_boot_report()->log_commits > 0);
	CHECK_EQ(init_message(body, &len), ZOS_MSG_SUP_SPAWN_PROCESS);
	CHECK_EQ(len, 8);
	CHECK_MEM(body, "terminal", 8);
	CHECK_EQ(zos_wasm_boot(0, 0), ZOS_ERR_INVALID_ARGUMENT); /* once */
}

static void boot_replays_the_log_and_refuses_a_damaged_one(void)
{
	uint8_t *copy;
	uint32_t len;
	uint64_t commits;

	boot();
	len = fk.log_len;
	commits = zos_wasm_status()->commits;
	copy = malloc(len);
	memcpy(copy, fk.log, len);
	/* the same log again: verified, replayed, Boot appended */
	memset(&wasm, 0, sizeof wasm);
	fk.n_spawned = 0;
	CHECK_EQ(zos_wasm_boot(copy, len), ZOS_OK); /* it frees copy */
	CHECK_EQ(zos_wasm_boot_report()->commits, commits);
	CHECK_EQ(zos_wasm_boot_report()->epochs, 1);
	CHECK_CONTAINS(fk.console, "verified and replayed");
	CHECK(fk.log_len > len);
	/* a flipped byte in the middle: refused, nothing appended */
	len = fk.log_len;
	copy = malloc(len);
	memcpy(copy, fk.log, len);
	copy[len / 2] ^= 0x40;
	memset(&wasm, 0, sizeof wasm);
	fk.n_spawned = 0;
	CHECK_EQ(zos_wasm_boot(copy, len), ZOS_ERR_CORRUPT);
	CHECK_EQ(zos_wasm_boot_report()->status, ZOS_ERR_CORRUPT);
	CHECK(zos_wasm_boot_report()->bad_seq > 0);
	CHECK(zos_wasm_boot_report()->reason[0] != 0);
	CHECK_EQ(fk.log_len, len);
	CHECK_EQ(fk.n_spawned, 0);
	CHECK_EQ(zos_wasm_ring(ZOS_PID_INIT), 0); /* nothing runs */
}

/* ---- syscalls through the mailbox ------------------------------------ */

static void a_syscall_is_answered_at_the_end_of_the_pass(void)
{
	struct zos_ps_entry ps[8];

	boot();
	request(ZOS_PID_INIT, ZOS_SYS_PS, 0, 0, 0, 0, 0, sizeof ps);
	CHECK_EQ(zos_wasm_ring(ZOS_PID_INIT), 1);
	CHECK_EQ(fk.n_published, 0);                 /* stored, not yet visible */
	CHECK_EQ(fk.mb[1]->state, ZOS_MB_REQUEST);
	CHECK_EQ(zos_wasm_ring(ZOS_PID_INIT), 0);    /* a second ring is a stray */
	zos_wasm_pass();
	CHECK_EQ(fk.n_published, 1);
	CHECK_EQ(fk.mb[1]->result, 2);               /* pid 0 and Init */
	memcpy(ps, fk.mb[1]->out, 2 * sizeof ps[0]);
	CHECK_EQ(ps[1].pid, ZOS_PID_INIT);
	CHECK_EQ(fk.mb[1]->out_len, 2 * sizeof ps[0]);
}

static void hostile_headers_are_clamped_or_ignored(void)
{
	boot();
	/* a bad state: no request at all */
	request(ZOS_PID_INIT, ZOS_SYS_PS, 0, 0, 0, 0, 0, 0);
	fk.mb[1]->state = 7;
	CHECK_EQ(zos_wasm_ring(ZOS_PID_INIT), 0);
	/* lengths past the buffer: clamped, never read or written beyond it */
	request(ZOS_PID_INIT, ZOS_SYS_DEBUG, 0, 0, 0, 0, 0, 0);
	fk.mb[1]->in_len = 0xFFFFFFF0u;
	fk.mb[1]->out_cap = 0xFFFFFFF0u;
	CHECK_EQ(zos_wasm_ring(ZOS_PID_INIT), 1);
	zos_wasm_pass();
	CHECK_EQ(fk.max_read, ZOS_MAILBOX_DATA);
	CHECK_EQ(fk.bad_access, 0);
	CHECK_EQ(fk.mb[1]->result, ZOS_OK);
	fk.mb[1]->state = ZOS_MB_IDLE;
	/* an unknown number, a kernel-only number, a huge out_len claim */
	CHECK_EQ(call(1, 0xEE, 0, 0, 0, 0, 0, 0), ZOS_ERR_UNKNOWN_SYSCALL);
	CHECK_EQ(call(1, ZOS_SYS_KERNEL_GENESIS, 0, 0, 0, 0, 0, 0), ZOS_ERR_UNKNOWN_SYSCALL);
	fk.mb[1]->out_len = 0xFFFFFFFFu;
	CHECK_EQ(call(1, ZOS_SYS_CAP_LIST, 0, 0, 0, 0, 0, 16), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(fk.bad_access, 0);
	/* forged slots: capabilities Init does not hold */
	CHECK_EQ(call(1, ZOS_SYS_SEND, 60, 7, 0, "x", 1, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(call(1, ZOS_SYS_CONSOLE_WRITE, 40, 0, 0, "x", 1, 0), ZOS_ERR_INVALID_SLOT);
	/* rings on pids with no process, or out of any table */
	CHECK_EQ(zos_wasm_ring(0), 0);
	CHECK_EQ(zos_wasm_ring(5), 0);
	CHECK_EQ(zos_wasm_ring(0xFFFFFFFFu), 0);
	CHECK_EQ(zos_wasm_status()->stopping, 0);
}

static void debug_text_is_only_text(void)
{
	static const char cmd[] = "INIT:GRANT:5:1:7";

	boot();
	CHECK_EQ(call(1, ZOS_SYS_DEBUG, 0, 0, 0, cmd, sizeof cmd - 1, 0), ZOS_OK);
	CHECK_EQ(strcmp(fk.debug, cmd), 0);
	CHECK_EQ(fk.n_kv + fk.n_net, 0);
	CHECK_EQ(fk.n_spawned, 1);
	CHECK(strstr(fk.console, cmd) == 0);
}

static void console_write_goes_to_the_console(void)
{
	boot();
	CHECK_EQ(call(1, ZOS_SYS_CONSOLE_WRITE, ZOS_INIT_DEVICE_SLOT(ZOS_DEV_CONSOLE), 0, 0,
		      "hello\n", 6, 0), 6);
	CHECK_CONTAINS(fk.console, "hello\n");
}

/* ---- devices ---------------------------------------------------------- */

static void a_storage_write_reaches_the_worker_decoded(void)
{
	uint8_t in[64], body[ZOS_MSG_MAX];
	struct zos_kv_write_in hd = { 3 };
	struct zos_device_result dr;
	uint32_t len = 0;
	int64_t id;

	boot();
	drain_init();
	memcpy(in, &hd, sizeof hd);
	memcpy(in + sizeof hd, "key", 3);
	memcpy(in + sizeof hd + 3, "value", 5);
	id = call(1, ZOS_SYS_STORAGE_WRITE, INIT_STORAGE, INIT_INBOX, 0, in, sizeof hd + 8, 0);
	CHECK(id > 0);
	CHECK_EQ(fk.n_kv, 1);
	CHECK_EQ(fk.kv[0].lo, (uint32_t)id);
	CHECK_EQ(fk.kv[0].op, KV_WRITE);
	CHECK_EQ(fk.kv[0].mutates, 1);
	CHECK_EQ(fk.kv[0].keystore, 0);
	CHECK_EQ(strcmp(fk.kv[0].key[0], "key"), 0);
	/* the result comes back as the message every platform sends */
	zos_wasm_kv_done((uint32_t)id, (uint32_t)((uint64_t)id >> 32), 0, ZOS_STORAGE_RES_WRITE_OK,
			 0, 0, 0);
	zos_wasm_pass();
	CHECK_EQ(init_message(body, &len), ZOS_MSG_DEV_STORAGE_RESULT);
	CHECK_EQ(len, sizeof dr);
	memcpy(&dr, body, sizeof dr);
	CHECK_EQ(dr.request, (uint32_t)id);
	CHECK_EQ(dr.kind, ZOS_STORAGE_RES_WRITE_OK);
	/* malformed: a key length past the input */
	hd.key_len = 200;
	memcpy(in, &hd, sizeof hd);
	CHECK_EQ(call(1, ZOS_SYS_STORAGE_WRITE, INIT_STORAGE, INIT_INBOX, 0, in, sizeof hd + 8, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(fk.n_kv, 1);
	/* the worker full: RESOURCE_EXHAUSTED, nothing queued */
	fk.kv_full = 1;
	CHECK_EQ(call(1, ZOS_SYS_STORAGE_READ, INIT_STORAGE, INIT_INBOX, 0, "key", 3, 0),
		 ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(fk.n_kv, 1);
}

static void a_device_needs_its_capability(void)
{
	boot();
	/* the keystore through the storage cap's slot: wrong device */
	CHECK(call(1, ZOS_SYS_KEYSTORE_READ, INIT_STORAGE, INIT_INBOX, 0, "k", 1, 0) < 0);
	CHECK(call(1, ZOS_SYS_STORAGE_READ, INIT_NETWORK, INIT_INBOX, 0, "k", 1, 0) < 0);
	CHECK(call(1, ZOS_SYS_NETWORK_FETCH, INIT_KEYSTORE, INIT_INBOX, 0, "x", 1, 0) < 0);
	CHECK_EQ(call(1, ZOS_SYS_STORAGE_READ, 50, INIT_INBOX, 0, "k", 1, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(fk.n_kv + fk.n_net, 0);
	/* the keystore through its own cap */
	CHECK(call(1, ZOS_SYS_KEYSTORE_READ, INIT_KEYSTORE, INIT_INBOX, 0, "k", 1, 0) > 0);
	CHECK_EQ(fk.n_kv, 1);
	CHECK_EQ(fk.kv[0].keystore, 1);
	CHECK_EQ(fk.kv[0].mutates, 0);
}

static void a_batch_arrives_as_one_op_per_entry(void)
{
	uint8_t buf[256];
	struct zos_wbuf w;

	boot();
	zos_wbuf_init(&w, buf, sizeof buf);
	zos_put_u32(&w, 3);
	kv_batch_put(&w, ZOS_KV_BATCH_WRITE, "a", 1, "1", 1);
	kv_batch_put(&w, ZOS_KV_BATCH_DELETE, "b", 1, 0, 0);
	kv_batch_put(&w, ZOS_KV_BATCH_WRITE, "c", 1, "3", 1);
	CHECK(call(1, ZOS_SYS_STORAGE_BATCH_WRITE, INIT_STORAGE, INIT_INBOX, 0, buf,
		   (uint32_t)w.len, 0) > 0);
	CHECK_EQ(fk.n_kv, 1);
	CHECK_EQ(fk.kv[0].op, KV_BATCH);
	CHECK_EQ(fk.kv[0].entries, 3);
	CHECK_EQ(fk.kv[0].ops[1], KV_DELETE);
	CHECK_EQ(strcmp(fk.kv[0].key[2], "c"), 0);
	/* one byte short: refused before the worker hears of it */
	CHECK_EQ(call(1, ZOS_SYS_STORAGE_BATCH_WRITE, INIT_STORAGE, INIT_INBOX, 0, buf,
		      (uint32_t)w.len - 1, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(fk.n_kv, 1);
}

static void a_list_result_is_built_by_lib(void)
{
	uint8_t body[ZOS_MSG_MAX];
	struct zos_device_result dr;
	uint32_t len = 0;
	int64_t id;

	boot();
	drain_init();
	id = call(1, ZOS_SYS_STORAGE_LIST, INIT_STORAGE, INIT_INBOX, 0, "/a", 2, 0);
	CHECK(id > 0);
	zos_wasm_list_begin();
	memcpy(zos_wasm_scratch(), "/a/1", 4);
	CHECK_EQ(zos_wasm_list_add(4), 1);
	memcpy(zos_wasm_scratch(), "/a/22", 5);
	CHECK_EQ(zos_wasm_list_add(5), 1);
	CHECK_EQ(zos_wasm_list_add(ZOS_KV_KEY_MAX + 1), 0); /* too long: the list stops */
	zos_wasm_kv_done((uint32_t)id, 0, 0, ZOS_STORAGE_RES_LIST_OK, 0, 0, 0);
	zos_wasm_pass();
	CHECK_EQ(init_message(body, &len), ZOS_MSG_DEV_STORAGE_RESULT);
	memcpy(&dr, body, sizeof dr);
	CHECK_EQ(dr.kind, ZOS_STORAGE_RES_LIST_OK);
	CHECK_EQ(dr.truncated, 1);
	CHECK_EQ(zos_le32(body + sizeof dr), 2);
	CHECK_EQ(len, sizeof dr + 4 + 2 + 4 + 2 + 5);
	CHECK_MEM(body + sizeof dr + 4 + 2, "/a/1", 4);
}

static void a_fetch_is_decoded_and_answered_with_net_wire(void)
{
	struct znet_request rq = { .method = ZOS_NET_GET, .url = "http://127.0.0.1:9/x", .url_len = 20 };
	uint8_t in[256], block[64], body[ZOS_MSG_MAX];
	uint32_t used = 0, len = 0, req = 0, code = 0, msg_len = 0, rq_len = 0;
	struct znet_response resp;
	const char *why = 0, *msg = 0;
	uint8_t kind = 0;
	int64_t id;

	boot();
	drain_init();
	znet_header_put(block, sizeof block, &used, "Accept: text/plain", 18);
	rq.headers = block;
	rq.headers_len = used;
	rq.nheaders = 1;
	CHECK_EQ(znet_request_encode(&rq, in, sizeof in, &rq_len, &why), ZOS_OK);
	CHECK_EQ(call(1, ZOS_SYS_NETWORK_FETCH, INIT_NETWORK, INIT_INBOX, 0, in, rq_len - 1, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	id = call(1, ZOS_SYS_NETWORK_FETCH, INIT_NETWORK, INIT_INBOX, 0, in, rq_len, 0);
	CHECK(id > 0);
	CHECK_EQ(fk.n_net, 1);
	CHECK_EQ(strcmp(fk.net[0].url, "http://127.0.0.1:9/x"), 0);
	CHECK_EQ(fk.net[0].headers, 1);
	CHECK_EQ(fk.net[0].timeout, ZOS_NET_TIMEOUT_DEFAULT_MS);
	zos_wasm_net_begin();
	memcpy(zos_wasm_scratch(), "content-type: text/plain", 24);
	zos_wasm_net_header(24);
	memcpy(zos_wasm_scratch(), "x-bad: caf\xc3\xa9", 12);
	zos_wasm_net_header(12); /* not plain ASCII: counted, not kept */
	memcpy(zos_wasm_scratch(), "hi", 2);
	zos_wasm_net_ok((uint32_t)id, 0, 200, 2);
	zos_wasm_pass();
	CHECK_EQ(init_message(body, &len), ZOS_MSG_DEV_NET_RESULT);
	CHECK_EQ(znet_result_decode(body, len, &req, &kind, &resp, &code, &msg, &msg_len), ZOS_OK);
	CHECK_EQ(req, (uint32_t)id);
	CHECK_EQ(kind, ZOS_STORAGE_RES_READ_OK);
	CHECK_EQ(resp.status, 200);
	CHECK_EQ(resp.nheaders, 1);
	CHECK_EQ(resp.headers_omitted, 1);
	CHECK_EQ(resp.body_len, 2);
	/* a body over the device's limit is TOO_LARGE, never cut */
	id = call(1, ZOS_SYS_NETWORK_FETCH, INIT_NETWORK, INIT_INBOX, 0, in, rq_len, 0);
	zos_wasm_net_begin();
	zos_wasm_net_ok((uint32_t)id, 0, 200, ZOS_NET_RESP_BODY_MAX + 1);
	zos_wasm_pass();
	CHECK_EQ(init_message(body, &len), ZOS_MSG_DEV_NET_RESULT);
	CHECK_EQ(znet_result_decode(body, len, &req, &kind, &resp, &code, &msg, &msg_len), ZOS_OK);
	CHECK_EQ(kind, ZOS_STORAGE_RES_ERROR);
	CHECK_EQ(code, ZOS_NET_ERR_TOO_LARGE);
}

/* ---- faults, the log's fate, console input ------------------------------ */

static void a_trap_is_a_fault_and_a_stop_for_init(void)
{
	struct zos_wasm_status *st;

	boot();
	memcpy(zos_wasm_scratch(), "inittrap: unreachable", 21);
	CHECK_EQ(zos_wasm_fault(ZOS_PID_INIT, ZOS_FAULT_ILLEGAL_INSTRUCTION, 4, 17), 1);
	CHECK_CONTAINS(fk.console, "init (pid 1) crashed: trap: unreachable");
	CHECK_EQ(fk.n_ended, 1);
	CHECK_EQ(fk.ended[0], ZOS_PID_INIT);
	st = zos_wasm_status();
	CHECK_EQ(st->stopping, 1); /* Init's end is the system's */
	CHECK_EQ(zos_wasm_fault(ZOS_PID_INIT, ZOS_FAULT_OTHER, 0, 0), 0); /* once */
	CHECK_EQ(zos_wasm_fault(9, ZOS_FAULT_OTHER, 0, 0), 0);
	CHECK_EQ(zos_wasm_fault(ZOS_PID_INIT, ZOS_FAULT_OTHER, 5000, 5000), 0);
}

static void a_lost_log_stops_everything(void)
{
	boot();
	request(ZOS_PID_INIT, ZOS_SYS_PS, 0, 0, 0, 0, 0, 0);
	CHECK_EQ(zos_wasm_ring(ZOS_PID_INIT), 1);
	zos_wasm_log_lost(ZOS_ERR_IO);
	CHECK_EQ(zos_wasm_pass(), 1);
	CHECK_EQ(fk.n_published, 0); /* never an answer after the log failed */
	CHECK_EQ(zos_wasm_status()->log_failed, 1);
	CHECK_EQ(zos_wasm_status()->exit_code, 3);
	CHECK_CONTAINS(fk.console, "the commit log could not be written");
}

static void console_input_goes_to_init(void)
{
	uint8_t body[ZOS_MSG_MAX];
	uint32_t len = 0, tag;

	boot();
	drain_init();
	memcpy(zos_wasm_scratch(), "ps\r", 3);
	CHECK_EQ(zos_wasm_console_input(3), 3);
	zos_wasm_pass();
	tag = init_message(body, &len);
	CHECK_EQ(tag, ZOS_MSG_SUP_CONSOLE_INPUT);
	CHECK_EQ(len, 3);
	CHECK_MEM(body, "ps\r", 3);
	CHECK(zos_wasm_console_input(100000) <= ZOS_WASM_SCRATCH); /* never past the scratch area */
}

static void the_abi_table_has_unique_names(void)
{
	uint32_t n = zos_wasm_abi_count();

	CHECK(n > 100);
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = i + 1; j < n; j++)
			if (!strcmp(zos_wasm_abi_name(i), zos_wasm_abi_name(j)))
				harness_fail(__FILE__, __LINE__, "%s twice", zos_wasm_abi_name(i));
	CHECK(zos_wasm_abi_name(n) == 0);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(mailbox_request_clamps);
	RUN(boot_genesis_starts_init_and_asks_for_a_terminal);
	RUN(boot_replays_the_log_and_refuses_a_damaged_one);
	RUN(a_syscall_is_answered_at_the_end_of_the_pass);
	RUN(hostile_headers_are_clamped_or_ignored);
	RUN(debug_text_is_only_text);
	RUN(console_write_goes_to_the_console);
	RUN(a_storage_write_reaches_the_worker_decoded);
	RUN(a_device_needs_its_capability);
	RUN(a_batch_arrives_as_one_op_per_entry);
	RUN(a_list_result_is_built_by_lib);
	RUN(a_fetch_is_decoded_and_answered_with_net_wire);
	RUN(a_trap_is_a_fault_and_a_stop_for_init);
	RUN(a_lost_log_stops_everything);
	RUN(console_input_goes_to_init);
	RUN(the_abi_table_has_unique_names);
	reset();
	return harness_finish("wasm/hal_wasm");
}
