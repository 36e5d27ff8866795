/*
 * Input: the pointer's drag state machine and the keyboard's shortcuts, so
 * that a front end only forwards the page's events.
 *
 *   NONE --down on a title (or Alt+down on a window)--> MOVE
 *        --down on an edge or corner-----------------> RESIZE
 *        --down on the background, or middle button--> PAN
 *        --down on a title-bar button----------------> BUTTON
 *        --down on content---------------------------> FORWARD
 *        --down in the void--------------------------> VOID
 *   any  --up of the button that began it, or cancel-> NONE
 *
 * A drag computes from where it began (the pointer, the rect, the camera
 * then), never by adding up steps, so a drag by (dx, dy) moves a window by
 * exactly (dx, dy) / zoom. A press released within DT_CLICK_PX of where it
 * began is a click; two clicks on the same thing within DT_DOUBLE_MS make
 * a double-click (on a title: maximize or restore; in the void: enter). A
 * title-bar button acts on release over the same button, as buttons do.
 */
#include <zos/error.h>

#include "desktop/engine.h"

static double absd(double v)
{
	return v < 0 ? -v : v;
}

static int point_ok(double x, double y)
{
	return dt_within(x, -DT_SCREEN_MAX, DT_SCREEN_MAX) &&
	       dt_within(y, -DT_SCREEN_MAX, DT_SCREEN_MAX);
}

static int args_ok(const struct dt_engine *dt, double x, double y, uint32_t mods, double now)
{
	return dt_engine_ok(dt) && point_ok(x, y) && (mods & ~(uint32_t)DT_MOD_ALL) == 0 &&
	       dt_time_ok(now);
}

/* Returns 1 when this click makes a double-click with the one before. */
static int click(struct dt_engine *dt, double x, double y, uint32_t hit, uint32_t target,
		 double now)
{
	struct dt_click *c = &dt->click;
	int dbl = c->hit == hit && c->target == target && now >= c->t &&
		  now - c->t <= DT_DOUBLE_MS && absd(x - c->x) <= DT_CLICK_PX &&
		  absd(y - c->y) <= DT_CLICK_PX;

	*c = dbl ? (struct dt_click){ 0 } : (struct dt_click){ now, x, y, hit, target };
	return dbl;
}

static int32_t forward(struct dt_engine *dt, uint32_t window)
{
	dt->input_window = window;
	return DT_IN_FORWARD;
}

static int32_t begin(struct dt_engine *dt, uint32_t kind, struct dt_hit h, uint32_t button,
		     double x, double y, struct dt_camera cam)
{
	const struct dt_window *w = dt_window_get(dt, h.window);

	dt->drag = (struct dt_drag){ .kind = kind, .window = h.window, .hit = h.region,
				     .target = h.desktop, .button = button, .px = x, .py = y,
				     .cam = cam };
	if (w)
		dt->drag.r = w->r;
	return kind == DT_DRAG_FORWARD ? forward(dt, h.window) : DT_IN_HANDLED;
}

/* ---- pointer down -------------------------------------------------------- */

static int32_t down_window(struct dt_engine *dt, struct dt_hit h, uint32_t button, uint32_t mods,
			   double x, double y, struct dt_camera cam)
{
	dt_focus_raise(dt, h.window);
	if (button == DT_BUTTON_SECONDARY)
		return h.region == DT_HIT_CONTENT ? begin(dt, DT_DRAG_FORWARD, h, button, x, y, cam)
						  : DT_IN_IGNORED;
	if (mods & DT_MOD_ALT) {
		h.region = DT_HIT_CONTENT; /* a move, but never a title's double-click */
		return begin(dt, DT_DRAG_MOVE, h, button, x, y, cam);
	}
	if (h.region == DT_HIT_TITLE)
		return begin(dt, DT_DRAG_MOVE, h, button, x, y, cam);
	if (h.region & DT_HIT_RESIZE_BASE)
		return begin(dt, DT_DRAG_RESIZE, h, button, x, y, cam);
	if (h.region == DT_HIT_CONTENT)
		return begin(dt, DT_DRAG_FORWARD, h, button, x, y, cam);
	return begin(dt, DT_DRAG_BUTTON, h, button, x, y, cam);
}

static int32_t down_desktop(struct dt_engine *dt, double x, double y, uint32_t button,
			    uint32_t mods, double now)
{
	struct dt_hit h;
	struct dt_camera cam;

	dt_anim_cut(dt, now);
	cam = dt_desk_get(dt, dt->active)->cam;
	h = dt_hit_at(dt, x, y, now);
	if (button == DT_BUTTON_MIDDLE || (button == DT_BUTTON_PRIMARY && !h.window))
		return begin(dt, DT_DRAG_PAN, (struct dt_hit){ 0 }, button, x, y, cam);
	if (!h.window)
		return DT_IN_IGNORED;
	return down_window(dt, h, button, mods, x, y, cam);
}

