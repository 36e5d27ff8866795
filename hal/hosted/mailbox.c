/*
 * The syscall transport: one request in from a process's shared mailbox
 * (include/zos/mailbox.h), its answer out.
 *
 * The mailbox is shared with a process that may write anything into it at
 * any time, so a request is copied out once, its lengths clamped to the
 * mailbox, before anything looks at it (lib/mailbox.c, the browser's rule
 * too); the System only ever sees the private copy. An answer is stored
 * first and published (state set to RESPONSE, futex woken) only when the
 * loop allows: never ahead of a failed log.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hal/hosted/hosted.h"
#include "lib/mailbox.h"

int mailbox_take(struct hproc *p, zos_syscall_t *sc, uint8_t *in, uint8_t *out)
{
	uint8_t head[ZOS_MAILBOX_HEAD];

	if (__atomic_load_n(&p->mb->state, __ATOMIC_ACQUIRE) != ZOS_MB_REQUEST)
		return 0;
	memcpy(head, p->mb, sizeof head); /* once: the process may be changing it */
	if (!mailbox_request(head, sc, in, out))
		return 0;
	memcpy(in, p->mb->in, sc->in_len);
	return 1;
}

void mailbox_store(struct hproc *p, const zos_syscall_t *sc, const uint8_t *out, int64_t r)
{
	uint32_t n = mailbox_answer_len(sc);

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
