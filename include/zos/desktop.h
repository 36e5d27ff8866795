/*
 * The desktop engine's ABI: what the engine (desktop/) and a front end
 * (web/, through desktop.wasm) must agree on. Every number is written here
 * once; tools/desktop/gen_desktop_ts.c writes web/src/generated/desktop.ts
 * from these lists, and tests/desktop/test_desktop_ts.c checks the
 * TypeScript offsets against the compiler's offsetof.
 *
 * - Integer constants are X-lists (X(NAME, value)) made into enums here and
 *   into `export const` lines by the generator.
 * - Real constants (lengths in window units or screen pixels, durations in
 *   milliseconds, zoom limits) are #defines, each named in DT_REALS.
 * - The frame a front end reads each animation frame is one buffer: a
 *   header, then window records, then desktop records, then the text they
 *   point into (offsets from the frame's start). Records have fixed sizes,
 *   no padding, u32 fields first and f64 fields 8-aligned, so a front end
 *   reads them through Uint32Array and Float64Array views (native byte
 *   order: little-endian on wasm32 and x86_64). Layouts are X-lists
 *   X(type, name) turned into structs here; the static asserts below hold
 *   them to the rule.
 *
 * Coordinates: "world" (window units) is each desktop's own plane; "screen"
 * is CSS pixels from the viewport's top-left. A camera (x, y, zoom) shows
 * the world point (x, y) at the screen's top-left: screen = (world - camera)
 * * zoom. docs/desktop.md has the model.
 */
#ifndef ZOS_DESKTOP_H
#define ZOS_DESKTOP_H

#include <stdint.h>

/* ---- limits and integer constants -------------------------------------- */

#define DT_LIMITS(X)                                                             \
	X(MAX_WINDOWS, 256)      /* windows over all desktops */                 \
	X(MAX_DESKTOPS, 32)                                                      \
	X(TITLE_MAX, 256)        /* bytes of UTF-8 in a window title */          \
	X(APP_MAX, 64)           /* bytes in a window's app name */              \
	X(NAME_MAX, 64)          /* bytes in a desktop name */                   \
	X(EVENT_MAX, 64)         /* events queued before the oldest is dropped */ \
	X(ID_MAX, 2147483647)    /* ids count up from 1 and stay below this */    \
	X(FRAME_MAGIC, 0x52464458) /* "XDFR": a frame's first word */            \
	X(FRAME_VERSION, 1)                                                      \
	X(SNAPSHOT_MAGIC, 0x4E534458) /* "XDSN" */                               \
	X(SNAPSHOT_VERSION, 1)

/* The view: desktop (one desktop's windows) or the void (all desktops). */
#define DT_MODES(X) X(MODE_DESKTOP, 0) X(MODE_VOID, 1)

/* Window types: a standard window has a title bar with three buttons and
 * resize edges; a widget is bare content (moved with Alt+drag, resized at
 * its edges), never minimized or maximized. */
#define DT_WINDOW_TYPES(X) X(WINDOW_STANDARD, 0) X(WINDOW_WIDGET, 1)

/* A window record's flags. */
#define DT_WINDOW_FLAGS(X)                                                        \
	X(WF_LIVE, 1)        /* draw its surface at x, y, w, h with alpha */      \
	X(WF_THUMB, 2)       /* draw its thumbnail in the void at thumb_* */      \
	X(WF_FOCUSED, 4)                                                          \
	X(WF_MINIMIZED, 8)                                                        \
	X(WF_MAXIMIZED, 16)                                                       \
	X(WF_WIDGET, 32)                                                          \
	X(WF_ACTIVE_DESKTOP, 64) /* on the active desktop */                      \
	X(WF_DRAGGED, 128)   /* being moved or resized by the pointer */

/* A desktop record's flags. */
#define DT_DESKTOP_FLAGS(X) \
	X(DF_ACTIVE, 1) X(DF_SELECTED, 2) /* the void's selection */ X(DF_TILE, 4) /* tile drawn */

/* The frame header's flags. */
#define DT_FRAME_FLAGS(X)                                                    \
	X(FF_ANIMATING, 1) /* a fade or camera move runs: ask for another frame */ \
	X(FF_FADING, 2) X(FF_CAMERA_MOVE, 4) X(FF_DRAGGING, 8)

/* Crossfades: a desktop switch, into the void, out of it. */
#define DT_FADES(X) X(FADE_NONE, 0) X(FADE_SWITCH, 1) X(FADE_TO_VOID, 2) X(FADE_FROM_VOID, 3)

/* What a screen point is over. RESIZE_* are RESIZE_BASE plus edge bits
 * (1 north, 2 south, 4 west, 8 east). */
