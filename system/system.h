/*
 * System = Axiom + Kernel: the one entry point of every syscall.
 *
 * system_syscall(sys, pid, sc) is the only way a process reaches the kernel.
 * The pid is the trusted caller's (the platform knows which process made
 * the call); nothing in the syscall's bytes can claim another. Kernel-class
 * syscalls go through the Axiom gateway; platform-class ones are logged by
 * the same gateway, have their capability checked by the kernel, and are
 * carried out by the HAL.
 *
 * Blocking: a RECV with ZOS_RECV_BLOCK (or the receive half of a CALL) that
 * finds no message parks the caller: the outcome is SYS_PARKED, the SysLog
 * request stays open, and the caller uses no CPU. When a message reaches
 * the endpoint, or the endpoint or capability disappears, the HAL's wake is
 * called and the platform calls system_resume with the same output buffer.
 * Which processes are parked is scheduling state: not replayed.
 */
#ifndef ZOS_SYSTEM_H
#define ZOS_SYSTEM_H

#include <stdint.h>

#include "axiom/axiom.h"
#include "axiom/replay.h"
#include "hal/hal.h"
#include "kernel/kernel.h"

#define ZOS_COMMIT_WINDOW 4096 /* commits kept in memory */

enum system_outcome {
	SYS_DONE = 0,   /* *result holds the answer */
	SYS_PARKED = 1, /* blocked in a receive: wait for the HAL's wake */
	SYS_GONE = 2,   /* the caller no longer runs (it exited or was killed) */
};

struct parked {
	uint32_t pid;       /* valid when used */
	uint32_t slot;      /* the endpoint slot it receives on */
	uint64_t request;   /* the SysLog request still awaiting its response */
	uint32_t num;       /* RECV or CALL */
	uint8_t used;
	uint8_t woken;      /* wake already sent, resume not yet seen */
};

struct zos_system {
	struct kernel k;
	struct axiom ax;
	const struct zos_hal *hal;
	struct parked parked[ZOS_MAX_PROCS];
	uint64_t current_request;  /* SysLog id of the syscall being served */
	struct sysevent events[ZOS_SYSLOG_DEFAULT];
	zos_commit_t window[ZOS_COMMIT_WINDOW];
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

enum system_outcome system_syscall(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				   int64_t *result);
/* Retry a parked receive after a wake. */
enum system_outcome system_resume(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
				  int64_t *result);
/* Pid 0 (the platform) sends a message through its cap at slot: how the
 * platform delivers console input and notices to Init's inbox
 * (ZOS_KERNEL_INIT_SLOT). Logged and committed like any send. */
int64_t system_kernel_send(struct zos_system *sys, uint32_t slot, uint32_t tag,
			   const uint8_t *body, uint32_t len);
/* A device request finished: its result message goes to the requester's
 * reply endpoint, and the request id (pid 0's reply cap) is used up. When
 * the requester or its endpoint is gone, the result is dropped
 * (ZOS_ERR_NOT_FOUND). */
int64_t system_device_done(struct zos_system *sys, uint64_t request, uint32_t tag,
			   const uint8_t *body, uint32_t len);
/* Whether pid is parked in a blocking receive. */
int system_is_parked(const struct zos_system *sys, uint32_t pid);
/* The platform saw pid crash: ProcessFaulted, and its resources reclaimed. */
int system_fault(struct zos_system *sys, uint32_t pid, uint32_t reason, const char *desc,
		 uint32_t desc_len);
/* The group commit point: make every commit so far durable. */
int system_flush(struct zos_system *sys);
/* For a HAL's verify_log: replays the log's records (len bytes of data)
 * into k (scratch, zeroed here), fills out's disk_* fields from the report
 * and says whether the replayed state matches live. Returns
 * out->disk_status. */
int system_verify_records(struct kernel *k, const uint8_t *data, size_t len,
			  const uint8_t live[32], struct zos_audit_verify *out);

#endif
