/*
 * SysLog: the audit trail of every syscall, a request and a response each.
 *
 * A bounded ring over caller-given storage (ZOS_SYSLOG_DEFAULT events by
 * default): when full, the oldest events are trimmed. It holds syscall
 * numbers, arguments and results, never buffer contents. Nothing is replayed
 * from it; discarding it loses no state.
 */
#ifndef ZOS_AXIOM_SYSLOG_H
#define ZOS_AXIOM_SYSLOG_H

#include <stdint.h>

enum sysevent_kind { SYSEVENT_REQUEST = 1, SYSEVENT_RESPONSE = 2 };

struct sysevent {
	uint64_t id;          /* from 1, monotonic */
	uint64_t timestamp;
	uint64_t request_id;  /* responses: the request they answer */
	uint64_t args[4];     /* requests */
	int64_t result;       /* responses */
	uint32_t sender;
	uint32_t num;         /* syscall number */
	uint8_t kind;
};

struct syslog {
	struct sysevent *ring; /* caller-given, cap entries */
	uint32_t cap;
	uint32_t start;        /* index of the oldest event */
	uint32_t count;
	uint64_t next_id;
	uint64_t trimmed;      /* events dropped to make room */
};

void syslog_init(struct syslog *l, struct sysevent *storage, uint32_t cap);
uint64_t syslog_request(struct syslog *l, uint32_t sender, uint32_t num, const uint64_t args[4],
			uint64_t now);
void syslog_response(struct syslog *l, uint32_t sender, uint32_t num, uint64_t request_id,
		     int64_t result, uint64_t now);
/* The i-th oldest event still held (0 <= i < count), or 0. */
const struct sysevent *syslog_at(const struct syslog *l, uint32_t i);
/* The event with this id, if still held. */
const struct sysevent *syslog_find(const struct syslog *l, uint64_t id);

#endif
