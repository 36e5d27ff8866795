/*
 * Desktops: create, rename, delete (never the last; its windows move to a
 * neighbour), switch (with a crossfade), and set a desktop's camera. The
 * desktops' order is the order of desks[]: the void lays their tiles out
 * in it, left to right, and Ctrl+Left/Right walks it.
 */
#include "lib/fmt.h"
#include "lib/mem.h"
#include <zos/error.h>

#include "desktop/engine.h"

int32_t dt_desktop_create(struct dt_engine *dt, const char *name, uint32_t len)
{
	struct dt_desktop *d;

	if (!dt_engine_ok(dt) || !dt_text_ok(name, len, 0, DT_NAME_MAX))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (dt->ndesk >= DT_MAX_DESKTOPS || dt->next_desktop >= DT_ID_MAX)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	d = &dt->desks[dt->ndesk++];
	*d = (struct dt_desktop){ .id = dt->next_desktop++, .cam = { 0.0, 0.0, 1.0 } };
	if (len > 0) {
		zos_memcpy(d->name, name, len);
		d->name_len = (uint8_t)len;
	} else {
		d->name_len = (uint8_t)zos_snprintf(d->name, DT_NAME_MAX, "Desktop %u", dt->ndesk);
	}
	dt->generation++;
	return (int32_t)d->id;
}

int32_t dt_desktop_rename(struct dt_engine *dt, uint32_t id, const char *name, uint32_t len)
{
	struct dt_desktop *d;

	if (!dt_engine_ok(dt) || !dt_text_ok(name, len, 1, DT_NAME_MAX))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!(d = dt_desk_find(dt, id)))
		return ZOS_ERR_NOT_FOUND;
	zos_memset(d->name, 0, DT_NAME_MAX);
	zos_memcpy(d->name, name, len);
	d->name_len = (uint8_t)len;
	dt->generation++;
	return ZOS_OK;
}

/* Desktop index i leaves desks[]; everything that named it names nb. */
static void remove_desk(struct dt_engine *dt, uint32_t i, uint32_t nb)
{
	uint32_t id = dt->desks[i].id;

	for (uint32_t z = 0; z < dt->nwin; z++) {
		struct dt_window *w = &dt->wins[dt->order[z]];
		if (w->desktop == id)
			w->desktop = nb;
	}
	zos_memmove(&dt->desks[i], &dt->desks[i + 1], (dt->ndesk - 1 - i) * sizeof dt->desks[0]);
	dt->ndesk--;
	zos_memset(&dt->desks[dt->ndesk], 0, sizeof dt->desks[0]);
	if (dt->void_selected == id)
		dt->void_selected = nb;
	if (dt->anim.desktop == id)
		dt->anim = (struct dt_anim){ 0 };
	if (dt->fade.from == id)
		dt->fade.from = 0;
	dt->drag = (struct dt_drag){ 0 };
}

int32_t dt_desktop_delete(struct dt_engine *dt, uint32_t id, double now)
{
	int i;
	uint32_t nb;

	if (!dt_engine_ok(dt) || !dt_time_ok(now))
		return ZOS_ERR_INVALID_ARGUMENT;
	if ((i = dt_desk_index(dt, id)) < 0)
		return ZOS_ERR_NOT_FOUND;
	if (dt->ndesk == 1)
		return ZOS_ERR_INVALID_ARGUMENT;
	nb = dt->desks[i > 0 ? i - 1 : 1].id;
	remove_desk(dt, (uint32_t)i, nb);
	dt->generation++;
	dt_event(dt, DT_EV_DESKTOP_DELETED, 0, id, nb);
	if (dt->active == id)
		dt_activate(dt, nb, now);
	return (int32_t)nb;
}

int32_t dt_desktop_switch(struct dt_engine *dt, uint32_t id, double now)
{
	if (!dt_engine_ok(dt) || !dt_time_ok(now))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!dt_desk_get(dt, id))
		return ZOS_ERR_NOT_FOUND;
	if (dt->mode == DT_MODE_VOID)
		dt_void_close(dt, id, now);
	else
		dt_activate(dt, id, now);
	return ZOS_OK;
}

int32_t dt_desktop_set_camera(struct dt_engine *dt, uint32_t id, double x, double y, double zoom)
{
	struct dt_camera c = { x, y, zoom };
	struct dt_desktop *d;

	if (!dt_engine_ok(dt) || !dt_camera_ok(&c, DT_ZOOM_MIN, DT_ZOOM_MAX))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!(d = dt_desk_find(dt, id)))
		return ZOS_ERR_NOT_FOUND;
	if (dt->anim.desktop == id)
		dt->anim = (struct dt_anim){ 0 };
	if (dt->drag.kind == DT_DRAG_PAN && id == dt->active)
		dt->drag = (struct dt_drag){ 0 };
	d->cam = c;
	dt->generation++;
	return ZOS_OK;
}
