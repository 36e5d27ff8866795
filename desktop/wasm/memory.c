/*
 * desktop.wasm's memory for its one engine: the engine itself, a frame
 * buffer and an I/O buffer, all static, whose addresses the page asks for
 * once. The page writes strings (titles, names) and snapshots into the I/O
 * buffer and passes its address to the calls; frames are built into the
 * frame buffer and read through typed arrays over the module's memory;
 * events are drained into the I/O buffer. Built for wasm32 only (the host
 * tests give each engine memory of their own).
 */
#include "desktop/engine.h"

#define IO_CAP (DT_SNAPSHOT_MAX > DT_FRAME_MAX ? DT_SNAPSHOT_MAX : DT_FRAME_MAX)

static struct dt_engine engine;
static _Alignas(8) uint8_t frame_buf[DT_FRAME_MAX];
static _Alignas(8) uint8_t io_buf[IO_CAP];

DT_API struct dt_engine *dt_wasm_engine(void);
DT_API uint8_t *dt_wasm_frame(void);
DT_API uint32_t dt_wasm_frame_cap(void);
DT_API uint8_t *dt_wasm_io(void);
DT_API uint32_t dt_wasm_io_cap(void);

struct dt_engine *dt_wasm_engine(void)
{
	return &engine;
}

uint8_t *dt_wasm_frame(void)
{
	return frame_buf;
}

uint32_t dt_wasm_frame_cap(void)
{
	return (uint32_t)sizeof frame_buf;
}

uint8_t *dt_wasm_io(void)
{
	return io_buf;
}

uint32_t dt_wasm_io_cap(void)
{
	return (uint32_t)sizeof io_buf;
}
