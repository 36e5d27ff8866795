/*
 * The hosted platform: Zero OS on Linux. The kernel side is this one
 * process and one thread (the System is never touched from anywhere else);
 * every Zero OS process is a separate Linux process running its own static
 * binary, talking to the kernel through a shared-memory mailbox.
 *
 * The kernel thread sleeps in epoll_wait on: each process's doorbell
 * eventfd, a signalfd (children ending, SIGTERM/SIGINT/SIGHUP), the console
 * input, and the storage workers' result eventfds. One pass of the loop
 * serves everything that is ready, then answers.
 *
 * Durability follows the output-commit rule: the log is made durable (one
 * write + fdatasync for everything appended so far: the group commit)
 * before anything leaves the system: before a console write, before a
 * storage or keystore write reaches its database (reads change nothing
 * outside: they do not wait), at shutdown; and in
 * any case once the oldest unwritten commit is ZOS_HOSTED_FLUSH_MS old.
 * Answers between processes do not wait for the disk: a crash ends every
 * process (the next boot's Boot commit resets them all), so the only
 * results that can outlive a crash are outputs, and those never run ahead
 * of the log. A crash loses at most a tail nothing outside ever saw.
 */
#ifndef ZOS_HAL_HOSTED_H
#define ZOS_HAL_HOSTED_H

#include <limits.h>
#include <stdint.h>
#include <sys/types.h>
#include <termios.h>
#include <zos/mailbox.h>
#include <zos/param.h>

#include "hal/hal.h"
#include "hal/hosted/kvstore.h"
#include "hal/hosted/logfile.h"
#include "hal/hosted/net.h"
#include "system/system.h"

/* The longest an appended commit waits for the disk when nothing forces
 * it there sooner. */
#define ZOS_HOSTED_FLUSH_MS 5

/* epoll keys: a process's doorbell is keyed by its index in procs[]. */
#define KEY_SIGNAL 1000u
#define KEY_CONSOLE 1001u
#define KEY_STORAGE 1002u
#define KEY_KEYSTORE 1003u
#define KEY_NETWORK 1004u

/* One Zero OS process, as the platform sees it. Free: pid == 0 && !used. */
struct hproc {
	uint8_t used;
	uint32_t pid;
	pid_t linux_pid;         /* 0 until started */
	char name[ZOS_NAME_MAX + 1];
	struct zos_mailbox *mb;  /* shared with the process */
	int doorbell;            /* eventfd the process rings */
	uint8_t parked;          /* in a blocking receive: parked_sc waits */
	uint8_t answer_ready;    /* mailbox holds an answer to publish */
	uint8_t ended;           /* no longer a live Zero OS process */
	uint32_t out_cap;        /* of the parked syscall */
};

/* A notice for Init, queued while the System is busy (the System calls
 * back into the platform mid-syscall; it is never re-entered). */
struct notice {
	uint32_t tag;
	uint32_t len;
	uint8_t body[64];
};

struct hosted {
	struct zos_system *sys;
	struct zos_hal hal;
	struct logfile log;
	struct kvstore *storage;
	struct kvstore *keystore;
	struct netdev *network;
	struct hproc procs[ZOS_MAX_PROCS];
	int epfd;
	int sigfd;
	char bin_dir[PATH_MAX];
	char data_dir[PATH_MAX];
	/* console */
	int in_fd;               /* where console input comes from */
	int in_is_file;          /* a regular file: always readable, no epoll */
	int out_fd;
	int tty_raw;             /* the terminal was put in raw mode */
	struct termios saved_tty;
	uint8_t in_pending[4096];/* input not yet taken by Init */
	uint32_t in_pending_len;
	uint8_t in_eof;          /* end of input seen (and not yet delivered) */
	/* scheduling */
	uint32_t woken[ZOS_MAX_PROCS * 2];
	uint32_t nwoken;
	struct notice notices[128];
	uint32_t nnotices;
	uint8_t *in_buf;         /* private copies of a syscall's buffers */
	uint8_t *out_buf;
	/* lifecycle */
	uint64_t dirty_since_ns; /* when the oldest unwritten commit was noticed, 0: none */
	int stopping;
	int exit_code;
	int verbose;
	uint64_t start_ns;
};

/* hal_ops.c */
void hosted_hal_init(struct hosted *h);
uint64_t hosted_now_ns(void);

/* procs.c */
struct hproc *hproc_of(struct hosted *h, uint32_t pid);
int hosted_spawn(struct hosted *h, uint32_t pid, const char *name, uint32_t name_len,
		 const uint8_t *binary, uint32_t len);
void hosted_end_process(struct hosted *h, uint32_t pid);
void hosted_reap(struct hosted *h);
void hosted_kill_all(struct hosted *h);

/* loop.c */
int hosted_run(struct hosted *h);
void hosted_notice(struct hosted *h, uint32_t tag, const void *body, uint32_t len);
/* The group commit point: everything appended so far on the disk. On a
 * failure the system stops (exit status 3); returns the error. */
int hosted_make_durable(struct hosted *h);
/* pid is no longer alive: tell Init (or, when it is Init, stop). */
void hosted_process_ended(struct hosted *h, uint32_t pid, int32_t code, uint32_t fault);
void hosted_stop(struct hosted *h, int code, const char *why);

/* console.c */
int console_open(struct hosted *h, int in_fd, int out_fd);
void console_restore(struct hosted *h);
void console_readable(struct hosted *h);
void console_deliver(struct hosted *h);
void console_say(struct hosted *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* devices.c */
int hosted_devices_open(struct hosted *h, char *err, size_t cap);
void hosted_devices_close(struct hosted *h);
int hosted_device_request(void *ctx, uint32_t pid, uint64_t request, const zos_syscall_t *sc);
void hosted_device_results(struct hosted *h, struct kvstore *kv, uint32_t tag);
void hosted_net_results(struct hosted *h);

#endif
