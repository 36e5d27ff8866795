/*
 * Snapshot and restore: the engine's state as canonical bytes (lib/bytes,
 * little-endian; doubles as their IEEE-754 bits), the same on every target.
 *
 *   u32 magic "XDSN", u32 version, u32 next window id, u32 next desktop id,
 *   u8 mode, u32 active desktop, u32 focused window (0: none),
 *   camera void (f64 x, y, zoom), u32 void selection,
 *   u32 desktops, each: u32 id, u32 cascade, camera, u8 name length, name
 *   u32 windows, bottom of the stack first, each: u32 id, u32 desktop,
 *     u8 type, u8 state, f64 x, y, w, h, f64 min w, min h, max w, max h,
 *     u8 has camera, [camera], u16 title length, title, u8 app length, app
 *
 * A running camera move is written as finished (a desktop's camera is
 * where it is going); the viewport, fades, the drag and queued events are
 * not state and are not written. Restore reads the bytes twice: first only
 * to check every field and cross-reference (decide), then to store them
 * (apply), so bytes it refuses leave the engine untouched. Every field is
 * stored as read and written as stored, so bytes restore accepts are
 * snapshot again unchanged.
 */
#include "lib/bytes.h"
#include "lib/mem.h"
#include <zos/error.h>

#include "desktop/engine.h"

static void put_f64(struct zos_wbuf *w, double v)
{
	uint64_t u;

	zos_memcpy(&u, &v, sizeof u);
	zos_put_u64(w, u);
}

static void put_cam(struct zos_wbuf *w, const struct dt_camera *c)
{
	put_f64(w, c->x);
	put_f64(w, c->y);
	put_f64(w, c->zoom);
}

static void put_window(struct zos_wbuf *b, const struct dt_window *w)
{
	zos_put_u32(b, w->id);
	zos_put_u32(b, w->desktop);
	zos_put_u8(b, w->type);
	zos_put_u8(b, w->state);
	put_f64(b, w->r.x), put_f64(b, w->r.y), put_f64(b, w->r.w), put_f64(b, w->r.h);
	put_f64(b, w->min_w), put_f64(b, w->min_h), put_f64(b, w->max_w), put_f64(b, w->max_h);
	zos_put_u8(b, w->has_cam);
	if (w->has_cam)
		put_cam(b, &w->cam);
	zos_put_u16(b, w->title_len);
	zos_put_bytes(b, w->title, w->title_len);
	zos_put_u8(b, w->app_len);
	zos_put_bytes(b, w->app, w->app_len);
}

static void put_all(struct zos_wbuf *b, const struct dt_engine *dt)
{
	zos_put_u32(b, DT_SNAPSHOT_MAGIC);
	zos_put_u32(b, DT_SNAPSHOT_VERSION);
	zos_put_u32(b, dt->next_window);
	zos_put_u32(b, dt->next_desktop);
	zos_put_u8(b, (uint8_t)dt->mode);
	zos_put_u32(b, dt->active);
	zos_put_u32(b, dt->focused);
	put_cam(b, &dt->void_cam);
	zos_put_u32(b, dt->void_selected);
	zos_put_u32(b, dt->ndesk);
	for (uint32_t i = 0; i < dt->ndesk; i++) {
		const struct dt_desktop *d = &dt->desks[i];
		zos_put_u32(b, d->id);
		zos_put_u32(b, d->cascade);
		put_cam(b, &d->cam);
		zos_put_u8(b, d->name_len);
		zos_put_bytes(b, d->name, d->name_len);
	}
	zos_put_u32(b, dt->nwin);
	for (uint32_t z = 0; z < dt->nwin; z++)
		put_window(b, dt_window_at(dt, z));
}

int32_t dt_snapshot(const struct dt_engine *dt, void *buf, uint32_t cap)
{
	struct zos_wbuf b;

	if (!dt_engine_ok(dt) || (cap > 0 && !buf))
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_wbuf_init(&b, buf, cap);
	put_all(&b, dt);
	if (buf == 0 && cap == 0)
		return (int32_t)b.len;
	return b.err ? ZOS_ERR_BUFFER_TOO_SMALL : (int32_t)b.len;
}

/* ---- restore ------------------------------------------------------------ */

