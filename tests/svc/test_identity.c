/*
 * IdentityService's own code on the host (tests/svc/svc_host.h), with VFS
 * played by tests/svc/fake_vfs.h and the keystore by
 * tests/svc/fake_keystore.h: every message and every refusal — users,
 * machine keys (and the legacy capability format), login by challenge
 * (replayed, expired, foreign-key, wrong-user, revoked, locked), sessions
 * across a restart, the Neural Key (three shards, one shard and the
 * password, a wrong password, an altered shard), pq_hybrid machine keys
 * (create, list, rotate, revoke, login with the signature in parts, a
 * signature with one valid half refused) — and that no secret ever
 * reaches a VFS file.
 */
#include <stdarg.h>

#include "harness.h"
#include "lib/base64.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/pq_hybrid.h"
#include "lib/fmt.h"
#include "svc/fake_keystore.h"
#include "svc/fake_vfs.h"
#include "svc/svc_host.h"
#include "user/services/identity/identity.h"

static struct svc_host h;
static struct zos_msg reply;
static uint32_t client;
static char saved[8][128];

/* A request with a printf-style body; the answer's text. */
static const char *ask(uint32_t tag, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *ask(uint32_t tag, const char *fmt, ...)
{
	static char body[ZOS_MSG_MAX + 1];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof body, fmt, ap);
	va_end(ap);
	return svc_host_ask(&h, client, tag, body, identity_handle, &reply);
}

/* The string at a path of member names ("user", "id"), or "" . */
static const char *get(const char *json, const char *k1, const char *k2)
{
	static struct zjson_tok toks[512];
	static char out[8192]; /* a pq_hybrid signature's part in base64 */
	struct zjson_doc d;
	struct zjson_error err;
	int32_t v;

	out[0] = 0;
	if (zjson_parse(&d, json, strlen(json), toks, 512, &err) != ZOS_OK)
		return out;
	v = zjson_get(&d, 0, k1);
	if (k2)
		v = zjson_get(&d, v, k2);
	if (v >= 0 && d.toks[v].type == ZJSON_STRING)
		zjson_str(&d, v, out, sizeof out, 0);
	else if (v >= 0)
		snprintf(out, sizeof out, "%.*s", (int)(d.toks[v].end - d.toks[v].start),
			 json + d.toks[v].start);
	return out;
}

/* Keeps a copy of a short answer value (get's buffer is reused). */
static const char *keep(int i, const char *s)
{
	snprintf(saved[i], sizeof saved[i], "%s", s);
	return saved[i];
}

#define CODE(got, want)                                                                       \
	do {                                                                                  \
		const char *g_ = (got);                                                       \
		if (strcmp(get(g_, "code", 0), want) != 0)                                    \
			harness_fail(__FILE__, __LINE__, "got %s, want code %s", g_, want);   \
	} while (0)
#define FINE(got)                                                                             \
	do {                                                                                  \
		const char *g_ = (got);                                                       \
		if (strstr(g_, "\"error\"") || g_[0] != '{')                                  \
			harness_fail(__FILE__, __LINE__, "refused: %s", g_);                  \
	} while (0)

static void boot(void)
{
	fake_vfs_reset();
	fake_ks_reset();
	zos_vfs_use_transport(fake_vfs_transport);
	id_keystore_use(fake_ks_transport);
	svc_host_boot(&h, "identity", 0);
	id_neural_cost(1, 64); /* a fast Argon2id for tests; the record says so */
	CHECK_EQ(identity_reset(), ZOS_OK);
	client = svc_host_client(&h, "terminal");
}

static void done(void)
{
	zos_vfs_use_transport(0);
	id_keystore_use(0);
	svc_host_free(&h);
}

static const char *new_user(int slot, const char *name)
{
	const char *a = ask(ZOS_MSG_ID_CREATE_USER, "{\"display_name\":\"%s\"}", name);

	FINE(a);
	return keep(slot, get(a, "user", "id"));
}

static const char *new_key(int slot, const char *uid, const char *extra)
{
	const char *a = ask(ZOS_MSG_ID_MACHINE_KEY_CREATE, "{\"user_id\":\"%s\"%s}", uid, extra);

	FINE(a);
	return keep(slot, get(a, "key_record", "machine_id"));
}

/* 1 when any VFS file holds s. */
static int in_vfs(const char *s)
{
	size_t n = strlen(s);

	for (uint32_t i = 0; i < fake_vfs.nfiles; i++)
		for (uint32_t k = 0; k + n <= fake_vfs.files[i].len; k++)
			if (!memcmp(fake_vfs.files[i].data + k, s, n))
				return 1;
	return 0;
}

/* The keystore's value under key, "" when there is none. */
static const char *ks_value(const char *key)
{
	struct fake_ks_entry *e = fake_ks_find(key);

	return e ? e->value : "";
}

