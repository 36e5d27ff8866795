/*
 * A fake platform for host tests: a HAL whose clock, spawns, wakes and
 * console are recorded in memory, and a CommitLog sink that keeps the framed
 * log in a growable buffer with injectable write and flush failures.
 */
#ifndef ZOS_TEST_FAKE_PLATFORM_H
#define ZOS_TEST_FAKE_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "hal/hal.h"
#include "system/system.h"

#define FAKE_MAX_EVENTS 4096

struct fake_platform {
	struct zos_hal hal;
	struct log_sink sink;
	uint64_t now;          /* advanced by `tick` on every now_ns call */
	uint64_t tick;
	uint32_t wakes[FAKE_MAX_EVENTS];
	uint32_t n_wakes;
	uint32_t ended[FAKE_MAX_EVENTS];
	uint32_t n_ended;
	uint32_t spawned[FAKE_MAX_EVENTS];
	uint32_t n_spawned;
	int fail_spawn;        /* the next spawns fail */
	char console[8192];
	size_t console_len;
	uint8_t *log;          /* the framed CommitLog the sink received */
	size_t log_len;
	size_t log_cap;
	size_t durable_len;    /* log_len at the last successful flush */
	int fail_write;        /* inject an I/O error on the next write */
	int fail_flush;        /* ... on the next flush */
	int flushes;
	int truncations;
	struct {
		uint32_t pid, num;
		uint64_t request;
	} requests[FAKE_MAX_EVENTS]; /* device requests the HAL accepted */
	uint32_t n_requests;
	int fail_device;             /* the HAL refuses device requests */
	int readback;                /* read_log gives the durable log (else NOT_SUPPORTED) */
	/* the anchor of the durable head (axiom/anchor.h), kept by the sink
	 * only when `anchoring` is set (else the sink has no anchor ops) */
	int anchoring;
	uint8_t anchor_slots[ZOS_ANCHOR_SLOTS][ZOS_ANCHOR_SLOT_SIZE];
	int anchors;                 /* anchors written */
	int fail_anchor;             /* the next anchor write fails */
};

void fake_init(struct fake_platform *f);
/* Gives the sink its anchor ops (and an empty anchor store). */
void fake_keep_anchor(struct fake_platform *f);
void fake_free(struct fake_platform *f);
/* A fresh System on this platform (Genesis, Init started). Aborts the test
 * binary if it cannot start: every test needs one. */
struct zos_system *fake_system(struct fake_platform *f);
/* A System booted from the given framed log (replay + Boot). */
int fake_system_boot(struct fake_platform *f, const uint8_t *log, size_t len,
		     struct zos_system **out, struct replay_report *rep);
void fake_system_free(struct zos_system *sys);

/* Syscall helpers: build the zos_syscall_t and run it through the System. */
int64_t sc0(struct zos_system *s, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
	    uint64_t a2);
int64_t sc_in(struct zos_system *s, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
	      uint64_t a2, const void *in, uint32_t in_len);
int64_t sc_out(struct zos_system *s, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
	       void *out, uint32_t out_cap, uint32_t *out_len);
/* Spawns a child of `parent` named name through SPAWN_PROCESS with the
 * parent's spawn cap at spawn_slot. Returns the packed (slot, pid) result. */
int64_t spawn_child(struct zos_system *s, uint32_t parent, uint32_t spawn_slot, const char *name);

#endif
