/*
 * Random calls on the desktop engine and the checks after each (ops.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/error.h>

#include "desktop/ops.h"

void ops_from_bytes(struct ops_src *s, const uint8_t *p, size_t n)
{
	*s = (struct ops_src){ .p = p, .n = n, .now = 1000.0 };
}

/* The seed is hashed first: splitmix64 streams of nearby seeds are the
 * same stream shifted, which would make many seeds one. */
void ops_from_seed(struct ops_src *s, uint64_t seed)
{
	struct rng mix = rng_seeded(seed);

	*s = (struct ops_src){ .rng = rng_seeded(rng_next(&mix)), .now = 1000.0 };
}

int ops_done(const struct ops_src *s)
{
	return s->p && s->pos >= s->n;
}

static uint8_t byte(struct ops_src *s)
{
	if (!s->p)
		return (uint8_t)(rng_next(&s->rng) >> 56);
	return s->pos < s->n ? s->p[s->pos++] : 0;
}

static uint32_t u16(struct ops_src *s)
{
	uint32_t hi = byte(s);

	return hi << 8 | byte(s);
}

/* A number in [lo, hi] most of the time; else one of the awkward ones. */
static double num(struct ops_src *s, double lo, double hi)
{
	static const double odd[] = { NAN,  INFINITY, -INFINITY, 0.0,   -0.0,    1e300,
				      -1e300, 1e-300, 1e9,      -1e9,  1e12,    1.5e12,
				      -1.0, 4.9e-324, 1e5,      2e5 };
	uint8_t b = byte(s);

	if (b < 20)
		return odd[b % (sizeof odd / sizeof odd[0])];
	return lo + (hi - lo) * ((double)u16(s) / 65535.0);
}

/* The clock: onward by 0 to 510 ms a call; now and then a bad time. */
static double when(struct ops_src *s)
{
	uint8_t b = byte(s);

	if (b < 4)
		return b == 0 ? NAN : b == 1 ? -5.0 : b == 2 ? INFINITY : 2e15;
	s->now += 2.0 * byte(s);
	return s->now;
}

static uint32_t window_id(const struct dt_engine *dt, struct ops_src *s)
{
	uint8_t b = byte(s);

	if (b < 224 && dt->nwin)
		return dt_window_at(dt, b % dt->nwin)->id;
	return b < 240 ? dt->next_window : (uint32_t)(b - 240);
}

static uint32_t desktop_id(const struct dt_engine *dt, struct ops_src *s)
{
	uint8_t b = byte(s);

	if (b < 224)
		return dt->desks[b % dt->ndesk].id;
	return b < 240 ? dt->next_desktop : (uint32_t)(b - 240);
}

struct text {
	const char *s;
	uint32_t n;
};

static struct text text(struct ops_src *s)
{
	static char big[DT_TITLE_MAX + 8];
	static const struct text good[] = {
		{ "", 0 }, { "terminal", 8 }, { "<script>x</script>", 18 },
		{ "\xE2\x80\xAEtxt.exe", 10 }, { "a\xE2\x80\x8B" "b", 5 },
		{ "\xF0\x9F\x96\xA5 desk", 9 }, { "Desktop 2", 9 },
	}, bad[] = { { "\xff", 1 }, { "bell\x07", 5 }, { "\xED\xA0\x80", 3 }, { "\xC0\xAF", 2 } };
	uint8_t b = byte(s);

	if (b < 200)
		return good[b % (sizeof good / sizeof good[0])];
	if (b < 216)
		return bad[b % (sizeof bad / sizeof bad[0])];
	memset(big, 'x', sizeof big);
	return (struct text){ big, b < 236 ? DT_NAME_MAX : b < 250 ? DT_TITLE_MAX : DT_TITLE_MAX + 1 };
}

static uint32_t small(struct ops_src *s, uint32_t n)
{
	return byte(s) % n;
}

/* Screen points: mostly on the page, sometimes off it or absurd. */
static double sx(const struct dt_engine *dt, struct ops_src *s)
{
	return num(s, -20, dt->view_w + 20);
}

static double sy(const struct dt_engine *dt, struct ops_src *s)
{
	return num(s, -20, dt->view_h + 20);
}

