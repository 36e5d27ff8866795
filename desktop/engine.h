/*
 * The desktop engine's state, in one struct, and the helpers its files
 * share. Only the files of desktop/ (and the engine's tests) include this; a front
 * end sees desktop/desktop.h and the frames of include/zos/desktop.h.
 *
 * State (what a snapshot holds): the desktops in their order, each with its
 * camera; the windows in slots with the stacking order beside them; the
 * active desktop, the focused window, the view mode and the void's camera
 * and selection; the id counters. Transient (never in a snapshot): the
 * viewport, the running crossfade and camera move, the pointer's drag, the
 * last click, the hover cursor and the event queue.
 *
 * Invariants (dt_check tests every one; DT_BROKEN_* names them):
 *  - 1..DT_MAX_DESKTOPS desktops, ids distinct, nonzero, below next_desktop;
 *  - every live window (id != 0) has a distinct id below next_window, names
 *    a desktop that exists, and has a valid rect within its valid limits;
 *  - order[0..nwin) holds each live slot exactly once (z = index: distinct);
 *  - the active desktop exists; the focused window is 0 or a live,
 *    unminimized window on the active desktop; the void's selection exists;
 *  - every camera is finite, within DT_COORD_MAX, its zoom within its range;
 *  - a drag that names a window names a live one.
 *
 * Every public call checks all of its arguments before it changes anything
 * (decide, then apply), so a call that returns an error leaves the struct
 * byte for byte as it was.
 */
#ifndef ZOS_DESKTOP_ENGINE_H
#define ZOS_DESKTOP_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include <zos/desktop.h>

#include "desktop/desktop.h"

#define DT_ENGINE_MAGIC 0x44544B31u /* set by dt_init: an engine, not zeros */

/* Window state bits (a snapshot stores them as they are). */
#define DT_WS_MINIMIZED 1u
#define DT_WS_MAXIMIZED 2u

struct dt_camera {
	double x, y; /* the world point shown at the screen's top-left */
	double zoom; /* screen px per window unit */
};

struct dt_rect {
	double x, y, w, h;
};

struct dt_window {
	uint32_t id;        /* 0: a free slot */
	uint32_t desktop;   /* the desktop it is on */
	uint8_t type;       /* DT_WINDOW_* */
	uint8_t state;      /* DT_WS_* */
	uint8_t has_cam;    /* cam below is remembered */
	uint8_t app_len;
	uint16_t title_len;
	struct dt_rect r;   /* world rect of the frame (kept while maximized) */
	double min_w, min_h, max_w, max_h;
	struct dt_camera cam; /* the desktop's camera when it last lost focus */
	char title[DT_TITLE_MAX];
	char app[DT_APP_MAX];
};

struct dt_desktop {
	uint32_t id;
	uint32_t cascade;   /* windows placed by cascade so far */
	uint8_t name_len;
	struct dt_camera cam; /* where a running camera move ends, if one runs */
	char name[DT_NAME_MAX];
};

struct dt_fade {
	uint32_t kind;      /* DT_FADE_* */
	uint32_t from;      /* the desktop fading out (SWITCH, TO_VOID) */
	double start;       /* ms */
};

struct dt_anim {
	uint32_t desktop;   /* 0: no camera move runs */
	struct dt_camera from;
	double start;
};

struct dt_drag {
	uint32_t kind;      /* DT_DRAG_* */
	uint32_t window;    /* MOVE, RESIZE, BUTTON, FORWARD */
	uint32_t hit;       /* RESIZE: the edges; BUTTON: which; VOID: what was hit */
	uint32_t target;    /* VOID: the desktop pressed on (0: none) */
	uint32_t button;    /* the button that began it (only its release ends it) */
	double px, py;      /* the pointer where the drag began */
	double moved;       /* the farthest it has gone from there (px, per axis) */
	struct dt_rect r;   /* the window's rect then */
	struct dt_camera cam; /* the camera then (desktop's, or the void's) */
};

struct dt_click {
	double t, x, y;     /* the last click: time and place */
	uint32_t hit;       /* its region */
	uint32_t target;    /* its window or desktop */
};

