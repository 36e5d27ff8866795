/*
 * VFS's requests: parse the JSON body, canonicalise the path, check the
 * caller's namespace, do the operation, answer. Every request that came
 * by CALL gets an answer, an error (in words, with a code) when anything
 * about it is wrong. Control requests (REGISTER, GRANT, REVOKE) are
 * obeyed only when they carry a cap to VFS's control endpoint: an object
 * only Init and those it handed a copy to (PermissionService) can name.
 * The sender's pid tells clients apart; it is never the authority.
 */
#include "vfs_service.h"

#include "answer.h"
#include "lib/base64.h"
#include "lib/json.h"
#include "lib/mem.h"

#define TOKENS 64

static char text[ZOS_MSG_MAX + 1];
static char req_path[ZOS_VFS_REQUEST_PATH_MAX + 1];
static char canon[ZOS_VFS_PATH_MAX + 1];
static char b64[ZOS_MSG_MAX + 1];
static uint8_t bytes[ZOS_VFS_IO_MAX];
static struct zjson_tok toks[TOKENS];
static struct zjson_doc doc;
static uint64_t control_obj; /* 0: none (no control request is obeyed) */

/* The reply cap of m: its first carried cap, unless that is a control
 * token (a control request sent, not called). */
static void reply_to(const struct zos_msg *m, int token_first, uint32_t tag, const void *body,
		     uint32_t len)
{
	for (uint32_t i = 0; i < m->h.ncaps && i < ZOS_MSG_MAX_CAPS; i++) {
		if (i == 0 && !token_first) {
			if (zos_reply(m->h.cap_slots[0], tag, body, len) < 0)
				zos_cap_delete(m->h.cap_slots[0]);
		} else {
			zos_cap_delete(m->h.cap_slots[i]);
		}
	}
}

static int token_first; /* the current message's cap 0 is a control token */

static void send_answer(const struct zos_msg *m, uint32_t tag, struct zjson_writer *w)
{
	uint32_t n = zos_answer_finish(w);

	reply_to(m, token_first, tag, w->buf, n);
}

static const struct {
	const char *words;
	const char *code;
} errors[] = {
	[VFS_E_NOFILE] = { "no such file: ", "not_found" },
	[VFS_E_NODIR] = { "no such directory: ", "not_found" },
	[VFS_E_NOENT] = { "no such file or directory: ", "not_found" },
	[VFS_E_DENIED] = { "permission denied: ", "denied" },
	[VFS_E_READONLY] = { "read-only for you: ", "denied" },
	[VFS_E_EXISTS] = { "already exists: ", "exists" },
	[VFS_E_NOTDIR] = { "not a directory: ", "not_dir" },
	[VFS_E_ISDIR] = { "is a directory: ", "is_dir" },
	[VFS_E_NOTEMPTY] = { "directory not empty: ", "not_empty" },
	[VFS_E_STANDARD] = { "part of the standard tree: ", "standard" },
	[VFS_E_INVALID] = { "invalid request: ", "invalid" },
	[VFS_E_TOOBIG] = { "too large: ", ZOS_ANSWER_TOO_BIG },
	[VFS_E_IO] = { "the storage device failed: ", "io" },
	[VFS_E_DAMAGED] = { "the filesystem is damaged at ", "damaged" },
};

/* The refusal for status st: its words, then (invalid requests) what was
 * wrong, then the path it is about. */
static void answer_status(const struct zos_msg *m, uint32_t tag, int st, const char *where,
			  const char *detail)
{
	const char *why;
	uint32_t n;

	if (st <= VFS_OK || st > VFS_E_DAMAGED)
		st = VFS_E_IO;
	why = st == VFS_E_INVALID && detail ? detail : "";
	if (!where)
		where = "";
	n = zos_answer_error(text, sizeof text, errors[st].code, "%s%s%s%s", errors[st].words, why,
			     why[0] && where[0] ? ": " : "", where);
	reply_to(m, token_first, tag, text, n);
}

static void answer_invalid(const struct zos_msg *m, uint32_t tag, const char *why)
{
	answer_status(m, tag, VFS_E_INVALID, 0, why);
}

static void answer_op(const struct zos_msg *m, uint32_t tag, const struct vfs_op *op, int st)
{
	answer_status(m, tag, st, op->where, op->detail);
}

