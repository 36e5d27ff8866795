/*
 * A test program for tests/e2e/vfs_crash.sh: writes files to its home
 * (/apps/vfs-writer) one after the other and says so on the console only
 * after VFS acknowledged each whole write. At start it first counts the
 * files already there that are intact (f0, f1, ... each with the bytes
 * it must hold), and carries on from there; the crash test checks that
 * this count never falls below what an earlier run was told was written.
 * File i has (i * 977) % 6000 + 1 bytes (some span several requests),
 * byte j being (i * 31 + j * 7) & 0xff.
 */
#include "vfs.h"

#include "lib/fmt.h"

#define HOME "/apps/vfs-writer"
#define FILE_MAX 6000
#define FILES_PER_RUN 150

static uint8_t want[FILE_MAX], got[FILE_MAX];

static uint32_t fill(uint32_t i)
{
	uint32_t n = (i * 977u) % FILE_MAX + 1;

	for (uint32_t j = 0; j < n; j++)
		want[j] = (uint8_t)(i * 31u + j * 7u);
	return n;
}

static int intact(uint32_t i)
{
	char path[64];
	uint32_t n = fill(i);
	uint64_t size = 0;
	int64_t r;

	zos_snprintf(path, sizeof path, HOME "/f%u", i);
	r = zos_vfs_read(path, 0, got, sizeof got, &size);
	if (r != (int64_t)n || size != n)
		return 0;
	for (uint32_t j = 0; j < n; j++)
		if (got[j] != want[j])
			return 0;
	return 1;
}

int zos_main(void)
{
	char path[64];
	uint32_t i = 0;

	static char report[256];
	int64_t ok;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	ok = zos_vfs_check(0, report, sizeof report);
	if (ok == 1)
		zos_printf("vfs-writer: the filesystem is consistent\n");
	else
		zos_printf("vfs-writer: the check says %s%s\n", ok == 0 ? report : "",
			   ok < 0 ? zos_vfs_error() : "");
	while (intact(i))
		i++;
	zos_printf("vfs-writer: %u intact\n", i);
	for (uint32_t end = i + FILES_PER_RUN; i < end; i++) {
		uint32_t n = fill(i);
		int64_t r;
		zos_snprintf(path, sizeof path, HOME "/f%u", i);
		r = zos_vfs_write(path, want, n);
		if (r < 0) {
			zos_printf("vfs-writer: cannot write %s: %s\n", path, zos_vfs_error());
			return 1;
		}
		zos_printf("vfs-writer: wrote f%u\n", i);
	}
	return 0;
}