#define DT_HITS(X)                                                           \
	X(HIT_NONE, 0) X(HIT_CONTENT, 1) X(HIT_TITLE, 2) X(HIT_CLOSE, 3)     \
	X(HIT_MAXIMIZE, 4) X(HIT_MINIMIZE, 5) X(HIT_TILE, 6) X(HIT_THUMB, 7) \
	X(HIT_RESIZE_BASE, 16) X(HIT_RESIZE_N, 17) X(HIT_RESIZE_S, 18)       \
	X(HIT_RESIZE_W, 20) X(HIT_RESIZE_E, 24) X(HIT_RESIZE_NW, 21)         \
	X(HIT_RESIZE_NE, 25) X(HIT_RESIZE_SW, 22) X(HIT_RESIZE_SE, 26)

#define DT_EDGE_N 1
#define DT_EDGE_S 2
#define DT_EDGE_W 4
#define DT_EDGE_E 8

/* The pointer's state (the drag state machine; docs/desktop.md). */
#define DT_DRAGS(X)                                                            \
	X(DRAG_NONE, 0) X(DRAG_MOVE, 1) X(DRAG_RESIZE, 2) X(DRAG_PAN, 3)       \
	X(DRAG_VOID, 4) /* in the void: a click or, once moved, a pan */       \
	X(DRAG_BUTTON, 5) /* a title-bar button held: acts on release over it */ \
	X(DRAG_FORWARD, 6) /* pressed on content: events go to that window */

/* The cursor a front end shows (X(NAME, value, CSS name)). */
#define DT_CURSORS(X)                                                        \
	X(CURSOR_DEFAULT, 0, "default") X(CURSOR_POINTER, 1, "pointer")      \
	X(CURSOR_MOVE, 2, "move") X(CURSOR_GRABBING, 3, "grabbing")          \
	X(CURSOR_NS, 4, "ns-resize") X(CURSOR_EW, 5, "ew-resize")            \
	X(CURSOR_NWSE, 6, "nwse-resize") X(CURSOR_NESW, 7, "nesw-resize")

/* What an input call did (errors are negative, include/zos/error.h). */
#define DT_INPUTS(X)                                                         \
	X(IN_IGNORED, 0)  /* not the desktop's: the page may use it */        \
	X(IN_HANDLED, 1)  /* the engine used it */                            \
	X(IN_FORWARD, 2)  /* it belongs to window dt_input_window(): pass it on */

/* Keys the engine knows (X(NAME, value, KeyboardEvent.code)); anything else
 * is KEY_OTHER and ignored. */
#define DT_KEYS(X)                                                              \
	X(KEY_OTHER, 0, "") X(KEY_ENTER, 1, "Enter") X(KEY_ESCAPE, 2, "Escape")  \
	X(KEY_LEFT, 3, "ArrowLeft") X(KEY_RIGHT, 4, "ArrowRight")               \
	X(KEY_UP, 5, "ArrowUp") X(KEY_DOWN, 6, "ArrowDown")                     \
	X(KEY_BACKQUOTE, 7, "Backquote") X(KEY_F3, 8, "F3") X(KEY_W, 9, "KeyW") \
	X(KEY_NUMPAD_ENTER, 10, "NumpadEnter")
#define DT_KEY_COUNT 11

#define DT_MODS(X) X(MOD_SHIFT, 1) X(MOD_CTRL, 2) X(MOD_ALT, 4) X(MOD_META, 8)
#define DT_MOD_ALL 15

/* Pointer buttons, numbered as the DOM numbers them. */
#define DT_BUTTONS(X) X(BUTTON_PRIMARY, 0) X(BUTTON_MIDDLE, 1) X(BUTTON_SECONDARY, 2)

/* Events, drained with dt_events(). */
#define DT_EVENTS(X)                                                         \
	X(EV_CLOSED, 1)          /* window closed (its process should end) */ \
	X(EV_FOCUS, 2)           /* focus moved to window (0: none) */        \
	X(EV_DESKTOP, 3)         /* the active desktop changed */             \
	X(EV_MODE, 4)            /* the view mode changed (arg: the mode) */  \
	X(EV_DESKTOP_DELETED, 5) /* desktop deleted (arg: where its windows went) */

/* ---- real constants ---------------------------------------------------- */

