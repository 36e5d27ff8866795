/*
 * Axiom: the commit encoding, the CommitLog chain, SysLog, the gateway's
 * bookkeeping, the fatal log failure, and boot across epochs.
 */
#include "support/testbed.h"

#include "lib/commit_codec.h"
#include "axiom/frame.h"
#include "axiom/state_hash.h"

/* One commit of each type with every field set to something non-zero. */
static void sample(zos_commit_t *c, uint16_t type)
{
	memset(c, 0, sizeof *c);
	c->type = type;
	c->seq = 41;
	c->timestamp = 0x1122334455667788ull;
	c->caused_by = 9;
	memset(c->prev, 0xA5, sizeof c->prev);
	switch (type) {
	case ZOS_COMMIT_GENESIS: c->u.genesis.abi_version = ZOS_ABI_VERSION; break;
	case ZOS_COMMIT_BOOT: c->u.boot.epoch = 3; break;
	case ZOS_COMMIT_PROCESS_CREATED:
		c->u.process_created = (struct zos_c_process_created){ 7, 1, 3, "vfs" };
		break;
	case ZOS_COMMIT_PROCESS_EXITED: c->u.process_exited = (struct zos_c_process_exited){ 7, -5 }; break;
	case ZOS_COMMIT_PROCESS_KILLED: c->u.process_killed = (struct zos_c_process_killed){ 7, 1 }; break;
	case ZOS_COMMIT_PROCESS_FAULTED:
		c->u.process_faulted = (struct zos_c_process_faulted){ 7, 1, 9, "segfault!" };
		break;
	case ZOS_COMMIT_ENDPOINT_CREATED:
		c->u.endpoint_created = (struct zos_c_endpoint_created){ 1ull << 40, 3 };
		break;
	case ZOS_COMMIT_ENDPOINT_DESTROYED: c->u.endpoint_destroyed.id = 12; break;
	case ZOS_COMMIT_CAP_INSERTED:
		c->u.cap_inserted = (struct zos_c_cap_inserted){ 2, 3, 4, 1, 5, 7, 6, 99 };
		break;
	case ZOS_COMMIT_CAP_REMOVED: c->u.cap_removed = (struct zos_c_cap_removed){ 2, 63 }; break;
	case ZOS_COMMIT_CAP_GRANTED:
		c->u.cap_granted = (struct zos_c_cap_granted){ 1, 2, 3, 4, 5, 6 };
		break;
	case ZOS_COMMIT_CAP_DERIVED:
		c->u.cap_derived = (struct zos_c_cap_derived){ 1, 2, 3, 4, 5, 6 };
		break;
	case ZOS_COMMIT_CAP_REVOKED: c->u.cap_revoked = (struct zos_c_cap_revoked){ 1, 2 }; break;
	case ZOS_COMMIT_MESSAGE_SENT:
		c->u.message_sent = (struct zos_c_message_sent){
			2, 8, 0x8010, 4096, 2, { { 5, 7, 100 }, { 6, 2, 101 } } };
		break;
	case ZOS_COMMIT_MESSAGE_RECEIVED:
		c->u.message_received = (struct zos_c_message_received){ 3, 8, 2, { 9, 10 } };
		break;
	case ZOS_COMMIT_CHECKPOINT: memset(c->u.checkpoint.state_hash, 0x3C, 32); break;
	}
	commit_hash(c, c->hash);
}

static void test_codec_round_trip_every_type(void)
{
	for (uint16_t t = 0; t < ZOS_COMMIT_TYPE_COUNT; t++) {
		zos_commit_t c, d;
		uint8_t buf[ZOS_COMMIT_MAX_ENCODED];
		int n;
		sample(&c, t);
		n = commit_encode(&c, buf, sizeof buf);
		CHECK(n >= ZOS_COMMIT_HEADER_SIZE + ZOS_HASH_SIZE);
		CHECK_EQ(commit_decode(buf, (size_t)n, &d), 0);
		CHECK_EQ(memcmp(&c, &d, sizeof c), 0);
		/* strict: one byte more or less never decodes */
		CHECK_EQ(commit_decode(buf, (size_t)n - 1, &d), ZOS_ERR_CORRUPT);
		buf[n] = 0;
		CHECK_EQ(commit_decode(buf, (size_t)n + 1, &d), ZOS_ERR_CORRUPT);
	}
}

static void test_codec_is_canonical_little_endian(void)
{
	zos_commit_t c;
	uint8_t buf[ZOS_COMMIT_MAX_ENCODED];

	sample(&c, ZOS_COMMIT_BOOT);
	CHECK_EQ(commit_encode(&c, buf, sizeof buf), ZOS_COMMIT_HEADER_SIZE + 8 + ZOS_HASH_SIZE);
	CHECK_EQ(buf[0], ZOS_COMMIT_BOOT);
	CHECK_EQ(buf[1], 0);
	CHECK_EQ(buf[2], 8); /* payload length */
	CHECK_EQ(buf[4], 41); /* seq */
	CHECK_EQ(buf[12], 0x88); /* timestamp, low byte first */
	CHECK_EQ(buf[60], 3); /* epoch */
}