static void test_users(void)
{
	char path[300], big[200];
	const char *id, *a;

	boot();
	id = new_user(0, "alice");
	CHECK_EQ(strlen(id), 32);
	CHECK(strcmp(id, "00000000000000000000000000000000") != 0);
	snprintf(path, sizeof path, "/home/%s/.zos/identity/user.json", id);
	CHECK(fake_vfs_find(path, 0) != 0);
	snprintf(path, sizeof path, "/home/%s/.zos/identity/preferences.json", id);
	CHECK(fake_vfs_find(path, 0) != 0);
	CODE(ask(ZOS_MSG_ID_CREATE_USER, "{\"display_name\":\"alice\"}"), "exists");
	CODE(ask(ZOS_MSG_ID_CREATE_USER, "{\"display_name\":\"\"}"), "invalid");
	CODE(ask(ZOS_MSG_ID_CREATE_USER, "{\"display_name\":\" lead\"}"), "invalid");
	CODE(ask(ZOS_MSG_ID_CREATE_USER, "{\"display_name\":\"a/b\"}"), "invalid");
	CODE(ask(ZOS_MSG_ID_CREATE_USER, "{\"display_name\":7}"), "invalid");
	CODE(ask(ZOS_MSG_ID_CREATE_USER, "{}"), "invalid");
	memset(big, 'x', 65);
	big[65] = 0;
	CHECK_CONTAINS(ask(ZOS_MSG_ID_CREATE_USER, "{\"display_name\":\"%s\"}", big), "longer than 64");
	new_user(1, "bob");
	a = ask(ZOS_MSG_ID_GET_USER, "{\"user_id\":\"%s\"}", id);
	FINE(a);
	CHECK_CONTAINS(a, "\"display_name\":\"alice\"");
	CHECK_CONTAINS(a, "\"status\":\"active\"");
	CHECK_CONTAINS(a, "\"timezone\":\"UTC\"");
	CODE(ask(ZOS_MSG_ID_GET_USER, "{\"user_id\":\"0123456789abcdef0123456789abcdef\"}"), "not_found");
	CODE(ask(ZOS_MSG_ID_GET_USER, "{\"user_id\":\"00000000000000000000000000000000\"}"), "invalid");
	CODE(ask(ZOS_MSG_ID_GET_USER, "{\"user_id\":\"../../etc\"}"), "invalid");
	CODE(ask(ZOS_MSG_ID_GET_USER, "{\"user_id\":12}"), "invalid");
	a = ask(ZOS_MSG_ID_LIST_USERS, "%s", "");
	CHECK_CONTAINS(a, "alice");
	CHECK_CONTAINS(a, "bob");
	CHECK_CONTAINS(a, "\"truncated\":false");
	/* status and preferences */
	a = ask(ZOS_MSG_ID_UPDATE_USER,
		"{\"user_id\":\"%s\",\"status\":\"locked\",\"preferences\":{\"theme\":\"dark\",\"timezone\":\"Europe/Paris\"}}",
		id);
	FINE(a);
	CHECK_CONTAINS(a, "\"status\":\"locked\"");
	CHECK_CONTAINS(a, "\"theme\":\"dark\"");
	CHECK_CONTAINS(a, "\"language\":\"en\"");
	CHECK_CONTAINS(ask(ZOS_MSG_ID_GET_USER, "{\"user_id\":\"%s\"}", id), "Europe/Paris");
	CODE(ask(ZOS_MSG_ID_UPDATE_USER, "{\"user_id\":\"%s\",\"status\":\"asleep\"}", id), "invalid");
	CODE(ask(ZOS_MSG_ID_UPDATE_USER, "{\"user_id\":\"%s\",\"preferences\":{\"theme\":\"a\\\"b\"}}", id),
	     "invalid");
	CODE(ask(ZOS_MSG_ID_UPDATE_USER, "{\"user_id\":\"%s\",\"preferences\":[]}", id), "invalid");
	CODE(ask(ZOS_MSG_ID_UPDATE_USER, "{\"user_id\":\"%s\"}", id), "invalid");
	/* deleting: its files and its keys go, the others stay */
	new_key(2, id, "");
	new_key(3, saved[1], "");
	CHECK_EQ(fake_ks.n, 2);
	FINE(ask(ZOS_MSG_ID_DELETE_USER, "{\"user_id\":\"%s\"}", id));
	CODE(ask(ZOS_MSG_ID_GET_USER, "{\"user_id\":\"%s\"}", id), "not_found");
	CODE(ask(ZOS_MSG_ID_DELETE_USER, "{\"user_id\":\"%s\"}", id), "not_found");
	CHECK_EQ(fake_ks.n, 1);
	CHECK(!in_vfs("alice"));
	snprintf(path, sizeof path, "/home/%s", id);
	CHECK(!fake_vfs_is_dir(path));
	FINE(ask(ZOS_MSG_ID_GET_USER, "{\"user_id\":\"%s\"}", saved[1]));
	done();
}

static void test_damaged_user_file(void)
{
	char path[300];
	const char *id;

	boot();
	id = new_user(0, "carol");
	snprintf(path, sizeof path, "/home/%s/.zos/identity/user.json", id);
	fake_vfs_put(path, "{\"display_name\":5}", 18);
	CODE(ask(ZOS_MSG_ID_GET_USER, "{\"user_id\":\"%s\"}", id), "damaged");
	fake_vfs_put(path, "not json", 8);
	CODE(ask(ZOS_MSG_ID_GET_USER, "{\"user_id\":\"%s\"}", id), "damaged");
	/* a damaged user is left out of the listing, not fatal to it */
	CHECK_CONTAINS(ask(ZOS_MSG_ID_LIST_USERS, "{}"), "\"users\":[]");
	fake_vfs.down = 1;
	CODE(ask(ZOS_MSG_ID_CREATE_USER, "{\"display_name\":\"dan\"}"), "storage");
	fake_vfs.down = 0;
	done();
}

