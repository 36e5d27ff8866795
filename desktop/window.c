/*
 * Windows: create (placed by cascade), close, focus and raise, move,
 * resize within limits, minimize, maximize, restore, titles, and moving a
 * window to another desktop. A window's rect is in its desktop's world
 * units; a maximized window keeps that rect (restore brings it back) and is
 * shown filling the visible area at scale 1 instead, whatever the camera.
 */
#include "lib/mem.h"
#include <zos/error.h>

#include "desktop/engine.h"

static double floor_w(uint32_t type)
{
	return type == DT_WINDOW_WIDGET ? DT_WIDGET_MIN : DT_STANDARD_MIN_W;
}

static double floor_h(uint32_t type)
{
	return type == DT_WINDOW_WIDGET ? DT_WIDGET_MIN : DT_STANDARD_MIN_H;
}

int dt_limits_ok(uint32_t type, double min_w, double min_h, double max_w, double max_h)
{
	return dt_within(min_w, floor_w(type), DT_SIZE_MAX) &&
	       dt_within(min_h, floor_h(type), DT_SIZE_MAX) && dt_within(max_w, min_w, DT_SIZE_MAX) &&
	       dt_within(max_h, min_h, DT_SIZE_MAX);
}

int dt_rect_ok(const struct dt_window *w, const struct dt_rect *r)
{
	return dt_within(r->x, -DT_COORD_MAX, DT_COORD_MAX) &&
	       dt_within(r->y, -DT_COORD_MAX, DT_COORD_MAX) && dt_within(r->w, w->min_w, w->max_w) &&
	       dt_within(r->h, w->min_h, w->max_h);
}

struct dt_rect dt_window_screen(const struct dt_engine *dt, const struct dt_window *w,
				struct dt_camera c, double *scale)
{
	struct dt_rect a = dt_work_area(dt);
	double cw, ch;

	if (w->state & DT_WS_MAXIMIZED) {
		cw = dt_clamp(a.w, w->min_w, w->max_w);
		ch = dt_clamp(a.h, w->min_h, w->max_h);
		*scale = 1.0;
		return (struct dt_rect){ (a.w - cw) / 2, (a.h - ch) / 2, cw, ch };
	}
	*scale = c.zoom;
	return (struct dt_rect){ (w->r.x - c.x) * c.zoom, (w->r.y - c.y) * c.zoom, w->r.w * c.zoom,
				 w->r.h * c.zoom };
}

static uint32_t slot_of(const struct dt_engine *dt, const struct dt_window *w)
{
	return (uint32_t)(w - dt->wins);
}

void dt_focus_raise(struct dt_engine *dt, uint32_t id)
{
	const struct dt_window *w = dt_window_get(dt, id);

	dt_raise_slot(dt, slot_of(dt, w));
	if (w->desktop == dt->active && !(w->state & DT_WS_MINIMIZED))
		dt_set_focus(dt, id);
}

/* A drag or forward on a window ends when the window goes or changes. */
static void forget_pointer(struct dt_engine *dt, uint32_t id)
{
	if (dt->drag.window == id)
		dt->drag = (struct dt_drag){ 0 };
	if (dt->input_window == id)
		dt->input_window = 0;
}

void dt_close_window(struct dt_engine *dt, uint32_t id)
{
	struct dt_window *w = dt_window_find(dt, id);
	uint32_t s = slot_of(dt, w), desk = w->desktop, z = 0;

	while (dt->order[z] != s)
		z++;
	zos_memmove(&dt->order[z], &dt->order[z + 1], (dt->nwin - 1 - z) * sizeof dt->order[0]);
	dt->nwin--;
	zos_memset(w, 0, sizeof *w);
	forget_pointer(dt, id);
	dt->generation++;
	dt_event(dt, DT_EV_CLOSED, id, desk, 0);
	if (dt->focused == id)
		dt_set_focus(dt, dt_top_window(dt));
}

void dt_minimize_window(struct dt_engine *dt, struct dt_window *w)
{
	w->state |= DT_WS_MINIMIZED;
	forget_pointer(dt, w->id);
	dt->generation++;
	dt_refocus(dt);
}

void dt_toggle_maximize(struct dt_engine *dt, struct dt_window *w)
{
	w->state ^= DT_WS_MAXIMIZED;
	forget_pointer(dt, w->id);
	dt->generation++;
}

/* ---- the calls ----------------------------------------------------------- */

static int32_t find(struct dt_engine *dt, uint32_t id, struct dt_window **w)
{
	if (!dt_engine_ok(dt))
		return ZOS_ERR_INVALID_ARGUMENT;
	*w = dt_window_find(dt, id);
	return *w ? ZOS_OK : ZOS_ERR_NOT_FOUND;
}