static void answer_success(const struct zos_msg *m, uint32_t tag)
{
	struct zjson_writer w;

	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	zjson_key(&w, "success");
	zjson_boolean(&w, 1);
	zjson_object_end(&w);
	send_answer(m, tag, &w);
}

/* Optional members: 1 when absent (value unchanged), 1 when present and
 * of the right kind, 0 otherwise. */
static int opt_bool(const char *key, int *v)
{
	int32_t i = zjson_get(&doc, 0, key);
	return i < 0 || zjson_bool(&doc, i, v) == ZOS_OK;
}

static int opt_int(const char *key, int64_t *v, int64_t lo, int64_t hi)
{
	int32_t i = zjson_get(&doc, 0, key);
	if (i < 0)
		return 1;
	return zjson_int(&doc, i, v) == ZOS_OK && *v >= lo && *v <= hi;
}

/* The request's "path", canonical, into canon; 0 with an answer sent. */
static int get_path(const struct zos_msg *m, uint32_t tag)
{
	const char *why = 0;
	int32_t i = zjson_get(&doc, 0, "path");
	size_t n;

	if (i < 0 || doc.toks[i].type != ZJSON_STRING) {
		answer_invalid(m, tag, "\"path\" (a string) is missing");
		return 0;
	}
	if (zjson_str(&doc, i, req_path, sizeof req_path, &n) != ZOS_OK) {
		answer_invalid(m, tag, "a path longer than 1023 bytes or holding NUL");
		return 0;
	}
	if (vfs_path_canon(req_path, n, canon, &why) != VFS_OK) {
		answer_invalid(m, tag, why);
		return 0;
	}
	return 1;
}

/* ---- the operations ---- */

static void do_stat(const struct zos_msg *m, uint32_t tag, struct vfs_op *op, int exists_only)
{
	struct zjson_writer w;
	struct vfs_entry e;
	struct vfs_inode in;
	int st = vfs_lookup(op, canon, &e, &in), found = st == VFS_OK;

	if (st == VFS_OK)
		st = vfs_may(op, canon, &in, 0);
	if (st == VFS_E_NOENT && exists_only)
		st = VFS_OK;
	if (st != VFS_OK) {
		answer_op(m, tag, op, st);
		return;
	}
	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	if (exists_only) {
		zjson_key(&w, "exists");
		zjson_boolean(&w, found);
	} else {
		zjson_key(&w, "inode");
		zjson_object_begin(&w);
		zjson_key(&w, "ino");
		zjson_uint64(&w, in.ino);
		zjson_key(&w, "type");
		zjson_string(&w, in.type == ZOS_VFS_DIR ? "dir" : "file");
		zjson_key(&w, "size");
		zjson_uint64(&w, in.size);
		zjson_key(&w, "entries");
		zjson_uint64(&w, in.entries);
		zjson_key(&w, "mode");
		zjson_uint64(&w, in.mode);
		zjson_key(&w, "owner");
		zjson_string(&w, in.owner);
		zjson_key(&w, "created");
		zjson_int64(&w, in.created);
		zjson_key(&w, "modified");
		zjson_int64(&w, in.modified);
		zjson_object_end(&w);
	}
	zjson_object_end(&w);
	send_answer(m, tag, &w);
}

static int do_write(const struct zos_msg *m, uint32_t tag, struct vfs_op *op)
{
	struct zjson_writer w;
	int32_t d = zjson_get(&doc, 0, "data");
	int append = 0, has_offset = zjson_get(&doc, 0, "offset") >= 0;
	int64_t offset = 0, mode = 0644;
	size_t n, len;
	uint64_t size;
	int st;

	if (d < 0 || zjson_str(&doc, d, b64, sizeof b64, &n) != ZOS_OK) {
		answer_invalid(m, tag, "\"data\" (base64 text) is missing");
		return VFS_E_INVALID;
	}
	if (zos_b64_decode(b64, n, bytes, sizeof bytes, &len) != ZOS_OK) {
		answer_invalid(m, tag, "\"data\" is not base64 of at most 2048 bytes");
		return VFS_E_INVALID;
	}
	if (!opt_bool("append", &append) || !opt_int("offset", &offset, 0, ZOS_VFS_FILE_MAX) ||
	    !opt_int("mode", &mode, 0, 0777) || (append && has_offset)) {
		answer_invalid(m, tag, "\"append\" (true/false), \"offset\" (0..16 MiB, not with "
				       "append) or \"mode\" (0..0777) is wrong");
		return VFS_E_INVALID;
	}
	st = vfs_write(op, canon, append ? VFS_APPEND : has_offset ? VFS_AT : VFS_REPLACE,
		       (uint64_t)offset, bytes, (uint32_t)len, (uint16_t)mode, &size);
	if (st != VFS_OK) {
		answer_op(m, tag, op, st);
		return st;
	}
	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	zjson_key(&w, "success");
	zjson_boolean(&w, 1);
	zjson_key(&w, "size");
	zjson_uint64(&w, size);
	zjson_object_end(&w);
	send_answer(m, tag, &w);
	return VFS_OK;
}

