/*
 * fuzz_json: a libFuzzer target for lib/json. The input is a
 * document, parsed as it is (libFuzzer's buffer has exactly its size, so
 * ASan sees any read past len).
 *
 * Oracles, any failure aborts with the reason:
 *  - nothing crashes, hangs or trips a sanitizer;
 *  - a parse returns OK, INVALID_ARGUMENT or RESOURCE_EXHAUSTED, with a
 *    reason and a position inside the text;
 *  - a small (8) and a large (4096) token array agree: the same tokens when
 *    both succeed, "too many tokens" from the small one exactly when the
 *    document needs more than 8, the same error when both fail on syntax;
 *  - an accepted document's tokens are well formed (extents inside the
 *    text, parents before children, counts and next consistent, keys only
 *    in objects), and its strings, unescaped by an independent decoder
 *    here, are valid UTF-8 without raw control characters;
 *  - every typed reader agrees with the token's type and with the
 *    reference: zjson_str with the decoder (and BUFFER_TOO_SMALL one byte
 *    short), zjson_int with a reference integer reader, zjson_bool with the
 *    text, zjson_get with the members' unescaped keys, zjson_at with the
 *    element order;
 *  - the document re-written with the writer (integers as themselves,
 *    other numbers as 0) parses again to the same structure and values, and
 *    writing that again gives the same bytes; writing into a buffer one
 *    byte short, or half the size, reports BUFFER_TOO_SMALL and stays
 *    inside it.
 * Documents with a NUL in a key skip the re-writing (zjson_key takes a C
 * string).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/error.h>

#include "lib/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SMALL 8
#define LARGE 4096

static struct zjson_tok small_toks[SMALL], large_toks[LARGE], again_toks[LARGE];

static void die(const char *what, uint32_t i) __attribute__((noreturn));

static void die(const char *what, uint32_t i)
{
	fprintf(stderr, "fuzz_json: %s (token %u)\n", what, i);
	abort();
}

/* ---- references, written independently of json.c ------------------------ */

static uint32_t ref_hex4(const char *s)
{
	char h[5];

	memcpy(h, s, 4);
	h[4] = '\0';
	return (uint32_t)strtoul(h, NULL, 16);
}

static size_t ref_put(uint32_t cp, uint8_t *out)
{
	if (cp < 0x80) {
		out[0] = (uint8_t)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (uint8_t)(0xC0 | cp >> 6);
		out[1] = (uint8_t)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (uint8_t)(0xE0 | cp >> 12);
		out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (uint8_t)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (uint8_t)(0xF0 | cp >> 18);
	out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (uint8_t)(0x80 | (cp & 0x3F));
	return 4;
}

/* Unescapes an accepted string body into out (at most n bytes). */
static size_t ref_unescape(const char *s, size_t n, uint8_t *out, uint32_t tok)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	size_t i = 0, o = 0;

	while (i < n) {
		if ((uint8_t)s[i] < 0x20)
			die("raw control character accepted", tok);
		if (s[i] != '\\') {
			out[o++] = (uint8_t)s[i++];
			continue;
		}
		if (i + 1 >= n)
			die("escape cut short accepted", tok);
		const char *f = s[i + 1] ? strchr(from, s[i + 1]) : NULL;
		if (f) {
			out[o++] = (uint8_t)to[f - from];
			i += 2;
			continue;
		}
		if (s[i + 1] != 'u' || i + 6 > n)
			die("bad escape accepted", tok);
		uint32_t cp = ref_hex4(s + i + 2);
		i += 6;
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			die("lone low surrogate accepted", tok);
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u')
				die("lone high surrogate accepted", tok);
			uint32_t lo = ref_hex4(s + i + 2);
			if (lo < 0xDC00 || lo > 0xDFFF)
				die("unpaired high surrogate accepted", tok);
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			i += 6;
		}
		o += ref_put(cp, out + o);
	}
	return o;
}

/* Decodes every character and checks it is in its shortest form, not a
 * surrogate, and at most U+10FFFF. */
