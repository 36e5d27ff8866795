/*
 * ipc_roundtrip: Zero OS hosted on Linux, end to end: an IPC round trip
 * between two Zero OS processes, and boot to "all services ready", each
 * beside what plain Linux pays for the same thing in the same run
 * (figures 4 and 5 of `make bench`).
 *
 * Figure 4 is a CALL and its REPLY between user/apps/ipcbench-client and
 * ipcbench-server, through the kernel (build/hosted/zos) with everything it
 * does on the way: the mailbox and doorbell, the gateway, the commits and
 * the group commit (fdatasync) before each answer is published. The client
 * times its own rounds with the kernel's clock and prints them; this
 * program drives zos through its console (`--script -`: spawn the server,
 * spawn the client, shutdown) and reads the lines. Baselines, two plain
 * Linux processes (fork) bouncing the same 8 bytes: a futex ping-pong (a
 * word in a shared anonymous mapping, FUTEX_WAIT / FUTEX_WAKE, no spinning,
 * as the mailbox does) and a pipe ping-pong; and the durability floor: two
 * log appends with fdatasync each, on the data directory's file system
 * (a round trip makes two group commits: one answers the server's RECV,
 * one the REPLY and the client's CALL).
 *
 * Each round runs every baseline once and then one Zero OS session (a
 * fresh boot on a throwaway data directory; the client warms up, then
 * times five rounds of about 60 ms; the session's figure is their
 * median), so a figure and its baselines see the same machine.
 *
 * Figure 5 times boot: from fork+exec of zos to the line `init: boot
 * complete` on its console, on a new data directory (first boot: new log,
 * new databases) and again on the same directory (replaying its log). The
 * baselines are the aim (200 ms) and the floor: fork+exec+exit of the same
 * binaries boot starts (zos, init, the five core services; each exits at
 * once), one after another as boot starts them.
 *
 * Before anything, `make -s hosted` runs in the repository. The throwaway
 * directories live under the build directory (so the log sits on the file
 * system the real one does) and are removed at the end; every process
 * started here is ended, on errors and on Ctrl-C too.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define BOOT_AIM_NS 200e6
#define ROUNDTRIP_AIM 3.0           /* within 3x of the futex ping-pong */
#define BOOT_DEADLINE_NS 10000000000ull
#define SESSION_DEADLINE_NS 20000000000ull
#define STOP_DEADLINE_NS 5000000000ull
#define LOG_RECORD 300              /* bytes per floor append: about a commit record */
#define MSG_BYTES 8                 /* the body every exchange carries */

/* The core services Init starts, in its order (user/init/services.c). */
static const char *const core_programs[] = { "init",     "permission", "vfs",
					     "keystore", "identity",   "time" };
#define NCORE_PROGRAMS (sizeof core_programs / sizeof core_programs[0])

/* ---- cleaning up, whatever happens ------------------------------------- */

static char tmp_root[PATH_MAX];     /* the throwaway directory, "" when none */
#define MAX_LIVE 4
static struct {
	pid_t pid;
	int gently;                 /* zos: asked to stop first (SIGTERM) */
} live[MAX_LIVE];                   /* children running now: zos, the echoes */
static volatile sig_atomic_t interrupted;

static void track(pid_t pid, int gently)
{
	for (int i = 0; i < MAX_LIVE; i++)
		if (live[i].pid == 0) {
			live[i].pid = pid;
			live[i].gently = gently;
			return;
		}
}

static void untrack(pid_t pid)
{
	for (int i = 0; i < MAX_LIVE; i++)
		if (live[i].pid == pid)
			live[i].pid = 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0; /* carry on: remove what can be removed */
}

static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Linux processes whose parent is `parent` (zos's Zero OS processes). */
static int children_of(pid_t parent, pid_t *out, int max)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) && n < max) {
		char path[300], stat[512], *close_paren;
		pid_t pid = (pid_t)atoi(e->d_name), ppid;
		FILE *f;
		if (pid <= 0)
			continue;
		snprintf(path, sizeof path, "/proc/%d/stat", pid);
		f = fopen(path, "r");
		if (!f)
			continue;
		close_paren = fgets(stat, sizeof stat, f) ? strrchr(stat, ')') : 0;
		fclose(f);
		if (close_paren && sscanf(close_paren, ") %*c %d", &ppid) == 1 && ppid == parent)
			out[n++] = pid;
	}
	if (d)
		closedir(d);
	return n;
}

/* SIGTERM, then up to two seconds for it to end: 1 if it did (reaped). */
static int ask_to_stop(pid_t pid)
{
	struct timespec tick = { 0, 20000000 };
	int status;

	kill(pid, SIGTERM);
	for (int i = 0; i < 100; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return 1;
		nanosleep(&tick, 0);
	}
	return 0;
}

