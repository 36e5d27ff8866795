/*
 * The IDT: the 32 CPU exception vectors, each pointing at its stub in
 * isr.S (the double fault on its own IST stack), the APIC timer and the
 * APIC's spurious vector. Gates are ring-0 only, so
 * `int N` from user mode is a general protection fault, never a way in.
 */
#include "hal/x86_64/cpu/apic.h"
#include "hal/x86_64/cpu/gdt.h"
#include "hal/x86_64/cpu/trap.h"

struct __attribute__((packed)) idt_gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t off_mid;
	uint32_t off_hi;
	uint32_t zero;
};

struct __attribute__((packed)) idt_ptr {
	uint16_t limit;
	uint64_t base;
};

#define GATE_INTERRUPT 0x8E /* present, ring 0, 64-bit interrupt gate */
#define VEC_DOUBLE_FAULT 8

extern const uint64_t isr_stubs[TRAP_EXCEPTIONS];
void isr_timer(void);
void isr_spurious(void);
static struct idt_gate idt[256];

static void set_gate(uint32_t vec, uint64_t handler, uint8_t ist)
{
	idt[vec] = (struct idt_gate){
		.off_lo = (uint16_t)handler,
		.sel = SEL_KCODE,
		.ist = ist,
		.type_attr = GATE_INTERRUPT,
		.off_mid = (uint16_t)(handler >> 16),
		.off_hi = (uint32_t)(handler >> 32),
	};
}

void idt_init(void)
{
	struct idt_ptr ptr;

	for (uint32_t v = 0; v < TRAP_EXCEPTIONS; v++)
		set_gate(v, isr_stubs[v], v == VEC_DOUBLE_FAULT ? IST_DOUBLE_FAULT : 0);
	set_gate(VEC_TIMER, (uint64_t)isr_timer, 0);
	set_gate(VEC_SPURIOUS, (uint64_t)isr_spurious, 0);
	ptr.limit = sizeof idt - 1;
	ptr.base = (uint64_t)idt;
	__asm__ volatile("lidt %0" : : "m"(ptr));
}