static int ref_utf8_ok(const uint8_t *s, size_t n)
{
	static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t i = 0;

	while (i < n) {
		uint32_t cp, len, k;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xE0) == 0xC0)
			len = 2, cp = s[i] & 0x1F;
		else if ((s[i] & 0xF0) == 0xE0)
			len = 3, cp = s[i] & 0x0F;
		else if ((s[i] & 0xF8) == 0xF0)
			len = 4, cp = s[i] & 0x07;
		else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

/* A number's text: integer (only '-' and digits) or not, its magnitude,
 * and whether that overflowed 64 bits. */
struct ref_num {
	int integer, neg, overflow;
	unsigned long long mag;
};

static struct ref_num ref_number(const char *s, size_t n)
{
	struct ref_num r = { 1, n > 0 && s[0] == '-', 0, 0 };

	for (size_t i = (size_t)r.neg; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			r.integer = 0;
			return r;
		}
		unsigned d = (unsigned)(s[i] - '0');
		if (r.mag > (~0ull - d) / 10)
			r.overflow = 1;
		r.mag = r.mag * 10 + d;
	}
	return r;
}

static int ref_fits_int64(struct ref_num r)
{
	return r.integer && !r.overflow && r.mag <= (r.neg ? 1ull << 63 : (1ull << 63) - 1);
}

/* ---- the parse and its tokens ------------------------------------------- */

static int same_tok(const struct zjson_tok *a, const struct zjson_tok *b)
{
	return a->type == b->type && a->is_key == b->is_key && a->start == b->start &&
	       a->end == b->end && a->count == b->count && a->parent == b->parent && a->next == b->next;
}

static void check_error(int rc, const struct zjson_error *err, size_t size)
{
	if (rc != ZOS_OK && rc != ZOS_ERR_INVALID_ARGUMENT && rc != ZOS_ERR_RESOURCE_EXHAUSTED)
		die("unexpected return code", 0);
	if (!err->reason || !err->reason[0] || err->pos > size)
		die("error without a reason or outside the text", 0);
}

/* The small and the large token arrays must tell the same story. */
static void check_capacities(const struct zjson_doc *s, int rs, const struct zjson_error *es,
			     const struct zjson_doc *l, int rl, const struct zjson_error *el)
{
	if (rs == ZOS_OK && (rl != ZOS_OK || s->ntoks != l->ntoks))
		die("small array parsed, large did not agree", 0);
	for (uint32_t i = 0; rs == ZOS_OK && i < s->ntoks; i++)
		if (!same_tok(&s->toks[i], &l->toks[i]))
			die("small and large tokens differ", i);
	if (rl == ZOS_OK && l->ntoks <= SMALL && rs != ZOS_OK)
		die("small array refused a document that fits", 0);
	if (rl == ZOS_OK && l->ntoks > SMALL &&
	    (rs != ZOS_ERR_RESOURCE_EXHAUSTED || strcmp(es->reason, "too many tokens") != 0))
		die("small array did not run out of tokens", 0);
	if (rl != ZOS_OK && rs == ZOS_ERR_INVALID_ARGUMENT &&
	    (rl != rs || el->pos != es->pos || strcmp(el->reason, es->reason) != 0))
		die("small and large disagree on a syntax error", 0);
}

static void check_children(const struct zjson_doc *doc, uint32_t i)
{
	const struct zjson_tok *t = &doc->toks[i];
	uint32_t c = i + 1;

	for (uint32_t k = 0; k < t->count; k++) {
		if (c >= doc->ntoks || doc->toks[c].parent != (int32_t)i)
			die("child count or parent wrong", i);
		if ((t->type == ZJSON_OBJECT) != doc->toks[c].is_key)
			die("key outside an object, or member without key", c);
		if (zjson_at(doc, (int32_t)i, k) != (t->type == ZJSON_ARRAY ? (int32_t)c : -1))
			die("zjson_at disagrees with the element order", i);
		c = doc->toks[c].next;
	}
	if (c != t->next)
		die("children do not end at next", i);
}

