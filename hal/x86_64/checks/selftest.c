/*
 * The kernel-side System check (see selftest.h). Every syscall goes
 * through system_syscall with pid 1 (Init) as the trusted caller, exactly
 * as a ring-3 Init's calls will, so Axiom logs and commits each one. The
 * expected results are checked; a mismatch is reported and counted.
 */
#include "hal/x86_64/checks/selftest.h"

#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/error.h>
#include <zos/pid.h>

#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "hal/x86_64/drivers/clock.h"
#include "hal/x86_64/mem/kheap.h"
#include "hal/x86_64/kprint.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "system/system.h"

#define SPAWN_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN)
#define CONSOLE_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_CONSOLE)
#define AUDIT_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_AUDIT)

static int failures;

int64_t init_call(struct zos_system *s, zos_syscall_t *sc)
{
	int64_t r = ZOS_ERR_WOULD_BLOCK;
	enum system_outcome o = system_syscall(s, ZOS_PID_INIT, sc, &r);

	return o == SYS_DONE ? r : (o == SYS_PARKED ? ZOS_ERR_WOULD_BLOCK : ZOS_OK);
}

static void expect(const char *what, int ok, int64_t r)
{
	const char *name = r < 0 ? zos_error_name(r) : 0;

	kprintf("  %-40s %s (result %lld%s%s)\n", what, ok ? "ok" : "FAILED", (long long)r,
		name ? " " : "", name ? name : "");
	if (!ok)
		failures++;
}

static void print_hash(const char *label, const uint8_t h[ZOS_HASH_SIZE])
{
	char hex[2 * ZOS_HASH_SIZE + 1];

	zos_hex(hex, h, ZOS_HASH_SIZE);
	kprintf("%s %s\n", label, hex);
}

static void syscalls(struct zos_system *s)
{
	static const char hello[] = "hello from the x86_64 kernel";
	static const char banner[] = "  (console write through Init's console capability)\n";
	uint8_t msg[sizeof(struct zos_msg_header) + sizeof hello], spawn_in[64], rnd[16];
	struct zos_ps_entry ps[8];
	struct zos_audit_verify v;
	uint32_t slot, name_len = 8;
	int64_t r;
	zos_syscall_t sc;

	kprintf("system: syscalls on Init's behalf through system_syscall:\n");
	sc = (zos_syscall_t){ .num = ZOS_SYS_CREATE_ENDPOINT };
	r = init_call(s, &sc);
	slot = ZOS_UNPACK_SLOT(r);
	expect("CREATE_ENDPOINT", r >= 0, r);
	sc = (zos_syscall_t){ .num = ZOS_SYS_SEND, .arg = { slot, 0x5e1f }, .in = (const uint8_t *)hello,
			      .in_len = sizeof hello - 1 };
	r = init_call(s, &sc);
	expect("SEND to it", r == ZOS_OK, r);
	sc = (zos_syscall_t){ .num = ZOS_SYS_RECV, .arg = { slot, ZOS_RECV_NONBLOCK }, .out = msg,
			      .out_cap = sizeof msg };
	r = init_call(s, &sc);
	expect("RECV the same message back", r >= 0 && sc.out_len == sizeof msg - 1 &&
		   zos_memcmp(msg + sizeof(struct zos_msg_header), hello, sizeof hello - 1) == 0, r);
	sc = (zos_syscall_t){ .num = ZOS_SYS_RECV, .arg = { slot, ZOS_RECV_NONBLOCK }, .out = msg,
			      .out_cap = sizeof msg };
	r = init_call(s, &sc);
	expect("RECV again: nothing there", r == ZOS_ERR_WOULD_BLOCK, r);
	sc = (zos_syscall_t){ .num = ZOS_SYS_SEND, .arg = { 40, 0 }, .in = (const uint8_t *)"x",
			      .in_len = 1 };
	r = init_call(s, &sc);
	expect("SEND through an empty slot: refused", r == ZOS_ERR_INVALID_SLOT, r);
	zos_memcpy(spawn_in, &name_len, 4);
	zos_memcpy(spawn_in + 4, "selftest", 8);
	zos_memcpy(spawn_in + 12, "\x7f" "ELF", 4);
	sc = (zos_syscall_t){ .num = ZOS_SYS_SPAWN_PROCESS, .arg = { SPAWN_SLOT, ZOS_SPAWN_NEW },
			      .in = spawn_in, .in_len = 16 };
	r = init_call(s, &sc);
	expect("SPAWN_PROCESS selftest", r >= 0 && ZOS_UNPACK_ID(r) == 2, r);
	sc = (zos_syscall_t){ .num = ZOS_SYS_PS, .out = (uint8_t *)ps, .out_cap = sizeof ps };
	r = init_call(s, &sc);
	expect("PS: kernel, init, selftest", r == 3, r);
	sc = (zos_syscall_t){ .num = ZOS_SYS_RANDOM, .arg = { sizeof rnd }, .out = rnd,
			      .out_cap = sizeof rnd };
	r = init_call(s, &sc);
	expect("RANDOM 16 bytes", r == (int64_t)sizeof rnd, r);
	sc = (zos_syscall_t){ .num = ZOS_SYS_WALLCLOCK };
	r = init_call(s, &sc);
	expect("WALLCLOCK (after 2020)", r > 1577836800000ll, r);
	sc = (zos_syscall_t){ .num = ZOS_SYS_CONSOLE_WRITE, .arg = { CONSOLE_SLOT },
			      .in = (const uint8_t *)banner, .in_len = sizeof banner - 1 };
	r = init_call(s, &sc);
	expect("CONSOLE_WRITE", r == (int64_t)sizeof banner - 1, r);
	sc = (zos_syscall_t){ .num = ZOS_SYS_AUDIT_VERIFY, .arg = { AUDIT_SLOT }, .out = (uint8_t *)&v,
			      .out_cap = sizeof v };
	r = init_call(s, &sc);
	expect("AUDIT_VERIFY: log replays to live state", r == ZOS_OK && v.matches_live, r);
}

