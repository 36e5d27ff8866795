/*
 * zos: Zero OS hosted on Linux. Boots the system in this terminal (or on a
 * script), with its state in a data directory:
 *
 *   DIR/commitlog.zlog   the CommitLog: verified and replayed at every boot
 *   DIR/storage.db       the storage device (SQLite)
 *   DIR/keystore.db      the keystore device (SQLite, a separate file)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zos/error.h>
#include <zos/msg.h>

#include "hal/hosted/hosted.h"
#include "lib/fmt.h"

struct options {
	const char *data;
	const char *script;
	const char *bin;
	int fresh_log;
	int verbose;
};

static void usage(FILE *to)
{
	fprintf(to,
		"usage: zos [options]\n"
		"Boots Zero OS hosted on Linux, with its console in this terminal.\n"
		"\n"
		"  --data DIR     keep the system's state in DIR (default: build/data next to\n"
		"                 the zos binary): the commit log and the two databases\n"
		"  --script FILE  read the console input from FILE (- for standard input)\n"
		"                 instead of the terminal; zos stops at its end and exits\n"
		"                 non-zero if a command failed\n"
		"  --fresh-log    if the commit log is damaged, move it aside (to\n"
		"                 commitlog.zlog.corrupt-N) and start a new one; without this,\n"
		"                 zos refuses to boot on a damaged log\n"
		"  --bin DIR      where the Zero OS programs are (default: bin/ next to zos)\n"
		"  --verbose      show the processes' debug output on standard error\n"
		"  --help         this text\n"
		"\n"
		"In the shell, type `help`. `shutdown` or Ctrl-D on an empty line stops\n"
		"Zero OS; so does SIGTERM. Exit status: 0 stopped cleanly, 1 a scripted\n"
		"command failed, 2 could not start, 3 the commit log could not be written.\n");
}

static int parse(int argc, char **argv, struct options *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int has_value = i + 1 < argc;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "--data") && has_value) {
			o->data = argv[++i];
		} else if (!strcmp(a, "--script") && has_value) {
			o->script = argv[++i];
		} else if (!strcmp(a, "--bin") && has_value) {
			o->bin = argv[++i];
		} else if (!strcmp(a, "--fresh-log")) {
			o->fresh_log = 1;
		} else if (!strcmp(a, "--verbose")) {
			o->verbose = 1;
		} else {
			fprintf(stderr, "zos: %s: %s\n", a,
				has_value || a[0] != '-' ? "unknown option" : "needs a value");
			usage(stderr);
			return -1;
		}
	}
	return 0;
}

/* Default directories are found from where the zos binary is. */
static int resolve_dirs(struct hosted *h, const struct options *o)
{
	char self[PATH_MAX], *dir;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n < 0)
		return -1;
	self[n] = 0;
	dir = dirname(self);
	if (snprintf(h->procs.bin_dir, sizeof h->procs.bin_dir, "%s", o->bin ? o->bin : "") < 0 ||
	    (!o->bin && snprintf(h->procs.bin_dir, sizeof h->procs.bin_dir, "%s/bin", dir) < 0))
		return -1;
	if (o->data)
		snprintf(h->data_dir, sizeof h->data_dir, "%s", o->data);
	else
		snprintf(h->data_dir, sizeof h->data_dir, "%s/../data", dir);
	if (mkdir(h->data_dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "zos: cannot create the data directory %s: %s\n", h->data_dir,
			strerror(errno));
		return -1;
	}
	return 0;
}

static void report_boot(struct hosted *h, const struct replay_report *rep, size_t len,
			uint64_t ns)
{
	char head[17];

	if (len == 0) {
		console_say(&h->console, "axiom: new commit log in %s\n", h->data_dir);
		return;
	}
	zos_hex(head, rep->head, 8);
	console_say(&h->console, "axiom: %llu commits in %llu epochs verified and replayed in %.1f ms, "
		       "head %s, %llu checkpoints matched\n",
		    (unsigned long long)rep->commits, (unsigned long long)rep->epochs, ns / 1e6, head,
		    (unsigned long long)rep->checkpoints);
	if (rep->torn)
		console_say(&h->console, "axiom: the last record was torn (power cut mid-write?): cut off "
			       "%zu bytes\n", len - rep->good_bytes);
	if (rep->anchor == REPLAY_ANCHOR_ABSENT)
		console_say(&h->console, "axiom: this log had no anchor of its durable head (it is from "
			       "before anchors); one is kept from now on\n");
}

static int refuse_damaged_log(struct hosted *h, const struct replay_report *rep)
{
	console_say(&h->console, "axiom: the commit log %s/commitlog.zlog is damaged at seq %llu: %s\n"
		       "axiom: refusing to extend it. To keep it for inspection and start a new "
		       "log, boot with --fresh-log.\n",
		    h->data_dir, (unsigned long long)rep->bad_seq,
		    rep->reason ? rep->reason : "unknown");
	if (rep->anchor == REPLAY_ANCHOR_FAILED)
		console_say(&h->console, "axiom: its anchor (commitlog.zlog.anchor) says every commit up "
			       "to seq %llu was made durable; restore the log from a copy that has them\n",
			    (unsigned long long)rep->anchor_seq);
	return 2;
}

