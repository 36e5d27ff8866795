/*
 * vfs_throughput: VFS write+read throughput on Zero OS hosted on Linux,
 * for small (100 B) and large (1 MiB) files, beside the same bytes
 * written straight into SQLite in the same run (figure 6 of `make bench`).
 *
 * The Zero OS side is user/tests/vfs-bench, started with `spawn` in a
 * fresh zos on a throwaway data directory; it times itself with the
 * kernel's clock (each file through the VFS client: JSON, base64, 2 KiB
 * requests, one SQLite transaction per request, the log made durable
 * before each device request). The baseline opens a SQLite database
 * with the storage device's settings (WAL, synchronous=FULL, the same
 * table) and, per file, writes it in one transaction (one row) and then
 * reads it back. Ratios are time(VFS) / time(SQLite): above 1 VFS is
 * slower. Benchmarks are not tests: nothing fails on a number.
 */
#define _GNU_SOURCE
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SMALL_FILES 200
#define LARGE_FILES 3
#define LARGE (1u << 20)

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "vfs_throughput: %s\n", what);
	exit(1);
}

/* The baseline: per file one transaction writing it, then all read back. */
static void sqlite_phase(const char *dir, const char *name, uint32_t files, uint32_t size,
			 uint64_t *wns, uint64_t *rns)
{
	static uint8_t data[LARGE];
	char path[512], key[64];
	sqlite3 *db;
	sqlite3_stmt *put, *get;
	uint64_t t0, t1, t2;

	memset(data, 0x5a, sizeof data);
	snprintf(path, sizeof path, "%s/baseline-%s.db", dir, name);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			     "CREATE TABLE kv(key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
			 0, 0, 0) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO kv VALUES(?1, ?2)", -1, &put, 0) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT value FROM kv WHERE key = ?1", -1, &get, 0) != SQLITE_OK)
		die("cannot set up the SQLite baseline");
	t0 = now_ns();
	for (uint32_t i = 0; i < files; i++) {
		int n = snprintf(key, sizeof key, "/bench/%s%u", name, i);
		sqlite3_exec(db, "BEGIN", 0, 0, 0);
		sqlite3_bind_blob(put, 1, key, n, SQLITE_STATIC);
		sqlite3_bind_blob(put, 2, data, (int)size, SQLITE_STATIC);
		if (sqlite3_step(put) != SQLITE_DONE || sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK)
			die("the SQLite baseline cannot write");
		sqlite3_reset(put);
	}
	t1 = now_ns();
	for (uint32_t i = 0; i < files; i++) {
		int n = snprintf(key, sizeof key, "/bench/%s%u", name, i);
		sqlite3_bind_blob(get, 1, key, n, SQLITE_STATIC);
		if (sqlite3_step(get) != SQLITE_ROW || (uint32_t)sqlite3_column_bytes(get, 0) != size)
			die("the SQLite baseline cannot read");
		sqlite3_reset(get);
	}
	t2 = now_ns();
	sqlite3_finalize(put);
	sqlite3_finalize(get);
	sqlite3_close(db);
	*wns = t1 - t0;
	*rns = t2 - t1;
}

int main(int argc, char **argv)
{
	char dir[] = "build/bench-vfs.XXXXXX", cmd[2048], line[256];
	uint64_t zw[2] = { 0 }, zr[2] = { 0 }, sw[2], sr[2];
	FILE *out;

	if (argc > 1) {
		printf("usage: %s\n(run by `make bench` from the repository's top directory)\n", argv[0]);
		return strcmp(argv[1], "--help") ? 2 : 0;
	}
	if (system("make -s hosted >/dev/null") != 0)
		die("cannot build the hosted system");
	if (!mkdtemp(dir))
		die("cannot make a throwaway directory under build/");
	snprintf(cmd, sizeof cmd,
		 "(echo 'spawn vfs-bench'; i=0; while [ $i -lt 1200 ] && "
		 "! grep -qE 'vfs-bench: (done|failed)' %s/out 2>/dev/null; do sleep 0.1; i=$((i+1)); done; "
		 "echo exit) | timeout 150 build/hosted/zos --data %s/zos --script - >%s/out 2>&1",
		 dir, dir, dir);
	if (system(cmd) != 0)
		fprintf(stderr, "vfs_throughput: zos did not end cleanly\n");
	snprintf(cmd, sizeof cmd, "%s/out", dir);
	out = fopen(cmd, "r");
	while (out && fgets(line, sizeof line, out)) {
		if (strstr(line, "vfs-bench: failed") || strstr(line, "vfs-bench: cannot"))
			fprintf(stderr, "vfs_throughput: zos said: %s", line);
		char name[16];
		unsigned files, size;
		unsigned long long w, r;
		const char *at = strstr(line, "vfs-bench: result ");
		if (at && sscanf(at, "vfs-bench: result %15s %u %u %llu %llu", name, &files, &size, &w, &r) == 5) {
			int k = !strcmp(name, "large");
			zw[k] = w;
			zr[k] = r;
		}
	}
	if (out)
		fclose(out);
	sqlite_phase(dir, "small", SMALL_FILES, 100, &sw[0], &sr[0]);
	sqlite_phase(dir, "large", LARGE_FILES, LARGE, &sw[1], &sr[1]);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "vfs_throughput: could not remove %s\n", dir);
	if (!zw[0] || !zw[1])
		die("vfs-bench printed no results");
	printf("\n6. VFS write+read throughput (hosted; per file, write then read back)\n");
	printf("  %-22s %14s %14s %14s %8s\n", "", "Zero OS VFS", "SQLite direct", "VFS MB/s", "ratio");
	for (int k = 0; k < 2; k++) {
		uint32_t files = k ? LARGE_FILES : SMALL_FILES, size = k ? LARGE : 100;
		double z = (double)(zw[k] + zr[k]) / files, s = (double)(sw[k] + sr[k]) / files;
		printf("  %-22s %11.0f us %11.0f us %14.2f %7.1fx\n",
		       k ? "1 MiB files (x3)" : "100 B files (x200)", z / 1e3, s / 1e3,
		       (double)size / (z / 1e9) / 1e6, z / s);
		printf("  %-22s write %.0f us + read %.0f us per file (SQLite: %.0f + %.0f)\n", "",
		       (double)zw[k] / files / 1e3, (double)zr[k] / files / 1e3,
		       (double)sw[k] / files / 1e3, (double)sr[k] / files / 1e3);
	}
	return 0;
}
