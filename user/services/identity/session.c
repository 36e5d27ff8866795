/*
 * Logging in: LOGIN_CHALLENGE hands out 32 random bytes for one user and
 * one of their machine keys; LOGIN_VERIFY takes a signature of them by
 * that key (Ed25519, or for a pq_hybrid key Ed25519 + ML-DSA-65 with both
 * halves valid) and opens a session. A pq_hybrid signature (3,373 bytes)
 * does not fit in one message as text: LOGIN_SIGN hands it out and
 * LOGIN_SIGNATURE_PART takes it in in parts of ID_SIG_PART bytes, kept
 * with the challenge until LOGIN_VERIFY. A challenge is good once, for 30
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

#include "lib/base64.h"
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
	uint16_t got_len;    /* bytes of a pq_hybrid signature handed in so far */
	uint8_t got[ID_SIG_MAX]; /* those bytes (LOGIN_SIGNATURE_PART) */
};

/* The last pq_hybrid signature LOGIN_SIGN made, handed out in parts. */
static struct {
	uint8_t challenge[ID_CHALLENGE_BYTES];
	uint8_t valid;
	uint8_t sig[ID_SIG_MAX];
} made;

static struct challenge challenges[ID_MAX_CHALLENGES];
static uint8_t sign_sk[ID_SIGN_SK_MAX]; /* off the stack; wiped after each use */
static char part_text[ZOS_B64_LEN(ID_SIG_PART) + 1];
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

/* An optional non-negative "offset" (0 when missing). */
static int offset_of(const struct zjson_doc *req, int64_t *off)
{
	*off = 0;
	if (zjson_get(req, 0, "offset") >= 0 &&
	    (zjson_get_int(req, 0, "offset", off) != ZOS_OK || *off < 0))
		return id_fail("invalid", "offset must be a non-negative integer");
	return ZOS_OK;
}

/* challenge_of, and the request's optional "offset". */
static int challenge_at(const struct zjson_doc *req, struct challenge **c, int64_t *off)
{
	int r = challenge_of(req, c);

	return r == ZOS_OK ? offset_of(req, off) : r;
}

/* Signs challenge c with mk's secret key into sig (id_sig_len bytes). */
static int sign(const struct challenge *c, uint8_t *sig)
{
	uint8_t rnd[32];
	int r = id_machine_secret(&mk, sign_sk);

	if (r == ZOS_OK && mk.scheme == ID_PQ_HYBRID) {
		r = id_random(rnd, sizeof rnd); /* ML-DSA's hedging */
		if (r == ZOS_OK && zos_pqh_sign(sig, c->bytes, sizeof c->bytes, sign_sk, rnd) != ZOS_OK)
			r = id_fail("random", "signing gave up (ML-DSA's attempt limit)");
	} else if (r == ZOS_OK) {
		zos_ed25519_sign(sig, c->bytes, sizeof c->bytes, sign_sk);
	}
	zos_ct_wipe(sign_sk, sizeof sign_sk);
	zos_ct_wipe(rnd, sizeof rnd);
	return r;
}

/* A pq_hybrid signature's part from off: {"signature", "offset", "total"}. */
static int sign_part(const struct challenge *c, int64_t off, struct zjson_writer *w)
{
	size_t total = id_sig_len(ID_PQ_HYBRID), n, len;
	int r;

	if (off == 0) {
		made.valid = 0;
		if ((r = sign(c, made.sig)) != ZOS_OK)
			return r;
		zos_memcpy(made.challenge, c->bytes, sizeof made.challenge);
		made.valid = 1;
	} else if (!made.valid || zos_memcmp(made.challenge, c->bytes, sizeof made.challenge)) {
		return id_fail("invalid", "ask for offset 0 first: this challenge has no signature yet");
	}
	if ((uint64_t)off >= total)
		return id_fail("invalid", "offset must be below the signature's %u bytes", (unsigned)total);
	n = total - (size_t)off < ID_SIG_PART ? total - (size_t)off : ID_SIG_PART;
	(void)zos_b64_encode(made.sig + off, n, part_text, sizeof part_text, &len); /* fits */
	zjson_key(w, "signature");
	zjson_string_n(w, part_text, len);
	zjson_key(w, "offset");
	zjson_int64(w, off);
	zjson_key(w, "total");
	zjson_uint64(w, total);
	return ZOS_OK;
}

