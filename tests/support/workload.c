/*
 * The random workload (see workload.h): what its two mixes share
 * (workload_mix.h), and the step that runs the chosen one.
 */
#include "workload.h"

#include <string.h>
#include <zos/error.h>
#include <zos/pid.h>

#include "workload_mix.h"

/* ---- the live state ------------------------------------------------------ */

int wl_alive(const struct workload *w, uint64_t pid)
{
	const struct proc *p = kernel_proc(&w->sys->k.s, (uint32_t)pid);
	return p && p->state == ZOS_PROC_ALIVE && pid != ZOS_PID_KERNEL;
}

int wl_parked(const struct workload *w, uint32_t pid)
{
	return system_is_parked(w->sys, pid);
}

const struct proc *wl_pick_process(struct workload *w, uint32_t first_pid, uint32_t *seen)
{
	const struct proc *pick = 0;
	uint32_t n = 0;

	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		const struct proc *p = &w->sys->k.s.procs[i];
		if (p->pid < first_pid || !wl_alive(w, p->pid) || wl_parked(w, p->pid))
			continue;
		if (rng_below(&w->rng, ++n) == 0)
			pick = p;
	}
	if (seen)
		*seen = n;
	return pick;
}

int wl_cap_fits(const struct workload *w, const struct cap *c, uint8_t type, uint8_t rights,
		int live)
{
	if (c->id == 0 || (type && c->type != type) || (c->rights & rights) != rights)
		return 0;
	return !(live && c->type == ZOS_OBJ_PROCESS && !wl_alive(w, c->obj_id));
}

int wl_pick_slot(struct workload *w, const struct proc *p, uint8_t type, uint8_t rights, int live,
		 int mine)
{
	int pick = -1;
	uint32_t seen = 0;

	for (int i = 0; i < ZOS_MAX_SLOTS; i++) {
		if (mine && p->pid == ZOS_PID_INIT && i < ZOS_DEV_COUNT)
			continue;
		if (wl_cap_fits(w, &p->slots[i], type, rights, live) &&
		    rng_below(&w->rng, ++seen) == 0)
			pick = i;
	}
	return pick;
}

uint32_t wl_used_slots(const struct proc *p)
{
	uint32_t n = 0;

	for (int i = 0; i < ZOS_MAX_SLOTS; i++)
		n += p->slots[i].id != 0;
	return n;
}

int wl_read_slot(const struct proc *p, uint64_t ep_id)
{
	for (int i = 0; i < ZOS_MAX_SLOTS; i++) {
		const struct cap *c = &p->slots[i];
		if (c->id && c->type == ZOS_OBJ_ENDPOINT && c->obj_id == ep_id &&
		    (c->rights & ZOS_RIGHT_READ))
			return i;
	}
	return -1;
}

/* ---- making calls -------------------------------------------------------- */

int64_t wl_call(struct workload *w, uint32_t pid, zos_syscall_t *sc)
{
	int64_t res = ZOS_ERR_WOULD_BLOCK;
	enum system_outcome o = system_syscall(w->sys, pid, sc, &res);

	if (o == SYS_PARKED) {
		w->stats.parks++;
		res = ZOS_ERR_WOULD_BLOCK;
	} else if (o == SYS_GONE) {
		res = ZOS_OK;
	}
	w->stats.calls++;
	if (res < 0)
		w->stats.errors++;
	else
		w->stats.ok++;
	return res;
}

int64_t wl_call_in(struct workload *w, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
		   uint64_t a2, const uint8_t *in, uint32_t in_len)
{
	zos_syscall_t sc = { .num = num, .arg = { a0, a1, a2, 0 }, .in = in, .in_len = in_len };
	return wl_call(w, pid, &sc);
}

int64_t wl_call4(struct workload *w, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
		 uint64_t a2)
{
	return wl_call_in(w, pid, num, a0, a1, a2, 0, 0);
}

/* ---- the workload -------------------------------------------------------- */

void workload_init(struct workload *w, struct zos_system *sys, struct fake_platform *fp,
		   enum workload_mix mix, uint64_t seed)
{
	memset(w, 0, sizeof *w);
	w->sys = sys;
	w->fp = fp;
	w->mix = mix;
	w->rng = rng_seeded(seed);
	for (size_t i = 0; i < sizeof w->body; i++)
		w->body[i] = (uint8_t)(i * 131 + 7);
}

int workload_step(struct workload *w)
{
	return w->mix == WORKLOAD_SERVICES ? wl_services_step(w) : wl_every_call_step(w);
}
