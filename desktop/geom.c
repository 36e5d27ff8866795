/*
 * Numbers for the desktop engine: finiteness and range checks, clamps, the
 * ease-out curve, and zooming a camera about a screen point.
 *
 * No libm (freestanding): finiteness is v - v == 0, which is false for NaN
 * and the infinities and true for every finite double. Screen positions
 * come from (world - camera) * zoom, the difference first, so a window at
 * 1e9 units keeps sub-pixel precision (a double near 1e9 resolves 1.2e-7).
 */
#include "desktop/engine.h"

int dt_finite(double v)
{
	return v - v == 0.0;
}

int dt_within(double v, double lo, double hi)
{
	return dt_finite(v) && v >= lo && v <= hi;
}

double dt_clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int dt_time_ok(double now)
{
	return dt_within(now, 0.0, DT_TIME_MAX);
}

int dt_camera_ok(const struct dt_camera *c, double zmin, double zmax)
{
	return dt_within(c->x, -DT_COORD_MAX, DT_COORD_MAX) &&
	       dt_within(c->y, -DT_COORD_MAX, DT_COORD_MAX) && dt_within(c->zoom, zmin, zmax);
}

double dt_ease_out(double p)
{
	double q = 1.0 - dt_clamp(p, 0.0, 1.0);

	return 1.0 - q * q * q;
}

double dt_progress(double start, double now, double duration)
{
	return dt_clamp((now - start) / duration, 0.0, 1.0);
}

struct dt_rect dt_work_area(const struct dt_engine *dt)
{
	return (struct dt_rect){ 0.0, 0.0, dt->view_w, dt->view_h - dt->taskbar_h };
}

struct dt_camera dt_camera_clamp(struct dt_camera c, double zmin, double zmax)
{
	c.x = dt_clamp(c.x, -DT_COORD_MAX, DT_COORD_MAX);
	c.y = dt_clamp(c.y, -DT_COORD_MAX, DT_COORD_MAX);
	c.zoom = dt_clamp(c.zoom, zmin, zmax);
	return c;
}

/* The world point under (x, y) is c + (x, y) / zoom before and after. */
struct dt_camera dt_zoom_camera(struct dt_camera c, double x, double y, double f, double zmin,
				double zmax)
{
	double z = dt_clamp(c.zoom * f, zmin, zmax);
	struct dt_camera n = { c.x + (x / c.zoom - x / z), c.y + (y / c.zoom - y / z), z };

	return dt_camera_clamp(n, zmin, zmax);
}