#define OPS_LIST(X)                                                                   \
	X(CREATE, "window_create") X(CLOSE, "window_close") X(FOCUS, "window_focus")  \
	X(GOTO, "window_goto") X(MOVE, "window_move") X(SET_RECT, "window_set_rect")  \
	X(LIMITS, "window_set_limits") X(MINIMIZE, "window_minimize")                 \
	X(MAXIMIZE, "window_maximize") X(RESTORE, "window_restore")                   \
	X(TITLE, "window_set_title") X(SET_DESKTOP, "window_set_desktop")             \
	X(DESK_CREATE, "desktop_create") X(DESK_RENAME, "desktop_rename")             \
	X(DESK_DELETE, "desktop_delete") X(DESK_SWITCH, "desktop_switch")             \
	X(DESK_CAMERA, "desktop_set_camera") X(PAN, "pan") X(ZOOM, "zoom_at")         \
	X(VOID_ENTER, "void_enter") X(VOID_LEAVE, "void_leave")                       \
	X(VOID_SELECT, "void_select") X(DOWN, "pointer_down") X(MOVE_PTR, "pointer_move") \
	X(UP, "pointer_up") X(CANCEL, "pointer_cancel") X(WHEEL, "wheel") X(KEY, "key") \
	X(VIEWPORT, "viewport") X(EVENTS, "events") X(HIT, "hit_test")               \
	X(RESTORE_BYTES, "restore")

enum {
#define OPS_ENUM(name, text) OP_##name,
	OPS_LIST(OPS_ENUM)
#undef OPS_ENUM
	OP_COUNT
};

const char *ops_name(int op)
{
	static const char *const names[] = {
#define OPS_NAME(name, text) text,
		OPS_LIST(OPS_NAME)
#undef OPS_NAME
	};

	return op >= 0 && op < OP_COUNT ? names[op] : "?";
}

static int32_t window_ops(struct dt_engine *dt, struct ops_src *s, int op)
{
	uint32_t id = window_id(dt, s);
	struct text t;

	switch (op) {
	case OP_CLOSE:
		return dt_window_close(dt, id);
	case OP_FOCUS:
		return dt_window_focus(dt, id, when(s));
	case OP_GOTO:
		return dt_window_goto(dt, id, when(s));
	case OP_MOVE:
		return dt_window_move(dt, id, num(s, -3000, 3000), num(s, -3000, 3000));
	case OP_SET_RECT:
		return dt_window_set_rect(dt, id, num(s, -3000, 3000), num(s, -3000, 3000),
					  num(s, 0, 2000), num(s, 0, 2000));
	case OP_LIMITS:
		return dt_window_set_limits(dt, id, num(s, 0, 600), num(s, 0, 400), num(s, 100, 3000),
					    num(s, 50, 3000));
	case OP_MINIMIZE:
		return dt_window_minimize(dt, id);
	case OP_MAXIMIZE:
		return dt_window_maximize(dt, id);
	case OP_RESTORE:
		return dt_window_restore(dt, id);
	case OP_TITLE:
		t = text(s);
		return dt_window_set_title(dt, id, t.s, t.n);
	default:
		return dt_window_set_desktop(dt, id, desktop_id(dt, s));
	}
}

static int32_t desktop_ops(struct dt_engine *dt, struct ops_src *s, int op)
{
	uint32_t id = desktop_id(dt, s);
	struct text t;

	switch (op) {
	case OP_DESK_CREATE:
		t = text(s);
		return dt_desktop_create(dt, t.s, t.n);
	case OP_DESK_RENAME:
		t = text(s);
		return dt_desktop_rename(dt, id, t.s, t.n);
	case OP_DESK_DELETE:
		return dt_desktop_delete(dt, id, when(s));
	case OP_DESK_SWITCH:
		return dt_desktop_switch(dt, id, when(s));
	case OP_DESK_CAMERA:
		return dt_desktop_set_camera(dt, id, num(s, -5000, 5000), num(s, -5000, 5000),
					     num(s, 0, 5));
	case OP_VOID_SELECT:
		return dt_void_select(dt, id);
	default:
		return ZOS_ERR_INVALID_ARGUMENT;
	}
}

static int32_t view_ops(struct dt_engine *dt, struct ops_src *s, int op)
{
	switch (op) {
	case OP_PAN:
		return dt_pan(dt, num(s, -500, 500), num(s, -500, 500), when(s));
	case OP_ZOOM:
		return dt_zoom_at(dt, sx(dt, s), sy(dt, s), num(s, 0.2, 3), when(s));
	case OP_VOID_ENTER:
		return dt_void_enter(dt, when(s));
	case OP_VOID_LEAVE:
		return dt_void_leave(dt, when(s));
	case OP_VIEWPORT:
		return dt_viewport(dt, num(s, 32, 2600), num(s, 32, 1600), num(s, 0, 120));
	default:
		return ZOS_ERR_INVALID_ARGUMENT;
	}
}