#define DT_COORD_MAX 1e12        /* |world coordinate| (cameras, windows) */
#define DT_SIZE_MAX 1e5          /* a window's width or height, window units */
#define DT_STANDARD_MIN_W 160.0  /* the smallest min size of a standard window */
#define DT_STANDARD_MIN_H 80.0
#define DT_WIDGET_MIN 16.0       /* ... of a widget, both sides */
#define DT_VIEW_MIN 64.0         /* viewport sides, screen px */
#define DT_VIEW_MAX 1e5
#define DT_SCREEN_MAX 1e7        /* |pointer coordinate| accepted, screen px */
#define DT_TIME_MAX 1e15         /* the caller's clock, ms, from 0 */
#define DT_ZOOM_MIN 0.1          /* a desktop camera's zoom */
#define DT_ZOOM_MAX 4.0
#define DT_VOID_ZOOM_MIN 0.005   /* the void camera's zoom */
#define DT_VOID_ZOOM_MAX 1.0
#define DT_FACTOR_MAX 100.0      /* a zoom factor lies in [1/this, this] */
#define DT_WHEEL_MAX 1e4         /* |wheel delta|, px */
#define DT_WHEEL_ZOOM 0.0015     /* Ctrl+wheel: zoom per px of delta */
#define DT_TITLE_H 32.0          /* title bar height, window units */
#define DT_BUTTON_W 40.0         /* a title-bar button's width, window units */
#define DT_EDGE_PX 5.0           /* a resize band reaches this far in and out, px */
#define DT_CORNER_PX 16.0        /* a corner's reach along each edge, px */
#define DT_CASCADE_MARGIN 48.0   /* first cascade slot from the view's corner, px */
#define DT_CASCADE_STEP 32.0     /* each next one further by, px */
#define DT_CASCADE_SLOTS 8
#define DT_VOID_GAP 0.08         /* gap between void tiles, in tile widths */
#define DT_VOID_MARGIN 48.0      /* px around the tiles when the void is fitted */
#define DT_GOTO_FILL 0.9         /* a window moved to fills at most this much */
#define DT_FADE_MS 250.0         /* crossfades */
#define DT_CAMERA_MS 300.0       /* the camera's move to a window */
#define DT_DOUBLE_MS 400.0       /* two clicks this close make a double-click */
#define DT_CLICK_PX 5.0          /* a press that moves less is a click */

#define DT_REALS(X)                                                                  \
	X(COORD_MAX) X(SIZE_MAX) X(STANDARD_MIN_W) X(STANDARD_MIN_H) X(WIDGET_MIN)   \
	X(VIEW_MIN) X(VIEW_MAX) X(SCREEN_MAX) X(TIME_MAX) X(ZOOM_MIN) X(ZOOM_MAX)    \
	X(VOID_ZOOM_MIN) X(VOID_ZOOM_MAX) X(FACTOR_MAX) X(WHEEL_MAX) X(WHEEL_ZOOM)   \
	X(TITLE_H) X(BUTTON_W) X(EDGE_PX) X(CORNER_PX) X(CASCADE_MARGIN)             \
	X(CASCADE_STEP) X(CASCADE_SLOTS) X(VOID_GAP) X(VOID_MARGIN) X(GOTO_FILL)     \
	X(FADE_MS) X(CAMERA_MS) X(DOUBLE_MS) X(CLICK_PX)

/* ---- record layouts ---------------------------------------------------- */

/* The frame's header. Counts, sizes and offsets say where the rest is. */
#define DT_FRAME_HEADER_FIELDS(X)                                            \
	X(u32, magic) X(u32, version) X(u32, size) /* bytes of the whole frame */ \
	X(u32, header_size)                                                  \
	X(u32, window_offset) X(u32, window_count) X(u32, window_size)       \
	X(u32, desktop_offset) X(u32, desktop_count) X(u32, desktop_size)    \
	X(u32, text_offset) X(u32, text_size)                                \
	X(u32, mode) X(u32, flags) X(u32, active_desktop)                    \
	X(u32, focused_window) /* 0: none */                                 \
	X(u32, void_selected) X(u32, cursor) X(u32, drag) X(u32, generation) \
	X(u32, fade) /* DT_FADE_* running now */                             \
	X(u32, fade_from) /* the desktop fading out (switch, to the void) */ \
	X(f64, fade_progress) /* 0 .. 1 */                                   \
	X(f64, now) X(f64, view_w) X(f64, view_h) X(f64, taskbar_h)          \
	X(f64, desktop_alpha) /* the active desktop's windows */             \
	X(f64, void_alpha)    /* the void's tiles and thumbnails */          \
	X(f64, camera_x) X(f64, camera_y) X(f64, camera_zoom) /* active desktop, as shown */ \
	X(f64, void_x) X(f64, void_y) X(f64, void_zoom)

/* One per window, all desktops, bottom of the stack first (z = index).
 * Surface: x, y, w, h in screen px; the content is laid out at w/scale by
 * h/scale window units and scaled by `scale`. Thumbnails likewise, clipped
 * by the front end to their desktop's tile. */
