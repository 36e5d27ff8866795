/*
 * exit0: starts and exits at once with code 0 (the runtime's start-up
 * makes its reply endpoint, then EXIT: no other syscall).
 * What it is for: a spawn and an exit with nothing between them, the unit
 * of bench/web_syscall.mjs's spawn/exit cycles (whose workers and heap must
 * be where they started after a hundred of them).
 */
#include "zos.h"

int zos_main(void)
{
	return 0;
}