int32_t dt_pointer_down(struct dt_engine *dt, double x, double y, uint32_t button, uint32_t mods,
			double now)
{
	if (!args_ok(dt, x, y, mods, now) || button > DT_BUTTON_SECONDARY)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (dt->drag.kind == DT_DRAG_FORWARD)
		return forward(dt, dt->drag.window);
	if (dt->drag.kind != DT_DRAG_NONE)
		return DT_IN_HANDLED; /* another button during a drag changes nothing */
	if (!dt_within(x, 0, dt->view_w) || !dt_within(y, 0, dt->view_h - dt->taskbar_h))
		return DT_IN_IGNORED; /* the taskbar's, or off the page */
	if (dt->mode == DT_MODE_DESKTOP)
		return down_desktop(dt, x, y, button, mods, now);
	if (button == DT_BUTTON_SECONDARY)
		return DT_IN_IGNORED;
	return begin(dt, DT_DRAG_VOID, dt_hit_at(dt, x, y, now), button, x, y, dt->void_cam);
}

/* ---- pointer move ---------------------------------------------------------- */

static struct dt_rect resized(const struct dt_window *w, struct dt_rect r0, uint32_t edges,
			      double dx, double dy)
{
	struct dt_rect r = r0;

	if (edges & DT_EDGE_E)
		r.w = dt_clamp(r0.w + dx, w->min_w, w->max_w);
	if (edges & DT_EDGE_W) {
		r.w = dt_clamp(r0.w - dx, w->min_w, w->max_w);
		r.x = r0.x + (r0.w - r.w);
	}
	if (edges & DT_EDGE_S)
		r.h = dt_clamp(r0.h + dy, w->min_h, w->max_h);
	if (edges & DT_EDGE_N) {
		r.h = dt_clamp(r0.h - dy, w->min_h, w->max_h);
		r.y = r0.y + (r0.h - r.h);
	}
	r.x = dt_clamp(r.x, -DT_COORD_MAX, DT_COORD_MAX);
	r.y = dt_clamp(r.y, -DT_COORD_MAX, DT_COORD_MAX);
	return r;
}

static void drag_window(struct dt_engine *dt, double dx, double dy)
{
	struct dt_drag *g = &dt->drag;
	struct dt_window *w = dt_window_find(dt, g->window);

	if (w->state & DT_WS_MAXIMIZED)
		return;
	if (g->kind == DT_DRAG_RESIZE) {
		w->r = resized(w, g->r, g->hit & 15, dx / g->cam.zoom, dy / g->cam.zoom);
	} else {
		w->r.x = dt_clamp(g->r.x + dx / g->cam.zoom, -DT_COORD_MAX, DT_COORD_MAX);
		w->r.y = dt_clamp(g->r.y + dy / g->cam.zoom, -DT_COORD_MAX, DT_COORD_MAX);
	}
	dt->generation++;
}

static struct dt_camera panned(struct dt_camera c, double dx, double dy)
{
	c.x = dt_clamp(c.x - dx / c.zoom, -DT_COORD_MAX, DT_COORD_MAX);
	c.y = dt_clamp(c.y - dy / c.zoom, -DT_COORD_MAX, DT_COORD_MAX);
	return c;
}

static int32_t hover(struct dt_engine *dt, double x, double y, double now)
{
	struct dt_hit h = dt_hit_at(dt, x, y, now);

	dt->cursor = dt_cursor_of(h.region);
	if (h.region == DT_HIT_CONTENT && dt->mode == DT_MODE_DESKTOP)
		return forward(dt, h.window);
	return h.region == DT_HIT_NONE ? DT_IN_IGNORED : DT_IN_HANDLED;
}

int32_t dt_pointer_move(struct dt_engine *dt, double x, double y, uint32_t mods, double now)
{
	struct dt_drag *g;
	double dx, dy;

	if (!args_ok(dt, x, y, mods, now))
		return ZOS_ERR_INVALID_ARGUMENT;
	g = &dt->drag;
	dx = x - g->px;
	dy = y - g->py;
	if (g->kind != DT_DRAG_NONE && absd(dx) > g->moved)
		g->moved = absd(dx);
	if (g->kind != DT_DRAG_NONE && absd(dy) > g->moved)
		g->moved = absd(dy);
	switch (g->kind) {
	case DT_DRAG_MOVE:
	case DT_DRAG_RESIZE:
		drag_window(dt, dx, dy);
		return DT_IN_HANDLED;
	case DT_DRAG_PAN:
		if (dt->anim.desktop == dt->active)
			dt->anim = (struct dt_anim){ 0 };
		dt_desk_find(dt, dt->active)->cam = panned(g->cam, dx, dy);
		dt->generation++;
		return DT_IN_HANDLED;
	case DT_DRAG_VOID:
		if (g->moved >= DT_CLICK_PX) {
			dt->void_cam = panned(g->cam, dx, dy);
			dt->generation++;
		}
		return DT_IN_HANDLED;
	case DT_DRAG_BUTTON:
		return DT_IN_HANDLED;
	case DT_DRAG_FORWARD:
		return forward(dt, g->window);
	default:
		return hover(dt, x, y, now);
	}
}

