/* A mailbox request from a private copy of its header (see mailbox.h). */
#include "lib/mailbox.h"

#include "lib/bytes.h"
#include "lib/mem.h"

#define AT(field) ((size_t)offsetof(struct zos_mailbox, field))

int mailbox_request(const uint8_t *head, zos_syscall_t *sc, const uint8_t *in, uint8_t *out)
{
	zos_memset(sc, 0, sizeof *sc);
	if (zos_le32(head + AT(state)) != ZOS_MB_REQUEST)
		return 0;
	sc->num = zos_le32(head + AT(num));
	for (int i = 0; i < 4; i++)
		sc->arg[i] = zos_le64(head + AT(arg) + 8u * (size_t)i);
	sc->in_len = zos_le32(head + AT(in_len));
	sc->out_cap = zos_le32(head + AT(out_cap));
	if (sc->in_len > ZOS_MAILBOX_DATA)
		sc->in_len = ZOS_MAILBOX_DATA; /* the process lied; the kernel reads no further */
	if (sc->out_cap > ZOS_MAILBOX_DATA)
		sc->out_cap = ZOS_MAILBOX_DATA;
	sc->in = in;
	sc->out = out;
	return 1;
}

uint32_t mailbox_answer_len(const zos_syscall_t *sc)
{
	return sc->out_len <= sc->out_cap ? sc->out_len : sc->out_cap;
}
