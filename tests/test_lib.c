/*
 * lib/: SHA-256 against the FIPS 180-4 example vectors, CRC-32C against its
 * check value, the RFC 3720 vectors and a bit-at-a-time reference, the
 * formatter, the bounded byte writer and reader, the memory helpers and the
 * ABI name functions.
 *
 * Every input is fixed or comes from a seeded generator, so a failure
 * reproduces exactly.
 */
#include <zos/cap.h>
#include <zos/commit.h>
#include <zos/error.h>
#include <zos/syscall.h>

#include "harness.h"
#include "lib/bytes.h"
#include "lib/crc32c.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/sha256.h"
#include "support/rng.h"

static void fill_pattern(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 131 + 7);
}

/* ---- SHA-256 ---------------------------------------------------------- */

static void check_sha(int line, const void *msg, size_t n, const char *want)
{
	uint8_t d[ZOS_SHA256_SIZE];
	char got[2 * ZOS_SHA256_SIZE + 1];

	zos_sha256(msg, n, d);
	zos_hex(got, d, sizeof d);
	if (strcmp(got, want) != 0)
		harness_fail(__FILE__, line, "sha256 of %zu bytes: %s, want %s", n, got, want);
}

static void test_sha256_nist_vectors(void)
{
	check_sha(__LINE__, "", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check_sha(__LINE__, "abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check_sha(__LINE__, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	check_sha(__LINE__,
		  "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
		  "klmnopqrlmnopqrsmnopqrstnopqrstu",
		  112, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_sha256_million_a(void)
{
	static uint8_t a[1000000];

	memset(a, 'a', sizeof a);
	check_sha(__LINE__, a, sizeof a, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths either side of the padding's edges: 55 bytes is the most that
 * pads within one block, 56 the least that needs a second. */
static void test_sha256_padding_boundaries(void)
{
	static const struct {
		size_t n;
		const char *hex;
	} v[] = {
		{ 55, "16ed9c4697ca11d5f6fb25ea7900252dd4cb97215d7f6d0b2bb3e2a86ac0ec72" },
		{ 56, "939ada93b2fe1e9c596d767bb408567c83e253667f0b25e5be8e16f35f2cbac9" },
		{ 63, "6073f83b09ae82016cdbe24c18996c48f0eaa08ca675d0f6b90b807fc29e0149" },
		{ 64, "b337ba9b0c69c391364e985fdcb23a889887e59800832c92fbfa22b8a3c40304" },
		{ 65, "9d6a3fb113b586b4ab97bc11c993a27bd9b7bbcb756e0646083dc47a679600e6" },
		{ 119, "9773fbac8194c3d789af101b49b6a26073076895ef6e0f658432849dd477a43f" },
		{ 120, "070a538f085dd94821d4dc197c5c8b791051891d4fa2a1bf25d3c275236676f7" },
		{ 128, "485a94e53eba9717a5d8b7b4489cad92a752f1c5722e7dfd29dd164b7c438d11" },
	};
	uint8_t data[128];

	fill_pattern(data, sizeof data);
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		check_sha(__LINE__, data, v[i].n, v[i].hex);
}

/* Random chunk sizes (zero included) straddle block edges at every offset. */
static void test_sha256_streaming_matches_one_shot(void)
{
	static uint8_t data[5000];
	uint8_t one[ZOS_SHA256_SIZE], many[ZOS_SHA256_SIZE];
	struct rng rng = rng_seeded(1);

	fill_pattern(data, sizeof data);
	for (size_t total = 0; total < sizeof data; total += 157) {
		struct zos_sha256 c;
		size_t pos = 0;

		zos_sha256(data, total, one);
		zos_sha256_init(&c);
		while (pos < total) {
			size_t chunk = rng_below(&rng, 130);
			if (chunk > total - pos)
				chunk = total - pos;
			zos_sha256_update(&c, data + pos, chunk);
			pos += chunk;
		}
		zos_sha256_final(&c, many);
		CHECK_MEM(one, many, sizeof one);
	}
}

static void test_sha256_byte_at_a_time(void)
{
	static const char msg[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	uint8_t one[ZOS_SHA256_SIZE], many[ZOS_SHA256_SIZE];
	struct zos_sha256 c;

	zos_sha256(msg, sizeof msg - 1, one);
	zos_sha256_init(&c);
	for (size_t i = 0; i < sizeof msg - 1; i++)
		zos_sha256_update(&c, msg + i, 1);
	zos_sha256_final(&c, many);
	CHECK_MEM(one, many, sizeof one);
}

/* ---- CRC-32C ---------------------------------------------------------- */

/* The definition, one bit at a time: the reference the table must match. */
static uint32_t crc32c_bitwise(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xFFFFFFFFu;

	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int b = 0; b < 8; b++)
			crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
	}
	return ~crc;
}

static void test_crc32c_check_value(void)
{
	CHECK_EQ(zos_crc32c(0, "123456789", 9), 0xE3069283u);
	CHECK_EQ(zos_crc32c(0, "", 0), 0);
}

static void test_crc32c_rfc3720_vectors(void)
{
	uint8_t b[32];

	memset(b, 0, sizeof b);
	CHECK_EQ(zos_crc32c(0, b, sizeof b), 0x8A9136AAu);
	memset(b, 0xFF, sizeof b);
	CHECK_EQ(zos_crc32c(0, b, sizeof b), 0x62A8AB43u);
	for (int i = 0; i < 32; i++)
		b[i] = (uint8_t)i;
	CHECK_EQ(zos_crc32c(0, b, sizeof b), 0x46DD794Eu);
	for (int i = 0; i < 32; i++)
		b[i] = (uint8_t)(31 - i);
	CHECK_EQ(zos_crc32c(0, b, sizeof b), 0x113FDB5Cu);
}

/* Every table entry is reached by some single byte; then longer data. */
static void test_crc32c_table_matches_bitwise(void)
{
	static uint8_t data[3000];
	struct rng rng = rng_seeded(7);

	for (int v = 0; v < 256; v++) {
		uint8_t byte = (uint8_t)v;
		CHECK_EQ(zos_crc32c(0, &byte, 1), crc32c_bitwise(&byte, 1));
	}
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)rng_next(&rng);
	CHECK_EQ(zos_crc32c(0, data, sizeof data), crc32c_bitwise(data, sizeof data));
}

static void test_crc32c_chunked_matches_one_shot(void)
{
	static uint8_t data[3000];
	struct rng rng = rng_seeded(3);
	uint32_t want, crc = 0;
	size_t pos = 0;

	static const char check[] = "123456789";
	for (size_t split = 0; split <= 9; split++) {
		uint32_t c = zos_crc32c(0, check, split);
		CHECK_EQ(zos_crc32c(c, &check[split], 9 - split), 0xE3069283u);
	}
	fill_pattern(data, sizeof data);
	want = zos_crc32c(0, data, sizeof data);
	while (pos < sizeof data) {
		size_t chunk = rng_below(&rng, 100);
		if (chunk > sizeof data - pos)
			chunk = sizeof data - pos;
		crc = zos_crc32c(crc, data + pos, chunk);
		pos += chunk;
	}
	CHECK_EQ(crc, want);
}

/* ---- formatter -------------------------------------------------------- */

/* Formats and compares both the text and the returned length. */
#define CHECK_FMT(want, ...)                                                            \
	do {                                                                            \
		char b_[128];                                                           \
		int n_ = zos_snprintf(b_, sizeof b_, __VA_ARGS__);                      \
		if (strcmp(b_, (want)) != 0 || n_ != (int)strlen(want))                 \
			harness_fail(__FILE__, __LINE__, "got \"%s\" (%d), want \"%s\"", \
				     b_, n_, (want));                                   \
	} while (0)

static void test_fmt_conversions(void)
{
	int x;

	CHECK_FMT("-42|7|4000000000", "%d|%i|%u", -42, 7, 4000000000u);
	CHECK_FMT("beef BEEF", "%x %X", 0xbeefu, 0xBEEFu);
	CHECK_FMT("Q hello 100%", "%c %s 100%%", 'Q', "hello");
	CHECK_FMT("0", "%d", 0);
	CHECK_FMT("-2147483648 2147483647", "%d %d", -2147483647 - 1, 2147483647);
	CHECK_FMT("0x0", "%p", (void *)0);
	{
		char want[40];
		snprintf(want, sizeof want, "0x%llx", (unsigned long long)(uintptr_t)&x);
		CHECK_FMT(want, "%p", (void *)&x);
	}
	const char *volatile none = 0; /* hidden from the compiler's format check */
	CHECK_FMT("(null)", "%s", none);
}

static void test_fmt_length_modifiers(void)
{
	CHECK_FMT("-9000000000 18446744073709551615", "%lld %llu", -9000000000ll,
		  18446744073709551615ull);
	CHECK_FMT("-9223372036854775808", "%lld", (long long)(-9223372036854775807ll - 1));
	CHECK_FMT("12 ffffffff", "%zu %lx", (size_t)12, 0xfffffffful);
	CHECK_FMT("-5 65535 255 -1", "%ld %hu %hhu %hhd", -5l, (unsigned short)65535,
		  (unsigned char)255, (signed char)-1);
}

static void test_fmt_width_and_flags(void)
{
	CHECK_FMT("   42|42   |00042|-0042", "%5d|%-5d|%05d|%05d", 42, 42, 42, -42);
	CHECK_FMT("  -42|-42  ", "%5d|%-5d", -42, -42);
	CHECK_FMT("000ff|   FF", "%05x|%5X", 0xffu, 0xffu);
	CHECK_FMT("12345", "%3d", 12345); /* a width never truncates */
	CHECK_FMT("   ab|ab   |    x|x    ", "%5s|%-5s|%5c|%-5c", "ab", "ab", 'x', 'x');
	CHECK_FMT("   42|42   ", "%*d|%*d", 5, 42, -5, 42); /* negative width: '-' */
}

static void test_fmt_string_precision(void)
{
	CHECK_FMT("abc|xy|", "%.3s|%.*s|%.0s", "abcdef", 2, "xyz", "gone");
	CHECK_FMT("xyz", "%.*s", -1, "xyz"); /* negative precision: none */
	CHECK_FMT("  ab", "%4.2s", "abcd");
	/* precision lets %s read a buffer with no terminator */
	static const char unterminated[3] = { 'a', 'b', 'c' };
	CHECK_FMT("abc", "%.3s", unterminated);
}

static void test_fmt_truncation_and_cap_zero(void)
{
	char b[8];

	memset(b, 'Z', sizeof b);
	CHECK_EQ(zos_snprintf(b, 4, "abcdef"), 6); /* the length it needed */
	CHECK(strcmp(b, "abc") == 0);
	CHECK_EQ(b[4], 'Z'); /* nothing at or past cap */
	CHECK_EQ(zos_snprintf(b, 1, "abc"), 3);
	CHECK_EQ(b[0], 0);
	memset(b, 'Z', sizeof b);
	CHECK_EQ(zos_snprintf(b, 0, "%d", 12345), 5); /* cap 0: nothing written */
	CHECK_EQ(b[0], 'Z');
	CHECK_EQ(zos_snprintf(0, 0, "%s-%d", "abc", 42), 6);
	CHECK_EQ(zos_snprintf(b, 6, "%d", 12345), 5); /* exactly fits */
	CHECK(strcmp(b, "12345") == 0);
	CHECK_EQ(zos_snprintf(b, 5, "%d", 12345), 5); /* one short */
	CHECK(strcmp(b, "1234") == 0);
}

/* Goes through the va_list entry point with a format the compiler's format
 * check does not see: these formats are wrong on purpose. */
static int fmt_unchecked(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = zos_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

static void test_fmt_unknown_conversion_is_visible(void)
{
	char b[32];

	CHECK_EQ(fmt_unchecked(b, sizeof b, "a%qb%d", 7), 5);
	CHECK(strcmp(b, "a%?b7") == 0); /* no argument consumed by %q */
	CHECK_EQ(fmt_unchecked(b, sizeof b, "end%"), 5);
	CHECK(strcmp(b, "end%?") == 0);
	CHECK_EQ(fmt_unchecked(b, sizeof b, "%5"), 2);
	CHECK(strcmp(b, "%?") == 0);
	/* a runaway width is capped, not an overflow */
	CHECK_EQ(fmt_unchecked(b, sizeof b, "%99999999999d", 1), 100000);
	CHECK_EQ(fmt_unchecked(b, sizeof b, "%*d", -2147483647 - 1, 1), 100000);
}

/* Combinations C leaves undefined or warns about, with the meaning ours gives. */
static void test_fmt_odd_flag_combinations(void)
{
	char b[32];

	fmt_unchecked(b, sizeof b, "%-05d|", 42); /* '-' wins over '0' */
	CHECK(strcmp(b, "42   |") == 0);
	fmt_unchecked(b, sizeof b, "%06p", (void *)(uintptr_t)0xff); /* zeros after 0x */
	CHECK(strcmp(b, "0x00ff") == 0);
	fmt_unchecked(b, sizeof b, "%05s", "ab"); /* '0' pads numbers only */
	CHECK(strcmp(b, "   ab") == 0);
}

static void test_hex(void)
{
	char out[9];

	zos_hex(out, "\x01\xab\xff\x00", 4);
	CHECK(strcmp(out, "01abff00") == 0);
	zos_hex(out, "", 0);
	CHECK_EQ(out[0], 0);
}

static void test_hex_decode(void)
{
	uint8_t b[4];

	CHECK_EQ(zos_hex_decode(b, 4, "01abFF00", 8), 0);
	CHECK_MEM(b, "\x01\xab\xff\x00", 4);
	CHECK_EQ(zos_hex_decode(b, 4, "01abff0", 7), -1);   /* odd */
	CHECK_EQ(zos_hex_decode(b, 3, "01abff00", 8), -1);  /* not n bytes */
	CHECK_EQ(zos_hex_decode(b, 4, "01abfg00", 8), -1);  /* not a digit */
	CHECK_EQ(zos_hex_decode(b, 1, " 1", 2), -1);
	CHECK_EQ(zos_hex_decode(b, 0, "", 0), 0);
	CHECK_EQ(zos_hex_digit('9'), 9);
	CHECK_EQ(zos_hex_digit('A'), 10);
	CHECK_EQ(zos_hex_digit('f'), 15);
	CHECK_EQ(zos_hex_digit('/'), -1);
	CHECK_EQ(zos_hex_digit((char)0xC3), -1);
}

/* ---- bytes ------------------------------------------------------------ */

static void test_bytes_round_trip(void)
{
	static const uint8_t want[] = { 0x11, 0x33, 0x22, 0x77, 0x66, 0x55, 0x44, 0xff, 0xee, 0xdd,
					0xcc, 0xbb, 0xaa, 0x99, 0x88, 'x', 'y', 'z' };
	uint8_t buf[sizeof want], got[3];
	struct zos_wbuf w;
	struct zos_rbuf r;

	zos_wbuf_init(&w, buf, sizeof buf);
	zos_put_u8(&w, 0x11);
	zos_put_u16(&w, 0x2233);
	zos_put_u32(&w, 0x44556677);
	zos_put_u64(&w, 0x8899aabbccddeeffull);
	zos_put_bytes(&w, "xyz", 3);
	CHECK_EQ(w.err, 0);
	CHECK_EQ(w.len, sizeof want);
	CHECK_MEM(buf, want, sizeof want); /* little-endian, in order */
	zos_rbuf_init(&r, buf, sizeof buf);
	CHECK_EQ(zos_get_u8(&r), 0x11);
	CHECK_EQ(zos_get_u16(&r), 0x2233);
	CHECK_EQ(zos_get_u32(&r), 0x44556677);
	CHECK(zos_get_u64(&r) == 0x8899aabbccddeeffull);
	zos_get_bytes(&r, got, 3);
	CHECK_MEM(got, "xyz", 3);
	CHECK_EQ(zos_rbuf_left(&r), 0);
	CHECK_EQ(r.err, 0);
}

static void test_bytes_writer_overflow_is_sticky(void)
{
	uint8_t buf[8];
	struct zos_wbuf w;

	memset(buf, 0xAA, sizeof buf);
	zos_wbuf_init(&w, buf, 7);
	zos_put_u32(&w, 0x01020304);
	zos_put_u32(&w, 0x05060708); /* 3 bytes left: nothing of it is written */
	CHECK_EQ(w.err, ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(w.len, 4);
	CHECK_EQ(buf[4], 0xAA);
	zos_put_u8(&w, 9); /* would fit, but the writer has failed */
	zos_put_bytes(&w, "", 0);
	CHECK_EQ(w.len, 4);
	CHECK_EQ(buf[4], 0xAA);
	CHECK_EQ(w.err, ZOS_ERR_BUFFER_TOO_SMALL);
	/* a buffer of capacity 0 (not a measuring writer) fails at once */
	memset(buf, 0xAA, sizeof buf);
	zos_wbuf_init(&w, buf, 0);
	zos_put_u8(&w, 1);
	CHECK_EQ(w.err, ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(buf[0], 0xAA);
}

static void test_bytes_exact_fit(void)
{
	uint8_t buf[8];
	struct zos_wbuf w;

	zos_wbuf_init(&w, buf, sizeof buf);
	zos_put_u64(&w, 1);
	zos_put_bytes(&w, "", 0); /* zero bytes fit in a full buffer */
	CHECK_EQ(w.err, 0);
	CHECK_EQ(w.len, 8);
}

static void test_bytes_measuring_writer(void)
{
	uint8_t buf[32];
	struct zos_wbuf m, w;

	zos_wbuf_init(&m, 0, 0);
	zos_wbuf_init(&w, buf, sizeof buf);
	zos_put_u64(&m, 1);
	zos_put_u64(&w, 1);
	zos_put_u16(&m, 2);
	zos_put_u16(&w, 2);
	zos_put_bytes(&m, "abcdefghijklmnop", 16);
	zos_put_bytes(&w, "abcdefghijklmnop", 16);
	CHECK_EQ(m.err, 0);
	CHECK_EQ(m.len, 26);
	CHECK_EQ(m.len, w.len);
}

static void test_bytes_reader_underflow_is_sticky(void)
{
	static const uint8_t buf[] = { 1, 2, 3, 4, 5 };
	struct zos_rbuf r;
	uint8_t got[4] = { 0 };

	zos_rbuf_init(&r, buf, sizeof buf);
	CHECK_EQ(zos_get_u16(&r), 0x0201);
	CHECK_EQ(zos_get_u32(&r), 0); /* 3 left: nothing read */
	CHECK_EQ(r.err, ZOS_ERR_CORRUPT);
	CHECK_EQ(zos_rbuf_left(&r), 3);
	CHECK_EQ(zos_get_u8(&r), 0); /* would fit, but the reader has failed */
	zos_get_bytes(&r, got, 1);
	CHECK_EQ(got[0], 0);
	CHECK_EQ(zos_get_u64(&r), 0);
	CHECK_EQ(zos_get_u16(&r), 0);
	CHECK_EQ(zos_rbuf_left(&r), 3);
	/* each width fails on its own too */
	zos_rbuf_init(&r, buf, 1);
	CHECK_EQ(zos_get_u16(&r), 0);
	CHECK_EQ(r.err, ZOS_ERR_CORRUPT);
	zos_rbuf_init(&r, buf, 0);
	CHECK_EQ(zos_get_u8(&r), 0);
	CHECK_EQ(r.err, ZOS_ERR_CORRUPT);
	zos_rbuf_init(&r, buf, 5);
	CHECK_EQ(zos_get_u64(&r), 0);
	CHECK_EQ(r.err, ZOS_ERR_CORRUPT);
	zos_rbuf_init(&r, buf, 5);
	zos_get_bytes(&r, got, 6);
	CHECK_EQ(r.err, ZOS_ERR_CORRUPT);
}

static void test_bytes_skip_with_null_dst(void)
{
	static const uint8_t buf[] = { 1, 2, 3, 4, 5 };
	struct zos_rbuf r;

	zos_rbuf_init(&r, buf, sizeof buf);
	zos_get_bytes(&r, 0, 3);
	CHECK_EQ(r.err, 0);
	CHECK_EQ(zos_get_u8(&r), 4);
	CHECK_EQ(zos_rbuf_left(&r), 1);
}

/* ---- mem -------------------------------------------------------------- */

static void test_mem_copy_and_set(void)
{
	char b[8] = "abcdefg";

	CHECK(zos_memcpy(b, "XYZ", 3) == b);
	CHECK(memcmp(b, "XYZdefg", 8) == 0);
	CHECK(zos_memset(b + 1, '-', 5) == b + 1);
	CHECK(memcmp(b, "X-----g", 8) == 0);
	CHECK(zos_memset(b, 0x141, 1) == b); /* only the low byte of c counts */
	CHECK_EQ(b[0], 0x41);
	zos_memcpy(b, "zzz", 0);
	CHECK_EQ(b[0], 0x41);
}

static void test_mem_memmove_overlap_both_ways(void)
{
	char b[16] = "0123456789";

	CHECK(zos_memmove(b + 2, b, 5) == b + 2); /* dst above src: back to front */
	CHECK(memcmp(b, "0101234789", 10) == 0);
	CHECK(zos_memmove(b, b + 3, 5) == b); /* dst below src: front to back */
	CHECK(memcmp(b, "1234734789", 10) == 0);
	zos_memmove(b, b, 10); /* same place: unchanged */
	CHECK(memcmp(b, "1234734789", 10) == 0);
	zos_memmove(b + 1, b, 0);
	CHECK(memcmp(b, "1234734789", 10) == 0);
	zos_memmove(b + 12, b, 3); /* disjoint */
	CHECK(memcmp(b + 12, "123", 3) == 0);
}

static void test_mem_compare(void)
{
	CHECK(zos_memcmp("abc", "abd", 3) < 0);
	CHECK(zos_memcmp("abd", "abc", 3) > 0);
	CHECK(zos_memcmp("abc", "abc", 3) == 0);
	CHECK(zos_memcmp("abc", "xyz", 0) == 0);
	CHECK(zos_memcmp("\x80", "\x01", 1) > 0); /* bytes compare unsigned */
	CHECK_EQ(zos_memeq_ct("abc", "abc", 3), 1);
	CHECK_EQ(zos_memeq_ct("abc", "xbc", 3), 0);
	CHECK_EQ(zos_memeq_ct("abc", "abx", 3), 0);
	CHECK_EQ(zos_memeq_ct("a", "b", 0), 1);
}

static void test_mem_strings(void)
{
	static const char unterminated[4] = { 'a', 'b', 'c', 'd' };

	CHECK_EQ(zos_strlen("four"), 4);
	CHECK_EQ(zos_strlen(""), 0);
	CHECK_EQ(zos_strnlen("four", 2), 2);
	CHECK_EQ(zos_strnlen("four", 10), 4);
	CHECK_EQ(zos_strnlen(unterminated, sizeof unterminated), 4); /* reads no further */
	CHECK(zos_strcmp("a", "b") < 0);
	CHECK(zos_strcmp("b", "a") > 0);
	CHECK(zos_strcmp("b", "b") == 0);
	CHECK(zos_strcmp("ab", "abc") < 0);
	CHECK(zos_strcmp("\xff", "a") > 0); /* chars compare unsigned */
}

static void test_mem_strlcpy(void)
{
	char d[4];

	CHECK_EQ(zos_strlcpy(d, "abc", sizeof d), ZOS_OK); /* exactly fits */
	CHECK(strcmp(d, "abc") == 0);
	CHECK_EQ(zos_strlcpy(d, "abcd", sizeof d), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK(strcmp(d, "abc") == 0); /* a terminated prefix */
	CHECK_EQ(zos_strlcpy(d, "x", 1), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(d[0], 0);
	CHECK_EQ(zos_strlcpy(d, "", 1), ZOS_OK);
	memset(d, 'Z', sizeof d);
	CHECK_EQ(zos_strlcpy(d, "x", 0), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(d[0], 'Z'); /* cap 0: not even a terminator */
}

/* ---- names ------------------------------------------------------------ */

static int name_is(const char *got, const char *want)
{
	return got && strcmp(got, want) == 0;
}

static void test_names_known(void)
{
	CHECK(name_is(zos_syscall_name(ZOS_SYS_SEND), "SEND"));
	CHECK(name_is(zos_syscall_name(ZOS_SYS_NETWORK_FETCH), "NETWORK_FETCH"));
	CHECK(name_is(zos_error_name(ZOS_ERR_NOT_SUPPORTED), "NOT_SUPPORTED"));
	CHECK(name_is(zos_error_message(ZOS_ERR_INVALID_SLOT), "no capability in that slot"));
	CHECK(name_is(zos_obj_type_name(ZOS_OBJ_SPAWN), "SPAWN"));
	CHECK(name_is(zos_obj_type_name(ZOS_OBJ_ENDPOINT), "ENDPOINT"));
	CHECK(name_is(zos_commit_type_name(ZOS_COMMIT_GENESIS), "GENESIS"));
	CHECK(name_is(zos_commit_type_name(ZOS_COMMIT_CAP_GRANTED), "CAP_GRANTED"));
}

static void test_names_unknown_are_null(void)
{
	CHECK(zos_syscall_name(0) == 0);
	CHECK(zos_syscall_name(0x99) == 0);
	CHECK(zos_syscall_name(0xFFFFFFFFu) == 0);
	CHECK(zos_error_name(ZOS_OK) == 0);
	CHECK(zos_error_name(1) == 0);
	CHECK(zos_error_name(-999) == 0);
	CHECK(zos_error_message(-999) == 0);
	CHECK(zos_obj_type_name(ZOS_OBJ_NONE) == 0);
	CHECK(zos_obj_type_name(99) == 0);
	CHECK(zos_commit_type_name(ZOS_COMMIT_TYPE_COUNT) == 0);
	CHECK(zos_commit_type_name(0xFFFF) == 0);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_sha256_nist_vectors);
	RUN(test_sha256_million_a);
	RUN(test_sha256_padding_boundaries);
	RUN(test_sha256_streaming_matches_one_shot);
	RUN(test_sha256_byte_at_a_time);
	RUN(test_crc32c_check_value);
	RUN(test_crc32c_rfc3720_vectors);
	RUN(test_crc32c_table_matches_bitwise);
	RUN(test_crc32c_chunked_matches_one_shot);
	RUN(test_fmt_conversions);
	RUN(test_fmt_length_modifiers);
	RUN(test_fmt_width_and_flags);
	RUN(test_fmt_string_precision);
	RUN(test_fmt_truncation_and_cap_zero);
	RUN(test_fmt_unknown_conversion_is_visible);
	RUN(test_fmt_odd_flag_combinations);
	RUN(test_hex);
	RUN(test_hex_decode);
	RUN(test_bytes_round_trip);
	RUN(test_bytes_writer_overflow_is_sticky);
	RUN(test_bytes_exact_fit);
	RUN(test_bytes_measuring_writer);
	RUN(test_bytes_reader_underflow_is_sticky);
	RUN(test_bytes_skip_with_null_dst);
	RUN(test_mem_copy_and_set);
	RUN(test_mem_memmove_overlap_both_ways);
	RUN(test_mem_compare);
	RUN(test_mem_strings);
	RUN(test_mem_strlcpy);
	RUN(test_names_known);
	RUN(test_names_unknown_are_null);
	return harness_finish("lib");
}
