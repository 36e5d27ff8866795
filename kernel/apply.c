/*
 * apply(commit): the only code that writes kernel state.
 *
 * The live system applies each commit as Axiom appends it; replay applies
 * the same commits with this same function, so live and replayed state are
 * one code path. Because a replayed log may have been tampered with, apply
 * never trusts a commit: each apply_* checks that the commit fits the state
 * (ids from the counters, slots free or held, objects alive) before it
 * changes anything, and answers ZOS_ERR_CORRUPT otherwise. kernel_reset
 * gives the zeroed state before Genesis that both start from.
 */
#include "kernel/internal.h"

static int apply_genesis(struct kstate *s, const struct zos_c_genesis *c)
{
	if (s->genesis_done || c->abi_version != ZOS_ABI_VERSION)
		return ZOS_ERR_CORRUPT;
	proc_reset_genesis(s, 0);
	return ZOS_OK;
}

static int apply_boot(struct kstate *s, const struct zos_c_boot *c)
{
	if (c->epoch != s->epoch + 1)
		return ZOS_ERR_CORRUPT;
	proc_reset_genesis(s, c->epoch);
	return ZOS_OK;
}

void kernel_reset(struct kernel *k)
{
	kzero(&k->s, sizeof k->s); /* bodies of free entries are never read */
}

int kernel_apply(struct kernel *k, const zos_commit_t *c, const uint8_t *body)
{
	struct kstate *s = &k->s;

	if (c->type == ZOS_COMMIT_GENESIS)
		return apply_genesis(s, &c->u.genesis);
	if (!s->genesis_done)
		return ZOS_ERR_CORRUPT;
	switch (c->type) {
	case ZOS_COMMIT_BOOT: return apply_boot(s, &c->u.boot);
	case ZOS_COMMIT_PROCESS_CREATED: return proc_apply_created(s, &c->u.process_created);
	case ZOS_COMMIT_PROCESS_EXITED:
		return proc_apply_end(k, c->u.process_exited.pid, c->u.process_exited.code);
	case ZOS_COMMIT_PROCESS_KILLED: return proc_apply_end(k, c->u.process_killed.pid, -1);
	case ZOS_COMMIT_PROCESS_FAULTED: return proc_apply_end(k, c->u.process_faulted.pid, -1);
	case ZOS_COMMIT_ENDPOINT_CREATED: return ep_apply_created(s, &c->u.endpoint_created);
	case ZOS_COMMIT_ENDPOINT_DESTROYED: return ep_apply_destroyed(s, c->u.endpoint_destroyed.id);
	case ZOS_COMMIT_CAP_INSERTED: return cap_apply_inserted(s, &c->u.cap_inserted);
	case ZOS_COMMIT_CAP_REMOVED: return cap_apply_removed(s, &c->u.cap_removed);
	case ZOS_COMMIT_CAP_GRANTED: return cap_apply_granted(s, &c->u.cap_granted);
	case ZOS_COMMIT_CAP_DERIVED: return cap_apply_derived(s, &c->u.cap_derived);
	case ZOS_COMMIT_CAP_REVOKED: return cap_apply_revoked(s, &c->u.cap_revoked);
	case ZOS_COMMIT_MESSAGE_SENT: return ep_apply_sent(k, &c->u.message_sent, body);
	case ZOS_COMMIT_MESSAGE_RECEIVED: return ep_apply_received(s, &c->u.message_received);
	case ZOS_COMMIT_CHECKPOINT: /* Axiom compares its hash; no state */
	case ZOS_COMMIT_LOG_SIGNED: return ZOS_OK; /* Axiom checks it; no state */
	default: return ZOS_ERR_CORRUPT;
	}
}
