/*
 * replay_rate: how fast a recorded CommitLog is verified and replayed, next
 * to raw SHA-256 over exactly the same bytes (figure 2 of `make bench`).
 *
 * The log is recorded first, untimed, by a seeded service-style workload
 * (below) running through a System on the fake platform, whose sink keeps
 * the framed records in memory, Checkpoints included. It is this file's own
 * rather than tests/support/workload.c because that one stalls within a few
 * hundred commits (every child gone, Init parked in a blocking receive). The
 * commit mix is printed so the figure can be read against it; replaying the
 * log must reproduce the live state hash before anything is timed.
 *
 * Figure 2 times replay_records over those framed bytes: per record the
 * frame check (CRC-32C), strict decoding, the chain check (seq, previous
 * hash, the commit's own SHA-256), kernel_apply, and the state hash at each
 * Checkpoint. The baseline is zos_sha256 over the same buffer in one
 * stream. Two more rows place it: a chain-only replay (no kernel: nothing
 * applied, no state hashes) and SHA-256 of each record on its own, which is
 * the least a per-commit hash chain can cost (padding and finalisation once
 * per record).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/commit.h>
#include <zos/error.h>
#include <zos/fault.h>
#include <zos/msg.h>
#include <zos/pid.h>

#include "axiom/frame.h"
#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "bench.h"
#include "lib/bytes.h"
#include "lib/sha256.h"
#include "support/fake_platform.h"

#define SEED 0x5245504C4159ull /* "REPLAY" */
#define SPAWN_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN)
#define MIN_COMMITS 60000u     /* record until the log holds at least this many */

struct recorded {
	struct fake_platform fp;
	struct zos_system *sys;
	const uint8_t *log;
	size_t len;
	uint64_t commits;
	uint64_t types[ZOS_COMMIT_TYPE_COUNT];
	uint8_t live_hash[ZOS_HASH_SIZE];
	uint64_t steps;
};

struct replay_ctx {
	const struct recorded *r;
	struct kernel *k;      /* 0 in the chain-only replay */
	uint8_t sink[ZOS_HASH_SIZE];
};

/* ---- recording: a service-style workload ---------------------------------
 * Init spawns workers and hands out endpoints and send rights; workers send
 * (mostly answered at once by the endpoint's owner), pass capabilities,
 * call and reply, derive, revoke and delete caps, exit, get killed or
 * fault. Every choice is made from the live state, so most calls succeed
 * and the mix stays steady however long it runs. */

struct mix {
	struct zos_system *sys;
	uint64_t rng;
	uint64_t calls;
	uint8_t body[sizeof(struct zos_send_cap_in) + ZOS_MSG_MAX];
	uint8_t out[sizeof(struct zos_msg_header) + ZOS_MSG_MAX];
};

static uint32_t below(struct mix *m, uint32_t n)
{
	uint64_t z = (m->rng += 0x9E3779B97F4A7C15ull); /* splitmix64 */

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return n ? (uint32_t)((z ^ (z >> 31)) % n) : 0;
}

static int64_t call(struct mix *m, uint32_t pid, zos_syscall_t *sc)
{
	int64_t r = ZOS_ERR_WOULD_BLOCK;
	enum system_outcome o = system_syscall(m->sys, pid, sc, &r);

	m->calls++;
	if (o == SYS_GONE)
		return ZOS_OK;
	return o == SYS_PARKED ? ZOS_ERR_WOULD_BLOCK : r;
}

static int64_t call3(struct mix *m, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
		     uint64_t a2)
{
	zos_syscall_t sc = { .num = num, .arg = { a0, a1, a2, 0 } };
	return call(m, pid, &sc);
}

static const struct proc *proc_of(const struct mix *m, uint64_t pid)
{
	return pid <= 0xFFFFFFFFu ? kernel_proc(&m->sys->k.s, (uint32_t)pid) : 0;
}

static int in_list(const uint32_t *list, uint32_t n, uint32_t pid)
{
	for (uint32_t i = 0; i < n; i++)
		if (list[i] == pid)
			return 1;
	return 0;
}

/* A live worker (not the kernel, not Init) that is not parked. */
static int runnable_worker(const struct mix *m, const struct proc *p)
{
	return p && p->state == ZOS_PROC_ALIVE && p->pid > ZOS_PID_INIT &&
	       !system_is_parked(m->sys, p->pid);
}

/* A random runnable worker, or 0; *count says how many there are. The
 * parked pids are gathered once, not looked up per process. */
