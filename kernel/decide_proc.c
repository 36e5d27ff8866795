/*
 * Decide for the process syscalls: EXIT, KILL, REGISTER_PROCESS,
 * SPAWN_PROCESS and PS.
 *
 * Creating a process needs a capability to the spawn authority (only Init
 * holds one at genesis), not a particular pid. The creator receives a full
 * Process capability to the child; the result packs its slot and the pid.
 * Starting the child's code is the platform's job, after the commits: the
 * step says which process to start from which image (step_start).
 */
#include "kernel/decide.h"

int64_t decide_exit(struct dctx *d)
{
	zos_commit_t *c = step_emit(d, ZOS_COMMIT_PROCESS_EXITED);

	c->u.process_exited.pid = d->pid;
	c->u.process_exited.code = (int32_t)d->sc->arg[0];
	return ZOS_OK;
}

int64_t decide_kill(struct dctx *d)
{
	const struct cap *cap;
	zos_commit_t *c;
	int err = step_check_cap(d, d->sc->arg[0], ZOS_RIGHT_WRITE, ZOS_OBJ_PROCESS, &cap);

	if (err)
		return err;
	if (!proc_find_alive(d->s, (uint32_t)cap->obj_id))
		return ZOS_ERR_PROCESS_NOT_FOUND;
	c = step_emit(d, ZOS_COMMIT_PROCESS_KILLED);
	c->u.process_killed.pid = (uint32_t)cap->obj_id;
	c->u.process_killed.by = d->pid;
	return ZOS_OK;
}

/* The caller has checked the spawn authority. */
static int64_t decide_register(struct dctx *d, const char *name, uint32_t name_len)
{
	uint32_t slot;
	int entry;
	zos_commit_t *c;

	if (!proc_name_valid(name, name_len))
		return ZOS_ERR_INVALID_ARGUMENT;
	entry = proc_pick_entry(d->s);
	if (entry < 0 || cspace_free_slots(d->self, 1, &slot) != ZOS_OK)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	c = step_emit(d, ZOS_COMMIT_PROCESS_CREATED);
	c->u.process_created.pid = d->s->next_pid;
	c->u.process_created.parent = d->pid;
	c->u.process_created.name_len = (uint8_t)name_len;
	kcopy(c->u.process_created.name, name, name_len);
	c = step_emit(d, ZOS_COMMIT_CAP_INSERTED);
	c->u.cap_inserted.pid = d->pid;
	c->u.cap_inserted.slot = slot;
	c->u.cap_inserted.cap_id = d->s->next_cap_id;
	c->u.cap_inserted.obj_type = ZOS_OBJ_PROCESS;
	c->u.cap_inserted.obj_id = d->s->next_pid;
	c->u.cap_inserted.rights = ZOS_RIGHTS_ALL;
	/* The entry's next generation: the one proc_fill will give it. */
	c->u.cap_inserted.generation = d->s->procs[entry].generation + 1;
	return ZOS_PACK_SLOT_ID(slot, d->s->next_pid);
}

static int check_spawn(struct dctx *d)
{
	const struct cap *cap;
	return step_check_cap(d, d->sc->arg[0], ZOS_RIGHT_WRITE, ZOS_OBJ_SPAWN, &cap);
}

/* Input: the name. */
int64_t decide_register_process(struct dctx *d)
{
	int err = check_spawn(d);

	if (err)
		return err;
	return decide_register(d, (const char *)d->sc->in, d->sc->in ? d->sc->in_len : 0);
}

/* START: the registered process named by the Process cap in arg2 is about
 * to run; nothing in the kernel changes (running is the platform's state),
 * but the caller must hold WRITE on it and the name must be its own. */
static int64_t decide_start(struct dctx *d, const char *name, uint32_t name_len)
{
	const struct cap *pc;
	const struct proc *p;
	int err = step_check_cap(d, d->sc->arg[2], ZOS_RIGHT_WRITE, ZOS_OBJ_PROCESS, &pc);

	if (err)
		return err;
	p = proc_find_alive(d->s, (uint32_t)pc->obj_id);
	if (!p || p->pid == ZOS_PID_KERNEL)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	if (p->name_len != name_len || __builtin_memcmp(p->name, name, name_len) != 0)
		return ZOS_ERR_INVALID_ARGUMENT;
	return ZOS_PACK_SLOT_ID(d->sc->arg[2], p->pid);
}

/* Input: struct zos_spawn_in, the name, then a non-empty binary. */
int64_t decide_spawn_process(struct dctx *d)
{
	const zos_syscall_t *sc = d->sc;
	const uint32_t head = sizeof(struct zos_spawn_in);
	const char *name;
	uint32_t name_len;
	int64_t r;
	int err = check_spawn(d);

	if (err)
		return err;
	if (sc->arg[1] != ZOS_SPAWN_NEW && sc->arg[1] != ZOS_SPAWN_START)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!sc->in || sc->in_len < head)
		return ZOS_ERR_INVALID_ARGUMENT;
	kcopy(&name_len, sc->in, sizeof name_len);
	if (name_len >= sc->in_len - head)
		return ZOS_ERR_INVALID_ARGUMENT; /* no room left for a binary */
	name = (const char *)sc->in + head;
	r = sc->arg[1] == ZOS_SPAWN_START ? decide_start(d, name, name_len)
					  : decide_register(d, name, name_len);
	if (r >= 0)
		step_start(d, ZOS_UNPACK_ID(r), sc->arg[1] == ZOS_SPAWN_NEW, name, name_len,
			   (const uint8_t *)name + name_len, sc->in_len - head - name_len);
	return r;
}

static void ps_fill(struct zos_ps_entry *e, const struct proc *p)
{
	kzero(e, sizeof *e);
	e->pid = p->pid;
	e->parent = p->parent;
	e->exit_code = p->exit_code;
	e->state = p->state;
	e->name_len = p->name_len;
	kcopy(e->name, p->name, p->name_len);
}

/* Output: one zos_ps_entry per process, live or zombie, in pid order. */
int64_t decide_ps(struct dctx *d)
{
	uint32_t n = 0, last = 0;
	int first = 1;

	for (;;) {
		const struct proc *next = 0;
		for (int i = 0; i < ZOS_MAX_PROCS; i++) {
			const struct proc *p = &d->s->procs[i];
			if (p->state != ZOS_PROC_FREE && (first || p->pid > last) &&
			    (!next || p->pid < next->pid))
				next = p;
		}
		if (!next)
			break;
		if ((n + 1) * sizeof(struct zos_ps_entry) <= d->sc->out_cap && d->sc->out) {
			struct zos_ps_entry e;
			ps_fill(&e, next);
			kcopy(d->sc->out + n * sizeof e, &e, sizeof e);
		}
		n++;
		last = next->pid;
		first = 0;
	}
	d->sc->out_len = n * (uint32_t)sizeof(struct zos_ps_entry);
	if (d->sc->out_len > d->sc->out_cap || (n && !d->sc->out))
		return ZOS_ERR_BUFFER_TOO_SMALL;
	return n;
}
