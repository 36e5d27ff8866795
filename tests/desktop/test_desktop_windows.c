/*
 * The desktop engine's windows, one operation at a time: create (cascade),
 * close, focus and raise, move, resize from all eight handles within the
 * limits, minimize, maximize and restore, widgets, the title-bar buttons,
 * hit testing, and the rule that a call refused with an error leaves the
 * engine byte for byte as it was. The viewport is 1280 x 800 with a 48 px
 * taskbar (util.h); a 400 x 300 window first lands at (48, 48).
 */
#include <math.h>
#include <zos/error.h>

#include "desktop/util.h"
#include "harness.h"

static const struct dt_rect *rect_of(struct dt_engine *dt, uint32_t id)
{
	return &dt_window_get(dt, id)->r;
}

static void test_init_gives_one_desktop(void)
{
	struct dt_engine *dt = dtu_new();
	const struct dt_frame_header *h = dtu_frame(dt, 0);
	const struct dt_frame_desktop *d = dtu_frame_desktop(h, dt_active_desktop(dt));

	CHECK_EQ(h->desktop_count, 1);
	CHECK_EQ(h->window_count, 0);
	CHECK(d != 0);
	CHECK_EQ(d->name_len, 9);
	CHECK_MEM((const char *)h + d->name_offset, "Desktop 1", 9);
	CHECK_EQ(dt_mode(dt), DT_MODE_DESKTOP);
	CHECK_EQ(dt_focused_window(dt), 0);
	CHECK_EQ(dt_check(dt), 0);
	dtu_free(dt);
}

static void test_init_refuses_bad_viewports(void)
{
	struct dt_engine *dt = dtu_new();
	const double bad[][3] = { { NAN, 800, 0 },   { 1280, INFINITY, 0 }, { 0, 800, 0 },
				  { -5, 800, 0 },    { 1e9, 800, 0 },       { 1280, 800, 401 },
				  { 1280, 800, -1 }, { 1280, 800, NAN } };

	CHECK_EQ(dt_init(0, 1280, 800, 0), ZOS_ERR_INVALID_ARGUMENT);
	dtu_save(dt);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_EQ(dt_init(dt, bad[i][0], bad[i][1], bad[i][2]), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(dt_viewport(dt, bad[i][0], bad[i][1], bad[i][2]), ZOS_ERR_INVALID_ARGUMENT);
	}
	CHECK(dtu_same(dt));
	dtu_free(dt);
}

static void test_create_cascades_and_focuses(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t ids[10];

	for (int i = 0; i < 10; i++) {
		ids[i] = dtu_window(dt, "t");
		CHECK_EQ(ids[i], i + 1);
		CHECK_EQ(dt_focused_window(dt), ids[i]);
	}
	for (int i = 0; i < 10; i++) {
		double off = DT_CASCADE_MARGIN + DT_CASCADE_STEP * (i % DT_CASCADE_SLOTS);
		CHECK(rect_of(dt, ids[i])->x == off && rect_of(dt, ids[i])->y == off);
	}
	/* In the view of a panned, zoomed camera: from its corner, in screen px. */
	dt_desktop_set_camera(dt, dt_active_desktop(dt), 1000, -500, 2);
	ids[0] = dtu_window(dt, "zoomed");
	CHECK(rect_of(dt, ids[0])->x == 1000 + (DT_CASCADE_MARGIN + 2 * DT_CASCADE_STEP) / 2);
	CHECK_EQ(dt_check(dt), 0);
	dtu_free(dt);
}

