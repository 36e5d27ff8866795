/*
 * zos-log: reads a Zero OS CommitLog file (any platform's: one format).
 *
 *   zos-log verify LOG          check the chain, replay it, report
 *   zos-log dump LOG [FROM [TO]] print the commits (seq range)
 *   zos-log state LOG [SEQ]     replay up to SEQ (default: all) and show the
 *                               processes, their capabilities and the endpoints
 *
 * Exit status: 0 the log verified, 1 it is damaged, 2 usage or I/O error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/commit.h>
#include <zos/error.h>

#include "lib/commit_codec.h"
#include "lib/commit_text.h"
#include "axiom/anchor.h"
#include "axiom/frame.h"
#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "kernel/kernel.h"
#include "lib/fmt.h"

static struct kernel k;

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "zos-log: cannot read %s\n", path);
		if (f)
			fclose(f);
		return 0;
	}
	buf = malloc(n ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "zos-log: cannot read %s\n", path);
		fclose(f);
		free(buf);
		return 0;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void print_commit(const zos_commit_t *c)
{
	char line[256];

	commit_describe(c, line, sizeof line);
	printf("%s\n", line);
}

static int dump(const uint8_t *buf, size_t len, uint64_t from, uint64_t to)
{
	size_t pos = 0;
	const uint8_t *rec;
	uint32_t n;
	zos_commit_t c;
	enum frame_status st;

	while ((st = frame_next(buf, len, &pos, &rec, &n)) == FRAME_OK) {
		if (commit_decode(rec, n, &c) != ZOS_OK) {
			printf("(a record that does not decode)\n");
			return 1;
		}
		if (c.seq >= from && c.seq <= to)
			print_commit(&c);
	}
	if (st == FRAME_TORN)
		printf("(torn final record)\n");
	if (st == FRAME_CORRUPT)
		printf("(damaged record at byte %zu)\n", pos);
	return st == FRAME_CORRUPT;
}

/* LOG.anchor, when there is one beside the log (a hosted data directory):
 * ZOS_OK and *a, NOT_FOUND, or CORRUPT. */
static int read_anchor(const char *log, struct log_anchor *a)
{
	uint8_t slots[ZOS_ANCHOR_SLOTS][ZOS_ANCHOR_SLOT_SIZE];
	char path[4096 + 8];
	FILE *f;

	if (snprintf(path, sizeof path, "%s.anchor", log) >= (int)sizeof path)
		return ZOS_ERR_NOT_FOUND;
	f = fopen(path, "rb");
	if (!f)
		return ZOS_ERR_NOT_FOUND;
	memset(slots, 0, sizeof slots);
	for (uint32_t i = 0; i < ZOS_ANCHOR_SLOTS; i++)
		if (fseek(f, (long)(i * ZOS_ANCHOR_FILE_SLOT_OFFSET), SEEK_SET) != 0 || fread(slots[i], 1, sizeof slots[i], f) == 0)
			break;
	fclose(f);
	return anchor_pick(slots, a);
}

/* What the log's signatures say, checked with pk (or 0: not checked). */
static void say_signatures(const struct replay_report *rep, const uint8_t *pk)
{
	if (!pk) {
		if (rep->signatures)
			printf("signatures: %llu, not checked (give the machine's public log key "
			       "with --key)\n", (unsigned long long)rep->signatures);
		return;
	}
	if (!rep->signed_any) {
		printf("signatures: none: nothing in this log is vouched for by the key\n");
		return;
	}
	printf("signatures: %llu verified with the key; signed up to seq %llu, %llu commits "
	       "after it unsigned\n", (unsigned long long)rep->signatures_verified,
	       (unsigned long long)rep->signed_upto,
	       (unsigned long long)(rep->next_seq - 1 - rep->signed_upto));
}

static int verify(const char *path, const uint8_t *pk, const uint8_t *buf, size_t len)
{
	struct replay_report rep;
	struct log_anchor a;
	int have = read_anchor(path, &a);
	struct replay_opts o = { .probe_seq = have == ZOS_OK ? a.seq : UINT64_MAX, .log_pk = pk };
	uint8_t h[32];
	char hex[65];

	replay_records_opts(&k, buf, len, &o, &rep);
	if (have == ZOS_ERR_CORRUPT) {
		printf("damaged: its anchor (%s.anchor) does not check out\n", path);
		return 1;
	}
	if (have == ZOS_OK)
		anchor_check(&a, &rep);
	if (rep.status != ZOS_OK) {
		printf("damaged at seq %llu: %s\n", (unsigned long long)rep.bad_seq, rep.reason);
		if (rep.anchor == REPLAY_ANCHOR_FAILED)
			printf("its anchor says every commit up to seq %llu was made durable\n",
			       (unsigned long long)rep.anchor_seq);
		return 1;
	}
	if (have == ZOS_OK)
		printf("anchor: seq %llu, reached and held\n", (unsigned long long)a.seq);
	say_signatures(&rep, pk);
	if (pk && !rep.signed_any)
		return 1;
	state_hash(&k.s, h);
	zos_hex(hex, h, 32);
	printf("ok: %llu commits, %llu epochs, %llu checkpoints matched%s\nstate %s\n",
	       (unsigned long long)rep.commits, (unsigned long long)rep.epochs,
	       (unsigned long long)rep.checkpoints, rep.torn ? ", torn tail" : "", hex);
	zos_hex(hex, rep.head, 32);
	printf("head  %s\n", hex);
	return 0;
}

