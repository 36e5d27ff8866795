/*
 * Platform-class syscalls: the kernel checks the device capability, the HAL
 * does the work. Console, binaries, storage, keystore, network, time and
 * entropy, each with the wrong device, missing rights and bad arguments.
 */
#include <zos/msg.h>

#include "lib/commit_codec.h"
#include "support/testbed.h"

#define SLOT(d) ZOS_INIT_DEVICE_SLOT(ZOS_DEV_##d)

static void test_console_write(void)
{
	struct zos_system *s = boot();
	int64_t ro = sc0(s, 1, ZOS_SYS_CAP_DERIVE, SLOT(CONSOLE), ZOS_RIGHT_READ, 0);

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, SLOT(CONSOLE), 0, 0, "zero", 4), 4);
	CHECK(fp.console_len == 4 && memcmp(fp.console, "zero", 4) == 0);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, SLOT(STORAGE), 0, 0, "x", 1), ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, (uint64_t)ro, 0, 0, "x", 1),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, 33, 0, 0, "x", 1), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, ~0ull, 0, 0, "x", 1), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, SLOT(CONSOLE), 0, 0, 0, 5),
		 ZOS_ERR_INVALID_ARGUMENT);
	/* regression (found by fuzz_system): an empty write with no buffer */
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, SLOT(CONSOLE), 0, 0, 0, 0), 0);
	fake_system_free(s);
}

static void test_a_child_without_devices_gets_nothing(void)
{
	struct zos_system *s = boot();
	uint32_t c = ZOS_UNPACK_ID(spawn_child(s, 1, SLOT(SPAWN), "app"));

	CHECK_EQ(sc_in(s, c, ZOS_SYS_CONSOLE_WRITE, 0, 0, 0, "x", 1), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc_in(s, c, ZOS_SYS_STORAGE_READ, 0, 0, 0, "k", 1), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc_in(s, c, ZOS_SYS_LOAD_BINARY, 0, 0, 0, "vfs", 3), ZOS_ERR_INVALID_SLOT);
	/* ambient calls need no capability */
	CHECK(sc0(s, c, ZOS_SYS_TIME, 0, 0, 0) > 0);
	CHECK_EQ(sc0(s, c, ZOS_SYS_YIELD, 0, 0, 0), 0);
	fake_system_free(s);
}

/* Init's own endpoint (its inbox) serves as the reply endpoint. */
#define REPLY ZOS_INIT_INBOX_SLOT

