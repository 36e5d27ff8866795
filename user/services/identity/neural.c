/*
 * The Neural Key: a 32-byte master secret, split 3 of 5 with checked
 * Shamir shares (lib/crypto/shamir.h). GENERATE shows shards 1-3 to the
 * person once and keeps shards 4 and 5 in the keystore, each sealed with
 * AES-256-GCM under a key Argon2id derives from a password (random salt
 * and nonces; the parameters are recorded next to them). It also keeps
 * the master secret's public identity key (an Ed25519 key derived with
 * HKDF) in public_keys.json: RECOVER rebuilds the secret from any three
 * shards, or one shown shard plus the password, and accepts it only when
 * it derives that same public key.
 *
 * A shard is the encoded share as hex (version, index, threshold, length,
 * then the secret's and its check's bytes). The master secret, the shares,
 * the password and the derived keys are wiped before each request ends.
 */
#include "identity.h"

#include "lib/crypto/argon2.h"
#include "lib/crypto/ct.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/gcm.h"
#include "lib/crypto/hkdf.h"
#include "lib/crypto/shamir.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define SHARD_BYTES (4 + ID_NEURAL_SECRET + ZOS_SHAMIR_CHECK_SIZE)
#define SHARD_HEX (2 * SHARD_BYTES)
#define IDENTITY_INFO "zero-os neural key: identity signing key v1"
#define SEAL_LABEL "zero-os neural key shard v1"

static uint32_t cost_t = ID_ARGON2_T, cost_kib = ID_ARGON2_KIB;
static uint64_t argon_mem[(size_t)ID_ARGON2_KIB * 1024 / sizeof(uint64_t)];
static char record[ID_FILE_MAX];
static struct zjson_tok toks[ID_TOKENS];

/* What one request holds that must not outlive it. */
static struct {
	uint8_t master[ZOS_SHAMIR_MAX_SECRET];
	struct zos_shamir_share shares[ID_NEURAL_SHARES + 2];
	uint8_t encoded[ZOS_SHAMIR_ENCODED_MAX];
	char hex[2 * ZOS_SHAMIR_ENCODED_MAX + 1];
	char password[ID_PASSWORD_MAX + 1];
	uint8_t key[32];
	uint8_t seed[32];
	uint8_t sk[64];
	struct zos_aes256_gcm gcm;
} s;

static struct id_user user;

void id_neural_cost(uint32_t t_cost, uint32_t m_kib)
{
	cost_t = t_cost;
	cost_kib = m_kib <= ID_ARGON2_KIB ? m_kib : ID_ARGON2_KIB;
}

static void wipe(void)
{
	zos_ct_wipe(&s, sizeof s);
	zos_ct_wipe(record, sizeof record);
}

/* The public identity key the master secret stands for. */
static int identity_key(uint8_t pk[32], const uint8_t master[ID_NEURAL_SECRET])
{
	if (zos_hkdf_sha256(s.seed, sizeof s.seed, 0, 0, master, ID_NEURAL_SECRET, IDENTITY_INFO,
			    sizeof IDENTITY_INFO - 1) != ZOS_OK)
		return id_fail("invalid", "the identity key could not be derived");
	zos_ed25519_keypair(pk, s.sk, s.seed);
	zos_ct_wipe(s.seed, sizeof s.seed);
	zos_ct_wipe(s.sk, sizeof s.sk);
	return ZOS_OK;
}

/* Binds a sealed shard to its user and index. */
static void seal_ad(uint8_t ad[sizeof SEAL_LABEL - 1 + ID_BYTES + 1], uint8_t index)
{
	zos_memcpy(ad, SEAL_LABEL, sizeof SEAL_LABEL - 1);
	zos_memcpy(ad + sizeof SEAL_LABEL - 1, user.id, ID_BYTES);
	ad[sizeof SEAL_LABEL - 1 + ID_BYTES] = index;
}

static int password_key(const uint8_t salt[ID_SALT_BYTES], uint32_t t, uint32_t kib)
{
	struct zos_argon2_params p = { t, kib, 1, 0, 0, 0, 0 };

	if (zos_argon2id(s.key, sizeof s.key, s.password, zos_strlen(s.password), salt,
			 ID_SALT_BYTES, &p, argon_mem, sizeof argon_mem) != ZOS_OK)
		return id_fail("damaged", "the key derivation's parameters are not usable");
	return ZOS_OK;
}

static int get_password(const struct zjson_doc *req)
{
	size_t len;
	int32_t v = zjson_get(req, 0, "password");

	if (v < 0)
		return id_fail("invalid", "missing: password");
	if (zjson_str(req, v, s.password, sizeof s.password, &len) != ZOS_OK)
		return id_fail("invalid", "the password must be text of at most %u bytes", ID_PASSWORD_MAX);
	if (len < ID_PASSWORD_MIN)
		return id_fail("invalid", "the password must be at least %u characters", ID_PASSWORD_MIN);
	return ZOS_OK;
}

