/*
 * The anchor of the durable head (axiom/anchor.h): its slot encoding, the
 * choice between its two slots, the group commit that writes it, and the
 * boot that checks a log against it. A log that lost or changed anything a
 * flush made durable must be refused with the first missing seq; a log
 * longer than its anchor, or one from before anchors, must boot.
 */
#include <zos/error.h>

#include "axiom/anchor.h"
#include "axiom/frame.h"
#include "axiom/replay.h"
#include "harness.h"
#include "support/fake_platform.h"

static void test_slot_round_trip_and_damage(void)
{
	struct log_anchor a = { .seq = 0x0102030405060708ull }, b;
	uint8_t slot[ZOS_ANCHOR_SLOT_SIZE];

	for (int i = 0; i < ZOS_HASH_SIZE; i++)
		a.hash[i] = (uint8_t)(i * 7 + 1);
	anchor_encode(&a, slot);
	CHECK_EQ(anchor_decode(slot, &b), ZOS_OK);
	CHECK_EQ(b.seq, a.seq);
	CHECK_MEM(b.hash, a.hash, ZOS_HASH_SIZE);
	for (uint32_t i = 0; i < ZOS_ANCHOR_SLOT_SIZE; i++) {
		slot[i] ^= 0x10;
		CHECK_EQ(anchor_decode(slot, &b), ZOS_ERR_CORRUPT);
		slot[i] ^= 0x10;
	}
}

static void test_pick_between_slots(void)
{
	uint8_t slots[ZOS_ANCHOR_SLOTS][ZOS_ANCHOR_SLOT_SIZE];
	struct log_anchor a = { .seq = 10 }, b = { .seq = 11 }, got;

	memset(slots, 0, sizeof slots);
	CHECK_EQ(anchor_pick((const uint8_t(*)[ZOS_ANCHOR_SLOT_SIZE])slots, &got), ZOS_ERR_NOT_FOUND);
	anchor_encode(&a, slots[anchor_slot_for(a.seq)]);
	CHECK_EQ(anchor_pick((const uint8_t(*)[ZOS_ANCHOR_SLOT_SIZE])slots, &got), ZOS_OK);
	CHECK_EQ(got.seq, 10);
	CHECK(anchor_slot_for(a.seq) != anchor_slot_for(b.seq));
	anchor_encode(&b, slots[anchor_slot_for(b.seq)]);
	CHECK_EQ(anchor_pick((const uint8_t(*)[ZOS_ANCHOR_SLOT_SIZE])slots, &got), ZOS_OK);
	CHECK_EQ(got.seq, 11);
	/* the newer slot torn mid-write: the older one stands */
	slots[anchor_slot_for(b.seq)][20] ^= 1;
	CHECK_EQ(anchor_pick((const uint8_t(*)[ZOS_ANCHOR_SLOT_SIZE])slots, &got), ZOS_OK);
	CHECK_EQ(got.seq, 10);
	/* both damaged: not "never written" */
	slots[anchor_slot_for(a.seq)][3] ^= 1;
	CHECK_EQ(anchor_pick((const uint8_t(*)[ZOS_ANCHOR_SLOT_SIZE])slots, &got), ZOS_ERR_CORRUPT);
}

/* A platform whose system made some commits durable, and the log it
 * left: its bytes and the end of each record. */
struct history {
	struct fake_platform f;
	struct zos_system *s;     /* a later boot's, when it started */
	struct replay_report rep; /* of that boot */
	uint8_t *log;
	size_t len;
	size_t ends[4096];
	uint32_t n;
};

static struct history *history_new(void)
{
	struct history *h = calloc(1, sizeof *h);
	struct zos_system *s;
	size_t pos = 0;
	const uint8_t *rec;
	uint32_t n;

	fake_init(&h->f);
	fake_keep_anchor(&h->f);
	s = fake_system(&h->f);
	for (int i = 0; i < 5; i++)
		CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	CHECK_EQ(system_flush(s), ZOS_OK);
	h->len = h->f.durable_len;
	h->log = malloc(h->len);
	memcpy(h->log, h->f.log, h->len);
	fake_system_free(s);
	h->f.log_len = h->f.durable_len = 0; /* the next boot writes its own copy */
	while (h->n < 4096 && frame_next(h->log, h->len, &pos, &rec, &n) == FRAME_OK)
		h->ends[h->n++] = pos;
	return h;
}

/* Boots a new System on the first len bytes of the log. */
static int history_boot(struct history *h, size_t len)
{
	if (h->s)
		fake_system_free(h->s);
	h->s = 0;
	h->f.log_len = 0;
	return fake_system_boot(&h->f, len ? h->log : 0, len, &h->s, &h->rep);
}

/* Stores a as the only anchor. */
static void history_anchor(struct history *h, const struct log_anchor *a)
{
	memset(h->f.anchor_slots, 0, sizeof h->f.anchor_slots);
	if (a)
		anchor_encode(a, h->f.anchor_slots[0]);
}

static void history_free(struct history *h)
{
	if (h->s)
		fake_system_free(h->s);
	free(h->log);
	fake_free(&h->f);
	free(h);
}

