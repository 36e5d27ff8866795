/*
 * The CommitLog file and its anchor (see logfile.h).
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

#include "axiom/anchor.h"


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

/* The anchor file beside the log; a new one's directory entry is made
 * durable at once, so an anchor written later cannot vanish with it. */
static int open_anchor(struct logfile *lf, char *err, size_t errcap)
{
	char apath[sizeof lf->path + 8], dir[sizeof lf->path];
	char *slash;
	int dfd;

	snprintf(apath, sizeof apath, "%s.anchor", lf->path);
	lf->anchor_fd = open(apath, O_RDWR | O_CLOEXEC);
	if (lf->anchor_fd >= 0)
		return ZOS_OK;
	if (errno != ENOENT ||
	    (lf->anchor_fd = open(apath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
		snprintf(err, errcap, "cannot open %s: %s", apath, strerror(errno));
		return ZOS_ERR_IO;
	}
	lf->anchor_new = 1;
	snprintf(dir, sizeof dir, "%s", lf->path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd) != 0) {
		snprintf(err, errcap, "cannot make %s durable: %s", apath, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return ZOS_ERR_IO;
	}
	close(dfd);
	return ZOS_OK;
}

int logfile_open(struct logfile *lf, const char *path, uint8_t **data, size_t *len, char *err,
		 size_t errcap)
{
	memset(lf, 0, sizeof *lf);
	lf->fd = lf->anchor_fd = -1;
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
	if (open_anchor(lf, err, errcap) != ZOS_OK) {
		free(*data);
		*data = 0;
		logfile_close(lf);
		return ZOS_ERR_IO;
	}
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

static int sink_anchor(void *ctx, const struct log_anchor *a)
{
	struct logfile *lf = ctx;
	uint8_t slot[ZOS_ANCHOR_SLOT_SIZE];
	off_t at = (off_t)anchor_slot_for(a->seq) * ZOS_ANCHOR_FILE_SLOT_OFFSET;

	if (lf->failed)
		return ZOS_ERR_LOG_FAILED;
	anchor_encode(a, slot);
	/* One small write within a sector: the old slot or the new one. */
	if (pwrite(lf->anchor_fd, slot, sizeof slot, at) != (ssize_t)sizeof slot ||
	    fdatasync(lf->anchor_fd) != 0)
		return fail(lf);
	return ZOS_OK;
}

static int sink_read_anchor(void *ctx, struct log_anchor *a)
{
	struct logfile *lf = ctx;
	uint8_t slots[ZOS_ANCHOR_SLOTS][ZOS_ANCHOR_SLOT_SIZE];

	for (uint32_t i = 0; i < ZOS_ANCHOR_SLOTS; i++) {
		ssize_t n = pread(lf->anchor_fd, slots[i], sizeof slots[i], (off_t)i * ZOS_ANCHOR_FILE_SLOT_OFFSET);
		if (n < 0)
			return ZOS_ERR_IO;
		memset(slots[i] + n, 0, sizeof slots[i] - (size_t)n); /* a short file: never written */
	}
	return anchor_pick(slots, a);
}

struct log_sink logfile_sink(struct logfile *lf)
{
	return (struct log_sink){ .write = sink_write, .flush = sink_flush, .truncate = sink_truncate,
				  .anchor = sink_anchor, .read_anchor = sink_read_anchor, .ctx = lf };
}

void logfile_close(struct logfile *lf)
{
	if (lf->fd >= 0)
		close(lf->fd);
	if (lf->anchor_fd >= 0)
		close(lf->anchor_fd);
	free(lf->buf);
	lf->fd = lf->anchor_fd = -1;
	lf->buf = 0;
}

int logfile_move_aside(const char *path, char *moved, size_t cap)
{
	for (int i = 1; i < 1000; i++) {
		if (snprintf(moved, cap, "%s.corrupt-%d", path, i) >= (int)cap)
			return ZOS_ERR_INVALID_ARGUMENT;
		char from[4096 + 8], to[4096 + 64];
		if (access(moved, F_OK) == 0)
			continue;
		if (rename(path, moved) != 0)
			return ZOS_ERR_IO;
		if (snprintf(from, sizeof from, "%s.anchor", path) >= (int)sizeof from ||
		    snprintf(to, sizeof to, "%s.anchor", moved) >= (int)sizeof to)
			return ZOS_ERR_INVALID_ARGUMENT;
		return rename(from, to) == 0 || errno == ENOENT ? ZOS_OK : ZOS_ERR_IO;
	}
	return ZOS_ERR_RESOURCE_EXHAUSTED;
}
