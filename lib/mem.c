/*
 * Memory and string helpers (see mem.h). This file builds freestanding,
 * where there is no libc: the copy/fill/compare helpers use the compiler's
 * builtins, which become libc calls on the host and calls to
 * lib/libc_shim.c on freestanding targets.
 *
 * zos_memeq_ct reads every byte through volatile pointers and folds the
 * differences together, so neither the compiler nor the data can make it
 * stop early: comparing a secret costs the same wherever it differs.
 */
#include "lib/mem.h"

#include <zos/error.h>

/* The four below go through the compiler's builtins: on the host that is
 * libc's tuned code, on freestanding targets lib/libc_shim.c. They sit on
 * every hot path (commit encoding, message bodies, SysLog). */
void *zos_memcpy(void *dst, const void *src, size_t n)
{
	return __builtin_memcpy(dst, src, n);
}

void *zos_memmove(void *dst, const void *src, size_t n)
{
	return __builtin_memmove(dst, src, n);
}

void *zos_memset(void *dst, int c, size_t n)
{
	return __builtin_memset(dst, c, n);
}

int zos_memcmp(const void *a, const void *b, size_t n)
{
	return __builtin_memcmp(a, b, n);
}

int zos_memeq_ct(const void *a, const void *b, size_t n)
{
	const volatile uint8_t *x = a, *y = b;
	uint8_t diff = 0;

	for (size_t i = 0; i < n; i++)
		diff |= (uint8_t)(x[i] ^ y[i]);
	return diff == 0;
}

size_t zos_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t zos_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int zos_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

/* A zero-sized dst cannot even hold the terminator, so it never "fits". */
int zos_strlcpy(char *dst, const char *src, size_t cap)
{
	size_t i = 0;

	if (cap == 0)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	for (; i + 1 < cap && src[i]; i++)
		dst[i] = src[i];
	dst[i] = 0;
	return src[i] ? ZOS_ERR_BUFFER_TOO_SMALL : ZOS_OK;
}
