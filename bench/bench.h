/*
 * bench.h: the timing helper and the result table every benchmark shares.
 *
 * A case is a function that does `iters` units of work (one syscall pair,
 * one whole replay, ...), with an optional untimed reset before each run
 * (to rewind a buffer, say). bench_rounds calibrates each case to runs of
 * about BENCH_RUN_NS, warms them up, then times BENCH_REPS rounds with
 * CLOCK_MONOTONIC, every case once per round; results are ns per unit.
 *
 * Every figure is printed beside a baseline timed in the same rounds, so
 * the ratio means something on any machine, even a busy one: the absolute
 * numbers move with the CPU and its other load, the round-by-round ratio
 * much less. Ratios are cost ratios, time(figure) / time(baseline): above
 * 1 the figure is slower. Benchmarks are not tests: nothing here passes
 * or fails on a number.
 *
 * Header-only (static inline), because the Makefile builds every C file in
 * bench/ into a binary of its own.
 */
#ifndef ZOS_BENCH_H
#define ZOS_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BENCH_REPS 7                  /* timed rounds (odd: a true median) */
#define BENCH_RUN_NS 40000000ull      /* aim for runs of about 40 ms */

struct bench_case {
	void (*run)(void *ctx, uint64_t iters); /* the timed work */
	void (*reset)(void *ctx);               /* untimed, before each run; may be 0 */
	void *ctx;
	uint64_t iters;                         /* units per run; 0: calibrate */
};

/* One case's runs, as ns per unit, one per round. */
struct bench_series {
	double t[BENCH_REPS];
};

struct bench_stat {
	double med, min, max;
};

static inline uint64_t bench_now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static inline uint64_t bench_time_run(const struct bench_case *b, uint64_t iters)
{
	uint64_t t0;

	if (b->reset)
		b->reset(b->ctx);
	t0 = bench_now_ns();
	b->run(b->ctx, iters);
	return bench_now_ns() - t0;
}

/* How many units make a run of about BENCH_RUN_NS. Doubling from one unit
 * until a run takes a tenth of the target also serves as the warm-up. */
static inline uint64_t bench_calibrate(const struct bench_case *b)
{
	uint64_t iters = 1, ns;

	while ((ns = bench_time_run(b, iters)) < BENCH_RUN_NS / 10 && iters < (1ull << 40))
		iters *= 2;
	if (ns == 0)
		ns = 1;
	iters = (uint64_t)((double)iters * (double)BENCH_RUN_NS / (double)ns);
	return iters ? iters : 1;
}

/*
 * Times n cases in rounds: each round runs every case once, back to back, so
 * a figure and its baseline always see the same machine (other load, clock
 * speed). One untimed warm-up round first. out[i] gets case i's runs.
 */
