/*
 * The kernel invariants, as an oracle for property tests and the fuzzer.
 * Kept out of kernel/ on purpose: the checker is not part of the trusted
 * kernel and does not count against its line budget.
 */
#ifndef ZOS_TEST_INVARIANTS_H
#define ZOS_TEST_INVARIANTS_H

#include "kernel/state.h"

/* 0 when every invariant holds; otherwise nonzero, with why set to a
 * description of the first one broken (a static buffer). */
int check_invariants(const struct kstate *s, const char **why);

#endif
