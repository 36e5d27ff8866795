/*
 * The one decision (kernel_decide): who may make which syscall, then the
 * decide function of its row in ZOS_SYSCALL_LIST, from a table generated
 * from that list, so the number is dispatched here and nowhere else. Also
 * the step helpers every decide function uses.
 *
 * Error precedence, the same for every syscall: caller alive, then the
 * syscall known to the caller's kind (process or pid 0), then the
 * capabilities in argument order (slot, type, rights, expiry, object), then
 * the other arguments, then resources (slots, tables, queue room).
 */
#include "kernel/decide.h"

typedef int64_t (*decide_fn)(struct dctx *d);

#define ZOS_X_DECIDE_ROW(name, stem, num, cls, dev, right) ZOS_X_DECIDE_ROW_##cls(stem, num)
#define ZOS_X_DECIDE_ROW_K(stem, num) [num] = decide_##stem,
#define ZOS_X_DECIDE_ROW_S(stem, num) [num] = decide_##stem,
#define ZOS_X_DECIDE_ROW_P(stem, num)
#define ZOS_X_DECIDE_ROW_D(stem, num)
static const decide_fn decide_table[ZOS_SYSCALL_TABLE_SIZE] = {
	ZOS_SYSCALL_LIST(ZOS_X_DECIDE_ROW)
};
#undef ZOS_X_DECIDE_ROW

#define ZOS_X_DECIDE_BOUND(name, stem, num, cls, dev, right) \
	_Static_assert((num) < ZOS_SYSCALL_TABLE_SIZE, "syscall number past the table: " #name);
ZOS_SYSCALL_LIST(ZOS_X_DECIDE_BOUND)
#undef ZOS_X_DECIDE_BOUND

zos_commit_t *step_emit(struct dctx *d, uint16_t type)
{
	zos_commit_t *c;

	if (d->st->ncommits >= ZOS_STEP_MAX_COMMITS) {
		d->st->overflow = 1;
		c = &d->st->spill;
	} else {
		c = &d->st->commits[d->st->ncommits++];
	}
	kzero(c, sizeof *c);
	c->type = type;
	c->timestamp = d->now;
	return c;
}

int64_t step_fail(struct dctx *d, int err)
{
	d->st->ncommits = 0;
	if (err != ZOS_ERR_WOULD_BLOCK)
		kzero(&d->st->next, sizeof d->st->next); /* a blocking RECV still waits */
	if (err != ZOS_ERR_BUFFER_TOO_SMALL)
		d->sc->out_len = 0; /* BUFFER_TOO_SMALL leaves the size needed */
	return err;
}

int step_check_cap(struct dctx *d, uint64_t slot, uint8_t rights, uint8_t type,
		   const struct cap **c)
{
	if (slot >= ZOS_MAX_SLOTS)
		return ZOS_ERR_INVALID_SLOT;
	return axiom_check(d->s, d->self, (uint32_t)slot, rights, type, d->now, c);
}

void step_wait(struct dctx *d, uint64_t slot)
{
	d->st->next.kind = KNEXT_WAIT;
	d->st->next.slot = (uint32_t)slot;
}

void step_start(struct dctx *d, uint32_t pid, int fresh, const char *name, uint32_t name_len,
		const uint8_t *image, uint32_t image_len)
{
	struct knext *n = &d->st->next;

	n->kind = KNEXT_START;
	n->fresh = (uint8_t)fresh;
	n->pid = pid;
	n->name = name;
	n->name_len = name_len;
	n->image = image;
	n->image_len = image_len;
}

/* Pid 0 makes the System's own steps, and reaches Init and device
 * requesters only through its caps (SEND, REPLY, CAP_DELETE). */
static int pid0_may(uint32_t num)
{
	return zos_syscall_class(num) == ZOS_SYSCALL_CLASS_S || num == ZOS_SYS_SEND ||
	       num == ZOS_SYS_REPLY || num == ZOS_SYS_CAP_DELETE;
}

/* Whether this caller may make this syscall at all: ZOS_OK or the error. */
static int64_t admit(const struct dctx *d)
{
	uint32_t num = d->sc->num;

	if (d->pid == ZOS_PID_KERNEL && num == ZOS_SYS_KERNEL_GENESIS)
		return d->s->genesis_done ? ZOS_ERR_INVALID_ARGUMENT : ZOS_OK;
	if (!d->s->genesis_done || !d->self)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	if (num >= ZOS_SYSCALL_TABLE_SIZE || !decide_table[num])
		return ZOS_ERR_UNKNOWN_SYSCALL;
	if (d->pid == ZOS_PID_KERNEL ? !pid0_may(num)
				     : zos_syscall_class(num) != ZOS_SYSCALL_CLASS_K)
		return ZOS_ERR_UNKNOWN_SYSCALL;
	return ZOS_OK;
}

void kernel_decide(const struct kernel *k, uint32_t pid, zos_syscall_t *sc, uint64_t now,
		   struct kstep *step)
{
	struct dctx d = { k, &k->s, proc_find_alive(&k->s, pid), pid, sc, now, step };

	kzero(&step->next, sizeof step->next);
	step->ncommits = 0;
	step->overflow = 0;
	step->body = 0;
	sc->out_len = 0;
	step->result = admit(&d);
	if (step->result == ZOS_OK)
		step->result = decide_table[sc->num](&d);
	if (step->overflow)
		step->result = ZOS_ERR_RESOURCE_EXHAUSTED;
	if (step->result < 0)
		step_fail(&d, (int)step->result);
}
