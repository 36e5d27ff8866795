/*
 * System = Axiom + Kernel: the one door into the kernel, and the policy
 * every platform shares.
 *
 * Every change to the kernel state enters through one function
 * (system/door.c): a stopped log refuses it with ZOS_ERR_LOG_FAILED, else
 * the kernel decides, Axiom appends and applies the commits, and the System
 * wakes whom they concern. The functions below are that door's faces:
 * system_syscall for a process's syscall (the pid is the trusted caller's:
 * the platform knows which process made the call; nothing in the syscall's
 * bytes can claim another), the others for what the platform does as pid 0.
 * docs/architecture.md follows one syscall through it.
 *
 * Platform syscalls (class P) have their capability checked here and are
 * carried out through the HAL; device requests (class D) are queued with
 * the HAL and answered later by system_device_done. Which is which, and
 * which capability each needs, is ZOS_SYSCALL_LIST.
 *
 * Blocking: a RECV with ZOS_RECV_BLOCK (or the receive half of a CALL) that
 * finds no message parks the caller: the outcome is SYS_PARKED, the SysLog
 * request stays open, and the caller uses no CPU. When a message reaches
 * the endpoint, or the endpoint or capability disappears, the HAL's wake is
 * called and the platform calls system_resume with the same output buffer.
 * Which processes are parked is scheduling state: not replayed.
 *
 * Policy the System owns so that no HAL repeats it: the output-commit rule
 * (the log is durable before anything leaves the system: system/durable.c),
 * the notices to Init with their back-pressure, console input and "process
 * ended" (system/init_inbox.c), re-verifying the durable log for the audit
 * device (system/audit.c), and when the system must stop. A HAL provides
 * mechanism only (hal/hal.h). Nothing here is re-entered from a HAL call:
 * the platform calls in between syscalls.
 */
#ifndef ZOS_SYSTEM_H
#define ZOS_SYSTEM_H

#include <stdint.h>
#include <zos/abi.h>

#include "axiom/axiom.h"
#include "axiom/replay.h"
#include "hal/hal.h"
#include "kernel/kernel.h"

#define ZOS_COMMIT_WINDOW 4096   /* commits kept in memory */
#define ZOS_INIT_NOTICES 128     /* notices for Init waiting for room in its inbox */
#define ZOS_INIT_NOTICE_MAX 64   /* bytes of one notice's body */
#define ZOS_CONSOLE_INPUT_MAX 4096 /* console bytes waiting for Init (one message) */
/* The longest an appended commit waits for the disk when no output forces
 * it there sooner (system_flush_due): the audit trail never lags far. */
#define ZOS_FLUSH_LAG_NS (5ull * 1000000ull)

enum system_outcome {
	SYS_DONE = 0,   /* *result holds the answer */
	SYS_PARKED = 1, /* blocked in a receive: wait for the HAL's wake */
	SYS_GONE = 2,   /* the caller no longer runs (it exited or was killed) */
};

/* A process parked in a blocking receive. Free: used == 0. */
struct parked {
	uint32_t pid;
	uint32_t slot;      /* the endpoint slot it receives on */
	uint64_t request;   /* the SysLog request still awaiting its response */
	uint32_t num;       /* RECV or CALL */
	uint8_t used;
	uint8_t woken;      /* wake already sent, resume not yet seen */
	int32_t fail;       /* resume answers this error (0: receive again) */
	uint8_t heard;      /* at park time another process could send to it */
};

struct init_notice {
	uint32_t tag;
	uint32_t len;
	uint8_t body[ZOS_INIT_NOTICE_MAX];
};

/* Owned by the System alone; a platform reads it through the functions
 * below (system_status, system_alive, system_state_hash), never directly. */
struct zos_system {
	struct kernel k;
	struct axiom ax;
	const struct zos_hal *hal;
	struct parked parked[ZOS_MAX_PROCS];
	uint64_t current_request;  /* SysLog id of the process syscall being served */
	/* Init's inbox, fed by the platform between syscalls (init_inbox.c) */
	struct init_notice notices[ZOS_INIT_NOTICES];
	uint32_t n_notices;
	uint32_t notices_dropped;  /* since the last report */
	uint8_t console_in[ZOS_CONSOLE_INPUT_MAX];
	uint32_t console_len;
	uint8_t console_eof;       /* 1: end of input to deliver, 2: delivered */
	/* durability and stopping (durable.c) */
	uint64_t dirty_since;      /* when the oldest unflushed commit was appended; 0: none */
	uint8_t stopping;          /* Init ended or the log failed: the platform stops */
	uint8_t log_stop_said;
	int exit_code;
	char stop_why[48];         /* "" when the stop needs no explanation */
	struct sysevent events[ZOS_SYSLOG_DEFAULT];
	zos_commit_t window[ZOS_COMMIT_WINDOW];
};

