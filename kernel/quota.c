/*
 * What one process may take of the shared tables (include/zos/param.h).
 *
 * A process other than the System (pid 0) and Init (pid 1) may own at most
 * ZOS_PROC_ENDPOINTS_MAX endpoints and have at most ZOS_PROC_MESSAGES_MAX
 * messages queued (sent, not yet received), and may not take the last
 * ZOS_ENDPOINTS_RESERVED endpoint entries or ZOS_MESSAGES_RESERVED message
 * entries: those stay for Init and the System, so a program that takes
 * all it may cannot stop Init from spawning or services from answering.
 * A refusal is RESOURCE_EXHAUSTED, as when a table is full. Counts are
 * read from the replayed state, so nothing here needs replaying.
 */
#include <zos/pid.h>

#include "kernel/internal.h"

static int exempt(uint32_t pid)
{
	return pid == ZOS_PID_KERNEL || pid == ZOS_PID_INIT;
}

int quota_endpoint_ok(const struct kstate *s, uint32_t caller, uint32_t owner)
{
	int owned = 0, used = 0;

	for (int i = 0; i < ZOS_MAX_ENDPOINTS; i++) {
		if (s->eps[i].id == 0)
			continue;
		used++;
		owned += s->eps[i].owner == owner;
	}
	if (used >= ZOS_MAX_ENDPOINTS)
		return 0;
	if (exempt(caller))
		return 1;
	return owned < ZOS_PROC_ENDPOINTS_MAX && used < ZOS_MAX_ENDPOINTS - ZOS_ENDPOINTS_RESERVED;
}

int quota_message_ok(const struct kstate *s, uint32_t sender)
{
	int mine = 0, used = 0;

	for (int i = 0; i < ZOS_MAX_MESSAGES; i++) {
		if (!s->msgs[i].used)
			continue;
		used++;
		mine += s->msgs[i].sender == sender;
	}
	if (used >= ZOS_MAX_MESSAGES)
		return 0;
	if (exempt(sender))
		return 1;
	return mine < ZOS_PROC_MESSAGES_MAX && used < ZOS_MAX_MESSAGES - ZOS_MESSAGES_RESERVED;
}
