/*
 * Logging in: LOGIN_CHALLENGE hands out 32 random bytes for one user and
 * one of their machine keys; LOGIN_VERIFY takes an Ed25519 signature of
 * them by that key and opens a session. A challenge is good once, for 30
 * seconds (the monotonic clock), and only in memory: a restart or reboot
 * forgets every challenge. Any verification, failed or not, uses the
 * challenge up, so a refused signature cannot be retried against it.
 *
 * LOGIN_SIGN (ours) is how a local terminal logs in without ever holding
 * a secret key: the service signs its own outstanding challenge with the
 * machine key it keeps in the keystore, and the terminal passes that
 * signature to LOGIN_VERIFY like any other client. It signs nothing but
 * a live, unused challenge of its own making.
 *
 * Sessions are files (sessions/{session_id}.json) with their expiry on
 * the wall clock, so they survive a reboot until they expire; an expired
 * session found by WHOAMI is removed.
 */
#include "identity.h"

#include "lib/crypto/ct.h"
#include "lib/crypto/ed25519.h"
#include "lib/fmt.h"
#include "lib/mem.h"

struct challenge {
	uint8_t bytes[ID_CHALLENGE_BYTES];
	uint8_t user[ID_BYTES];
	uint8_t machine[ID_BYTES];
	uint64_t issued_ns;  /* monotonic */
	uint8_t live;        /* the slot holds a challenge */
	uint8_t used;        /* verified (or refused) once already */
};

static struct challenge challenges[ID_MAX_CHALLENGES];
static struct id_user user;
static struct id_machine mk;
static char file[ID_FILE_MAX];
static struct zjson_tok toks[ID_TOKENS];

void id_challenges_forget(const uint8_t *uid)
{
	for (uint32_t i = 0; i < ID_MAX_CHALLENGES; i++)
		if (!uid || !zos_memcmp(challenges[i].user, uid, ID_BYTES))
			zos_memset(&challenges[i], 0, sizeof challenges[i]);
}

static int expired(const struct challenge *c)
{
	return zos_time_ns() - c->issued_ns > ID_CHALLENGE_NS;
}

/* A free slot, else an expired or used one, else the oldest. */
static struct challenge *slot(void)
{
	struct challenge *best = &challenges[0];

	for (uint32_t i = 0; i < ID_MAX_CHALLENGES; i++) {
		struct challenge *c = &challenges[i];
		if (!c->live || c->used || expired(c))
			return c;
		if (c->issued_ns < best->issued_ns)
			best = c;
	}
	return best;
}

static struct challenge *find(const uint8_t bytes[ID_CHALLENGE_BYTES])
{
	for (uint32_t i = 0; i < ID_MAX_CHALLENGES; i++)
		if (challenges[i].live && zos_ct_equal(challenges[i].bytes, bytes, ID_CHALLENGE_BYTES))
			return &challenges[i];
	return 0;
}

/* May this key of this user log in now? */
static int key_may_login(void)
{
	if (user.status != ID_ACTIVE)
		return id_fail("locked", "user %s is %s and cannot log in", user.name,
			       user.status == ID_LOCKED ? "locked" : "disabled");
	if (mk.status == ID_KEY_REVOKED)
		return id_fail("revoked", "machine key %s is revoked", mk.name);
	if (!(mk.caps & ID_CAP_AUTHENTICATE))
		return id_fail("not_allowed", "machine key %s lacks the AUTHENTICATE capability", mk.name);
	if (mk.caps_expire >= 0 && mk.caps_expire < id_now_ms())
		return id_fail("expired", "machine key %s's capabilities expired", mk.name);
	return ZOS_OK;
}

int id_login_challenge(const struct zjson_doc *req, struct zjson_writer *w)
{
	uint8_t mid[ID_BYTES];
	char hex[2 * ID_CHALLENGE_BYTES + 1];
	struct challenge *c;
	int r = id_user_of(req, &user);

	if (r == ZOS_OK)
		r = id_get_id(req, 0, "machine_key_id", mid);
	if (r == ZOS_OK)
		r = id_machine_load(user.id, mid, &mk);
	if (r == ZOS_OK)
		r = key_may_login();
	if (r != ZOS_OK)
		return r;
	c = slot();
	zos_memset(c, 0, sizeof *c);
	if ((r = id_random(c->bytes, sizeof c->bytes)) != ZOS_OK)
		return r;
	zos_memcpy(c->user, user.id, ID_BYTES);
	zos_memcpy(c->machine, mid, ID_BYTES);
	c->issued_ns = zos_time_ns();
	c->live = 1;
	zos_hex(hex, c->bytes, sizeof c->bytes);
	zjson_key(w, "challenge");
	zjson_string(w, hex);
	zjson_key(w, "expires_in_ms");
	zjson_int64(w, (int64_t)(ID_CHALLENGE_NS / 1000000));
	return ZOS_OK;
}

