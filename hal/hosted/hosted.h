/*
 * The hosted platform: Zero OS on Linux. The kernel side is this one
 * process and one thread (the System is never touched from anywhere else);
 * every Zero OS process is a separate Linux process running its own static
 * binary, talking to the kernel through a shared-memory mailbox.
 *
 * The parts, each owning its own state, none calling another's or the
 * System (only the loop does):
 *
 *   loop.c      the kernel thread's loop: it sleeps in epoll_wait, hands
 *               what woke it to the System, and answers
 *   mailbox.c   one syscall in from a process's mailbox, its answer out
 *   procs.c     Zero OS processes as Linux processes: start, stop, reap
 *   console.c   the terminal or script: raw mode, reading, writing
 *   devices.c   storage and keystore (SQLite, kvstore.c) and the network
 *               (libcurl, net.c): requests in, results out
 *   hal_ops.c   the zos_hal table: mechanism the System calls
 *   logfile.c   the CommitLog's file
 *
 * Policy is the System's (system/system.h): when the log is made durable
 * (before every output: the output-commit rule), what Init is told and
 * when, when to stop. This platform only asks it (system_flush_due,
 * system_pump, system_status).
 */
#ifndef ZOS_HAL_HOSTED_H
#define ZOS_HAL_HOSTED_H

#include <limits.h>
#include <stddef.h>
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

/* epoll keys: a process's doorbell is keyed by its index in procs[]. */
#define KEY_SIGNAL 1000u
#define KEY_CONSOLE 1001u
#define KEY_STORAGE 1002u
#define KEY_KEYSTORE 1003u
#define KEY_NETWORK 1004u

/* One Zero OS process, as the platform sees it. Free: !used. Owned by
 * procs.c; the loop sets parked/answer_ready/out_cap as it serves. */
struct hproc {
	uint8_t used;
	uint32_t pid;
	pid_t linux_pid;         /* 0 until started */
	char name[ZOS_NAME_MAX + 1];
	struct zos_mailbox *mb;  /* shared with the process */
	int doorbell;            /* eventfd the process rings */
	uint8_t parked;          /* in a blocking receive: its answer waits */
	uint8_t answer_ready;    /* mailbox holds an answer to publish */
	uint8_t ended;           /* no longer a live Zero OS process */
	uint32_t out_cap;        /* of the parked syscall */
};

struct hprocs {
	struct hproc procs[ZOS_MAX_PROCS];
	int epfd;                /* where doorbells are watched (the loop's) */
	char bin_dir[PATH_MAX];
};

/* A Linux process that went away (procs_reap). */
struct hproc_exit {
	uint32_t pid;
	char name[ZOS_NAME_MAX + 1];
	int unexpected;          /* it still counted as running: it crashed */
	uint32_t fault;          /* then: a ZOS_FAULT_* reason */
	char desc[96];           /* and what happened */
};

struct hconsole {
	int in_fd;               /* where console input comes from */
	int in_is_file;          /* a regular file: always readable, no epoll */
	int out_fd;
	int tty_raw;             /* the terminal was put in raw mode */
	struct termios saved_tty;
	int watching;            /* its fd is in the epoll set for reading */
	int at_end;              /* end of input seen */
	int epfd;
};

struct hdevices {
	struct kvstore *storage;
	struct kvstore *keystore;
	struct netdev *network;
	int verbose;             /* say why a network request was refused */
	struct hconsole *say;    /* where to say it */
};

/* A finished device request, as the requester's message. */
struct hdevice_result {
	uint64_t request;
	uint32_t tag;
	uint32_t len;
	uint8_t body[ZOS_MSG_MAX];
};

struct hosted {
	struct zos_system *sys;
	struct zos_hal hal;
	struct logfile log;
	struct hprocs procs;
	struct hconsole console;
	struct hdevices devices;
	char data_dir[PATH_MAX];
	int epfd;
	int sigfd;
	/* Wakes the System asked for (hal_ops.c), resumed by the loop. */
	uint32_t woken[ZOS_MAX_PROCS * 2];
	uint32_t nwoken;
	uint8_t *in_buf;         /* private copies of a syscall's buffers */
	uint8_t *out_buf;
	int stopping;
	int exit_code;
	int verbose;
	uint64_t start_ns;
};

/* hal_ops.c */
void hosted_hal_init(struct hosted *h);
uint64_t hosted_now_ns(void);

/* procs.c */
struct hproc *procs_find(struct hprocs *ps, uint32_t pid);
int procs_spawn(struct hprocs *ps, uint32_t pid, const char *name, uint32_t name_len,
		const uint8_t *binary, uint32_t len);
/* pid no longer runs as a Zero OS process: kill its Linux process. */
void procs_stop(struct hprocs *ps, uint32_t pid);
/* In the forked child: no_new_privs and the seccomp filter (confine.c). */
int confine_child(void);
/* The next Linux process that went away (after SIGCHLD): 1 and *out, or 0. */
int procs_reap(struct hprocs *ps, struct hproc_exit *out);
void procs_kill_all(struct hprocs *ps);

/* mailbox.c */
/* The request in p's mailbox, copied into private buffers (in, out): 1, or
 * 0 when there is none. */
int mailbox_take(struct hproc *p, zos_syscall_t *sc, uint8_t *in, uint8_t *out);
/* The answer into p's mailbox, not yet visible to p. */
void mailbox_store(struct hproc *p, const zos_syscall_t *sc, const uint8_t *out, int64_t r);
/* Makes the stored answer visible and wakes p. */
void mailbox_publish(struct hproc *p);

/* loop.c */
int hosted_run(struct hosted *h);
void hosted_stop(struct hosted *h, int code, const char *why);

/* console.c */
int console_open(struct hconsole *c, int in_fd, int out_fd);
void console_restore(struct hconsole *c);
/* Up to cap bytes of input: how many (0: none now; *at_end set at the end). */
uint32_t console_read(struct hconsole *c, uint8_t *buf, uint32_t cap);
/* Watch the input in epoll (on) or not (while the System has no room). */
void console_watch(struct hconsole *c, int on);
int64_t console_write(struct hconsole *c, const uint8_t *buf, uint32_t len);
void console_say(struct hconsole *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* devices.c */
int devices_open(struct hdevices *d, const char *data_dir, char *err, size_t cap);
void devices_close(struct hdevices *d);
int devices_request(struct hdevices *d, uint64_t request, const zos_syscall_t *sc);
/* The next finished request of the device behind epoll key: 1 and *out, or 0. */
int devices_result(struct hdevices *d, uint64_t key, struct hdevice_result *out);
/* The devices' event fds and their epoll keys, for the loop to watch. */
int devices_watch(const struct hdevices *d, int epfd);

#endif
