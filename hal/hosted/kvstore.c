/*
 * The hosted key-value store (see kvstore.h): one SQLite database file,
 * one connection, one worker thread.
 *
 * Threads. The caller's thread (the kernel's; kv_submit, kv_take and
 * kv_close come from that one thread) never touches SQLite while the worker
 * runs. It validates and copies a request, appends it to `jobs` and signals
 * `wake`; the worker takes jobs in order, runs each against the database and
 * appends the result to `done`. Both FIFOs and the counters live under
 * `lock`. The connection and its prepared statements belong to kv_open
 * until the worker starts and to kv_close after it is joined; in between,
 * to the worker alone.
 *
 * Invariants, whenever `lock` is free:
 *   - in_flight = job_count + (1 if the worker holds a job) + done_count,
 *     and in_flight <= ZOS_KV_MAX_PENDING. A request stays in flight until
 *     its result is taken, so neither FIFO can overflow and memory held for
 *     undrained results is bounded too.
 *   - the eventfd's counter is non-zero exactly when done_count > 0: the
 *     worker adds 1 when `done` becomes non-empty, kv_take reads it back
 *     when it takes the last result. Both happen under `lock`.
 *   - results leave in submission order: one worker, two FIFOs.
 *
 * Database: table kv(key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT
 * ROWID, journal_mode=WAL, synchronous=FULL. Keys and values are always
 * bound as blobs (an empty one as a zero-length blob, never NULL), so keys
 * compare bytewise and LIST can use a plain range. A single write or delete
 * is one autocommit transaction; a batch is one explicit transaction. A
 * SQLite failure becomes an ERROR result carrying SQLite's message; the
 * store keeps serving.
 */
#include "hal/hosted/kvstore.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <zos/error.h>
#include <zos/msg.h>

#include "lib/bytes.h"
#include "lib/kv_batch.h"
#include "lib/kv_request.h"

/* How long a statement waits for another connection's lock (someone
 * inspecting the file with sqlite3) before it fails with "locked". */
#define KV_BUSY_TIMEOUT_MS 500

struct kv_job {
	uint32_t id;
	uint64_t cookie;
	uint8_t op;
	uint8_t *key;       /* owned copy; 0 when key_len is 0 */
	uint32_t key_len;
	uint8_t *value;     /* owned copy (WRITE, BATCH); 0 when value_len is 0 */
	uint32_t value_len;
};

enum kv_stmt {
	ST_READ,
	ST_WRITE,
	ST_DELETE,
	ST_EXISTS,
	ST_LIST_RANGE, /* key >= prefix AND key < successor */
	ST_LIST_FROM,  /* key >= prefix: the prefix has no successor */
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_COUNT
};

static const char *const kv_sql[ST_COUNT] = {
	[ST_READ] = "SELECT value FROM kv WHERE key = ?1",
	[ST_WRITE] = "INSERT OR REPLACE INTO kv(key, value) VALUES (?1, ?2)",
	[ST_DELETE] = "DELETE FROM kv WHERE key = ?1",
	[ST_EXISTS] = "SELECT 1 FROM kv WHERE key = ?1",
	[ST_LIST_RANGE] = "SELECT key FROM kv WHERE key >= ?1 AND key < ?2 ORDER BY key",
	[ST_LIST_FROM] = "SELECT key FROM kv WHERE key >= ?1 ORDER BY key",
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
};

struct kvstore {
	/* Set by kv_open, read-only until kv_close. */
	int efd;                    /* eventfd: readable while done_count > 0 */
	pthread_t worker;
	int started;                /* worker running (kv_close must join it) */
	int sync_ready;             /* lock and wake initialised */

	/* Owned by the worker while it runs (see the top of the file). */
	sqlite3 *db;
	sqlite3_stmt *stmt[ST_COUNT];
	char why[256];              /* the last SQLite failure, for messages */

	/* Guarded by lock. */
	pthread_mutex_t lock;
	pthread_cond_t wake;        /* jobs arrived, or stopping was set */
	struct kv_job jobs[ZOS_KV_MAX_PENDING];     /* submitted, not started */
	uint32_t job_head, job_count;
	struct kv_result done[ZOS_KV_MAX_PENDING];  /* finished, not taken */
	uint32_t done_head, done_count;
	uint32_t in_flight;         /* submitted and not yet taken */
	int stopping;               /* kv_close: finish the jobs, then exit */
};

