/* The random workload (see workload.h). */
#include "workload.h"

#include <string.h>
#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/error.h>

#define SPAWN_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN)

uint64_t workload_rand(struct workload *w)
{
	/* xorshift64*: small, fast and the same on every machine */
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return w->rng * 0x2545F4914F6CDD1Dull;
}

static uint32_t pick(struct workload *w, uint32_t n)
{
	return n ? (uint32_t)(workload_rand(w) % n) : 0;
}

void workload_init(struct workload *w, struct zos_system *sys, struct fake_platform *fp,
		   uint64_t seed)
{
	memset(w, 0, sizeof *w);
	w->sys = sys;
	w->fp = fp;
	w->rng = seed * 0x9E3779B97F4A7C15ull + 1;
	w->wakes_seen = fp->n_wakes;
}

/* A live, not parked pid (never 0); 0 when there is none. */
static uint32_t pick_caller(struct workload *w)
{
	uint32_t pids[ZOS_MAX_PROCS], n = 0;
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		const struct proc *p = &w->sys->k.s.procs[i];
		if (p->state == ZOS_PROC_ALIVE && p->pid != 0 && !(p->pid < 1024 && w->parked[p->pid]))
			pids[n++] = p->pid;
	}
	return n ? pids[pick(w, n)] : 0;
}

/* A held slot of `type` (any type when 0), or a random slot number. */
static uint32_t pick_slot(struct workload *w, uint32_t pid, uint8_t type)
{
	const struct proc *p = kernel_proc(&w->sys->k.s, pid);
	uint32_t slots[ZOS_MAX_SLOTS], n = 0;
	if (p)
		for (uint32_t i = 0; i < ZOS_MAX_SLOTS; i++)
			if (p->slots[i].id && (!type || p->slots[i].type == type))
				slots[n++] = i;
	if (!n || pick(w, 20) == 0)
		return pick(w, ZOS_MAX_SLOTS + 4);
	return slots[pick(w, n)];
}

static int64_t run(struct workload *w, uint32_t pid, zos_syscall_t *sc)
{
	int64_t r = 0;
	enum system_outcome o = system_syscall(w->sys, pid, sc, &r);
	if (o == SYS_PARKED && pid < 1024) {
		w->parked[pid] = 1;
		w->parked_sc[pid] = *sc;
		w->parked_sc[pid].out = w->parked_out[pid];
		w->parked_sc[pid].out_cap = sizeof w->parked_out[pid];
		w->parked_sc[pid].in = 0;
		w->parked_sc[pid].in_len = 0;
		return ZOS_ERR_WOULD_BLOCK;
	}
	return o == SYS_GONE ? 0 : r;
}

/* Resume a process the platform was told to wake, if any. */
static int resume_one(struct workload *w, int64_t *r)
{
	while (w->wakes_seen < w->fp->n_wakes) {
		uint32_t pid = w->fp->wakes[w->wakes_seen++];
		if (pid >= 1024 || !w->parked[pid])
			continue;
		w->parked[pid] = 0;
		if (system_resume(w->sys, pid, &w->parked_sc[pid], r) == SYS_PARKED)
			w->parked[pid] = 1;
		return 1;
	}
	return 0;
}

static void forget_dead_parked(struct workload *w)
{
	for (uint32_t pid = 1; pid < 1024; pid++)
		if (w->parked[pid] && !system_is_parked(w->sys, pid))
			w->parked[pid] = 0;
}

static int64_t do_send(struct workload *w, uint32_t pid, zos_syscall_t *sc, uint32_t kind)
{
	static const uint32_t sizes[] = { 0, 1, 16, 100, 4096, 4097 };
	uint32_t size = sizes[pick(w, 6)];
	uint8_t *buf = w->out;
	sc->arg[0] = pick_slot(w, pid, ZOS_OBJ_ENDPOINT);
	sc->arg[1] = pick(w, 0x10000);
	memset(buf, (int)pick(w, 256), size + sizeof(struct zos_send_cap_in));
	if (kind == ZOS_SYS_SEND_CAP) {
		struct zos_send_cap_in h = { pick(w, 6), { 0 } };
		for (int i = 0; i < ZOS_MSG_MAX_CAPS; i++)
			h.slots[i] = pick_slot(w, pid, 0);
		memcpy(buf, &h, sizeof h);
		size += sizeof h;
	}
	if (kind == ZOS_SYS_CALL)
		sc->arg[2] = pick_slot(w, pid, ZOS_OBJ_ENDPOINT);
	sc->num = kind;
	sc->in = buf;
	sc->in_len = size;
	sc->out = w->out;
	sc->out_cap = 64;
	return run(w, pid, sc);
}

