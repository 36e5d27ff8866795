/*
 * The void: every desktop at once, as tiles side by side on one canvas, in
 * the desktops' order, under a camera of its own. A tile is the size of the
 * visible area and shows its desktop as that desktop's camera shows it, so
 * entering a desktop from its tile changes nothing but the scale. Entering
 * the void fits its camera to all the tiles; leaving it (Escape, or
 * entering a tile) crossfades back to a desktop.
 */
#include <zos/error.h>

#include "desktop/engine.h"

struct dt_rect dt_void_tile(const struct dt_engine *dt, uint32_t i)
{
	struct dt_rect a = dt_work_area(dt);

	return (struct dt_rect){ i * a.w * (1.0 + DT_VOID_GAP), 0.0, a.w, a.h };
}

struct dt_rect dt_void_tile_screen(const struct dt_engine *dt, uint32_t i)
{
	struct dt_rect t = dt_void_tile(dt, i);
	struct dt_camera c = dt->void_cam;

	return (struct dt_rect){ (t.x - c.x) * c.zoom, (t.y - c.y) * c.zoom, t.w * c.zoom,
				 t.h * c.zoom };
}

struct dt_rect dt_void_map(const struct dt_engine *dt, uint32_t i, struct dt_rect r,
			   double *scale)
{
	struct dt_rect t = dt_void_tile(dt, i);
	struct dt_camera c = dt->void_cam;

	*scale *= c.zoom;
	return (struct dt_rect){ (t.x - c.x + r.x) * c.zoom, (t.y - c.y + r.y) * c.zoom,
				 r.w * c.zoom, r.h * c.zoom };
}

struct dt_camera dt_void_fit(const struct dt_engine *dt)
{
	struct dt_rect a = dt_work_area(dt), last = dt_void_tile(dt, dt->ndesk - 1);
	double w = last.x + last.w, h = last.h;
	double aw = a.w - 2 * DT_VOID_MARGIN, ah = a.h - 2 * DT_VOID_MARGIN, z;

	aw = aw < a.w / 2 ? a.w / 2 : aw;
	ah = ah < a.h / 2 ? a.h / 2 : ah;
	z = dt_clamp(aw / w < ah / h ? aw / w : ah / h, DT_VOID_ZOOM_MIN, DT_VOID_ZOOM_MAX);
	return (struct dt_camera){ (w - a.w / z) / 2, (h - a.h / z) / 2, z };
}

void dt_void_open(struct dt_engine *dt, double now)
{
	dt->mode = DT_MODE_VOID;
	dt->void_cam = dt_void_fit(dt);
	dt->void_selected = dt->active;
	dt->drag = (struct dt_drag){ 0 };
	dt_fade_start(dt, DT_FADE_TO_VOID, dt->active, now);
	dt->generation++;
	dt_event(dt, DT_EV_MODE, 0, dt->active, DT_MODE_VOID);
}

/* dt_activate runs while the mode is still the void, so it starts no
 * switch fade of its own: the one fade is out of the void. */
void dt_void_close(struct dt_engine *dt, uint32_t desktop, double now)
{
	dt_activate(dt, desktop, now);
	dt->mode = DT_MODE_DESKTOP;
	dt->drag = (struct dt_drag){ 0 };
	dt_fade_start(dt, DT_FADE_FROM_VOID, 0, now);
	dt->generation++;
	dt_event(dt, DT_EV_MODE, 0, desktop, DT_MODE_DESKTOP);
}

int32_t dt_void_enter(struct dt_engine *dt, double now)
{
	if (!dt_engine_ok(dt) || !dt_time_ok(now))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (dt->mode != DT_MODE_VOID)
		dt_void_open(dt, now);
	return ZOS_OK;
}

int32_t dt_void_leave(struct dt_engine *dt, double now)
{
	if (!dt_engine_ok(dt) || !dt_time_ok(now))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (dt->mode == DT_MODE_VOID)
		dt_void_close(dt, dt->active, now);
	return ZOS_OK;
}

int32_t dt_void_select(struct dt_engine *dt, uint32_t desktop)
{
	if (!dt_engine_ok(dt))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!dt_desk_get(dt, desktop))
		return ZOS_ERR_NOT_FOUND;
	if (dt->void_selected != desktop) {
		dt->void_selected = desktop;
		dt->generation++;
	}
	return ZOS_OK;
}
