/*
 * IdentityService (pid 5): users, machine keys, sessions and the Neural
 * Key (docs/services/identity.md has the protocol, every error and the
 * storage layout).
 *
 * Where things live:
 *   VFS (the storage database), public data only:
 *     /home/{user_id}/.zos/identity/user.json, preferences.json,
 *     machine/{machine_id}.json (public keys, capabilities, epoch, status),
 *     sessions/{session_id}.json
 *   the keystore (its own database, reached only through KeystoreService):
 *     /keys/{user_id}/machine/{machine_id}.json (the secret keys; for a
 *     pq_hybrid key its two 32-byte seeds, the keys derived from them),
 *     /keys/{user_id}/identity/encrypted_shards.json (two Neural Key shards,
 *     AES-256-GCM under an Argon2id key), public_keys.json (the Neural
 *     Key's public identity key: how RECOVER knows a right secret)
 *
 * Invariants: no secret key, shard or master secret is ever written
 * through VFS or kept after the request that used it (wiped with
 * zos_ct_wipe); every field of a request and of a file read back is
 * checked before use (a damaged file is an error, never a crash); user
 * ids and machine ids are 128-bit CSPRNG values, never 0, written as 32
 * lower-case hex digits. Challenges live in memory only (a reboot
 * forgets them); sessions are files with their expiry (a reboot keeps
 * them until they expire).
 */
#ifndef ZOS_SERVICES_IDENTITY_H
#define ZOS_SERVICES_IDENTITY_H

#include <stddef.h>

#include "id_client.h"
#include "lib/json.h"
#include "lib/crypto/csprng.h"
#include "lib/crypto/pq_hybrid.h"
#include "zos.h"

#define ID_BYTES ZOS_ID_BYTES       /* user, machine and session ids */
#define ID_HEX ZOS_ID_HEX
#define ID_NAME_MAX ZOS_ID_NAME_MAX /* display and machine names */
#define ID_PREF_THEME_MAX 32
#define ID_PREF_LANG_MAX 16
#define ID_PREF_TZ_MAX 48
#define ID_PATH_MAX 160
#define ID_FILE_MAX 2048            /* bytes of one identity file we accept */
#define ID_MACHINE_FILE_MAX 20480   /* a machine record: pq_hybrid keys are large */
#define ID_TOKENS 160               /* JSON tokens of a request or file */
#define ID_MAX_CHALLENGES 16        /* outstanding login challenges */
#define ID_CHALLENGE_BYTES ZOS_ID_CHALLENGE_BYTES
#define ID_CHALLENGE_NS (30ull * 1000000000ull) /* a challenge lives 30 s */
#define ID_SESSION_MS (12ll * 3600 * 1000)      /* a session lives 12 hours */
#define ID_RETIRED_MAX 4            /* retired public keys a record keeps */
#define ID_LIST_MAX 64              /* users or keys one listing looks at */

/* The Neural Key: a 32-byte master secret, split 3 of 5; shards 1-3 are
 * shown, 4 and 5 stored encrypted. */
#define ID_NEURAL_SECRET 32
#define ID_NEURAL_SHARES 5
#define ID_NEURAL_THRESHOLD 3
#define ID_NEURAL_SHOWN 3
#define ID_PASSWORD_MIN 8
#define ID_PASSWORD_MAX 128
/* Argon2id for the Neural Key's kept shards: 19 MiB, two passes, one lane,
 * the floor OWASP's password storage guidance sets for Argon2id. An
 * attacker's cost per guess is the memory times the passes, so 19 MiB x 2
 * costs more than the earlier 8 MiB x 3; a person waits for one
 * derivation per GENERATE or RECOVER (see docs/services/identity.md for
 * the time it takes). ID_ARGON2_KIB is also the most a stored record may
 * ask for (records made with 8 MiB still open). */
#define ID_ARGON2_T 2
#define ID_ARGON2_KIB 19456
#define ID_SALT_BYTES 16
#define ID_NONCE_BYTES 12

enum id_status { ID_ACTIVE = 1, ID_LOCKED, ID_DISABLED };
enum id_key_status { ID_KEY_ACTIVE = 1, ID_KEY_REVOKED };

/* Machine key schemes. classical: Ed25519 + X25519, keys in hex.
 * pq_hybrid: Ed25519 + ML-DSA-65 signing, X25519 + ML-KEM-768 KEM
 * (lib/crypto/pq_hybrid.h), keys in base64. The keystore holds each
 * scheme's 32-byte seeds only; the keys are derived from them. */
enum id_scheme { ID_CLASSICAL = 1, ID_PQ_HYBRID };
#define ID_SIGN_PK_MAX ZOS_PQH_SIGN_PK_SIZE /* the largest signing public key */
#define ID_ENC_PK_MAX ZOS_PQH_KEM_PK_SIZE   /* the largest encryption public key */
#define ID_SIGN_SK_MAX ZOS_PQH_SIGN_SK_SIZE /* the largest expanded signing key */
#define ID_SIG_MAX ZOS_PQH_SIG_SIZE         /* the largest signature */
/* A pq_hybrid signature does not fit in one message as text: LOGIN_SIGN
 * and LOGIN_SIGNATURE_PART move it in parts of at most this many bytes
 * (base64 in the JSON body). */