static void test_codec_rejects_bad_fields(void)
{
	zos_commit_t c, d;
	uint8_t buf[ZOS_COMMIT_MAX_ENCODED];
	int n;

	sample(&c, ZOS_COMMIT_PROCESS_CREATED);
	n = commit_encode(&c, buf, sizeof buf);
	buf[60 + 8] = ZOS_NAME_MAX + 1; /* name length out of range */
	CHECK_EQ(commit_decode(buf, (size_t)n, &d), ZOS_ERR_CORRUPT);
	sample(&c, ZOS_COMMIT_BOOT);
	n = commit_encode(&c, buf, sizeof buf);
	buf[0] = 200; /* unknown type */
	CHECK_EQ(commit_decode(buf, (size_t)n, &d), ZOS_ERR_CORRUPT);
	sample(&c, ZOS_COMMIT_MESSAGE_SENT);
	c.u.message_sent.ncaps = 5;
	CHECK(commit_encode(&c, buf, sizeof buf) < 0);
	sample(&c, ZOS_COMMIT_MESSAGE_SENT);
	CHECK_EQ(commit_encode(&c, buf, 20), ZOS_ERR_BUFFER_TOO_SMALL);
}

static void test_hash_covers_every_field(void)
{
	zos_commit_t c;
	uint8_t base[32], h[32];

	sample(&c, ZOS_COMMIT_CAP_INSERTED);
	commit_hash(&c, base);
	c.seq++;
	commit_hash(&c, h);
	CHECK(memcmp(base, h, 32) != 0);
	sample(&c, ZOS_COMMIT_CAP_INSERTED);
	c.prev[31] ^= 1;
	commit_hash(&c, h);
	CHECK(memcmp(base, h, 32) != 0);
	sample(&c, ZOS_COMMIT_CAP_INSERTED);
	c.u.cap_inserted.rights ^= 1;
	commit_hash(&c, h);
	CHECK(memcmp(base, h, 32) != 0);
	sample(&c, ZOS_COMMIT_CAP_INSERTED);
	c.caused_by++;
	commit_hash(&c, h);
	CHECK(memcmp(base, h, 32) != 0);
}

static void test_gateway_logs_every_syscall(void)
{
	struct zos_system *s = boot();
	uint64_t before = s->ax.syslog.next_id, seq = s->ax.log.next_seq;
	const struct sysevent *req, *rsp;

	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DELETE, 50, 0, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(s->ax.syslog.next_id, before + 2);
	CHECK_EQ(s->ax.log.next_seq, seq); /* a refused call changes nothing */
	req = syslog_find(&s->ax.syslog, before);
	rsp = syslog_find(&s->ax.syslog, before + 1);
	CHECK(req && rsp);
	CHECK_EQ(req->kind, SYSEVENT_REQUEST);
	CHECK_EQ(req->num, ZOS_SYS_CAP_DELETE);
	CHECK_EQ(req->args[0], 50);
	CHECK_EQ(rsp->kind, SYSEVENT_RESPONSE);
	CHECK_EQ(rsp->request_id, before);
	CHECK_EQ(rsp->result, ZOS_ERR_INVALID_SLOT);
	/* a successful one: its commits name the request that caused them */
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	CHECK(ep >= 0);
	CHECK_EQ(s->ax.log.next_seq, seq + 2);
	const zos_commit_t *c = commitlog_at(&s->ax.log, s->ax.log.count - 1);
	CHECK_EQ(c->type, ZOS_COMMIT_CAP_INSERTED);
	CHECK_EQ(c->caused_by, before + 2);
	/* platform calls are logged too */
	sc0(s, 1, ZOS_SYS_TIME, 0, 0, 0);
	CHECK_EQ(syslog_find(&s->ax.syslog, before + 4)->num, ZOS_SYS_TIME);
	uint64_t bad;
	CHECK_EQ(commitlog_verify(&s->ax.log, &bad), 0);
	fake_system_free(s);
}

static void test_syslog_ring_trims_oldest(void)
{
	static struct sysevent ring[10];
	struct syslog l;
	uint64_t args[4] = { 1, 2, 3, 4 };

	syslog_init(&l, ring, 10);
	for (int i = 0; i < 25; i++)
		syslog_request(&l, 1, ZOS_SYS_YIELD, args, (uint64_t)i);
	CHECK_EQ(l.count, 10);
	CHECK_EQ(l.trimmed, 15);
	CHECK_EQ(syslog_at(&l, 0)->id, 16);
	CHECK_EQ(syslog_at(&l, 9)->id, 25);
	CHECK(syslog_find(&l, 15) == 0);
	CHECK_EQ(syslog_find(&l, 20)->timestamp, 19);
	CHECK(syslog_at(&l, 10) == 0);
}