/* ---- small helpers ---------------------------------------------------- */

static void kv_panic(const char *fn, const char *what)
{
	fprintf(stderr, "panic: %s: %s\n", fn, what);
	abort();
}

static void kv_lock(struct kvstore *kv)
{
	if (pthread_mutex_lock(&kv->lock) != 0)
		kv_panic(__func__, "pthread_mutex_lock failed");
}

static void kv_unlock(struct kvstore *kv)
{
	if (pthread_mutex_unlock(&kv->lock) != 0)
		kv_panic(__func__, "pthread_mutex_unlock failed");
}

/* printf into err (cap bytes), when the caller gave a buffer. */
static void say(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *err, size_t cap, const char *fmt, ...)
{
	va_list ap;
	if (!err || cap == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, cap, fmt, ap);
	va_end(ap);
}

/* A copy of n bytes, or 0 when n is 0. ZOS_OK or RESOURCE_EXHAUSTED. */
static int dup_bytes(const uint8_t *src, uint32_t n, uint8_t **out)
{
	*out = 0;
	if (n == 0)
		return ZOS_OK;
	*out = malloc(n);
	if (!*out)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	memcpy(*out, src, n);
	return ZOS_OK;
}

/* Binds n bytes as a blob; an empty one stays a zero-length blob (SQLite
 * would turn a null pointer into NULL). The bytes outlive the statement's
 * use: every caller resets and clears it before they go away. */
static int bind_bytes(sqlite3_stmt *st, int i, const uint8_t *p, uint32_t n)
{
	if (n == 0)
		return sqlite3_bind_zeroblob(st, i, 0);
	return sqlite3_bind_blob(st, i, p, (int)n, SQLITE_STATIC);
}

static void stmt_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Remembers SQLite's account of the last failure (before a later call
 * overwrites it) and returns ZOS_ERR_IO. */
static int db_failed(struct kvstore *kv)
{
	snprintf(kv->why, sizeof kv->why, "%s (sqlite code %d)", sqlite3_errmsg(kv->db),
		 sqlite3_extended_errcode(kv->db));
	return ZOS_ERR_IO;
}

/* ---- results ---------------------------------------------------------- */

static void result_init(struct kv_result *res, const struct kv_job *job)
{
	memset(res, 0, sizeof *res);
	res->id = job->id;
	res->cookie = job->cookie;
	res->op = job->op;
}

/* An ERROR result saying "<what>: <detail>". If even the message cannot be
 * allocated, the result is an ERROR without one. */
static void result_error(struct kv_result *res, const char *what, const char *detail)
{
	size_t n = strlen(what) + 2 + strlen(detail);
	char *msg = malloc(n + 1);

	free(res->data);
	res->kind = ZOS_STORAGE_RES_ERROR;
	res->data = 0;
	res->data_len = 0;
	res->truncated = 0;
	if (!msg)
		return;
	snprintf(msg, n + 1, "%s: %s", what, detail);
	res->data = (uint8_t *)msg;
	res->data_len = (uint32_t)n;
}

void kv_result_free(struct kv_result *r)
{
	if (!r)
		return;
	free(r->data);
	r->data = 0;
	r->data_len = 0;
}

/* ---- the worker: one function per operation --------------------------- */

/* Steps a statement that returns no rows. ZOS_OK or ZOS_ERR_IO. */
static int db_exec(struct kvstore *kv, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	int ret = rc == SQLITE_DONE ? ZOS_OK : db_failed(kv);
	stmt_done(st);
	return ret;
}

static int db_put(struct kvstore *kv, const uint8_t *k, uint32_t kn, const uint8_t *v, uint32_t vn)
{
	sqlite3_stmt *st = kv->stmt[ST_WRITE];
	if (bind_bytes(st, 1, k, kn) != SQLITE_OK || bind_bytes(st, 2, v, vn) != SQLITE_OK) {
		int ret = db_failed(kv);
		stmt_done(st);
		return ret;
	}
	return db_exec(kv, st);
}