/* Ends a child and what it started. zos is asked first, so that it stops
 * and reaps its Zero OS processes itself; if it does not, it and they are
 * killed (they would die with it anyway: PR_SET_PDEATHSIG). */
static void end_child(pid_t pid, int gently)
{
	pid_t kids[64];
	int n, status;

	if (pid <= 0)
		return;
	if (!gently || !ask_to_stop(pid)) {
		n = children_of(pid, kids, 64);
		kill(pid, SIGKILL);
		for (int i = 0; i < n; i++)
			kill(kids[i], SIGKILL);
		waitpid(pid, &status, 0);
	}
	untrack(pid);
}

static void cleanup(void)
{
	for (int i = 0; i < MAX_LIVE; i++)
		end_child(live[i].pid, live[i].gently);
	if (tmp_root[0])
		remove_tree(tmp_root);
	tmp_root[0] = 0;
}

static __attribute__((noreturn, format(printf, 1, 2))) void fail(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "bench: ipc_roundtrip: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	cleanup();
	exit(1);
}

static void on_signal(int sig)
{
	interrupted = sig;
}

static void check_interrupted(void)
{
	if (interrupted)
		fail("interrupted (signal %d); cleaned up", (int)interrupted);
}

/* No SA_RESTART: a blocking wait returns EINTR and sees `interrupted`. */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, 0);
	sigaction(SIGTERM, &sa, 0);
	sigaction(SIGHUP, &sa, 0);
	sa.sa_handler = SIG_IGN; /* a zos that died: its pipe says EPIPE instead */
	sigaction(SIGPIPE, &sa, 0);
}

/* What a child should start with: default signals, nothing of ours. */
static void child_defaults(void)
{
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
}

/* ---- where things are, and building them ------------------------------- */

struct paths {
	char root[PATH_MAX];  /* the repository */
	char build[PATH_MAX]; /* its build directory (BUILD) */
	char zos[PATH_MAX];
	char bin[PATH_MAX];
};

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* This binary is BUILD/host/bench/ipc_roundtrip; the repository is the
 * current directory (make runs benchmarks from it), else BUILD/.. . */
static void find_paths(struct paths *p)
{
	char exe[PATH_MAX], *slash = 0;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0)
		fail("cannot find my own binary: %s", strerror(errno));
	exe[n] = 0;
	for (int up = 0; up < 3; up++) {
		slash = strrchr(exe, '/');
		if (!slash || slash == exe)
			fail("unexpected location %s (expected BUILD/host/bench/)", exe);
		*slash = 0;
	}
	snprintf(p->build, sizeof p->build, "%s", exe);
	snprintf(p->zos, sizeof p->zos, "%.*s/hosted/zos", PATH_MAX - 16, p->build);
	snprintf(p->bin, sizeof p->bin, "%.*s/hosted/bin", PATH_MAX - 16, p->build);
	if (is_file("Makefile") && is_file("bench/ipc_roundtrip.c") && getcwd(p->root, sizeof p->root))
		return;
	slash = strrchr(exe, '/');
	snprintf(p->root, sizeof p->root, "%.*s", slash > exe ? (int)(slash - exe) : 1, exe);
}

/* Under `make -jN bench` MAKEFLAGS names the parent's jobserver, which a
 * benchmark does not inherit: drop it (the child make says so otherwise). */
static void drop_jobserver_flags(void)
{
	const char *flags = getenv("MAKEFLAGS");
	char copy[4096], *at, *end;

	if (!flags || strlen(flags) >= sizeof copy)
		return;
	strcpy(copy, flags);
	while ((at = strstr(copy, "--jobserver-"))) {
		end = at + strcspn(at, " ");
		if (*end == ' ')
			end++;
		memmove(at, end, strlen(end) + 1);
	}
	setenv("MAKEFLAGS", copy, 1);
}

/* `make -s hosted`, for BUILD when it is not the repository's build/. */
static void build_hosted(const struct paths *p)
{
	char deflt[PATH_MAX + 8], real_default[PATH_MAX], real_build[PATH_MAX], arg[PATH_MAX + 8];
	int same, status;
	pid_t pid;

	snprintf(deflt, sizeof deflt, "%.*s/build", PATH_MAX - 8, p->root);
	same = realpath(deflt, real_default) && realpath(p->build, real_build) &&
	       strcmp(real_default, real_build) == 0;
	snprintf(arg, sizeof arg, "BUILD=%s", p->build);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		child_defaults();
		drop_jobserver_flags();
		execlp("make", "make", "-s", "-C", p->root, "hosted", same ? (char *)0 : arg, (char *)0);
		fprintf(stderr, "bench: cannot run make: %s\n", strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		fail("`make -s hosted` failed in %s (see above): the IPC benchmark needs %s and the "
		     "programs in %s",
		     p->root, p->zos, p->bin);
	if (access(p->zos, X_OK) != 0)
		fail("%s is missing after `make hosted`", p->zos);
}

static void need_program(const struct paths *p, const char *name)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/%s", p->bin, name);
	if (access(path, X_OK) != 0)
		fail("%s is missing after `make hosted` (is user/apps/%s there?)", path, name);
}

