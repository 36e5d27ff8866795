/*
 * lib/json: the reader against RFC 8259 (its examples, each kind of
 * malformed input with the exact code, position and reason, every escape,
 * surrogates, UTF-8 edges, int64 limits, the depth and token limits), the
 * lookups, and the writer (exact output, misuse, a round trip through the
 * reader, overflow at every buffer size). Random bytes and random mutations
 * of valid documents end it: whatever is parsed must satisfy the token
 * invariants, and under the sanitizer build nothing may be read past len
 * (inputs are copied into buffers of exactly their length).
 *
 * Every input is fixed or comes from a seeded generator, so a failure
 * reproduces exactly.
 */
#include <zos/error.h>

#include "harness.h"
#include "lib/json.h"
#include "support/rng.h"

#define NTOKS 512

static struct zjson_tok toks[NTOKS];

/* A copy of s[0..n) in a buffer of exactly n bytes (no terminator), so the
 * sanitizer sees any read past the end. */
static char *exact_copy(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);

	memcpy(p, s, n);
	return p;
}

static int parse_n(struct zjson_doc *doc, const char *s, size_t n, uint32_t cap,
		   struct zjson_error *err)
{
	return zjson_parse(doc, s, n, toks, cap, err);
}

static int parse(struct zjson_doc *doc, const char *s)
{
	struct zjson_error err;
	int rc = parse_n(doc, s, strlen(s), NTOKS, &err);

	if (rc != ZOS_OK)
		fprintf(stderr, "  (parse of %s: %d at %zu: %s)\n", s, rc, err.pos, err.reason);
	return rc;
}

/* The string value of token i, or "<error N>". */
static const char *str_of(const struct zjson_doc *doc, int32_t i)
{
	static char buf[256];
	int rc = zjson_str(doc, i, buf, sizeof buf, NULL);

	if (rc != ZOS_OK)
		snprintf(buf, sizeof buf, "<error %d>", rc);
	return buf;
}

static int64_t int_of(const struct zjson_doc *doc, int32_t i)
{
	int64_t v = -12345;

	CHECK_EQ(zjson_int(doc, i, &v), ZOS_OK);
	return v;
}

/* ---- token invariants ---------------------------------------------------- */

/* Container i's children (members' keys for an object) each name i as
 * parent, number exactly count, and end at its next. */
static int children_ok(const struct zjson_doc *doc, uint32_t i)
{
	const struct zjson_tok *t = &doc->toks[i];
	uint32_t c = i + 1, k;

	for (k = 0; k < t->count; k++) {
		if (c >= doc->ntoks || doc->toks[c].parent != (int32_t)i)
			return 0;
		if ((t->type == ZJSON_OBJECT) != doc->toks[c].is_key)
			return 0;
		c = doc->toks[c].next;
	}
	return c == t->next;
}

static int token_ok(const struct zjson_doc *doc, uint32_t i)
{
	const struct zjson_tok *t = &doc->toks[i];

	if (t->type < ZJSON_NULL || t->type > ZJSON_OBJECT || t->start > t->end ||
	    t->end > doc->len || t->next <= i || t->next > doc->ntoks)
		return 0;
	if (i == 0 ? t->parent != -1 || t->next != doc->ntoks : t->parent < 0 || (uint32_t)t->parent >= i)
		return 0;
	if (t->type == ZJSON_STRING &&
	    (t->start == 0 || doc->text[t->start - 1] != '"' || doc->text[t->end] != '"'))
		return 0;
	if (t->is_key && (t->type != ZJSON_STRING || i + 1 >= doc->ntoks ||
			  doc->toks[i + 1].parent != (int32_t)i || doc->toks[i + 1].next != t->next))
		return 0;
	if (t->type == ZJSON_ARRAY || t->type == ZJSON_OBJECT)
		return children_ok(doc, i);
	return t->count == 0;
}

static void check_tokens(int line, const struct zjson_doc *doc)
{
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		if (!token_ok(doc, i)) {
			harness_fail(__FILE__, line, "token %u of %u breaks an invariant", i, doc->ntoks);
			return;
		}
	}
}

