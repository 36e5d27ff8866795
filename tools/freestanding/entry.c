/*
 * The x86_64 freestanding image's entry: a link check that doubles as a
 * third replay target.
 *
 * build/x86_64/core.elf links the whole core with no libc and
 * --no-undefined, which proves the core needs nothing from a hosted
 * environment. The image is also a static ELF that Linux can run: fed a
 * framed CommitLog on stdin, it verifies and replays it exactly as the
 * host build does and prints the summary tests/record_log.c prints for the
 * live System (status, bytes, commits, epochs, checkpoints, bad_seq,
 * head, state_hash; one "key value" per line). On failure it also says where and
 * why, and exits 1.
 *
 * The raw Linux system calls (read, write, exit_group) below are this test
 * tool's only contact with an OS; nothing in the core uses them.
 *
 * Usage: build/x86_64/core.elf < LOG
 */
#include <stddef.h>
#include <stdint.h>
#include <zos/error.h>

#include "lib/commit_codec.h"
#include "axiom/frame.h"
#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "kernel/kernel.h"
#include "lib/fmt.h"
#include "system/system.h"

#define INPUT_MAX (16u << 20) /* the largest log one run replays */

/* Linux x86_64 system call numbers. */
#define LINUX_READ 0
#define LINUX_WRITE 1
#define LINUX_EXIT_GROUP 231

static uint8_t input[INPUT_MAX];
static struct kernel kernel;

/* The core's entry points, referenced so the link must resolve each of
 * them and everything they reach. */
__attribute__((used)) static const void *const linked[] = {
	(const void *)system_start, (const void *)system_syscall, (const void *)system_resume,
	(const void *)system_fault, (const void *)system_flush, (const void *)replay_records,
	(const void *)replay_commits, (const void *)replay_and_verify, (const void *)state_hash,
	(const void *)commit_encode, (const void *)commit_decode, (const void *)frame_write,
	(const void *)kernel_decide, (const void *)kernel_apply,
};

void zos_freestanding_entry(void);

static long linux3(long num, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(num), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return ret;
}

static __attribute__((noreturn)) void linux_exit(int code)
{
	for (;;)
		linux3(LINUX_EXIT_GROUP, code, 0, 0);
}

static void write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		long w = linux3(LINUX_WRITE, fd, (long)s, (long)n);
		if (w <= 0)
			linux_exit(3);
		s += w;
		n -= (size_t)w;
	}
}

static void say(int fd, const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	write_all(fd, s, n);
}

/* All of stdin into input[]; refuses a log that does not fit. */
static size_t read_log(void)
{
	size_t len = 0;

	for (;;) {
		long r = linux3(LINUX_READ, 0, (long)(input + len), (long)(INPUT_MAX - len));
		if (r < 0) {
			say(2, "core.elf: cannot read the log from stdin\n");
			linux_exit(2);
		}
		if (r == 0)
			return len;
		len += (size_t)r;
		if (len == INPUT_MAX) {
			say(2, "core.elf: the log is larger than 16 MiB\n");
			linux_exit(2);
		}
	}
}

static void say_u64(const char *key, uint64_t v)
{
	char line[64];

	zos_snprintf(line, sizeof line, "%s %llu\n", key, (unsigned long long)v);
	say(1, line);
}

static void say_hash(const char *key, const uint8_t h[ZOS_HASH_SIZE])
{
	char hex[2 * ZOS_HASH_SIZE + 1], line[96];

	zos_hex(hex, h, ZOS_HASH_SIZE);
	zos_snprintf(line, sizeof line, "%s %s\n", key, hex);
	say(1, line);
}

static void report(const struct replay_report *rep)
{
	uint8_t h[ZOS_HASH_SIZE];
	char why[160];

	state_hash(&kernel.s, h);
	say(1, rep->status != ZOS_OK ? "status corrupt\n" : rep->torn ? "status torn\n"
								   : "status ok\n");
	say_u64("bytes", rep->good_bytes);
	say_u64("commits", rep->commits);
	say_u64("epochs", rep->epochs);
	say_u64("checkpoints", rep->checkpoints);
	say_u64("bad_seq", rep->bad_seq);
	say_hash("head", rep->head);
	say_hash("state_hash", h);
	if (rep->status == ZOS_OK)
		return;
	zos_snprintf(why, sizeof why, "core.elf: bad commit at seq %llu: %s\n",
		     (unsigned long long)rep->bad_seq, rep->reason ? rep->reason : "?");
	say(2, why);
}

/* Called by the entry below with the stack aligned; never returns. */
__attribute__((used, noreturn)) static void native_main(void)
{
	struct replay_report rep;
	size_t len = read_log();

	replay_records(&kernel, input, len, &rep);
	report(&rep);
	linux_exit(rep.status == ZOS_OK ? 0 : 1);
}

/* The ELF entry point: Linux starts it with the stack holding argc; align
 * the stack as the ABI wants for a call and hand over. */
__attribute__((naked, noreturn)) void zos_freestanding_entry(void)
{
	__asm__ volatile("xor %ebp, %ebp\n\t"
			 "and $-16, %rsp\n\t"
			 "call native_main\n\t"
			 "ud2");
}