static void test_machine_keys(void)
{
	const char *uid, *kid, *a;
	char path[300], secret[200];

	boot();
	uid = new_user(0, "alice");
	a = ask(ZOS_MSG_ID_MACHINE_KEY_CREATE, "{\"user_id\":\"%s\",\"scheme\":\"classical\",\"name\":\"laptop\"}", uid);
	FINE(a);
	kid = keep(1, get(a, "key_record", "machine_id"));
	CHECK_CONTAINS(a, "\"epoch\":1");
	CHECK_CONTAINS(a, "\"capabilities\":[\"AUTHENTICATE\",\"SIGN\",\"ENCRYPT\"]");
	CHECK_CONTAINS(a, "\"machine_name\":\"laptop\"");
	CHECK_EQ(strlen(get(a, "key_record", "signing_public_key")), 64);
	CHECK_EQ(strlen(get(a, "key_record", "encryption_public_key")), 64);
	/* the secret is in the keystore only */
	snprintf(path, sizeof path, "/keys/%s/machine/%s.json", uid, kid);
	CHECK(fake_ks_find(path) != 0);
	snprintf(secret, sizeof secret, "%s", get(ks_value(path), "signing_sk", 0));
	CHECK_EQ(strlen(secret), 64);
	CHECK(!in_vfs(secret));
	snprintf(secret, sizeof secret, "%s", get(ks_value(path), "encryption_sk", 0));
	CHECK(!in_vfs(secret));
	CODE(ask(ZOS_MSG_ID_MACHINE_KEY_CREATE, "{\"user_id\":\"%s\",\"scheme\":\"rot13\"}", uid), "invalid");
	CODE(ask(ZOS_MSG_ID_MACHINE_KEY_CREATE, "{\"user_id\":\"%s\",\"capabilities\":[\"FLY\"]}", uid),
	     "invalid");
	CODE(ask(ZOS_MSG_ID_MACHINE_KEY_CREATE, "{\"user_id\":\"%s\",\"capabilities\":[1]}", uid), "invalid");
	CODE(ask(ZOS_MSG_ID_MACHINE_KEY_CREATE, "{\"user_id\":\"%s\",\"name\":\"\"}", uid), "invalid");
	CODE(ask(ZOS_MSG_ID_MACHINE_KEY_CREATE, "{\"user_id\":\"0123456789abcdef0123456789abcdef\"}"),
	     "not_found");
	a = ask(ZOS_MSG_ID_MACHINE_KEY_CREATE,
		"{\"user_id\":\"%s\",\"capabilities\":[\"SIGN\",\"VAULT_OPERATIONS\",\"REVOKE_MACHINES\"]}", uid);
	FINE(a);
	CHECK_CONTAINS(a, "[\"SIGN\",\"VAULT_OPERATIONS\",\"REVOKE_MACHINES\"]");
	a = ask(ZOS_MSG_ID_MACHINE_KEY_LIST, "{\"user_id\":\"%s\"}", uid);
	FINE(a);
	CHECK_CONTAINS(a, kid);
	CHECK_CONTAINS(a, "laptop");
	/* rotation: epoch 2, the old public key kept as retired, a new secret */
	char old_pk[65];
	snprintf(old_pk, sizeof old_pk, "%s", get(ks_value(path), "signing_sk", 0));
	a = ask(ZOS_MSG_ID_MACHINE_KEY_ROTATE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid);
	FINE(a);
	CHECK_CONTAINS(a, "\"epoch\":2");
	CHECK_CONTAINS(a, "\"retired_keys\":[{\"epoch\":1");
	CHECK(strcmp(old_pk, get(ks_value(path), "signing_sk", 0)) != 0);
	/* revocation: the secret is gone, and nothing more can be done with it */
	FINE(ask(ZOS_MSG_ID_MACHINE_KEY_REVOKE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid));
	CHECK(fake_ks_find(path) == 0);
	CODE(ask(ZOS_MSG_ID_MACHINE_KEY_REVOKE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid), "revoked");
	CODE(ask(ZOS_MSG_ID_MACHINE_KEY_ROTATE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid), "revoked");
	CODE(ask(ZOS_MSG_ID_MACHINE_KEY_ROTATE, "{\"user_id\":\"%s\",\"key_id\":\"0123456789abcdef0123456789abcdef\"}", uid),
	     "not_found");
	CHECK_CONTAINS(ask(ZOS_MSG_ID_MACHINE_KEY_LIST, "{\"user_id\":\"%s\"}", uid), "\"status\":\"revoked\"");
	/* the keystore down: nothing is half made */
	fake_ks.down = 1;
	CODE(ask(ZOS_MSG_ID_MACHINE_KEY_CREATE, "{\"user_id\":\"%s\"}", uid), "keystore");
	fake_ks.down = 0;
	done();
}

/* A record in the legacy boolean capability format is read. */
static void test_legacy_capabilities(void)
{
	const char *uid, *kid, *a;
	char path[300], rec[2048], body[2400];
	size_t n;

	boot();
	uid = new_user(0, "alice");
	kid = new_key(1, uid, "");
	snprintf(path, sizeof path, "/home/%s/.zos/identity/machine/%s.json", uid, kid);
	n = fake_vfs_find(path, 0)->len;
	memcpy(rec, fake_vfs_find(path, 0)->data, n);
	rec[n] = 0;
	char *caps = strstr(rec, "\"capabilities\":{");
	char *end = strstr(caps, "},");
	CHECK(caps && end);
	*caps = 0;
	snprintf(body, sizeof body,
		 "%s\"capabilities\":{\"can_authenticate\":true,\"can_encrypt\":false,"
		 "\"can_sign_messages\":true,\"can_authorize_machines\":false,"
		 "\"can_revoke_machines\":true,\"expires_at\":null}%s",
		 rec, end + 1);
	fake_vfs_put(path, body, (uint32_t)strlen(body));
	a = ask(ZOS_MSG_ID_MACHINE_KEY_LIST, "{\"user_id\":\"%s\"}", uid);
	CHECK_CONTAINS(a, "[\"AUTHENTICATE\",\"SIGN\",\"REVOKE_MACHINES\"]");
	FINE(ask(ZOS_MSG_ID_LOGIN_CHALLENGE, "{\"user_id\":\"%s\",\"machine_key_id\":\"%s\"}", uid, kid));
	/* a rotation writes it back as strings */
	FINE(ask(ZOS_MSG_ID_MACHINE_KEY_ROTATE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid));
	CHECK(!in_vfs("can_authenticate"));
	done();
}

/* A challenge for uid's key kid into ch, and (when sig is given) the
 * service's signature of it. */
static void challenge(const char *uid, const char *kid, char ch[65], char sig[129])
{
	const char *a = ask(ZOS_MSG_ID_LOGIN_CHALLENGE, "{\"user_id\":\"%s\",\"machine_key_id\":\"%s\"}", uid, kid);

	FINE(a);
	snprintf(ch, 65, "%s", get(a, "challenge", 0));
	if (sig)
		snprintf(sig, 129, "%s", get(ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\"}", ch), "signature", 0));
}

/* Logs in by challenge, signed by the service; the session's id. */
static const char *login(int slot, const char *uid, const char *kid)
{
	const char *a = ask(ZOS_MSG_ID_LOGIN_CHALLENGE, "{\"user_id\":\"%s\",\"machine_key_id\":\"%s\"}", uid, kid);
	char ch[65], sig[129];

	FINE(a);
	snprintf(ch, sizeof ch, "%s", get(a, "challenge", 0));
	a = ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\"}", ch);
	FINE(a);
	snprintf(sig, sizeof sig, "%s", get(a, "signature", 0));
	a = ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\",\"signature\":\"%s\"}", ch, sig);
	FINE(a);
	return keep(slot, get(a, "session", "session_id"));
}

static void test_login(void)
{
	const char *uid, *kid, *sid, *a;
	char ch[65], sig[129], path[300];

	boot();
	uid = new_user(0, "alice");
	kid = new_key(1, uid, "");
	sid = login(2, uid, kid);
	CHECK_EQ(strlen(sid), 32);
	snprintf(path, sizeof path, "/home/%s/.zos/identity/sessions/%s.json", uid, sid);
	CHECK(fake_vfs_find(path, 0) != 0);
	a = ask(ZOS_MSG_ID_WHOAMI, "{\"session_id\":\"%s\"}", sid);
	FINE(a);
	CHECK_CONTAINS(a, "\"display_name\":\"alice\"");
	CHECK_CONTAINS(a, "\"expires_at\":");
	CHECK(strcmp(get(a, "user", "last_login"), "null") != 0);

	/* replayed: the same challenge and signature again */
	challenge(uid, kid, ch, sig);
	FINE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\",\"signature\":\"%s\"}", ch, sig));
	CODE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\",\"signature\":\"%s\"}", ch, sig), "replayed");
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\"}", ch), "replayed");

	/* expired: 30 s later */
	challenge(uid, kid, ch, sig);
	h.fp.now += 31000000000ull;
	CODE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\",\"signature\":\"%s\"}", ch, sig), "expired");

	/* foreign key: a signature by a key that is not the machine key's */
	uint8_t seed[32] = { 7 }, pk[32], sk[64], msg[32], s[64];
	challenge(uid, kid, ch, 0);
	CHECK_EQ(zos_hex_decode(msg, 32, ch, 64), 0);
	zos_ed25519_keypair(pk, sk, seed);
	zos_ed25519_sign(s, msg, 32, sk);
	zos_hex(sig, s, 64);
	a = ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\",\"signature\":\"%s\"}", ch, sig);
	CODE(a, "foreign_key");
	CHECK_CONTAINS(a, "not by machine key");
	/* ... and the refused challenge is spent */
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\"}", ch), "replayed");

	/* wrong user: the challenge was for alice, the request claims bob */
	const char *bob = new_user(3, "bob");
	challenge(uid, kid, ch, sig);
	CODE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\",\"signature\":\"%s\",\"user_id\":\"%s\"}", ch, sig, bob),
	     "wrong_user");
	/* a key of another user is not alice's */
	CODE(ask(ZOS_MSG_ID_LOGIN_CHALLENGE, "{\"user_id\":\"%s\",\"machine_key_id\":\"%s\"}", bob, kid), "not_found");

	/* rotated: a signature by the retired key is refused, in words */
	challenge(uid, kid, ch, sig);
	FINE(ask(ZOS_MSG_ID_MACHINE_KEY_ROTATE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid));
	CHECK_CONTAINS(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\",\"signature\":\"%s\"}", ch, sig), "retired key");
	login(4, uid, kid); /* the new key logs in */

	/* garbage */
	challenge(uid, kid, ch, 0);
	CODE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\",\"signature\":\"zz\"}", ch), "invalid");
	CODE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"abcd\",\"signature\":\"%s\"}", sig), "invalid");
	CODE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%064d\",\"signature\":\"%s\"}", 0, sig), "unknown");

	/* logout */
	FINE(ask(ZOS_MSG_ID_LOGOUT, "{\"session_id\":\"%s\"}", sid));
	CHECK(fake_vfs_find(path, 0) == 0);
	CODE(ask(ZOS_MSG_ID_WHOAMI, "{\"session_id\":\"%s\"}", sid), "not_found");
	CODE(ask(ZOS_MSG_ID_LOGOUT, "{\"session_id\":\"%s\"}", sid), "not_found");
	done();
}

static void test_login_refusals(void)
{
	const char *uid, *kid, *signer, *a;

	boot();
	uid = new_user(0, "alice");
	kid = new_key(1, uid, "");
	const char *sid = login(3, uid, kid);
	signer = new_key(2, uid, ",\"capabilities\":[\"SIGN\"]");
	a = ask(ZOS_MSG_ID_LOGIN_CHALLENGE, "{\"user_id\":\"%s\",\"machine_key_id\":\"%s\"}", uid, signer);
	CODE(a, "not_allowed");
	CHECK_CONTAINS(a, "AUTHENTICATE");
	FINE(ask(ZOS_MSG_ID_UPDATE_USER, "{\"user_id\":\"%s\",\"status\":\"locked\"}", uid));
	CODE(ask(ZOS_MSG_ID_LOGIN_CHALLENGE, "{\"user_id\":\"%s\",\"machine_key_id\":\"%s\"}", uid, kid), "locked");
	CODE(ask(ZOS_MSG_ID_WHOAMI, "{\"session_id\":\"%s\"}", sid), "locked"); /* its sessions too */
	FINE(ask(ZOS_MSG_ID_UPDATE_USER, "{\"user_id\":\"%s\",\"status\":\"active\"}", uid));
	FINE(ask(ZOS_MSG_ID_WHOAMI, "{\"session_id\":\"%s\"}", sid));
	FINE(ask(ZOS_MSG_ID_MACHINE_KEY_REVOKE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid));
	CODE(ask(ZOS_MSG_ID_LOGIN_CHALLENGE, "{\"user_id\":\"%s\",\"machine_key_id\":\"%s\"}", uid, kid), "revoked");
	CODE(ask(ZOS_MSG_ID_WHOAMI, "{\"session_id\":\"%s\"}", sid), "revoked"); /* and the key's sessions */
	CODE(ask(ZOS_MSG_ID_LOGIN_CHALLENGE, "{\"user_id\":\"%s\"}", uid), "invalid");
	done();
}

/* A restart forgets challenges and keeps sessions until they expire. */
static void test_restart(void)
{
	const char *uid, *kid, *sid;
	char ch[65], path[300], body[1024];

	boot();
	uid = new_user(0, "alice");
	kid = new_key(1, uid, "");
	sid = login(2, uid, kid);
	challenge(uid, kid, ch, 0);
	CHECK_EQ(identity_reset(), ZOS_OK);
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\"}", ch), "unknown");
	FINE(ask(ZOS_MSG_ID_WHOAMI, "{\"session_id\":\"%s\"}", sid));
	/* an expired session is refused and cleaned up */
	snprintf(path, sizeof path, "/home/%s/.zos/identity/sessions/%s.json", uid, sid);
	snprintf(body, sizeof body,
		 "{\"session_id\":\"%s\",\"user_id\":\"%s\",\"device_id\":\"%s\",\"created_at\":1,\"expires_at\":2}",
		 sid, uid, kid);
	fake_vfs_put(path, body, (uint32_t)strlen(body));
	CODE(ask(ZOS_MSG_ID_WHOAMI, "{\"session_id\":\"%s\"}", sid), "expired");
	CHECK(fake_vfs_find(path, 0) == 0);
	done();
}

