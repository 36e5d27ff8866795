/*
 * Memory and string helpers (see mem.h), in plain byte loops: this file
 * builds freestanding, where there is no libc to call. (A compiler may
 * still turn a loop into a memcpy/memset call; on freestanding targets
 * lib/libc_shim.c answers it.)
 *
 * zos_memeq_ct reads every byte through volatile pointers and folds the
 * differences together, so neither the compiler nor the data can make it
 * stop early: comparing a secret costs the same wherever it differs.
 */
#include "lib/mem.h"

#include <zos/error.h>

void *zos_memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

/* Copies forwards when dst is below src and backwards otherwise, so an
 * overlapping source byte is always read before it is overwritten.
 * Addresses are compared as integers: the buffers may be unrelated objects. */
void *zos_memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if ((uintptr_t)d < (uintptr_t)s) {
		while (n--)
			*d++ = *s++;
	} else if ((uintptr_t)d > (uintptr_t)s) {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

void *zos_memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

int zos_memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
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