/* ---- the Linux baselines: ping-pong between two processes -------------- */

enum { WORD_IDLE, WORD_PING, WORD_PONG, WORD_QUIT };

/* The futex ping-pong's shared page. */
struct shared {
	uint32_t word;
	uint32_t pad;
	uint8_t ping[MSG_BYTES];
	uint8_t pong[MSG_BYTES];
};

struct pingpong {
	pid_t child;
	struct shared *sh;     /* futex: a shared anonymous mapping */
	int down[2], up[2];    /* pipes: to the child, back from it */
	uint64_t seq;
};

static long futex(uint32_t *word, int op, uint32_t val, const struct timespec *timeout)
{
	return syscall(SYS_futex, word, op, val, timeout, 0, 0);
}

static void futex_echo(struct shared *sh)
{
	uint32_t v;

	for (;;) {
		while ((v = __atomic_load_n(&sh->word, __ATOMIC_ACQUIRE)) != WORD_PING) {
			if (v == WORD_QUIT)
				_exit(0);
			futex(&sh->word, FUTEX_WAIT, v, 0);
		}
		memcpy(sh->pong, sh->ping, MSG_BYTES);
		__atomic_store_n(&sh->word, WORD_PONG, __ATOMIC_RELEASE);
		futex(&sh->word, FUTEX_WAKE, 1, 0);
	}
}

static void pipe_echo(int in, int out)
{
	uint8_t b[MSG_BYTES];

	while (read(in, b, sizeof b) == (ssize_t)sizeof b)
		if (write(out, b, sizeof b) != (ssize_t)sizeof b)
			break;
	_exit(0);
}

