/*
 * The kernel's page tables (see paging.h). Built with the boot tables
 * still live (new table pages come from below 1 GiB, reached through the
 * boot direct map), then switched to in one CR3 write. CR0.WP makes the
 * kernel itself respect read-only pages; EFER.NXE enables no-execute where
 * the CPU has it.
 */
#include "hal/x86_64/mem/paging.h"

#include <zos/error.h>

#include "hal/x86_64/cpu/cpu.h"
#include "hal/x86_64/mem/layout.h"
#include "hal/x86_64/mem/pmm.h"

#define LARGE_PAGE (2ull << 20)
#define LOW_DEVICE_SPACE (4ull << 30) /* APIC, framebuffer, PCI windows */
#define CR0_WP (1ull << 16)
#define CPUID_EXT_NX (1u << 20)

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[], __data_start[],
	__kernel_end[];

static uint64_t table_pages;
static uint64_t kernel_pml4;
static uint64_t nx_bit;

static uint64_t *table(uint64_t phys)
{
	return phys_to_virt(phys & PTE_ADDR);
}

static uint32_t index_of(uint64_t va, int level)
{
	return (uint32_t)((va >> (12 + 9 * level)) & 511);
}

/* The table one level down from entry e, created when absent; 0 if out of
 * memory or if e is a large page. Intermediate entries are permissive
 * (writable, user when asked): the leaf decides. */
static uint64_t *next_level(uint64_t *e, uint64_t flags)
{
	if (!(*e & PTE_PRESENT)) {
		uint64_t p = pmm_alloc(1);

		if (!p)
			return 0;
		table_pages++;
		*e = p | PTE_PRESENT | PTE_WRITE | (flags & PTE_USER);
	} else if (*e & PTE_LARGE) {
		return 0;
	} else if (flags & PTE_USER) {
		*e |= PTE_USER;
	}
	return table(*e);
}

int paging_map_page(uint64_t pml4_phys, uint64_t va, uint64_t pa, uint64_t flags)
{
	uint64_t *t = table(pml4_phys);

	for (int level = 3; level > 0; level--) {
		t = next_level(&t[index_of(va, level)], flags);
		if (!t)
			return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	if (t[index_of(va, 0)] & PTE_PRESENT)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!nx_bit)
		flags &= ~PTE_NX; /* a reserved bit on CPUs without NX */
	t[index_of(va, 0)] = (pa & PTE_ADDR) | flags | PTE_PRESENT;
	return ZOS_OK;
}

int paging_set_flags(uint64_t pml4_phys, uint64_t va, uint64_t flags)
{
	uint64_t *t = table(pml4_phys);

	for (int level = 3; level > 0; level--) {
		uint64_t e = t[index_of(va, level)];
		if (!(e & PTE_PRESENT) || (e & PTE_LARGE))
			return ZOS_ERR_INVALID_ARGUMENT;
		t = table(e);
	}
	if (!(t[index_of(va, 0)] & PTE_PRESENT))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!nx_bit)
		flags &= ~PTE_NX;
	t[index_of(va, 0)] = (t[index_of(va, 0)] & PTE_ADDR) | flags | PTE_PRESENT;
	return ZOS_OK;
}

/* One 2 MiB page of the direct map. */
static int map_large(uint64_t pml4_phys, uint64_t va, uint64_t pa)
{
	uint64_t *t = table(pml4_phys);

	for (int level = 3; level > 1; level--) {
		t = next_level(&t[index_of(va, level)], 0);
		if (!t)
			return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	t[index_of(va, 1)] = pa | PTE_PRESENT | PTE_WRITE | PTE_LARGE | PTE_GLOBAL | nx_bit;
	return ZOS_OK;
}

uint64_t paging_translate(uint64_t pml4_phys, uint64_t va, uint64_t *flags)
{
	uint64_t *t = table(pml4_phys);

	for (int level = 3; level >= 0; level--) {
		uint64_t e = t[index_of(va, level)];

		if (!(e & PTE_PRESENT))
			return 0;
		if (level == 0 || (e & PTE_LARGE)) {
			uint64_t span = 1ull << (12 + 9 * level);
			if (flags)
				*flags = e & ~PTE_ADDR;
			return (e & PTE_ADDR & ~(span - 1)) | (va & (span - 1));
		}
		t = table(e);
	}
	return 0;
}

/* The kernel image's pages [start, end) (virtual) with the given rights. */
static int map_kernel_range(uint64_t pml4, const char *start, const char *end, uint64_t flags)
{
	uint64_t v = (uint64_t)start;

	for (; v < (uint64_t)end; v += PAGE_SIZE) {
		int err = paging_map_page(pml4, v, v - KERNEL_VMA, flags | PTE_GLOBAL);
		if (err)
			return err;
	}
	return ZOS_OK;
}

const char *paging_init(struct paging_info *out)
{
	uint32_t r[4];
	uint64_t pml4, span;

	cpuid(0x80000001u, 0, r);
	if (r[3] & CPUID_EXT_NX) {
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
		nx_bit = PTE_NX;
	}
	pml4 = pmm_alloc(1);
	if (!pml4)
		return "no memory for the page tables";
	table_pages = 1;
	span = pmm_top() > LOW_DEVICE_SPACE ? pmm_top() : LOW_DEVICE_SPACE;
	span = (span + LARGE_PAGE - 1) & ~(LARGE_PAGE - 1);
	for (uint64_t pa = 0; pa < span; pa += LARGE_PAGE)
		if (map_large(pml4, HHDM_BASE + pa, pa) != ZOS_OK)
			return "no memory for the direct map";
	if (map_kernel_range(pml4, __text_start, __text_end, 0) ||
	    map_kernel_range(pml4, __rodata_start, __rodata_end, nx_bit) ||
	    map_kernel_range(pml4, __data_start, __kernel_end, PTE_WRITE | nx_bit))
		return "no memory for the kernel's mappings";
	__asm__ volatile("mov %%cr0, %%rax\n\t"
			 "or %0, %%rax\n\t"
			 "mov %%rax, %%cr0"
			 :
			 : "r"(CR0_WP)
			 : "rax");
	write_cr3(pml4);
	kernel_pml4 = pml4;
	pmm_set_limit(span < pmm_top() ? span : pmm_top());
	out->pml4_phys = pml4;
	out->direct_map_bytes = span;
	out->table_pages = table_pages;
	out->nx = nx_bit != 0;
	return 0;
}

uint64_t paging_kernel_pml4(void)
{
	return kernel_pml4;
}