static void hex_member(struct zjson_writer *w, const char *key, const uint8_t *b, size_t n)
{
	zos_hex(s.hex, b, n);
	zjson_key(w, key);
	zjson_string(w, s.hex);
}

/* The two kept shares, sealed, as the encrypted_shards.json record. */
static int seal(struct zjson_writer *w, const uint8_t salt[ID_SALT_BYTES])
{
	uint8_t nonce[ID_NONCE_BYTES], tag[ZOS_GCM_TAG_SIZE], ct[SHARD_BYTES];
	uint8_t ad[sizeof SEAL_LABEL - 1 + ID_BYTES + 1];
	char uid[ID_HEX + 1];
	int r;

	id_to_hex(uid, user.id);
	zjson_writer_init(w, record, sizeof record);
	zjson_object_begin(w);
	zjson_key(w, "user_id");
	zjson_string(w, uid);
	zjson_key(w, "encrypted_shards");
	zjson_array_begin(w);
	zos_aes256_gcm_init(&s.gcm, s.key);
	for (uint32_t i = ID_NEURAL_SHOWN; i < ID_NEURAL_SHARES; i++) {
		if ((r = id_random(nonce, sizeof nonce)) != ZOS_OK)
			return r;
		if (zos_shamir_share_encode(s.encoded, &s.shares[i]) != SHARD_BYTES)
			return id_fail("invalid", "a share did not encode");
		seal_ad(ad, s.shares[i].index);
		if (zos_aes256_gcm_encrypt(&s.gcm, ct, tag, s.encoded, SHARD_BYTES, nonce, sizeof nonce,
					   ad, sizeof ad) != ZOS_OK)
			return id_fail("invalid", "a shard could not be sealed");
		zjson_object_begin(w);
		zjson_key(w, "index");
		zjson_int64(w, s.shares[i].index);
		hex_member(w, "ciphertext", ct, sizeof ct);
		hex_member(w, "nonce", nonce, sizeof nonce);
		hex_member(w, "tag", tag, sizeof tag);
		zjson_object_end(w);
	}
	zjson_array_end(w);
	zjson_key(w, "external_shard_indices");
	zjson_array_begin(w);
	for (uint32_t i = 0; i < ID_NEURAL_SHOWN; i++)
		zjson_int64(w, s.shares[i].index);
	zjson_array_end(w);
	zjson_key(w, "kdf");
	zjson_object_begin(w);
	zjson_key(w, "algorithm");
	zjson_string(w, "argon2id");
	zjson_key(w, "version");
	zjson_int64(w, 19);
	hex_member(w, "salt", salt, ID_SALT_BYTES);
	zjson_key(w, "t_cost");
	zjson_int64(w, cost_t);
	zjson_key(w, "m_kib");
	zjson_int64(w, cost_kib);
	zjson_key(w, "lanes");
	zjson_int64(w, 1);
	zjson_object_end(w);
	zjson_key(w, "created_at");
	zjson_int64(w, id_now_ms());
	zjson_object_end(w);
	return zjson_finish(w) == ZOS_OK ? ZOS_OK : id_fail("invalid", "the shard record does not fit");
}

static int store_public(const uint8_t pk[32])
{
	char key[ID_PATH_MAX], uid[ID_HEX + 1], pkh[65];

	id_to_hex(uid, user.id);
	zos_hex(pkh, pk, 32);
	zos_snprintf(record, sizeof record,
		     "{\"user_id\":\"%s\",\"identity_signing_public_key\":\"%s\",\"created_at\":%lld}",
		     uid, pkh, (long long)id_now_ms());
	id_ks_key(key, user.id, "identity/public_keys.json", 0);
	return id_ks_write(key, record, zos_strlen(record));
}

static void answer_public(struct zjson_writer *w, const uint8_t pk[32])
{
	char pkh[65];

	zos_hex(pkh, pk, 32);
	zjson_key(w, "public_identifiers");
	zjson_object_begin(w);
	zjson_key(w, "identity_signing_public_key");
	zjson_string(w, pkh);
	zjson_object_end(w);
}

