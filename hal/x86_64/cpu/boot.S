/*
 * The first instructions: GRUB's multiboot2 entry, in 32-bit protected mode
 * with paging off, to 64-bit long mode in the higher half.
 *
 * GRUB loads the ELF segments at their physical (load) addresses and jumps
 * to _start32 with EAX = the multiboot2 magic and EBX = the boot
 * information's physical address. This file lives at low addresses (its
 * section .boot is linked where it is loaded) until the far jump into long
 * mode; from start64_high on everything runs at KERNEL_VMA + physical.
 *
 * The boot page tables map the first 1 GiB three times with 2 MiB pages:
 * identity (only so this code keeps running across the switch), at
 * KERNEL_VMA (the kernel image), and at the direct map HHDM_BASE (how the
 * kernel reaches physical memory). paging.c replaces them with tables of
 * its own that drop the identity map.
 */
#include "hal/x86_64/mem/layout.h"

#define MB2_MAGIC 0xE85250D6
#define MB2_ARCH_I386 0
#define MB2_HEADER_LEN (mb2_header_end - mb2_header)

	.section .multiboot, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long MB2_HEADER_LEN
	.long 0x100000000 - (MB2_MAGIC + MB2_ARCH_I386 + MB2_HEADER_LEN)
	/* the end tag */
	.short 0
	.short 0
	.long 8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.global _start32
_start32:
	cli
	cld
	mov $boot_stack_top, %esp
	/* 64-bit mode leaves the upper halves undefined: keep these in memory. */
	mov %eax, boot_magic
	mov %ebx, boot_info_phys

	/* Long mode must exist (CPUID 0x80000001 EDX bit 29). */
	mov $0x80000000, %eax
	cpuid
	cmp $0x80000001, %eax
	jb no_long_mode
	mov $0x80000001, %eax
	cpuid
	test $(1 << 29), %edx
	jz no_long_mode

	/* boot_pd: 512 entries of 2 MiB, present + writable + large. */
	xor %ecx, %ecx
1:	mov %ecx, %eax
	shl $21, %eax
	or $0x83, %eax
	mov %eax, boot_pd(, %ecx, 8)
	movl $0, boot_pd + 4(, %ecx, 8)
	inc %ecx
	cmp $512, %ecx
	jne 1b

	mov $boot_pd, %eax
	or $3, %eax
	mov %eax, boot_pdpt_low
	mov %eax, boot_pdpt_high + 510 * 8
	mov $boot_pdpt_low, %eax
	or $3, %eax
	mov %eax, boot_pml4
	mov %eax, boot_pml4 + 256 * 8
	mov $boot_pdpt_high, %eax
	or $3, %eax
	mov %eax, boot_pml4 + 511 * 8

	mov $boot_pml4, %eax
	mov %eax, %cr3
	mov %cr4, %eax
	or $(1 << 5), %eax		/* PAE */
	mov %eax, %cr4
	mov $0xC0000080, %ecx		/* EFER */
	rdmsr
	or $(1 << 8), %eax		/* LME */
	wrmsr
	mov %cr0, %eax
	or $0x80000001, %eax		/* PG | PE */
	mov %eax, %cr0

	lgdt boot_gdt_ptr
	ljmp $0x08, $start64_low

/* No long mode: say so on COM1 and stop. */
no_long_mode:
	mov $no_lm_msg, %esi
2:	lodsb
	test %al, %al
	jz 4f
	mov %al, %bl
	mov $0x3FD, %dx
3:	in %dx, %al
	test $0x20, %al
	jz 3b
	mov $0x3F8, %dx
	mov %bl, %al
	out %al, %dx
	jmp 2b
4:	hlt
	jmp 4b

	.code64
start64_low:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	xor %ax, %ax
	mov %ax, %fs
	mov %ax, %gs
	movabs $start64_high, %rax
	jmp *%rax

	.section .boot.data, "aw"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00AF9A000000FFFF	/* 0x08: 64-bit code */
	.quad 0x00CF92000000FFFF	/* 0x10: data */
boot_gdt_end:
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt
	.global boot_magic
boot_magic:
	.long 0
	.global boot_info_phys
boot_info_phys:
	.long 0
no_lm_msg:
	.asciz "Zero OS: this CPU has no 64-bit long mode; stopping.\r\n"

	.section .boot.bss, "aw", @nobits
	.balign 4096
boot_pml4:
	.skip 4096
boot_pdpt_low:
	.skip 4096
boot_pdpt_high:
	.skip 4096
boot_pd:
	.skip 4096
boot_stack:
	.skip 4096
boot_stack_top:

	.text
	.code64
start64_high:
	movabs $kernel_stack_top, %rsp
	xor %ebp, %ebp
	movl boot_magic, %edi
	movl boot_info_phys, %esi
	call kmain
5:	cli
	hlt
	jmp 5b

	.bss
	.balign 16
	.global kernel_stack
kernel_stack:
	.skip KERNEL_STACK_SIZE
	.global kernel_stack_top
kernel_stack_top:
