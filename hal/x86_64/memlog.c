/* The in-memory CommitLog sink (see memlog.h). */
#include "hal/x86_64/memlog.h"

#include <zos/error.h>

#include "hal/x86_64/mem/kheap.h"
#include "lib/mem.h"

int memlog_init(struct memlog *m, size_t cap)
{
	m->buf = kalloc(cap);
	m->len = 0;
	m->flushed = 0;
	m->cap = m->buf ? cap : 0;
	return m->buf ? ZOS_OK : ZOS_ERR_RESOURCE_EXHAUSTED;
}

static int m_write(void *ctx, const uint8_t *data, size_t len)
{
	struct memlog *m = ctx;

	if (len > m->cap - m->len)
		return ZOS_ERR_IO;
	zos_memcpy(m->buf + m->len, data, len);
	m->len += len;
	return ZOS_OK;
}

static int m_flush(void *ctx)
{
	struct memlog *m = ctx;

	m->flushed = m->len;
	return ZOS_OK;
}

static int m_truncate(void *ctx, size_t len)
{
	struct memlog *m = ctx;

	if (len > m->len)
		return ZOS_ERR_INVALID_ARGUMENT;
	m->len = len;
	if (m->flushed > len)
		m->flushed = len;
	return ZOS_OK;
}

struct log_sink memlog_sink(struct memlog *m)
{
	return (struct log_sink){ .write = m_write, .flush = m_flush, .truncate = m_truncate, .ctx = m };
}