static int db_del(struct kvstore *kv, const uint8_t *k, uint32_t kn)
{
	sqlite3_stmt *st = kv->stmt[ST_DELETE];
	if (bind_bytes(st, 1, k, kn) != SQLITE_OK) {
		int ret = db_failed(kv);
		stmt_done(st);
		return ret;
	}
	return db_exec(kv, st);
}

/* Binds the key to a one-row lookup and steps it: SQLITE_ROW, SQLITE_DONE
 * (no such key) or a failure already recorded by db_failed. The caller
 * reads the row and calls stmt_done. */
static int db_lookup(struct kvstore *kv, sqlite3_stmt *st, const struct kv_job *job)
{
	int rc = bind_bytes(st, 1, job->key, job->key_len);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_failed(kv);
	return rc;
}

/* The value in column 0 of the current row, copied into res. */
static void take_value(sqlite3_stmt *st, struct kv_result *res)
{
	const void *p = sqlite3_column_blob(st, 0);
	int n = sqlite3_column_bytes(st, 0);

	if (n < 0 || n > ZOS_KV_VALUE_MAX) {
		result_error(res, "read", "stored value is larger than ZOS_KV_VALUE_MAX");
		return;
	}
	if (n > 0 && !p) {
		result_error(res, "read", "out of memory");
		return;
	}
	if (dup_bytes(p, (uint32_t)n, &res->data) != ZOS_OK) {
		result_error(res, "read", "out of memory");
		return;
	}
	res->kind = ZOS_STORAGE_RES_READ_OK;
	res->data_len = (uint32_t)n;
}

static void run_read(struct kvstore *kv, const struct kv_job *job, struct kv_result *res)
{
	sqlite3_stmt *st = kv->stmt[ST_READ];
	int rc = db_lookup(kv, st, job);

	if (rc == SQLITE_ROW)
		take_value(st, res);
	else if (rc == SQLITE_DONE)
		res->kind = ZOS_STORAGE_RES_NOT_FOUND;
	else
		result_error(res, "read", kv->why);
	stmt_done(st);
}

static void run_exists(struct kvstore *kv, const struct kv_job *job, struct kv_result *res)
{
	sqlite3_stmt *st = kv->stmt[ST_EXISTS];
	int rc = db_lookup(kv, st, job);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		res->kind = ZOS_STORAGE_RES_EXISTS_OK;
		res->exists = rc == SQLITE_ROW;
	} else {
		result_error(res, "exists", kv->why);
	}
	stmt_done(st);
}

/* Durable here: in autocommit mode the statement is its own transaction,
 * and with synchronous=FULL the WAL is fsynced before step returns DONE. */
static void run_write(struct kvstore *kv, const struct kv_job *job, struct kv_result *res)
{
	if (db_put(kv, job->key, job->key_len, job->value, job->value_len) == ZOS_OK)
		res->kind = ZOS_STORAGE_RES_WRITE_OK;
	else
		result_error(res, "write", kv->why);
}

/* Deleting a key that is not there succeeds too (WRITE_OK): afterwards the
 * key is absent either way, as with IndexedDB's delete. */
static void run_delete(struct kvstore *kv, const struct kv_job *job, struct kv_result *res)
{
	if (db_del(kv, job->key, job->key_len) == ZOS_OK)
		res->kind = ZOS_STORAGE_RES_WRITE_OK;
	else
		result_error(res, "delete", kv->why);
}

/* Applies every entry inside the open transaction; stops at the first
 * failure. kv_submit checked the job's own copy of the batch. */
static int batch_apply(struct kvstore *kv, const struct kv_job *job)
{
	struct kv_batch_entry e;
	uint32_t count = zos_le32(job->value);
	size_t pos = 4;
	int ret = ZOS_OK;

	for (uint32_t i = 0; i < count && ret == ZOS_OK; i++) {
		kv_batch_next(job->value, &pos, &e);
		if (e.op == KV_WRITE)
			ret = db_put(kv, e.key, e.key_len, e.value, e.value_len);
		else
			ret = db_del(kv, e.key, e.key_len);
	}
	return ret;
}

