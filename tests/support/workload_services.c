/*
 * The workload's services mix (see workload.h): Init spawns workers and
 * hands out endpoints and send rights; workers send (mostly answered at
 * once by the endpoint's owner, as a server loop would), pass
 * capabilities, call and reply, derive, revoke and delete caps, exit, get
 * killed or fault. Every choice is made from the live state, so most calls
 * succeed and the mix stays steady however long it runs: there are always
 * at least MIN_WORKERS workers, and Init never blocks. Wakes are not
 * followed: a call is served and its caller resumed on the spot.
 */
#include <stdio.h>
#include <string.h>
#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/error.h>
#include <zos/fault.h>
#include <zos/msg.h>
#include <zos/pid.h>

#include "workload_mix.h"

#define SPAWN_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN)
#define MIN_WORKERS 8u   /* below this, Init spawns */
#define MAX_WORKERS 40u  /* Init spawns now and then below this */
#define INIT_BUSY 40u    /* a CSpace this full gives a cap up */
#define WORKER_BUSY 24u

_Static_assert(sizeof(struct zos_send_cap_in) + ZOS_MSG_MAX <= sizeof(((struct workload *)0)->body),
	       "a SEND_CAP header and the largest body fit the workload's buffer");

/* A random runnable worker (not the kernel, not Init), or 0. */
static const struct proc *pick_worker(struct workload *w, uint32_t *count)
{
	return wl_pick_process(w, ZOS_PID_INIT + 1, count);
}

static const struct proc *proc_of(const struct workload *w, uint64_t pid)
{
	return pid <= 0xFFFFFFFFu ? kernel_proc(&w->sys->k.s, (uint32_t)pid) : 0;
}

static int runnable_worker(const struct workload *w, const struct proc *p)
{
	return p && p->state == ZOS_PROC_ALIVE && p->pid > ZOS_PID_INIT && !wl_parked(w, p->pid);
}

/* A random slot of p holding a cap of `type` (any when 0) with `rights`;
 * Init's genesis device caps are never offered. -1 when none. */
static int pick_cap(struct workload *w, const struct proc *p, uint8_t type, uint8_t rights)
{
	return wl_pick_slot(w, p, type, rights, 0, 1);
}

/* Init's slot of a process cap to a runnable worker, or -1. */
static int pick_worker_cap(struct workload *w)
{
	const struct proc *init = proc_of(w, ZOS_PID_INIT);
	int slot = pick_cap(w, init, ZOS_OBJ_PROCESS, ZOS_RIGHT_WRITE);

	if (slot < 0 || !runnable_worker(w, proc_of(w, init->slots[slot].obj_id)))
		return -1;
	return slot;
}

static void do_spawn(struct workload *w)
{
	char name[16];
	uint32_t n = (uint32_t)snprintf(name, sizeof name, "svc%u", rng_below(&w->rng, 1000));
	struct zos_spawn_in h = { n };

	memcpy(w->body, &h, sizeof h);
	memcpy(w->body + sizeof h, name, n);
	memcpy(w->body + sizeof h + n, "BIN", 3);
	wl_call_in(w, ZOS_PID_INIT, ZOS_SYS_SPAWN_PROCESS, SPAWN_SLOT, 0, 0, w->body,
		   (uint32_t)sizeof h + n + 3);
}

/* The owner's READ slot for endpoint ep_id, if it can receive now; -1 if not. */
static int owner_slot(struct workload *w, uint64_t ep_id, const struct proc **owner)
{
	const struct endpoint *e = kernel_endpoint(&w->sys->k.s, ep_id);

	*owner = e ? proc_of(w, e->owner) : 0;
	if (!runnable_worker(w, *owner))
		return -1;
	return wl_read_slot(*owner, ep_id);
}

static int64_t do_recv(struct workload *w, uint32_t pid, uint32_t slot)
{
	zos_syscall_t sc = { .num = ZOS_SYS_RECV, .arg = { slot, ZOS_RECV_NONBLOCK, 0, 0 },
			     .out = w->out, .out_cap = sizeof w->out };
	return wl_call(w, pid, &sc);
}

static uint32_t body_size(struct workload *w)
{
	static const uint32_t sizes[] = { 0, 16, 16, 64, 200, 1024, 4096 };
	return sizes[rng_below(&w->rng, sizeof sizes / sizeof sizes[0])];
}

