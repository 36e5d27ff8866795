/*
 * The one error answer of every service protocol (each protocol in docs/services/):
 *
 *     {"error": "<what went wrong, in words>", "code": "<short code>"}
 *
 * The words are for people and are shown as they are ("no such file:
 * /home/x"); the code is for programs: 1 to ZOS_ANSWER_CODE_MAX bytes of
 * a-z, 0-9 and '_' ("not_found", "timeout"), from the table in the
 * service's doc. An answer that is a JSON object without an "error"
 * member is a success, read by the caller as that request's answer says.
 *
 * Services write refusals with zos_answer_error and finish every other
 * answer with zos_answer_finish (an answer that does not fit becomes the
 * error too_big); clients read every answer with zos_answer_read, which
 * tells a success from a refusal from an answer that is neither. Pure
 * code over lib/json: no syscalls, so host tests link it as it is.
 */
#ifndef ZOS_LIBZOS_ANSWER_H
#define ZOS_LIBZOS_ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include "lib/json.h"

#define ZOS_ANSWER_CODE_MAX 31   /* bytes of a code */
#define ZOS_ANSWER_WORDS_MAX 640 /* bytes of the words (a VFS path and its reason fit) */
/* The least room zos_answer_error and zos_answer_finish need: the too_big
 * answer, with its terminating NUL. */
#define ZOS_ANSWER_MIN_CAP 80

/* The answer when the real one does not fit in its message. */
#define ZOS_ANSWER_TOO_BIG "too_big"

/* A refusal as a client reads it. */
struct zos_refusal {
	char code[ZOS_ANSWER_CODE_MAX + 1];   /* "" when the answer was malformed */
	char words[ZOS_ANSWER_WORDS_MAX + 1];
};

/* Writes the error answer, its words formatted as by zos_snprintf, into
 * out[0..cap): its length (out is NUL-terminated). Never fails for cap >=
 * ZOS_ANSWER_MIN_CAP: words over ZOS_ANSWER_WORDS_MAX are cut at a
 * character and end in "..."; words that are not UTF-8 text are replaced
 * by a sentence that says so; a code that is not a code is "failed"; an
 * answer that does not fit in cap is the too_big answer. 0 only when cap
 * is below ZOS_ANSWER_MIN_CAP. */
uint32_t zos_answer_error(char *out, uint32_t cap, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Finishes the answer w holds (zjson_finish): its length. When it failed
 * (it did not fit), w's buffer holds the too_big error answer instead,
 * whose length is returned (0 when even that does not fit). */
uint32_t zos_answer_finish(struct zjson_writer *w);

/* A client's own failure (the service did not answer, its answer lacks a
 * field), kept where a refusal would be: r's code "", why as the words.
 * Returns err. */
int64_t zos_refusal_say(struct zos_refusal *r, int64_t err, const char *why);

/* What zos_answer_read found. */
enum {
	ZOS_ANSWER_OK = 0,      /* a JSON object without "error": read it from doc */
	ZOS_ANSWER_REFUSED = 1, /* a well-formed error answer: in *r */
};

/* Reads the answer body[0..len) of service `who` ("VFS", "the time
 * service"; 0: "the service"), parsing it into doc over toks[0..ntoks):
 * ZOS_ANSWER_OK, ZOS_ANSWER_REFUSED (r holds the code and the words), or
 * ZOS_ERR_CORRUPT when it is neither: not JSON, not an object, an "error"
 * member that is not a string, a missing or malformed code, or words over
 * ZOS_ANSWER_WORDS_MAX. r->words then says so for the caller to show
 * ("VFS sent a malformed answer (not JSON)") and r->code is "". A
 * success answer that needs more than ntoks tokens is ZOS_ERR_CORRUPT
 * too. r is always set: "" and "" after a success. */
int zos_answer_read(struct zjson_doc *doc, const void *body, size_t len, struct zjson_tok *toks,
		    uint32_t ntoks, const char *who, struct zos_refusal *r);

#endif
