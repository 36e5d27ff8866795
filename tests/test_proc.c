/*
 * Process syscalls through the whole System: EXIT, KILL, REGISTER_PROCESS,
 * SPAWN_PROCESS, PS, and what happens to a dead or bogus caller. Each error
 * path is checked for its exact code.
 */
#include "support/testbed.h"

static uint32_t ps(struct zos_system *s, uint32_t pid, struct zos_ps_entry *e, uint32_t max)
{
	int64_t r = sc_out(s, pid, ZOS_SYS_PS, 0, 0, e, max * (uint32_t)sizeof *e, 0);
	return r < 0 ? 0 : (uint32_t)r;
}

static void test_genesis_has_kernel_and_init(void)
{
	struct zos_system *s = boot();
	struct zos_ps_entry e[8];
	struct zos_cap_info caps[8];
	int64_t n = ps(s, ZOS_PID_INIT, e, 8);

	CHECK_EQ(n, 2);
	CHECK_EQ(e[0].pid, ZOS_PID_KERNEL);
	CHECK_EQ(e[1].pid, ZOS_PID_INIT);
	CHECK_EQ(e[1].parent, ZOS_PID_KERNEL);
	CHECK(memcmp(e[1].name, "init", 4) == 0 && e[1].name_len == 4);
	CHECK_EQ(e[1].state, ZOS_PROC_ALIVE);
	n = sc_out(s, ZOS_PID_INIT, ZOS_SYS_CAP_LIST, 0, 0, caps, sizeof caps, 0);
	CHECK_EQ(n, INIT_SLOTS);
	CHECK_EQ(caps[ZOS_INIT_INBOX_SLOT].obj_type, ZOS_OBJ_ENDPOINT);
	CHECK_EQ(caps[CONSOLE].obj_type, ZOS_OBJ_CONSOLE);
	CHECK_EQ(caps[SPAWN].obj_type, ZOS_OBJ_SPAWN);
	CHECK_EQ(caps[ZOS_INIT_DEVICE_SLOT(ZOS_DEV_STORAGE)].obj_id, ZOS_DEV_STORAGE);
	CHECK_EQ(caps[SPAWN].rights, ZOS_RIGHTS_ALL);
	CHECK_EQ(fp.n_spawned, 1);
	CHECK_EQ(fp.spawned[0], ZOS_PID_INIT);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_unknown_syscall(void)
{
	struct zos_system *s = boot();
	CHECK_EQ(sc0(s, ZOS_PID_INIT, 0x6F, 0, 0, 0), ZOS_ERR_UNKNOWN_SYSCALL);
	CHECK_EQ(sc0(s, ZOS_PID_INIT, 0xFFFFFFFF, 0, 0, 0), ZOS_ERR_UNKNOWN_SYSCALL);
	fake_system_free(s);
}

static void test_bogus_and_kernel_callers_refused(void)
{
	struct zos_system *s = boot();
	CHECK_EQ(sc0(s, 99, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK_EQ(sc0(s, 99, ZOS_SYS_TIME, 0, 0, 0), ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK_EQ(sc0(s, ZOS_PID_KERNEL, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_PROCESS_NOT_FOUND);
	fake_system_free(s);
}

static void test_spawn_gives_parent_a_process_cap(void)
{
	struct zos_system *s = boot();
	int64_t r = spawn_child(s, ZOS_PID_INIT, SPAWN, "vfs");
	struct zos_cap_info info;
	struct zos_ps_entry e[8];

	CHECK(r >= 0);
	CHECK_EQ(ZOS_UNPACK_ID(r), 2);
	CHECK_EQ(ZOS_UNPACK_SLOT(r), INIT_SLOTS);
	CHECK_EQ(sc_out(s, ZOS_PID_INIT, ZOS_SYS_CAP_INSPECT, ZOS_UNPACK_SLOT(r), 0, &info,
			sizeof info, 0),
		 0);
	CHECK_EQ(info.obj_type, ZOS_OBJ_PROCESS);
	CHECK_EQ(info.obj_id, 2);
	CHECK_EQ(fp.spawned[fp.n_spawned - 1], 2);
	CHECK_EQ(ps(s, ZOS_PID_INIT, e, 8), 3);
	CHECK_EQ(e[2].parent, ZOS_PID_INIT);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_spawn_needs_the_spawn_authority(void)
{
	struct zos_system *s = boot();
	int64_t child = spawn_child(s, ZOS_PID_INIT, SPAWN, "app");
	uint32_t pid = ZOS_UNPACK_ID(child);

	CHECK_EQ(spawn_child(s, pid, 0, "evil"), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(spawn_child(s, ZOS_PID_INIT, CONSOLE, "x"), ZOS_ERR_WRONG_TYPE);
	/* a read-only derived spawn cap may load binaries but not spawn */
	int64_t ro = sc0(s, ZOS_PID_INIT, ZOS_SYS_CAP_DERIVE, SPAWN, ZOS_RIGHT_READ, 0);
	CHECK(ro >= 0);
	CHECK_EQ(spawn_child(s, ZOS_PID_INIT, (uint32_t)ro, "x"), ZOS_ERR_INSUFFICIENT_RIGHTS);
	fake_system_free(s);
}

static void test_spawn_rejects_malformed_input(void)
{
	struct zos_system *s = boot();
	uint8_t in[16] = { 0 };
	uint32_t big = 100, three = 3;

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SPAWN_PROCESS, SPAWN, 0, 0, in, 2), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SPAWN_PROCESS, SPAWN, 0, 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	memcpy(in, &big, 4);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SPAWN_PROCESS, SPAWN, 0, 0, in, 16), ZOS_ERR_INVALID_ARGUMENT);
	memcpy(in, &three, 4);
	memcpy(in + 4, "abc", 3);
	/* name but no binary */
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SPAWN_PROCESS, SPAWN, 0, 0, in, 7), ZOS_ERR_INVALID_ARGUMENT);
	/* names with spaces or control bytes, or too long */
	CHECK_EQ(spawn_child(s, 1, SPAWN, "a b"), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(spawn_child(s, 1, SPAWN, "abcdefghijklmnopqrstuvwxyz0123456"),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK(spawn_child(s, 1, SPAWN, "abcdefghijklmnopqrstuvwxyz012345") >= 0);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_REGISTER_PROCESS, SPAWN, 0, 0, "", 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_REGISTER_PROCESS, SPAWN, 0, 0, "t\n", 2),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_register_process_records_without_starting(void)
{
	struct zos_system *s = boot();
	uint32_t spawned = fp.n_spawned;
	int64_t r = sc_in(s, 1, ZOS_SYS_REGISTER_PROCESS, SPAWN, 0, 0, "worker", 6);

	CHECK(r >= 0);
	CHECK_EQ(ZOS_UNPACK_ID(r), 2);
	CHECK_EQ(fp.n_spawned, spawned);
	CHECK(kernel_proc(&s->k.s, 2) != 0);
	fake_system_free(s);
}

/* Register, set up its caps, then start it: the child runs with its
 * CSpace already in place. */
static void test_register_then_start(void)
{
	struct zos_system *s = boot();
	int64_t r = sc_in(s, 1, ZOS_SYS_REGISTER_PROCESS, SPAWN, 0, 0, "svc", 3);
	uint32_t pslot = ZOS_UNPACK_SLOT(r), pid = ZOS_UNPACK_ID(r);
	uint8_t in[16];
	uint32_t three = 3;
	uint32_t spawned = fp.n_spawned;

	memcpy(in, &three, 4);
	memcpy(in + 4, "svcBIN", 6);
	CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT_FOR, pslot, 0, 0) >= 0);
	CHECK_EQ(fp.n_spawned, spawned);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SPAWN_PROCESS, SPAWN, ZOS_SPAWN_START, pslot, in, 10),
		 ZOS_PACK_SLOT_ID(pslot, pid));
	CHECK_EQ(fp.n_spawned, spawned + 1);
	CHECK_EQ(fp.spawned[spawned], pid);
	/* the name must be the process's own; the flag must be known */
	memcpy(in + 4, "xyzBIN", 6);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SPAWN_PROCESS, SPAWN, ZOS_SPAWN_START, pslot, in, 10),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SPAWN_PROCESS, SPAWN, 7, pslot, in, 10),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SPAWN_PROCESS, SPAWN, ZOS_SPAWN_START, CONSOLE, in, 10),
		 ZOS_ERR_WRONG_TYPE);
	/* a failed START does not fault the process */
	fp.fail_spawn = 1;
	memcpy(in + 4, "svcBIN", 6);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SPAWN_PROCESS, SPAWN, ZOS_SPAWN_START, pslot, in, 10),
		 ZOS_ERR_SPAWN_FAILED);
	CHECK_EQ(kernel_proc(&s->k.s, pid)->state, ZOS_PROC_ALIVE);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_spawn_failure_leaves_a_faulted_zombie(void)
{
	struct zos_system *s = boot();
	struct zos_ps_entry e[8];

	fp.fail_spawn = 1;
	CHECK_EQ(spawn_child(s, 1, SPAWN, "broken"), ZOS_ERR_SPAWN_FAILED);
	CHECK_EQ(ps(s, 1, e, 8), 3);
	CHECK_EQ(e[2].state, ZOS_PROC_ZOMBIE);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_exit_reclaims_endpoints_and_caps(void)
{
	struct zos_system *s = boot();
	uint32_t child = ZOS_UNPACK_ID(spawn_child(s, 1, SPAWN, "svc"));
	uint32_t pslot = INIT_SLOTS;
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT_FOR, pslot, 0, 0);
	struct zos_ps_entry e[8];

	CHECK(ep >= 0);
	CHECK_EQ(sc0(s, child, ZOS_SYS_EXIT, 7, 0, 0), 0);
	CHECK_EQ(ps(s, 1, e, 8), 3);
	CHECK_EQ(e[2].state, ZOS_PROC_ZOMBIE);
	CHECK_EQ(e[2].exit_code, 7);
	/* its endpoint died with it, and with it Init's cap to the endpoint */
	CHECK(kernel_endpoint(&s->k.s, ZOS_UNPACK_ID(ep)) == 0);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_SEND, ZOS_UNPACK_SLOT(ep), 1, 0), ZOS_ERR_INVALID_SLOT);
	/* a zombie can do nothing */
	CHECK_EQ(sc0(s, child, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK_EQ(sc0(s, child, ZOS_SYS_YIELD, 0, 0, 0), ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_kill_through_a_process_cap(void)
{
	struct zos_system *s = boot();
	int64_t r = spawn_child(s, 1, SPAWN, "victim");
	uint32_t slot = ZOS_UNPACK_SLOT(r), pid = ZOS_UNPACK_ID(r);
	int64_t ro = sc0(s, 1, ZOS_SYS_CAP_DERIVE, slot, ZOS_RIGHT_READ, 0);

	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, 63, 0, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, 1000, 0, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, CONSOLE, 0, 0), ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, (uint64_t)ro, 0, 0), ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, slot, 0, 0), 0);
	CHECK_EQ(fp.n_ended, 1);
	CHECK_EQ(fp.ended[0], pid);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, slot, 0, 0), ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_kill_with_expired_cap(void)
{
	struct zos_system *s = boot();
	int64_t r = spawn_child(s, 1, SPAWN, "victim");
	uint64_t soon = fp.now + 5000;
	int64_t tmp = sc0(s, 1, ZOS_SYS_CAP_DERIVE, ZOS_UNPACK_SLOT(r), ZOS_RIGHTS_ALL, soon);

	CHECK(tmp >= 0);
	fp.now += 1000000;
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, (uint64_t)tmp, 0, 0), ZOS_ERR_EXPIRED);
	fake_system_free(s);
}

