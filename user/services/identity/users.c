/*
 * Users: create (a display name, unique on this machine; a random 128-bit
 * id), get, list, update (status, preferences) and delete (its identity
 * files and every key under /keys/{user_id}/). user.json and
 * preferences.json are read back field by field and refused as damaged
 * when anything is missing or of the wrong type.
 */
#include "identity.h"

#include "lib/fmt.h"
#include "lib/mem.h"
#include "vfs.h"

static char file[ID_FILE_MAX];
static struct zjson_tok toks[ID_TOKENS];

static const char *const status_names[] = { "", "active", "locked", "disabled" };

static int status_of(const char *s)
{
	for (int i = ID_ACTIVE; i <= ID_DISABLED; i++)
		if (!zos_strcmp(s, status_names[i]))
			return i;
	return 0;
}

static int pref_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '/' || c == '+' || c == ':' || c == '.';
}
#define PREF_CHARS "letters, digits, '-', '_', '/', '+', ':' and '.'"

static void prefs_default(struct id_prefs *p)
{
	zos_strlcpy(p->theme, "light", sizeof p->theme);
	zos_strlcpy(p->language, "en", sizeof p->language);
	zos_strlcpy(p->timezone, "UTC", sizeof p->timezone);
}

/* Each preference present in obj replaces p's (all of them when all). */
static int prefs_read(const struct zjson_doc *d, int32_t obj, struct id_prefs *p, int all)
{
	struct id_prefs n = *p;
	int r = ZOS_OK;

	if (obj < 0 || d->toks[obj].type != ZJSON_OBJECT)
		return id_fail("invalid", "preferences must be an object");
	if ((all || zjson_get(d, obj, "theme") >= 0) && r == ZOS_OK)
		r = id_get_text(d, obj, "theme", n.theme, ID_PREF_THEME_MAX, pref_char, PREF_CHARS);
	if ((all || zjson_get(d, obj, "language") >= 0) && r == ZOS_OK)
		r = id_get_text(d, obj, "language", n.language, ID_PREF_LANG_MAX, pref_char,
				PREF_CHARS);
	if ((all || zjson_get(d, obj, "timezone") >= 0) && r == ZOS_OK)
		r = id_get_text(d, obj, "timezone", n.timezone, ID_PREF_TZ_MAX, pref_char, PREF_CHARS);
	if (r == ZOS_OK)
		*p = n;
	return r;
}

static void prefs_json(struct zjson_writer *w, const struct id_prefs *p)
{
	zjson_object_begin(w);
	zjson_key(w, "theme");
	zjson_string(w, p->theme);
	zjson_key(w, "language");
	zjson_string(w, p->language);
	zjson_key(w, "timezone");
	zjson_string(w, p->timezone);
	zjson_object_end(w);
}

/* A time member: an integer >= 0, or null (-1) when nullable. */
static int time_of(const struct zjson_doc *d, const char *key, int64_t *out, int nullable)
{
	int32_t v = zjson_get(d, 0, key);

	if (nullable && v >= 0 && d->toks[v].type == ZJSON_NULL) {
		*out = -1;
		return ZOS_OK;
	}
	if (zjson_int(d, v, out) != ZOS_OK || *out < 0)
		return ZOS_ERR_INVALID_ARGUMENT;
	return ZOS_OK;
}

