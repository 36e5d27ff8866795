/*
 * lib/kv_request: storage and keystore syscalls decoded into one store
 * operation, hostile inputs and everything over the device limits of
 * <zos/param.h> refused (at the limit and one past), and result bodies
 * shaped to fit one message (oversized data becomes an error).
 */
#include <string.h>
#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>
#include <zos/param.h>
#include <zos/syscall.h>

#include "harness.h"
#include "lib/bytes.h"
#include "lib/kv_batch.h"
#include "lib/kv_request.h"
#include "support/kv_limits.h"

static zos_syscall_t call_of(uint32_t num, const void *in, uint32_t len)
{
	zos_syscall_t sc;

	memset(&sc, 0, sizeof sc);
	sc.num = num;
	sc.in = in;
	sc.in_len = len;
	return sc;
}

static void test_decode_ops_and_devices(void)
{
	static const struct { uint32_t num; uint8_t op, keystore; } t[] = {
		{ ZOS_SYS_STORAGE_READ, KV_READ, 0 },     { ZOS_SYS_STORAGE_DELETE, KV_DELETE, 0 },
		{ ZOS_SYS_STORAGE_LIST, KV_LIST, 0 },     { ZOS_SYS_STORAGE_EXISTS, KV_EXISTS, 0 },
		{ ZOS_SYS_STORAGE_BATCH_WRITE, KV_BATCH, 0 }, { ZOS_SYS_KEYSTORE_READ, KV_READ, 1 },
		{ ZOS_SYS_KEYSTORE_DELETE, KV_DELETE, 1 }, { ZOS_SYS_KEYSTORE_LIST, KV_LIST, 1 },
		{ ZOS_SYS_KEYSTORE_EXISTS, KV_EXISTS, 1 },
	};
	static const uint8_t empty_batch[4];
	struct kv_call c;

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		zos_syscall_t sc = t[i].op == KV_BATCH ? call_of(t[i].num, empty_batch, 4) : call_of(t[i].num, "k1", 2);

		CHECK_EQ(kv_call_decode(&sc, &c), ZOS_OK);
		CHECK_EQ(c.op, t[i].op);
		CHECK_EQ(c.keystore, t[i].keystore);
		if (t[i].op == KV_BATCH)
			CHECK_EQ(c.value_len, 4);
		else
			CHECK_EQ(c.key_len, 2);
	}
	zos_syscall_t other = call_of(ZOS_SYS_NETWORK_FETCH, "x", 1);
	CHECK_EQ(kv_call_decode(&other, &c), ZOS_ERR_NOT_SUPPORTED);
	CHECK(kv_op_mutates(KV_WRITE) && kv_op_mutates(KV_DELETE) && kv_op_mutates(KV_BATCH));
	CHECK(!kv_op_mutates(KV_READ) && !kv_op_mutates(KV_LIST) && !kv_op_mutates(KV_EXISTS));
}

static void test_decode_write_splits_key_and_value(void)
{
	uint8_t in[16];
	uint32_t klen = 3;
	struct kv_call c;

	memcpy(in, &klen, 4);
	memcpy(in + 4, "keyvalue", 8);
	zos_syscall_t sc = call_of(ZOS_SYS_KEYSTORE_WRITE, in, 12);
	CHECK_EQ(kv_call_decode(&sc, &c), ZOS_OK);
	CHECK_EQ(c.op, KV_WRITE);
	CHECK_EQ(c.keystore, 1);
	CHECK(c.key_len == 3 && memcmp(c.key, "key", 3) == 0);
	CHECK(c.value_len == 5 && memcmp(c.value, "value", 5) == 0);

	/* Empty value is fine; a key of 0 bytes, or longer than the input, or
	 * an input shorter than the header, is refused. */
	sc.in_len = 7;
	CHECK_EQ(kv_call_decode(&sc, &c), ZOS_OK);
	CHECK_EQ(c.value_len, 0);
	for (uint32_t bad = 0; bad < 4; bad++) {
		sc.in_len = bad;
		CHECK_EQ(kv_call_decode(&sc, &c), ZOS_ERR_INVALID_ARGUMENT);
	}
	uint32_t lens[] = { 0, 9, 0xffffffffu };
	for (size_t i = 0; i < 3; i++) {
		memcpy(in, &lens[i], 4);
		sc.in_len = 12;
		CHECK_EQ(kv_call_decode(&sc, &c), ZOS_ERR_INVALID_ARGUMENT);
	}
}

/* The limits of <zos/param.h>, at each limit and one past, for every
 * request that carries them: the door both platforms go through. */
static void test_decode_at_the_limits(void)
{
	static uint8_t in[KV_LIMIT_INPUT_MAX];
	struct kv_limit_case lc;
	struct kv_call c;

	for (uint32_t i = 0; i < KV_LIMIT_CASES; i++) {
		kv_limit_case(i, in, &lc);
		zos_syscall_t sc = call_of(lc.num, in, lc.len);
		int want = lc.within ? ZOS_OK : ZOS_ERR_INVALID_ARGUMENT, got = kv_call_decode(&sc, &c);

		if (got != want)
			harness_fail(__FILE__, __LINE__, "%s%s: %d, want %d", lc.what, lc.within ? "" : " + 1", got,
				     want);
	}
	kv_limit_case(0, in, &lc);
	zos_syscall_t sc = call_of(lc.num, in, lc.len);
	CHECK_EQ(kv_call_decode(&sc, &c), ZOS_OK);
	CHECK(c.op == KV_WRITE && c.value_len == ZOS_KV_VALUE_MAX);
	kv_limit_case(10, in, &lc);
	CHECK_EQ(lc.len, ZOS_KV_BATCH_MAX);
	kv_limit_case(11, in, &lc);
	CHECK_EQ(lc.len, ZOS_KV_BATCH_MAX + 1);
}

