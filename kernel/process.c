/*
 * The process table: lifecycle alive -> zombie, and reclaiming what a
 * process held when it ends.
 *
 * Pids come from a counter and are never reused within a boot epoch; table
 * entries are. A zombie keeps its entry (so its exit code can be read with
 * PS) until a new process needs the room: then the zombie with the lowest pid
 * gives up its entry, and every Process capability naming it goes too.
 *
 * Invariant: a zombie holds no capabilities and owns no endpoint.
 */
#include "kernel/internal.h"

int proc_index(const struct kstate *s, uint32_t pid)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (s->procs[i].state != ZOS_PROC_FREE && s->procs[i].pid == pid)
			return i;
	return -1;
}

struct proc *proc_find(struct kstate *s, uint32_t pid)
{
	int i = proc_index(s, pid);
	return i < 0 ? 0 : &s->procs[i];
}

const struct proc *kernel_proc(const struct kstate *s, uint32_t pid)
{
	int i = proc_index(s, pid);
	return i < 0 ? 0 : &s->procs[i];
}

const struct proc *proc_find_alive(const struct kstate *s, uint32_t pid)
{
	const struct proc *p = kernel_proc(s, pid);
	return p && p->state == ZOS_PROC_ALIVE ? p : 0;
}

int proc_pick_entry(const struct kstate *s)
{
	int zombie = -1;

	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		const struct proc *p = &s->procs[i];
		if (p->state == ZOS_PROC_FREE)
			return i;
		if (p->state == ZOS_PROC_ZOMBIE && (zombie < 0 || p->pid < s->procs[zombie].pid))
			zombie = i;
	}
	return zombie;
}

int proc_name_valid(const char *name, uint32_t len)
{
	if (len == 0 || len > ZOS_NAME_MAX)
		return 0;
	for (uint32_t i = 0; i < len; i++)
		if (name[i] <= ' ' || name[i] > '~')
			return 0; /* printable ASCII without spaces, so logs stay readable */
	return 1;
}

static void proc_fill(struct proc *p, uint32_t pid, uint32_t parent, const char *name,
		      uint8_t name_len)
{
	uint32_t generation = p->generation + 1;

	kzero(p, sizeof *p);
	p->pid = pid;
	p->parent = parent;
	p->generation = generation;
	p->state = ZOS_PROC_ALIVE;
	p->name_len = name_len;
	kcopy(p->name, name, name_len);
}

void proc_reset_genesis(struct kstate *s, uint64_t epoch)
{
	kzero(s, sizeof *s);
	s->epoch = epoch;
	s->next_cap_id = 1;
	s->next_endpoint_id = 1;
	s->next_pid = 1;
	s->genesis_done = 1;
	proc_fill(&s->procs[0], ZOS_PID_KERNEL, ZOS_PID_KERNEL, "kernel", 6);
}

int proc_apply_created(struct kstate *s, const struct zos_c_process_created *c)
{
	int i = proc_pick_entry(s);

	if (c->pid != s->next_pid || i < 0 || !proc_find_alive(s, c->parent) ||
	    !proc_name_valid(c->name, c->name_len))
		return ZOS_ERR_CORRUPT;
	if (s->procs[i].state == ZOS_PROC_ZOMBIE)
		cap_sweep_object(s, ZOS_OBJ_PROCESS, s->procs[i].pid);
	proc_fill(&s->procs[i], c->pid, c->parent, c->name, c->name_len);
	s->next_pid++;
	return ZOS_OK;
}

int proc_apply_end(struct kernel *k, uint32_t pid, int32_t code)
{
	struct kstate *s = &k->s;
	struct proc *p = proc_find(s, pid);

	if (!p || p->state != ZOS_PROC_ALIVE || pid == ZOS_PID_KERNEL)
		return ZOS_ERR_CORRUPT;
	kzero(p->slots, sizeof p->slots);
	ep_destroy_owned(s, pid);
	p->state = ZOS_PROC_ZOMBIE;
	p->exit_code = code;
	return ZOS_OK;
}
