/*
 * The terminal's input loop and line editor. Printable bytes are echoed
 * and collected; Backspace erases; Ctrl-C drops the line; Ctrl-U clears
 * it; Enter (CR, LF or CR LF) runs it; Ctrl-D on an empty line, or the end
 * of the input, leaves the shell (and with it, the console session).
 */
#include "shell.h"

#include "lib/mem.h"

struct shell sh;

static void echo(const char *s, uint32_t n)
{
	zos_console_write((uint32_t)zos_console_slot, s, n);
}

static void enter(void)
{
	echo("\n", 1);
	sh.line[sh.len] = 0;
	if (sh.len && shell_run(sh.line) != 0)
		sh.failures++;
	sh.len = 0;
	if (!sh.done)
		shell_prompt();
}

static void key(uint8_t c)
{
	int cr = c == '\r';

	if (c == '\n' && sh.last_cr) {
		sh.last_cr = 0;
		return;
	}
	sh.last_cr = (uint8_t)cr;
	if (c == '\r' || c == '\n') {
		enter();
	} else if (c == 0x7f || c == 0x08) {
		if (sh.len) {
			sh.len--;
			echo("\b \b", 3);
		}
	} else if (c == 0x03) {
		echo("^C\n", 3);
		sh.len = 0;
		shell_prompt();
	} else if (c == 0x15) {
		while (sh.len) {
			sh.len--;
			echo("\b \b", 3);
		}
	} else if (c == 0x04) {
		if (sh.len == 0) {
			echo("\n", 1);
			sh.done = 1;
		}
	} else if (c >= ' ' && c < 0x7f && sh.len < SHELL_LINE_MAX) {
		sh.line[sh.len++] = (char)c;
		echo((const char *)&c, 1);
	}
}

int zos_main(void)
{
	static struct zos_msg m;
	int64_t n;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	zos_service_register("terminal");
	zos_print("\nZero OS. Type `help` to see what you can do.\n");
	shell_prompt();
	zos_service_ready();
	while (!sh.done) {
		n = zos_recv(ZOS_SLOT_SELF, &m, 1);
		if (n < 0) {
			zos_printf("terminal: cannot receive input: %s\n", zos_strerror(n));
			return 1;
		}
		if (m.h.tag != ZOS_MSG_DEV_CONSOLE_INPUT)
			continue;
		if (m.h.size == 0) {
			if (sh.len) /* the last line had no newline: run it */
				enter();
			zos_print("\n");
			break;
		}
		for (uint32_t i = 0; i < m.h.size && !sh.done; i++)
			key(m.body[i]);
	}
	return sh.failures ? 1 : 0;
}
