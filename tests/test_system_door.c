/*
 * The System's one door and the policy it owns for every platform: one
 * failure rule (a stopped log refuses every change with LOG_FAILED), one
 * dispatch table generated from ZOS_SYSCALL_LIST, the System's own steps
 * out of a process's reach, the output-commit rule, Init's inbox (notices,
 * back-pressure, console input, "process ended"), when the system stops,
 * and re-verifying the durable log for the audit device.
 */
#include <zos/fault.h>
#include <zos/msg.h>

#include "support/testbed.h"

#define SLOT(d) ZOS_INIT_DEVICE_SLOT(ZOS_DEV_##d)
#define REPLY ZOS_INIT_INBOX_SLOT

struct inbox_msg {
	struct zos_msg_header h;
	uint8_t body[ZOS_MSG_MAX];
};

/* Init takes the next message from its inbox: its tag, or -1 when empty. */
static int64_t init_takes(struct zos_system *s, struct inbox_msg *m)
{
	int64_t r = sc_out(s, ZOS_PID_INIT, ZOS_SYS_RECV, ZOS_INIT_INBOX_SLOT, ZOS_RECV_NONBLOCK, m,
			   sizeof *m, 0);
	return r < 0 ? -1 : (int64_t)m->h.tag;
}

static void stop_the_log(struct zos_system *s)
{
	fp.fail_flush = 1;
	CHECK_EQ(system_flush(s), ZOS_ERR_LOG_FAILED);
}

static void test_a_stopped_log_refuses_every_change(void)
{
	struct zos_system *s = boot();
	uint32_t c = ZOS_UNPACK_ID(spawn_child(s, 1, SPAWN, "app"));
	struct system_status st;
	uint64_t commits;

	stop_the_log(s);
	system_status(s, &st);
	commits = st.commits;
	CHECK(st.log_failed);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_LOG_FAILED);
	CHECK_EQ(sc0(s, c, ZOS_SYS_EXIT, 0, 0, 0), ZOS_ERR_LOG_FAILED);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), REPLY, 0, "k", 1),
		 ZOS_ERR_LOG_FAILED);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, SLOT(CONSOLE), 0, 0, "x", 1), ZOS_ERR_LOG_FAILED);
	CHECK_EQ(system_fault(s, c, ZOS_FAULT_MEMORY, "x", 1), ZOS_ERR_LOG_FAILED);
	CHECK_EQ(system_kernel_send(s, ZOS_KERNEL_INIT_SLOT, 1, 0, 0), ZOS_ERR_LOG_FAILED);
	system_status(s, &st);
	CHECK_EQ(st.commits, commits); /* nothing was appended */
	CHECK(system_alive(s, c));
	/* the platform is told to stop, with the log's exit status */
	CHECK(st.stopping);
	CHECK_EQ(st.exit_code, 3);
	CHECK_CONTAINS(fp.console, "the commit log could not be written");
	fake_system_free(s);
}

/* Every listed syscall reaches its handler, and a process cannot make the
 * System's own steps. */
