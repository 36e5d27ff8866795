/*
 * The engine's bookkeeping: finding windows and desktops by id, the
 * stacking order, focus, the event queue, and the crossfade that a change
 * of active desktop starts. Nothing here checks a caller's arguments: the
 * public calls (window.c, desk.c, ...) have done so before they call in.
 */
#include "lib/mem.h"
#include "desktop/engine.h"

int dt_engine_ok(const struct dt_engine *dt)
{
	return dt && dt->magic == DT_ENGINE_MAGIC;
}

const struct dt_window *dt_window_get(const struct dt_engine *dt, uint32_t id)
{
	if (id == 0)
		return 0;
	for (uint32_t z = 0; z < dt->nwin; z++)
		if (dt->wins[dt->order[z]].id == id)
			return &dt->wins[dt->order[z]];
	return 0;
}

struct dt_window *dt_window_find(struct dt_engine *dt, uint32_t id)
{
	return (struct dt_window *)(uintptr_t)dt_window_get(dt, id);
}

int dt_desk_index(const struct dt_engine *dt, uint32_t id)
{
	for (uint32_t i = 0; i < dt->ndesk; i++)
		if (id != 0 && dt->desks[i].id == id)
			return (int)i;
	return -1;
}

const struct dt_desktop *dt_desk_get(const struct dt_engine *dt, uint32_t id)
{
	int i = dt_desk_index(dt, id);

	return i < 0 ? 0 : &dt->desks[i];
}

struct dt_desktop *dt_desk_find(struct dt_engine *dt, uint32_t id)
{
	return (struct dt_desktop *)(uintptr_t)dt_desk_get(dt, id);
}

const struct dt_window *dt_window_at(const struct dt_engine *dt, uint32_t z)
{
	return &dt->wins[dt->order[z]];
}

/* A full queue drops its oldest event: a front end that fell behind reads
 * the state from the next frame anyway. */
void dt_event(struct dt_engine *dt, uint32_t kind, uint32_t window, uint32_t desktop,
	      uint32_t arg)
{
	if (dt->nevents == DT_EVENT_MAX) {
		zos_memmove(&dt->events[0], &dt->events[1],
			    (DT_EVENT_MAX - 1) * sizeof dt->events[0]);
		dt->nevents--;
		dt->events_dropped++;
	}
	dt->events[dt->nevents++] = (struct dt_event){ kind, window, desktop, arg };
}

void dt_raise_slot(struct dt_engine *dt, uint32_t s)
{
	uint32_t z = 0;

	while (z < dt->nwin && dt->order[z] != s)
		z++;
	if (z >= dt->nwin || z == dt->nwin - 1)
		return;
	zos_memmove(&dt->order[z], &dt->order[z + 1], (dt->nwin - 1 - z) * sizeof dt->order[0]);
	dt->order[dt->nwin - 1] = (uint16_t)s;
	dt->generation++;
}

void dt_set_focus(struct dt_engine *dt, uint32_t id)
{
	struct dt_window *old = dt_window_find(dt, dt->focused);
	const struct dt_desktop *d;

	if (dt->focused == id)
		return;
	if (old && (d = dt_desk_get(dt, old->desktop)) != 0) {
		old->cam = d->cam;
		old->has_cam = 1;
	}
	dt->focused = id;
	dt->generation++;
	dt_event(dt, DT_EV_FOCUS, id, dt->active, 0);
}

uint32_t dt_top_window(const struct dt_engine *dt)
{
	for (uint32_t z = dt->nwin; z-- > 0;) {
		const struct dt_window *w = dt_window_at(dt, z);
		if (w->desktop == dt->active && !(w->state & DT_WS_MINIMIZED))
			return w->id;
	}
	return 0;
}

void dt_refocus(struct dt_engine *dt)
{
	const struct dt_window *f = dt_window_get(dt, dt->focused);

	if (!f || f->desktop != dt->active || (f->state & DT_WS_MINIMIZED))
		dt_set_focus(dt, dt_top_window(dt));
}

void dt_fade_start(struct dt_engine *dt, uint32_t kind, uint32_t from, double now)
{
	dt->fade = (struct dt_fade){ kind, from, now };
}

void dt_activate(struct dt_engine *dt, uint32_t id, double now)
{
	uint32_t from = dt->active;

	if (from == id)
		return;
	dt->active = id;
	dt->drag = (struct dt_drag){ 0 }; /* a drag belongs to the desktop it began on */
	dt->generation++;
	if (dt->mode == DT_MODE_DESKTOP)
		dt_fade_start(dt, DT_FADE_SWITCH, from, now);
	dt_event(dt, DT_EV_DESKTOP, 0, id, 0);
	dt_refocus(dt);
}
