/*
 * The System: start-up, and the routing of every syscall (see system.h).
 */
#include "system/internal.h"

#include <zos/error.h>
#include <zos/fault.h>

#include "lib/mem.h"

uint64_t sys_now(const struct zos_system *sys)
{
	return sys->hal->now_ns ? sys->hal->now_ns(sys->hal->ctx) : 0;
}

static int proc_alive(const struct zos_system *sys, uint32_t pid)
{
	const struct proc *p = kernel_proc(&sys->k.s, pid);
	return p && p->state == ZOS_PROC_ALIVE;
}

static int start_init(struct zos_system *sys, uint64_t now)
{
	struct kstep st;
	int err;

	kernel_decide_spawn_init(&sys->k, now, &st);
	if (st.result < 0)
		return (int)st.result;
	err = axiom_commit_step(&sys->ax, &sys->k, &st, ZOS_CAUSE_NONE);
	if (err)
		return err;
	if (sys->hal->spawn && sys->hal->spawn(sys->hal->ctx, ZOS_PID_INIT, "init", 4, 0, 0) != ZOS_OK)
		return ZOS_ERR_SPAWN_FAILED;
	return ZOS_OK;
}

int system_start(struct zos_system *sys, const struct zos_hal *hal, const struct log_sink *sink,
		 const uint8_t *log, size_t len, struct replay_report *rep)
{
	uint64_t now;
	int err;

	if (!hal)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_memset(sys->parked, 0, sizeof sys->parked);
	sys->hal = hal;
	axiom_init(&sys->ax, sys->events, ZOS_SYSLOG_DEFAULT, sys->window, ZOS_COMMIT_WINDOW, sink);
	now = sys_now(sys);
	zos_memset(rep, 0, sizeof *rep);
	if (!log || len == 0) {
		err = axiom_genesis(&sys->ax, &sys->k, now);
	} else {
		/* Verify and replay before anything is appended: a broken chain is
		 * never extended. */
		if (replay_records(&sys->k, log, len, rep) != ZOS_OK)
			return rep->status;
		if (rep->commits == 0)
			return ZOS_ERR_CORRUPT; /* only a torn first record: nothing to trust */
		if (rep->torn && (!sink || !sink->truncate ||
				  sink->truncate(sink->ctx, rep->good_bytes) != ZOS_OK))
			return ZOS_ERR_IO; /* never append after a torn record */
		commitlog_resume(&sys->ax.log, rep->next_seq, rep->head);
		err = axiom_boot(&sys->ax, &sys->k, now);
	}
	if (err)
		return err;
	return start_init(sys, now);
}

static enum system_outcome done(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				uint64_t req, int64_t r, int64_t *result)
{
	axiom_response(&sys->ax, pid, sc->num, req, r, sys_now(sys));
	*result = r;
	return SYS_DONE;
}

/* Runs one kernel decision and commits it; 0 commits is fine. */
static int64_t kernel_step(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc, uint64_t req,
			   struct kstep *st)
{
	int err;

	if (sys->ax.log.failed)
		return ZOS_ERR_LOG_FAILED; /* no state change once the log stopped */
	kernel_decide(&sys->k, pid, sc, sys_now(sys), st);
	if (st->ncommits == 0)
		return st->result;
	err = axiom_commit_step(&sys->ax, &sys->k, st, req);
	if (err)
		return err;
	after_commits(sys, st, pid);
	return st->result;
}

/* The receive half of RECV and CALL: a message now, or park. */
static enum system_outcome receive(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				   uint32_t slot, uint64_t req, uint32_t num, int64_t *result)
{
	struct kstep st;
	zos_syscall_t rc = *sc;
	int64_t r;

	rc.num = ZOS_SYS_RECV;
	rc.arg[0] = slot;
	rc.arg[1] = ZOS_RECV_BLOCK;
	r = kernel_step(sys, pid, &rc, req, &st);
	sc->out_len = rc.out_len;
	if (r == ZOS_ERR_WOULD_BLOCK) {
		park(sys, pid, slot, req, num);
		return SYS_PARKED;
	}
	return done(sys, pid, sc, req, r, result);
}

/* SPAWN_PROCESS: the kernel made the process; now the platform runs it. */
static int64_t spawn_started(struct zos_system *sys, const zos_syscall_t *sc, int64_t r)
{
	const struct zos_hal *h = sys->hal;
	uint32_t pid = ZOS_UNPACK_ID(r), name_len;
	const uint8_t *name = sc->in + sizeof(struct zos_spawn_in);
	struct kstep st;

	zos_memcpy(&name_len, sc->in, sizeof name_len);
	if (h->spawn && h->spawn(h->ctx, pid, (const char *)name, name_len, name + name_len,
				 sc->in_len - (uint32_t)sizeof(struct zos_spawn_in) - name_len) == ZOS_OK)
		return r;
	/* A process that never ran is faulted; one the caller asked to START
	 * stays as it was (it may be running already), for the caller to kill. */
	if (sc->arg[1] == ZOS_SPAWN_NEW) {
		kernel_decide_fault(&sys->k, pid, ZOS_FAULT_SPAWN_FAILED, "spawn failed", 12,
				    sys_now(sys), &st);
		if (st.result == ZOS_OK)
			axiom_commit_step(&sys->ax, &sys->k, &st, ZOS_CAUSE_NONE);
	}
	return ZOS_ERR_SPAWN_FAILED;
}