int id_login_sign(const struct zjson_doc *req, struct zjson_writer *w)
{
	struct challenge *c = 0;
	uint8_t sig[64];
	char hex[2 * 64 + 1];
	int64_t off;
	int r = challenge_at(req, &c, &off);

	if (r != ZOS_OK)
		return r;
	if (mk.scheme == ID_PQ_HYBRID)
		return sign_part(c, off, w);
	if (off != 0)
		return id_fail("invalid", "a classical signature comes whole: no offset");
	if ((r = sign(c, sig)) != ZOS_OK)
		return r;
	zos_hex(hex, sig, sizeof sig);
	zjson_key(w, "signature");
	zjson_string(w, hex);
	return ZOS_OK;
}

int id_login_signature_part(const struct zjson_doc *req, struct zjson_writer *w)
{
	struct challenge *c = 0;
	size_t total = id_sig_len(ID_PQ_HYBRID), len, n;
	int32_t v = zjson_get(req, 0, "part");
	int64_t off;
	int r = challenge_at(req, &c, &off);

	if (r != ZOS_OK)
		return r;
	if (mk.scheme != ID_PQ_HYBRID)
		return id_fail("invalid", "machine key %s is classical: its signature goes whole in LOGIN_VERIFY",
			       mk.name);
	if (off != c->got_len)
		return id_fail("invalid", "parts go in order: the next offset is %u", (unsigned)c->got_len);
	if (v < 0 || zjson_str(req, v, part_text, sizeof part_text, &len) != ZOS_OK ||
	    zos_b64_decode(part_text, len, c->got + off, total - (size_t)off, &n) != ZOS_OK || n == 0)
		return id_fail("invalid", "part must be 1-%u bytes of base64 that end by byte %u",
			       (unsigned)ID_SIG_PART, (unsigned)total);
	c->got_len = (uint16_t)(c->got_len + n);
	zjson_key(w, "received");
	zjson_uint64(w, c->got_len);
	zjson_key(w, "total");
	zjson_uint64(w, total);
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
static int not_signed(const uint8_t *sig, size_t len, const uint8_t msg[ID_CHALLENGE_BYTES])
{
	for (uint32_t i = 0; i < mk.nretired; i++)
		if (id_sig_verify(mk.scheme, sig, len, msg, ID_CHALLENGE_BYTES, mk.retired[i].signing_pk) ==
		    ZOS_OK)
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

/* The signature a LOGIN_VERIFY gives: hex in the request (classical), or
 * the parts handed in before (pq_hybrid). */
static int signature_of(const struct zjson_doc *req, const struct challenge *c, uint8_t sig[64],
			const uint8_t **out, size_t *len)
{
	size_t total = id_sig_len(mk.scheme);
	int r;

	if (mk.scheme != ID_PQ_HYBRID) {
		r = id_get_hex(req, 0, "signature", sig, 64);
		*out = sig;
		*len = 64;
		return r;
	}
	if (zjson_get(req, 0, "signature") >= 0)
		return id_fail("invalid", "a pq_hybrid signature goes in parts through LOGIN_SIGNATURE_PART");
	if (c->got_len != total)
		return id_fail("invalid", "incomplete signature: %u of %u bytes handed in",
			       (unsigned)c->got_len, (unsigned)total);
	*out = c->got;
	*len = total;
	return ZOS_OK;
}

int id_login_verify(const struct zjson_doc *req, struct zjson_writer *w)
{
	struct challenge *c = 0;
	uint8_t sig_buf[64], sid[ID_BYTES];
	const uint8_t *sig = 0;
	size_t sig_len = 0;
	char path[ID_PATH_MAX];
	struct zjson_writer fw;
	int64_t now = id_now_ms();
	int r = challenge_of(req, &c);

	if (c)
		c->used = 1; /* from here on, right or wrong, it is spent */
	if (r == ZOS_OK)
		r = same_parties(req, c);
	if (r == ZOS_OK)
		r = signature_of(req, c, sig_buf, &sig, &sig_len);
	if (r == ZOS_OK &&
	    id_sig_verify(mk.scheme, sig, sig_len, c->bytes, sizeof c->bytes, mk.signing_pk) != ZOS_OK)
		r = not_signed(sig, sig_len, c->bytes);
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
