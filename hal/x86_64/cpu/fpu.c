/* The FPU and SIMD units off (see fpu.h): CR0 and CR4 bits. */
#include "hal/x86_64/cpu/fpu.h"

#include <stdint.h>

#include "hal/x86_64/cpu/cpu.h"

#define CR0_MP (1ull << 1)
#define CR0_EM (1ull << 2)
#define CR0_TS (1ull << 3)
#define CR4_OSFXSR (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define CR4_OSXSAVE (1ull << 18)

void fpu_disable(void)
{
	write_cr0((read_cr0() | CR0_EM) & ~(CR0_MP | CR0_TS));
	write_cr4(read_cr4() & ~(CR4_OSFXSR | CR4_OSXMMEXCPT | CR4_OSXSAVE));
}
