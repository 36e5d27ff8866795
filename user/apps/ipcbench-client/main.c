/*
 * ipcbench-client: the timing end of the IPC round-trip benchmark (see
 * user/apps/ipcbench-server/ipcbench.h and bench/ipc_roundtrip.c).
 *
 * It looks the server up (waiting a little while it starts), warms up,
 * sizes its rounds to about ROUND_NS each, then times IPCBENCH_ROUNDS rounds
 * of CALL + REPLY with an 8-byte body (each answer checked) and prints one
 * machine-readable line per round, then exits:
 *
 *   ipcbench: server: ipcbench-server (pid 8), 8-byte body
 *   ipcbench: warm-up: 128 calls in 27443965 ns
 *   ipcbench: round 1: 279 calls in 62702210 ns, 224.7 us/call
 *   ...
 *   ipcbench: done: 5 rounds of 279 calls, median 317.7 us/call, 1636 calls in all
 *
 * or `ipcbench: failed: WHAT: WHY` (exit status 1). The clock is the
 * kernel's (TIME), read once before and once after each round.
 */
#include "zos.h"

#include "lib/fmt.h"
#include "lib/mem.h"
#include "user/apps/ipcbench-server/ipcbench.h"

#define IPCBENCH_ROUNDS 5
#define WARMUP_NS 20000000ull           /* warm up until a batch takes 20 ms */
#define ROUND_NS 60000000ull            /* then rounds of about 60 ms */
#define LOOKUP_WAIT_NS 5000000000ull    /* how long the server may take to start */
#define MIN_CALLS 16u
#define MAX_CALLS 1000000u

static uint32_t server;
static uint64_t next_seq; /* also the number of calls made */
static struct zos_msg reply;

static int fail(const char *what, int64_t err)
{
	zos_printf("ipcbench: failed: %s: %s\n", what, zos_strerror(err));
	return 1;
}

/* Yields (which commits nothing) for about ns: there is no sleep. */
static void pause_ns(uint64_t ns)
{
	uint64_t t0 = zos_time_ns();

	while (zos_time_ns() - t0 < ns)
		zos_yield();
}

/* The server says ready only once it serves; until then lookups miss.
 * Each lookup is a CALL to Init, committed to the log: ask again after
 * 1, 2, 4 ... 128 ms, not in a tight loop. */
static int64_t find_server(void)
{
	uint64_t t0 = zos_time_ns(), wait = 1000000;
	int64_t r;

	while ((r = zos_service_lookup(IPCBENCH_SERVICE, &server)) == ZOS_ERR_NOT_FOUND &&
	       zos_time_ns() - t0 < LOOKUP_WAIT_NS) {
		pause_ns(wait);
		if (wait < 128000000)
			wait *= 2;
	}
	return r;
}

/* One round trip: < 0 an error, 1 a wrong answer, 0 fine. */
static int64_t echo_once(void)
{
	uint64_t seq = next_seq++, got;
	int64_t r = zos_call(server, IPCBENCH_MSG_ECHO, &seq, sizeof seq, &reply);

	if (r < 0)
		return r;
	if (reply.h.tag != IPCBENCH_MSG_ECHO_REPLY || r != (int64_t)sizeof seq)
		return 1;
	zos_memcpy(&got, reply.body, sizeof got);
	return got == seq ? 0 : 1;
}

/* n round trips; *ns: how long they took. */
static int64_t timed_calls(uint32_t n, uint64_t *ns)
{
	uint64_t t0 = zos_time_ns();

	for (uint32_t i = 0; i < n; i++) {
		int64_t r = echo_once();
		if (r != 0)
			return r;
	}
	*ns = zos_time_ns() - t0;
	return 0;
}

static int report_error(const char *what, int64_t r)
{
	if (r == 1) {
		zos_printf("ipcbench: failed: %s: the server's answer was not the echo\n", what);
		return 1;
	}
	return fail(what, r);
}

/* Doubles a batch until it takes WARMUP_NS; returns the calls per round. */
static int64_t warm_up(uint32_t *per_round)
{
	uint32_t n = MIN_CALLS;
	uint64_t ns = 0, calls;
	int64_t r;

	for (;;) {
		r = timed_calls(n, &ns);
		if (r != 0)
			return r;
		if (ns >= WARMUP_NS || n >= MAX_CALLS)
			break;
		n *= 2;
	}
	zos_printf("ipcbench: warm-up: %u calls in %llu ns\n", n, (unsigned long long)ns);
	calls = ns ? (uint64_t)n * ROUND_NS / ns : MAX_CALLS;
	*per_round = (uint32_t)(calls < MIN_CALLS ? MIN_CALLS : calls > MAX_CALLS ? MAX_CALLS : calls);
	return 0;
}

/* Picoseconds per call, printed as microseconds with one decimal. */
static void print_us(const char *before, uint64_t ps, const char *after)
{
	uint64_t tenths = (ps + 50000) / 100000;

	zos_printf("%s%llu.%llu us/call%s\n", before, (unsigned long long)(tenths / 10),
		   (unsigned long long)(tenths % 10), after);
}

static uint64_t median(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

static int64_t run_rounds(uint32_t n)
{
	uint64_t ps[IPCBENCH_ROUNDS], ns;
	char head[96], tail[48];

	for (int i = 0; i < IPCBENCH_ROUNDS; i++) {
		int64_t r = timed_calls(n, &ns);
		if (r != 0)
			return r;
		ps[i] = ns * 1000 / n;
		zos_snprintf(head, sizeof head, "ipcbench: round %d: %u calls in %llu ns, ", i + 1,
			     n, (unsigned long long)ns);
		print_us(head, ps[i], "");
	}
	zos_snprintf(head, sizeof head, "ipcbench: done: %d rounds of %u calls, median ",
		     IPCBENCH_ROUNDS, n);
	zos_snprintf(tail, sizeof tail, ", %llu calls in all", (unsigned long long)next_seq);
	print_us(head, median(ps, IPCBENCH_ROUNDS), tail);
	return 0;
}

int zos_main(void)
{
	uint32_t per_round;
	int64_t r;

	ipcbench_use_console();
	r = find_server();
	if (r < 0)
		return fail("looking up " IPCBENCH_SERVICE, r);
	r = echo_once();
	if (r != 0)
		return report_error("first call", r);
	zos_printf("ipcbench: server: %s (pid %u), %u-byte body\n", IPCBENCH_SERVICE,
		   reply.h.sender, (unsigned)sizeof next_seq);
	r = warm_up(&per_round);
	if (r == 0)
		r = run_rounds(per_round);
	zos_cap_delete(server);
	return r == 0 ? 0 : report_error("round trips", r);
}
