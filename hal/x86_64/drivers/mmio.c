/*
 * Device register mappings (see mmio.h): a bump allocator over the MMIO
 * window, page by page into the kernel's tables. The window shares the
 * kernel image's top-level entry, which every address space copies, so the
 * new pages are visible from any process's tables without touching them.
 *
 * The same physical range is also in the direct map (write-back, for RAM's
 * sake); the kernel never reaches devices through it. Where the firmware's
 * MTRRs mark PCI windows uncached (QEMU, PCs) that alias is harmless.
 */
#include "hal/x86_64/drivers/mmio.h"

#include <zos/error.h>

#include "hal/x86_64/mem/layout.h"
#include "hal/x86_64/mem/paging.h"

#define PHYS_LIMIT (1ull << 52) /* the architecture's widest physical address */
#define MMIO_FLAGS (PTE_WRITE | PTE_PCD | PTE_PWT | PTE_NX | PTE_GLOBAL)

static uint64_t used; /* bytes of the window handed out, whole pages */

int mmio_map(uint64_t phys, uint64_t len, volatile uint8_t **out)
{
	uint64_t first = phys & ~(uint64_t)(PAGE_SIZE - 1), end, pages, va;

	if (len == 0 || phys >= PHYS_LIMIT || len > PHYS_LIMIT - phys)
		return ZOS_ERR_INVALID_ARGUMENT;
	end = (phys + len + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	pages = (end - first) / PAGE_SIZE;
	if (pages > (MMIO_SIZE - used) / PAGE_SIZE)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	va = MMIO_BASE + used;
	used += pages * PAGE_SIZE; /* even if mapping fails: never map a page twice */
	for (uint64_t i = 0; i < pages; i++) {
		int err = paging_map_page(paging_kernel_pml4(), va + i * PAGE_SIZE,
					  first + i * PAGE_SIZE, MMIO_FLAGS);
		if (err)
			return err;
	}
	*out = (volatile uint8_t *)(va + (phys - first));
	return ZOS_OK;
}
