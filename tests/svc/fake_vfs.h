/*
 * A stand-in for VfsService, for host tests and fuzzers of services that
 * keep files through the libzos VFS client (vfs.h): installed as the
 * client's transport, it answers READ and WRITE (replace) of whole small
 * files held in memory, in VFS's JSON protocol, and EXISTS, MKDIR,
 * READDIR (one page), UNLINK and RMDIR over the directories those files
 * imply (plus the ones made by MKDIR); it refuses the rest.
 * `down` makes it act as if VFS did not answer; `fail_writes` as if the
 * storage device failed. Header-only: each test program includes it once.
 */
#ifndef ZOS_TEST_FAKE_VFS_H
#define ZOS_TEST_FAKE_VFS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base64.h"
#include "lib/json.h"
#include "vfs.h"

#define FAKE_VFS_FILES 64
#define FAKE_VFS_DIRS 64
#define FAKE_VFS_FILE_MAX 20480 /* a pq_hybrid machine record is up to ~16 KiB */

struct fake_vfs_file {
	char path[256];
	uint32_t len;
	uint8_t data[FAKE_VFS_FILE_MAX];
};

static struct {
	struct fake_vfs_file files[FAKE_VFS_FILES];
	uint32_t nfiles;
	char dirs[FAKE_VFS_DIRS][256];
	uint32_t ndirs;
	int down;
	int fail_writes;
	uint32_t writes;
} fake_vfs;

static struct fake_vfs_file *fake_vfs_find(const char *path, int create)
{
	for (uint32_t i = 0; i < fake_vfs.nfiles; i++)
		if (!strcmp(fake_vfs.files[i].path, path))
			return &fake_vfs.files[i];
	if (!create || fake_vfs.nfiles == FAKE_VFS_FILES)
		return 0;
	snprintf(fake_vfs.files[fake_vfs.nfiles].path, sizeof fake_vfs.files[0].path, "%s", path);
	fake_vfs.files[fake_vfs.nfiles].len = 0;
	return &fake_vfs.files[fake_vfs.nfiles++];
}

/* Puts a file there directly (a test's starting state). */
static void fake_vfs_put(const char *path, const void *data, uint32_t len)
{
	struct fake_vfs_file *f = fake_vfs_find(path, 1);

	if (!f || len > FAKE_VFS_FILE_MAX)
		abort();
	memcpy(f->data, data, len);
	f->len = len;
}

static void fake_vfs_reset(void)
{
	memset(&fake_vfs, 0, sizeof fake_vfs);
}

static int64_t fake_vfs_answer(struct zos_msg *reply, uint32_t tag, const char *json)
{
	size_t n = strlen(json);

	if (n > ZOS_MSG_MAX)
		abort();
	reply->h.tag = tag + 1;
	reply->h.size = (uint32_t)n;
	memcpy(reply->body, json, n);
	return (int64_t)n;
}

/* 1 when path (not "/") is a directory: made by MKDIR, or above a file. */
static int fake_vfs_is_dir(const char *path)
{
	size_t n = strlen(path);

	if (!strcmp(path, "/"))
		return 1;
	for (uint32_t i = 0; i < fake_vfs.ndirs; i++)
		if (!strcmp(fake_vfs.dirs[i], path))
			return 1;
	for (uint32_t i = 0; i < fake_vfs.nfiles; i++)
		if (!strncmp(fake_vfs.files[i].path, path, n) && fake_vfs.files[i].path[n] == '/')
			return 1;
	return 0;
}

/* 0, or -1 when the fake has no room left (a full disk, to the service). */
static int fake_vfs_mkdir_one(const char *path)
{
	if (fake_vfs_is_dir(path))
		return 0;
	if (fake_vfs.ndirs == FAKE_VFS_DIRS)
		return -1;
	snprintf(fake_vfs.dirs[fake_vfs.ndirs++], sizeof fake_vfs.dirs[0], "%s", path);
	return 0;
}

