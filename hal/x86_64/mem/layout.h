/*
 * The x86_64 kernel's address-space layout, shared by the assembly and C.
 *
 * The kernel image runs at KERNEL_VMA + its physical address (the top
 * 2 GiB, as -mcmodel=kernel wants); all physical memory is reachable at
 * HHDM_BASE + physical (the direct map); device registers sit in their
 * own window at MMIO_BASE. User space, when it comes, is the
 * lower half; nothing of the kernel is mapped there.
 */
#ifndef ZOS_X86_LAYOUT_H
#define ZOS_X86_LAYOUT_H

#define KERNEL_VMA 0xFFFFFFFF80000000
#define HHDM_BASE 0xFFFF800000000000
/* Device registers (PCI BARs), mapped uncached by mmio.c: the 1 GiB below
 * the kernel image. It shares the kernel's top-level entry, so a mapping
 * made after a process's address space was created is visible there too. */
#define MMIO_BASE 0xFFFFFFFF40000000
#define MMIO_SIZE 0x40000000
#define KERNEL_STACK_SIZE (64 * 1024)
#define PAGE_SIZE 4096

#endif
