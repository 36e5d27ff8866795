/*
 * Decide for endpoints and messages: CREATE_ENDPOINT(_FOR), DELETE_ENDPOINT,
 * SEND, SEND_CAP, RECV, CALL and REPLY.
 *
 * Sending needs WRITE on an endpoint cap, receiving needs READ. A message
 * carries at most ZOS_MSG_MAX body bytes and ZOS_MSG_MAX_CAPS capabilities;
 * each carried cap is a copy made at send time (the sender needs GRANT on
 * it, and keeps its own), and lands in the receiver's lowest free slots.
 *
 * CALL is a send that carries a WRITE-only copy of the caller's reply
 * endpoint cap; the System then receives the reply on that endpoint for the
 * caller. REPLY sends through such a cap and consumes it.
 */
#include "kernel/decide.h"

struct carried {
	uint64_t slot;
	uint8_t rights; /* 0: the same rights as the sender's cap */
};

static int check_carried(struct dctx *d, const struct carried *cc, uint8_t n,
			 const struct cap **caps)
{
	for (uint8_t i = 0; i < n; i++) {
		int err = step_check_cap(d, cc[i].slot, ZOS_RIGHT_GRANT, ZOS_OBJ_NONE, &caps[i]);
		if (err)
			return err;
	}
	return ZOS_OK;
}

/* The shared tail of SEND, SEND_CAP, CALL and REPLY, after the endpoint cap
 * has been checked. */
