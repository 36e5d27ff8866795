/*
 * The shell's identity commands, through IdentityService (id_client.h):
 * users (`useradd`, `users`, `userdel`), logging in and out (`login`,
 * `logout`, `whoami`), machine keys (`keys`) and the Neural Key
 * (`neural-key`).
 *
 * Logging in never brings a secret key here: `login NAME` asks for a
 * challenge for one of the user's machine keys that may AUTHENTICATE,
 * has the service sign that challenge with the key it keeps in the
 * keystore (LOGIN_SIGN), and hands the signature back for verification,
 * as any client would (a pq_hybrid signature in parts, passed through as
 * the base64 text the service gave: LOGIN_SIGNATURE_PART). The session id is remembered in SESSION_FILE so
 * that the console is still logged in after a reboot, until the session
 * expires. Passwords and shards are read without echo, and wiped here
 * once sent.
 */
#include "shell.h"

#include "clock.h"
#include "id_client.h"
#include "lib/json.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define SESSION_FILE "/system/config/console-session.json"
#define SECRET_MAX 160
#define USAGE_KEYS "usage: keys [-u USER] [list | create [--pq] [NAME] | rotate KEY | revoke KEY]\n"
#define SIG_PART_TEXT 2736 /* base64 of a signature part (2,048 bytes) and its NUL */
#define USAGE_NK "usage: neural-key generate|recover [-u USER]\n"

static struct zos_msg reply;
static struct zjson_tok toks[512];
static struct zjson_doc answer;
static char request[ZOS_MSG_MAX];
static char secret[3][SECRET_MAX];
static char sig_part[SIG_PART_TEXT];

static void begin(struct zjson_writer *w)
{
	zjson_writer_init(w, request, sizeof request);
	zjson_object_begin(w);
}

static void member(struct zjson_writer *w, const char *key, const char *value)
{
	zjson_key(w, key);
	zjson_string(w, value);
}

/* Sends the request; 0 with the answer parsed in `answer`, or 1 with the
 * reason printed after "cmd: ". The request is wiped either way. */
static int call(const char *cmd, uint32_t tag, struct zjson_writer *w)
{
	struct zjson_error err;
	int64_t n;

	zjson_object_end(w);
	if (zjson_finish(w) != ZOS_OK) {
		zos_memset(request, 0, sizeof request);
		zos_printf("%s: the request does not fit in a message\n", cmd);
		return 1;
	}
	n = zos_id_call(tag, w->buf, (uint32_t)w->len, &reply);
	zos_memset(request, 0, sizeof request);
	if (n < 0) {
		zos_printf("%s: %s\n", cmd, zos_id_error()[0] ? zos_id_error() : zos_strerror(n));
		return 1;
	}
	if (zjson_parse(&answer, (const char *)reply.body, (size_t)n, toks, 512, &err) != ZOS_OK) {
		zos_printf("%s: the identity service's answer is too big to read\n", cmd);
		return 1;
	}
	return 0;
}

/* A string member of object obj of the answer ("" when missing). */
static const char *str(int32_t obj, const char *key)
{
	static char out[4][160];
	static uint32_t next;
	char *o = out[next++ % 4];

	if (zjson_get_str(&answer, obj, key, o, sizeof out[0]) != ZOS_OK)
		o[0] = 0;
	return o;
}

static int is_id(const char *s)
{
	uint32_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return 0;
	return n == ZOS_ID_HEX;
}

/* The user called name (or whose id it is): 0 with id and display name. */
static int find_user(const char *cmd, const char *name, char id[ZOS_ID_HEX + 1],
		     char display[ZOS_ID_NAME_MAX + 1])
{
	struct zjson_writer w;
	int32_t list, u;

	begin(&w);
	if (call(cmd, ZOS_MSG_ID_LIST_USERS, &w))
		return 1;
	list = zjson_get(&answer, 0, "users");
	for (uint32_t i = 0; (u = zjson_at(&answer, list, i)) >= 0; i++)
		if (!zos_strcmp(str(u, "display_name"), name) || !zos_strcmp(str(u, "id"), name)) {
			zos_strlcpy(id, str(u, "id"), ZOS_ID_HEX + 1);
			zos_strlcpy(display, str(u, "display_name"), ZOS_ID_NAME_MAX + 1);
			return 0;
		}
	zos_printf("%s: no user named %s (see `users`)\n", cmd, name);
	return 1;
}