struct dt_engine {
	uint32_t magic;
	uint32_t mode;          /* DT_MODE_* */
	uint32_t active;        /* the active desktop's id */
	uint32_t focused;       /* a window id, or 0 */
	uint32_t next_window;   /* the next window id to give */
	uint32_t next_desktop;
	uint32_t generation;    /* counts changes a snapshot would show */
	uint32_t ndesk;
	uint32_t nwin;
	uint32_t void_selected; /* the desktop the void has selected */
	struct dt_camera void_cam;
	struct dt_desktop desks[DT_MAX_DESKTOPS]; /* [0, ndesk) in order */
	struct dt_window wins[DT_MAX_WINDOWS];    /* slots */
	uint16_t order[DT_MAX_WINDOWS];           /* slots, bottom first */
	/* transient */
	double view_w, view_h, taskbar_h;
	struct dt_fade fade;
	struct dt_anim anim;
	struct dt_drag drag;
	struct dt_click click;
	uint32_t cursor;        /* DT_CURSOR_*, from the last pointer call */
	uint32_t input_window;  /* the window the last IN_FORWARD named */
	uint32_t nevents;
	uint32_t events_dropped;
	struct dt_event events[DT_EVENT_MAX];
};

/* ---- numbers (geom.c) --------------------------------------------------- */

int dt_finite(double v);
/* v finite and within [lo, hi]. */
int dt_within(double v, double lo, double hi);
double dt_clamp(double v, double lo, double hi);
int dt_time_ok(double now);
int dt_camera_ok(const struct dt_camera *c, double zmin, double zmax);
/* 1 - (1 - p)^3 for p in [0, 1]. */
double dt_ease_out(double p);
/* How far a fade or move begun at start has got by now, 0 .. 1. */
double dt_progress(double start, double now, double duration);
/* The visible area (the viewport less the taskbar) in screen px. */
struct dt_rect dt_work_area(const struct dt_engine *dt);
/* The camera's zoom scaled by f, clamped to [zmin, zmax], the world point
 * under screen (x, y) kept where it is. */
struct dt_camera dt_zoom_camera(struct dt_camera c, double x, double y, double f, double zmin,
				double zmax);
struct dt_camera dt_camera_clamp(struct dt_camera c, double zmin, double zmax);

/* ---- lookups and small changes (state.c) ------------------------------- */

int dt_engine_ok(const struct dt_engine *dt);
struct dt_window *dt_window_find(struct dt_engine *dt, uint32_t id);
const struct dt_window *dt_window_get(const struct dt_engine *dt, uint32_t id);
/* The index of desktop id in desks[], or -1. */
int dt_desk_index(const struct dt_engine *dt, uint32_t id);
struct dt_desktop *dt_desk_find(struct dt_engine *dt, uint32_t id);
const struct dt_desktop *dt_desk_get(const struct dt_engine *dt, uint32_t id);
/* The window at stacking position z (0: bottom). */
const struct dt_window *dt_window_at(const struct dt_engine *dt, uint32_t z);
void dt_event(struct dt_engine *dt, uint32_t kind, uint32_t window, uint32_t desktop,
	      uint32_t arg);
/* Moves window slot s to the top of the stack. */
void dt_raise_slot(struct dt_engine *dt, uint32_t s);
/* Focus to window id (0: none); the window losing it remembers the camera. */
void dt_set_focus(struct dt_engine *dt, uint32_t id);
/* The topmost unminimized window on the active desktop, or 0. */
uint32_t dt_top_window(const struct dt_engine *dt);
/* Focus to the top window when the focused one can no longer hold it. */
void dt_refocus(struct dt_engine *dt);
/* Starts a crossfade. */
void dt_fade_start(struct dt_engine *dt, uint32_t kind, uint32_t from, double now);
/* Makes desktop id active (it exists) with a crossfade from the old one. */
void dt_activate(struct dt_engine *dt, uint32_t id, double now);

/* ---- text (text.c) ------------------------------------------------------ */

/* s[0..len) is UTF-8 (shortest forms, no surrogates) with no control
 * characters, at most max bytes, and at least min. */
int dt_text_ok(const char *s, uint32_t len, uint32_t min, uint32_t max);

