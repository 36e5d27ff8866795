/*
 * The Zero OS side of `make bench`'s VFS figure (bench/vfs_throughput.c):
 * writes then reads SMALL_FILES files of 100 bytes and LARGE_FILES files
 * of 1 MiB in its home through the VFS client, timing each phase with the
 * kernel's clock, and prints one machine-readable line per size:
 * "vfs-bench: result <name> <files> <bytes each> <write ns> <read ns>".
 */
#include "vfs.h"

#include "lib/fmt.h"

#define SMALL_FILES 200
#define LARGE_FILES 3
#define LARGE (1u << 20)

static uint8_t data[LARGE], back[LARGE];

static int phase(const char *name, uint32_t files, uint32_t size)
{
	char path[64];
	uint64_t t0, t1, t2;

	t0 = zos_time_ns();
	for (uint32_t i = 0; i < files; i++) {
		zos_snprintf(path, sizeof path, "/apps/vfs-bench/%s%u", name, i);
		if (zos_vfs_write(path, data, size) != (int64_t)size) {
			zos_printf("vfs-bench: cannot write %s: %s\n", path, zos_vfs_error());
			return 1;
		}
	}
	t1 = zos_time_ns();
	for (uint32_t i = 0; i < files; i++) {
		zos_snprintf(path, sizeof path, "/apps/vfs-bench/%s%u", name, i);
		if (zos_vfs_read(path, 0, back, size, 0) != (int64_t)size || back[size - 1] != data[size - 1]) {
			zos_printf("vfs-bench: cannot read %s back: %s\n", path, zos_vfs_error());
			return 1;
		}
	}
	t2 = zos_time_ns();
	zos_printf("vfs-bench: result %s %u %u %llu %llu\n", name, files, size,
		   (unsigned long long)(t1 - t0), (unsigned long long)(t2 - t1));
	return 0;
}

int zos_main(void)
{
	int bad;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	for (uint32_t i = 0; i < LARGE; i++)
		data[i] = (uint8_t)(i * 13 + 5);
	bad = phase("small", SMALL_FILES, 100) || phase("large", LARGE_FILES, LARGE);
	zos_print(bad ? "vfs-bench: failed\n" : "vfs-bench: done\n");
	return bad;
}
