/*
 * The CommitLog file (see logfile.h).
 */
#define _GNU_SOURCE
#include "hal/hosted/logfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zos/error.h>

static int read_all(int fd, uint8_t **data, size_t *len)
{
	struct stat st;
	size_t got = 0;

	if (fstat(fd, &st) != 0)
		return ZOS_ERR_IO;
	*data = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!*data)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	while (got < (size_t)st.st_size) {
		ssize_t n = pread(fd, *data + got, (size_t)st.st_size - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(*data);
			*data = 0;
			return ZOS_ERR_IO;
		}
		got += (size_t)n;
	}
	*len = got;
	return ZOS_OK;
}

int logfile_open(struct logfile *lf, const char *path, uint8_t **data, size_t *len, char *err,
		 size_t errcap)
{
	memset(lf, 0, sizeof *lf);
	lf->fd = -1;
	if (snprintf(lf->path, sizeof lf->path, "%s", path) >= (int)sizeof lf->path) {
		snprintf(err, errcap, "log path too long: %s", path);
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	lf->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lf->fd < 0) {
		snprintf(err, errcap, "cannot open %s: %s", path, strerror(errno));
		return ZOS_ERR_IO;
	}
	/* One writer per log: a second zos on the same data would interleave
	 * records and break the chain. The lock goes with the process. */
	if (flock(lf->fd, LOCK_EX | LOCK_NB) != 0) {
		snprintf(err, errcap, "%s is in use by another running zos (%s); "
				      "stop it first, or use another --data directory",
			 path, errno == EWOULDBLOCK ? "locked" : strerror(errno));
		close(lf->fd);
		lf->fd = -1;
		return ZOS_ERR_IO;
	}
	if (read_all(lf->fd, data, len) != ZOS_OK) {
		snprintf(err, errcap, "cannot read %s: %s", path, strerror(errno));
		close(lf->fd);
		lf->fd = -1;
		return ZOS_ERR_IO;
	}
	lf->size = *len;
	return ZOS_OK;
}

int logfile_read(struct logfile *lf, uint8_t **data, size_t *len)
{
	return read_all(lf->fd, data, len);
}

static int sink_write(void *ctx, const uint8_t *data, size_t n)
{
	struct logfile *lf = ctx;

	if (lf->failed)
		return ZOS_ERR_LOG_FAILED;
	if (lf->len + n > lf->cap) {
		size_t cap = lf->cap ? lf->cap * 2 : 65536;
		uint8_t *p;
		while (cap < lf->len + n)
			cap *= 2;
		p = realloc(lf->buf, cap);
		if (!p)
			return ZOS_ERR_RESOURCE_EXHAUSTED;
		lf->buf = p;
		lf->cap = cap;
	}
	memcpy(lf->buf + lf->len, data, n);
	lf->len += n;
	return ZOS_OK;
}

static int fail(struct logfile *lf)
{
	lf->failed = 1;
	return ZOS_ERR_IO;
}

int logfile_flush(struct logfile *lf)
{
	size_t done = 0;

	if (lf->failed)
		return ZOS_ERR_LOG_FAILED;
	if (lf->len == 0)
		return ZOS_OK;
	if (lf->inject_failure && --lf->inject_failure == 0)
		return fail(lf); /* the test hook: this flush "fails" */
	while (done < lf->len) {
		ssize_t n = pwrite(lf->fd, lf->buf + done, lf->len - done, (off_t)(lf->size + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return fail(lf);
		done += (size_t)n;
	}
	/* The group commit point: once fdatasync returns, every record written
	 * so far is on the disk. If it fails, nothing is known: stop for good. */
	if (fdatasync(lf->fd) != 0)
		return fail(lf);
	lf->size += lf->len;
	lf->len = 0;
	return ZOS_OK;
}

static int sink_flush(void *ctx)
{
	return logfile_flush(ctx);
}

static int sink_truncate(void *ctx, size_t len)
{
	struct logfile *lf = ctx;

	if (lf->failed || len > lf->size)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (ftruncate(lf->fd, (off_t)len) != 0 || fdatasync(lf->fd) != 0)
		return fail(lf);
	lf->size = len;
	return ZOS_OK;
}

struct log_sink logfile_sink(struct logfile *lf)
{
	struct log_sink s = { sink_write, sink_flush, sink_truncate, lf };
	return s;
}

void logfile_close(struct logfile *lf)
{
	if (lf->fd >= 0)
		close(lf->fd);
	free(lf->buf);
	lf->fd = -1;
	lf->buf = 0;
}

int logfile_move_aside(const char *path, char *moved, size_t cap)
{
	for (int i = 1; i < 1000; i++) {
		if (snprintf(moved, cap, "%s.corrupt-%d", path, i) >= (int)cap)
			return ZOS_ERR_INVALID_ARGUMENT;
		if (access(moved, F_OK) == 0)
			continue;
		return rename(path, moved) == 0 ? ZOS_OK : ZOS_ERR_IO;
	}
	return ZOS_ERR_RESOURCE_EXHAUSTED;
}