#define DT_FRAME_WINDOW_FIELDS(X)                                            \
	X(u32, id) X(u32, desktop) X(u32, z) X(u32, flags)                   \
	X(u32, title_offset) X(u32, title_len) X(u32, app_offset) X(u32, app_len) \
	X(f64, x) X(f64, y) X(f64, w) X(f64, h) X(f64, scale) X(f64, alpha)  \
	X(f64, thumb_x) X(f64, thumb_y) X(f64, thumb_w) X(f64, thumb_h)      \
	X(f64, thumb_scale) X(f64, thumb_alpha)

/* One per desktop, in the desktops' order. The tile is where the void draws
 * it (screen px); the camera is the desktop's, as shown now. */
#define DT_FRAME_DESKTOP_FIELDS(X)                                           \
	X(u32, id) X(u32, flags) X(u32, index) X(u32, windows)               \
	X(u32, name_offset) X(u32, name_len)                                 \
	X(f64, x) X(f64, y) X(f64, w) X(f64, h) X(f64, alpha)                \
	X(f64, camera_x) X(f64, camera_y) X(f64, camera_zoom)

/* One event (dt_events). */
#define DT_EVENT_FIELDS(X) X(u32, kind) X(u32, window) X(u32, desktop) X(u32, arg)

/* ---- made into C ------------------------------------------------------- */

#define DT_X_ENUM(name, value) DT_##name = (value),
#define DT_X_ENUM3(name, value, text) DT_##name = (value),
enum {
	DT_LIMITS(DT_X_ENUM) DT_MODES(DT_X_ENUM) DT_WINDOW_TYPES(DT_X_ENUM)
	DT_WINDOW_FLAGS(DT_X_ENUM) DT_DESKTOP_FLAGS(DT_X_ENUM) DT_FRAME_FLAGS(DT_X_ENUM)
	DT_FADES(DT_X_ENUM) DT_HITS(DT_X_ENUM) DT_DRAGS(DT_X_ENUM) DT_CURSORS(DT_X_ENUM3)
	DT_INPUTS(DT_X_ENUM) DT_KEYS(DT_X_ENUM3) DT_MODS(DT_X_ENUM) DT_BUTTONS(DT_X_ENUM)
	DT_EVENTS(DT_X_ENUM)
};
#undef DT_X_ENUM
#undef DT_X_ENUM3

#define DT_TYPE_u32 uint32_t
#define DT_TYPE_f64 double
#define DT_X_FIELD(type, name) DT_TYPE_##type name;
#define DT_X_FIELD_SIZE(type, name) +sizeof(DT_TYPE_##type)

struct dt_frame_header { DT_FRAME_HEADER_FIELDS(DT_X_FIELD) };
struct dt_frame_window { DT_FRAME_WINDOW_FIELDS(DT_X_FIELD) };
struct dt_frame_desktop { DT_FRAME_DESKTOP_FIELDS(DT_X_FIELD) };
struct dt_event { DT_EVENT_FIELDS(DT_X_FIELD) };

/* No padding anywhere, and every size a multiple of 8: records laid end to
 * end keep every f64 8-aligned. */
#define DT_ASSERT_RECORD(s, fields)                                               \
	_Static_assert(sizeof(struct s) == 0 fields(DT_X_FIELD_SIZE), #s " has padding"); \
	_Static_assert(sizeof(struct s) % 8 == 0, #s " is not a multiple of 8 bytes")
DT_ASSERT_RECORD(dt_frame_header, DT_FRAME_HEADER_FIELDS);
DT_ASSERT_RECORD(dt_frame_window, DT_FRAME_WINDOW_FIELDS);
DT_ASSERT_RECORD(dt_frame_desktop, DT_FRAME_DESKTOP_FIELDS);
DT_ASSERT_RECORD(dt_event, DT_EVENT_FIELDS);

/* The largest frame: every window and desktop, every text at its longest. */
#define DT_FRAME_MAX                                                                   \
	(sizeof(struct dt_frame_header) + DT_MAX_WINDOWS * sizeof(struct dt_frame_window) + \
	 DT_MAX_DESKTOPS * sizeof(struct dt_frame_desktop) +                               \
	 DT_MAX_WINDOWS * (DT_TITLE_MAX + DT_APP_MAX) + DT_MAX_DESKTOPS * DT_NAME_MAX)

/* The longest snapshot (desktop/snapshot.c has the layout): its fixed
 * part, then every desktop and window with every text at its longest. */
#define DT_SNAPSHOT_MAX                                                 \
	(61 + DT_MAX_DESKTOPS * (33 + DT_NAME_MAX) +                    \
	 DT_MAX_WINDOWS * (102 + DT_TITLE_MAX + DT_APP_MAX))

#endif
