/*
 * Canonical paths. Every path VFS acts on is canonical: absolute, names
 * separated by single slashes, no "." or "..", no trailing slash ("/" is
 * the root). Canonicalisation is lexical (there are no links), and ".."
 * at the root stays at the root, so no spelling of a path reaches above
 * "/" and the namespace check, done on the canonical form, sees where a
 * request really goes.
 */
#include "vfs_service.h"

#include "lib/mem.h"

int vfs_name_valid(const char *name, size_t len)
{
	if (len == 0 || len > ZOS_VFS_NAME_MAX || (len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	for (size_t i = 0; i < len; i++) {
		uint8_t c = (uint8_t)name[i];
		if (c == '/' || c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

/* Drops the last name of out[0..*n) (not past the root). */
static void pop(char *out, size_t *n)
{
	while (*n > 0 && out[*n - 1] != '/')
		(*n)--;
	if (*n > 0)
		(*n)--; /* the slash before it */
}

int vfs_path_canon(const char *in, size_t len, char *out, const char **why)
{
	size_t n = 0, i = 0;

	if (len == 0 || in[0] != '/') {
		*why = "not an absolute path";
		return VFS_E_INVALID;
	}
	while (i < len) {
		size_t start, k;
		while (i < len && in[i] == '/')
			i++;
		for (start = i; i < len && in[i] != '/'; i++)
			;
		k = i - start;
		if (k == 0 || (k == 1 && in[start] == '.'))
			continue;
		if (k == 2 && in[start] == '.' && in[start + 1] == '.') {
			pop(out, &n);
			continue;
		}
		if (!vfs_name_valid(in + start, k)) {
			*why = k > ZOS_VFS_NAME_MAX ? "a name longer than 255 bytes"
						    : "a name with a control character";
			return VFS_E_INVALID;
		}
		if (n + 1 + k > ZOS_VFS_PATH_MAX) {
			*why = "a path longer than 512 bytes";
			return VFS_E_INVALID;
		}
		out[n++] = '/';
		zos_memcpy(out + n, in + start, k);
		n += k;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = 0;
	return VFS_OK;
}

int vfs_path_within(const char *path, const char *root)
{
	size_t n = zos_strlen(root);

	if (n == 1 && root[0] == '/')
		return 1;
	return zos_strnlen(path, n) == n && zos_memcmp(path, root, n) == 0 &&
	       (path[n] == 0 || path[n] == '/');
}

const char *vfs_path_split(const char *path, char *parent)
{
	size_t n = zos_strlen(path), cut = n;

	while (cut > 0 && path[cut - 1] != '/')
		cut--;
	/* path[cut - 1] is the slash before the last name */
	if (cut <= 1) {
		parent[0] = '/';
		parent[1] = 0;
	} else {
		zos_memcpy(parent, path, cut - 1);
		parent[cut - 1] = 0;
	}
	return path + cut;
}
