/*
 * A small JSON reader and writer for service protocols: freestanding, no
 * allocation, bounded in every dimension.
 *
 * Reading parses a whole document into a caller-given array of tokens
 * (values and object keys, in document order, each knowing its parent and
 * its extent), then answers lookups on it. Nothing is copied until a value
 * is asked for; strings are unescaped (including \uXXXX and surrogate
 * pairs, into UTF-8) only into the caller's buffer. The input is never
 * trusted: depth, token count, string and number sizes are limited, bytes
 * that are not valid UTF-8 or JSON are an error with a position and a
 * reason, and nothing is read past `len`.
 *
 * Writing appends to a caller-given buffer; commas and quoting are handled;
 * running out of room sets an error once and later calls do nothing, so a
 * caller checks at the end (no silent truncation).
 */
#ifndef ZOS_LIB_JSON_H
#define ZOS_LIB_JSON_H

#include <stddef.h>
#include <stdint.h>

#define ZJSON_MAX_DEPTH 32

enum zjson_type {
	ZJSON_NULL = 1,
	ZJSON_BOOL,
	ZJSON_NUMBER,
	ZJSON_STRING,
	ZJSON_ARRAY,
	ZJSON_OBJECT,
};

struct zjson_tok {
	uint8_t type;      /* enum zjson_type; object keys are ZJSON_STRING */
	uint8_t is_key;    /* 1 for an object key (its value is the next token) */
	uint32_t start;    /* byte offset of the value (for strings: after the quote) */
	uint32_t end;      /* one past its last byte (strings: at the closing quote) */
	uint32_t count;    /* arrays: elements; objects: members */
	int32_t parent;    /* index of the enclosing array/object (or the key,
	                    * for a member's value); -1 for the root */
	uint32_t next;     /* index of the token after this value and all it
	                    * contains: how to skip a sibling in O(1) (for a
	                    * key: after its value, so members skip alike) */
};

struct zjson_doc {
	const char *text;
	size_t len;
	struct zjson_tok *toks;
	uint32_t ntoks;
	uint32_t cap;
};

struct zjson_error {
	size_t pos;         /* byte offset where parsing stopped */
	const char *reason; /* "unterminated string", "too deep", ... */
};

/* Parses text[0..len) into toks[0..cap). ZOS_OK; ZOS_ERR_INVALID_ARGUMENT
 * for malformed JSON (err says where and why); ZOS_ERR_RESOURCE_EXHAUSTED
 * when it needs more than cap tokens, nests deeper than ZJSON_MAX_DEPTH or
 * len is over UINT32_MAX - 1 (offsets are 32-bit). The root is token 0. */
int zjson_parse(struct zjson_doc *doc, const char *text, size_t len, struct zjson_tok *toks,
		uint32_t cap, struct zjson_error *err);

/* The value of member `key` of the object at index obj, or -1 (not an
 * object, or no such member). Keys are compared after unescaping. */
int32_t zjson_get(const struct zjson_doc *doc, int32_t obj, const char *key);
/* The i-th element of the array at index arr, or -1. */
int32_t zjson_at(const struct zjson_doc *doc, int32_t arr, uint32_t i);

/* Typed reads of the token at index i. Each returns ZOS_OK, or
 * ZOS_ERR_INVALID_ARGUMENT when i is -1 or of another type, or (strings)
 * ZOS_ERR_BUFFER_TOO_SMALL when the unescaped value plus a terminating NUL
 * does not fit (out then holds nothing usable). Strings containing \u0000
 * are refused by zjson_str, whose callers expect C strings. */
int zjson_str(const struct zjson_doc *doc, int32_t i, char *out, size_t cap, size_t *len);
/* Integers only: a fraction, an exponent or a value outside int64 range is
 * ZOS_ERR_INVALID_ARGUMENT. */
int zjson_int(const struct zjson_doc *doc, int32_t i, int64_t *out);
int zjson_bool(const struct zjson_doc *doc, int32_t i, int *out);
/* Convenience: member key of obj as a string / integer / boolean. */
int zjson_get_str(const struct zjson_doc *doc, int32_t obj, const char *key, char *out,
		  size_t cap);
int zjson_get_int(const struct zjson_doc *doc, int32_t obj, const char *key, int64_t *out);
int zjson_get_bool(const struct zjson_doc *doc, int32_t obj, const char *key, int *out);

/* 1 when s[0..n) is valid UTF-8 (what zjson_string_n accepts), else 0. */
int zjson_utf8_valid(const char *s, size_t n);

struct zjson_writer {
	char *buf;
	size_t cap;
	size_t len;
	int err;                         /* ZOS_ERR_BUFFER_TOO_SMALL or misuse */
	uint32_t depth;
	uint8_t first[ZJSON_MAX_DEPTH];  /* no element written yet at this depth */
	uint8_t is_object[ZJSON_MAX_DEPTH]; /* the container at this depth is an
	                                     * object (keys go only there) */
	uint8_t after_key;               /* a key was written, its value is next */
};

void zjson_writer_init(struct zjson_writer *w, char *buf, size_t cap);
void zjson_object_begin(struct zjson_writer *w);
void zjson_object_end(struct zjson_writer *w);
void zjson_array_begin(struct zjson_writer *w);
void zjson_array_end(struct zjson_writer *w);
void zjson_key(struct zjson_writer *w, const char *key);
void zjson_string(struct zjson_writer *w, const char *s);
void zjson_string_n(struct zjson_writer *w, const char *s, size_t n);
void zjson_int64(struct zjson_writer *w, int64_t v);
void zjson_uint64(struct zjson_writer *w, uint64_t v);
void zjson_boolean(struct zjson_writer *w, int v);
void zjson_null(struct zjson_writer *w);
/* Finishes the document: ZOS_OK with a NUL-terminated text of w->len
 * bytes, or the first error (unbalanced nesting is ZOS_ERR_INVALID_ARGUMENT). */
int zjson_finish(struct zjson_writer *w);

#endif
