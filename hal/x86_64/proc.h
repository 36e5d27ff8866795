/*
 * Ring-3 processes on x86_64: the platform's side of each live process
 * (its address space and saved registers). The kernel's process table
 * (pids, capabilities, state) is the portable kernel's; this table only
 * says how to run each one. sched.h runs them.
 */
#ifndef ZOS_X86_PROC_H
#define ZOS_X86_PROC_H

#include <stdint.h>
#include <zos/param.h>

#include "hal/x86_64/cpu/trap.h"

enum uproc_state { UPROC_FREE = 0, UPROC_READY, UPROC_BLOCKED };

struct uproc {
	uint32_t pid;
	enum uproc_state state;
	uint64_t pml4;
	struct trap_frame ctx;   /* user registers while not running */
	char name[ZOS_NAME_MAX + 1];
	/* A parked receive: where its answer goes in user memory. */
	uint64_t user_sc;        /* the process's zos_syscall_t */
	uint64_t user_out;
	uint32_t out_cap;
	int woken;
};

extern struct uproc procs[ZOS_MAX_PROCS];

/* A process for pid from an ELF image: ZOS_OK or SPAWN_FAILED (the reason
 * is printed). */
int uproc_create(uint32_t pid, const char *name, uint32_t name_len, const uint8_t *image,
		uint32_t len);
struct uproc *uproc_find(uint32_t pid);
/* Frees p's address space and slot (switching CR3 away from it first). */
void uproc_release(struct uproc *p);
/* The kernel ended pid (killed, or its parent's doing): forget it. */
void uproc_ended(uint32_t pid);
/* pid may complete its parked receive. */
void uproc_wake(uint32_t pid);

#endif
