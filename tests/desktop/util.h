/*
 * Helpers of the desktop engine's tests: a fresh engine (1280 x 800, a
 * 48 px taskbar), frames and their records by id, pointer gestures, and
 * "unchanged": a saved copy of the whole engine compared byte for byte, for
 * the rule that a call returning an error changes nothing.
 */
#ifndef ZOS_TESTS_DESKTOP_UTIL_H
#define ZOS_TESTS_DESKTOP_UTIL_H

#include <stdint.h>
#include <zos/desktop.h>

#include "desktop/engine.h"

#define DTU_W 1280.0
#define DTU_H 800.0
#define DTU_TASKBAR 48.0

struct dt_engine *dtu_new(void);
void dtu_free(struct dt_engine *dt);
/* The frame at now, in a buffer of the helper's (valid until the next call). */
const struct dt_frame_header *dtu_frame(const struct dt_engine *dt, double now);
const struct dt_frame_window *dtu_frame_window(const struct dt_frame_header *h, uint32_t id);
const struct dt_frame_desktop *dtu_frame_desktop(const struct dt_frame_header *h, uint32_t id);
/* A standard 400 x 300 window on the active desktop. */
uint32_t dtu_window(struct dt_engine *dt, const char *title);
/* Press and release at one point (a click). */
void dtu_click(struct dt_engine *dt, double x, double y, uint32_t mods, double now);
/* Press at (x0, y0), move to (x1, y1), release there. */
void dtu_drag(struct dt_engine *dt, double x0, double y0, double x1, double y1, double now);
void dtu_save(const struct dt_engine *dt);
int dtu_same(const struct dt_engine *dt);
/* |a - b| <= eps */
int dtu_near(double a, double b, double eps);

#endif
