/*
 * lib/: SHA-256 against the FIPS 180-4 example vectors, CRC-32C against its
 * check value, the formatter, the bounded byte writer and reader, and the
 * memory helpers.
 */
#include <zos/cap.h>
#include <zos/error.h>
#include <zos/syscall.h>
#include <zos/commit.h>

#include "harness.h"
#include "lib/bytes.h"
#include "lib/crc32c.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/sha256.h"

static void hex_of(const uint8_t *d, char *out)
{
	zos_hex(out, d, 32);
}

static void check_sha(const void *msg, size_t n, const char *want)
{
	uint8_t d[32];
	char got[65];
	zos_sha256(msg, n, d);
	hex_of(d, got);
	if (strcmp(got, want) != 0)
		harness_fail(__FILE__, __LINE__, "sha256 of %zu bytes: %s", n, got);
}

static void test_sha256_vectors(void)
{
	check_sha("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check_sha("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check_sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	check_sha("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
		  "klmnopqrlmnopqrsmnopqrstnopqrstu",
		  112, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_sha256_million_a(void)
{
	static uint8_t a[1000000];
	memset(a, 'a', sizeof a);
	check_sha(a, sizeof a, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_sha256_streaming_matches_one_shot(void)
{
	static uint8_t data[5000];
	uint8_t one[32], many[32];
	uint32_t seed = 1;

	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(i * 131 + 7);
	for (size_t total = 0; total < sizeof data; total += 157) {
		struct zos_sha256 c;
		size_t pos = 0;
		zos_sha256(data, total, one);
		zos_sha256_init(&c);
		while (pos < total) {
			seed = seed * 1103515245 + 12345;
			size_t chunk = (seed >> 16) % 130;
			if (chunk > total - pos)
				chunk = total - pos;
			zos_sha256_update(&c, data + pos, chunk);
			pos += chunk;
		}
		zos_sha256_final(&c, many);
		CHECK_MEM(one, many, 32);
	}
}

static void test_crc32c(void)
{
	CHECK_EQ(zos_crc32c(0, "123456789", 9), 0xE3069283u);
	CHECK_EQ(zos_crc32c(0, "", 0), 0);
	uint32_t c = zos_crc32c(0, "1234", 4);
	CHECK_EQ(zos_crc32c(c, "56789", 5), 0xE3069283u);
	static const uint8_t zeros[32];
	CHECK_EQ(zos_crc32c(0, zeros, 32), 0x8A9136AAu); /* RFC 3720 B.4 */
}

static void test_fmt(void)
{
	char b[64];
	CHECK_EQ(zos_snprintf(b, sizeof b, "%d|%i|%u", -42, 7, 4000000000u), 16);
	CHECK(strcmp(b, "-42|7|4000000000") == 0);
	zos_snprintf(b, sizeof b, "%x %X %5d|%-5d|%05d", 0xbeef, 0xbeef, 42, 42, -42);
	CHECK(strcmp(b, "beef BEEF    42|42   |-0042") == 0);
	zos_snprintf(b, sizeof b, "%s %.3s %.*s %c %%", "hello", "abcdef", 2, "xyz", 'Q');
	CHECK(strcmp(b, "hello abc xy Q %") == 0);
	zos_snprintf(b, sizeof b, "%lld %llu %zu %lx", -9000000000ll, 18446744073709551615ull,
		     (size_t)12, 0xfffffffffful);
	CHECK(strcmp(b, "-9000000000 18446744073709551615 12 ffffffffff") == 0);
	const char *volatile none = 0; /* hidden from the compiler's format check */
	zos_snprintf(b, sizeof b, "%s", none);
	CHECK(strcmp(b, "(null)") == 0);
	/* truncation: the return says how much was needed */
	CHECK_EQ(zos_snprintf(b, 4, "abcdef"), 6);
	CHECK(strcmp(b, "abc") == 0);
	CHECK_EQ(zos_snprintf(0, 0, "%d", 12345), 5);
	CHECK_EQ(zos_snprintf(b, sizeof b, "%d", -2147483647 - 1), 11);
	CHECK(strcmp(b, "-2147483648") == 0);
}

static void test_hex(void)
{
	char out[9];
	zos_hex(out, "\x01\xab\xff\x00", 4);
	CHECK(strcmp(out, "01abff00") == 0);
}

static void test_bytes_round_trip_and_bounds(void)
{
	uint8_t buf[15];
	struct zos_wbuf w;
	struct zos_rbuf r;

	zos_wbuf_init(&w, buf, sizeof buf);
	zos_put_u8(&w, 0x11);
	zos_put_u16(&w, 0x2233);
	zos_put_u32(&w, 0x44556677);
	zos_put_u64(&w, 0x8899aabbccddeeffull);
	CHECK_EQ(w.err, 0);
	CHECK_EQ(w.len, 15);
	CHECK_EQ(buf[1], 0x33); /* little-endian */
	zos_put_u8(&w, 1);
	CHECK_EQ(w.err, ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(w.len, 15);
	zos_rbuf_init(&r, buf, sizeof buf);
	CHECK_EQ(zos_get_u8(&r), 0x11);
	CHECK_EQ(zos_get_u16(&r), 0x2233);
	CHECK_EQ(zos_get_u32(&r), 0x44556677);
	CHECK(zos_get_u64(&r) == 0x8899aabbccddeeffull);
	CHECK_EQ(zos_rbuf_left(&r), 0);
	CHECK_EQ(zos_get_u32(&r), 0);
	CHECK_EQ(r.err, ZOS_ERR_CORRUPT);
	/* measuring writer */
	zos_wbuf_init(&w, 0, 0);
	zos_put_u64(&w, 1);
	zos_put_bytes(&w, "abc", 3);
	CHECK_EQ(w.len, 11);
	CHECK_EQ(w.err, 0);
}

static void test_mem(void)
{
	char b[16] = "0123456789";
	zos_memmove(b + 2, b, 5);
	CHECK(memcmp(b, "0101234789", 10) == 0);
	zos_memmove(b, b + 3, 5);
	CHECK(memcmp(b, "1234734789", 10) == 0);
	CHECK(zos_memcmp("abc", "abd", 3) < 0);
	CHECK(zos_memcmp("abc", "abc", 3) == 0);
	CHECK_EQ(zos_memeq_ct("abc", "abc", 3), 1);
	CHECK_EQ(zos_memeq_ct("abc", "abx", 3), 0);
	CHECK_EQ(zos_strlen("four"), 4);
	CHECK_EQ(zos_strnlen("four", 2), 2);
	CHECK(zos_strcmp("a", "b") < 0 && zos_strcmp("b", "b") == 0);
	char d[4];
	CHECK_EQ(zos_strlcpy(d, "abc", sizeof d), 0);
	CHECK_EQ(zos_strlcpy(d, "abcd", sizeof d), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK(strcmp(d, "abc") == 0);
	CHECK_EQ(zos_strlcpy(d, "x", 0), ZOS_ERR_BUFFER_TOO_SMALL);
}

static void test_names(void)
{
	CHECK(strcmp(zos_syscall_name(ZOS_SYS_SEND), "SEND") == 0);
	CHECK(zos_syscall_name(0x99) == 0);
	CHECK(strcmp(zos_error_name(ZOS_ERR_NOT_SUPPORTED), "NOT_SUPPORTED") == 0);
	CHECK(zos_error_message(ZOS_ERR_INVALID_SLOT) != 0);
	CHECK(zos_error_name(-999) == 0);
	CHECK(strcmp(zos_commit_type_name(ZOS_COMMIT_CAP_GRANTED), "CAP_GRANTED") == 0);
	CHECK(strcmp(zos_obj_type_name(ZOS_OBJ_SPAWN), "SPAWN") == 0);
}

int main(void)
{
	RUN(test_sha256_vectors);
	RUN(test_sha256_million_a);
	RUN(test_sha256_streaming_matches_one_shot);
	RUN(test_crc32c);
	RUN(test_fmt);
	RUN(test_hex);
	RUN(test_bytes_round_trip_and_bounds);
	RUN(test_mem);
	RUN(test_names);
	return harness_finish("lib");
}