static void do_read(const struct zos_msg *m, uint32_t tag, struct vfs_op *op)
{
	struct zjson_writer w;
	int64_t offset = 0, length = ZOS_VFS_IO_MAX;
	uint32_t got;
	uint64_t size;
	size_t n;
	int st;

	if (!opt_int("offset", &offset, 0, ZOS_VFS_FILE_MAX) ||
	    !opt_int("length", &length, 0, ZOS_VFS_FILE_MAX)) {
		answer_invalid(m, tag, "\"offset\" or \"length\" is not a count of bytes");
		return;
	}
	st = vfs_read(op, canon, (uint64_t)offset, bytes, (uint32_t)length, &got, &size);
	if (st != VFS_OK) {
		answer_op(m, tag, op, st);
		return;
	}
	zos_b64_encode(bytes, got, b64, sizeof b64, &n);
	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	zjson_key(&w, "data");
	zjson_string_n(&w, b64, n);
	zjson_key(&w, "size");
	zjson_uint64(&w, size);
	zjson_object_end(&w);
	send_answer(m, tag, &w);
}

/* READDIR: whole listing chunks, as many as the answer holds. */
struct page {
	struct zjson_writer w;
	uint32_t chunks;
};

static int take_chunk(const uint8_t *chunk, uint32_t len, void *ctx)
{
	struct page *p = ctx;
	struct zjson_writer saved = p->w;
	uint32_t pos = 0, nlen;
	uint64_t ino;
	uint8_t type;
	const char *name;
	int r;

	while ((r = vfs_listing_next(chunk, len, &pos, &ino, &type, &name, &nlen)) == 1) {
		zjson_object_begin(&p->w);
		zjson_key(&p->w, "name");
		zjson_string_n(&p->w, name, nlen);
		zjson_key(&p->w, "type");
		zjson_string(&p->w, type == ZOS_VFS_DIR ? "dir" : "file");
		zjson_object_end(&p->w);
	}
	/* room for the end of the answer: "],"next":-1234567890} */
	if (p->w.err || p->w.cap - p->w.len < 32) {
		p->w = saved;
		return 0;
	}
	p->chunks++;
	return 1;
}

static void do_readdir(const struct zos_msg *m, uint32_t tag, struct vfs_op *op)
{
	static struct page p;
	int64_t cursor = 0;
	int st;

	if (!opt_int("cursor", &cursor, 0, UINT32_MAX)) {
		answer_invalid(m, tag, "\"cursor\" is not one a READDIR answer gave");
		return;
	}
	zjson_writer_init(&p.w, text, sizeof text);
	p.chunks = 0;
	zjson_object_begin(&p.w);
	zjson_key(&p.w, "entries");
	zjson_array_begin(&p.w);
	st = vfs_readdir(op, canon, &cursor, take_chunk, &p);
	if (st != VFS_OK) {
		answer_op(m, tag, op, st);
		return;
	}
	if (p.chunks == 0 && cursor >= 0) {
		/* not even one chunk fits: a listing no writer of ours made */
		answer_status(m, tag, VFS_E_DAMAGED, canon, 0);
		return;
	}
	zjson_array_end(&p.w);
	zjson_key(&p.w, "next");
	zjson_int64(&p.w, cursor);
	zjson_object_end(&p.w);
	send_answer(m, tag, &p.w);
}

/* CHECK: anyone may ask whether the filesystem is consistent (a program
 * checking its own data after a crash); only a client that sees "/" gets
 * the counts and the problems' paths, and may ask for the deep check. */
