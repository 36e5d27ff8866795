/*
 * What kernel.wasm asks of the kernel worker (web/src/kernel/): the
 * JavaScript functions it imports, module "zos_kernel", every one of them
 * mechanism. The worker implements exactly these (kernel.ts) and nothing
 * here calls back into kernel.wasm. Pointers and lengths are into
 * kernel.wasm's own memory; the worker copies, never keeps a view.
 *
 * Host tests (tests/wasm/) build hal/wasm/ with gcc and define these
 * functions themselves, so the import attribute exists only on wasm32.
 */
#ifndef ZOS_HAL_WASM_IMPORTS_H
#define ZOS_HAL_WASM_IMPORTS_H

#include <stdint.h>

#if defined(__wasm__)
#define ZOS_WASM_IMPORT(name) __attribute__((import_module("zos_kernel"), import_name(#name)))
#define ZOS_WASM_EXPORT(name) __attribute__((export_name(#name), visibility("default")))
#else
#define ZOS_WASM_IMPORT(name)
#define ZOS_WASM_EXPORT(name)
#endif

/* Clocks: milliseconds (performance.now(), monotonic, since the worker
 * started; Date.now(), since the Unix epoch). */
ZOS_WASM_IMPORT(now_ms) double zk_now_ms(void);
ZOS_WASM_IMPORT(wallclock_ms) double zk_wallclock_ms(void);
/* len bytes of entropy (crypto.getRandomValues) at p: ZOS_OK or an error. */
ZOS_WASM_IMPORT(random) int32_t zk_random(uint8_t *p, uint32_t len);

/* Console text for the page, held by the worker until the log is durable
 * up to here (the output-commit rule's hold): bytes taken, or an error. */
ZOS_WASM_IMPORT(console_write) int32_t zk_console_write(const uint8_t *p, uint32_t len);
/* A process's DEBUG text: shown on the worker's console at most, never
 * interpreted. */
ZOS_WASM_IMPORT(debug) void zk_debug(uint32_t pid, const uint8_t *p, uint32_t len);

/* A verified binary by name into out (cap bytes): its size, or an error
 * (NOT_FOUND, BUFFER_TOO_SMALL). */
ZOS_WASM_IMPORT(load_binary) int32_t zk_load_binary(const uint8_t *name, uint32_t name_len,
						    uint8_t *out, uint32_t cap);
/* Start process pid in a Web Worker of its own, from binary (len bytes;
 * len 0: the verified binary called name, which is how Init starts).
 * ZOS_OK, or SPAWN_FAILED after saying why on the console. */
ZOS_WASM_IMPORT(spawn) int32_t zk_spawn(uint32_t pid, const uint8_t *name, uint32_t name_len,
					const uint8_t *binary, uint32_t len);
/* pid no longer runs: terminate its worker, forget its mailbox. */
ZOS_WASM_IMPORT(process_ended) void zk_process_ended(uint32_t pid);

/* pid's mailbox (a SharedArrayBuffer laid out as include/zos/mailbox.h):
 * copy len bytes at offset off out of it into p (at offset 0 the state
 * word is read with an atomic load first), copy len bytes from p into it,
 * and publish: state = RESPONSE, Atomics.notify. Offsets and lengths are
 * within struct zos_mailbox (the callers keep them so); a pid with no
 * mailbox reads as zeros and ignores writes. */
ZOS_WASM_IMPORT(mb_read) void zk_mb_read(uint32_t pid, uint32_t off, uint8_t *p, uint32_t len);
ZOS_WASM_IMPORT(mb_write) void zk_mb_write(uint32_t pid, uint32_t off, const uint8_t *p,
					   uint32_t len);
ZOS_WASM_IMPORT(mb_publish) void zk_mb_publish(uint32_t pid);

/* A storage or keystore request (request id = lo | hi << 32), already
 * decoded and checked: kv_begin reserves it (ZOS_OK, or
 * RESOURCE_EXHAUSTED when too many wait: nothing is then queued), then
 * kv_entry once per operation (one, or each entry of a batch, in order),
 * then kv_end queues it behind the log when mutates is set. */
ZOS_WASM_IMPORT(kv_begin) int32_t zk_kv_begin(uint32_t lo, uint32_t hi, uint32_t keystore,
					      uint32_t op);
ZOS_WASM_IMPORT(kv_entry) void zk_kv_entry(uint32_t op, const uint8_t *key, uint32_t key_len,
					   const uint8_t *value, uint32_t value_len);
ZOS_WASM_IMPORT(kv_end) void zk_kv_end(uint32_t mutates);

/* A network request, decoded and checked (lib/net_wire.c): net_begin
 * reserves it (ZOS_OK or RESOURCE_EXHAUSTED), net_header once per request
 * header ("Name: value"), net_end queues it behind the log. */
ZOS_WASM_IMPORT(net_begin) int32_t zk_net_begin(uint32_t lo, uint32_t hi, uint32_t method,
						uint32_t timeout_ms, const uint8_t *url,
						uint32_t url_len, const uint8_t *body,
						uint32_t body_len);
ZOS_WASM_IMPORT(net_header) void zk_net_header(const uint8_t *p, uint32_t len);
ZOS_WASM_IMPORT(net_end) void zk_net_end(void);

/* The CommitLog's sink: framed records appended (buffered by the worker),
 * a flush accepted (the records so far become one IndexedDB transaction,
 * and every output after this waits for it; ZOS_OK, or LOG_FAILED once a
 * transaction failed), the stored log cut to len bytes (a torn tail at
 * boot), and the log as the next boot would read it: its length, and a
 * copy into p. */
ZOS_WASM_IMPORT(log_append) int32_t zk_log_append(const uint8_t *p, uint32_t len);
ZOS_WASM_IMPORT(log_flush) int32_t zk_log_flush(void);
ZOS_WASM_IMPORT(log_truncate) int32_t zk_log_truncate(uint32_t len);
ZOS_WASM_IMPORT(log_size) uint32_t zk_log_size(void);
ZOS_WASM_IMPORT(log_read) void zk_log_read(uint8_t *p, uint32_t len);

#endif
