/*
 * Cameras in motion: the eased move of a desktop's camera to a window
 * (dt_window_goto), and where it stands at a given time. A desktop's
 * stored camera is always where it is going; while a move runs, anim
 * holds where it came from and when it set out, and the camera shown at
 * time t is between the two on the ease-out curve. Anything that moves a
 * camera by hand (pan, zoom, a drag) first cuts the move where it stands,
 * so the view never jumps.
 */
#include "desktop/engine.h"

static struct dt_camera lerp(struct dt_camera a, struct dt_camera b, double e)
{
	return (struct dt_camera){ a.x + (b.x - a.x) * e, a.y + (b.y - a.y) * e,
				   a.zoom + (b.zoom - a.zoom) * e };
}

struct dt_camera dt_desk_camera_at(const struct dt_engine *dt, const struct dt_desktop *d,
				   double now)
{
	double p;

	if (dt->anim.desktop != d->id)
		return d->cam;
	p = dt_progress(dt->anim.start, now, DT_CAMERA_MS);
	if (p >= 1.0)
		return d->cam;
	return dt_camera_clamp(lerp(dt->anim.from, d->cam, dt_ease_out(p)), DT_ZOOM_MIN, DT_ZOOM_MAX);
}

void dt_anim_cut(struct dt_engine *dt, double now)
{
	struct dt_desktop *d = dt_desk_find(dt, dt->anim.desktop);

	if (d)
		d->cam = dt_desk_camera_at(dt, d, now);
	dt->anim = (struct dt_anim){ 0 };
}

void dt_anim_to(struct dt_engine *dt, struct dt_desktop *d, struct dt_camera target, double now)
{
	struct dt_camera from = dt_desk_camera_at(dt, d, now);

	if (dt->anim.desktop && dt->anim.desktop != d->id)
		dt_anim_cut(dt, now);
	if (from.x == target.x && from.y == target.y && from.zoom == target.zoom) {
		dt->anim = (struct dt_anim){ 0 };
		d->cam = target;
		return;
	}
	dt->anim = (struct dt_anim){ d->id, from, now };
	d->cam = target;
	dt->generation++;
}

/* r (world) lies wholly inside what camera c shows of the work area a. */
static int in_view(struct dt_rect r, struct dt_camera c, struct dt_rect a)
{
	return r.x >= c.x && r.y >= c.y && r.x + r.w <= c.x + a.w / c.zoom &&
	       r.y + r.h <= c.y + a.h / c.zoom;
}

struct dt_camera dt_goto_camera(const struct dt_engine *dt, const struct dt_desktop *d,
				const struct dt_window *w)
{
	struct dt_rect a = dt_work_area(dt);
	double z = d->cam.zoom;
	struct dt_camera c;

	if (w->has_cam && in_view(w->r, w->cam, a))
		return w->cam;
	if (w->r.w * z > a.w * DT_GOTO_FILL || w->r.h * z > a.h * DT_GOTO_FILL) {
		double zw = a.w * DT_GOTO_FILL / w->r.w, zh = a.h * DT_GOTO_FILL / w->r.h;
		z = dt_clamp(zw < zh ? zw : zh, DT_ZOOM_MIN, DT_ZOOM_MAX);
	}
	c.zoom = z;
	c.x = w->r.x + (w->r.w - a.w / z) / 2;
	c.y = w->r.y + (w->r.h - a.h / z) / 2;
	return dt_camera_clamp(c, DT_ZOOM_MIN, DT_ZOOM_MAX);
}
