/*
 * The x87 FPU, MMX, SSE and AVX are off for everyone: CR0.EM is set and
 * CR4.OSFXSR/OSXMMEXCPT/OSXSAVE are clear, so any such instruction traps
 * (#NM for x87, #UD for the rest) and a process that uses one is killed
 * like any faulting process. The kernel is built with -mno-sse -mno-mmx
 * and user programs with -mgeneral-regs-only, so none is emitted.
 *
 * Why off rather than saved: no process can load a value into these
 * registers, so none can read what another left there, and the context
 * switch saves only the general registers. When processes need floating
 * point, this becomes fxsave/fxrstor (or xsave) per process.
 */
#ifndef ZOS_X86_FPU_H
#define ZOS_X86_FPU_H

void fpu_disable(void);

#endif
