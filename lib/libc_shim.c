/*
 * memcpy, memmove, memset and memcmp for freestanding builds only (the
 * Makefile leaves this file out of host builds, where libc has them).
 * Compilers emit calls to these four for struct copies and zeroing even
 * under -ffreestanding, so every freestanding image links this file.
 *
 * The danger here is clang's loop-idiom recognition, which would turn the
 * byte loops below back into calls to memcpy/memset -- that is, into calls
 * to themselves, recursing forever. `no_builtin` (clang) and disabling
 * loop-distribute-patterns (gcc, which builds the hosted user programs)
 * tell the compilers that these functions may not assume the library
 * functions exist. Checked with llvm-objdump: none calls itself.
 */
#include <stddef.h>
#include <stdint.h>

/* gcc's word for the same thing is an optimisation switch. */
#if defined(__clang__)
#define NO_LIBCALLS __attribute__((no_builtin))
#else
#define NO_LIBCALLS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Eight bytes at a time where there are eight: struct copies and zeroing
 * (a syscall's step record, commits, message bodies) sit on every
 * syscall, and under an emulator such as QEMU's TCG each guest load and
 * store is costly, so a byte loop costs eight times what it must. Both
 * targets (x86_64, wasm32) allow unaligned loads; may_alias keeps the
 * word accesses legal on memory of any type. */
typedef uint64_t __attribute__((may_alias, aligned(1))) word_t;

NO_LIBCALLS void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t), s += sizeof(word_t))
		*(word_t *)d = *(const word_t *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

/* Forwards when dst is below src, backwards otherwise, so overlapping bytes
 * are read before they are overwritten. */
NO_LIBCALLS void *memmove(void *dst, const void *src, size_t n)
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

NO_LIBCALLS void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;
	word_t w = 0x0101010101010101ull * (uint8_t)c;

	for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t))
		*(word_t *)d = w;
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

NO_LIBCALLS int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}
