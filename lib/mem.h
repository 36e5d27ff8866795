/*
 * Memory and string helpers for freestanding code (kernel excepted, which
 * uses compiler builtins). On freestanding targets lib/libc_shim.c also
 * provides memcpy/memset/memmove/memcmp, because compilers emit calls to
 * them for struct copies even under -ffreestanding.
 */
#ifndef ZOS_LIB_MEM_H
#define ZOS_LIB_MEM_H

#include <stddef.h>
#include <stdint.h>

void *zos_memcpy(void *dst, const void *src, size_t n);
void *zos_memmove(void *dst, const void *src, size_t n);
void *zos_memset(void *dst, int c, size_t n);
int zos_memcmp(const void *a, const void *b, size_t n);
/* Compares without an early exit, so the time does not depend on where the
 * buffers differ. Returns 1 when equal, 0 otherwise. */
int zos_memeq_ct(const void *a, const void *b, size_t n);
size_t zos_strlen(const char *s);
/* Length of s, but at most max (s need not be terminated within max). */
size_t zos_strnlen(const char *s, size_t max);
int zos_strcmp(const char *a, const char *b);
/* Copies at most cap-1 bytes and terminates. Returns ZOS_OK, or
 * ZOS_ERR_BUFFER_TOO_SMALL if src did not fit (dst then holds a prefix). */
int zos_strlcpy(char *dst, const char *src, size_t cap);

#endif
