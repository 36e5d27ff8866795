/*
 * KeystoreService's own code on the host (tests/svc/svc_host.h): every
 * request kind, the key convention, hostile bodies, and that everything
 * lands on the keystore device and nothing on the storage device.
 */
#include "harness.h"
#include "svc/svc_host.h"
#include "user/services/keystore/keystore.h"

static struct svc_host h;
static struct zos_msg reply;

static const char *ask(uint32_t client, uint32_t tag, const char *body)
{
	return svc_host_ask(&h, client, tag, body, keystore_handle, &reply);
}

static uint32_t boot(void)
{
	svc_host_boot(&h, "keystore", ZOS_DEV_KEYSTORE);
	return svc_host_client(&h, "identity");
}

#define EXPECT(got, want)                                                                \
	do {                                                                             \
		const char *g_ = (got);                                                  \
		if (strcmp(g_, want) != 0)                                               \
			harness_fail(__FILE__, __LINE__, "got %s, want %s", g_, want);   \
	} while (0)

static void test_key_convention(void)
{
	static const char *good[] = { "/keys/u1/identity/public_keys.json", "/keys/ab-cd_9/m/x.json",
				      "/keys/u/a" };
	static const char *bad[] = { "/keys/", "/keys/u", "/keys/u/", "/keys//a", "/keys/u/../x",
				     "/keys/u/./x", "/key/u/a", "keys/u/a", "/keys/u/a//b",
				     "/keys/u/a b", "/keys/u\xc3\xa9/a", "/keys/u/a/" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		CHECK(keystore_key_valid(good[i], strlen(good[i])));
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (keystore_key_valid(bad[i], strlen(bad[i])))
			harness_fail(__FILE__, __LINE__, "accepted %s", bad[i]);
	char longkey[KEYSTORE_KEY_MAX + 8] = "/keys/u/";
	memset(longkey + 8, 'a', KEYSTORE_KEY_MAX);
	longkey[KEYSTORE_KEY_MAX + 1] = 0;
	CHECK(!keystore_key_valid(longkey, strlen(longkey)));
}

static void test_write_read_exists_delete(void)
{
	uint32_t c = boot();

	EXPECT(ask(c, ZOS_MSG_KS_WRITE, "{\"key\":\"/keys/u1/machine/m1.json\",\"value\":\"{\\\"pk\\\":1}\"}"),
	       "{\"success\":true}");
	EXPECT(ask(c, ZOS_MSG_KS_READ, "{\"key\":\"/keys/u1/machine/m1.json\"}"), "{\"data\":\"{\\\"pk\\\":1}\"}");
	EXPECT(ask(c, ZOS_MSG_KS_EXISTS, "{\"key\":\"/keys/u1/machine/m1.json\"}"), "{\"exists\":true}");
	EXPECT(ask(c, ZOS_MSG_KS_DELETE, "{\"key\":\"/keys/u1/machine/m1.json\"}"), "{\"success\":true}");
	EXPECT(ask(c, ZOS_MSG_KS_EXISTS, "{\"key\":\"/keys/u1/machine/m1.json\"}"), "{\"exists\":false}");
	EXPECT(ask(c, ZOS_MSG_KS_READ, "{\"key\":\"/keys/u1/machine/m1.json\"}"),
	       "{\"error\":\"not found: /keys/u1/machine/m1.json\",\"code\":\"not_found\"}");
	CHECK_EQ(reply.h.tag, ZOS_MSG_KS_READ_RESPONSE);
	/* on the keystore device, never the storage one */
	CHECK_EQ(h.storage.n, 0);
	CHECK(h.keystore.writes >= 2);
	svc_host_free(&h);
}

static void test_list_by_prefix(void)
{
	uint32_t c = boot();

	ask(c, ZOS_MSG_KS_WRITE, "{\"key\":\"/keys/u1/a\",\"value\":\"1\"}");
	ask(c, ZOS_MSG_KS_WRITE, "{\"key\":\"/keys/u1/b\",\"value\":\"2\"}");
	ask(c, ZOS_MSG_KS_WRITE, "{\"key\":\"/keys/u2/a\",\"value\":\"3\"}");
	EXPECT(ask(c, ZOS_MSG_KS_LIST, "{\"prefix\":\"/keys/u1/\"}"),
	       "{\"keys\":[\"/keys/u1/a\",\"/keys/u1/b\"],\"truncated\":false}");
	EXPECT(ask(c, ZOS_MSG_KS_LIST, "{\"prefix\":\"/keys/nobody/\"}"),
	       "{\"keys\":[],\"truncated\":false}");
	EXPECT(ask(c, ZOS_MSG_KS_LIST, "{\"prefix\":\"/etc\"}"),
	       "{\"error\":\"not a keystore key (/keys/{user_id}/...): /etc\",\"code\":\"invalid\"}");
	svc_host_free(&h);
}

static void test_hostile_requests_get_errors(void)
{
	uint32_t c = boot();

	EXPECT(ask(c, ZOS_MSG_KS_READ, ""), "{\"error\":\"the request is not a JSON object\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_KS_READ, "[1,2]"), "{\"error\":\"the request is not a JSON object\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_KS_READ, "{\"key\":"), "{\"error\":\"the request is not a JSON object\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_KS_READ, "{\"key\":7}"), "{\"error\":\"missing or too long: key\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_KS_READ, "{\"key\":\"/keys/u/../../etc\"}"),
	       "{\"error\":\"not a keystore key (/keys/{user_id}/...): /keys/u/../../etc\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_KS_WRITE, "{\"key\":\"/keys/u/a\"}"), "{\"error\":\"missing or too long: value\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_KS_READ, "{\"key\":\"/keys/u/a\\u0000b\"}"),
	       "{\"error\":\"missing or too long: key\",\"code\":\"invalid\"}");
	/* deep nesting, an unknown tag */
	char deep[200];
	memset(deep, '[', sizeof deep - 1);
	deep[sizeof deep - 1] = 0;
	EXPECT(ask(c, ZOS_MSG_KS_READ, deep), "{\"error\":\"the request is not a JSON object\",\"code\":\"invalid\"}");
	int64_t n = svc_host_request(&h, c, 0xA0F0, "{}", 2, keystore_handle, &reply);
	CHECK_EQ(n, 8); /* NOT_SUPPORTED, as a result code */
	CHECK_EQ(h.keystore.n, 0);
	svc_host_free(&h);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_key_convention);
	RUN(test_write_read_exists_delete);
	RUN(test_list_by_prefix);
	RUN(test_hostile_requests_get_errors);
	return harness_finish("svc/keystore");
}
