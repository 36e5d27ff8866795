/*
 * The TSC clock and the RTC wall clock (see clock.h). The TSC is calibrated
 * by timing PIT channel 2 counting down 10 ms (its output, bit 5 of port
 * 0x61, rises at zero); the wait is bounded so a machine without a PIT
 * still boots, with a guessed rate that the boot log reports. The RTC is
 * read until two reads agree (it may tick mid-read), in BCD or binary and
 * 12- or 24-hour mode as its status register B says.
 */
#include "hal/x86_64/drivers/clock.h"

#include "hal/x86_64/cpu/cpu.h"

#define PIT_HZ 1193182u
#define CALIBRATE_MS 10u
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_B 0x61
#define GUESS_HZ 2000000000ull
#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71

static uint64_t tsc_hz = GUESS_HZ;
static uint64_t tsc_boot;
static uint64_t wall_boot_ms;

static int calibrate(void)
{
	uint16_t count = (uint16_t)(PIT_HZ * CALIBRATE_MS / 1000u);
	uint8_t b = inb(PORT_B);
	uint64_t t0, t1;
	uint32_t spin = 0;

	outb(PORT_B, (uint8_t)((b & ~0x02) | 0x01)); /* speaker off, gate on */
	outb(PIT_CMD, 0xB0);                          /* ch 2, lo/hi, mode 0 */
	outb(PIT_CH2, (uint8_t)count);
	outb(PIT_CH2, (uint8_t)(count >> 8));
	b = inb(PORT_B) & (uint8_t)~0x01;
	outb(PORT_B, b); /* restart the count: gate low, then high */
	outb(PORT_B, b | 0x01);
	t0 = rdtsc();
	while (!(inb(PORT_B) & 0x20))
		if (++spin > 50000000u)
			return 0;
	t1 = rdtsc();
	if (t1 <= t0)
		return 0;
	tsc_hz = (t1 - t0) * (1000u / CALIBRATE_MS);
	return 1;
}

static uint8_t cmos(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static uint32_t bcd(uint8_t v)
{
	return (uint32_t)(v & 0x0F) + (uint32_t)(v >> 4) * 10u;
}

struct rtc_time {
	uint8_t sec, min, hour, day, mon, year, century;
};

static void rtc_read(struct rtc_time *t)
{
	for (uint32_t spin = 0; spin < 1000000u && (cmos(0x0A) & 0x80); spin++)
		; /* an update is in progress */
	t->sec = cmos(0x00);
	t->min = cmos(0x02);
	t->hour = cmos(0x04);
	t->day = cmos(0x07);
	t->mon = cmos(0x08);
	t->year = cmos(0x09);
	t->century = cmos(0x32);
}

static int same(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day &&
	       a->mon == b->mon && a->year == b->year && a->century == b->century;
}

uint64_t clock_unix_ms(uint32_t year, uint32_t month, uint32_t day, uint32_t hour, uint32_t min,
		       uint32_t sec)
{
	/* Days since 1970-01-01 of a proleptic Gregorian date (March-based
	 * years make the leap day the last day of the year). */
	uint32_t y = month <= 2 ? year - 1 : year;
	uint32_t era = y / 400, yoe = y - era * 400;
	uint32_t mp = month > 2 ? month - 3 : month + 9;
	uint32_t doy = (153 * mp + 2) / 5 + day - 1;
	uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	uint64_t days = (uint64_t)era * 146097 + doe - 719468;

	return ((days * 86400) + hour * 3600ull + min * 60ull + sec) * 1000ull;
}

static uint64_t rtc_unix_ms(void)
{
	struct rtc_time a, b;
	uint8_t status_b;
	uint32_t sec, min, hour, day, mon, year;
	int pm;

	rtc_read(&a);
	for (int tries = 0; tries < 5; tries++) {
		rtc_read(&b);
		if (same(&a, &b))
			break;
		a = b;
	}
	status_b = cmos(0x0B);
	pm = (a.hour & 0x80) != 0;
	a.hour &= 0x7F;
	if (!(status_b & 0x04)) { /* BCD */
		sec = bcd(a.sec), min = bcd(a.min), hour = bcd(a.hour);
		day = bcd(a.day), mon = bcd(a.mon), year = bcd(a.year);
		year += a.century ? bcd(a.century) * 100 : 2000;
	} else {
		sec = a.sec, min = a.min, hour = a.hour, day = a.day, mon = a.mon;
		year = a.year + (a.century ? a.century * 100u : 2000u);
	}
	if (!(status_b & 0x02) && pm) /* 12-hour mode */
		hour = (hour % 12) + 12;
	else if (!(status_b & 0x02) && hour == 12)
		hour = 0;
	if (year < 1970 || mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 ||
	    sec > 60)
		return 0;
	return clock_unix_ms(year, mon, day, hour, min, sec);
}

void clock_init(struct clock_info *out, uint64_t entry_tsc)
{
	out->calibrated = calibrate();
	out->tsc_hz = tsc_hz;
	tsc_boot = entry_tsc;
	wall_boot_ms = rtc_unix_ms();
	out->boot_wall_ms = wall_boot_ms;
}

uint64_t clock_now_ns(void)
{
	uint64_t d = rdtsc() - tsc_boot;

	/* Split to avoid overflow: whole seconds, then the remainder. */
	return (d / tsc_hz) * 1000000000ull + (d % tsc_hz) * 1000000000ull / tsc_hz;
}

uint64_t clock_wall_ms(void)
{
	return wall_boot_ms ? wall_boot_ms + clock_now_ns() / 1000000ull : 0;
}
