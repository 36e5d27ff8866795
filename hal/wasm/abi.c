/*
 * The table of every number the JavaScript side uses (see abi.h): linked
 * into kernel.wasm, which exports it, and into the generator of
 * web/src/generated/zos.ts, which writes it out. One expansion of the
 * lists, so the two cannot differ but by being built from other headers.
 */
#include "hal/wasm/abi.h"
#include "hal/wasm/imports.h"

struct abi_row {
	const char *name;
	double value;
};

#define ROW(name, value) { #name, (double)(value) },
#define ERROR_ROW(name, value, msg) { "ERR_" #name, (double)(value) },
#define SYSCALL_ROW(name, stem, num, cls, dev, right) { "SYS_" #name, (double)(num) },
static const struct abi_row rows[] = {
	ZOS_WASM_ABI_LIST(ROW)
	ZOS_ERROR_LIST(ERROR_ROW)
	ZOS_SYSCALL_LIST(SYSCALL_ROW)
};
#undef ROW
#undef ERROR_ROW
#undef SYSCALL_ROW

ZOS_WASM_EXPORT(zos_wasm_abi_count) uint32_t zos_wasm_abi_count(void)
{
	return (uint32_t)(sizeof rows / sizeof rows[0]);
}

ZOS_WASM_EXPORT(zos_wasm_abi_name) const char *zos_wasm_abi_name(uint32_t i)
{
	return i < zos_wasm_abi_count() ? rows[i].name : 0;
}

ZOS_WASM_EXPORT(zos_wasm_abi_value) double zos_wasm_abi_value(uint32_t i)
{
	return i < zos_wasm_abi_count() ? rows[i].value : 0;
}
