/*
 * The shell's commands. Each prints what went wrong in words, and returns
 * non-zero when it failed (a scripted session's exit status counts them).
 */
#include "shell.h"

#include "lib/fmt.h"
#include "lib/mem.h"

static const struct command *find(const char *name);

int parse_u32(const char *s, uint32_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > 0xFFFFFFFFu)
			return 0;
	}
	*out = (uint32_t)v;
	return 1;
}

static const char *state_name(uint8_t state)
{
	return state == ZOS_PROC_ALIVE ? "running" : state == ZOS_PROC_ZOMBIE ? "ended" : "?";
}

static int cmd_ps(int argc, char **argv)
{
	static struct zos_ps_entry ps[ZOS_MAX_PROCS];
	int64_t n = zos_ps(ps, ZOS_MAX_PROCS);

	(void)argc;
	(void)argv;
	if (n < 0) {
		zos_printf("ps: %s\n", zos_strerror(n));
		return 1;
	}
	zos_print("  PID  PARENT  STATE    NAME\n");
	for (int64_t i = 0; i < n; i++) {
		zos_printf("%5u  %6u  %-7s  %.*s", ps[i].pid, ps[i].pid ? ps[i].parent : 0,
			   state_name(ps[i].state), ps[i].name_len, ps[i].name);
		if (ps[i].state == ZOS_PROC_ZOMBIE)
			zos_printf(" (exit code %d)", ps[i].exit_code);
		zos_print("\n");
	}
	return 0;
}

/* Asks Init something only it may do; returns its answer. */
static int64_t ask_init(uint32_t tag, const void *body, uint32_t len)
{
	static struct zos_msg reply;
	int64_t r = zos_call(ZOS_SLOT_INIT, tag, body, len, &reply), result;

	if (r < 0)
		return r;
	if (reply.h.size != sizeof result)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_memcpy(&result, reply.body, sizeof result);
	return result;
}

static int cmd_kill(int argc, char **argv)
{
	uint32_t pid;
	int64_t r;

	if (argc != 2 || !parse_u32(argv[1], &pid)) {
		zos_print("usage: kill PID\n");
		return 1;
	}
	r = ask_init(ZOS_MSG_INIT_KILL, &pid, sizeof pid);
	if (r < 0) {
		zos_printf("kill: %u: %s\n", pid,
			   r == ZOS_ERR_PROCESS_NOT_FOUND ? "no such running process started by init"
			   : r == ZOS_ERR_INSUFFICIENT_RIGHTS ? "not allowed (to stop Zero OS, use shutdown)"
							      : zos_strerror(r));
		return 1;
	}
	zos_printf("killed %u\n", pid);
	return 0;
}

static int cmd_spawn(int argc, char **argv)
{
	int64_t r;

	if (argc != 2) {
		zos_print("usage: spawn NAME\n");
		return 1;
	}
	r = ask_init(ZOS_MSG_INIT_SPAWN_SERVICE, argv[1], (uint32_t)zos_strlen(argv[1]));
	if (r < 0) {
		zos_printf("spawn: %s: %s\n", argv[1], zos_strerror(r));
		return 1;
	}
	zos_printf("started %s as pid %lld\n", argv[1], (long long)r);
	return 0;
}

static int cmd_ping(int argc, char **argv)
{
	static struct zos_msg reply;
	uint32_t slot;
	uint64_t t0;
	int64_t r;

	if (argc != 2) {
		zos_print("usage: ping SERVICE\n");
		return 1;
	}
	r = zos_service_lookup(argv[1], &slot);
	if (r < 0) {
		zos_printf("ping: no service named %s\n", argv[1]);
		return 1;
	}
	t0 = zos_time_ns();
	r = zos_call(slot, ZOS_MSG_PING, 0, 0, &reply);
	zos_cap_delete(slot);
	if (r < 0 || reply.h.tag != ZOS_MSG_PONG) {
		zos_printf("ping: %s did not answer: %s\n", argv[1], zos_strerror(r < 0 ? r : 0));
		return 1;
	}
	zos_printf("pong from %.*s (pid %u) in %llu us\n", (int)reply.h.size,
		   (const char *)reply.body, reply.h.sender,
		   (unsigned long long)((zos_time_ns() - t0) / 1000));
	return 0;
}

static int cmd_caps(int argc, char **argv)
{
	static struct zos_cap_info caps[ZOS_MAX_SLOTS];
	uint32_t pid = 0;
	int64_t n;

	if (argc > 2 || (argc == 2 && !parse_u32(argv[1], &pid))) {
		zos_print("usage: caps [PID]\n");
		return 1;
	}
	n = argc == 2 ? audit_caps(pid, caps, ZOS_MAX_SLOTS) : zos_cap_list(caps, ZOS_MAX_SLOTS);
	if (n < 0) {
		zos_printf("caps: %s\n", n == ZOS_ERR_PROCESS_NOT_FOUND ? "no such process"
				: n == ZOS_ERR_INVALID_SLOT ? "this terminal holds no audit capability"
							   : zos_strerror(n));
		return 1;
	}
	zos_print(" SLOT  TYPE      OBJECT  RIGHTS\n");
	for (int64_t i = 0; i < n; i++) {
		const char *t = zos_obj_type_name(caps[i].obj_type);
		zos_printf("%5u  %-8s  %6llu  %c%c%c\n", caps[i].slot, t ? t : "?",
			   (unsigned long long)caps[i].obj_id,
			   caps[i].rights & ZOS_RIGHT_READ ? 'r' : '-',
			   caps[i].rights & ZOS_RIGHT_WRITE ? 'w' : '-',
			   caps[i].rights & ZOS_RIGHT_GRANT ? 'g' : '-');
	}
	return 0;
}

