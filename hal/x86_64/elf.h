/*
 * Loading a user program (a static x86_64 ELF executable) into a fresh
 * address space. Everything in the image is untrusted: headers, counts,
 * offsets and addresses are checked before use.
 */
#ifndef ZOS_X86_ELF_H
#define ZOS_X86_ELF_H

#include <stdint.h>

/* Maps the PT_LOAD segments into pml4 and a stack below USER_STACK_TOP;
 * *entry gets the entry point. 0, or what is wrong with the image. */
const char *elf_load(uint64_t pml4, const uint8_t *image, uint64_t len, uint64_t *entry);

#endif
