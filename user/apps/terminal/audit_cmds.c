/*
 * The shell's window on the system's logs, through the audit device the
 * console's terminal holds (READ, slot AUDIT_SLOT): the last commits and
 * syscall events, another process's capabilities, and re-verification of
 * the commit log.
 */
#include "shell.h"

#include "lib/commit_codec.h"
#include "lib/commit_text.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static uint8_t buf[64 * 1024];

static int64_t audit(uint32_t num, uint64_t arg, void *out, uint32_t cap)
{
	return zos_sys(num, AUDIT_SLOT, arg, 0, 0, 0, out, cap);
}

static int refused(const char *cmd, int64_t r)
{
	zos_printf("%s: %s\n", cmd,
		   r == ZOS_ERR_INVALID_SLOT ? "this terminal holds no audit capability"
					     : zos_strerror(r));
	return 1;
}

static void print_commits(int64_t n)
{
	uint32_t pos = 0;
	char line[256];

	for (int64_t i = 0; i < n; i++) {
		uint32_t len = (uint32_t)buf[pos] | (uint32_t)buf[pos + 1] << 8;
		zos_commit_t c;
		if (commit_decode(buf + pos + 2, len, &c) != ZOS_OK) {
			zos_print("  (a commit that does not decode)\n");
			return;
		}
		commit_describe(&c, line, sizeof line);
		zos_printf("%s\n", line);
		pos += 2 + len;
	}
}

static void print_events(int64_t n)
{
	const struct zos_audit_event *e = (const struct zos_audit_event *)buf;

	for (int64_t i = 0; i < n; i++, e++) {
		const char *name = zos_syscall_name(e->num);
		if (e->kind == 1)
			zos_printf("%8llu  pid %-3u %-16s (%llu, %llu, %llu)\n",
				   (unsigned long long)e->id, e->sender, name ? name : "?",
				   (unsigned long long)e->args[0], (unsigned long long)e->args[1],
				   (unsigned long long)e->args[2]);
		else
			zos_printf("%8llu  pid %-3u %-16s -> %lld%s%s (request %llu)\n",
				   (unsigned long long)e->id, e->sender, name ? name : "?",
				   (long long)e->result, e->result < 0 ? " " : "",
				   e->result < 0 ? zos_error_name(e->result) : "",
				   (unsigned long long)e->request_id);
	}
}

int cmd_log(int argc, char **argv)
{
	uint32_t n = 10;
	int64_t r;

	if (argc > 2 || (argc == 2 && (!parse_u32(argv[1], &n) || n == 0 || n > 200))) {
		zos_print("usage: log [N]   (the last N commits and syscall events, N up to 200)\n");
		return 1;
	}
	r = audit(ZOS_SYS_AUDIT_COMMITS, n, buf, sizeof buf);
	if (r < 0)
		return refused("log", r);
	zos_printf("the last %lld commits:\n", (long long)r);
	print_commits(r);
	r = audit(ZOS_SYS_AUDIT_SYSLOG, n, buf, sizeof buf);
	if (r < 0)
		return refused("log", r);
	zos_printf("the last %lld syscall events:\n", (long long)r);
	print_events(r);
	return 0;
}

int cmd_verify(int argc, char **argv)
{
	struct zos_audit_verify v;
	char head[17];
	int64_t r;

	(void)argv;
	if (argc != 1) {
		zos_print("usage: verify\n");
		return 1;
	}
	r = audit(ZOS_SYS_AUDIT_VERIFY, 0, &v, sizeof v);
	if (r < 0 && r != ZOS_ERR_CORRUPT)
		return refused("verify", r);
	zos_printf("in memory: %llu commits, chain %s\n", (unsigned long long)v.memory_commits,
		   v.memory_status == ZOS_OK ? "intact" : "BROKEN");
	if (v.disk_status == ZOS_ERR_NOT_SUPPORTED) {
		zos_print("on disk: this platform keeps no log on disk\n");
	} else if (v.disk_status != ZOS_OK) {
		zos_printf("on disk: DAMAGED at seq %llu: %s\n", (unsigned long long)v.bad_seq, v.reason);
	} else {
		zos_hex(head, v.head, 8);
		zos_printf("on disk: %llu commits in %llu epochs verified, %llu checkpoints matched, "
			   "head %s\n",
			   (unsigned long long)v.disk_commits, (unsigned long long)v.epochs,
			   (unsigned long long)v.checkpoints, head);
		zos_printf("replayed state %s the running system\n",
			   v.matches_live ? "matches" : "DIFFERS FROM");
	}
	return v.memory_status == ZOS_OK && (v.disk_status == ZOS_OK || v.disk_status == ZOS_ERR_NOT_SUPPORTED) &&
			       (v.disk_status != ZOS_OK || v.matches_live)
		       ? 0
		       : 1;
}

/* Another process's capabilities. */
int64_t audit_caps(uint32_t pid, struct zos_cap_info *out, uint32_t max)
{
	return audit(ZOS_SYS_AUDIT_CAPS, pid, out, max * (uint32_t)sizeof *out);
}
