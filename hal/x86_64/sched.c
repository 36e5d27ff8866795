/*
 * The scheduler and the syscall path (see sched.h).
 *
 * A syscall from ring 3 passes rdi = the address of its zos_syscall_t.
 * Before the kernel reads anything the process named, the record, its
 * input and its output buffer are checked against the process's own page
 * tables (user pages, writable where the kernel will write, bounded
 * lengths); the input is copied into a kernel buffer and the System writes
 * into another, copied back afterwards. A bad pointer gets
 * ZOS_ERR_INVALID_ARGUMENT; the process goes on.
 */
#include "hal/x86_64/sched.h"

#include <zos/error.h>
#include <zos/fault.h>

#include "hal/x86_64/cpu/cpu.h"
#include "hal/x86_64/cpu/gdt.h"
#include "hal/x86_64/mem/kheap.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/mem/layout.h"
#include "hal/x86_64/mem/paging.h"
#include "hal/x86_64/prof/prof.h"
#include "hal/x86_64/mem/uspace.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define MSR_STAR 0xC0000081u
#define MSR_LSTAR 0xC0000082u
#define MSR_SFMASK 0xC0000084u
#define SFMASK_BITS 0x47700ull /* IF, TF, DF, AC, NT: off in the kernel */
#define TRAP_STACK_SIZE (64 * 1024)

struct kctx {
	uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip;
};

void syscall_entry(void);
__attribute__((noreturn)) void enter_user(struct trap_frame *f);
__attribute__((returns_twice)) int kctx_save(struct kctx *c);
__attribute__((noreturn)) void kctx_jump(struct kctx *c);

uint64_t trap_stack_top;
static struct zos_system *system;
static uint8_t *bounce_in, *bounce_out;
static struct uproc *running;
static struct kctx kernel_ctx;
static struct sched_stats stats;
static int running_ended;
static struct sched_hooks hooks;
/* Bench mode (prof.h): the System's cycles and commits in the syscall or
 * resume being served, and resumes' cycles within the current switch. */
static uint64_t prof_sys, prof_commits, prof_resumed;

int sched_init(struct zos_system *sys, const struct sched_hooks *h)
{
	uint8_t *stack = trap_stack_top ? 0 : kalloc(TRAP_STACK_SIZE);

	system = sys;
	zos_memset(&hooks, 0, sizeof hooks);
	if (h)
		hooks = *h;
	zos_memset(&stats, 0, sizeof stats);
	running = 0;
	if (trap_stack_top)
		return ZOS_OK; /* set up already (a second System after the tests) */
	bounce_in = kalloc(SYSCALL_BOUNCE);
	bounce_out = kalloc(SYSCALL_BOUNCE);
	if (!stack || !bounce_in || !bounce_out)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	trap_stack_top = (uint64_t)(stack + TRAP_STACK_SIZE);
	tss_set_rsp0(trap_stack_top);
	/* sysret would use base + 16 for CS, + 8 for SS; syscall uses KCODE/KDATA. */
	wrmsr(MSR_STAR, ((uint64_t)(SEL_UDATA - 8 - 3) << 48) | ((uint64_t)SEL_KCODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_SFMASK, SFMASK_BITS);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	return ZOS_OK;
}

struct uproc *sched_running(void)
{
	return running;
}

void sched_end_running(void)
{
	running_ended = 1;
}

void sched_note_started(void)
{
	stats.started++;
}

/* Commits so far, for bench mode's count per syscall. */
static uint64_t commits_so_far(void)
{
	struct system_status st;

	system_status(system, &st);
	return st.commits;
}

/* Completes a parked receive for p, whose answer is now there. */
static void resume(struct uproc *p)
{
	zos_syscall_t sc = { .out = bounce_out, .out_cap = p->out_cap };
	int64_t r = 0;
	enum system_outcome o;
	uint64_t t0, c0 = prof_on ? commits_so_far() : 0;

	if (read_cr3() != p->pml4)
		write_cr3(p->pml4);
	t0 = prof_on ? rdtsc() : 0;
	o = system_resume(system, p->pid, &sc, &r);
	if (prof_on) {
		uint64_t d = rdtsc() - t0;
		prof_resumed += d;
		prof_resume(d, commits_so_far() - c0);
	}
	p->woken = 0;
	if (o == SYS_PARKED)
		return;
	if (o == SYS_DONE) {
		uint32_t n = sc.out_len < p->out_cap ? sc.out_len : p->out_cap;
		/* Checked when it parked; its mappings have not changed since. */
		uspace_copy_out(p->user_out, bounce_out, n);
		uspace_copy_out(p->user_sc + __builtin_offsetof(zos_syscall_t, out_len),
				&sc.out_len, sizeof sc.out_len);
		p->ctx.rax = (uint64_t)r;
		p->state = UPROC_READY;
	}
}

/* The next process to run after slot `after`, or 0; woken ones complete
 * their receive first. */
static struct uproc *pick(int after)
{
	for (int n = 1; n <= ZOS_MAX_PROCS; n++) {
		struct uproc *p = &procs[(after + n) % ZOS_MAX_PROCS];

		if (p->state == UPROC_BLOCKED && p->woken)
			resume(p);
		if (p->state == UPROC_READY)
			return p;
	}
	return 0;
}

/* Runs the next ready process, or returns to sched_run's caller. */
static __attribute__((noreturn)) void switch_next(void)
{
	int after = running ? (int)(running - procs) : ZOS_MAX_PROCS - 1;
	struct uproc *next;
	uint64_t t0 = prof_on ? rdtsc() : 0, t1;

	/* The pump touches kernel memory only, mapped in every address space:
	 * no CR3 switch for it (each one empties the TLB). */
	if (hooks.pump)
		hooks.pump(hooks.ctx);
	t1 = prof_on ? rdtsc() : 0;
	prof_resumed = 0;
	next = pick(after);
	if (prof_on)
		prof_switch(t1 - t0, rdtsc() - t1 - prof_resumed);

	running = next;
	if (!next) {
		write_cr3(paging_kernel_pml4());
		kctx_jump(&kernel_ctx);
	}
	if (read_cr3() != next->pml4)
		write_cr3(next->pml4);
	enter_user(&next->ctx);
}

static int any_ready(void)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (procs[i].state == UPROC_READY || (procs[i].state == UPROC_BLOCKED && procs[i].woken))
			return 1;
	return 0;
}