static void pingpong_start(struct pingpong *pp, int use_futex)
{
	memset(pp, 0, sizeof *pp);
	pp->sh = mmap(0, sizeof *pp->sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (pp->sh == MAP_FAILED || pipe2(pp->down, O_CLOEXEC) != 0 || pipe2(pp->up, O_CLOEXEC) != 0)
		fail("cannot set up the ping-pong: %s", strerror(errno));
	pp->child = fork();
	if (pp->child < 0)
		fail("fork: %s", strerror(errno));
	if (pp->child == 0) {
		child_defaults();
		close(pp->down[1]);
		close(pp->up[0]);
		if (use_futex)
			futex_echo(pp->sh);
		pipe_echo(pp->down[0], pp->up[1]);
	}
	track(pp->child, 0);
	close(pp->down[0]);
	close(pp->up[1]);
}

static void pingpong_stop(struct pingpong *pp)
{
	int status;

	__atomic_store_n(&pp->sh->word, WORD_QUIT, __ATOMIC_RELEASE);
	futex(&pp->sh->word, FUTEX_WAKE, 1, 0);
	close(pp->down[1]);
	close(pp->up[0]);
	waitpid(pp->child, &status, 0);
	untrack(pp->child);
	munmap(pp->sh, sizeof *pp->sh);
}

/* Waits for the PONG; a second without one means the child is gone. */
static void await_pong(struct pingpong *pp)
{
	struct timespec second = { 1, 0 };
	uint32_t v;

	while ((v = __atomic_load_n(&pp->sh->word, __ATOMIC_ACQUIRE)) != WORD_PONG)
		if (futex(&pp->sh->word, FUTEX_WAIT, v, &second) < 0 &&
		    (errno == ETIMEDOUT || errno == EINTR)) {
			check_interrupted();
			if (waitpid(pp->child, 0, WNOHANG) != 0)
				fail("the futex ping-pong's child ended");
		}
}

static void futex_trips(void *ctx, uint64_t iters)
{
	struct pingpong *pp = ctx;

	for (uint64_t i = 0; i < iters; i++) {
		pp->seq++;
		memcpy(pp->sh->ping, &pp->seq, MSG_BYTES);
		__atomic_store_n(&pp->sh->word, WORD_PING, __ATOMIC_RELEASE);
		futex(&pp->sh->word, FUTEX_WAKE, 1, 0);
		await_pong(pp);
		if (memcmp(pp->sh->pong, &pp->seq, MSG_BYTES) != 0)
			fail("the futex ping-pong echoed the wrong bytes");
	}
}

static void pipe_trips(void *ctx, uint64_t iters)
{
	struct pingpong *pp = ctx;
	uint8_t b[MSG_BYTES];

	for (uint64_t i = 0; i < iters; i++) {
		pp->seq++;
		if (write(pp->down[1], &pp->seq, MSG_BYTES) != MSG_BYTES ||
		    read(pp->up[0], b, MSG_BYTES) != MSG_BYTES) {
			check_interrupted();
			fail("the pipe ping-pong stopped: %s", strerror(errno));
		}
	}
}

/* ---- the durability floor: appends with fdatasync ---------------------- */

struct appender {
	int fd;
	off_t off;
	uint8_t record[LOG_RECORD];
};

/* One unit: two appends, each made durable, as a round trip's two group
 * commits are. The file starts again from empty before each run. */
static void durable_appends(void *ctx, uint64_t iters)
{
	struct appender *a = ctx;

	for (uint64_t i = 0; i < 2 * iters; i++) {
		if (pwrite(a->fd, a->record, sizeof a->record, a->off) != (ssize_t)sizeof a->record ||
		    fdatasync(a->fd) != 0)
			fail("the fdatasync floor: %s", strerror(errno));
		a->off += (off_t)sizeof a->record;
	}
}

static void appender_rewind(void *ctx)
{
	struct appender *a = ctx;

	if (ftruncate(a->fd, 0) != 0 || fsync(a->fd) != 0)
		fail("the fdatasync floor: %s", strerror(errno));
	a->off = 0;
}

/* ---- running zos ----------------------------------------------------- */

struct zos {
	pid_t pid;
	int in;              /* its console input (we write) */
	int out;             /* its stdout and stderr (we read) */
	char buf[16384];     /* read, not yet taken as lines */
	size_t len;
	char last[4][256];   /* the last lines, for error messages */
	int nlast;
};

static void zos_start(struct zos *z, const struct paths *p, const char *data, int verbose)
{
	int in[2], out[2];

	memset(z, 0, sizeof *z);
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
		fail("pipe: %s", strerror(errno));
	z->pid = fork();
	if (z->pid < 0)
		fail("fork: %s", strerror(errno));
	if (z->pid == 0) {
		child_defaults();
		if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || dup2(out[1], 2) < 0)
			_exit(127);
		execl(p->zos, "zos", "--data", data, "--script", "-", verbose ? "--verbose" : (char *)0,
		      (char *)0);
		_exit(127);
	}
	track(z->pid, 1);
	close(in[0]);
	close(out[1]);
	z->in = in[1];
	z->out = out[0];
}

static void remember(struct zos *z, const char *line)
{
	if (z->nlast == 4) {
		memmove(z->last[0], z->last[1], sizeof z->last[0] * 3);
		z->nlast = 3;
	}
	snprintf(z->last[z->nlast++], sizeof z->last[0], "%s", line);
}

static __attribute__((noreturn)) void zos_fail(struct zos *z, const char *why)
{
	fprintf(stderr, "bench: ipc_roundtrip: zos said, last:\n");
	for (int i = 0; i < z->nlast; i++)
		fprintf(stderr, "  | %s\n", z->last[i]);
	fail("%s", why);
}

/* Takes one line from the buffer, if a whole one is there. */
static int take_line(struct zos *z, char *line, size_t cap)
{
	char *nl = memchr(z->buf, '\n', z->len);
	size_t n;

	if (!nl)
		return 0;
	n = (size_t)(nl - z->buf);
	snprintf(line, cap, "%.*s", (int)(n < cap ? n : cap - 1), z->buf);
	memmove(z->buf, nl + 1, z->len - n - 1);
	z->len -= n + 1;
	remember(z, line);
	return 1;
}

/* The next line zos prints: 1, 0 at the end of its output, -1 when the
 * deadline passed first. */
static int zos_line(struct zos *z, char *line, size_t cap, uint64_t deadline)
{
	for (;;) {
		struct pollfd pfd = { z->out, POLLIN, 0 };
		uint64_t now = bench_now_ns();
		ssize_t n;
		if (take_line(z, line, cap))
			return 1;
		check_interrupted();
		if (now >= deadline)
			return -1;
		if (poll(&pfd, 1, (int)((deadline - now) / 1000000 + 1)) <= 0)
			continue;
		if (z->len == sizeof z->buf)
			z->len = 0; /* a line longer than the buffer: drop it */
		n = read(z->out, z->buf + z->len, sizeof z->buf - z->len);
		if (n > 0) {
			z->len += (size_t)n;
		} else if (n == 0 || errno != EINTR) {
			if (z->len == 0)
				return 0;
			z->buf[z->len++] = '\n'; /* the last line had no newline */
		}
	}
}