/* The names directly under dir (files and directories), each once. */
static int64_t fake_vfs_readdir(struct zos_msg *reply, uint32_t tag, const char *dir)
{
	static char text[ZOS_MSG_MAX + 1];
	char names[FAKE_VFS_FILES + FAKE_VFS_DIRS][256];
	uint8_t is_dir[FAKE_VFS_FILES + FAKE_VFS_DIRS];
	uint32_t count = 0;
	size_t n = strlen(dir), pos;

	if (!fake_vfs_is_dir(dir))
		return fake_vfs_answer(reply, tag, "{\"error\":\"no such directory\",\"code\":\"not_found\"}");
	for (uint32_t i = 0; i < fake_vfs.nfiles + fake_vfs.ndirs; i++) {
		const char *p = i < fake_vfs.nfiles ? fake_vfs.files[i].path : fake_vfs.dirs[i - fake_vfs.nfiles];
		const char *rest, *slash;
		size_t k;
		uint32_t j;
		if (n == 1 ? p[0] != '/' : strncmp(p, dir, n) || p[n] != '/')
			continue;
		rest = p + (n == 1 ? 1 : n + 1);
		slash = strchr(rest, '/');
		k = slash ? (size_t)(slash - rest) : strlen(rest);
		for (j = 0; j < count && (strlen(names[j]) != k || strncmp(names[j], rest, k)); j++)
			;
		if (j < count || k == 0)
			continue;
		snprintf(names[count], sizeof names[0], "%.*s", (int)k, rest);
		is_dir[count++] = slash || i >= fake_vfs.nfiles;
	}
	pos = (size_t)snprintf(text, sizeof text, "{\"entries\":[");
	for (uint32_t j = 0; j < count && pos + 300 < sizeof text; j++)
		pos += (size_t)snprintf(text + pos, sizeof text - pos, "%s{\"name\":\"%s\",\"type\":\"%s\"}",
					j ? "," : "", names[j], is_dir[j] ? "dir" : "file");
	snprintf(text + pos, sizeof text - pos, "],\"next\":-1}");
	return fake_vfs_answer(reply, tag, text);
}

/* EXISTS, MKDIR, READDIR, UNLINK, RMDIR on path; -1 for other tags. */
static int64_t fake_vfs_tree(struct zos_msg *reply, uint32_t tag, const char *path,
			     const struct zjson_doc *doc)
{
	struct fake_vfs_file *f = fake_vfs_find(path, 0);

	if (tag == ZOS_MSG_VFS_EXISTS)
		return fake_vfs_answer(reply, tag, f || fake_vfs_is_dir(path) ? "{\"exists\":true}"
									 : "{\"exists\":false}");
	if (tag == ZOS_MSG_VFS_READDIR)
		return fake_vfs_readdir(reply, tag, path);
	if (tag == ZOS_MSG_VFS_UNLINK) {
		if (!f)
			return fake_vfs_answer(reply, tag, "{\"error\":\"no such file\",\"code\":\"not_found\"}");
		*f = fake_vfs.files[--fake_vfs.nfiles];
		return fake_vfs_answer(reply, tag, "{}");
	}
	if (tag == ZOS_MSG_VFS_MKDIR) {
		int parents = 0, full = 0;
		char part[256];
		if (f)
			return fake_vfs_answer(reply, tag, "{\"error\":\"not a directory\",\"code\":\"invalid\"}");
		zjson_get_bool(doc, 0, "parents", &parents);
		for (size_t i = 1; parents && path[i]; i++)
			if (path[i] == '/') {
				snprintf(part, sizeof part, "%.*s", (int)i, path);
				full |= fake_vfs_mkdir_one(part);
			}
		full |= fake_vfs_mkdir_one(path);
		return fake_vfs_answer(reply, tag, full ? "{\"error\":\"no room\",\"code\":\"io\"}" : "{}");
	}
	if (tag == ZOS_MSG_VFS_RMDIR) {
		size_t n = strlen(path);
		uint32_t i;
		if (!fake_vfs_is_dir(path))
			return fake_vfs_answer(reply, tag, "{\"error\":\"no such directory\",\"code\":\"not_found\"}");
		for (i = 0; i < fake_vfs.nfiles + fake_vfs.ndirs; i++) {
			const char *p = i < fake_vfs.nfiles ? fake_vfs.files[i].path : fake_vfs.dirs[i - fake_vfs.nfiles];
			if (!strncmp(p, path, n) && p[n] == '/')
				return fake_vfs_answer(reply, tag,
						       "{\"error\":\"directory not empty\",\"code\":\"invalid\"}");
		}
		for (i = 0; i < fake_vfs.ndirs; i++)
			if (!strcmp(fake_vfs.dirs[i], path))
				memcpy(fake_vfs.dirs[i], fake_vfs.dirs[--fake_vfs.ndirs], sizeof fake_vfs.dirs[0]);
		return fake_vfs_answer(reply, tag, "{}");
	}
	return -1;
}

