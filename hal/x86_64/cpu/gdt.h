/*
 * The GDT and the TSS. Selector order is the one `syscall`/`sysret` need:
 * kernel code, kernel data, then user data before user code (STAR uses
 * base + 8 for the user SS and base + 16 for the user CS).
 */
#ifndef ZOS_X86_GDT_H
#define ZOS_X86_GDT_H

#include <stdint.h>

#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UDATA (0x18 | 3)
#define SEL_UCODE (0x20 | 3)
#define SEL_TSS 0x28

#define IST_DOUBLE_FAULT 1 /* its own stack: a double fault may come from a bad stack */

void gdt_init(void);
/* The stack the CPU switches to on entry from ring 3. */
void tss_set_rsp0(uint64_t rsp0);

#endif
