/*
 * Machine keys: a signing key and an encryption key per machine, with
 * capabilities, an epoch and a status. Two schemes: classical (Ed25519 and
 * X25519, keys in hex) and pq_hybrid (Ed25519 + ML-DSA-65 and X25519 +
 * ML-KEM-768, lib/crypto/pq_hybrid.h, keys in base64). The public record
 * goes to VFS (machine/{id}.json), the secrets only to the keystore
 * (/keys/{user}/machine/{id}.json), written there before the public
 * record, so a record never names a key that does not exist. A pq_hybrid
 * key's secrets are kept as its two 32-byte seeds (an ML-DSA-65 secret key
 * alone is 4,032 bytes, more than one keystore value holds as text); the
 * keys are derived from them when needed and checked against the record.
 * Rotation makes a new pair under the same id (epoch + 1) and keeps the
 * old public key in the record as retired; revocation deletes the secret
 * keys, so a revoked key can never sign again. Secrets are wiped as soon
 * as they are written or used.
 */
#include "identity.h"

#include "lib/base64.h"
#include "lib/crypto/ct.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/sha3.h"
#include "lib/crypto/x25519.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static char file[ID_MACHINE_FILE_MAX];
static char secret_text[512];
static struct zjson_tok toks[ID_TOKENS];
/* Scratch for pq_hybrid keys: too big for the stack beside the crypto's
 * own 16 KiB (x86_64 user stacks are 64 KiB). Secrets are wiped. */
static char key_text[ZOS_B64_LEN(ID_SIGN_PK_MAX) + 1];
static uint8_t scratch_pk[ID_SIGN_PK_MAX];
static uint8_t scratch_sk[ID_SIGN_SK_MAX];
static uint8_t scratch_kem_sk[ZOS_PQH_KEM_SK_SIZE];

static const char *const key_status[] = { "", "active", "revoked" };
static const char *const scheme_names[] = { "", "classical", "pq_hybrid" };

size_t id_sign_pk_len(uint8_t scheme)
{
	return scheme == ID_PQ_HYBRID ? ZOS_PQH_SIGN_PK_SIZE : 32;
}

size_t id_enc_pk_len(uint8_t scheme)
{
	return scheme == ID_PQ_HYBRID ? ZOS_PQH_KEM_PK_SIZE : 32;
}

size_t id_sign_sk_len(uint8_t scheme)
{
	return scheme == ID_PQ_HYBRID ? ZOS_PQH_SIGN_SK_SIZE : 64;
}

size_t id_sig_len(uint8_t scheme)
{
	return scheme == ID_PQ_HYBRID ? ZOS_PQH_SIG_SIZE : 64;
}

int id_sig_verify(uint8_t scheme, const uint8_t *sig, size_t sig_len, const uint8_t *msg, size_t len,
		  const uint8_t *pk)
{
	if (scheme == ID_PQ_HYBRID)
		return zos_pqh_verify(sig, sig_len, msg, len, pk);
	if (sig_len != 64)
		return ZOS_ERR_CORRUPT;
	return zos_ed25519_verify(sig, msg, len, pk) == ZOS_OK ? ZOS_OK : ZOS_ERR_CORRUPT;
}

/* Reads member key as a public key of n bytes in the scheme's encoding. */
static int key_read(const struct zjson_doc *d, int32_t obj, const char *key, uint8_t *out, size_t n,
		    uint8_t scheme)
{
	size_t len;
	int32_t v = zjson_get(d, obj, key);

	if (scheme != ID_PQ_HYBRID)
		return id_get_hex(d, obj, key, out, n);
	if (v < 0 || zjson_str(d, v, key_text, sizeof key_text, &len) != ZOS_OK ||
	    zos_b64_decode(key_text, len, out, n, &len) != ZOS_OK || len != n)
		return id_fail("invalid", "%s must be %u bytes in base64", key, (unsigned)n);
	return ZOS_OK;
}

static int scheme_read(const struct zjson_doc *d, uint8_t *scheme)
{
	char s[24];

	if (zjson_get_str(d, 0, "key_scheme", s, sizeof s) != ZOS_OK)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (*scheme = ID_CLASSICAL; *scheme <= ID_PQ_HYBRID; (*scheme)++)
		if (!zos_strcmp(s, scheme_names[*scheme]))
			return ZOS_OK;
	return ZOS_ERR_INVALID_ARGUMENT;
}

