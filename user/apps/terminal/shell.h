/*
 * The terminal: a line editor on the console and the shell behind it.
 * Input arrives as CONSOLE_INPUT messages (from Init, which routes the
 * console); output goes to the console cap in slot ZOS_SLOT_DEVICE.
 */
#ifndef ZOS_TERMINAL_SHELL_H
#define ZOS_TERMINAL_SHELL_H

#include "id_client.h"
#include "vfs.h"
#include "zos.h"

#define SHELL_LINE_MAX 1024
#define SHELL_MAX_ARGS 64
#define SHELL_HISTORY 32
#define AUDIT_SLOT (ZOS_SLOT_DEVICE + 1) /* READ on the audit device */

struct shell {
	char line[SHELL_LINE_MAX + 1];
	uint32_t len;
	char history[SHELL_HISTORY][SHELL_LINE_MAX + 1];
	uint32_t nhistory;   /* lines ever entered (the ring keeps the last 32) */
	uint32_t browsing;   /* how far back Up has gone; 0: the line being typed */
	uint8_t esc;         /* 1 after ESC, 2 after ESC [ */
	uint8_t last_cr;     /* the previous byte was CR: a following LF is the same Enter */
	uint8_t done;        /* leave the shell */
	uint32_t failures;   /* commands that failed: the exit status */
	char cwd[ZOS_VFS_PATH_MAX + 1]; /* canonical, absolute ("" until set: "/") */
	/* who is logged in here (id_cmds.c; "" for nobody) */
	char user[ZOS_ID_NAME_MAX + 1];
	char user_id[ZOS_ID_HEX + 1];
	char session[ZOS_ID_HEX + 1];
};

extern struct shell sh;

/* A command: run returns 0 on success, 1 on failure. */
struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

/* The command sets, one per file; commands.c lists them (add a line there
 * and here for a new set). */
struct command_set {
	const struct command *commands;
	uint32_t count;
};
extern const struct command_set core_commands;
extern const struct command_set fs_commands;   /* fs_cmds.c */
extern const struct command_set time_commands; /* time_cmds.c */
extern const struct command_set net_commands;
extern const struct command_set perm_commands; /* perm_cmds.c */
extern const struct command_set id_commands;   /* id_cmds.c */

/* main.c: prints prompt, then reads one line from the console without
 * echoing it (passwords, shards) into out (cap bytes, terminated): its
 * length, or -1 when it was cancelled (Ctrl-C, Ctrl-D) or the input ended
 * (out is then wiped). */
int shell_read_secret(const char *prompt, char *out, size_t cap);

/* id_cmds.c: at start, the console's session from before a reboot, if
 * it is still good (the prompt then shows its user). */
void shell_session_resume(void);

/* commands.c: runs one line; returns 0 on success, 1 on failure. */
int shell_run(char *line);
void shell_prompt(void);
int parse_u32(const char *s, uint32_t *out);

/* parse.c: splits line into argv (at most SHELL_MAX_ARGS words) in
 * place-independent storage: words separated by blanks; "double" and
 * 'single' quotes keep blanks and '>' in a word; a backslash takes the
 * next byte as it is (outside single quotes). An unquoted > or >> is a
 * word of its own, the very pointer shell_redir_write / shell_redir_append
 * (a quoted ">" is not). Returns argc, or -1 with the reason printed. */
extern char shell_redir_write[], shell_redir_append[];
int shell_split(const char *line, char **argv);

/* path.c: arg (absolute, or relative to the current directory) as a
 * canonical absolute path in out ("." and ".." and repeated slashes
 * resolved; ".." at the root stays at the root). 0, or -1 with the reason
 * printed after "cmd: ". */
int shell_path(const char *cmd, const char *arg, char out[ZOS_VFS_PATH_MAX + 1]);
const char *shell_cwd(void);
/* Prints "cmd: " and why a VFS call failed (VFS's words when it gave any). */
void shell_vfs_fail(const char *cmd, int64_t err);

/* fs_cmds.c: text (n bytes) into path, replacing it or at its end; 0 or 1
 * (the error printed). echo's > and >> come here. */
int shell_write_file(const char *cmd, const char *arg, const char *text, uint32_t n, int append);
/* tree.c */
int cmd_tree(int argc, char **argv);

/* audit_cmds.c */
int cmd_log(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int64_t audit_caps(uint32_t pid, struct zos_cap_info *out, uint32_t max);

#endif
