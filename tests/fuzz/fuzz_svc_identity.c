/*
 * Fuzzes IdentityService's message handler on the host (tests/svc/
 * svc_host.h, VFS played by tests/svc/fake_vfs.h, the keystore by
 * tests/svc/fake_keystore.h): arbitrary tags and bodies (JSON or not,
 * nested, truncated, huge, hostile values) from a client, and a keystore
 * and VFS that come and go. Each run starts with a user and a machine
 * key made; a body's "$U", "$K", "$C" and "$S" become that user's id, the
 * key's id, the last challenge and the last session id, so that the deep
 * paths (login, rotation, the Neural Key) are reached, not only the
 * parsers. Every request must be answered with a JSON object, no secret
 * key may ever appear in a VFS file, and the kernel's invariants must
 * hold.
 *
 * Input: records { u8 tag selector, u16 length, body }; selectors
 * 240-243 flip VFS and the keystore between up and down, 244 and 245
 * replace the user's user.json or the key's record with the body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/invariants.h"
#include "svc/fake_keystore.h"
#include "svc/fake_vfs.h"
#include "svc/svc_host.h"
#include "user/services/identity/identity.h"

static const uint32_t tags[] = {
	ZOS_MSG_ID_CREATE_USER,        ZOS_MSG_ID_GET_USER,          ZOS_MSG_ID_LIST_USERS,
	ZOS_MSG_ID_DELETE_USER,        ZOS_MSG_ID_UPDATE_USER,       ZOS_MSG_ID_LOGIN_CHALLENGE,
	ZOS_MSG_ID_LOGIN_SIGN,         ZOS_MSG_ID_LOGIN_VERIFY,      ZOS_MSG_ID_LOGOUT,
	ZOS_MSG_ID_WHOAMI,             ZOS_MSG_ID_NEURAL_KEY_GENERATE, ZOS_MSG_ID_NEURAL_KEY_RECOVER,
	ZOS_MSG_ID_MACHINE_KEY_CREATE, ZOS_MSG_ID_MACHINE_KEY_LIST,  ZOS_MSG_ID_MACHINE_KEY_ROTATE,
	ZOS_MSG_ID_MACHINE_KEY_REVOKE, ZOS_MSG_ID_LOGIN_SIGNATURE_PART,
};
#define NTAGS (sizeof tags / sizeof tags[0])

static struct svc_host h;
static struct zos_msg reply;
static char vars[4][80]; /* $U $K $C $S */

static void die(const char *why)
{
	fprintf(stderr, "fuzz_svc_identity: %s\n", why);
	abort();
}

/* The answer's member key (a string) into out, if there is one. */
static void remember(const char *outer, const char *key, char *out, size_t cap)
{
	static struct zjson_tok toks[512];
	struct zjson_doc d;
	struct zjson_error err;
	int32_t v;

	if (zjson_parse(&d, (const char *)reply.body, reply.h.size, toks, 512, &err) != ZOS_OK ||
	    d.toks[0].type != ZJSON_OBJECT)
		die("an answer is not a JSON object");
	v = outer ? zjson_get(&d, zjson_get(&d, 0, outer), key) : zjson_get(&d, 0, key);
	if (v >= 0)
		zjson_str(&d, v, out, cap, 0);
}

static void request(uint32_t client, uint32_t tag, const char *body, size_t len)
{
	const char *why;

	if (svc_host_request(&h, client, tag, body, (uint32_t)len, identity_handle, &reply) < 0)
		die("a request got no answer");
	if (reply.h.tag == tag + 1) {
		svc_host_check_answer("fuzz_svc_identity", &reply);
		if (tag == ZOS_MSG_ID_MACHINE_KEY_CREATE) /* $K: the newest key (a pq_hybrid one too) */
			remember("key_record", "machine_id", vars[1], sizeof vars[1]);
		remember(0, "challenge", vars[2], sizeof vars[2]);
		remember("session", "session_id", vars[3], sizeof vars[3]);
	}
	if (check_invariants(&h.sys->k.s, &why))
		die(why);
}

