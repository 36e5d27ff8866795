/*
 * The one door: every change to the kernel state of a running system
 * enters through door_step, whoever asks for it (a process's syscall, the
 * receive half of a CALL, pid 0's sends and replies, a fault the platform
 * saw, a device request's reply cap, Genesis, Boot, Init's creation). One
 * order, one failure rule:
 *
 *   1. a stopped log refuses every change: LOG_FAILED, nothing decided;
 *   2. kernel_decide: authority, arguments, the commits, what runs next;
 *   3. axiom_commit_step: each commit appended to the CommitLog and
 *      applied (the moment state changes); a failure here stops the log;
 *   4. the processes the commits concern: receivers woken (park.c),
 *      processes that ended stopped through the HAL and reported to Init.
 *
 * SysLog requests and responses belong to the callers, who know which
 * syscall a step serves (syscall.c for processes, door_kernel_call here
 * for pid 0's own).
 */
#include "system/internal.h"

#include <zos/error.h>

#include "lib/mem.h"

uint64_t sys_now(const struct zos_system *sys)
{
	return sys->hal->now_ns ? sys->hal->now_ns(sys->hal->ctx) : 0;
}

static uint32_t ended_pid(const zos_commit_t *c)
{
	switch (c->type) {
	case ZOS_COMMIT_PROCESS_EXITED: return c->u.process_exited.pid;
	case ZOS_COMMIT_PROCESS_KILLED: return c->u.process_killed.pid;
	case ZOS_COMMIT_PROCESS_FAULTED: return c->u.process_faulted.pid;
	default: return ZOS_PID_NONE;
	}
}

/* Processes the step ended: no longer parked, stopped by the platform
 * (but known_gone, whose end the platform learns otherwise), and Init is
 * told. */
static void after_ends(struct zos_system *sys, const struct kstep *st, uint32_t known_gone)
{
	const struct zos_hal *h = sys->hal;

	for (uint32_t i = 0; i < st->ncommits; i++) {
		uint32_t gone = ended_pid(&st->commits[i]);
		struct parked *p;

		if (gone == ZOS_PID_NONE)
			continue;
		p = park_find(sys, gone);
		if (p)
			park_leave(p);
		if (gone != known_gone && h->process_ended)
			h->process_ended(h->ctx, gone);
		inbox_process_ended(sys, &st->commits[i]);
	}
}

static int64_t door(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc, uint64_t cause,
		    uint32_t known_gone, struct kstep *st)
{
	uint64_t was_unflushed;
	int err;

	if (sys->ax.log.failed) {
		zos_memset(&st->next, 0, sizeof st->next);
		st->ncommits = 0;
		sc->out_len = 0;
		return st->result = ZOS_ERR_LOG_FAILED;
	}
	kernel_decide(&sys->k, pid, sc, sys_now(sys), st);
	if (st->ncommits == 0)
		return st->result;
	was_unflushed = sys->ax.log.unflushed;
	err = axiom_commit_step(&sys->ax, &sys->k, st, cause);
	if (err) {
		durable_log_stopped(sys, err);
		zos_memset(&st->next, 0, sizeof st->next);
		return st->result = err;
	}
	durable_appended(sys, was_unflushed);
	after_ends(sys, st, known_gone);
	park_wake_after(sys, st);
	return st->result;
}

int64_t door_step(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc, uint64_t cause,
		  struct kstep *st)
{
	return door(sys, pid, sc, cause, pid, st);
}

int64_t door_kernel_call(struct zos_system *sys, zos_syscall_t *sc, struct kstep *st)
{
	uint64_t req = axiom_request(&sys->ax, ZOS_PID_KERNEL, sc, sys_now(sys));
	int64_t r = door(sys, ZOS_PID_KERNEL, sc, req, ZOS_PID_KERNEL, st);

	axiom_response(&sys->ax, ZOS_PID_KERNEL, sc->num, req, r, sys_now(sys));
	return r;
}

void door_drop_kernel_cap(struct zos_system *sys, uint32_t slot)
{
	zos_syscall_t sc = { .num = ZOS_SYS_CAP_DELETE, .arg = { slot } };
	struct kstep st;

	door_kernel_call(sys, &sc, &st);
}

int door_fault(struct zos_system *sys, uint32_t pid, uint32_t reason, const char *desc,
	       uint32_t desc_len, uint64_t cause)
{
	zos_syscall_t sc = { .num = ZOS_SYS_KERNEL_FAULT, .arg = { pid, reason },
			     .in = (const uint8_t *)desc, .in_len = desc ? desc_len : 0 };
	struct kstep st;

	/* The platform knows pid is gone (or never ran): no word back. */
	return (int)door(sys, ZOS_PID_KERNEL, &sc, cause, pid, &st);
}

int system_fault(struct zos_system *sys, uint32_t pid, uint32_t reason, const char *desc,
		 uint32_t desc_len)
{
	return door_fault(sys, pid, reason, desc, desc_len, ZOS_CAUSE_NONE);
}

int64_t system_kernel_send(struct zos_system *sys, uint32_t slot, uint32_t tag,
			   const uint8_t *body, uint32_t len)
{
	zos_syscall_t sc = { .num = ZOS_SYS_SEND, .arg = { slot, tag }, .in = body, .in_len = len };
	struct kstep st;

	return door_kernel_call(sys, &sc, &st);
}

int64_t system_device_done(struct zos_system *sys, uint64_t request, uint32_t tag,
			   const uint8_t *body, uint32_t len)
{
	int slot = kernel_find_cap(&sys->k, ZOS_PID_KERNEL, request);
	zos_syscall_t sc = { .num = ZOS_SYS_REPLY, .arg = { (uint64_t)slot, tag }, .in = body,
			     .in_len = len };
	struct kstep st;
	int64_t r;

	if (slot < 0)
		return ZOS_ERR_NOT_FOUND; /* the requester's endpoint went away */
	r = door_kernel_call(sys, &sc, &st);
	/* A reply that could not be delivered (the requester's queue is full)
	 * still ends the request. */
	if (r < 0)
		door_drop_kernel_cap(sys, (uint32_t)slot);
	return r;
}