static int64_t send_msg(struct dctx *d, const struct cap *ep, const uint8_t *body, uint32_t size,
			const struct carried *cc, uint8_t ncaps)
{
	const struct endpoint *e = kernel_endpoint(d->s, ep->obj_id);
	const struct cap *caps[ZOS_MSG_MAX_CAPS];
	zos_commit_t *c;
	int err = check_carried(d, cc, ncaps, caps);

	if (err)
		return err;
	if (d->sc->arg[1] > 0xFFFFFFFFu)
		return ZOS_ERR_INVALID_ARGUMENT; /* tags are 32-bit */
	if (size > ZOS_MSG_MAX)
		return ZOS_ERR_MESSAGE_TOO_LARGE;
	if (e->count >= ZOS_QUEUE_DEPTH)
		return ZOS_ERR_QUEUE_FULL;
	if (msg_pick_entry(d->s) < 0 || !quota_message_ok(d->s, d->pid))
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	for (uint8_t i = 0; i < ncaps; i++) {
		if ((cc[i].rights & caps[i]->rights) != cc[i].rights)
			return ZOS_ERR_INSUFFICIENT_RIGHTS;
		if (caps[i]->depth >= ZOS_DERIVE_DEPTH)
			return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	c = step_emit(d, ZOS_COMMIT_MESSAGE_SENT);
	c->u.message_sent.from = d->pid;
	c->u.message_sent.endpoint = e->id;
	c->u.message_sent.tag = (uint32_t)d->sc->arg[1];
	c->u.message_sent.size = size;
	c->u.message_sent.ncaps = ncaps;
	for (uint8_t i = 0; i < ncaps; i++) {
		c->u.message_sent.caps[i].slot = (uint32_t)cc[i].slot;
		c->u.message_sent.caps[i].rights = cc[i].rights ? cc[i].rights : caps[i]->rights;
		c->u.message_sent.caps[i].cap_id = d->s->next_cap_id + i;
	}
	d->st->body = body;
	return ZOS_OK;
}

int64_t decide_send(struct dctx *d)
{
	const struct cap *ep;
	int err = step_check_cap(d, d->sc->arg[0], ZOS_RIGHT_WRITE, ZOS_OBJ_ENDPOINT, &ep);

	if (err)
		return err;
	return send_msg(d, ep, d->sc->in, d->sc->in ? d->sc->in_len : 0, 0, 0);
}

/* Input: struct zos_send_cap_in, then the body. */
int64_t decide_send_cap(struct dctx *d)
{
	const zos_syscall_t *sc = d->sc;
	const struct cap *ep;
	struct zos_send_cap_in hdr;
	struct carried cc[ZOS_MSG_MAX_CAPS];
	int err = step_check_cap(d, sc->arg[0], ZOS_RIGHT_WRITE, ZOS_OBJ_ENDPOINT, &ep);

	if (err)
		return err;
	if (!sc->in || sc->in_len < sizeof hdr)
		return ZOS_ERR_INVALID_ARGUMENT;
	kcopy(&hdr, sc->in, sizeof hdr);
	if (hdr.ncaps > ZOS_MSG_MAX_CAPS)
		return ZOS_ERR_TOO_MANY_CAPS;
	for (uint32_t i = 0; i < hdr.ncaps; i++) {
		cc[i].slot = hdr.slots[i];
		cc[i].rights = hdr.rights[i];
		if (!cap_rights_valid(hdr.rights[i]))
			return ZOS_ERR_INVALID_ARGUMENT;
	}
	return send_msg(d, ep, sc->in + sizeof hdr, sc->in_len - (uint32_t)sizeof hdr, cc,
			(uint8_t)hdr.ncaps);
}

int64_t decide_call(struct dctx *d)
{
	const struct cap *ep, *reply;
	struct carried cc = { d->sc->arg[2], ZOS_RIGHT_WRITE };
	int64_t r;
	int err = step_check_cap(d, d->sc->arg[0], ZOS_RIGHT_WRITE, ZOS_OBJ_ENDPOINT, &ep);

	if (!err)
		err = step_check_cap(d, d->sc->arg[2], ZOS_RIGHTS_ALL, ZOS_OBJ_ENDPOINT, &reply);
	if (err)
		return err;
	r = send_msg(d, ep, d->sc->in, d->sc->in ? d->sc->in_len : 0, &cc, 1);
	if (r >= 0)
		step_wait(d, d->sc->arg[2]); /* the receive half: for the reply */
	return r;
}

int64_t decide_reply(struct dctx *d)
{
	const struct cap *ep;
	zos_commit_t *c;
	int64_t r;
	int err = step_check_cap(d, d->sc->arg[0], ZOS_RIGHT_WRITE, ZOS_OBJ_ENDPOINT, &ep);

	if (err)
		return err;
	r = send_msg(d, ep, d->sc->in, d->sc->in ? d->sc->in_len : 0, 0, 0);
	if (r < 0)
		return r;
	c = step_emit(d, ZOS_COMMIT_CAP_REMOVED);
	c->u.cap_removed.pid = d->pid;
	c->u.cap_removed.slot = (uint32_t)d->sc->arg[0];
	return ZOS_OK;
}

/* Output: struct zos_msg_header, then the body. Result: the body size. */
int64_t decide_recv(struct dctx *d)
{
	zos_syscall_t *sc = d->sc;
	const struct cap *ep;
	const struct endpoint *e;
	const struct kmsg *m;
	struct zos_msg_header h;
	uint16_t index;
	zos_commit_t *c;
	int err = step_check_cap(d, sc->arg[0], ZOS_RIGHT_READ, ZOS_OBJ_ENDPOINT, &ep);

	if (err)
		return err;
	if (sc->arg[1] != ZOS_RECV_NONBLOCK && sc->arg[1] != ZOS_RECV_BLOCK)
		return ZOS_ERR_INVALID_ARGUMENT;
	e = kernel_endpoint(d->s, ep->obj_id);
	m = ep_head(d->s, e, &index);
	if (!m) {
		if (sc->arg[1] == ZOS_RECV_BLOCK)
			step_wait(d, sc->arg[0]);
		return ZOS_ERR_WOULD_BLOCK;
	}
	kzero(&h, sizeof h);
	if (cspace_free_slots(d->self, m->ncaps, h.cap_slots) != ZOS_OK)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	sc->out_len = (uint32_t)sizeof h + m->size;
	if (!sc->out || sc->out_cap < sc->out_len)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	h.sender = m->sender;
	h.tag = m->tag;
	h.size = m->size;
	h.ncaps = m->ncaps;
	kcopy(sc->out, &h, sizeof h);
	kcopy(sc->out + sizeof h, d->k->b.bytes[index], m->size);
	c = step_emit(d, ZOS_COMMIT_MESSAGE_RECEIVED);
	c->u.message_received.pid = d->pid;
	c->u.message_received.endpoint = e->id;
	c->u.message_received.ncaps = m->ncaps;
	kcopy(c->u.message_received.slots, h.cap_slots, sizeof h.cap_slots);
	return m->size;
}

void step_emit_endpoint_cap(struct dctx *d, uint32_t pid, uint32_t slot, uint64_t cap_id,
		       uint8_t rights)
{
	zos_commit_t *c = step_emit(d, ZOS_COMMIT_CAP_INSERTED);

	c->u.cap_inserted.pid = pid;
	c->u.cap_inserted.slot = slot;
	c->u.cap_inserted.cap_id = cap_id;
	c->u.cap_inserted.obj_type = ZOS_OBJ_ENDPOINT;
	c->u.cap_inserted.obj_id = d->s->next_endpoint_id;
	c->u.cap_inserted.rights = rights;
	c->u.cap_inserted.generation = d->s->ep_generation + 1; /* what ep_apply_created gives */
}

void step_emit_endpoint(struct dctx *d, uint32_t owner)
{
	zos_commit_t *c = step_emit(d, ZOS_COMMIT_ENDPOINT_CREATED);

	c->u.endpoint_created.id = d->s->next_endpoint_id;
	c->u.endpoint_created.owner = owner;
}

int64_t decide_create_endpoint(struct dctx *d)
{
	uint32_t slot;

	if (ep_pick_entry(d->s) < 0 || !quota_endpoint_ok(d->s, d->pid, d->pid) ||
	    cspace_free_slots(d->self, 1, &slot) != ZOS_OK)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	step_emit_endpoint(d, d->pid);
	step_emit_endpoint_cap(d, d->pid, slot, d->s->next_cap_id, ZOS_RIGHTS_ALL);
	return ZOS_PACK_SLOT_ID(slot, d->s->next_endpoint_id);
}

/* The target owns the new endpoint and gets a full cap; the caller gets a
 * WRITE+GRANT cap to hand on. Result: the caller's slot and the id. */
int64_t decide_create_endpoint_for(struct dctx *d)
{
	const struct cap *pc;
	const struct proc *target;
	uint32_t slots[2], tslot, cslot;
	int err = step_check_cap(d, d->sc->arg[0], ZOS_RIGHT_WRITE, ZOS_OBJ_PROCESS, &pc);

	if (err)
		return err;
	target = proc_find_alive(d->s, (uint32_t)pc->obj_id);
	if (!target || target->pid == ZOS_PID_KERNEL)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	if (ep_pick_entry(d->s) < 0 || !quota_endpoint_ok(d->s, d->pid, target->pid))
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	if (target == d->self) {
		if (cspace_free_slots(target, 2, slots) != ZOS_OK)
			return ZOS_ERR_RESOURCE_EXHAUSTED;
		tslot = slots[0];
		cslot = slots[1];
	} else if (cspace_free_slots(target, 1, &tslot) != ZOS_OK ||
		   cspace_free_slots(d->self, 1, &cslot) != ZOS_OK) {
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	step_emit_endpoint(d, target->pid);
	step_emit_endpoint_cap(d, target->pid, tslot, d->s->next_cap_id, ZOS_RIGHTS_ALL);
	step_emit_endpoint_cap(d, d->pid, cslot, d->s->next_cap_id + 1, ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT);
	return ZOS_PACK_SLOT_ID(cslot, d->s->next_endpoint_id);
}

int64_t decide_delete_endpoint(struct dctx *d)
{
	const struct cap *ep;
	zos_commit_t *c;
	int err = step_check_cap(d, d->sc->arg[0], ZOS_RIGHTS_ALL, ZOS_OBJ_ENDPOINT, &ep);

	if (err)
		return err;
	c = step_emit(d, ZOS_COMMIT_ENDPOINT_DESTROYED);
	c->u.endpoint_destroyed.id = ep->obj_id;
	return ZOS_OK;
}
