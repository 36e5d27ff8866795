/*
 * Cycle accounting for `make bench` (see prof.h). The sums live here and
 * only here; the scheduler calls the hooks with differences of TSC reads.
 * The report's lines start with "bench:" and are read by
 * tools/x86_64/bench.sh; their fields are words and integers only.
 */
#include "hal/x86_64/prof/prof.h"

#include "axiom/axiom.h"
#include "hal/x86_64/drivers/clock.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/prof/prof_parts.h"
#include "hal/x86_64/drivers/serial.h"
#include "lib/fmt.h"

int prof_on;
static struct prof_bucket calls[PROF_SYSCALLS];
static struct prof_bucket resumes;
static struct prof_bucket switches; /* trap: the pump, system: the rest */
static int line_start = 1;

void prof_syscall(uint32_t num, uint64_t trap, uint64_t system, uint64_t commits)
{
	struct prof_bucket *b = &calls[num < PROF_SYSCALLS ? num : PROF_SYSCALLS - 1];

	b->n++;
	b->trap += trap;
	b->system += system;
	b->commits += commits;
}

void prof_resume(uint64_t system, uint64_t commits)
{
	resumes.n++;
	resumes.system += system;
	resumes.commits += commits;
}

void prof_switch(uint64_t pump, uint64_t rest)
{
	switches.n++;
	switches.trap += pump;
	switches.system += rest;
}

static void line(const char *what, const struct prof_bucket *b)
{
	uint64_t n = b->n ? b->n : 1;

	/* Averages per call, commits in hundredths (a round trip's mix). */
	kprintf("bench: %s n %llu trap %llu system %llu commits100 %llu\n", what,
		(unsigned long long)b->n, (unsigned long long)(b->trap / n),
		(unsigned long long)(b->system / n), (unsigned long long)(b->commits * 100 / n));
}

void prof_report(struct zos_system *sys)
{
	struct prof_parts parts;

	for (uint32_t i = 0; i < PROF_SYSCALLS; i++)
		if (calls[i].n) {
			char what[48];
			const char *name = zos_syscall_name(i);
			/* 0 is no syscall: records refused before the System saw them. */
			zos_snprintf(what, sizeof what, "syscall %s", name ? name : "refused");
			line(what, &calls[i]);
		}
	line("resume", &resumes);
	line("switch", &switches);
	prof_parts_measure(sys, &parts);
	kprintf("bench: part syslog %llu seal %llu frame %llu cpu_model %s state_hash %llu "
		"checkpoint_every %u\n",
		(unsigned long long)parts.syslog_pair, (unsigned long long)parts.seal,
		(unsigned long long)parts.frame, parts.cpu_model,
		(unsigned long long)parts.state_hash, (unsigned)ZOS_CHECKPOINT_EVERY);
}

void prof_console_write(const uint8_t *buf, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		if (line_start) {
			char stamp[32];
			int n = zos_snprintf(stamp, sizeof stamp, "[%llu us] ",
					     (unsigned long long)(clock_now_ns() / 1000));
			if (n > 0 && (size_t)n < sizeof stamp)
				serial_write(stamp, (size_t)n);
		}
		serial_write((const char *)buf + i, 1);
		line_start = buf[i] == '\n';
	}
}
