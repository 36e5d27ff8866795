/*
 * JSON for service protocols (see json.h): RFC 8259, read strictly and
 * written canonically, in caller-given memory only.
 *
 * The reader is one pass over text[0..len) driven by a small state machine
 * with an explicit stack of open containers, so no input makes it recurse
 * and it never holds more than ZJSON_MAX_DEPTH containers open. A token is
 * appended when a value or key begins and completed (end, next) when it
 * ends. While parsing:
 *   - pos <= len, and every byte is read through peek() or after a length
 *     check, so nothing past len is ever touched;
 *   - tokens [0, n) are in document order and n <= cap; a token's parent
 *     has a smaller index (a member's value has its key as parent);
 *   - stack[0..depth) are the open containers, outermost first; their end
 *     and next are set only when they close;
 *   - a key's next is set with its value's, to the index after that value.
 * What it accepts: whitespace is space, tab, CR and LF; strings are valid
 * UTF-8 (RFC 3629: no overlongs, no encoded surrogates, nothing over
 * U+10FFFF) without raw control characters, and \u escapes name a scalar
 * value (a surrogate only as a high-low pair); numbers follow the RFC's
 * grammar (no '+', no leading zero, no bare '.', no NaN or Infinity); no
 * comments, no trailing commas, exactly one value. Duplicate keys are kept:
 * zjson_get finds the first. Every refusal stops at the offending byte and
 * names it (err->pos, err->reason).
 *
 * The typed readers check the index and type, and decode only inside the
 * token's extent with bounds checks of their own, so a doc whose tokens
 * were damaged by its owner still cannot make them read past len.
 *
 * The writer keeps w->len < w->cap (one byte stays free for finish's NUL),
 * checks that a value, key or end may come before writing any of it, and
 * refuses bytes that are not valid UTF-8. Its first error sticks; later
 * calls do nothing and zjson_finish reports it, leaving an empty string.
 */
#include "lib/json.h"

#include <zos/error.h>

#include "lib/fmt.h"
#include "lib/mem.h"

#define JSON_MAX_LEN ((size_t)UINT32_MAX - 1)
#define JSON_MAX_TOKS ((uint32_t)INT32_MAX) /* indexes are int32_t */