int id_user_load(const uint8_t uid[ID_BYTES], struct id_user *u)
{
	char path[ID_PATH_MAX], status[16], hex[ID_HEX + 1];
	struct zjson_doc d;
	int r;

	zos_memset(u, 0, sizeof *u);
	id_path(path, ID_FILE_USER, uid, 0);
	r = id_file_read(path, file, sizeof file, &d, toks);
	if (r == ZOS_ERR_NOT_FOUND) {
		id_to_hex(hex, uid);
		return id_fail("not_found", "no such user: %s", hex);
	}
	if (r != ZOS_OK)
		return r;
	zos_memcpy(u->id, uid, ID_BYTES);
	if (id_get_text(&d, 0, "display_name", u->name, ID_NAME_MAX, id_name_char, ID_NAME_CHARS) !=
		    ZOS_OK ||
	    zjson_get_str(&d, 0, "status", status, sizeof status) != ZOS_OK ||
	    !(u->status = (uint8_t)status_of(status)) ||
	    time_of(&d, "created_at", &u->created_at, 0) != ZOS_OK ||
	    time_of(&d, "last_login", &u->last_login, 1) != ZOS_OK)
		return id_fail("damaged", "damaged: %s has a missing or malformed field", path);
	prefs_default(&u->prefs);
	id_path(path, ID_FILE_PREFS, uid, 0);
	r = id_file_read(path, file, sizeof file, &d, toks);
	if (r == ZOS_OK && prefs_read(&d, 0, &u->prefs, 1) != ZOS_OK)
		return id_fail("damaged", "damaged: %s: %s", path, id_why());
	return r == ZOS_ERR_NOT_FOUND ? ZOS_OK : r;
}

int id_user_store(const struct id_user *u)
{
	char path[ID_PATH_MAX], hex[ID_HEX + 1];
	struct zjson_writer w;
	int r;

	id_to_hex(hex, u->id);
	zjson_writer_init(&w, file, sizeof file);
	zjson_object_begin(&w);
	zjson_key(&w, "id");
	zjson_string(&w, hex);
	zjson_key(&w, "display_name");
	zjson_string(&w, u->name);
	zjson_key(&w, "status");
	zjson_string(&w, status_names[u->status]);
	zjson_key(&w, "created_at");
	zjson_int64(&w, u->created_at);
	zjson_key(&w, "last_login");
	if (u->last_login < 0)
		zjson_null(&w);
	else
		zjson_int64(&w, u->last_login);
	zjson_object_end(&w);
	id_path(path, ID_FILE_USER, u->id, 0);
	r = id_file_write(path, &w);
	if (r != ZOS_OK)
		return r;
	zjson_writer_init(&w, file, sizeof file);
	prefs_json(&w, &u->prefs);
	id_path(path, ID_FILE_PREFS, u->id, 0);
	return id_file_write(path, &w);
}

static void user_summary(struct zjson_writer *w, const struct id_user *u)
{
	char hex[ID_HEX + 1];

	id_to_hex(hex, u->id);
	zjson_key(w, "id");
	zjson_string(w, hex);
	zjson_key(w, "display_name");
	zjson_string(w, u->name);
	zjson_key(w, "status");
	zjson_string(w, status_names[u->status]);
}

void id_user_json(struct zjson_writer *w, const struct id_user *u)
{
	zjson_object_begin(w);
	user_summary(w, u);
	zjson_key(w, "created_at");
	zjson_int64(w, u->created_at);
	zjson_key(w, "last_login");
	if (u->last_login < 0)
		zjson_null(w);
	else
		zjson_int64(w, u->last_login);
	zjson_key(w, "preferences");
	prefs_json(w, &u->prefs);
	zjson_object_end(w);
}

int id_user_of(const struct zjson_doc *req, struct id_user *u)
{
	uint8_t uid[ID_BYTES];
	int r = id_get_id(req, 0, "user_id", uid);

	return r != ZOS_OK ? r : id_user_load(uid, u);
}

static uint8_t ids[ID_LIST_MAX][ID_BYTES];

/* Visits every user (at most ID_LIST_MAX); stops at visit's non-zero. */
static int each_user(int (*visit)(const struct id_user *u, void *ctx), void *ctx)
{
	static struct id_user u;
	int n = id_dir_ids("/home", "", ids, ID_LIST_MAX);

	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		int r = id_user_load(ids[i], &u);
		if (r != ZOS_OK)
			continue; /* a home without identity files, or a damaged one */
		if ((r = visit(&u, ctx)) != 0)
			return r;
	}
	return ZOS_OK;
}

static int name_taken(const struct id_user *u, void *ctx)
{
	if (zos_strcmp(u->name, ctx))
		return 0;
	return id_fail("exists", "a user named \"%s\" exists already", u->name);
}

