/*
 * Platform-class syscalls: the kernel checks the device capability, the HAL
 * does the work. Console, binaries, storage, keystore, network, time and
 * entropy, each with the wrong device, missing rights and bad arguments.
 */
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

static void test_devices_are_not_interchangeable(void)
{
	struct zos_system *s = boot();
	int64_t ro = sc0(s, 1, ZOS_SYS_CAP_DERIVE, SLOT(STORAGE), ZOS_RIGHT_READ, 0);

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), 0, 0, "k", 1),
		 1000 + ZOS_SYS_STORAGE_READ);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(KEYSTORE), 0, 0, "k", 1), ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_KEYSTORE_READ, SLOT(STORAGE), 0, 0, "k", 1), ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_KEYSTORE_WRITE, SLOT(KEYSTORE), 0, 0, "k", 1),
		 1000 + ZOS_SYS_KEYSTORE_WRITE);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_NETWORK_FETCH, SLOT(NETWORK), 0, 0, "{}", 2),
		 1000 + ZOS_SYS_NETWORK_FETCH);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_NETWORK_FETCH, SLOT(CONSOLE), 0, 0, "{}", 2), ZOS_ERR_WRONG_TYPE);
	/* read-only storage: reads yes, writes no */
	CHECK(sc_in(s, 1, ZOS_SYS_STORAGE_EXISTS, (uint64_t)ro, 0, 0, "k", 1) > 0);
	CHECK(sc_in(s, 1, ZOS_SYS_STORAGE_LIST, (uint64_t)ro, 0, 0, "k", 1) > 0);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_WRITE, (uint64_t)ro, 0, 0, "k", 1),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_DELETE, (uint64_t)ro, 0, 0, "k", 1),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_BATCH_WRITE, (uint64_t)ro, 0, 0, "k", 1),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
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
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_STORAGE_READ, SLOT(STORAGE), 0, 0, "k", 1),
		 ZOS_ERR_NOT_SUPPORTED);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_LOAD_BINARY, SLOT(SPAWN), 0, 0, "vfs", 3),
		 ZOS_ERR_NOT_SUPPORTED);
	fake_system_free(s);
}

int main(void)
{
	RUN(test_console_write);
	RUN(test_a_child_without_devices_gets_nothing);
	RUN(test_devices_are_not_interchangeable);
	RUN(test_load_binary);
	RUN(test_random_and_clocks);
	RUN(test_missing_hal_operations_are_not_supported);
	fake_free(&fp);
	return harness_finish("platform-calls");
}
