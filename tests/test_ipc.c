/*
 * Endpoints and messages through the whole System: CREATE_ENDPOINT(_FOR),
 * DELETE_ENDPOINT, SEND, SEND_CAP, RECV (non-blocking and parked), CALL and
 * REPLY, with every limit: body size, caps per message, queue depth, the
 * system-wide message table, output buffers.
 */
#include "support/testbed.h"

struct msgbuf {
	struct zos_msg_header h;
	uint8_t body[ZOS_MSG_MAX];
};

/* A child of Init; *pslot receives Init's Process cap slot. */
static uint32_t child(struct zos_system *s, const char *name, uint32_t *pslot)
{
	int64_t r = spawn_child(s, 1, SPAWN, name);
	if (pslot)
		*pslot = 0;
	if (r < 0) {
		harness_fail(__FILE__, __LINE__, "spawn %s: %lld", name, (long long)r);
		return 0;
	}
	if (pslot)
		*pslot = ZOS_UNPACK_SLOT(r);
	return ZOS_UNPACK_ID(r);
}

static int64_t recv(struct zos_system *s, uint32_t pid, uint32_t slot, struct msgbuf *m)
{
	return sc_out(s, pid, ZOS_SYS_RECV, slot, ZOS_RECV_NONBLOCK, m, sizeof *m, 0);
}

/* Gives `to` (via Init's process cap `pslot`) a copy of Init's cap at `slot`. */
static int64_t grant(struct zos_system *s, uint32_t slot, uint32_t pslot, uint8_t rights)
{
	return sc0(s, 1, ZOS_SYS_CAP_GRANT, slot, pslot, rights);
}

static void test_create_endpoint_packs_slot_and_id(void)
{
	struct zos_system *s = boot();
	int64_t a = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	int64_t b = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	struct zos_cap_info info;

	CHECK_EQ(ZOS_UNPACK_SLOT(a), INIT_SLOTS);
	CHECK_EQ(ZOS_UNPACK_ID(a), 2); /* endpoint 1 is Init's inbox */
	CHECK_EQ(ZOS_UNPACK_SLOT(b), INIT_SLOTS + 1);
	CHECK_EQ(ZOS_UNPACK_ID(b), 3);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_CAP_INSPECT, ZOS_UNPACK_SLOT(a), 0, &info, sizeof info, 0), 0);
	CHECK_EQ(info.obj_type, ZOS_OBJ_ENDPOINT);
	CHECK_EQ(info.rights, ZOS_RIGHTS_ALL);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_endpoint_table_and_cspace_limits(void)
{
	enum { NKIDS = (ZOS_MAX_ENDPOINTS - ZOS_ENDPOINTS_RESERVED) / ZOS_PROC_ENDPOINTS_MAX + 1 };
	struct zos_system *s = boot();
	uint32_t kids[NKIDS];
	int64_t r = 0;
	int made = 0, mine = ZOS_PROC_ENDPOINTS_MAX;

	for (int i = 0; i < NKIDS; i++) {
		char name[8] = { 'k', (char)('a' + i), 0 };
		kids[i] = child(s, name, 0);
	}
	/* Init's CSpace fills first (64 slots: devices, inbox, the process caps) */
	while ((r = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0)) >= 0)
		made++;
	CHECK_EQ(r, ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(made, ZOS_MAX_SLOTS - INIT_SLOTS - NKIDS);
	/* then the children, each up to its share, until only the reserve is left */
	for (int i = 0; i < NKIDS && mine == ZOS_PROC_ENDPOINTS_MAX; i++) {
		for (mine = 0; (r = sc0(s, kids[i], ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0)) >= 0; mine++)
			made++;
		CHECK_EQ(r, ZOS_ERR_RESOURCE_EXHAUSTED);
	}
	CHECK(mine < ZOS_PROC_ENDPOINTS_MAX); /* the last one was stopped by the reserve */
	CHECK_EQ(made + 1, ZOS_MAX_ENDPOINTS - ZOS_ENDPOINTS_RESERVED); /* + Init's inbox */
	/* the reserve is Init's: it still makes endpoints */
	CHECK_EQ(sc0(s, 1, ZOS_SYS_DELETE_ENDPOINT, INIT_SLOTS + NKIDS, 0, 0), 0);
	CHECK(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0) >= 0);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

