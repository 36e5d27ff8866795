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

int64_t platform_audit_commits(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct commitlog *l = &sys->ax.log;
	uint32_t n = newest(sc->arg[1], l->count), pos = 0;
	(void)pid;
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

int64_t platform_audit_syslog(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct syslog *l = &sys->ax.syslog;
	uint32_t n = newest(sc->arg[1], l->count);

	(void)pid;
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

/* The durable log read back as a boot would read it, replayed into a
 * scratch kernel and compared with the live state; fills v's disk_*
 * fields. Everything so far is made durable first, so the disk is asked
 * about all of it. */
static int verify_durable(struct zos_system *sys, struct zos_audit_verify *v)
{
	const struct zos_hal *h = sys->hal;
	struct hal_buf log = { 0 };
	struct replay_report rep;
	uint8_t live[ZOS_HASH_SIZE], replayed[ZOS_HASH_SIZE];
	struct kernel *k;
	int err;

	if (!h->read_log || !h->alloc || !h->free)
		return ZOS_ERR_NOT_SUPPORTED;
	err = system_flush(sys);
	if (!err)
		err = h->read_log(h->ctx, &log);
	if (err)
		return err;
	k = h->alloc(h->ctx, sizeof *k);
	if (!k) {
		if (log.cap)
			h->free(h->ctx, log.data, log.cap);
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	err = replay_records(k, log.data, log.len, &rep);
	v->disk_commits = rep.commits;
	v->epochs = rep.epochs;
	v->checkpoints = rep.checkpoints;
	v->torn = (uint8_t)rep.torn;
	zos_memcpy(v->head, rep.head, sizeof v->head);
	if (rep.status) {
		v->bad_seq = rep.bad_seq;
		zos_snprintf(v->reason, sizeof v->reason, "%s", rep.reason ? rep.reason : "");
	}
	state_hash(&k->s, replayed);
	state_hash(&sys->k.s, live);
	v->matches_live = zos_memcmp(replayed, live, sizeof live) == 0;
	h->free(h->ctx, k, sizeof *k);
	if (log.cap)
		h->free(h->ctx, log.data, log.cap);
	return err;
}

int64_t platform_audit_verify(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	struct zos_audit_verify v;

	(void)pid;
	sc->out_len = sizeof v;
	if (!sc->out || sc->out_cap < sizeof v)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	zos_memset(&v, 0, sizeof v);
	v.memory_status = commitlog_verify(&sys->ax.log, &v.bad_seq);
	v.memory_commits = sys->ax.log.count;
	v.disk_status = verify_durable(sys, &v);
	zos_memcpy(sc->out, &v, sizeof v);
	if (v.memory_status)
		return v.memory_status;
	return v.disk_status == ZOS_ERR_NOT_SUPPORTED ? ZOS_OK : v.disk_status;
}

int64_t platform_audit_caps(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	(void)pid;
	if (sc->arg[1] > 0xFFFFFFFFu)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	return kernel_list_caps(&sys->k, (uint32_t)sc->arg[1], sc->out, sc->out ? sc->out_cap : 0,
				&sc->out_len);
}