static void test_neural_key(void)
{
	const char *uid, *a;
	char shards[3][120], master[65], pk[65], tampered[120];
	char key[300];

	boot();
	uid = new_user(0, "alice");
	CODE(ask(ZOS_MSG_ID_NEURAL_KEY_GENERATE, "{\"user_id\":\"%s\",\"password\":\"short\"}", uid), "invalid");
	CODE(ask(ZOS_MSG_ID_NEURAL_KEY_GENERATE, "{\"user_id\":\"%s\"}", uid), "invalid");
	CODE(ask(ZOS_MSG_ID_NEURAL_KEY_RECOVER, "{\"user_id\":\"%s\",\"shards\":[]}", uid), "not_found");
	a = ask(ZOS_MSG_ID_NEURAL_KEY_GENERATE, "{\"user_id\":\"%s\",\"password\":\"correct horse\"}", uid);
	FINE(a);
	snprintf(pk, sizeof pk, "%s", get(a, "public_identifiers", "identity_signing_public_key"));
	CHECK_EQ(strlen(pk), 64);
	{
		struct zjson_tok t[32];
		struct zjson_doc d;
		struct zjson_error err;
		CHECK_EQ(zjson_parse(&d, a, strlen(a), t, 32, &err), ZOS_OK);
		for (uint32_t i = 0; i < 3; i++)
			CHECK_EQ(zjson_str(&d, zjson_at(&d, zjson_get(&d, 0, "shards"), i), shards[i],
					   sizeof shards[i], 0), ZOS_OK);
	}
	CHECK_EQ(strlen(shards[0]), 104);
	CODE(ask(ZOS_MSG_ID_NEURAL_KEY_GENERATE, "{\"user_id\":\"%s\",\"password\":\"correct horse\"}", uid), "exists");
	/* nothing of it in VFS; in the keystore, the shown shards do not appear */
	for (int i = 0; i < 3; i++) {
		CHECK(!in_vfs(shards[i]));
		for (uint32_t k = 0; k < fake_ks.n; k++)
			CHECK(!strstr(fake_ks.e[k].value, shards[i]));
	}
	snprintf(key, sizeof key, "/keys/%s/identity/encrypted_shards.json", uid);
	CHECK(fake_ks_find(key) != 0);
	CHECK_CONTAINS(ks_value(key), "\"algorithm\":\"argon2id\"");
	CHECK_CONTAINS(ks_value(key), "\"external_shard_indices\":[1,2,3]");
	snprintf(key, sizeof key, "/keys/%s/identity/public_keys.json", uid);
	CHECK(fake_ks_find(key) != 0);

	/* three shards */
	a = ask(ZOS_MSG_ID_NEURAL_KEY_RECOVER, "{\"user_id\":\"%s\",\"shards\":[\"%s\",\"%s\",\"%s\"]}", uid,
		shards[2], shards[0], shards[1]);
	FINE(a);
	snprintf(master, sizeof master, "%s", get(a, "master_key", 0));
	CHECK_EQ(strlen(master), 64);
	CHECK(strcmp(get(a, "public_identifiers", "identity_signing_public_key"), pk) == 0);
	CHECK(!in_vfs(master));
	/* one shard and the password: the same secret */
	a = ask(ZOS_MSG_ID_NEURAL_KEY_RECOVER, "{\"user_id\":\"%s\",\"shards\":[\"%s\"],\"password\":\"correct horse\"}",
		uid, shards[1]);
	FINE(a);
	CHECK(strcmp(get(a, "master_key", 0), master) == 0);
	CODE(ask(ZOS_MSG_ID_NEURAL_KEY_RECOVER, "{\"user_id\":\"%s\",\"shards\":[\"%s\"],\"password\":\"wrong horse\"}",
		 uid, shards[1]),
	     "wrong_password");
	CODE(ask(ZOS_MSG_ID_NEURAL_KEY_RECOVER, "{\"user_id\":\"%s\",\"shards\":[\"%s\",\"%s\"]}", uid, shards[0],
		 shards[1]),
	     "invalid");
	CODE(ask(ZOS_MSG_ID_NEURAL_KEY_RECOVER, "{\"user_id\":\"%s\",\"shards\":[\"%s\",\"%s\",\"%s\"]}", uid,
		 shards[0], shards[0], shards[1]),
	     "bad_shard");
	/* an altered shard: one digit of its secret part changed */
	snprintf(tampered, sizeof tampered, "%s", shards[0]);
	tampered[20] = tampered[20] == '0' ? '1' : '0';
	a = ask(ZOS_MSG_ID_NEURAL_KEY_RECOVER, "{\"user_id\":\"%s\",\"shards\":[\"%s\",\"%s\",\"%s\"]}", uid,
		tampered, shards[1], shards[2]);
	CODE(a, "bad_shard");
	CHECK_CONTAINS(a, "altered");
	CODE(ask(ZOS_MSG_ID_NEURAL_KEY_RECOVER, "{\"user_id\":\"%s\",\"shards\":[\"xyz\"]}", uid), "bad_shard");
	CODE(ask(ZOS_MSG_ID_NEURAL_KEY_RECOVER, "{\"user_id\":\"%s\",\"shards\":\"%s\"}", uid, shards[0]), "invalid");
	/* another user's shards rebuild a secret, but not this user's key */
	const char *bob = new_user(1, "bob");
	a = ask(ZOS_MSG_ID_NEURAL_KEY_GENERATE, "{\"user_id\":\"%s\",\"password\":\"battery staple\"}", bob);
	FINE(a);
	{
		struct zjson_tok t[32];
		struct zjson_doc d;
		struct zjson_error err;
		char b[3][120];
		CHECK_EQ(zjson_parse(&d, a, strlen(a), t, 32, &err), ZOS_OK);
		for (uint32_t i = 0; i < 3; i++)
			zjson_str(&d, zjson_at(&d, zjson_get(&d, 0, "shards"), i), b[i], sizeof b[i], 0);
		CODE(ask(ZOS_MSG_ID_NEURAL_KEY_RECOVER, "{\"user_id\":\"%s\",\"shards\":[\"%s\",\"%s\",\"%s\"]}", uid,
			 b[0], b[1], b[2]),
		     "wrong_secret");
	}
	done();
}

/* The VFS file at path as a C string ("" when missing). */
static const char *vfs_text(const char *path)
{
	static char text[FAKE_VFS_FILE_MAX + 1];
	struct fake_vfs_file *f = fake_vfs_find(path, 0);

	text[0] = 0;
	if (f) {
		memcpy(text, f->data, f->len);
		text[f->len] = 0;
	}
	return text;
}

