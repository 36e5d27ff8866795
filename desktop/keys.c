/*
 * The keyboard shortcuts the engine owns. All but the void's own keys carry
 * a modifier, so a focused app gets every plain key:
 *
 *   Ctrl+` or F3         into the void, or back out of it
 *   Ctrl+Left/Right      the desktop before / after (in the void: select)
 *   Ctrl+Alt+Left/Right  the window before / after on this desktop (by id),
 *                        focused and moved to
 *   Ctrl+Alt+W           close the focused window
 *   in the void: Left/Right select, Enter enters, Escape returns
 *
 * Anything else is DT_IN_IGNORED (Ctrl+Alt+T, the terminal, is the front
 * end's: the engine does not start processes).
 */
#include <zos/error.h>

#include "desktop/engine.h"

/* The desktop dir (-1, +1) steps from id, staying at the ends. */
static uint32_t desk_step(const struct dt_engine *dt, uint32_t id, int dir)
{
	int i = dt_desk_index(dt, id) + dir;

	i = i < 0 ? 0 : i >= (int)dt->ndesk ? (int)dt->ndesk - 1 : i;
	return dt->desks[i].id;
}

/* The window after (dir +1) or before (-1) the focused one among the active
 * desktop's standard windows, by id, round the ends; 0 if there is none. */
static uint32_t window_step(const struct dt_engine *dt, int dir)
{
	uint32_t f = dt->focused, best = 0, wrap = 0;

	for (uint32_t z = 0; z < dt->nwin; z++) {
		const struct dt_window *w = dt_window_at(dt, z);
		uint32_t id = w->id;
		if (w->desktop != dt->active || w->type != DT_WINDOW_STANDARD || id == f)
			continue;
		if (dir > 0 ? id > f && (!best || id < best) : (id < f || !f) && (!best || id > best))
			best = id;
		if (dir > 0 ? !wrap || id < wrap : !wrap || id > wrap)
			wrap = id;
	}
	return best ? best : wrap;
}

static int32_t void_key(struct dt_engine *dt, uint32_t key, double now)
{
	switch (key) {
	case DT_KEY_ENTER:
	case DT_KEY_NUMPAD_ENTER:
		dt_void_close(dt, dt->void_selected, now);
		return DT_IN_HANDLED;
	case DT_KEY_ESCAPE:
		dt_void_close(dt, dt->active, now);
		return DT_IN_HANDLED;
	case DT_KEY_LEFT:
	case DT_KEY_RIGHT:
		dt_void_select(dt, desk_step(dt, dt->void_selected, key == DT_KEY_LEFT ? -1 : 1));
		return DT_IN_HANDLED;
	default:
		return DT_IN_IGNORED;
	}
}

static int32_t ctrl_alt_key(struct dt_engine *dt, uint32_t key, double now)
{
	uint32_t id;

	if (key == DT_KEY_W) {
		if (dt->focused)
			dt_close_window(dt, dt->focused);
		return DT_IN_HANDLED;
	}
	if (key != DT_KEY_LEFT && key != DT_KEY_RIGHT)
		return DT_IN_IGNORED;
	if (dt->mode == DT_MODE_DESKTOP && (id = window_step(dt, key == DT_KEY_LEFT ? -1 : 1)) != 0)
		dt_window_goto(dt, id, now);
	return DT_IN_HANDLED;
}

int32_t dt_key(struct dt_engine *dt, uint32_t key, uint32_t mods, double now)
{
	int dir = key == DT_KEY_LEFT ? -1 : 1;

	if (!dt_engine_ok(dt) || key >= DT_KEY_COUNT || (mods & ~(uint32_t)DT_MOD_ALL) != 0 ||
	    !dt_time_ok(now))
		return ZOS_ERR_INVALID_ARGUMENT;
	if ((key == DT_KEY_F3 && (mods & ~(uint32_t)DT_MOD_SHIFT) == 0) ||
	    (key == DT_KEY_BACKQUOTE && mods == DT_MOD_CTRL)) {
		if (dt->mode == DT_MODE_VOID)
			dt_void_close(dt, dt->active, now);
		else
			dt_void_open(dt, now);
		return DT_IN_HANDLED;
	}
	if (mods == (DT_MOD_CTRL | DT_MOD_ALT))
		return ctrl_alt_key(dt, key, now);
	if (mods == DT_MOD_CTRL && (key == DT_KEY_LEFT || key == DT_KEY_RIGHT)) {
		if (dt->mode == DT_MODE_VOID)
			dt_void_select(dt, desk_step(dt, dt->void_selected, dir));
		else
			dt_activate(dt, desk_step(dt, dt->active, dir), now);
		return DT_IN_HANDLED;
	}
	return mods == 0 && dt->mode == DT_MODE_VOID ? void_key(dt, key, now) : DT_IN_IGNORED;
}
