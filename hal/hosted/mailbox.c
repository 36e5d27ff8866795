/*
 * The syscall transport: one request in from a process's shared mailbox
 * (include/zos/mailbox.h), its answer out.
 *
 * The mailbox is shared with a process that may write anything into it at
 * any time, so a request is copied out once, its lengths clamped to the
 * mailbox, before anything looks at it; the System only ever sees the
 * private copy. An answer is stored first and published (state set to
 * RESPONSE, futex woken) only when the loop allows: never ahead of a
 * failed log.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hal/hosted/hosted.h"

int mailbox_take(struct hproc *p, zos_syscall_t *sc, uint8_t *in, uint8_t *out)
{
	struct zos_mailbox *mb = p->mb;

	if (__atomic_load_n(&mb->state, __ATOMIC_ACQUIRE) != ZOS_MB_REQUEST)
		return 0;
	memset(sc, 0, sizeof *sc);
	sc->num = mb->num;
	memcpy(sc->arg, mb->arg, sizeof sc->arg);
	sc->in_len = mb->in_len;
	sc->out_cap = mb->out_cap;
	if (sc->in_len > ZOS_MAILBOX_DATA)
		sc->in_len = ZOS_MAILBOX_DATA; /* the process lied; the kernel reads no further */
	if (sc->out_cap > ZOS_MAILBOX_DATA)
		sc->out_cap = ZOS_MAILBOX_DATA;
	memcpy(in, mb->in, sc->in_len);
	sc->in = in;
	sc->out = out;
	return 1;
}

void mailbox_store(struct hproc *p, const zos_syscall_t *sc, const uint8_t *out, int64_t r)
{
	uint32_t n = sc->out_len <= sc->out_cap ? sc->out_len : sc->out_cap;

	if (n)
		memcpy(p->mb->out, out, n);
	p->mb->out_len = sc->out_len;
	p->mb->result = r;
	p->answer_ready = 1;
}

void mailbox_publish(struct hproc *p)
{
	__atomic_store_n(&p->mb->state, ZOS_MB_RESPONSE, __ATOMIC_RELEASE);
	syscall(SYS_futex, &p->mb->state, FUTEX_WAKE, INT_MAX, 0, 0, 0);
	p->answer_ready = 0;
}