int id_create_user(const struct zjson_doc *req, struct zjson_writer *w)
{
	static struct id_user u;
	int r;

	zos_memset(&u, 0, sizeof u);
	r = id_get_text(req, 0, "display_name", u.name, ID_NAME_MAX, id_name_char, ID_NAME_CHARS);
	if (r == ZOS_OK)
		r = each_user(name_taken, u.name);
	if (r == ZOS_OK)
		r = id_new(u.id);
	if (r != ZOS_OK)
		return r;
	u.status = ID_ACTIVE;
	u.created_at = id_now_ms();
	u.last_login = -1;
	prefs_default(&u.prefs);
	if ((r = id_user_store(&u)) != ZOS_OK)
		return r;
	zjson_key(w, "user");
	id_user_json(w, &u);
	return ZOS_OK;
}

int id_get_user(const struct zjson_doc *req, struct zjson_writer *w)
{
	static struct id_user u;
	int r = id_user_of(req, &u);

	if (r != ZOS_OK)
		return r;
	zjson_key(w, "user");
	id_user_json(w, &u);
	return ZOS_OK;
}

struct listing {
	struct zjson_writer *w;
	int truncated;
};

/* Room is kept for the end of the answer: what does not fit is left out,
 * and the answer says so. */
static int list_one(const struct id_user *u, void *ctx)
{
	struct listing *l = ctx;

	if (l->w->len + 160 > l->w->cap) {
		l->truncated = 1;
		return 1;
	}
	zjson_object_begin(l->w);
	user_summary(l->w, u);
	zjson_object_end(l->w);
	return 0;
}

int id_list_users(const struct zjson_doc *req, struct zjson_writer *w)
{
	struct listing l = { w, 0 };
	int r;

	(void)req;
	zjson_key(w, "users");
	zjson_array_begin(w);
	r = each_user(list_one, &l);
	zjson_array_end(w);
	zjson_key(w, "truncated");
	zjson_boolean(w, l.truncated);
	return r < 0 ? r : ZOS_OK;
}

int id_update_user(const struct zjson_doc *req, struct zjson_writer *w)
{
	static struct id_user u;
	char status[16];
	int32_t s = zjson_get(req, 0, "status"), p = zjson_get(req, 0, "preferences");
	int r = id_user_of(req, &u);

	if (r != ZOS_OK)
		return r;
	if (s < 0 && p < 0)
		return id_fail("invalid", "nothing to change: give status and/or preferences");
	if (s >= 0) {
		if (zjson_str(req, s, status, sizeof status, 0) != ZOS_OK || !status_of(status))
			return id_fail("invalid", "status must be \"active\", \"locked\" or \"disabled\"");
		u.status = (uint8_t)status_of(status);
	}
	if (p >= 0 && (r = prefs_read(req, p, &u.prefs, 0)) != ZOS_OK)
		return r;
	if ((r = id_user_store(&u)) != ZOS_OK)
		return r;
	zjson_key(w, "user");
	id_user_json(w, &u);
	return ZOS_OK;
}

int id_delete_user(const struct zjson_doc *req, struct zjson_writer *w)
{
	static struct id_user u;
	char path[ID_PATH_MAX], hex[ID_HEX + 1];
	int r = id_user_of(req, &u);

	if (r != ZOS_OK)
		return r;
	/* keys first: a failure then leaves the user listed, to delete again */
	if ((r = id_ks_delete_user(u.id)) != ZOS_OK)
		return r;
	id_to_hex(hex, u.id);
	zos_snprintf(path, sizeof path, "/home/%s/.zos", hex);
	if ((r = id_tree_remove(path)) != ZOS_OK)
		return r;
	zos_snprintf(path, sizeof path, "/home/%s", hex);
	zos_vfs_rmdir(path); /* the home itself goes only when nothing else is in it */
	id_challenges_forget(u.id);
	zjson_key(w, "success");
	zjson_boolean(w, 1);
	return ZOS_OK;
}