static int generate(const struct zjson_doc *req, struct zjson_writer *w)
{
	char key[ID_PATH_MAX];
	uint8_t salt[ID_SALT_BYTES], pk[32];
	struct zjson_writer rw;
	int r = id_user_of(req, &user);

	if (r == ZOS_OK)
		r = get_password(req);
	if (r != ZOS_OK)
		return r;
	id_ks_key(key, user.id, "identity/encrypted_shards.json", 0);
	r = id_ks_read(key, record, sizeof record);
	if (r == ZOS_OK)
		return id_fail("exists", "user %s has a Neural Key already", user.name);
	if (r != ZOS_ERR_NOT_FOUND)
		return r;
	if ((r = id_random(s.master, ID_NEURAL_SECRET)) != ZOS_OK ||
	    (r = id_random(salt, sizeof salt)) != ZOS_OK)
		return r;
	if (zos_shamir_split(s.shares, ID_NEURAL_SHARES, ID_NEURAL_THRESHOLD, s.master,
			     ID_NEURAL_SECRET, id_rng()) != ZOS_OK)
		return id_fail("random", "the secret could not be split");
	if ((r = identity_key(pk, s.master)) != ZOS_OK ||
	    (r = password_key(salt, cost_t, cost_kib)) != ZOS_OK || (r = seal(&rw, salt)) != ZOS_OK ||
	    (r = id_ks_write(key, rw.buf, rw.len)) != ZOS_OK || (r = store_public(pk)) != ZOS_OK)
		return r;
	zjson_key(w, "shards");
	zjson_array_begin(w);
	for (uint32_t i = 0; i < ID_NEURAL_SHOWN; i++) {
		if (zos_shamir_share_encode(s.encoded, &s.shares[i]) != SHARD_BYTES)
			return id_fail("invalid", "a share did not encode");
		zos_hex(s.hex, s.encoded, SHARD_BYTES);
		zjson_string(w, s.hex);
	}
	zjson_array_end(w);
	zjson_key(w, "threshold");
	zjson_int64(w, ID_NEURAL_THRESHOLD);
	answer_public(w, pk);
	return ZOS_OK;
}

int id_neural_generate(const struct zjson_doc *req, struct zjson_writer *w)
{
	int r = generate(req, w);

	wipe();
	return r;
}

/* The shards a request gives, decoded into s.shares; their count. */
static int given_shards(const struct zjson_doc *req, uint32_t *count)
{
	int32_t arr = zjson_get(req, 0, "shards"), e;
	size_t len;

	if (arr < 0 || req->toks[arr].type != ZJSON_ARRAY)
		return id_fail("invalid", "shards must be an array of hex strings");
	if (req->toks[arr].count > ID_NEURAL_SHARES)
		return id_fail("invalid", "at most %u shards", ID_NEURAL_SHARES);
	for (*count = 0; (e = zjson_at(req, arr, *count)) >= 0; (*count)++) {
		uint32_t i = *count;
		if (zjson_str(req, e, s.hex, sizeof s.hex, &len) != ZOS_OK || len != SHARD_HEX ||
		    zos_hex_decode(s.encoded, SHARD_BYTES, s.hex, len) != 0 ||
		    zos_shamir_share_decode(&s.shares[i], s.encoded, SHARD_BYTES) != ZOS_OK ||
		    s.shares[i].len != ID_NEURAL_SECRET)
			return id_fail("bad_shard", "shard %u is not a Neural Key shard (%u hex digits)",
				       i + 1, SHARD_HEX);
		for (uint32_t k = 0; k < i; k++)
			if (s.shares[k].index == s.shares[i].index)
				return id_fail("bad_shard", "shards %u and %u are the same shard", k + 1, i + 1);
	}
	return ZOS_OK;
}

static int kdf_read(const struct zjson_doc *d, uint8_t salt[ID_SALT_BYTES], uint32_t *t,
		    uint32_t *kib)
{
	int32_t k = zjson_get(d, 0, "kdf");
	int64_t tv, mv, lanes;
	char alg[16];

	if (zjson_get_str(d, k, "algorithm", alg, sizeof alg) != ZOS_OK || zos_strcmp(alg, "argon2id") ||
	    id_get_hex(d, k, "salt", salt, ID_SALT_BYTES) != ZOS_OK ||
	    zjson_get_int(d, k, "t_cost", &tv) != ZOS_OK || tv < 1 || tv > 16 ||
	    zjson_get_int(d, k, "m_kib", &mv) != ZOS_OK || mv < 8 || mv > ID_ARGON2_KIB ||
	    zjson_get_int(d, k, "lanes", &lanes) != ZOS_OK || lanes != 1)
		return id_fail("damaged", "damaged: the stored shards' key derivation parameters");
	*t = (uint32_t)tv;
	*kib = (uint32_t)mv;
	return ZOS_OK;
}

