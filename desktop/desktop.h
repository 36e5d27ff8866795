/*
 * The desktop engine's interface: windows, desktops, the void, cameras and
 * pointer/keyboard input, and the frames and snapshots that come out.
 * Pure C with no libc: built for wasm32 (desktop.wasm, which exports every
 * DT_API function) and natively for the tests. The numbers (limits,
 * flags, keys, record layouts) are in include/zos/desktop.h;
 * docs/desktop.md has the model.
 *
 * Conventions of every call:
 *  - It checks all of its arguments first; an error leaves the engine as it
 *    was. Errors (include/zos/error.h): INVALID_ARGUMENT (no engine, NaN,
 *    infinity, out of range, bad text, an operation the window's type or
 *    state does not allow), NOT_FOUND (no such window or desktop),
 *    RESOURCE_EXHAUSTED (a table full), BUFFER_TOO_SMALL, CORRUPT (a
 *    snapshot that does not decode).
 *  - Results are int32_t: >= 0 is success (an id, a count, a byte length,
 *    a DT_IN_* code), < 0 an error. Ids are 1 .. DT_ID_MAX-1, never reused.
 *  - `now` is the caller's clock in ms (finite, 0 .. DT_TIME_MAX). The
 *    engine has no clock: crossfades and camera moves are functions of the
 *    times passed to it, so a test replays them exactly.
 *  - Strings are (pointer, byte length) UTF-8 without control characters;
 *    the pointer may be 0 when the length is 0.
 */
#ifndef ZOS_DESKTOP_DESKTOP_H
#define ZOS_DESKTOP_DESKTOP_H

#include <stddef.h>
#include <stdint.h>
#include <zos/desktop.h>

/* What desktop.wasm exports (the build hides everything else). */
#define DT_API __attribute__((visibility("default")))

struct dt_engine;

/* Bytes a struct dt_engine takes (its memory is the caller's). */
DT_API uint32_t dt_engine_size(void);
/* Makes mem an engine with one desktop, "Desktop 1", for a viewport of w by
 * h px whose bottom taskbar_h px the taskbar covers. */
DT_API int32_t dt_init(struct dt_engine *dt, double w, double h, double taskbar_h);
/* The viewport changed. Maximized windows follow it. */
DT_API int32_t dt_viewport(struct dt_engine *dt, double w, double h, double taskbar_h);

/* ---- windows ------------------------------------------------------------ */

/* A window of w by h window units on desktop (0: the active one), placed by
 * cascade in the desktop's view, on top; focused when on the active
 * desktop. Returns its id. Sizes lie within the type's default limits
 * (DT_STANDARD_MIN_W/H or DT_WIDGET_MIN up to DT_SIZE_MAX). */
DT_API int32_t dt_window_create(struct dt_engine *dt, uint32_t desktop, uint32_t type, double w,
				double h, const char *title, uint32_t title_len, const char *app,
				uint32_t app_len);
/* Closes it (an EV_CLOSED event follows; focus goes to the next window). */
DT_API int32_t dt_window_close(struct dt_engine *dt, uint32_t id);
/* Focuses and raises it: restores it if minimized, switches to its desktop
 * (crossfade) or leaves the void if need be. */
DT_API int32_t dt_window_focus(struct dt_engine *dt, uint32_t id, double now);
/* dt_window_focus, and the desktop's camera moves to it (ease-out over
 * DT_CAMERA_MS): to the camera it had when the window last lost focus if
 * the window is wholly in view there, else centred on it. */
DT_API int32_t dt_window_goto(struct dt_engine *dt, uint32_t id, double now);
/* The frame's top-left to world (x, y); |x|, |y| <= DT_COORD_MAX. */
DT_API int32_t dt_window_move(struct dt_engine *dt, uint32_t id, double x, double y);
/* Position and size at once; the size within the window's limits. */
DT_API int32_t dt_window_set_rect(struct dt_engine *dt, uint32_t id, double x, double y, double w,
				  double h);
/* New limits (the type's floor <= min <= max <= DT_SIZE_MAX); the size is
 * clamped into them. */
DT_API int32_t dt_window_set_limits(struct dt_engine *dt, uint32_t id, double min_w,
				    double min_h, double max_w, double max_h);
/* Standard windows only. Restore undoes minimize first, then maximize. */
DT_API int32_t dt_window_minimize(struct dt_engine *dt, uint32_t id);
DT_API int32_t dt_window_maximize(struct dt_engine *dt, uint32_t id);
DT_API int32_t dt_window_restore(struct dt_engine *dt, uint32_t id);
DT_API int32_t dt_window_set_title(struct dt_engine *dt, uint32_t id, const char *title,
				   uint32_t len);
/* Moves it to another desktop (same world position, stays in the stack). */
DT_API int32_t dt_window_set_desktop(struct dt_engine *dt, uint32_t id, uint32_t desktop);

/* ---- desktops ----------------------------------------------------------- */