static void test_devices_are_not_interchangeable(void)
{
	struct zos_system *s = boot();
	int64_t ro = sc0(s, 1, ZOS_SYS_CAP_DERIVE, SLOT(STORAGE), ZOS_RIGHT_READ, 0);

	CHECK(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), REPLY, 0, "k", 1) > 0);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(KEYSTORE), REPLY, 0, "k", 1),
		 ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_KEYSTORE_READ, SLOT(STORAGE), REPLY, 0, "k", 1),
		 ZOS_ERR_WRONG_TYPE);
	CHECK(sc_in(s, 1, ZOS_SYS_KEYSTORE_WRITE, SLOT(KEYSTORE), REPLY, 0, "k", 1) > 0);
	CHECK(sc_in(s, 1, ZOS_SYS_NETWORK_FETCH, SLOT(NETWORK), REPLY, 0, "{}", 2) > 0);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_NETWORK_FETCH, SLOT(CONSOLE), REPLY, 0, "{}", 2),
		 ZOS_ERR_WRONG_TYPE);
	/* read-only storage: reads yes, writes no */
	CHECK(sc_in(s, 1, ZOS_SYS_STORAGE_EXISTS, (uint64_t)ro, REPLY, 0, "k", 1) > 0);
	CHECK(sc_in(s, 1, ZOS_SYS_STORAGE_LIST, (uint64_t)ro, REPLY, 0, "k", 1) > 0);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_WRITE, (uint64_t)ro, REPLY, 0, "k", 1),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_DELETE, (uint64_t)ro, REPLY, 0, "k", 1),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_BATCH_WRITE, (uint64_t)ro, REPLY, 0, "k", 1),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_device_result_reaches_the_reply_endpoint(void)
{
	struct zos_system *s = boot();
	struct {
		struct zos_msg_header h;
		struct zos_device_result r;
		char data[16];
	} m;
	struct zos_device_result res = { 0, ZOS_STORAGE_RES_READ_OK, 0, 0, 0 };
	uint8_t body[sizeof res + 5];
	int64_t id = sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), REPLY, 0, "key", 3);

	CHECK(id > 0);
	CHECK_EQ(fp.n_requests, 1);
	CHECK_EQ(fp.requests[0].request, id);
	CHECK_EQ(fp.requests[0].pid, 1);
	res.request = (uint32_t)id;
	memcpy(body, &res, sizeof res);
	memcpy(body + sizeof res, "value", 5);
	CHECK_EQ(system_device_done(s, (uint64_t)id, ZOS_MSG_DEV_STORAGE_RESULT, body, sizeof body), 0);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RECV, REPLY, 0, &m, sizeof m, 0), sizeof body);
	CHECK_EQ(m.h.sender, ZOS_PID_KERNEL);
	CHECK_EQ(m.h.tag, ZOS_MSG_DEV_STORAGE_RESULT);
	CHECK_EQ(m.r.request, id);
	CHECK(memcmp(m.data, "value", 5) == 0);
	/* the request is used up */
	CHECK_EQ(system_device_done(s, (uint64_t)id, ZOS_MSG_DEV_STORAGE_RESULT, body, sizeof body),
		 ZOS_ERR_NOT_FOUND);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_device_request_error_paths(void)
{
	struct zos_system *s = boot();
	int64_t ro_ep = sc0(s, 1, ZOS_SYS_CAP_DERIVE, REPLY, ZOS_RIGHT_READ, 0);
	int64_t n = 0, r;

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), 60, 0, "k", 1),
		 ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), SLOT(CONSOLE), 0, "k", 1),
		 ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), (uint64_t)ro_ep, 0, "k", 1),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	/* a refusing HAL leaves nothing pending */
	fp.fail_device = 1;
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), REPLY, 0, "k", 1), ZOS_ERR_IO);
	CHECK_EQ(kernel_proc(&s->k.s, 0)->slots[1].id, 0);
	fp.fail_device = 0;
	/* pending requests are bounded by pid 0's CSpace */
	while ((r = sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), REPLY, 0, "k", 1)) > 0)
		n++;
	CHECK_EQ(r, ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(n, ZOS_MAX_SLOTS - 1);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

/* A result that comes back after its requester died is dropped; it never
 * reaches a later requester, even one whose request took the same slot. */
static void test_late_result_never_reaches_someone_else(void)
{
	struct zos_system *s = boot();
	int64_t r = spawn_child(s, 1, SLOT(SPAWN), "vfs");
	uint32_t vfs = ZOS_UNPACK_ID(r);
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT_FOR, ZOS_UNPACK_SLOT(r), 0, 0);
	int64_t dev = sc0(s, 1, ZOS_SYS_CAP_GRANT, SLOT(STORAGE), ZOS_UNPACK_SLOT(r), ZOS_RIGHTS_ALL);
	struct {
		struct zos_msg_header h;
		uint8_t rest[64];
	} m;

	CHECK(ep >= 0 && dev >= 0);
	int64_t old = sc_in(s, vfs, ZOS_SYS_STORAGE_READ, (uint64_t)dev, 0, 0, "k", 1);
	CHECK(old > 0);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, ZOS_UNPACK_SLOT(r), 0, 0), 0);
	int64_t fresh = sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), REPLY, 0, "k", 1);
	CHECK(fresh > 0 && fresh != old);
	CHECK_EQ(system_device_done(s, (uint64_t)old, ZOS_MSG_DEV_STORAGE_RESULT, 0, 0),
		 ZOS_ERR_NOT_FOUND);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RECV, REPLY, 0, &m, sizeof m, 0), ZOS_ERR_WOULD_BLOCK);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_kernel_sends_to_init_inbox(void)
{
	struct zos_system *s = boot();
	struct {
		struct zos_msg_header h;
		char data[8];
	} m;

	CHECK_EQ(system_kernel_send(s, ZOS_KERNEL_INIT_SLOT, 0x2001, (const uint8_t *)"ls\n", 3), 0);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RECV, ZOS_INIT_INBOX_SLOT, 0, &m, sizeof m, 0), 3);
	CHECK_EQ(m.h.sender, 0);
	CHECK_EQ(m.h.tag, 0x2001);
	/* pid 0 may only send through caps it holds */
	CHECK_EQ(system_kernel_send(s, 7, 1, 0, 0), ZOS_ERR_INVALID_SLOT);
	fake_system_free(s);
}

static void test_load_binary(void)
{
	struct zos_system *s = boot();
	uint8_t bin[16];
	uint32_t len = 0;
	zos_syscall_t sc = { .num = ZOS_SYS_LOAD_BINARY, .arg = { SLOT(SPAWN) },
			     .in = (const uint8_t *)"vfs", .in_len = 3, .out = bin, .out_cap = 16 };
	int64_t r;

	CHECK_EQ(system_syscall(s, 1, &sc, &r), SYS_DONE);
	CHECK_EQ(r, 4);
	CHECK_EQ(sc.out_len, 4);
	CHECK(memcmp(bin, "\x7f" "ELF", 4) == 0);
	sc.in = (const uint8_t *)"none";
	sc.in_len = 4;
	system_syscall(s, 1, &sc, &r);
	CHECK_EQ(r, ZOS_ERR_NOT_FOUND);
	sc.in_len = 0;
	system_syscall(s, 1, &sc, &r);
	CHECK_EQ(r, ZOS_ERR_INVALID_ARGUMENT);
	(void)len;
	fake_system_free(s);
}

