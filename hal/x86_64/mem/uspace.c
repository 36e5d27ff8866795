/* User address spaces (see uspace.h). */
#include "hal/x86_64/mem/uspace.h"

#include <zos/error.h>

#include "hal/x86_64/cpu/cpu_guard.h"
#include "hal/x86_64/mem/layout.h"
#include "hal/x86_64/mem/paging.h"
#include "hal/x86_64/mem/pmm.h"
#include "lib/mem.h"

#define KERNEL_HALF_FIRST 256

uint64_t uspace_create(void)
{
	uint64_t pml4 = pmm_alloc(1);
	const uint64_t *k = phys_to_virt(paging_kernel_pml4());
	uint64_t *t;

	if (!pml4)
		return 0;
	t = phys_to_virt(pml4);
	for (int i = KERNEL_HALF_FIRST; i < 512; i++)
		t[i] = k[i];
	return pml4;
}

/* Frees the table at phys and, below the leaf level, what it points to. */
static void free_level(uint64_t phys, int level)
{
	uint64_t *t = phys_to_virt(phys);

	for (int i = 0; i < 512; i++) {
		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level == 0)
			pmm_free(t[i] & PTE_ADDR, 1);
		else
			free_level(t[i] & PTE_ADDR, level - 1);
	}
	pmm_free(phys, 1);
}

void uspace_destroy(uint64_t pml4)
{
	uint64_t *t = phys_to_virt(pml4);

	for (int i = 0; i < KERNEL_HALF_FIRST; i++)
		if (t[i] & PTE_PRESENT)
			free_level(t[i] & PTE_ADDR, 2);
	pmm_free(pml4, 1);
}

int uspace_map_fresh(uint64_t pml4, uint64_t va, uint64_t n, uint64_t flags)
{
	if ((va & (PAGE_SIZE - 1)) || va < USER_BASE || n > (USER_TOP - va) / PAGE_SIZE)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t page = pmm_alloc(1);
		int err;

		if (!page)
			return ZOS_ERR_RESOURCE_EXHAUSTED;
		err = paging_map_page(pml4, va + i * PAGE_SIZE, page, flags | PTE_USER);
		if (err) {
			pmm_free(page, 1);
			return err;
		}
	}
	return ZOS_OK;
}

int uspace_check(uint64_t pml4, uint64_t va, uint64_t len, int write)
{
	uint64_t page, end;

	if (len == 0)
		return 1;
	if (va < USER_BASE || va >= USER_TOP || len > USER_TOP - va)
		return 0;
	end = va + len;
	for (page = va & ~(uint64_t)(PAGE_SIZE - 1); page < end; page += PAGE_SIZE) {
		uint64_t flags = 0;

		if (!paging_translate(pml4, page, &flags))
			return 0;
		if (!(flags & PTE_USER) || (write && !(flags & PTE_WRITE)))
			return 0;
	}
	return 1;
}

void uspace_copy_in(void *dst, uint64_t user_src, size_t n)
{
	user_access_begin();
	zos_memcpy(dst, (const void *)user_src, n);
	user_access_end();
}

void uspace_copy_out(uint64_t user_dst, const void *src, size_t n)
{
	user_access_begin();
	zos_memcpy((void *)user_dst, src, n);
	user_access_end();
}
