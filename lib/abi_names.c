/*
 * Names of ABI constants, for SysLog dumps, tools and error reports.
 *
 * Each function is a switch generated from an X-macro list in include/zos/,
 * so a constant added there is named here with no second list to keep in
 * step (and a duplicate value in a list is a compile error: two equal case
 * labels). An unknown value gives 0, never a guess, so a caller can fall
 * back to printing the number.
 */
#include <zos/cap.h>
#include <zos/commit.h>
#include <zos/error.h>
#include <zos/syscall.h>

const char *zos_syscall_name(uint32_t num)
{
	switch (num) {
#define ZOS_X_NAME(name, stem, n, cls, dev, right) case n: return #name;
		ZOS_SYSCALL_LIST(ZOS_X_NAME)
#undef ZOS_X_NAME
	default: return 0;
	}
}

int zos_syscall_class(uint32_t num)
{
	switch (num) {
#define ZOS_X_CLASS(name, stem, n, cls, dev, right) case n: return ZOS_SYSCALL_CLASS_##cls;
		ZOS_SYSCALL_LIST(ZOS_X_CLASS)
#undef ZOS_X_CLASS
	default: return 0;
	}
}

const char *zos_error_name(int64_t err)
{
	switch (err) {
#define ZOS_X_NAME(name, v, msg) case v: return #name;
		ZOS_ERROR_LIST(ZOS_X_NAME)
#undef ZOS_X_NAME
	default: return 0;
	}
}

const char *zos_error_message(int64_t err)
{
	switch (err) {
#define ZOS_X_MSG(name, v, msg) case v: return msg;
		ZOS_ERROR_LIST(ZOS_X_MSG)
#undef ZOS_X_MSG
	default: return 0;
	}
}

const char *zos_obj_type_name(uint32_t type)
{
	switch (type) {
#define ZOS_X_NAME(name, v) case v: return #name;
		ZOS_OBJ_TYPE_LIST(ZOS_X_NAME)
#undef ZOS_X_NAME
	default: return 0;
	}
}

const char *zos_commit_type_name(uint32_t type)
{
	switch (type) {
#define ZOS_X_NAME(name, v) case v: return #name;
		ZOS_COMMIT_TYPE_LIST(ZOS_X_NAME)
#undef ZOS_X_NAME
	default: return 0;
	}
}