static int64_t opt_time(const struct zjson_doc *d, int32_t obj, const char *key, int *ok)
{
	int32_t v = zjson_get(d, obj, key);
	int64_t t;

	if (v >= 0 && d->toks[v].type == ZJSON_NULL)
		return -1;
	if (zjson_int(d, v, &t) != ZOS_OK || t < 0)
		*ok = 0;
	return t;
}

static int retired_read(const struct zjson_doc *d, struct id_machine *m)
{
	int32_t arr = zjson_get(d, 0, "retired_keys"), e;
	int ok = 1;

	if (arr < 0 || d->toks[arr].type != ZJSON_ARRAY || d->toks[arr].count > ID_RETIRED_MAX)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (m->nretired = 0; (e = zjson_at(d, arr, m->nretired)) >= 0; m->nretired++) {
		struct id_retired *r = &m->retired[m->nretired];
		int64_t epoch;
		if (zjson_get_int(d, e, "epoch", &epoch) != ZOS_OK || epoch < 1 ||
		    key_read(d, e, "signing_public_key", r->signing_pk, id_sign_pk_len(m->scheme),
			     m->scheme) != ZOS_OK)
			return ZOS_ERR_INVALID_ARGUMENT;
		r->epoch = (uint64_t)epoch;
		r->retired_at = opt_time(d, e, "retired_at", &ok);
		if (!ok)
			return ZOS_ERR_INVALID_ARGUMENT;
	}
	return ZOS_OK;
}

static int record_read(const struct zjson_doc *d, struct id_machine *m)
{
	char s[24];
	int64_t epoch;
	int ok = 1;

	if (scheme_read(d, &m->scheme) != ZOS_OK || id_get_id(d, 0, "machine_id", m->id) != ZOS_OK ||
	    id_get_id(d, 0, "user_id", m->user) != ZOS_OK ||
	    key_read(d, 0, "signing_public_key", m->signing_pk, id_sign_pk_len(m->scheme), m->scheme) !=
		    ZOS_OK ||
	    key_read(d, 0, "encryption_public_key", m->encryption_pk, id_enc_pk_len(m->scheme),
		     m->scheme) != ZOS_OK ||
	    id_get_hex(d, 0, "authorized_by", m->authorized_by, ID_BYTES) != ZOS_OK ||
	    id_caps_parse(d, zjson_get(d, 0, "capabilities"), &m->caps, &m->caps_expire) != ZOS_OK ||
	    id_get_text(d, 0, "machine_name", m->name, ID_NAME_MAX, id_name_char, ID_NAME_CHARS) !=
		    ZOS_OK ||
	    zjson_get_int(d, 0, "epoch", &epoch) != ZOS_OK || epoch < 1 ||
	    zjson_get_str(d, 0, "status", s, sizeof s) != ZOS_OK || retired_read(d, m) != ZOS_OK)
		return ZOS_ERR_INVALID_ARGUMENT;
	m->epoch = (uint64_t)epoch;
	for (m->status = ID_KEY_ACTIVE; m->status <= ID_KEY_REVOKED; m->status++)
		if (!zos_strcmp(s, key_status[m->status]))
			break;
	if (m->status > ID_KEY_REVOKED)
		return ZOS_ERR_INVALID_ARGUMENT;
	m->authorized_at = opt_time(d, 0, "authorized_at", &ok);
	m->last_seen = opt_time(d, 0, "last_seen_at", &ok);
	m->revoked_at = opt_time(d, 0, "revoked_at", &ok);
	return ok && m->authorized_at >= 0 ? ZOS_OK : ZOS_ERR_INVALID_ARGUMENT;
}

int id_machine_load(const uint8_t uid[ID_BYTES], const uint8_t mid[ID_BYTES],
		    struct id_machine *m)
{
	char path[ID_PATH_MAX], hex[ID_HEX + 1];
	struct zjson_doc d;
	int r;