/* Member key of the machine record in VFS, base64, decoded into out. */
static void record_key(const char *uid, const char *kid, const char *key, uint8_t *out, size_t n)
{
	char path[300];
	const char *b64;
	size_t len;

	snprintf(path, sizeof path, "/home/%s/.zos/identity/machine/%s.json", uid, kid);
	b64 = get(vfs_text(path), key, 0);
	CHECK_EQ(strlen(b64), ZOS_B64_LEN(n));
	CHECK_EQ(zos_b64_decode(b64, strlen(b64), out, n, &len), ZOS_OK);
	CHECK_EQ(len, n);
}

/* A 32-byte seed, hex in the keystore's value under key. */
static void ks_seed(const char *key, const char *name, uint8_t seed[32])
{
	const char *hex = get(ks_value(key), name, 0);

	CHECK_EQ(strlen(hex), 64);
	CHECK_EQ(zos_hex_decode(seed, 32, hex, 64), 0);
}

static void test_pq_machine_keys(void)
{
	static uint8_t pk[ZOS_PQH_SIGN_PK_SIZE], sk[ZOS_PQH_SIGN_SK_SIZE];
	static uint8_t kem_pk[ZOS_PQH_KEM_PK_SIZE], kem_sk[ZOS_PQH_KEM_SK_SIZE], got[ZOS_PQH_SIGN_PK_SIZE];
	const char *uid, *kid, *a;
	char path[300], vpath[300], seed_hex[65];
	uint8_t seed[32];

	boot();
	uid = new_user(0, "alice");
	new_key(2, uid, ",\"name\":\"old\"");
	a = ask(ZOS_MSG_ID_MACHINE_KEY_CREATE, "{\"user_id\":\"%s\",\"scheme\":\"pq_hybrid\",\"name\":\"quantum\"}", uid);
	FINE(a);
	kid = keep(1, get(a, "key_record", "machine_id"));
	CHECK_CONTAINS(a, "\"key_scheme\":\"pq_hybrid\"");
	CHECK_CONTAINS(a, "\"epoch\":1");
	/* the answer names the keys by fingerprint: they do not fit in it */
	CHECK_EQ(strlen(get(a, "key_record", "signing_key_fingerprint")), 64);
	CHECK_EQ(strlen(get(a, "key_record", "encryption_key_fingerprint")), 64);
	/* the record in VFS has the public keys, base64; the keystore only the
	 * two seeds, and the keys derive from them */
	snprintf(path, sizeof path, "/keys/%s/machine/%s.json", uid, kid);
	CHECK_CONTAINS(ks_value(path), "\"scheme\":\"pq_hybrid\"");
	CHECK(strlen(ks_value(path)) < 300);
	for (int kem = 0; kem <= 1; kem++) {
		const char *name = kem ? "kem_seed" : "signing_seed";
		ks_seed(path, name, seed);
		if (kem)
			zos_pqh_kem_keygen(kem_pk, kem_sk, seed);
		else
			zos_pqh_sign_keygen(pk, sk, seed);
		record_key(uid, kid, kem ? "encryption_public_key" : "signing_public_key", got,
			   kem ? sizeof kem_pk : sizeof pk);
		CHECK(!memcmp(got, kem ? kem_pk : pk, kem ? sizeof kem_pk : sizeof pk));
		snprintf(seed_hex, sizeof seed_hex, "%s", get(ks_value(path), name, 0));
		CHECK(!in_vfs(seed_hex));
	}
	/* no part of an expanded secret key in VFS either: the ML-DSA key's
	 * secret seed K (bytes 32..63 of its sk) and the X25519 secret (the
	 * KEM sk's first 32 bytes) */
	zos_hex(seed_hex, sk + 64 + 32, 32);
	CHECK(!in_vfs(seed_hex));
	zos_hex(seed_hex, kem_sk, 32);
	CHECK(!in_vfs(seed_hex));
	snprintf(vpath, sizeof vpath, "/home/%s/.zos/identity/machine/%s.json", uid, kid);
	CHECK(!strstr(vfs_text(vpath), "seed"));
	/* LIST shows each key's scheme */
	a = ask(ZOS_MSG_ID_MACHINE_KEY_LIST, "{\"user_id\":\"%s\"}", uid);
	FINE(a);
	CHECK_CONTAINS(a, "\"key_scheme\":\"pq_hybrid\"");
	CHECK_CONTAINS(a, "\"key_scheme\":\"classical\"");
	CHECK_CONTAINS(a, "\"truncated\":false");
	/* rotation, past the four retired keys a record keeps: every answer
	 * and record fits, the retired keys stay whole in the record */
	for (int i = 2; i <= 6; i++) {
		a = ask(ZOS_MSG_ID_MACHINE_KEY_ROTATE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid);
		FINE(a);
		CHECK_CONTAINS(a, "\"key_scheme\":\"pq_hybrid\"");
	}
	CHECK_CONTAINS(a, "\"epoch\":6");
	CHECK_CONTAINS(a, "\"retired_keys\":[{\"epoch\":2,\"signing_key_fingerprint\":");
	CHECK_CONTAINS(vfs_text(vpath), "\"retired_keys\":[{\"epoch\":2,\"signing_public_key\":\"");
	ks_seed(path, "signing_seed", seed);
	zos_pqh_sign_keygen(pk, sk, seed);
	record_key(uid, kid, "signing_public_key", got, sizeof pk);
	CHECK(!memcmp(got, pk, sizeof pk)); /* the keystore holds the new seed */
	/* revocation: the seeds go first */
	FINE(ask(ZOS_MSG_ID_MACHINE_KEY_REVOKE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid));
	CHECK(fake_ks_find(path) == 0);
	CODE(ask(ZOS_MSG_ID_MACHINE_KEY_ROTATE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid), "revoked");
	CHECK_CONTAINS(ask(ZOS_MSG_ID_MACHINE_KEY_LIST, "{\"user_id\":\"%s\"}", uid), "\"status\":\"revoked\"");
	/* a damaged key in the record is damaged, not a crash */
	new_key(1, uid, ",\"scheme\":\"pq_hybrid\"");
	snprintf(vpath, sizeof vpath, "/home/%s/.zos/identity/machine/%s.json", uid, saved[1]);
	{
		static char rec[FAKE_VFS_FILE_MAX + 1];
		char *k;
		snprintf(rec, sizeof rec, "%s", vfs_text(vpath));
		k = strstr(rec, "\"signing_public_key\":\"");
		CHECK(k != 0);
		k[30] = '!';
		fake_vfs_put(vpath, rec, (uint32_t)strlen(rec));
	}
	CODE(ask(ZOS_MSG_ID_LOGIN_CHALLENGE, "{\"user_id\":\"%s\",\"machine_key_id\":\"%s\"}", uid, saved[1]),
	     "damaged");
	done();
}

