/*
 * Capability syscalls through the whole System: CAP_GRANT, CAP_DERIVE,
 * CAP_REVOKE, CAP_DELETE, CAP_INSPECT, CAP_LIST, and the properties of
 * axiom_check: no forged object, no rights escalation, fail closed,
 * generations and expiry.
 */
#include "support/testbed.h"

static uint32_t child(struct zos_system *s, uint32_t *pslot)
{
	int64_t r = spawn_child(s, 1, SPAWN, "c");
	*pslot = ZOS_UNPACK_SLOT(r);
	return ZOS_UNPACK_ID(r);
}

static struct zos_cap_info inspect(struct zos_system *s, uint32_t pid, uint64_t slot)
{
	struct zos_cap_info i;
	memset(&i, 0, sizeof i);
	if (sc_out(s, pid, ZOS_SYS_CAP_INSPECT, slot, 0, &i, sizeof i, 0) != 0)
		memset(&i, 0xEE, sizeof i);
	return i;
}

static void test_grant_copies_with_fewer_rights(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, &pslot);
	int64_t slot = sc0(s, 1, ZOS_SYS_CAP_GRANT, CONSOLE, pslot, ZOS_RIGHT_WRITE);
	struct zos_cap_info a = inspect(s, 1, CONSOLE), b = inspect(s, c, (uint64_t)slot);

	CHECK_EQ(slot, 0);
	CHECK_EQ(b.obj_type, ZOS_OBJ_CONSOLE);
	CHECK_EQ(b.obj_id, a.obj_id);
	CHECK_EQ(b.rights, ZOS_RIGHT_WRITE);
	CHECK(b.cap_id != a.cap_id);
	CHECK_EQ(b.depth, 1);
	/* the child cannot pass it on: no GRANT right */
	CHECK_EQ(sc0(s, c, ZOS_SYS_CAP_DERIVE, (uint64_t)slot, ZOS_RIGHT_GRANT, 0),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_grant_error_paths(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, &pslot);
	int64_t w = sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHT_WRITE, 0);
	int64_t pro = sc0(s, 1, ZOS_SYS_CAP_DERIVE, pslot, ZOS_RIGHT_READ, 0);

	(void)c;
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_GRANT, 50, pslot, ZOS_RIGHT_WRITE), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_GRANT, (uint64_t)w, pslot, ZOS_RIGHT_WRITE),
		 ZOS_ERR_INSUFFICIENT_RIGHTS); /* no GRANT right */
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_GRANT, CONSOLE, CONSOLE, ZOS_RIGHT_WRITE), ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_GRANT, CONSOLE, (uint64_t)pro, ZOS_RIGHT_WRITE),
		 ZOS_ERR_INSUFFICIENT_RIGHTS); /* read-only process cap */
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_GRANT, CONSOLE, pslot, 0x8), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_GRANT, (uint64_t)w, pslot, 0), ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_KILL, pslot, 0, 0), 0);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_GRANT, CONSOLE, pslot, ZOS_RIGHT_WRITE),
		 ZOS_ERR_PROCESS_NOT_FOUND);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_grant_into_full_cspace(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, &pslot);
	int granted = 0;

	(void)c;
	while (sc0(s, 1, ZOS_SYS_CAP_GRANT, CONSOLE, pslot, ZOS_RIGHT_WRITE) >= 0)
		granted++;
	CHECK_EQ(granted, ZOS_MAX_SLOTS);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_GRANT, CONSOLE, pslot, ZOS_RIGHT_WRITE),
		 ZOS_ERR_RESOURCE_EXHAUSTED);
	fake_system_free(s);
}

static void test_derive_only_drops_rights(void)
{
	struct zos_system *s = boot();
	int64_t w = sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHT_WRITE, 0);

	CHECK(w >= 0);
	CHECK_EQ(inspect(s, 1, (uint64_t)w).rights, ZOS_RIGHT_WRITE);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)w, ZOS_RIGHTS_ALL, 0),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)w, 0xF0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DERIVE, 61, 0, 0), ZOS_ERR_INVALID_SLOT);
	CHECK(sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)w, 0, 0) >= 0); /* no rights at all: allowed */
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_derive_depth_is_bounded(void)
{
	struct zos_system *s = boot();
	int64_t slot = CONSOLE;

	for (int i = 0; i < ZOS_DERIVE_DEPTH; i++) {
		slot = sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)slot, ZOS_RIGHTS_ALL, 0);
		CHECK(slot >= 0);
	}
	CHECK_EQ(inspect(s, 1, (uint64_t)slot).depth, ZOS_DERIVE_DEPTH);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)slot, ZOS_RIGHTS_ALL, 0),
		 ZOS_ERR_RESOURCE_EXHAUSTED);
	fake_system_free(s);
}