static int64_t fake_vfs_transport(uint32_t tag, const void *body, uint32_t len,
				  struct zos_msg *reply)
{
	static char text[ZOS_MSG_MAX + 1], b64[ZOS_B64_LEN(FAKE_VFS_FILE_MAX) + 1];
	static uint8_t bytes[FAKE_VFS_FILE_MAX];
	struct zjson_tok toks[32];
	struct zjson_doc doc;
	struct zjson_error err;
	char path[256];
	struct fake_vfs_file *f;
	size_t n;

	if (fake_vfs.down)
		return ZOS_ERR_ENDPOINT_NOT_FOUND;
	if (zjson_parse(&doc, body, len, toks, 32, &err) != ZOS_OK ||
	    zjson_get_str(&doc, 0, "path", path, sizeof path) != ZOS_OK)
		return fake_vfs_answer(reply, tag, "{\"error\":\"bad request\",\"code\":\"invalid\"}");
	if (tag == ZOS_MSG_VFS_READ) {
		int64_t off = 0, want = 0;
		f = fake_vfs_find(path, 0);
		if (!f)
			return fake_vfs_answer(reply, tag,
					       "{\"error\":\"no such file\",\"code\":\"not_found\"}");
		zjson_get_int(&doc, 0, "offset", &off);
		zjson_get_int(&doc, 0, "length", &want);
		if (off < 0 || off > f->len)
			off = f->len;
		if (want < 0 || want > f->len - off)
			want = f->len - off;
		if (want > ZOS_VFS_IO_MAX)
			want = ZOS_VFS_IO_MAX;
		if (zos_b64_encode(f->data + off, (size_t)want, b64, sizeof b64, &n) != ZOS_OK)
			abort();
		if (n + 40 > sizeof text)
			abort();
		snprintf(text, sizeof text, "{\"data\":\"%.*s\",\"size\":%u}", (int)n, b64, f->len);
		return fake_vfs_answer(reply, tag, text);
	}
	if (tag == ZOS_MSG_VFS_WRITE) {
		int32_t d = zjson_get(&doc, 0, "data");
		if (fake_vfs.fail_writes)
			return fake_vfs_answer(reply, tag,
					       "{\"error\":\"the storage device failed\",\"code\":\"io\"}");
		if (d < 0 || zjson_str(&doc, d, b64, sizeof b64, &n) != ZOS_OK ||
		    zos_b64_decode(b64, n, bytes, sizeof bytes, &n) != ZOS_OK ||
		    !(f = fake_vfs_find(path, 1)))
			return fake_vfs_answer(reply, tag, "{\"error\":\"bad write\",\"code\":\"invalid\"}");
		/* the client splits a long write: the first piece replaces, the
		 * others go at their offset (or "append": at the end) */
		int64_t at = 0;
		int app = 0;
		if (zjson_get(&doc, 0, "offset") >= 0 && (zjson_get_int(&doc, 0, "offset", &at) != ZOS_OK ||
							  at < 0 || at > f->len))
			return fake_vfs_answer(reply, tag, "{\"error\":\"bad offset\",\"code\":\"invalid\"}");
		if (zjson_get_bool(&doc, 0, "append", &app) == ZOS_OK && app)
			at = f->len;
		if ((uint64_t)at + n > FAKE_VFS_FILE_MAX)
			return fake_vfs_answer(reply, tag, "{\"error\":\"too big\",\"code\":\"invalid\"}");
		memcpy(f->data + at, bytes, n);
		if (zjson_get(&doc, 0, "offset") >= 0 || app)
			f->len = (uint32_t)at + n > f->len ? (uint32_t)(at + (int64_t)n) : f->len;
		else
			f->len = (uint32_t)n;
		fake_vfs.writes++;
		snprintf(text, sizeof text, "{\"size\":%u}", f->len);
		return fake_vfs_answer(reply, tag, text);
	}
	int64_t t = fake_vfs_tree(reply, tag, path, &doc);
	if (t >= 0)
		return t;
	return fake_vfs_answer(reply, tag, "{\"error\":\"not in the fake\",\"code\":\"invalid\"}");
}

#endif