/* Replays the first `upto` + 1 commits, then prints the state. */
static int state(const uint8_t *buf, size_t len, uint64_t upto)
{
	struct replayer r;
	struct replay_report rep;
	size_t pos = 0;
	const uint8_t *rec;
	uint32_t n;
	zos_commit_t c;

	replay_begin(&r, &k, &rep);
	while (frame_next(buf, len, &pos, &rec, &n) == FRAME_OK && rep.next_seq <= upto)
		if (commit_decode(rec, n, &c) != ZOS_OK || replay_commit(&r, &c) != ZOS_OK)
			break;
	if (rep.status != ZOS_OK)
		printf("stopped at seq %llu: %s\n", (unsigned long long)rep.bad_seq, rep.reason);
	printf("after seq %llu (epoch %llu):\n", (unsigned long long)(rep.next_seq - 1),
	       (unsigned long long)k.s.epoch);
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		const struct proc *p = &k.s.procs[i];
		if (p->state == ZOS_PROC_FREE)
			continue;
		printf("  pid %u %.*s (%s, parent %u)\n", p->pid, p->name_len, p->name,
		       p->state == ZOS_PROC_ALIVE ? "alive" : "zombie", p->parent);
		for (int j = 0; j < ZOS_MAX_SLOTS; j++)
			if (p->slots[j].id)
				printf("      slot %2d: %s %llu rights %x\n", j,
				       zos_obj_type_name(p->slots[j].type), (unsigned long long)p->slots[j].obj_id,
				       p->slots[j].rights);
	}
	for (int i = 0; i < ZOS_MAX_ENDPOINTS; i++)
		if (k.s.eps[i].id)
			printf("  endpoint %llu owner %u queued %u\n", (unsigned long long)k.s.eps[i].id,
			       k.s.eps[i].owner, k.s.eps[i].count);
	return rep.status != ZOS_OK;
}

static void usage(FILE *to)
{
	fprintf(to, "usage: zos-log verify [--key PUBLIC] LOG\n"
		    "       zos-log dump LOG [FROM [TO]]\n"
		    "       zos-log state LOG [SEQ]\n"
		    "Reads a Zero OS commit log (e.g. build/data/commitlog.zlog). verify also\n"
		    "checks LOG.anchor, the anchor of its durable head, when it is there, and\n"
		    "with --key (the machine's public log key, 64 hex digits: DIR/log-key.pub)\n"
		    "every signature: the log is unforged up to its newest signed checkpoint.\n");
}

int main(int argc, char **argv)
{
	uint8_t *buf, pk[32];
	const uint8_t *key = 0;
	size_t len = 0;
	int r;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc >= 5 && !strcmp(argv[1], "verify") && !strcmp(argv[2], "--key")) {
		if (strlen(argv[3]) != 64 || zos_hex_decode(pk, 32, argv[3], 64) != 0) {
			fprintf(stderr, "zos-log: --key wants the public log key as 64 hex digits "
					"(DIR/log-key.pub), not '%s'\n", argv[3]);
			return 2;
		}
		key = pk;
		argv[3] = argv[1]; /* "verify", then LOG as without --key */
		argv += 2;
		argc -= 2;
	}
	if (argc < 3) {
		usage(stderr);
		return 2;
	}
	buf = read_file(argv[2], &len);
	if (!buf)
		return 2;
	if (!strcmp(argv[1], "verify"))
		r = verify(argv[2], key, buf, len);
	else if (!strcmp(argv[1], "dump"))
		r = dump(buf, len, argc > 3 ? strtoull(argv[3], 0, 10) : 0,
			 argc > 4 ? strtoull(argv[4], 0, 10) : ~0ull);
	else if (!strcmp(argv[1], "state"))
		r = state(buf, len, argc > 3 ? strtoull(argv[3], 0, 10) : ~0ull);
	else {
		usage(stderr);
		r = 2;
	}
	free(buf);
	return r;
}
