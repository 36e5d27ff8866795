/*
 * The terminal: a line editor on the console and the shell behind it.
 * Input arrives as CONSOLE_INPUT messages (from Init, which routes the
 * console); output goes to the console cap in slot ZOS_SLOT_DEVICE.
 */
#ifndef ZOS_TERMINAL_SHELL_H
#define ZOS_TERMINAL_SHELL_H

#include "zos.h"

#define SHELL_LINE_MAX 1024
#define SHELL_MAX_ARGS 16

struct shell {
	char line[SHELL_LINE_MAX + 1];
	uint32_t len;
	uint8_t last_cr;     /* the previous byte was CR: a following LF is the same Enter */
	uint8_t done;        /* leave the shell */
	uint32_t failures;   /* commands that failed: the exit status */
};

extern struct shell sh;

/* commands.c: runs one line; returns 0 on success, 1 on failure. */
int shell_run(char *line);
void shell_prompt(void);

#endif