static int zos_type(struct zos *z, const char *text)
{
	size_t n = strlen(text);

	return write(z->in, text, n) == (ssize_t)n ? 0 : -1;
}

static void zos_must_type(struct zos *z, const char *text)
{
	if (zos_type(z, text) != 0)
		zos_fail(z, "zos stopped taking console input");
}

/* Shuts zos down (and its console input), reads it out, reaps it:
 * its exit status, or -1 when it had to be killed. */
static int zos_stop(struct zos *z)
{
	char line[512];
	uint64_t deadline = bench_now_ns() + STOP_DEADLINE_NS;
	int status = 0, r;

	zos_type(z, "shutdown\n"); /* if it has gone already, the reading says so */
	close(z->in);
	while ((r = zos_line(z, line, sizeof line, deadline)) > 0)
		;
	close(z->out);
	if (r < 0 || waitpid(z->pid, &status, 0) != z->pid) {
		end_child(z->pid, 1);
		return -1;
	}
	untrack(z->pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The time from `started` to zos's "init: boot complete" line; *init_ms:
 * what Init itself says it took. */
static double await_boot(struct zos *z, uint64_t started, double *init_ms)
{
	uint64_t deadline = started + BOOT_DEADLINE_NS;
	unsigned long long ms;
	char line[512], *at;
	int r;

	while ((r = zos_line(z, line, sizeof line, deadline)) > 0) {
		at = strstr(line, "init: boot complete");
		if (!at)
			continue;
		if (init_ms)
			*init_ms = sscanf(at, "init: boot complete: %*u of %*u core services ready in %llu ms",
					  &ms) == 1 ? (double)ms * 1e6 : -1;
		return (double)(bench_now_ns() - started);
	}
	zos_fail(z, r < 0 ? "no `init: boot complete` from zos in time"
			  : "zos ended before `init: boot complete`");
}

/* "Zero OS stopped (N commits in the log)": N, or 0 when not seen. */
static unsigned long long commits_in(const struct zos *z)
{
	unsigned long long n;

	for (int i = z->nlast - 1; i >= 0; i--) {
		const char *at = strstr(z->last[i], "Zero OS stopped (");
		if (at && sscanf(at, "Zero OS stopped (%llu commits", &n) == 1)
			return n;
	}
	return 0;
}

/* ---- figure 4: one Zero OS session of round trips ---------------------- */

struct session {
	double ns_per_call;      /* the median of the client's rounds */
	double best, worst;      /* its fastest and slowest round */
	unsigned long long calls;      /* in the timed rounds */
	unsigned long long all_calls;  /* warm-up and first call too */
	unsigned long long commits;
	double switches_zos;     /* Linux context switches per round trip, */
	double switches_server;  /* for the kernel side, the server and */
	double switches_client;  /* the client (0: not sampled) */
	char server[96];         /* the client's "server:" line */
	char crash[160];         /* a crash zos reported meanwhile, if any */
};

static int cmp_double(const void *a, const void *b)
{
	return bench_cmp_double(a, b);
}

/* The process among zos's children whose argv[0] is `name`. */
static pid_t program_pid(pid_t zos, const char *name)
{
	pid_t kids[64];
	int n = children_of(zos, kids, 64);

	for (int i = 0; i < n; i++) {
		char path[64], arg0[64] = "";
		FILE *f;
		snprintf(path, sizeof path, "/proc/%d/cmdline", kids[i]);
		f = fopen(path, "r");
		if (f && fgets(arg0, sizeof arg0, f) && !strcmp(arg0, name)) {
			fclose(f);
			return kids[i];
		}
		if (f)
			fclose(f);
	}
	return 0;
}

/* Voluntary plus involuntary context switches of a Linux process so far. */
static double switches(pid_t pid)
{
	char path[64], line[128];
	double total = 0;
	unsigned long long v;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", pid);
	f = pid > 0 ? fopen(path, "r") : 0;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "voluntary_ctxt_switches: %llu", &v) == 1 ||
		    sscanf(line, "nonvoluntary_ctxt_switches: %llu", &v) == 1)
			total += (double)v;
	if (f)
		fclose(f);
	return f ? total : -1;
}

struct sample {
	pid_t pid[3];     /* zos, server, client */
	double at[3];
};

/* 1 when all three processes were there to count. */
static int sample_switches(struct sample *s, pid_t zos)
{
	int all = 1;

	s->pid[0] = zos;
	s->pid[1] = program_pid(zos, "ipcbench-server");
	s->pid[2] = program_pid(zos, "ipcbench-client");
	for (int i = 0; i < 3; i++) {
		s->at[i] = switches(s->pid[i]);
		all &= s->pid[i] > 0 && s->at[i] >= 0;
	}
	return all;
}

