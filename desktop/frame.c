/*
 * The frame: everything a front end draws, at a given time, as one buffer
 * of fixed-size records (include/zos/desktop.h): the header, one record per
 * window (every desktop's, bottom of the stack first), one per desktop,
 * then the text the records point into. Building it changes nothing, so a
 * front end may build as many as it likes; the caller's time decides where
 * crossfades and camera moves stand.
 *
 * Layers: the active desktop's windows (alpha desktop_alpha), the windows
 * of the desktop fading out (a switch, or into the void), and the void's
 * tiles and thumbnails (void_alpha). A window is drawn live where its
 * desktop's layer shows, and as a thumbnail where the void shows.
 */
#include "lib/mem.h"
#include <zos/error.h>

#include "desktop/engine.h"

struct layers {
	uint32_t fade;      /* the running fade, DT_FADE_NONE once it is over */
	uint32_t from;      /* the desktop fading out, or 0 */
	double p;           /* the fade's progress */
	double active;      /* alpha of the active desktop's windows */
	double outgoing;    /* alpha of the from desktop's windows */
	double tiles;       /* alpha of the void */
};

static struct layers layers_at(const struct dt_engine *dt, double now)
{
	struct layers l = { DT_FADE_NONE, 0, 1.0, 1.0, 0.0, 0.0 };
	uint32_t k = dt->fade.kind;
	int in_void = dt->mode == DT_MODE_VOID;

	if (k != DT_FADE_NONE && (k == DT_FADE_TO_VOID) == in_void)
		l.p = dt_progress(dt->fade.start, now, DT_FADE_MS);
	if (l.p < 1.0)
		l.fade = k;
	if (in_void) {
		l.active = 0.0;
		l.tiles = l.fade ? l.p : 1.0;
	} else if (l.fade) {
		l.active = l.p;
		l.tiles = k == DT_FADE_FROM_VOID ? 1.0 - l.p : 0.0;
	}
	if (l.fade == DT_FADE_SWITCH || l.fade == DT_FADE_TO_VOID) {
		l.from = dt->fade.from;
		l.outgoing = 1.0 - l.p;
	}
	return l;
}

static uint32_t text_size(const struct dt_engine *dt)
{
	uint32_t n = 0;

	for (uint32_t z = 0; z < dt->nwin; z++)
		n += dt_window_at(dt, z)->title_len + dt_window_at(dt, z)->app_len;
	for (uint32_t i = 0; i < dt->ndesk; i++)
		n += dt->desks[i].name_len;
	return n;
}

/* Appends n bytes of text at *off; returns where they start. */
static uint32_t put_text(uint8_t *base, uint32_t *off, const char *s, uint32_t n)
{
	uint32_t at = *off;

	zos_memcpy(base + at, s, n);
	*off += n;
	return at;
}

static uint32_t window_flags(const struct dt_engine *dt, const struct dt_window *w)
{
	uint32_t f = 0;
	uint32_t k = dt->drag.kind;

	f |= w->id == dt->focused ? DT_WF_FOCUSED : 0;
	f |= (w->state & DT_WS_MINIMIZED) ? DT_WF_MINIMIZED : 0;
	f |= (w->state & DT_WS_MAXIMIZED) ? DT_WF_MAXIMIZED : 0;
	f |= w->type == DT_WINDOW_WIDGET ? DT_WF_WIDGET : 0;
	f |= w->desktop == dt->active ? DT_WF_ACTIVE_DESKTOP : 0;
	f |= dt->drag.window == w->id && (k == DT_DRAG_MOVE || k == DT_DRAG_RESIZE) ? DT_WF_DRAGGED
										     : 0;
	return f;
}

static void window_record(const struct dt_engine *dt, const struct dt_window *w,
			  const struct layers *l, double now, struct dt_frame_window *rec)
{
	int i = dt_desk_index(dt, w->desktop);
	double alpha = w->desktop == l->from ? l->outgoing : w->desktop == dt->active ? l->active : 0;
	double s;
	struct dt_camera c = dt_desk_camera_at(dt, &dt->desks[i], now);
	struct dt_rect r = dt_window_screen(dt, w, c, &s), t;

	rec->id = w->id;
	rec->desktop = w->desktop;
	rec->flags = window_flags(dt, w);
	rec->x = r.x, rec->y = r.y, rec->w = r.w, rec->h = r.h, rec->scale = s;
	rec->alpha = alpha;
	if (!(w->state & DT_WS_MINIMIZED) && alpha > 0)
		rec->flags |= DT_WF_LIVE;
	t = dt_void_map(dt, (uint32_t)i, r, &s);
	rec->thumb_x = t.x, rec->thumb_y = t.y, rec->thumb_w = t.w, rec->thumb_h = t.h;
	rec->thumb_scale = s;
	rec->thumb_alpha = l->tiles;
	if (!(w->state & DT_WS_MINIMIZED) && l->tiles > 0)
		rec->flags |= DT_WF_THUMB;
}