static void test_expiry(void)
{
	struct zos_system *s = boot();
	uint64_t at = fp.now + 100000;
	int64_t t = sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHT_WRITE, at);

	CHECK(t >= 0);
	CHECK_EQ(inspect(s, 1, (uint64_t)t).expires_at, at);
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, (uint64_t)t, 0, 0, "x", 1), 1);
	/* a child may expire sooner, never later */
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)t, ZOS_RIGHT_WRITE, at + 1),
		 ZOS_ERR_INVALID_ARGUMENT);
	int64_t inherits = sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)t, ZOS_RIGHT_WRITE, 0);
	CHECK_EQ(inspect(s, 1, (uint64_t)inherits).expires_at, at);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHT_WRITE, 1),
		 ZOS_ERR_INVALID_ARGUMENT); /* already in the past */
	fp.now = at;
	CHECK_EQ(sc_in(s, 1, ZOS_SYS_CONSOLE_WRITE, (uint64_t)t, 0, 0, "x", 1), ZOS_ERR_EXPIRED);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)t, ZOS_RIGHT_WRITE, 0), ZOS_ERR_EXPIRED);
	/* an expired cap can still be inspected and given up */
	CHECK_EQ(inspect(s, 1, (uint64_t)t).rights, ZOS_RIGHT_WRITE);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DELETE, (uint64_t)t, 0, 0), 0);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_revoke_reaches_everything_derived_or_granted(void)
{
	struct zos_system *s = boot();
	uint32_t pslot, c = child(s, &pslot);
	int64_t a = sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHTS_ALL, 0);
	int64_t b = sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)a, ZOS_RIGHTS_ALL, 0);
	int64_t cc = sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)b, ZOS_RIGHTS_ALL, 0);
	int64_t d = sc0(s, 1, ZOS_SYS_CAP_GRANT, (uint64_t)cc, pslot, ZOS_RIGHTS_ALL);
	int64_t other = sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHT_WRITE, 0);

	CHECK(a >= 0 && b >= 0 && cc >= 0 && d >= 0 && other >= 0);
	/* the child passes it on again: still reached */
	uint32_t gpslot;
	int64_t g = spawn_child(s, 1, SPAWN, "g");
	gpslot = ZOS_UNPACK_SLOT(g);
	int64_t to_c = sc0(s, 1, ZOS_SYS_CAP_GRANT, gpslot, pslot, ZOS_RIGHTS_ALL);
	int64_t e = sc0(s, c, ZOS_SYS_CAP_GRANT, (uint64_t)d, (uint64_t)to_c, ZOS_RIGHT_WRITE);
	CHECK(e >= 0);
	/* deleting a cap in the middle of the chain does not hide its descendants */
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DELETE, (uint64_t)b, 0, 0), 0);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_REVOKE, (uint64_t)a, 0, 0), 0);
	CHECK_EQ(inspect(s, 1, (uint64_t)a).cap_id, 0xEEEEEEEEEEEEEEEEull);
	CHECK_EQ(inspect(s, 1, (uint64_t)cc).cap_id, 0xEEEEEEEEEEEEEEEEull);
	CHECK_EQ(inspect(s, c, (uint64_t)d).cap_id, 0xEEEEEEEEEEEEEEEEull);
	CHECK_EQ(inspect(s, ZOS_UNPACK_ID(g), (uint64_t)e).cap_id, 0xEEEEEEEEEEEEEEEEull);
	/* the source and unrelated caps stay */
	CHECK_EQ(inspect(s, 1, CONSOLE).obj_type, ZOS_OBJ_CONSOLE);
	CHECK_EQ(inspect(s, 1, (uint64_t)other).obj_type, ZOS_OBJ_CONSOLE);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_REVOKE, (uint64_t)a, 0, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_revoke_reaches_caps_in_flight(void)
{
	struct zos_system *s = boot();
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	int64_t a = sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHTS_ALL, 0);
	struct zos_send_cap_in h = { 2, { (uint32_t)a, CONSOLE } };
	struct {
		struct zos_msg_header h;
		uint8_t body[16];
	} m;

	CHECK_EQ(sc_in(s, 1, ZOS_SYS_SEND_CAP, ZOS_UNPACK_SLOT(ep), 0, 0, &h, sizeof h), 0);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_REVOKE, (uint64_t)a, 0, 0), 0);
	CHECK_INVARIANTS(s);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_RECV, ZOS_UNPACK_SLOT(ep), 0, &m, sizeof m, 0), 0);
	CHECK_EQ(m.h.ncaps, 1); /* the revoked copy vanished in flight; the other arrived */
	CHECK_EQ(inspect(s, 1, m.h.cap_slots[0]).obj_type, ZOS_OBJ_CONSOLE);
	CHECK_INVARIANTS(s);
	fake_system_free(s);
}