/* One pass over the bytes. out is 0 on the checking pass; the applying pass
 * stores into it. bad counts what the checks refused. */
struct reader {
	struct zos_rbuf r;
	struct dt_engine *out;
	int bad;
	uint32_t next_window, next_desktop;
	uint32_t nd, desk_ids[DT_MAX_DESKTOPS];
	uint32_t nw, win_ids[DT_MAX_WINDOWS], win_desk[DT_MAX_WINDOWS];
	uint8_t win_state[DT_MAX_WINDOWS];
};

static double get_f64(struct reader *rd)
{
	uint64_t u = zos_get_u64(&rd->r);
	double v;

	zos_memcpy(&v, &u, sizeof v);
	return v;
}

static struct dt_camera get_cam(struct reader *rd, double zmin, double zmax)
{
	struct dt_camera c;

	c.x = get_f64(rd);
	c.y = get_f64(rd);
	c.zoom = get_f64(rd);
	rd->bad += !dt_camera_ok(&c, zmin, zmax);
	return c;
}

/* len bytes of text into dst (DT_TITLE_MAX bytes at least). */
static void get_text(struct reader *rd, char *dst, uint32_t len, uint32_t min, uint32_t max)
{
	if (len > max || len > zos_rbuf_left(&rd->r)) {
		rd->bad++;
		rd->r.err = ZOS_ERR_CORRUPT;
		return;
	}
	zos_get_bytes(&rd->r, dst, len);
	rd->bad += !dt_text_ok(dst, len, min, max);
}