static void test_create_refuses_bad_arguments(void)
{
	struct dt_engine *dt = dtu_new();
	char long_title[DT_TITLE_MAX + 1];
	const double sizes[][2] = { { NAN, 300 },  { 400, INFINITY }, { -400, 300 }, { 0, 300 },
				    { 100, 300 },  { 400, 10 },       { 2e5, 300 },  { 400, 1e300 },
				    { -INFINITY, 300 } };

	memset(long_title, 'a', sizeof long_title);
	dtu_window(dt, "first");
	dtu_save(dt);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		CHECK_EQ(dt_window_create(dt, 0, DT_WINDOW_STANDARD, sizes[i][0], sizes[i][1], "x", 1,
					  0, 0),
			 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_create(dt, 0, 7, 400, 300, 0, 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_create(dt, 99, 0, 400, 300, 0, 0, 0, 0), ZOS_ERR_NOT_FOUND);
	CHECK_EQ(dt_window_create(dt, 0, 0, 400, 300, long_title, DT_TITLE_MAX + 1, 0, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_create(dt, 0, 0, 400, 300, "\xC0\xAF", 2, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_create(dt, 0, 0, 400, 300, "\xED\xA0\x80", 3, 0, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_create(dt, 0, 0, 400, 300, "a\x1b[2J", 5, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_create(dt, 0, 0, 400, 300, "a\xC2\x9B", 3, 0, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_create(dt, 0, 0, 400, 300, 0, 5, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK(dtu_same(dt));
	/* Bidi overrides and zero-width characters are text, and kept as given. */
	CHECK(dt_window_create(dt, 0, 0, 400, 300, "\xE2\x80\xAEgpj.exe\xE2\x80\x8B", 13, 0, 0) > 0);
	dtu_free(dt);
}

static void test_create_stops_at_the_table_size(void)
{
	struct dt_engine *dt = dtu_new();

	for (int i = 0; i < DT_MAX_WINDOWS; i++)
		CHECK(dt_window_create(dt, 0, DT_WINDOW_WIDGET, 16, 16, 0, 0, 0, 0) > 0);
	dtu_save(dt);
	CHECK_EQ(dt_window_create(dt, 0, DT_WINDOW_WIDGET, 16, 16, 0, 0, 0, 0),
		 ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK(dtu_same(dt));
	CHECK_EQ(dt_window_close(dt, 100), ZOS_OK);
	CHECK_EQ(dt_window_create(dt, 0, DT_WINDOW_WIDGET, 16, 16, 0, 0, 0, 0), DT_MAX_WINDOWS + 1);
	CHECK_EQ(dt_check(dt), 0);
	dtu_free(dt);
}

static void test_close_refocuses_and_reports(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a"), b = dtu_window(dt, "b"), c = dtu_window(dt, "c");
	struct dt_event ev[DT_EVENT_MAX];
	int n;

	dt_window_focus(dt, a, 0); /* stack: b c a */
	dt_events(dt, ev, sizeof ev);
	CHECK_EQ(dt_window_close(dt, a), ZOS_OK);
	CHECK_EQ(dt_focused_window(dt), c);
	n = dt_events(dt, ev, sizeof ev);
	CHECK_EQ(n, 2);
	CHECK(ev[0].kind == DT_EV_CLOSED && ev[0].window == a);
	CHECK(ev[1].kind == DT_EV_FOCUS && ev[1].window == c);
	dtu_save(dt);
	CHECK_EQ(dt_window_close(dt, a), ZOS_ERR_NOT_FOUND);
	CHECK_EQ(dt_window_close(dt, 0), ZOS_ERR_NOT_FOUND);
	CHECK(dtu_same(dt));
	dt_window_close(dt, b);
	dt_window_close(dt, c);
	CHECK_EQ(dt_focused_window(dt), 0);
	CHECK_EQ(dt_check(dt), 0);
	dtu_free(dt);
}

static void test_focus_raises_to_the_top(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a"), b = dtu_window(dt, "b"), c = dtu_window(dt, "c");
	const struct dt_frame_header *h;

	CHECK_EQ(dt_window_focus(dt, a, 10), ZOS_OK);
	h = dtu_frame(dt, 10);
	CHECK_EQ(dtu_frame_window(h, b)->z, 0);
	CHECK_EQ(dtu_frame_window(h, c)->z, 1);
	CHECK_EQ(dtu_frame_window(h, a)->z, 2);
	CHECK(dtu_frame_window(h, a)->flags & DT_WF_FOCUSED);
	CHECK(!(dtu_frame_window(h, c)->flags & DT_WF_FOCUSED));
	/* A click on a covered window raises it: b, moved under c, seen at its
	 * bottom right. */
	dt_window_move(dt, b, 300, 300);
	dtu_click(dt, 650, 500, 0, 20);
	h = dtu_frame(dt, 30);
	CHECK_EQ(dt_focused_window(dt), b);
	CHECK_EQ(dtu_frame_window(h, b)->z, 2);
	CHECK_EQ(dt_window_focus(dt, 42, 0), ZOS_ERR_NOT_FOUND);
	CHECK_EQ(dt_window_focus(dt, a, NAN), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_focus(dt, a, -1), ZOS_ERR_INVALID_ARGUMENT);
	dtu_free(dt);
}

static void test_move_and_set_rect_check_ranges(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a");
	const double xs[] = { NAN, INFINITY, -INFINITY, 1.0000001e12, -2e12, 1e300 };

	CHECK_EQ(dt_window_move(dt, a, 1e9, -1e9), ZOS_OK);
	CHECK(rect_of(dt, a)->x == 1e9 && rect_of(dt, a)->y == -1e9);
	CHECK_EQ(dt_window_set_rect(dt, a, 5, 6, 700, 500), ZOS_OK);
	CHECK(rect_of(dt, a)->w == 700 && rect_of(dt, a)->h == 500);
	dtu_save(dt);
	for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
		CHECK_EQ(dt_window_move(dt, a, xs[i], 0), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(dt_window_move(dt, a, 0, xs[i]), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(dt_window_set_rect(dt, a, 0, 0, xs[i], 300), ZOS_ERR_INVALID_ARGUMENT);
	}
	CHECK_EQ(dt_window_set_rect(dt, a, 0, 0, 100, 300), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_set_rect(dt, a, 0, 0, 400, -300), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_move(dt, 77, 0, 0), ZOS_ERR_NOT_FOUND);
	CHECK(dtu_same(dt));
	dtu_free(dt);
}

static void test_limits_clamp_the_size(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a");

	CHECK_EQ(dt_window_set_limits(dt, a, 500, 350, 800, 600), ZOS_OK);
	CHECK(rect_of(dt, a)->w == 500 && rect_of(dt, a)->h == 350);
	CHECK_EQ(dt_window_set_limits(dt, a, 200, 100, 300, 200), ZOS_OK);
	CHECK(rect_of(dt, a)->w == 300 && rect_of(dt, a)->h == 200);
	dtu_save(dt);
	CHECK_EQ(dt_window_set_limits(dt, a, 100, 100, 300, 300), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_set_limits(dt, a, 400, 100, 300, 300), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_set_limits(dt, a, 200, 100, 300, 2e5), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_set_limits(dt, a, 200, NAN, 300, 300), ZOS_ERR_INVALID_ARGUMENT);
	CHECK(dtu_same(dt));
	dtu_free(dt);
}

/* Each handle of a window at (48, 48) 400 x 300, dragged by (+30, +20),
 * then by far more than the limits allow. */
static void test_resize_from_all_eight_handles(void)
{
	static const struct {
		double x, y;
		struct dt_rect want, far;
	} cases[] = {
		{ 248, 48, { 48, 68, 400, 280 }, { 48, 268, 400, 80 } },     /* N */
		{ 248, 348, { 48, 48, 400, 320 }, { 48, 48, 400, 800 } },    /* S */
		{ 48, 198, { 78, 48, 370, 300 }, { 288, 48, 160, 300 } },    /* W */
		{ 448, 198, { 48, 48, 430, 300 }, { 48, 48, 900, 300 } },    /* E */
		{ 48, 48, { 78, 68, 370, 280 }, { 288, 268, 160, 80 } },     /* NW */
		{ 448, 48, { 48, 68, 430, 280 }, { 48, 268, 900, 80 } },     /* NE */
		{ 48, 348, { 78, 48, 370, 320 }, { 288, 48, 160, 800 } },    /* SW */
		{ 448, 348, { 48, 48, 430, 320 }, { 48, 48, 900, 800 } },    /* SE */
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct dt_engine *dt = dtu_new();
		uint32_t a = dtu_window(dt, "a");
		const struct dt_rect *r = rect_of(dt, a);
		double x = cases[i].x, y = cases[i].y;

		dt_window_set_limits(dt, a, 160, 80, 900, 800);
		CHECK(dt_hit_test(dt, x, y, 0, 0) & DT_HIT_RESIZE_BASE);
		dtu_drag(dt, x, y, x + 30, y + 20, 0);
		CHECK(r->x == cases[i].want.x && r->y == cases[i].want.y);
		CHECK(r->w == cases[i].want.w && r->h == cases[i].want.h);
		dt_window_set_rect(dt, a, 48, 48, 400, 300);
		/* far past the limits, both ways */
		dtu_drag(dt, x, y, x + 5000, y + 5000, 100);
		CHECK(r->x == cases[i].far.x && r->y == cases[i].far.y);
		CHECK(r->w == cases[i].far.w && r->h == cases[i].far.h);
		CHECK_EQ(dt_check(dt), 0);
		dtu_free(dt);
	}
}

static void test_title_drag_moves_by_delta_over_zoom(void)
{
	const double zooms[] = { 1.0, 0.5, 2.0, 0.1, 4.0 };

	for (size_t i = 0; i < sizeof zooms / sizeof zooms[0]; i++) {
		struct dt_engine *dt = dtu_new();
		double z = zooms[i];
		uint32_t a;
		const struct dt_frame_header *h;
		double sx, sy;

		dt_desktop_set_camera(dt, dt_active_desktop(dt), 0, 0, z);
		a = dtu_window(dt, "a");
		dt_window_move(dt, a, 100 / z, 100 / z);
		h = dtu_frame(dt, 0);
		sx = dtu_frame_window(h, a)->x + 100 * z;
		sy = dtu_frame_window(h, a)->y + DT_TITLE_H / 2 * z; /* the title's middle */
		CHECK_EQ(dt_hit_test(dt, sx, sy, 0, 0), DT_HIT_TITLE);
		dtu_drag(dt, sx, sy, sx + 37, sy - 23, 0);
		CHECK(dtu_near(rect_of(dt, a)->x, 100 / z + 37 / z, 1e-9));
		CHECK(dtu_near(rect_of(dt, a)->y, 100 / z - 23 / z, 1e-9));
		h = dtu_frame(dt, 100);
		CHECK(dtu_near(dtu_frame_window(h, a)->x, 137, 1e-9));
		CHECK(dtu_near(dtu_frame_window(h, a)->y, 77, 1e-9));
		dtu_free(dt);
	}
}

static void test_drag_at_a_billion_units_is_exact(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "far");
	const struct dt_frame_header *h;

	dt_desktop_set_camera(dt, dt_active_desktop(dt), 1e9, -1e9, 1);
	dt_window_move(dt, a, 1e9 + 48.25, -1e9 + 48.5);
	h = dtu_frame(dt, 0);
	CHECK(dtu_near(dtu_frame_window(h, a)->x, 48.25, 1e-6));
	CHECK(dtu_near(dtu_frame_window(h, a)->y, 48.5, 1e-6));
	dtu_drag(dt, 200, 60, 213, 51, 0);
	h = dtu_frame(dt, 100);
	CHECK(dtu_near(dtu_frame_window(h, a)->x, 61.25, 1e-6));
	CHECK(dtu_near(dtu_frame_window(h, a)->y, 39.5, 1e-6));
	/* and a pan there: the window moves on screen by the pan, exactly */
	dtu_drag(dt, 700, 500, 650, 520, 200);
	h = dtu_frame(dt, 300);
	CHECK(dtu_near(dtu_frame_window(h, a)->x, 11.25, 1e-6));
	CHECK(dtu_near(dtu_frame_window(h, a)->y, 59.5, 1e-6));
	dtu_free(dt);
}

static void test_minimize_and_restore(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a"), b = dtu_window(dt, "b");
	const struct dt_frame_header *h;

	CHECK_EQ(dt_window_minimize(dt, b), ZOS_OK);
	CHECK_EQ(dt_focused_window(dt), a);
	h = dtu_frame(dt, 0);
	CHECK(dtu_frame_window(h, b)->flags & DT_WF_MINIMIZED);
	CHECK(!(dtu_frame_window(h, b)->flags & DT_WF_LIVE));
	CHECK_EQ(dt_hit_test(dt, 300, 250, 0, 0), DT_HIT_CONTENT); /* a's, under b's place */
	CHECK_EQ(dt_window_restore(dt, b), ZOS_OK);
	CHECK_EQ(dt_focused_window(dt), b);
	h = dtu_frame(dt, 0);
	CHECK(dtu_frame_window(h, b)->flags & DT_WF_LIVE);
	CHECK_EQ(dtu_frame_window(h, b)->z, 1);
	/* The minimize button, pressed and released over it. */
	dtu_click(dt, 80 + 400 - 100, 90, 0, 10);
	CHECK(dt_window_get(dt, b)->state & DT_WS_MINIMIZED);
	CHECK_EQ(dt_check(dt), 0);
	dtu_free(dt);
}

static void test_maximize_then_restore_gives_the_old_rect(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a");
	struct dt_rect before = *rect_of(dt, a);
	const struct dt_frame_window *w;

	dt_desktop_set_camera(dt, dt_active_desktop(dt), -20, 10, 0.5);
	CHECK_EQ(dt_window_maximize(dt, a), ZOS_OK);
	w = dtu_frame_window(dtu_frame(dt, 0), a);
	CHECK(w->x == 0 && w->y == 0 && w->w == DTU_W && w->h == DTU_H - DTU_TASKBAR);
	CHECK(w->scale == 1.0 && (w->flags & DT_WF_MAXIMIZED));
	/* No move or resize while maximized. */
	CHECK_EQ(dt_hit_test(dt, 0, 300, 0, 0), DT_HIT_CONTENT);
	dtu_drag(dt, 300, 10, 400, 200, 0);
	CHECK_EQ(dt_window_restore(dt, a), ZOS_OK);
	CHECK(memcmp(rect_of(dt, a), &before, sizeof before) == 0);
	/* The maximize button, then a double-click on the title to restore. */
	w = dtu_frame_window(dtu_frame(dt, 100), a);
	dtu_click(dt, w->x + w->w - DT_BUTTON_W * w->scale * 1.5, w->y + 10, 0, 1000);
	CHECK(dt_window_get(dt, a)->state & DT_WS_MAXIMIZED);
	dtu_click(dt, 300, 20, 0, 2000);
	dtu_click(dt, 301, 21, 0, 2100);
	CHECK(!(dt_window_get(dt, a)->state & DT_WS_MAXIMIZED));
	CHECK(memcmp(rect_of(dt, a), &before, sizeof before) == 0);
	/* Two clicks too far apart in time are two clicks. */
	w = dtu_frame_window(dtu_frame(dt, 100), a);
	dtu_click(dt, w->x + 100, w->y + 10, 0, 3000);
	dtu_click(dt, w->x + 100, w->y + 10, 0, 3000 + DT_DOUBLE_MS + 50);
	CHECK(!(dt_window_get(dt, a)->state & DT_WS_MAXIMIZED));
	dtu_free(dt);
}

static void test_maximized_window_follows_the_viewport_and_limits(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a");
	const struct dt_frame_window *w;

	dt_window_set_limits(dt, a, 160, 80, 1000, 600);
	dt_window_maximize(dt, a);
	w = dtu_frame_window(dtu_frame(dt, 0), a);
	CHECK(w->w == 1000 && w->h == 600 && w->x == 140 && w->y == 76);
	dt_viewport(dt, 800, 600, 40);
	w = dtu_frame_window(dtu_frame(dt, 0), a);
	CHECK(w->w == 800 && w->h == 560 && w->x == 0 && w->y == 0);
	dtu_free(dt);
}

static void test_widgets_have_no_title_bar(void)
{
	struct dt_engine *dt = dtu_new();
	int32_t g = dt_window_create(dt, 0, DT_WINDOW_WIDGET, 200, 100, "clock", 5, "clock", 5);
	const struct dt_rect *r;

	CHECK(g > 0);
	r = rect_of(dt, (uint32_t)g);
	CHECK_EQ(dt_hit_test(dt, 60, 55, 0, 0), DT_HIT_CONTENT);
	CHECK_EQ(dt_window_minimize(dt, (uint32_t)g), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_maximize(dt, (uint32_t)g), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_restore(dt, (uint32_t)g), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_pointer_down(dt, 100, 100, DT_BUTTON_PRIMARY, 0, 0), DT_IN_FORWARD);
	CHECK_EQ(dt_input_window(dt), (uint32_t)g);
	CHECK_EQ(dt_pointer_up(dt, 100, 100, DT_BUTTON_PRIMARY, 0, 1), DT_IN_FORWARD);
	/* Alt+drag moves it (as it moves any window). */
	dt_pointer_down(dt, 100, 100, DT_BUTTON_PRIMARY, DT_MOD_ALT, 10);
	dt_pointer_move(dt, 150, 90, DT_MOD_ALT, 11);
	dt_pointer_up(dt, 150, 90, DT_BUTTON_PRIMARY, DT_MOD_ALT, 12);
	CHECK(r->x == 98 && r->y == 38);
	CHECK(dtu_frame_window(dtu_frame(dt, 20), (uint32_t)g)->flags & DT_WF_WIDGET);
	dtu_free(dt);
}

static void test_buttons_act_on_release_over_them(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a");
	double cx = 448 - DT_BUTTON_W / 2, cy = 64;

	CHECK_EQ(dt_hit_test(dt, cx, cy, 0, 0), DT_HIT_CLOSE);
	/* pressed, then released elsewhere: nothing */
	dt_pointer_down(dt, cx, cy, DT_BUTTON_PRIMARY, 0, 0);
	dt_pointer_move(dt, 200, 200, 0, 1);
	dt_pointer_up(dt, 200, 200, DT_BUTTON_PRIMARY, 0, 2);
	CHECK(dt_window_get(dt, a) != 0);
	dtu_click(dt, cx, cy, 0, 10);
	CHECK(dt_window_get(dt, a) == 0);
	CHECK_EQ(dt_check(dt), 0);
	dtu_free(dt);
}

static void test_hit_test_regions(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a"), t = 0;
	static const struct {
		double x, y;
		int32_t hit;
	} cases[] = {
		{ 200, 60, DT_HIT_TITLE },       { 440, 60, DT_HIT_CLOSE },
		{ 400, 60, DT_HIT_MAXIMIZE },    { 360, 60, DT_HIT_MINIMIZE },
		{ 320, 60, DT_HIT_TITLE },       { 200, 200, DT_HIT_CONTENT },
		{ 200, 46, DT_HIT_RESIZE_N },    { 200, 350, DT_HIT_RESIZE_S },
		{ 45, 200, DT_HIT_RESIZE_W },    { 452, 200, DT_HIT_RESIZE_E },
		{ 50, 50, DT_HIT_RESIZE_NW },    { 446, 46, DT_HIT_RESIZE_NE },
		{ 60, 346, DT_HIT_RESIZE_SW },   { 446, 340, DT_HIT_RESIZE_SE },
		{ 200, 355, DT_HIT_NONE },       { 600, 600, DT_HIT_NONE },
		{ 200, DTU_H - 10, DT_HIT_NONE }, /* the taskbar */
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int32_t got = dt_hit_test(dt, cases[i].x, cases[i].y, 0, &t);
		if (got != cases[i].hit)
			harness_fail(__FILE__, __LINE__, "(%g, %g): hit %d, want %d", cases[i].x,
				     cases[i].y, got, cases[i].hit);
		CHECK(got == DT_HIT_NONE ? t == 0 : t == a);
	}
	CHECK_EQ(dt_hit_test(dt, NAN, 0, 0, &t), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_hit_test(dt, 0, INFINITY, 0, &t), ZOS_ERR_INVALID_ARGUMENT);
	/* hover sets the cursor the frame reports */
	dt_pointer_move(dt, 452, 200, 0, 0);
	CHECK_EQ(dtu_frame(dt, 0)->cursor, DT_CURSOR_EW);
	dt_pointer_move(dt, 50, 50, 0, 0);
	CHECK_EQ(dtu_frame(dt, 0)->cursor, DT_CURSOR_NWSE);
	dtu_free(dt);
}

static void test_pointer_calls_refuse_bad_arguments(void)
{
	struct dt_engine *dt = dtu_new();
	const double bad[] = { NAN, INFINITY, -INFINITY, 1e300, -2e7 };

	dtu_window(dt, "a");
	dt_pointer_move(dt, 200, 200, 0, 0);
	dtu_save(dt);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_EQ(dt_pointer_down(dt, bad[i], 10, 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(dt_pointer_down(dt, 10, bad[i], 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(dt_pointer_down(dt, 10, 10, 0, 0, bad[i]), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(dt_pointer_move(dt, bad[i], 10, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(dt_pointer_up(dt, 10, bad[i], 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(dt_wheel(dt, 10, 10, bad[i], 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(dt_wheel(dt, 10, 10, 0, bad[i], DT_MOD_CTRL, 0), ZOS_ERR_INVALID_ARGUMENT);
	}
	CHECK_EQ(dt_pointer_down(dt, 10, 10, 3, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_pointer_down(dt, 10, 10, 0, 16, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_key(dt, DT_KEY_COUNT, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_key(dt, DT_KEY_W, 0x100, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_pointer_cancel(0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK(dtu_same(dt));
	dtu_free(dt);
}

static void test_content_press_forwards_until_release(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a");

	CHECK_EQ(dt_pointer_down(dt, 200, 200, DT_BUTTON_PRIMARY, 0, 0), DT_IN_FORWARD);
	CHECK_EQ(dt_input_window(dt), a);
	/* held: moves go to the window even off it */
	CHECK_EQ(dt_pointer_move(dt, 900, 700, 0, 1), DT_IN_FORWARD);
	CHECK_EQ(dt_pointer_up(dt, 900, 700, DT_BUTTON_PRIMARY, 0, 2), DT_IN_FORWARD);
	CHECK_EQ(dt_pointer_move(dt, 900, 700, 0, 3), DT_IN_IGNORED);
	/* the wheel over content is the window's; with Ctrl it zooms */
	CHECK_EQ(dt_wheel(dt, 200, 200, 0, 40, 0, 4), DT_IN_FORWARD);
	CHECK_EQ(dt_wheel(dt, 200, 200, 0, 40, DT_MOD_CTRL, 5), DT_IN_HANDLED);
	/* right-click: content's; background's is the page's (its menu) */
	CHECK_EQ(dt_pointer_down(dt, 700, 600, DT_BUTTON_SECONDARY, 0, 6), DT_IN_IGNORED);
	CHECK_EQ(dt_pointer_down(dt, 200, 200, DT_BUTTON_SECONDARY, 0, 7), DT_IN_FORWARD);
	CHECK_EQ(dt_pointer_up(dt, 200, 200, DT_BUTTON_SECONDARY, 0, 8), DT_IN_FORWARD);
	dtu_free(dt);
}

static void test_set_title_and_desktop(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a");
	int32_t d2 = dt_desktop_create(dt, "two", 3);
	const struct dt_frame_header *h;
	const struct dt_frame_window *w;

	CHECK_EQ(dt_window_set_title(dt, a, "<script>alert(1)</script>", 25), ZOS_OK);
	h = dtu_frame(dt, 0);
	w = dtu_frame_window(h, a);
	CHECK_EQ(w->title_len, 25);
	CHECK_MEM((const char *)h + w->title_offset, "<script>alert(1)</script>", 25);
	CHECK_EQ(dt_window_set_title(dt, a, "\xff", 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_window_set_desktop(dt, a, 55), ZOS_ERR_NOT_FOUND);
	CHECK_EQ(dt_window_set_desktop(dt, a, (uint32_t)d2), ZOS_OK);
	CHECK_EQ(dt_focused_window(dt), 0);
	CHECK_EQ(dt_window_focus(dt, a, 100), ZOS_OK);
	CHECK_EQ(dt_active_desktop(dt), (uint32_t)d2);
	CHECK_EQ(dt_focused_window(dt), a);
	CHECK_EQ(dt_check(dt), 0);
	dtu_free(dt);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_init_gives_one_desktop);
	RUN(test_init_refuses_bad_viewports);
	RUN(test_create_cascades_and_focuses);
	RUN(test_create_refuses_bad_arguments);
	RUN(test_create_stops_at_the_table_size);
	RUN(test_close_refocuses_and_reports);
	RUN(test_focus_raises_to_the_top);
	RUN(test_move_and_set_rect_check_ranges);
	RUN(test_limits_clamp_the_size);
	RUN(test_resize_from_all_eight_handles);
	RUN(test_title_drag_moves_by_delta_over_zoom);
	RUN(test_drag_at_a_billion_units_is_exact);
	RUN(test_minimize_and_restore);
	RUN(test_maximize_then_restore_gives_the_old_rect);
	RUN(test_maximized_window_follows_the_viewport_and_limits);
	RUN(test_widgets_have_no_title_bar);
	RUN(test_buttons_act_on_release_over_them);
	RUN(test_hit_test_regions);
	RUN(test_pointer_calls_refuse_bad_arguments);
	RUN(test_content_press_forwards_until_release);
	RUN(test_set_title_and_desktop);
	return harness_finish("desktop_windows");
}
