/*
 * The portable System running on x86_64, driven from the kernel itself
 * (there are no ring-3 processes yet): Genesis, a few syscalls made on
 * Init's behalf, the CommitLog verified and replayed, a second boot from
 * the same log (a Boot commit), and the state hash printed.
 */
#ifndef ZOS_X86_SELFTEST_H
#define ZOS_X86_SELFTEST_H

#include "hal/x86_64/platform.h"

/* ZOS_OK when every step did what it must; each step prints a line. */
int system_selftest(struct x86_platform *p);

#endif
