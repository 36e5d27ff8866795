/*
 * user/libzos/answer: the one error answer. The writer's exact output, its
 * round trip through the reader, and what it does with words too long,
 * not UTF-8, a bad code or a buffer too small (always an answer the
 * reader accepts, or nothing below ZOS_ANSWER_MIN_CAP); zos_answer_finish
 * turning an answer that does not fit into too_big; the reader on
 * successes and on every kind of malformed answer (not JSON, not an
 * object, wrong types, a missing or malformed code, oversized words), each
 * ZOS_ERR_CORRUPT with a reason, and on a body cut at every length (under
 * the sanitizer build nothing is read past it).
 */
#include <zos/error.h>

#include "harness.h"
#include "user/libzos/answer.h"

static struct zjson_tok toks[64];
static struct zjson_doc doc;
static struct zos_refusal r;

static int read_n(const void *body, size_t len)
{
	return zos_answer_read(&doc, body, len, toks, 64, "the test service", &r);
}

static int read_text(const char *s)
{
	return read_n(s, strlen(s));
}

static void test_writer_exact_output(void)
{
	char out[256];
	uint32_t n = zos_answer_error(out, sizeof out, "not_found", "no such file: %s", "/home/x");

	CHECK_EQ(n, strlen(out));
	CHECK(!strcmp(out, "{\"error\":\"no such file: /home/x\",\"code\":\"not_found\"}"));
	n = zos_answer_error(out, sizeof out, "invalid", "format must be \"12h\" or \"24h\"");
	CHECK(!strcmp(out, "{\"error\":\"format must be \\\"12h\\\" or \\\"24h\\\"\","
			   "\"code\":\"invalid\"}"));
	CHECK_EQ(n, strlen(out));
}

static void test_round_trip(void)
{
	static const char *const codes[] = { "a", "not_found", "too_big", "x0_9",
					     "abcdefghijklmnopqrstuvwxyz01234" /* 31 */ };
	char out[1024];

	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		uint32_t n = zos_answer_error(out, sizeof out, codes[i], "words %zu: caf\xc3\xa9", i);
		char want[64];
		CHECK_EQ(read_n(out, n), ZOS_ANSWER_REFUSED);
		CHECK(!strcmp(r.code, codes[i]));
		snprintf(want, sizeof want, "words %zu: caf\xc3\xa9", i);
		CHECK(!strcmp(r.words, want));
	}
}

static void test_success_is_not_a_refusal(void)
{
	CHECK_EQ(read_text("{\"success\":true}"), ZOS_ANSWER_OK);
	CHECK_EQ(r.code[0], 0);
	CHECK_EQ(r.words[0], 0);
	CHECK_EQ(doc.toks[0].type, ZJSON_OBJECT);
	CHECK_EQ(read_text("{}"), ZOS_ANSWER_OK);
	/* "code" alone, or a key that only looks like "error", is a success */
	CHECK_EQ(read_text("{\"code\":\"x\",\"errors\":\"no\"}"), ZOS_ANSWER_OK);
	/* an error nested deeper is the answer's business, not a refusal */
	CHECK_EQ(read_text("{\"result\":{\"error\":\"x\",\"code\":\"y\"}}"), ZOS_ANSWER_OK);
}

static void test_long_words_are_cut_at_a_character(void)
{
	char words[2 * ZOS_ANSWER_WORDS_MAX], out[4096];
	uint32_t n;
	size_t len;

	/* two-byte characters, so a cut at a fixed byte would split one */
	for (size_t i = 0; i + 1 < sizeof words; i += 2) {
		words[i] = '\xc3';
		words[i + 1] = '\xa9';
	}
	words[sizeof words - 1] = 0;
	for (size_t pad = 0; pad < 4; pad++) {
		n = zos_answer_error(out, sizeof out, "invalid", "%.*s%s", (int)pad, "xxx", words);
		CHECK(n > 0);
		CHECK_EQ(read_n(out, n), ZOS_ANSWER_REFUSED);
		len = strlen(r.words);
		CHECK(len <= ZOS_ANSWER_WORDS_MAX);
		CHECK(len >= ZOS_ANSWER_WORDS_MAX - 4);
		CHECK(!strcmp(r.words + len - 3, "..."));
		CHECK(!strcmp(r.code, "invalid"));
	}
	/* exactly at the limit: kept whole */
	memset(words, 'a', ZOS_ANSWER_WORDS_MAX);
	words[ZOS_ANSWER_WORDS_MAX] = 0;
	n = zos_answer_error(out, sizeof out, "invalid", "%s", words);
	CHECK_EQ(read_n(out, n), ZOS_ANSWER_REFUSED);
	CHECK(!strcmp(r.words, words));
}

