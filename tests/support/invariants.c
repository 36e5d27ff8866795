/*
 * Kernel invariants (see invariants.h):
 *  1. every capability, in a CSpace or in flight, is well formed (id in
 *     range, known type, rights within ALL, ancestry depth in range) and
 *     names a live object with that object's generation;
 *  2. no capability has more rights than its nearest surviving ancestor;
 *  3. capability ids are unique system-wide;
 *  4. a zombie holds no capability and owns no endpoint; every endpoint's
 *     owner is alive;
 *  5. queues are within bounds, each queued message is used and referenced
 *     exactly once, sizes and cap counts within limits;
 *  6. pids and endpoint ids are unique and below their counters.
 */
#include "invariants.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/kernel.h"

static char why_buf[256];

#define BROKEN(...)                                                   \
	do {                                                          \
		snprintf(why_buf, sizeof why_buf, __VA_ARGS__);       \
		*why = why_buf;                                       \
		return 1;                                             \
	} while (0)

struct capref {
	uint64_t id;
	uint8_t rights;
};

static int cmp_capref(const void *a, const void *b)
{
	uint64_t x = ((const struct capref *)a)->id, y = ((const struct capref *)b)->id;
	return x < y ? -1 : x > y;
}

static const struct capref *find_ref(const struct capref *refs, size_t n, uint64_t id)
{
	struct capref key = { id, 0 };
	return bsearch(&key, refs, n, sizeof *refs, cmp_capref);
}

static int object_live(const struct kstate *s, const struct cap *c)
{
	if (c->type == ZOS_OBJ_ENDPOINT) {
		const struct endpoint *e = kernel_endpoint(s, c->obj_id);
		return e && e->generation == c->generation;
	}
	if (c->type == ZOS_OBJ_PROCESS) {
		const struct proc *p = kernel_proc(s, (uint32_t)c->obj_id);
		return p && p->generation == c->generation && c->obj_id <= 0xFFFFFFFFu;
	}
	if (c->type == ZOS_OBJ_CONSOLE)
		return c->obj_id == ZOS_DEV_CONSOLE && c->generation == 0;
	if (c->type == ZOS_OBJ_DEVICE)
		return (c->obj_id == ZOS_DEV_STORAGE || c->obj_id == ZOS_DEV_KEYSTORE ||
			c->obj_id == ZOS_DEV_NETWORK || c->obj_id == ZOS_DEV_AUDIT) &&
		       c->generation == 0;
	if (c->type == ZOS_OBJ_SPAWN)
		return c->obj_id == ZOS_DEV_SPAWN && c->generation == 0;
	return 0;
}

static int check_cap(const struct kstate *s, const struct cap *c, const char *where, const char **why)
{
	if (c->id == 0 || c->id >= s->next_cap_id)
		BROKEN("%s: cap id %llu out of range", where, (unsigned long long)c->id);
	if ((c->rights & ~ZOS_RIGHTS_ALL) || c->depth > ZOS_DERIVE_DEPTH)
		BROKEN("%s: cap %llu malformed", where, (unsigned long long)c->id);
	if (!object_live(s, c))
		BROKEN("%s: cap %llu names a dead object (type %u id %llu gen %u)", where,
		       (unsigned long long)c->id, c->type, (unsigned long long)c->obj_id,
		       c->generation);
	return 0;
}

/* Visits every cap in CSpaces and in flight. */
typedef int (*cap_fn)(const struct kstate *, const struct cap *, const char *, void *, const char **);

static int each_cap(const struct kstate *s, cap_fn fn, void *arg, const char **why)
{
	char where[64];
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		for (int j = 0; j < ZOS_MAX_SLOTS; j++)
			if (s->procs[i].slots[j].id) {
				snprintf(where, sizeof where, "pid %u slot %d", s->procs[i].pid, j);
				if (fn(s, &s->procs[i].slots[j], where, arg, why))
					return 1;
			}
	for (int i = 0; i < ZOS_MAX_MESSAGES; i++)
		for (int j = 0; s->msgs[i].used && j < s->msgs[i].ncaps; j++) {
			snprintf(where, sizeof where, "message %d cap %d", i, j);
			if (fn(s, &s->msgs[i].caps[j], where, arg, why))
				return 1;
		}
	return 0;
}

struct collect {
	struct capref *refs;
	size_t n;
};

static int collect_fn(const struct kstate *s, const struct cap *c, const char *where, void *arg,
		      const char **why)
{
	struct collect *col = arg;
	if (check_cap(s, c, where, why))
		return 1;
	col->refs[col->n].id = c->id;
	col->refs[col->n].rights = c->rights;
	col->n++;
	return 0;
}