static const struct proc *pick_worker(struct mix *m, uint32_t *count)
{
	const struct proc *pick = 0;
	uint32_t parked[ZOS_MAX_PROCS], nparked = 0, seen = 0;

	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (m->sys->parked[i].used)
			parked[nparked++] = m->sys->parked[i].pid;
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		const struct proc *p = &m->sys->k.s.procs[i];
		if (p->state == ZOS_PROC_ALIVE && p->pid > ZOS_PID_INIT &&
		    !in_list(parked, nparked, p->pid) && below(m, ++seen) == 0)
			pick = p;
	}
	if (count)
		*count = seen;
	return pick;
}

/* A random slot of p holding a cap of `type` (any when 0) with `rights`;
 * Init's genesis device caps are never offered. -1 when none. */
static int pick_cap(struct mix *m, const struct proc *p, uint8_t type, uint8_t rights)
{
	int pick = -1;
	uint32_t seen = 0;

	for (int i = p->pid == ZOS_PID_INIT ? ZOS_DEV_COUNT : 0; i < ZOS_MAX_SLOTS; i++) {
		const struct cap *c = &p->slots[i];
		if (c->id && (!type || c->type == type) && (c->rights & rights) == rights &&
		    below(m, ++seen) == 0)
			pick = i;
	}
	return pick;
}

/* Init's slot of a process cap to a runnable worker, or -1. */
static int pick_worker_cap(struct mix *m)
{
	const struct proc *init = proc_of(m, ZOS_PID_INIT);
	int slot = pick_cap(m, init, ZOS_OBJ_PROCESS, ZOS_RIGHT_WRITE);

	if (slot < 0 || !runnable_worker(m, proc_of(m, init->slots[slot].obj_id)))
		return -1;
	return slot;
}

static uint32_t used_slots(const struct proc *p)
{
	uint32_t n = 0;

	for (int i = 0; i < ZOS_MAX_SLOTS; i++)
		n += p->slots[i].id != 0;
	return n;
}

static void do_spawn(struct mix *m)
{
	char name[16];
	uint32_t n = (uint32_t)snprintf(name, sizeof name, "svc%u", below(m, 1000));
	struct zos_spawn_in h = { n };
	zos_syscall_t sc = { .num = ZOS_SYS_SPAWN_PROCESS, .arg = { SPAWN_SLOT, 0, 0, 0 },
			     .in = m->body, .in_len = (uint32_t)sizeof h + n + 3 };

	memcpy(m->body, &h, sizeof h);
	memcpy(m->body + sizeof h, name, n);
	memcpy(m->body + sizeof h + n, "BIN", 3);
	call(m, ZOS_PID_INIT, &sc);
}

/* The owner's READ slot for endpoint ep_id, if it can receive now; -1 if not. */
static int owner_slot(struct mix *m, uint64_t ep_id, const struct proc **owner)
{
	const struct endpoint *e = kernel_endpoint(&m->sys->k.s, ep_id);

	*owner = e ? proc_of(m, e->owner) : 0;
	if (!runnable_worker(m, *owner))
		return -1;
	for (int i = 0; i < ZOS_MAX_SLOTS; i++) {
		const struct cap *c = &(*owner)->slots[i];
		if (c->id && c->type == ZOS_OBJ_ENDPOINT && c->obj_id == ep_id &&
		    (c->rights & ZOS_RIGHT_READ))
			return i;
	}
	return -1;
}

static int64_t do_recv(struct mix *m, uint32_t pid, uint32_t slot)
{
	zos_syscall_t sc = { .num = ZOS_SYS_RECV, .arg = { slot, ZOS_RECV_NONBLOCK, 0, 0 },
			     .out = m->out, .out_cap = sizeof m->out };
	return call(m, pid, &sc);
}

static uint32_t body_size(struct mix *m)
{
	static const uint32_t sizes[] = { 0, 16, 16, 64, 200, 1024, 4096 };
	return sizes[below(m, sizeof sizes / sizeof sizes[0])];
}

/* SEND (or SEND_CAP with one of the sender's grantable caps); mostly the
 * owner receives at once, as a server loop would. */
