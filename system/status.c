/*
 * What a platform may read of the running System (system.h), so that no
 * HAL reaches into the kernel's or Axiom's structs.
 */
#include "system/internal.h"

#include <zos/error.h>

#include "axiom/state_hash.h"
#include "lib/mem.h"

void system_status(const struct zos_system *sys, struct system_status *out)
{
	zos_memset(out, 0, sizeof *out);
	out->commits = sys->ax.log.next_seq;
	out->unflushed = sys->ax.log.unflushed;
	out->log_failed = sys->ax.log.failed != ZOS_OK;
	out->for_init = sys->n_notices || sys->console_len || sys->console_eof == 1;
	out->stopping = sys->stopping;
	out->exit_code = sys->exit_code;
	out->why = sys->stop_why;
}

int system_alive(const struct zos_system *sys, uint32_t pid)
{
	const struct proc *p = kernel_proc(&sys->k.s, pid);
	return p && p->state == ZOS_PROC_ALIVE;
}

void system_state_hash(const struct zos_system *sys, uint8_t out[ZOS_HASH_SIZE])
{
	state_hash(&sys->k.s, out);
}

const struct commitlog *system_commit_window(const struct zos_system *sys)
{
	return &sys->ax.log;
}

int system_log_public_key(const struct zos_system *sys, uint8_t pk[32])
{
	if (!sys->ax.signing)
		return 0;
	zos_memcpy(pk, sys->ax.key.pk, 32);
	return 1;
}