static int list_keys(const char *cmd, const char *uid)
{
	struct zjson_writer w;

	begin(&w);
	member(&w, "user_id", uid);
	return call(cmd, ZOS_MSG_ID_MACHINE_KEY_LIST, &w);
}

/* 1 when the key record at k has capability cap. */
static int has_cap(int32_t k, const char *cap)
{
	int32_t list = zjson_get(&answer, zjson_get(&answer, k, "capabilities"), "capabilities"), c;
	char s[24];

	for (uint32_t i = 0; (c = zjson_at(&answer, list, i)) >= 0; i++)
		if (zjson_str(&answer, c, s, sizeof s, 0) == ZOS_OK && !zos_strcmp(s, cap))
			return 1;
	return 0;
}

/* The user's machine key named (or whose id is) name; or, when name is
 * 0, the first active key that may log in. */
static int find_key(const char *cmd, const char *uid, const char *name, char id[ZOS_ID_HEX + 1],
		    char kname[ZOS_ID_NAME_MAX + 1])
{
	int32_t list, k;

	if (list_keys(cmd, uid))
		return 1;
	list = zjson_get(&answer, 0, "keys");
	for (uint32_t i = 0; (k = zjson_at(&answer, list, i)) >= 0; i++) {
		int match = name ? !zos_strcmp(str(k, "machine_name"), name) ||
					   !zos_strcmp(str(k, "machine_id"), name)
				 : !zos_strcmp(str(k, "status"), "active") && has_cap(k, "AUTHENTICATE");
		if (match) {
			zos_strlcpy(id, str(k, "machine_id"), ZOS_ID_HEX + 1);
			zos_strlcpy(kname, str(k, "machine_name"), ZOS_ID_NAME_MAX + 1);
			return 0;
		}
	}
	if (name)
		zos_printf("%s: no machine key named %s (see `keys list`)\n", cmd, name);
	else
		zos_printf("%s: no active machine key of this user may log in; make one with "
			   "`keys -u USER create NAME`\n", cmd);
	return 1;
}

static void forget_session(void)
{
	sh.user[0] = sh.user_id[0] = sh.session[0] = 0;
	zos_vfs_unlink(SESSION_FILE);
}

static void show_until(int64_t ms)
{
	char when[48];

	zos_time_format(ms, 0, 1, when, sizeof when);
	zos_printf("%s UTC", when);
}

static int cmd_useradd(int argc, char **argv)
{
	struct zjson_writer w;
	int32_t u;

	if (argc != 2) {
		zos_print("usage: useradd NAME   (letters, digits, spaces, '-', '_', '.'; "
			  "quote a name with spaces)\n");
		return 1;
	}
	begin(&w);
	member(&w, "display_name", argv[1]);
	if (call("useradd", ZOS_MSG_ID_CREATE_USER, &w))
		return 1;
	u = zjson_get(&answer, 0, "user");
	zos_printf("created user %s (id %s)\n", str(u, "display_name"), str(u, "id"));
	return 0;
}

static int cmd_users(int argc, char **argv)
{
	struct zjson_writer w;
	int32_t list, u;
	uint32_t i;
	int truncated = 0;

	(void)argv;
	if (argc != 1) {
		zos_print("usage: users\n");
		return 1;
	}
	begin(&w);
	if (call("users", ZOS_MSG_ID_LIST_USERS, &w))
		return 1;
	list = zjson_get(&answer, 0, "users");
	for (i = 0; (u = zjson_at(&answer, list, i)) >= 0; i++) {
		if (i == 0)
			zos_print("  ID                                STATUS    NAME\n");
		zos_printf("%c %s  %-8s  %s\n", !zos_strcmp(str(u, "id"), sh.user_id) ? '*' : ' ',
			   str(u, "id"), str(u, "status"), str(u, "display_name"));
	}
	if (i == 0)
		zos_print("no users yet (add one with `useradd NAME`)\n");
	zjson_get_bool(&answer, 0, "truncated", &truncated);
	if (truncated)
		zos_print("(more users than one answer holds)\n");
	return 0;
}

static int cmd_userdel(int argc, char **argv)
{
	struct zjson_writer w;
	char id[ZOS_ID_HEX + 1], name[ZOS_ID_NAME_MAX + 1];

	if (argc != 2) {
		zos_print("usage: userdel ID|NAME\n");
		return 1;
	}
	if (find_user("userdel", argv[1], id, name))
		return 1;
	begin(&w);
	member(&w, "user_id", id);
	if (call("userdel", ZOS_MSG_ID_DELETE_USER, &w))
		return 1;
	if (!zos_strcmp(id, sh.user_id))
		forget_session();
	zos_printf("deleted user %s (id %s), with its identity files and keys\n", name, id);
	return 0;
}