/* The live challenge a request names, its user and key loaded. */
static int challenge_of(const struct zjson_doc *req, struct challenge **out)
{
	uint8_t bytes[ID_CHALLENGE_BYTES];
	struct challenge *c;
	int r = id_get_hex(req, 0, "challenge", bytes, sizeof bytes);

	if (r != ZOS_OK)
		return r;
	c = find(bytes);
	if (!c)
		return id_fail("unknown", "unknown challenge: never issued, or forgotten by a restart");
	if (c->used)
		return id_fail("replayed", "this challenge was used already: a replayed login is refused");
	if (expired(c)) {
		c->used = 1;
		return id_fail("expired", "the challenge expired (a challenge lives 30 s)");
	}
	*out = c;
	if ((r = id_user_load(c->user, &user)) != ZOS_OK ||
	    (r = id_machine_load(c->user, c->machine, &mk)) != ZOS_OK)
		return r;
	return key_may_login();
}

int id_login_sign(const struct zjson_doc *req, struct zjson_writer *w)
{
	struct challenge *c = 0;
	uint8_t seed[32], pk[32], sk[64], sig[64];
	char hex[2 * 64 + 1];
	int r = challenge_of(req, &c);

	if (r == ZOS_OK)
		r = id_machine_secret(&mk, seed);
	if (r != ZOS_OK)
		return r;
	zos_ed25519_keypair(pk, sk, seed);
	zos_ed25519_sign(sig, c->bytes, sizeof c->bytes, sk);
	zos_ct_wipe(seed, sizeof seed);
	zos_ct_wipe(sk, sizeof sk);
	zos_hex(hex, sig, sizeof sig);
	zjson_key(w, "signature");
	zjson_string(w, hex);
	return ZOS_OK;
}

static void session_json(struct zjson_writer *w, const uint8_t sid[ID_BYTES], int64_t created,
			 int64_t expires)
{
	char hex[ID_HEX + 1];

	zjson_object_begin(w);
	id_to_hex(hex, sid);
	zjson_key(w, "session_id");
	zjson_string(w, hex);
	id_to_hex(hex, user.id);
	zjson_key(w, "user_id");
	zjson_string(w, hex);
	id_to_hex(hex, mk.id);
	zjson_key(w, "device_id");
	zjson_string(w, hex);
	zjson_key(w, "created_at");
	zjson_int64(w, created);
	zjson_key(w, "expires_at");
	zjson_int64(w, expires);
	zjson_key(w, "metadata");
	zjson_object_begin(w);
	zjson_key(w, "device_name");
	zjson_string(w, mk.name);
	zjson_key(w, "platform");
	zjson_string(w, "zero-os");
	zjson_object_end(w);
	zjson_object_end(w);
}

/* A signature that is not the current key's: whose it might be, in words. */
static int not_signed(const uint8_t sig[64], const uint8_t msg[ID_CHALLENGE_BYTES])
{
	for (uint32_t i = 0; i < mk.nretired; i++)
		if (zos_ed25519_verify(sig, msg, ID_CHALLENGE_BYTES, mk.retired[i].signing_pk) == ZOS_OK)
			return id_fail("foreign_key",
				       "signed by machine key %s's retired key (epoch %llu): it was rotated",
				       mk.name, (unsigned long long)mk.retired[i].epoch);
	return id_fail("foreign_key", "the signature is not by machine key %s", mk.name);
}

/* Optional ids in the request must be the challenge's own. */
static int same_parties(const struct zjson_doc *req, const struct challenge *c)
{
	uint8_t id[ID_BYTES];
	int r;

	if (zjson_get(req, 0, "user_id") >= 0) {
		if ((r = id_get_id(req, 0, "user_id", id)) != ZOS_OK)
			return r;
		if (zos_memcmp(id, c->user, ID_BYTES))
			return id_fail("wrong_user", "the challenge was issued to another user");
	}
	if (zjson_get(req, 0, "machine_key_id") >= 0) {
		if ((r = id_get_id(req, 0, "machine_key_id", id)) != ZOS_OK)
			return r;
		if (zos_memcmp(id, c->machine, ID_BYTES))
			return id_fail("foreign_key", "the challenge was issued for another machine key");
	}
	return ZOS_OK;
}

