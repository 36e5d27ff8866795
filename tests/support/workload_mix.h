/*
 * What the workload's two mixes (workload_every_call.c,
 * workload_services.c) share, in workload.c: the generator's view of the
 * live state, for choosing sensible arguments, and its way of making a
 * call, which keeps the statistics. Nothing here draws a number unless it
 * says so; what does draws in a fixed order, so a mix's sequence depends
 * only on its seed and the state.
 */
#ifndef ZOS_TEST_WORKLOAD_MIX_H
#define ZOS_TEST_WORKLOAD_MIX_H

#include "workload.h"

/* ---- the live state ------------------------------------------------------ */

/* pid names a live process other than the kernel. */
int wl_alive(const struct workload *w, uint64_t pid);
int wl_parked(const struct workload *w, uint32_t pid);
/* A random live, runnable (not parked) process whose pid is at least
 * first_pid, or 0; *seen (when given) says how many there were to pick
 * from. Draws one number per candidate. */
const struct proc *wl_pick_process(struct workload *w, uint32_t first_pid, uint32_t *seen);
/* Does this cap fit: a cap of `type` (any when 0) with at least `rights`?
 * With `live`, a PROCESS cap must also name a live process. */
int wl_cap_fits(const struct workload *w, const struct cap *c, uint8_t type, uint8_t rights,
		int live);
/* A random slot of p holding a fitting cap (wl_cap_fits), or -1. With
 * `mine`, Init's genesis device caps are never offered (for callers that
 * give caps up). Draws one number per fitting cap. */
int wl_pick_slot(struct workload *w, const struct proc *p, uint8_t type, uint8_t rights, int live,
		 int mine);
uint32_t wl_used_slots(const struct proc *p);
/* p's slot holding READ on endpoint ep_id, or -1. */
int wl_read_slot(const struct proc *p, uint64_t ep_id);

/* ---- making calls -------------------------------------------------------- */

/* Through system_syscall, counted in the statistics. A caller that parks
 * gets ZOS_ERR_WOULD_BLOCK, one that is gone ZOS_OK. */
int64_t wl_call(struct workload *w, uint32_t pid, zos_syscall_t *sc);
int64_t wl_call4(struct workload *w, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
		 uint64_t a2);
int64_t wl_call_in(struct workload *w, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
		   uint64_t a2, const uint8_t *in, uint32_t in_len);

/* ---- the mixes ----------------------------------------------------------- */

int wl_every_call_step(struct workload *w);
int wl_services_step(struct workload *w);

#endif