static int64_t do_spawn(struct workload *w, uint32_t pid, zos_syscall_t *sc)
{
	uint8_t *in = w->out;
	uint32_t n = 4;
	memcpy(in, &n, 4);
	memcpy(in + 4, "wkr", 3);
	in[7] = (uint8_t)('a' + pick(w, 26));
	memcpy(in + 8, "BIN", 3);
	sc->num = pick(w, 4) ? ZOS_SYS_SPAWN_PROCESS : ZOS_SYS_REGISTER_PROCESS;
	sc->arg[0] = pick_slot(w, pid, ZOS_OBJ_SPAWN);
	sc->in = sc->num == ZOS_SYS_SPAWN_PROCESS ? in : in + 4;
	sc->in_len = sc->num == ZOS_SYS_SPAWN_PROCESS ? 11 : 4;
	return run(w, pid, sc);
}

static int64_t do_cap_op(struct workload *w, uint32_t pid, zos_syscall_t *sc, uint32_t op)
{
	sc->num = op;
	sc->arg[0] = pick_slot(w, pid, 0);
	/* Init keeps its genesis devices, so the workload never runs dry */
	if (pid == 1 && sc->arg[0] < ZOS_DEV_COUNT &&
	    (op == ZOS_SYS_CAP_DELETE || op == ZOS_SYS_CAP_REVOKE))
		sc->arg[0] = ZOS_DEV_COUNT + pick(w, ZOS_MAX_SLOTS - ZOS_DEV_COUNT);
	sc->arg[1] = op == ZOS_SYS_CAP_GRANT ? pick_slot(w, pid, ZOS_OBJ_PROCESS) : pick(w, 8);
	sc->arg[2] = op == ZOS_SYS_CAP_GRANT ? pick(w, 8) : 0;
	if (op == ZOS_SYS_CAP_DERIVE && pick(w, 4) == 0)
		sc->arg[2] = w->fp->now + 1 + pick(w, 200000);
	sc->out = w->out;
	sc->out_cap = pick(w, 2) ? sizeof w->out : 8;
	return run(w, pid, sc);
}

