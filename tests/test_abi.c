/*
 * The ABI headers: within each namespace no two constants share a value and
 * no two share a name; errors are negative; rights are single bits; the
 * counts declared beside the lists match them; every value fits the field
 * that carries it across the boundary.
 *
 * Every list is read through its own X-macro, so a constant added to a
 * header is checked here with no list to keep in step; and the test scans
 * include/zos/ for X-macro lists, so a new namespace that is not checked
 * here fails this test instead of going unchecked. (That scan reads
 * the headers relative to the working directory: run from the repository
 * root, as tests/run.sh does.)
 */
#include <dirent.h>

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

#define ROW2(name, value) { #name, (long long)(value) },
#define ROW3(name, value, x) { #name, (long long)(value) },
#define SYSCALL_ROW(name, stem, num, cls, dev, right) { #name, (long long)(num) },
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* One array of constants per X-macro list, named after the list. */
#define ROWS(list, row) static const struct constant list##_rows[] = { list(row) };
ROWS(ZOS_SYSCALL_LIST, SYSCALL_ROW)
ROWS(ZOS_ERROR_LIST, ROW3)
ROWS(ZOS_OBJ_TYPE_LIST, ROW2)
ROWS(ZOS_RIGHTS_LIST, ROW2)
ROWS(ZOS_DEVICE_LIST, ROW3)
ROWS(ZOS_PID_LIST, ROW2)
ROWS(ZOS_PROC_STATE_LIST, ROW2)
ROWS(ZOS_COMMIT_TYPE_LIST, ROW2)
ROWS(ZOS_FAULT_LIST, ROW2)
ROWS(ZOS_MSG_INIT_LIST, ROW2)
ROWS(ZOS_MSG_SUPERVISOR_LIST, ROW2)
ROWS(ZOS_MSG_PERMISSION_LIST, ROW2)
ROWS(ZOS_REVOKE_REASON_LIST, ROW2)
ROWS(ZOS_MSG_APP_LIST, ROW2)
ROWS(ZOS_MSG_DEVICE_LIST, ROW2)
ROWS(ZOS_STORAGE_RESULT_LIST, ROW2)
ROWS(ZOS_MSG_IDENTITY_LIST, ROW2)
ROWS(ZOS_MSG_VFS_LIST, ROW2)
ROWS(ZOS_MSG_TIME_LIST, ROW2)
ROWS(ZOS_MSG_NETWORK_LIST, ROW2)
ROWS(ZOS_NET_METHOD_LIST, ROW2)
ROWS(ZOS_NET_ERROR_LIST, ROW2)
ROWS(ZOS_MSG_KEYSTORE_LIST, ROW2)
ROWS(ZOS_MSG_COMMON_LIST, ROW2)

struct space {
	const char *list; /* the X-macro's name, as the header spells it */
	const struct constant *rows;
	size_t n;
};

#define SPACE(list) { #list, list##_rows, COUNT(list##_rows) },
static const struct space spaces[] = {
	SPACE(ZOS_SYSCALL_LIST)
	SPACE(ZOS_ERROR_LIST)
	SPACE(ZOS_OBJ_TYPE_LIST)
	SPACE(ZOS_RIGHTS_LIST)
	SPACE(ZOS_DEVICE_LIST)
	SPACE(ZOS_PID_LIST)
	SPACE(ZOS_PROC_STATE_LIST)
	SPACE(ZOS_COMMIT_TYPE_LIST)
	SPACE(ZOS_FAULT_LIST)
	SPACE(ZOS_MSG_INIT_LIST)
	SPACE(ZOS_MSG_SUPERVISOR_LIST)
	SPACE(ZOS_MSG_PERMISSION_LIST)
	SPACE(ZOS_REVOKE_REASON_LIST)
	SPACE(ZOS_MSG_APP_LIST)
	SPACE(ZOS_MSG_DEVICE_LIST)
	SPACE(ZOS_STORAGE_RESULT_LIST)
	SPACE(ZOS_MSG_IDENTITY_LIST)
	SPACE(ZOS_MSG_VFS_LIST)
	SPACE(ZOS_MSG_TIME_LIST)
	SPACE(ZOS_MSG_NETWORK_LIST)
	SPACE(ZOS_NET_METHOD_LIST)
	SPACE(ZOS_NET_ERROR_LIST)
	SPACE(ZOS_MSG_KEYSTORE_LIST)
	SPACE(ZOS_MSG_COMMON_LIST)
};

static void check_unique(const struct space *s)
{
	for (size_t i = 0; i < s->n; i++)
		for (size_t j = i + 1; j < s->n; j++) {
			if (s->rows[i].value == s->rows[j].value)
				harness_fail(__FILE__, __LINE__, "%s: %s and %s are both %lld (0x%llx)",
					     s->list, s->rows[i].name, s->rows[j].name, s->rows[i].value,
					     (unsigned long long)s->rows[i].value);
			if (strcmp(s->rows[i].name, s->rows[j].name) == 0)
				harness_fail(__FILE__, __LINE__, "%s: %s twice", s->list, s->rows[i].name);
		}
}