/* One process's share of the endpoint and message tables
 * (ZOS_PROC_ENDPOINTS_MAX, ZOS_PROC_MESSAGES_MAX), and what it leaves to
 * others: a hog at its limits does not stop another process's sends. */
static void test_per_process_shares(void)
{
	struct zos_system *s = boot();
	uint32_t hog = child(s, "hog", 0), other = child(s, "other", 0);
	int64_t eps[ZOS_PROC_ENDPOINTS_MAX], r;
	int queued = 0;

	for (int i = 0; i < ZOS_PROC_ENDPOINTS_MAX; i++) {
		eps[i] = sc0(s, hog, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
		CHECK(eps[i] >= 0);
	}
	CHECK_EQ(sc0(s, hog, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0), ZOS_ERR_RESOURCE_EXHAUSTED);
	for (int i = 0; i < ZOS_PROC_ENDPOINTS_MAX; i++)
		while ((r = sc_in(s, hog, ZOS_SYS_SEND, ZOS_UNPACK_SLOT(eps[i]), 1, 0, "m", 1)) >= 0)
			queued++;
	CHECK_EQ(queued, ZOS_PROC_MESSAGES_MAX);
	CHECK_EQ(r, ZOS_ERR_RESOURCE_EXHAUSTED);
	/* the other process still makes an endpoint and queues on it */
	r = sc0(s, other, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	CHECK(r >= 0);
	CHECK_EQ(sc_in(s, other, ZOS_SYS_SEND, ZOS_UNPACK_SLOT(r), 1, 0, "m", 1), 0);
	/* a received message gives the hog its room back */
	{
		struct msgbuf m;
		CHECK_EQ(recv(s, hog, ZOS_UNPACK_SLOT(eps[0]), &m), 1);
		CHECK_EQ(sc_in(s, hog, ZOS_SYS_SEND, ZOS_UNPACK_SLOT(eps[0]), 1, 0, "m", 1), 0);
	}
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_send_and_receive(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, "client", &pslot);
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	int64_t cslot = grant(s, ZOS_UNPACK_SLOT(ep), pslot, ZOS_RIGHT_WRITE);
	struct msgbuf m;

	CHECK(cslot >= 0);
	CHECK_EQ(sc_in(s, c, ZOS_SYS_SEND, (uint64_t)cslot, 0x1234, 0, "hello", 5), 0);
	CHECK_EQ(recv(s, 1, ZOS_UNPACK_SLOT(ep), &m), 5);
	CHECK_EQ(m.h.sender, c); /* the trusted pid, not anything the sender wrote */
	CHECK_EQ(m.h.tag, 0x1234);
	CHECK_EQ(m.h.size, 5);
	CHECK_EQ(m.h.ncaps, 0);
	CHECK(memcmp(m.body, "hello", 5) == 0);
	CHECK_EQ(recv(s, 1, ZOS_UNPACK_SLOT(ep), &m), ZOS_ERR_WOULD_BLOCK);
	/* the client may send but not receive */
	CHECK_EQ(recv(s, c, (uint32_t)cslot, &m), ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_send_error_paths(void)
{
	struct zos_system *s = boot();
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	uint32_t slot = ZOS_UNPACK_SLOT(ep);
	int64_t ro = sc0(s, 1, ZOS_SYS_CAP_DERIVE, slot, ZOS_RIGHT_READ, 0);
	static uint8_t big[ZOS_MSG_MAX + 1];

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, 40, 0, 0, "x", 1), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, 1ull << 40, 0, 0, "x", 1), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, CONSOLE, 0, 0, "x", 1), ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, (uint64_t)ro, 0, 0, "x", 1), ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, slot, 1ull << 32, 0, "x", 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, slot, 0, 0, big, sizeof big), ZOS_ERR_MESSAGE_TOO_LARGE);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, slot, 0, 0, big, ZOS_MSG_MAX), 0);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, slot, 0, 0, 0, 0), 0); /* empty body is fine */
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_queue_full_then_drains(void)
{
	struct zos_system *s = boot();
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	uint32_t slot = ZOS_UNPACK_SLOT(ep);
	struct msgbuf m;

	for (uint32_t i = 0; i < ZOS_QUEUE_DEPTH; i++)
		CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, slot, i, 0, &i, 4), 0);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, slot, 99, 0, "x", 1), ZOS_ERR_QUEUE_FULL);
	for (uint32_t i = 0; i < ZOS_QUEUE_DEPTH; i++) {
		CHECK_EQ(recv(s, 1, slot, &m), 4);
		CHECK_EQ(m.h.tag, i); /* first in, first out */
	}
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, slot, 99, 0, "x", 1), 0);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_message_table_exhaustion(void)
{
	struct zos_system *s = boot();
	int64_t r = 0;
	int sent = 0;

	for (int e = 0; e < ZOS_MAX_MESSAGES / ZOS_QUEUE_DEPTH + 1 && r >= 0; e++) {
		int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
		for (int i = 0; i < ZOS_QUEUE_DEPTH; i++) {
			r = sc_in(s, 1, ZOS_SYS_SEND, ZOS_UNPACK_SLOT(ep), 0, 0, "m", 1);
			if (r < 0)
				break;
			sent++;
		}
	}
	CHECK_EQ(r, ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(sent, ZOS_MAX_MESSAGES);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_recv_error_paths(void)
{
	struct zos_system *s = boot();
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	uint32_t slot = ZOS_UNPACK_SLOT(ep), need = 0;
	uint8_t small[40];
	struct msgbuf m;

	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RECV, slot, 7, &m, sizeof m, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RECV, 50, 0, &m, sizeof m, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RECV, SPAWN, 0, &m, sizeof m, 0), ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, slot, 5, 0, "0123456789", 10), 0);
	/* too small: the message stays queued and out_len says what is needed */
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RECV, slot, 0, small, sizeof small, &need),
		 ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(need, sizeof(struct zos_msg_header) + 10);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RECV, slot, 0, 0, 0, &need), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(recv(s, 1, slot, &m), 10);
	CHECK(memcmp(m.body, "0123456789", 10) == 0);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_blocking_recv_parks_and_wakes(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, "server", &pslot);
	int64_t ep = sc0(s, c, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	struct msgbuf m;
	zos_syscall_t sc = { .num = ZOS_SYS_RECV, .arg = { ZOS_UNPACK_SLOT(ep), ZOS_RECV_BLOCK },
			     .out = (uint8_t *)&m, .out_cap = sizeof m };
	int64_t r = 12345;
	uint32_t wakes = fp.n_wakes;

	CHECK_EQ(system_syscall(s, c, &sc, &r), SYS_PARKED);
	CHECK_EQ(r, 12345); /* no result while parked */
	/* any sender will do: c sends to itself */
	CHECK_EQ(sc_in(s, c, ZOS_SYS_SEND, ZOS_UNPACK_SLOT(ep), 9, 0, "ping", 4), 0);
	CHECK_EQ(fp.n_wakes, wakes + 1);
	CHECK_EQ(fp.wakes[wakes], c);
	CHECK_EQ(system_resume(s, c, &sc, &r), SYS_DONE);
	CHECK_EQ(r, 4);
	CHECK_EQ(m.h.tag, 9);
	CHECK_EQ(system_resume(s, c, &sc, &r), SYS_DONE);
	CHECK_EQ(r, ZOS_ERR_INVALID_ARGUMENT); /* nothing parked any more */
	fake_system_free(s);
}