	zos_memset(m, 0, sizeof *m);
	id_path(path, ID_FILE_MACHINE, uid, mid);
	r = id_file_read(path, file, sizeof file, &d, toks);
	if (r == ZOS_ERR_NOT_FOUND) {
		id_to_hex(hex, mid);
		return id_fail("not_found", "no such machine key: %s", hex);
	}
	if (r != ZOS_OK)
		return r;
	if (record_read(&d, m) != ZOS_OK || zos_memcmp(m->id, mid, ID_BYTES) ||
	    zos_memcmp(m->user, uid, ID_BYTES))
		return id_fail("damaged", "damaged: %s has a missing or malformed field", path);
	return ZOS_OK;
}

static void hex_member(struct zjson_writer *w, const char *key, const uint8_t *b, size_t n)
{
	char hex[2 * 32 + 1];

	zos_hex(hex, b, n);
	zjson_key(w, key);
	zjson_string(w, hex);
}

/* A public key in the scheme's encoding: hex, or base64 for pq_hybrid. */
static void key_member(struct zjson_writer *w, const char *key, const uint8_t *b, size_t n,
		       uint8_t scheme)
{
	size_t len;

	if (scheme != ID_PQ_HYBRID) {
		hex_member(w, key, b, n);
		return;
	}
	/* key_text holds the largest key: this cannot fail */
	(void)zos_b64_encode(b, n, key_text, sizeof key_text, &len);
	zjson_key(w, key);
	zjson_string_n(w, key_text, len);
}

/* How an answer names a pq_hybrid public key, which is too big for a
 * message: its SHA3-256 in hex (the key itself is in the record). */
static void fingerprint_member(struct zjson_writer *w, const char *key, const uint8_t *b, size_t n)
{
	uint8_t fp[ZOS_SHA3_256_SIZE];

	zos_sha3_256(fp, b, n);
	hex_member(w, key, fp, sizeof fp);
}

/* A public key as stored (full) or as an answer shows it. */
static void public_member(struct zjson_writer *w, const char *what, const uint8_t *b, size_t n,
			  uint8_t scheme, int full)
{
	char key[40];

	if (full || scheme != ID_PQ_HYBRID) {
		zos_snprintf(key, sizeof key, "%s_public_key", what);
		key_member(w, key, b, n, scheme);
	} else {
		zos_snprintf(key, sizeof key, "%s_key_fingerprint", what);
		fingerprint_member(w, key, b, n);
	}
}

static void time_member(struct zjson_writer *w, const char *key, int64_t t)
{
	zjson_key(w, key);
	if (t < 0)
		zjson_null(w);
	else
		zjson_int64(w, t);
}

static void retired_json(struct zjson_writer *w, const struct id_machine *m, int full)
{
	zjson_key(w, "retired_keys");
	zjson_array_begin(w);
	for (uint32_t i = 0; i < m->nretired; i++) {
		zjson_object_begin(w);
		zjson_key(w, "epoch");
		zjson_uint64(w, m->retired[i].epoch);
		public_member(w, "signing", m->retired[i].signing_pk, id_sign_pk_len(m->scheme), m->scheme,
			      full);
		time_member(w, "retired_at", m->retired[i].retired_at);
		zjson_object_end(w);
	}
	zjson_array_end(w);
}

enum record_form {
	REC_STORED,  /* machine/{id}.json: every field, keys in full */
	REC_ANSWER,  /* CREATE, ROTATE: every field; pq_hybrid keys by fingerprint */
	REC_SUMMARY, /* LIST */
};

static void record_json(struct zjson_writer *w, const struct id_machine *m, enum record_form form)
{
	int full = form == REC_STORED;

	zjson_object_begin(w);
	hex_member(w, "machine_id", m->id, ID_BYTES);
	zjson_key(w, "machine_name");
	zjson_string(w, m->name);
	public_member(w, "signing", m->signing_pk, id_sign_pk_len(m->scheme), m->scheme, full);
	zjson_key(w, "epoch");
	zjson_uint64(w, m->epoch);
	zjson_key(w, "status");
	zjson_string(w, key_status[m->status]);
	zjson_key(w, "capabilities");
	id_caps_json(w, m->caps, m->caps_expire);
	zjson_key(w, "key_scheme");
	zjson_string(w, scheme_names[m->scheme]);
	if (form != REC_SUMMARY) {
		hex_member(w, "user_id", m->user, ID_BYTES);
		public_member(w, "encryption", m->encryption_pk, id_enc_pk_len(m->scheme), m->scheme, full);
		time_member(w, "authorized_at", m->authorized_at);
		hex_member(w, "authorized_by", m->authorized_by, ID_BYTES);
		time_member(w, "last_seen_at", m->last_seen);
		time_member(w, "revoked_at", m->revoked_at);
		retired_json(w, m, full);
	}
	zjson_object_end(w);
}

