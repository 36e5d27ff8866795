/*
 * User address spaces: one set of page tables per process. The lower half
 * (USER_BASE up to USER_TOP) is the process's own; the upper half is the
 * kernel's top-level entries, shared and never marked user, so ring 3
 * cannot touch it. Every pointer a process hands the kernel is checked here
 * against the process's own tables before the kernel follows it.
 */
#ifndef ZOS_X86_USPACE_H
#define ZOS_X86_USPACE_H

#include <stddef.h>
#include <stdint.h>

#define USER_BASE 0x1000ull               /* page 0 stays unmapped */
#define USER_TOP 0x0000800000000000ull    /* end of the canonical lower half */
#define USER_STACK_TOP 0x00007fffffff0000ull
#define USER_STACK_PAGES 16

/* A new address space (kernel half only); its PML4's physical address, or
 * 0 when out of memory. */
uint64_t uspace_create(void);
/* Frees every user page and table of the lower half, then the PML4. The
 * address space must not be the one loaded in CR3. */
void uspace_destroy(uint64_t pml4);
/* Maps n fresh zeroed pages at va (page aligned) with PTE_* flags (PTE_USER
 * is added). ZOS_OK or an error. */
int uspace_map_fresh(uint64_t pml4, uint64_t va, uint64_t n, uint64_t flags);
/* Whether [va, va + len) lies in the user half and every page of it is
 * mapped for user access (and writable, when `write`). len 0 is valid. */
int uspace_check(uint64_t pml4, uint64_t va, uint64_t len, int write);
/* Copies between kernel memory and user memory of the address space in
 * CR3, which the caller has checked with uspace_check: the only places the
 * kernel touches user pages (SMAP allows it just there). */
void uspace_copy_in(void *dst, uint64_t user_src, size_t n);
void uspace_copy_out(uint64_t user_dst, const void *src, size_t n);

#endif