/* SEND (or SEND_CAP with one of the sender's grantable caps); mostly the
 * owner receives at once. */
static void do_send(struct workload *w, int with_cap)
{
	const struct proc *p = pick_worker(w, 0), *owner;
	struct zos_send_cap_in h = { 1, { 0 } };
	int ep = p ? pick_cap(w, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_WRITE) : -1;
	int carried = with_cap && ep >= 0 ? pick_cap(w, p, 0, ZOS_RIGHT_GRANT) : 0;
	zos_syscall_t sc = { .num = ZOS_SYS_SEND, .in = w->body, .in_len = body_size(w) };
	int rs;

	if (ep < 0 || carried < 0)
		return;
	sc.arg[0] = (uint32_t)ep;
	sc.arg[1] = ZOS_MSG_VFS_READ;
	if (with_cap) {
		h.slots[0] = (uint32_t)carried;
		memcpy(w->body, &h, sizeof h);
		sc.num = ZOS_SYS_SEND_CAP;
		sc.in_len += (uint32_t)sizeof h;
	}
	if (wl_call(w, p->pid, &sc) == ZOS_OK && rng_below(&w->rng, 100) < 85 &&
	    (rs = owner_slot(w, p->slots[ep].obj_id, &owner)) >= 0)
		do_recv(w, owner->pid, (uint32_t)rs);
}

/* The server side of a call: receive the request, answer through the
 * reply cap it carried. */
static void serve_call(struct workload *w, const struct proc *server, int slot)
{
	struct zos_msg_header h;
	zos_syscall_t rep = { .num = ZOS_SYS_REPLY, .in = w->body, .in_len = body_size(w) };

	if (do_recv(w, server->pid, (uint32_t)slot) < 0)
		return;
	memcpy(&h, w->out, sizeof h);
	if (h.ncaps != 1)
		return;
	rep.arg[0] = h.cap_slots[0];
	rep.arg[1] = ZOS_MSG_VFS_READ_RESPONSE;
	wl_call(w, server->pid, &rep);
}

/* CALL from a worker (its reply endpoint: one it holds with every right) to
 * a server whose queue is empty; the server answers at once and the caller
 * is resumed with the reply. */
static void do_call(struct workload *w)
{
	const struct proc *p = pick_worker(w, 0), *server;
	int ep = p ? pick_cap(w, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_WRITE) : -1;
	int reply = ep >= 0 ? pick_cap(w, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHTS_ALL) : -1;
	zos_syscall_t sc = { .num = ZOS_SYS_CALL, .in = w->body, .in_len = body_size(w),
			     .out = w->out, .out_cap = sizeof w->out };
	const struct endpoint *e;
	int slot;
	int64_t r;

	if (reply < 0)
		return;
	e = kernel_endpoint(&w->sys->k.s, p->slots[ep].obj_id);
	slot = owner_slot(w, p->slots[ep].obj_id, &server);
	if (!e || e->count || slot < 0 || server == p)
		return;
	sc.arg[0] = (uint32_t)ep;
	sc.arg[1] = ZOS_MSG_VFS_READ;
	sc.arg[2] = (uint32_t)reply;
	if (wl_call(w, p->pid, &sc) != ZOS_ERR_WOULD_BLOCK || !wl_parked(w, p->pid))
		return;
	serve_call(w, server, slot);
	sc = (zos_syscall_t){ .out = w->out, .out_cap = sizeof w->out };
	system_resume(w->sys, p->pid, &sc, &r);
	w->stats.resumes++;
}

static void do_cap_op(struct workload *w, uint32_t num)
{
	const struct proc *p = pick_worker(w, 0);
	int slot = p ? pick_cap(w, p, 0, 0) : -1;

	if (slot < 0)
		return;
	if (num == ZOS_SYS_CAP_DERIVE)
		wl_call4(w, p->pid, num, (uint32_t)slot, p->slots[slot].rights & ZOS_RIGHT_READ, 0);
	else
		wl_call4(w, p->pid, num, (uint32_t)slot, 0, 0);
}

