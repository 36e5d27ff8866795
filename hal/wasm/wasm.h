/*
 * The browser platform: Zero OS in a tab. This folder is the kernel side's
 * C, built with the System into kernel.wasm (freestanding wasm32, lib/
 * only), which the kernel worker (web/src/kernel/kernel-worker.ts) runs in
 * a Web Worker of its own. It is hal/hosted's twin with another transport:
 * a process is a wasm32 module in a Web Worker, its mailbox a
 * SharedArrayBuffer, its doorbell an Atomics counter the worker waits on
 * with Atomics.waitAsync, the disks IndexedDB databases.
 *
 * The parts, each owning its own state, none calling the System but the
 * worker's entry points (main.c, serve.c, devices.c):
 *
 *   main.c      boot (the stored log verified and replayed), status,
 *               console input, faults, the log's fate, the state hash
 *   serve.c     one syscall in from a mailbox (a private copy, lengths
 *               clamped: lib/mailbox.c), its answer out, the end of a
 *               pass (wakes, Init's inbox, the group commit, answers)
 *   devices.c   storage, keystore and network requests decoded with the
 *               lib/ parsers and handed to the worker; results shaped
 *               into their messages with the lib/ encoders
 *   hal_ops.c   the zos_hal table and the CommitLog sink over imports.h
 *   heap.c      memory for the System's passing needs (alloc/free)
 *   abi.c       the table of numbers the JavaScript side checks
 *
 * Policy is the System's (system/system.h): the output-commit rule, Init's
 * inbox, when to stop. The worker only holds each output until the log
 * is durable up to it (IndexedDB answers later: a flush is accepted at
 * once and a failure arrives as zos_wasm_log_lost). Single-threaded: the
 * worker calls in between events, never from inside an import.
 */
#ifndef ZOS_HAL_WASM_H
#define ZOS_HAL_WASM_H

#include <stddef.h>
#include <stdint.h>
#include <zos/mailbox.h>
#include <zos/param.h>

#include "hal/hal.h"
#include "hal/wasm/abi.h"
#include "hal/wasm/imports.h"
#include "system/system.h"

/* One Zero OS process, as this platform sees it. Free: !used. */
struct wproc {
	uint8_t used;
	uint8_t parked;          /* in a blocking receive: its answer waits */
	uint8_t answer_ready;    /* the mailbox holds an answer to publish */
	uint8_t ended;           /* no longer a live Zero OS process */
	uint32_t pid;
	uint32_t out_cap;        /* of the parked syscall */
};

struct wasm_platform {
	struct zos_system *sys;
	struct zos_hal hal;
	struct log_sink sink;
	struct wproc procs[ZOS_MAX_PROCS];
	uint32_t woken[ZOS_MAX_PROCS * 2]; /* wakes the System asked for */
	uint32_t nwoken;
	uint8_t head[ZOS_MAILBOX_HEAD];    /* a request's header, copied once */
	uint8_t *in_buf;                   /* its input, copied once */
	uint8_t *out_buf;                  /* its output, before it is stored */
	uint8_t scratch[ZOS_WASM_SCRATCH]; /* what the worker hands in */
	struct zos_wasm_boot boot;
	struct zos_wasm_status status;
	uint8_t state_hash[ZOS_HASH_SIZE];
	int booted;
};

extern struct wasm_platform wasm;

/* hal_ops.c */
void wasm_hal_init(struct wasm_platform *w);
/* Says text on the console (through the worker's hold, like any output). */
void wasm_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* serve.c */
struct wproc *wasm_proc(struct wasm_platform *w, uint32_t pid);
/* A process started (spawn succeeded) or ended: its record. */
void wasm_proc_started(struct wasm_platform *w, uint32_t pid);
void wasm_proc_ended(struct wasm_platform *w, uint32_t pid);

/* devices.c */
int wasm_device_request(uint64_t request, const zos_syscall_t *sc);

/* heap.c */
void *wasm_alloc(size_t n);
void wasm_free(void *p);

#endif
