/*
 * syscall_gateway: what a syscall costs through the whole gateway, and what
 * Axiom adds on top of the bare kernel (figures 1 and 3 of `make bench`).
 *
 * The workload is IPC between two processes: Init spawns a receiver and a
 * sender through its spawn authority, creates an endpoint and grants the
 * receiver a READ cap and the sender a WRITE cap. One unit of work is a
 * pair: the sender SENDs a body (16 or 4096 bytes), the receiver RECVs it
 * (non-blocking; the message is always there). Each pair makes two commits,
 * MessageSent and MessageReceived.
 *
 * Figure 1 runs the pairs through system_syscall: SysLog request, kernel
 * decide, CommitLog append (canonical encoding, SHA-256 chain, framing with
 * CRC-32C, the fake platform's in-memory sink), apply, SysLog response, and
 * the automatic Checkpoint every ZOS_CHECKPOINT_EVERY commits. Its baseline
 * is a Linux pipe write + read of the same body in one thread: two real
 * syscalls moving the same bytes, with no context switch, as here.
 *
 * Figure 3 runs the same pairs on a copy of the same kernel state as bare
 * kernel steps (kernel_decide, then kernel_apply of each commit: no SysLog,
 * no hashing, no log) and prints gateway / bare. Two rows between the ends
 * split the difference: Axiom's parts called in the door's order without
 * the System around them (SysLog request, decide, commit step, SysLog
 * response: no class lookup, clock reads or wake scan), and the same with a
 * memory-only CommitLog (no framing, CRC or sink).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/error.h>
#include <zos/pid.h>

#include "bench.h"
#include "support/fake_platform.h"

#define SPAWN_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN)
#define TAG 0x4242u

/* The two processes and their endpoint caps, on a System of their own. */
struct pair {
	struct fake_platform fp;
	struct zos_system *sys;
	struct kernel *bare;       /* a copy of sys->k after set-up, for the bare steps */
	struct kstep step;         /* scratch for the bare steps */
	uint64_t now;              /* the bare steps' clock */
	uint32_t tx, rx;           /* sender and receiver pids */
	uint32_t tx_slot, rx_slot; /* their caps to the endpoint */
	uint32_t size;             /* body bytes per SEND */
	int pipe_fd[2];
	uint8_t body[ZOS_MSG_MAX];
	uint8_t out[sizeof(struct zos_msg_header) + ZOS_MSG_MAX];
};

static int64_t must(int64_t r, const char *what)
{
	if (r < 0) {
		fprintf(stderr, "bench: %s failed: %s\n", what, zos_error_name(r));
		exit(1);
	}
	return r;
}

static uint32_t spawn(struct pair *p, const char *name, uint32_t *proc_slot)
{
	int64_t r = must(spawn_child(p->sys, ZOS_PID_INIT, SPAWN_SLOT, name), "SPAWN_PROCESS");

	*proc_slot = ZOS_UNPACK_SLOT(r);
	return ZOS_UNPACK_ID(r);
}

static uint32_t grant(struct pair *p, uint32_t ep_slot, uint32_t proc_slot, uint8_t rights)
{
	return (uint32_t)must(sc0(p->sys, ZOS_PID_INIT, ZOS_SYS_CAP_GRANT, ep_slot, proc_slot, rights),
			      "CAP_GRANT");
}

static struct pair *pair_new(uint32_t size)
{
	struct pair *p = calloc(1, sizeof *p);
	uint32_t rx_pc, tx_pc, ep_slot;

	if (!p || !(p->bare = malloc(sizeof *p->bare)) || pipe(p->pipe_fd) != 0)
		bench_die("out of memory or pipes", 0);
	fake_init(&p->fp);
	p->sys = fake_system(&p->fp);
	p->size = size;
	memset(p->body, 0xA5, sizeof p->body);
	p->rx = spawn(p, "receiver", &rx_pc);
	p->tx = spawn(p, "sender", &tx_pc);
	ep_slot = ZOS_UNPACK_SLOT(must(sc0(p->sys, ZOS_PID_INIT, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0),
				       "CREATE_ENDPOINT"));
	p->rx_slot = grant(p, ep_slot, rx_pc, ZOS_RIGHT_READ);
	p->tx_slot = grant(p, ep_slot, tx_pc, ZOS_RIGHT_WRITE);
	memcpy(p->bare, &p->sys->k, sizeof *p->bare);
	p->now = p->fp.now;
	return p;
}