/* No secret the keystore holds may be in a VFS file. */
static void check_secrets(void)
{
	static const char *fields[] = { "signing_sk", "encryption_sk", "signing_seed", "kem_seed" };

	for (uint32_t k = 0; k < fake_ks.n; k++)
		for (uint32_t f = 0; f < sizeof fields / sizeof *fields; f++) {
			const char *p = strstr(fake_ks.e[k].value, fields[f]);
			char secret[65];
			if (!p || sscanf(p + strlen(fields[f]) + 3, "%64[0-9a-f]", secret) != 1)
				continue;
			for (uint32_t i = 0; i < fake_vfs.nfiles; i++)
				for (uint32_t at = 0; at + 64 <= fake_vfs.files[i].len; at++)
					if (!memcmp(fake_vfs.files[i].data + at, secret, 64))
						die("a secret key reached VFS");
		}
}

/* body with $U $K $C $S replaced; its length, or 0 if it grew too long. */
static size_t expand(const uint8_t *in, size_t len, char *out, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		const char *v = 0;
		if (in[i] == '$' && i + 1 < len) {
			const char *names = "UKCS", *p = memchr(names, in[i + 1], 4);
			if (p && in[i + 1])
				v = vars[p - names];
		}
		if (v) {
			size_t k = strlen(v);
			if (n + k > cap)
				return 0;
			memcpy(out + n, v, k);
			n += k;
			i++;
		} else {
			if (n == cap)
				return 0;
			out[n++] = (char)in[i];
		}
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char body[ZOS_MSG_MAX];
	size_t pos = 0;
	uint32_t client;
	char start[160];

	fake_vfs_reset();
	fake_ks_reset();
	memset(vars, 0, sizeof vars);
	zos_vfs_use_transport(fake_vfs_transport);
	id_keystore_use(fake_ks_transport);
	svc_host_boot(&h, "identity", 0);
	id_neural_cost(1, 8);
	if (identity_reset() != ZOS_OK)
		die("no entropy");
	client = svc_host_client(&h, "terminal");
	request(client, ZOS_MSG_ID_CREATE_USER, "{\"display_name\":\"alice\"}", 24);
	remember("user", "id", vars[0], sizeof vars[0]);
	snprintf(start, sizeof start, "{\"user_id\":\"%s\"}", vars[0]);
	request(client, ZOS_MSG_ID_MACHINE_KEY_CREATE, start, strlen(start));
	remember("key_record", "machine_id", vars[1], sizeof vars[1]);
	while (pos + 3 <= size) {
		uint8_t sel = data[pos];
		size_t len = (size_t)(data[pos + 1] | data[pos + 2] << 8) % (ZOS_MSG_MAX + 1), n;
		uint32_t tag = sel < 240 ? tags[sel % NTAGS] : 0x7000u + sel;
		pos += 3;
		if (sel >= 240 && sel < 244) {
			fake_vfs.down = sel & 1;
			fake_ks.down = (sel >> 1) & 1;
			continue;
		}
		if (len > size - pos)
			len = size - pos;
		n = expand(data + pos, len, body, sizeof body);
		pos += len;
		if (sel == 244 || sel == 245) {
			char path[200];
			if (sel == 244)
				snprintf(path, sizeof path, "/home/%s/.zos/identity/user.json", vars[0]);
			else
				snprintf(path, sizeof path, "/home/%s/.zos/identity/machine/%s.json", vars[0],
					 vars[1]);
			if (fake_vfs_find(path, 0) || fake_vfs.nfiles < FAKE_VFS_FILES)
				fake_vfs_put(path, body, (uint32_t)n);
			continue;
		}
		request(client, tag, body, n);
		check_secrets();
	}
	zos_vfs_use_transport(0);
	id_keystore_use(0);
	svc_host_free(&h);
	return 0;
}
