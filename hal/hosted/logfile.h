/*
 * The CommitLog on a Linux file system: the framed records of
 * axiom/frame.h, appended as commits happen and made durable in groups.
 *
 * Writes are buffered in memory; logfile_flush writes the buffer and calls
 * fdatasync: that is the group commit point, after which everything
 * appended so far survives a crash. A failed write or fdatasync is final:
 * the file's state after a failed fsync is unknown (Linux may have dropped
 * the dirty pages and marked them clean), so the log refuses everything
 * afterwards and the system must stop; the next boot verifies what reached
 * the disk.
 *
 * Beside it, path.anchor holds the anchor of the durable head
 * (axiom/anchor.h): its two slots at offsets 0 and 512, rewritten and
 * fdatasync'd after each group commit, in a file of its own so that a
 * truncated log cannot take it along.
 */
#ifndef ZOS_HAL_HOSTED_LOGFILE_H
#define ZOS_HAL_HOSTED_LOGFILE_H

#include <stddef.h>
#include <stdint.h>

#include "axiom/commitlog.h"

struct logfile {
	int fd;
	int anchor_fd;       /* path.anchor */
	int anchor_new;      /* the anchor file was created by this open */
	char path[4096];
	uint8_t *buf;        /* records written but not yet on disk */
	size_t len;
	size_t cap;
	size_t size;         /* bytes in the file */
	int failed;          /* a write or fdatasync failed: never again */
	/* Test hook: when n > 0, the n-th flush from now fails as if the disk
	 * had (zos sets it from ZOS_TEST_FAIL_LOG_FLUSH). */
	int inject_failure;
};

/* Opens (creating) the log at path and reads it whole into *data (malloc'd,
 * *len bytes; free it). Returns ZOS_OK or an error, with a reason in err. */
int logfile_open(struct logfile *lf, const char *path, uint8_t **data, size_t *len, char *err,
		 size_t errcap);
/* The sink Axiom writes through. */
struct log_sink logfile_sink(struct logfile *lf);
int logfile_flush(struct logfile *lf);
/* The whole file as it is on the disk now (malloc'd into *data). */
int logfile_read(struct logfile *lf, uint8_t **data, size_t *len);
void logfile_close(struct logfile *lf);
/* Moves a log that cannot be trusted out of the way (to path.corrupt-N,
 * its anchor to path.corrupt-N.anchor) so a fresh one can start; never
 * deletes it. The new name goes to moved. */
int logfile_move_aside(const char *path, char *moved, size_t cap);

#endif