/* Replays the log in m against the live state; prints the outcome. */
static int verify(struct zos_system *s, const struct memlog *m, struct kernel *scratch)
{
	struct replay_report rep;
	uint8_t live[ZOS_HASH_SIZE];
	uint64_t t0 = clock_now_ns(), us;
	int err;

	system_state_hash(s, live);
	err = replay_and_verify(scratch, m->buf, m->len, live, &rep);
	us = (clock_now_ns() - t0) / 1000;
	kprintf("axiom: %llu commits in %llu epochs (%llu bytes) verified and replayed in %llu.%03llu ms: %s\n",
		(unsigned long long)rep.commits, (unsigned long long)rep.epochs,
		(unsigned long long)rep.good_bytes, (unsigned long long)(us / 1000),
		(unsigned long long)(us % 1000), err == ZOS_OK ? "state matches" : "MISMATCH");
	print_hash("axiom: head", rep.head);
	print_hash("axiom: state hash", live);
	if (err != ZOS_OK) {
		kprintf("axiom: replay failed at seq %llu: %s\n", (unsigned long long)rep.bad_seq,
			rep.reason ? rep.reason : "state hash differs");
		failures++;
	}
	return err;
}

struct zos_system *system_selftest(struct x86_platform *p)
{
	struct zos_system *s = kalloc(sizeof *s);
	struct kernel *scratch = kalloc(sizeof *scratch);
	struct log_sink sink = memlog_sink(&p->log);
	struct replay_report rep;
	int err;

	failures = 0;
	if (!s || !scratch)
		kpanic("system: no memory for the System (%llu bytes)",
		       (unsigned long long)sizeof *s);
	err = system_start(s, &p->hal, &sink, 0, 0, &rep);
	if (err)
		kpanic("system: Genesis failed: %s", zos_error_name(err));
	kprintf("system: Genesis; Init is pid %u\n", (unsigned)ZOS_PID_INIT);
	syscalls(s);
	if (system_flush(s) != ZOS_OK)
		failures++;
	verify(s, &p->log, scratch);

	/* A second boot from the same log, as a reboot will do from disk. */
	zos_memset(s, 0, sizeof *s);
	err = system_start(s, &p->hal, &sink, p->log.buf, p->log.len, &rep);
	kprintf("system: second boot from the log: %s, %llu commits replayed, Boot commit appended\n",
		err == ZOS_OK ? "ok" : zos_error_name(err), (unsigned long long)rep.commits);
	if (err != ZOS_OK)
		failures++;
	else
		verify(s, &p->log, scratch);
	kfree(scratch, sizeof *scratch);
	kprintf("system: self-test %s (%d failures)\n", failures ? "FAILED" : "passed", failures);
	return failures ? 0 : s;
}