static void test_syslog_default_trims_at_ten_thousand(void)
{
	struct zos_system *s = boot();
	for (int i = 0; i < 6000; i++)
		sc0(s, 1, ZOS_SYS_YIELD, 0, 0, 0);
	CHECK_EQ(s->ax.syslog.count, ZOS_SYSLOG_DEFAULT);
	CHECK_EQ(s->ax.syslog.trimmed, 2000);
	fake_system_free(s);
}

static void test_window_keeps_newest_and_verifies(void)
{
	static zos_commit_t win[4];
	struct commitlog l;
	zos_commit_t c;
	uint64_t bad = 0;

	commitlog_init(&l, win, 4, 0);
	sample(&c, ZOS_COMMIT_BOOT);
	CHECK_EQ(commitlog_append(&l, &c), ZOS_ERR_INVALID_ARGUMENT); /* Genesis first */
	sample(&c, ZOS_COMMIT_GENESIS);
	CHECK_EQ(commitlog_append(&l, &c), 0);
	for (int i = 0; i < 9; i++) {
		sample(&c, ZOS_COMMIT_CHECKPOINT);
		CHECK_EQ(commitlog_append(&l, &c), 0);
	}
	sample(&c, ZOS_COMMIT_GENESIS);
	CHECK_EQ(commitlog_append(&l, &c), ZOS_ERR_INVALID_ARGUMENT); /* only first */
	CHECK_EQ(l.count, 4);
	CHECK_EQ(commitlog_at(&l, 0)->seq, 6);
	CHECK_EQ(commitlog_verify(&l, &bad), 0);
	win[(l.start + 2) % 4].u.checkpoint.state_hash[0] ^= 1;
	CHECK_EQ(commitlog_verify(&l, &bad), ZOS_ERR_CORRUPT);
	CHECK_EQ(bad, 8);
}

static void test_failed_write_stops_the_log(void)
{
	struct zos_system *s = boot();
	uint64_t seq = s->ax.log.next_seq;
	uint8_t before[32], after[32];

	fp.fail_write = 1;
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_LOG_FAILED);
	state_hash(&s->k.s, before);
	/* every later state change is refused, even once the disk "recovers" */
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_LOG_FAILED);
	CHECK_EQ(spawn_child(s, 1, SPAWN, "x"), ZOS_ERR_LOG_FAILED);
	state_hash(&s->k.s, after);
	CHECK_EQ(memcmp(before, after, 32), 0);
	CHECK_EQ(s->ax.log.next_seq, seq);
	CHECK_EQ(system_flush(s), ZOS_ERR_LOG_FAILED);
	/* reads still answer */
	CHECK(sc0(s, 1, ZOS_SYS_TIME, 0, 0, 0) > 0);
	fake_system_free(s);
}

static void test_failed_flush_is_never_retried(void)
{
	struct zos_system *s = boot();
	int flushes;

	CHECK_EQ(system_flush(s), 0);
	flushes = fp.flushes;
	CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	fp.fail_flush = 1;
	CHECK_EQ(system_flush(s), ZOS_ERR_LOG_FAILED);
	CHECK_EQ(system_flush(s), ZOS_ERR_LOG_FAILED);
	CHECK_EQ(fp.flushes, flushes); /* the sink was not asked again */
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_LOG_FAILED);
	/* what reached the disk is a valid log up to the last good flush */
	struct replay_report rep;
	static struct kernel k;
	CHECK_EQ(replay_records(&k, fp.log, fp.durable_len, &rep), 0);
	fake_system_free(s);
}

