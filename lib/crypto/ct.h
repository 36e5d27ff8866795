/*
 * Constant-time helpers for code that handles secrets: the time they take
 * depends only on the lengths, never on the bytes compared or chosen.
 */
#ifndef ZOS_LIB_CRYPTO_CT_H
#define ZOS_LIB_CRYPTO_CT_H

#include <stddef.h>
#include <stdint.h>

/* 1 when a[0..n) equals b[0..n), else 0, reading every byte either way. */
int zos_ct_equal(const void *a, const void *b, size_t n);

/* Wipes n bytes at p in a way the compiler may not remove. */
void zos_ct_wipe(void *p, size_t n);

/* Declares n bytes at p public from here on, such as the verdict of a tag
 * comparison that the caller then branches on. A no-op (a weak symbol):
 * the valgrind timing check (tests/ct/ct_check.c) replaces it with one
 * that tells memcheck the value is meant to be known. */
void zos_ct_declassify(const void *p, size_t n);

#endif
