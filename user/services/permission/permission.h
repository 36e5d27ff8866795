/*
 * PermissionService (pid 2): who may hold which capability, and the grants
 * themselves. It decides each request by the app's manifest and the policy
 * rules, grants by delegating from capabilities it holds, revokes so that
 * every copy goes (the kernel's CAP_REVOKE), tells the holder
 * (CAP_REVOKED), keeps a record of the grants in VFS (best effort) and
 * answers who holds what. Protocol: docs/services/permission.md.
 *
 * An app is a program: its id is its process name, which the kernel
 * attests (zos_ps), and the manifest that speaks for it is the built-in
 * one of that program or /apps/<id>/manifest.json. A sender's pid only
 * tells clients apart (a badge); what a client may do follows from its
 * manifest and the rules, and what it holds is the cap it was sent.
 *
 * Every piece of state is in `perm`, owned by the service's one thread.
 */
#ifndef ZOS_SERVICES_PERMISSION_H
#define ZOS_SERVICES_PERMISSION_H

#include <stddef.h>

#include "perm.h"
#include "zos.h"

#define PERM_APP_MAX ZOS_NAME_MAX
#define PERM_TEXT_MAX 96
#define PERM_MAX_MANIFEST_CAPS 8
#define PERM_MAX_GRANTS 32
#define PERM_MAX_APPROVALS 16

/* ---- names.c: capability names ---- */

enum perm_kind {
	PERM_KIND_NETWORK = 1, /* "network": a cap to NetworkService */
	PERM_KIND_FS,          /* "fs:PATH:read" / "fs:PATH:write": a VFS subtree */
	PERM_KIND_ADMIN,       /* "perm:admin": approve and revoke for others */
};

struct perm_name {
	uint8_t kind;
	uint8_t write;                    /* PERM_KIND_FS: read-write */
	char path[PERM_CAP_MAX + 1];      /* PERM_KIND_FS */
};

/* ZOS_OK with out filled, or ZOS_ERR_INVALID_ARGUMENT (not a name). */
int perm_name_parse(const char *s, struct perm_name *out);
/* 1 when holding `have` implies `want`: the same name, or an fs subtree
 * that contains want's path with at least its access ("fs:/home:write"
 * covers "fs:/home/ann:read"). */
int perm_name_covers(const char *have, const char *want);

/* ---- policy.c: manifests, rules, decisions ---- */

struct perm_manifest_cap {
	char name[PERM_CAP_MAX + 1];
	char reason[PERM_TEXT_MAX + 1];
};

struct perm_manifest {
	char id[PERM_APP_MAX + 1];
	char name[PERM_TEXT_MAX + 1];
	char version[PERM_TEXT_MAX + 1];
	uint32_t ncaps;
	struct perm_manifest_cap caps[PERM_MAX_MANIFEST_CAPS];
};

/* A manifest from JSON text ({"id","name","version","capabilities":
 * [{"name","reason"}]}); ZOS_OK, or ZOS_ERR_INVALID_ARGUMENT with *why. */
int perm_manifest_parse(const char *text, size_t len, struct perm_manifest *out,
			const char **why);
/* The built-in manifest of program id, or 0. */
const struct perm_manifest *perm_builtin_manifest(const char *id);
/* The entry of m that covers cap, or 0. */
const struct perm_manifest_cap *perm_manifest_wants(const struct perm_manifest *m,
						    const char *cap);

enum perm_decision {
	PERM_DECIDE_MANIFEST = 1, /* allowed when the app's manifest asks for it */
	PERM_DECIDE_DENY,         /* never */
	PERM_DECIDE_ASK,          /* only with the user's approval (shell `grant`) */
};

struct perm_verdict {
	uint8_t allow;
	const char *code; /* a refusal's code (answer.h): "denied", or
	                   * "needs_approval" (an ask rule, not approved yet) */
	char why[200];    /* for people, either way */
};

/* Whether app (manifest m, or 0 for none) may hold cap; approved: the
 * user approved it. */
void perm_decide(const struct perm_manifest *m, const char *app, const char *cap, int approved,
		 struct perm_verdict *v);

/* ---- grants.c ---- */

struct perm_grant {
	uint8_t used;
	uint32_t pid;                 /* the holder */
	char app[PERM_APP_MAX + 1];
	char cap[PERM_CAP_MAX + 1];
	int32_t slot;                 /* network: our intermediate cap; -1 none */
	uint64_t cap_id;              /* its id: a slot reused later is not it */
	int32_t notice;               /* WRITE to the holder's endpoint; -1 none */
};

struct perm_approval {
	uint8_t used;
	char app[PERM_APP_MAX + 1];
	char cap[PERM_CAP_MAX + 1];
};

/* How the service reaches what it delegates from; tests replace them. */
struct perm_ops {
	/* The network service's endpoint (a WRITE+GRANT cap), or an error. */
	int64_t (*network)(uint32_t *slot);
	/* A VFS control request (GRANT/REVOKE) with its JSON body: ZOS_OK, or
	 * an error with the reason in why (cap bytes). */
	int64_t (*vfs_control)(uint32_t tag, const char *body, char *why, uint32_t cap);
	/* Saves the record (JSON); ZOS_OK or an error. */
	int64_t (*save)(const char *json, uint32_t len);
	/* Reads /apps/<id>/manifest.json into out; its length or an error. */
	int64_t (*read_manifest)(const char *id, char *out, uint32_t cap);
};

struct perm_state {
	struct perm_grant grants[PERM_MAX_GRANTS];
	struct perm_approval approvals[PERM_MAX_APPROVALS];
	int32_t network_slot;         /* the base of network grants; -1 none */
	int32_t control_slot;         /* VFS's control cap (from Init); -1 none */
	struct perm_ops ops;
	char record_note[96];         /* how the last record save went */
};

extern struct perm_state perm;

/* Resets the state with ops (any may be 0: that source is absent). */
void perm_init(const struct perm_ops *ops);
/* The name of live process pid (kernel-attested), or 0. */
const char *perm_proc_name(uint32_t pid, char *out, uint32_t cap);
/* Drops the grants of processes that ended (their copies revoked). */
void perm_sweep(void);
struct perm_grant *perm_grant_find(uint32_t pid, const char *cap);
/* Makes the grant: for network, our intermediate derived from the base (in
 * g->slot, what the holder gets a copy of); for fs, VFS's GRANT. ZOS_OK or
 * an error with why (cap bytes). */
int64_t perm_grant_make(struct perm_grant *g, char *why, uint32_t cap);
/* Revokes g (every copy), tells the holder with reason when it gave a
 * notice endpoint, and forgets it. */
void perm_grant_revoke(struct perm_grant *g, uint32_t reason);
struct perm_grant *perm_grant_new(void);
/* 1 when g's intermediate is still ours (the network service's endpoint
 * goes when the service exits, and every cap to it). */
int perm_grant_live(const struct perm_grant *g);
int perm_approved(const char *app, const char *cap);
int perm_approve(const char *app, const char *cap);
void perm_unapprove(const char *app, const char *cap);
/* Writes the record of grants through ops.save. */
void perm_record_save(void);
/* The grants as JSON {"grants":[...]} (pid 0: all, else that pid's). */
int perm_grants_json(char *out, uint32_t cap, uint32_t pid, const char *app, uint32_t *len);

/* ---- handler.c ---- */

int perm_handle(struct zos_msg *m);

#endif