/* One transaction: every entry or none. */
static void run_batch(struct kvstore *kv, const struct kv_job *job, struct kv_result *res)
{
	int ret = db_exec(kv, kv->stmt[ST_BEGIN]);

	if (ret == ZOS_OK)
		ret = batch_apply(kv, job);
	if (ret == ZOS_OK)
		ret = db_exec(kv, kv->stmt[ST_COMMIT]); /* durable here, as run_write */
	if (ret == ZOS_OK) {
		res->kind = ZOS_STORAGE_RES_WRITE_OK;
		return;
	}
	result_error(res, "batch", kv->why);
	/* SQLite may already have rolled back (a full disk does); only an
	 * open transaction is rolled back here. why is already saved. */
	if (!sqlite3_get_autocommit(kv->db))
		db_exec(kv, kv->stmt[ST_ROLLBACK]);
}

/* ---- LIST --------------------------------------------------------------- */

/* The LIST encoding, at most one result message's worth. */
struct kv_list {
	uint8_t *p;         /* ZOS_KV_RESULT_DATA_MAX bytes */
	uint32_t len, count;
};

/* The smallest key above every key that starts with prefix: drop trailing
 * 0xFF bytes and add one to the last byte left. Its length, or 0 when there
 * is none (the prefix is empty or all 0xFF): then no upper bound applies. */
static uint32_t prefix_successor(const uint8_t *prefix, uint32_t n, uint8_t *out)
{
	while (n > 0 && prefix[n - 1] == 0xFF)
		n--;
	if (n == 0)
		return 0;
	memcpy(out, prefix, n);
	out[n - 1]++;
	return n;
}

/* The range query for job's prefix, bound and ready to step. succ must
 * live until the statement is done. */
static sqlite3_stmt *list_query(struct kvstore *kv, const struct kv_job *job, uint8_t *succ)
{
	uint32_t sn = prefix_successor(job->key, job->key_len, succ);
	sqlite3_stmt *st = kv->stmt[sn ? ST_LIST_RANGE : ST_LIST_FROM];
	int rc = bind_bytes(st, 1, job->key, job->key_len);

	if (rc == SQLITE_OK && sn)
		rc = bind_bytes(st, 2, succ, sn);
	if (rc != SQLITE_OK) {
		db_failed(kv);
		stmt_done(st);
		return 0;
	}
	return st;
}

/* Steps through the matching keys into l. ZOS_OK (truncated set when a
 * key did not fit), or an error with its reason in why. */
static int list_collect(struct kvstore *kv, sqlite3_stmt *st, struct kv_list *l, uint8_t *truncated)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const uint8_t *k = sqlite3_column_blob(st, 0);
		int n = sqlite3_column_bytes(st, 0);

		if (n < 0 || n > ZOS_KV_KEY_MAX || (n > 0 && !k)) {
			snprintf(kv->why, sizeof kv->why, "a stored key is unreadable or too long");
			return ZOS_ERR_CORRUPT;
		}
		if (!kv_list_add(l->p, ZOS_KV_RESULT_DATA_MAX, &l->len, &l->count, k, (uint32_t)n)) {
			*truncated = 1; /* this key matched but did not fit */
			return ZOS_OK;
		}
	}
	return rc == SQLITE_DONE ? ZOS_OK : db_failed(kv);
}

static void run_list(struct kvstore *kv, const struct kv_job *job, struct kv_result *res)
{
	uint8_t succ[ZOS_KV_KEY_MAX];
	struct kv_list l = { 0, 0, 0 };
	sqlite3_stmt *st = list_query(kv, job, succ);
	int ret = st ? ZOS_OK : ZOS_ERR_IO;

	if (ret == ZOS_OK && !(l.p = malloc(ZOS_KV_RESULT_DATA_MAX))) {
		snprintf(kv->why, sizeof kv->why, "out of memory");
		ret = ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	if (ret == ZOS_OK) {
		l.len = 4; /* the count goes here once known */
		ret = list_collect(kv, st, &l, &res->truncated);
	}
	if (st)
		stmt_done(st);
	if (ret != ZOS_OK) {
		free(l.p);
		result_error(res, "list", kv->why);
		return;
	}
	zos_st32(l.p, l.count);
	res->kind = ZOS_STORAGE_RES_LIST_OK;
	res->data = l.p;
	res->data_len = l.len;
}

static void run_job(struct kvstore *kv, const struct kv_job *job, struct kv_result *res)
{
	result_init(res, job);
	switch (job->op) {
	case KV_READ:
		run_read(kv, job, res);
		break;
	case KV_WRITE:
		run_write(kv, job, res);
		break;
	case KV_DELETE:
		run_delete(kv, job, res);
		break;
	case KV_LIST:
		run_list(kv, job, res);
		break;
	case KV_EXISTS:
		run_exists(kv, job, res);
		break;
	case KV_BATCH:
		run_batch(kv, job, res);
		break;
	default:
		kv_panic(__func__, "kv_submit let through an unknown op");
	}
}

/* ---- the queues --------------------------------------------------------- */

static void event_raise(struct kvstore *kv)
{
	uint64_t one = 1;
	ssize_t n;

	do
		n = write(kv->efd, &one, sizeof one);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof one)
		kv_panic(__func__, "eventfd write failed");
}

