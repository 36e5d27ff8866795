/*
 * Endpoints: bounded message queues with an owner.
 *
 * An endpoint's queue is a ring of at most ZOS_QUEUE_DEPTH indexes into the
 * system-wide message table (ZOS_MAX_MESSAGES entries), so one busy endpoint
 * cannot take every message slot and no queue ever grows without bound. A
 * message's replayed part (sender, tag, size, carried caps) lives in
 * kstate.msgs; its body bytes in kbodies, outside the replayed state.
 *
 * Destroying an endpoint drops its queue (and the caps in flight in it) and
 * removes every capability that names it, so no cap is ever left dangling.
 */
#include "kernel/internal.h"

int ep_index(const struct kstate *s, uint64_t id)
{
	if (id == 0)
		return -1; /* 0 marks a free entry, never an endpoint */
	for (int i = 0; i < ZOS_MAX_ENDPOINTS; i++)
		if (s->eps[i].id == id)
			return i;
	return -1;
}

struct endpoint *ep_find(struct kstate *s, uint64_t id)
{
	int i = ep_index(s, id);
	return i < 0 ? 0 : &s->eps[i];
}

const struct endpoint *kernel_endpoint(const struct kstate *s, uint64_t id)
{
	int i = ep_index(s, id);
	return i < 0 ? 0 : &s->eps[i];
}

int ep_pick_entry(const struct kstate *s)
{
	for (int i = 0; i < ZOS_MAX_ENDPOINTS; i++)
		if (s->eps[i].id == 0)
			return i;
	return -1;
}

int msg_pick_entry(const struct kstate *s)
{
	for (int i = 0; i < ZOS_MAX_MESSAGES; i++)
		if (!s->msgs[i].used)
			return i;
	return -1;
}

const struct kmsg *ep_head(const struct kstate *s, const struct endpoint *e, uint16_t *index)
{
	if (e->count == 0)
		return 0;
	*index = e->queue[e->head];
	return &s->msgs[*index];
}

int ep_apply_created(struct kstate *s, const struct zos_c_endpoint_created *c)
{
	int i = ep_pick_entry(s);

	if (i < 0 || c->id != s->next_endpoint_id || !proc_find_alive(s, c->owner))
		return ZOS_ERR_CORRUPT;
	kzero(&s->eps[i], sizeof s->eps[i]);
	s->eps[i].id = c->id;
	s->eps[i].owner = c->owner;
	s->eps[i].generation = ++s->ep_generation;
	s->next_endpoint_id++;
	return ZOS_OK;
}

/* Drops the queue and frees the entry; the caller sweeps the caps. */
static void ep_release(struct kstate *s, struct endpoint *e)
{
	for (uint16_t n = 0; n < e->count; n++) {
		uint16_t m = e->queue[(e->head + n) % ZOS_QUEUE_DEPTH];
		kzero(&s->msgs[m], sizeof s->msgs[m]);
	}
	kzero(e, sizeof *e);
}

int ep_apply_destroyed(struct kstate *s, uint64_t id)
{
	struct endpoint *e = ep_find(s, id);

	if (!e)
		return ZOS_ERR_CORRUPT;
	ep_release(s, e);
	cap_sweep_object(s, ZOS_OBJ_ENDPOINT, id);
	return ZOS_OK;
}

struct id_set {
	uint64_t ids[ZOS_MAX_ENDPOINTS];
	uint32_t n;
};

static int names_endpoint_in(const struct cap *c, const void *arg)
{
	const struct id_set *set = arg;

	if (c->type != ZOS_OBJ_ENDPOINT)
		return 0;
	for (uint32_t i = 0; i < set->n; i++)
		if (set->ids[i] == c->obj_id)
			return 1;
	return 0;
}

void ep_destroy_owned(struct kstate *s, uint32_t pid)
{
	struct id_set set;

	set.n = 0;
	for (int i = 0; i < ZOS_MAX_ENDPOINTS; i++)
		if (s->eps[i].id != 0 && s->eps[i].owner == pid) {
			set.ids[set.n++] = s->eps[i].id;
			ep_release(s, &s->eps[i]);
		}
	if (set.n)
		cap_sweep(s, names_endpoint_in, &set);
}

/* Builds the carried caps of a MessageSent into m; all or nothing. */
static int msg_take_caps(struct kstate *s, struct kmsg *m, const struct zos_c_message_sent *c)
{
	const struct proc *from = proc_find_alive(s, c->from);

	for (uint8_t i = 0; i < c->ncaps; i++) {
		const struct cap *src = cspace_get(from, c->caps[i].slot);
		if (!src || c->caps[i].cap_id != s->next_cap_id + i ||
		    cap_make_child(&m->caps[i], src, c->caps[i].cap_id, c->caps[i].rights,
				   ZOS_CAP_NEVER_EXPIRES) != ZOS_OK)
			return ZOS_ERR_CORRUPT;
	}
	return ZOS_OK;
}

int ep_apply_sent(struct kernel *k, const struct zos_c_message_sent *c, const uint8_t *body)
{
	struct kstate *s = &k->s;
	struct endpoint *e = ep_find(s, c->endpoint);
	int m = msg_pick_entry(s);
	struct kmsg msg;

	if (!e || m < 0 || e->count >= ZOS_QUEUE_DEPTH || !proc_find_alive(s, c->from) ||
	    c->size > ZOS_MSG_MAX || c->ncaps > ZOS_MSG_MAX_CAPS)
		return ZOS_ERR_CORRUPT;
	kzero(&msg, sizeof msg);
	if (msg_take_caps(s, &msg, c) != ZOS_OK)
		return ZOS_ERR_CORRUPT;
	msg.used = 1;
	msg.sender = c->from;
	msg.tag = c->tag;
	msg.size = c->size;
	msg.ncaps = c->ncaps;
	s->msgs[m] = msg;
	s->next_cap_id += c->ncaps;
	e->queue[(e->head + e->count) % ZOS_QUEUE_DEPTH] = (uint16_t)m;
	e->count++;
	/* Not replayed: the body. A replay has none, so it reads as zeros. */
	if (body)
		kcopy(k->b.bytes[m], body, c->size);
	else
		kzero(k->b.bytes[m], c->size);
	return ZOS_OK;
}

static int slots_distinct_and_free(const struct proc *p, const struct zos_c_message_received *c)
{
	for (uint8_t i = 0; i < c->ncaps; i++) {
		if (c->slots[i] >= ZOS_MAX_SLOTS || !cap_empty(&p->slots[c->slots[i]]))
			return 0;
		for (uint8_t j = 0; j < i; j++)
			if (c->slots[j] == c->slots[i])
				return 0;
	}
	return 1;
}

int ep_apply_received(struct kstate *s, const struct zos_c_message_received *c)
{
	struct endpoint *e = ep_find(s, c->endpoint);
	struct proc *p = proc_find(s, c->pid);
	uint16_t m;
	const struct kmsg *head = e ? ep_head(s, e, &m) : 0;

	if (!head || !p || p->state != ZOS_PROC_ALIVE || c->ncaps != head->ncaps ||
	    !slots_distinct_and_free(p, c))
		return ZOS_ERR_CORRUPT;
	for (uint8_t i = 0; i < c->ncaps; i++)
		p->slots[c->slots[i]] = head->caps[i];
	kzero(&s->msgs[m], sizeof s->msgs[m]);
	e->head = (uint16_t)((e->head + 1) % ZOS_QUEUE_DEPTH);
	e->count--;
	return ZOS_OK;
}