/* The session's answer into sh, remembered for after a reboot. */
static void take_session(const char *name)
{
	struct zjson_writer w;
	int32_t s = zjson_get(&answer, 0, "session");
	char file[96];
	int64_t until = 0;

	zos_strlcpy(sh.user, name, sizeof sh.user);
	zos_strlcpy(sh.user_id, str(s, "user_id"), sizeof sh.user_id);
	zos_strlcpy(sh.session, str(s, "session_id"), sizeof sh.session);
	zjson_get_int(&answer, s, "expires_at", &until);
	zjson_writer_init(&w, file, sizeof file);
	zjson_object_begin(&w);
	member(&w, "session_id", sh.session);
	zjson_object_end(&w);
	if (zjson_finish(&w) != ZOS_OK || zos_vfs_write(SESSION_FILE, w.buf, (uint32_t)w.len) < 0)
		zos_print("login: (the session will not outlast a reboot: it could not be remembered)\n");
	zos_printf("logged in as %s with machine key %s; the session lasts until ", name,
		   str(zjson_get(&answer, s, "metadata"), "device_name"));
	show_until(until);
	zos_print("\n");
}

/* A pq_hybrid signature: LOGIN_SIGN's answer (in `answer`) holds its first
 * part; each part goes back through LOGIN_SIGNATURE_PART, the next one is
 * asked for at the offset the service has reached. 0, or 1 after saying
 * why. */
static int pass_parts(const char *challenge)
{
	struct zjson_writer w;
	int64_t total = 0, off = 0;

	zjson_get_int(&answer, 0, "total", &total);
	while (off < total) {
		if (zjson_get_str(&answer, 0, "signature", sig_part, sizeof sig_part) != ZOS_OK) {
			zos_print("login: the signature's part does not fit\n");
			return 1;
		}
		begin(&w);
		member(&w, "challenge", challenge);
		zjson_key(&w, "offset");
		zjson_int64(&w, off);
		member(&w, "part", sig_part);
		if (call("login", ZOS_MSG_ID_LOGIN_SIGNATURE_PART, &w) ||
		    zjson_get_int(&answer, 0, "received", &off) != ZOS_OK)
			return 1;
		if (off >= total)
			break;
		begin(&w);
		member(&w, "challenge", challenge);
		zjson_key(&w, "offset");
		zjson_int64(&w, off);
		if (call("login", ZOS_MSG_ID_LOGIN_SIGN, &w))
			return 1;
	}
	return 0;
}

static int cmd_login(int argc, char **argv)
{
	struct zjson_writer w;
	char uid[ZOS_ID_HEX + 1], name[ZOS_ID_NAME_MAX + 1], kid[ZOS_ID_HEX + 1], old[ZOS_ID_HEX + 1];
	char kname[ZOS_ID_NAME_MAX + 1], challenge[2 * ZOS_ID_CHALLENGE_BYTES + 1];
	char sig[2 * ZOS_ID_SIGNATURE_BYTES + 1];
	int pq;

	if (argc != 2) {
		zos_print("usage: login NAME\n");
		return 1;
	}
	if (find_user("login", argv[1], uid, name) || find_key("login", uid, 0, kid, kname))
		return 1;
	begin(&w);
	member(&w, "user_id", uid);
	member(&w, "machine_key_id", kid);
	if (call("login", ZOS_MSG_ID_LOGIN_CHALLENGE, &w))
		return 1;
	zos_strlcpy(challenge, str(0, "challenge"), sizeof challenge);
	begin(&w);
	member(&w, "challenge", challenge);
	if (call("login", ZOS_MSG_ID_LOGIN_SIGN, &w))
		return 1;
	pq = zjson_get(&answer, 0, "total") >= 0;
	if (pq && pass_parts(challenge))
		return 1;
	if (!pq)
		zos_strlcpy(sig, str(0, "signature"), sizeof sig);
	begin(&w);
	member(&w, "challenge", challenge);
	if (!pq)
		member(&w, "signature", sig);
	member(&w, "user_id", uid);
	member(&w, "machine_key_id", kid);
	if (call("login", ZOS_MSG_ID_LOGIN_VERIFY, &w))
		return 1;
	zos_strlcpy(old, sh.session, sizeof old);
	take_session(name);
	if (old[0] && zos_strcmp(old, sh.session)) {
		/* the session this one replaces ends; quietly: it may be gone */
		begin(&w);
		member(&w, "session_id", old);
		zjson_object_end(&w);
		if (zjson_finish(&w) == ZOS_OK)
			zos_id_call(ZOS_MSG_ID_LOGOUT, w.buf, (uint32_t)w.len, &reply);
		zos_memset(request, 0, sizeof request);
	}
	return 0;
}

