/*
 * The engine's life: its size, dt_init (one desktop, nothing else), the
 * viewport, the queue of events, the small getters, and the view's camera
 * moved by hand (pan, zoom about a point): the active desktop's camera, or
 * the void's while the void is shown.
 */
#include "lib/mem.h"
#include <zos/error.h>

#include "desktop/engine.h"

uint32_t dt_engine_size(void)
{
	return (uint32_t)sizeof(struct dt_engine);
}

static int viewport_ok(double w, double h, double taskbar_h)
{
	return dt_within(w, DT_VIEW_MIN, DT_VIEW_MAX) && dt_within(h, DT_VIEW_MIN, DT_VIEW_MAX) &&
	       dt_within(taskbar_h, 0.0, h / 2);
}

int32_t dt_init(struct dt_engine *dt, double w, double h, double taskbar_h)
{
	if (!dt || !viewport_ok(w, h, taskbar_h))
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_memset(dt, 0, sizeof *dt);
	dt->magic = DT_ENGINE_MAGIC;
	dt->next_window = 1;
	dt->next_desktop = 1;
	dt->view_w = w;
	dt->view_h = h;
	dt->taskbar_h = taskbar_h;
	dt->active = (uint32_t)dt_desktop_create(dt, 0, 0);
	dt->void_selected = dt->active;
	dt->void_cam = dt_void_fit(dt);
	dt->generation = 0;
	return ZOS_OK;
}

int32_t dt_viewport(struct dt_engine *dt, double w, double h, double taskbar_h)
{
	if (!dt_engine_ok(dt) || !viewport_ok(w, h, taskbar_h))
		return ZOS_ERR_INVALID_ARGUMENT;
	dt->view_w = w;
	dt->view_h = h;
	dt->taskbar_h = taskbar_h;
	if (dt->mode == DT_MODE_VOID) {
		dt->void_cam = dt_void_fit(dt);
		dt->generation++;
	}
	return ZOS_OK;
}

int32_t dt_events(struct dt_engine *dt, void *buf, uint32_t cap)
{
	uint32_t n;

	if (!dt_engine_ok(dt) || (cap > 0 && (!buf || (uintptr_t)buf % 4 != 0)))
		return ZOS_ERR_INVALID_ARGUMENT;
	n = cap / (uint32_t)sizeof(struct dt_event);
	n = n < dt->nevents ? n : dt->nevents;
	zos_memcpy(buf, dt->events, n * sizeof(struct dt_event));
	zos_memmove(&dt->events[0], &dt->events[n], (dt->nevents - n) * sizeof(struct dt_event));
	dt->nevents -= n;
	zos_memset(&dt->events[dt->nevents], 0, n * sizeof(struct dt_event));
	return (int32_t)n;
}

uint32_t dt_mode(const struct dt_engine *dt)
{
	return dt_engine_ok(dt) ? dt->mode : 0;
}

uint32_t dt_active_desktop(const struct dt_engine *dt)
{
	return dt_engine_ok(dt) ? dt->active : 0;
}

uint32_t dt_focused_window(const struct dt_engine *dt)
{
	return dt_engine_ok(dt) ? dt->focused : 0;
}

uint32_t dt_generation(const struct dt_engine *dt)
{
	return dt_engine_ok(dt) ? dt->generation : 0;
}

uint32_t dt_input_window(const struct dt_engine *dt)
{
	return dt_engine_ok(dt) ? dt->input_window : 0;
}

/* ---- the view's camera by hand ------------------------------------------ */

static int screen_ok(double v)
{
	return dt_within(v, -DT_SCREEN_MAX, DT_SCREEN_MAX);
}

int32_t dt_pan(struct dt_engine *dt, double dx, double dy, double now)
{
	struct dt_camera *c;

	if (!dt_engine_ok(dt) || !screen_ok(dx) || !screen_ok(dy) || !dt_time_ok(now))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (dt->mode == DT_MODE_VOID) {
		c = &dt->void_cam;
	} else {
		dt_anim_cut(dt, now);
		c = &dt_desk_find(dt, dt->active)->cam;
	}
	c->x = dt_clamp(c->x + dx / c->zoom, -DT_COORD_MAX, DT_COORD_MAX);
	c->y = dt_clamp(c->y + dy / c->zoom, -DT_COORD_MAX, DT_COORD_MAX);
	dt->generation++;
	return ZOS_OK;
}

int32_t dt_zoom_at(struct dt_engine *dt, double x, double y, double factor, double now)
{
	struct dt_camera *c;

	if (!dt_engine_ok(dt) || !screen_ok(x) || !screen_ok(y) || !dt_time_ok(now) ||
	    !dt_within(factor, 1.0 / DT_FACTOR_MAX, DT_FACTOR_MAX))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (dt->mode == DT_MODE_VOID) {
		dt->void_cam =
			dt_zoom_camera(dt->void_cam, x, y, factor, DT_VOID_ZOOM_MIN, DT_VOID_ZOOM_MAX);
	} else {
		dt_anim_cut(dt, now);
		c = &dt_desk_find(dt, dt->active)->cam;
		*c = dt_zoom_camera(*c, x, y, factor, DT_ZOOM_MIN, DT_ZOOM_MAX);
	}
	dt->generation++;
	return ZOS_OK;
}
