/*
 * PermissionService (pid 2): who may hold which capability, and the grants
 * themselves. It decides each request by the app's manifest and the policy
 * rules, grants by delegating from capabilities Init handed it, revokes so
 * that every copy goes (the kernel's CAP_REVOKE), tells the holder
 * (CAP_REVOKED), keeps a record of the grants (VFS, best effort) and
 * answers who holds what. Protocol and names: docs/services/permission.md.
 *
 *   REQUEST_CAPABILITY {"capability": C[, "pid": P][, "ttl_ms": N]}
 *       -> CAPABILITY_RESPONSE {"capability", "pid", "app", "granted": true,
 *          "by", "rights"} carrying the cap, or {"approved": true, ...}
 *          (the console approved it for another pid), or {"error": ...}
 *   REVOKE_CAPABILITY  {"capability": C[, "pid": P]}
 *       -> CAPABILITY_RESPONSE {"capability", "pid", "revoked": true, "was"}
 *   LIST_MY_CAPS       {} | {"pid": P} | {"all": true}
 *       -> CAPS_LIST_RESPONSE {"grants": [...], "truncated", "record"}
 *   PROVIDE_CAPABILITY (from Init only) {"service": NAME} carrying a
 *       WRITE+GRANT cap to that service's endpoint: what grants delegate
 *
 * How each grant is made: the service derives, from the capability Init
 * gave it (the base), one intermediate cap of its own for this grant alone,
 * and sends the holder a copy of the intermediate. Revoking the
 * intermediate removes it and everything derived or passed on from it,
 * in CSpaces and in flight, and nothing of any other grant.
 *
 * Authority: a request acts for its sender (the kernel stamps the pid);
 * acting for another pid needs the console's authority, an Init-owned
 * endpoint of which Init gives this service a copy with no rights (how it
 * recognises it) and the console's terminal a GRANT-only copy (so it can
 * carry it). Every piece of state is here, in `perm`, owned by this
 * service's single thread.
 */
#ifndef ZOS_SERVICES_PERMISSION_H
#define ZOS_SERVICES_PERMISSION_H

#include <stddef.h>

#include "perm.h"
#include "zos.h"

#define PERM_APP_MAX ZOS_NAME_MAX     /* an app id is its process name */
#define PERM_TEXT_MAX 96              /* manifest names, versions, reasons */
#define PERM_MAX_MANIFESTS 16
#define PERM_MAX_MANIFEST_CAPS 8
#define PERM_MAX_RULES 32
#define PERM_MAX_GRANTS 32            /* held or approved; a held one uses a slot */
#define PERM_MAX_HOLDERS 12           /* notice endpoints, a slot each */
#define PERM_MAX_SERVICES 6           /* bases from Init, a slot each */
#define PERM_TTL_MAX_MS (30ull * 24 * 3600 * 1000)
#define PERM_GRANT_RIGHTS (ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT)

/* ---- names.c: capability names ---- */

enum perm_kind {
	PERM_KIND_NETWORK = 1, /* "network": the network service */
	PERM_KIND_SERVICE,     /* "service:NAME": any service Init provided */
	PERM_KIND_FS,          /* "fs:PATH": a VFS subtree */
};

struct perm_name {
	uint8_t kind;
	char service[ZOS_NAME_MAX + 1]; /* the provided service that backs it */
	const char *path;               /* PERM_KIND_FS: into the parsed text */
};

/* ZOS_OK with out filled, or ZOS_ERR_INVALID_ARGUMENT (not a name). */
int perm_name_parse(const char *s, struct perm_name *out);
/* 1 when holding `have` implies `want`: the same name, or an fs subtree
 * that contains want's path ("fs:/home" covers "fs:/home/ann"). */
int perm_name_covers(const char *have, const char *want);

/* ---- manifest.c: app manifests ---- */

struct perm_manifest_cap {
	char name[PERM_CAP_MAX + 1];
	char reason[PERM_TEXT_MAX + 1];
};

struct perm_manifest {
	char id[PERM_APP_MAX + 1];      /* the app's process name */
	char name[PERM_TEXT_MAX + 1];
	char version[PERM_TEXT_MAX + 1];
	uint32_t ncaps;
	struct perm_manifest_cap caps[PERM_MAX_MANIFEST_CAPS];
};

struct zjson_doc;
/* One manifest from the object at token obj; ZOS_OK, or
 * ZOS_ERR_INVALID_ARGUMENT with *why saying what is wrong. */
int perm_manifest_read(const struct zjson_doc *doc, int32_t obj, struct perm_manifest *out,
		       const char **why);
/* The same from a whole JSON text holding one manifest. */
int perm_manifest_parse(const char *text, size_t len, struct perm_manifest *out,
			const char **why);
/* The manifest entry of m that covers cap, or 0. */
const struct perm_manifest_cap *perm_manifest_wants(const struct perm_manifest *m,
						    const char *cap);

/* ---- policy.c: rules and decisions ---- */

enum perm_decision {
	PERM_DECIDE_MANIFEST = 1, /* allowed when the app's manifest asks for it */
	PERM_DECIDE_DENY,         /* never, whoever asks */
	PERM_DECIDE_ASK,          /* only with the console's approval */
};

struct perm_rule {
	char app[PERM_APP_MAX + 1];   /* an id, "*", or a prefix ending in '*' */
	char cap[PERM_CAP_MAX + 1];   /* a name (fs: covers its subtree), "*", or prefix '*' */
	uint8_t decision;
};