static int cmd_logout(int argc, char **argv)
{
	struct zjson_writer w;
	char name[ZOS_ID_NAME_MAX + 1];
	int failed;

	(void)argv;
	if (argc != 1) {
		zos_print("usage: logout\n");
		return 1;
	}
	if (!sh.session[0]) {
		zos_print("logout: nobody is logged in\n");
		return 1;
	}
	begin(&w);
	member(&w, "session_id", sh.session);
	failed = call("logout", ZOS_MSG_ID_LOGOUT, &w);
	zos_strlcpy(name, sh.user, sizeof name);
	forget_session(); /* even a session the service no longer knows ends here */
	if (!failed)
		zos_printf("logged out %s\n", name);
	return failed;
}

/* WHOAMI for the remembered session: 0 with the answer, or 1 (printed
 * after cmd, unless quiet) and nobody is logged in any more. */
static int check_session(const char *cmd)
{
	struct zjson_writer w;

	begin(&w);
	member(&w, "session_id", sh.session);
	if (call(cmd, ZOS_MSG_ID_WHOAMI, &w)) {
		forget_session();
		return 1;
	}
	zos_strlcpy(sh.user, str(zjson_get(&answer, 0, "user"), "display_name"), sizeof sh.user);
	zos_strlcpy(sh.user_id, str(zjson_get(&answer, 0, "user"), "id"), sizeof sh.user_id);
	return 0;
}

static int cmd_whoami(int argc, char **argv)
{
	int32_t s;
	int64_t until = 0;

	(void)argv;
	if (argc != 1) {
		zos_print("usage: whoami\n");
		return 1;
	}
	if (!sh.session[0]) {
		zos_print("nobody is logged in (log in with `login NAME`)\n");
		return 0;
	}
	if (check_session("whoami"))
		return 1;
	s = zjson_get(&answer, 0, "session");
	zjson_get_int(&answer, s, "expires_at", &until);
	zos_printf("%s (user %s), logged in with machine key %s; session %s until ", sh.user,
		   sh.user_id, str(zjson_get(&answer, s, "metadata"), "device_name"), sh.session);
	show_until(until);
	zos_print("\n");
	return 0;
}

void shell_session_resume(void)
{
	char file[96];
	struct zjson_tok t[4];
	struct zjson_doc d;
	struct zjson_error err;
	int64_t n = zos_vfs_read(SESSION_FILE, 0, file, sizeof file - 1, 0);

	if (n <= 0)
		return;
	if (zjson_parse(&d, file, (size_t)n, t, 4, &err) != ZOS_OK ||
	    zjson_get_str(&d, 0, "session_id", sh.session, sizeof sh.session) != ZOS_OK ||
	    !is_id(sh.session)) {
		forget_session();
		return;
	}
	if (check_session("login") == 0)
		zos_printf("logged in as %s (a session from before)\n", sh.user);
	else
		zos_print("login: the session from before has ended; nobody is logged in\n");
}

/* Takes -u USER out of argv (argc updated): the USER, or 0. */
static const char *take_user(int *argc, char **argv)
{
	const char *who = 0;
	int k = 0;

	for (int i = 0; i < *argc; i++) {
		if (!zos_strcmp(argv[i], "-u") && i + 1 < *argc) {
			who = argv[++i];
			continue;
		}
		argv[k++] = argv[i];
	}
	*argc = k;
	return who;
}

/* The user who names (else the one logged in here) into uid. */
static int user_of(const char *cmd, const char *who, char uid[ZOS_ID_HEX + 1])
{
	char name[ZOS_ID_NAME_MAX + 1];

	if (who)
		return find_user(cmd, who, uid, name);
	if (!sh.user_id[0]) {
		zos_printf("%s: nobody is logged in; name a user with -u USER\n", cmd);
		return 1;
	}
	zos_strlcpy(uid, sh.user_id, ZOS_ID_HEX + 1);
	return 0;
}

