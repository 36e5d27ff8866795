/*
 * What the unit tests share: one fake platform per test binary, a fresh
 * System on it for each test, and an invariant check that reports through
 * the harness.
 */
#ifndef ZOS_TEST_TESTBED_H
#define ZOS_TEST_TESTBED_H

#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/error.h>
#include <zos/pid.h>

#include "harness.h"
#include "support/fake_platform.h"
#include "support/invariants.h"

#define SPAWN ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN)
#define CONSOLE ZOS_INIT_DEVICE_SLOT(ZOS_DEV_CONSOLE)
/* Init starts with its devices and its inbox; its next cap lands here. */
#define INIT_SLOTS (ZOS_INIT_INBOX_SLOT + 1)

extern struct fake_platform fp;

/* Resets fp and boots a fresh System on it (Genesis, Init started). */
struct zos_system *boot(void);

#define CHECK_INVARIANTS(s)                                                           \
	do {                                                                          \
		const char *why_;                                                     \
		if (check_invariants(&(s)->k.s, &why_))                               \
			harness_fail(__FILE__, __LINE__, "invariant broken: %s", why_); \
	} while (0)

#endif
