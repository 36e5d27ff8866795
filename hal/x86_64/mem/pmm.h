/*
 * The physical page allocator: one bit per 4 KiB page of RAM (set = in
 * use), built from the multiboot2 memory map. Only "usable" regions are
 * ever handed out; the first MiB, the kernel image and the bitmap itself
 * are marked used at init. Pages are reached through the direct map
 * (phys_to_virt).
 */
#ifndef ZOS_X86_PMM_H
#define ZOS_X86_PMM_H

#include <stdint.h>

#include "hal/x86_64/bootinfo.h"
#include "hal/x86_64/mem/layout.h"

#define PMM_MAX_PHYS (64ull << 30) /* RAM above this is not used (and reported) */

struct pmm_stats {
	uint64_t total_pages; /* usable pages the allocator manages */
	uint64_t free_pages;
	uint64_t ignored_bytes; /* usable RAM above PMM_MAX_PHYS */
	uint64_t bitmap_phys;
	uint64_t bitmap_bytes;
};

/* 0, or why the allocator could not be set up. */
const char *pmm_init(const struct boot_info *bi, uint64_t kernel_phys_start,
		     uint64_t kernel_phys_end);
/* Pages handed out lie below this address (the boot page tables reach only
 * 1 GiB; paging_init raises it once the direct map covers all RAM). */
void pmm_set_limit(uint64_t limit);
/* n contiguous pages, zeroed: the physical address, or 0 when none. */
uint64_t pmm_alloc(uint64_t n);
void pmm_free(uint64_t phys, uint64_t n);
void pmm_get_stats(struct pmm_stats *st);
/* The highest end of usable RAM seen in the map (capped at PMM_MAX_PHYS). */
uint64_t pmm_top(void);

static inline void *phys_to_virt(uint64_t phys)
{
	return (void *)(HHDM_BASE + phys);
}

#endif