static void do_send(struct mix *m, int with_cap)
{
	const struct proc *w = pick_worker(m, 0), *owner;
	struct zos_send_cap_in h = { 1, { 0 } };
	int ep = w ? pick_cap(m, w, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_WRITE) : -1;
	int carried = with_cap && ep >= 0 ? pick_cap(m, w, 0, ZOS_RIGHT_GRANT) : 0;
	zos_syscall_t sc = { .num = ZOS_SYS_SEND, .in = m->body, .in_len = body_size(m) };
	int rs;

	if (ep < 0 || carried < 0)
		return;
	sc.arg[0] = (uint32_t)ep;
	sc.arg[1] = ZOS_MSG_VFS_READ;
	if (with_cap) {
		h.slots[0] = (uint32_t)carried;
		memcpy(m->body, &h, sizeof h);
		sc.num = ZOS_SYS_SEND_CAP;
		sc.in_len += (uint32_t)sizeof h;
	}
	if (call(m, w->pid, &sc) == ZOS_OK && below(m, 100) < 85 &&
	    (rs = owner_slot(m, w->slots[ep].obj_id, &owner)) >= 0)
		do_recv(m, owner->pid, (uint32_t)rs);
}

/* The server side of a call: receive the request, answer through the
 * reply cap it carried. */
static void serve_call(struct mix *m, const struct proc *server, int slot)
{
	struct zos_msg_header h;
	zos_syscall_t rep = { .num = ZOS_SYS_REPLY, .in = m->body, .in_len = body_size(m) };

	if (do_recv(m, server->pid, (uint32_t)slot) < 0)
		return;
	memcpy(&h, m->out, sizeof h);
	if (h.ncaps != 1)
		return;
	rep.arg[0] = h.cap_slots[0];
	rep.arg[1] = ZOS_MSG_VFS_READ_RESPONSE;
	call(m, server->pid, &rep);
}

/* CALL from a worker (its reply endpoint: one it holds with every right) to
 * a server whose queue is empty; the server answers at once and the caller
 * is resumed with the reply. */
static void do_call(struct mix *m)
{
	const struct proc *w = pick_worker(m, 0), *server;
	int ep = w ? pick_cap(m, w, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_WRITE) : -1;
	int reply = ep >= 0 ? pick_cap(m, w, ZOS_OBJ_ENDPOINT, ZOS_RIGHTS_ALL) : -1;
	zos_syscall_t sc = { .num = ZOS_SYS_CALL, .in = m->body, .in_len = body_size(m),
			     .out = m->out, .out_cap = sizeof m->out };
	const struct endpoint *e;
	int slot;
	int64_t r;

	if (reply < 0)
		return;
	e = kernel_endpoint(&m->sys->k.s, w->slots[ep].obj_id);
	slot = owner_slot(m, w->slots[ep].obj_id, &server);
	if (!e || e->count || slot < 0 || server == w)
		return;
	sc.arg[0] = (uint32_t)ep;
	sc.arg[1] = ZOS_MSG_VFS_READ;
	sc.arg[2] = (uint32_t)reply;
	if (call(m, w->pid, &sc) != ZOS_ERR_WOULD_BLOCK || !system_is_parked(m->sys, w->pid))
		return;
	serve_call(m, server, slot);
	sc = (zos_syscall_t){ .out = m->out, .out_cap = sizeof m->out };
	system_resume(m->sys, w->pid, &sc, &r);
}

static void do_cap_op(struct mix *m, uint32_t num)
{
	const struct proc *w = pick_worker(m, 0);
	int slot = w ? pick_cap(m, w, 0, 0) : -1;

	if (slot < 0)
		return;
	if (num == ZOS_SYS_CAP_DERIVE)
		call3(m, w->pid, num, (uint32_t)slot, w->slots[slot].rights & ZOS_RIGHT_READ, 0);
	else
		call3(m, w->pid, num, (uint32_t)slot, 0, 0);
}

/* Init gives a worker an endpoint of its own, or a WRITE copy of one. */
static void do_init_op(struct mix *m, int grant)
{
	int pc = pick_worker_cap(m);
	int ep = grant ? pick_cap(m, proc_of(m, ZOS_PID_INIT), ZOS_OBJ_ENDPOINT, ZOS_RIGHT_GRANT) : 0;

	if (pc < 0 || ep < 0)
		return;
	if (grant)
		call3(m, ZOS_PID_INIT, ZOS_SYS_CAP_GRANT, (uint32_t)ep, (uint32_t)pc, ZOS_RIGHT_WRITE);
	else
		call3(m, ZOS_PID_INIT, ZOS_SYS_CREATE_ENDPOINT_FOR, (uint32_t)pc, 0, 0);
}