static void test_parked_receiver_woken_when_endpoint_dies(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, "waiter", &pslot);
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT_FOR, pslot, 0, 0);
	struct zos_cap_info caps[8];
	int64_t n = sc_out(s, c, ZOS_SYS_CAP_LIST, 0, 0, caps, sizeof caps, 0);
	struct msgbuf m;
	zos_syscall_t sc = { .num = ZOS_SYS_RECV, .arg = { caps[0].slot, ZOS_RECV_BLOCK },
			     .out = (uint8_t *)&m, .out_cap = sizeof m };
	int64_t r;

	CHECK(ep >= 0);
	CHECK_EQ(n, 1);
	CHECK_EQ(system_syscall(s, c, &sc, &r), SYS_PARKED);
	CHECK_EQ(sc0(s, c, ZOS_SYS_CAP_DELETE, caps[0].slot, 0, 0), ZOS_OK);
	CHECK(fp.n_wakes > 0 && fp.wakes[fp.n_wakes - 1] == c);
	CHECK_EQ(system_resume(s, c, &sc, &r), SYS_DONE);
	CHECK_EQ(r, ZOS_ERR_INVALID_SLOT);
	fake_system_free(s);
}

static void test_killing_a_parked_process(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, "waiter", &pslot);
	int64_t ep = sc0(s, c, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	struct msgbuf m;
	zos_syscall_t sc = { .num = ZOS_SYS_RECV, .arg = { ZOS_UNPACK_SLOT(ep), ZOS_RECV_BLOCK },
			     .out = (uint8_t *)&m, .out_cap = sizeof m };
	int64_t r;

	CHECK_EQ(system_syscall(s, c, &sc, &r), SYS_PARKED);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, pslot, 0, 0), 0);
	CHECK(!system_is_parked(s, c));
	CHECK_EQ(system_resume(s, c, &sc, &r), SYS_DONE);
	CHECK_EQ(r, ZOS_ERR_INVALID_ARGUMENT);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_create_endpoint_for_a_child(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, "svc", &pslot);
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT_FOR, pslot, 0, 0);
	struct zos_cap_info mine, theirs[4];
	struct msgbuf m;

	CHECK(ep >= 0);
	CHECK_EQ(kernel_endpoint(&s->k.s, ZOS_UNPACK_ID(ep))->owner, c);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_CAP_INSPECT, ZOS_UNPACK_SLOT(ep), 0, &mine, sizeof mine, 0), 0);
	CHECK_EQ(mine.rights, ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT);
	CHECK_EQ(sc_out(s, c, ZOS_SYS_CAP_LIST, 0, 0, theirs, sizeof theirs, 0), 1);
	CHECK_EQ(theirs[0].rights, ZOS_RIGHTS_ALL);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND, ZOS_UNPACK_SLOT(ep), 1, 0, "hi", 2), 0);
	CHECK_EQ(recv(s, c, theirs[0].slot, &m), 2);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT_FOR, CONSOLE, 0, 0), ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, pslot, 0, 0), 0);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT_FOR, pslot, 0, 0), ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_delete_endpoint_needs_all_rights(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, "svc", &pslot);
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT_FOR, pslot, 0, 0);
	struct zos_cap_info theirs[4];

	(void)c;
	CHECK_EQ(sc0(s, 1, ZOS_SYS_SEND, ZOS_UNPACK_SLOT(ep), 1, 0), 0);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_DELETE_ENDPOINT, ZOS_UNPACK_SLOT(ep), 0, 0),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_EQ(sc_out(s, c, ZOS_SYS_CAP_LIST, 0, 0, theirs, sizeof theirs, 0), 1);
	CHECK_EQ(sc0(s, c, ZOS_SYS_DELETE_ENDPOINT, theirs[0].slot, 0, 0), 0);
	/* every cap to it is gone, and its queued message with it */
	CHECK_EQ(sc0(s, 1, ZOS_SYS_SEND, ZOS_UNPACK_SLOT(ep), 1, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc0(s, c, ZOS_SYS_DELETE_ENDPOINT, theirs[0].slot, 0, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_send_cap_transfers_a_copy(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, "app", &pslot);
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT_FOR, pslot, 0, 0);
	struct zos_cap_info theirs[8];
	struct {
		struct zos_send_cap_in h;
		char body[4];
	} in = { { 1, { CONSOLE } }, "tty" };
	struct msgbuf m;

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, ZOS_UNPACK_SLOT(ep), 7, 0, &in, sizeof in), 0);
	CHECK_EQ(sc_out(s, c, ZOS_SYS_CAP_LIST, 0, 0, theirs, sizeof theirs, 0), 1);
	CHECK_EQ(recv(s, c, theirs[0].slot, &m), 4);
	CHECK_EQ(m.h.ncaps, 1);
	CHECK_EQ(m.h.cap_slots[0], 1);
	CHECK(memcmp(m.body, "tty", 4) == 0);
	CHECK_EQ(sc_out(s, c, ZOS_SYS_CAP_LIST, 0, 0, theirs, sizeof theirs, 0), 2);
	CHECK_EQ(theirs[1].obj_type, ZOS_OBJ_CONSOLE);
	CHECK_EQ(theirs[1].depth, 1);
	/* Init keeps its own */
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, CONSOLE, 0, 0, "a", 1), 1);
	CHECK_EQ(sc_in(s, c, ZOS_SYS_CONSOLE_WRITE, m.h.cap_slots[0], 0, 0, "b", 1), 1);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_send_cap_error_paths(void)
{
	struct zos_system *s = boot();
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	uint32_t slot = ZOS_UNPACK_SLOT(ep);
	int64_t nogrant = sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHT_WRITE, 0);
	struct zos_send_cap_in h = { 5, { 0, 1, 2, 3 }, { 0 } };

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, slot, 0, 0, &h, sizeof h), ZOS_ERR_TOO_MANY_CAPS);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, slot, 0, 0, &h, 3), ZOS_ERR_INVALID_ARGUMENT);
	h.ncaps = 1;
	h.slots[0] = (uint32_t)nogrant; /* no GRANT: cannot be passed on */
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, slot, 0, 0, &h, sizeof h),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	h.slots[0] = 60;
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, slot, 0, 0, &h, sizeof h), ZOS_ERR_INVALID_SLOT);
	/* a carried cap may lose rights, never gain unknown ones */
	h.slots[0] = CONSOLE;
	h.rights[0] = 0x10;
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, slot, 0, 0, &h, sizeof h), ZOS_ERR_INVALID_ARGUMENT);
	h.rights[0] = ZOS_RIGHT_WRITE;
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, slot, 0, 0, &h, sizeof h), 0);
	h.ncaps = 4;
	h.rights[0] = 0;
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, slot, 0, 0, &h, sizeof h), 0);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

