/*
 * Where IdentityService keeps things: public files through VFS (we are a
 * core service: VFS lets us see "/"), key material through KeystoreService
 * (the WRITE cap Init gave us in ZOS_SLOT_KEYSTORE, renewed by Init when
 * the keystore restarts). Paths and keys are built here only, from ids
 * that are hex digits, so no request can name a path of its own.
 */
#include "identity.h"

#include "answer.h"
#include "lib/crypto/ct.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "vfs.h"

#define ID_TREE_DEPTH 4

static const char *const file_names[] = {
	[ID_FILE_USER] = "user.json",
	[ID_FILE_PREFS] = "preferences.json",
	[ID_FILE_MACHINE] = "machine/",
	[ID_FILE_SESSION] = "sessions/",
};

int id_path(char out[ID_PATH_MAX], enum id_file f, const uint8_t uid[ID_BYTES],
	    const uint8_t sub[ID_BYTES])
{
	char u[ID_HEX + 1], s[ID_HEX + 1] = "";

	id_to_hex(u, uid);
	if (sub)
		id_to_hex(s, sub);
	zos_snprintf(out, ID_PATH_MAX, "/home/%s/.zos/identity/%s%s%s", u, file_names[f], s,
		     sub ? ".json" : "");
	return ZOS_OK;
}

static int vfs_failed(const char *what, const char *path, int64_t r)
{
	return id_fail("storage", "cannot %s %s: %s", what, path,
		       zos_vfs_error()[0] ? zos_vfs_error() : zos_strerror(r));
}

int id_file_read(const char *path, char *buf, size_t cap, struct zjson_doc *doc,
		 struct zjson_tok *toks)
{
	struct zjson_error err;
	uint64_t size = 0;
	int64_t n = zos_vfs_read(path, 0, buf, (uint32_t)cap, &size);

	if (n == ZOS_ERR_NOT_FOUND)
		return ZOS_ERR_NOT_FOUND;
	if (n < 0)
		return vfs_failed("read", path, n);
	if (size > cap || (uint64_t)n != size)
		return id_fail("damaged", "damaged: %s is larger than %u bytes", path, (unsigned)cap);
	if (zjson_parse(doc, buf, (size_t)n, toks, ID_TOKENS, &err) != ZOS_OK ||
	    doc->toks[0].type != ZJSON_OBJECT)
		return id_fail("damaged", "damaged: %s is not a JSON object", path);
	return ZOS_OK;
}

int id_file_write(const char *path, struct zjson_writer *w)
{
	char dir[ID_PATH_MAX];
	size_t cut = zos_strlen(path);
	int64_t r;

	if (zjson_finish(w) != ZOS_OK)
		return id_fail("invalid", "the record for %s does not fit in %u bytes", path,
			       (unsigned)w->cap);
	while (cut > 0 && path[cut - 1] != '/')
		cut--;
	zos_strlcpy(dir, path, cut < sizeof dir ? cut : sizeof dir);
	r = zos_vfs_mkdir(dir, 1);
	if (r < 0)
		return vfs_failed("make", dir, r);
	r = zos_vfs_write(path, w->buf, (uint32_t)w->len); /* durable in VFS from here */
	if (r < 0)
		return vfs_failed("write", path, r);
	return ZOS_OK;
}

int id_file_remove(const char *path)
{
	int64_t r = zos_vfs_unlink(path);

	if (r < 0 && r != ZOS_ERR_NOT_FOUND)
		return vfs_failed("remove", path, r);
	return ZOS_OK;
}

static struct zos_vfs_dirent ents[ID_TREE_DEPTH][ZOS_VFS_PAGE_MAX];

/* Empties dir, then removes it; depth bounds the recursion. */
static int tree_remove(char *path, size_t len, uint32_t depth)
{
	for (;;) {
		int64_t cursor = 0, n = zos_vfs_readdir(path, &cursor, ents[depth]);
		if (n == ZOS_ERR_NOT_FOUND)
			return ZOS_OK;
		if (n < 0)
			return vfs_failed("list", path, n);
		if (n == 0)
			break;
		for (int64_t i = 0; i < n; i++) {
			const struct zos_vfs_dirent *e = &ents[depth][i];
			size_t k = zos_strlen(e->name);
			int r;
			if (len + 1 + k >= ID_PATH_MAX)
				return id_fail("storage", "a name in %s is too long to remove", path);
			path[len] = '/';
			zos_memcpy(path + len + 1, e->name, k + 1);
			if (e->type == ZOS_VFS_DIR && depth + 1 < ID_TREE_DEPTH)
				r = tree_remove(path, len + 1 + k, depth + 1);
			else if (e->type == ZOS_VFS_DIR)
				r = id_fail("storage", "%s is nested too deep to remove", path);
			else
				r = id_file_remove(path);
			path[len] = 0;
			if (r != ZOS_OK)
				return r;
		}
	}
	int64_t r = zos_vfs_rmdir(path);
	if (r < 0 && r != ZOS_ERR_NOT_FOUND)
		return vfs_failed("remove", path, r);
	return ZOS_OK;
}

