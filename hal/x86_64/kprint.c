/* The kernel's console printf: lib/fmt.h's formatter onto COM1. */
#include "hal/x86_64/kprint.h"

#include <stdarg.h>

#include "hal/x86_64/drivers/power.h"
#include "hal/x86_64/drivers/serial.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static void vprint(const char *fmt, va_list ap)
{
	char buf[KPRINT_MAX];
	int n = zos_vsnprintf(buf, sizeof buf, fmt, ap);

	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf) {
		serial_write(buf, sizeof buf - 1);
		serial_write("...\n", 4);
		return;
	}
	serial_write(buf, (size_t)n);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

void kpanic(const char *fmt, ...)
{
	va_list ap;

	serial_write("\npanic: ", 8);
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	serial_write("\nZero OS stopped.\n", 18);
	machine_stop(1);
}