/* ---- windows (window.c) ------------------------------------------------- */

int dt_limits_ok(uint32_t type, double min_w, double min_h, double max_w, double max_h);
int dt_rect_ok(const struct dt_window *w, const struct dt_rect *r);
/* Where window w is shown in desktop view under camera c: its screen rect,
 * and the scale of its content. */
struct dt_rect dt_window_screen(const struct dt_engine *dt, const struct dt_window *w,
				struct dt_camera c, double *scale);
/* Focuses and raises window id, which is live (and on the active desktop). */
void dt_focus_raise(struct dt_engine *dt, uint32_t id);
/* Closes a live window (no argument checks). */
void dt_close_window(struct dt_engine *dt, uint32_t id);
void dt_minimize_window(struct dt_engine *dt, struct dt_window *w);
void dt_toggle_maximize(struct dt_engine *dt, struct dt_window *w);

/* ---- cameras and animation (camera.c) ---------------------------------- */

/* Desktop d's camera as shown at time now (a camera move interpolated). */
struct dt_camera dt_desk_camera_at(const struct dt_engine *dt, const struct dt_desktop *d,
				   double now);
/* Ends a running camera move where it is at time now. */
void dt_anim_cut(struct dt_engine *dt, double now);
/* Moves desktop d's camera to target over DT_CAMERA_MS from now. */
void dt_anim_to(struct dt_engine *dt, struct dt_desktop *d, struct dt_camera target, double now);
/* The camera that shows window w: its remembered one while w is in view
 * there, else one centred on it. */
struct dt_camera dt_goto_camera(const struct dt_engine *dt, const struct dt_desktop *d,
				const struct dt_window *w);

/* ---- the void (void.c) -------------------------------------------------- */

/* Desktop index i's tile in void world units. */
struct dt_rect dt_void_tile(const struct dt_engine *dt, uint32_t i);
/* The tile on screen under the void camera. */
struct dt_rect dt_void_tile_screen(const struct dt_engine *dt, uint32_t i);
/* A rect of desktop index i's screen (as its camera shows it) inside its
 * tile on screen; *scale multiplied by the void's zoom. */
struct dt_rect dt_void_map(const struct dt_engine *dt, uint32_t i, struct dt_rect r,
			   double *scale);
/* The void camera that shows every tile. */
struct dt_camera dt_void_fit(const struct dt_engine *dt);
void dt_void_open(struct dt_engine *dt, double now);
void dt_void_close(struct dt_engine *dt, uint32_t desktop, double now);

/* ---- hit testing (hit.c) ------------------------------------------------ */

struct dt_hit {
	uint32_t region;  /* DT_HIT_* */
	uint32_t window;  /* the window hit, or 0 */
	uint32_t desktop; /* the void's tile hit, or 0 */
};

struct dt_hit dt_hit_at(const struct dt_engine *dt, double x, double y, double now);
uint32_t dt_cursor_of(uint32_t region);

/* ---- invariants (check.c) ----------------------------------------------- */

#define DT_BROKEN_LIST(X)                                                          \
	X(NONE, "no invariant broken") X(ENGINE, "not an initialised engine")      \
	X(DESKTOPS, "desktop count or ids") X(DESK_CAMERA, "a desktop camera")     \
	X(DESK_NAME, "a desktop name") X(WINDOW_ID, "window ids")                  \
	X(WINDOW_DESKTOP, "a window on no desktop") X(WINDOW_RECT, "a window rect or limits") \
	X(WINDOW_TEXT, "a window title or app") X(WINDOW_STATE, "a window state or type") \
	X(ORDER, "the stacking order") X(ACTIVE, "the active desktop")             \
	X(FOCUS, "the focused window") X(VOID, "the void's selection or camera")   \
	X(MODE, "the view mode") X(DRAG, "the drag names no window")               \
	X(ANIM, "the camera move")

enum {
#define DT_X_BROKEN(name, text) DT_BROKEN_##name,
	DT_BROKEN_LIST(DT_X_BROKEN)
#undef DT_X_BROKEN
};

const char *dt_broken_name(int code);

#endif