/* A LIST result is the keys that fit one result, in whole entries. */
static void test_list_add_whole_keys(void)
{
	uint8_t out[16];
	uint32_t len = 4, count = 0;

	CHECK_EQ(kv_list_add(out, sizeof out, &len, &count, (const uint8_t *)"abcd", 4), 1);
	CHECK_EQ(len, 10);
	CHECK_EQ(kv_list_add(out, sizeof out, &len, &count, (const uint8_t *)"efgh", 4), 1);
	CHECK_EQ(len, 16);
	CHECK_EQ(kv_list_add(out, sizeof out, &len, &count, 0, 0), 0); /* not even an empty key */
	CHECK_EQ(count, 2);
	CHECK(out[4] == 4 && out[5] == 0 && memcmp(out + 6, "abcd", 4) == 0);
}

/* The platform's own keys (ZOS_KV_RESERVED_PREFIX): no request names one,
 * a batch that does is refused whole, LIST leaves them out. */
static void test_reserved_keys_are_the_platforms(void)
{
	static const char name[] = ZOS_LOG_KEY_NAME;
	static const uint32_t nums[] = { ZOS_SYS_STORAGE_READ, ZOS_SYS_STORAGE_DELETE, ZOS_SYS_STORAGE_EXISTS,
					 ZOS_SYS_KEYSTORE_READ, ZOS_SYS_KEYSTORE_DELETE, ZOS_SYS_KEYSTORE_EXISTS };
	uint8_t in[64], out[64], batch[64];
	struct zos_kv_write_in hd = { .key_len = sizeof name - 1 };
	struct zos_wbuf w;
	struct kv_call c;
	uint32_t len = 4, count = 0;

	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		zos_syscall_t sc = call_of(nums[i], name, sizeof name - 1);
		CHECK_EQ(kv_call_decode(&sc, &c), ZOS_ERR_INVALID_ARGUMENT);
	}
	memcpy(in, &hd, sizeof hd);
	memcpy(in + sizeof hd, name, sizeof name - 1);
	zos_syscall_t wr = call_of(ZOS_SYS_KEYSTORE_WRITE, in, (uint32_t)(sizeof hd + sizeof name - 1 + 1));
	CHECK_EQ(kv_call_decode(&wr, &c), ZOS_ERR_INVALID_ARGUMENT);
	/* a batch: a fine key, then the reserved one */
	zos_wbuf_init(&w, batch, sizeof batch);
	zos_put_u32(&w, 2);
	kv_batch_put(&w, ZOS_KV_BATCH_WRITE, "ok", 2, "v", 1);
	kv_batch_put(&w, ZOS_KV_BATCH_DELETE, name, sizeof name - 1, 0, 0);
	zos_syscall_t b = call_of(ZOS_SYS_STORAGE_BATCH_WRITE, batch, (uint32_t)w.len);
	CHECK_EQ(kv_call_decode(&b, &c), ZOS_ERR_INVALID_ARGUMENT);
	/* the prefix itself is only a prefix: "/.zo" is an ordinary key */
	zos_syscall_t near = call_of(ZOS_SYS_KEYSTORE_READ, "/.zo", 4);
	CHECK_EQ(kv_call_decode(&near, &c), ZOS_OK);
	/* LIST leaves it out, uncounted */
	CHECK_EQ(kv_list_add(out, sizeof out, &len, &count, (const uint8_t *)name, sizeof name - 1), 1);
	CHECK_EQ(kv_list_add(out, sizeof out, &len, &count, (const uint8_t *)"k", 1), 1);
	CHECK_EQ(count, 1);
	CHECK_EQ(len, 4 + 2 + 1);
}

static void test_result_body_fits_one_message(void)
{
	static uint8_t body[ZOS_MSG_MAX], big[3 * ZOS_MSG_MAX];
	struct zos_device_result hd;
	uint32_t n;

	n = kv_result_body(body, 7, ZOS_STORAGE_RES_READ_OK, 0, 0, (const uint8_t *)"abc", 3);
	memcpy(&hd, body, sizeof hd);
	CHECK(n == sizeof hd + 3 && hd.request == 7 && hd.kind == ZOS_STORAGE_RES_READ_OK);
	CHECK(memcmp(body + sizeof hd, "abc", 3) == 0);

	n = kv_result_body(body, 8, ZOS_STORAGE_RES_READ_OK, 0, 0, big, ZOS_KV_VALUE_MAX);
	memcpy(&hd, body, sizeof hd);
	CHECK(hd.kind == ZOS_STORAGE_RES_READ_OK && n == ZOS_MSG_MAX);
	n = kv_result_body(body, 8, ZOS_STORAGE_RES_READ_OK, 0, 0, big, ZOS_KV_RESULT_DATA_MAX + 1);
	memcpy(&hd, body, sizeof hd);
	CHECK(hd.kind == ZOS_STORAGE_RES_ERROR && n > sizeof hd && n <= ZOS_MSG_MAX);
	n = kv_result_body(body, 9, ZOS_STORAGE_RES_LIST_OK, 0, 1, big, sizeof big);
	memcpy(&hd, body, sizeof hd);
	CHECK(hd.kind == ZOS_STORAGE_RES_ERROR && hd.truncated == 0 && n <= ZOS_MSG_MAX);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_decode_ops_and_devices);
	RUN(test_decode_write_splits_key_and_value);
	RUN(test_decode_at_the_limits);
	RUN(test_list_add_whole_keys);
	RUN(test_reserved_keys_are_the_platforms);
	RUN(test_result_body_fits_one_message);
	return harness_finish("kv_request");
}