/* ---- bytes shared by reader and writer ---------------------------------- */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Length of the valid UTF-8 sequence at s[0..n) (n >= 1), or 0. The lead
 * byte narrows the second byte's range: that is what refuses overlongs
 * (C0, C1, E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code points
 * over U+10FFFF (F4 90.., F5..FF). */
static uint32_t utf8_seq(const uint8_t *s, size_t n)
{
	uint8_t c = s[0], lo = 0x80, hi = 0xBF;
	uint32_t len, i;

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

static int utf8_valid(const uint8_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t k = utf8_seq(s + i, n - i);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

/* Encodes scalar value cp (< 0x110000, not a surrogate) into out. */
static uint32_t utf8_put(uint32_t cp, uint8_t out[4])
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
		out[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (uint8_t)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (uint8_t)(0xF0 | cp >> 18);
	out[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (uint8_t)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---- escapes ---------------------------------------------------------- */

/* The byte a one-letter escape stands for, or 0 for an unknown letter. */
static uint8_t escape_value(uint8_t c)
{
	switch (c) {
	case '"': return '"';
	case '\\': return '\\';
	case '/': return '/';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	default: return 0;
	}
}

/* Four hex digits at s[at..at+4), all below end, into *v. */
static int hex4(const uint8_t *s, uint32_t end, uint32_t at, uint32_t *v)
{
	uint32_t i;

	if (at > end || end - at < 4)
		return 0;
	*v = 0;
	for (i = 0; i < 4; i++) {
		int h = zos_hex_digit((char)s[at + i]);
		if (h < 0)
			return 0;
		*v = *v << 4 | (uint32_t)h;
	}
	return 1;
}

static int is_high_surrogate(uint32_t v)
{
	return v >= 0xD800 && v <= 0xDBFF;
}

static int is_low_surrogate(uint32_t v)
{
	return v >= 0xDC00 && v <= 0xDFFF;
}

/* Decodes the \u escape at s[at] (the caller saw "\u" there, below end)
 * into one scalar value, taking a second escape for a surrogate pair.
 * Returns the bytes it used (6 or 12), or 0 with *why set. */
static uint32_t u_escape(const uint8_t *s, uint32_t end, uint32_t at, uint32_t *cp,
			 const char **why)
{
	uint32_t hi, lo;

	if (!hex4(s, end, at + 2, &hi)) {
		*why = "\\u needs four hex digits";
		return 0;
	}
	if (is_low_surrogate(hi)) {
		*why = "lone low surrogate";
		return 0;
	}
	if (!is_high_surrogate(hi)) {
		*cp = hi;
		return 6;
	}
	if (end - at < 12 || s[at + 6] != '\\' || s[at + 7] != 'u' || !hex4(s, end, at + 8, &lo) ||
	    !is_low_surrogate(lo)) {
		*why = "lone high surrogate";
		return 0;
	}
	*cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
	return 12;
}

/* ---- the parser --------------------------------------------------------- */

/* What the parser expects next. */
enum {
	S_VALUE,        /* a value: the root, or after ':' */
	S_FIRST_ELEM,   /* after '[': a value or ']' */
	S_NEXT_ELEM,    /* after ',' in an array: a value */
	S_FIRST_MEMBER, /* after '{': a key or '}' */
	S_NEXT_MEMBER,  /* after ',' in an object: a key */
	S_AFTER,        /* after a value: ',' or the container's end */
};

struct parser {
	const uint8_t *s;
	uint32_t len;
	uint32_t pos;                   /* next byte to read; <= len */
	struct zjson_tok *toks;
	uint32_t cap;
	uint32_t n;                     /* tokens so far; <= cap */
	uint32_t depth;                 /* open containers; <= ZJSON_MAX_DEPTH */
	int32_t stack[ZJSON_MAX_DEPTH]; /* their token indexes */
	int state;
	const char *reason;             /* set with the error */
};

static int fail(struct parser *p, int code, const char *reason)
{
	p->reason = reason;
	return code;
}

static int syntax(struct parser *p, const char *reason)
{
	return fail(p, ZOS_ERR_INVALID_ARGUMENT, reason);
}

/* The byte at pos, or -1 at the end of the input. */
static int peek(const struct parser *p)
{
	return p->pos < p->len ? p->s[p->pos] : -1;
}

static void skip_ws(struct parser *p)
{
	int c = peek(p);

	while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
		p->pos++;
		c = peek(p);
	}
}

static struct zjson_tok *top(struct parser *p)
{
	return &p->toks[p->stack[p->depth - 1]];
}

/* Appends a token for the value or key starting at pos and counts it in its
 * container. Returns its index, or -1 when the array is full. */
static int32_t tok_new(struct parser *p, uint8_t type, uint8_t is_key)
{
	struct zjson_tok *t;
	int32_t parent = -1;

	if (p->n >= p->cap)
		return -1;
	if (p->depth > 0) {
		struct zjson_tok *c = top(p);
		int in_object = c->type == ZJSON_OBJECT;
		parent = in_object && !is_key ? (int32_t)p->n - 1 : p->stack[p->depth - 1];
		if (is_key || !in_object)
			c->count++;
	}
	t = &p->toks[p->n];
	t->type = type;
	t->is_key = is_key;
	t->start = p->pos;
	t->end = p->pos;
	t->count = 0;
	t->parent = parent;
	t->next = 0;
	return (int32_t)p->n++;
}

/* Value i ends at end: it is complete, and so is its key if it has one. */
static void tok_done(struct parser *p, int32_t i, uint32_t end)
{
	struct zjson_tok *t = &p->toks[i];

	t->end = end;
	t->next = p->n;
	if (t->parent >= 0 && p->toks[t->parent].is_key)
		p->toks[t->parent].next = p->n;
	p->state = S_AFTER;
}

static int too_many(struct parser *p)
{
	return fail(p, ZOS_ERR_RESOURCE_EXHAUSTED, "too many tokens");
}

/* A backslash escape at pos (inside a string); pos moves past it. */
static int scan_escape(struct parser *p)
{
	const char *why;
	uint32_t cp, used;

	if (p->len - p->pos < 2)
		return syntax(p, "unterminated string");
	if (p->s[p->pos + 1] != 'u') {
		if (!escape_value(p->s[p->pos + 1]))
			return syntax(p, "invalid escape");
		p->pos += 2;
		return ZOS_OK;
	}
	used = u_escape(p->s, p->len, p->pos, &cp, &why);
	if (!used)
		return syntax(p, why);
	p->pos += used;
	return ZOS_OK;
}

/* The string whose opening quote is at pos, for token i: its extent is the
 * bytes between the quotes; pos moves past the closing quote. */
static int scan_string(struct parser *p, int32_t i)
{
	int c, rc = ZOS_OK;

	p->toks[i].start = ++p->pos;
	while ((c = peek(p)) != '"') {
		if (c < 0)
			return syntax(p, "unterminated string");
		if (c == '\\') {
			rc = scan_escape(p);
		} else if (c < 0x20) {
			return syntax(p, "control character in string");
		} else {
			uint32_t k = utf8_seq(p->s + p->pos, p->len - p->pos);
			if (!k)
				return syntax(p, "invalid UTF-8");
			p->pos += k;
		}
		if (rc)
			return rc;
	}
	p->toks[i].end = p->pos++;
	return ZOS_OK;
}

static int scan_digits(struct parser *p)
{
	uint32_t from = p->pos;

	while (is_digit(peek(p)))
		p->pos++;
	return p->pos > from;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int scan_number(struct parser *p)
{
	int32_t i = tok_new(p, ZJSON_NUMBER, 0);

	if (i < 0)
		return too_many(p);
	if (peek(p) == '-')
		p->pos++;
	if (peek(p) == '0') {
		p->pos++;
		if (is_digit(peek(p)))
			return syntax(p, "leading zero in number");
	} else if (!scan_digits(p)) {
		return syntax(p, "expected a digit");
	}
	if (peek(p) == '.') {
		p->pos++;
		if (!scan_digits(p))
			return syntax(p, "expected a digit after '.'");
	}
	if (peek(p) == 'e' || peek(p) == 'E') {
		p->pos++;
		if (peek(p) == '+' || peek(p) == '-')
			p->pos++;
		if (!scan_digits(p))
			return syntax(p, "expected a digit in the exponent");
	}
	tok_done(p, i, p->pos);
	return ZOS_OK;
}

static int scan_literal(struct parser *p, const char *word, uint8_t type)
{
	int32_t i = tok_new(p, type, 0);

	if (i < 0)
		return too_many(p);
	for (; *word; word++, p->pos++)
		if (peek(p) != (uint8_t)*word)
			return syntax(p, peek(p) < 0 ? "unexpected end of input" : "invalid literal");
	tok_done(p, i, p->pos);
	return ZOS_OK;
}

static int scan_string_value(struct parser *p)
{
	int32_t i = tok_new(p, ZJSON_STRING, 0);
	int rc;

	if (i < 0)
		return too_many(p);
	rc = scan_string(p, i);
	if (rc)
		return rc;
	tok_done(p, i, p->toks[i].end);
	return ZOS_OK;
}

static int open_container(struct parser *p, uint8_t type)
{
	int32_t i;

	if (p->depth == ZJSON_MAX_DEPTH)
		return fail(p, ZOS_ERR_RESOURCE_EXHAUSTED, "nested too deep");
	i = tok_new(p, type, 0);
	if (i < 0)
		return too_many(p);
	p->stack[p->depth++] = i;
	p->pos++;
	p->state = type == ZJSON_OBJECT ? S_FIRST_MEMBER : S_FIRST_ELEM;
	return ZOS_OK;
}

/* The byte at pos closes the innermost container (the caller checked). */
static int close_container(struct parser *p)
{
	int32_t i = p->stack[--p->depth];

	tok_done(p, i, ++p->pos);
	return ZOS_OK;
}

static int scan_value(struct parser *p)
{
	int c = peek(p);

	switch (c) {
	case '{': return open_container(p, ZJSON_OBJECT);
	case '[': return open_container(p, ZJSON_ARRAY);
	case '"': return scan_string_value(p);
	case 't': return scan_literal(p, "true", ZJSON_BOOL);
	case 'f': return scan_literal(p, "false", ZJSON_BOOL);
	case 'n': return scan_literal(p, "null", ZJSON_NULL);
	case -1: return syntax(p, "unexpected end of input");
	default:
		if (c == '-' || is_digit(c))
			return scan_number(p);
		return syntax(p, "expected a value");
	}
}

/* A member's key and its ':'; the value is next. */
static int scan_key(struct parser *p)
{
	int32_t i;
	int rc;

	if (peek(p) != '"')
		return syntax(p, peek(p) < 0 ? "unexpected end of input" : "expected a string key");
	i = tok_new(p, ZJSON_STRING, 1);
	if (i < 0)
		return too_many(p);
	rc = scan_string(p, i);
	if (rc)
		return rc;
	skip_ws(p);
	if (peek(p) != ':')
		return syntax(p, "expected ':' after a key");
	p->pos++;
	p->state = S_VALUE;
	return ZOS_OK;
}

/* After a value inside a container: a ',' or the container's end. */
static int scan_after(struct parser *p)
{
	int in_object = top(p)->type == ZJSON_OBJECT;
	int c = peek(p);

	if (c == ',') {
		p->pos++;
		p->state = in_object ? S_NEXT_MEMBER : S_NEXT_ELEM;
		return ZOS_OK;
	}
	if (c == (in_object ? '}' : ']'))
		return close_container(p);
	if (c < 0)
		return syntax(p, "unexpected end of input");
	return syntax(p, in_object ? "expected ',' or '}'" : "expected ',' or ']'");
}

/* One step of the state machine, from the first non-blank byte. */
static int step(struct parser *p)
{
	int c = peek(p);

	switch (p->state) {
	case S_FIRST_ELEM:
		return c == ']' ? close_container(p) : scan_value(p);
	case S_NEXT_ELEM:
		return c == ']' ? syntax(p, "trailing comma") : scan_value(p);
	case S_FIRST_MEMBER:
		return c == '}' ? close_container(p) : scan_key(p);
	case S_NEXT_MEMBER:
		return c == '}' ? syntax(p, "trailing comma") : scan_key(p);
	case S_AFTER:
		return scan_after(p);
	default:
		return scan_value(p);
	}
}

/* Loop invariant: state is S_AFTER with depth 0 exactly when the root value
 * is complete; only whitespace may follow it. */
static int parse_text(struct parser *p)
{
	int rc;

	p->state = S_VALUE;
	while (!(p->state == S_AFTER && p->depth == 0)) {
		skip_ws(p);
		rc = step(p);
		if (rc)
			return rc;
	}
	skip_ws(p);
	if (p->pos != p->len)
		return syntax(p, "unexpected data after the document");
	return ZOS_OK;
}

static void parser_init(struct parser *p, const char *text, uint32_t len, struct zjson_tok *toks,
			uint32_t cap)
{
	p->s = (const uint8_t *)text;
	p->len = len;
	p->pos = 0;
	p->toks = toks;
	p->cap = !toks ? 0 : cap > JSON_MAX_TOKS ? JSON_MAX_TOKS : cap;
	p->n = 0;
	p->depth = 0;
	p->reason = "ok";
}

/* On success err says "ok" at len; on failure doc->ntoks stays 0, so every
 * lookup on the failed doc finds nothing. */
int zjson_parse(struct zjson_doc *doc, const char *text, size_t len, struct zjson_tok *toks,
		uint32_t cap, struct zjson_error *err)
{
	struct zjson_error ignored;
	struct parser p;
	int rc;

	if (!err)
		err = &ignored;
	err->pos = 0;
	err->reason = "ok";
	if (!doc || (!text && len)) {
		err->reason = "no document";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	doc->text = text;
	doc->len = len;
	doc->toks = toks;
	doc->ntoks = 0;
	doc->cap = cap;
	if (len > JSON_MAX_LEN) {
		err->reason = "document too long";
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	parser_init(&p, text, (uint32_t)len, toks, cap);
	rc = parse_text(&p);
	err->pos = p.pos;
	err->reason = p.reason;
	if (rc == ZOS_OK)
		doc->ntoks = p.n; /* the tokens become visible to lookups here */
	return rc;
}

/* ---- lookups and typed reads --------------------------------------------- */

/* Token i if it exists, has the type and lies inside the text; else 0. */
static const struct zjson_tok *tok_get(const struct zjson_doc *doc, int64_t i, uint8_t type)
{
	const struct zjson_tok *t;

	if (!doc || !doc->toks || doc->ntoks > doc->cap || i < 0 || i >= (int64_t)doc->ntoks)
		return 0;
	t = &doc->toks[i];
	if (t->type != type || t->start > t->end || t->end > doc->len)
		return 0;
	return t;
}

/* The index after token i and its contents, if it moves forward. */
static int64_t tok_skip(const struct zjson_doc *doc, int64_t i)
{
	uint32_t next = doc->toks[i].next;

	return next > i && next <= doc->ntoks ? (int64_t)next : -1;
}

/* Decodes the character at *pos of a string body ending at end into out
 * (1 to 4 bytes) and moves *pos past it. Returns the byte count, or 0 for
 * an escape zjson_parse would have refused (a damaged token). */
static uint32_t str_next(const uint8_t *s, uint32_t end, uint32_t *pos, uint8_t out[4])
{
	const char *why;
	uint32_t at = *pos, cp, used;

	if (s[at] != '\\') {
		out[0] = s[at];
		*pos = at + 1;
		return 1;
	}
	if (end - at < 2)
		return 0;
	if (s[at + 1] != 'u') {
		out[0] = escape_value(s[at + 1]);
		*pos = at + 2;
		return out[0] ? 1 : 0;
	}
	used = u_escape(s, end, at, &cp, &why);
	if (!used)
		return 0;
	*pos = at + used;
	return utf8_put(cp, out);
}

/* 1 when key token t unescapes to exactly the C string key. */
static int key_equals(const uint8_t *s, const struct zjson_tok *t, const char *key)
{
	uint32_t pos = t->start, k, j;
	size_t n = 0;
	uint8_t ch[4];

	while (pos < t->end) {
		k = str_next(s, t->end, &pos, ch);
		if (!k)
			return 0;
		for (j = 0; j < k; j++, n++)
			if (key[n] == '\0' || (uint8_t)key[n] != ch[j])
				return 0;
	}
	return key[n] == '\0';
}

int32_t zjson_get(const struct zjson_doc *doc, int32_t obj, const char *key)
{
	const struct zjson_tok *o = tok_get(doc, obj, ZJSON_OBJECT), *k;
	int64_t i = (int64_t)obj + 1;
	uint32_t m;

	if (!o || !key)
		return -1;
	for (m = 0; m < o->count; m++) {
		k = tok_get(doc, i, ZJSON_STRING);
		if (!k || !k->is_key || i + 1 >= (int64_t)doc->ntoks)
			return -1;
		if (key_equals((const uint8_t *)doc->text, k, key))
			return (int32_t)(i + 1);
		i = tok_skip(doc, i);
		if (i < 0)
			return -1;
	}
	return -1;
}

int32_t zjson_at(const struct zjson_doc *doc, int32_t arr, uint32_t i)
{
	const struct zjson_tok *a = tok_get(doc, arr, ZJSON_ARRAY);
	int64_t e = (int64_t)arr + 1;
	uint32_t k;

	if (!a || i >= a->count || e >= (int64_t)doc->ntoks)
		return -1;
	for (k = 0; k < i; k++) {
		e = tok_skip(doc, e);
		if (e < 0 || e >= (int64_t)doc->ntoks)
			return -1;
	}
	return (int32_t)e;
}

/* Leaves out empty (when it has room) after a failed read. */
static int str_fail(char *out, size_t cap, int code)
{
	if (cap)
		out[0] = '\0';
	return code;
}

/* On BUFFER_TOO_SMALL, *len is the length it would have needed. */
int zjson_str(const struct zjson_doc *doc, int32_t i, char *out, size_t cap, size_t *len)
{
	const struct zjson_tok *t = tok_get(doc, i, ZJSON_STRING);
	uint32_t pos, k;
	size_t n = 0;
	uint8_t ch[4];

	if (!out)
		cap = 0;
	if (!t)
		return str_fail(out, cap, ZOS_ERR_INVALID_ARGUMENT);
	for (pos = t->start; pos < t->end; n += k) {
		k = str_next((const uint8_t *)doc->text, t->end, &pos, ch);
		if (!k || (k == 1 && ch[0] == '\0'))
			return str_fail(out, cap, ZOS_ERR_INVALID_ARGUMENT);
		if (k < cap && n < cap - k)
			zos_memcpy(out + n, ch, k);
	}
	if (len)
		*len = n;
	if (n >= cap)
		return str_fail(out, cap, ZOS_ERR_BUFFER_TOO_SMALL);
	out[n] = '\0';
	return ZOS_OK;
}

/* An optional '-' and decimal digits, as an int64; else INVALID_ARGUMENT. */
static int int_parse(const uint8_t *s, uint32_t n, int64_t *out)
{
	int neg = n > 0 && s[0] == '-';
	uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, v = 0, d;
	uint32_t k = (uint32_t)neg;

	if (k == n)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (; k < n; k++) {
		if (!is_digit(s[k]))
			return ZOS_ERR_INVALID_ARGUMENT; /* a fraction or an exponent */
		d = (uint64_t)(s[k] - '0');
		if (v > (limit - d) / 10)
			return ZOS_ERR_INVALID_ARGUMENT;
		v = v * 10 + d;
	}
	if (!neg)
		*out = (int64_t)v;
	else if (v == (uint64_t)INT64_MAX + 1)
		*out = INT64_MIN;
	else
		*out = -(int64_t)v;
	return ZOS_OK;
}

int zjson_int(const struct zjson_doc *doc, int32_t i, int64_t *out)
{
	const struct zjson_tok *t = tok_get(doc, i, ZJSON_NUMBER);

	if (!t || !out)
		return ZOS_ERR_INVALID_ARGUMENT;
	return int_parse((const uint8_t *)doc->text + t->start, t->end - t->start, out);
}

int zjson_bool(const struct zjson_doc *doc, int32_t i, int *out)
{
	const struct zjson_tok *t = tok_get(doc, i, ZJSON_BOOL);

	if (!t || !out || t->start == t->end)
		return ZOS_ERR_INVALID_ARGUMENT;
	*out = doc->text[t->start] == 't';
	return ZOS_OK;
}

int zjson_get_str(const struct zjson_doc *doc, int32_t obj, const char *key, char *out,
		  size_t cap)
{
	return zjson_str(doc, zjson_get(doc, obj, key), out, cap, 0);
}

int zjson_get_int(const struct zjson_doc *doc, int32_t obj, const char *key, int64_t *out)
{
	return zjson_int(doc, zjson_get(doc, obj, key), out);
}

int zjson_get_bool(const struct zjson_doc *doc, int32_t obj, const char *key, int *out)
{
	return zjson_bool(doc, zjson_get(doc, obj, key), out);
}

/* ---- the writer ------------------------------------------------------- */

void zjson_writer_init(struct zjson_writer *w, char *buf, size_t cap)
{
	zos_memset(w, 0, sizeof *w);
	w->buf = buf;
	w->cap = buf ? cap : 0;
}

/* Records the writer's first error; every later call then does nothing. */
static void w_fail(struct zjson_writer *w, int code)
{
	if (!w->err)
		w->err = code;
}

/* Appends n bytes, keeping len < cap so finish always has room for NUL. */
static void w_put(struct zjson_writer *w, const void *src, size_t n)
{
	if (w->err || n == 0)
		return;
	if (w->cap == 0 || n > w->cap - w->len - 1) {
		w_fail(w, ZOS_ERR_BUFFER_TOO_SMALL);
		return;
	}
	zos_memcpy(w->buf + w->len, src, n);
	w->len += n;
}

static void w_byte(struct zjson_writer *w, char c)
{
	w_put(w, &c, 1);
}

/* 1 when a value may come now: as the root (nothing written yet), in an
 * array, or in an object right after its key. */
static int w_value_allowed(const struct zjson_writer *w)
{
	if (w->depth == 0)
		return w->len == 0;
	if (w->is_object[w->depth - 1])
		return w->after_key;
	return 1;
}

/* Separates an element or member from the one before it. */
static void w_separate(struct zjson_writer *w)
{
	uint32_t d = w->depth - 1;

	if (!w->first[d])
		w_byte(w, ',');
	w->first[d] = 0;
}

/* Starts a value when ok (the caller's own check) and one may come here:
 * writes its comma and returns 1; else sets err and returns 0. */
static int w_value_begin(struct zjson_writer *w, int ok)
{
	if (w->err)
		return 0;
	if (!ok || !w_value_allowed(w)) {
		w_fail(w, ZOS_ERR_INVALID_ARGUMENT);
		return 0;
	}
	if (w->depth > 0 && w->is_object[w->depth - 1])
		w->after_key = 0;
	else if (w->depth > 0)
		w_separate(w);
	return !w->err;
}

static void w_escape(struct zjson_writer *w, uint8_t c)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
	size_t n = 2;

	switch (c) {
	case '"': e[1] = '"'; break;
	case '\\': e[1] = '\\'; break;
	case '\b': e[1] = 'b'; break;
	case '\f': e[1] = 'f'; break;
	case '\n': e[1] = 'n'; break;
	case '\r': e[1] = 'r'; break;
	case '\t': e[1] = 't'; break;
	default: n = 6; break;
	}
	w_put(w, e, n);
}

/* s[0..n) (valid UTF-8) in quotes: runs of plain bytes go out as they are. */
static void w_quoted(struct zjson_writer *w, const uint8_t *s, size_t n)
{
	size_t i, run = 0;

	w_byte(w, '"');
	for (i = 0; i < n; i++) {
		if (s[i] >= 0x20 && s[i] != '"' && s[i] != '\\')
			continue;
		w_put(w, s + run, i - run);
		w_escape(w, s[i]);
		run = i + 1;
	}
	w_put(w, s + run, n - run);
	w_byte(w, '"');
}

static void w_open(struct zjson_writer *w, uint8_t is_object, char c)
{
	if (!w_value_begin(w, w->depth < ZJSON_MAX_DEPTH))
		return;
	w->first[w->depth] = 1;
	w->is_object[w->depth] = is_object;
	w->depth++;
	w_byte(w, c);
}

static void w_close(struct zjson_writer *w, uint8_t is_object, char c)
{
	if (w->err)
		return;
	if (w->depth == 0 || w->is_object[w->depth - 1] != is_object || w->after_key) {
		w_fail(w, ZOS_ERR_INVALID_ARGUMENT);
		return;
	}
	w->depth--;
	w_byte(w, c);
}

void zjson_object_begin(struct zjson_writer *w)
{
	w_open(w, 1, '{');
}

void zjson_object_end(struct zjson_writer *w)
{
	w_close(w, 1, '}');
}

void zjson_array_begin(struct zjson_writer *w)
{
	w_open(w, 0, '[');
}

void zjson_array_end(struct zjson_writer *w)
{
	w_close(w, 0, ']');
}

void zjson_key(struct zjson_writer *w, const char *key)
{
	size_t n = key ? zos_strlen(key) : 0;

	if (w->err)
		return;
	if (!key || w->depth == 0 || !w->is_object[w->depth - 1] || w->after_key ||
	    !utf8_valid((const uint8_t *)key, n)) {
		w_fail(w, ZOS_ERR_INVALID_ARGUMENT);
		return;
	}
	w_separate(w);
	w_quoted(w, (const uint8_t *)key, n);
	w_byte(w, ':');
	w->after_key = 1;
}

int zjson_utf8_valid(const char *s, size_t n)
{
	return s && utf8_valid((const uint8_t *)s, n);
}

void zjson_string_n(struct zjson_writer *w, const char *s, size_t n)
{
	int ok = s && utf8_valid((const uint8_t *)s, n);

	if (w_value_begin(w, ok))
		w_quoted(w, (const uint8_t *)s, n);
}

void zjson_string(struct zjson_writer *w, const char *s)
{
	if (!s) {
		w_fail(w, ZOS_ERR_INVALID_ARGUMENT);
		return;
	}
	zjson_string_n(w, s, zos_strlen(s));
}

static void w_decimal(struct zjson_writer *w, int neg, uint64_t mag)
{
	char d[21];
	size_t i = sizeof d;

	do {
		d[--i] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag);
	if (neg)
		d[--i] = '-';
	if (w_value_begin(w, 1))
		w_put(w, d + i, sizeof d - i);
}

void zjson_int64(struct zjson_writer *w, int64_t v)
{
	w_decimal(w, v < 0, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
}

void zjson_uint64(struct zjson_writer *w, uint64_t v)
{
	w_decimal(w, 0, v);
}

void zjson_boolean(struct zjson_writer *w, int v)
{
	if (w_value_begin(w, 1))
		w_put(w, v ? "true" : "false", v ? 4 : 5);
}

void zjson_null(struct zjson_writer *w)
{
	if (w_value_begin(w, 1))
		w_put(w, "null", 4);
}

/* The text becomes usable here: NUL-terminated, and only if nothing failed
 * and exactly one complete value was written. */
int zjson_finish(struct zjson_writer *w)
{
	if (!w->err && (w->depth != 0 || w->after_key || w->len == 0))
		w_fail(w, ZOS_ERR_INVALID_ARGUMENT);
	if (w->err) {
		w->len = 0;
		if (w->cap)
			w->buf[0] = '\0';
		return w->err;
	}
	w->buf[w->len] = '\0';
	return ZOS_OK;
}