/* The service's pq_hybrid signature of challenge ch, fetched in parts. */
static void pq_fetch(const char *ch, uint8_t sig[ZOS_PQH_SIG_SIZE])
{
	size_t off = 0, n;
	const char *a;

	while (off < ZOS_PQH_SIG_SIZE) {
		a = ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\",\"offset\":%zu}", ch, off);
		FINE(a);
		CHECK_EQ(atoi(get(a, "total", 0)), ZOS_PQH_SIG_SIZE);
		const char *part = get(a, "signature", 0);
		n = 0;
		CHECK_EQ(zos_b64_decode(part, strlen(part), sig + off, ZOS_PQH_SIG_SIZE - off, &n), ZOS_OK);
		CHECK(n > 0 && n <= ID_SIG_PART);
		if (n == 0)
			break; /* failed above: no endless loop */
		off += n;
	}
}

/* Hands sig in, in parts of ID_SIG_PART bytes. */
static void pq_hand_in(const char *ch, const uint8_t *sig, size_t len)
{
	static char b64[ZOS_B64_LEN(ID_SIG_PART) + 1];
	size_t n;

	for (size_t off = 0; off < len; off += ID_SIG_PART) {
		size_t k = len - off < ID_SIG_PART ? len - off : ID_SIG_PART;
		CHECK_EQ(zos_b64_encode(sig + off, k, b64, sizeof b64, &n), ZOS_OK);
		const char *a = ask(ZOS_MSG_ID_LOGIN_SIGNATURE_PART,
				    "{\"challenge\":\"%s\",\"offset\":%zu,\"part\":\"%s\"}", ch, off, b64);
		FINE(a);
		CHECK_EQ((size_t)atoi(get(a, "received", 0)), off + k);
	}
}

/* Hands sig in, then LOGIN_VERIFY: its answer. */
static const char *pq_verify(const char *ch, const uint8_t *sig, size_t len)
{
	pq_hand_in(ch, sig, len);
	return ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\"}", ch);
}

static void test_pq_login(void)
{
	static uint8_t sig[ZOS_PQH_SIG_SIZE], bad[ZOS_PQH_SIG_SIZE];
	const char *uid, *kid, *classical, *a, *sid;
	char ch[65], csig[129];

	boot();
	uid = new_user(0, "alice");
	kid = new_key(1, uid, ",\"scheme\":\"pq_hybrid\"");
	/* a login: the signature out in parts, back in parts, both halves checked */
	challenge(uid, kid, ch, 0);
	pq_fetch(ch, sig);
	a = pq_verify(ch, sig, sizeof sig);
	FINE(a);
	sid = keep(2, get(a, "session", "session_id"));
	FINE(ask(ZOS_MSG_ID_WHOAMI, "{\"session_id\":\"%s\"}", sid));
	CODE(pq_verify(ch, sig, 0), "replayed");

	/* one valid half is not enough: a flipped bit in the ML-DSA half (the
	 * Ed25519 half still valid), then in the Ed25519 half */
	static const size_t flips[] = { 64 + 100, 10, ZOS_PQH_SIG_SIZE - 1 };
	for (size_t i = 0; i < sizeof flips / sizeof *flips; i++) {
		challenge(uid, kid, ch, 0);
		pq_fetch(ch, bad);
		bad[flips[i]] ^= 0x01;
		a = pq_verify(ch, bad, sizeof bad);
		CODE(a, "foreign_key");
		CHECK_CONTAINS(a, "not by machine key");
	}
	/* the two halves of two signatures of the same challenge by the same
	 * key are each valid: still a signature by this key */
	challenge(uid, kid, ch, 0);
	pq_fetch(ch, sig);
	pq_fetch(ch, bad);
	CHECK(memcmp(sig + 64, bad + 64, sizeof sig - 64) != 0); /* hedged */
	memcpy(bad, sig, 64);
	FINE(pq_verify(ch, bad, sizeof bad));

	/* refusals of the parts protocol */
	challenge(uid, kid, ch, 0);
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\",\"offset\":2048}", ch), "invalid"); /* not signed yet */
	pq_fetch(ch, sig);
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\",\"offset\":%d}", ch, ZOS_PQH_SIG_SIZE), "invalid");
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\",\"offset\":-1}", ch), "invalid");
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGNATURE_PART, "{\"challenge\":\"%s\",\"offset\":5,\"part\":\"AAAA\"}", ch),
	     "invalid"); /* out of order */
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGNATURE_PART, "{\"challenge\":\"%s\",\"offset\":0,\"part\":\"!!\"}", ch), "invalid");
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGNATURE_PART, "{\"challenge\":\"%s\",\"offset\":0}", ch), "invalid");
	CODE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\",\"signature\":\"%0128d\"}", ch, 0), "invalid");
	CODE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\"}", ch), "replayed"); /* spent by that */
	challenge(uid, kid, ch, 0);
	a = pq_verify(ch, sig, ID_SIG_PART);
	CODE(a, "invalid");
	CHECK_CONTAINS(a, "incomplete");
	/* more than a signature's bytes */
	challenge(uid, kid, ch, 0);
	pq_fetch(ch, sig);
	pq_hand_in(ch, sig, sizeof sig);
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGNATURE_PART, "{\"challenge\":\"%s\",\"offset\":%d,\"part\":\"AAAA\"}", ch,
		 ZOS_PQH_SIG_SIZE),
	     "invalid");
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGNATURE_PART, "{\"challenge\":\"%s\",\"offset\":%d,\"part\":\"\"}", ch,
		 ZOS_PQH_SIG_SIZE),
	     "invalid");
	FINE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\"}", ch)); /* what was handed in stands */
	/* a classical key takes no parts and no offset */
	classical = new_key(3, uid, "");
	challenge(uid, classical, ch, csig);
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGNATURE_PART, "{\"challenge\":\"%s\",\"offset\":0,\"part\":\"AAAA\"}", ch), "invalid");
	CODE(ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\",\"offset\":64}", ch), "invalid");
	FINE(ask(ZOS_MSG_ID_LOGIN_VERIFY, "{\"challenge\":\"%s\",\"signature\":\"%s\"}", ch, csig));

	/* rotated: the retired key's signature is refused, in words */
	challenge(uid, kid, ch, 0);
	pq_fetch(ch, sig);
	FINE(ask(ZOS_MSG_ID_MACHINE_KEY_ROTATE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid));
	a = pq_verify(ch, sig, sizeof sig);
	CODE(a, "foreign_key");
	CHECK_CONTAINS(a, "retired key");
	challenge(uid, kid, ch, 0);
	pq_fetch(ch, sig);
	FINE(pq_verify(ch, sig, sizeof sig)); /* the new key logs in */
	/* a seed in the keystore that does not give the record's key: damaged */
	{
		char key[300], *seed;
		snprintf(key, sizeof key, "/keys/%s/machine/%s.json", uid, kid);
		seed = strstr(fake_ks_find(key)->value, "\"signing_seed\":\"");
		CHECK(seed != 0);
		seed += 16;
		char was = *seed;
		*seed = was == '0' ? '1' : '0';
		challenge(uid, kid, ch, 0);
		CODE(ask(ZOS_MSG_ID_LOGIN_SIGN, "{\"challenge\":\"%s\"}", ch), "damaged");
		*seed = was;
		pq_fetch(ch, sig);
		FINE(pq_verify(ch, sig, sizeof sig));
	}
	/* revoked: no more challenges, and its sessions end */
	FINE(ask(ZOS_MSG_ID_MACHINE_KEY_REVOKE, "{\"user_id\":\"%s\",\"key_id\":\"%s\"}", uid, kid));
	CODE(ask(ZOS_MSG_ID_LOGIN_CHALLENGE, "{\"user_id\":\"%s\",\"machine_key_id\":\"%s\"}", uid, kid), "revoked");
	CODE(ask(ZOS_MSG_ID_WHOAMI, "{\"session_id\":\"%s\"}", sid), "revoked");
	done();
}