static void do_check(const struct zos_msg *m, uint32_t tag, struct vfs_op *op)
{
	static struct vfs_check_report r;
	struct zjson_writer w;
	int st, deep = 0;

	if (!opt_bool("deep", &deep)) {
		answer_invalid(m, tag, "\"deep\" is not true or false");
		return;
	}
	if (deep && !op->who->root) {
		answer_status(m, tag, VFS_E_DENIED, "/", 0);
		return;
	}
	st = vfs_check(&r, deep);
	if (st != VFS_OK && r.problems == 0) {
		answer_status(m, tag, st, "/", 0);
		return;
	}
	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	zjson_key(&w, "consistent");
	zjson_boolean(&w, st == VFS_OK && r.problems == 0);
	zjson_key(&w, "problems");
	zjson_uint64(&w, r.problems);
	if (op->who->root) {
		zjson_key(&w, "dirs");
		zjson_uint64(&w, r.dirs);
		zjson_key(&w, "files");
		zjson_uint64(&w, r.files);
		zjson_key(&w, "chunks");
		zjson_uint64(&w, r.chunks);
		zjson_key(&w, "bytes");
		zjson_uint64(&w, r.bytes);
		zjson_key(&w, "first");
		zjson_array_begin(&w);
		for (uint32_t i = 0; i < r.problems && i < 4; i++)
			zjson_string(&w, r.first[i]);
		zjson_array_end(&w);
	}
	zjson_object_end(&w);
	send_answer(m, tag, &w);
}

/* ---- control ---- */

/* The index of m's carried cap that is a control token, or -1. */
static int control_token(const struct zos_msg *m)
{
	struct zos_cap_info ci;

	for (uint32_t i = 0; control_obj && i < m->h.ncaps && i < ZOS_MSG_MAX_CAPS; i++)
		if (zos_cap_inspect(m->h.cap_slots[i], &ci) >= 0 && ci.obj_type == ZOS_OBJ_ENDPOINT &&
		    ci.obj_id == control_obj)
			return (int)i;
	return -1;
}

static void do_control(const struct zos_msg *m, uint32_t tag)
{
	int64_t pid;
	int root = 0, write = 0, st;
	char name[ZOS_NAME_MAX + 1];

	if (!opt_int("pid", &pid, 1, UINT32_MAX) || zjson_get(&doc, 0, "pid") < 0) {
		answer_invalid(m, tag, "\"pid\" is missing or not a pid");
		return;
	}
	if (m->h.tag == ZOS_MSG_VFS_REGISTER) {
		struct vfs_client *c;
		if (zjson_get_str(&doc, 0, "name", name, sizeof name) != ZOS_OK || !opt_bool("root", &root)) {
			answer_invalid(m, tag, "\"name\" (a program name) or \"root\" is wrong");
			return;
		}
		st = vfs_ns_register((uint32_t)pid, name, root);
		c = vfs_client_of((uint32_t)pid);
		if (st == VFS_OK && c && !c->root)
			st = vfs_make_home(c->name, zos_wallclock_ms());
		if (st != VFS_OK) {
			answer_status(m, tag, st, "/apps", 0);
			return;
		}
		answer_success(m, tag);
		return;
	}
	if (!get_path(m, tag))
		return;
	if (m->h.tag == ZOS_MSG_VFS_GRANT) {
		if (!opt_bool("write", &write)) {
			answer_invalid(m, tag, "\"write\" is not true or false");
			return;
		}
		st = vfs_ns_grant((uint32_t)pid, canon, write);
	} else {
		st = vfs_ns_revoke((uint32_t)pid, canon);
	}
	if (st != VFS_OK) {
		answer_status(m, tag, st == VFS_E_TOOBIG ? VFS_E_TOOBIG : VFS_E_NOENT, canon, 0);
		return;
	}
	answer_success(m, tag);
}