#define ID_SIG_PART 2048

/* Machine key capabilities: bits, named by the strings of the record. */
#define ID_CAP_LIST(X)                       \
	X(AUTHENTICATE, 0x01)                \
	X(SIGN, 0x02)                        \
	X(ENCRYPT, 0x04)                     \
	X(SVK_UNWRAP, 0x08)                  \
	X(MLS_MESSAGING, 0x10)               \
	X(VAULT_OPERATIONS, 0x20)            \
	X(AUTHORIZE_MACHINES, 0x40)          \
	X(REVOKE_MACHINES, 0x80)
#define ID_X_CAP(n, v) ID_CAP_##n = (v),
enum id_cap { ID_CAP_LIST(ID_X_CAP) };
#define ID_CAP_DEFAULT (ID_CAP_AUTHENTICATE | ID_CAP_SIGN | ID_CAP_ENCRYPT)

struct id_prefs {
	char theme[ID_PREF_THEME_MAX + 1];
	char language[ID_PREF_LANG_MAX + 1];
	char timezone[ID_PREF_TZ_MAX + 1];
};

struct id_user {
	uint8_t id[ID_BYTES];
	char name[ID_NAME_MAX + 1];
	uint8_t status;        /* enum id_status */
	int64_t created_at;    /* wall clock, ms */
	int64_t last_login;    /* -1: never */
	struct id_prefs prefs;
};

struct id_retired {
	uint64_t epoch;
	uint8_t signing_pk[ID_SIGN_PK_MAX]; /* id_sign_pk_len(scheme) bytes */
	int64_t retired_at;
};

/* The public record of a machine key (machine/{id}.json). */
struct id_machine {
	uint8_t id[ID_BYTES];
	uint8_t user[ID_BYTES];
	uint8_t scheme;         /* enum id_scheme: fixed at creation */
	uint8_t signing_pk[ID_SIGN_PK_MAX];  /* id_sign_pk_len(scheme) bytes */
	uint8_t encryption_pk[ID_ENC_PK_MAX]; /* id_enc_pk_len(scheme) bytes */
	int64_t authorized_at;
	uint8_t authorized_by[ID_BYTES];
	uint32_t caps;          /* ID_CAP_* bits */
	int64_t caps_expire;    /* -1: never */
	char name[ID_NAME_MAX + 1];
	int64_t last_seen;
	uint64_t epoch;         /* 1 at creation, + 1 at each rotation */
	uint8_t status;         /* enum id_key_status */
	int64_t revoked_at;     /* -1 while active */
	uint32_t nretired;
	struct id_retired retired[ID_RETIRED_MAX]; /* oldest first */
};

/* util.c: errors, ids, hex, randomness, clocks. */
/* Records why a request fails (printf-style) and its short code; returns
 * ZOS_ERR_INVALID_ARGUMENT for the caller to pass up. */