static void do_end(struct mix *m, uint32_t how)
{
	const struct proc *w = pick_worker(m, 0);
	int pc;

	if (how == 0 && w)
		call3(m, w->pid, ZOS_SYS_EXIT, below(m, 4), 0, 0);
	else if (how == 1 && (pc = pick_worker_cap(m)) >= 0)
		call3(m, ZOS_PID_INIT, ZOS_SYS_KILL, (uint32_t)pc, 0, 0);
	else if (how == 2 && w)
		system_fault(m->sys, w->pid, ZOS_FAULT_MEMORY, "bench fault", 11);
}

static void do_recv_any(struct mix *m)
{
	const struct proc *w = pick_worker(m, 0);
	int slot = w ? pick_cap(m, w, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_READ) : -1;

	if (slot >= 0)
		do_recv(m, w->pid, (uint32_t)slot);
}

static void do_delete_endpoint(struct mix *m)
{
	const struct proc *w = pick_worker(m, 0);
	int slot = w ? pick_cap(m, w, ZOS_OBJ_ENDPOINT, ZOS_RIGHTS_ALL) : -1;

	if (slot >= 0)
		call3(m, w->pid, ZOS_SYS_DELETE_ENDPOINT, (uint32_t)slot, 0, 0);
}

/* Keep CSpaces from filling up: Init and busy workers give caps up. */
static void housekeeping(struct mix *m)
{
	const struct proc *init = proc_of(m, ZOS_PID_INIT), *w = pick_worker(m, 0);
	int slot;

	if (used_slots(init) > 40 && (slot = pick_cap(m, init, 0, 0)) >= 0)
		call3(m, ZOS_PID_INIT, ZOS_SYS_CAP_DELETE, (uint32_t)slot, 0, 0);
	if (w && used_slots(w) > 24 && (slot = pick_cap(m, w, 0, 0)) >= 0)
		call3(m, w->pid, ZOS_SYS_CAP_DELETE, (uint32_t)slot, 0, 0);
}

static void mix_step(struct mix *m)
{
	uint32_t live, roll = below(m, 200);

	pick_worker(m, &live);
	housekeeping(m);
	if (live < 8 || (roll < 4 && live < 40))
		do_spawn(m);
	else if (roll < 14)
		do_init_op(m, 0);
	else if (roll < 30)
		do_init_op(m, 1);
	else if (roll < 110)
		do_send(m, 0);
	else if (roll < 122)
		do_send(m, 1);
	else if (roll < 136)
		do_call(m);
	else if (roll < 150)
		do_recv_any(m);
	else if (roll < 162)
		do_cap_op(m, ZOS_SYS_CAP_DERIVE);
	else if (roll < 170)
		do_cap_op(m, ZOS_SYS_CAP_REVOKE);
	else if (roll < 182)
		do_cap_op(m, ZOS_SYS_CAP_DELETE);
	else if (roll < 185)
		do_end(m, roll - 182); /* exit, kill, fault */
	else if (roll < 188)
		do_delete_endpoint(m);
}

static void count_types(struct recorded *r)
{
	size_t pos = 0;
	const uint8_t *rec;
	uint32_t n;

	while (frame_next(r->log, r->len, &pos, &rec, &n) == FRAME_OK)
		if (n >= 2 && (rec[0] | rec[1] << 8) < ZOS_COMMIT_TYPE_COUNT)
			r->types[rec[0] | rec[1] << 8]++;
}

static void record(struct recorded *r)
{
	struct mix *m = calloc(1, sizeof *m);

	if (!m)
		bench_die("out of memory", 0);
	fake_init(&r->fp);
	r->sys = fake_system(&r->fp);
	m->sys = r->sys;
	m->rng = SEED;
	while (r->sys->ax.log.next_seq < MIN_COMMITS) {
		r->fp.now += below(m, 5000);
		r->fp.n_wakes = 0; /* resumes are driven directly; keep the list bounded */
		mix_step(m);
	}
	r->steps = m->calls;
	free(m);
	r->log = r->fp.log;
	r->len = r->fp.log_len;
	r->commits = r->sys->ax.log.next_seq;
	state_hash(&r->sys->k.s, r->live_hash);
	count_types(r);
}

/* Untimed: the replay must reproduce the live state, or the figure is void. */
static void check_replay(const struct recorded *r, struct kernel *k)
{
	struct replay_report rep;

	if (replay_and_verify(k, r->log, r->len, r->live_hash, &rep) != ZOS_OK)
		bench_die(rep.reason ? rep.reason : "replay failed", (long long)rep.bad_seq);
	if (rep.commits != r->commits || rep.torn || rep.good_bytes != r->len)
		bench_die("replay did not cover the whole log", (long long)rep.commits);
}

