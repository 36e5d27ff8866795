/*
 * The signed log (axiom/log_sign.h, the LogSigned commit): a log the
 * machine's key signed verifies with its public key; a commit rewritten
 * with every later hash, link and frame checksum recomputed (so the chain
 * alone cannot tell) is caught at the first signature after it, by a
 * verifier with the key and by the boot; another machine's key verifies
 * nothing; and a signature out of its place is refused.
 */
#include <zos/error.h>

#include "axiom/frame.h"
#include "axiom/log_sign.h"
#include "axiom/replay.h"
#include "harness.h"
#include "lib/commit_codec.h"
#include "support/record.h"

#define MAX_COMMITS 8192

static zos_commit_t commits[MAX_COMMITS];
static uint32_t ncommits;
static uint8_t pk[ZOS_LOG_PUBLIC_KEY_SIZE];
static struct kernel k;

/* A recorded log (checkpoints every 64 commits, so several signatures). */
static void record(uint8_t **log, size_t *len)
{
	static struct recording rec;
	uint8_t seed[32];
	struct log_key key;
	size_t pos = 0;
	const uint8_t *r;
	uint32_t n;

	CHECK_EQ(recording_start(&rec, WORKLOAD_EVERY_CALL, 77, 64), ZOS_OK);
	CHECK_EQ(recording_run_until(&rec, 2000), ZOS_OK);
	*len = rec.fp.log_len;
	*log = malloc(*len);
	memcpy(*log, rec.fp.log, *len);
	recording_free(&rec);
	memset(seed, FAKE_LOG_KEY_SEED, sizeof seed);
	log_key_from_seed(&key, seed);
	memcpy(pk, key.pk, sizeof pk);
	ncommits = 0;
	while (ncommits < MAX_COMMITS && frame_next(*log, *len, &pos, &r, &n) == FRAME_OK)
		CHECK_EQ(commit_decode(r, n, &commits[ncommits++]), ZOS_OK);
}

/* The commits framed again into a fresh buffer. */
static uint8_t *reframe(size_t *len)
{
	uint8_t *out = malloc((size_t)ncommits * (ZOS_FRAME_HEADER_SIZE + ZOS_COMMIT_MAX_ENCODED));
	uint8_t enc[ZOS_COMMIT_MAX_ENCODED];

	*len = 0;
	for (uint32_t i = 0; i < ncommits; i++) {
		int n = commit_encode(&commits[i], enc, sizeof enc);
		CHECK(n > 0);
		*len += (size_t)frame_write(enc, (uint32_t)n, out + *len, ZOS_FRAME_HEADER_SIZE + (size_t)n);
	}
	return out;
}

/* Rewrites commit i with f, then re-chains every commit from it on. */
static void forge(uint32_t i, void (*f)(zos_commit_t *))
{
	f(&commits[i]);
	for (uint32_t j = i; j < ncommits; j++) {
		if (j)
			memcpy(commits[j].prev, commits[j - 1].hash, ZOS_HASH_SIZE);
		commit_hash(&commits[j], commits[j].hash);
	}
}

static uint32_t first_signed_after(uint32_t i)
{
	while (i < ncommits && commits[i].type != ZOS_COMMIT_LOG_SIGNED)
		i++;
	return i;
}

static void test_a_signed_log_verifies_with_its_key(void)
{
	struct replay_report rep;
	struct replay_opts o = { .probe_seq = UINT64_MAX, .log_pk = pk };
	uint8_t *log;
	size_t len;

	record(&log, &len);
	CHECK_EQ(replay_records_opts(&k, log, len, &o, &rep), ZOS_OK);
	CHECK(rep.signatures_verified >= 10);
	CHECK_EQ(rep.signatures_verified, rep.signatures);
	CHECK(rep.signed_any);
	CHECK(rep.signed_upto + 64 + 2 >= rep.next_seq); /* the newest checkpoint is recent */
	free(log);
}

static void touch_timestamp(zos_commit_t *c)
{
	c->timestamp ^= 1; /* any change: the hash chain alone cannot tell */
}

static void test_a_rechained_rewrite_is_caught_at_the_next_signature(void)
{
	struct replay_report rep;
	struct replay_opts o = { .probe_seq = UINT64_MAX, .log_pk = pk };
	uint8_t *log, *forged;
	size_t len, flen;
	uint32_t at = 500, sig;

	record(&log, &len);
	forge(at, touch_timestamp);
	forged = reframe(&flen);
	sig = first_signed_after(at);
	CHECK(sig < ncommits);
	/* the chain is whole again: without the key nothing is wrong */
	CHECK_EQ(replay_records(&k, forged, flen, &rep), ZOS_OK);
	/* with the key, the first signature after the rewrite fails */
	CHECK_EQ(replay_records_opts(&k, forged, flen, &o, &rep), ZOS_ERR_CORRUPT);
	CHECK_EQ(rep.bad_seq, commits[sig].seq);
	free(forged);
	free(log);
}

static void test_the_boot_refuses_a_rechained_rewrite(void)
{
	struct fake_platform f;
	struct zos_system *s;
	struct replay_report rep;
	uint8_t *log, *forged;
	size_t len, flen;

	record(&log, &len);
	forge(700, touch_timestamp);
	forged = reframe(&flen);
	fake_init(&f);
	CHECK_EQ(fake_system_boot(&f, forged, flen, &s, &rep), ZOS_ERR_CORRUPT);
	CHECK_EQ(rep.bad_seq, commits[first_signed_after(700)].seq);
	/* the log as it was boots */
	CHECK_EQ(fake_system_boot(&f, log, len, &s, &rep), ZOS_OK);
	CHECK(rep.signatures_verified > 0);
	fake_system_free(s);
	fake_free(&f);
	free(forged);
	free(log);
}

static void test_another_key_verifies_nothing(void)
{
	struct replay_report rep;
	uint8_t other[32];
	struct replay_opts o = { .probe_seq = UINT64_MAX, .log_pk = other };
	uint8_t *log;
	size_t len;

	record(&log, &len);
	memcpy(other, pk, sizeof other);
	other[0] ^= 1;
	CHECK_EQ(replay_records_opts(&k, log, len, &o, &rep), ZOS_ERR_CORRUPT);
	CHECK_EQ(rep.bad_seq, commits[first_signed_after(0)].seq);
	free(log);
}

static void move_signature(zos_commit_t *c)
{
	c->u.log_signed.seq -= 1; /* claims to sign an earlier commit */
}

static void test_a_signature_out_of_place_is_refused(void)
{
	struct replay_report rep;
	uint8_t *log, *forged;
	size_t len, flen;
	uint32_t sig;

	record(&log, &len);
	sig = first_signed_after(0);
	forge(sig, move_signature);
	forged = reframe(&flen);
	CHECK_EQ(replay_records(&k, forged, flen, &rep), ZOS_ERR_CORRUPT);
	CHECK_EQ(rep.bad_seq, commits[sig].seq);
	free(forged);
	free(log);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	harness_run("a_signed_log_verifies_with_its_key", test_a_signed_log_verifies_with_its_key);
	harness_run("a_rechained_rewrite_is_caught_at_the_next_signature",
		    test_a_rechained_rewrite_is_caught_at_the_next_signature);
	harness_run("the_boot_refuses_a_rechained_rewrite", test_the_boot_refuses_a_rechained_rewrite);
	harness_run("another_key_verifies_nothing", test_another_key_verifies_nothing);
	harness_run("a_signature_out_of_place_is_refused", test_a_signature_out_of_place_is_refused);
	return harness_finish("log_sign");
}