static void test_reboot_continues_one_chain(void)
{
	struct zos_system *s = boot(), *s2, *s3;
	struct replay_report rep;
	uint8_t *copy;
	size_t len;
	uint8_t h[32];

	CHECK(spawn_child(s, 1, SPAWN, "vfs") >= 0);
	CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	uint64_t seq = s->ax.log.next_seq;
	len = fp.log_len;
	copy = malloc(len);
	memcpy(copy, fp.log, len);
	CHECK_EQ(fake_system_boot(&fp, copy, len, &s2, &rep), 0);
	CHECK_EQ(rep.status, 0);
	CHECK_EQ(rep.commits, seq);
	CHECK_EQ(rep.epochs, 1);
	CHECK(!rep.torn);
	/* the new boot continues the chain: Boot commit, Init again as pid 1 */
	CHECK_EQ(s2->k.s.epoch, 1);
	CHECK(kernel_proc(&s2->k.s, 1) != 0);
	CHECK(kernel_proc(&s2->k.s, 2) == 0);
	/* Boot, ProcessCreated, a cap per device, the inbox and its two caps */
	CHECK_EQ(s2->ax.log.next_seq, seq + 1 + 1 + ZOS_DEV_COUNT + 3);
	CHECK_EQ(spawn_child(s2, 1, SPAWN, "vfs"), ZOS_PACK_SLOT_ID(INIT_SLOTS, 2));
	/* a third boot replays both epochs */
	free(copy);
	len = fp.log_len;
	copy = malloc(len);
	memcpy(copy, fp.log, len);
	CHECK_EQ(fake_system_boot(&fp, copy, len, &s3, &rep), 0);
	CHECK_EQ(rep.epochs, 2);
	state_hash(&s2->k.s, h);
	/* replaying everything reproduces the second boot's final state */
	static struct kernel k;
	CHECK_EQ(replay_and_verify(&k, copy, len, h, &rep), 0);
	free(copy);
	fake_system_free(s);
	fake_system_free(s2);
	fake_system_free(s3);
}

static void test_corrupt_log_is_refused_and_not_extended(void)
{
	struct zos_system *s = boot(), *s2;
	struct replay_report rep;
	size_t len = fp.log_len, before;
	uint8_t *copy = malloc(len);

	memcpy(copy, fp.log, len);
	copy[len / 2] ^= 0x40;
	before = fp.log_len;
	CHECK_EQ(fake_system_boot(&fp, copy, len, &s2, &rep), ZOS_ERR_CORRUPT);
	CHECK_EQ(rep.status, ZOS_ERR_CORRUPT);
	CHECK(rep.reason != 0);
	CHECK_EQ(fp.log_len, before); /* nothing appended */
	free(copy);
	fake_system_free(s);
}

/* A torn last record is cut off before Boot is appended. */
static void test_boot_cuts_a_torn_tail(void)
{
	struct zos_system *s = boot(), *s2;
	struct replay_report rep;
	size_t good;

	CHECK(sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHT_WRITE, 0) >= 0);
	good = fp.log_len;
	CHECK(sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHT_WRITE, 0) >= 0); /* one commit */
	fp.log_len -= 5; /* the power went out inside the last record */
	CHECK_EQ(fake_system_boot(&fp, fp.log, fp.log_len, &s2, &rep), 0);
	CHECK(rep.torn);
	CHECK_EQ(rep.good_bytes, good);
	CHECK_EQ(fp.truncations, 1);
	/* the log is whole again: it replays cleanly, Boot included */
	static struct kernel k;
	CHECK_EQ(replay_records(&k, fp.log, fp.log_len, &rep), 0);
	CHECK(!rep.torn);
	CHECK_EQ(rep.epochs, 2);
	fake_system_free(s);
	fake_system_free(s2);
}

static void test_fault_reclaims_like_exit(void)
{
	struct zos_system *s = boot();
	int64_t r = spawn_child(s, 1, SPAWN, "crashy");
	uint32_t pid = ZOS_UNPACK_ID(r);
	const char *why;

	CHECK(sc0(s, pid, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	CHECK_EQ(system_fault(s, pid, 1, "page fault at 0x0", 17), 0);
	CHECK_EQ(kernel_proc(&s->k.s, pid)->state, ZOS_PROC_ZOMBIE);
	CHECK_EQ(system_fault(s, pid, 1, "again", 5), ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK_EQ(system_fault(s, 0, 1, "kernel", 6), ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK_EQ(check_invariants(&s->k.s, &why), 0);
	const zos_commit_t *c = commitlog_at(&s->ax.log, s->ax.log.count - 1);
	CHECK_EQ(c->type, ZOS_COMMIT_PROCESS_FAULTED);
	CHECK_EQ(c->u.process_faulted.desc_len, 17);
	fake_system_free(s);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_codec_round_trip_every_type);
	RUN(test_codec_is_canonical_little_endian);
	RUN(test_codec_rejects_bad_fields);
	RUN(test_hash_covers_every_field);
	RUN(test_gateway_logs_every_syscall);
	RUN(test_syslog_ring_trims_oldest);
	RUN(test_syslog_default_trims_at_ten_thousand);
	RUN(test_window_keeps_newest_and_verifies);
	RUN(test_failed_write_stops_the_log);
	RUN(test_failed_flush_is_never_retried);
	RUN(test_reboot_continues_one_chain);
	RUN(test_corrupt_log_is_refused_and_not_extended);
	RUN(test_boot_cuts_a_torn_tail);
	RUN(test_fault_reclaims_like_exit);
	fake_free(&fp);
	return harness_finish("axiom");
}
