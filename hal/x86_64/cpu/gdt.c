/*
 * The GDT (flat 64-bit segments, ring 0 and ring 3) and the TSS (the ring-0
 * stack for entries from user mode, and a separate stack for double
 * faults). Loaded once at boot; the TSS descriptor takes two slots.
 */
#include "hal/x86_64/cpu/gdt.h"

#include "lib/mem.h"

#define DF_STACK_SIZE 16384

struct __attribute__((packed)) tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
};

struct __attribute__((packed)) gdt_ptr {
	uint16_t limit;
	uint64_t base;
};

static uint64_t gdt[7];
static struct tss tss;
static uint8_t df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));

/* Access byte | flags for the flat code/data segments (base and limit are
 * ignored in long mode, but data segments keep a full limit for clarity). */
#define SEG_KCODE 0x00AF9A000000FFFFull /* present, ring 0, code, long mode */
#define SEG_KDATA 0x00CF92000000FFFFull /* present, ring 0, data, writable */
#define SEG_UDATA 0x00CFF2000000FFFFull /* present, ring 3, data, writable */
#define SEG_UCODE 0x00AFFA000000FFFFull /* present, ring 3, code, long mode */

void gdt_init(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof tss - 1;
	struct gdt_ptr ptr;

	zos_memset(&tss, 0, sizeof tss);
	tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)(df_stack + DF_STACK_SIZE);
	tss.iomap_base = sizeof tss; /* no I/O permission map: ring 3 gets no ports */
	gdt[0] = 0;
	gdt[1] = SEG_KCODE;
	gdt[2] = SEG_KDATA;
	gdt[3] = SEG_UDATA;
	gdt[4] = SEG_UCODE;
	/* 64-bit TSS descriptor: type 9 (available), present. */
	gdt[5] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x89ull << 40) |
		 (((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFF) << 56);
	gdt[6] = base >> 32;
	ptr.limit = sizeof gdt - 1;
	ptr.base = (uint64_t)gdt;
	__asm__ volatile("lgdt %0\n\t"
			 "mov %1, %%ds\n\t"
			 "mov %1, %%es\n\t"
			 "mov %1, %%ss\n\t"
			 "pushq %2\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "ltr %w3"
			 :
			 : "m"(ptr), "r"((uint64_t)SEL_KDATA), "i"(SEL_KCODE), "r"((uint64_t)SEL_TSS)
			 : "rax", "memory");
}

void tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}
