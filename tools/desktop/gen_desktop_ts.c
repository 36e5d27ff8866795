/*
 * gen_desktop_ts: writes web/src/generated/desktop.ts (the desktop
 * engine's constants and record layouts for TypeScript) on standard
 * output. `make desktop` runs it; tools/desktop/desktop_ts.c does the work.
 */
#include "tools/desktop/desktop_ts.h"

int main(void)
{
	return desktop_ts_write(stdout) == 0 && fflush(stdout) == 0 ? 0 : 1;
}