static void event_clear(struct kvstore *kv)
{
	uint64_t v;
	ssize_t n;

	do
		n = read(kv->efd, &v, sizeof v);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof v)
		kv_panic(__func__, "eventfd was not readable with results waiting");
}

/* Worker: waits for the next job. 1 with *job filled, 0 when stopping and
 * nothing is left. */
static int next_job(struct kvstore *kv, struct kv_job *job)
{
	int got = 0;

	kv_lock(kv);
	while (kv->job_count == 0 && !kv->stopping)
		if (pthread_cond_wait(&kv->wake, &kv->lock) != 0)
			kv_panic(__func__, "pthread_cond_wait failed");
	if (kv->job_count > 0) {
		*job = kv->jobs[kv->job_head];
		kv->job_head = (kv->job_head + 1) % ZOS_KV_MAX_PENDING;
		kv->job_count--;
		got = 1;
	}
	kv_unlock(kv);
	return got;
}

/* Worker: the result becomes visible to kv_take here. */
static void finish_job(struct kvstore *kv, const struct kv_result *res)
{
	kv_lock(kv);
	if (kv->done_count >= ZOS_KV_MAX_PENDING)
		kv_panic(__func__, "more results than requests in flight");
	kv->done[(kv->done_head + kv->done_count) % ZOS_KV_MAX_PENDING] = *res;
	kv->done_count++;
	if (kv->done_count == 1)
		event_raise(kv);
	kv_unlock(kv);
}

static void job_free(struct kv_job *job)
{
	free(job->key);
	free(job->value);
	job->key = 0;
	job->value = 0;
}

static void *worker_main(void *arg)
{
	struct kvstore *kv = arg;
	struct kv_job job;
	struct kv_result res;

	while (next_job(kv, &job)) {
		run_job(kv, &job, &res);
		job_free(&job);
		finish_job(kv, &res);
	}
	return 0;
}

/* ---- kv_submit ---------------------------------------------------------- */

/* Decides whether req is acceptable, by the limits every platform's
 * devices share; changes nothing. */
static int request_check(const struct kv_request *req)
{
	struct kv_call c = { req->op, 0, req->key, req->key_len, req->value, req->value_len };

	return kv_call_check(&c);
}

