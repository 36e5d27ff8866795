/*
 * IdentityService's start (identity.h): seed the CSPRNG from the
 * platform's entropy, then serve. It needs nothing from VFS or the
 * keystore to start: both are reached at the first request that needs
 * them. Without entropy it still serves, and every request that needs
 * randomness says so.
 */
#include "identity.h"

int zos_main(void)
{
	int r = identity_reset();

	return zos_serve("identity", r == ZOS_OK ? "identity" : "identity (no entropy)",
			 identity_handle);
}