static void pair_free(struct pair *p)
{
	close(p->pipe_fd[0]);
	close(p->pipe_fd[1]);
	fake_system_free(p->sys);
	fake_free(&p->fp);
	free(p->bare);
	free(p);
}

static zos_syscall_t send_call(struct pair *p)
{
	return (zos_syscall_t){ .num = ZOS_SYS_SEND, .arg = { p->tx_slot, TAG, 0, 0 },
				.in = p->body, .in_len = p->size };
}

static zos_syscall_t recv_call(struct pair *p)
{
	return (zos_syscall_t){ .num = ZOS_SYS_RECV, .arg = { p->rx_slot, ZOS_RECV_NONBLOCK, 0, 0 },
				.out = p->out, .out_cap = sizeof p->out };
}

static void expect(int64_t got, int64_t want, const char *what)
{
	if (got != want)
		bench_die(what, (long long)got);
}

/* ---- figure 1: the whole gateway ----------------------------------------- */

static void gateway_pairs(void *ctx, uint64_t iters)
{
	struct pair *p = ctx;

	for (uint64_t i = 0; i < iters; i++) {
		zos_syscall_t s = send_call(p), r = recv_call(p);
		int64_t res = -1;
		expect(system_syscall(p->sys, p->tx, &s, &res), SYS_DONE, "SEND outcome");
		expect(res, 0, "SEND result");
		expect(system_syscall(p->sys, p->rx, &r, &res), SYS_DONE, "RECV outcome");
		expect(res, p->size, "RECV result");
	}
}

/* The fake sink keeps every record; rewind it so memory stays bounded (the
 * warm-up run has already grown it to the size a run needs). */
static void rewind_sink(void *ctx)
{
	struct pair *p = ctx;

	p->fp.log_len = 0;
	p->fp.durable_len = 0;
}

static void pipe_pairs(void *ctx, uint64_t iters)
{
	struct pair *p = ctx;

	for (uint64_t i = 0; i < iters; i++) {
		expect(write(p->pipe_fd[1], p->body, p->size), p->size, "pipe write");
		expect(read(p->pipe_fd[0], p->out, p->size), p->size, "pipe read");
	}
}

/* ---- figure 3: the bare kernel step, and the rows in between ------------- */

static void bare_step(struct pair *p, uint32_t pid, zos_syscall_t *sc, int64_t want)
{
	struct kstep *st = &p->step;

	kernel_decide(p->bare, pid, sc, ++p->now, st);
	expect(st->result, want, "bare step result");
	for (uint32_t i = 0; i < st->ncommits; i++) {
		const zos_commit_t *c = &st->commits[i];
		expect(kernel_apply(p->bare, c, c->type == ZOS_COMMIT_MESSAGE_SENT ? st->body : 0),
		       ZOS_OK, "bare apply");
	}
}

static void bare_pairs(void *ctx, uint64_t iters)
{
	struct pair *p = ctx;

	for (uint64_t i = 0; i < iters; i++) {
		zos_syscall_t s = send_call(p), r = recv_call(p);
		bare_step(p, p->tx, &s, 0);
		bare_step(p, p->rx, &r, p->size);
	}
}

/* One syscall through Axiom's parts alone, in the door's order. */
static int64_t axiom_parts(struct pair *p, uint32_t pid, zos_syscall_t *sc)
{
	struct zos_system *sys = p->sys;
	uint64_t now = ++p->fp.now;
	uint64_t req = axiom_request(&sys->ax, pid, sc, now);
	int64_t r;

	kernel_decide(&sys->k, pid, sc, now, &p->step);
	r = p->step.result;
	if (p->step.ncommits && axiom_commit_step(&sys->ax, &sys->k, &p->step, req) != ZOS_OK)
		r = ZOS_ERR_LOG_FAILED;
	axiom_response(&sys->ax, pid, sc->num, req, r, now);
	return r;
}

