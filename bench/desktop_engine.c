/*
 * desktop_engine: the desktop engine's calls with 50 windows open (the
 * engine-call figure of issue 14's `make bench`): building a frame, a hit
 * test, one step of a window drag, and a drag step followed by its frame
 * (what a front end asks of the engine on every animation frame while a
 * window is dragged). The aim is under 1 ms each; the baseline, timed in
 * the same rounds, is a memcpy of as many bytes as the frame holds, so the
 * ratio says how many copies of the frame a call costs.
 *
 * The desktop: 4 desktops, 50 standard windows on the active one (cascaded,
 * then spread over a 5 x 10 grid, titles of 24 bytes), zoom 1. The hit
 * test is aimed at the background, which tries every window (the longest
 * path); the drag moves the bottom window back and forth by its title.
 * Counts that do not move with the machine are printed under the table:
 * calls per figure and the records and bytes a frame holds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/desktop.h>
#include <zos/error.h>

#include "bench.h"
#include "desktop/desktop.h"

#define WINDOWS 50
#define DESKTOPS 4
#define AIM_NS 1e6

struct ctx {
	struct dt_engine *dt;
	_Alignas(8) uint8_t frame[DT_FRAME_MAX];
	uint8_t copy[DT_FRAME_MAX];
	uint32_t frame_len;
	uint32_t sink;
	double now;
	uint32_t step;
	double grab_x, grab_y;
};

static void frame_runs(void *p, uint64_t iters)
{
	struct ctx *c = p;

	for (uint64_t i = 0; i < iters; i++)
		c->sink += (uint32_t)dt_frame(c->dt, c->now, c->frame, sizeof c->frame);
}

static void hit_runs(void *p, uint64_t iters)
{
	struct ctx *c = p;
	uint32_t target;

	for (uint64_t i = 0; i < iters; i++)
		c->sink += (uint32_t)dt_hit_test(c->dt, 1270, 20 + (double)(i & 7), c->now, &target);
}

/* One pointer move of the drag: the window goes 0..63 px right and back. */
static void drag_step(struct ctx *c)
{
	double d = (double)(c->step++ & 63);

	c->sink += (uint32_t)dt_pointer_move(c->dt, c->grab_x + d, c->grab_y + d / 2, 0, c->now);
}

static void drag_runs(void *p, uint64_t iters)
{
	struct ctx *c = p;

	for (uint64_t i = 0; i < iters; i++)
		drag_step(c);
}

static void drag_frame_runs(void *p, uint64_t iters)
{
	struct ctx *c = p;

	for (uint64_t i = 0; i < iters; i++) {
		drag_step(c);
		c->sink += (uint32_t)dt_frame(c->dt, c->now, c->frame, sizeof c->frame);
	}
}

static void memcpy_runs(void *p, uint64_t iters)
{
	struct ctx *c = p;

	for (uint64_t i = 0; i < iters; i++) {
		memcpy(c->copy, c->frame, c->frame_len);
		c->sink += c->copy[i % c->frame_len];
		__asm__ volatile("" : : "r"(c->copy) : "memory");
	}
}

static void must(int32_t rc, const char *what)
{
	if (rc < 0)
		bench_die(what, rc);
}

static void setup(struct ctx *c)
{
	char title[32];

	c->dt = malloc(dt_engine_size());
	if (!c->dt)
		bench_die("out of memory", 0);
	must(dt_init(c->dt, 1280, 800, 48), "dt_init");
	for (int d = 1; d < DESKTOPS; d++)
		must(dt_desktop_create(c->dt, 0, 0), "dt_desktop_create");
	for (int i = 0; i < WINDOWS; i++) {
		int n = snprintf(title, sizeof title, "terminal %02d - zero@zos:~", i);
		int32_t id = dt_window_create(c->dt, 0, DT_WINDOW_STANDARD, 420, 280, title,
					      (uint32_t)n, "terminal", 8);
		must(id, "dt_window_create");
		must(dt_window_move(c->dt, (uint32_t)id, 20 + (i % 10) * 110, 20 + (i / 10) * 130),
		     "dt_window_move");
	}
	/* grab the bottom window by its title, where no window above covers it */
	c->grab_x = 120;
	c->grab_y = 36;
	c->now = 1e6;
	must(dt_window_move(c->dt, 1, 20, 20), "dt_window_move");
	must(dt_window_focus(c->dt, 1, c->now), "dt_window_focus");
	if (dt_hit_test(c->dt, c->grab_x, c->grab_y, c->now, 0) != DT_HIT_TITLE)
		bench_die("the drag does not start on a title", 0);
	must(dt_pointer_down(c->dt, c->grab_x, c->grab_y, DT_BUTTON_PRIMARY, 0, c->now),
	     "dt_pointer_down");
	c->frame_len = (uint32_t)dt_frame(c->dt, c->now, c->frame, sizeof c->frame);
	must((int32_t)c->frame_len, "dt_frame");
}

enum { FRAME, HIT, DRAG, DRAG_FRAME, COPY, NCASES };

static void report(const struct ctx *c, const struct bench_series *t)
{
	const struct dt_frame_header *h = (const void *)c->frame;

	bench_title("desktop_engine: engine calls with 50 windows vs a memcpy of the frame's bytes");
	bench_table_header();
	bench_row("desktop engine: dt_frame (50 windows)", &t[FRAME], "memcpy of the frame",
		  &t[COPY], "call");
	bench_row("desktop engine: dt_hit_test (background)", &t[HIT], "memcpy of the frame",
		  &t[COPY], "call");
	bench_row("desktop engine: drag step (pointer move)", &t[DRAG], "memcpy of the frame",
		  &t[COPY], "call");
	bench_row("desktop engine: drag step + dt_frame", &t[DRAG_FRAME], "memcpy of the frame",
		  &t[COPY], "step");
	bench_note("counts: a frame is %u bytes: %u window records of %u bytes, %u desktop records"
		   " of %u, %u bytes of text; 1 call per figure (2 for drag + frame)",
		   h->size, h->window_count, h->window_size, h->desktop_count, h->desktop_size,
		   h->text_size);
	bench_note("aim: each engine call under 1 ms; slowest median here %.4f ms",
		   bench_stat_of(t[DRAG_FRAME].t).med / AIM_NS);
}

int main(void)
{
	static struct ctx c;
	struct bench_case cs[NCASES] = {
		[FRAME] = { frame_runs, 0, &c, 0 },    [HIT] = { hit_runs, 0, &c, 0 },
		[DRAG] = { drag_runs, 0, &c, 0 },      [DRAG_FRAME] = { drag_frame_runs, 0, &c, 0 },
		[COPY] = { memcpy_runs, 0, &c, 0 },
	};
	struct bench_series t[NCASES];

	setup(&c);
	bench_rounds(cs, NCASES, t);
	if (dt_check(c.dt) != 0)
		bench_die("the engine's invariants broke", dt_check(c.dt));
	report(&c, t);
	printf("(sink %u)\n", c.sink);
	free(c.dt);
	return 0;
}