static void test_writer_mends_what_it_cannot_say(void)
{
	char out[256];

	zos_answer_error(out, sizeof out, "invalid", "bad \xff byte");
	CHECK_EQ(read_text(out), ZOS_ANSWER_REFUSED);
	CHECK(!strcmp(r.words, "(the reason is not UTF-8 text)"));
	CHECK(!strcmp(r.code, "invalid"));
	static const char *const bad_codes[] = { "", "Not_Found", "two words", "a-b", "\"",
						 "abcdefghijklmnopqrstuvwxyz012345" /* 32 */ };
	for (size_t i = 0; i < sizeof bad_codes / sizeof bad_codes[0]; i++) {
		zos_answer_error(out, sizeof out, bad_codes[i], "why");
		CHECK_EQ(read_text(out), ZOS_ANSWER_REFUSED);
		CHECK(!strcmp(r.code, "failed"));
		CHECK(!strcmp(r.words, "why"));
	}
	zos_answer_error(out, sizeof out, 0, "why");
	CHECK_EQ(read_text(out), ZOS_ANSWER_REFUSED);
	CHECK(!strcmp(r.code, "failed"));
}

/* Every buffer size: an answer the reader accepts, or nothing at all. */
static void test_writer_at_every_buffer_size(void)
{
	char out[200], words[120];

	memset(words, 'w', sizeof words - 1);
	words[sizeof words - 1] = 0;
	for (uint32_t cap = 0; cap <= sizeof out; cap++) {
		uint32_t n;
		memset(out, '#', sizeof out);
		n = zos_answer_error(out, cap, "not_found", "%s", words);
		if (cap < ZOS_ANSWER_MIN_CAP) {
			CHECK_EQ(n, 0);
			if (cap)
				CHECK_EQ(out[0], 0);
			continue;
		}
		CHECK(n < cap);
		CHECK_EQ(out[n], 0);
		for (uint32_t i = cap; i < sizeof out; i++)
			CHECK_EQ(out[i], '#'); /* nothing written past cap */
		CHECK_EQ(read_n(out, n), ZOS_ANSWER_REFUSED);
		if (!strcmp(r.code, "not_found"))
			CHECK(!strcmp(r.words, words));
		else
			CHECK(!strcmp(r.code, ZOS_ANSWER_TOO_BIG));
	}
}

static void test_finish(void)
{
	char out[ZOS_ANSWER_MIN_CAP + 40];
	struct zjson_writer w;
	uint32_t n;

	zjson_writer_init(&w, out, sizeof out);
	zjson_object_begin(&w);
	zjson_key(&w, "success");
	zjson_boolean(&w, 1);
	zjson_object_end(&w);
	n = zos_answer_finish(&w);
	CHECK(!strcmp(out, "{\"success\":true}"));
	CHECK_EQ(n, strlen(out));

	/* an answer that does not fit: too_big in its place */
	zjson_writer_init(&w, out, sizeof out);
	zjson_object_begin(&w);
	zjson_key(&w, "data");
	for (int i = 0; i < 40; i++)
		zjson_string(&w, "more than fits");
	n = zos_answer_finish(&w);
	CHECK_EQ(n, strlen(out));
	CHECK_EQ(read_text(out), ZOS_ANSWER_REFUSED);
	CHECK(!strcmp(r.code, ZOS_ANSWER_TOO_BIG));
	CHECK(!strcmp(r.words, "the answer does not fit in a message"));

	/* unbalanced (a service's bug): an answer still */
	zjson_writer_init(&w, out, sizeof out);
	zjson_object_begin(&w);
	n = zos_answer_finish(&w);
	CHECK(n > 0);
	CHECK_EQ(read_text(out), ZOS_ANSWER_REFUSED);

	/* a buffer too small even for too_big: nothing */
	zjson_writer_init(&w, out, 20);
	zjson_object_begin(&w);
	zjson_key(&w, "data");
	zjson_string(&w, "more than twenty bytes of it");
	zjson_object_end(&w);
	CHECK_EQ(zos_answer_finish(&w), 0);
	CHECK_EQ(out[0], 0);
}

static void check_malformed(const char *body, size_t len, const char *why)
{
	char want[160];
	int rc;

	memset(&r, 'x', sizeof r);
	rc = read_n(body, len);
	snprintf(want, sizeof want, "the test service sent a malformed answer (%s)", why);
	if (rc != ZOS_ERR_CORRUPT || r.code[0] != 0 || strcmp(r.words, want))
		harness_fail(__FILE__, __LINE__, "%.*s: got %d, code '%.8s', words '%.80s'; want '%s'",
			     (int)len, body, rc, r.code, r.words, want);
}
#define MALFORMED(s, why) check_malformed(s, strlen(s), why)

