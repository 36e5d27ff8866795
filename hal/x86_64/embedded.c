/* Looking up an embedded user program by name (see embedded.h). */
#include "hal/x86_64/embedded.h"

#include "lib/mem.h"

const struct embedded_binary *embedded_find(const char *name, uint32_t name_len)
{
	for (const struct embedded_binary *b = embedded_binaries; b->name; b++)
		if (zos_strlen(b->name) == name_len && zos_memcmp(b->name, name, name_len) == 0)
			return b;
	return 0;
}
