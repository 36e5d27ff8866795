/*
 * fuzz_desktop: a libFuzzer target for the desktop engine (desktop/). The
 * input is a program of engine calls (tests/desktop/ops.c reads it: each
 * call and its arguments from the bytes, NaN, the infinities, huge and
 * negative numbers and bad text among them). An input whose first byte is
 * 0xFF is first given whole (less that byte) to dt_restore, and then read
 * as calls too.
 *
 * Oracles, any failure aborts with the reason:
 *  - nothing crashes, hangs or trips a sanitizer;
 *  - after every call, everything ops_verify checks (the invariants, a
 *    failed call changed nothing, the frame agrees with the state,
 *    snapshot -> restore -> snapshot gives the same bytes);
 *  - bytes dt_restore accepts leave a valid engine whose snapshot is
 *    exactly those bytes; bytes it refuses leave the engine untouched.
 *
 * The seeds in tests/fuzz/corpus/fuzz_desktop/ are splitmix64 streams and
 * snapshots of small desktops (0xFF and the snapshot), made by
 * tests/desktop/test_desktop_property.c's --corpus option.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/error.h>

#include "desktop/ops.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_STEPS 4000

static struct dt_engine *dt, *before;

static void die(const char *what, int step, struct ops_result r)
{
	fprintf(stderr, "fuzz_desktop: step %d (%s, rc %d): %s\n", step, ops_name(r.op), r.rc,
		what);
	abort();
}

static void restore_raw(const uint8_t *p, size_t n)
{
	static uint8_t again[DT_SNAPSHOT_MAX];
	int32_t rc, m;

	memcpy(before, dt, dt_engine_size());
	rc = dt_restore(dt, p, (uint32_t)n);
	if (rc != ZOS_OK) {
		if (rc != ZOS_ERR_CORRUPT || memcmp(before, dt, dt_engine_size()) != 0)
			die("a refused restore changed the engine", -1, (struct ops_result){ 0 });
		return;
	}
	if (dt_check(dt) != 0)
		die("a restore left a broken engine", -1, (struct ops_result){ 0 });
	m = dt_snapshot(dt, again, sizeof again);
	if (m < 0 || (size_t)m != n || memcmp(again, p, n) != 0)
		die("accepted bytes do not snapshot back to themselves", -1, (struct ops_result){ 0 });
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ops_src s;

	if (!dt) {
		dt = malloc(dt_engine_size());
		before = malloc(dt_engine_size());
	}
	if (dt_init(dt, 1280, 800, 48) != ZOS_OK)
		abort();
	if (size > 0 && data[0] == 0xFF)
		restore_raw(data + 1, size - 1);
	ops_from_bytes(&s, data, size);
	for (int step = 0; step < MAX_STEPS && !ops_done(&s); step++) {
		struct ops_result r;
		const char *why;

		memcpy(before, dt, dt_engine_size());
		r = ops_step(dt, &s);
		if ((why = ops_verify(dt, before, r)) != 0)
			die(why, step, r);
	}
	return 0;
}