/* A window's title bar, edge or content, so drags find something to grab. */
static void aim(const struct dt_engine *dt, struct ops_src *s, double *x, double *y)
{
	const struct dt_window *w;
	double scale;
	struct dt_rect r;
	uint8_t b = byte(s);

	*x = sx(dt, s);
	*y = sy(dt, s);
	if (dt->drag.kind != DT_DRAG_NONE && b < 160) {
		*x = dt->drag.px + num(s, -400, 400);
		*y = dt->drag.py + num(s, -400, 400);
		return;
	}
	if (b < 64 || !dt->nwin)
		return;
	w = dt_window_at(dt, b % dt->nwin);
	for (uint32_t z = dt->nwin; z-- > 0 && b >= 128;) /* the top one on the active desktop */
		if (dt_window_at(dt, z)->desktop == dt->active) {
			w = dt_window_at(dt, z);
			break;
		}
	r = dt_window_screen(dt, w, dt_desk_get(dt, w->desktop)->cam, &scale);
	*x = r.x + r.w * (double)(byte(s) % 5) / 4.0 - 2 + byte(s) % 5;
	*y = r.y + (b & 1 ? 6 * scale : r.h * (double)(byte(s) % 5) / 4.0) - 2 + byte(s) % 5;
}

static int32_t input_ops(struct dt_engine *dt, struct ops_src *s, int op)
{
	static _Alignas(4) uint8_t evbuf[DT_EVENT_MAX * sizeof(struct dt_event)];
	double x, y;
	uint32_t mods = byte(s) < 230 ? 0 : small(s, 20);
	uint32_t target;

	aim(dt, s, &x, &y);
	switch (op) {
	case OP_DOWN:
		return dt_pointer_down(dt, x, y, small(s, 4), mods, when(s));
	case OP_MOVE_PTR:
		return dt_pointer_move(dt, x, y, mods, when(s));
	case OP_UP:
		return dt_pointer_up(dt, x, y, byte(s) < 200 ? dt->drag.button : small(s, 4), mods,
				     when(s));
	case OP_CANCEL:
		return dt_pointer_cancel(dt);
	case OP_WHEEL:
		return dt_wheel(dt, x, y, num(s, -300, 300), num(s, -300, 300), mods, when(s));
	case OP_KEY:
		return dt_key(dt, small(s, DT_KEY_COUNT + 1), small(s, 17), when(s));
	case OP_EVENTS:
		return dt_events(dt, evbuf, (uint32_t)(small(s, 3) * sizeof(struct dt_event) * 9));
	default:
		return dt_hit_test(dt, x, y, when(s), &target);
	}
}

/* Restore from bytes of the source: a real snapshot with a byte or two
 * changed, or junk. */
static int32_t restore_ops(struct dt_engine *dt, struct ops_src *s)
{
	static uint8_t buf[DT_SNAPSHOT_MAX + 16];
	int32_t n = dt_snapshot(dt, buf, sizeof buf);
	uint32_t flips = small(s, 4);

	if (n < 0)
		return n;
	for (uint32_t i = 0; i < flips; i++)
		buf[u16(s) % (uint32_t)n] ^= (uint8_t)(1u << small(s, 8));
	if (byte(s) < 40)
		n = (int32_t)(u16(s) % (uint32_t)(n + 1));
	return dt_restore(dt, buf, (uint32_t)n);
}

struct ops_result ops_step(struct dt_engine *dt, struct ops_src *s)
{
	uint8_t b = byte(s);
	int op = b < 48 ? OP_CREATE : b % OP_COUNT; /* windows to work on, often */

	/* A drag under way mostly goes on, and now and then ends. */
	if (dt->drag.kind != DT_DRAG_NONE && b >= 128)
		op = b < 240 ? OP_MOVE_PTR : OP_UP;
	struct ops_result r = { op, 0, 0 };
	struct text t, a;
	uint32_t type;

