/*
 * Constant-time compare and wipe (see ct.h). The compare folds every byte's
 * difference into one accumulator and turns it into 0/1 with arithmetic, so
 * there is no branch on the data; the wipe writes through a volatile
 * pointer so it is not optimised away as a dead store.
 */
#include "lib/crypto/ct.h"

int zos_ct_equal(const void *a, const void *b, size_t n)
{
	const volatile uint8_t *x = a, *y = b;
	uint32_t diff = 0;

	for (size_t i = 0; i < n; i++)
		diff |= (uint32_t)(x[i] ^ y[i]);
	/* diff is 0..255: (diff - 1) >> 8 is 1 exactly when diff is 0. */
	return (int)(((diff - 1u) >> 8) & 1u);
}

void zos_ct_wipe(void *p, size_t n)
{
	volatile uint8_t *v = p;

	for (size_t i = 0; i < n; i++)
		v[i] = 0;
}

__attribute__((weak)) void zos_ct_declassify(const void *p, size_t n)
{
	(void)p;
	(void)n;
}
