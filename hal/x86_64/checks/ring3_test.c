/*
 * The ring-3 check at boot: the kernel, on Init's behalf, loads each
 * embedded r3* test program with LOAD_BINARY and starts it with
 * SPAWN_PROCESS, exactly the syscalls the ring-3 Init makes; then the
 * scheduler runs them. r3hello must exit after its checks; the others must
 * each be killed by their fault (ProcessFaulted) while the system goes on;
 * finally the log must still replay to the live state.
 */
#include "hal/x86_64/checks/ring3_test.h"

#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/error.h>

#include "hal/x86_64/mem/kheap.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/sched.h"
#include "hal/x86_64/checks/selftest.h"
#include "lib/mem.h"

#define IMAGE_MAX (256u * 1024u)
#define SPAWN_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN)
#define AUDIT_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_AUDIT)

static const char *const programs[] = { "r3hello", "r3kread", "r3rowrite", "r3null", "r3div",
					 "r3spin", "r3fpu", "r3sse" };
#define NPROGRAMS (sizeof programs / sizeof programs[0])

/* LOAD_BINARY then SPAWN_PROCESS, as Init; the new pid or an error. */
static int64_t start(struct zos_system *s, const char *name, uint8_t *buf)
{
	uint32_t name_len = (uint32_t)zos_strlen(name);
	uint8_t *image = buf + sizeof(struct zos_spawn_in) + name_len;
	zos_syscall_t sc = { .num = ZOS_SYS_LOAD_BINARY, .arg = { SPAWN_SLOT },
			     .in = (const uint8_t *)name,
			     .in_len = name_len, .out = image, .out_cap = IMAGE_MAX };
	int64_t r = init_call(s, &sc);

	if (r < 0) {
		kprintf("ring3: LOAD_BINARY %s: %s\n", name, zos_error_name(r));
		return r;
	}
	zos_memcpy(buf, &name_len, sizeof name_len);
	zos_memcpy(buf + sizeof name_len, name, name_len);
	sc = (zos_syscall_t){ .num = ZOS_SYS_SPAWN_PROCESS, .arg = { SPAWN_SLOT, ZOS_SPAWN_NEW },
			      .in = buf,
			      .in_len = (uint32_t)(sizeof(struct zos_spawn_in) + name_len + (uint64_t)r) };
	r = init_call(s, &sc);
	return r < 0 ? r : (int64_t)ZOS_UNPACK_ID(r);
}

int ring3_test(struct zos_system *s, int preempt)
{
	uint8_t *buf = kalloc(IMAGE_MAX + 64);
	struct sched_stats st;
	struct zos_audit_verify v;
	zos_syscall_t sc;
	int64_t r;
	int bad = 0;

	if (!buf || sched_init(s, 0) != ZOS_OK)
		kpanic("ring3: no memory for the scheduler");
	kprintf("ring3: syscall/sysret MSRs set; starting %u test programs\n",
		(unsigned)NPROGRAMS);
	for (uint32_t i = 0; i < NPROGRAMS; i++) {
		r = start(s, programs[i], buf);
		if (r < 0) {
			kprintf("ring3: cannot start %s: %s\n", programs[i], zos_error_name(r));
			bad++;
		}
	}
	kfree(buf, IMAGE_MAX + 64);
	sched_run(&st, 0);
	kprintf("ring3: %u processes ran: %u exited, %u killed by a fault; %u syscalls, %u refused "
		"for bad pointers; %u timer preemptions\n",
		st.started, st.exited, st.faulted, st.syscalls, st.refused, st.preemptions);
	if (st.started != NPROGRAMS || st.exited != 2 || st.faulted != NPROGRAMS - 2 ||
	    (preempt && st.preemptions == 0))
		bad++;
	sc = (zos_syscall_t){ .num = ZOS_SYS_AUDIT_VERIFY, .arg = { AUDIT_SLOT }, .out = (uint8_t *)&v,
			      .out_cap = sizeof v };
	r = init_call(s, &sc);
	kprintf("ring3: after the faults the log verifies: %s (%llu commits, replay %s the live "
		"state)\n",
		r == ZOS_OK ? "yes" : "NO", (unsigned long long)v.disk_commits,
		v.matches_live ? "matches" : "DOES NOT match");
	if (r != ZOS_OK || !v.matches_live)
		bad++;
	kprintf("ring3: %s\n", bad ? "FAILED" : "passed");
	return bad ? ZOS_ERR_CORRUPT : ZOS_OK;
}
