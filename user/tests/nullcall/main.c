/*
 * nullcall: the null syscall's round trip on the platform it runs on:
 * YIELD, which the System answers at once and which commits nothing, so
 * what is timed is the path alone (the stub, the transport, the door's
 * SysLog, the answer). The clock is the kernel's (TIME, itself a syscall
 * as light as YIELD): SAMPLES batches of BATCH round trips each, 19
 * YIELDs and the TIME that ends the batch (and starts the next), so no
 * call goes untimed and none is timed twice. It prints the median and the
 * 99th percentile of the batches' time per call and how many syscalls it
 * made in all, and exits:
 *
 *   nullcall: done: median 12355 ns/call, p99 20410 ns/call, 1000 batches of 20 calls, 20208 syscalls
 *
 * One sample per batch rather than per call: the browser's clock is
 * coarse (5 us in a cross-origin isolated page), and bench/web_syscall.mjs
 * times its baseline, a raw SharedArrayBuffer ping-pong, in batches of the
 * same size. Run it from the shell (`spawn nullcall`); the browser's
 * benchmark and smoke test read the line.
 */
#include "zos.h"

#define SAMPLES 1000
#define BATCH 20u  /* round trips per sample, the closing TIME among them */
#define WARMUP 200u

static uint64_t per[SAMPLES];

/* Ascending; insertion sort: a thousand numbers, once. */
static void sort(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

int zos_main(void)
{
	uint64_t t0, t1, calls;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	for (uint32_t i = 0; i < WARMUP; i++)
		zos_yield();
	t0 = zos_time_ns();
	for (int s = 0; s < SAMPLES; s++) {
		for (uint32_t i = 0; i < BATCH - 1; i++)
			zos_yield();
		t1 = zos_time_ns();
		per[s] = (t1 - t0) / BATCH;
		t0 = t1;
	}
	sort(per, SAMPLES);
	/* the warm-up, the first TIME, the batches, and this line's write */
	calls = WARMUP + 1 + (uint64_t)SAMPLES * BATCH + 1;
	zos_printf("nullcall: done: median %llu ns/call, p99 %llu ns/call, %d batches of %u calls, "
		   "%llu syscalls\n",
		   (unsigned long long)per[SAMPLES / 2], (unsigned long long)per[SAMPLES * 99 / 100],
		   SAMPLES, BATCH, (unsigned long long)calls);
	return 0;
}