static int rights_fn(const struct kstate *s, const struct cap *c, const char *where, void *arg,
		     const char **why)
{
	struct collect *col = arg;
	(void)s;
	for (int d = c->depth - 1; d >= 0; d--) {
		const struct capref *anc = find_ref(col->refs, col->n, c->ancestors[d]);
		if (!anc)
			continue;
		if ((c->rights & anc->rights) != c->rights)
			BROKEN("%s: cap %llu has rights %x beyond its ancestor %llu (%x)", where,
			       (unsigned long long)c->id, c->rights,
			       (unsigned long long)anc->id, anc->rights);
		break;
	}
	return 0;
}

static int check_caps(const struct kstate *s, const char **why)
{
	static struct capref refs[ZOS_MAX_PROCS * ZOS_MAX_SLOTS + ZOS_MAX_MESSAGES * ZOS_MSG_MAX_CAPS];
	struct collect col = { refs, 0 };

	if (each_cap(s, collect_fn, &col, why))
		return 1;
	qsort(refs, col.n, sizeof refs[0], cmp_capref);
	for (size_t i = 1; i < col.n; i++)
		if (refs[i].id == refs[i - 1].id)
			BROKEN("cap id %llu appears twice", (unsigned long long)refs[i].id);
	return each_cap(s, rights_fn, &col, why);
}

static int check_procs(const struct kstate *s, const char **why)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		const struct proc *p = &s->procs[i];
		if (p->state == ZOS_PROC_FREE)
			continue;
		if (p->state != ZOS_PROC_ALIVE && p->state != ZOS_PROC_ZOMBIE)
			BROKEN("pid %u has state %u", p->pid, p->state);
		if (p->pid >= s->next_pid && p->pid != 0)
			BROKEN("pid %u not below next_pid %u", p->pid, s->next_pid);
		for (int j = i + 1; j < ZOS_MAX_PROCS; j++)
			if (s->procs[j].state != ZOS_PROC_FREE && s->procs[j].pid == p->pid)
				BROKEN("pid %u appears twice", p->pid);
		if (p->state == ZOS_PROC_ZOMBIE)
			for (int j = 0; j < ZOS_MAX_SLOTS; j++)
				if (p->slots[j].id)
					BROKEN("zombie %u still holds slot %d", p->pid, j);
	}
	return 0;
}

static int check_endpoints(const struct kstate *s, const char **why)
{
	static uint8_t refs[ZOS_MAX_MESSAGES];
	int queued = 0, used = 0;

	memset(refs, 0, sizeof refs);
	for (int i = 0; i < ZOS_MAX_ENDPOINTS; i++) {
		const struct endpoint *e = &s->eps[i];
		const struct proc *owner;
		if (!e->id)
			continue;
		owner = kernel_proc(s, e->owner);
		if (!owner || owner->state != ZOS_PROC_ALIVE)
			BROKEN("endpoint %llu owned by pid %u, not alive", (unsigned long long)e->id, e->owner);
		if (e->id >= s->next_endpoint_id)
			BROKEN("endpoint id %llu not below the counter", (unsigned long long)e->id);
		for (int j = i + 1; j < ZOS_MAX_ENDPOINTS; j++)
			if (s->eps[j].id == e->id)
				BROKEN("endpoint %llu appears twice", (unsigned long long)e->id);
		if (e->count > ZOS_QUEUE_DEPTH || e->head >= ZOS_QUEUE_DEPTH)
			BROKEN("endpoint %llu queue out of bounds (%u)", (unsigned long long)e->id, e->count);
		for (int n = 0; n < e->count; n++) {
			uint16_t m = e->queue[(e->head + n) % ZOS_QUEUE_DEPTH];
			if (m >= ZOS_MAX_MESSAGES || !s->msgs[m].used || refs[m]++)
				BROKEN("endpoint %llu queue entry %d bad", (unsigned long long)e->id, n);
			if (s->msgs[m].size > ZOS_MSG_MAX || s->msgs[m].ncaps > ZOS_MSG_MAX_CAPS)
				BROKEN("message %u over its limits", m);
			queued++;
		}
	}
	for (int i = 0; i < ZOS_MAX_MESSAGES; i++)
		used += s->msgs[i].used;
	if (used != queued)
		BROKEN("%d messages in use but %d queued", used, queued);
	return 0;
}

int check_invariants(const struct kstate *s, const char **why)
{
	*why = "";
	if (!s->genesis_done)
		BROKEN("no genesis");
	return check_procs(s, why) || check_endpoints(s, why) || check_caps(s, why);
}