/* Opens, verifies and replays the log; boots the System on it. */
static int boot(struct hosted *h, const struct options *o)
{
	char path[PATH_MAX + 32], err[512], moved[PATH_MAX + 48];
	struct log_sink sink;
	struct replay_report rep;
	uint8_t *data = 0;
	size_t len = 0;
	uint64_t t0;
	int r;

	snprintf(path, sizeof path, "%s/commitlog.zlog", h->data_dir);
	if (logfile_open(&h->log, path, &data, &len, err, sizeof err) != ZOS_OK) {
		console_say(&h->console, "zos: %s\n", err);
		return 2;
	}
	sink = logfile_sink(&h->log);
	if (getenv("ZOS_TEST_FAIL_LOG_FLUSH")) /* a fault hook for the tests */
		h->log.inject_failure = atoi(getenv("ZOS_TEST_FAIL_LOG_FLUSH"));
	t0 = hosted_now_ns();
	r = system_start(h->sys, &h->hal, &sink, data, len, &rep);
	if (r == ZOS_ERR_CORRUPT && o->fresh_log) {
		logfile_close(&h->log);
		if (logfile_move_aside(path, moved, sizeof moved) != ZOS_OK) {
			console_say(&h->console, "zos: cannot move the damaged log aside: %s\n", strerror(errno));
			free(data);
			return 2;
		}
		console_say(&h->console, "axiom: the damaged log was moved to %s; starting a new one\n", moved);
		free(data);
		return boot(h, &(struct options){ .fresh_log = 0 });
	}
	if (r == ZOS_ERR_CORRUPT) {
		free(data);
		return refuse_damaged_log(h, &rep);
	}
	if (r != ZOS_OK) {
		console_say(&h->console, "zos: could not start: %s\n", zos_error_message(r));
		free(data);
		return 2;
	}
	report_boot(h, &rep, len, hosted_now_ns() - t0);
	free(data);
	return system_flush(h->sys) == ZOS_OK ? 0 : 3;
}

static int open_console(struct hosted *h, const struct options *o)
{
	int in = 0;

	if (o->script && strcmp(o->script, "-") != 0) {
		in = open(o->script, O_RDONLY | O_CLOEXEC);
		if (in < 0) {
			fprintf(stderr, "zos: cannot read the script %s: %s\n", o->script,
				strerror(errno));
			return -1;
		}
	}
	if (console_open(&h->console, in, 1) != 0) {
		fprintf(stderr, "zos: cannot set up the terminal: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static int setup(struct hosted *h, const struct options *o)
{
	char err[512];

	h->start_ns = hosted_now_ns();
	h->verbose = o->verbose;
	h->sys = calloc(1, sizeof *h->sys);
	h->in_buf = malloc(ZOS_MAILBOX_DATA);
	h->out_buf = malloc(ZOS_MAILBOX_DATA);
	h->epfd = epoll_create1(EPOLL_CLOEXEC);
	h->procs.epfd = h->console.epfd = h->epfd;
	h->devices.verbose = o->verbose;
	h->devices.say = &h->console;
	if (!h->sys || !h->in_buf || !h->out_buf || h->epfd < 0) {
		fprintf(stderr, "zos: out of memory\n");
		return 2;
	}
	hosted_hal_init(h);
	if (resolve_dirs(h, o) != 0 || open_console(h, o) != 0)
		return 2;
	console_say(&h->console, "Zero OS (hosted on Linux) - data in %s\n", h->data_dir);
	if (devices_open(&h->devices, h->data_dir, err, sizeof err) != ZOS_OK) {
		console_say(&h->console, "zos: %s\n", err);
		return 2;
	}
	return boot(h, o);
}

static void teardown(struct hosted *h)
{
	int err;

	procs_kill_all(&h->procs);
	err = h->sys ? system_flush(h->sys) : ZOS_OK;
	if (err)
		console_say(&h->console, "zos: the last commits could not be written: %s\n",
			    zos_error_message(err));
	devices_close(&h->devices);
	logfile_close(&h->log);
	console_restore(&h->console);
}

int main(int argc, char **argv)
{
	static struct hosted h;
	struct options o = { 0 };
	int code;

	h.console.in_fd = 0;
	h.console.out_fd = 1;
	if (parse(argc, argv, &o) != 0)
		return 2;
	code = setup(&h, &o);
	if (code == 0) {
		/* the console wants a terminal: Init starts one once it has booted */
		system_notify_init(h.sys, ZOS_MSG_SUP_SPAWN_PROCESS, "terminal", 8);
		code = hosted_run(&h);
	}
	teardown(&h);
	if (h.sys && !h.log.failed) {
		struct system_status st;
		system_status(h.sys, &st);
		console_say(&h.console, "Zero OS stopped (%llu commits in the log)\n",
			    (unsigned long long)st.commits);
	}
	return code;
}