static void desktop_record(const struct dt_engine *dt, uint32_t i, const struct layers *l,
			   double now, struct dt_frame_desktop *rec)
{
	const struct dt_desktop *d = &dt->desks[i];
	struct dt_camera c = dt_desk_camera_at(dt, d, now);
	struct dt_rect t = dt_void_tile_screen(dt, i);

	rec->id = d->id;
	rec->index = i;
	rec->flags = (d->id == dt->active ? DT_DF_ACTIVE : 0) |
		     (d->id == dt->void_selected ? DT_DF_SELECTED : 0) | (l->tiles > 0 ? DT_DF_TILE : 0);
	for (uint32_t z = 0; z < dt->nwin; z++)
		rec->windows += dt_window_at(dt, z)->desktop == d->id;
	rec->x = t.x, rec->y = t.y, rec->w = t.w, rec->h = t.h;
	rec->alpha = l->tiles;
	rec->camera_x = c.x, rec->camera_y = c.y, rec->camera_zoom = c.zoom;
}

static uint32_t frame_cursor(const struct dt_engine *dt)
{
	const struct dt_drag *g = &dt->drag;

	if (g->kind == DT_DRAG_MOVE)
		return DT_CURSOR_MOVE;
	if (g->kind == DT_DRAG_RESIZE)
		return dt_cursor_of(DT_HIT_RESIZE_BASE | g->hit);
	if (g->kind == DT_DRAG_PAN || (g->kind == DT_DRAG_VOID && g->moved >= DT_CLICK_PX))
		return DT_CURSOR_GRABBING;
	return dt->cursor;
}

static void header(const struct dt_engine *dt, const struct layers *l, double now,
		   struct dt_frame_header *h)
{
	struct dt_camera c = dt_desk_camera_at(dt, dt_desk_get(dt, dt->active), now);
	int moving = dt->anim.desktop && dt_progress(dt->anim.start, now, DT_CAMERA_MS) < 1.0;
	uint32_t k = dt->drag.kind;

	h->magic = DT_FRAME_MAGIC;
	h->version = DT_FRAME_VERSION;
	h->mode = dt->mode;
	h->flags = (l->fade ? DT_FF_FADING : 0) | (moving ? DT_FF_CAMERA_MOVE : 0) |
		   (l->fade || moving ? DT_FF_ANIMATING : 0) |
		   (k == DT_DRAG_MOVE || k == DT_DRAG_RESIZE || k == DT_DRAG_PAN ? DT_FF_DRAGGING : 0);
	h->active_desktop = dt->active;
	h->focused_window = dt->focused;
	h->void_selected = dt->void_selected;
	h->cursor = frame_cursor(dt);
	h->drag = k;
	h->generation = dt->generation;
	h->fade = l->fade;
	h->fade_from = l->from;
	h->fade_progress = l->p;
	h->now = now;
	h->view_w = dt->view_w, h->view_h = dt->view_h, h->taskbar_h = dt->taskbar_h;
	h->desktop_alpha = l->active;
	h->void_alpha = l->tiles;
	h->camera_x = c.x, h->camera_y = c.y, h->camera_zoom = c.zoom;
	h->void_x = dt->void_cam.x, h->void_y = dt->void_cam.y, h->void_zoom = dt->void_cam.zoom;
}

int32_t dt_frame(const struct dt_engine *dt, double now, void *buf, uint32_t cap)
{
	const uint32_t hs = sizeof(struct dt_frame_header), ws = sizeof(struct dt_frame_window),
		       ds = sizeof(struct dt_frame_desktop);
	uint8_t *base = buf;
	struct dt_frame_header *h = buf;
	struct dt_frame_window *wr;
	struct dt_frame_desktop *dr;
	struct layers l;
	uint32_t size, text;

	if (!dt_engine_ok(dt) || !dt_time_ok(now) || !buf || (uintptr_t)buf % 8 != 0)
		return ZOS_ERR_INVALID_ARGUMENT;
	text = hs + dt->nwin * ws + dt->ndesk * ds;
	size = text + text_size(dt);
	if (cap < size)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	zos_memset(buf, 0, text);
	l = layers_at(dt, now);
	header(dt, &l, now, h);
	h->size = size;
	h->header_size = hs;
	h->window_offset = hs, h->window_count = dt->nwin, h->window_size = ws;
	h->desktop_offset = hs + dt->nwin * ws, h->desktop_count = dt->ndesk, h->desktop_size = ds;
	h->text_offset = text, h->text_size = size - text;
	wr = (struct dt_frame_window *)(base + hs);
	for (uint32_t z = 0; z < dt->nwin; z++) {
		const struct dt_window *w = dt_window_at(dt, z);
		window_record(dt, w, &l, now, &wr[z]);
		wr[z].z = z;
		wr[z].title_len = w->title_len;
		wr[z].title_offset = put_text(base, &text, w->title, w->title_len);
		wr[z].app_len = w->app_len;
		wr[z].app_offset = put_text(base, &text, w->app, w->app_len);
	}
	dr = (struct dt_frame_desktop *)(base + hs + dt->nwin * ws);
	for (uint32_t i = 0; i < dt->ndesk; i++) {
		desktop_record(dt, i, &l, now, &dr[i]);
		dr[i].name_len = dt->desks[i].name_len;
		dr[i].name_offset = put_text(base, &text, dt->desks[i].name, dt->desks[i].name_len);
	}
	return (int32_t)size;
}