/* Switches per call between two samples: from the warm-up line to the
 * last round line read while the client still ran (it may be gone by
 * the time its last line is read): those rounds' calls, give or take a
 * few. */
static void switches_per_call(struct session *s, const struct sample *a, const struct sample *b,
			      unsigned long long calls)
{
	double *out[3] = { &s->switches_zos, &s->switches_server, &s->switches_client };

	for (int i = 0; i < 3; i++)
		*out[i] = a->pid[i] && a->pid[i] == b->pid[i] && a->at[i] >= 0 && b->at[i] >= 0 && calls
				  ? (b->at[i] - a->at[i]) / (double)calls
				  : 0;
}

/* Reads the client's lines until it is done; fills s. */
static void read_rounds(struct zos *z, struct session *s)
{
	uint64_t deadline = bench_now_ns() + SESSION_DEADLINE_NS;
	double per[64];
	int n = 0, expect = 0;
	unsigned int round, got;
	unsigned long long calls, ns, round_calls = 0, sampled_calls = 0;
	struct sample first = { { 0 }, { 0 } }, last = first, now;
	char line[512], *at;
	int r;

	while ((r = zos_line(z, line, sizeof line, deadline)) > 0) {
		if (strstr(line, "ipcbench: failed") || strstr(line, "spawn: ipcbench") ||
		    (strstr(line, "crashed") && strstr(line, "ipcbench")))
			zos_fail(z, "the IPC session failed");
		if (strstr(line, "crashed") && !s->crash[0])
			snprintf(s->crash, sizeof s->crash, "%.150s", line);
		if ((at = strstr(line, "ipcbench: server: ")))
			snprintf(s->server, sizeof s->server, "%.90s", at + 18);
		if (strstr(line, "ipcbench: warm-up: "))
			sample_switches(&first, z->pid);
		if ((at = strstr(line, "ipcbench: round ")) &&
		    sscanf(at, "ipcbench: round %u: %llu calls in %llu ns", &round, &calls, &ns) == 3 &&
		    calls > 0 && n < 64) {
			per[n++] = (double)ns / (double)calls;
			s->calls += calls;
			round_calls += calls;
			if (sample_switches(&now, z->pid)) {
				last = now;
				sampled_calls = round_calls;
			}
		}
		if ((at = strstr(line, "ipcbench: done: ")) &&
		    sscanf(at, "ipcbench: done: %u rounds of %u calls", &round, &got) == 2) {
			expect = (int)round;
			at = strstr(at, "us/call, ");
			if (!at || sscanf(at, "us/call, %llu calls in all", &s->all_calls) != 1)
				s->all_calls = 0;
			break;
		}
	}
	if (r < 0)
		zos_fail(z, "the IPC session took too long (timed out)");
	if (n == 0 || n != expect)
		zos_fail(z, "the client's rounds did not all come (is ipcbench-client built?)");
	switches_per_call(s, &first, &last, sampled_calls);
	qsort(per, (size_t)n, sizeof per[0], cmp_double);
	s->ns_per_call = per[n / 2];
	s->best = per[0];
	s->worst = per[n - 1];
}

static void ipc_session(const struct paths *p, int round, struct session *s)
{
	char data[PATH_MAX + 32], line[512];
	struct zos z;
	int code;

	memset(s, 0, sizeof *s);
	snprintf(data, sizeof data, "%s/ipc-%d", tmp_root, round);
	zos_start(&z, p, data, 1);
	await_boot(&z, bench_now_ns(), 0);
	zos_must_type(&z, "spawn ipcbench-server\nspawn ipcbench-client\n");
	read_rounds(&z, s);
	code = zos_stop(&z);
	if (code != 0) {
		snprintf(line, sizeof line, "zos exited with status %d after the IPC session", code);
		zos_fail(&z, line);
	}
	s->commits = commits_in(&z);
	remove_tree(data);
}

/* ---- figure 5: boot ------------------------------------------------------ */

struct boot {
	double ns;        /* exec to "init: boot complete" */
	double init_ns;   /* what Init says */
	unsigned long long commits;
};

static void boot_once(const struct paths *p, const char *data, struct boot *b)
{
	struct zos z;
	uint64_t t0 = bench_now_ns();
	int code;

	zos_start(&z, p, data, 0);
	b->ns = await_boot(&z, t0, &b->init_ns);
	code = zos_stop(&z);
	if (code != 0)
		zos_fail(&z, "zos did not stop cleanly after booting");
	b->commits = commits_in(&z);
}

/* Closes every fd from `first` on: one close_range where Linux has it. */
static void close_from(int first)
{
#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned)first, ~0u, 0) == 0)
		return;
#endif
	for (int fd = first; fd < 1024; fd++)
		close(fd);
}

