/*
 * nullcall: the null syscall's round trip on the platform it runs on:
 * YIELD, which the System answers at once and which commits nothing, so
 * what is timed is the path alone (the stub, the transport, the door's
 * SysLog, the answer). The clock is the kernel's (TIME), read once before
 * and once after each round of ROUND_CALLS calls; the rounds' time per
 * call is printed, then their median, and it exits:
 *
 *   nullcall: round 1: 2000 calls in 25017000 ns, 12508 ns/call
 *   ...
 *   nullcall: done: median 12355 ns/call over 7 rounds
 *
 * Run it from the shell (`spawn nullcall`); the browser's smoke test reads
 * these lines (tests/web/platform_smoke.mjs --measure).
 */
#include "zos.h"

#define ROUNDS 7
#define ROUND_CALLS 2000u

int zos_main(void)
{
	uint64_t per[ROUNDS];

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	for (uint32_t i = 0; i < 200; i++) /* warm up */
		zos_yield();
	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t0 = zos_time_ns(), ns;
		for (uint32_t i = 0; i < ROUND_CALLS; i++)
			zos_yield();
		ns = zos_time_ns() - t0;
		per[r] = ns / ROUND_CALLS;
		zos_printf("nullcall: round %d: %u calls in %llu ns, %llu ns/call\n", r + 1, ROUND_CALLS,
			   (unsigned long long)ns, (unsigned long long)per[r]);
	}
	for (int i = 1; i < ROUNDS; i++) /* insertion sort: seven numbers */
		for (int j = i; j > 0 && per[j] < per[j - 1]; j--) {
			uint64_t t = per[j];
			per[j] = per[j - 1];
			per[j - 1] = t;
		}
	zos_printf("nullcall: done: median %llu ns/call over %d rounds\n",
		   (unsigned long long)per[ROUNDS / 2], ROUNDS);
	return 0;
}