struct perm_policy {
	struct perm_manifest manifests[PERM_MAX_MANIFESTS];
	uint32_t nmanifests;
	struct perm_rule rules[PERM_MAX_RULES];
	uint32_t nrules;
};

/* Loads a JSON array of manifests and one of rules (either may be empty);
 * ZOS_OK, or ZOS_ERR_INVALID_ARGUMENT / RESOURCE_EXHAUSTED with *why. */
int perm_policy_load(struct perm_policy *p, const char *manifests, size_t mlen,
		     const char *rules, size_t rlen, const char **why);

enum perm_outcome {
	PERM_ALLOW = 1,
	PERM_REFUSE,        /* a deny rule */
	PERM_NEEDS_CONSOLE, /* ask, or not in the manifest */
};

struct perm_verdict {
	uint8_t outcome;          /* enum perm_outcome */
	uint8_t by_console;       /* allowed because the console approved */
	char why[192];            /* for people: the reason, either way */
};

/* Decides whether app may hold cap; approved: the console approved it. */
void perm_decide(const struct perm_policy *p, const char *app, const char *cap, int approved,
		 struct perm_verdict *v);

/* ---- defaults.c: the built-in manifests and rules ---- */

extern const char perm_default_manifests[];
extern const char perm_default_rules[];

/* ---- grants.c: the grants, the bases, the holders' notice endpoints ---- */

enum perm_grant_state {
	PERM_HELD = 1,     /* the holder was sent its copy */
	PERM_APPROVED,     /* the console approved it; the holder has not asked yet */
};

enum perm_by {
	PERM_BY_MANIFEST = 1,
	PERM_BY_CONSOLE,
};

struct perm_grant {
	uint8_t used;
	uint8_t state;                /* enum perm_grant_state */
	uint8_t by;                   /* enum perm_by */
	uint32_t pid;                 /* the holder */
	char app[PERM_APP_MAX + 1];
	char cap[PERM_CAP_MAX + 1];
	uint32_t slot;                /* HELD: our intermediate cap for this grant */
	uint64_t cap_id;              /* its id: a slot reused later is not it */
	uint64_t expires_at;          /* monotonic ns; 0: never */
};

struct perm_service {
	uint8_t used;
	char name[ZOS_NAME_MAX + 1];
	uint32_t slot;                /* WRITE+GRANT on its endpoint, from Init */
	uint64_t cap_id;
};

struct perm_holder {
	uint8_t used;
	uint32_t pid;
	uint32_t slot;                /* WRITE on an endpoint of the holder's: notices */
	uint64_t cap_id;
};

struct perm_proc {
	uint32_t pid;
	char name[ZOS_NAME_MAX + 1];
};

struct perm_state {
	struct perm_policy policy;
	struct perm_grant grants[PERM_MAX_GRANTS];
	struct perm_service services[PERM_MAX_SERVICES];
	struct perm_holder holders[PERM_MAX_HOLDERS];
	struct perm_proc procs[ZOS_MAX_PROCS]; /* the live processes at the last sweep */
	uint32_t nprocs;
	uint8_t has_authority;        /* Init gave us the console's authority token */
	uint64_t authority_obj;       /* its endpoint id and generation */
	uint32_t authority_gen;
	int32_t ack_slot;             /* our endpoint for VFS's answers; -1 none */
	uint8_t record_dirty;         /* a change not yet sent to VFS */
	char record_note[128];        /* where the record stands, for people */
	char status[160];             /* what PING answers */
};

extern struct perm_state perm;

/* Loads the policy, finds the authority token, makes the VFS answer
 * endpoint. ZOS_OK or an error (the policy did not load). */
int perm_init(void);
/* Drops what has gone: grants of ended processes (revoked: copies they
 * passed on go too), grants whose service ended, expired grants (revoked,
 * holder told); notice endpoints of ended processes. */
void perm_sweep(void);
/* The name of a live process, or 0. Valid until the next sweep. */
const char *perm_proc_name(uint32_t pid);
struct perm_grant *perm_grant_find(uint32_t pid, const char *cap);
/* A new HELD grant: derives the intermediate from the base of cap. ZOS_OK,
 * or an error with *why for people. */
int perm_grant_make(uint32_t pid, const char *app, const char *cap, uint8_t by,
		    uint64_t ttl_ms, struct perm_grant **out, const char **why);
/* A new APPROVED grant (no cap yet). */
int perm_grant_approve(uint32_t pid, const char *app, const char *cap, struct perm_grant **out,
		       const char **why);
/* Revokes (HELD: every copy, with CAP_REVOKE), tells the holder with reason
 * (ZOS_REVOKE_*) if it gave a notice endpoint, forgets the grant. */
void perm_grant_revoke(struct perm_grant *g, uint32_t reason);
/* Keeps slot (WRITE on an endpoint of pid's) for pid's notices. */
void perm_holder_set(uint32_t pid, uint32_t slot);
/* Keeps slot as the base for service name (from Init). */
int perm_service_set(const char *name, uint32_t slot);
/* 1 when the cap in slot is the console's authority token. */
int perm_is_authority(uint32_t slot);
/* Refreshes perm.status (what PING says). */
void perm_status_update(void);

/* ---- record.c: the record of grants in VFS ---- */

/* Sends the grants to VFS when anything changed (best effort: the record
 * stays in memory when VFS is absent or refuses). */
void perm_record_save(void);
/* Reads VFS's answers to earlier writes, updating perm.record_note. */
void perm_record_poll(void);

/* ---- handler.c ---- */

/* The service's request handler (for zos_serve). */
int perm_handle(struct zos_msg *m);

#endif
