/*
 * Reads the published test vectors in tests/crypto/vectors/<name>.txt. A file
 * is records separated by blank lines; each line is `name = value`, where a
 * value is hex, or a quoted ASCII string ("abc"). Lines starting with '#'
 * are comments (the source document is cited there). Tests run from the
 * repository root, so paths are relative to it. Host tests only.
 */
#ifndef ZOS_TESTS_CRYPTO_VEC_H
#define ZOS_TESTS_CRYPTO_VEC_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VEC_MAX_FIELDS 12
#define VEC_MAX_BYTES 4096

struct vec_field {
	char name[32];
	unsigned char bytes[VEC_MAX_BYTES];
	size_t len;
};

struct vec_record {
	struct vec_field f[VEC_MAX_FIELDS];
	int n;
};

static int vec_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The field named name, or NULL. */
static const struct vec_field *vec_get(const struct vec_record *r, const char *name)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->f[i].name, name) == 0)
			return &r->f[i];
	return NULL;
}

static int vec_parse_line(struct vec_record *r, char *line)
{
	char *eq = strchr(line, '=');
	struct vec_field *f;
	char *v, *name_end;

	if (eq == NULL || r->n >= VEC_MAX_FIELDS)
		return -1;
	f = &r->f[r->n];
	name_end = eq;
	while (name_end > line && (name_end[-1] == ' ' || name_end[-1] == '\t'))
		name_end--;
	if ((size_t)(name_end - line) >= sizeof f->name)
		return -1;
	memcpy(f->name, line, (size_t)(name_end - line));
	f->name[name_end - line] = 0;
	v = eq + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	f->len = 0;
	if (*v == '"') {
		char *end = strrchr(v + 1, '"');
		if (end == NULL || (size_t)(end - v - 1) > VEC_MAX_BYTES)
			return -1;
		f->len = (size_t)(end - v - 1);
		memcpy(f->bytes, v + 1, f->len);
	} else {
		for (; v[0] && v[0] != '\n' && v[0] != '\r' && v[0] != ' '; v += 2) {
			int hi = vec_hexval(v[0]), lo = vec_hexval(v[1]);
			if (hi < 0 || lo < 0 || f->len >= VEC_MAX_BYTES)
				return -1;
			f->bytes[f->len++] = (unsigned char)(hi << 4 | lo);
		}
	}
	r->n++;
	return 0;
}

/* Calls fn on every record of the file; returns the number of records, or
 * -1 if the file is missing or malformed (a test then fails loudly). */
static int vec_each(const char *path, void (*fn)(const struct vec_record *r, int line))
{
	static struct vec_record r;
	static char line[2 * VEC_MAX_BYTES + 64];
	FILE *f = fopen(path, "r");
	int count = 0, lineno = 0, start = 0;

	if (f == NULL) {
		printf("cannot open %s\n", path);
		return -1;
	}
	r.n = 0;
	for (;;) {
		char *got = fgets(line, sizeof line, f);
		lineno++;
		if (got == NULL || line[0] == '\n' || line[0] == '\r') {
			if (r.n > 0) {
				fn(&r, start);
				count++;
			}
			r.n = 0;
			if (got == NULL)
				break;
			continue;
		}
		if (line[0] == '#')
			continue;
		if (r.n == 0)
			start = lineno;
		if (vec_parse_line(&r, line) != 0) {
			printf("%s:%d: malformed vector line\n", path, lineno);
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	return count;
}

#endif