void sched_run(struct sched_stats *out, int forever)
{
	for (;;) {
		if (kctx_save(&kernel_ctx) == 0) {
			running = 0;
			switch_next();
		}
		if (!forever || (hooks.stop && hooks.stop(hooks.ctx)))
			break;
		/* Nothing ready: wait for a tick, then look for input. */
		while (!any_ready() && !(hooks.stop && hooks.stop(hooks.ctx))) {
			__asm__ volatile("sti; hlt; cli");
			if (hooks.pump)
				hooks.pump(hooks.ctx);
		}
	}
	*out = stats;
}

/* Copies the call in, runs it, copies the answer out; the result. */
static int64_t do_syscall(struct uproc *p, uint64_t user_sc, int *parked, uint32_t *num)
{
	zos_syscall_t u, sc;
	int64_t r = ZOS_ERR_INVALID_ARGUMENT;
	enum system_outcome o;

	*parked = 0;
	if (!uspace_check(p->pml4, user_sc, sizeof u, 1))
		return ZOS_ERR_INVALID_ARGUMENT;
	uspace_copy_in(&u, user_sc, sizeof u);
	if (u.in_len > SYSCALL_BOUNCE || u.out_cap > SYSCALL_BOUNCE ||
	    !uspace_check(p->pml4, (uint64_t)u.in, u.in_len, 0) ||
	    (u.out && !uspace_check(p->pml4, (uint64_t)u.out, u.out_cap, 1)) ||
	    (u.in_len && !u.in))
		return ZOS_ERR_INVALID_ARGUMENT;
	sc = u;
	*num = u.num;
	sc.in = u.in_len ? bounce_in : 0;
	sc.out = u.out ? bounce_out : 0;
	sc.out_len = 0;
	if (u.in_len)
		uspace_copy_in(bounce_in, (uint64_t)u.in, u.in_len);
	prof_commits = prof_on ? commits_so_far() : 0;
	prof_sys = prof_on ? rdtsc() : 0;
	o = system_syscall(system, p->pid, &sc, &r);
	if (prof_on) {
		prof_sys = rdtsc() - prof_sys;
		prof_commits = commits_so_far() - prof_commits;
	}
	if (o == SYS_GONE) {
		running_ended = 1;
		return ZOS_OK;
	}
	if (o == SYS_PARKED) {
		p->user_sc = user_sc;
		p->user_out = (uint64_t)u.out;
		p->out_cap = u.out ? u.out_cap : 0;
		*parked = 1;
		return ZOS_OK;
	}
	if (u.out) {
		uint32_t n = sc.out_len < u.out_cap ? sc.out_len : u.out_cap;
		uspace_copy_out((uint64_t)u.out, bounce_out, n);
	}
	uspace_copy_out(user_sc + __builtin_offsetof(zos_syscall_t, out_len), &sc.out_len,
			sizeof sc.out_len);
	return r;
}

void sched_syscall(struct trap_frame *f)
{
	struct uproc *p = running;
	uint64_t t_in = prof_on ? rdtsc() : 0;
	uint32_t num = 0;
	int parked;
	int64_t r;

	if (!p)
		kpanic("a syscall with no process running");
	p->ctx = *f;
	stats.syscalls++;
	running_ended = 0;
	prof_sys = prof_commits = 0;
	r = do_syscall(p, f->rdi, &parked, &num);
	if (prof_on)
		prof_syscall(num, rdtsc() - t_in - prof_sys, prof_sys, prof_commits);
	if (r == ZOS_ERR_INVALID_ARGUMENT)
		stats.refused++;
	if (running_ended) {
		stats.exited++;
		running = 0;
		uproc_release(p);
		switch_next();
	}
	if (parked) {
		p->state = UPROC_BLOCKED;
		switch_next();
	}
	/* A syscall that did not block returns to its caller at once: others
	 * get the CPU when it blocks or at the next tick. */
	p->ctx.rax = (uint64_t)r;
	if (read_cr3() != p->pml4)
		write_cr3(p->pml4);
	enter_user(&p->ctx);
}

void sched_preempt(struct trap_frame *f)
{
	struct uproc *p = running;

	if (!p)
		kpanic("a timer tick from ring 3 with no process running");
	p->ctx = *f;
	stats.preemptions++;
	switch_next();
}

void sched_fault(struct trap_frame *f, uint32_t reason, const char *what)
{
	struct uproc *p = running;
	char desc[96];
	int n;

	if (!p)
		kpanic("a user-mode fault with no process running");
	n = zos_snprintf(desc, sizeof desc, "%s at rip %llx", what, (unsigned long long)f->rip);
	if (n < 0 || (size_t)n >= sizeof desc)
		n = (int)zos_strlen(desc);
	stats.faulted++;
	if (system_fault(system, p->pid, reason, desc, (uint32_t)n) != ZOS_OK)
		kprintf("proc: the System refused the fault of process %u\n", p->pid);
	kprintf("proc: process %u (%s) killed: %s; the system goes on\n", p->pid, p->name, desc);
	running = 0;
	uproc_release(p);
	switch_next();
}
