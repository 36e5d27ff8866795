/*
 * The one error answer (answer.h): written once for every service, read
 * once for every client.
 *
 * The writer never fails for a buffer of ZOS_ANSWER_MIN_CAP bytes: every
 * request that came by CALL is answered, so a refusal that cannot be said
 * as asked is said in a shorter form (words cut and marked, the too_big
 * answer) rather than not at all. The reader trusts nothing in the body:
 * each member is checked for its type and its size before it is copied,
 * and what it cannot read is ZOS_ERR_CORRUPT with a reason, never a
 * half-filled refusal.
 */
#include "answer.h"

#include <stdarg.h>
#include <zos/error.h>

#include "lib/fmt.h"
#include "lib/mem.h"

static const char too_big_text[] =
	"{\"error\":\"the answer does not fit in a message\",\"code\":\"" ZOS_ANSWER_TOO_BIG "\"}";
_Static_assert(sizeof too_big_text <= ZOS_ANSWER_MIN_CAP, "ZOS_ANSWER_MIN_CAP holds too_big");

#define STR_(x) #x
#define STR(x) STR_(x)

/* 1 when s[0..n) is a code: 1..ZOS_ANSWER_CODE_MAX bytes of a-z 0-9 _. */
static int is_code(const char *s, size_t n)
{
	if (n == 0 || n > ZOS_ANSWER_CODE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

static uint32_t too_big(char *out, uint32_t cap)
{
	if (cap < sizeof too_big_text) {
		if (cap)
			out[0] = 0;
		return 0;
	}
	zos_memcpy(out, too_big_text, sizeof too_big_text);
	return sizeof too_big_text - 1;
}

/* Words of n bytes (their full length; the buffer holds at most
 * ZOS_ANSWER_WORDS_MAX of them) cut, when longer, before a character
 * that leaves room for "...". */
static void cut_words(char *words, size_t n)
{
	size_t p = ZOS_ANSWER_WORDS_MAX - 3;

	if (n <= ZOS_ANSWER_WORDS_MAX)
		return;
	while (p > 0 && ((unsigned char)words[p] & 0xc0) == 0x80)
		p--; /* a continuation byte: the character began earlier */
	zos_memcpy(words + p, "...", 4);
}

uint32_t zos_answer_error(char *out, uint32_t cap, const char *code, const char *fmt, ...)
{
	char words[ZOS_ANSWER_WORDS_MAX + 1];
	struct zjson_writer w;
	va_list ap;
	int n;

	if (cap < ZOS_ANSWER_MIN_CAP) {
		if (cap)
			out[0] = 0;
		return 0;
	}
	va_start(ap, fmt);
	n = zos_vsnprintf(words, sizeof words, fmt, ap);
	va_end(ap);
	cut_words(words, n > 0 ? (size_t)n : 0);
	if (!zjson_utf8_valid(words, zos_strlen(words)))
		zos_strlcpy(words, "(the reason is not UTF-8 text)", sizeof words);
	if (!code || !is_code(code, zos_strlen(code)))
		code = "failed";
	zjson_writer_init(&w, out, cap);
	zjson_object_begin(&w);
	zjson_key(&w, "error");
	zjson_string(&w, words);
	zjson_key(&w, "code");
	zjson_string(&w, code);
	zjson_object_end(&w);
	return zos_answer_finish(&w);
}

uint32_t zos_answer_finish(struct zjson_writer *w)
{
	if (zjson_finish(w) == ZOS_OK)
		return (uint32_t)w->len;
	return too_big(w->buf, w->cap > UINT32_MAX ? UINT32_MAX : (uint32_t)w->cap);
}

int64_t zos_refusal_say(struct zos_refusal *r, int64_t err, const char *why)
{
	r->code[0] = 0;
	zos_strlcpy(r->words, why, sizeof r->words);
	return err;
}

/* A body that is not an answer: who sent it and why it is not, in r. */
static int malformed(struct zos_refusal *r, const char *who, const char *why)
{
	r->code[0] = 0;
	zos_snprintf(r->words, sizeof r->words, "%s sent a malformed answer (%s)",
		     who ? who : "the service", why);
	return ZOS_ERR_CORRUPT;
}

int zos_answer_read(struct zjson_doc *doc, const void *body, size_t len, struct zjson_tok *toks,
		    uint32_t ntoks, const char *who, struct zos_refusal *r)
{
	struct zjson_error err;
	int32_t e, c;
	size_t n;
	int rc;

	r->code[0] = r->words[0] = 0;
	rc = zjson_parse(doc, (const char *)body, len, toks, ntoks, &err);
	if (rc == ZOS_ERR_RESOURCE_EXHAUSTED)
		return malformed(r, who, "larger or deeper than expected");
	if (rc != ZOS_OK)
		return malformed(r, who, "not JSON");
	if (doc->toks[0].type != ZJSON_OBJECT)
		return malformed(r, who, "not a JSON object");
	e = zjson_get(doc, 0, "error");
	if (e < 0)
		return ZOS_ANSWER_OK;
	if (doc->toks[e].type != ZJSON_STRING)
		return malformed(r, who, "an \"error\" that is not a string");
	rc = zjson_str(doc, e, r->words, sizeof r->words, &n);
	if (rc == ZOS_ERR_BUFFER_TOO_SMALL)
		return malformed(r, who,
				 "an error whose words are over " STR(ZOS_ANSWER_WORDS_MAX) " bytes");
	if (rc != ZOS_OK)
		return malformed(r, who, "an error whose words are not text");
	c = zjson_get(doc, 0, "code");
	if (c < 0)
		return malformed(r, who, "an error without a code");
	if (doc->toks[c].type != ZJSON_STRING ||
	    zjson_str(doc, c, r->code, sizeof r->code, &n) != ZOS_OK || !is_code(r->code, n))
		return malformed(r, who, "an error whose code is not a short code");
	return ZOS_ANSWER_REFUSED;
}
