/*
 * The kernel's own 4-level page tables, replacing boot.S's: the kernel
 * image in the higher half with per-section rights (text read+execute,
 * rodata read-only, data and bss read+write, neither executable), all RAM
 * (and the low 4 GiB of device space) in the direct map at HHDM_BASE, and
 * no identity map: the lower half is empty, left for user processes.
 */
#ifndef ZOS_X86_PAGING_H
#define ZOS_X86_PAGING_H

#include <stdint.h>

#define PTE_PRESENT (1ull << 0)
#define PTE_WRITE (1ull << 1)
#define PTE_USER (1ull << 2)
#define PTE_PWT (1ull << 3) /* with PCD: uncached (PAT entry 3 at reset) */
#define PTE_PCD (1ull << 4)
#define PTE_LARGE (1ull << 7)
#define PTE_GLOBAL (1ull << 8)
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000FFFFFFFFFF000ull

struct paging_info {
	uint64_t pml4_phys;
	uint64_t direct_map_bytes;
	uint64_t table_pages;
	int nx;                 /* no-execute is supported and on */
};

/* 0, or why the new tables could not be built. Switches CR3 on success. */
const char *paging_init(struct paging_info *out);
/* The kernel's own top-level table (after paging_init). */
uint64_t paging_kernel_pml4(void);
/* Maps one 4 KiB page va -> pa in the tables at pml4_phys with flags
 * (PTE_*); the tables it needs come from the page allocator. ZOS_OK or an
 * error (out of memory, or va already mapped). */
int paging_map_page(uint64_t pml4_phys, uint64_t va, uint64_t pa, uint64_t flags);
/* Replaces the flags of va's existing 4 KiB leaf; ZOS_OK or INVALID_ARGUMENT
 * when va has no such leaf. The caller flushes the TLB if it is live. */
int paging_set_flags(uint64_t pml4_phys, uint64_t va, uint64_t flags);
/* The physical address va maps to in pml4_phys, with its leaf flags in
 * *flags; 0 when va is not mapped. */
uint64_t paging_translate(uint64_t pml4_phys, uint64_t va, uint64_t *flags);

#endif