static void test_flush_writes_the_anchor(void)
{
	struct history *h = history_new();
	struct log_anchor a;
	struct replay_report rep;

	CHECK(h->f.anchors > 0);
	CHECK_EQ(h->f.sink.read_anchor(&h->f, &a), ZOS_OK);
	CHECK_EQ(replay_records(0, h->log, h->len, &rep), ZOS_OK);
	CHECK_EQ(a.seq, rep.next_seq - 1);
	CHECK_MEM(a.hash, rep.head, ZOS_HASH_SIZE);
	history_free(h);
}

static void test_boot_checks_the_anchor(void)
{
	struct history *h = history_new();

	CHECK_EQ(history_boot(h, h->len), ZOS_OK);
	CHECK_EQ(h->rep.anchor, REPLAY_ANCHOR_CHECKED);
	CHECK_EQ(h->rep.anchor_seq, h->rep.next_seq - 1);
	history_free(h);
}

static void test_cut_at_a_record_boundary_is_refused(void)
{
	struct history *h = history_new();

	CHECK(h->n > 10);
	for (uint32_t keep = 1; keep < h->n; keep++) {
		CHECK_EQ(history_boot(h, h->ends[keep - 1]), ZOS_ERR_CORRUPT);
		CHECK_EQ(h->rep.bad_seq, keep); /* seqs 0..keep-1 are there: keep is missing */
		CHECK_EQ(h->rep.anchor, REPLAY_ANCHOR_FAILED);
	}
	history_free(h);
}

static void test_cut_inside_an_acknowledged_record_is_refused(void)
{
	struct history *h = history_new();

	/* what a torn tail looks like, but inside what was made durable */
	CHECK_EQ(history_boot(h, h->ends[h->n - 3] + 5), ZOS_ERR_CORRUPT);
	CHECK_EQ(h->rep.bad_seq, h->n - 2);
	history_free(h);
}

static void test_empty_log_with_an_anchor_is_refused(void)
{
	struct history *h = history_new();

	CHECK_EQ(history_boot(h, 0), ZOS_ERR_CORRUPT);
	CHECK_EQ(h->rep.anchor, REPLAY_ANCHOR_FAILED);
	CHECK(h->f.log_len == 0); /* no Genesis was written over it */
	history_free(h);
}

static void test_a_log_longer_than_its_anchor_boots(void)
{
	struct history *h = history_new();
	struct replay_report rep;
	struct log_anchor a;

	/* the power went between the log's flush and the anchor's: the anchor
	 * is a few commits behind */
	CHECK_EQ(replay_records(0, h->log, h->ends[h->n - 4], &rep), ZOS_OK);
	a.seq = rep.next_seq - 1;
	memcpy(a.hash, rep.head, ZOS_HASH_SIZE);
	history_anchor(h, &a);
	CHECK_EQ(history_boot(h, h->len), ZOS_OK);
	CHECK_EQ(h->rep.anchor, REPLAY_ANCHOR_CHECKED);
	history_free(h);
}

static void test_another_commit_at_the_anchor_is_refused(void)
{
	struct history *h = history_new();
	struct log_anchor a;

	CHECK_EQ(h->f.sink.read_anchor(&h->f, &a), ZOS_OK);
	a.hash[0] ^= 1; /* the anchored commit was another one */
	history_anchor(h, &a);
	CHECK_EQ(history_boot(h, h->len), ZOS_ERR_CORRUPT);
	CHECK_EQ(h->rep.bad_seq, a.seq);
	history_free(h);
}

static void test_no_anchor_yet_boots_and_says_so(void)
{
	struct history *h = history_new();
	struct log_anchor a;

	history_anchor(h, 0);
	CHECK_EQ(history_boot(h, h->len), ZOS_OK);
	CHECK_EQ(h->rep.anchor, REPLAY_ANCHOR_ABSENT);
	CHECK_EQ(system_flush(h->s), ZOS_OK);
	CHECK_EQ(h->f.sink.read_anchor(&h->f, &a), ZOS_OK); /* anchored from now on */
	history_free(h);
}

static void test_a_failed_anchor_write_stops_the_log(void)
{
	struct fake_platform f;
	struct zos_system *s;

	fake_init(&f);
	fake_keep_anchor(&f);
	s = fake_system(&f);
	CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	f.fail_anchor = 1;
	CHECK(system_flush(s) != ZOS_OK);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_LOG_FAILED);
	fake_system_free(s);
	fake_free(&f);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	harness_run("slot_round_trip_and_damage", test_slot_round_trip_and_damage);
	harness_run("pick_between_slots", test_pick_between_slots);
	harness_run("flush_writes_the_anchor", test_flush_writes_the_anchor);
	harness_run("boot_checks_the_anchor", test_boot_checks_the_anchor);
	harness_run("cut_at_a_record_boundary_is_refused", test_cut_at_a_record_boundary_is_refused);
	harness_run("cut_inside_an_acknowledged_record_is_refused",
		    test_cut_inside_an_acknowledged_record_is_refused);
	harness_run("empty_log_with_an_anchor_is_refused", test_empty_log_with_an_anchor_is_refused);
	harness_run("a_log_longer_than_its_anchor_boots", test_a_log_longer_than_its_anchor_boots);
	harness_run("another_commit_at_the_anchor_is_refused", test_another_commit_at_the_anchor_is_refused);
	harness_run("no_anchor_yet_boots_and_says_so", test_no_anchor_yet_boots_and_says_so);
	harness_run("a_failed_anchor_write_stops_the_log", test_a_failed_anchor_write_stops_the_log);
	return harness_finish("anchor");
}
