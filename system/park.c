/*
 * Parked receivers: scheduling state, kept outside the replayed kernel.
 *
 * A process parked on (slot) is woken when a message reaches the endpoint
 * behind that slot, or when the slot stops naming an endpoint at all (the
 * endpoint was destroyed, the cap revoked): the resumed receive then
 * completes with the error that explains it instead of waiting forever.
 * It is also woken, to fail with NO_SENDER, when a process ends or a cap
 * goes and nobody else could ever send to its endpoint any more: a CALL
 * whose server died holding the only copy of the reply cap. A process that
 * ends leaves the table (door.c).
 */
#include "system/internal.h"

#include <zos/error.h>

#include "lib/mem.h"

struct parked *park_find(struct zos_system *sys, uint32_t pid)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (sys->parked[i].used && sys->parked[i].pid == pid)
			return &sys->parked[i];
	return 0;
}

int system_is_parked(const struct zos_system *sys, uint32_t pid)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (sys->parked[i].used && sys->parked[i].pid == pid)
			return 1;
	return 0;
}

void park_enter(struct zos_system *sys, uint32_t pid, uint32_t slot, uint64_t request,
		uint32_t num)
{
	struct parked *p = park_find(sys, pid);

	for (int i = 0; !p && i < ZOS_MAX_PROCS; i++)
		if (!sys->parked[i].used)
			p = &sys->parked[i];
	/* A live process parks at most once and there are at most MAX_PROCS of
	 * them, so a free entry always exists. */
	p->used = 1;
	p->woken = 0;
	p->pid = pid;
	p->slot = slot;
	p->request = request;
	p->num = num;
	p->fail = 0;
	/* Only a wait that someone could end when it began is failed when
	 * that someone goes (park_wake_after): waiting on an endpoint nobody
	 * else held stays a plain wait, whatever happens meanwhile. */
	p->heard = (uint8_t)kernel_endpoint_can_hear(&sys->k, kernel_slot_endpoint(&sys->k, pid, slot), pid);
}

void park_leave(struct parked *p)
{
	zos_memset(p, 0, sizeof *p);
}

static void wake(struct zos_system *sys, struct parked *p)
{
	if (p->woken)
		return;
	p->woken = 1;
	if (sys->hal && sys->hal->wake)
		sys->hal->wake(sys->hal->ctx, p->pid);
}

static int ends_or_drops(uint16_t type)
{
	return type == ZOS_COMMIT_PROCESS_EXITED || type == ZOS_COMMIT_PROCESS_KILLED ||
	       type == ZOS_COMMIT_PROCESS_FAULTED || type == ZOS_COMMIT_CAP_REMOVED ||
	       type == ZOS_COMMIT_CAP_REVOKED || type == ZOS_COMMIT_ENDPOINT_DESTROYED;
}

/* Commits after which a parked receive may be able to finish. */
static int may_wake(const struct kstep *st)
{
	for (uint32_t i = 0; i < st->ncommits; i++)
		switch (st->commits[i].type) {
		case ZOS_COMMIT_MESSAGE_SENT:
		case ZOS_COMMIT_ENDPOINT_DESTROYED:
		case ZOS_COMMIT_CAP_REVOKED:
		case ZOS_COMMIT_CAP_REMOVED:
		case ZOS_COMMIT_PROCESS_EXITED:
		case ZOS_COMMIT_PROCESS_KILLED:
		case ZOS_COMMIT_PROCESS_FAULTED:
			return 1;
		default:
			break;
		}
	return 0;
}

void park_wake_after(struct zos_system *sys, const struct kstep *st)
{
	int dropped = 0;

	if (!may_wake(st))
		return;
	for (uint32_t j = 0; j < st->ncommits; j++)
		dropped |= ends_or_drops(st->commits[j].type);
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		struct parked *p = &sys->parked[i];
		uint64_t ep;
		if (!p->used || p->woken)
			continue;
		ep = kernel_slot_endpoint(&sys->k, p->pid, p->slot);
		if (ep == 0) {
			wake(sys, p);
			continue;
		}
		for (uint32_t j = 0; j < st->ncommits; j++)
			if (st->commits[j].type == ZOS_COMMIT_MESSAGE_SENT &&
			    st->commits[j].u.message_sent.endpoint == ep)
				wake(sys, p);
		if (!p->woken && dropped && p->heard && !kernel_endpoint_can_hear(&sys->k, ep, p->pid)) {
			p->fail = ZOS_ERR_NO_SENDER;
			wake(sys, p);
		}
	}
}
