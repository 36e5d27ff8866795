/*
 * The ELF64 loader (see elf.h). Segments land page by page: a page two
 * segments share is mapped once and gets the union of their rights.
 * Writable segments are never executable (W^X); non-executable ones get NX.
 */
#include "hal/x86_64/elf.h"

#include <zos/error.h>

#include "hal/x86_64/mem/layout.h"
#include "hal/x86_64/mem/paging.h"
#include "hal/x86_64/mem/pmm.h"
#include "hal/x86_64/mem/uspace.h"
#include "lib/mem.h"

#define EI_CLASS64 2
#define EI_DATA_LE 1
#define ET_EXEC 2
#define EM_X86_64 62
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define MAX_PHDRS 32

struct elf64_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

/* The page at va (mapped now if it was not) with at least `flags`. */
static uint8_t *page_at(uint64_t pml4, uint64_t va, uint64_t flags, const char **err)
{
	uint64_t have = 0, pa = paging_translate(pml4, va, &have);

	if (!pa) {
		if (uspace_map_fresh(pml4, va, 1, flags) != ZOS_OK) {
			*err = "out of memory mapping a segment";
			return 0;
		}
		pa = paging_translate(pml4, va, &have);
	} else {
		/* Shared by two segments: the union of their rights, executable
		 * only if neither is writable. */
		uint64_t w = (have | flags) & PTE_WRITE;
		uint64_t nx = (w || ((have & PTE_NX) && (flags & PTE_NX))) ? PTE_NX : 0;

		paging_set_flags(pml4, va, PTE_USER | w | nx);
	}
	return phys_to_virt(pa & PTE_ADDR);
}

static const char *load_segment(uint64_t pml4, const uint8_t *image, const struct elf64_phdr *ph)
{
	uint64_t flags = (ph->flags & PF_W) ? (PTE_WRITE | PTE_NX) : (ph->flags & PF_X) ? 0 : PTE_NX;
	uint64_t start = ph->vaddr & ~(uint64_t)(PAGE_SIZE - 1);
	const char *err = 0;

	for (uint64_t va = start; va < ph->vaddr + ph->memsz; va += PAGE_SIZE) {
		uint8_t *page = page_at(pml4, va, flags, &err);

		if (!page)
			return err;
		/* The file bytes that fall into this page. */
		uint64_t lo = va > ph->vaddr ? va : ph->vaddr;
		uint64_t hi = va + PAGE_SIZE;
		if (hi > ph->vaddr + ph->filesz)
			hi = ph->vaddr + ph->filesz;
		if (lo < hi)
			zos_memcpy(page + (lo - va), image + ph->offset + (lo - ph->vaddr), hi - lo);
	}
	return 0;
}

const char *elf_load(uint64_t pml4, const uint8_t *image, uint64_t len, uint64_t *entry)
{
	struct elf64_ehdr eh;
	int loads = 0;

	if (len < sizeof eh)
		return "too short for an ELF header";
	zos_memcpy(&eh, image, sizeof eh);
	if (zos_memcmp(eh.ident, "\x7f" "ELF", 4) != 0 || eh.ident[4] != EI_CLASS64 ||
	    eh.ident[5] != EI_DATA_LE)
		return "not a little-endian ELF64 file";
	if (eh.type != ET_EXEC || eh.machine != EM_X86_64)
		return "not an x86_64 executable";
	if (eh.phentsize != sizeof(struct elf64_phdr) || eh.phnum == 0 || eh.phnum > MAX_PHDRS ||
	    eh.phoff > len || (uint64_t)eh.phnum * sizeof(struct elf64_phdr) > len - eh.phoff)
		return "bad program header table";
	for (uint16_t i = 0; i < eh.phnum; i++) {
		struct elf64_phdr ph;
		const char *err;

		zos_memcpy(&ph, image + eh.phoff + i * sizeof ph, sizeof ph);
		if (ph.type != PT_LOAD || ph.memsz == 0)
			continue;
		if (ph.filesz > ph.memsz || ph.offset > len || ph.filesz > len - ph.offset)
			return "a segment runs past the end of the file";
		if (ph.vaddr < USER_BASE || ph.vaddr >= USER_STACK_TOP ||
		    ph.memsz > USER_STACK_TOP - ph.vaddr)
			return "a segment lies outside user space";
		err = load_segment(pml4, image, &ph);
		if (err)
			return err;
		loads++;
	}
	if (!loads)
		return "no loadable segment";
	if (!uspace_check(pml4, eh.entry, 1, 0))
		return "the entry point is not in a loaded segment";
	if (uspace_map_fresh(pml4, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE, USER_STACK_PAGES,
			     PTE_WRITE | PTE_NX) != ZOS_OK)
		return "out of memory for the stack";
	*entry = eh.entry;
	return 0;
}
