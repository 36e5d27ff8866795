/*
 * The SMEP and SMAP demonstrations (see guard_test.h). A fresh address
 * space gets one user page (writable and executable, for the test only)
 * holding a `ret`; the kernel switches to it and touches the page.
 */
#include "hal/x86_64/checks/guard_test.h"

#include <zos/error.h>

#include "hal/x86_64/cpu/cpu.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/mem/paging.h"
#include "hal/x86_64/mem/pmm.h"
#include "hal/x86_64/mem/uspace.h"

#define X86_RET 0xC3

/* The test address space, loaded in CR3; 0 when it could not be made. */
static uint64_t user_page_space(void)
{
	uint64_t pml4 = uspace_create(), pa;

	if (!pml4 || uspace_map_fresh(pml4, GUARD_TEST_VA, 1, PTE_WRITE) != ZOS_OK)
		return 0;
	pa = paging_translate(pml4, GUARD_TEST_VA, 0);
	*(volatile uint8_t *)phys_to_virt(pa & PTE_ADDR) = X86_RET;
	write_cr3(pml4);
	return pml4;
}

static void smep_test(int on)
{
	void (*code)(void) = (void (*)(void))GUARD_TEST_VA;

	kprintf("smep: the kernel calls code on a user page at %llx (SMEP %s)\n",
		(unsigned long long)GUARD_TEST_VA, on ? "on" : "not offered");
	code();
	kprintf("smep: the call returned: WRONG (no protection)\n");
}

static void smap_test(int on)
{
	volatile const uint8_t *p = (volatile const uint8_t *)GUARD_TEST_VA;
	uint8_t v;

	user_access_begin();
	v = *p;
	user_access_end();
	kprintf("smap: a checked read of the user page (access allowed): %s\n",
		v == X86_RET ? "ok" : "WRONG");
	kprintf("smap: now the same read outside user_access_begin (SMAP %s)\n",
		on ? "on" : "not offered");
	v = *p;
	kprintf("smap: read %x without a fault: WRONG (no protection)\n", v);
}

void guard_test_run(const struct boot_info *bi, const struct cpu_guard *g)
{
	int smep = bootinfo_has_option(bi, "zos.test=smep");
	int smap = bootinfo_has_option(bi, "zos.test=smap");
	uint64_t kernel_cr3 = read_cr3(), pml4;

	if (!smep && !smap)
		return;
	pml4 = user_page_space();
	if (!pml4) {
		kprintf("guard test: no memory for the test page: WRONG\n");
		return;
	}
	if (smap)
		smap_test(g->smap);
	if (smep)
		smep_test(g->smep);
	write_cr3(kernel_cr3);
	uspace_destroy(pml4);
}