static void axiom_pairs(void *ctx, uint64_t iters)
{
	struct pair *p = ctx;

	for (uint64_t i = 0; i < iters; i++) {
		zos_syscall_t s = send_call(p), r = recv_call(p);
		expect(axiom_parts(p, p->tx, &s), 0, "SEND result");
		expect(axiom_parts(p, p->rx, &r), p->size, "RECV result");
	}
}

/* The same with the CommitLog's sink detached: memory only. */
static void axiom_memlog_pairs(void *ctx, uint64_t iters)
{
	struct pair *p = ctx;
	struct log_sink saved = p->sys->ax.log.sink;

	p->sys->ax.log.sink.write = 0;
	axiom_pairs(ctx, iters);
	p->sys->ax.log.sink = saved;
}

/* ---- running and printing ------------------------------------------------- */

enum { GATEWAY, PIPE, AXIOM, MEMLOG, BARE, NCASES };

struct sized {
	uint32_t size;
	struct bench_series t[NCASES]; /* ns per pair */
};

/* All five cases timed in the same rounds, on one pair of processes. */
static void measure_size(struct sized *m)
{
	struct pair *p = pair_new(m->size);
	struct bench_case cs[NCASES] = {
		[GATEWAY] = { gateway_pairs, rewind_sink, p, 0 },
		[PIPE] = { pipe_pairs, 0, p, 0 },
		[AXIOM] = { axiom_pairs, rewind_sink, p, 0 },
		[MEMLOG] = { axiom_memlog_pairs, rewind_sink, p, 0 },
		[BARE] = { bare_pairs, 0, p, 0 },
	};

	bench_rounds(cs, NCASES, m->t);
	pair_free(p);
}

static void print_fig1(const struct sized *m)
{
	char fig[64], base[64], rate[32];
	struct bench_stat g = bench_stat_of(m->t[GATEWAY].t);

	snprintf(fig, sizeof fig, "1. SEND+RECV pair, %u B, gateway", m->size);
	snprintf(base, sizeof base, "pipe write+read %u B", m->size);
	bench_row(fig, &m->t[GATEWAY], base, &m->t[PIPE], "pair");
	bench_note("= %spairs/s, %.0f ns per syscall (2 syscalls, 2 commits per pair)",
		   bench_fmt_rate(rate, sizeof rate, bench_rate(g.med)), g.med / 2);
}

static void print_fig3_row(const struct sized *m, int which, const char *what)
{
	char fig[64], base[64];
	struct bench_series v = bench_scale(m->t[which], 0.5), b = bench_scale(m->t[BARE], 0.5);

	snprintf(fig, sizeof fig, what, m->size);
	snprintf(base, sizeof base, "bare kernel step %u B", m->size);
	bench_row(fig, &v, base, &b, "call");
}

static void print_fig3(const struct sized *m)
{
	print_fig3_row(m, GATEWAY, "3. cost of Axiom, %u B: system_syscall");
	print_fig3_row(m, AXIOM, "   %u B: Axiom's parts (no System)");
	print_fig3_row(m, MEMLOG, "   %u B: Axiom's parts, memory-only log");
}

int main(void)
{
	static struct sized m[2] = { { .size = 16 }, { .size = ZOS_MSG_MAX } };

	for (int i = 0; i < 2; i++)
		measure_size(&m[i]);
	bench_title("syscall_gateway: IPC through the gateway (figures 1 and 3)");
	bench_table_header();
	for (int i = 0; i < 2; i++)
		print_fig1(&m[i]);
	printf("\n");
	for (int i = 0; i < 2; i++)
		print_fig3(&m[i]);
	bench_note("aim for figure 3: system_syscall under 3x the bare kernel step");
	return 0;
}
