/*
 * Entropy on x86_64: RDSEED, else RDRAND, else (CPUs with neither) a
 * SHA-256 pool stirred with TSC readings, which is weak and said so at boot.
 */
#ifndef ZOS_X86_ENTROPY_H
#define ZOS_X86_ENTROPY_H

#include <stdint.h>

/* Which source is used: "RDSEED", "RDRAND" or "TSC jitter (weak)". */
const char *entropy_init(void);
/* len bytes into out; ZOS_OK or ZOS_ERR_IO if the hardware keeps failing. */
int entropy_fill(uint8_t *out, uint32_t len);

#endif