static void test_each_number_reaches_its_class(void)
{
#define ROW(name, stem, num, cls, dev, right) { num, ZOS_SYSCALL_CLASS_##cls },
	static const struct { uint32_t num; int cls; } rows[] = { ZOS_SYSCALL_LIST(ROW) };
#undef ROW
	struct zos_system *s = boot();

	uint32_t tried = 0;

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int64_t r;
		if (rows[i].num == ZOS_SYS_EXIT)
			continue; /* it would end the caller: it has its own tests */
		/* slot 63 is empty: each call fails, but not as unknown */
		r = sc0(s, 1, rows[i].num, 63, 63, 63);
		if (rows[i].cls == ZOS_SYSCALL_CLASS_S)
			CHECK_EQ(r, ZOS_ERR_UNKNOWN_SYSCALL);
		else if (r == ZOS_ERR_UNKNOWN_SYSCALL)
			harness_fail(__FILE__, __LINE__, "syscall 0x%x has no handler", rows[i].num);
		tried++;
	}
	CHECK_EQ(tried, sizeof rows / sizeof rows[0] - 1);
	CHECK(system_alive(s, 1));
	fake_system_free(s);
	s = boot();
	CHECK_EQ(sc0(s, 1, 0x00, 0, 0, 0), ZOS_ERR_UNKNOWN_SYSCALL);
	CHECK_EQ(sc0(s, 1, 0xEE, 0, 0, 0), ZOS_ERR_UNKNOWN_SYSCALL);
	CHECK_EQ(sc0(s, 1, 0x12345, 0, 0, 0), ZOS_ERR_UNKNOWN_SYSCALL);
	/* pid 0 makes no syscalls through the process door */
	CHECK_EQ(sc0(s, ZOS_PID_KERNEL, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK_EQ(sc0(s, ZOS_PID_KERNEL, ZOS_SYS_KERNEL_FAULT, 1, 1, 0), ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK(system_alive(s, 1));
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_output_waits_for_the_log(void)
{
	struct zos_system *s = boot();
	int flushes;

	CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	CHECK(fp.durable_len < fp.log_len); /* appended, not yet durable */
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, SLOT(CONSOLE), 0, 0, "hi", 2), 2);
	CHECK_EQ(fp.durable_len, fp.log_len);
	/* a read changes nothing outside: it does not wait */
	CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	flushes = fp.flushes;
	CHECK(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), REPLY, 0, "k", 1) > 0);
	CHECK_EQ(fp.flushes, flushes);
	/* a write, and a network request, do */
	CHECK(sc_in(s, 1, ZOS_SYS_STORAGE_WRITE, SLOT(STORAGE), REPLY, 0, "k", 1) > 0);
	CHECK_EQ(fp.flushes, flushes + 1);
	CHECK_EQ(fp.durable_len, fp.log_len);
	CHECK(sc_in(s, 1, ZOS_SYS_NETWORK_FETCH, SLOT(NETWORK), REPLY, 0, "{}", 2) > 0);
	CHECK_EQ(fp.flushes, flushes + 2);
	fake_system_free(s);
}

static void test_an_output_after_a_failed_flush_never_leaves(void)
{
	struct zos_system *s = boot();
	size_t said;

	CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	fp.fail_flush = 1;
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, SLOT(CONSOLE), 0, 0, "LEAK", 4),
		 ZOS_ERR_LOG_FAILED);
	CHECK(!strstr(fp.console, "LEAK"));
	said = fp.console_len;
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_WRITE, SLOT(STORAGE), REPLY, 0, "k", 1),
		 ZOS_ERR_LOG_FAILED);
	CHECK_EQ(fp.n_requests, 0); /* the write never reached the device */
	CHECK_EQ(fp.console_len, said); /* and the failure was said once */
	fake_system_free(s);
}

/* The browser's sink answers later: a flush it accepted can still fail. */
static void test_a_flush_lost_later_stops_the_log(void)
{
	struct zos_system *s = boot();
	struct system_status st;

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, SLOT(CONSOLE), 0, 0, "ok", 2), 2);
	system_log_lost(s, ZOS_ERR_IO);
	system_status(s, &st);
	CHECK(st.log_failed && st.stopping);
	CHECK_EQ(st.exit_code, 3);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_LOG_FAILED);
	CHECK_CONTAINS(fp.console, "the commit log could not be written");
	fake_system_free(s);
}

static void test_the_tail_is_written_within_the_lag(void)
{
	struct zos_system *s = boot();
	uint64_t now;

	system_flush(s);
	CHECK_EQ(system_flush_due(s, fp.now), UINT64_MAX); /* nothing waits */
	CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	now = fp.now;
	CHECK(system_flush_due(s, now) <= ZOS_FLUSH_LAG_NS);
	CHECK(system_flush_due(s, now) > 0);
	CHECK_EQ(system_flush_due(s, now + ZOS_FLUSH_LAG_NS), 0);
	system_flush(s);
	CHECK_EQ(system_flush_due(s, now + ZOS_FLUSH_LAG_NS), UINT64_MAX);
	fake_system_free(s);
}

