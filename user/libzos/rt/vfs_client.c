/*
 * The VFS client (vfs.h): builds each JSON request, sends it through the
 * transport (a CALL to VFS, found through Init), and reads the answer.
 * Requests and answers are single messages; larger reads and writes are
 * split here into ZOS_VFS_IO_MAX pieces, the first write replacing the
 * file and the others writing at their offset. One request at a time:
 * the buffers are static.
 */
#include "vfs.h"

#include "answer.h"
#include "lib/base64.h"
#include "lib/json.h"
#include "lib/mem.h"

#define ANSWER_TOKENS 1024

static char request[ZOS_MSG_MAX + 1];
static char b64[ZOS_B64_LEN(ZOS_VFS_IO_MAX) + 1];
static struct zos_msg reply;
static struct zjson_tok toks[ANSWER_TOKENS];
static struct zjson_doc answer;
static struct zos_refusal last; /* the last request's refusal, or why it failed */
static int32_t vfs_slot = -1;

/* The default transport: a CALL to VFS; when its endpoint is gone (VFS
 * was restarted), look it up again once. */
static int64_t call_vfs(uint32_t tag, const void *body, uint32_t len, struct zos_msg *out)
{
	return zos_service_call("vfs", &vfs_slot, tag, body, len, out);
}

static zos_vfs_transport transport = call_vfs;

void zos_vfs_use_transport(zos_vfs_transport t)
{
	transport = t ? t : call_vfs;
}

const char *zos_vfs_error(void)
{
	return last.words;
}

/* VFS's "code" as one of our errors. */
static int64_t error_of(const char *code)
{
	if (!zos_strcmp(code, "not_found"))
		return ZOS_ERR_NOT_FOUND;
	if (!zos_strcmp(code, "denied"))
		return ZOS_ERR_INSUFFICIENT_RIGHTS;
	if (!zos_strcmp(code, "io"))
		return ZOS_ERR_IO;
	if (!zos_strcmp(code, "damaged"))
		return ZOS_ERR_CORRUPT;
	return ZOS_ERR_INVALID_ARGUMENT;
}

static void begin(struct zjson_writer *w, const char *path)
{
	zjson_writer_init(w, request, sizeof request);
	zjson_object_begin(w);
	if (path) {
		zjson_key(w, "path");
		zjson_string(w, path);
	}
}

/* Sends the request w holds; ZOS_OK with the answer parsed in `answer`,
 * or the error (its reason in last). */
static int64_t exchange(uint32_t tag, struct zjson_writer *w)
{
	int64_t n;
	int r;

	zjson_object_end(w);
	last.code[0] = last.words[0] = 0;
	if (zjson_finish(w) != ZOS_OK)
		return zos_refusal_say(&last, ZOS_ERR_MESSAGE_TOO_LARGE, "the request does not fit in a message");
	n = transport(tag, w->buf, (uint32_t)w->len, &reply);
	if (n < 0)
		return zos_refusal_say(&last, n, "VFS does not answer");
	if (reply.h.tag != tag + 1) {
		int64_t err = ZOS_ERR_NOT_SUPPORTED;
		if (n == sizeof err)
			zos_memcpy(&err, reply.body, sizeof err);
		return zos_refusal_say(&last, err < 0 ? err : ZOS_ERR_NOT_SUPPORTED,
				       "VFS does not know this request");
	}
	r = zos_answer_read(&answer, reply.body, (size_t)n, toks, ANSWER_TOKENS, "VFS", &last);
	if (r == ZOS_ANSWER_REFUSED)
		return error_of(last.code);
	return r;
}

static int64_t simple(uint32_t tag, const char *path)
{
	struct zjson_writer w;

	begin(&w, path);
	return exchange(tag, &w);
}

int64_t zos_vfs_mkdir(const char *path, int parents)
{
	struct zjson_writer w;

	begin(&w, path);
	zjson_key(&w, "parents");
	zjson_boolean(&w, parents);
	return exchange(ZOS_MSG_VFS_MKDIR, &w);
}

int64_t zos_vfs_rmdir(const char *path)
{
	return simple(ZOS_MSG_VFS_RMDIR, path);
}

