/*
 * Kernel accesses to a user page, made on purpose to show SMEP and SMAP
 * at work (see cpu_guard.h). Each test ends in a kernel page fault, so a
 * panic with the fault report, when the protection is on:
 *
 *   zos.test=smep  the kernel calls code on a user page
 *   zos.test=smap  the kernel reads a user page: first inside
 *                  user_access_begin/end (must work), then outside (faults)
 */
#ifndef ZOS_X86_GUARD_TEST_H
#define ZOS_X86_GUARD_TEST_H

#include "hal/x86_64/bootinfo.h"
#include "hal/x86_64/cpu/cpu_guard.h"

/* The user address the tests use (canonical, lower half). */
#define GUARD_TEST_VA 0x0000000000600000ull

/* Runs what bi's command line asks for; returns only when the test's
 * access did not fault (said on the console, with WRONG) or none ran. */
void guard_test_run(const struct boot_info *bi, const struct cpu_guard *g);

#endif