static void test_init_hears_how_a_process_ended(void)
{
	struct zos_system *s = boot();
	uint32_t a = ZOS_UNPACK_ID(spawn_child(s, 1, SPAWN, "quits"));
	int64_t b = spawn_child(s, 1, SPAWN, "killed");
	uint32_t c = ZOS_UNPACK_ID(spawn_child(s, 1, SPAWN, "crashes"));
	struct zos_process_ended e;
	struct inbox_msg m;

	CHECK_EQ(sc0(s, a, ZOS_SYS_EXIT, 7, 0, 0), ZOS_OK);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, ZOS_UNPACK_SLOT(b), 0, 0), ZOS_OK);
	CHECK_EQ(system_fault(s, c, ZOS_FAULT_MEMORY, "bad", 3), ZOS_OK);
	CHECK_EQ(init_takes(s, &m), -1); /* nothing is sent from inside a syscall */
	CHECK(system_pump(s));
	CHECK_EQ(init_takes(s, &m), ZOS_MSG_SUP_PROCESS_ENDED);
	memcpy(&e, m.body, sizeof e);
	CHECK(e.pid == a && e.code == 7 && !e.fault && !e.killed);
	CHECK_EQ(init_takes(s, &m), ZOS_MSG_SUP_PROCESS_ENDED);
	memcpy(&e, m.body, sizeof e);
	CHECK(e.pid == ZOS_UNPACK_ID(b) && e.code == -1 && e.killed);
	CHECK_EQ(init_takes(s, &m), ZOS_MSG_SUP_PROCESS_ENDED);
	memcpy(&e, m.body, sizeof e);
	CHECK(e.pid == c && e.fault == ZOS_FAULT_MEMORY && !e.killed);
	CHECK_EQ(init_takes(s, &m), -1);
	fake_system_free(s);
}

static void test_notices_wait_for_room_in_order(void)
{
	struct zos_system *s = boot();
	struct inbox_msg m;
	uint32_t n;
	int64_t tag;

	for (n = 0; n < ZOS_QUEUE_DEPTH + 5; n++)
		system_notify_init(s, 0x3000 + n, &n, sizeof n);
	system_pump(s);
	/* the inbox is full: the rest wait, in order */
	for (n = 0; n < ZOS_QUEUE_DEPTH; n++)
		CHECK_EQ(init_takes(s, &m), 0x3000 + n);
	CHECK_EQ(init_takes(s, &m), -1);
	system_pump(s);
	for (; (tag = init_takes(s, &m)) >= 0; n++)
		CHECK_EQ(tag, 0x3000 + n);
	CHECK_EQ(n, ZOS_QUEUE_DEPTH + 5);
	fake_system_free(s);
}

static void test_a_full_notice_queue_drops_and_says_so(void)
{
	struct zos_system *s = boot();
	uint32_t x = 0;

	for (uint32_t i = 0; i < ZOS_INIT_NOTICES + 3; i++)
		system_notify_init(s, 0x3000, &x, sizeof x);
	system_notify_init(s, 0x3000, fp.console, ZOS_INIT_NOTICE_MAX + 1); /* too long: dropped */
	system_pump(s);
	CHECK_CONTAINS(fp.console, "4 notices for init were dropped");
	fake_system_free(s);
}

static void test_console_input_and_its_end(void)
{
	struct zos_system *s = boot();
	static uint8_t big[ZOS_CONSOLE_INPUT_MAX + 10];
	struct inbox_msg m;

	CHECK_EQ(system_console_room(s), ZOS_CONSOLE_INPUT_MAX);
	CHECK_EQ(system_console_input(s, (const uint8_t *)"ls\n", 3), 3);
	CHECK_EQ(system_console_room(s), ZOS_CONSOLE_INPUT_MAX - 3);
	system_console_eof(s);
	CHECK_EQ(system_console_room(s), 0); /* nothing after the end */
	system_pump(s);
	CHECK_EQ(init_takes(s, &m), ZOS_MSG_SUP_CONSOLE_INPUT);
	CHECK(m.h.size == 3 && memcmp(m.body, "ls\n", 3) == 0);
	CHECK_EQ(init_takes(s, &m), -1); /* the end comes after the bytes, on a pump */
	system_pump(s);
	CHECK_EQ(init_takes(s, &m), ZOS_MSG_SUP_CONSOLE_INPUT);
	CHECK_EQ(m.h.size, 0);
	system_pump(s);
	CHECK_EQ(init_takes(s, &m), -1); /* once */
	fake_system_free(s);

	s = boot();
	/* no more than one message's worth is taken */
	CHECK_EQ(system_console_input(s, big, sizeof big), ZOS_CONSOLE_INPUT_MAX);
	CHECK_EQ(system_console_room(s), 0);
	fake_system_free(s);
}

