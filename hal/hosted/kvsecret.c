/*
 * A platform secret kept in a store's database, under a reserved key
 * (ZOS_KV_RESERVED_PREFIX: no process request can name it, LIST never
 * shows it). The machine's log key lives in keystore.db this way.
 *
 * It uses a connection of its own, apart from the store's worker (SQLite
 * serializes the two: WAL, a busy timeout), and runs at boot before any
 * process can ask the store for anything. A secret that is not there yet
 * is made with the caller's random bytes and inserted with INSERT OR
 * IGNORE, then read back: whichever write won is the one every reader sees.
 */
#include "hal/hosted/kvstore.h"

#include <sqlite3.h>
#include <string.h>
#include <zos/error.h>

#define SECRET_BUSY_MS 2000

static int read_secret(sqlite3 *db, const char *name, uint8_t *out, uint32_t len)
{
	sqlite3_stmt *st = 0;
	int rc = sqlite3_prepare_v2(db, "SELECT value FROM kv WHERE key = ?1", -1, &st, 0);
	int ret = ZOS_ERR_IO;

	if (rc == SQLITE_OK && sqlite3_bind_blob(st, 1, name, (int)strlen(name), SQLITE_STATIC) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			ret = ZOS_ERR_NOT_FOUND;
		else if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == (int)len) {
			memcpy(out, sqlite3_column_blob(st, 0), len);
			ret = ZOS_OK;
		} else if (rc == SQLITE_ROW) {
			ret = ZOS_ERR_CORRUPT; /* a secret of the wrong size: never replaced */
		}
	}
	sqlite3_finalize(st);
	return ret;
}

static int insert_secret(sqlite3 *db, const char *name, const uint8_t *value, uint32_t len)
{
	sqlite3_stmt *st = 0;
	int rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO kv(key, value) VALUES (?1, ?2)", -1, &st, 0);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_blob(st, 1, name, (int)strlen(name), SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_blob(st, 2, value, (int)len, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ZOS_OK : ZOS_ERR_IO;
}

int kv_platform_secret(const char *db_path, const char *name, uint8_t *out, uint32_t len,
		       int (*make)(void *ctx, uint8_t *out, uint32_t len), void *ctx)
{
	sqlite3 *db = 0;
	int ret;

	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, 0) != SQLITE_OK) {
		sqlite3_close(db);
		return ZOS_ERR_IO;
	}
	sqlite3_busy_timeout(db, SECRET_BUSY_MS);
	sqlite3_exec(db, "PRAGMA synchronous=FULL", 0, 0, 0);
	ret = read_secret(db, name, out, len);
	if (ret == ZOS_ERR_NOT_FOUND) {
		ret = make(ctx, out, len);
		if (ret == ZOS_OK)
			ret = insert_secret(db, name, out, len);
		if (ret == ZOS_OK)
			ret = read_secret(db, name, out, len);
	}
	sqlite3_close(db);
	return ret;
}
