/*
 * Hit testing: what a screen point is over. On a desktop, windows are
 * tried from the top of the stack down; each has resize bands DT_EDGE_PX
 * either side of its edges (corners reach DT_CORNER_PX along both edges),
 * then, inside, its title bar with the close, maximize and minimize buttons
 * from the right, then its content. Bands are in screen px, so they stay
 * grabbable at any zoom; the title bar and buttons are in window units and
 * scale with the window. In the void: thumbnails (only where they lie on
 * their tile), then tiles. The taskbar strip is nobody's.
 */
#include <zos/error.h>

#include "desktop/engine.h"

/* Keeps the nearer of two opposite edges when both are near (a window
 * narrower than two bands). */
static void nearer(int *lo, int *hi, double v, double a, double b)
{
	if (*lo && *hi) {
		if (v - a < b - v)
			*hi = 0;
		else
			*lo = 0;
	}
}

static double min3(double a, double b, double c)
{
	double m = a < b ? a : b;

	return m < c ? m : c;
}

/* The edges near (x, y) of screen rect r. Bands reach DT_EDGE_PX outward
 * but inward no further than a quarter of the window's smaller side, and
 * the top one no further than a third of the title bar (title_h px): a
 * small or far-zoomed-out window keeps a title to drag. */
static uint32_t edges_at(struct dt_rect r, double title_h, double x, double y)
{
	double e = min3(DT_EDGE_PX, r.w / 4, r.h / 4), en = e < title_h / 3 ? e : title_h / 3;
	double c = min3(DT_CORNER_PX, r.w / 3, r.h / 3);
	int w = x < r.x + e, ea = x > r.x + r.w - e, n = y < r.y + en, s = y > r.y + r.h - e;

	nearer(&w, &ea, x, r.x, r.x + r.w);
	nearer(&n, &s, y, r.y, r.y + r.h);
	if (n || s) {
		w |= !ea && x < r.x + c;
		ea |= !w && x > r.x + r.w - c;
	}
	if (w || ea) {
		n |= !s && y < r.y + c;
		s |= !n && y > r.y + r.h - c;
	}
	return (n ? DT_EDGE_N : 0) | (s ? DT_EDGE_S : 0) | (w ? DT_EDGE_W : 0) | (ea ? DT_EDGE_E : 0);
}

/* The edges window w may be resized from. */
static uint32_t resizable(const struct dt_window *w)
{
	uint32_t m = 0;

	if (w->state & DT_WS_MAXIMIZED)
		return 0;
	if (w->min_w < w->max_w)
		m |= DT_EDGE_W | DT_EDGE_E;
	if (w->min_h < w->max_h)
		m |= DT_EDGE_N | DT_EDGE_S;
	return m;
}

static int inside(struct dt_rect r, double x, double y, double margin)
{
	return x >= r.x - margin && x < r.x + r.w + margin && y >= r.y - margin &&
	       y < r.y + r.h + margin;
}

static uint32_t region_in(const struct dt_window *w, struct dt_rect r, double s, double x,
			  double y)
{
	uint32_t edges;
	double b = DT_BUTTON_W * s, d = r.x + r.w - x;
	double th = w->type == DT_WINDOW_WIDGET ? r.h : DT_TITLE_H * s;

	if (!inside(r, x, y, DT_EDGE_PX))
		return DT_HIT_NONE;
	edges = edges_at(r, th, x, y) & resizable(w);
	if (edges)
		return DT_HIT_RESIZE_BASE | edges;
	if (!inside(r, x, y, 0.0))
		return DT_HIT_NONE;
	if (w->type == DT_WINDOW_WIDGET || y >= r.y + th)
		return DT_HIT_CONTENT;
	return d < b ? DT_HIT_CLOSE : d < 2 * b ? DT_HIT_MAXIMIZE : d < 3 * b ? DT_HIT_MINIMIZE
									: DT_HIT_TITLE;
}

static struct dt_hit hit_desktop(const struct dt_engine *dt, double x, double y, double now)
{
	struct dt_camera c = dt_desk_camera_at(dt, dt_desk_get(dt, dt->active), now);

	for (uint32_t z = dt->nwin; z-- > 0;) {
		const struct dt_window *w = dt_window_at(dt, z);
		double s;
		struct dt_rect r;
		uint32_t region;

		if (w->desktop != dt->active || (w->state & DT_WS_MINIMIZED))
			continue;
		r = dt_window_screen(dt, w, c, &s);
		if ((region = region_in(w, r, s, x, y)) != DT_HIT_NONE)
			return (struct dt_hit){ region, w->id, 0 };
	}
	return (struct dt_hit){ DT_HIT_NONE, 0, 0 };
}

static struct dt_hit hit_void(const struct dt_engine *dt, double x, double y)
{
	for (uint32_t z = dt->nwin; z-- > 0;) {
		const struct dt_window *w = dt_window_at(dt, z);
		int i = dt_desk_index(dt, w->desktop);
		double s;
		struct dt_rect r;

		if (w->state & DT_WS_MINIMIZED)
			continue;
		r = dt_window_screen(dt, w, dt->desks[i].cam, &s);
		r = dt_void_map(dt, (uint32_t)i, r, &s);
		if (inside(r, x, y, 0.0) && inside(dt_void_tile_screen(dt, (uint32_t)i), x, y, 0.0))
			return (struct dt_hit){ DT_HIT_THUMB, w->id, w->desktop };
	}
	for (uint32_t i = 0; i < dt->ndesk; i++)
		if (inside(dt_void_tile_screen(dt, i), x, y, 0.0))
			return (struct dt_hit){ DT_HIT_TILE, 0, dt->desks[i].id };
	return (struct dt_hit){ DT_HIT_NONE, 0, 0 };
}

struct dt_hit dt_hit_at(const struct dt_engine *dt, double x, double y, double now)
{
	if (!inside(dt_work_area(dt), x, y, 0.0))
		return (struct dt_hit){ DT_HIT_NONE, 0, 0 };
	return dt->mode == DT_MODE_VOID ? hit_void(dt, x, y) : hit_desktop(dt, x, y, now);
}

uint32_t dt_cursor_of(uint32_t region)
{
	uint32_t e = region & 15;

	if (region == DT_HIT_CLOSE || region == DT_HIT_MAXIMIZE || region == DT_HIT_MINIMIZE ||
	    region == DT_HIT_TILE || region == DT_HIT_THUMB)
		return DT_CURSOR_POINTER;
	if (!(region & DT_HIT_RESIZE_BASE))
		return DT_CURSOR_DEFAULT;
	if (e == (DT_EDGE_N | DT_EDGE_W) || e == (DT_EDGE_S | DT_EDGE_E))
		return DT_CURSOR_NWSE;
	if (e == (DT_EDGE_N | DT_EDGE_E) || e == (DT_EDGE_S | DT_EDGE_W))
		return DT_CURSOR_NESW;
	return (e & (DT_EDGE_N | DT_EDGE_S)) ? DT_CURSOR_NS : DT_CURSOR_EW;
}

int32_t dt_hit_test(const struct dt_engine *dt, double x, double y, double now, uint32_t *target)
{
	struct dt_hit h;

	if (!dt_engine_ok(dt) || !dt_within(x, -DT_SCREEN_MAX, DT_SCREEN_MAX) ||
	    !dt_within(y, -DT_SCREEN_MAX, DT_SCREEN_MAX) || !dt_time_ok(now))
		return ZOS_ERR_INVALID_ARGUMENT;
	h = dt_hit_at(dt, x, y, now);
	if (target)
		*target = h.window ? h.window : h.desktop;
	return (int32_t)h.region;
}
