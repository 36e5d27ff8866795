/* SMEP and SMAP (see cpu_guard.h): CPUID leaf 7, then CR4. */
#include "hal/x86_64/cpu/cpu_guard.h"

#include "hal/x86_64/cpu/cpu.h"

#define CPUID_7_EBX_SMEP (1u << 7)
#define CPUID_7_EBX_SMAP (1u << 20)
#define CR4_SMEP (1ull << 20)
#define CR4_SMAP (1ull << 21)

int cpu_smap_on;

void cpu_guard_init(struct cpu_guard *out)
{
	uint32_t r[4] = { 0 };
	uint64_t cr4 = read_cr4();

	cpuid(0, 0, r);
	if (r[0] >= 7)
		cpuid(7, 0, r);
	else
		r[1] = 0;
	out->smep = (r[1] & CPUID_7_EBX_SMEP) != 0;
	out->smap = (r[1] & CPUID_7_EBX_SMAP) != 0;
	if (out->smep)
		cr4 |= CR4_SMEP;
	if (out->smap) {
		__asm__ volatile("clac" ::: "memory"); /* AC off before SMAP counts */
		cr4 |= CR4_SMAP;
	}
	write_cr4(cr4);
	cpu_smap_on = out->smap;
}