static void test_hostile_requests(void)
{
	static const uint32_t tags[] = { ZOS_MSG_ID_CREATE_USER, ZOS_MSG_ID_GET_USER, ZOS_MSG_ID_DELETE_USER,
					 ZOS_MSG_ID_UPDATE_USER, ZOS_MSG_ID_LOGIN_CHALLENGE, ZOS_MSG_ID_LOGIN_SIGN,
					 ZOS_MSG_ID_LOGIN_SIGNATURE_PART, ZOS_MSG_ID_LOGIN_VERIFY, ZOS_MSG_ID_LOGOUT, ZOS_MSG_ID_WHOAMI,
					 ZOS_MSG_ID_NEURAL_KEY_GENERATE, ZOS_MSG_ID_NEURAL_KEY_RECOVER,
					 ZOS_MSG_ID_MACHINE_KEY_CREATE, ZOS_MSG_ID_MACHINE_KEY_LIST,
					 ZOS_MSG_ID_MACHINE_KEY_ROTATE, ZOS_MSG_ID_MACHINE_KEY_REVOKE };
	static const char *bodies[] = { "not json", "[1,2]", "{\"user_id\":null}", "{\"user_id\":\"\\u0000\"}",
					"{\"display_name\":\"\\ud800\"}", "{", "\"x\"" };
	int64_t n;

	boot();
	for (size_t t = 0; t < sizeof tags / sizeof *tags; t++)
		for (size_t b = 0; b < sizeof bodies / sizeof *bodies; b++) {
			const char *a = ask(tags[t], "%s", bodies[b]);
			CHECK_CONTAINS(a, "\"error\"");
		}
	/* an unknown tag in the identity range is NOT_SUPPORTED */
	n = svc_host_request(&h, client, 0x7040, "{}", 2, identity_handle, &reply);
	CHECK_EQ(n, 8);
	/* a LOOKUP_RESPONSE from anyone but Init changes nothing, and a CALL
	 * with that tag is answered like any unknown request (it used to wait
	 * for ever) */
	n = svc_host_request(&h, client, ZOS_MSG_INIT_LOOKUP_RESPONSE, "keystore", 8, identity_handle, &reply);
	CHECK_EQ(n, 8);
	new_user(0, "still works");
	done();
}

/* Init's LOOKUP_RESPONSE with a new keystore cap is kept (and, when the
 * service started without one, its reply endpoint in slot 2 survives); the same
 * message from anyone else is answered as an unknown request and its cap
 * does not stay. */
static void test_keystore_renewal_keeps_the_reply_endpoint(void)
{
	static struct zos_cap_info caps[ZOS_MAX_SLOTS];
	const char *keystore = "keystore";
	uint32_t inbox = ZOS_INIT_INBOX_SLOT, self = ZOS_SLOT_SELF;
	uint8_t w = ZOS_RIGHT_WRITE;
	int64_t before;

	boot();
	svc_host_as(&h, h.svc_pid);
	before = zos_cap_list(caps, ZOS_MAX_SLOTS);
	/* a client's forgery: its cap must not stay with the service */
	svc_host_as(&h, client);
	CHECK(zos_send_caps(1, ZOS_MSG_INIT_LOOKUP_RESPONSE, &self, &w, 1, keystore, 8) >= 0);
	/* answered as an unknown request, on the cap it carried: that answer
	 * comes to the client first, then its own request's */
	CHECK(ask(ZOS_MSG_ID_LIST_USERS, "{}")[0] != '{');
	FINE(ask(ZOS_MSG_ID_LIST_USERS, "{}"));
	svc_host_as(&h, h.svc_pid);
	CHECK_EQ(zos_cap_list(caps, ZOS_MAX_SLOTS), before);
	/* Init's: kept, as the keystore's new cap */
	svc_host_as(&h, ZOS_PID_INIT);
	CHECK(zos_send_caps(h.svc_ep, ZOS_MSG_INIT_LOOKUP_RESPONSE, &inbox, &w, 1, keystore, 8) >= 0);
	FINE(ask(ZOS_MSG_ID_LIST_USERS, "{}"));
	svc_host_as(&h, h.svc_pid);
	CHECK_EQ(zos_cap_list(caps, ZOS_MAX_SLOTS), before + 1);
	done();
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_users);
	RUN(test_damaged_user_file);
	RUN(test_machine_keys);
	RUN(test_legacy_capabilities);
	RUN(test_login);
	RUN(test_login_refusals);
	RUN(test_pq_machine_keys);
	RUN(test_pq_login);
	RUN(test_restart);
	RUN(test_neural_key);
	RUN(test_hostile_requests);
	RUN(test_keystore_renewal_keeps_the_reply_endpoint);
	return harness_finish("svc/identity");
}