static int64_t random_call(struct workload *w, uint32_t pid)
{
	zos_syscall_t sc;
	uint32_t roll = pick(w, 100);

	memset(&sc, 0, sizeof sc);
	if (roll < 8)
		return do_spawn(w, pid, &sc);
	if (roll < 14) {
		sc.num = pick(w, 2) ? ZOS_SYS_CREATE_ENDPOINT : ZOS_SYS_CREATE_ENDPOINT_FOR;
		sc.arg[0] = pick_slot(w, pid, ZOS_OBJ_PROCESS);
		return run(w, pid, &sc);
	}
	if (roll < 30)
		return do_send(w, pid, &sc, ZOS_SYS_SEND);
	if (roll < 36)
		return do_send(w, pid, &sc, ZOS_SYS_SEND_CAP);
	if (roll < 39 && pid != 1) /* Init never blocks, so someone can always run */
		return do_send(w, pid, &sc, ZOS_SYS_CALL);
	if (roll < 42)
		return do_send(w, pid, &sc, ZOS_SYS_REPLY);
	if (roll < 58) {
		sc.num = ZOS_SYS_RECV;
		sc.arg[0] = pick_slot(w, pid, ZOS_OBJ_ENDPOINT);
		sc.arg[1] = pick(w, 4) == 0 && pid != 1 ? ZOS_RECV_BLOCK : ZOS_RECV_NONBLOCK;
		sc.out = w->out;
		sc.out_cap = pick(w, 8) ? sizeof w->out : 16;
		return run(w, pid, &sc);
	}
	if (roll < 66)
		return do_cap_op(w, pid, &sc, ZOS_SYS_CAP_GRANT);
	if (roll < 74)
		return do_cap_op(w, pid, &sc, ZOS_SYS_CAP_DERIVE);
	if (roll < 77)
		return do_cap_op(w, pid, &sc, ZOS_SYS_CAP_REVOKE);
	if (roll < 81)
		return do_cap_op(w, pid, &sc, ZOS_SYS_CAP_DELETE);
	if (roll < 83)
		return do_cap_op(w, pid, &sc, ZOS_SYS_CAP_INSPECT);
	if (roll < 85)
		return do_cap_op(w, pid, &sc, ZOS_SYS_CAP_LIST);
	if (roll < 88) {
		sc.num = ZOS_SYS_KILL;
		sc.arg[0] = pick_slot(w, pid, ZOS_OBJ_PROCESS);
		return run(w, pid, &sc);
	}
	if (roll < 89 && pid != 1) {
		sc.num = ZOS_SYS_EXIT;
		sc.arg[0] = pick(w, 256);
		return run(w, pid, &sc);
	}
	if (roll < 92) {
		sc.num = ZOS_SYS_DELETE_ENDPOINT;
		sc.arg[0] = pick_slot(w, pid, ZOS_OBJ_ENDPOINT);
		return run(w, pid, &sc);
	}
	if (roll < 95) {
		sc.num = ZOS_SYS_CONSOLE_WRITE;
		sc.arg[0] = pick_slot(w, pid, ZOS_OBJ_CONSOLE);
		sc.in = (const uint8_t *)"x";
		sc.in_len = 1;
		return run(w, pid, &sc);
	}
	if (roll < 96) {
		static const uint32_t nums[] = { ZOS_SYS_STORAGE_READ, ZOS_SYS_STORAGE_WRITE,
						 ZOS_SYS_KEYSTORE_LIST, ZOS_SYS_NETWORK_FETCH };
		sc.num = nums[pick(w, 4)];
		sc.arg[0] = pick_slot(w, pid, ZOS_OBJ_DEVICE);
		sc.arg[1] = pick_slot(w, pid, ZOS_OBJ_ENDPOINT);
		sc.in = (const uint8_t *)"key";
		sc.in_len = 3;
		return run(w, pid, &sc);
	}
	if (roll < 97) {
		sc.num = ZOS_SYS_PS;
		sc.out = w->out;
		sc.out_cap = sizeof w->out;
		return run(w, pid, &sc);
	}
	/* nonsense: unknown numbers and wild arguments */
	sc.num = pick(w, 0x100);
	sc.arg[0] = workload_rand(w);
	sc.arg[1] = workload_rand(w);
	sc.arg[2] = workload_rand(w);
	return run(w, pid, &sc);
}

/* The platform's side: finish a pending device request, or deliver
 * something to Init's inbox, as pid 0. */
static int64_t platform_event(struct workload *w)
{
	static const uint8_t body[] = "result";
	struct fake_platform *f = w->fp;

	if (f->n_requests > w->requests_done && pick(w, 2)) {
		uint64_t id = f->requests[w->requests_done++].request;
		return system_device_done(w->sys, id, 0x80, body, sizeof body);
	}
	return system_kernel_send(w->sys, ZOS_KERNEL_INIT_SLOT, 0x2001, body, pick(w, sizeof body));
}

int64_t workload_step(struct workload *w)
{
	int64_t r = 0;
	uint32_t pid;

	w->steps++;
	w->fp->now += pick(w, 3000);
	forget_dead_parked(w);
	if (pick(w, 3) == 0 && resume_one(w, &r))
		return r;
	if (pick(w, 25) == 0)
		return platform_event(w);
	pid = pick_caller(w);
	if (!pid)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	/* keep a population: Init spawns when few processes are alive */
	if (pid != 1 && pick(w, 10) == 0)
		pid = 1;
	return random_call(w, pid);
}