static int32_t free_slot(const struct dt_engine *dt)
{
	for (uint32_t s = 0; s < DT_MAX_WINDOWS; s++)
		if (dt->wins[s].id == 0)
			return (int32_t)s;
	return ZOS_ERR_RESOURCE_EXHAUSTED;
}

/* The next cascade slot in desktop d's view: down and right from the
 * view's top-left corner, DT_CASCADE_SLOTS steps, then round again. */
static void cascade(struct dt_desktop *d, struct dt_rect *r)
{
	double off = (DT_CASCADE_MARGIN + DT_CASCADE_STEP * (d->cascade % DT_CASCADE_SLOTS)) /
		     d->cam.zoom;

	r->x = dt_clamp(d->cam.x + off, -DT_COORD_MAX, DT_COORD_MAX);
	r->y = dt_clamp(d->cam.y + off, -DT_COORD_MAX, DT_COORD_MAX);
	d->cascade++;
}

static int32_t create_check(const struct dt_engine *dt, uint32_t desktop, uint32_t type,
			    double w, double h, const char *title, uint32_t tlen, const char *app,
			    uint32_t alen)
{
	if (type != DT_WINDOW_STANDARD && type != DT_WINDOW_WIDGET)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!dt_within(w, floor_w(type), DT_SIZE_MAX) || !dt_within(h, floor_h(type), DT_SIZE_MAX))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!dt_text_ok(title, tlen, 0, DT_TITLE_MAX) || !dt_text_ok(app, alen, 0, DT_APP_MAX))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (desktop != 0 && !dt_desk_get(dt, desktop))
		return ZOS_ERR_NOT_FOUND;
	if (dt->nwin >= DT_MAX_WINDOWS || dt->next_window >= DT_ID_MAX)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	return ZOS_OK;
}

int32_t dt_window_create(struct dt_engine *dt, uint32_t desktop, uint32_t type, double w,
			 double h, const char *title, uint32_t title_len, const char *app,
			 uint32_t app_len)
{
	int32_t rc, s;
	struct dt_window *win;

	if (!dt_engine_ok(dt))
		return ZOS_ERR_INVALID_ARGUMENT;
	rc = create_check(dt, desktop, type, w, h, title, title_len, app, app_len);
	if (rc != ZOS_OK || (s = free_slot(dt)) < 0)
		return rc != ZOS_OK ? rc : ZOS_ERR_RESOURCE_EXHAUSTED;
	win = &dt->wins[s];
	*win = (struct dt_window){ .id = dt->next_window++, .desktop = desktop ? desktop : dt->active,
				   .type = (uint8_t)type, .app_len = (uint8_t)app_len,
				   .title_len = (uint16_t)title_len, .r = { 0, 0, w, h },
				   .min_w = floor_w(type), .min_h = floor_h(type),
				   .max_w = DT_SIZE_MAX, .max_h = DT_SIZE_MAX };
	zos_memcpy(win->title, title, title_len);
	zos_memcpy(win->app, app, app_len);
	cascade(dt_desk_find(dt, win->desktop), &win->r);
	dt->order[dt->nwin++] = (uint16_t)s;
	dt->generation++;
	if (win->desktop == dt->active)
		dt_set_focus(dt, win->id);
	return (int32_t)win->id;
}

int32_t dt_window_close(struct dt_engine *dt, uint32_t id)
{
	struct dt_window *w;
	int32_t rc = find(dt, id, &w);

	if (rc == ZOS_OK)
		dt_close_window(dt, id);
	return rc;
}

static void unminimize(struct dt_engine *dt, struct dt_window *w)
{
	if (w->state & DT_WS_MINIMIZED) {
		w->state &= (uint8_t)~DT_WS_MINIMIZED;
		dt->generation++;
	}
}

/* Brings w into view for focus: out of the void or onto its desktop,
 * unminimized, raised and focused. */
static void bring_forward(struct dt_engine *dt, struct dt_window *w, double now)
{
	if (dt->mode == DT_MODE_VOID)
		dt_void_close(dt, w->desktop, now);
	else
		dt_activate(dt, w->desktop, now);
	unminimize(dt, w);
	dt_focus_raise(dt, w->id);
}

int32_t dt_window_focus(struct dt_engine *dt, uint32_t id, double now)
{
	struct dt_window *w;
	int32_t rc = find(dt, id, &w);

	if (rc != ZOS_OK || !dt_time_ok(now))
		return rc != ZOS_OK ? rc : ZOS_ERR_INVALID_ARGUMENT;
	bring_forward(dt, w, now);
	return ZOS_OK;
}

