/*
 * SysLog ring (see syslog.h). Event ids are dense, so an id maps to a ring
 * position by arithmetic and lookups take constant time.
 */
#include "axiom/syslog.h"

#include "lib/mem.h"

void syslog_init(struct syslog *l, struct sysevent *storage, uint32_t cap)
{
	zos_memset(l, 0, sizeof *l);
	l->ring = storage;
	l->cap = cap;
	l->next_id = 1;
}

static struct sysevent *push(struct syslog *l)
{
	struct sysevent *e;

	if (l->cap == 0)
		return 0;
	if (l->count == l->cap) {
		l->start = (l->start + 1) % l->cap;
		l->count--;
		l->trimmed++;
	}
	e = &l->ring[(l->start + l->count) % l->cap];
	l->count++;
	zos_memset(e, 0, sizeof *e);
	e->id = l->next_id++;
	return e;
}

uint64_t syslog_request(struct syslog *l, uint32_t sender, uint32_t num, const uint64_t args[4],
			uint64_t now)
{
	struct sysevent *e = push(l);

	if (!e)
		return l->next_id++; /* no storage: ids still link commits to causes */
	e->kind = SYSEVENT_REQUEST;
	e->sender = sender;
	e->num = num;
	e->timestamp = now;
	zos_memcpy(e->args, args, sizeof e->args);
	return e->id;
}

void syslog_response(struct syslog *l, uint32_t sender, uint32_t num, uint64_t request_id,
		     int64_t result, uint64_t now)
{
	struct sysevent *e = push(l);

	if (!e) {
		l->next_id++;
		return;
	}
	e->kind = SYSEVENT_RESPONSE;
	e->sender = sender;
	e->num = num;
	e->request_id = request_id;
	e->result = result;
	e->timestamp = now;
}

const struct sysevent *syslog_at(const struct syslog *l, uint32_t i)
{
	return i < l->count ? &l->ring[(l->start + i) % l->cap] : 0;
}

const struct sysevent *syslog_find(const struct syslog *l, uint64_t id)
{
	uint64_t oldest;

	if (l->count == 0)
		return 0;
	oldest = l->ring[l->start].id;
	if (id < oldest || id - oldest >= l->count)
		return 0;
	return syslog_at(l, (uint32_t)(id - oldest));
}
