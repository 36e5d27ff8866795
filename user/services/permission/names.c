/*
 * Capability names, the words of the permission protocol:
 *
 *   network          the network service (requests through it)
 *   fs:PATH:read     the VFS subtree at PATH, read-only / read-write: PATH
 *   fs:PATH:write    is '/' or '/'-separated segments of letters, digits,
 *                    '.', '-', '_' (never "." or "..", never empty, no
 *                    trailing '/')
 *   perm:admin       approving and revoking for other apps (the shell)
 *
 * A name is checked in full before anything else looks at it, so a path
 * that could mean two things ("/a/../b", "/a//b") is never recorded or
 * compared. Holding fs:P covers every path under P, segment-wise.
 */
#include "permission.h"

#include "lib/mem.h"

static int has_prefix(const char *s, const char *prefix)
{
	size_t n = zos_strlen(prefix);
	return zos_strnlen(s, n) == n && zos_memcmp(s, prefix, n) == 0;
}

static int path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-' || c == '_';
}

/* "/" alone, or segments each preceded by one '/'. */
static int path_valid(const char *p)
{
	size_t start;

	if (p[0] != '/')
		return 0;
	if (p[1] == 0)
		return 1;
	for (size_t i = 1;; i++) {
		start = i;
		while (path_char(p[i]))
			i++;
		if (i == start || (i - start == 1 && p[start] == '.') ||
		    (i - start == 2 && p[start] == '.' && p[start + 1] == '.'))
			return 0;
		if (p[i] == 0)
			return 1;
		if (p[i] != '/')
			return 0;
	}
}

int perm_name_parse(const char *s, struct perm_name *out)
{
	size_t n = zos_strnlen(s, PERM_CAP_MAX + 1), plen;

	zos_memset(out, 0, sizeof *out);
	if (n == 0 || n > PERM_CAP_MAX)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!zos_strcmp(s, "network")) {
		out->kind = PERM_KIND_NETWORK;
		return ZOS_OK;
	}
	if (!zos_strcmp(s, "perm:admin")) {
		out->kind = PERM_KIND_ADMIN;
		return ZOS_OK;
	}
	if (!has_prefix(s, "fs:"))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (n > 3 + 5 && !zos_strcmp(s + n - 5, ":read"))
		plen = n - 3 - 5;
	else if (n > 3 + 6 && !zos_strcmp(s + n - 6, ":write")) {
		plen = n - 3 - 6;
		out->write = 1;
	} else
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_memcpy(out->path, s + 3, plen);
	out->path[plen] = 0;
	if (!path_valid(out->path))
		return ZOS_ERR_INVALID_ARGUMENT;
	out->kind = PERM_KIND_FS;
	return ZOS_OK;
}

int perm_name_covers(const char *have, const char *want)
{
	struct perm_name h, w;
	size_t n;

	if (perm_name_parse(have, &h) != ZOS_OK || perm_name_parse(want, &w) != ZOS_OK)
		return 0;
	if (h.kind != PERM_KIND_FS || w.kind != PERM_KIND_FS)
		return h.kind == w.kind;
	if (w.write && !h.write)
		return 0;
	n = zos_strlen(h.path);
	if (n == 1)
		return 1; /* fs:/ is the whole tree */
	return zos_strnlen(w.path, n + 1) >= n && !zos_memcmp(h.path, w.path, n) &&
	       (w.path[n] == 0 || w.path[n] == '/');
}