int32_t dt_window_goto(struct dt_engine *dt, uint32_t id, double now)
{
	struct dt_window *w;
	struct dt_desktop *d;
	int32_t rc = find(dt, id, &w);

	if (rc != ZOS_OK || !dt_time_ok(now))
		return rc != ZOS_OK ? rc : ZOS_ERR_INVALID_ARGUMENT;
	bring_forward(dt, w, now);
	d = dt_desk_find(dt, w->desktop);
	if (!(w->state & DT_WS_MAXIMIZED))
		dt_anim_to(dt, d, dt_goto_camera(dt, d, w), now);
	return ZOS_OK;
}

int32_t dt_window_move(struct dt_engine *dt, uint32_t id, double x, double y)
{
	struct dt_window *w;
	int32_t rc = find(dt, id, &w);

	if (rc != ZOS_OK)
		return rc;
	return dt_window_set_rect(dt, id, x, y, w->r.w, w->r.h);
}

int32_t dt_window_set_rect(struct dt_engine *dt, uint32_t id, double x, double y, double w,
			   double h)
{
	struct dt_window *win;
	struct dt_rect r = { x, y, w, h };
	int32_t rc = find(dt, id, &win);

	if (rc != ZOS_OK || !dt_rect_ok(win, &r))
		return rc != ZOS_OK ? rc : ZOS_ERR_INVALID_ARGUMENT;
	win->r = r;
	dt->generation++;
	return ZOS_OK;
}

int32_t dt_window_set_limits(struct dt_engine *dt, uint32_t id, double min_w, double min_h,
			     double max_w, double max_h)
{
	struct dt_window *w;
	int32_t rc = find(dt, id, &w);

	if (rc != ZOS_OK || !dt_limits_ok(w->type, min_w, min_h, max_w, max_h))
		return rc != ZOS_OK ? rc : ZOS_ERR_INVALID_ARGUMENT;
	w->min_w = min_w;
	w->min_h = min_h;
	w->max_w = max_w;
	w->max_h = max_h;
	w->r.w = dt_clamp(w->r.w, min_w, max_w);
	w->r.h = dt_clamp(w->r.h, min_h, max_h);
	dt->generation++;
	return ZOS_OK;
}

static int32_t find_standard(struct dt_engine *dt, uint32_t id, struct dt_window **w)
{
	int32_t rc = find(dt, id, w);

	if (rc == ZOS_OK && (*w)->type != DT_WINDOW_STANDARD)
		return ZOS_ERR_INVALID_ARGUMENT;
	return rc;
}

int32_t dt_window_minimize(struct dt_engine *dt, uint32_t id)
{
	struct dt_window *w;
	int32_t rc = find_standard(dt, id, &w);

	if (rc == ZOS_OK && !(w->state & DT_WS_MINIMIZED))
		dt_minimize_window(dt, w);
	return rc;
}

int32_t dt_window_maximize(struct dt_engine *dt, uint32_t id)
{
	struct dt_window *w;
	int32_t rc = find_standard(dt, id, &w);

	if (rc != ZOS_OK)
		return rc;
	if (!(w->state & DT_WS_MAXIMIZED))
		dt_toggle_maximize(dt, w);
	unminimize(dt, w);
	dt_focus_raise(dt, id);
	return ZOS_OK;
}

int32_t dt_window_restore(struct dt_engine *dt, uint32_t id)
{
	struct dt_window *w;
	int32_t rc = find_standard(dt, id, &w);

	if (rc != ZOS_OK)
		return rc;
	if (w->state & DT_WS_MINIMIZED) {
		unminimize(dt, w);
		dt_focus_raise(dt, id);
	} else if (w->state & DT_WS_MAXIMIZED) {
		dt_toggle_maximize(dt, w);
	}
	return ZOS_OK;
}

int32_t dt_window_set_title(struct dt_engine *dt, uint32_t id, const char *title, uint32_t len)
{
	struct dt_window *w;
	int32_t rc = find(dt, id, &w);

	if (rc != ZOS_OK || !dt_text_ok(title, len, 0, DT_TITLE_MAX))
		return rc != ZOS_OK ? rc : ZOS_ERR_INVALID_ARGUMENT;
	zos_memcpy(w->title, title, len);
	zos_memset(w->title + len, 0, DT_TITLE_MAX - len);
	w->title_len = (uint16_t)len;
	dt->generation++;
	return ZOS_OK;
}

int32_t dt_window_set_desktop(struct dt_engine *dt, uint32_t id, uint32_t desktop)
{
	struct dt_window *w;
	int32_t rc = find(dt, id, &w);

	if (rc != ZOS_OK || !dt_desk_get(dt, desktop))
		return rc != ZOS_OK ? rc : ZOS_ERR_NOT_FOUND;
	if (w->desktop == desktop)
		return ZOS_OK;
	w->desktop = desktop;
	forget_pointer(dt, id);
	dt->generation++;
	dt_refocus(dt);
	return ZOS_OK;
}