static void check_token(const struct zjson_doc *doc, uint32_t i)
{
	const struct zjson_tok *t = &doc->toks[i];

	if (t->type < ZJSON_NULL || t->type > ZJSON_OBJECT)
		die("bad type", i);
	if (t->start > t->end || t->end > doc->len || t->next <= i || t->next > doc->ntoks)
		die("extent or next out of range", i);
	if (i == 0 ? t->parent != -1 || t->next != doc->ntoks : t->parent < 0 || (uint32_t)t->parent >= i)
		die("parent out of order", i);
	if (t->is_key && (i + 1 >= doc->ntoks || doc->toks[i + 1].parent != (int32_t)i ||
			  doc->toks[i + 1].next != t->next))
		die("key without its value", i);
	if (t->type == ZJSON_ARRAY || t->type == ZJSON_OBJECT)
		check_children(doc, i);
	else if (t->count != 0)
		die("scalar with a count", i);
}

/* ---- typed readers against the references -------------------------------- */

static void check_string(const struct zjson_doc *doc, uint32_t i, uint8_t *ref, char *out)
{
	const struct zjson_tok *t = &doc->toks[i];
	size_t n = ref_unescape(doc->text + t->start, t->end - t->start, ref, i), got = 0;
	int has_nul = memchr(ref, 0, n) != NULL;
	int rc = zjson_str(doc, (int32_t)i, out, n + 1, &got);

	if (!ref_utf8_ok(ref, n))
		die("string is not valid UTF-8", i);
	if (has_nul ? rc != ZOS_ERR_INVALID_ARGUMENT : rc != ZOS_OK || got != n || memcmp(out, ref, n))
		die("zjson_str disagrees with the reference", i);
	if (!has_nul && (zjson_str(doc, (int32_t)i, out, n, &got) != ZOS_ERR_BUFFER_TOO_SMALL ||
			 got != n))
		die("zjson_str fitted a string one byte short", i);
}

static void check_number(const struct zjson_doc *doc, uint32_t i)
{
	const struct zjson_tok *t = &doc->toks[i];
	struct ref_num r = ref_number(doc->text + t->start, t->end - t->start);
	int64_t v;
	int rc = zjson_int(doc, (int32_t)i, &v);

	if (rc != (ref_fits_int64(r) ? ZOS_OK : ZOS_ERR_INVALID_ARGUMENT))
		die("zjson_int range disagrees", i);
	if (rc == ZOS_OK && (r.neg ? 0 - (unsigned long long)v : (unsigned long long)v) != r.mag)
		die("zjson_int value disagrees", i);
}

/* The member lookup finds a member with this key, no later than this one. */
static void check_key(const struct zjson_doc *doc, uint32_t i, uint8_t *ref, uint8_t *ref2)
{
	const struct zjson_tok *t = &doc->toks[i];
	size_t n = ref_unescape(doc->text + t->start, t->end - t->start, ref, i);
	int32_t v;

	if (memchr(ref, 0, n))
		return;
	ref[n] = '\0';
	v = zjson_get(doc, t->parent, (const char *)ref);
	if (v < 1 || (uint32_t)v > i + 1 || doc->toks[v].parent != v - 1 ||
	    doc->toks[v - 1].parent != t->parent)
		die("zjson_get missed a member", i);
	const struct zjson_tok *k = &doc->toks[v - 1];
	if (ref_unescape(doc->text + k->start, k->end - k->start, ref2, i) != n || memcmp(ref, ref2, n))
		die("zjson_get found another key", i);
}