/* fork+exec+wait, output to /dev/null, nothing inherited past stderr. */
static void exec_quietly(const char *path, const char *arg)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		child_defaults();
		if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
			_exit(127);
		close_from(3);
		execl(path, path, arg, (char *)0);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		fail("cannot run %s", path);
}

/* The floor: exec zos (it loads what it links, prints its help) and each
 * program boot starts (each finds no mailbox and exits), in turn. */
static double exec_floor(const struct paths *p)
{
	char path[PATH_MAX + 64];
	uint64_t t0 = bench_now_ns();

	exec_quietly(p->zos, "--help");
	for (size_t i = 0; i < NCORE_PROGRAMS; i++) {
		snprintf(path, sizeof path, "%s/%s", p->bin, core_programs[i]);
		exec_quietly(path, 0);
	}
	return (double)(bench_now_ns() - t0);
}

/* ---- the whole run --------------------------------------------------- */

enum { FUTEX, PIPE, DURABLE, NBASE };

struct results {
	struct bench_series ipc, base[NBASE];
	struct bench_series cold, warm, floor, aim, init_cold;
	struct session sessions[BENCH_REPS];
	unsigned long long boot_commits;
};

static struct bench_case base_cases[NBASE];

static void make_tmp_root(const struct paths *p)
{
	snprintf(tmp_root, sizeof tmp_root, "%.*s/bench-ipc.XXXXXX", PATH_MAX - 32, p->build);
	if (!mkdtemp(tmp_root)) {
		int e = errno;
		tmp_root[0] = 0;
		fail("cannot make a temporary directory under %s: %s", p->build, strerror(e));
	}
}

static void setup_baselines(struct pingpong *fx, struct pingpong *pp, struct appender *ap)
{
	char path[PATH_MAX + 32];

	pingpong_start(fx, 1);
	pingpong_start(pp, 0);
	snprintf(path, sizeof path, "%s/floor.log", tmp_root);
	memset(ap, 0, sizeof *ap);
	memset(ap->record, 0x5A, sizeof ap->record);
	ap->fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (ap->fd < 0)
		fail("cannot create %s: %s", path, strerror(errno));
	base_cases[FUTEX] = (struct bench_case){ futex_trips, 0, fx, 0 };
	base_cases[PIPE] = (struct bench_case){ pipe_trips, 0, pp, 0 };
	base_cases[DURABLE] = (struct bench_case){ durable_appends, appender_rewind, ap, 0 };
	for (int i = 0; i < NBASE; i++) {
		base_cases[i].iters = bench_calibrate(&base_cases[i]);
		bench_time_run(&base_cases[i], base_cases[i].iters); /* the warm-up run */
	}
	/* A disk's flush time can jump a hundredfold while others use it:
	 * shorter runs keep the whole benchmark within its time. */
	base_cases[DURABLE].iters = base_cases[DURABLE].iters / 4 + 1;
}

static void measure(const struct paths *p, struct results *r)
{
	char data[PATH_MAX + 32];
	struct boot cold, warm;
	struct pingpong fx, pp;
	struct appender ap;

	setup_baselines(&fx, &pp, &ap);
	snprintf(data, sizeof data, "%s/boot-warmup", tmp_root);
	boot_once(p, data, &cold); /* untimed: the page cache, the binaries */
	ipc_session(p, -1, &r->sessions[0]);
	for (int i = 0; i < BENCH_REPS; i++) {
		for (int b = 0; b < NBASE; b++)
			r->base[b].t[i] = (double)bench_time_run(&base_cases[b], base_cases[b].iters) /
					  (double)base_cases[b].iters;
		ipc_session(p, i, &r->sessions[i]);
		r->ipc.t[i] = r->sessions[i].ns_per_call;
		r->floor.t[i] = exec_floor(p);
		snprintf(data, sizeof data, "%s/boot-%d", tmp_root, i);
		boot_once(p, data, &cold);
		boot_once(p, data, &warm);
		remove_tree(data);
		r->cold.t[i] = cold.ns;
		r->warm.t[i] = warm.ns;
		r->init_cold.t[i] = cold.init_ns;
		r->aim.t[i] = BOOT_AIM_NS;
		r->boot_commits = cold.commits;
	}
	pingpong_stop(&fx);
	pingpong_stop(&pp);
	close(ap.fd);
}

/* ---- printing ------------------------------------------------------------ */

static const char *fs_name(const char *path)
{
	struct statfs sf;

	if (statfs(path, &sf) != 0)
		return "an unknown file system";
	switch ((unsigned long)sf.f_type) {
	case 0xEF53: return "ext2/3/4";
	case 0x58465342: return "xfs";
	case 0x9123683E: return "btrfs";
	case 0x01021994: return "tmpfs (fdatasync costs nothing there)";
	case 0x794C7630: return "overlayfs";
	case 0x2FC12FC1: return "zfs";
	default: return "another file system";
	}
}