int id_login_verify(const struct zjson_doc *req, struct zjson_writer *w)
{
	struct challenge *c = 0;
	uint8_t sig[64], sid[ID_BYTES];
	char path[ID_PATH_MAX];
	struct zjson_writer fw;
	int64_t now = id_now_ms();
	int r = challenge_of(req, &c);

	if (c)
		c->used = 1; /* from here on, right or wrong, it is spent */
	if (r == ZOS_OK)
		r = same_parties(req, c);
	if (r == ZOS_OK)
		r = id_get_hex(req, 0, "signature", sig, sizeof sig);
	if (r == ZOS_OK && zos_ed25519_verify(sig, c->bytes, sizeof c->bytes, mk.signing_pk) != ZOS_OK)
		r = not_signed(sig, c->bytes);
	if (r == ZOS_OK)
		r = id_new(sid);
	if (r != ZOS_OK)
		return r;
	zjson_writer_init(&fw, file, sizeof file);
	session_json(&fw, sid, now, now + ID_SESSION_MS);
	id_path(path, ID_FILE_SESSION, user.id, sid);
	if ((r = id_file_write(path, &fw)) != ZOS_OK) /* the session exists from here */
		return r;
	user.last_login = now;
	mk.last_seen = now;
	if ((r = id_user_store(&user)) != ZOS_OK || (r = id_machine_store(&mk)) != ZOS_OK)
		return r;
	zjson_key(w, "session");
	session_json(w, sid, now, now + ID_SESSION_MS);
	return ZOS_OK;
}

/* Finds session sid among the users' homes: ZOS_OK with its file parsed
 * in doc and user loaded, or a recorded failure. */
static int session_find(const uint8_t sid[ID_BYTES], struct zjson_doc *doc, char path[ID_PATH_MAX])
{
	static uint8_t ids[ID_LIST_MAX][ID_BYTES];
	char hex[ID_HEX + 1];
	int n = id_dir_ids("/home", "", ids, ID_LIST_MAX);

	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		id_path(path, ID_FILE_SESSION, ids[i], sid);
		int r = id_file_read(path, file, sizeof file, doc, toks);
		if (r == ZOS_ERR_NOT_FOUND)
			continue;
		if (r != ZOS_OK)
			return r;
		return id_user_load(ids[i], &user);
	}
	id_to_hex(hex, sid);
	return id_fail("not_found", "no such session: %s", hex);
}

int id_logout(const struct zjson_doc *req, struct zjson_writer *w)
{
	struct zjson_doc d;
	uint8_t sid[ID_BYTES];
	char path[ID_PATH_MAX];
	int r = id_get_id(req, 0, "session_id", sid);

	if (r == ZOS_OK)
		r = session_find(sid, &d, path);
	if (r == ZOS_OK)
		r = id_file_remove(path);
	if (r != ZOS_OK)
		return r;
	zjson_key(w, "success");
	zjson_boolean(w, 1);
	return ZOS_OK;
}

int id_whoami(const struct zjson_doc *req, struct zjson_writer *w)
{
	struct zjson_doc d;
	uint8_t sid[ID_BYTES], mid[ID_BYTES];
	char path[ID_PATH_MAX];
	int64_t created, expires;
	int r = id_get_id(req, 0, "session_id", sid);

	if (r == ZOS_OK)
		r = session_find(sid, &d, path);
	if (r != ZOS_OK)
		return r;
	if (zjson_get_int(&d, 0, "created_at", &created) != ZOS_OK ||
	    zjson_get_int(&d, 0, "expires_at", &expires) != ZOS_OK ||
	    id_get_id(&d, 0, "device_id", mid) != ZOS_OK)
		return id_fail("damaged", "damaged: %s has a missing or malformed field", path);
	if (expires <= id_now_ms()) {
		id_file_remove(path); /* an expired session is cleaned up when found */
		return id_fail("expired", "the session expired");
	}
	if (user.status != ID_ACTIVE)
		return id_fail("locked", "user %s is %s", user.name,
			       user.status == ID_LOCKED ? "locked" : "disabled");
	if ((r = id_machine_load(user.id, mid, &mk)) != ZOS_OK)
		return r;
	if (mk.status == ID_KEY_REVOKED)
		return id_fail("revoked", "the session's machine key %s was revoked", mk.name);
	zjson_key(w, "session");
	session_json(w, sid, created, expires);
	zjson_key(w, "user");
	id_user_json(w, &user);
	return ZOS_OK;
}
