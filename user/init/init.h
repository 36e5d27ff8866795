/*
 * Init (PID 1): starts the core services in order, keeps the registry of
 * services (name -> endpoint), routes the console to its terminal, restarts
 * a core service that crashes (a bounded number of times), and answers the
 * requests only it can: lookups, spawns and kills (it holds the Process
 * caps), and shutdown.
 *
 * Init's CSpace: a full cap to each genesis device (ZOS_INIT_DEVICE_SLOT),
 * its inbox (ZOS_INIT_INBOX_SLOT), its reply endpoint, then for each
 * program it started: a Process cap and a WRITE+GRANT cap to the program's
 * endpoint. Everything reaches Init through its inbox: services (register,
 * ready, lookups), terminals (spawn, kill, shutdown) and the platform
 * (console input, processes that ended).
 */
#ifndef ZOS_INIT_H
#define ZOS_INIT_H

#include "zos.h"

#define INIT_MAX_PROGRAMS 32
#define INIT_MAX_RESTARTS 3

struct program {
	char name[ZOS_NAME_MAX + 1];
	uint32_t pid;
	uint32_t pslot;          /* Process cap (full rights) */
	uint32_t ep;             /* WRITE+GRANT to its endpoint */
	uint32_t control;        /* vfs only: WRITE+GRANT to its control endpoint */
	uint8_t device;          /* ZOS_DEV_* it was given (its slot 2), 0 for none */
	uint8_t audit;           /* it also reads the audit device (slot 3) */
	uint8_t used;
	uint8_t running;
	uint8_t ready;           /* said SERVICE_READY */
	uint8_t core;            /* a core service: restart it if it crashes */
	uint8_t console;         /* the console's terminal */
	uint8_t restarts;
	uint64_t started_ns;
};

struct init {
	struct program progs[INIT_MAX_PROGRAMS];
	uint32_t boot_next;      /* index into the core list still to start */
	uint32_t boot_wait;      /* the core service whose readiness boot awaits */
	uint8_t booted;
	uint8_t terminal_wanted; /* the platform asked for a console terminal */
	uint8_t terminal_crashes;
	uint64_t boot_start_ns;
	/* console input waiting for its terminal to be ready */
	uint8_t typed_ahead[65536];
	uint32_t typed_len;
	uint8_t typed_eof;
	uint8_t stopping;
	int32_t exit_code;       /* what Init exits with when it stops */
};

extern struct init init;

/* services.c */
struct program *program_by_pid(uint32_t pid);
struct program *program_by_name(const char *name);
/* Starts name with device (0: none) in its slot 2; the console's terminal
 * (console) also gets READ on the audit device in slot 3. */
struct program *start_program(const char *name, uint8_t device, uint8_t core, int console);
void boot_next_service(void);
void service_ready(struct program *p);
void program_ended(const struct zos_process_ended *e);

/* vfs_control.c: VFS's control endpoint (made when VFS starts) and the
 * REGISTER of each program Init starts (vfs.h). */
int64_t vfs_control_equip(struct program *p);
/* on_demand.c: private services (only their holder reaches them), some
 * started only when their holder first asks. */
int is_private_service(const char *name);
/* Grants p the private services it holds that are running. */
int64_t give_private_services(const struct program *p);
/* A restarted private service: its holders get a new cap. */
void renew_private_service(const struct program *svc);
/* A lookup of private service name: 1 when answered or kept to answer
 * when the service is ready; 0 when it must be refused. */
int private_lookup(const struct zos_msg *m, const char *name);
void on_demand_ready(const struct program *svc);
void on_demand_ended(const char *name);
/* Lookups kept waiting for an on-demand service (for the fuzzer). */
uint32_t on_demand_waiting(void);

/* requests.c */
void handle_message(struct zos_msg *m, int64_t len);
/* Answers a message that came by CALL (it carries the reply cap). */
void answer(const struct zos_msg *m, uint32_t tag, const void *body, uint32_t len);

/* console.c */
void console_input(const uint8_t *bytes, uint32_t len);
void console_terminal_ready(void);
void console_start_terminal(void);

#endif
