/*
 * A small printf-style formatter for freestanding code.
 *
 * Conversions: %d %i %u %x %X %c %s %p %% with flags '-', '0', a width
 * (or *), precision for %s (and %.*s), and length modifiers hh, h, l, ll,
 * z. Anything else is printed literally as "%?" and consumes no argument,
 * so a bad format is visible, never undefined.
 */
#ifndef ZOS_LIB_FMT_H
#define ZOS_LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Like snprintf: writes at most cap bytes including the terminator (when cap
 * > 0) and returns the length the full output would have had. A caller that
 * must not truncate checks `ret < cap`. */
int zos_snprintf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int zos_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);

/* Lower-case hex of n bytes into out (2n+1 bytes, terminated). */
void zos_hex(char *out, const void *data, size_t n);
/* The value of hex digit c (either case), or -1. */
int zos_hex_digit(char c);
/* Exactly n bytes from hex[0..len) (len must be 2n, digits of either
 * case): 0, or -1 (out is then partly written). */
int zos_hex_decode(void *out, size_t n, const char *hex, size_t len);

#endif