int64_t zos_vfs_unlink(const char *path)
{
	return simple(ZOS_MSG_VFS_UNLINK, path);
}

int64_t zos_vfs_exists(const char *path)
{
	int64_t r = simple(ZOS_MSG_VFS_EXISTS, path);
	int exists;

	if (r < 0)
		return r;
	if (zjson_get_bool(&answer, 0, "exists", &exists) != ZOS_OK)
		return zos_refusal_say(&last, ZOS_ERR_CORRUPT, "VFS's answer lacks \"exists\"");
	return exists;
}

int64_t zos_vfs_stat(const char *path, struct zos_vfs_stat *st)
{
	int64_t r = simple(ZOS_MSG_VFS_STAT, path), v;
	int32_t in;
	char type[8];

	if (r < 0)
		return r;
	in = zjson_get(&answer, 0, "inode");
	zos_memset(st, 0, sizeof *st);
	if (zjson_get_str(&answer, in, "type", type, sizeof type) != ZOS_OK ||
	    zjson_get_str(&answer, in, "owner", st->owner, sizeof st->owner) != ZOS_OK)
		return zos_refusal_say(&last, ZOS_ERR_CORRUPT, "VFS's answer lacks the inode");
	st->type = !zos_strcmp(type, "dir") ? ZOS_VFS_DIR : ZOS_VFS_FILE;
	if (zjson_get_int(&answer, in, "size", &v) == ZOS_OK)
		st->size = (uint64_t)v;
	if (zjson_get_int(&answer, in, "mode", &v) == ZOS_OK)
		st->mode = (uint32_t)v;
	if (zjson_get_int(&answer, in, "entries", &v) == ZOS_OK)
		st->entries = (uint32_t)v;
	if (zjson_get_int(&answer, in, "ino", &v) == ZOS_OK)
		st->ino = (uint64_t)v;
	zjson_get_int(&answer, in, "created", &st->created);
	zjson_get_int(&answer, in, "modified", &st->modified);
	return ZOS_OK;
}

/* One WRITE of at most ZOS_VFS_IO_MAX bytes: how ("replace", "append" or
 * an offset when how is 0). */
static int64_t write_piece(const char *path, const char *how, uint64_t offset, const void *data,
			   uint32_t len)
{
	struct zjson_writer w;
	size_t n;

	if (zos_b64_encode(data, len, b64, sizeof b64, &n) != ZOS_OK)
		return zos_refusal_say(&last, ZOS_ERR_INVALID_ARGUMENT, "a piece larger than ZOS_VFS_IO_MAX");
	begin(&w, path);
	zjson_key(&w, "data");
	zjson_string_n(&w, b64, n);
	if (how && !zos_strcmp(how, "append")) {
		zjson_key(&w, "append");
		zjson_boolean(&w, 1);
	} else if (!how) {
		zjson_key(&w, "offset");
		zjson_uint64(&w, offset);
	}
	return exchange(ZOS_MSG_VFS_WRITE, &w);
}

static int64_t write_all(const char *path, const void *data, uint32_t len, int append)
{
	const uint8_t *p = data;
	uint32_t first = len < ZOS_VFS_IO_MAX ? len : ZOS_VFS_IO_MAX;
	uint64_t base = 0;
	int64_t r = write_piece(path, append ? "append" : "replace", 0, p, first);

	if (r < 0)
		return r;
	if (first < len && append) {
		/* the rest goes where the first piece ended */
		int64_t size;
		if (zjson_get_int(&answer, 0, "size", &size) != ZOS_OK || size < first)
			return zos_refusal_say(&last, ZOS_ERR_CORRUPT, "VFS's answer lacks the size");
		base = (uint64_t)size - first;
	}
	for (uint32_t done = first; done < len;) {
		uint32_t n = len - done < ZOS_VFS_IO_MAX ? len - done : ZOS_VFS_IO_MAX;
		r = write_piece(path, 0, base + done, p + done, n);
		if (r < 0)
			return r;
		done += n;
	}
	return len;
}

int64_t zos_vfs_write(const char *path, const void *data, uint32_t len)
{
	return write_all(path, data, len, 0);
}