int id_machine_store(const struct id_machine *m)
{
	char path[ID_PATH_MAX];
	struct zjson_writer w;

	zjson_writer_init(&w, file, sizeof file);
	record_json(&w, m, REC_STORED);
	id_path(path, ID_FILE_MACHINE, m->user, m->id);
	return id_file_write(path, &w);
}

/* Writes the secret text for m (its seeds, hex) to the keystore. */
static int secret_store(const struct id_machine *m, const uint8_t sign_seed[32],
			const uint8_t enc_seed[32])
{
	char key[ID_PATH_MAX], hex[ID_HEX + 1], s_hex[65], e_hex[65];
	int r;

	id_to_hex(hex, m->id);
	zos_hex(s_hex, sign_seed, 32);
	zos_hex(e_hex, enc_seed, 32);
	if (m->scheme == ID_PQ_HYBRID)
		zos_snprintf(secret_text, sizeof secret_text,
			     "{\"machine_id\":\"%s\",\"epoch\":%llu,\"scheme\":\"pq_hybrid\","
			     "\"signing_seed\":\"%s\",\"kem_seed\":\"%s\"}",
			     hex, (unsigned long long)m->epoch, s_hex, e_hex);
	else
		zos_snprintf(secret_text, sizeof secret_text,
			     "{\"machine_id\":\"%s\",\"epoch\":%llu,\"signing_sk\":\"%s\","
			     "\"encryption_sk\":\"%s\"}",
			     hex, (unsigned long long)m->epoch, s_hex, e_hex);
	id_ks_key(key, m->user, "machine", m->id);
	r = id_ks_write(key, secret_text, zos_strlen(secret_text));
	zos_ct_wipe(s_hex, sizeof s_hex);
	zos_ct_wipe(e_hex, sizeof e_hex);
	zos_ct_wipe(secret_text, sizeof secret_text);
	return r;
}

/* The public keys of m from its two seeds. */
static int public_keys(struct id_machine *m, const uint8_t sign_seed[32], const uint8_t enc_seed[32])
{
	int r = ZOS_OK;

	if (m->scheme == ID_PQ_HYBRID) {
		zos_pqh_sign_keygen(m->signing_pk, scratch_sk, sign_seed);
		zos_pqh_kem_keygen(m->encryption_pk, scratch_kem_sk, enc_seed);
	} else {
		zos_ed25519_keypair(m->signing_pk, scratch_sk, sign_seed);
		/* a clamped scalar never gives the all-zero point; checked anyway */
		if (zos_x25519_base(m->encryption_pk, enc_seed) != ZOS_OK)
			r = id_fail("random", "the encryption key came out degenerate");
	}
	zos_ct_wipe(scratch_sk, sizeof scratch_sk);
	zos_ct_wipe(scratch_kem_sk, sizeof scratch_kem_sk);
	return r;
}

/* Makes new keys for m (public halves into m) and puts their seeds in
 * the keystore. */
static int new_keys(struct id_machine *m)
{
	uint8_t sign_seed[32], enc_seed[32];
	int r = id_random(sign_seed, sizeof sign_seed);

	if (r == ZOS_OK)
		r = id_random(enc_seed, sizeof enc_seed);
	if (r == ZOS_OK)
		r = public_keys(m, sign_seed, enc_seed);
	if (r == ZOS_OK)
		r = secret_store(m, sign_seed, enc_seed);
	zos_ct_wipe(sign_seed, sizeof sign_seed);
	zos_ct_wipe(enc_seed, sizeof enc_seed);
	return r;
}

