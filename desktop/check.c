/*
 * The engine's invariants (desktop/engine.h), checked: dt_check returns the
 * first one broken, or 0. The tests and the fuzzer call it after every
 * step; nothing in the engine depends on it.
 */
#include <zos/error.h>

#include "desktop/engine.h"

const char *dt_broken_name(int code)
{
	static const char *const names[] = {
#define DT_X_BROKEN_NAME(name, text) text,
		DT_BROKEN_LIST(DT_X_BROKEN_NAME)
#undef DT_X_BROKEN_NAME
	};

	if (code < 0 || code >= (int)(sizeof names / sizeof names[0]))
		return "unknown";
	return names[code];
}

static int desktops_ok(const struct dt_engine *dt)
{
	if (dt->ndesk == 0 || dt->ndesk > DT_MAX_DESKTOPS)
		return DT_BROKEN_DESKTOPS;
	for (uint32_t i = 0; i < dt->ndesk; i++) {
		const struct dt_desktop *d = &dt->desks[i];
		if (d->id == 0 || d->id >= dt->next_desktop || dt_desk_index(dt, d->id) != (int)i)
			return DT_BROKEN_DESKTOPS;
		if (!dt_camera_ok(&d->cam, DT_ZOOM_MIN, DT_ZOOM_MAX))
			return DT_BROKEN_DESK_CAMERA;
		if (!dt_text_ok(d->name, d->name_len, 1, DT_NAME_MAX))
			return DT_BROKEN_DESK_NAME;
	}
	return DT_BROKEN_NONE;
}

static int window_ok(const struct dt_engine *dt, const struct dt_window *w)
{
	uint32_t states = w->type == DT_WINDOW_STANDARD ? DT_WS_MINIMIZED | DT_WS_MAXIMIZED : 0;

	if (w->id >= dt->next_window || dt_window_get(dt, w->id) != w)
		return DT_BROKEN_WINDOW_ID;
	if (!dt_desk_get(dt, w->desktop))
		return DT_BROKEN_WINDOW_DESKTOP;
	if (!dt_limits_ok(w->type, w->min_w, w->min_h, w->max_w, w->max_h) || !dt_rect_ok(w, &w->r))
		return DT_BROKEN_WINDOW_RECT;
	if (w->has_cam > 1 || (w->has_cam && !dt_camera_ok(&w->cam, DT_ZOOM_MIN, DT_ZOOM_MAX)))
		return DT_BROKEN_WINDOW_RECT;
	if (!dt_text_ok(w->title, w->title_len, 0, DT_TITLE_MAX) ||
	    !dt_text_ok(w->app, w->app_len, 0, DT_APP_MAX))
		return DT_BROKEN_WINDOW_TEXT;
	if (w->type > DT_WINDOW_WIDGET || (w->state & ~states) != 0)
		return DT_BROKEN_WINDOW_STATE;
	return DT_BROKEN_NONE;
}

/* order[0..nwin) is every live slot once: so each window has one distinct z. */
static int order_ok(const struct dt_engine *dt)
{
	uint8_t seen[DT_MAX_WINDOWS] = { 0 };
	uint32_t live = 0;

	if (dt->nwin > DT_MAX_WINDOWS)
		return DT_BROKEN_ORDER;
	for (uint32_t s = 0; s < DT_MAX_WINDOWS; s++)
		live += dt->wins[s].id != 0;
	if (live != dt->nwin)
		return DT_BROKEN_ORDER;
	for (uint32_t z = 0; z < dt->nwin; z++) {
		uint32_t s = dt->order[z];
		if (s >= DT_MAX_WINDOWS || seen[s] || dt->wins[s].id == 0)
			return DT_BROKEN_ORDER;
		seen[s] = 1;
	}
	return DT_BROKEN_NONE;
}

static int windows_ok(const struct dt_engine *dt)
{
	int rc = order_ok(dt);

	for (uint32_t z = 0; z < dt->nwin && rc == DT_BROKEN_NONE; z++)
		rc = window_ok(dt, dt_window_at(dt, z));
	return rc;
}

static int view_ok(const struct dt_engine *dt)
{
	const struct dt_window *f = dt_window_get(dt, dt->focused);
	const struct dt_drag *g = &dt->drag;

	if (!dt_desk_get(dt, dt->active))
		return DT_BROKEN_ACTIVE;
	if (dt->focused && (!f || f->desktop != dt->active || (f->state & DT_WS_MINIMIZED)))
		return DT_BROKEN_FOCUS;
	if (!dt_desk_get(dt, dt->void_selected) ||
	    !dt_camera_ok(&dt->void_cam, DT_VOID_ZOOM_MIN, DT_VOID_ZOOM_MAX))
		return DT_BROKEN_VOID;
	if (dt->mode > DT_MODE_VOID)
		return DT_BROKEN_MODE;
	if (g->window && !dt_window_get(dt, g->window))
		return DT_BROKEN_DRAG;
	if ((g->kind == DT_DRAG_MOVE || g->kind == DT_DRAG_RESIZE || g->kind == DT_DRAG_BUTTON ||
	     g->kind == DT_DRAG_FORWARD) && !g->window)
		return DT_BROKEN_DRAG;
	if (dt->anim.desktop && !dt_desk_get(dt, dt->anim.desktop))
		return DT_BROKEN_ANIM;
	return DT_BROKEN_NONE;
}

int32_t dt_check(const struct dt_engine *dt)
{
	int rc;

	if (!dt_engine_ok(dt))
		return DT_BROKEN_ENGINE;
	if ((rc = desktops_ok(dt)) != DT_BROKEN_NONE || (rc = windows_ok(dt)) != DT_BROKEN_NONE)
		return rc;
	return view_ok(dt);
}
