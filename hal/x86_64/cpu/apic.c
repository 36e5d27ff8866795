/*
 * Local APIC and legacy PIC setup (see apic.h). The APIC's registers are
 * reached through the direct map (the low 4 GiB is mapped there). The
 * calibration counts APIC timer ticks over 10 ms of TSC time, which clock.c
 * measured against the PIT.
 */
#include "hal/x86_64/cpu/apic.h"

#include "hal/x86_64/drivers/clock.h"
#include "hal/x86_64/cpu/cpu.h"
#include "hal/x86_64/mem/pmm.h"

#define MSR_APIC_BASE 0x1Bu
#define APIC_BASE_ENABLE (1ull << 11)
#define CPUID1_EDX_APIC (1u << 9)
#define REG_EOI 0x0B0
#define REG_SPURIOUS 0x0F0
#define REG_LVT_TIMER 0x320
#define REG_TIMER_INIT 0x380
#define REG_TIMER_CURRENT 0x390
#define REG_TIMER_DIVIDE 0x3E0
#define SPURIOUS_ENABLE 0x100
#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)
#define DIVIDE_BY_16 0x3
#define CALIBRATE_NS 10000000ull

static volatile uint32_t *apic;

static uint32_t rd(uint32_t reg)
{
	return apic[reg / 4];
}

static void wr(uint32_t reg, uint32_t v)
{
	apic[reg / 4] = v;
}

/* The 8259s: vectors 0x20-0x2F instead of the exceptions', all masked. */
static void pic_disable(void)
{
	outb(0x20, 0x11);
	outb(0xA0, 0x11);
	outb(0x21, 0x20);
	outb(0xA1, 0x28);
	outb(0x21, 0x04);
	outb(0xA1, 0x02);
	outb(0x21, 0x01);
	outb(0xA1, 0x01);
	outb(0x21, 0xFF);
	outb(0xA1, 0xFF);
}

const char *apic_init(uint64_t *hz)
{
	uint32_t r[4];
	uint64_t base, t0, ticks;

	cpuid(1, 0, r);
	pic_disable();
	if (!(r[3] & CPUID1_EDX_APIC))
		return "no local APIC";
	base = rdmsr(MSR_APIC_BASE);
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	apic = phys_to_virt(base & 0xFFFFF000ull);
	wr(REG_SPURIOUS, SPURIOUS_ENABLE | VEC_SPURIOUS);
	wr(REG_TIMER_DIVIDE, DIVIDE_BY_16);
	wr(REG_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	wr(REG_TIMER_INIT, 0xFFFFFFFFu);
	t0 = clock_now_ns();
	while (clock_now_ns() - t0 < CALIBRATE_NS)
		__asm__ volatile("pause");
	ticks = 0xFFFFFFFFu - rd(REG_TIMER_CURRENT);
	wr(REG_TIMER_INIT, 0);
	if (ticks == 0)
		return "the APIC timer does not count";
	*hz = ticks * (1000000000ull / CALIBRATE_NS);
	wr(REG_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
	wr(REG_TIMER_INIT, (uint32_t)(ticks * APIC_TICK_MS / (CALIBRATE_NS / 1000000ull)));
	return 0;
}

void apic_eoi(void)
{
	if (apic)
		wr(REG_EOI, 0);
}