static void test_init_ending_stops_the_system(void)
{
	struct zos_system *s = boot();
	struct system_status st;

	system_status(s, &st);
	CHECK(!st.stopping);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_EXIT, 0, 0, 0), ZOS_OK);
	system_status(s, &st);
	CHECK(st.stopping);
	CHECK_EQ(st.exit_code, 0);
	CHECK_EQ(st.why[0], 0);
	fake_system_free(s);

	s = boot();
	CHECK_EQ(system_fault(s, 1, ZOS_FAULT_MEMORY, "x", 1), ZOS_OK);
	system_status(s, &st);
	CHECK(st.stopping);
	CHECK_EQ(st.exit_code, 1);
	CHECK_CONTAINS(st.why, "init ended");
	fake_system_free(s);
}

static void test_audit_verify_replays_the_durable_log(void)
{
	struct zos_system *s = boot();
	struct zos_audit_verify v;

	fp.readback = 1;
	CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_VERIFY, SLOT(AUDIT), 0, &v, sizeof v, 0), ZOS_OK);
	CHECK_EQ(v.disk_status, ZOS_OK);
	CHECK(v.matches_live);
	CHECK(v.disk_commits > 0);
	/* what is on the disk no longer matches what the system did */
	fp.log[fp.durable_len / 2] ^= 0x40;
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_VERIFY, SLOT(AUDIT), 0, &v, sizeof v, 0),
		 ZOS_ERR_CORRUPT);
	CHECK_EQ(v.disk_status, ZOS_ERR_CORRUPT);
	CHECK(!v.matches_live);
	CHECK(v.reason[0] != 0);
	fp.readback = 0;
	fake_system_free(s);
}

/* regression (the door): a spawn the platform cannot start faults the new
 * process, and Init is told like for any other end. */
static void test_a_spawn_that_cannot_start_is_reported(void)
{
	struct zos_system *s = boot();
	struct inbox_msg m;
	struct zos_process_ended e;
	uint32_t pid;

	fp.fail_spawn = 1;
	CHECK_EQ(spawn_child(s, 1, SPAWN, "nope"), ZOS_ERR_SPAWN_FAILED);
	fp.fail_spawn = 0;
	system_pump(s);
	CHECK_EQ(init_takes(s, &m), ZOS_MSG_SUP_PROCESS_ENDED);
	memcpy(&e, m.body, sizeof e);
	pid = e.pid;
	CHECK_EQ(e.fault, ZOS_FAULT_SPAWN_FAILED);
	CHECK(!system_alive(s, pid));
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_a_stopped_log_refuses_every_change);
	RUN(test_each_number_reaches_its_class);
	RUN(test_output_waits_for_the_log);
	RUN(test_an_output_after_a_failed_flush_never_leaves);
	RUN(test_a_flush_lost_later_stops_the_log);
	RUN(test_the_tail_is_written_within_the_lag);
	RUN(test_init_hears_how_a_process_ended);
	RUN(test_notices_wait_for_room_in_order);
	RUN(test_a_full_notice_queue_drops_and_says_so);
	RUN(test_console_input_and_its_end);
	RUN(test_init_ending_stops_the_system);
	RUN(test_audit_verify_replays_the_durable_log);
	RUN(test_a_spawn_that_cannot_start_is_reported);
	return harness_finish("system-door");
}
