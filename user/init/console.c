/*
 * The console's terminal: Init starts it when the platform asks for one
 * (once the core services are up), forwards console input to it as
 * CONSOLE_INPUT messages, and keeps what was typed before it was ready.
 * An empty CONSOLE_INPUT means the input has ended.
 */
#include "init.h"

#include "lib/mem.h"

static struct program *terminal(void)
{
	for (int i = 0; i < INIT_MAX_PROGRAMS; i++)
		if (init.progs[i].used && init.progs[i].console && init.progs[i].running)
			return &init.progs[i];
	return 0;
}

/* Sends to the terminal, waiting a little while its queue is full. */
static int64_t to_terminal(struct program *t, const uint8_t *bytes, uint32_t len)
{
	int64_t r;

	for (int tries = 0; tries < 1000; tries++) {
		r = zos_send(t->ep, ZOS_MSG_DEV_CONSOLE_INPUT, bytes, len);
		if (r != ZOS_ERR_QUEUE_FULL)
			return r;
		zos_yield();
	}
	return r;
}

static void flush_typed(struct program *t)
{
	uint32_t done = 0;

	while (done < init.typed_len) {
		uint32_t n = init.typed_len - done;
		if (n > ZOS_MSG_MAX)
			n = ZOS_MSG_MAX;
		if (to_terminal(t, init.typed_ahead + done, n) < 0)
			break;
		done += n;
	}
	init.typed_len = 0;
	if (init.typed_eof)
		to_terminal(t, 0, 0);
}

void console_input(const uint8_t *bytes, uint32_t len)
{
	struct program *t = terminal();

	if (t && t->ready && init.typed_len == 0) {
		if (to_terminal(t, bytes, len) < 0)
			zos_print("init: the terminal is not taking input\n");
		return;
	}
	if (len == 0) {
		init.typed_eof = 1;
		return;
	}
	if (len > sizeof init.typed_ahead - init.typed_len) {
		zos_print("init: too much typed ahead before the terminal was ready; dropped\n");
		return;
	}
	zos_memcpy(init.typed_ahead + init.typed_len, bytes, len);
	init.typed_len += len;
}

void console_terminal_ready(void)
{
	struct program *t = terminal();

	if (t)
		flush_typed(t);
}

void console_start_terminal(void)
{
	init.terminal_wanted = 0;
	if (terminal())
		return;
	if (!start_program("terminal", ZOS_DEV_CONSOLE, 0, 1))
		zos_print("init: no terminal for the console\n");
}
