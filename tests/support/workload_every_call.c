/*
 * The workload's every-call mix (see workload.h): a seeded mix of plausible
 * and nonsensical syscalls from a population of processes that Init keeps
 * between MIN_LIVE and MAX_LIVE, so that every kind of call keeps both
 * succeeding and being refused however long it runs.
 */
#include <stdio.h>
#include <string.h>
#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/error.h>
#include <zos/fault.h>
#include <zos/pid.h>

#include "workload_mix.h"

#define BUSY_SLOTS 48u      /* a CSpace this full mostly gives caps up */
#define MAX_LIVE 48u        /* above this, processes mostly end */
#define MIN_LIVE 6u         /* below this, Init spawns */

static uint32_t below(struct workload *r, uint32_t n)
{
	return rng_below(&r->rng, n);
}

static int chance(struct workload *r, uint32_t percent)
{
	return rng_chance(&r->rng, percent);
}

/* ---- looking at the live state to choose sensible arguments ------------ */

static uint32_t count_live(const struct workload *r)
{
	uint32_t n = 0;
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (wl_alive(r, r->sys->k.s.procs[i].pid))
			n++;
	return n;
}

/* A random live, runnable (not parked) process other than the kernel. */
static const struct proc *pick_actor(struct workload *r)
{
	return wl_pick_process(r, ZOS_PID_KERNEL + 1, 0);
}

/* A process cap (WRITE) to a live process other than Init; -1 if none. */
static int pick_victim(struct workload *r, const struct proc *p)
{
	int pick = -1;
	uint32_t seen = 0;

	for (int i = 0; i < ZOS_MAX_SLOTS; i++) {
		const struct cap *c = &p->slots[i];
		if (wl_cap_fits(r, c, ZOS_OBJ_PROCESS, ZOS_RIGHT_WRITE, 1) &&
		    c->obj_id != ZOS_PID_INIT && below(r, ++seen) == 0)
			pick = i;
	}
	return pick;
}

/* Mostly a subset of `have`, sometimes anything (to hit the refusals). */
static uint64_t some_rights(struct workload *r, uint8_t have)
{
	if (chance(r, 5))
		return below(r, 10);
	return have & below(r, 8);
}

/* Mostly a buffer large enough, sometimes one that is not. */
static int64_t call_out(struct workload *r, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1)
{
	uint32_t cap = chance(r, 12) ? 16 : (uint32_t)sizeof r->out;
	zos_syscall_t sc = { .num = num, .arg = { a0, a1, 0, 0 }, .out = r->out, .out_cap = cap };
	return wl_call(r, pid, &sc);
}

/* Every process the platform was asked to wake gets its receive retried. */
static void resume_woken(struct workload *r)
{
	for (uint32_t i = 0; i < r->fp->n_wakes; i++) {
		uint32_t pid = r->fp->wakes[i];
		zos_syscall_t sc = { .out = r->out, .out_cap = sizeof r->out };
		int64_t res = ZOS_ERR_WOULD_BLOCK;

		if (!wl_parked(r, pid))
			continue;
		if (system_resume(r->sys, pid, &sc, &res) == SYS_PARKED)
			r->stats.parks++;
		r->stats.resumes++;
	}
	r->fp->n_wakes = 0; /* the fake platform keeps a bounded list */
}

static uint32_t body_size(struct workload *r)
{
	if (chance(r, 2))
		return ZOS_MSG_MAX + 1 + below(r, 32); /* MESSAGE_TOO_LARGE */
	if (chance(r, 10))
		return below(r, ZOS_MSG_MAX + 1);
	return below(r, 256);
}

static uint32_t fresh_name(struct workload *r, char *name)
{
	if (chance(r, 3))
		return (uint32_t)sprintf(name, "bad name %u", r->names++); /* refused */
	return (uint32_t)sprintf(name, "w%u", r->names++);
}

/* ---- the actions ---------------------------------------------------------- */

static void act_spawn(struct workload *r, const struct proc *p)
{
	int slot = wl_pick_slot(r, p, ZOS_OBJ_SPAWN, ZOS_RIGHT_WRITE, 0, 0);
	uint8_t in[64];
	char name[48];
	uint32_t n;

	if (slot < 0)
		return;
	n = fresh_name(r, name);
	memcpy(in, &n, sizeof n); /* struct zos_spawn_in, the name, a binary */
	memcpy(in + sizeof n, name, n);
	memcpy(in + sizeof n + n, "BIN", 3);
	r->fp->fail_spawn = chance(r, 4); /* the platform cannot start it: faulted */
	wl_call_in(r, p->pid, ZOS_SYS_SPAWN_PROCESS, (uint32_t)slot, 0, 0, in,
		   (uint32_t)sizeof n + n + 3);
	r->fp->fail_spawn = 0;
}

