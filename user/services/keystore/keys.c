/*
 * The key convention of the keystore: /keys/{user_id}/{path}. Checked on
 * every request, so nothing outside the convention is ever stored or
 * looked up.
 */
#include "keystore.h"

#include "lib/mem.h"

#define PREFIX "/keys/"
#define PREFIX_LEN 6

static int id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

static int path_char(char c)
{
	return id_char(c) || c == '.';
}

/* A segment of path characters, not empty, not "." or "..". */
static int segment_ok(const char *s, size_t n)
{
	if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!path_char(s[i]))
			return 0;
	return 1;
}

int keystore_key_valid(const char *key, size_t len)
{
	size_t i = PREFIX_LEN, id_len = 0, start;

	if (len <= PREFIX_LEN || len > KEYSTORE_KEY_MAX || zos_memcmp(key, PREFIX, PREFIX_LEN))
		return 0;
	for (; i < len && key[i] != '/'; i++, id_len++)
		if (!id_char(key[i]))
			return 0;
	if (id_len == 0 || id_len > 64 || i == len)
		return 0; /* a user id, then at least one path segment */
	for (start = ++i; i <= len; i++) {
		if (i < len && key[i] != '/')
			continue;
		if (!segment_ok(key + start, i - start))
			return 0;
		start = i + 1;
	}
	return 1;
}

int keystore_prefix_valid(const char *prefix, size_t len)
{
	if (len < PREFIX_LEN || len > KEYSTORE_KEY_MAX || zos_memcmp(prefix, PREFIX, PREFIX_LEN))
		return 0;
	for (size_t i = PREFIX_LEN; i < len; i++)
		if (!path_char(prefix[i]) && prefix[i] != '/')
			return 0;
	return 1;
}
