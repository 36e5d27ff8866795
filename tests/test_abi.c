/*
 * The ABI headers: within each namespace no two constants share a value and
 * no two share a name; errors are negative; rights are single bits; the
 * counts declared beside the lists match them. Every list is read through
 * its own X-macro, so a constant added to a header is checked here with no
 * list to keep in step.
 */
#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/commit.h>
#include <zos/error.h>
#include <zos/fault.h>
#include <zos/msg.h>
#include <zos/pid.h>
#include <zos/syscall.h>

#include "harness.h"

struct constant {
	const char *name;
	long long value;
};

static void check_unique(const char *space, const struct constant *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (c[i].value == c[j].value)
				harness_fail(__FILE__, __LINE__, "%s: %s and %s are both %lld", space,
					     c[i].name, c[j].name, c[i].value);
			if (strcmp(c[i].name, c[j].name) == 0)
				harness_fail(__FILE__, __LINE__, "%s: %s twice", space, c[i].name);
		}
}

#define ROW2(name, value) { #name, (long long)(value) },
#define ROW3(name, value, x) { #name, (long long)(value) },
#define CHECK_SPACE(space, list, row)                                        \
	do {                                                                 \
		static const struct constant c_[] = { list(row) };           \
		check_unique(space, c_, sizeof c_ / sizeof c_[0]);           \
	} while (0)

static void test_no_collisions_in_any_namespace(void)
{
	CHECK_SPACE("syscalls", ZOS_SYSCALL_LIST, ROW3);
	CHECK_SPACE("errors", ZOS_ERROR_LIST, ROW3);
	CHECK_SPACE("object types", ZOS_OBJ_TYPE_LIST, ROW2);
	CHECK_SPACE("rights", ZOS_RIGHTS_LIST, ROW2);
	CHECK_SPACE("devices", ZOS_DEVICE_LIST, ROW3);
	CHECK_SPACE("pids", ZOS_PID_LIST, ROW2);
	CHECK_SPACE("process states", ZOS_PROC_STATE_LIST, ROW2);
	CHECK_SPACE("commit types", ZOS_COMMIT_TYPE_LIST, ROW2);
	CHECK_SPACE("fault reasons", ZOS_FAULT_LIST, ROW2);
	CHECK_SPACE("init messages", ZOS_MSG_INIT_LIST, ROW2);
	CHECK_SPACE("supervisor messages", ZOS_MSG_SUPERVISOR_LIST, ROW2);
	CHECK_SPACE("permission messages", ZOS_MSG_PERMISSION_LIST, ROW2);
	CHECK_SPACE("revoke reasons", ZOS_REVOKE_REASON_LIST, ROW2);
	CHECK_SPACE("app messages", ZOS_MSG_APP_LIST, ROW2);
	CHECK_SPACE("device messages", ZOS_MSG_DEVICE_LIST, ROW2);
	CHECK_SPACE("storage results", ZOS_STORAGE_RESULT_LIST, ROW2);
	CHECK_SPACE("identity messages", ZOS_MSG_IDENTITY_LIST, ROW2);
	CHECK_SPACE("vfs messages", ZOS_MSG_VFS_LIST, ROW2);
	CHECK_SPACE("time messages", ZOS_MSG_TIME_LIST, ROW2);
	CHECK_SPACE("network messages", ZOS_MSG_NETWORK_LIST, ROW2);
	CHECK_SPACE("keystore messages", ZOS_MSG_KEYSTORE_LIST, ROW2);
}

static void test_errors_are_negative_and_named(void)
{
	static const struct constant errs[] = { ZOS_ERROR_LIST(ROW3) };
	for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++) {
		CHECK(errs[i].value < 0);
		CHECK(zos_error_name(errs[i].value) != 0);
		CHECK(zos_error_message(errs[i].value) != 0);
	}
	CHECK_EQ(ZOS_ERR_NOT_SUPPORTED, -3); /* the seed's value */
}

static void test_every_syscall_and_commit_is_named(void)
{
	static const struct constant sys[] = { ZOS_SYSCALL_LIST(ROW3) };
	static const struct constant com[] = { ZOS_COMMIT_TYPE_LIST(ROW2) };
	for (size_t i = 0; i < sizeof sys / sizeof sys[0]; i++)
		CHECK(strcmp(zos_syscall_name((uint32_t)sys[i].value), sys[i].name) == 0);
	for (size_t i = 0; i < sizeof com / sizeof com[0]; i++)
		CHECK(strcmp(zos_commit_type_name((uint32_t)com[i].value), com[i].name) == 0);
	CHECK_EQ(sizeof com / sizeof com[0], ZOS_COMMIT_TYPE_COUNT);
}

static void test_rights_are_single_bits(void)
{
	static const struct constant r[] = { ZOS_RIGHTS_LIST(ROW2) };
	long long all = 0;
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
		CHECK(r[i].value && (r[i].value & (r[i].value - 1)) == 0);
		all |= r[i].value;
	}
	CHECK_EQ(all, ZOS_RIGHTS_ALL);
}

static void test_devices_match_their_count_and_init_slots(void)
{
	static const struct constant d[] = { ZOS_DEVICE_LIST(ROW3) };
	CHECK_EQ(sizeof d / sizeof d[0], ZOS_DEV_COUNT);
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
		CHECK(ZOS_INIT_DEVICE_SLOT(d[i].value) < ZOS_DEV_COUNT);
}

static void test_well_known_numbers(void)
{
	/* a sample of the seed's numbers that must never move */
	CHECK_EQ(ZOS_SYS_SEND, 0x40);
	CHECK_EQ(ZOS_SYS_SPAWN_PROCESS, 0x17);
	CHECK_EQ(ZOS_SYS_NETWORK_FETCH, 0x90);
	CHECK_EQ(ZOS_PID_VFS, 3);
	CHECK_EQ(ZOS_PID_TIME, 6);
	CHECK_EQ(ZOS_MSG_INIT_REGISTER_SERVICE, 0x1000);
	CHECK_EQ(ZOS_MSG_VFS_WRITE, 0x8010);
	CHECK_EQ(ZOS_MSG_PERM_CAP_REVOKED, 0x3010);
	CHECK_EQ(ZOS_OBJ_CONSOLE, 6);
}

int main(void)
{
	RUN(test_no_collisions_in_any_namespace);
	RUN(test_errors_are_negative_and_named);
	RUN(test_every_syscall_and_commit_is_named);
	RUN(test_rights_are_single_bits);
	RUN(test_devices_match_their_count_and_init_slots);
	RUN(test_well_known_numbers);
	return harness_finish("abi");
}