static int known(const uint32_t *ids, uint32_t n, uint32_t id)
{
	for (uint32_t i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

static void get_desktop(struct reader *rd, uint32_t i)
{
	struct dt_desktop d = { 0 };

	d.id = zos_get_u32(&rd->r);
	d.cascade = zos_get_u32(&rd->r);
	d.cam = get_cam(rd, DT_ZOOM_MIN, DT_ZOOM_MAX);
	d.name_len = zos_get_u8(&rd->r);
	get_text(rd, d.name, d.name_len, 1, DT_NAME_MAX);
	rd->bad += d.id == 0 || d.id >= rd->next_desktop || known(rd->desk_ids, rd->nd, d.id);
	rd->desk_ids[rd->nd++] = d.id;
	if (rd->out)
		rd->out->desks[i] = d;
}

static void get_window_fields(struct reader *rd, struct dt_window *w)
{
	w->id = zos_get_u32(&rd->r);
	w->desktop = zos_get_u32(&rd->r);
	w->type = zos_get_u8(&rd->r);
	w->state = zos_get_u8(&rd->r);
	w->r.x = get_f64(rd), w->r.y = get_f64(rd), w->r.w = get_f64(rd), w->r.h = get_f64(rd);
	w->min_w = get_f64(rd), w->min_h = get_f64(rd);
	w->max_w = get_f64(rd), w->max_h = get_f64(rd);
	w->has_cam = zos_get_u8(&rd->r);
	if (w->has_cam)
		w->cam = get_cam(rd, DT_ZOOM_MIN, DT_ZOOM_MAX);
	w->title_len = zos_get_u16(&rd->r);
	get_text(rd, w->title, w->title_len, 0, DT_TITLE_MAX);
	w->app_len = zos_get_u8(&rd->r);
	get_text(rd, w->app, w->app_len, 0, DT_APP_MAX);
}

static void get_window(struct reader *rd, uint32_t z)
{
	struct dt_window w = { 0 };
	uint32_t states;

	get_window_fields(rd, &w);
	states = w.type == DT_WINDOW_STANDARD ? DT_WS_MINIMIZED | DT_WS_MAXIMIZED : 0;
	rd->bad += w.id == 0 || w.id >= rd->next_window || known(rd->win_ids, rd->nw, w.id);
	rd->bad += !known(rd->desk_ids, rd->nd, w.desktop);
	rd->bad += w.type > DT_WINDOW_WIDGET || (w.state & ~states) != 0 || w.has_cam > 1;
	rd->bad += !dt_limits_ok(w.type, w.min_w, w.min_h, w.max_w, w.max_h) || !dt_rect_ok(&w, &w.r);
	rd->win_ids[rd->nw] = w.id;
	rd->win_desk[rd->nw] = w.desktop;
	rd->win_state[rd->nw++] = w.state;
	if (rd->out) {
		rd->out->wins[z] = w;
		rd->out->order[z] = (uint16_t)z;
	}
}

/* The focused window: none, or an unminimized window on the active desktop. */
static int focus_ok(const struct reader *rd, uint32_t focused, uint32_t active)
{
	if (focused == 0)
		return 1;
	for (uint32_t i = 0; i < rd->nw; i++)
		if (rd->win_ids[i] == focused)
			return rd->win_desk[i] == active && !(rd->win_state[i] & DT_WS_MINIMIZED);
	return 0;
}

static void read_all(struct reader *rd)
{
	uint32_t magic = zos_get_u32(&rd->r), version = zos_get_u32(&rd->r), mode, active,
		 focused, selected, nd, nw;
	struct dt_camera vc;

	rd->next_window = zos_get_u32(&rd->r);
	rd->next_desktop = zos_get_u32(&rd->r);
	mode = zos_get_u8(&rd->r);
	active = zos_get_u32(&rd->r);
	focused = zos_get_u32(&rd->r);
	vc = get_cam(rd, DT_VOID_ZOOM_MIN, DT_VOID_ZOOM_MAX);
	selected = zos_get_u32(&rd->r);
	rd->bad += magic != DT_SNAPSHOT_MAGIC || version != DT_SNAPSHOT_VERSION || mode > DT_MODE_VOID;
	rd->bad += rd->next_window == 0 || rd->next_window > DT_ID_MAX;
	rd->bad += rd->next_desktop == 0 || rd->next_desktop > DT_ID_MAX;
	nd = zos_get_u32(&rd->r);
	if (nd == 0 || nd > DT_MAX_DESKTOPS || rd->bad || rd->r.err)
		goto refuse;
	for (uint32_t i = 0; i < nd && !rd->r.err; i++)
		get_desktop(rd, i);
	nw = zos_get_u32(&rd->r);
	if (nw > DT_MAX_WINDOWS)
		goto refuse;
	for (uint32_t z = 0; z < nw && !rd->r.err; z++)
		get_window(rd, z);
	rd->bad += !known(rd->desk_ids, rd->nd, active) || !known(rd->desk_ids, rd->nd, selected);
	rd->bad += !focus_ok(rd, focused, active) || zos_rbuf_left(&rd->r) != 0;
	if (rd->out) {
		struct dt_engine *dt = rd->out;
		dt->next_window = rd->next_window, dt->next_desktop = rd->next_desktop;
		dt->mode = mode, dt->active = active, dt->focused = focused;
		dt->void_cam = vc, dt->void_selected = selected;
		dt->ndesk = nd, dt->nwin = nw;
	}
	return;
refuse:
	rd->bad++;
}

/* Everything a snapshot replaces, and everything transient, cleared. */
static void clear_state(struct dt_engine *dt)
{
	zos_memset(dt->desks, 0, sizeof dt->desks);
	zos_memset(dt->wins, 0, sizeof dt->wins);
	zos_memset(dt->order, 0, sizeof dt->order);
	dt->fade = (struct dt_fade){ 0 };
	dt->anim = (struct dt_anim){ 0 };
	dt->drag = (struct dt_drag){ 0 };
	dt->click = (struct dt_click){ 0 };
	dt->cursor = DT_CURSOR_DEFAULT;
	dt->input_window = 0;
	dt->nevents = 0;
	zos_memset(dt->events, 0, sizeof dt->events);
}

int32_t dt_restore(struct dt_engine *dt, const void *buf, uint32_t len)
{
	struct reader rd; /* about 3 KB */

	if (!dt_engine_ok(dt) || (len > 0 && !buf))
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_memset(&rd, 0, sizeof rd);
	zos_rbuf_init(&rd.r, buf, len);
	read_all(&rd);
	if (rd.bad || rd.r.err)
		return ZOS_ERR_CORRUPT;
	clear_state(dt);
	zos_memset(&rd, 0, sizeof rd);
	zos_rbuf_init(&rd.r, buf, len);
	rd.out = dt;
	read_all(&rd);
	dt->generation++;
	return ZOS_OK;
}
