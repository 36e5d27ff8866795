/*
 * Time on x86_64: a monotonic clock from the time-stamp counter (its rate
 * measured once against the PIT at boot) and the wall clock from the CMOS
 * real-time clock, read once at boot and advanced by the monotonic clock.
 */
#ifndef ZOS_X86_CLOCK_H
#define ZOS_X86_CLOCK_H

#include <stdint.h>

struct clock_info {
	uint64_t tsc_hz;
	int calibrated;        /* 0: the PIT did not answer; tsc_hz is a guess */
	uint64_t boot_wall_ms; /* wall clock at clock_init, ms since 1970 (0: no RTC) */
};

/* entry_tsc: the TSC at kernel entry, where monotonic time 0 is put. */
void clock_init(struct clock_info *out, uint64_t entry_tsc);
uint64_t clock_now_ns(void);
uint64_t clock_wall_ms(void);
/* Unix ms for a civil UTC date and time (year >= 1970). */
uint64_t clock_unix_ms(uint32_t year, uint32_t month, uint32_t day, uint32_t hour, uint32_t min,
		       uint32_t sec);

#endif