int id_fail(const char *code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *id_why(void);
const char *id_code(void);
/* Seeds the CSPRNG from the RANDOM syscall (ZOS_OK or its error). */
int id_random_init(void);
int id_random(void *out, size_t n);
struct zos_csprng *id_rng(void);
/* A fresh 128-bit id, never 0. */
int id_new(uint8_t id[ID_BYTES]);
void id_to_hex(char out[ID_HEX + 1], const uint8_t id[ID_BYTES]);
int64_t id_now_ms(void);
/* Reads member key of obj as an id (32 hex digits, not 0): ZOS_OK, or a
 * recorded failure naming the field. */
int id_get_id(const struct zjson_doc *d, int32_t obj, const char *key, uint8_t id[ID_BYTES]);
/* Reads member key as exactly n bytes of hex. */
int id_get_hex(const struct zjson_doc *d, int32_t obj, const char *key, uint8_t *out, size_t n);
/* Reads member key as a string of 1..max bytes whose characters pass ok
 * (allowed: those characters in words, for the error). */
int id_get_text(const struct zjson_doc *d, int32_t obj, const char *key, char *out, size_t max,
		int (*ok)(char c), const char *allowed);
#define ID_NAME_CHARS "letters, digits, spaces, '-', '_' and '.'"
int id_name_char(char c);

/* store.c: identity files through VFS, key material through the keystore. */
enum id_file { ID_FILE_USER, ID_FILE_PREFS, ID_FILE_MACHINE, ID_FILE_SESSION };
/* The VFS path of a file of user uid (sub: the machine or session id). */
int id_path(char out[ID_PATH_MAX], enum id_file f, const uint8_t uid[ID_BYTES],
	    const uint8_t sub[ID_BYTES]);
/* Reads a JSON file into buf and parses it into doc (toks[ID_TOKENS]):
 * ZOS_OK, ZOS_ERR_NOT_FOUND (no such file), or a recorded failure. */
int id_file_read(const char *path, char *buf, size_t cap, struct zjson_doc *doc,
		 struct zjson_tok *toks);
/* Writes w's finished document to path, making its directories. */
int id_file_write(const char *path, struct zjson_writer *w);
int id_file_remove(const char *path);
/* Removes dir and everything under it (a few levels deep at most). */
int id_tree_remove(const char *dir);
/* Lists the names in dir (at most max, each of ID_HEX digits + suffix):
 * how many, ZOS_OK with 0 when dir is missing, or a recorded failure. */
int id_dir_ids(const char *dir, const char *suffix, uint8_t (*ids)[ID_BYTES], uint32_t max);
/* The keystore: where requests go (tests put a stand-in here). */
typedef int64_t (*id_keystore_transport)(uint32_t tag, const void *body, uint32_t len,
					 struct zos_msg *reply);
void id_keystore_use(id_keystore_transport t);
/* Init handed us a new cap to a restarted keystore. */
void id_keystore_renew(uint32_t slot);
/* Keystore values are text; read: ZOS_OK, ZOS_ERR_NOT_FOUND, or failure. */
int id_ks_read(const char *key, char *out, size_t cap);
int id_ks_write(const char *key, const char *value, size_t len);
int id_ks_delete(const char *key);
int id_ks_delete_user(const uint8_t uid[ID_BYTES]);
int id_ks_key(char out[ID_PATH_MAX], const uint8_t uid[ID_BYTES], const char *what,
	      const uint8_t sub[ID_BYTES]);

/* users.c */
int id_user_load(const uint8_t uid[ID_BYTES], struct id_user *u);
int id_user_store(const struct id_user *u);
void id_user_json(struct zjson_writer *w, const struct id_user *u);
int id_create_user(const struct zjson_doc *req, struct zjson_writer *w);
int id_get_user(const struct zjson_doc *req, struct zjson_writer *w);
int id_list_users(const struct zjson_doc *req, struct zjson_writer *w);
int id_delete_user(const struct zjson_doc *req, struct zjson_writer *w);
int id_update_user(const struct zjson_doc *req, struct zjson_writer *w);
/* The user a request names by "user_id", loaded (or a recorded failure). */
int id_user_of(const struct zjson_doc *req, struct id_user *u);

/* caps.c: capabilities as strings, and the legacy boolean format. */
int id_caps_parse(const struct zjson_doc *d, int32_t obj, uint32_t *caps, int64_t *expires);
void id_caps_json(struct zjson_writer *w, uint32_t caps, int64_t expires);

/* machine.c */
int id_machine_load(const uint8_t uid[ID_BYTES], const uint8_t mid[ID_BYTES],
		    struct id_machine *m);
int id_machine_store(const struct id_machine *m);
/* Sizes of a scheme's public signing and encryption keys, its expanded
 * secret signing key and its signatures. */
size_t id_sign_pk_len(uint8_t scheme);
size_t id_enc_pk_len(uint8_t scheme);
size_t id_sign_sk_len(uint8_t scheme);
size_t id_sig_len(uint8_t scheme);
/* The machine key's secret signing key (id_sign_sk_len bytes into sk,
 * room for ID_SIGN_SK_MAX), derived from the seed the keystore holds and
 * checked against the public record; the caller wipes it. */
int id_machine_secret(const struct id_machine *m, uint8_t sk[ID_SIGN_SK_MAX]);
/* Verifies sig over msg by signing key pk of the scheme: ZOS_OK or
 * ZOS_ERR_CORRUPT (pq_hybrid: only when both halves verify). */
int id_sig_verify(uint8_t scheme, const uint8_t *sig, size_t sig_len, const uint8_t *msg, size_t len,
		  const uint8_t *pk);
int id_machine_create(const struct zjson_doc *req, struct zjson_writer *w);
int id_machine_list(const struct zjson_doc *req, struct zjson_writer *w);
int id_machine_rotate(const struct zjson_doc *req, struct zjson_writer *w);
int id_machine_revoke(const struct zjson_doc *req, struct zjson_writer *w);

/* session.c */
int id_login_challenge(const struct zjson_doc *req, struct zjson_writer *w);
int id_login_sign(const struct zjson_doc *req, struct zjson_writer *w);
int id_login_verify(const struct zjson_doc *req, struct zjson_writer *w);
int id_login_signature_part(const struct zjson_doc *req, struct zjson_writer *w);
int id_logout(const struct zjson_doc *req, struct zjson_writer *w);
int id_whoami(const struct zjson_doc *req, struct zjson_writer *w);
/* Forgets every challenge (a restart; tests) or those of one user. */
void id_challenges_forget(const uint8_t *uid);

/* neural.c */
int id_neural_generate(const struct zjson_doc *req, struct zjson_writer *w);
int id_neural_recover(const struct zjson_doc *req, struct zjson_writer *w);
/* Argon2id cost for new Neural Keys (tests lower it; stored records say
 * their own, up to ID_ARGON2_KIB). */
void id_neural_cost(uint32_t t_cost, uint32_t m_kib);

/* handler.c: the request handler (for zos_serve). */
int identity_handle(struct zos_msg *m);
/* A fresh start: reseeds, forgets challenges (tests; main). */
int identity_reset(void);

#endif