static void test_full_process_table_then_zombie_reuse(void)
{
	struct zos_system *s = boot();
	int64_t first = spawn_child(s, 1, SPAWN, "first"), r;
	int n = 1;

	/* Init keeps only the first child's cap, so its CSpace never fills and
	 * the process table (pid 0 and Init take two entries) is the limit. */
	for (;;) {
		r = spawn_child(s, 1, SPAWN, "p");
		if (r < 0)
			break;
		CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DELETE, ZOS_UNPACK_SLOT(r), 0, 0), 0);
		n++;
	}
	CHECK_EQ(r, ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(n, ZOS_MAX_PROCS - 2);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, ZOS_UNPACK_SLOT(first), 0, 0), 0);
	/* the zombie's entry is reused, and Init's cap to it disappears */
	r = spawn_child(s, 1, SPAWN, "q");
	CHECK(r >= 0);
	CHECK(kernel_proc(&s->k.s, ZOS_UNPACK_ID(first)) == 0);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, ZOS_UNPACK_SLOT(first), 0, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_ps_buffer_too_small_says_how_much(void)
{
	struct zos_system *s = boot();
	struct zos_ps_entry e[1];
	uint32_t need = 0;

	CHECK_EQ(sc_out(s, 1, ZOS_SYS_PS, 0, 0, e, sizeof e, &need), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(need, 2 * sizeof(struct zos_ps_entry));
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_PS, 0, 0, 0, 0, &need), ZOS_ERR_BUFFER_TOO_SMALL);
	fake_system_free(s);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_genesis_has_kernel_and_init);
	RUN(test_unknown_syscall);
	RUN(test_bogus_and_kernel_callers_refused);
	RUN(test_spawn_gives_parent_a_process_cap);
	RUN(test_spawn_needs_the_spawn_authority);
	RUN(test_spawn_rejects_malformed_input);
	RUN(test_register_process_records_without_starting);
	RUN(test_register_then_start);
	RUN(test_spawn_failure_leaves_a_faulted_zombie);
	RUN(test_exit_reclaims_endpoints_and_caps);
	RUN(test_kill_through_a_process_cap);
	RUN(test_kill_with_expired_cap);
	RUN(test_full_process_table_then_zombie_reuse);
	RUN(test_ps_buffer_too_small_says_how_much);
	fake_free(&fp);
	return harness_finish("proc");
}
