/*
 * Reader for the published test vectors in tests/crypto/vectors/: text
 * files of records, each a run of "name = value" lines, records separated
 * by blank lines, '#' lines are comments. Values are hex (vec_hex) or
 * decimal (vec_num), or raw text (vec_str). Paths are relative to the repo
 * root; tests/run.sh runs from there, and vec_open also tries the parent
 * directories so a test binary started from elsewhere in the tree works.
 *
 * Header-only (static inline): every test that uses it is one C file.
 */
#ifndef ZOS_TESTS_CRYPTO_VECTORS_H
#define ZOS_TESTS_CRYPTO_VECTORS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VEC_MAX_FIELDS 16
#define VEC_MAX_LINE 32768 /* ML-DSA keys, signatures and messages in hex */

struct vec_rec {
	int n;
	char name[VEC_MAX_FIELDS][32];
	char *value[VEC_MAX_FIELDS]; /* malloc'd, freed by the next vec_next */
};

static inline FILE *vec_open(const char *path)
{
	char p[512];
	const char *ups[] = { "", "../", "../../", "../../../", "../../../../" };

	for (size_t i = 0; i < sizeof ups / sizeof ups[0]; i++) {
		snprintf(p, sizeof p, "%s%s", ups[i], path);
		FILE *f = fopen(p, "r");
		if (f)
			return f;
	}
	fprintf(stderr, "vectors: cannot open %s\n", path);
	return NULL;
}

static inline void vec_clear(struct vec_rec *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->value[i]);
	r->n = 0;
}

/* Reads the next record; 1 when one was read, 0 at the end of the file. */
static inline int vec_next(FILE *f, struct vec_rec *r)
{
	static char line[VEC_MAX_LINE];

	vec_clear(r);
	while (fgets(line, sizeof line, f)) {
		size_t len = strlen(line);
		char *eq, *v, *end;

		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (line[0] == '#')
			continue;
		if (len == 0) {
			if (r->n)
				return 1;
			continue;
		}
		eq = strchr(line, '=');
		if (!eq || r->n == VEC_MAX_FIELDS)
			continue;
		end = eq;
		while (end > line && end[-1] == ' ')
			end--;
		*end = 0;
		v = eq + 1;
		while (*v == ' ')
			v++;
		snprintf(r->name[r->n], sizeof r->name[0], "%s", line);
		r->value[r->n] = strdup(v);
		r->n++;
	}
	return r->n > 0;
}

static inline const char *vec_str(const struct vec_rec *r, const char *name)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->name[i], name) == 0)
			return r->value[i];
	return NULL;
}

static inline int vec_has(const struct vec_rec *r, const char *name)
{
	return vec_str(r, name) != NULL;
}

/* Decodes field `name` as hex into out (cap bytes); returns the byte count,
 * or -1 when the field is missing, odd-length, not hex or too long. */
static inline long vec_hex(const struct vec_rec *r, const char *name, unsigned char *out, size_t cap)
{
	const char *s = vec_str(r, name);
	size_t n;

	if (!s)
		return -1;
	n = strlen(s);
	if (n % 2 || n / 2 > cap)
		return -1;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (unsigned char)v;
	}
	return (long)(n / 2);
}

/* Calls fn(record, ctx) on every record of the file at path, in order;
 * returns how many there were, or -1 when the file cannot be opened. */
static inline int vec_each(const char *path, void (*fn)(const struct vec_rec *r, void *ctx), void *ctx)
{
	FILE *f = vec_open(path);
	struct vec_rec r = { 0 };
	int n = 0;

	if (!f)
		return -1;
	while (vec_next(f, &r)) {
		fn(&r, ctx);
		n++;
	}
	vec_clear(&r);
	fclose(f);
	return n;
}

static inline long long vec_num(const struct vec_rec *r, const char *name)
{
	const char *s = vec_str(r, name);

	return s ? strtoll(s, NULL, 0) : -1;
}

#endif