enum system_outcome system_syscall(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				   int64_t *result)
{
	uint64_t req = axiom_request(&sys->ax, pid, sc, sys_now(sys));
	struct kstep st;
	int64_t r;

	sys->current_request = req;
	if (!is_kernel_call(sc->num))
		return done(sys, pid, sc, req, platform_call(sys, pid, sc), result);
	r = kernel_step(sys, pid, sc, req, &st);
	switch (sc->num) {
	case ZOS_SYS_EXIT:
		if (r == ZOS_OK) {
			axiom_response(&sys->ax, pid, sc->num, req, r, sys_now(sys));
			return SYS_GONE;
		}
		break;
	case ZOS_SYS_RECV:
		if (r == ZOS_ERR_WOULD_BLOCK && sc->arg[1] == ZOS_RECV_BLOCK) {
			park(sys, pid, (uint32_t)sc->arg[0], req, sc->num);
			return SYS_PARKED;
		}
		break;
	case ZOS_SYS_CALL:
		if (r == ZOS_OK)
			return receive(sys, pid, sc, (uint32_t)sc->arg[2], req, sc->num, result);
		break;
	case ZOS_SYS_SPAWN_PROCESS:
		if (r >= 0)
			r = spawn_started(sys, sc, r);
		break;
	case ZOS_SYS_KILL:
		if (r == ZOS_OK && !proc_alive(sys, pid))
			return SYS_GONE; /* it killed itself */
		break;
	default:
		break;
	}
	return done(sys, pid, sc, req, r, result);
}

enum system_outcome system_resume(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				  int64_t *result)
{
	struct parked *p = parked_of(sys, pid);
	uint32_t slot, num;
	uint64_t req;

	if (!p) {
		*result = ZOS_ERR_INVALID_ARGUMENT; /* nothing parked: a platform bug */
		return SYS_DONE;
	}
	slot = p->slot;
	num = p->num;
	req = p->request;
	unpark(p);
	return receive(sys, pid, sc, slot, req, num, result);
}

int system_fault(struct zos_system *sys, uint32_t pid, uint32_t reason, const char *desc,
		 uint32_t desc_len)
{
	struct kstep st;
	int err;

	kernel_decide_fault(&sys->k, pid, reason, desc, desc_len, sys_now(sys), &st);
	if (st.result != ZOS_OK)
		return (int)st.result;
	err = axiom_commit_step(&sys->ax, &sys->k, &st, ZOS_CAUSE_NONE);
	if (err)
		return err;
	after_commits(sys, &st, pid);
	return ZOS_OK;
}

/* One syscall made by pid 0, through the gateway like any other. */
static int64_t kernel_call(struct zos_system *sys, zos_syscall_t *sc)
{
	uint64_t req = axiom_request(&sys->ax, ZOS_PID_KERNEL, sc, sys_now(sys));
	struct kstep st;
	int64_t r = ZOS_ERR_LOG_FAILED;

	if (!sys->ax.log.failed) {
		kernel_decide_kernel(&sys->k, sc, sys_now(sys), &st);
		r = st.result;
		if (st.ncommits) {
			int err = axiom_commit_step(&sys->ax, &sys->k, &st, req);
			if (err)
				r = err;
			else
				after_commits(sys, &st, ZOS_PID_KERNEL);
		}
	}
	axiom_response(&sys->ax, ZOS_PID_KERNEL, sc->num, req, r, sys_now(sys));
	return r;
}

int64_t system_kernel_send(struct zos_system *sys, uint32_t slot, uint32_t tag,
			   const uint8_t *body, uint32_t len)
{
	zos_syscall_t sc = { .num = ZOS_SYS_SEND, .arg = { slot, tag }, .in = body, .in_len = len };
	return kernel_call(sys, &sc);
}

int64_t system_device_done(struct zos_system *sys, uint64_t request, uint32_t tag,
			   const uint8_t *body, uint32_t len)
{
	int slot = kernel_find_cap(&sys->k, ZOS_PID_KERNEL, request);
	zos_syscall_t sc = { .num = ZOS_SYS_REPLY, .arg = { (uint64_t)slot, tag }, .in = body,
			     .in_len = len };
	int64_t r;

	if (slot < 0)
		return ZOS_ERR_NOT_FOUND; /* the requester's endpoint went away */
	r = kernel_call(sys, &sc);
	/* A reply that could not be delivered (the requester's queue is full)
	 * still ends the request. */
	if (r < 0)
		drop_kernel_cap(sys, (uint32_t)slot);
	return r;
}

void drop_kernel_cap(struct zos_system *sys, uint32_t slot)
{
	zos_syscall_t sc = { .num = ZOS_SYS_CAP_DELETE, .arg = { slot } };
	kernel_call(sys, &sc);
}

int system_flush(struct zos_system *sys)
{
	return commitlog_flush(&sys->ax.log);
}
