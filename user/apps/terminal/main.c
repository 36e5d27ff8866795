/*
 * The terminal's input loop and line editor. Printable bytes are echoed
 * and collected; Backspace erases; Ctrl-C drops the line; Ctrl-U clears
 * it; Up and Down walk the last SHELL_HISTORY lines; Enter (CR, LF or
 * CR LF) runs it; Ctrl-D on an empty line, or the end of the input,
 * leaves the shell (and with it, the console session).
 *
 * The console's bytes come through one cursor (next_byte), so that a
 * command can read a secret line of its own from the same input
 * (shell_read_secret): a scripted session's later lines may already sit
 * in the message being worked through. A secret is never echoed.
 */
#include "shell.h"

#include "lib/mem.h"

struct shell sh;

static struct zos_msg in;   /* the console input being worked through */
static uint32_t in_pos;     /* the next byte of it */
static uint8_t in_ended;    /* the input ended (an empty CONSOLE_INPUT) */

/* The next byte of console input: 1, or 0 when the input ended, or an
 * error (nothing more can be received). secret: the byte is wiped from
 * the input buffer as it is taken. */
static int64_t next_byte(uint8_t *c, int secret)
{
	while (!in_ended && in_pos >= in.h.size) {
		int64_t n = zos_recv(ZOS_SLOT_SELF, &in, 1);
		if (n < 0)
			return n;
		in_pos = 0;
		if (in.h.tag != ZOS_MSG_DEV_CONSOLE_INPUT)
			in.h.size = 0; /* not input: skip it */
		else if (in.h.size == 0)
			in_ended = 1;
	}
	if (in_ended)
		return 0;
	*c = in.body[in_pos];
	if (secret)
		in.body[in_pos] = 0;
	in_pos++;
	return 1;
}

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

int shell_read_secret(const char *prompt, char *out, size_t cap)
{
	size_t len = 0;
	uint8_t c, cr = 0;

	zos_print(prompt);
	for (;;) {
		int64_t r = next_byte(&c, 1);
		if (r <= 0)
			break;
		if (c == '\n' && cr) {
			cr = 0; /* the LF of a CR LF */
			continue;
		}
		cr = c == '\r';
		if (c == '\r' || c == '\n') {
			echo("\n", 1);
			out[len] = 0;
			return (int)len;
		}
		if (c == 0x03 || c == 0x04)
			break; /* Ctrl-C, Ctrl-D: give up */
		if ((c == 0x7f || c == 0x08) && len)
			len--;
		else if (c >= ' ' && c < 0x7f && len + 1 < cap)
			out[len++] = (char)c; /* kept, and not echoed */
	}
	echo("\n", 1);
	zos_memset(out, 0, cap);
	return -1;
}

int zos_main(void)
{
	uint8_t c;
	int64_t r;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	zos_service_register("terminal");
	zos_print("\nZero OS. Type `help` to see what you can do.\n");
	shell_session_resume();
	shell_prompt();
	zos_service_ready();
	while (!sh.done) {
		r = next_byte(&c, 0);
		if (r < 0) {
			zos_printf("terminal: cannot receive input: %s\n", zos_strerror(r));
			return 1;
		}
		if (r == 0) {
			if (sh.len) /* the last line had no newline: run it */
				enter();
			zos_print("\n");
			break;
		}
		key(c);
	}
	return sh.failures ? 1 : 0;
}