/* The job for a checked request, with its own copies of the bytes. */
static int job_make(const struct kv_request *req, struct kv_job *job)
{
	int uses_value = req->op == KV_WRITE || req->op == KV_BATCH;

	memset(job, 0, sizeof *job);
	job->id = req->id;
	job->cookie = req->cookie;
	job->op = req->op;
	job->key_len = req->key_len;
	job->value_len = uses_value ? req->value_len : 0;
	if (dup_bytes(req->key, job->key_len, &job->key) != ZOS_OK ||
	    dup_bytes(req->value, job->value_len, &job->value) != ZOS_OK) {
		job_free(job);
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	return ZOS_OK;
}

int kv_submit(struct kvstore *kv, const struct kv_request *req)
{
	struct kv_job job;
	int ret;

	if (!kv || !req)
		return ZOS_ERR_INVALID_ARGUMENT;
	ret = request_check(req);
	if (ret == ZOS_OK)
		ret = job_make(req, &job);
	if (ret != ZOS_OK)
		return ret;
	kv_lock(kv);
	if (kv->in_flight >= ZOS_KV_MAX_PENDING || kv->stopping) {
		kv_unlock(kv);
		job_free(&job);
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	kv->jobs[(kv->job_head + kv->job_count) % ZOS_KV_MAX_PENDING] = job;
	kv->job_count++;
	kv->in_flight++;
	if (pthread_cond_signal(&kv->wake) != 0)
		kv_panic(__func__, "pthread_cond_signal failed");
	kv_unlock(kv);
	return ZOS_OK;
}

/* ---- kv_take, kv_event_fd ------------------------------------------------ */

int kv_take(struct kvstore *kv, struct kv_result *out)
{
	int taken = 0;

	if (!kv || !out)
		return 0;
	kv_lock(kv);
	if (kv->done_count > 0) {
		*out = kv->done[kv->done_head];
		kv->done_head = (kv->done_head + 1) % ZOS_KV_MAX_PENDING;
		kv->done_count--;
		kv->in_flight--;
		if (kv->done_count == 0)
			event_clear(kv);
		taken = 1;
	}
	kv_unlock(kv);
	return taken;
}

int kv_event_fd(const struct kvstore *kv)
{
	return kv ? kv->efd : -1;
}

/* ---- kv_open, kv_close --------------------------------------------------- */

/* Runs one statement with no parameters; the first column of its first row
 * (if any) goes into out. ZOS_OK, or ZOS_ERR_IO with the reason in why. */
static int db_setup(struct kvstore *kv, const char *sql, char *out, size_t cap)
{
	sqlite3_stmt *st = 0;
	int rc = sqlite3_prepare_v2(kv->db, sql, -1, &st, 0);
	int ret = ZOS_OK;

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		snprintf(out, cap, "%s", t ? (const char *)t : "");
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = db_failed(kv);
	sqlite3_finalize(st);
	return ret;
}

/* WAL, full sync, the table. The first statement is also the first to
 * read the file, so this is where a file that is not a database fails. */
static int db_configure(struct kvstore *kv, char *err, size_t cap)
{
	char mode[16] = "";

	if (db_setup(kv, "PRAGMA journal_mode=WAL", mode, sizeof mode) != ZOS_OK) {
		say(err, cap, "cannot use it as a database: %s", kv->why);
		return ZOS_ERR_IO;
	}
	if (strcmp(mode, "wal") != 0) {
		say(err, cap, "journal mode is '%s', not 'wal'", mode);
		return ZOS_ERR_NOT_SUPPORTED;
	}
	if (db_setup(kv, "PRAGMA synchronous=FULL", 0, 0) != ZOS_OK ||
	    db_setup(kv, "CREATE TABLE IF NOT EXISTS kv(key BLOB PRIMARY KEY, "
			 "value BLOB NOT NULL) WITHOUT ROWID", 0, 0) != ZOS_OK) {
		say(err, cap, "cannot set up the database: %s", kv->why);
		return ZOS_ERR_IO;
	}
	return ZOS_OK;
}

static int db_prepare(struct kvstore *kv, char *err, size_t cap)
{
	for (int i = 0; i < ST_COUNT; i++) {
		if (sqlite3_prepare_v2(kv->db, kv_sql[i], -1, &kv->stmt[i], 0) != SQLITE_OK) {
			db_failed(kv);
			say(err, cap, "cannot prepare '%s': %s", kv_sql[i], kv->why);
			return ZOS_ERR_IO;
		}
	}
	return ZOS_OK;
}

/* Opens the connection for use by one thread at a time (NOMUTEX: the
 * worker is its only user while it runs). */
static int db_open(struct kvstore *kv, const char *path, char *err, size_t cap)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

	if (!sqlite3_threadsafe()) {
		say(err, cap, "this SQLite library was built without thread support");
		return ZOS_ERR_NOT_SUPPORTED;
	}
	if (sqlite3_open_v2(path, &kv->db, flags, 0) != SQLITE_OK) {
		say(err, cap, "cannot open: %s", kv->db ? sqlite3_errmsg(kv->db) : "out of memory");
		return ZOS_ERR_IO;
	}
	if (sqlite3_db_readonly(kv->db, "main") == 1) {
		say(err, cap, "the file is read-only");
		return ZOS_ERR_IO;
	}
	sqlite3_extended_result_codes(kv->db, 1);
	if (sqlite3_busy_timeout(kv->db, KV_BUSY_TIMEOUT_MS) != SQLITE_OK) {
		say(err, cap, "cannot set a busy timeout");
		return ZOS_ERR_IO;
	}
	if (db_configure(kv, err, cap) != ZOS_OK)
		return ZOS_ERR_IO;
	return db_prepare(kv, err, cap);
}

static void db_close(struct kvstore *kv)
{
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(kv->stmt[i]);
	if (kv->db && sqlite3_close(kv->db) != SQLITE_OK)
		fprintf(stderr, "kv_close: %s\n", sqlite3_errmsg(kv->db));
	kv->db = 0;
}

static int sync_init(struct kvstore *kv, char *err, size_t cap)
{
	if (pthread_mutex_init(&kv->lock, 0) != 0)
		goto fail;
	if (pthread_cond_init(&kv->wake, 0) != 0) {
		pthread_mutex_destroy(&kv->lock);
		goto fail;
	}
	kv->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (kv->efd < 0) {
		pthread_cond_destroy(&kv->wake);
		pthread_mutex_destroy(&kv->lock);
		goto fail;
	}
	kv->sync_ready = 1;
	return ZOS_OK;
fail:
	say(err, cap, "cannot create the worker's lock or eventfd: %s", strerror(errno));
	return ZOS_ERR_RESOURCE_EXHAUSTED;
}

/* Starts the worker with every signal blocked, so that signals go to the
 * caller's thread, which owns the process's signal handling. */
static int worker_start(struct kvstore *kv, char *err, size_t cap)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	if (pthread_sigmask(SIG_SETMASK, &all, &old) != 0) {
		say(err, cap, "cannot block signals for the worker");
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	rc = pthread_create(&kv->worker, 0, worker_main, kv);
	if (pthread_sigmask(SIG_SETMASK, &old, 0) != 0)
		kv_panic(__func__, "cannot restore the signal mask");
	if (rc != 0) {
		say(err, cap, "cannot start the worker thread: %s", strerror(rc));
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	kv->started = 1;
	return ZOS_OK;
}

/* Stops the worker once it has run every job, and waits for it. */
static void worker_stop(struct kvstore *kv)
{
	kv_lock(kv);
	kv->stopping = 1;
	if (pthread_cond_signal(&kv->wake) != 0)
		kv_panic(__func__, "pthread_cond_signal failed");
	kv_unlock(kv);
	if (pthread_join(kv->worker, 0) != 0)
		kv_panic(__func__, "pthread_join failed");
	kv->started = 0;
}

/* Frees everything kv holds; the worker must not be running. */
static void kv_destroy(struct kvstore *kv)
{
	while (kv->job_count > 0) {
		job_free(&kv->jobs[kv->job_head]);
		kv->job_head = (kv->job_head + 1) % ZOS_KV_MAX_PENDING;
		kv->job_count--;
	}
	while (kv->done_count > 0) {
		kv_result_free(&kv->done[kv->done_head]);
		kv->done_head = (kv->done_head + 1) % ZOS_KV_MAX_PENDING;
		kv->done_count--;
	}
	db_close(kv);
	if (kv->sync_ready) {
		close(kv->efd);
		pthread_cond_destroy(&kv->wake);
		pthread_mutex_destroy(&kv->lock);
	}
	free(kv);
}

struct kvstore *kv_open(const char *path, char *err, size_t cap)
{
	char why[400] = "out of memory";
	struct kvstore *kv;

	say(err, cap, "%s", "");
	if (!path || !*path) {
		say(err, cap, "kv_open: no path given");
		return 0;
	}
	kv = calloc(1, sizeof *kv);
	if (!kv || db_open(kv, path, why, sizeof why) != ZOS_OK ||
	    sync_init(kv, why, sizeof why) != ZOS_OK || worker_start(kv, why, sizeof why) != ZOS_OK) {
		say(err, cap, "%s: %s", path, why);
		if (kv)
			kv_destroy(kv);
		return 0;
	}
	return kv;
}

void kv_close(struct kvstore *kv)
{
	if (!kv)
		return;
	if (kv->started)
		worker_stop(kv);
	kv_destroy(kv);
}
