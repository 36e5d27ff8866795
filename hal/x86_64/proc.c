/*
 * The platform's process table (see proc.h): making a process from an ELF
 * image, and forgetting one the kernel ended.
 */
#include "hal/x86_64/proc.h"

#include <zos/error.h>

#include "hal/x86_64/cpu/cpu.h"
#include "hal/x86_64/elf.h"
#include "hal/x86_64/cpu/gdt.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/mem/paging.h"
#include "hal/x86_64/sched.h"
#include "hal/x86_64/mem/uspace.h"
#include "lib/mem.h"

#define USER_RFLAGS 0x202 /* interrupts on in ring 3: the timer preempts it */

struct uproc procs[ZOS_MAX_PROCS];

struct uproc *uproc_find(uint32_t pid)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (procs[i].state != UPROC_FREE && procs[i].pid == pid)
			return &procs[i];
	return 0;
}

int uproc_create(uint32_t pid, const char *name, uint32_t name_len, const uint8_t *image,
		uint32_t len)
{
	struct uproc *p = 0;
	const char *err;
	uint64_t entry = 0;

	for (int i = 0; i < ZOS_MAX_PROCS && !p; i++)
		if (procs[i].state == UPROC_FREE)
			p = &procs[i];
	if (!p || uproc_find(pid)) {
		kprintf("proc: no room for process %u\n", pid);
		return ZOS_ERR_SPAWN_FAILED;
	}
	zos_memset(p, 0, sizeof *p);
	if (name_len > ZOS_NAME_MAX)
		name_len = ZOS_NAME_MAX;
	zos_memcpy(p->name, name, name_len);
	p->pml4 = uspace_create();
	if (!p->pml4) {
		kprintf("proc: no memory for process %u's page tables\n", pid);
		return ZOS_ERR_SPAWN_FAILED;
	}
	err = elf_load(p->pml4, image, len, &entry);
	if (err) {
		kprintf("proc: cannot load %s for process %u: %s\n", p->name, pid, err);
		uspace_destroy(p->pml4);
		return ZOS_ERR_SPAWN_FAILED;
	}
	p->pid = pid;
	p->ctx.rip = entry;
	p->ctx.cs = SEL_UCODE;
	p->ctx.ss = SEL_UDATA;
	p->ctx.rsp = USER_STACK_TOP - 8; /* as if called: the C ABI's alignment */
	p->ctx.rflags = USER_RFLAGS;
	p->state = UPROC_READY;
	sched_note_started();
	return ZOS_OK;
}

void uproc_release(struct uproc *p)
{
	/* Never free the tables CR3 holds: go back to the kernel's first. */
	if (read_cr3() == p->pml4)
		write_cr3(paging_kernel_pml4());
	uspace_destroy(p->pml4);
	zos_memset(p, 0, sizeof *p);
}

void uproc_ended(uint32_t pid)
{
	struct uproc *p = uproc_find(pid);

	if (p && p != sched_running())
		uproc_release(p);
	else if (p)
		sched_end_running();
}

void uproc_wake(uint32_t pid)
{
	struct uproc *p = uproc_find(pid);

	if (p && p->state == UPROC_BLOCKED)
		p->woken = 1;
}