static void test_malformed_answers(void)
{
	char big[ZOS_ANSWER_WORDS_MAX + 64];

	MALFORMED("", "not JSON");
	MALFORMED("error: no such file", "not JSON");
	MALFORMED("{\"error\":\"x\",\"code\":\"y\"", "not JSON");
	MALFORMED("{\"error\":\"x\",\"code\":\"y\"} trailing", "not JSON");
	check_malformed("\x00\x01\x02\x03\x04\x05\x06\x07", 8, "not JSON");
	MALFORMED("[\"error\",\"code\"]", "not a JSON object");
	MALFORMED("\"error\"", "not a JSON object");
	MALFORMED("-18", "not a JSON object");
	MALFORMED("null", "not a JSON object");
	/* wrong types */
	MALFORMED("{\"error\":7,\"code\":\"invalid\"}", "an \"error\" that is not a string");
	MALFORMED("{\"error\":true,\"code\":\"invalid\"}", "an \"error\" that is not a string");
	MALFORMED("{\"error\":null}", "an \"error\" that is not a string");
	MALFORMED("{\"error\":{\"code\":\"x\"}}", "an \"error\" that is not a string");
	MALFORMED("{\"error\":[\"x\"],\"code\":\"invalid\"}", "an \"error\" that is not a string");
	MALFORMED("{\"error\":\"x\\u0000y\",\"code\":\"invalid\"}", "an error whose words are not text");
	/* the code: missing, not a string, not a short code */
	MALFORMED("{\"error\":\"no such file\"}", "an error without a code");
	MALFORMED("{\"error\":\"x\",\"code\":7}", "an error whose code is not a short code");
	MALFORMED("{\"error\":\"x\",\"code\":null}", "an error whose code is not a short code");
	MALFORMED("{\"error\":\"x\",\"code\":\"\"}", "an error whose code is not a short code");
	MALFORMED("{\"error\":\"x\",\"code\":\"NOT_FOUND\"}", "an error whose code is not a short code");
	MALFORMED("{\"error\":\"x\",\"code\":\"not found\"}", "an error whose code is not a short code");
	MALFORMED("{\"error\":\"x\",\"code\":\"abcdefghijklmnopqrstuvwxyz012345\"}",
		  "an error whose code is not a short code");
	MALFORMED("{\"error\":\"x\",\"code\":\"abcdefghijklmnopqrstuvwxyz0123456789abcdefghij\"}",
		  "an error whose code is not a short code");
	/* oversized words */
	snprintf(big, sizeof big, "{\"error\":\"%0*d\",\"code\":\"io\"}", ZOS_ANSWER_WORDS_MAX + 1, 0);
	MALFORMED(big, "an error whose words are over 640 bytes");
	snprintf(big, sizeof big, "{\"error\":\"%0*d\",\"code\":\"io\"}", ZOS_ANSWER_WORDS_MAX, 0);
	CHECK_EQ(read_text(big), ZOS_ANSWER_REFUSED);
	CHECK_EQ(strlen(r.words), ZOS_ANSWER_WORDS_MAX);
	/* more tokens than the caller gave */
	CHECK_EQ(zos_answer_read(&doc, "{\"a\":[1,2,3,4]}", 15, toks, 4, "the test service", &r),
		 ZOS_ERR_CORRUPT);
	CHECK(!strcmp(r.words, "the test service sent a malformed answer (larger or deeper than "
			       "expected)"));
	/* who is optional */
	CHECK_EQ(zos_answer_read(&doc, "7", 1, toks, 4, 0, &r), ZOS_ERR_CORRUPT);
	CHECK(!strcmp(r.words, "the service sent a malformed answer (not a JSON object)"));
}

/* Every prefix of a real answer, in a buffer of exactly that length. */
static void test_every_cut_of_an_answer(void)
{
	char out[256];
	uint32_t n = zos_answer_error(out, sizeof out, "timeout", "timed out after %d s", 10);

	for (uint32_t len = 0; len <= n; len++) {
		char *p = malloc(len ? len : 1);
		int rc;
		memcpy(p, out, len);
		rc = read_n(p, len);
		CHECK_EQ(rc, len == n ? ZOS_ANSWER_REFUSED : ZOS_ERR_CORRUPT);
		free(p);
	}
	CHECK(!strcmp(r.words, "timed out after 10 s"));
	CHECK(!strcmp(r.code, "timeout"));
}

static void test_refusal_say(void)
{
	struct zos_refusal mine;

	memset(&mine, 'x', sizeof mine);
	CHECK_EQ(zos_refusal_say(&mine, ZOS_ERR_NOT_SUPPORTED, "VFS does not answer"),
		 ZOS_ERR_NOT_SUPPORTED);
	CHECK_EQ(mine.code[0], 0);
	CHECK(!strcmp(mine.words, "VFS does not answer"));
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_writer_exact_output);
	RUN(test_round_trip);
	RUN(test_success_is_not_a_refusal);
	RUN(test_long_words_are_cut_at_a_character);
	RUN(test_writer_mends_what_it_cannot_say);
	RUN(test_writer_at_every_buffer_size);
	RUN(test_finish);
	RUN(test_malformed_answers);
	RUN(test_every_cut_of_an_answer);
	RUN(test_refusal_say);
	return harness_finish("answer");
}