/* The signing seed from the keystore's text for m: ZOS_OK or a failure. */
static int secret_seed(const struct id_machine *m, uint8_t seed[32])
{
	struct zjson_tok t[14];
	struct zjson_doc d;
	struct zjson_error err;
	uint8_t mid[ID_BYTES];
	char scheme[24] = "classical";
	int64_t epoch;

	if (zjson_parse(&d, secret_text, zos_strlen(secret_text), t, 14, &err) != ZOS_OK ||
	    d.toks[0].type != ZJSON_OBJECT || id_get_hex(&d, 0, "machine_id", mid, ID_BYTES) ||
	    zjson_get_int(&d, 0, "epoch", &epoch) ||
	    (zjson_get(&d, 0, "scheme") >= 0 && zjson_get_str(&d, 0, "scheme", scheme, sizeof scheme)) ||
	    id_get_hex(&d, 0, m->scheme == ID_PQ_HYBRID ? "signing_seed" : "signing_sk", seed, 32))
		return id_fail("damaged", "damaged: the keystore's secret for this machine key");
	if (zos_memcmp(mid, m->id, ID_BYTES) || (uint64_t)epoch != m->epoch ||
	    zos_strcmp(scheme, scheme_names[m->scheme]))
		return id_fail("damaged", "the keystore's secret does not match the machine key's record");
	return ZOS_OK;
}

int id_machine_secret(const struct id_machine *m, uint8_t sk[ID_SIGN_SK_MAX])
{
	char key[ID_PATH_MAX];
	uint8_t seed[32];
	int r;

	id_ks_key(key, m->user, "machine", m->id);
	r = id_ks_read(key, secret_text, sizeof secret_text);
	if (r == ZOS_ERR_NOT_FOUND)
		r = id_fail("not_found", "the keystore holds no secret for this machine key");
	if (r == ZOS_OK)
		r = secret_seed(m, seed);
	zos_ct_wipe(secret_text, sizeof secret_text);
	if (r == ZOS_OK) {
		/* the secret must be the one the public record names */
		if (m->scheme == ID_PQ_HYBRID)
			zos_pqh_sign_keygen(scratch_pk, sk, seed);
		else
			zos_ed25519_keypair(scratch_pk, sk, seed);
		if (zos_memcmp(scratch_pk, m->signing_pk, id_sign_pk_len(m->scheme)))
			r = id_fail("damaged", "the keystore's secret does not match the machine key's record");
	}
	zos_ct_wipe(seed, sizeof seed);
	if (r != ZOS_OK)
		zos_ct_wipe(sk, ID_SIGN_SK_MAX);
	return r;
}

static struct id_user user;
static struct id_machine mk;

/* New key pairs for mk, its record stored, and the record as the answer. */
static int new_record(struct zjson_writer *w)
{
	int r = new_keys(&mk);

	if (r == ZOS_OK)
		r = id_machine_store(&mk);
	if (r != ZOS_OK)
		return r;
	zjson_key(w, "key_record");
	record_json(w, &mk, REC_ANSWER);
	return ZOS_OK;
}

static int scheme_of(const struct zjson_doc *req, uint8_t *scheme)
{
	char s[24];
	int32_t v = zjson_get(req, 0, "scheme");

	*scheme = ID_CLASSICAL; /* by default */
	if (v < 0)
		return ZOS_OK;
	if (zjson_str(req, v, s, sizeof s, 0) == ZOS_OK)
		for (*scheme = ID_CLASSICAL; *scheme <= ID_PQ_HYBRID; (*scheme)++)
			if (!zos_strcmp(s, scheme_names[*scheme]))
				return ZOS_OK;
	return id_fail("invalid", "scheme must be \"classical\" or \"pq_hybrid\"");
}

