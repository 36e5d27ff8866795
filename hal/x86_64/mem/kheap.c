/* The kernel heap (see kheap.h): page runs from the page allocator. */
#include "hal/x86_64/mem/kheap.h"

#include "hal/x86_64/mem/pmm.h"

static uint64_t pages_for(size_t size)
{
	return ((uint64_t)size + PAGE_SIZE - 1) / PAGE_SIZE;
}

void *kalloc(size_t size)
{
	uint64_t phys;

	if (size == 0)
		return 0;
	phys = pmm_alloc(pages_for(size));
	return phys ? phys_to_virt(phys) : 0;
}

void kfree(void *p, size_t size)
{
	if (p)
		pmm_free((uint64_t)p - HHDM_BASE, pages_for(size));
}
