/*
 * Capability names, the words of the permission protocol:
 *
 *   network          the network service (requests through it)
 *   service:NAME     the service Init registered as NAME (1-32 of a-z,
 *                    0-9, '-', '_'); not network or vfs, which have their
 *                    own names (so no rule about them can be gone around)
 *   fs:PATH          the VFS subtree at PATH: '/' or '/'-separated
 *                    segments of letters, digits, '.', '-', '_' (never "."
 *                    or "..", never empty, no trailing '/')
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

static int service_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static int path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-' || c == '_';
}

static int service_valid(const char *s)
{
	size_t n = zos_strnlen(s, ZOS_NAME_MAX + 1);

	if (n == 0 || n > ZOS_NAME_MAX || !zos_strcmp(s, "network") || !zos_strcmp(s, "vfs"))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!service_char(s[i]))
			return 0;
	return 1;
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
	size_t n = zos_strnlen(s, PERM_CAP_MAX + 1);

	zos_memset(out, 0, sizeof *out);
	if (n == 0 || n > PERM_CAP_MAX)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!zos_strcmp(s, "network")) {
		out->kind = PERM_KIND_NETWORK;
		zos_strlcpy(out->service, "network", sizeof out->service);
		return ZOS_OK;
	}
	if (has_prefix(s, "service:") && service_valid(s + 8)) {
		out->kind = PERM_KIND_SERVICE;
		zos_strlcpy(out->service, s + 8, sizeof out->service);
		return ZOS_OK;
	}
	if (has_prefix(s, "fs:") && path_valid(s + 3)) {
		out->kind = PERM_KIND_FS;
		zos_strlcpy(out->service, "vfs", sizeof out->service);
		out->path = s + 3;
		return ZOS_OK;
	}
	return ZOS_ERR_INVALID_ARGUMENT;
}

int perm_name_covers(const char *have, const char *want)
{
	struct perm_name h, w;
	size_t n;

	if (perm_name_parse(have, &h) != ZOS_OK || perm_name_parse(want, &w) != ZOS_OK)
		return 0;
	if (h.kind != PERM_KIND_FS || w.kind != PERM_KIND_FS)
		return !zos_strcmp(have, want);
	n = zos_strlen(h.path);
	if (n == 1)
		return 1; /* fs:/ is the whole tree */
	return zos_strnlen(w.path, n + 1) >= n && !zos_memcmp(h.path, w.path, n) &&
	       (w.path[n] == 0 || w.path[n] == '/');
}