/* Init gives a worker an endpoint of its own, or a WRITE copy of one. */
static void do_init_op(struct workload *w, int grant)
{
	int pc = pick_worker_cap(w);
	int ep = grant ? pick_cap(w, proc_of(w, ZOS_PID_INIT), ZOS_OBJ_ENDPOINT, ZOS_RIGHT_GRANT) : 0;

	if (pc < 0 || ep < 0)
		return;
	if (grant)
		wl_call4(w, ZOS_PID_INIT, ZOS_SYS_CAP_GRANT, (uint32_t)ep, (uint32_t)pc,
			 ZOS_RIGHT_WRITE);
	else
		wl_call4(w, ZOS_PID_INIT, ZOS_SYS_CREATE_ENDPOINT_FOR, (uint32_t)pc, 0, 0);
}

/* A worker ends: it exits (how 0), Init kills it (1), or it faults (2). */
static void do_end(struct workload *w, uint32_t how)
{
	const struct proc *p = pick_worker(w, 0);
	int pc;

	if (how == 0 && p) {
		wl_call4(w, p->pid, ZOS_SYS_EXIT, rng_below(&w->rng, 4), 0, 0);
	} else if (how == 1 && (pc = pick_worker_cap(w)) >= 0) {
		wl_call4(w, ZOS_PID_INIT, ZOS_SYS_KILL, (uint32_t)pc, 0, 0);
	} else if (how == 2 && p) {
		if (system_fault(w->sys, p->pid, ZOS_FAULT_MEMORY, "bench fault", 11) != ZOS_OK)
			w->stats.errors++; /* cannot happen: p is alive */
		w->stats.faults++;
	}
}

static void do_recv_any(struct workload *w)
{
	const struct proc *p = pick_worker(w, 0);
	int slot = p ? pick_cap(w, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHT_READ) : -1;

	if (slot >= 0)
		do_recv(w, p->pid, (uint32_t)slot);
}

static void do_delete_endpoint(struct workload *w)
{
	const struct proc *p = pick_worker(w, 0);
	int slot = p ? pick_cap(w, p, ZOS_OBJ_ENDPOINT, ZOS_RIGHTS_ALL) : -1;

	if (slot >= 0)
		wl_call4(w, p->pid, ZOS_SYS_DELETE_ENDPOINT, (uint32_t)slot, 0, 0);
}

/* Keep CSpaces from filling up: Init and busy workers give caps up. */
static void housekeeping(struct workload *w)
{
	const struct proc *init = proc_of(w, ZOS_PID_INIT), *p = pick_worker(w, 0);
	int slot;

	if (wl_used_slots(init) > INIT_BUSY && (slot = pick_cap(w, init, 0, 0)) >= 0)
		wl_call4(w, ZOS_PID_INIT, ZOS_SYS_CAP_DELETE, (uint32_t)slot, 0, 0);
	if (p && wl_used_slots(p) > WORKER_BUSY && (slot = pick_cap(w, p, 0, 0)) >= 0)
		wl_call4(w, p->pid, ZOS_SYS_CAP_DELETE, (uint32_t)slot, 0, 0);
}

/* One step: the clock moves on, then one action, chosen out of 200. */
int wl_services_step(struct workload *w)
{
	uint32_t live, roll;

	w->fp->now += rng_below(&w->rng, 5000);
	w->fp->n_wakes = 0; /* resumes are driven directly; keep the list bounded */
	roll = rng_below(&w->rng, 200);
	pick_worker(w, &live);
	housekeeping(w);
	if (live < MIN_WORKERS || (roll < 4 && live < MAX_WORKERS))
		do_spawn(w);
	else if (roll < 14)
		do_init_op(w, 0);
	else if (roll < 30)
		do_init_op(w, 1);
	else if (roll < 110)
		do_send(w, 0);
	else if (roll < 122)
		do_send(w, 1);
	else if (roll < 136)
		do_call(w);
	else if (roll < 150)
		do_recv_any(w);
	else if (roll < 162)
		do_cap_op(w, ZOS_SYS_CAP_DERIVE);
	else if (roll < 170)
		do_cap_op(w, ZOS_SYS_CAP_REVOKE);
	else if (roll < 182)
		do_cap_op(w, ZOS_SYS_CAP_DELETE);
	else if (roll < 185)
		do_end(w, roll - 182);
	else if (roll < 188)
		do_delete_endpoint(w);
	return ZOS_OK;
}
