/*
 * lib/kv_request: storage and keystore syscalls decoded into one store
 * operation, hostile inputs refused, and result bodies shaped to fit one
 * message (lists cut at a whole entry, oversized values become errors).
 */
#include <string.h>
#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>
#include <zos/syscall.h>

#include "harness.h"
#include "lib/kv_request.h"

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
	struct kv_call c;

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		zos_syscall_t sc = call_of(t[i].num, "k1", 2);

		CHECK_EQ(kv_call_decode(&sc, &c), ZOS_OK);
		CHECK_EQ(c.op, t[i].op);
		CHECK_EQ(c.keystore, t[i].keystore);
		if (t[i].op == KV_BATCH)
			CHECK_EQ(c.value_len, 2);
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

static void test_result_body_fits_one_message(void)
{
	static uint8_t body[ZOS_MSG_MAX], big[3 * ZOS_MSG_MAX];
	struct zos_device_result hd;
	uint32_t n, count = 0, pos = 4, kept;

	n = kv_result_body(body, 7, ZOS_STORAGE_RES_READ_OK, 0, 0, (const uint8_t *)"abc", 3);
	memcpy(&hd, body, sizeof hd);
	CHECK(n == sizeof hd + 3 && hd.request == 7 && hd.kind == ZOS_STORAGE_RES_READ_OK);
	CHECK(memcmp(body + sizeof hd, "abc", 3) == 0);

	n = kv_result_body(body, 8, ZOS_STORAGE_RES_READ_OK, 0, 0, big, ZOS_KV_RESULT_DATA_MAX + 1);
	memcpy(&hd, body, sizeof hd);
	CHECK(hd.kind == ZOS_STORAGE_RES_ERROR && n > sizeof hd && n <= ZOS_MSG_MAX);

	/* 300 keys of 20 bytes: more than one message holds. */
	while (count < 300) {
		uint16_t klen = 20;
		memcpy(big + pos, &klen, 2);
		memset(big + pos + 2, 'a' + (int)(count % 26), 20);
		pos += 22;
		count++;
	}
	memcpy(big, &count, 4);
	n = kv_result_body(body, 9, ZOS_STORAGE_RES_LIST_OK, 0, 0, big, pos);
	memcpy(&hd, body, sizeof hd);
	memcpy(&kept, body + sizeof hd, 4);
	CHECK(hd.kind == ZOS_STORAGE_RES_LIST_OK && hd.truncated == 1);
	CHECK(n <= ZOS_MSG_MAX && kept > 0 && kept < 300);
	CHECK_EQ(n, sizeof hd + 4 + kept * 22);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_decode_ops_and_devices);
	RUN(test_decode_write_splits_key_and_value);
	RUN(test_result_body_fits_one_message);
	return harness_finish("kv_request");
}