int vfs_handle(struct zos_msg *m)
{
	uint32_t tag = m->h.tag + 1; /* every answer's tag is its request's + 1 */
	struct zjson_error jerr;
	struct vfs_meta saved = vfs_meta;
	struct vfs_op op;
	int token, write = 1, st = VFS_OK;

	switch (m->h.tag) {
	case ZOS_MSG_VFS_MKDIR: case ZOS_MSG_VFS_RMDIR: case ZOS_MSG_VFS_WRITE:
	case ZOS_MSG_VFS_UNLINK:
		break;
	case ZOS_MSG_VFS_READDIR: case ZOS_MSG_VFS_READ: case ZOS_MSG_VFS_STAT:
	case ZOS_MSG_VFS_EXISTS: case ZOS_MSG_VFS_CHECK:
		write = 0;
		break;
	case ZOS_MSG_VFS_REGISTER: case ZOS_MSG_VFS_GRANT: case ZOS_MSG_VFS_REVOKE:
		break;
	default:
		return 0;
	}
	token = control_token(m);
	token_first = token == 0;
	if (zjson_parse(&doc, (const char *)m->body, m->h.size, toks, TOKENS, &jerr) != ZOS_OK ||
	    doc.toks[0].type != ZJSON_OBJECT) {
		answer_invalid(m, tag, "the body is not a JSON object");
		return 1;
	}
	if (m->h.tag == ZOS_MSG_VFS_REGISTER || m->h.tag == ZOS_MSG_VFS_GRANT ||
	    m->h.tag == ZOS_MSG_VFS_REVOKE) {
		if (token < 0)
			answer_status(m, tag, VFS_E_DENIED, "a control request without VFS's control capability", 0);
		else
			do_control(m, tag);
		return 1;
	}
	zos_memset(&op, 0, sizeof op);
	op.who = vfs_client_of(m->h.sender);
	op.now = zos_wallclock_ms();
	if (!op.who) {
		answer_status(m, tag, VFS_E_TOOBIG, "more clients than VFS can tell apart", 0);
		return 1;
	}
	if (m->h.tag == ZOS_MSG_VFS_CHECK) {
		do_check(m, tag, &op);
		return 1;
	}
	if (!get_path(m, tag))
		return 1;
	/* the namespace first: outside it, nothing is said about what exists */
	st = vfs_may(&op, canon, 0, write);
	if (st != VFS_OK) {
		answer_op(m, tag, &op, st);
		return 1;
	}
	switch (m->h.tag) {
	case ZOS_MSG_VFS_MKDIR: {
		int parents = 0;
		int64_t mode = 0644;
		if (!opt_bool("parents", &parents) || !opt_int("mode", &mode, 0, 0777)) {
			answer_invalid(m, tag, "\"parents\" (true/false) or \"mode\" (0..0777) is wrong");
			break;
		}
		st = vfs_mkdir(&op, canon, parents, (uint16_t)mode);
		if (st == VFS_OK)
			answer_success(m, tag);
		else
			answer_op(m, tag, &op, st);
		break;
	}
	case ZOS_MSG_VFS_RMDIR:
	case ZOS_MSG_VFS_UNLINK:
		st = m->h.tag == ZOS_MSG_VFS_RMDIR ? vfs_rmdir(&op, canon) : vfs_unlink(&op, canon);
		if (st == VFS_OK)
			answer_success(m, tag);
		else
			answer_op(m, tag, &op, st);
		break;
	case ZOS_MSG_VFS_READDIR: do_readdir(m, tag, &op); break;
	case ZOS_MSG_VFS_WRITE: st = do_write(m, tag, &op); break;
	case ZOS_MSG_VFS_READ: do_read(m, tag, &op); break;
	case ZOS_MSG_VFS_STAT: do_stat(m, tag, &op, 0); break;
	case ZOS_MSG_VFS_EXISTS: do_stat(m, tag, &op, 1); break;
	default: break;
	}
	/* a failed operation wrote nothing: its inode numbers are free again */
	if (st != VFS_OK)
		vfs_meta = saved;
	return 1;
}

/* The control endpoint: the one full-rights endpoint cap Init gave us
 * besides our own endpoint (slot 0) and our reply endpoint. */
static void find_control(void)
{
	static struct zos_cap_info caps[ZOS_MAX_SLOTS];
	int64_t n = zos_cap_list(caps, ZOS_MAX_SLOTS);

	control_obj = 0;
	for (int64_t i = 0; i < n; i++)
		if (caps[i].obj_type == ZOS_OBJ_ENDPOINT && caps[i].rights == ZOS_RIGHTS_ALL &&
		    caps[i].slot != ZOS_SLOT_SELF && (int32_t)caps[i].slot != zos_reply_slot) {
			control_obj = caps[i].obj_id;
			return;
		}
}

int vfs_start(void)
{
	vfs_ns_reset();
	vfs_cache_drop();
	find_control();
	return vfs_format(zos_wallclock_ms());
}
