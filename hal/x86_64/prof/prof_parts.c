/*
 * The System's parts timed alone (see prof_parts.h). The commits sealed
 * are copies of the newest ones in the live window (after an IPC run,
 * the round trips' own mix); sealing a copy leaves the chain alone.
 */
#include "hal/x86_64/prof/prof_parts.h"

#include "lib/commit_codec.h"
#include "axiom/frame.h"
#include "axiom/state_hash.h"
#include "axiom/syslog.h"
#include "hal/x86_64/cpu/cpu.h"
#include "lib/mem.h"

#define REPS 512
#define RECENT 32
#define SCRATCH_EVENTS 64

static uint64_t syslog_pair(void)
{
	static struct sysevent ring[SCRATCH_EVENTS];
	struct syslog l;
	uint64_t args[4] = { 1, 2, 3, 4 }, t0;

	syslog_init(&l, ring, SCRATCH_EVENTS);
	t0 = rdtsc();
	for (uint32_t i = 0; i < REPS; i++) {
		uint64_t req = syslog_request(&l, 7, 0x42, args, i);
		syslog_response(&l, 7, 0x42, req, 0, i);
	}
	return (rdtsc() - t0) / REPS;
}

/* Seals (and, with frame, also frames) copies of the newest commits. */
static uint64_t per_commit(const struct commitlog *log, int frame, uint64_t *framing)
{
	static uint8_t rec[ZOS_COMMIT_MAX_ENCODED];
	static uint8_t out[ZOS_FRAME_HEADER_SIZE + ZOS_COMMIT_MAX_ENCODED];
	uint32_t have = log->count < RECENT ? log->count : RECENT, n = 0;
	uint64_t seal = 0, framed = 0;

	for (uint32_t r = 0; have && r < REPS / have + 1; r++)
		for (uint32_t i = log->count - have; i < log->count; i++) {
			zos_commit_t c = *commitlog_at(log, i);
			uint64_t t0 = rdtsc(), t1;
			int len = commit_seal(&c, rec, sizeof rec);

			t1 = rdtsc();
			seal += t1 - t0;
			if (frame && len > 0) {
				frame_write(rec, (uint32_t)len, out, sizeof out);
				framed += rdtsc() - t1;
			}
			n++;
		}
	*framing = n ? framed / n : 0;
	return n ? seal / n : 0;
}

/* The brand string as one word: the bench script splits on spaces. */
static void cpu_model(char out[49])
{
	uint32_t r[4];

	zos_memset(out, 0, 49);
	cpuid(0x80000000u, 0, r);
	if (r[0] < 0x80000004u) {
		zos_memcpy(out, "unknown", 7);
		return;
	}
	for (uint32_t leaf = 0; leaf < 3; leaf++) {
		cpuid(0x80000002u + leaf, 0, r);
		zos_memcpy(out + 16 * leaf, r, 16);
	}
	for (int i = 0; i < 48; i++)
		if (out[i] == ' ')
			out[i] = '_';
}

static uint64_t whole_state(const struct zos_system *sys)
{
	uint8_t h[32];
	uint64_t t0 = rdtsc();

	for (int i = 0; i < 4; i++)
		system_state_hash(sys, h);
	return (rdtsc() - t0) / 4;
}

void prof_parts_measure(struct zos_system *sys, struct prof_parts *out)
{
	out->state_hash = whole_state(sys);
	out->syslog_pair = syslog_pair();
	out->seal = per_commit(system_commit_window(sys), 1, &out->frame);
	cpu_model(out->cpu_model);
}