static void check_readers(const struct zjson_doc *doc, uint32_t i, uint8_t *ref, uint8_t *ref2,
			  char *out)
{
	const struct zjson_tok *t = &doc->toks[i];
	int b = -1;
	int64_t v;

	if (t->type == ZJSON_STRING)
		check_string(doc, i, ref, out);
	else if (zjson_str(doc, (int32_t)i, out, 1, NULL) != ZOS_ERR_INVALID_ARGUMENT)
		die("zjson_str read a non-string", i);
	if (t->type == ZJSON_NUMBER)
		check_number(doc, i);
	else if (zjson_int(doc, (int32_t)i, &v) != ZOS_ERR_INVALID_ARGUMENT)
		die("zjson_int read a non-number", i);
	if (zjson_bool(doc, (int32_t)i, &b) != (t->type == ZJSON_BOOL ? ZOS_OK : ZOS_ERR_INVALID_ARGUMENT))
		die("zjson_bool disagrees with the type", i);
	if (t->type == ZJSON_BOOL && b != (doc->text[t->start] == 't'))
		die("zjson_bool value", i);
	if (t->is_key)
		check_key(doc, i, ref, ref2);
}

/* ---- re-writing ------------------------------------------------------- */

static void write_number(struct zjson_writer *w, const struct zjson_doc *doc, uint32_t i)
{
	const struct zjson_tok *t = &doc->toks[i];
	struct ref_num r = ref_number(doc->text + t->start, t->end - t->start);
	int64_t v;

	if (zjson_int(doc, (int32_t)i, &v) == ZOS_OK)
		zjson_int64(w, v);
	else if (r.integer && !r.neg && !r.overflow)
		zjson_uint64(w, r.mag);
	else
		zjson_int64(w, 0);
}

/* Writes token i; 0 if it is a key with a NUL (zjson_key cannot take it). */
static int write_token(struct zjson_writer *w, const struct zjson_doc *doc, uint32_t i,
		       uint8_t *ref)
{
	const struct zjson_tok *t = &doc->toks[i];
	size_t n;

	switch (t->type) {
	case ZJSON_STRING:
		n = ref_unescape(doc->text + t->start, t->end - t->start, ref, i);
		if (!t->is_key) {
			zjson_string_n(w, (const char *)ref, n);
			return 1;
		}
		if (memchr(ref, 0, n))
			return 0;
		ref[n] = '\0';
		zjson_key(w, (const char *)ref);
		return 1;
	case ZJSON_NUMBER: write_number(w, doc, i); return 1;
	case ZJSON_BOOL: zjson_boolean(w, doc->text[t->start] == 't'); return 1;
	case ZJSON_NULL: zjson_null(w); return 1;
	case ZJSON_ARRAY: zjson_array_begin(w); return 1;
	default: zjson_object_begin(w); return 1;
	}
}

static void write_close(struct zjson_writer *w, const struct zjson_doc *doc, int32_t c)
{
	if (doc->toks[c].type == ZJSON_ARRAY)
		zjson_array_end(w);
	else
		zjson_object_end(w);
}

/* The whole document, in token order; containers close when the next token
 * is past their contents. Returns zjson_finish's code, or 1 if skipped. */
static int write_doc(const struct zjson_doc *doc, char *buf, size_t cap, uint8_t *ref, size_t *len)
{
	int32_t open[ZJSON_MAX_DEPTH];
	uint32_t depth = 0;
	struct zjson_writer w;

	zjson_writer_init(&w, buf, cap);
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		while (depth && doc->toks[open[depth - 1]].next == i)
			write_close(&w, doc, open[--depth]);
		if (!write_token(&w, doc, i, ref))
			return 1;
		if (doc->toks[i].type == ZJSON_ARRAY || doc->toks[i].type == ZJSON_OBJECT) {
			if (depth == ZJSON_MAX_DEPTH)
				die("parser accepted a document too deep", i);
			open[depth++] = (int32_t)i;
		}
	}
	while (depth)
		write_close(&w, doc, open[--depth]);
	*len = w.len;
	return zjson_finish(&w);
}

