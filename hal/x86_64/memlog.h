/*
 * The CommitLog's sink on x86_64 when there is no system disk (the
 * kernel-driven self-tests, a machine without virtio disks, or a disk
 * whose log does not verify): a fixed buffer in kernel memory. Writes that
 * do not fit fail (ZOS_ERR_IO), which stops the log (fail closed) rather
 * than dropping records. Not durable: it is gone at power-off. With a
 * system disk the log goes to lib/blockstore/logstore.c instead.
 */
#ifndef ZOS_X86_MEMLOG_H
#define ZOS_X86_MEMLOG_H

#include <stddef.h>
#include <stdint.h>

#include "axiom/commitlog.h"

struct memlog {
	uint8_t *buf;
	size_t len;
	size_t cap;
	size_t flushed; /* len at the last flush */
};

/* cap bytes from the kernel heap; ZOS_OK or RESOURCE_EXHAUSTED. */
int memlog_init(struct memlog *m, size_t cap);
/* A log_sink writing into m. */
struct log_sink memlog_sink(struct memlog *m);

#endif
