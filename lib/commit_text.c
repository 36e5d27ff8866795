/*
 * One line per commit (see commit_text.h).
 */
#include "lib/commit_text.h"

#include <zos/cap.h>

#include "lib/fmt.h"

static const char *obj(uint8_t type)
{
	const char *n = zos_obj_type_name(type);
	return n ? n : "?";
}

static int payload(const zos_commit_t *c, char *out, size_t cap)
{
	const __typeof__(c->u) *u = &c->u;

	switch (c->type) {
	case ZOS_COMMIT_GENESIS: return zos_snprintf(out, cap, "abi %u", u->genesis.abi_version);
	case ZOS_COMMIT_BOOT: return zos_snprintf(out, cap, "epoch %llu", (unsigned long long)u->boot.epoch);
	case ZOS_COMMIT_PROCESS_CREATED:
		return zos_snprintf(out, cap, "pid %u parent %u name %.*s", u->process_created.pid,
				    u->process_created.parent, u->process_created.name_len,
				    u->process_created.name);
	case ZOS_COMMIT_PROCESS_EXITED:
		return zos_snprintf(out, cap, "pid %u code %d", u->process_exited.pid,
				    u->process_exited.code);
	case ZOS_COMMIT_PROCESS_KILLED:
		return zos_snprintf(out, cap, "pid %u by %u", u->process_killed.pid, u->process_killed.by);
	case ZOS_COMMIT_PROCESS_FAULTED:
		return zos_snprintf(out, cap, "pid %u reason %u: %.*s", u->process_faulted.pid,
				    u->process_faulted.reason, u->process_faulted.desc_len,
				    u->process_faulted.desc);
	case ZOS_COMMIT_ENDPOINT_CREATED:
		return zos_snprintf(out, cap, "endpoint %llu owner %u",
				    (unsigned long long)u->endpoint_created.id, u->endpoint_created.owner);
	case ZOS_COMMIT_ENDPOINT_DESTROYED:
		return zos_snprintf(out, cap, "endpoint %llu", (unsigned long long)u->endpoint_destroyed.id);
	case ZOS_COMMIT_CAP_INSERTED:
		return zos_snprintf(out, cap, "pid %u slot %u cap %llu %s %llu rights %x",
				    u->cap_inserted.pid, u->cap_inserted.slot,
				    (unsigned long long)u->cap_inserted.cap_id, obj(u->cap_inserted.obj_type),
				    (unsigned long long)u->cap_inserted.obj_id, u->cap_inserted.rights);
	case ZOS_COMMIT_CAP_REMOVED:
		return zos_snprintf(out, cap, "pid %u slot %u", u->cap_removed.pid, u->cap_removed.slot);
	case ZOS_COMMIT_CAP_GRANTED:
		return zos_snprintf(out, cap, "pid %u slot %u -> pid %u slot %u cap %llu rights %x",
				    u->cap_granted.from_pid, u->cap_granted.from_slot,
				    u->cap_granted.to_pid, u->cap_granted.to_slot,
				    (unsigned long long)u->cap_granted.new_cap_id, u->cap_granted.rights);
	case ZOS_COMMIT_CAP_DERIVED:
		return zos_snprintf(out, cap, "pid %u slot %u -> slot %u rights %x", u->cap_derived.pid,
				    u->cap_derived.from_slot, u->cap_derived.new_slot,
				    u->cap_derived.rights);
	case ZOS_COMMIT_CAP_REVOKED:
		return zos_snprintf(out, cap, "pid %u slot %u", u->cap_revoked.pid, u->cap_revoked.slot);
	case ZOS_COMMIT_MESSAGE_SENT:
		return zos_snprintf(out, cap, "pid %u -> endpoint %llu tag 0x%x size %u caps %u",
				    u->message_sent.from, (unsigned long long)u->message_sent.endpoint,
				    u->message_sent.tag, u->message_sent.size, u->message_sent.ncaps);
	case ZOS_COMMIT_MESSAGE_RECEIVED:
		return zos_snprintf(out, cap, "pid %u <- endpoint %llu caps %u",
				    u->message_received.pid,
				    (unsigned long long)u->message_received.endpoint,
				    u->message_received.ncaps);
	case ZOS_COMMIT_CHECKPOINT: {
		char h[17];
		zos_hex(h, u->checkpoint.state_hash, 8);
		return zos_snprintf(out, cap, "state %s", h);
	}
	case ZOS_COMMIT_LOG_SIGNED: {
		char h[17];
		zos_hex(h, u->log_signed.signature, 8);
		return zos_snprintf(out, cap, "up to seq %llu, signature %s...",
				    (unsigned long long)u->log_signed.seq, h);
	}
	default: return zos_snprintf(out, cap, "?");
	}
}

int commit_describe(const zos_commit_t *c, char *out, size_t cap)
{
	const char *name = zos_commit_type_name(c->type);
	int n = zos_snprintf(out, cap, "%6llu  %-18s ", (unsigned long long)c->seq, name ? name : "?");
	size_t used = (size_t)n < cap ? (size_t)n : cap;
	int m = payload(c, out + used, cap - used);

	n += m;
	used = (size_t)n < cap ? (size_t)n : cap;
	if (c->caused_by)
		n += zos_snprintf(out + used, cap - used, "  (syscall event %llu)",
				  (unsigned long long)c->caused_by);
	return n;
}