/* A new desktop after the others; an empty name gives "Desktop N". */
DT_API int32_t dt_desktop_create(struct dt_engine *dt, const char *name, uint32_t len);
DT_API int32_t dt_desktop_rename(struct dt_engine *dt, uint32_t id, const char *name,
				 uint32_t len);
/* Deletes it, never the last: its windows move to the desktop before it
 * (after it, for the first). Returns the id they went to. */
DT_API int32_t dt_desktop_delete(struct dt_engine *dt, uint32_t id, double now);
/* Makes it active with a crossfade (from the void: leaves the void). */
DT_API int32_t dt_desktop_switch(struct dt_engine *dt, uint32_t id, double now);
DT_API int32_t dt_desktop_set_camera(struct dt_engine *dt, uint32_t id, double x, double y,
				     double zoom);

/* ---- the view: the active desktop's camera, or the void's --------------- */

/* Pans by (dx, dy) screen px (the content moves by -dx, -dy). */
DT_API int32_t dt_pan(struct dt_engine *dt, double dx, double dy, double now);
/* Zooms by factor (1/DT_FACTOR_MAX .. DT_FACTOR_MAX) about screen (x, y);
 * the zoom is clamped to its range, the point under (x, y) stays. */
DT_API int32_t dt_zoom_at(struct dt_engine *dt, double x, double y, double factor, double now);
/* Into the void (all desktops under a fitted camera), with a crossfade. */
DT_API int32_t dt_void_enter(struct dt_engine *dt, double now);
/* Back out to the active desktop (Escape). */
DT_API int32_t dt_void_leave(struct dt_engine *dt, double now);
DT_API int32_t dt_void_select(struct dt_engine *dt, uint32_t desktop);

/* ---- input: a front end forwards the page's events ---------------------- */

/* Pointer at screen (x, y); button DT_BUTTON_*; mods DT_MOD_* bits.
 * Returns DT_IN_*: IN_FORWARD names dt_input_window(). */
DT_API int32_t dt_pointer_down(struct dt_engine *dt, double x, double y, uint32_t button,
			       uint32_t mods, double now);
DT_API int32_t dt_pointer_move(struct dt_engine *dt, double x, double y, uint32_t mods,
			       double now);
DT_API int32_t dt_pointer_up(struct dt_engine *dt, double x, double y, uint32_t button,
			     uint32_t mods, double now);
/* The pointer went away mid-drag (pointercancel, blur): the drag ends
 * where it is. */
DT_API int32_t dt_pointer_cancel(struct dt_engine *dt);
/* Wheel deltas in px: pans, or with Ctrl zooms about (x, y); over a
 * window's content without Ctrl it is the window's (IN_FORWARD). */
DT_API int32_t dt_wheel(struct dt_engine *dt, double x, double y, double dx, double dy,
			uint32_t mods, double now);
/* A key press (DT_KEY_*): the shortcuts of docs/desktop.md. */
DT_API int32_t dt_key(struct dt_engine *dt, uint32_t key, uint32_t mods, double now);
DT_API uint32_t dt_input_window(const struct dt_engine *dt);
/* What screen (x, y) is over at time now: a DT_HIT_* code, the window (or,
 * in the void, the desktop) in *target. */
DT_API int32_t dt_hit_test(const struct dt_engine *dt, double x, double y, double now,
			   uint32_t *target);

/* ---- output ------------------------------------------------------------- */

/* The frame at time now into buf (8-aligned, cap bytes; DT_FRAME_MAX always
 * suffices). Returns its length. Changes nothing. */
DT_API int32_t dt_frame(const struct dt_engine *dt, double now, void *buf, uint32_t cap);
/* Moves up to cap / sizeof(struct dt_event) queued events, oldest first,
 * into buf (4-aligned). Returns how many. */
DT_API int32_t dt_events(struct dt_engine *dt, void *buf, uint32_t cap);
/* The state's canonical bytes (docs/desktop.md), running moves taken as
 * finished. Returns the length; with buf 0 and cap 0 just the length. */
DT_API int32_t dt_snapshot(const struct dt_engine *dt, void *buf, uint32_t cap);
/* Replaces the state with a snapshot's (the viewport stays). Checked whole
 * before anything changes: CORRUPT or INVALID_ARGUMENT leave it as it was.
 * snapshot -> restore -> snapshot gives the same bytes. */
DT_API int32_t dt_restore(struct dt_engine *dt, const void *buf, uint32_t len);
/* 0 when every invariant of desktop/engine.h holds, else the first broken
 * one's number (DT_BROKEN_*). */
DT_API int32_t dt_check(const struct dt_engine *dt);

DT_API uint32_t dt_mode(const struct dt_engine *dt);
DT_API uint32_t dt_active_desktop(const struct dt_engine *dt);
DT_API uint32_t dt_focused_window(const struct dt_engine *dt);
/* Counts every change a snapshot would show: persist when it moves. */
DT_API uint32_t dt_generation(const struct dt_engine *dt);

#endif
