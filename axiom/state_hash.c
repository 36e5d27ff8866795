/*
 * state_hash: SHA-256 over a canonical serialization of struct kstate.
 *
 * What is covered — exactly the replayed state (kernel/state.h):
 *   - the epoch and the id counters (next pid, cap id, endpoint id, and the
 *     endpoint generation source);
 *   - every process entry in use: pid, parent, state, exit code, entry
 *     generation, name, and each non-empty slot of its CSpace (slot number
 *     and the whole capability: id, type, object, rights, generation,
 *     expiry, ancestors);
 *   - every endpoint in use: id, owner, generation and its queue in order,
 *     each message's sender, tag, size and carried capabilities;
 *   - the device objects are fixed at genesis and carry no state.
 * What is not covered, on purpose: message body bytes (the log never holds
 * message content), scheduling state (who is parked in a receive) and
 * statistics; all three live outside struct kstate.
 *
 * Table positions are part of the walk order; they are themselves a
 * deterministic function of the commits, so live and replayed states agree.
 * Fields are written with the byte writer, never as raw struct memory, so
 * padding never leaks in and every target produces the same bytes.
 */
#include "axiom/state_hash.h"

#include "lib/bytes.h"
#include "lib/sha256.h"

struct hasher {
	struct zos_sha256 h;
	uint8_t buf[512];
	struct zos_wbuf w;
};

static void flush(struct hasher *x)
{
	zos_sha256_update(&x->h, x->buf, x->w.len);
	zos_wbuf_init(&x->w, x->buf, sizeof x->buf);
}

/* Every put goes through here so the buffer never overflows. */
static void room(struct hasher *x, size_t n)
{
	if (x->w.len + n > sizeof x->buf)
		flush(x);
}

static void put_cap(struct hasher *x, const struct cap *c)
{
	room(x, 8 * 3 + 8 * ZOS_DERIVE_DEPTH + 4 + 3);
	zos_put_u64(&x->w, c->id);
	zos_put_u8(&x->w, c->type);
	zos_put_u64(&x->w, c->obj_id);
	zos_put_u8(&x->w, c->rights);
	zos_put_u32(&x->w, c->generation);
	zos_put_u64(&x->w, c->expires_at);
	zos_put_u8(&x->w, c->depth);
	for (uint8_t i = 0; i < c->depth && i < ZOS_DERIVE_DEPTH; i++)
		zos_put_u64(&x->w, c->ancestors[i]);
}

static void put_proc(struct hasher *x, const struct proc *p)
{
	room(x, 4 * 4 + 2 + ZOS_NAME_MAX);
	zos_put_u32(&x->w, p->pid);
	zos_put_u32(&x->w, p->parent);
	zos_put_u8(&x->w, p->state);
	zos_put_u32(&x->w, (uint32_t)p->exit_code);
	zos_put_u32(&x->w, p->generation);
	zos_put_u8(&x->w, p->name_len);
	zos_put_bytes(&x->w, p->name, p->name_len <= ZOS_NAME_MAX ? p->name_len : ZOS_NAME_MAX);
	for (uint32_t i = 0; i < ZOS_MAX_SLOTS; i++) {
		if (p->slots[i].id == 0)
			continue;
		room(x, 4);
		zos_put_u32(&x->w, i);
		put_cap(x, &p->slots[i]);
	}
	room(x, 4);
	zos_put_u32(&x->w, 0xFFFFFFFFu); /* end of CSpace */
}

static void put_endpoint(struct hasher *x, const struct kstate *s, const struct endpoint *e)
{
	room(x, 8 + 4 + 4 + 2);
	zos_put_u64(&x->w, e->id);
	zos_put_u32(&x->w, e->owner);
	zos_put_u32(&x->w, e->generation);
	zos_put_u16(&x->w, e->count);
	for (uint16_t n = 0; n < e->count && n < ZOS_QUEUE_DEPTH; n++) {
		const struct kmsg *m = &s->msgs[e->queue[(e->head + n) % ZOS_QUEUE_DEPTH] %
						 ZOS_MAX_MESSAGES];
		room(x, 4 * 3 + 1);
		zos_put_u32(&x->w, m->sender);
		zos_put_u32(&x->w, m->tag);
		zos_put_u32(&x->w, m->size);
		zos_put_u8(&x->w, m->ncaps);
		for (uint8_t i = 0; i < m->ncaps && i < ZOS_MSG_MAX_CAPS; i++)
			put_cap(x, &m->caps[i]);
	}
}

void state_hash(const struct kstate *s, uint8_t out[ZOS_HASH_SIZE])
{
	struct hasher x;

	zos_sha256_init(&x.h);
	zos_sha256_update(&x.h, ZOS_STATE_DOMAIN, sizeof ZOS_STATE_DOMAIN);
	zos_wbuf_init(&x.w, x.buf, sizeof x.buf);
	zos_put_u8(&x.w, s->genesis_done);
	zos_put_u64(&x.w, s->epoch);
	zos_put_u64(&x.w, s->next_cap_id);
	zos_put_u64(&x.w, s->next_endpoint_id);
	zos_put_u32(&x.w, s->next_pid);
	zos_put_u32(&x.w, s->ep_generation);
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (s->procs[i].state != 0) {
			room(&x, 4);
			zos_put_u32(&x.w, (uint32_t)i);
			put_proc(&x, &s->procs[i]);
		}
	for (int i = 0; i < ZOS_MAX_ENDPOINTS; i++)
		if (s->eps[i].id != 0) {
			room(&x, 4);
			zos_put_u32(&x.w, (uint32_t)i);
			put_endpoint(&x, s, &s->eps[i]);
		}
	flush(&x);
	zos_sha256_final(&x.h, out);
}