/* ---- the timed work --------------------------------------------------------- */

static void replay_runs(void *ctx, uint64_t iters)
{
	struct replay_ctx *c = ctx;
	struct replay_report rep;

	for (uint64_t i = 0; i < iters; i++)
		if (replay_records(c->k, c->r->log, c->r->len, &rep) != ZOS_OK ||
		    rep.commits != c->r->commits)
			bench_die("replay failed", (long long)rep.bad_seq);
}

static void sha_stream_runs(void *ctx, uint64_t iters)
{
	struct replay_ctx *c = ctx;

	for (uint64_t i = 0; i < iters; i++)
		zos_sha256(c->r->log, c->r->len, c->sink);
}

/* Each framed record hashed on its own (record boundaries from the length
 * field; the frames are known good). */
static void sha_record_runs(void *ctx, uint64_t iters)
{
	struct replay_ctx *c = ctx;
	const uint8_t *log = c->r->log;

	for (uint64_t i = 0; i < iters; i++)
		for (size_t pos = 0; pos < c->r->len;) {
			size_t n = ZOS_FRAME_HEADER_SIZE + (size_t)zos_le32(log + pos + 4);
			zos_sha256(log + pos, n, c->sink);
			pos += n;
		}
}

/* ---- printing ----------------------------------------------------------------- */

static void print_mix(const struct recorded *r)
{
	uint32_t shown = 0;

	printf("log: %llu commits from %llu syscalls, %zu framed bytes (%.1f B/commit); mix:",
	       (unsigned long long)r->commits, (unsigned long long)r->steps, r->len,
	       (double)r->len / (double)r->commits);
	for (uint32_t t = 0; t < ZOS_COMMIT_TYPE_COUNT; t++)
		if (r->types[t])
			printf("%s%s %.1f%%", shown++ % 6 ? ", " : "\n  ", zos_commit_type_name(t),
			       100.0 * (double)r->types[t] / (double)r->commits);
	printf("\n");
}

static void print_rates(const struct recorded *r, const struct bench_series *s)
{
	char a[32];
	double ns = bench_stat_of(s->t).med;

	bench_note("= %scommits/s, %.1f MB/s", bench_fmt_rate(a, sizeof a, bench_rate(ns)),
		   (double)r->len / (double)r->commits / ns * 1e3);
}

enum { REPLAY, CHAIN, STREAM, RECORDS, NCASES };

static void print_fig2(const struct recorded *r, const struct bench_series *t)
{
	bench_title("replay_rate: replay-and-verify vs raw SHA-256 of the same bytes (figure 2)");
	print_mix(r);
	bench_table_header();
	bench_row("2. replay_records (verify + apply)", &t[REPLAY], "SHA-256 of the log, one stream",
		  &t[STREAM], "commit");
	print_rates(r, &t[REPLAY]);
	bench_note("baseline: %.1f MB/s",
		   (double)r->len / (double)r->commits / bench_stat_of(t[STREAM].t).med * 1e3);
	bench_row("   replay_records, chain only (no kernel)", &t[CHAIN],
		  "SHA-256 of the log, one stream", &t[STREAM], "commit");
	print_rates(r, &t[CHAIN]);
	bench_row("   replay_records (verify + apply)", &t[REPLAY], "SHA-256 of each record alone",
		  &t[RECORDS], "commit");
	bench_note("aim for figure 2: replay within 2x of raw hashing of the same bytes");
}

int main(void)
{
	static struct recorded r;
	struct replay_ctx full = { &r, 0, { 0 } }, chain = { &r, 0, { 0 } };
	struct bench_case cs[NCASES] = {
		[REPLAY] = { replay_runs, 0, &full, 1 },
		[CHAIN] = { replay_runs, 0, &chain, 1 },
		[STREAM] = { sha_stream_runs, 0, &full, 1 },
		[RECORDS] = { sha_record_runs, 0, &full, 1 },
	};
	struct bench_series t[NCASES];

	record(&r);
	full.k = malloc(sizeof *full.k);
	if (!full.k)
		bench_die("out of memory", 0);
	check_replay(&r, full.k);
	bench_rounds(cs, NCASES, t);
	for (int i = 0; i < NCASES; i++)
		t[i] = bench_scale(t[i], 1.0 / (double)r.commits); /* per commit */
	print_fig2(&r, t);
	free(full.k);
	fake_system_free(r.sys);
	fake_free(&r.fp);
	return 0;
}
