/*
 * The terminal's input loop and line editor. Printable bytes are echoed
 * and collected; Backspace erases; Ctrl-C drops the line; Ctrl-U clears
 * it; Up and Down walk the last SHELL_HISTORY lines; Enter (CR, LF or
 * CR LF) runs it; Ctrl-D on an empty line, or the end of the input,
 * leaves the shell (and with it, the console session).
 */
#include "shell.h"

#include "lib/mem.h"

struct shell sh;

static void echo(const char *s, uint32_t n)
{
	zos_console_write((uint32_t)zos_console_slot, s, n);
}

static void remember(void)
{
	if (sh.len == 0)
		return;
	zos_memcpy(sh.history[sh.nhistory % SHELL_HISTORY], sh.line, sh.len + 1);
	sh.nhistory++;
}

/* Replaces what is on the line with text. */
static void retype(const char *text)
{
	while (sh.len) {
		sh.len--;
		echo("\b \b", 3);
	}
	sh.len = (uint32_t)zos_strlen(text);
	zos_memcpy(sh.line, text, sh.len);
	echo(text, sh.len);
}

/* Up (older) or Down (newer) through the history. */
static void browse(int older)
{
	uint32_t kept = sh.nhistory < SHELL_HISTORY ? sh.nhistory : SHELL_HISTORY;

	if (older && sh.browsing < kept)
		sh.browsing++;
	else if (!older && sh.browsing > 0)
		sh.browsing--;
	else
		return;
	retype(sh.browsing ? sh.history[(sh.nhistory - sh.browsing) % SHELL_HISTORY] : "");
}

/* ESC [ A and ESC [ B are Up and Down; other sequences are ignored. */
static int escape(uint8_t c)
{
	if (sh.esc == 0 && c == 0x1b) {
		sh.esc = 1;
		return 1;
	}
	if (sh.esc == 1) {
		sh.esc = c == '[' ? 2 : 0;
		return 1;
	}
	if (sh.esc == 2) {
		if (c >= '0' && c <= '9')
			return 1; /* parameters: keep waiting for the final byte */
		sh.esc = 0;
		if (c == 'A' || c == 'B')
			browse(c == 'A');
		return 1;
	}
	return 0;
}

static void enter(void)
{
	echo("\n", 1);
	sh.line[sh.len] = 0;
	remember();
	sh.browsing = 0;
	if (sh.len && shell_run(sh.line) != 0)
		sh.failures++;
	sh.len = 0;
	if (!sh.done)
		shell_prompt();
}

static void key(uint8_t c)
{
	int cr = c == '\r';

	if (escape(c))
		return;

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