static double median_of(double *v, int n)
{
	qsort(v, (size_t)n, sizeof v[0], cmp_double);
	return v[n / 2];
}

static void print_ipc_notes(const struct results *r)
{
	double zos_sw[BENCH_REPS], srv_sw[BENCH_REPS], cli_sw[BENCH_REPS], commits[BENCH_REPS];
	double best = 1e300, worst = 0;
	char a[24], b[24];

	for (int i = 0; i < BENCH_REPS; i++) {
		const struct session *s = &r->sessions[i];
		zos_sw[i] = s->switches_zos;
		srv_sw[i] = s->switches_server;
		cli_sw[i] = s->switches_client;
		commits[i] = s->all_calls && s->commits > r->boot_commits
				     ? (double)(s->commits - r->boot_commits) / (double)s->all_calls
				     : 0;
		if (s->crash[0])
			bench_note("during session %d, zos reported: %s", i + 1, s->crash);
		best = s->best < best ? s->best : best;
		worst = s->worst > worst ? s->worst : worst;
	}
	bench_note("server %s; every client round of every session: [%s .. %s]/call",
		   r->sessions[0].server, bench_fmt_ns(a, sizeof a, best),
		   bench_fmt_ns(b, sizeof b, worst));
	bench_note("per round trip (medians over sessions): %.2f commits (the spawns and lookups "
		   "count too: a little high);",
		   median_of(commits, BENCH_REPS));
	bench_note("Linux context switches per round trip: kernel side %.1f, server %.1f, "
		   "client %.1f",
		   median_of(zos_sw, BENCH_REPS), median_of(srv_sw, BENCH_REPS),
		   median_of(cli_sw, BENCH_REPS));
}

static void print_results(const struct paths *p, struct results *r)
{
	struct bench_stat ratio = bench_ratio(&r->ipc, &r->base[FUTEX]);
	struct bench_stat cold = bench_stat_of(r->cold.t);
	char a[24], data_fs[PATH_MAX + 64];

	snprintf(data_fs, sizeof data_fs, "%s", p->build);
	bench_title("ipc_roundtrip: Zero OS hosted on Linux, end to end (figures 4 and 5)");
	printf("(figure 4: each round = the baselines once, then one Zero OS session, whose figure "
	       "is the median of the client's rounds;\n the data directory is on %s)\n",
	       fs_name(data_fs));
	bench_table_header();
	bench_row("4. IPC round trip, Zero OS CALL+REPLY 8 B", &r->ipc,
		  "futex ping-pong, 2 Linux procs", &r->base[FUTEX], "call");
	bench_row("   IPC round trip, Zero OS CALL+REPLY 8 B", &r->ipc, "pipe ping-pong 8 B",
		  &r->base[PIPE], "call");
	bench_row("   IPC round trip, Zero OS CALL+REPLY 8 B", &r->ipc,
		  "2 x (append 300 B + fdatasync)", &r->base[DURABLE], "call");
	print_ipc_notes(r);
	bench_note("aim: within %.0fx of the futex ping-pong: %s (%.1fx)", ROUNDTRIP_AIM,
		   ratio.med <= ROUNDTRIP_AIM ? "met" : "NOT met", ratio.med);
	printf("\n");
	bench_row("5. boot to `init: boot complete`, new data", &r->cold, "the aim", &r->aim, "boot");
	bench_row("   boot to `init: boot complete`, new data", &r->cold,
		  "floor: exec the 7 binaries", &r->floor, "boot");
	bench_row("   boot again on the same data (replay)", &r->warm, "the aim", &r->aim, "boot");
	bench_note("Init's own count (from its start): %s; %llu commits per first boot",
		   bench_fmt_ns(a, sizeof a, bench_stat_of(r->init_cold.t).med), r->boot_commits);
	bench_note("aim: boot to ready under 200 ms: %s", cold.med < BOOT_AIM_NS ? "met" : "NOT met");
}

int main(void)
{
	static struct results r;
	struct paths p;

	setvbuf(stdout, 0, _IOLBF, 0);
	catch_signals();
	find_paths(&p);
	build_hosted(&p);
	need_program(&p, "ipcbench-server");
	need_program(&p, "ipcbench-client");
	for (size_t i = 0; i < NCORE_PROGRAMS; i++)
		need_program(&p, core_programs[i]);
	make_tmp_root(&p);
	measure(&p, &r);
	print_results(&p, &r);
	cleanup();
	return 0;
}