	if (op == OP_CREATE) {
		t = text(s);
		a = text(s);
		b = byte(s);
		type = b < 8 ? 2 : b < 200 ? DT_WINDOW_STANDARD : DT_WINDOW_WIDGET;
		r.rc = dt_window_create(dt, byte(s) < 200 ? 0 : desktop_id(dt, s), type,
					num(s, 150, 1500), num(s, 70, 1000), t.s, t.n, a.s,
					a.n <= DT_NAME_MAX ? a.n : DT_APP_MAX + 1);
	} else if (op <= OP_SET_DESKTOP) {
		r.rc = window_ops(dt, s, op);
	} else if (op <= OP_DESK_CAMERA || op == OP_VOID_SELECT) {
		r.rc = desktop_ops(dt, s, op);
	} else if (op <= OP_VOID_LEAVE || op == OP_VIEWPORT) {
		r.rc = view_ops(dt, s, op);
	} else if (op == OP_RESTORE_BYTES) {
		r.rc = restore_ops(dt, s);
	} else {
		r.rc = input_ops(dt, s, op);
	}
	r.now = s->now;
	return r;
}

/* ---- the checks after each call ------------------------------------------ */

static const char *frame_ok(const struct dt_engine *dt, double now)
{
	static _Alignas(8) uint8_t buf[DT_FRAME_MAX];
	const struct dt_frame_header *h = (const void *)buf;
	const struct dt_frame_window *w = (const void *)(buf + sizeof *h);
	int32_t n = dt_frame(dt, now, buf, sizeof buf);

	if (n < 0 || (uint32_t)n != h->size || h->size > DT_FRAME_MAX)
		return "the frame does not build";
	if (h->window_count != dt->nwin || h->desktop_count != dt->ndesk ||
	    h->text_offset + h->text_size != h->size)
		return "the frame's counts or sizes are wrong";
	for (uint32_t i = 0; i < h->window_count; i++) {
		if (w[i].z != i || !dt_desk_get(dt, w[i].desktop) ||
		    w[i].title_offset + w[i].title_len > h->size ||
		    ((w[i].flags & DT_WF_FOCUSED) != 0) != (w[i].id == dt->focused))
			return "a window record is wrong";
		if (!(w[i].alpha >= 0 && w[i].alpha <= 1 && w[i].thumb_alpha >= 0 &&
		      w[i].thumb_alpha <= 1))
			return "a window's alpha is outside 0..1";
	}
	if (dt_frame(dt, now, buf, h->size - 1) != ZOS_ERR_BUFFER_TOO_SMALL)
		return "a frame one byte short was not refused";
	return 0;
}

static const char *roundtrip_ok(const struct dt_engine *dt)
{
	static uint8_t a[DT_SNAPSHOT_MAX], b[DT_SNAPSHOT_MAX];
	static struct dt_engine *again;
	int32_t na = dt_snapshot(dt, a, sizeof a), nb;

	if (!again && (again = malloc(dt_engine_size())) != 0)
		dt_init(again, dt->view_w, dt->view_h, dt->taskbar_h);
	if (na < 0 || na != dt_snapshot(dt, 0, 0))
		return "the snapshot does not build";
	if (dt_viewport(again, dt->view_w, dt->view_h, dt->taskbar_h) != ZOS_OK ||
	    dt_restore(again, a, (uint32_t)na) != ZOS_OK)
		return "a snapshot does not restore";
	if (dt_check(again) != 0)
		return "a restored snapshot breaks an invariant";
	nb = dt_snapshot(again, b, sizeof b);
	if (nb != na || memcmp(a, b, (size_t)na) != 0)
		return "snapshot -> restore -> snapshot changed the bytes";
	return 0;
}

const char *ops_verify(const struct dt_engine *dt, const struct dt_engine *before,
		       struct ops_result r)
{
	static char why[96];
	int broken = dt_check(dt);

	if (broken) {
		snprintf(why, sizeof why, "invariant broken: %s", dt_broken_name(broken));
		return why;
	}
	if (r.rc < 0 && memcmp(dt, before, dt_engine_size()) != 0)
		return "a call that failed changed the engine";
	if (r.rc < 0 && r.rc != ZOS_ERR_INVALID_ARGUMENT && r.rc != ZOS_ERR_NOT_FOUND &&
	    r.rc != ZOS_ERR_RESOURCE_EXHAUSTED && r.rc != ZOS_ERR_CORRUPT)
		return "a call failed with an unexpected error";
	const char *f = frame_ok(dt, r.now);
	return f ? f : roundtrip_ok(dt);
}