static void test_delete_removes_only_that_slot(void)
{
	struct zos_system *s = boot();
	int64_t a = sc0(s, 1, ZOS_SYS_CAP_DERIVE, CONSOLE, ZOS_RIGHTS_ALL, 0);
	int64_t b = sc0(s, 1, ZOS_SYS_CAP_DERIVE, (uint64_t)a, ZOS_RIGHTS_ALL, 0);

	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DELETE, (uint64_t)a, 0, 0), 0);
	CHECK_EQ(inspect(s, 1, (uint64_t)b).obj_type, ZOS_OBJ_CONSOLE);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DELETE, (uint64_t)a, 0, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc0(s, 1, ZOS_SYS_CAP_DELETE, 1u << 31, 0, 0), ZOS_ERR_INVALID_SLOT);
	fake_system_free(s);
}

static void test_inspect_and_list(void)
{
	struct zos_system *s = boot();
	struct zos_cap_info list[ZOS_MAX_SLOTS], one;
	uint32_t need = 0;

	CHECK_EQ(sc_out(s, 1, ZOS_SYS_CAP_INSPECT, 40, 0, &one, sizeof one, 0), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_CAP_INSPECT, CONSOLE, 0, &one, sizeof one - 1, &need),
		 ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(need, sizeof one);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_CAP_LIST, 0, 0, list, sizeof list, 0), INIT_SLOTS);
	for (uint32_t i = 0; i < INIT_SLOTS; i++)
		CHECK_EQ(list[i].slot, i);
	CHECK_EQ(sc_out(s, 1, ZOS_SYS_CAP_LIST, 0, 0, list, sizeof list[0], &need),
		 ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(need, INIT_SLOTS * sizeof list[0]);
	fake_system_free(s);
}

/* axiom_check directly: every way a slot can be wrong fails closed. */
static void test_axiom_check_fails_closed(void)
{
	struct zos_system *s = boot();
	const struct kstate *ks = &s->k.s;
	const struct proc *init = kernel_proc(ks, 1);
	const struct cap *c = 0;
	struct proc forged;

	CHECK_EQ(axiom_check(ks, init, ZOS_MAX_SLOTS, 0, 0, 0, &c), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(axiom_check(ks, init, 30, 0, 0, 0, &c), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(axiom_check(ks, 0, 0, 0, 0, 0, &c), ZOS_ERR_INVALID_SLOT);
	CHECK_EQ(axiom_check(ks, init, CONSOLE, 0, ZOS_OBJ_ENDPOINT, 0, &c), ZOS_ERR_WRONG_TYPE);
	CHECK_EQ(axiom_check(ks, init, CONSOLE, ZOS_RIGHTS_ALL, ZOS_OBJ_CONSOLE, 0, &c), 0);
	CHECK(c == &init->slots[CONSOLE]);
	/* a cap naming an object that was never made: not found */
	forged = *init;
	forged.slots[CONSOLE].obj_id = 77;
	CHECK_EQ(axiom_check(ks, &forged, CONSOLE, 0, 0, 0, &c), ZOS_ERR_OBJECT_NOT_FOUND);
	forged = *init;
	forged.slots[CONSOLE].generation = 3;
	CHECK_EQ(axiom_check(ks, &forged, CONSOLE, 0, 0, 0, &c), ZOS_ERR_OBJECT_NOT_FOUND);
	forged = *init;
	forged.slots[CONSOLE].type = ZOS_OBJ_MEMORY;
	CHECK_EQ(axiom_check(ks, &forged, CONSOLE, 0, 0, 0, &c), ZOS_ERR_OBJECT_NOT_FOUND);
	/* a stale endpoint cap (same id, older generation) */
	int64_t ep = sc0(s, 1, ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
	forged = *kernel_proc(ks, 1);
	forged.slots[ZOS_UNPACK_SLOT(ep)].generation--;
	CHECK_EQ(axiom_check(ks, &forged, ZOS_UNPACK_SLOT(ep), 0, 0, 0, &c),
		 ZOS_ERR_OBJECT_NOT_FOUND);
	fake_system_free(s);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_grant_copies_with_fewer_rights);
	RUN(test_grant_error_paths);
	RUN(test_grant_into_full_cspace);
	RUN(test_derive_only_drops_rights);
	RUN(test_derive_depth_is_bounded);
	RUN(test_expiry);
	RUN(test_revoke_reaches_everything_derived_or_granted);
	RUN(test_revoke_reaches_caps_in_flight);
	RUN(test_delete_removes_only_that_slot);
	RUN(test_inspect_and_list);
	RUN(test_axiom_check_fails_closed);
	fake_free(&fp);
	return harness_finish("caps");
}