static inline void bench_rounds(struct bench_case *cs, int n, struct bench_series *out)
{
	for (int i = 0; i < n; i++)
		if (cs[i].iters == 0)
			cs[i].iters = bench_calibrate(&cs[i]);
	for (int i = 0; i < n; i++)
		bench_time_run(&cs[i], cs[i].iters);
	for (int r = 0; r < BENCH_REPS; r++)
		for (int i = 0; i < n; i++)
			out[i].t[r] = (double)bench_time_run(&cs[i], cs[i].iters) / (double)cs[i].iters;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static inline struct bench_stat bench_stat_of(const double *v)
{
	double s[BENCH_REPS];
	struct bench_stat st;

	for (int i = 0; i < BENCH_REPS; i++)
		s[i] = v[i];
	qsort(s, BENCH_REPS, sizeof s[0], bench_cmp_double);
	st.med = s[BENCH_REPS / 2];
	st.min = s[0];
	st.max = s[BENCH_REPS - 1];
	return st;
}

/* The series scaled (units of work counted differently: per syscall, say). */
static inline struct bench_series bench_scale(struct bench_series s, double by)
{
	for (int i = 0; i < BENCH_REPS; i++)
		s.t[i] *= by;
	return s;
}

/* Round by round time(a) / time(b): the ratio of two cases timed together. */
static inline struct bench_stat bench_ratio(const struct bench_series *a,
					    const struct bench_series *b)
{
	double r[BENCH_REPS];

	for (int i = 0; i < BENCH_REPS; i++)
		r[i] = b->t[i] > 0 ? a->t[i] / b->t[i] : 0;
	return bench_stat_of(r);
}

/* "812 ns", "1.52 us", "48.1 ms": three significant digits or so. */
static inline const char *bench_fmt_ns(char *buf, size_t cap, double ns)
{
	if (ns < 10.0)
		snprintf(buf, cap, "%.2f ns", ns);
	else if (ns < 1e3)
		snprintf(buf, cap, "%.0f ns", ns);
	else if (ns < 1e6)
		snprintf(buf, cap, "%.2f us", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, cap, "%.1f ms", ns / 1e6);
	else
		snprintf(buf, cap, "%.2f s", ns / 1e9);
	return buf;
}

/* "1.23 M", "845 k": for rates. */
static inline const char *bench_fmt_rate(char *buf, size_t cap, double per_s)
{
	if (per_s >= 1e9)
		snprintf(buf, cap, "%.2f G", per_s / 1e9);
	else if (per_s >= 1e6)
		snprintf(buf, cap, "%.2f M", per_s / 1e6);
	else if (per_s >= 1e3)
		snprintf(buf, cap, "%.1f k", per_s / 1e3);
	else
		snprintf(buf, cap, "%.1f ", per_s);
	return buf;
}

static inline double bench_rate(double ns_per_unit)
{
	return ns_per_unit > 0 ? 1e9 / ns_per_unit : 0;
}

#define BENCH_ROW_FMT "%-44s %-28s %-42s %s\n"

/* The CPU and the load average, read from Linux's /proc when it is there:
 * absolute figures only make sense next to them. */
static inline void bench_machine(void)
{
	char line[256], model[128] = "unknown CPU", l1[16] = "?", l5[16] = "?", l15[16] = "?";
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "model name : %127[^\n]", model) == 1)
			break;
	if (f)
		fclose(f);
	f = fopen("/proc/loadavg", "r");
	if (f && fgets(line, sizeof line, f) && sscanf(line, "%15s %15s %15s", l1, l5, l15) != 3)
		l1[0] = 0;
	if (f)
		fclose(f);
	printf("machine: %s; load average %s %s %s\n", model, l1, l5, l15);
}

static inline void bench_title(const char *title)
{
	printf("\n== %s ==\n", title);
	bench_machine();
	printf("(median of %d rounds after a warm-up round, [min .. max] below it; each round "
	       "times a figure and its baseline back to back;\n ratio = median over rounds of "
	       "time(figure) / time(baseline))\n",
	       BENCH_REPS);
}

static inline void bench_table_header(void)
{
	printf("\n" BENCH_ROW_FMT, "figure", "value", "baseline (same run)", "ratio");
}

/* "812 ns/pair" on the first line, "[806 ns .. 840 ns]" on the second. */
static inline void bench_fmt_stat(char *med, char *range, size_t cap, struct bench_stat s,
				  const char *unit)
{
	char a[24], b[24], c[24];

	snprintf(med, cap, "%s/%s", bench_fmt_ns(a, sizeof a, s.med), unit);
	snprintf(range, cap, "[%s .. %s]", bench_fmt_ns(b, sizeof b, s.min),
		 bench_fmt_ns(c, sizeof c, s.max));
}

/* One figure beside its baseline (ns per the same unit, timed in the same
 * rounds) and the median of their round-by-round ratios. */
static inline void bench_row(const char *figure, const struct bench_series *v, const char *baseline,
			     const struct bench_series *base, const char *unit)
{
	char vm[128], vr[128], bm[128], br[128], bcol[320], ratio[32], rr[64];
	struct bench_stat q = bench_ratio(v, base);

	bench_fmt_stat(vm, vr, sizeof vm, bench_stat_of(v->t), unit);
	bench_fmt_stat(bm, br, sizeof bm, bench_stat_of(base->t), unit);
	snprintf(bcol, sizeof bcol, "%s: %s", baseline, bm);
	snprintf(ratio, sizeof ratio, "%.2fx", q.med);
	printf(BENCH_ROW_FMT, figure, vm, bcol, ratio);
	snprintf(bcol, sizeof bcol, "  %s", br);
	snprintf(rr, sizeof rr, "[%.2f .. %.2f]", q.min, q.max);
	printf(BENCH_ROW_FMT, "", vr, bcol, rr);
}

/* A free-form line under a row (derived rates, notes). */
#define bench_note(...)                  \
	do {                             \
		printf("    ");          \
		printf(__VA_ARGS__);     \
		printf("\n");            \
	} while (0)

static inline void bench_die(const char *what, long long detail)
{
	fprintf(stderr, "bench: %s (%lld)\n", what, detail);
	exit(1);
}

#endif
