/*
 * The audit syscalls: reading the CommitLog window, the SysLog ring and
 * other processes' CSpaces, and re-verifying the log. They change nothing;
 * the Device cap to AUDIT is what makes them allowed (checked before any
 * of these run). Output never spills: what does not fit is
 * BUFFER_TOO_SMALL with the size needed.
 */
#include "system/internal.h"

#include <zos/error.h>

#include "lib/commit_codec.h"
#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static uint32_t newest(uint64_t asked, uint32_t available)
{
	return asked < available ? (uint32_t)asked : available;
}

static int64_t audit_commits(struct zos_system *sys, zos_syscall_t *sc)
{
	const struct commitlog *l = &sys->ax.log;
	uint32_t n = newest(sc->arg[1], l->count), pos = 0;
	uint8_t rec[ZOS_COMMIT_MAX_ENCODED];

	for (uint32_t i = l->count - n; i < l->count; i++) {
		int len = commit_encode(commitlog_at(l, i), rec, sizeof rec);
		if (len < 0)
			return len;
		if (sc->out && pos + 2 + (uint32_t)len <= sc->out_cap) {
			sc->out[pos] = (uint8_t)len; /* u16 length, little-endian */
			sc->out[pos + 1] = (uint8_t)(len >> 8);
			zos_memcpy(sc->out + pos + 2, rec, (size_t)len);
		}
		pos += 2 + (uint32_t)len;
	}
	sc->out_len = pos;
	return pos > sc->out_cap || (pos && !sc->out) ? ZOS_ERR_BUFFER_TOO_SMALL : (int64_t)n;
}

static int64_t audit_syslog(struct zos_system *sys, zos_syscall_t *sc)
{
	const struct syslog *l = &sys->ax.syslog;
	uint32_t n = newest(sc->arg[1], l->count);

	sc->out_len = n * (uint32_t)sizeof(struct zos_audit_event);
	if (sc->out_len > sc->out_cap || (n && !sc->out))
		return ZOS_ERR_BUFFER_TOO_SMALL;
	for (uint32_t i = 0; i < n; i++) {
		const struct sysevent *e = syslog_at(l, l->count - n + i);
		struct zos_audit_event a;
		zos_memset(&a, 0, sizeof a);
		a.id = e->id;
		a.timestamp = e->timestamp;
		a.request_id = e->request_id;
		a.result = e->result;
		zos_memcpy(a.args, e->args, sizeof a.args);
		a.sender = e->sender;
		a.num = e->num;
		a.kind = e->kind;
		zos_memcpy(sc->out + i * sizeof a, &a, sizeof a);
	}
	return n;
}

static int64_t audit_verify(struct zos_system *sys, zos_syscall_t *sc)
{
	struct zos_audit_verify v;
	uint8_t live[ZOS_HASH_SIZE];

	sc->out_len = sizeof v;
	if (!sc->out || sc->out_cap < sizeof v)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	zos_memset(&v, 0, sizeof v);
	v.memory_status = commitlog_verify(&sys->ax.log, &v.bad_seq);
	v.memory_commits = sys->ax.log.count;
	v.disk_status = ZOS_ERR_NOT_SUPPORTED;
	if (sys->hal->verify_log) {
		state_hash(&sys->k.s, live);
		sys->hal->verify_log(sys->hal->ctx, live, &v);
	}
	zos_memcpy(sc->out, &v, sizeof v);
	if (v.memory_status)
		return v.memory_status;
	return v.disk_status == ZOS_ERR_NOT_SUPPORTED ? ZOS_OK : v.disk_status;
}

int64_t audit_call(struct zos_system *sys, zos_syscall_t *sc)
{
	switch (sc->num) {
	case ZOS_SYS_AUDIT_COMMITS: return audit_commits(sys, sc);
	case ZOS_SYS_AUDIT_SYSLOG: return audit_syslog(sys, sc);
	case ZOS_SYS_AUDIT_VERIFY: return audit_verify(sys, sc);
	case ZOS_SYS_AUDIT_CAPS:
		if (sc->arg[1] > 0xFFFFFFFFu)
			return ZOS_ERR_PROCESS_NOT_FOUND;
		return kernel_list_caps(&sys->k, (uint32_t)sc->arg[1], sc->out, sc->out ? sc->out_cap : 0,
					&sc->out_len);
	default: return ZOS_ERR_UNKNOWN_SYSCALL;
	}
}

int system_verify_records(struct kernel *k, const uint8_t *data, size_t len,
			  const uint8_t live[32], struct zos_audit_verify *v)
{
	struct replay_report rep;
	uint8_t h[32];

	v->disk_status = replay_records(k, data, len, &rep);
	v->disk_commits = rep.commits;
	v->epochs = rep.epochs;
	v->checkpoints = rep.checkpoints;
	v->torn = (uint8_t)rep.torn;
	zos_memcpy(v->head, rep.head, 32);
	if (rep.status) {
		v->bad_seq = rep.bad_seq;
		zos_snprintf(v->reason, sizeof v->reason, "%s", rep.reason ? rep.reason : "");
	}
	state_hash(&k->s, h);
	v->matches_live = zos_memcmp(h, live, 32) == 0;
	return v->disk_status;
}