/* Opens the stored shares with the password, adding those not given. */
static int unseal(uint32_t *count)
{
	struct zjson_doc d;
	struct zjson_error err;
	char key[ID_PATH_MAX];
	uint8_t salt[ID_SALT_BYTES], nonce[ID_NONCE_BYTES], tag[ZOS_GCM_TAG_SIZE], ct[SHARD_BYTES];
	uint8_t ad[sizeof SEAL_LABEL - 1 + ID_BYTES + 1];
	uint32_t t = 0, kib = 0;
	int32_t arr, e;
	int r;

	id_ks_key(key, user.id, "identity/encrypted_shards.json", 0);
	if ((r = id_ks_read(key, record, sizeof record)) == ZOS_ERR_NOT_FOUND)
		return id_fail("not_found", "user %s has no stored shards", user.name);
	if (r != ZOS_OK)
		return r;
	if (zjson_parse(&d, record, zos_strlen(record), toks, ID_TOKENS, &err) != ZOS_OK ||
	    d.toks[0].type != ZJSON_OBJECT || (arr = zjson_get(&d, 0, "encrypted_shards")) < 0)
		return id_fail("damaged", "damaged: the stored shards are not a JSON record");
	if ((r = kdf_read(&d, salt, &t, &kib)) != ZOS_OK || (r = password_key(salt, t, kib)) != ZOS_OK)
		return r;
	zos_aes256_gcm_init(&s.gcm, s.key);
	for (uint32_t i = 0; (e = zjson_at(&d, arr, i)) >= 0 && i < 2; i++) {
		int64_t index;
		if (zjson_get_int(&d, e, "index", &index) != ZOS_OK || index < 1 || index > 255 ||
		    id_get_hex(&d, e, "ciphertext", ct, sizeof ct) != ZOS_OK ||
		    id_get_hex(&d, e, "nonce", nonce, sizeof nonce) != ZOS_OK ||
		    id_get_hex(&d, e, "tag", tag, sizeof tag) != ZOS_OK)
			return id_fail("damaged", "damaged: stored shard %u", i + 1);
		seal_ad(ad, (uint8_t)index);
		if (zos_aes256_gcm_decrypt(&s.gcm, s.encoded, ct, sizeof ct, tag, nonce, sizeof nonce, ad,
					   sizeof ad) != ZOS_OK)
			return id_fail("wrong_password",
				       "wrong password: the stored shards do not open with it");
		if (zos_shamir_share_decode(&s.shares[*count], s.encoded, SHARD_BYTES) != ZOS_OK)
			return id_fail("damaged", "damaged: stored shard %u", i + 1);
		int dup = 0;
		for (uint32_t k = 0; k < *count; k++)
			dup |= s.shares[k].index == s.shares[*count].index;
		if (!dup)
			(*count)++;
	}
	return ZOS_OK;
}

static int public_key(uint8_t pk[32])
{
	struct zjson_tok t[8];
	struct zjson_doc d;
	struct zjson_error err;
	char key[ID_PATH_MAX];
	int r;

	id_ks_key(key, user.id, "identity/public_keys.json", 0);
	if ((r = id_ks_read(key, record, sizeof record)) == ZOS_ERR_NOT_FOUND)
		return id_fail("not_found", "user %s has no Neural Key", user.name);
	if (r != ZOS_OK)
		return r;
	if (zjson_parse(&d, record, zos_strlen(record), t, 8, &err) != ZOS_OK ||
	    d.toks[0].type != ZJSON_OBJECT ||
	    id_get_hex(&d, 0, "identity_signing_public_key", pk, 32) != ZOS_OK)
		return id_fail("damaged", "damaged: the Neural Key's public_keys.json");
	return ZOS_OK;
}

static int recover(const struct zjson_doc *req, struct zjson_writer *w)
{
	uint8_t want[32], got[32];
	uint32_t count = 0;
	size_t len;
	int r = id_user_of(req, &user);

	if (r == ZOS_OK)
		r = public_key(want);
	if (r == ZOS_OK)
		r = given_shards(req, &count);
	if (r == ZOS_OK && zjson_get(req, 0, "password") >= 0 && (r = get_password(req)) == ZOS_OK)
		r = unseal(&count);
	if (r != ZOS_OK)
		return r;
	if (count < ID_NEURAL_THRESHOLD)
		return id_fail("invalid", "give three shards, or one shard and the password");
	r = zos_shamir_combine(s.master, &len, s.shares, count);
	if (r == ZOS_ERR_CORRUPT)
		return id_fail("bad_shard",
			       "a shard is wrong or was altered: they do not rebuild a checked secret");
	if (r != ZOS_OK || len != ID_NEURAL_SECRET)
		return id_fail("bad_shard", "the shards do not belong together");
	if ((r = identity_key(got, s.master)) != ZOS_OK)
		return r;
	if (!zos_ct_equal(got, want, 32))
		return id_fail("wrong_secret", "the shards rebuild a secret, but not %s's Neural Key",
			       user.name);
	zjson_key(w, "success");
	zjson_boolean(w, 1);
	hex_member(w, "master_key", s.master, ID_NEURAL_SECRET);
	answer_public(w, got);
	return ZOS_OK;
}

int id_neural_recover(const struct zjson_doc *req, struct zjson_writer *w)
{
	int r = recover(req, w);

	wipe();
	return r;
}
