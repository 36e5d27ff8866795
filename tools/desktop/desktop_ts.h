/*
 * The writer of web/src/generated/desktop.ts (tools/desktop/desktop_ts.c),
 * shared by the generator's main and by its test.
 */
#ifndef ZOS_TOOLS_DESKTOP_TS_H
#define ZOS_TOOLS_DESKTOP_TS_H

#include <stdio.h>

/* Writes the whole TypeScript module to f. Returns 0, or -1 on a write error. */
int desktop_ts_write(FILE *f);

#endif