/* Every value of a list lies in [lo, hi]: it fits its field, or its range. */
static void check_range(const char *list, const struct constant *c, size_t n, long long lo,
			long long hi)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].value < lo || c[i].value > hi)
			harness_fail(__FILE__, __LINE__, "%s: %s = %lld outside [%lld, %lld]", list,
				     c[i].name, c[i].value, lo, hi);
}

static void test_no_collisions_in_any_namespace(void)
{
	for (size_t i = 0; i < COUNT(spaces); i++) {
		CHECK(spaces[i].n > 0);
		check_unique(&spaces[i]);
	}
}

static int is_checked(const char *list)
{
	for (size_t i = 0; i < COUNT(spaces); i++)
		if (strcmp(spaces[i].list, list) == 0)
			return 1;
	return 0;
}

/* Each "#define ZOS_..._LIST(X)" in the file must be one of spaces[]. */
static int scan_header(const char *path)
{
	char line[512], name[128];
	int found = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		harness_fail(__FILE__, __LINE__, "cannot read %s", path);
		return 0;
	}
	while (fgets(line, sizeof line, f)) {
		size_t len;
		int end = 0;
		if (sscanf(line, " #define %127[A-Za-z0-9_](X)%n", name, &end) != 1 || !end)
			continue;
		len = strlen(name);
		if (len < 5 || strcmp(name + len - 5, "_LIST") != 0)
			continue;
		found++;
		if (!is_checked(name))
			harness_fail(__FILE__, __LINE__, "%s: %s is not checked by test_abi.c", path, name);
	}
	fclose(f);
	return found;
}

static void test_every_list_in_the_headers_is_checked(void)
{
	DIR *d = opendir("include/zos");
	struct dirent *e;
	int found = 0;

	if (!d) {
		harness_fail(__FILE__, __LINE__, "cannot open include/zos (run from the repo root)");
		return;
	}
	while ((e = readdir(d)) != 0) {
		char path[512];
		size_t len = strlen(e->d_name);
		if (len < 3 || strcmp(e->d_name + len - 2, ".h") != 0)
			continue;
		snprintf(path, sizeof path, "include/zos/%s", e->d_name);
		found += scan_header(path);
	}
	closedir(d);
	CHECK_EQ(found, COUNT(spaces)); /* and none of spaces[] is stale */
}

static void test_errors_are_negative_and_named(void)
{
	const struct constant *e = ZOS_ERROR_LIST_rows;

	for (size_t i = 0; i < COUNT(ZOS_ERROR_LIST_rows); i++) {
		const char *name = zos_error_name(e[i].value);
		const char *msg = zos_error_message(e[i].value);
		CHECK(e[i].value < 0);
		CHECK(name && strcmp(name, e[i].name) == 0);
		CHECK(msg && msg[0] != 0);
	}
	CHECK_EQ(ZOS_ERR_NOT_SUPPORTED, -3); /* the seed's value */
}

struct syscall_row {
	const char *name;
	uint32_t num;
	int cls;
	uint32_t device;
	uint32_t right;
};

