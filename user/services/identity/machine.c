/*
 * Machine keys: an Ed25519 signing key and an X25519 encryption key per
 * machine, with capabilities, an epoch and a status. The public record
 * goes to VFS (machine/{id}.json), the two secret keys only to the
 * keystore (/keys/{user}/machine/{id}.json), written there before the
 * public record, so a record never names a key that does not exist.
 * Rotation makes a new pair under the same id (epoch + 1) and keeps the
 * old public key in the record as retired; revocation deletes the secret
 * keys, so a revoked key can never sign again. Secrets are wiped as soon
 * as they are written or used.
 */
#include "identity.h"

#include "lib/crypto/ct.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/x25519.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static char file[ID_FILE_MAX];
static char secret_text[512];
static struct zjson_tok toks[ID_TOKENS];

static const char *const key_status[] = { "", "active", "revoked" };

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
		    id_get_hex(d, e, "signing_public_key", r->signing_pk, 32) != ZOS_OK)
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

	if (id_get_id(d, 0, "machine_id", m->id) != ZOS_OK ||
	    id_get_id(d, 0, "user_id", m->user) != ZOS_OK ||
	    id_get_hex(d, 0, "signing_public_key", m->signing_pk, 32) != ZOS_OK ||
	    id_get_hex(d, 0, "encryption_public_key", m->encryption_pk, 32) != ZOS_OK ||
	    id_get_hex(d, 0, "authorized_by", m->authorized_by, ID_BYTES) != ZOS_OK ||
	    id_caps_parse(d, zjson_get(d, 0, "capabilities"), &m->caps, &m->caps_expire) != ZOS_OK ||
	    id_get_text(d, 0, "machine_name", m->name, ID_NAME_MAX, id_name_char, ID_NAME_CHARS) !=
		    ZOS_OK ||
	    zjson_get_int(d, 0, "epoch", &epoch) != ZOS_OK || epoch < 1 ||
	    zjson_get_str(d, 0, "key_scheme", s, sizeof s) != ZOS_OK || zos_strcmp(s, "classical") ||
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

static void time_member(struct zjson_writer *w, const char *key, int64_t t)
{
	zjson_key(w, key);
	if (t < 0)
		zjson_null(w);
	else
		zjson_int64(w, t);
}

/* The record; full: as stored, else the summary a listing shows. */
static void record_json(struct zjson_writer *w, const struct id_machine *m, int full)
{
	zjson_object_begin(w);
	hex_member(w, "machine_id", m->id, ID_BYTES);
	zjson_key(w, "machine_name");
	zjson_string(w, m->name);
	hex_member(w, "signing_public_key", m->signing_pk, 32);
	zjson_key(w, "epoch");
	zjson_uint64(w, m->epoch);
	zjson_key(w, "status");
	zjson_string(w, key_status[m->status]);
	zjson_key(w, "capabilities");
	id_caps_json(w, m->caps, m->caps_expire);
	zjson_key(w, "key_scheme");
	zjson_string(w, "classical");
	if (full) {
		hex_member(w, "user_id", m->user, ID_BYTES);
		hex_member(w, "encryption_public_key", m->encryption_pk, 32);
		time_member(w, "authorized_at", m->authorized_at);
		hex_member(w, "authorized_by", m->authorized_by, ID_BYTES);
		time_member(w, "last_seen_at", m->last_seen);
		time_member(w, "revoked_at", m->revoked_at);
		zjson_key(w, "retired_keys");
		zjson_array_begin(w);
		for (uint32_t i = 0; i < m->nretired; i++) {
			zjson_object_begin(w);
			zjson_key(w, "epoch");
			zjson_uint64(w, m->retired[i].epoch);
			hex_member(w, "signing_public_key", m->retired[i].signing_pk, 32);
			time_member(w, "retired_at", m->retired[i].retired_at);
			zjson_object_end(w);
		}
		zjson_array_end(w);
	}
	zjson_object_end(w);
}

int id_machine_store(const struct id_machine *m)
{
	char path[ID_PATH_MAX];
	struct zjson_writer w;

	zjson_writer_init(&w, file, sizeof file);
	record_json(&w, m, 1);
	id_path(path, ID_FILE_MACHINE, m->user, m->id);
	return id_file_write(path, &w);
}

/* Makes a new pair for m (public halves into m) and puts the secret
 * halves in the keystore. */
static int new_keys(struct id_machine *m)
{
	uint8_t seed[32], sk[64], enc_sk[32];
	char key[ID_PATH_MAX], hex[ID_HEX + 1], s_hex[65], e_hex[65];
	int r = id_random(seed, sizeof seed);

	if (r == ZOS_OK)
		r = id_random(enc_sk, sizeof enc_sk);
	if (r == ZOS_OK) {
		zos_ed25519_keypair(m->signing_pk, sk, seed);
		/* a clamped scalar never gives the all-zero point; checked anyway */
		if (zos_x25519_base(m->encryption_pk, enc_sk) != ZOS_OK)
			r = id_fail("random", "the encryption key came out degenerate");
	}
	if (r == ZOS_OK) {
		id_to_hex(hex, m->id);
		zos_hex(s_hex, seed, 32);
		zos_hex(e_hex, enc_sk, 32);
		zos_snprintf(secret_text, sizeof secret_text,
			     "{\"machine_id\":\"%s\",\"epoch\":%llu,\"signing_sk\":\"%s\","
			     "\"encryption_sk\":\"%s\"}",
			     hex, (unsigned long long)m->epoch, s_hex, e_hex);
		id_ks_key(key, m->user, "machine", m->id);
		r = id_ks_write(key, secret_text, zos_strlen(secret_text));
	}
	zos_ct_wipe(seed, sizeof seed);
	zos_ct_wipe(sk, sizeof sk);
	zos_ct_wipe(enc_sk, sizeof enc_sk);
	zos_ct_wipe(s_hex, sizeof s_hex);
	zos_ct_wipe(e_hex, sizeof e_hex);
	zos_ct_wipe(secret_text, sizeof secret_text);
	return r;
}

int id_machine_secret(const struct id_machine *m, uint8_t seed[32])
{
	struct zjson_tok t[12];
	struct zjson_doc d;
	struct zjson_error err;
	char key[ID_PATH_MAX];
	uint8_t mid[ID_BYTES], pk[32], sk[64];
	int64_t epoch;
	int r;

	id_ks_key(key, m->user, "machine", m->id);
	r = id_ks_read(key, secret_text, sizeof secret_text);
	if (r == ZOS_ERR_NOT_FOUND)
		r = id_fail("not_found", "the keystore holds no secret for this machine key");
	if (r == ZOS_OK &&
	    (zjson_parse(&d, secret_text, zos_strlen(secret_text), t, 12, &err) != ZOS_OK ||
	     d.toks[0].type != ZJSON_OBJECT || id_get_hex(&d, 0, "machine_id", mid, ID_BYTES) ||
	     zjson_get_int(&d, 0, "epoch", &epoch) || id_get_hex(&d, 0, "signing_sk", seed, 32)))
		r = id_fail("damaged", "damaged: the keystore's secret for this machine key");
	if (r == ZOS_OK) {
		/* the secret must be the one the public record names */
		zos_ed25519_keypair(pk, sk, seed);
		if (zos_memcmp(mid, m->id, ID_BYTES) || (uint64_t)epoch != m->epoch ||
		    zos_memcmp(pk, m->signing_pk, 32))
			r = id_fail("damaged", "the keystore's secret does not match the machine key's record");
	}
	zos_ct_wipe(sk, sizeof sk);
	zos_ct_wipe(secret_text, sizeof secret_text);
	if (r != ZOS_OK)
		zos_ct_wipe(seed, 32);
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
	record_json(w, &mk, 1);
	return ZOS_OK;
}

static int scheme_ok(const struct zjson_doc *req)
{
	char s[24];
	int32_t v = zjson_get(req, 0, "scheme");

	if (v < 0)
		return ZOS_OK; /* classical by default */
	if (zjson_str(req, v, s, sizeof s, 0) != ZOS_OK)
		return id_fail("invalid", "scheme must be \"classical\" or \"pq_hybrid\"");
	if (!zos_strcmp(s, "classical"))
		return ZOS_OK;
	if (!zos_strcmp(s, "pq_hybrid"))
		return id_fail("not_supported",
			       "scheme pq_hybrid is not supported yet (ML-DSA-65 and ML-KEM-768 are not built)");
	return id_fail("invalid", "scheme must be \"classical\" or \"pq_hybrid\"");
}

int id_machine_create(const struct zjson_doc *req, struct zjson_writer *w)
{
	int32_t c = zjson_get(req, 0, "capabilities");
	int r = id_user_of(req, &user);

	if (r == ZOS_OK)
		r = scheme_ok(req);
	if (r != ZOS_OK)
		return r;
	zos_memset(&mk, 0, sizeof mk);
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
		record_json(w, &mk, 0);
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
	zos_memcpy(mk.retired[mk.nretired].signing_pk, mk.signing_pk, 32);
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
