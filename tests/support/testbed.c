/* The unit tests' shared fixture (see testbed.h). */
#include "support/testbed.h"

struct fake_platform fp;

struct zos_system *boot(void)
{
	fake_free(&fp);
	fake_init(&fp);
	return fake_system(&fp);
}