static void show_caps(int32_t k)
{
	int32_t list = zjson_get(&answer, zjson_get(&answer, k, "capabilities"), "capabilities"), c;
	char s[24];

	for (uint32_t i = 0; (c = zjson_at(&answer, list, i)) >= 0; i++)
		if (zjson_str(&answer, c, s, sizeof s, 0) == ZOS_OK)
			zos_printf("%s%s", i ? "," : "", s);
}

static int keys_list(const char *uid)
{
	int32_t list, k;
	uint32_t i;

	if (list_keys("keys", uid))
		return 1;
	list = zjson_get(&answer, 0, "keys");
	for (i = 0; (k = zjson_at(&answer, list, i)) >= 0; i++) {
		int64_t epoch = 0;
		if (i == 0)
			zos_print("ID                                EPOCH  STATUS   SCHEME     NAME          CAPABILITIES\n");
		zjson_get_int(&answer, k, "epoch", &epoch);
		zos_printf("%s  %5lld  %-7s  %-9s  %-12s  ", str(k, "machine_id"), (long long)epoch,
			   str(k, "status"), str(k, "key_scheme"), str(k, "machine_name"));
		show_caps(k);
		zos_print("\n");
	}
	if (i == 0)
		zos_print("no machine keys (make one with `keys create NAME`)\n");
	return 0;
}

static int keys_change(const char *uid, const char *what, const char *key)
{
	struct zjson_writer w;
	char kid[ZOS_ID_HEX + 1], kname[ZOS_ID_NAME_MAX + 1];
	int rotate = !zos_strcmp(what, "rotate");
	int64_t epoch = 0;

	if (find_key("keys", uid, key, kid, kname))
		return 1;
	begin(&w);
	member(&w, "user_id", uid);
	member(&w, "key_id", kid);
	if (call("keys", rotate ? ZOS_MSG_ID_MACHINE_KEY_ROTATE : ZOS_MSG_ID_MACHINE_KEY_REVOKE, &w))
		return 1;
	if (!rotate) {
		zos_printf("revoked machine key %s: it can no longer log in or sign\n", kname);
		return 0;
	}
	zjson_get_int(&answer, zjson_get(&answer, 0, "key_record"), "epoch", &epoch);
	zos_printf("rotated machine key %s: epoch %lld, the old key is retired\n", kname,
		   (long long)epoch);
	return 0;
}

static int cmd_keys(int argc, char **argv)
{
	struct zjson_writer w;
	char uid[ZOS_ID_HEX + 1];
	const char *who = take_user(&argc, argv), *sub = argc > 1 ? argv[1] : "list";
	int pq = argc > 2 && !zos_strcmp(sub, "create") && !zos_strcmp(argv[2], "--pq");
	int list = !zos_strcmp(sub, "list") && argc <= 2;
	int change = (!zos_strcmp(sub, "rotate") || !zos_strcmp(sub, "revoke")) && argc == 3;
	int32_t k;

	if (pq) { /* `create --pq [NAME]`: the flag out of the way */
		for (int i = 2; i + 1 < argc; i++)
			argv[i] = argv[i + 1];
		argc--;
	}
	if (!list && !change && (zos_strcmp(sub, "create") || argc > 3)) {
		zos_print(USAGE_KEYS);
		return 1;
	}
	if (user_of("keys", who, uid))
		return 1;
	if (list)
		return keys_list(uid);
	if (change)
		return keys_change(uid, sub, argv[2]);
	begin(&w);
	member(&w, "user_id", uid);
	member(&w, "scheme", pq ? "pq_hybrid" : "classical");
	if (argc == 3)
		member(&w, "name", argv[2]);
	if (call("keys", ZOS_MSG_ID_MACHINE_KEY_CREATE, &w))
		return 1;
	k = zjson_get(&answer, 0, "key_record");
	zos_printf("created machine key %s (id %s, epoch 1, %s): ", str(k, "machine_name"),
		   str(k, "machine_id"), str(k, "key_scheme"));
	show_caps(k);
	zos_print("\n");
	return 0;
}

static void wipe_secrets(void)
{
	zos_memset(secret, 0, sizeof secret);
	zos_memset(reply.body, 0, sizeof reply.body);
	zos_memset(&answer, 0, sizeof answer);
}