int64_t zos_vfs_append(const char *path, const void *data, uint32_t len)
{
	return write_all(path, data, len, 1);
}

/* One READ of at most ZOS_VFS_IO_MAX bytes into out. */
static int64_t read_piece(const char *path, uint64_t offset, uint8_t *out, uint32_t want,
			  uint64_t *size)
{
	struct zjson_writer w;
	size_t n, got;
	int64_t r, total;
	int32_t d;

	begin(&w, path);
	zjson_key(&w, "offset");
	zjson_uint64(&w, offset);
	zjson_key(&w, "length");
	zjson_uint64(&w, want);
	r = exchange(ZOS_MSG_VFS_READ, &w);
	if (r < 0)
		return r;
	d = zjson_get(&answer, 0, "data");
	if (zjson_get_int(&answer, 0, "size", &total) != ZOS_OK || d < 0 ||
	    zjson_str(&answer, d, b64, sizeof b64, &n) != ZOS_OK ||
	    zos_b64_decode(b64, n, out, want, &got) != ZOS_OK)
		return zos_refusal_say(&last, ZOS_ERR_CORRUPT, "VFS's answer holds no readable data");
	if (size)
		*size = (uint64_t)total;
	return (int64_t)got;
}

int64_t zos_vfs_read(const char *path, uint64_t offset, void *out, uint32_t cap, uint64_t *size)
{
	uint8_t *p = out;
	uint32_t done = 0;
	uint64_t total = 0;

	do {
		uint32_t want = cap - done < ZOS_VFS_IO_MAX ? cap - done : ZOS_VFS_IO_MAX;
		int64_t n = read_piece(path, offset + done, p + done, want, &total);
		if (n < 0)
			return n;
		done += (uint32_t)n;
		if (n < want)
			break;
	} while (done < cap);
	if (size)
		*size = total;
	return done;
}

int64_t zos_vfs_readdir(const char *path, int64_t *cursor, struct zos_vfs_dirent *out)
{
	struct zjson_writer w;
	int64_t r, next;
	int32_t list;
	uint32_t count = 0;

	begin(&w, path);
	zjson_key(&w, "cursor");
	zjson_int64(&w, *cursor);
	r = exchange(ZOS_MSG_VFS_READDIR, &w);
	if (r < 0)
		return r;
	list = zjson_get(&answer, 0, "entries");
	if (list < 0 || zjson_get_int(&answer, 0, "next", &next) != ZOS_OK)
		return zos_refusal_say(&last, ZOS_ERR_CORRUPT, "VFS's answer lacks the entries");
	for (int32_t e; (e = zjson_at(&answer, list, count)) >= 0 && count < ZOS_VFS_PAGE_MAX;
	     count++) {
		char type[8];
		if (zjson_get_str(&answer, e, "name", out[count].name, sizeof out[count].name) !=
			    ZOS_OK ||
		    zjson_get_str(&answer, e, "type", type, sizeof type) != ZOS_OK)
			return zos_refusal_say(&last, ZOS_ERR_CORRUPT, "VFS's answer has a malformed entry");
		out[count].type = !zos_strcmp(type, "dir") ? ZOS_VFS_DIR : ZOS_VFS_FILE;
	}
	*cursor = next;
	return count;
}

int64_t zos_vfs_check(int deep, char *report, uint32_t cap)
{
	struct zjson_writer w;
	int64_t r;
	int ok;

	begin(&w, 0);
	if (deep) {
		zjson_key(&w, "deep");
		zjson_boolean(&w, 1);
	}
	r = exchange(ZOS_MSG_VFS_CHECK, &w);
	if (r < 0)
		return r;
	if (report && cap) {
		uint32_t n = reply.h.size < cap - 1 ? reply.h.size : cap - 1;
		zos_memcpy(report, reply.body, n);
		report[n] = 0;
	}
	if (zjson_get_bool(&answer, 0, "consistent", &ok) != ZOS_OK)
		return zos_refusal_say(&last, ZOS_ERR_CORRUPT, "VFS's answer lacks \"consistent\"");
	return ok;
}