/* ---- pointer up ---------------------------------------------------------- */

static void press_button(struct dt_engine *dt, struct dt_drag g, double x, double y, double now)
{
	struct dt_hit h = dt_hit_at(dt, x, y, now);
	struct dt_window *w = dt_window_find(dt, g.window);

	if (h.window != g.window || h.region != g.hit)
		return;
	if (g.hit == DT_HIT_CLOSE)
		dt_close_window(dt, g.window);
	else if (g.hit == DT_HIT_MAXIMIZE)
		dt_toggle_maximize(dt, w);
	else if (g.hit == DT_HIT_MINIMIZE)
		dt_minimize_window(dt, w);
}

static void void_click(struct dt_engine *dt, struct dt_drag g, double x, double y, double now)
{
	if (!g.target)
		return;
	if (dt->void_selected != g.target) {
		dt->void_selected = g.target;
		dt->generation++;
	}
	if (!click(dt, x, y, g.hit, g.target, now))
		return;
	dt_void_close(dt, g.target, now);
	if (g.hit == DT_HIT_THUMB && dt_window_get(dt, g.window))
		dt_focus_raise(dt, g.window);
}

int32_t dt_pointer_up(struct dt_engine *dt, double x, double y, uint32_t button, uint32_t mods,
		      double now)
{
	struct dt_drag g;
	struct dt_window *w;

	if (!args_ok(dt, x, y, mods, now) || button > DT_BUTTON_SECONDARY)
		return ZOS_ERR_INVALID_ARGUMENT;
	g = dt->drag;
	if (g.kind == DT_DRAG_NONE)
		return hover(dt, x, y, now) == DT_IN_FORWARD ? DT_IN_FORWARD : DT_IN_IGNORED;
	if (button != g.button)
		return g.kind == DT_DRAG_FORWARD ? forward(dt, g.window) : DT_IN_HANDLED;
	dt->drag = (struct dt_drag){ 0 };
	if (g.kind == DT_DRAG_FORWARD)
		return forward(dt, g.window);
	if (g.kind == DT_DRAG_BUTTON)
		press_button(dt, g, x, y, now);
	else if (g.kind == DT_DRAG_VOID && g.moved < DT_CLICK_PX)
		void_click(dt, g, x, y, now);
	else if (g.kind == DT_DRAG_MOVE && g.hit == DT_HIT_TITLE && g.moved < DT_CLICK_PX &&
		 click(dt, x, y, g.hit, g.window, now) && (w = dt_window_find(dt, g.window)))
		dt_toggle_maximize(dt, w);
	return DT_IN_HANDLED;
}

int32_t dt_pointer_cancel(struct dt_engine *dt)
{
	if (!dt_engine_ok(dt))
		return ZOS_ERR_INVALID_ARGUMENT;
	dt->drag = (struct dt_drag){ 0 };
	dt->cursor = DT_CURSOR_DEFAULT;
	return DT_IN_HANDLED;
}

/* ---- the wheel ------------------------------------------------------------ */

/* (1 - a) / (1 + a) for a = DT_WHEEL_ZOOM * dy, |a| <= 1/2: a zoom factor
 * with f(-dy) = 1 / f(dy), so a wheel turned back undoes itself. */
static double wheel_factor(double dy)
{
	double a = dt_clamp(DT_WHEEL_ZOOM * dy, -0.5, 0.5);

	return (1.0 - a) / (1.0 + a);
}

/* A pan drag under way goes on from the camera the wheel left, with the
 * pointer where it is now. */
static void rebase_pan(struct dt_engine *dt, double x, double y)
{
	struct dt_drag *g = &dt->drag;

	if (g->kind == DT_DRAG_PAN || g->kind == DT_DRAG_VOID) {
		g->cam = g->kind == DT_DRAG_PAN ? dt_desk_get(dt, dt->active)->cam : dt->void_cam;
		g->px = x;
		g->py = y;
	}
}

int32_t dt_wheel(struct dt_engine *dt, double x, double y, double dx, double dy, uint32_t mods,
		 double now)
{
	struct dt_hit h;

	if (!args_ok(dt, x, y, mods, now) || !dt_within(dx, -DT_WHEEL_MAX, DT_WHEEL_MAX) ||
	    !dt_within(dy, -DT_WHEEL_MAX, DT_WHEEL_MAX))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!dt_within(x, 0, dt->view_w) || !dt_within(y, 0, dt->view_h - dt->taskbar_h))
		return DT_IN_IGNORED;
	h = dt_hit_at(dt, x, y, now);
	if (!(mods & DT_MOD_CTRL) && dt->mode == DT_MODE_DESKTOP && h.region == DT_HIT_CONTENT)
		return forward(dt, h.window);
	if (mods & DT_MOD_CTRL)
		dt_zoom_at(dt, x, y, wheel_factor(dy), now);
	else
		dt_pan(dt, dx, dy, now);
	rebase_pan(dt, x, y);
	return DT_IN_HANDLED;
}