static void test_random_and_clocks(void)
{
	struct zos_system *s = boot();
	uint8_t buf[32];
	uint32_t need = 0;

	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RANDOM, 32, 0, buf, sizeof buf, 0), 32);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RANDOM, 64, 0, buf, sizeof buf, &need), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(need, 64);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RANDOM, 1u << 20, 0, buf, sizeof buf, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	int64_t t1 = sc0(s, 1, ZOS_SYS_TIME, 0, 0, 0), t2 = sc0(s, 1, ZOS_SYS_TIME, 0, 0, 0);
	CHECK(t2 > t1);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_WALLCLOCK, 0, 0, 0), 1700000000000ll);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_DEBUG, 0, 0, 0, "dbg", 3), 0);
	fake_system_free(s);
}

static void test_missing_hal_operations_are_not_supported(void)
{
	struct zos_system *s = boot();
	fp.hal.random = 0;
	fp.hal.wallclock_ms = 0;
	fp.hal.device_request = 0;
	fp.hal.load_binary = 0;
	uint8_t b[4];
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RANDOM, 4, 0, b, 4, 0), ZOS_ERR_NOT_SUPPORTED);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_WALLCLOCK, 0, 0, 0), ZOS_ERR_NOT_SUPPORTED);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), REPLY, 0, "k", 1),
		 ZOS_ERR_NOT_SUPPORTED);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_LOAD_BINARY, SLOT(SPAWN), 0, 0, "vfs", 3),
		 ZOS_ERR_NOT_SUPPORTED);
	fake_system_free(s);
}

static void test_audit_needs_the_audit_device(void)
{
	struct zos_system *s = boot();
	uint32_t c = ZOS_UNPACK_ID(spawn_child(s, 1, SLOT(SPAWN), "app"));
	int64_t wo = sc0(s, 1, ZOS_SYS_CAP_DERIVE, SLOT(AUDIT), ZOS_RIGHT_WRITE, 0);
	uint8_t out[64];

	CHECK_EQ(sc_out(s, c, ZOS_SYS_AUDIT_COMMITS, 0, 5, out, sizeof out, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_COMMITS, SLOT(STORAGE), 5, out, sizeof out, 0),
		 ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_SYSLOG, (uint64_t)wo, 5, out, sizeof out, 0),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	fake_system_free(s);
}

static void test_audit_reads_commits_events_and_caps(void)
{
	struct zos_system *s = boot();
	static uint8_t out[8192];
	struct zos_audit_event ev[4];
	struct zos_cap_info caps[8];
	struct zos_audit_verify v;
	uint32_t len = 0, need = 0;
	zos_commit_t c;
	uint32_t child = ZOS_UNPACK_ID(spawn_child(s, 1, SLOT(SPAWN), "app"));
	uint64_t next = s->ax.log.next_seq;

	/* the last 3 commits, oldest first, each u16 length + encoding */
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_COMMITS, SLOT(AUDIT), 3, out, sizeof out, &len), 3);
	uint32_t l0 = out[0] | out[1] << 8;
	CHECK_EQ(commit_decode(out + 2, l0, &c), 0);
	CHECK_EQ(c.seq, next - 3);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_COMMITS, SLOT(AUDIT), 3, out, 10, &need),
		 ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(need, len);
	/* the newest events: the request for this very call comes last */
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_SYSLOG, SLOT(AUDIT), 4, ev, sizeof ev, 0), 4);
	CHECK_EQ(ev[3].kind, 1);
	CHECK_EQ(ev[3].num, ZOS_SYS_AUDIT_SYSLOG);
	/* another process's capabilities */
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_CAPS, SLOT(AUDIT), child, caps, sizeof caps, 0), 0);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_CAPS, SLOT(AUDIT), 1, caps, sizeof caps, 0), INIT_SLOTS + 1);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_CAPS, SLOT(AUDIT), 999, caps, sizeof caps, 0),
		 ZOS_ERR_PROCESS_NOT_FOUND);
	/* re-verification: the memory window here; no disk on the fake platform */
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_AUDIT_VERIFY, SLOT(AUDIT), 0, &v, sizeof v, 0), 0);
	CHECK_EQ(v.memory_status, 0);
	CHECK_EQ(v.disk_status, ZOS_ERR_NOT_SUPPORTED);
	CHECK(v.memory_commits > 10);
	fake_system_free(s);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_console_write);
	RUN(test_a_child_without_devices_gets_nothing);
	RUN(test_devices_are_not_interchangeable);
	RUN(test_device_result_reaches_the_reply_endpoint);
	RUN(test_device_request_error_paths);
	RUN(test_late_result_never_reaches_someone_else);
	RUN(test_kernel_sends_to_init_inbox);
	RUN(test_load_binary);
	RUN(test_random_and_clocks);
	RUN(test_missing_hal_operations_are_not_supported);
	RUN(test_audit_needs_the_audit_device);
	RUN(test_audit_reads_commits_events_and_caps);
	fake_free(&fp);
	return harness_finish("platform-calls");
}
