/*
 * The desktop tests' helpers (util.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desktop/util.h"

static _Alignas(8) uint8_t frame_buf[DT_FRAME_MAX];
static uint8_t *saved;

struct dt_engine *dtu_new(void)
{
	struct dt_engine *dt = malloc(dt_engine_size());

	if (!dt || dt_init(dt, DTU_W, DTU_H, DTU_TASKBAR) != 0) {
		fprintf(stderr, "dtu_new: no engine\n");
		exit(1);
	}
	return dt;
}

void dtu_free(struct dt_engine *dt)
{
	free(dt);
}

const struct dt_frame_header *dtu_frame(const struct dt_engine *dt, double now)
{
	int32_t n = dt_frame(dt, now, frame_buf, sizeof frame_buf);

	if (n < 0) {
		fprintf(stderr, "dtu_frame: %d\n", n);
		exit(1);
	}
	return (const struct dt_frame_header *)frame_buf;
}

const struct dt_frame_window *dtu_frame_window(const struct dt_frame_header *h, uint32_t id)
{
	const struct dt_frame_window *w =
		(const void *)((const uint8_t *)h + h->window_offset);

	for (uint32_t i = 0; i < h->window_count; i++)
		if (w[i].id == id)
			return &w[i];
	return 0;
}

const struct dt_frame_desktop *dtu_frame_desktop(const struct dt_frame_header *h, uint32_t id)
{
	const struct dt_frame_desktop *d =
		(const void *)((const uint8_t *)h + h->desktop_offset);

	for (uint32_t i = 0; i < h->desktop_count; i++)
		if (d[i].id == id)
			return &d[i];
	return 0;
}

uint32_t dtu_window(struct dt_engine *dt, const char *title)
{
	int32_t id = dt_window_create(dt, 0, DT_WINDOW_STANDARD, 400, 300, title,
				      (uint32_t)strlen(title), "terminal", 8);

	if (id <= 0) {
		fprintf(stderr, "dtu_window: %d\n", id);
		exit(1);
	}
	return (uint32_t)id;
}

void dtu_click(struct dt_engine *dt, double x, double y, uint32_t mods, double now)
{
	dt_pointer_down(dt, x, y, DT_BUTTON_PRIMARY, mods, now);
	dt_pointer_up(dt, x, y, DT_BUTTON_PRIMARY, mods, now + 1);
}

void dtu_drag(struct dt_engine *dt, double x0, double y0, double x1, double y1, double now)
{
	dt_pointer_down(dt, x0, y0, DT_BUTTON_PRIMARY, 0, now);
	dt_pointer_move(dt, (x0 + x1) / 2, (y0 + y1) / 2, 0, now + 8);
	dt_pointer_move(dt, x1, y1, 0, now + 16);
	dt_pointer_up(dt, x1, y1, DT_BUTTON_PRIMARY, 0, now + 24);
}

void dtu_save(const struct dt_engine *dt)
{
	if (!saved)
		saved = malloc(dt_engine_size());
	memcpy(saved, dt, dt_engine_size());
}

int dtu_same(const struct dt_engine *dt)
{
	return memcmp(saved, dt, dt_engine_size()) == 0;
}

int dtu_near(double a, double b, double eps)
{
	return a - b <= eps && b - a <= eps;
}
