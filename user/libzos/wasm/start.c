/*
 * The browser platform's syscall stub and process start-up, for a Zero OS
 * process running as a wasm32 module in a Web Worker of its own.
 *
 * The module's only imports are its memory (env.memory) and one function,
 * zos.syscall (include/zos/wasm.h, docs/abi.md): given the address of a
 * zos_syscall_t in this memory, the worker's shim copies the request into
 * the process's mailbox (a SharedArrayBuffer the kernel worker made; this
 * module cannot see it), rings the doorbell, waits in Atomics.wait until
 * the kernel answers, copies the answer into out, sets out_len and returns
 * the result. A blocking receive simply waits longer: Atomics.wait costs
 * no CPU. Its one export is _start.
 */
#include <zos/wasm.h>

#include "zos.h"

__attribute__((import_module(ZOS_WASM_IMPORT_SYSCALL_MODULE),
	       import_name(ZOS_WASM_IMPORT_SYSCALL_NAME))) int64_t zos_wasm_syscall(zos_syscall_t *sc);

int64_t zos_syscall(zos_syscall_t *sc)
{
	if (sc->in_len > ZOS_MAILBOX_DATA || sc->out_cap > ZOS_MAILBOX_DATA ||
	    (sc->in_len && !sc->in))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!sc->out)
		sc->out_cap = 0;
	return zos_wasm_syscall(sc);
}

__attribute__((export_name(ZOS_WASM_EXPORT_START))) void _start(void);
void _start(void)
{
	zos_runtime_init();
	zos_exit(zos_main());
}
