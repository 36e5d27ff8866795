/*
 * record_log: records a CommitLog for the cross-target determinism test.
 *
 * Records the seeded random workload of tests/support/workload.h (many
 * thousand syscalls from many processes through a System on the fake
 * platform) with tests/support/record.h, checking the invariants after
 * each. Part-way it reboots (twice): the log so far is replayed into a
 * second System, which appends a Boot commit and carries on, so the one log
 * spans several epochs. Checkpoints are made often.
 *
 * It writes the framed log to a file and prints, on stdout, the summary the
 * freestanding replays (tools/wasm/replay_main.c with tests/wasm/replay.mjs,
 * tools/freestanding/entry.c) print for the same log, in the same format:
 *
 *   status ok | bytes N | commits N | epochs N | checkpoints N |
 *   bad_seq N | head HEX | state_hash HEX    (one "key value" per line)
 *
 * The values come from the live System (its log, its kernel state); before
 * printing, the program checks them against a host replay of the file and
 * checks that every commit type occurred, and fails otherwise. Statistics go
 * to stderr.
 *
 * With --replay LOG it instead replays a log with the host build and
 * prints the same summary (how the test compares damaged logs).
 *
 * Usage: record_log OUT.log [SEED [SYSCALLS]]
 *        record_log --replay LOG
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/error.h>

#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "support/record.h"

#define DEFAULT_SEED 0x5A45524F4F53ull /* "ZEROOS" */
#define DEFAULT_CALLS 24000u
#define REBOOTS 2u
#define CHECKPOINT_EVERY 64u

static struct recording rec;

static void die(const char *what)
{
	fprintf(stderr, "record_log: %s\n", what);
	exit(1);
}

/* The workload, with reboots, every step checked (support/record.h). */
static void record(uint64_t seed, uint32_t calls)
{
	recording_start(&rec, WORKLOAD_EVERY_CALL, seed, CHECKPOINT_EVERY);
	rec.check_invariants = 1;
	if (recording_run(&rec, calls, REBOOTS) != ZOS_OK) {
		fprintf(stderr, "record_log: after call %llu: %s\n",
			(unsigned long long)rec.w.stats.calls, rec.error);
		exit(1);
	}
}

/* ---- the result ------------------------------------------------------------- */

static void print_hex(const char *key, const uint8_t *h)
{
	printf("%s ", key);
	for (int i = 0; i < ZOS_HASH_SIZE; i++)
		printf("%02x", h[i]);
	putchar('\n');
}

/* The summary every target prints, line for line. */
static void print_summary(const struct replay_report *rep, const uint8_t state[ZOS_HASH_SIZE])
{
	printf("status %s\n", rep->status != ZOS_OK ? "corrupt" : rep->torn ? "torn" : "ok");
	printf("bytes %llu\n", (unsigned long long)rep->good_bytes);
	printf("commits %llu\n", (unsigned long long)rep->commits);
	printf("epochs %llu\n", (unsigned long long)rep->epochs);
	printf("checkpoints %llu\n", (unsigned long long)rep->checkpoints);
	printf("bad_seq %llu\n", (unsigned long long)rep->bad_seq);
	print_hex("head", rep->head);
	print_hex("state_hash", state);
}

static const char *type_name(uint32_t type)
{
	const char *name = zos_commit_type_name(type);
	return name ? name : "?";
}

static void print_stats(const struct recording *r)
{
	const struct workload_stats *s = &r->w.stats;

	fprintf(stderr, "syscalls %llu: %llu ok, %llu refused; %llu parked, %llu resumed, "
		"%llu platform faults\n", (unsigned long long)s->calls, (unsigned long long)s->ok,
		(unsigned long long)s->errors, (unsigned long long)s->parks,
		(unsigned long long)s->resumes, (unsigned long long)s->faults);
	for (uint32_t t = 0; t < ZOS_COMMIT_TYPE_COUNT; t++)
		fprintf(stderr, "  %-18s %llu\n", type_name(t),
			(unsigned long long)r->types[t]);
}

/* The host replay of what was written must agree with the live System. */
static void self_check(const struct recording *r, const uint8_t live[ZOS_HASH_SIZE])
{
	struct kernel *k = calloc(1, sizeof *k);
	struct replay_report rep;
	uint8_t h[ZOS_HASH_SIZE];

	if (!k)
		die("out of memory");
	if (replay_and_verify(k, r->fp.log, r->fp.log_len, live, &rep) != ZOS_OK) {
		fprintf(stderr, "record_log: host replay failed at seq %llu: %s\n",
			(unsigned long long)rep.bad_seq, rep.reason ? rep.reason : "?");
		exit(1);
	}
	state_hash(&k->s, h);
	if (rep.commits != r->sys->ax.log.next_seq || rep.epochs != REBOOTS + 1 ||
	    rep.checkpoints != r->types[ZOS_COMMIT_CHECKPOINT] || rep.torn ||
	    rep.good_bytes != r->fp.log_len || memcmp(h, live, ZOS_HASH_SIZE))
		die("host replay disagrees with the live System");
	free(k);
	for (uint32_t t = 0; t < ZOS_COMMIT_TYPE_COUNT; t++)
		if (r->types[t] == 0) {
			fprintf(stderr, "record_log: no %s commit was made\n", type_name(t));
			exit(1);
		}
}

static void write_log(const struct recording *r, const char *path)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(r->fp.log, 1, r->fp.log_len, f) != r->fp.log_len || fclose(f) != 0)
		die("cannot write the log file");
}

/* The live System's figures, in the replay report's shape. */
static void report(const struct recording *r)
{
	struct replay_report live = { .status = ZOS_OK };
	uint8_t h[ZOS_HASH_SIZE];

	state_hash(&r->sys->k.s, h);
	self_check(r, h);
	print_stats(r);
	live.good_bytes = r->fp.log_len;
	live.commits = r->sys->ax.log.next_seq;
	live.epochs = r->sys->k.s.epoch + 1;
	live.checkpoints = r->types[ZOS_COMMIT_CHECKPOINT];
	memcpy(live.head, r->sys->ax.log.head, ZOS_HASH_SIZE);
	print_summary(&live, h);
}

/* --replay LOG: the host build's replay of a log, printed like the others,
 * so that damaged logs can be compared across targets too. */
static int replay_file(const char *path)
{
	static struct kernel k;
	struct replay_report rep;
	uint8_t h[ZOS_HASH_SIZE];
	FILE *f = fopen(path, "rb");
	uint8_t *buf = malloc(16u << 20);
	size_t len;

	if (!f || !buf)
		die("cannot read the log");
	len = fread(buf, 1, 16u << 20, f);
	fclose(f);
	replay_records(&k, buf, len, &rep);
	state_hash(&k.s, h);
	print_summary(&rep, h);
	if (rep.status != ZOS_OK)
		fprintf(stderr, "record_log: bad commit at seq %llu: %s\n",
			(unsigned long long)rep.bad_seq, rep.reason ? rep.reason : "?");
	free(buf);
	return rep.status == ZOS_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
	uint64_t seed = argc > 2 ? strtoull(argv[2], 0, 0) : DEFAULT_SEED;
	uint32_t n = argc > 3 ? (uint32_t)strtoul(argv[3], 0, 0) : DEFAULT_CALLS;

	if (argc == 3 && strcmp(argv[1], "--replay") == 0)
		return replay_file(argv[2]);
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: record_log OUT.log [SEED [SYSCALLS]]\n"
				"       record_log --replay LOG\n");
		return 2;
	}
	record(seed, n);
	write_log(&rec, argv[1]);
	report(&rec);
	recording_free(&rec);
	return 0;
}
