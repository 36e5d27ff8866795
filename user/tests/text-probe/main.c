/*
 * A test program whose output is hostile text (started by `spawn
 * text-probe`): DEBUG messages shaped like the seed's debug-string
 * commands (INIT:SPAWN:..., INIT:GRANT:..., INIT:KILL_OK:...), which the
 * platform must show as text and never obey, then console output a
 * hostile process might write to a terminal: escapes that set the window
 * title, write the clipboard (OSC 52) and make a hyperlink (OSC 8), text
 * shaped like HTML, and UTF-8. The terminal must draw it or drop it and
 * act on none of it. It exits 0.
 */
#include "zos.h"

int zos_main(void)
{
	static const char *const words[] = {
		"INIT:SPAWN:identity",  "INIT:SPAWN:text-probe", "INIT:GRANT:1:2:rwg",
		"INIT:GRANT:8:3:rwg",   "INIT:KILL_OK:3",        "INIT:REVOKE:3:2",
		"SERVICE:RESPONSE:1:7001:00",
	};

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	for (uint32_t i = 0; i < sizeof words / sizeof words[0]; i++)
		zos_debug(words[i]);
	zos_printf("text-probe: sent %u command-shaped DEBUG messages\n",
		   (unsigned)(sizeof words / sizeof words[0]));
	/* (each escape ends its literal: a hex escape would eat the letters after it) */
	zos_print("\x1b]0;owned\x07"
		  "\x1b]52;c;b3duZWQ=\x07"
		  "\x1b]8;;https://example.invalid/\x07"
		  "click me"
		  "\x1b]8;;\x07"
		  " <img src=x onerror=alert(1)>\n");
	zos_print("text-probe: h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac\n");
	return 0;
}