/* echo TEXT, or echo TEXT > FILE / >> FILE (the text and a newline). */
static int cmd_echo(int argc, char **argv)
{
	static char text[SHELL_LINE_MAX + 2];
	uint32_t len = 0;
	int words = argc;

	for (int i = 1; i < argc; i++)
		if (argv[i] == shell_redir_write || argv[i] == shell_redir_append) {
			if (i + 2 != argc || argv[i + 1] == shell_redir_write ||
			    argv[i + 1] == shell_redir_append) {
				zos_print("usage: echo TEXT [> FILE | >> FILE]\n");
				return 1;
			}
			words = i;
		}
	for (int i = 1; i < words; i++) {
		uint32_t n = (uint32_t)zos_strlen(argv[i]);
		if (len + n + 2 > sizeof text) {
			zos_print("echo: the text is too long\n");
			return 1;
		}
		if (i > 1)
			text[len++] = ' ';
		zos_memcpy(text + len, argv[i], n);
		len += n;
	}
	text[len++] = '\n';
	if (words == argc) {
		zos_console_write((uint32_t)zos_console_slot, text, len);
		return 0;
	}
	return shell_write_file("echo", argv[argc - 1], text, len, argv[words] == shell_redir_append);
}

static int cmd_uptime(int argc, char **argv)
{
	uint64_t ms = zos_time_ns() / 1000000;

	(void)argc;
	(void)argv;
	zos_printf("up %llu.%03llu s\n", (unsigned long long)(ms / 1000),
		   (unsigned long long)(ms % 1000));
	return 0;
}

static int cmd_shutdown(int argc, char **argv)
{
	int64_t r;

	(void)argc;
	(void)argv;
	r = ask_init(ZOS_MSG_INIT_SHUTDOWN, 0, 0);
	if (r < 0) {
		zos_printf("shutdown: %s\n", zos_strerror(r));
		return 1;
	}
	sh.done = 1;
	return 0;
}

static int cmd_clear(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	zos_print("\x1b[2J\x1b[H");
	return 0;
}

static int cmd_exit(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sh.done = 1;
	return 0;
}

static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{ "help", "[COMMAND]", "what each command does", cmd_help },
	{ "ps", "", "the processes, running and ended", cmd_ps },
	{ "kill", "PID", "stop a process (init holds the capability to do it)", cmd_kill },
	{ "spawn", "NAME", "start a program", cmd_spawn },
	{ "ping", "SERVICE", "check that a service answers, and how fast", cmd_ping },
	{ "caps", "[PID]", "the capabilities this terminal (or PID) holds", cmd_caps },
	{ "log", "[N]", "the last N commits and syscall events", cmd_log },
	{ "verify", "", "re-verify the commit log, in memory and on disk", cmd_verify },
	{ "clear", "", "clear the screen", cmd_clear },
	{ "echo", "TEXT [>|>> F]", "print TEXT (> F: into file F; >> F: at its end)", cmd_echo },
	{ "uptime", "", "time since Zero OS started", cmd_uptime },
	{ "shutdown", "", "stop Zero OS", cmd_shutdown },
	{ "exit", "", "leave the terminal (at the console: stop Zero OS)", cmd_exit },
};

const struct command_set core_commands = { commands, sizeof commands / sizeof commands[0] };

/* Every command set the shell knows, in the order `help` lists them. */
static const struct command_set *const sets[] = {
	&core_commands,
	&fs_commands,
	&time_commands,
	&net_commands,
	&perm_commands,
	&id_commands,
};

static int cmd_help(int argc, char **argv)
{
	const struct command *c = argc > 1 ? find(argv[1]) : 0;

	if (argc > 1 && !c) {
		zos_printf("help: no command %s\n", argv[1]);
		return 1;
	}
	for (uint32_t s = 0; s < sizeof sets / sizeof sets[0]; s++)
		for (uint32_t i = 0; i < sets[s]->count; i++) {
			const struct command *k = &sets[s]->commands[i];
			if (!c || c == k)
				zos_printf("  %-10s %-16s %s\n", k->name, k->args, k->help);
		}
	return 0;
}

static const struct command *find(const char *name)
{
	for (uint32_t s = 0; s < sizeof sets / sizeof sets[0]; s++)
		for (uint32_t i = 0; i < sets[s]->count; i++)
			if (!zos_strcmp(sets[s]->commands[i].name, name))
				return &sets[s]->commands[i];
	return 0;
}

int shell_run(char *line)
{
	char *argv[SHELL_MAX_ARGS];
	int argc = shell_split(line, argv);
	const struct command *c;

	if (argc < 0)
		return 1;
	if (argc == 0)
		return 0;
	c = find(argv[0]);
	if (!c) {
		zos_printf("%s: no such command (try `help`)\n", argv[0]);
		return 1;
	}
	for (int i = 1; i < argc && c->run != cmd_echo; i++)
		if (argv[i] == shell_redir_write || argv[i] == shell_redir_append) {
			zos_printf("%s: only echo writes into a file with > or >> (quote a > you mean)\n",
				   argv[0]);
			return 1;
		}
	return c->run(argc, argv);
}

void shell_prompt(void)
{
	/* at the root, the prompt scripts and people know; who is logged in
	 * comes before it */
	if (sh.user[0])
		zos_printf("%s@", sh.user);
	if (!zos_strcmp(shell_cwd(), "/"))
		zos_print("zero> ");
	else
		zos_printf("zero:%s> ", shell_cwd());
}