static int nk_generate(const char *uid)
{
	struct zjson_writer w;
	int32_t list, s;

	if (shell_read_secret("password for the stored shards (8 or more characters, not shown): ",
			      secret[0], SECRET_MAX) < 0 ||
	    shell_read_secret("the password again: ", secret[1], SECRET_MAX) < 0) {
		zos_print("neural-key: cancelled\n");
		return 1;
	}
	if (zos_strcmp(secret[0], secret[1])) {
		zos_print("neural-key: the two passwords differ\n");
		return 1;
	}
	begin(&w);
	member(&w, "user_id", uid);
	member(&w, "password", secret[0]);
	/* Argon2id is slow on purpose (seconds; longer under emulation): say so. */
	zos_print("making the Neural Key and sealing two shards with the password (Argon2id: "
		  "this takes a while)...\n");
	if (call("neural-key", ZOS_MSG_ID_NEURAL_KEY_GENERATE, &w))
		return 1;
	zos_print("Your Neural Key is made. Write down these three shards and keep them apart:\n"
		  "any three shards rebuild it, and so does any one of them with the password.\n");
	list = zjson_get(&answer, 0, "shards");
	for (uint32_t i = 0; (s = zjson_at(&answer, list, i)) >= 0; i++) {
		char hex[128];
		if (zjson_str(&answer, s, hex, sizeof hex, 0) == ZOS_OK)
			zos_printf("  shard %u: %s\n", i + 1, hex);
		zos_memset(hex, 0, sizeof hex);
	}
	zos_printf("identity key: %s\n",
		   str(zjson_get(&answer, 0, "public_identifiers"), "identity_signing_public_key"));
	return 0;
}

static int nk_recover(const char *uid)
{
	struct zjson_writer w;
	uint32_t n = 0;
	int have_password = 0;

	zos_print("Give three shards, or one shard and the password (an empty line: no more shards).\n");
	while (n < 3) {
		int len = shell_read_secret("shard (not shown): ", secret[n], SECRET_MAX);
		if (len < 0) {
			zos_print("neural-key: cancelled\n");
			return 1;
		}
		if (len == 0)
			break;
		n++;
	}
	if (n == 0) {
		zos_print("neural-key: no shard given\n");
		return 1;
	}
	begin(&w);
	member(&w, "user_id", uid);
	zjson_key(&w, "shards");
	zjson_array_begin(&w);
	for (uint32_t i = 0; i < n; i++)
		zjson_string(&w, secret[i]);
	zjson_array_end(&w);
	if (n < 3) {
		/* the last slot holds the password (the shards are already in the request) */
		if (shell_read_secret("password (not shown): ", secret[2], SECRET_MAX) < 0) {
			zos_memset(request, 0, sizeof request);
			zos_print("neural-key: cancelled\n");
			return 1;
		}
		member(&w, "password", secret[2]);
		have_password = 1;
		zos_print("opening the sealed shards with the password (Argon2id: this takes a "
			  "while)...\n");
	}
	if (call("neural-key", ZOS_MSG_ID_NEURAL_KEY_RECOVER, &w))
		return 1;
	zos_printf("Neural Key recovered and checked%s: identity key %s\n",
		   have_password ? " (with the password)" : " (from three shards)",
		   str(zjson_get(&answer, 0, "public_identifiers"), "identity_signing_public_key"));
	return 0;
}

static int cmd_neural_key(int argc, char **argv)
{
	char uid[ZOS_ID_HEX + 1];
	const char *who = take_user(&argc, argv);
	int r;

	if (argc != 2 || (zos_strcmp(argv[1], "generate") && zos_strcmp(argv[1], "recover"))) {
		zos_print(USAGE_NK);
		return 1;
	}
	if (user_of("neural-key", who, uid))
		return 1;
	r = !zos_strcmp(argv[1], "generate") ? nk_generate(uid) : nk_recover(uid);
	wipe_secrets();
	return r;
}

static const struct command commands[] = {
	{ "useradd", "NAME", "create a user", cmd_useradd },
	{ "users", "", "the users of this machine (* logged in here)", cmd_users },
	{ "userdel", "ID|NAME", "delete a user, with its identity files and keys", cmd_userdel },
	{ "login", "NAME", "log in with one of the user's machine keys", cmd_login },
	{ "logout", "", "end this terminal's session", cmd_logout },
	{ "whoami", "", "who is logged in here, with which key, until when", cmd_whoami },
	{ "keys", "[-u U] [SUB]", "machine keys: list, create [--pq] [NAME], rotate KEY, revoke KEY", cmd_keys },
	{ "neural-key", "generate|recover", "make the Neural Key (3-of-5 shards), or rebuild it",
	  cmd_neural_key },
};

const struct command_set id_commands = { commands, sizeof commands / sizeof commands[0] };