int id_tree_remove(const char *dir)
{
	char path[ID_PATH_MAX];

	if (zos_strlcpy(path, dir, sizeof path) != ZOS_OK)
		return id_fail("storage", "path too long: %s", dir);
	return tree_remove(path, zos_strlen(path), 0);
}

int id_dir_ids(const char *dir, const char *suffix, uint8_t (*ids)[ID_BYTES], uint32_t max)
{
	size_t sl = zos_strlen(suffix);
	int64_t cursor = 0;
	uint32_t count = 0;

	do {
		int64_t n = zos_vfs_readdir(dir, &cursor, ents[0]);
		if (n == ZOS_ERR_NOT_FOUND)
			return 0;
		if (n < 0)
			return vfs_failed("list", dir, n);
		for (int64_t i = 0; i < n && count < max; i++) {
			const char *name = ents[0][i].name;
			/* anything else in the directory is not ours to read */
			if (zos_strlen(name) != ID_HEX + sl || zos_strcmp(name + ID_HEX, suffix) ||
			    zos_hex_decode(ids[count], ID_BYTES, name, ID_HEX) != 0)
				continue;
			count++;
		}
	} while (cursor >= 0 && count < max);
	return (int)count;
}

/* ---- the keystore ---- */

/* Tokens of a keystore answer but LIST's: {"data": V}, {"success": B}, or
 * the error answer's five. */
#define KS_ANSWER_TOKENS 5

static int32_t ks_slot = (int32_t)ZOS_SLOT_KEYSTORE;
static struct zos_msg ks_reply;
static char ks_request[ZOS_MSG_MAX + 1];

/* A CALL on the cap Init gave us; when it is missing or stale (the
 * keystore was not ready when we started, or restarted), Init is asked
 * for a new one: it answers only its holder, us. */
static int64_t call_keystore(uint32_t tag, const void *body, uint32_t len, struct zos_msg *reply)
{
	if (ks_slot == zos_reply_slot)
		ks_slot = -1; /* no keystore cap at start: slot 2 went to our reply endpoint */
	return zos_service_call("keystore", &ks_slot, tag, body, len, reply);
}

static id_keystore_transport ks_transport = call_keystore;

void id_keystore_use(id_keystore_transport t)
{
	ks_transport = t ? t : call_keystore;
}

void id_keystore_renew(uint32_t slot)
{
	/* the old cap goes, unless there was none and slot 2 is our reply
	 * endpoint (regression: deleting it broke every later CALL) */
	if (ks_slot >= 0 && (uint32_t)ks_slot != slot && ks_slot != zos_reply_slot)
		zos_cap_delete((uint32_t)ks_slot);
	ks_slot = (int32_t)slot;
}

int id_ks_key(char out[ID_PATH_MAX], const uint8_t uid[ID_BYTES], const char *what,
	      const uint8_t sub[ID_BYTES])
{
	char u[ID_HEX + 1], s[ID_HEX + 1];

	id_to_hex(u, uid);
	if (sub) {
		id_to_hex(s, sub);
		zos_snprintf(out, ID_PATH_MAX, "/keys/%s/%s/%s.json", u, what, s);
	} else {
		zos_snprintf(out, ID_PATH_MAX, "/keys/%s/%s", u, what);
	}
	return ZOS_OK;
}

/* One keystore request; ZOS_OK with the answer parsed into doc, or
 * ZOS_ERR_NOT_FOUND for the keystore's not_found. The request buffer may
 * hold key material: it is wiped once sent. */
static int ks_exchange(uint32_t tag, struct zjson_writer *w, struct zjson_doc *doc,
		       struct zjson_tok *toks, uint32_t ntoks)
{
	static struct zos_refusal refusal;
	int64_t n;
	int r;