/* The copy a message carries has exactly the rights asked for. */
static void test_send_cap_with_fewer_rights(void)
{
	struct zos_system *s = boot();
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	struct zos_send_cap_in h = { 1, { CONSOLE }, { ZOS_RIGHT_WRITE } };
	struct {
		struct zos_msg_header h;
		uint8_t body[8];
	} m;
	struct zos_cap_info info;

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, ZOS_UNPACK_SLOT(ep), 0, 0, &h, sizeof h), 0);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RECV, ZOS_UNPACK_SLOT(ep), 0, &m, sizeof m, 0), 0);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_CAP_INSPECT, m.h.cap_slots[0], 0, &info, sizeof info, 0), 0);
	CHECK_EQ(info.rights, ZOS_RIGHT_WRITE);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_recv_with_full_cspace_keeps_the_message(void)
{
	struct zos_system *s = boot();
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	uint32_t slot = ZOS_UNPACK_SLOT(ep);
	struct zos_send_cap_in h = { 1, { CONSOLE } };
	struct msgbuf m;
	int64_t last = 0;

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, slot, 0, 0, &h, sizeof h), 0);
	while (sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHT_WRITE, 0) >= 0)
		last++;
	CHECK(last > 0);
	CHECK_EQ(recv(s, 1, slot, &m), ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DELETE, ZOS_MAX_SLOTS - 1, 0, 0), 0);
	CHECK_EQ(recv(s, 1, slot, &m), 0);
	CHECK_EQ(m.h.ncaps, 1);
	CHECK_EQ(m.h.cap_slots[0], ZOS_MAX_SLOTS - 1);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_call_and_reply(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, srv = child(s, "server", &pslot), cl_pslot, cl = child(s, "client", &cl_pslot);
	int64_t sep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT_FOR, pslot, 0, 0);
	int64_t to_server = grant(s, ZOS_UNPACK_SLOT(sep), cl_pslot, ZOS_RIGHT_WRITE);
	int64_t reply_ep = sc0(s, cl, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	struct zos_cap_info scaps[4];
	struct msgbuf creq, sreq;
	zos_syscall_t call = { .num = ZOS_SYS_CALL,
			       .arg = { (uint64_t)to_server, 0x42, ZOS_UNPACK_SLOT(reply_ep) },
			       .in = (const uint8_t *)"question", .in_len = 8,
			       .out = (uint8_t *)&creq, .out_cap = sizeof creq };
	int64_t r;

	CHECK(to_server >= 0 && reply_ep >= 0);
	CHECK_EQ(system_syscall(s, cl, &call, &r), SYS_PARKED);
	CHECK_EQ(sc_out(s, srv, ZOS_SYS_CAP_LIST, 0, 0, scaps, sizeof scaps, 0), 1);
	CHECK_EQ(recv(s, srv, scaps[0].slot, &sreq), 8);
	CHECK_EQ(sreq.h.ncaps, 1);
	CHECK_EQ(sreq.h.sender, cl);
	uint32_t reply_slot = sreq.h.cap_slots[0];
	struct zos_cap_info rinfo;
	CHECK_EQ(sc_out(s, srv, ZOS_SYS_CAP_INSPECT, reply_slot, 0, &rinfo, sizeof rinfo, 0), 0);
	CHECK_EQ(rinfo.rights, ZOS_RIGHT_WRITE); /* reply only: no receive, no passing on */
	CHECK_EQ(sc_in(s, srv, ZOS_SYS_REPLY, reply_slot, 0x43, 0, "answer", 6), 0);
	CHECK(fp.n_wakes > 0 && fp.wakes[fp.n_wakes - 1] == cl);
	CHECK_EQ(system_resume(s, cl, &call, &r), SYS_DONE);
	CHECK_EQ(r, 6);
	CHECK_EQ(creq.h.tag, 0x43);
	CHECK_EQ(creq.h.sender, srv);
	CHECK(memcmp(creq.body, "answer", 6) == 0);
	/* the reply cap was consumed */
	CHECK_EQ(sc_in(s, srv, ZOS_SYS_REPLY, reply_slot, 0, 0, "again", 5), ZOS_ERR_INVALID_SLOT);
	/* a reply endpoint without full rights is refused */
	int64_t weak = sc0(s, cl, ZOS_SYS_CAP_DERIVE, ZOS_UNPACK_SLOT(reply_ep), ZOS_RIGHT_READ, 0);
	call.arg[2] = (uint64_t)weak;
	CHECK_EQ(system_syscall(s, cl, &call, &r), SYS_DONE);
	CHECK_EQ(r, ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_create_endpoint_packs_slot_and_id);
	RUN(test_endpoint_table_and_cspace_limits);
	RUN(test_per_process_shares);
	RUN(test_send_and_receive);
	RUN(test_send_error_paths);
	RUN(test_queue_full_then_drains);
	RUN(test_message_table_exhaustion);
	RUN(test_recv_error_paths);
	RUN(test_blocking_recv_parks_and_wakes);
	RUN(test_parked_receiver_woken_when_endpoint_dies);
	RUN(test_killing_a_parked_process);
	RUN(test_create_endpoint_for_a_child);
	RUN(test_delete_endpoint_needs_all_rights);
	RUN(test_send_cap_transfers_a_copy);
	RUN(test_send_cap_error_paths);
	RUN(test_send_cap_with_fewer_rights);
	RUN(test_recv_with_full_cspace_keeps_the_message);
	RUN(test_call_and_reply);
	fake_free(&fp);
	return harness_finish("ipc");
}
