/*
 * Axiom's two logs and the commit step (see axiom.h).
 */
#include "axiom/axiom.h"

#include <zos/error.h>

#include "axiom/state_hash.h"
#include "lib/mem.h"

void axiom_init(struct axiom *ax, struct sysevent *events, uint32_t nevents, zos_commit_t *window,
		uint32_t nwindow, const struct log_sink *sink)
{
	zos_memset(ax, 0, sizeof *ax);
	syslog_init(&ax->syslog, events, nevents);
	commitlog_init(&ax->log, window, nwindow, sink);
	ax->checkpoint_every = ZOS_CHECKPOINT_EVERY;
}

uint64_t axiom_request(struct axiom *ax, uint32_t pid, const zos_syscall_t *sc, uint64_t now)
{
	return syslog_request(&ax->syslog, pid, sc->num, sc->arg, now);
}

void axiom_response(struct axiom *ax, uint32_t pid, uint32_t num, uint64_t request,
		    int64_t result, uint64_t now)
{
	syslog_response(&ax->syslog, pid, num, request, result, now);
}

/* Appends c and applies it: the moment the state changes (in memory; it is
 * durable once the sink's flush has returned, see commitlog.h). */
static int append_apply(struct axiom *ax, struct kernel *k, zos_commit_t *c, const uint8_t *body)
{
	int err = commitlog_append(&ax->log, c);

	if (err)
		return err;
	if (kernel_apply(k, c, body) != ZOS_OK) {
		ax->log.failed = ZOS_ERR_CORRUPT; /* decide and apply disagree: stop */
		return ZOS_ERR_CORRUPT;
	}
	ax->since_checkpoint++;
	return ZOS_OK;
}

void axiom_use_log_key(struct axiom *ax, const uint8_t seed[ZOS_LOG_KEY_SEED_SIZE])
{
	log_key_from_seed(&ax->key, seed);
	ax->signing = 1;
}

int axiom_checkpoint(struct axiom *ax, struct kernel *k, uint64_t now)
{
	zos_commit_t c;
	int err;

	zos_memset(&c, 0, sizeof c);
	c.type = ZOS_COMMIT_CHECKPOINT;
	c.timestamp = now;
	state_hash(&k->s, c.u.checkpoint.state_hash);
	ax->since_checkpoint = 0;
	err = append_apply(ax, k, &c, 0);
	if (err || !ax->signing)
		return err;
	/* c now carries its seq and hash (commitlog_append filled them) */
	zos_memset(&c.u, 0, sizeof c.u);
	c.u.log_signed.seq = c.seq;
	log_sign(&ax->key, c.seq, c.hash, c.u.log_signed.signature);
	c.type = ZOS_COMMIT_LOG_SIGNED;
	err = append_apply(ax, k, &c, 0);
	ax->since_checkpoint = 0;
	return err;
}

int axiom_commit_step(struct axiom *ax, struct kernel *k, const struct kstep *st, uint64_t cause)
{
	if (ax->log.failed)
		return ax->log.failed;
	for (uint32_t i = 0; i < st->ncommits; i++) {
		zos_commit_t c = st->commits[i];
		int err;
		c.caused_by = cause;
		err = append_apply(ax, k, &c, c.type == ZOS_COMMIT_MESSAGE_SENT ? st->body : 0);
		if (err)
			return err;
	}
	if (ax->checkpoint_every && ax->since_checkpoint >= ax->checkpoint_every && st->ncommits)
		return axiom_checkpoint(ax, k, st->commits[0].timestamp);
	return ZOS_OK;
}
