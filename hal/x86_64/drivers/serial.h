/*
 * COM1, the Zero OS console on x86_64: 115200 baud, 8N1, polled.
 */
#ifndef ZOS_X86_SERIAL_H
#define ZOS_X86_SERIAL_H

#include <stddef.h>
#include <stdint.h>

void serial_init(void);
/* Writes len bytes; "\n" goes out as "\r\n" for terminals. */
void serial_write(const char *s, size_t len);
/* A received byte, or -1 when none is waiting. */
int serial_getc(void);

#endif