/* What a platform may know of the running System. */
struct system_status {
	uint64_t commits;        /* appended so far (the next seq) */
	uint64_t unflushed;      /* written to the sink since the last flush */
	int log_failed;          /* the log stopped: nothing more is answered */
	int for_init;            /* something waits for room in Init's inbox */
	int stopping;            /* the platform should stop now... */
	int exit_code;           /* ...with this status */
	const char *why;         /* and this reason ("" for none) */
};

/* Brings the system up. With no previous log (log == 0 or len == 0):
 * Genesis. Otherwise the log is verified and replayed (rep says what was
 * found) and a Boot commit starts the next epoch; a corrupt log is refused
 * with ZOS_ERR_CORRUPT and nothing is appended. A torn tail is cut off
 * first through the sink's truncate (rep->torn, rep->good_bytes say so).
 * Then Init (pid 1) is created with its genesis capabilities and started
 * through the HAL. */
int system_start(struct zos_system *sys, const struct zos_hal *hal, const struct log_sink *sink,
		 const uint8_t *log, size_t len, struct replay_report *rep);

/* A process's syscall. Pid 0 makes none (PROCESS_NOT_FOUND). */
enum system_outcome system_syscall(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				   int64_t *result);
/* Retry a parked receive after a wake. */
enum system_outcome system_resume(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				  int64_t *result);
/* Whether pid is parked in a blocking receive. */
int system_is_parked(const struct zos_system *sys, uint32_t pid);

/* The platform saw pid crash: ProcessFaulted, and its resources reclaimed. */
int system_fault(struct zos_system *sys, uint32_t pid, uint32_t reason, const char *desc,
		 uint32_t desc_len);
/* A device request finished: its result message goes to the requester's
 * reply endpoint, and the request id (pid 0's reply cap) is used up. When
 * the requester or its endpoint is gone, the result is dropped
 * (ZOS_ERR_NOT_FOUND). */
int64_t system_device_done(struct zos_system *sys, uint64_t request, uint32_t tag,
			   const uint8_t *body, uint32_t len);
/* Pid 0 sends a message through its cap at slot (ZOS_KERNEL_INIT_SLOT:
 * Init's inbox). Logged and committed like any send; QUEUE_FULL when Init
 * is behind. The queued forms below are what platforms use. */
int64_t system_kernel_send(struct zos_system *sys, uint32_t slot, uint32_t tag,
			   const uint8_t *body, uint32_t len);

/* Init's inbox (system/init_inbox.c). A notice waits in a bounded queue
 * until Init's inbox has room; one that finds the queue full is dropped and
 * counted, and the drop is reported on the console. */
void system_notify_init(struct zos_system *sys, uint32_t tag, const void *body, uint32_t len);
/* Console input for Init: how many bytes the System can take now, take
 * them (at most that many; the rest is the caller's to keep), and the end
 * of input (delivered as an empty CONSOLE_INPUT once the bytes are). */
uint32_t system_console_room(const struct zos_system *sys);
uint32_t system_console_input(struct zos_system *sys, const uint8_t *bytes, uint32_t len);
void system_console_eof(struct zos_system *sys);
/* Between syscalls: deliver what waits for Init (console input, notices),
 * as far as its inbox has room. Whether anything was delivered. */
int system_pump(struct zos_system *sys);

/* Durability (system/durable.c). Makes every commit so far durable: the
 * group commit point. A failure stops the log for good (said once on the
 * console; system_status then says stop, with exit code 3). */
int system_flush(struct zos_system *sys);
/* A platform whose sink answers later (the browser's IndexedDB) accepted a
 * flush, held every output behind it, and then saw it fail: the log stops
 * for good, as for a flush that failed at once (the held outputs are the
 * platform's to drop). */
void system_log_lost(struct zos_system *sys, int err);
/* When the unflushed tail must be written at the latest: nanoseconds from
 * now (0: now), or UINT64_MAX when nothing waits. */
uint64_t system_flush_due(const struct zos_system *sys, uint64_t now);

void system_status(const struct zos_system *sys, struct system_status *out);
/* Whether the kernel counts pid as a live process. */
int system_alive(const struct zos_system *sys, uint32_t pid);
/* The live state hash (what a replay of the log must give). */
void system_state_hash(const struct zos_system *sys, uint8_t out[ZOS_HASH_SIZE]);
/* The public half of the machine's log key into pk: 1, or 0 when the log
 * is not signed (the platform keeps no key). */
int system_log_public_key(const struct zos_system *sys, uint8_t pk[32]);
/* The newest commits, read-only (commitlog_at): for tools and profiling. */
const struct commitlog *system_commit_window(const struct zos_system *sys);

#endif
