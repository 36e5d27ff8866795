/*
 * fuzz_answer: a libFuzzer target for user/libzos/answer, the one error
 * answer every client reads. The input is a service's answer, any bytes.
 * zos_answer_read must never read past it (the bytes are in a buffer of
 * exactly their length), must say what it found in a way that holds up:
 *   - a refusal has a code of 1..ZOS_ANSWER_CODE_MAX bytes of a-z 0-9 _,
 *     words of at most ZOS_ANSWER_WORDS_MAX bytes, and written again with
 *     zos_answer_error it reads back the same;
 *   - a malformed answer leaves no code and says why in words;
 *   - a success leaves both empty.
 * The input also drives the writer directly: its first byte picks a code
 * from it, the rest are words (any bytes), and whatever the writer makes
 * of them must read back as a refusal.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/error.h>
#include <zos/param.h>

#include "user/libzos/answer.h"

static void die(const char *why, const uint8_t *data, size_t size)
{
	fprintf(stderr, "fuzz_answer: %s (input %zu bytes: %.*s)\n", why, size,
		(int)(size > 200 ? 200 : size), (const char *)data);
	abort();
}

/* What a code is, said independently of answer.c: a short run of the
 * alphabet below. */
static int is_code(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= ZOS_ANSWER_CODE_MAX &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static void read_it(const uint8_t *data, size_t size)
{
	static struct zjson_tok toks[256];
	static struct zos_refusal r, again;
	static char out[ZOS_MSG_MAX];
	struct zjson_doc doc;
	uint8_t *copy = malloc(size ? size : 1);
	int rc;

	memcpy(copy, data, size);
	rc = zos_answer_read(&doc, copy, size, toks, 256, "the fuzzed service", &r);
	free(copy);
	if (rc == ZOS_ANSWER_OK) {
		if (r.code[0] || r.words[0])
			die("a success left a refusal behind", data, size);
		return;
	}
	if (rc == ZOS_ERR_CORRUPT) {
		if (r.code[0] || !strstr(r.words, "malformed answer"))
			die("a malformed answer without its reason", data, size);
		return;
	}
	if (rc != ZOS_ANSWER_REFUSED)
		die("an unknown result", data, size);
	if (!is_code(r.code) || strlen(r.words) > ZOS_ANSWER_WORDS_MAX)
		die("a refusal with a bad code or oversized words", data, size);
	rc = zos_answer_read(&doc, out, zos_answer_error(out, sizeof out, r.code, "%s", r.words),
			     toks, 256, 0, &again);
	if (rc != ZOS_ANSWER_REFUSED || strcmp(again.code, r.code) || strcmp(again.words, r.words))
		die("a refusal does not survive being written again", data, size);
}

static void write_it(const uint8_t *data, size_t size)
{
	static const char *const codes[] = { "not_found", "invalid", "", "Bad Code", "io", 0 };
	static struct zjson_tok toks[16];
	static struct zos_refusal r;
	static char words[ZOS_MSG_MAX + 1], out[ZOS_MSG_MAX];
	struct zjson_doc doc;
	uint32_t n, cap;

	if (size < 2)
		return;
	cap = ZOS_ANSWER_MIN_CAP + data[1] * 16u; /* from the least room up to a message */
	if (cap > sizeof out)
		cap = sizeof out;
	memcpy(words, data + 2, size - 2);
	words[size - 2] = 0;
	n = zos_answer_error(out, cap, codes[data[0] % 6], "%s", words);
	if (n == 0 || n >= cap || out[n] != 0)
		die("the writer gave no answer in its room", data, size);
	if (zos_answer_read(&doc, out, n, toks, 16, 0, &r) != ZOS_ANSWER_REFUSED)
		die("the writer wrote what its reader refuses", data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_it(data, size);
	if (size <= ZOS_MSG_MAX)
		write_it(data, size);
	return 0;
}
