/*
 * Storage and keystore requests at the device limits of <zos/param.h> and
 * one byte past each, as the syscall's number and input: the same cases
 * for the decoder's test (tests/test_kv_request.c) and for the test that
 * gives them to both platforms' stores and compares the answers
 * (tests/hosted/test_kv_limits.c).
 */
#ifndef ZOS_TEST_KV_LIMITS_H
#define ZOS_TEST_KV_LIMITS_H

#include <stdint.h>
#include <zos/param.h>

/* Bytes a case's input may take: a batch one past the limit. */
#define KV_LIMIT_INPUT_MAX (ZOS_KV_BATCH_MAX + 1)

struct kv_limit_case {
	const char *what;  /* the limit, for failure messages */
	uint32_t num;      /* ZOS_SYS_STORAGE_* / KEYSTORE_* */
	uint32_t len;      /* bytes of input */
	int within;        /* 1: at the limit, 0: one past it */
};

/* Case i (0 .. KV_LIMIT_CASES - 1): its input into in (KV_LIMIT_INPUT_MAX
 * bytes), its description into *c. Even cases are at a limit, the odd
 * case after each is one past the same limit. */
#define KV_LIMIT_CASES 14
void kv_limit_case(uint32_t i, uint8_t *in, struct kv_limit_case *c);

/* A batch of exactly n bytes (at least 4 + 7 + 6 + 2,028), every value
 * within ZOS_KV_VALUE_MAX: WRITEs of 2,048-byte values, the last one
 * making up the length. Returns n, or 0 when it cannot. */
uint32_t kv_limit_batch_of(uint8_t *b, uint32_t n);

#endif