static void act_register(struct workload *r, const struct proc *p)
{
	int slot = wl_pick_slot(r, p, ZOS_OBJ_SPAWN, ZOS_RIGHT_WRITE, 0, 0);
	char name[48];
	uint32_t n;

	if (slot < 0)
		return;
	n = fresh_name(r, name);
	wl_call_in(r, p->pid, ZOS_SYS_REGISTER_PROCESS, (uint32_t)slot, 0, 0, (const uint8_t *)name,
		   n);
}

static void act_create_endpoint(struct workload *r, const struct proc *p)
{
	int slot = wl_pick_slot(r, p, ZOS_OBJ_PROCESS, ZOS_RIGHT_WRITE, 1, 0);

	if (slot >= 0 && chance(r, 35))
		wl_call4(r, p->pid, ZOS_SYS_CREATE_ENDPOINT_FOR, (uint32_t)slot, 0, 0);
	else
		wl_call4(r, p->pid, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
}

static void act_send(struct workload *r, const struct proc *p)
{
	int slot = wl_pick_slot(r, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_WRITE, 0, 0);
	uint32_t tag, size;
	const uint8_t *in;

	if (slot < 0)
		return;
	tag = below(r, 0x10000);
	size = body_size(r);
	in = chance(r, 10) ? 0 : r->body;
	wl_call_in(r, p->pid, ZOS_SYS_SEND, (uint32_t)slot, tag, 0, in, size);
}

static void act_send_cap(struct workload *r, const struct proc *p)
{
	int slot = wl_pick_slot(r, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_WRITE, 0, 0);
	struct zos_send_cap_in hdr = { .ncaps = 1 + below(r, ZOS_MSG_MAX_CAPS) };
	uint32_t size = below(r, 128);

	if (slot < 0)
		return;
	if (chance(r, 3))
		hdr.ncaps = ZOS_MSG_MAX_CAPS + 1; /* TOO_MANY_CAPS */
	for (uint32_t i = 0; i < hdr.ncaps && i < ZOS_MSG_MAX_CAPS; i++) {
		int c = wl_pick_slot(r, p, 0, ZOS_RIGHT_GRANT, 0, 0);
		hdr.slots[i] = c >= 0 && !chance(r, 3) ? (uint32_t)c : below(r, ZOS_MAX_SLOTS);
	}
	memcpy(r->body, &hdr, sizeof hdr);
	wl_call_in(r, p->pid, ZOS_SYS_SEND_CAP, (uint32_t)slot, below(r, 1u << 20), 0, r->body,
		   (uint32_t)sizeof hdr + size);
}

static void act_recv(struct workload *r, const struct proc *p)
{
	int slot = wl_pick_slot(r, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_READ, 0, 0);

	if (slot >= 0)
		call_out(r, p->pid, ZOS_SYS_RECV, (uint32_t)slot,
			 p->pid != ZOS_PID_INIT && chance(r, 25) ? ZOS_RECV_BLOCK
								  : ZOS_RECV_NONBLOCK);
}

/* The callee looks through the queue it reads for the call's tag and
 * replies through the cap that came with it. */
static void serve_call(struct workload *r, uint32_t callee, uint32_t slot, uint32_t tag)
{
	for (int i = 0; i < ZOS_QUEUE_DEPTH && wl_alive(r, callee) && !wl_parked(r, callee); i++) {
		const struct zos_msg_header *h = (const void *)r->out;
		zos_syscall_t sc = { .num = ZOS_SYS_RECV, .arg = { slot, ZOS_RECV_NONBLOCK, 0, 0 },
				     .out = r->out, .out_cap = sizeof r->out };
		if (wl_call(r, callee, &sc) < 0)
			return;
		if (h->tag == tag && h->ncaps == 1) {
			wl_call_in(r, callee, ZOS_SYS_REPLY, h->cap_slots[0], tag, 0, r->body,
				   below(r, 64));
			return;
		}
	}
}

/* Who, besides the caller, can read the endpoint behind the caller's slot:
 * its owner, if that one holds a READ cap to it. */
static int reader_slot(struct workload *r, uint64_t ep_id, uint32_t *pid)
{
	const struct endpoint *e = kernel_endpoint(&r->sys->k.s, ep_id);
	const struct proc *o;

	if (!e || !(o = kernel_proc(&r->sys->k.s, e->owner)) || wl_parked(r, o->pid))
		return -1;
	*pid = o->pid;
	return wl_read_slot(o, ep_id);
}

/* A slot of p with WRITE on an endpoint someone else owns, or -1. */
static int pick_foreign(struct workload *r, const struct proc *p)
{
	int pick = -1;
	uint32_t seen = 0;

	for (int i = 0; i < ZOS_MAX_SLOTS; i++) {
		const struct cap *c = &p->slots[i];
		const struct endpoint *e;
		if (!wl_cap_fits(r, c, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_WRITE, 0))
			continue;
		e = kernel_endpoint(&r->sys->k.s, c->obj_id);
		if (e && e->owner != p->pid && below(r, ++seen) == 0)
			pick = i;
	}
	return pick;
}

static void act_call(struct workload *r, const struct proc *p)
{
	int to = pick_foreign(r, p);
	int reply = wl_pick_slot(r, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHTS_ALL, 0, 0);
	uint32_t tag = 0x100000 + r->tags++, callee = ZOS_PID_NONE, caller = p->pid;
	int rs;

	if (to < 0 || reply < 0 || caller == ZOS_PID_INIT)
		return; /* Init never blocks, so someone can always run */
	rs = reader_slot(r, p->slots[to].obj_id, &callee);
	wl_call_in(r, caller, ZOS_SYS_CALL, (uint32_t)to, tag, (uint32_t)reply, r->body, below(r, 128));
	if (rs >= 0 && callee != caller && wl_parked(r, caller))
		serve_call(r, callee, (uint32_t)rs, tag);
}

static void act_reply(struct workload *r, const struct proc *p)
{
	int slot = wl_pick_slot(r, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_WRITE, 0, 0);

	if (slot >= 0)
		wl_call_in(r, p->pid, ZOS_SYS_REPLY, (uint32_t)slot, 7, 0, r->body, below(r, 32));
}

static void act_grant(struct workload *r, const struct proc *p)
{
	int from = wl_pick_slot(r, p, 0, ZOS_RIGHT_GRANT, 0, 0);
	int to = wl_pick_slot(r, p, ZOS_OBJ_PROCESS, ZOS_RIGHT_WRITE, !chance(r, 10), 0);

	if (from >= 0 && to >= 0)
		wl_call4(r, p->pid, ZOS_SYS_CAP_GRANT, (uint32_t)from, (uint32_t)to,
			 some_rights(r, p->slots[from].rights));
}

/* An expiry soon after now, none, or one already over. */
static uint64_t some_expiry(struct workload *r)
{
	if (chance(r, 60))
		return ZOS_CAP_NEVER_EXPIRES;
	if (chance(r, 10))
		return 1; /* already over: refused */
	return r->fp->now + 10 * r->fp->tick + below(r, 400) * r->fp->tick;
}

static void act_derive(struct workload *r, const struct proc *p)
{
	int from = wl_pick_slot(r, p, 0, 0, 0, 0);
	uint64_t rights, expires;

	if (from < 0)
		return;
	rights = some_rights(r, p->slots[from].rights);
	expires = some_expiry(r);
	wl_call4(r, p->pid, ZOS_SYS_CAP_DERIVE, (uint32_t)from, rights, expires);
}

static void act_give_up(struct workload *r, const struct proc *p)
{
	int slot = wl_pick_slot(r, p, 0, 0, 0, 1);

	if (slot >= 0)
		wl_call4(r, p->pid, chance(r, 50) ? ZOS_SYS_CAP_REVOKE : ZOS_SYS_CAP_DELETE,
			 (uint32_t)slot, 0, 0);
}

static void act_delete_endpoint(struct workload *r, const struct proc *p)
{
	int slot = wl_pick_slot(r, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHTS_ALL, 0, 0);

	if (slot >= 0)
		wl_call4(r, p->pid, ZOS_SYS_DELETE_ENDPOINT, (uint32_t)slot, 0, 0);
}

static void act_kill(struct workload *r, const struct proc *p)
{
	int slot = pick_victim(r, p);

	if (slot >= 0)
		wl_call4(r, p->pid, ZOS_SYS_KILL, (uint32_t)slot, 0, 0);
}

/* Init never ends: it holds the spawn authority everything descends from. */
static void act_end(struct workload *r, const struct proc *p)
{
	static const char why[] = "page fault at 0x0 (recorded workload)";

	if (p->pid == ZOS_PID_INIT)
		return;
	if (chance(r, 70)) {
		wl_call4(r, p->pid, ZOS_SYS_EXIT, below(r, 256), 0, 0);
		return;
	}
	if (system_fault(r->sys, p->pid, 1 + below(r, ZOS_FAULT_OTHER), why, sizeof why - 1) != ZOS_OK)
		r->stats.errors++; /* cannot happen: p is alive */
	r->stats.faults++;
}

/* Platform calls and queries: no commits, but through the same gateway. */
static void act_platform(struct workload *r, const struct proc *p)
{
	static const uint32_t nums[] = { ZOS_SYS_TIME, ZOS_SYS_WALLCLOCK, ZOS_SYS_YIELD,
					 ZOS_SYS_PS, ZOS_SYS_CAP_LIST, ZOS_SYS_CAP_INSPECT,
					 ZOS_SYS_RANDOM, ZOS_SYS_STORAGE_READ };
	uint32_t num = nums[below(r, sizeof nums / sizeof nums[0])];
	int slot = wl_pick_slot(r, p, 0, 0, 0, 0);

	if (chance(r, 20)) {
		slot = wl_pick_slot(r, p, ZOS_OBJ_CONSOLE, ZOS_RIGHT_WRITE, 0, 0);
		wl_call_in(r, p->pid, ZOS_SYS_CONSOLE_WRITE, slot < 0 ? 0 : (uint32_t)slot, 0, 0,
			   (const uint8_t *)"tick\n", 5);
		r->fp->console_len = 0;
		return;
	}
	call_out(r, p->pid, num, num == ZOS_SYS_RANDOM ? below(r, 64) : (uint64_t)(slot < 0 ? 0 : slot),
		 0);
}

/* Random numbers and arguments: refusals, mostly. Never EXIT, CALL or a
 * blocking RECV (those would end or park the caller), never from Init. */
static void act_garbage(struct workload *r, const struct proc *p)
{
	static const uint32_t nums[] = {
		0, 0x6F, ZOS_SYS_KILL, ZOS_SYS_SEND, ZOS_SYS_SEND_CAP, ZOS_SYS_REPLY,
		ZOS_SYS_CAP_GRANT, ZOS_SYS_CAP_DERIVE, ZOS_SYS_CAP_INSPECT, ZOS_SYS_DELETE_ENDPOINT,
		ZOS_SYS_CREATE_ENDPOINT_FOR, ZOS_SYS_SPAWN_PROCESS, ZOS_SYS_REGISTER_PROCESS,
		ZOS_SYS_CONSOLE_WRITE, ZOS_SYS_LOAD_BINARY, ZOS_SYS_STORAGE_WRITE,
		ZOS_SYS_NETWORK_FETCH, 0xFFFFFFFFu,
	};
	uint32_t num = nums[below(r, sizeof nums / sizeof nums[0])];
	uint32_t len = below(r, 48);
	uint64_t a[3];
	const uint8_t *in;

	if (p->pid == ZOS_PID_INIT)
		return;
	for (uint32_t i = 0; i < len; i++)
		r->body[i] = (uint8_t)rng_next(&r->rng);
	a[0] = below(r, ZOS_MAX_SLOTS + 8);
	a[1] = below(r, 300);
	a[2] = below(r, 16);
	in = chance(r, 20) ? 0 : r->body;
	wl_call_in(r, p->pid, num, a[0], a[1], a[2], in, len);
	r->fp->console_len = 0;
}

/* ---- the workload --------------------------------------------------------- */

typedef void (*action_fn)(struct workload *, const struct proc *);

struct action {
	action_fn fn;
	uint32_t weight;
};

static const struct action actions[] = {
	{ act_spawn, 5 },          { act_register, 1 },  { act_create_endpoint, 6 },
	{ act_send, 14 },          { act_send_cap, 8 },  { act_recv, 16 },
	{ act_call, 3 },           { act_reply, 2 },     { act_grant, 9 },
	{ act_derive, 6 },         { act_give_up, 6 },   { act_delete_endpoint, 2 },
	{ act_kill, 2 },           { act_end, 2 },       { act_platform, 4 },
	{ act_garbage, 4 },
};

static action_fn pick_action(struct workload *r)
{
	uint32_t total = 0, x;

	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		total += actions[i].weight;
	x = below(r, total);
	for (size_t i = 0;; i++) {
		if (x < actions[i].weight)
			return actions[i].fn;
		x -= actions[i].weight;
	}
}

/* Keeps the population in a range where every kind of call can succeed. */
static action_fn steer(struct workload *r, const struct proc **p)
{
	uint32_t live = count_live(r);

	if (live < MIN_LIVE && wl_alive(r, ZOS_PID_INIT) && !wl_parked(r, ZOS_PID_INIT)) {
		*p = kernel_proc(&r->sys->k.s, ZOS_PID_INIT);
		return act_spawn;
	}
	if (live > MAX_LIVE && chance(r, 30))
		return chance(r, 50) ? act_kill : act_end;
	if (wl_used_slots(*p) > BUSY_SLOTS && chance(r, 60))
		return act_give_up;
	return pick_action(r);
}

/* One syscall (or platform fault): an action whose caller turns out to hold
 * nothing it needs does nothing, so another is drawn. Then every process
 * the platform was asked to wake gets its receive retried. */
int wl_every_call_step(struct workload *r)
{
	uint64_t before = r->stats.calls + r->stats.faults;

	for (int tries = 0; tries < 8 && r->stats.calls + r->stats.faults == before; tries++) {
		const struct proc *p = pick_actor(r);
		if (!p)
			return ZOS_ERR_NOT_FOUND;
		steer(r, &p)(r, p);
	}
	resume_woken(r);
	return ZOS_OK;
}