	zjson_object_end(w);
	if (zjson_finish(w) != ZOS_OK) {
		zos_ct_wipe(ks_request, sizeof ks_request);
		return id_fail("keystore", "the keystore request does not fit in a message");
	}
	n = ks_transport(tag, w->buf, (uint32_t)w->len, &ks_reply);
	zos_ct_wipe(ks_request, sizeof ks_request);
	if (n < 0)
		return id_fail("keystore", "the keystore does not answer: %s", zos_strerror(n));
	if (ks_reply.h.tag != tag + 1)
		return id_fail("keystore", "the keystore does not know this request");
	r = zos_answer_read(doc, ks_reply.body, (size_t)n, toks, ntoks, "the keystore", &refusal);
	if (r == ZOS_ANSWER_OK)
		return ZOS_OK;
	if (r == ZOS_ANSWER_REFUSED && !zos_strcmp(refusal.code, "not_found"))
		return ZOS_ERR_NOT_FOUND;
	if (r == ZOS_ANSWER_REFUSED)
		return id_fail("keystore", "the keystore refused: %s", refusal.words);
	return id_fail("keystore", "%s", refusal.words);
}

static void ks_begin(struct zjson_writer *w, const char *name, const char *key)
{
	zjson_writer_init(w, ks_request, sizeof ks_request);
	zjson_object_begin(w);
	zjson_key(w, name);
	zjson_string(w, key);
}

int id_ks_read(const char *key, char *out, size_t cap)
{
	struct zjson_tok toks[KS_ANSWER_TOKENS];
	struct zjson_doc doc;
	struct zjson_writer w;
	int r;

	ks_begin(&w, "key", key);
	r = ks_exchange(ZOS_MSG_KS_READ, &w, &doc, toks, KS_ANSWER_TOKENS);
	if (r == ZOS_OK && zjson_get_str(&doc, 0, "data", out, cap) != ZOS_OK)
		r = id_fail("damaged", "damaged: the keystore's %s is not text of at most %u bytes", key,
			    (unsigned)cap);
	zos_ct_wipe(ks_reply.body, sizeof ks_reply.body); /* it held key material */
	return r;
}

int id_ks_write(const char *key, const char *value, size_t len)
{
	struct zjson_tok toks[KS_ANSWER_TOKENS];
	struct zjson_doc doc;
	struct zjson_writer w;

	ks_begin(&w, "key", key);
	zjson_key(&w, "value");
	zjson_string_n(&w, value, len);
	return ks_exchange(ZOS_MSG_KS_WRITE, &w, &doc, toks, KS_ANSWER_TOKENS);
}

int id_ks_delete(const char *key)
{
	struct zjson_tok toks[KS_ANSWER_TOKENS];
	struct zjson_doc doc;
	struct zjson_writer w;

	ks_begin(&w, "key", key);
	return ks_exchange(ZOS_MSG_KS_DELETE, &w, &doc, toks, KS_ANSWER_TOKENS);
}

int id_ks_delete_user(const uint8_t uid[ID_BYTES])
{
	static struct zjson_tok toks[ID_TOKENS * 2];
	static char keys[ID_LIST_MAX][ID_PATH_MAX];
	struct zjson_doc doc;
	struct zjson_writer w;
	char prefix[ID_PATH_MAX];
	uint32_t n;
	int truncated = 1, r;

	id_ks_key(prefix, uid, "", 0);
	/* a page of keys at a time, until none is left */
	while (truncated) {
		int32_t list;
		ks_begin(&w, "prefix", prefix);
		r = ks_exchange(ZOS_MSG_KS_LIST, &w, &doc, toks, ID_TOKENS * 2);
		if (r != ZOS_OK)
			return r;
		list = zjson_get(&doc, 0, "keys");
		if (list < 0 || zjson_get_bool(&doc, 0, "truncated", &truncated) != ZOS_OK)
			return id_fail("keystore", "the keystore's listing is malformed");
		for (n = 0; n < ID_LIST_MAX; n++)
			if (zjson_str(&doc, zjson_at(&doc, list, n), keys[n], ID_PATH_MAX, 0) != ZOS_OK)
				break;
		if (n == 0)
			return ZOS_OK;
		for (uint32_t i = 0; i < n; i++)
			if ((r = id_ks_delete(keys[i])) != ZOS_OK)
				return r;
	}
	return ZOS_OK;
}