#define ZOS_X_FULL_ROW(name, stem, num, cls, dev, right) \
	{ #name, num, ZOS_SYSCALL_CLASS_##cls, ZOS_DEV_##dev, ZOS_RIGHT_##right },
/* compiles only if every class, device and right names a real one */
static const struct syscall_row syscall_rows[] = { ZOS_SYSCALL_LIST(ZOS_X_FULL_ROW) };
#undef ZOS_X_FULL_ROW

static void test_every_syscall_is_named_and_classed(void)
{
	const struct constant *s = ZOS_SYSCALL_LIST_rows;

	for (size_t i = 0; i < COUNT(ZOS_SYSCALL_LIST_rows); i++) {
		const char *name = zos_syscall_name((uint32_t)s[i].value);
		CHECK(name && strcmp(name, s[i].name) == 0);
		CHECK_EQ(zos_syscall_class(syscall_rows[i].num), syscall_rows[i].cls);
		CHECK(syscall_rows[i].num < ZOS_SYSCALL_TABLE_SIZE);
	}
	CHECK_EQ(zos_syscall_class(0), 0);
	CHECK_EQ(zos_syscall_class(0x1234), 0);
	check_range("syscalls", s, COUNT(ZOS_SYSCALL_LIST_rows), 1, 0xFFFFFFFFll);
}

/* The cap columns say something only where the System checks them: a
 * device request always names its device and a right; a platform call
 * names both or neither; kernel and System steps name none (the kernel
 * checks their caps itself). */
static void test_syscall_cap_columns_fit_their_class(void)
{
	for (size_t i = 0; i < COUNT(syscall_rows); i++) {
		const struct syscall_row *r = &syscall_rows[i];
		int named = r->device != ZOS_DEV_NONE;

		if (r->cls == ZOS_SYSCALL_CLASS_D)
			CHECK(named);
		if (r->cls == ZOS_SYSCALL_CLASS_K || r->cls == ZOS_SYSCALL_CLASS_S)
			CHECK(!named);
		CHECK_EQ(named, r->right != ZOS_RIGHT_NONE);
		if (r->cls == ZOS_SYSCALL_CLASS_S)
			CHECK(strncmp(r->name, "KERNEL_", 7) == 0);
	}
}

/* Distinct values in [0, COUNT), as many as COUNT: the list is dense, as
 * ZOS_COMMIT_TYPE_COUNT promises anyone who sizes a table by it. */
static void test_commit_types_are_named_and_dense(void)
{
	const struct constant *c = ZOS_COMMIT_TYPE_LIST_rows;

	for (size_t i = 0; i < COUNT(ZOS_COMMIT_TYPE_LIST_rows); i++) {
		const char *name = zos_commit_type_name((uint32_t)c[i].value);
		CHECK(name && strcmp(name, c[i].name) == 0);
	}
	CHECK_EQ(COUNT(ZOS_COMMIT_TYPE_LIST_rows), ZOS_COMMIT_TYPE_COUNT);
	check_range("commit types", c, COUNT(ZOS_COMMIT_TYPE_LIST_rows), 0, ZOS_COMMIT_TYPE_COUNT - 1);
}

static void test_object_types_are_named_and_fit_a_byte(void)
{
	const struct constant *t = ZOS_OBJ_TYPE_LIST_rows;

	for (size_t i = 0; i < COUNT(ZOS_OBJ_TYPE_LIST_rows); i++) {
		const char *name = zos_obj_type_name((uint32_t)t[i].value);
		CHECK(name && strcmp(name, t[i].name) == 0);
	}
	/* 0 is ZOS_OBJ_NONE; zos_cap_info.obj_type is a uint8_t */
	check_range("object types", t, COUNT(ZOS_OBJ_TYPE_LIST_rows), 1, 0xFF);
}

static void test_rights_are_distinct_single_bits(void)
{
	const struct constant *r = ZOS_RIGHTS_LIST_rows;
	long long all = 0;

	for (size_t i = 0; i < COUNT(ZOS_RIGHTS_LIST_rows); i++) {
		CHECK(r[i].value > 0 && (r[i].value & (r[i].value - 1)) == 0);
		CHECK((all & r[i].value) == 0);
		all |= r[i].value;
	}
	CHECK_EQ(all, ZOS_RIGHTS_ALL);
	CHECK(ZOS_RIGHTS_ALL <= 0xFF); /* zos_cap_info.rights is a uint8_t */
}

static void test_devices_match_their_count_types_and_slots(void)
{
#define TYPE_ROW(name, id, type) { #name, ZOS_OBJ_##type },
	/* compiles only if every device's type is an object type */
	static const struct constant types[] = { ZOS_DEVICE_LIST(TYPE_ROW) };
#undef TYPE_ROW
	const struct constant *d = ZOS_DEVICE_LIST_rows;

	CHECK_EQ(COUNT(ZOS_DEVICE_LIST_rows), ZOS_DEV_COUNT);
	/* Init's slot d - 1 for device d: ids are exactly 1..COUNT */
	check_range("devices", d, COUNT(ZOS_DEVICE_LIST_rows), 1, ZOS_DEV_COUNT);
	for (size_t i = 0; i < COUNT(types); i++)
		CHECK(zos_obj_type_name((uint32_t)types[i].value) != 0);
}

static void test_pids_and_states_fit_their_fields(void)
{
	check_range("pids", ZOS_PID_LIST_rows, COUNT(ZOS_PID_LIST_rows), 0, ZOS_MAX_PROCS - 1);
	CHECK(ZOS_PID_NONE >= ZOS_MAX_PROCS); /* never a real pid */
	/* zos_ps_entry.state is a uint8_t */
	check_range("process states", ZOS_PROC_STATE_LIST_rows, COUNT(ZOS_PROC_STATE_LIST_rows), 0,
		    0xFF);
	check_range("fault reasons", ZOS_FAULT_LIST_rows, COUNT(ZOS_FAULT_LIST_rows), 1, 0xFFFFFFFFll);
}

/* Tags travel as a uint32_t (zos_msg_header.tag); ZeroApp's as a u16. */
static void test_message_tags_fit_their_fields(void)
{
	for (size_t i = 0; i < COUNT(spaces); i++)
		if (strncmp(spaces[i].list, "ZOS_MSG_", 8) == 0)
			check_range(spaces[i].list, spaces[i].rows, spaces[i].n, 0, 0xFFFFFFFFll);
	check_range("app messages", ZOS_MSG_APP_LIST_rows, COUNT(ZOS_MSG_APP_LIST_rows), 0, 0xFFFF);
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

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_no_collisions_in_any_namespace);
	RUN(test_every_list_in_the_headers_is_checked);
	RUN(test_errors_are_negative_and_named);
	RUN(test_every_syscall_is_named_and_classed);
	RUN(test_syscall_cap_columns_fit_their_class);
	RUN(test_commit_types_are_named_and_dense);
	RUN(test_object_types_are_named_and_fit_a_byte);
	RUN(test_rights_are_distinct_single_bits);
	RUN(test_devices_match_their_count_types_and_slots);
	RUN(test_pids_and_states_fit_their_fields);
	RUN(test_message_tags_fit_their_fields);
	RUN(test_well_known_numbers);
	return harness_finish("abi");
}
