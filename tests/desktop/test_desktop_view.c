/*
 * The desktop engine's desktops and views, one operation at a time:
 * create, rename, delete (never the last; windows to a neighbour), switch
 * with a crossfade; each desktop's camera (pan, zoom about the pointer,
 * clamped); the void (fitted camera, crossfade in and out, click selects,
 * double-click or Enter enters, Escape returns, pan and zoom); the eased
 * camera move to a window and the camera each window remembers; the
 * keyboard shortcuts; the frame's layout and the event queue; snapshot and
 * restore, including every truncation and damaged byte of a snapshot.
 */
#include <math.h>
#include <zos/error.h>

#include "desktop/util.h"
#include "harness.h"

static _Alignas(8) uint8_t snap_a[DT_SNAPSHOT_MAX], snap_b[DT_SNAPSHOT_MAX];

static struct dt_camera cam_of(const struct dt_engine *dt, uint32_t desk)
{
	return dt_desk_get(dt, desk)->cam;
}

static void test_desktops_create_rename_delete(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d1 = dt_active_desktop(dt);
	int32_t d2 = dt_desktop_create(dt, "work", 4), d3 = dt_desktop_create(dt, 0, 0);
	const struct dt_frame_header *h;
	const struct dt_frame_desktop *r;
	char name[DT_NAME_MAX + 1];

	CHECK(d2 == 2 && d3 == 3);
	h = dtu_frame(dt, 0);
	r = dtu_frame_desktop(h, (uint32_t)d3);
	CHECK_EQ(r->index, 2);
	CHECK_MEM((const char *)h + r->name_offset, "Desktop 3", 9);
	CHECK_EQ(dt_desktop_rename(dt, (uint32_t)d3, "play", 4), ZOS_OK);
	memset(name, 'n', sizeof name);
	dtu_save(dt);
	CHECK_EQ(dt_desktop_rename(dt, (uint32_t)d3, "", 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_desktop_rename(dt, (uint32_t)d3, name, DT_NAME_MAX + 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_desktop_rename(dt, 9, "x", 1), ZOS_ERR_NOT_FOUND);
	CHECK_EQ(dt_desktop_create(dt, "\x01", 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK(dtu_same(dt));
	CHECK_EQ(dt_desktop_rename(dt, (uint32_t)d3, name, DT_NAME_MAX), ZOS_OK);
	/* Deleting: windows go to the desktop before; the first's to the next. */
	dt_desktop_switch(dt, (uint32_t)d2, 0);
	uint32_t a = dtu_window(dt, "a");
	CHECK_EQ(dt_desktop_delete(dt, (uint32_t)d2, 10), (int32_t)d1);
	CHECK_EQ(dt_window_get(dt, a)->desktop, d1);
	CHECK_EQ(dt_active_desktop(dt), d1);
	CHECK_EQ(dt_focused_window(dt), a);
	CHECK_EQ(dt_desktop_delete(dt, d1, 20), d3);
	CHECK_EQ(dt_window_get(dt, a)->desktop, (uint32_t)d3);
	dtu_save(dt);
	CHECK_EQ(dt_desktop_delete(dt, (uint32_t)d3, 30), ZOS_ERR_INVALID_ARGUMENT); /* the last */
	CHECK_EQ(dt_desktop_delete(dt, d1, 30), ZOS_ERR_NOT_FOUND);
	CHECK_EQ(dt_desktop_delete(dt, (uint32_t)d3, NAN), ZOS_ERR_INVALID_ARGUMENT);
	CHECK(dtu_same(dt));
	CHECK_EQ(dt_check(dt), 0);
	dtu_free(dt);
}

static void test_desktops_stop_at_the_table_size(void)
{
	struct dt_engine *dt = dtu_new();

	for (int i = 1; i < DT_MAX_DESKTOPS; i++)
		CHECK(dt_desktop_create(dt, 0, 0) > 0);
	dtu_save(dt);
	CHECK_EQ(dt_desktop_create(dt, 0, 0), ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK(dtu_same(dt));
	dtu_free(dt);
}

static void test_switch_crossfades(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d1 = dt_active_desktop(dt), a = dtu_window(dt, "a"), b;
	int32_t d2 = dt_desktop_create(dt, 0, 0);
	const struct dt_frame_header *h;

	dt_desktop_switch(dt, (uint32_t)d2, 1000);
	b = dtu_window(dt, "b");
	CHECK_EQ(dt_active_desktop(dt), (uint32_t)d2);
	CHECK_EQ(dt_focused_window(dt), b);
	h = dtu_frame(dt, 1000 + DT_FADE_MS / 2);
	CHECK(h->fade == DT_FADE_SWITCH && h->fade_from == d1 && (h->flags & DT_FF_ANIMATING));
	CHECK(dtu_near(h->fade_progress, 0.5, 1e-12));
	CHECK(dtu_near(dtu_frame_window(h, a)->alpha, 0.5, 1e-12));
	CHECK(dtu_frame_window(h, a)->flags & DT_WF_LIVE);
	CHECK(dtu_near(dtu_frame_window(h, b)->alpha, 0.5, 1e-12));
	h = dtu_frame(dt, 1000 + DT_FADE_MS);
	CHECK(h->fade == DT_FADE_NONE && !(h->flags & DT_FF_ANIMATING));
	CHECK(!(dtu_frame_window(h, a)->flags & DT_WF_LIVE));
	CHECK(dtu_frame_window(h, b)->alpha == 1.0);
	/* Switching back focuses the top window there. */
	dt_desktop_switch(dt, d1, 2000);
	CHECK_EQ(dt_focused_window(dt), a);
	CHECK_EQ(dt_desktop_switch(dt, 99, 0), ZOS_ERR_NOT_FOUND);
	dtu_free(dt);
}

static void test_zoom_keeps_the_point_under_the_pointer(void)
{
	const double xs[][2] = { { 0, 0 }, { 640, 376 }, { 1279, 751 }, { 13.7, 600.1 } };
	const double origins[] = { 0, -3500.25, 1e9 };

	for (size_t o = 0; o < sizeof origins / sizeof origins[0]; o++)
		for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
			struct dt_engine *dt = dtu_new();
			uint32_t d = dt_active_desktop(dt);
			double x = xs[i][0], y = xs[i][1], wx, wy;
			struct dt_camera c;

			dt_desktop_set_camera(dt, d, origins[o], -origins[o], 1);
			c = cam_of(dt, d);
			wx = c.x + x / c.zoom;
			wy = c.y + y / c.zoom;
			for (int k = 0; k < 12; k++) {
				/* Ctrl+wheel, as the page forwards it */
				CHECK_EQ(dt_wheel(dt, x, y, 0, k < 6 ? -120 : 90, DT_MOD_CTRL, k),
					 DT_IN_HANDLED);
				c = cam_of(dt, d);
				/* within 0.5 px on screen: (world - camera) * zoom */
				CHECK(dtu_near((wx - c.x) * c.zoom, x, 0.5e-3));
				CHECK(dtu_near((wy - c.y) * c.zoom, y, 0.5e-3));
			}
			dtu_free(dt);
		}
}

static void test_zoom_is_clamped_and_pan_moves_the_view(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d = dt_active_desktop(dt);

	for (int i = 0; i < 40; i++)
		dt_zoom_at(dt, 100, 100, 2.0, i);
	CHECK(cam_of(dt, d).zoom == DT_ZOOM_MAX);
	for (int i = 0; i < 40; i++)
		dt_zoom_at(dt, 100, 100, 0.5, i);
	CHECK(cam_of(dt, d).zoom == DT_ZOOM_MIN);
	dt_desktop_set_camera(dt, d, 0, 0, 2);
	CHECK_EQ(dt_pan(dt, 100, -50, 0), ZOS_OK);
	CHECK(cam_of(dt, d).x == 50 && cam_of(dt, d).y == -25);
	/* a background drag pans the other way: the content follows the pointer */
	dtu_drag(dt, 600, 400, 700, 450, 10);
	CHECK(cam_of(dt, d).x == 0 && cam_of(dt, d).y == -50);
	/* the wheel over the background pans */
	CHECK_EQ(dt_wheel(dt, 600, 400, 20, 40, 0, 20), DT_IN_HANDLED);
	CHECK(cam_of(dt, d).x == 10 && cam_of(dt, d).y == -30);
	/* and far out, it stops at the edge of the world */
	dt_desktop_set_camera(dt, d, DT_COORD_MAX - 1, 0, DT_ZOOM_MIN);
	dt_pan(dt, 1e6, 0, 30);
	CHECK(cam_of(dt, d).x == DT_COORD_MAX);
	dtu_save(dt);
	CHECK_EQ(dt_pan(dt, NAN, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_zoom_at(dt, 0, 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_zoom_at(dt, 0, 0, 1000, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_zoom_at(dt, 0, 0, INFINITY, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_desktop_set_camera(dt, d, 0, 0, 5), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_desktop_set_camera(dt, d, 2e12, 0, 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_desktop_set_camera(dt, d, 0, NAN, 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK(dtu_same(dt));
	dtu_free(dt);
}

static void test_pan_drag_with_the_wheel_and_a_switch(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d1 = dt_active_desktop(dt), d2 = (uint32_t)dt_desktop_create(dt, 0, 0);
	struct dt_camera c;

	dt_pointer_down(dt, 600, 400, DT_BUTTON_PRIMARY, 0, 0);
	dt_pointer_move(dt, 650, 400, 0, 1);
	CHECK(cam_of(dt, d1).x == -50);
	/* zoomed mid-drag: the drag goes on from the zoomed camera */
	dt_wheel(dt, 650, 400, 0, -200, DT_MOD_CTRL, 2);
	c = cam_of(dt, d1);
	dt_pointer_move(dt, 660, 400, 0, 3);
	CHECK(dtu_near(cam_of(dt, d1).x, c.x - 10 / c.zoom, 1e-9));
	CHECK(cam_of(dt, d1).zoom == c.zoom);
	/* a switch ends the drag: the next desktop's camera stays put */
	dt_key(dt, DT_KEY_RIGHT, DT_MOD_CTRL, 4);
	CHECK_EQ(dt_active_desktop(dt), d2);
	dt_pointer_move(dt, 900, 700, 0, 5);
	CHECK(cam_of(dt, d2).x == 0 && cam_of(dt, d2).y == 0);
	CHECK_EQ(dt->drag.kind, DT_DRAG_NONE);
	dtu_free(dt);
}

static void test_void_shows_every_desktop(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d1 = dt_active_desktop(dt), a = dtu_window(dt, "a");
	const struct dt_frame_header *h;

	for (int i = 0; i < 3; i++)
		dt_desktop_create(dt, 0, 0);
	CHECK_EQ(dt_void_enter(dt, 1000), ZOS_OK);
	CHECK_EQ(dt_mode(dt), DT_MODE_VOID);
	h = dtu_frame(dt, 1000 + DT_FADE_MS / 4);
	CHECK(h->fade == DT_FADE_TO_VOID && dtu_near(h->void_alpha, 0.25, 1e-12));
	CHECK(dtu_near(dtu_frame_window(h, a)->alpha, 0.75, 1e-12));
	h = dtu_frame(dt, 2000);
	CHECK(h->void_alpha == 1 && h->desktop_alpha == 0 && h->void_selected == d1);
	CHECK(!(dtu_frame_window(h, a)->flags & DT_WF_LIVE));
	CHECK(dtu_frame_window(h, a)->flags & DT_WF_THUMB);
	for (uint32_t i = 0; i < h->desktop_count; i++) {
		const struct dt_frame_desktop *r =
			(const void *)((const uint8_t *)h + h->desktop_offset + i * h->desktop_size);
		/* the fitted camera shows every tile, inside the margin */
		CHECK(r->x >= DT_VOID_MARGIN - 1e-9 && r->x + r->w <= DTU_W - DT_VOID_MARGIN + 1e-9);
		CHECK(r->y >= 0 && r->y + r->h <= DTU_H - DTU_TASKBAR);
		CHECK(r->flags & DT_DF_TILE);
	}
	/* a's thumbnail sits in tile 0 where a sits on its desktop, scaled */
	{
		const struct dt_frame_desktop *t = dtu_frame_desktop(h, d1);
		const struct dt_frame_window *w = dtu_frame_window(h, a);
		CHECK(dtu_near(w->thumb_x, t->x + 48 * h->void_zoom, 1e-9));
		CHECK(dtu_near(w->thumb_w, 400 * h->void_zoom, 1e-9));
	}
	CHECK_EQ(dt_void_leave(dt, 3000), ZOS_OK);
	CHECK_EQ(dt_mode(dt), DT_MODE_DESKTOP);
	h = dtu_frame(dt, 3000 + DT_FADE_MS / 2);
	CHECK(h->fade == DT_FADE_FROM_VOID && dtu_near(h->void_alpha, 0.5, 1e-12));
	dtu_free(dt);
}

static void test_void_by_mouse(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d2 = (uint32_t)dt_desktop_create(dt, 0, 0);
	const struct dt_frame_header *h;
	const struct dt_frame_desktop *t;
	double x, y;

	dt_void_enter(dt, 0);
	h = dtu_frame(dt, 1000);
	t = dtu_frame_desktop(h, d2);
	x = t->x + t->w / 2;
	y = t->y + t->h / 2;
	CHECK_EQ(dt_hit_test(dt, x, y, 1000, 0), DT_HIT_TILE);
	dtu_click(dt, x, y, 0, 1000);
	CHECK_EQ(dt_mode(dt), DT_MODE_VOID);
	CHECK_EQ(dtu_frame(dt, 1100)->void_selected, d2);
	CHECK(dt_active_desktop(dt) != d2);
	dtu_click(dt, x + 1, y, 0, 1200); /* the second click: enters */
	CHECK_EQ(dt_mode(dt), DT_MODE_DESKTOP);
	CHECK_EQ(dt_active_desktop(dt), d2);
	/* A drag in the void pans it and selects nothing. */
	dt_void_enter(dt, 2000);
	struct dt_camera before = dt->void_cam;
	dtu_drag(dt, 300, 300, 400, 350, 3000);
	CHECK(dtu_near(dt->void_cam.x, before.x - 100 / before.zoom, 1e-9));
	CHECK(dtu_near(dt->void_cam.y, before.y - 50 / before.zoom, 1e-9));
	CHECK_EQ(dt_mode(dt), DT_MODE_VOID);
	/* Ctrl+wheel zooms the void about the pointer, within its range. */
	for (int i = 0; i < 50; i++)
		dt_wheel(dt, 500, 300, 0, -200, DT_MOD_CTRL, 4000);
	CHECK(dt->void_cam.zoom == DT_VOID_ZOOM_MAX);
	dtu_free(dt);
}

static void test_void_by_keyboard(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d1 = dt_active_desktop(dt), d2 = (uint32_t)dt_desktop_create(dt, 0, 0),
		 d3 = (uint32_t)dt_desktop_create(dt, 0, 0);

	CHECK_EQ(dt_key(dt, DT_KEY_BACKQUOTE, DT_MOD_CTRL, 0), DT_IN_HANDLED);
	CHECK_EQ(dt_mode(dt), DT_MODE_VOID);
	CHECK_EQ(dt_key(dt, DT_KEY_RIGHT, 0, 10), DT_IN_HANDLED);
	CHECK_EQ(dt_key(dt, DT_KEY_RIGHT, 0, 20), DT_IN_HANDLED);
	CHECK_EQ(dt_key(dt, DT_KEY_RIGHT, 0, 30), DT_IN_HANDLED); /* stays at the end */
	CHECK_EQ(dt->void_selected, d3);
	CHECK_EQ(dt_key(dt, DT_KEY_ESCAPE, 0, 40), DT_IN_HANDLED);
	CHECK(dt_mode(dt) == DT_MODE_DESKTOP && dt_active_desktop(dt) == d1);
	CHECK_EQ(dt_key(dt, DT_KEY_F3, 0, 50), DT_IN_HANDLED);
	CHECK_EQ(dt_key(dt, DT_KEY_LEFT, DT_MOD_CTRL, 60), DT_IN_HANDLED);
	CHECK_EQ(dt_key(dt, DT_KEY_RIGHT, 0, 70), DT_IN_HANDLED);
	CHECK_EQ(dt_key(dt, DT_KEY_ENTER, 0, 80), DT_IN_HANDLED);
	CHECK(dt_mode(dt) == DT_MODE_DESKTOP && dt_active_desktop(dt) == d2);
	/* plain keys on a desktop are the focused app's */
	CHECK_EQ(dt_key(dt, DT_KEY_ENTER, 0, 90), DT_IN_IGNORED);
	CHECK_EQ(dt_key(dt, DT_KEY_ESCAPE, 0, 90), DT_IN_IGNORED);
	CHECK_EQ(dt_key(dt, DT_KEY_OTHER, DT_MOD_CTRL | DT_MOD_ALT, 90), DT_IN_IGNORED);
	dtu_free(dt);
}

static void test_desktop_and_window_shortcuts(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d1 = dt_active_desktop(dt), a = dtu_window(dt, "a"), b = dtu_window(dt, "b"),
		 c = dtu_window(dt, "c");
	uint32_t d2 = (uint32_t)dt_desktop_create(dt, 0, 0);
	struct dt_event ev[DT_EVENT_MAX];

	CHECK_EQ(dt_key(dt, DT_KEY_RIGHT, DT_MOD_CTRL, 0), DT_IN_HANDLED);
	CHECK_EQ(dt_active_desktop(dt), d2);
	CHECK_EQ(dt_key(dt, DT_KEY_RIGHT, DT_MOD_CTRL, 10), DT_IN_HANDLED); /* the last stays */
	CHECK_EQ(dt_active_desktop(dt), d2);
	CHECK_EQ(dt_key(dt, DT_KEY_LEFT, DT_MOD_CTRL, 20), DT_IN_HANDLED);
	CHECK_EQ(dt_active_desktop(dt), d1);
	CHECK_EQ(dt_focused_window(dt), c);
	CHECK_EQ(dt_key(dt, DT_KEY_RIGHT, DT_MOD_CTRL | DT_MOD_ALT, 30), DT_IN_HANDLED);
	CHECK_EQ(dt_focused_window(dt), a); /* round the end, by id */
	CHECK_EQ(dt_key(dt, DT_KEY_RIGHT, DT_MOD_CTRL | DT_MOD_ALT, 40), DT_IN_HANDLED);
	CHECK_EQ(dt_focused_window(dt), b);
	CHECK_EQ(dt_key(dt, DT_KEY_LEFT, DT_MOD_CTRL | DT_MOD_ALT, 50), DT_IN_HANDLED);
	CHECK_EQ(dt_focused_window(dt), a);
	dt_events(dt, ev, sizeof ev);
	CHECK_EQ(dt_key(dt, DT_KEY_W, DT_MOD_CTRL | DT_MOD_ALT, 60), DT_IN_HANDLED);
	CHECK(dt_window_get(dt, a) == 0);
	CHECK_EQ(dt_events(dt, ev, sizeof ev), 2);
	CHECK(ev[0].kind == DT_EV_CLOSED && ev[0].window == a && ev[0].desktop == d1);
	CHECK_EQ(dt_key(dt, DT_KEY_W, DT_MOD_CTRL, 70), DT_IN_IGNORED);
	dtu_free(dt);
}

static void test_goto_eases_the_camera_to_the_window(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d = dt_active_desktop(dt), a = dtu_window(dt, "a");
	struct dt_camera mid, end;
	const struct dt_frame_header *h;
	double cx, cy;

	dt_window_move(dt, a, 5000, 3000);
	CHECK_EQ(dt_window_goto(dt, a, 1000), ZOS_OK);
	end = cam_of(dt, d);
	/* centred in the visible area */
	cx = (5000 - end.x) * end.zoom + 200 * end.zoom;
	cy = (3000 - end.y) * end.zoom + 150 * end.zoom;
	CHECK(dtu_near(cx, DTU_W / 2, 1e-9) && dtu_near(cy, (DTU_H - DTU_TASKBAR) / 2, 1e-9));
	h = dtu_frame(dt, 1000);
	CHECK(h->camera_x == 0 && (h->flags & DT_FF_CAMERA_MOVE));
	h = dtu_frame(dt, 1000 + DT_CAMERA_MS / 2);
	mid.x = h->camera_x;
	/* ease-out: at half the time, 1 - 0.5^3 = 87.5% of the way */
	CHECK(dtu_near(mid.x, end.x * 0.875, 1e-9));
	h = dtu_frame(dt, 1000 + DT_CAMERA_MS);
	CHECK(h->camera_x == end.x && !(h->flags & DT_FF_ANIMATING));
	/* a press mid-move stops it where it is shown */
	dt_window_move(dt, a, -4000, 0);
	dt_window_goto(dt, a, 5000);
	mid = cam_of(dt, d); /* where this move ends */
	dt_pointer_down(dt, 1200, 700, DT_BUTTON_PRIMARY, 0, 5000 + DT_CAMERA_MS / 2);
	h = dtu_frame(dt, 9000);
	CHECK(dtu_near(h->camera_x, end.x + (mid.x - end.x) * 0.875, 1e-9));
	CHECK(!(h->flags & DT_FF_CAMERA_MOVE));
	CHECK_EQ(dt_window_goto(dt, 77, 0), ZOS_ERR_NOT_FOUND);
	CHECK_EQ(dt_window_goto(dt, a, INFINITY), ZOS_ERR_INVALID_ARGUMENT);
	dtu_free(dt);
}

static void test_goto_fits_a_big_window_and_returns_to_remembered_cameras(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d = dt_active_desktop(dt), a = dtu_window(dt, "a"), b;
	struct dt_camera there;

	dt_window_set_rect(dt, a, 0, 0, 4000, 2000);
	dt_window_goto(dt, a, 0);
	CHECK(dtu_near(cam_of(dt, d).zoom, DTU_W * DT_GOTO_FILL / 4000, 1e-12));
	dt_window_set_rect(dt, a, 100, 100, 400, 300);
	dt_desktop_set_camera(dt, d, 50, 60, 1.5);
	there = cam_of(dt, d);
	b = dtu_window(dt, "b"); /* a loses focus: it remembers this camera */
	CHECK(dt_window_get(dt, a)->has_cam);
	dt_desktop_set_camera(dt, d, -9000, 9000, 1);
	dt_window_goto(dt, a, 100);
	CHECK(memcmp(&there, &dt_desk_get(dt, d)->cam, sizeof there) == 0);
	/* moved out of that view, a gets a camera centred on it instead */
	dt_window_goto(dt, b, 200);
	dt_window_move(dt, a, 20000, 0);
	dt_window_goto(dt, a, 300);
	CHECK(cam_of(dt, d).x != there.x);
	dtu_free(dt);
}

static void test_goto_restores_and_crosses_desktops(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "a"), d2 = (uint32_t)dt_desktop_create(dt, 0, 0);

	dt_window_minimize(dt, a);
	dt_desktop_switch(dt, d2, 0);
	dt_void_enter(dt, 10);
	CHECK_EQ(dt_window_goto(dt, a, 20), ZOS_OK);
	CHECK_EQ(dt_mode(dt), DT_MODE_DESKTOP);
	CHECK_EQ(dt_active_desktop(dt), dt_window_get(dt, a)->desktop);
	CHECK(!(dt_window_get(dt, a)->state & DT_WS_MINIMIZED));
	CHECK_EQ(dt_focused_window(dt), a);
	CHECK_EQ(dt_check(dt), 0);
	dtu_free(dt);
}

static void test_frame_layout_and_text(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t a = dtu_window(dt, "alpha");
	static _Alignas(8) uint8_t buf[DT_FRAME_MAX + 8];
	const struct dt_frame_header *h = (const void *)buf;
	const struct dt_frame_window *w;
	int32_t n = dt_frame(dt, 0, buf, sizeof buf);

	CHECK(n > 0 && (uint32_t)n == h->size);
	CHECK(h->magic == DT_FRAME_MAGIC && h->version == DT_FRAME_VERSION);
	CHECK_EQ(h->header_size, sizeof *h);
	CHECK_EQ(h->window_offset, sizeof *h);
	CHECK_EQ(h->desktop_offset, sizeof *h + sizeof *w);
	CHECK_EQ(h->text_offset, sizeof *h + sizeof *w + sizeof(struct dt_frame_desktop));
	CHECK_EQ(h->text_size, 5 + 8 + 9);
	w = dtu_frame_window(h, a);
	CHECK_MEM(buf + w->title_offset, "alpha", 5);
	CHECK_MEM(buf + w->app_offset, "terminal", 8);
	CHECK(h->view_w == DTU_W && h->taskbar_h == DTU_TASKBAR && h->camera_zoom == 1);
	CHECK_EQ(dt_frame(dt, 0, buf, (uint32_t)n - 1), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(dt_frame(dt, 0, buf + 4, sizeof buf - 8), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_frame(dt, NAN, buf, sizeof buf), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dt_frame(dt, 0, 0, sizeof buf), ZOS_ERR_INVALID_ARGUMENT);
	dtu_free(dt);
}

static void test_events_queue_drops_the_oldest(void)
{
	struct dt_engine *dt = dtu_new();
	struct dt_event ev[DT_EVENT_MAX + 4];
	uint32_t ids[DT_EVENT_MAX];

	for (int i = 0; i < DT_EVENT_MAX; i++)
		ids[i] = dtu_window(dt, "w"); /* one FOCUS event each */
	for (int i = 0; i < 8; i++) /* the focused one: CLOSED, FOCUS each, 16 more */
		dt_window_close(dt, ids[DT_EVENT_MAX - 1 - i]);
	CHECK_EQ(dt->events_dropped, 16);
	CHECK_EQ(dt_events(dt, ev, 3 * sizeof ev[0] + 5), 3);
	CHECK(ev[0].kind == DT_EV_FOCUS && ev[0].window == ids[16]);
	CHECK_EQ(dt_events(dt, ev, sizeof ev), DT_EVENT_MAX - 3);
	CHECK(ev[DT_EVENT_MAX - 4].kind == DT_EV_FOCUS);
	CHECK_EQ(dt_events(dt, ev, sizeof ev), 0);
	CHECK_EQ(dt_events(dt, (uint8_t *)ev + 2, sizeof ev[0]), ZOS_ERR_INVALID_ARGUMENT);
	dtu_free(dt);
}

/* A state with a bit of everything, for the snapshot tests. */
static struct dt_engine *busy(void)
{
	struct dt_engine *dt = dtu_new();
	uint32_t d2 = (uint32_t)dt_desktop_create(dt, "two", 3);
	uint32_t a = dtu_window(dt, "a"), b = dtu_window(dt, "b\xE2\x80\xAE");

	dt_window_set_limits(dt, a, 200, 100, 900, 700);
	dt_window_maximize(dt, a);
	dt_window_minimize(dt, b);
	dt_desktop_set_camera(dt, d2, -0.0, 1e9, 0.75);
	dt_desktop_switch(dt, d2, 0);
	dt_window_create(dt, 0, DT_WINDOW_WIDGET, 16, 16, 0, 0, "clock", 5);
	dtu_window(dt, "c");
	dt_window_goto(dt, a, 100); /* mid-move when the snapshot is taken */
	dt_void_enter(dt, 150);
	dt_void_select(dt, d2);
	return dt;
}

static void test_snapshot_restore_snapshot_is_identity(void)
{
	struct dt_engine *dt = busy(), *again = dtu_new();
	int32_t n = dt_snapshot(dt, snap_a, sizeof snap_a), m;

	CHECK(n > 0 && n == dt_snapshot(dt, 0, 0));
	CHECK_EQ(dt_restore(again, snap_a, (uint32_t)n), ZOS_OK);
	CHECK_EQ(dt_check(again), 0);
	m = dt_snapshot(again, snap_b, sizeof snap_b);
	CHECK_EQ(m, n);
	CHECK_MEM(snap_a, snap_b, (size_t)n);
	CHECK_EQ(dt_mode(again), DT_MODE_VOID);
	CHECK_EQ(dt_active_desktop(again), dt_active_desktop(dt));
	CHECK_EQ(dt_focused_window(again), dt_focused_window(dt));
	CHECK_EQ(dt_snapshot(dt, snap_a, (uint32_t)n - 1), ZOS_ERR_BUFFER_TOO_SMALL);
	/* The order of the stack survives, and new ids do not reuse old ones. */
	CHECK(dt_window_create(again, 0, 0, 400, 300, 0, 0, 0, 0) == (int32_t)dt->next_window);
	dtu_free(dt);
	dtu_free(again);
}

static void test_restore_refuses_every_truncation_and_damage(void)
{
	struct dt_engine *dt = busy(), *victim = dtu_new();
	int32_t n = dt_snapshot(dt, snap_a, sizeof snap_a);
	int accepted = 0;

	dtu_window(victim, "mine");
	dtu_save(victim);
	for (int32_t len = 0; len < n; len++)
		CHECK_EQ(dt_restore(victim, snap_a, (uint32_t)len), ZOS_ERR_CORRUPT);
	CHECK(dtu_same(victim));
	/* Every byte flipped in turn: refused, or accepted as a valid state
	 * whose snapshot is exactly those bytes. */
	for (int32_t i = 0; i < n; i++) {
		memcpy(snap_b, snap_a, (size_t)n);
		snap_b[i] ^= 0x41;
		dtu_save(victim);
		if (dt_restore(victim, snap_b, (uint32_t)n) != ZOS_OK) {
			CHECK(dtu_same(victim));
			continue;
		}
		accepted++;
		CHECK_EQ(dt_check(victim), 0);
		{
			static uint8_t again[DT_SNAPSHOT_MAX];
			CHECK_EQ(dt_snapshot(victim, again, sizeof again), n);
			CHECK_MEM(again, snap_b, (size_t)n);
		}
	}
	CHECK(accepted > 0); /* some bytes (text, cameras) may take other values */
	CHECK_EQ(dt_restore(victim, 0, 10), ZOS_ERR_INVALID_ARGUMENT);
	dtu_free(dt);
	dtu_free(victim);
}

/* Every table full and every text at its longest: the snapshot and the
 * frame are exactly their stated maximums. */
static void test_largest_snapshot_and_frame(void)
{
	struct dt_engine *dt = dtu_new();
	char t[DT_TITLE_MAX];
	int32_t n;

	memset(t, 'T', sizeof t);
	for (int i = 1; i < DT_MAX_DESKTOPS; i++)
		dt_desktop_create(dt, t, DT_NAME_MAX);
	dt_desktop_rename(dt, dt->desks[0].id, t, DT_NAME_MAX);
	for (int i = 0; i < DT_MAX_WINDOWS; i++)
		CHECK(dt_window_create(dt, dt->desks[i % DT_MAX_DESKTOPS].id, 0, 400, 300, t,
				       DT_TITLE_MAX, t, DT_APP_MAX) > 0);
	for (int i = 0; i < DT_MAX_WINDOWS; i++) {
		dt->wins[i].has_cam = 1;
		dt->wins[i].cam = (struct dt_camera){ 0, 0, 1 };
	}
	n = dt_snapshot(dt, 0, 0);
	CHECK_EQ(n, DT_SNAPSHOT_MAX);
	CHECK_EQ(dt_frame(dt, 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(dtu_frame(dt, 0)->size, DT_FRAME_MAX);
	dtu_free(dt);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_desktops_create_rename_delete);
	RUN(test_desktops_stop_at_the_table_size);
	RUN(test_switch_crossfades);
	RUN(test_zoom_keeps_the_point_under_the_pointer);
	RUN(test_zoom_is_clamped_and_pan_moves_the_view);
	RUN(test_pan_drag_with_the_wheel_and_a_switch);
	RUN(test_void_shows_every_desktop);
	RUN(test_void_by_mouse);
	RUN(test_void_by_keyboard);
	RUN(test_desktop_and_window_shortcuts);
	RUN(test_goto_eases_the_camera_to_the_window);
	RUN(test_goto_fits_a_big_window_and_returns_to_remembered_cameras);
	RUN(test_goto_restores_and_crosses_desktops);
	RUN(test_frame_layout_and_text);
	RUN(test_events_queue_drops_the_oldest);
	RUN(test_snapshot_restore_snapshot_is_identity);
	RUN(test_restore_refuses_every_truncation_and_damage);
	RUN(test_largest_snapshot_and_frame);
	return harness_finish("desktop_view");
}
