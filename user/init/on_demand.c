/*
 * Private services: who may reach them, and the ones Init starts only when
 * their holder first asks (on demand).
 *
 * A private service's endpoint cap goes only to its holder: at the
 * holder's start (give_private_services), after the service restarts
 * (renew_private_service), or when the holder looks it up. Anyone else's
 * lookup is answered "not found". The holder is told apart by the
 * kernel-attested sender of its lookup, as a badge: the authority it gets
 * is the cap itself, which it may pass on: PermissionService's network cap
 * carries GRANT, so that it can derive and grant copies to the programs it
 * allows.
 *
 * An on-demand service (network) is started by the holder's first lookup;
 * the lookup is answered when the service says READY (its reply cap is
 * kept until then, at most ON_DEMAND_WAITERS of them) and "not found" if
 * it cannot start or ends first. When it exits it is simply forgotten: the
 * next lookup starts it again.
 */
#include "init.h"

#include "lib/mem.h"

#define ON_DEMAND_WAITERS 8

static const struct {
	const char *service;
	const char *holder;
	uint8_t device;     /* on-demand services: the device they start with */
	uint8_t on_demand;
	uint8_t rights;     /* what the holder's cap may do */
} private_services[] = {
	{ "keystore", "identity", 0, 0, ZOS_RIGHT_WRITE },
	/* GRANT: PermissionService passes copies on (its grants) */
	{ "network", "permission", ZOS_DEV_NETWORK, 1, ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT },
};
#define NPRIVATE (sizeof private_services / sizeof private_services[0])

static struct {
	uint32_t reply_slot;  /* the waiting lookup's reply cap */
	uint8_t rights;
	char service[ZOS_NAME_MAX + 1];
} waiters[ON_DEMAND_WAITERS];
static uint32_t nwaiters;

int is_private_service(const char *name)
{
	for (uint32_t i = 0; i < NPRIVATE; i++)
		if (!zos_strcmp(private_services[i].service, name))
			return 1;
	return 0;
}

static int holds(uint32_t i, const struct program *p)
{
	return !zos_strcmp(private_services[i].holder, p->name);
}

/* The row of service for holder p, or -1. */
static int32_t row_for(const char *service, const struct program *p)
{
	for (uint32_t i = 0; i < NPRIVATE; i++)
		if (p && !zos_strcmp(private_services[i].service, service) && holds(i, p))
			return (int32_t)i;
	return -1;
}

int64_t give_private_services(const struct program *p)
{
	for (uint32_t i = 0; i < NPRIVATE; i++) {
		const struct program *svc = program_by_name(private_services[i].service);
		if (!holds(i, p) || !svc || !svc->ep || !svc->ready)
			continue;
		int64_t r = zos_cap_grant(svc->ep, p->pslot, private_services[i].rights);
		if (r < 0)
			return r;
	}
	return ZOS_OK;
}

void renew_private_service(const struct program *svc)
{
	for (uint32_t i = 0; i < NPRIVATE; i++) {
		if (zos_strcmp(private_services[i].service, svc->name) || private_services[i].on_demand)
			continue; /* an on-demand service's holders look it up again */
		for (int k = 0; k < INIT_MAX_PROGRAMS; k++) {
			const struct program *holder = &init.progs[k];
			if (!holder->used || !holder->running || !holder->ep || !holds(i, holder))
				continue;
			if (zos_send_caps(holder->ep, ZOS_MSG_INIT_LOOKUP_RESPONSE, &svc->ep,
					  &private_services[i].rights, 1,
					  svc->name, (uint32_t)zos_strlen(svc->name)) < 0)
				zos_printf("init: could not hand %s the restarted %s\n", holder->name,
					   svc->name);
		}
	}
}

static void answer_lookup(uint32_t reply_slot, const struct program *svc, uint8_t rights)
{
	uint8_t found = 1;

	if (svc && svc->ep &&
	    zos_send_caps(reply_slot, ZOS_MSG_INIT_LOOKUP_RESPONSE, &svc->ep, &rights, 1, &found, 1) >=
		    0) {
		zos_cap_delete(reply_slot);
		return;
	}
	found = 0;
	if (zos_reply(reply_slot, ZOS_MSG_INIT_LOOKUP_RESPONSE, &found, 1) < 0)
		zos_cap_delete(reply_slot);
}

int private_lookup(const struct zos_msg *m, const char *name)
{
	const struct program *caller = program_by_pid(m->h.sender);
	int32_t row = row_for(name, caller);
	struct program *svc;

	if (row < 0)
		return 0; /* not its holder: refused like an unknown name */
	svc = program_by_name(name);
	if (svc && svc->ready) {
		answer_lookup(m->h.cap_slots[0], svc, private_services[row].rights);
		return 1;
	}
	if (!private_services[row].on_demand || nwaiters >= ON_DEMAND_WAITERS)
		return 0;
	if (!svc) {
		svc = start_program(name, private_services[row].device, 0, 0);
		if (!svc)
			return 0;
		zos_printf("init: started %s (pid %u) on demand\n", svc->name, svc->pid);
	}
	waiters[nwaiters].reply_slot = m->h.cap_slots[0];
	waiters[nwaiters].rights = private_services[row].rights;
	zos_strlcpy(waiters[nwaiters].service, name, sizeof waiters[nwaiters].service);
	nwaiters++;
	return 1;
}

/* Answers (and forgets) the lookups waiting for svc; svc 0: it is gone. */
static void answer_waiters(const char *name, const struct program *svc)
{
	uint32_t kept = 0;

	for (uint32_t i = 0; i < nwaiters; i++) {
		if (zos_strcmp(waiters[i].service, name)) {
			waiters[kept++] = waiters[i];
			continue;
		}
		answer_lookup(waiters[i].reply_slot, svc, waiters[i].rights);
	}
	nwaiters = kept;
}

void on_demand_ready(const struct program *svc)
{
	answer_waiters(svc->name, svc);
}

void on_demand_ended(const char *name)
{
	answer_waiters(name, 0);
}

uint32_t on_demand_waiting(void)
{
	return nwaiters;
}
