/*
 * What every differential test (tests/diff/: our code against libsodium
 * and OpenSSL) starts its main with.
 */
#ifndef ZOS_TEST_DIFF_H
#define ZOS_TEST_DIFF_H

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

/* The command line (harness_args), then libsodium, which every comparison
 * needs: a test binary that cannot initialise it exits 1. */
static inline void diff_start(int argc, char **argv)
{
	harness_args(argc, argv);
	if (sodium_init() < 0) {
		printf("libsodium did not initialise\n");
		exit(1);
	}
}

#endif
