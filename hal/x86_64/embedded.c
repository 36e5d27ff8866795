/* Looking up an embedded user program by name, and which one runs as
 * Init (see embedded.h). */
#include "hal/x86_64/embedded.h"

#include <zos/error.h>

#include "lib/mem.h"

static const struct embedded_binary *as_init; /* 0: "init" is init */

static const struct embedded_binary *by_name(const char *name, uint32_t name_len)
{
	for (const struct embedded_binary *b = embedded_binaries; b->name; b++)
		if (zos_strlen(b->name) == name_len && zos_memcmp(b->name, name, name_len) == 0)
			return b;
	return 0;
}

const struct embedded_binary *embedded_find(const char *name, uint32_t name_len)
{
	if (as_init && name_len == 4 && zos_memcmp(name, "init", 4) == 0)
		return as_init;
	return by_name(name, name_len);
}

int embedded_run_as_init(const char *name)
{
	const struct embedded_binary *b = by_name(name, (uint32_t)zos_strlen(name));

	if (!b)
		return ZOS_ERR_NOT_FOUND;
	as_init = b;
	return ZOS_OK;
}