int id_machine_create(const struct zjson_doc *req, struct zjson_writer *w)
{
	int32_t c = zjson_get(req, 0, "capabilities");
	int r = id_user_of(req, &user);

	zos_memset(&mk, 0, sizeof mk);
	if (r == ZOS_OK)
		r = scheme_of(req, &mk.scheme);
	if (r != ZOS_OK)
		return r;
	zos_strlcpy(mk.name, "machine", sizeof mk.name);
	if (zjson_get(req, 0, "name") >= 0 &&
	    (r = id_get_text(req, 0, "name", mk.name, ID_NAME_MAX, id_name_char, ID_NAME_CHARS)) != ZOS_OK)
		return r;
	mk.caps = ID_CAP_DEFAULT;
	mk.caps_expire = -1;
	if (c >= 0 && (r = id_caps_parse(req, c, &mk.caps, &mk.caps_expire)) != ZOS_OK)
		return r;
	if ((r = id_new(mk.id)) != ZOS_OK)
		return r;
	zos_memcpy(mk.user, user.id, ID_BYTES);
	zos_memcpy(mk.authorized_by, user.id, ID_BYTES);
	mk.authorized_at = mk.last_seen = id_now_ms();
	mk.epoch = 1;
	mk.status = ID_KEY_ACTIVE;
	mk.revoked_at = -1;
	return new_record(w);
}

int id_machine_list(const struct zjson_doc *req, struct zjson_writer *w)
{
	static uint8_t ids[ID_LIST_MAX][ID_BYTES];
	char dir[ID_PATH_MAX];
	int truncated = 0, n, r = id_user_of(req, &user);

	if (r != ZOS_OK)
		return r;
	id_path(dir, ID_FILE_MACHINE, user.id, 0);
	dir[zos_strlen(dir) - 1] = 0; /* the directory, without its slash */
	if ((n = id_dir_ids(dir, ".json", ids, ID_LIST_MAX)) < 0)
		return n;
	zjson_key(w, "keys");
	zjson_array_begin(w);
	for (int i = 0; i < n; i++) {
		if (id_machine_load(user.id, ids[i], &mk) != ZOS_OK)
			continue; /* a damaged record is not a key anyone can use */
		if (w->len + 480 > w->cap) {
			truncated = 1;
			break;
		}
		record_json(w, &mk, REC_SUMMARY);
	}
	zjson_array_end(w);
	zjson_key(w, "truncated");
	zjson_boolean(w, truncated);
	return ZOS_OK;
}

/* The user's machine key a request names by "key_id", loaded. */
static int key_of(const struct zjson_doc *req)
{
	uint8_t mid[ID_BYTES];
	int r = id_user_of(req, &user);

	if (r == ZOS_OK)
		r = id_get_id(req, 0, "key_id", mid);
	if (r == ZOS_OK)
		r = id_machine_load(user.id, mid, &mk);
	if (r == ZOS_OK && mk.status == ID_KEY_REVOKED)
		r = id_fail("revoked", "machine key %s is revoked", mk.name);
	return r;
}

int id_machine_rotate(const struct zjson_doc *req, struct zjson_writer *w)
{
	int r = key_of(req);

	if (r != ZOS_OK)
		return r;
	if (mk.nretired == ID_RETIRED_MAX) { /* the oldest retired key is forgotten */
		zos_memmove(&mk.retired[0], &mk.retired[1], sizeof mk.retired[0] * (ID_RETIRED_MAX - 1));
		mk.nretired--;
	}
	mk.retired[mk.nretired].epoch = mk.epoch;
	zos_memcpy(mk.retired[mk.nretired].signing_pk, mk.signing_pk, id_sign_pk_len(mk.scheme));
	mk.retired[mk.nretired].retired_at = id_now_ms();
	mk.nretired++;
	mk.epoch++;
	/* the new secret replaces the old one in the keystore: from here on
	 * only the new key signs */
	return new_record(w);
}

int id_machine_revoke(const struct zjson_doc *req, struct zjson_writer *w)
{
	char key[ID_PATH_MAX];
	int r = key_of(req);

	if (r != ZOS_OK)
		return r;
	/* the secret goes first: once it is gone nothing can sign */
	id_ks_key(key, mk.user, "machine", mk.id);
	if ((r = id_ks_delete(key)) != ZOS_OK)
		return r;
	mk.status = ID_KEY_REVOKED;
	mk.revoked_at = id_now_ms();
	if ((r = id_machine_store(&mk)) != ZOS_OK)
		return r;
	zjson_key(w, "success");
	zjson_boolean(w, 1);
	return ZOS_OK;
}