/* The re-parsed document has the same shape, keys, strings and values. */
static void check_same_structure(const struct zjson_doc *a, const struct zjson_doc *b, uint8_t *ra,
				 uint8_t *rb)
{
	if (a->ntoks != b->ntoks)
		die("re-parse has another token count", 0);
	for (uint32_t i = 0; i < a->ntoks; i++) {
		const struct zjson_tok *x = &a->toks[i], *y = &b->toks[i];
		if (x->type != y->type || x->is_key != y->is_key || x->count != y->count ||
		    x->parent != y->parent || x->next != y->next)
			die("re-parse has another structure", i);
		if (x->type == ZJSON_STRING) {
			size_t n = ref_unescape(a->text + x->start, x->end - x->start, ra, i);
			if (ref_unescape(b->text + y->start, y->end - y->start, rb, i) != n || memcmp(ra, rb, n))
				die("re-parse has another string", i);
		}
		if (x->type == ZJSON_BOOL && a->text[x->start] != b->text[y->start])
			die("re-parse has another boolean", i);
		if (x->type == ZJSON_NUMBER) {
			struct ref_num p = ref_number(a->text + x->start, x->end - x->start);
			struct ref_num q = ref_number(b->text + y->start, y->end - y->start);
			int exact = ref_fits_int64(p) || (p.integer && !p.neg && !p.overflow);
			if (exact && (!q.integer || q.mag != p.mag || q.neg != (p.neg && p.mag != 0)))
				die("re-parse has another integer", i);
		}
	}
}

/* Too small a buffer: BUFFER_TOO_SMALL, and nothing outside it (exact
 * allocation, so ASan would see a byte written past cap). */
static void check_overflow(const struct zjson_doc *doc, size_t cap, uint8_t *ref)
{
	char *buf = malloc(cap ? cap : 1);
	size_t len = 0;
	int rc = write_doc(doc, buf, cap, ref, &len);

	if (rc != ZOS_ERR_BUFFER_TOO_SMALL)
		die("writer did not report a full buffer", (uint32_t)cap);
	free(buf);
}

static void check_rewrite(const struct zjson_doc *doc, uint8_t *ra, uint8_t *rb)
{
	size_t cap = doc->len + 64, n1 = 0, n2 = 0;
	char *out1 = malloc(cap), *out2 = malloc(cap);
	struct zjson_doc again;
	struct zjson_error err;
	int rc = write_doc(doc, out1, cap, ra, &n1);

	if (rc == 1)
		goto out;
	if (rc != ZOS_OK)
		die("writer refused an accepted document", (uint32_t)rc);
	if (zjson_parse(&again, out1, n1, again_toks, LARGE, &err) != ZOS_OK) {
		fprintf(stderr, "fuzz_json: %.*s\n  at %zu: %s\n", (int)n1, out1, err.pos, err.reason);
		die("writer output does not parse", 0);
	}
	check_same_structure(doc, &again, ra, rb);
	if (write_doc(&again, out2, cap, ra, &n2) != ZOS_OK || n1 != n2 || memcmp(out1, out2, n1))
		die("writing is not idempotent", 0);
	check_overflow(doc, n1, ra);
	check_overflow(doc, n1 / 2, ra);
out:
	free(out1);
	free(out2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zjson_doc s, l;
	struct zjson_error es, el;
	const char *text = (const char *)data;
	int rs = zjson_parse(&s, text, size, small_toks, SMALL, &es);
	int rl = zjson_parse(&l, text, size, large_toks, LARGE, &el);

	check_error(rs, &es, size);
	check_error(rl, &el, size);
	check_capacities(&s, rs, &es, &l, rl, &el);
	if (rl != ZOS_OK)
		return 0;
	uint8_t *ref = malloc(size + 1), *ref2 = malloc(size + 1);
	char *out = malloc(size + 1);
	for (uint32_t i = 0; i < l.ntoks; i++)
		check_token(&l, i);
	for (uint32_t i = 0; i < l.ntoks; i++)
		check_readers(&l, i, ref, ref2, out);
	check_rewrite(&l, ref, ref2);
	free(ref);
	free(ref2);
	free(out);
	return 0;
}
