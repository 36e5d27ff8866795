/*
 * A process's syscall through the System: SysLog request, the door (or,
 * for platform and device calls, their handler), what the kernel said runs
 * next (park the caller, or start a process), SysLog response.
 *
 * No syscall number is looked at here: the class comes from
 * ZOS_SYSCALL_LIST, and what follows a kernel step from the step itself.
 */
#include "system/internal.h"

#include <zos/error.h>
#include <zos/fault.h>

static enum system_outcome answer(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				  uint64_t req, int64_t r, int64_t *result)
{
	axiom_response(&sys->ax, pid, sc->num, req, r, sys_now(sys));
	*result = r;
	return SYS_DONE;
}

/* The receive half of RECV and CALL: a message now, or park. */
static enum system_outcome receive(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				   uint32_t slot, uint64_t req, uint32_t num, int64_t *result)
{
	zos_syscall_t rc = *sc;
	struct kstep st;
	int64_t r;

	rc.num = ZOS_SYS_RECV;
	rc.arg[0] = slot;
	rc.arg[1] = ZOS_RECV_BLOCK;
	r = door_step(sys, pid, &rc, req, &st);
	sc->out_len = rc.out_len;
	if (st.next.kind == KNEXT_WAIT) {
		park_enter(sys, pid, slot, req, num);
		return SYS_PARKED;
	}
	return answer(sys, pid, sc, req, r, result);
}

/* The kernel made (or checked) the process; now the platform runs it. A
 * process made by this very step that cannot run is faulted; one made
 * earlier stays as it was (it may be running already), for its parent to
 * kill. */
int64_t system_start_process(struct zos_system *sys, const struct knext *n, uint64_t cause,
			     int64_t r)
{
	const struct zos_hal *h = sys->hal;

	if (h->spawn && h->spawn(h->ctx, n->pid, n->name, n->name_len, n->image, n->image_len) ==
				ZOS_OK)
		return r;
	if (n->fresh)
		door_fault(sys, n->pid, ZOS_FAULT_SPAWN_FAILED, "spawn failed", 12, cause);
	return ZOS_ERR_SPAWN_FAILED;
}

enum system_outcome system_syscall(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				   int64_t *result)
{
	uint64_t req = axiom_request(&sys->ax, pid, sc, sys_now(sys));
	int cls = zos_syscall_class(sc->num);
	struct kstep st;
	int64_t r;

	sys->current_request = req;
	if (pid == ZOS_PID_KERNEL || !system_alive(sys, pid)) {
		sc->out_len = 0;
		return answer(sys, pid, sc, req, ZOS_ERR_PROCESS_NOT_FOUND, result);
	}
	if (cls == ZOS_SYSCALL_CLASS_P || cls == ZOS_SYSCALL_CLASS_D)
		return answer(sys, pid, sc, req, platform_call(sys, pid, sc), result);
	r = door_step(sys, pid, sc, req, &st);
	if (!system_alive(sys, pid)) {
		axiom_response(&sys->ax, pid, sc->num, req, r, sys_now(sys));
		return SYS_GONE; /* it exited, or killed itself */
	}
	if (st.next.kind == KNEXT_WAIT && r == ZOS_ERR_WOULD_BLOCK) {
		park_enter(sys, pid, st.next.slot, req, sc->num);
		return SYS_PARKED;
	}
	if (st.next.kind == KNEXT_WAIT)
		return receive(sys, pid, sc, st.next.slot, req, sc->num, result);
	if (st.next.kind == KNEXT_START)
		r = system_start_process(sys, &st.next, req, r);
	return answer(sys, pid, sc, req, r, result);
}

enum system_outcome system_resume(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				  int64_t *result)
{
	struct parked *p = park_find(sys, pid);
	uint32_t slot, num;
	uint64_t req;
	int32_t fail;

	if (!p) {
		*result = ZOS_ERR_INVALID_ARGUMENT; /* nothing parked: a platform bug */
		return SYS_DONE;
	}
	slot = p->slot;
	num = p->num;
	req = p->request;
	fail = p->fail;
	park_leave(p);
	sc->num = num;
	if (fail) { /* nobody can send any more (park.c): the wait ends here */
		sc->out_len = 0;
		return answer(sys, pid, sc, req, fail, result);
	}
	return receive(sys, pid, sc, slot, req, num, result);
}
