/*
 * The kernel's console printf (to COM1), for boot messages and fault
 * reports. Lines longer than KPRINT_MAX are cut and end in "…" so a cut is
 * visible, never silent.
 */
#ifndef ZOS_X86_KPRINT_H
#define ZOS_X86_KPRINT_H

#define KPRINT_MAX 512

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the message and stops the machine. */
__attribute__((noreturn)) void kpanic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
