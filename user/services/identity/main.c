/*
 * The identity service, as it stands now: it registers with Init, reports
 * ready and answers PING. Its protocol arrives with the services issue.
 */
#include "zos.h"

int zos_main(void)
{
	return zos_serve("identity", 0, 0);
}
