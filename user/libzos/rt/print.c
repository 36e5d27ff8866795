/*
 * Console output for processes: formatted text to the console cap the
 * process holds (zos_console_slot), or to DEBUG when it holds none.
 */
#include <stdarg.h>

#include "zos.h"

#include "lib/fmt.h"
#include "lib/mem.h"

int32_t zos_console_slot = -1;

int64_t zos_print(const char *s)
{
	uint32_t len = (uint32_t)zos_strlen(s);

	if (zos_console_slot < 0) {
		zos_debug(s);
		return len;
	}
	return zos_console_write((uint32_t)zos_console_slot, s, len);
}

int64_t zos_printf(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = zos_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof buf) /* say so rather than cut silently */
		zos_memcpy(buf + sizeof buf - 5, "...\n", 5);
	return zos_print(buf);
}

const char *zos_strerror(int64_t err)
{
	const char *m = zos_error_message(err);
	return m ? m : "unknown error";
}