/* Every typed reader on every token: only the right type succeeds. */
static void read_every_token(const struct zjson_doc *doc)
{
	char out[64];
	int64_t v;
	int b;

	for (int32_t i = 0; i < (int32_t)doc->ntoks; i++) {
		uint8_t type = doc->toks[i].type;
		int rs = zjson_str(doc, i, out, sizeof out, NULL);
		int ri = zjson_int(doc, i, &v);
		int rb = zjson_bool(doc, i, &b);

		if (type != ZJSON_STRING)
			CHECK_EQ(rs, ZOS_ERR_INVALID_ARGUMENT);
		if (type != ZJSON_NUMBER)
			CHECK_EQ(ri, ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(rb, type == ZJSON_BOOL ? ZOS_OK : ZOS_ERR_INVALID_ARGUMENT);
		if (type == ZJSON_OBJECT)
			zjson_get(doc, i, "a");
		if (type == ZJSON_ARRAY && doc->toks[i].count > 0)
			CHECK_EQ(zjson_at(doc, i, 0), i + 1);
	}
}

/* ---- RFC 8259 section 13 ------------------------------------------------- */

static const char rfc_image[] =
	"{\n"
	"  \"Image\": {\n"
	"      \"Width\":  800,\n"
	"      \"Height\": 600,\n"
	"      \"Title\":  \"View from 15th Floor\",\n"
	"      \"Thumbnail\": {\n"
	"          \"Url\":    \"http://www.example.com/image/481989943\",\n"
	"          \"Height\": 125,\n"
	"          \"Width\":  100\n"
	"      },\n"
	"      \"Animated\" : false,\n"
	"      \"IDs\": [116, 943, 234, 38793]\n"
	"    }\n"
	"}\n";

static const char rfc_places[] =
	"[\n"
	"  {\n"
	"     \"precision\": \"zip\",\n"
	"     \"Latitude\":  37.7668,\n"
	"     \"Longitude\": -122.3959,\n"
	"     \"Address\":   \"\",\n"
	"     \"City\":      \"SAN FRANCISCO\",\n"
	"     \"State\":     \"CA\",\n"
	"     \"Zip\":       \"94107\",\n"
	"     \"Country\":   \"US\"\n"
	"  },\n"
	"  {\n"
	"     \"precision\": \"zip\",\n"
	"     \"Latitude\":  37.371991,\n"
	"     \"Longitude\": -122.026020,\n"
	"     \"Address\":   \"\",\n"
	"     \"City\":      \"SUNNYVALE\",\n"
	"     \"State\":     \"CA\",\n"
	"     \"Zip\":       \"94085\",\n"
	"     \"Country\":   \"US\"\n"
	"  }\n"
	"]\n";

static void test_rfc_image_object(void)
{
	struct zjson_doc doc;
	int32_t img, thumb, ids;
	char url[64];
	int64_t w = 0;
	int animated = 1;

	CHECK_EQ(parse(&doc, rfc_image), ZOS_OK);
	check_tokens(__LINE__, &doc);
	img = zjson_get(&doc, 0, "Image");
	CHECK_EQ(doc.toks[img].type, ZJSON_OBJECT);
	CHECK_EQ(doc.toks[img].count, 6);
	CHECK_EQ(zjson_get_int(&doc, img, "Width", &w), ZOS_OK);
	CHECK_EQ(w, 800);
	CHECK_EQ(int_of(&doc, zjson_get(&doc, img, "Height")), 600);
	CHECK(strcmp(str_of(&doc, zjson_get(&doc, img, "Title")), "View from 15th Floor") == 0);
	thumb = zjson_get(&doc, img, "Thumbnail");
	CHECK_EQ(zjson_get_str(&doc, thumb, "Url", url, sizeof url), ZOS_OK);
	CHECK(strcmp(url, "http://www.example.com/image/481989943") == 0);
	CHECK_EQ(int_of(&doc, zjson_get(&doc, thumb, "Height")), 125);
	CHECK_EQ(int_of(&doc, zjson_get(&doc, thumb, "Width")), 100);
	CHECK_EQ(zjson_get_bool(&doc, img, "Animated", &animated), ZOS_OK);
	CHECK_EQ(animated, 0);
	ids = zjson_get(&doc, img, "IDs");
	CHECK_EQ(doc.toks[ids].count, 4);
	CHECK_EQ(int_of(&doc, zjson_at(&doc, ids, 0)), 116);
	CHECK_EQ(int_of(&doc, zjson_at(&doc, ids, 3)), 38793);
	CHECK_EQ(zjson_at(&doc, ids, 4), -1);
}

static void test_rfc_array_of_places(void)
{
	struct zjson_doc doc;
	char city[32];
	int64_t v;
	int32_t lat;

	CHECK_EQ(parse(&doc, rfc_places), ZOS_OK);
	check_tokens(__LINE__, &doc);
	CHECK_EQ(doc.toks[0].type, ZJSON_ARRAY);
	CHECK_EQ(doc.toks[0].count, 2);
	CHECK_EQ(zjson_get_str(&doc, zjson_at(&doc, 0, 0), "City", city, sizeof city), ZOS_OK);
	CHECK(strcmp(city, "SAN FRANCISCO") == 0);
	CHECK_EQ(zjson_get_str(&doc, zjson_at(&doc, 0, 1), "City", city, sizeof city), ZOS_OK);
	CHECK(strcmp(city, "SUNNYVALE") == 0);
	CHECK_EQ(zjson_get_str(&doc, zjson_at(&doc, 0, 1), "Address", city, sizeof city), ZOS_OK);
	CHECK(strcmp(city, "") == 0);
	/* Latitude is a number, but not an integer. */
	lat = zjson_get(&doc, zjson_at(&doc, 0, 1), "Latitude");
	CHECK_EQ(doc.toks[lat].type, ZJSON_NUMBER);
	CHECK_EQ(doc.toks[lat].end - doc.toks[lat].start, 9);
	CHECK_EQ(zjson_int(&doc, lat, &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zjson_get_int(&doc, zjson_at(&doc, 0, 1), "Longitude", &v), ZOS_ERR_INVALID_ARGUMENT);
}

/* RFC 8259 allows any value as the root. */
static void test_rfc_scalar_texts(void)
{
	struct zjson_error err = { 99, NULL };
	struct zjson_doc doc;
	int b = 0;

	CHECK_EQ(parse_n(&doc, "\"Hello world!\"", 14, NTOKS, &err), ZOS_OK);
	CHECK_EQ(err.pos, 14);
	CHECK(strcmp(err.reason, "ok") == 0);
	CHECK_EQ(doc.ntoks, 1);
	CHECK(strcmp(str_of(&doc, 0), "Hello world!") == 0);
	CHECK_EQ(parse(&doc, "42"), ZOS_OK);
	CHECK_EQ(int_of(&doc, 0), 42);
	CHECK_EQ(parse(&doc, "true"), ZOS_OK);
	CHECK_EQ(zjson_bool(&doc, 0, &b), ZOS_OK);
	CHECK_EQ(b, 1);
	CHECK_EQ(parse(&doc, " null "), ZOS_OK);
	CHECK_EQ(doc.toks[0].type, ZJSON_NULL);
	CHECK_EQ(doc.toks[0].start, 1);
	CHECK_EQ(doc.toks[0].end, 5);
}

/* ---- token layout ------------------------------------------------------- */

static void check_tok(int line, const struct zjson_doc *doc, uint32_t i, uint8_t type,
		      uint8_t is_key, uint32_t start, uint32_t end, uint32_t count, int32_t parent,
		      uint32_t next)
{
	const struct zjson_tok *t = &doc->toks[i];

	if (t->type != type || t->is_key != is_key || t->start != start || t->end != end ||
	    t->count != count || t->parent != parent || t->next != next)
		harness_fail(__FILE__, line,
			     "token %u: type %u key %u [%u,%u) count %u parent %d next %u", i, t->type,
			     t->is_key, t->start, t->end, t->count, t->parent, t->next);
}

static void test_token_layout(void)
{
	static const char text[] = "{\"a\":[1,{\"b\":null}],\"c\":\"x\"}";
	struct zjson_doc doc;

	CHECK_EQ(parse(&doc, text), ZOS_OK);
	CHECK_EQ(doc.ntoks, 9);
	check_tok(__LINE__, &doc, 0, ZJSON_OBJECT, 0, 0, 28, 2, -1, 9);
	check_tok(__LINE__, &doc, 1, ZJSON_STRING, 1, 2, 3, 0, 0, 7);
	check_tok(__LINE__, &doc, 2, ZJSON_ARRAY, 0, 5, 19, 2, 1, 7);
	check_tok(__LINE__, &doc, 3, ZJSON_NUMBER, 0, 6, 7, 0, 2, 4);
	check_tok(__LINE__, &doc, 4, ZJSON_OBJECT, 0, 8, 18, 1, 2, 7);
	check_tok(__LINE__, &doc, 5, ZJSON_STRING, 1, 10, 11, 0, 4, 7);
	check_tok(__LINE__, &doc, 6, ZJSON_NULL, 0, 13, 17, 0, 5, 7);
	check_tok(__LINE__, &doc, 7, ZJSON_STRING, 1, 21, 22, 0, 0, 9);
	check_tok(__LINE__, &doc, 8, ZJSON_STRING, 0, 25, 26, 0, 7, 9);
	check_tokens(__LINE__, &doc);
}

static void test_whitespace_is_only_four_bytes(void)
{
	struct zjson_doc doc;

	CHECK_EQ(parse(&doc, " \t\r\n[ \t\r\n1 \t\r\n, \t\r\n{ \"k\" \t\r\n: \t\r\n2 } ] \t\r\n"), ZOS_OK);
	CHECK_EQ(doc.ntoks, 5);
	check_tokens(__LINE__, &doc);
}

static void test_valid_numbers(void)
{
	static const char *ok[] = {
		"0", "-0", "1", "-1", "10", "1.5", "-1.5e10", "1E+2", "1e-2", "0.0", "0e0",
		"0E-0", "123456789012345678901234567890", "1.000000000000000000001", "-0.5E+99999",
	};
	struct zjson_doc doc;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		CHECK_EQ(parse(&doc, ok[i]), ZOS_OK);
		CHECK_EQ(doc.toks[0].type, ZJSON_NUMBER);
		CHECK_EQ(doc.toks[0].end, strlen(ok[i]));
	}
}

/* ---- refusals: code, position and reason --------------------------------- */

struct bad {
	const char *text;
	size_t len;        /* 0: strlen(text) */
	int code;
	size_t pos;
	const char *reason;
};

static void check_bad(int line, const struct bad *b)
{
	size_t n = b->len ? b->len : strlen(b->text);
	char *copy = exact_copy(b->text, n);
	struct zjson_error err = { 99, NULL };
	struct zjson_doc doc;
	int rc = parse_n(&doc, copy, n, NTOKS, &err);

	if (rc != b->code || err.pos != b->pos || !err.reason || strcmp(err.reason, b->reason) != 0)
		harness_fail(__FILE__, line, "%s: got %d at %zu (%s), want %d at %zu (%s)", b->text, rc,
			     err.pos, err.reason ? err.reason : "(null)", b->code, b->pos, b->reason);
	CHECK_EQ(doc.ntoks, 0);
	CHECK_EQ(zjson_get(&doc, 0, "a"), -1);
	free(copy);
}

#define BAD ZOS_ERR_INVALID_ARGUMENT

static void check_bad_table(int line, const struct bad *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_bad(line, &b[i]);
}

static void test_errors_structure(void)
{
	static const struct bad b[] = {
		{ "", 0, BAD, 0, "unexpected end of input" },
		{ "  \n", 0, BAD, 3, "unexpected end of input" },
		{ "[", 0, BAD, 1, "unexpected end of input" },
		{ "[1", 0, BAD, 2, "unexpected end of input" },
		{ "{", 0, BAD, 1, "unexpected end of input" },
		{ "{\"a\"", 0, BAD, 4, "expected ':' after a key" },
		{ "{\"a\":", 0, BAD, 5, "unexpected end of input" },
		{ "{\"a\":1", 0, BAD, 6, "unexpected end of input" },
		{ "[1,]", 0, BAD, 3, "trailing comma" },
		{ "{\"a\":1,}", 0, BAD, 7, "trailing comma" },
		{ "[,1]", 0, BAD, 1, "expected a value" },
		{ "[1,,2]", 0, BAD, 3, "expected a value" },
		{ "[1 2]", 0, BAD, 3, "expected ',' or ']'" },
		{ "{\"a\":1 \"b\":2}", 0, BAD, 7, "expected ',' or '}'" },
		{ "{\"a\" 1}", 0, BAD, 5, "expected ':' after a key" },
		{ "{\"a\":}", 0, BAD, 5, "expected a value" },
		{ "{1:2}", 0, BAD, 1, "expected a string key" },
		{ "{a:1}", 0, BAD, 1, "expected a string key" },
		{ "{'a':1}", 0, BAD, 1, "expected a string key" },
		{ "[1}", 0, BAD, 2, "expected ',' or ']'" },
		{ "{\"a\":1]", 0, BAD, 6, "expected ',' or '}'" },
		{ "]", 0, BAD, 0, "expected a value" },
		{ "1 2", 0, BAD, 2, "unexpected data after the document" },
		{ "{}x", 0, BAD, 2, "unexpected data after the document" },
		{ "[]]", 0, BAD, 2, "unexpected data after the document" },
		{ "{}{}", 0, BAD, 2, "unexpected data after the document" },
		{ "1\0", 2, BAD, 1, "unexpected data after the document" },
		{ "'a'", 0, BAD, 0, "expected a value" },
		{ "[1/*c*/]", 0, BAD, 2, "expected ',' or ']'" },
		{ "// c\n1", 0, BAD, 0, "expected a value" },
		{ "# c\n1", 0, BAD, 0, "expected a value" },
		{ "\xEF\xBB\xBF" "1", 0, BAD, 0, "expected a value" },
	};

	check_bad_table(__LINE__, b, sizeof b / sizeof b[0]);
}

static void test_errors_literals_and_numbers(void)
{
	static const struct bad b[] = {
		{ "tru", 0, BAD, 3, "unexpected end of input" },
		{ "trUe", 0, BAD, 2, "invalid literal" },
		{ "True", 0, BAD, 0, "expected a value" },
		{ "nul", 0, BAD, 3, "unexpected end of input" },
		{ "fals", 0, BAD, 4, "unexpected end of input" },
		{ "truex", 0, BAD, 4, "unexpected data after the document" },
		{ "[nulll]", 0, BAD, 5, "expected ',' or ']'" },
		{ "NaN", 0, BAD, 0, "expected a value" },
		{ "Infinity", 0, BAD, 0, "expected a value" },
		{ "-Infinity", 0, BAD, 1, "expected a digit" },
		{ "+1", 0, BAD, 0, "expected a value" },
		{ "-", 0, BAD, 1, "expected a digit" },
		{ "--1", 0, BAD, 1, "expected a digit" },
		{ "01", 0, BAD, 1, "leading zero in number" },
		{ "-01", 0, BAD, 2, "leading zero in number" },
		{ "[00]", 0, BAD, 2, "leading zero in number" },
		{ ".5", 0, BAD, 0, "expected a value" },
		{ "1.", 0, BAD, 2, "expected a digit after '.'" },
		{ "1.e5", 0, BAD, 2, "expected a digit after '.'" },
		{ "1e", 0, BAD, 2, "expected a digit in the exponent" },
		{ "1e+", 0, BAD, 3, "expected a digit in the exponent" },
		{ "1E-x", 0, BAD, 3, "expected a digit in the exponent" },
		{ "1.5.3", 0, BAD, 3, "unexpected data after the document" },
		{ "0x10", 0, BAD, 1, "unexpected data after the document" },
		{ "1,", 0, BAD, 1, "unexpected data after the document" },
	};

	check_bad_table(__LINE__, b, sizeof b / sizeof b[0]);
}

static void test_errors_strings_and_escapes(void)
{
	static const struct bad b[] = {
		{ "\"abc", 0, BAD, 4, "unterminated string" },
		{ "\"abc\\", 0, BAD, 4, "unterminated string" },
		{ "[\"a]", 0, BAD, 4, "unterminated string" },
		{ "\"a\x01" "b\"", 0, BAD, 2, "control character in string" },
		{ "\"\t\"", 0, BAD, 1, "control character in string" },
		{ "\"\n\"", 0, BAD, 1, "control character in string" },
		{ "\"\x1f\"", 0, BAD, 1, "control character in string" },
		{ "\"a\0b\"", 5, BAD, 2, "control character in string" },
		{ "\"\\x\"", 0, BAD, 1, "invalid escape" },
		{ "\"\\a\"", 0, BAD, 1, "invalid escape" },
		{ "\"\\U0041\"", 0, BAD, 1, "invalid escape" },
		{ "\"\\'\"", 0, BAD, 1, "invalid escape" },
		{ "\"\\0\"", 0, BAD, 1, "invalid escape" },
		{ "\"x\\u12G4\"", 0, BAD, 2, "\\u needs four hex digits" },
		{ "\"\\u123\"", 0, BAD, 1, "\\u needs four hex digits" },
		{ "\"\\u12", 0, BAD, 1, "\\u needs four hex digits" },
		{ "\"\\u\"", 0, BAD, 1, "\\u needs four hex digits" },
		{ "{\"\\q\":1}", 0, BAD, 2, "invalid escape" },
	};

	check_bad_table(__LINE__, b, sizeof b / sizeof b[0]);
}

/* ---- escapes and surrogates ------------------------------------------- */

static void check_string(int line, const char *json, const char *want, size_t want_len)
{
	struct zjson_doc doc;
	char out[64];
	size_t n = 0;
	int rc = parse(&doc, json);

	if (rc == ZOS_OK)
		rc = zjson_str(&doc, 0, out, sizeof out, &n);
	if (rc != ZOS_OK || n != want_len || memcmp(out, want, n) != 0 || out[n] != '\0')
		harness_fail(__FILE__, line, "%s: rc %d, %zu bytes", json, rc, n);
}

#define STRING_IS(json, want) check_string(__LINE__, json, want, sizeof(want) - 1)

static void test_every_escape(void)
{
	STRING_IS("\"\\\"\"", "\"");
	STRING_IS("\"\\\\\"", "\\");
	STRING_IS("\"\\/\"", "/");
	STRING_IS("\"/\"", "/");
	STRING_IS("\"\\b\"", "\b");
	STRING_IS("\"\\f\"", "\f");
	STRING_IS("\"\\n\"", "\n");
	STRING_IS("\"\\r\"", "\r");
	STRING_IS("\"\\t\"", "\t");
	STRING_IS("\"\\u0041\"", "A");
	STRING_IS("\"\\u001f\"", "\x1f");
	STRING_IS("\"\\u007F\"", "\x7f");
	STRING_IS("\"\\u0080\"", "\xC2\x80");
	STRING_IS("\"\\u00e9\"", "\xC3\xA9");
	STRING_IS("\"\\u07FF\"", "\xDF\xBF");
	STRING_IS("\"\\u0800\"", "\xE0\xA0\x80");
	STRING_IS("\"\\u20AC\"", "\xE2\x82\xAC");
	STRING_IS("\"\\uD7FF\"", "\xED\x9F\xBF");
	STRING_IS("\"\\uE000\"", "\xEE\x80\x80");
	STRING_IS("\"\\uFFFF\"", "\xEF\xBF\xBF");
	STRING_IS("\"a\\tb\\nc\\\"d\\\\e\"", "a\tb\nc\"d\\e");
	STRING_IS("\"\"", "");
}

static void test_surrogate_pairs(void)
{
	STRING_IS("\"\\uD83D\\uDE00\"", "\xF0\x9F\x98\x80");
	STRING_IS("\"\\ud83d\\ude00\"", "\xF0\x9F\x98\x80");
	STRING_IS("\"\\uD800\\uDC00\"", "\xF0\x90\x80\x80");
	STRING_IS("\"\\uDBFF\\uDFFF\"", "\xF4\x8F\xBF\xBF");
	STRING_IS("\"x\\uD834\\uDD1Ey\"", "x\xF0\x9D\x84\x9Ey");
}

static void test_lone_surrogates(void)
{
	static const struct bad b[] = {
		{ "\"\\uD800\"", 0, BAD, 1, "lone high surrogate" },
		{ "\"\\uDBFF\"", 0, BAD, 1, "lone high surrogate" },
		{ "\"ab\\uD83D", 0, BAD, 3, "lone high surrogate" },
		{ "\"\\uD83Dx\"", 0, BAD, 1, "lone high surrogate" },
		{ "\"\\uD83D\\n\"", 0, BAD, 1, "lone high surrogate" },
		{ "\"\\uD83D\\u0041\"", 0, BAD, 1, "lone high surrogate" },
		{ "\"\\uD83D\\uD83D\"", 0, BAD, 1, "lone high surrogate" },
		{ "\"\\uD83D\\uDE0\"", 0, BAD, 1, "lone high surrogate" },
		{ "\"\\uDC00\"", 0, BAD, 1, "lone low surrogate" },
		{ "\"\\uDFFF\"", 0, BAD, 1, "lone low surrogate" },
		{ "\"\\uDE00\\uD83D\"", 0, BAD, 1, "lone low surrogate" },
		{ "\"\\u0041\\uDC00\"", 0, BAD, 7, "lone low surrogate" },
	};

	check_bad_table(__LINE__, b, sizeof b / sizeof b[0]);
}

/* ---- UTF-8 -------------------------------------------------------------- */

static void test_utf8_valid_edges(void)
{
	STRING_IS("\"\xC2\x80\"", "\xC2\x80");                 /* U+0080 */
	STRING_IS("\"\xDF\xBF\"", "\xDF\xBF");                 /* U+07FF */
	STRING_IS("\"\xE0\xA0\x80\"", "\xE0\xA0\x80");         /* U+0800 */
	STRING_IS("\"\xED\x9F\xBF\"", "\xED\x9F\xBF");         /* U+D7FF */
	STRING_IS("\"\xEE\x80\x80\"", "\xEE\x80\x80");         /* U+E000 */
	STRING_IS("\"\xEF\xBF\xBF\"", "\xEF\xBF\xBF");         /* U+FFFF */
	STRING_IS("\"\xF0\x90\x80\x80\"", "\xF0\x90\x80\x80"); /* U+10000 */
	STRING_IS("\"\xF4\x8F\xBF\xBF\"", "\xF4\x8F\xBF\xBF"); /* U+10FFFF */
	STRING_IS("\"\x7F\"", "\x7F");                         /* DEL is not a control here */
}

static void test_utf8_invalid(void)
{
	static const struct bad b[] = {
		{ "\"\x80\"", 0, BAD, 1, "invalid UTF-8" },             /* lone continuation */
		{ "\"a\xBF\"", 0, BAD, 2, "invalid UTF-8" },
		{ "\"\xC0\x80\"", 0, BAD, 1, "invalid UTF-8" },         /* overlong NUL */
		{ "\"\xC1\xBF\"", 0, BAD, 1, "invalid UTF-8" },         /* overlong 2-byte */
		{ "\"\xE0\x80\x80\"", 0, BAD, 1, "invalid UTF-8" },     /* overlong 3-byte */
		{ "\"\xE0\x9F\xBF\"", 0, BAD, 1, "invalid UTF-8" },
		{ "\"\xF0\x80\x80\x80\"", 0, BAD, 1, "invalid UTF-8" }, /* overlong 4-byte */
		{ "\"\xF0\x8F\xBF\xBF\"", 0, BAD, 1, "invalid UTF-8" },
		{ "\"\xED\xA0\x80\"", 0, BAD, 1, "invalid UTF-8" },     /* U+D800 encoded */
		{ "\"\xED\xBF\xBF\"", 0, BAD, 1, "invalid UTF-8" },     /* U+DFFF encoded */
		{ "\"\xF4\x90\x80\x80\"", 0, BAD, 1, "invalid UTF-8" }, /* U+110000 */
		{ "\"\xF5\x80\x80\x80\"", 0, BAD, 1, "invalid UTF-8" },
		{ "\"\xF8\x88\x80\x80\x80\"", 0, BAD, 1, "invalid UTF-8" },
		{ "\"\xFE\"", 0, BAD, 1, "invalid UTF-8" },
		{ "\"\xFF\"", 0, BAD, 1, "invalid UTF-8" },
		{ "\"\xC2\"", 0, BAD, 1, "invalid UTF-8" },             /* cut short by the quote */
		{ "\"\xE2\x82\"", 0, BAD, 1, "invalid UTF-8" },
		{ "\"\xE2\x28\xA1\"", 0, BAD, 1, "invalid UTF-8" },     /* bad second byte */
		{ "\"\xE2\x82\x28\"", 0, BAD, 1, "invalid UTF-8" },     /* bad third byte */
		{ "\"\xF0\x9F\x98\"", 0, BAD, 1, "invalid UTF-8" },
		{ "\"\xF0\x9F\x98", 0, BAD, 1, "invalid UTF-8" },       /* cut short by the end */
		{ "\"\xC2", 0, BAD, 1, "invalid UTF-8" },
		{ "{\"k\xFF\":1}", 0, BAD, 3, "invalid UTF-8" },        /* in a key */
		{ "\xC2\xA0" "1", 0, BAD, 0, "expected a value" },      /* NBSP is not whitespace */
		{ "\f1", 0, BAD, 0, "expected a value" },
		{ "\v1", 0, BAD, 0, "expected a value" },
	};

	check_bad_table(__LINE__, b, sizeof b / sizeof b[0]);
}

/* ---- int64 --------------------------------------------------------------- */

static int int_rc(const char *json, int64_t *v)
{
	struct zjson_doc doc;

	if (parse(&doc, json) != ZOS_OK)
		return 1;
	return zjson_int(&doc, 0, v);
}

static void test_int64_limits(void)
{
	int64_t v = 0;

	CHECK_EQ(int_rc("9223372036854775807", &v), ZOS_OK);
	CHECK(v == INT64_MAX);
	CHECK_EQ(int_rc("-9223372036854775808", &v), ZOS_OK);
	CHECK(v == INT64_MIN);
	CHECK_EQ(int_rc("-9223372036854775807", &v), ZOS_OK);
	CHECK(v == -INT64_MAX);
	CHECK_EQ(int_rc("9223372036854775808", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(int_rc("-9223372036854775809", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(int_rc("9223372036854775810", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(int_rc("18446744073709551616", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(int_rc("99999999999999999999", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(int_rc("0", &v), ZOS_OK);
	CHECK_EQ(v, 0);
	CHECK_EQ(int_rc("-0", &v), ZOS_OK);
	CHECK_EQ(v, 0);
	CHECK_EQ(int_rc("-17", &v), ZOS_OK);
	CHECK_EQ(v, -17);
}

static void test_int_refuses_fractions_and_exponents(void)
{
	int64_t v = 5;

	CHECK_EQ(int_rc("1.0", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(int_rc("1e2", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(int_rc("1E0", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(int_rc("-0.0", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(int_rc("\"1\"", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(int_rc("true", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(v, 5);
}

/* ---- limits -------------------------------------------------------------- */

static char *nested_arrays(int depth)
{
	char *s = malloc((size_t)depth * 2 + 2);
	int i;

	for (i = 0; i < depth; i++)
		s[i] = '[';
	s[depth] = '7';
	for (i = 0; i < depth; i++)
		s[depth + 1 + i] = ']';
	s[2 * depth + 1] = '\0';
	return s;
}

static char *nested_objects(int depth)
{
	char *s = malloc((size_t)depth * 6 + 2), *p = s;
	int i;

	for (i = 0; i < depth; i++) {
		memcpy(p, "{\"a\":", 5);
		p += 5;
	}
	*p++ = '1';
	for (i = 0; i < depth; i++)
		*p++ = '}';
	*p = '\0';
	return s;
}

static void test_depth_at_and_over_the_limit(void)
{
	struct zjson_error err;
	struct zjson_doc doc;
	char *at = nested_arrays(ZJSON_MAX_DEPTH), *over = nested_arrays(ZJSON_MAX_DEPTH + 1);
	char *oat = nested_objects(ZJSON_MAX_DEPTH), *oover = nested_objects(ZJSON_MAX_DEPTH + 1);

	CHECK_EQ(parse(&doc, at), ZOS_OK);
	CHECK_EQ(doc.ntoks, ZJSON_MAX_DEPTH + 1);
	CHECK_EQ(doc.toks[ZJSON_MAX_DEPTH].parent, ZJSON_MAX_DEPTH - 1);
	CHECK_EQ(int_of(&doc, ZJSON_MAX_DEPTH), 7);
	check_tokens(__LINE__, &doc);
	CHECK_EQ(parse_n(&doc, over, strlen(over), NTOKS, &err), ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(err.pos, ZJSON_MAX_DEPTH);
	CHECK(strcmp(err.reason, "nested too deep") == 0);

	CHECK_EQ(parse(&doc, oat), ZOS_OK);
	CHECK_EQ(doc.ntoks, 2 * ZJSON_MAX_DEPTH + 1);
	check_tokens(__LINE__, &doc);
	CHECK_EQ(parse_n(&doc, oover, strlen(oover), NTOKS, &err), ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(err.pos, 5 * ZJSON_MAX_DEPTH);
	free(at);
	free(over);
	free(oat);
	free(oover);
}

/* Depth is how many are open at once, not how many there were. */
static void test_depth_resets_after_closing(void)
{
	char text[1 + 5 * 100 + 1];
	struct zjson_doc doc;
	size_t n = 0;

	text[n++] = '[';
	for (int i = 0; i < 100; i++) {
		memcpy(text + n, i ? ",[[]" : "[[]", i ? 4 : 3);
		n += i ? 4 : 3;
		text[n++] = ']';
	}
	text[n++] = ']';
	CHECK_EQ(parse_n(&doc, text, n, NTOKS, NULL), ZOS_OK);
	CHECK_EQ(doc.ntoks, 201);
}

static void test_token_capacity(void)
{
	struct zjson_error err;
	struct zjson_doc doc;

	CHECK_EQ(parse_n(&doc, "[1,2,3]", 7, 4, &err), ZOS_OK);
	CHECK_EQ(parse_n(&doc, "[1,2,3]", 7, 3, &err), ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(err.pos, 5);
	CHECK(strcmp(err.reason, "too many tokens") == 0);
	CHECK_EQ(doc.ntoks, 0);
	CHECK_EQ(parse_n(&doc, "[1,2,3]", 7, 0, &err), ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(err.pos, 0);
	CHECK_EQ(parse_n(&doc, "{\"a\":1}", 7, 3, &err), ZOS_OK);
	CHECK_EQ(parse_n(&doc, "{\"a\":1}", 7, 2, &err), ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(err.pos, 5); /* the value */
	CHECK_EQ(parse_n(&doc, "{\"a\":1}", 7, 1, &err), ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(err.pos, 1); /* the key */
	CHECK_EQ(parse_n(&doc, "[true, null, \"s\"]", 17, 3, &err), ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(err.pos, 13);
	/* No array at all is a capacity of zero. */
	CHECK_EQ(zjson_parse(&doc, "1", 1, NULL, 10, &err), ZOS_ERR_RESOURCE_EXHAUSTED);
}

/* Offsets are 32-bit: a longer text is refused before a byte is read. */
static void test_length_limit(void)
{
	struct zjson_error err;
	struct zjson_doc doc;

	CHECK_EQ(zjson_parse(&doc, "1", (size_t)UINT32_MAX, toks, NTOKS, &err),
		 ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK_EQ(err.pos, 0);
	CHECK(strcmp(err.reason, "document too long") == 0);
	CHECK_EQ(zjson_parse(&doc, NULL, 5, toks, NTOKS, &err), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zjson_parse(&doc, NULL, 0, toks, NTOKS, &err), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(err.pos, 0);
}

/* ---- lookups ------------------------------------------------------------- */

static void test_get_nested_and_missing(void)
{
	static const char text[] =
		"{\"x\":{\"k\":1,\"deep\":{\"k\":2}},\"k\":3,\"ab\":4,\"a\\u0062c\":5,\"n\\u0000l\":6,"
		"\"arr\":[{\"k\":7}],\"\":8}";
	struct zjson_doc doc;
	int32_t x;
	int64_t v;

	CHECK_EQ(parse(&doc, text), ZOS_OK);
	check_tokens(__LINE__, &doc);
	CHECK_EQ(int_of(&doc, zjson_get(&doc, 0, "k")), 3); /* not the nested ones */
	x = zjson_get(&doc, 0, "x");
	CHECK_EQ(int_of(&doc, zjson_get(&doc, x, "k")), 1);
	CHECK_EQ(int_of(&doc, zjson_get(&doc, zjson_get(&doc, x, "deep"), "k")), 2);
	CHECK_EQ(int_of(&doc, zjson_get(&doc, 0, "ab")), 4);
	CHECK_EQ(int_of(&doc, zjson_get(&doc, 0, "abc")), 5); /* compared unescaped */
	CHECK_EQ(int_of(&doc, zjson_get(&doc, 0, "")), 8);
	CHECK_EQ(zjson_get(&doc, 0, "a"), -1);                /* no prefix match */
	CHECK_EQ(zjson_get(&doc, 0, "abcd"), -1);
	CHECK_EQ(zjson_get(&doc, 0, "n"), -1);                /* a NUL in the key is no end */
	CHECK_EQ(zjson_get(&doc, 0, "nl"), -1);
	CHECK_EQ(zjson_get(&doc, 0, "missing"), -1);
	CHECK_EQ(zjson_get(&doc, 0, "deep"), -1);
	CHECK_EQ(zjson_get(&doc, zjson_get(&doc, 0, "arr"), "k"), -1); /* an array */
	CHECK_EQ(zjson_get(&doc, zjson_get(&doc, 0, "k"), "k"), -1);   /* a number */
	CHECK_EQ(zjson_get(&doc, -1, "k"), -1);
	CHECK_EQ(zjson_get(&doc, (int32_t)doc.ntoks, "k"), -1);
	CHECK_EQ(zjson_get(&doc, 0, NULL), -1);
	CHECK_EQ(zjson_get(NULL, 0, "k"), -1);
	CHECK_EQ(zjson_get_int(&doc, 0, "missing", &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zjson_get_int(&doc, -1, "k", &v), ZOS_ERR_INVALID_ARGUMENT);
}

static void test_get_returns_first_duplicate(void)
{
	struct zjson_doc doc;

	CHECK_EQ(parse(&doc, "{\"k\":1,\"k\":2,\"k\\u0000\":3}"), ZOS_OK);
	CHECK_EQ(doc.toks[0].count, 3);
	CHECK_EQ(int_of(&doc, zjson_get(&doc, 0, "k")), 1);
}

static void test_at(void)
{
	struct zjson_doc doc;

	CHECK_EQ(parse(&doc, "[10,[20,[25],30],{\"a\":40,\"b\":[1]},50,[]]"), ZOS_OK);
	CHECK_EQ(doc.toks[0].count, 5);
	CHECK_EQ(int_of(&doc, zjson_at(&doc, 0, 0)), 10);
	CHECK_EQ(doc.toks[zjson_at(&doc, 0, 1)].type, ZJSON_ARRAY);
	CHECK_EQ(int_of(&doc, zjson_at(&doc, zjson_at(&doc, 0, 1), 2)), 30);
	CHECK_EQ(int_of(&doc, zjson_get(&doc, zjson_at(&doc, 0, 2), "a")), 40);
	CHECK_EQ(int_of(&doc, zjson_at(&doc, 0, 3)), 50);
	CHECK_EQ(doc.toks[zjson_at(&doc, 0, 4)].count, 0);
	CHECK_EQ(zjson_at(&doc, zjson_at(&doc, 0, 4), 0), -1);
	CHECK_EQ(zjson_at(&doc, 0, 5), -1);
	CHECK_EQ(zjson_at(&doc, 0, UINT32_MAX), -1);
	CHECK_EQ(zjson_at(&doc, zjson_at(&doc, 0, 2), 0), -1); /* an object */
	CHECK_EQ(zjson_at(&doc, -1, 0), -1);
}

static void test_str_buffer_sizes(void)
{
	struct zjson_doc doc;
	char out[16];
	size_t n = 99;

	CHECK_EQ(parse(&doc, "{\"s\":\"hello\",\"e\":\"\\u20ac\",\"z\":\"a\\u0000b\",\"n\":5}"), ZOS_OK);
	int32_t s = zjson_get(&doc, 0, "s"), e = zjson_get(&doc, 0, "e");
	CHECK_EQ(zjson_str(&doc, s, out, 6, &n), ZOS_OK);
	CHECK_EQ(n, 5);
	CHECK(strcmp(out, "hello") == 0);
	memset(out, 'x', sizeof out);
	CHECK_EQ(zjson_str(&doc, s, out, 5, &n), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(n, 5); /* what it would have needed */
	CHECK_EQ(out[0], '\0');
	CHECK_EQ(out[5], 'x'); /* nothing past cap */
	CHECK_EQ(zjson_str(&doc, s, out, 1, NULL), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(zjson_str(&doc, s, NULL, 0, NULL), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(zjson_str(&doc, e, out, 3, NULL), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(zjson_str(&doc, e, out, 4, &n), ZOS_OK);
	CHECK_EQ(n, 3);
	CHECK_EQ(zjson_get_str(&doc, 0, "s", out, 5), ZOS_ERR_BUFFER_TOO_SMALL);
	CHECK_EQ(zjson_get_str(&doc, 0, "s", out, 6), ZOS_OK);
	CHECK_EQ(zjson_get_str(&doc, 0, "z", out, sizeof out), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zjson_get_str(&doc, 0, "n", out, sizeof out), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zjson_get_str(&doc, 0, "nope", out, sizeof out), ZOS_ERR_INVALID_ARGUMENT);
	/* Keys are strings too. */
	CHECK_EQ(zjson_str(&doc, s - 1, out, sizeof out, &n), ZOS_OK);
	CHECK(strcmp(out, "s") == 0);
}

static void test_bool_and_wrong_types(void)
{
	struct zjson_doc doc;
	int b = 7;

	CHECK_EQ(parse(&doc, "[true,false,null,\"true\",1]"), ZOS_OK);
	CHECK_EQ(zjson_bool(&doc, 1, &b), ZOS_OK);
	CHECK_EQ(b, 1);
	CHECK_EQ(zjson_bool(&doc, 2, &b), ZOS_OK);
	CHECK_EQ(b, 0);
	b = 7;
	for (int32_t i = 3; i <= 5; i++)
		CHECK_EQ(zjson_bool(&doc, i, &b), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zjson_bool(&doc, 0, &b), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zjson_bool(&doc, -1, &b), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zjson_bool(&doc, 6, &b), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(b, 7);
	read_every_token(&doc);
}

/* The doc is the caller's memory: readers re-check what they use, so even
 * tokens damaged after parsing cannot make them read outside the text (the
 * sanitizer build would see it) or loop forever. */
static void test_damaged_tokens_stay_in_bounds(void)
{
	static const char src[] = "{\"a\":\"x\\u0041\",\"b\":[1,2],\"c\":true}";
	size_t n = sizeof src - 1;
	char *text = exact_copy(src, n), out[32];
	struct zjson_doc doc;
	int64_t v;
	int b;

	CHECK_EQ(zjson_parse(&doc, text, n, toks, NTOKS, NULL), ZOS_OK);
	CHECK(strcmp(str_of(&doc, 2), "xA") == 0);
	toks[2].end = toks[2].start + 3; /* cuts "\u0041" short */
	CHECK_EQ(zjson_str(&doc, 2, out, sizeof out, NULL), ZOS_ERR_INVALID_ARGUMENT);
	toks[2].end = (uint32_t)n + 5;
	CHECK_EQ(zjson_str(&doc, 2, out, sizeof out, NULL), ZOS_ERR_INVALID_ARGUMENT);
	toks[8].end = (uint32_t)n + 1;
	CHECK_EQ(zjson_bool(&doc, 8, &b), ZOS_ERR_INVALID_ARGUMENT);
	toks[5].start = toks[5].end + 1;
	CHECK_EQ(zjson_int(&doc, 5, &v), ZOS_ERR_INVALID_ARGUMENT);
	toks[0].count = 1000;
	toks[1].next = 0; /* backwards */
	CHECK_EQ(zjson_get(&doc, 0, "zz"), -1);
	toks[4].count = 1000;
	toks[5].next = 99999;
	CHECK_EQ(zjson_at(&doc, 4, 1), -1);
	doc.ntoks = NTOKS + 1; /* more than the array holds */
	CHECK_EQ(zjson_at(&doc, 4, 0), -1);
	free(text);
}

/* ---- the writer --------------------------------------------------------- */

static void test_writer_exact_output(void)
{
	struct zjson_writer w;
	char buf[256];

	zjson_writer_init(&w, buf, sizeof buf);
	zjson_object_begin(&w);
	zjson_key(&w, "op");
	zjson_string(&w, "open");
	zjson_key(&w, "list");
	zjson_array_begin(&w);
	zjson_int64(&w, -1);
	zjson_uint64(&w, UINT64_MAX);
	zjson_boolean(&w, 1);
	zjson_boolean(&w, 0);
	zjson_null(&w);
	zjson_array_begin(&w);
	zjson_array_end(&w);
	zjson_object_begin(&w);
	zjson_object_end(&w);
	zjson_array_end(&w);
	zjson_key(&w, "min");
	zjson_int64(&w, INT64_MIN);
	zjson_object_end(&w);
	CHECK_EQ(zjson_finish(&w), ZOS_OK);
	CHECK(strcmp(buf, "{\"op\":\"open\",\"list\":[-1,18446744073709551615,true,false,null,[],{}],"
			  "\"min\":-9223372036854775808}") == 0);
	CHECK_EQ(w.len, strlen(buf));
}

static void test_writer_scalar_roots(void)
{
	struct zjson_writer w;
	char buf[32];

	zjson_writer_init(&w, buf, sizeof buf);
	zjson_int64(&w, 0);
	CHECK_EQ(zjson_finish(&w), ZOS_OK);
	CHECK(strcmp(buf, "0") == 0);
	zjson_writer_init(&w, buf, sizeof buf);
	zjson_string(&w, "");
	CHECK_EQ(zjson_finish(&w), ZOS_OK);
	CHECK(strcmp(buf, "\"\"") == 0);
	zjson_writer_init(&w, buf, sizeof buf);
	zjson_int64(&w, INT64_MAX);
	CHECK_EQ(zjson_finish(&w), ZOS_OK);
	CHECK(strcmp(buf, "9223372036854775807") == 0);
}

static void check_written(int line, const char *s, size_t n, const char *want)
{
	struct zjson_writer w;
	char buf[512];

	zjson_writer_init(&w, buf, sizeof buf);
	zjson_string_n(&w, s, n);
	if (zjson_finish(&w) != ZOS_OK || strcmp(buf, want) != 0)
		harness_fail(__FILE__, line, "wrote %s, want %s", buf, want);
}

static void test_writer_escapes(void)
{
	char s[2] = { 0, 0 }, want[16];

	check_written(__LINE__, "\"", 1, "\"\\\"\"");
	check_written(__LINE__, "\\", 1, "\"\\\\\"");
	check_written(__LINE__, "/", 1, "\"/\"");
	check_written(__LINE__, "\b\f\n\r\t", 5, "\"\\b\\f\\n\\r\\t\"");
	check_written(__LINE__, "\x7f", 1, "\"\x7f\"");
	check_written(__LINE__, "a\0b", 3, "\"a\\u0000b\"");
	check_written(__LINE__, "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 14,
		      "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"");
	for (int c = 0; c < 0x20; c++) {
		s[0] = (char)c;
		if (c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
			continue;
		snprintf(want, sizeof want, "\"\\u%04x\"", c);
		check_written(__LINE__, s, 1, want);
	}
}

static void test_writer_refuses_invalid_utf8(void)
{
	static const char *bad[] = {
		"\x80", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "a\xFF",
	};
	struct zjson_writer w;
	char buf[64];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		zjson_writer_init(&w, buf, sizeof buf);
		zjson_string(&w, bad[i]);
		CHECK_EQ(w.err, ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(w.len, 0); /* refused before anything went out */
		CHECK_EQ(zjson_finish(&w), ZOS_ERR_INVALID_ARGUMENT);
		zjson_writer_init(&w, buf, sizeof buf);
		zjson_object_begin(&w);
		zjson_key(&w, bad[i]);
		CHECK_EQ(w.err, ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(w.len, 1);
	}
	zjson_writer_init(&w, buf, sizeof buf);
	zjson_string_n(&w, "\xF0\x9F\x98\x80", 3); /* cut inside a character */
	CHECK_EQ(zjson_finish(&w), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(buf[0], '\0');
}

/* Each misuse is refused with INVALID_ARGUMENT, and then nothing is written. */
static void check_misuse(int line, void (*script)(struct zjson_writer *))
{
	struct zjson_writer w;
	char buf[64];
	size_t len;

	zjson_writer_init(&w, buf, sizeof buf);
	script(&w);
	len = w.len;
	zjson_null(&w);
	zjson_array_end(&w);
	if (w.err != ZOS_ERR_INVALID_ARGUMENT || w.len != len ||
	    zjson_finish(&w) != ZOS_ERR_INVALID_ARGUMENT || buf[0] != '\0' || w.len != 0)
		harness_fail(__FILE__, line, "misuse not refused (err %d)", w.err);
}

static void key_at_root(struct zjson_writer *w)
{
	zjson_key(w, "k");
}

static void key_in_array(struct zjson_writer *w)
{
	zjson_array_begin(w);
	zjson_key(w, "k");
}

static void value_without_key(struct zjson_writer *w)
{
	zjson_object_begin(w);
	zjson_int64(w, 1);
}

static void array_without_key(struct zjson_writer *w)
{
	zjson_object_begin(w);
	zjson_array_begin(w);
}

static void two_keys(struct zjson_writer *w)
{
	zjson_object_begin(w);
	zjson_key(w, "a");
	zjson_key(w, "b");
}

static void end_after_key(struct zjson_writer *w)
{
	zjson_object_begin(w);
	zjson_key(w, "a");
	zjson_object_end(w);
}

static void wrong_end(struct zjson_writer *w)
{
	zjson_array_begin(w);
	zjson_object_end(w);
}

static void wrong_end_object(struct zjson_writer *w)
{
	zjson_object_begin(w);
	zjson_array_end(w);
}

static void end_at_root(struct zjson_writer *w)
{
	zjson_object_end(w);
}

static void two_roots(struct zjson_writer *w)
{
	zjson_int64(w, 1);
	zjson_int64(w, 2);
}

static void two_root_objects(struct zjson_writer *w)
{
	zjson_object_begin(w);
	zjson_object_end(w);
	zjson_array_begin(w);
}

static void null_string(struct zjson_writer *w)
{
	zjson_string(w, NULL);
}

static void null_key(struct zjson_writer *w)
{
	zjson_object_begin(w);
	zjson_key(w, NULL);
}

static void null_string_n(struct zjson_writer *w)
{
	zjson_string_n(w, NULL, 0);
}

static void too_deep(struct zjson_writer *w)
{
	for (int i = 0; i <= ZJSON_MAX_DEPTH; i++)
		zjson_array_begin(w);
}

static void test_writer_misuse(void)
{
	check_misuse(__LINE__, key_at_root);
	check_misuse(__LINE__, key_in_array);
	check_misuse(__LINE__, value_without_key);
	check_misuse(__LINE__, array_without_key);
	check_misuse(__LINE__, two_keys);
	check_misuse(__LINE__, end_after_key);
	check_misuse(__LINE__, wrong_end);
	check_misuse(__LINE__, wrong_end_object);
	check_misuse(__LINE__, end_at_root);
	check_misuse(__LINE__, two_roots);
	check_misuse(__LINE__, two_root_objects);
	check_misuse(__LINE__, null_string);
	check_misuse(__LINE__, null_key);
	check_misuse(__LINE__, null_string_n);
	check_misuse(__LINE__, too_deep);
}

static void test_writer_unbalanced_finish(void)
{
	struct zjson_writer w;
	char buf[64];

	zjson_writer_init(&w, buf, sizeof buf);
	CHECK_EQ(zjson_finish(&w), ZOS_ERR_INVALID_ARGUMENT); /* nothing written */
	zjson_writer_init(&w, buf, sizeof buf);
	zjson_array_begin(&w);
	CHECK_EQ(zjson_finish(&w), ZOS_ERR_INVALID_ARGUMENT);
	zjson_writer_init(&w, buf, sizeof buf);
	zjson_object_begin(&w);
	zjson_key(&w, "k");
	CHECK_EQ(zjson_finish(&w), ZOS_ERR_INVALID_ARGUMENT);
}

static void test_writer_depth_at_limit(void)
{
	struct zjson_writer w;
	struct zjson_doc doc;
	char buf[128];

	zjson_writer_init(&w, buf, sizeof buf);
	for (int i = 0; i < ZJSON_MAX_DEPTH; i++)
		zjson_array_begin(&w);
	for (int i = 0; i < ZJSON_MAX_DEPTH; i++)
		zjson_array_end(&w);
	CHECK_EQ(zjson_finish(&w), ZOS_OK);
	CHECK_EQ(w.len, 2 * ZJSON_MAX_DEPTH);
	CHECK_EQ(parse(&doc, buf), ZOS_OK); /* what it writes, it reads */
}

/* Every kind of value, written, parsed and read back. */
static void test_writer_round_trip(void)
{
	char all[0x80 - 1 + 1], out[256], buf[1024];
	struct zjson_writer w;
	struct zjson_doc doc;
	int32_t list;
	int64_t v;
	int b;

	for (int c = 1; c < 0x80; c++)
		all[c - 1] = (char)c;
	all[sizeof all - 1] = '\0';
	zjson_writer_init(&w, buf, sizeof buf);
	zjson_object_begin(&w);
	zjson_key(&w, "all ascii");
	zjson_string(&w, all);
	zjson_key(&w, "k\"\\\n\x01\xC3\xA9");
	zjson_string(&w, "\xF0\x9F\x98\x80 \xE2\x82\xAC");
	zjson_key(&w, "list");
	zjson_array_begin(&w);
	zjson_int64(&w, INT64_MIN);
	zjson_int64(&w, INT64_MAX);
	zjson_uint64(&w, UINT64_MAX);
	zjson_boolean(&w, 5);
	zjson_null(&w);
	zjson_string_n(&w, "a\0b", 3);
	zjson_array_end(&w);
	zjson_object_end(&w);
	CHECK_EQ(zjson_finish(&w), ZOS_OK);

	CHECK_EQ(parse(&doc, buf), ZOS_OK);
	check_tokens(__LINE__, &doc);
	CHECK_EQ(zjson_get_str(&doc, 0, "all ascii", out, sizeof out), ZOS_OK);
	CHECK(strcmp(out, all) == 0);
	CHECK_EQ(zjson_get_str(&doc, 0, "k\"\\\n\x01\xC3\xA9", out, sizeof out), ZOS_OK);
	CHECK(strcmp(out, "\xF0\x9F\x98\x80 \xE2\x82\xAC") == 0);
	list = zjson_get(&doc, 0, "list");
	CHECK_EQ(doc.toks[list].count, 6);
	CHECK_EQ(zjson_int(&doc, zjson_at(&doc, list, 0), &v), ZOS_OK);
	CHECK(v == INT64_MIN);
	CHECK_EQ(zjson_int(&doc, zjson_at(&doc, list, 1), &v), ZOS_OK);
	CHECK(v == INT64_MAX);
	CHECK_EQ(zjson_int(&doc, zjson_at(&doc, list, 2), &v), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zjson_bool(&doc, zjson_at(&doc, list, 3), &b), ZOS_OK);
	CHECK_EQ(b, 1);
	CHECK_EQ(doc.toks[zjson_at(&doc, list, 4)].type, ZJSON_NULL);
	CHECK_EQ(zjson_str(&doc, zjson_at(&doc, list, 5), out, sizeof out, NULL),
		 ZOS_ERR_INVALID_ARGUMENT); /* \u0000: not a C string */
}

static size_t write_sample(char *buf, size_t cap, int *rc)
{
	struct zjson_writer w;

	zjson_writer_init(&w, buf, cap);
	zjson_object_begin(&w);
	zjson_key(&w, "path");
	zjson_string(&w, "/home/\xC3\xA9t\xC3\xA9\t\"x\"");
	zjson_key(&w, "ids");
	zjson_array_begin(&w);
	zjson_int64(&w, -42);
	zjson_uint64(&w, 7);
	zjson_array_begin(&w);
	zjson_null(&w);
	zjson_array_end(&w);
	zjson_array_end(&w);
	zjson_key(&w, "\x01");
	zjson_boolean(&w, 0);
	zjson_object_end(&w);
	*rc = zjson_finish(&w);
	return w.len;
}

/* At every size up to the text's length (its NUL needs one more byte) the
 * writer stops at cap and says so; a guard zone after cap stays untouched. */
static void test_writer_overflow_at_every_size(void)
{
	char full[256];
	int rc;
	size_t n = write_sample(full, sizeof full, &rc);

	CHECK_EQ(rc, ZOS_OK);
	CHECK_EQ(n, strlen(full));
	for (size_t cap = 0; cap <= n + 1; cap++) {
		char *buf = malloc(cap + 16);
		size_t got;

		memset(buf, 0xA5, cap + 16);
		got = write_sample(buf, cap, &rc);
		for (size_t g = cap; g < cap + 16; g++)
			if ((uint8_t)buf[g] != 0xA5)
				harness_fail(__FILE__, __LINE__, "cap %zu: byte %zu written", cap, g);
		if (cap <= n) {
			CHECK_EQ(rc, ZOS_ERR_BUFFER_TOO_SMALL);
			CHECK_EQ(got, 0);
			if (cap)
				CHECK_EQ(buf[0], '\0');
		} else {
			CHECK_EQ(rc, ZOS_OK);
			CHECK(strcmp(buf, full) == 0);
		}
		free(buf);
	}
}

static void test_writer_null_buffer(void)
{
	struct zjson_writer w;

	zjson_writer_init(&w, NULL, 100);
	zjson_null(&w);
	CHECK_EQ(zjson_finish(&w), ZOS_ERR_BUFFER_TOO_SMALL);
}

/* ---- random inputs ------------------------------------------------------ */

static int same_tokens(const struct zjson_tok *a, const struct zjson_tok *b, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (a[i].type != b[i].type || a[i].is_key != b[i].is_key || a[i].start != b[i].start ||
		    a[i].end != b[i].end || a[i].count != b[i].count || a[i].parent != b[i].parent ||
		    a[i].next != b[i].next)
			return 0;
	return 1;
}

/* Parses s[0..n) from an exact-size copy with a small and a large token
 * array; what parses must satisfy the invariants and agree. */
static void parse_random(int line, const char *s, size_t n)
{
	static struct zjson_tok small[8];
	struct zjson_doc a, b;
	char *copy = exact_copy(s, n);
	int ra = zjson_parse(&a, copy, n, small, 8, NULL);
	int rb = zjson_parse(&b, copy, n, toks, NTOKS, NULL);

	if (ra == ZOS_OK) {
		check_tokens(line, &a);
		read_every_token(&a);
		if (rb != ZOS_OK || a.ntoks != b.ntoks || !same_tokens(small, toks, a.ntoks))
			harness_fail(__FILE__, line, "small and large token arrays disagree");
	}
	if (rb == ZOS_OK) {
		check_tokens(line, &b);
		read_every_token(&b);
	} else if (ra == ZOS_OK || (rb != ZOS_ERR_INVALID_ARGUMENT && rb != ZOS_ERR_RESOURCE_EXHAUSTED)) {
		harness_fail(__FILE__, line, "large parse: %d", rb);
	}
	free(copy);
}

static const char alphabet[] = "{}[],:\"\\ \t\n0123456789-+.eEtrufalsn/bu";

static void test_random_bytes(void)
{
	struct rng rng = rng_seeded(12345);
	char s[96];

	for (int iter = 0; iter < 4000; iter++) {
		size_t n = rng_below(&rng, sizeof s);
		for (size_t i = 0; i < n; i++) {
			uint32_t r = (uint32_t)rng_next(&rng);
			s[i] = r % 4 ? alphabet[(r >> 2) % (sizeof alphabet - 1)] : (char)(r >> 4);
		}
		parse_random(__LINE__, s, n);
	}
}

static void mutate(char *s, size_t *n, size_t cap, struct rng *rng)
{
	uint32_t r = (uint32_t)rng_next(rng), at = rng_below(rng, (uint32_t)*n);
	char c = rng_below(rng, 3) ? alphabet[rng_below(rng, sizeof alphabet - 1)]
				   : (char)rng_next(rng);

	switch (r % 5) {
	case 0: /* replace */
		if (*n)
			s[at] = c;
		break;
	case 1: /* insert */
		if (*n < cap) {
			memmove(s + at + 1, s + at, *n - at);
			s[at] = c;
			(*n)++;
		}
		break;
	case 2: /* delete */
		if (*n) {
			memmove(s + at, s + at + 1, *n - at - 1);
			(*n)--;
		}
		break;
	case 3: /* truncate */
		*n = at;
		break;
	default: /* flip a bit */
		if (*n)
			s[at] ^= (char)(1 << ((r >> 8) % 8));
		break;
	}
}

static void test_random_mutations_of_valid_documents(void)
{
	static const char *seeds[] = {
		rfc_image, rfc_places,
		"{\"a\":[1,{\"b\":null}],\"c\":\"x\\u00e9\\uD83D\\uDE00\\n\"}",
		"[true,false,null,-0.5e+3,\"\xE2\x82\xAC\",{},[],{\"k\":{\"k\":[]}}]",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	};
	struct rng rng = rng_seeded(99);
	char s[1024];

	for (int iter = 0; iter < 6000; iter++) {
		const char *src = seeds[iter % (sizeof seeds / sizeof seeds[0])];
		size_t n = strlen(src), edits = 1 + rng_below(&rng, 4);

		memcpy(s, src, n);
		for (size_t e = 0; e < edits; e++)
			mutate(s, &n, sizeof s, &rng);
		parse_random(__LINE__, s, n);
	}
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_rfc_image_object);
	RUN(test_rfc_array_of_places);
	RUN(test_rfc_scalar_texts);
	RUN(test_token_layout);
	RUN(test_whitespace_is_only_four_bytes);
	RUN(test_valid_numbers);
	RUN(test_errors_structure);
	RUN(test_errors_literals_and_numbers);
	RUN(test_errors_strings_and_escapes);
	RUN(test_every_escape);
	RUN(test_surrogate_pairs);
	RUN(test_lone_surrogates);
	RUN(test_utf8_valid_edges);
	RUN(test_utf8_invalid);
	RUN(test_int64_limits);
	RUN(test_int_refuses_fractions_and_exponents);
	RUN(test_depth_at_and_over_the_limit);
	RUN(test_depth_resets_after_closing);
	RUN(test_token_capacity);
	RUN(test_length_limit);
	RUN(test_get_nested_and_missing);
	RUN(test_get_returns_first_duplicate);
	RUN(test_at);
	RUN(test_str_buffer_sizes);
	RUN(test_bool_and_wrong_types);
	RUN(test_damaged_tokens_stay_in_bounds);
	RUN(test_writer_exact_output);
	RUN(test_writer_scalar_roots);
	RUN(test_writer_escapes);
	RUN(test_writer_refuses_invalid_utf8);
	RUN(test_writer_misuse);
	RUN(test_writer_unbalanced_finish);
	RUN(test_writer_depth_at_limit);
	RUN(test_writer_round_trip);
	RUN(test_writer_overflow_at_every_size);
	RUN(test_writer_null_buffer);
	RUN(test_random_bytes);
	RUN(test_random_mutations_of_valid_documents);
	return harness_finish("json");
}
