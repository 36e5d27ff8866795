/*
 * Manifests and the policy rules.
 *
 * The rules are tried in order; the first whose app and capability match
 * decides: MANIFEST (allowed when the app's manifest asks for it), DENY, or
 * ASK (allowed only once the user approved it with the shell's `grant`;
 * there is no prompt yet). The console's terminal is trusted: whatever
 * its manifest asks for. Nothing is allowed that the app's manifest does
 * not ask for, whatever the rule.
 */
#include "permission.h"

#include "lib/json.h"
#include "lib/mem.h"

struct builtin {
	const char *id, *name, *version;
	const char *caps[4][2]; /* name, reason */
};

static const struct builtin builtins[] = {
	{ "terminal", "Console terminal", "1.0",
	  { { "network", "fetch URL: HTTP requests the user types" },
	    { "fs:/:write", "the file commands work on the whole tree" },
	    { "perm:admin", "grant, revoke and perms" } } },
	{ "net-probe", "Network probe (tests)", "1.0",
	  { { "network", "checks that network access needs a grant" } } },
	{ "perm-probe", "Permission probe (tests)", "1.0",
	  { { "fs:/home:read", "checks that a grant widens its namespace" },
	    { "fs:/system:read", "checks that a deny rule stands" } } },
	{ "notes", "Notes", "0.1",
	  { { "fs:/home:write", "keeps notes in the user's home" },
	    { "network", "syncs notes (asks the user)" } } },
};
#define NBUILTINS (sizeof builtins / sizeof builtins[0])

static const struct {
	const char *app;   /* an id or "*" */
	const char *cap;   /* a name, a prefix ending in '*', or "*" */
	uint8_t decision;
} rules[] = {
	{ "terminal", "*", PERM_DECIDE_MANIFEST },
	{ "*", "perm:admin", PERM_DECIDE_DENY },
	{ "*", "fs:/system*", PERM_DECIDE_DENY },
	{ "*", "fs:/:*", PERM_DECIDE_ASK },
	{ "*", "network", PERM_DECIDE_ASK },
	{ "*", "*", PERM_DECIDE_MANIFEST },
};
#define NRULES (sizeof rules / sizeof rules[0])

static struct perm_manifest builtin_cache[NBUILTINS];

const struct perm_manifest *perm_builtin_manifest(const char *id)
{
	for (uint32_t i = 0; i < NBUILTINS; i++) {
		struct perm_manifest *m = &builtin_cache[i];
		if (zos_strcmp(builtins[i].id, id))
			continue;
		if (!m->id[0]) {
			zos_strlcpy(m->id, builtins[i].id, sizeof m->id);
			zos_strlcpy(m->name, builtins[i].name, sizeof m->name);
			zos_strlcpy(m->version, builtins[i].version, sizeof m->version);
			for (uint32_t k = 0; k < 4 && builtins[i].caps[k][0]; k++) {
				zos_strlcpy(m->caps[k].name, builtins[i].caps[k][0],
					    sizeof m->caps[k].name);
				zos_strlcpy(m->caps[k].reason, builtins[i].caps[k][1],
					    sizeof m->caps[k].reason);
				m->ncaps = k + 1;
			}
		}
		return m;
	}
	return 0;
}

int perm_manifest_parse(const char *text, size_t len, struct perm_manifest *out,
			const char **why)
{
	static struct zjson_tok toks[128];
	struct zjson_doc doc;
	struct zjson_error err;
	struct perm_name pn;
	int32_t arr, el;

	zos_memset(out, 0, sizeof *out);
	if (zjson_parse(&doc, text, len, toks, 128, &err) != ZOS_OK) {
		*why = "the manifest is not JSON";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	if (zjson_get_str(&doc, 0, "id", out->id, sizeof out->id) != ZOS_OK ||
	    zjson_get_str(&doc, 0, "name", out->name, sizeof out->name) != ZOS_OK ||
	    zjson_get_str(&doc, 0, "version", out->version, sizeof out->version) != ZOS_OK) {
		*why = "the manifest needs id, name and version (strings)";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	arr = zjson_get(&doc, 0, "capabilities");
	if (arr < 0 || doc.toks[arr].type != ZJSON_ARRAY) {
		*why = "the manifest needs a capabilities array";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	for (uint32_t i = 0; (el = zjson_at(&doc, arr, i)) >= 0; i++) {
		struct perm_manifest_cap *c;
		if (out->ncaps == PERM_MAX_MANIFEST_CAPS) {
			*why = "the manifest asks for too many capabilities";
			return ZOS_ERR_INVALID_ARGUMENT;
		}
		c = &out->caps[out->ncaps];
		if (zjson_get_str(&doc, el, "name", c->name, sizeof c->name) != ZOS_OK ||
		    zjson_get_str(&doc, el, "reason", c->reason, sizeof c->reason) != ZOS_OK ||
		    perm_name_parse(c->name, &pn) != ZOS_OK) {
			*why = "each capability needs a valid name and a reason";
			return ZOS_ERR_INVALID_ARGUMENT;
		}
		out->ncaps++;
	}
	return ZOS_OK;
}

const struct perm_manifest_cap *perm_manifest_wants(const struct perm_manifest *m,
						    const char *cap)
{
	for (uint32_t i = 0; m && i < m->ncaps; i++)
		if (perm_name_covers(m->caps[i].name, cap))
			return &m->caps[i];
	return 0;
}

static int matches(const char *pattern, const char *s)
{
	size_t n = zos_strlen(pattern);

	if (n && pattern[n - 1] == '*')
		return zos_strnlen(s, n - 1) >= n - 1 && !zos_memcmp(pattern, s, n - 1);
	return !zos_strcmp(pattern, s);
}

/* The verdict: allowed when code is 0, else refused with that code. */
static void say(struct perm_verdict *v, const char *code, const char *a, const char *b,
		const char *c, const char *d)
{
	const char *parts[4] = { a, b, c, d };
	size_t n = 0;

	v->allow = !code;
	v->code = code;
	v->why[0] = 0;
	for (int i = 0; i < 4; i++)
		if (parts[i] && n < sizeof v->why - 1) {
			zos_strlcpy(v->why + n, parts[i], sizeof v->why - n);
			n = zos_strlen(v->why);
		}
}

void perm_decide(const struct perm_manifest *m, const char *app, const char *cap, int approved,
		 struct perm_verdict *v)
{
	const struct perm_manifest_cap *want = perm_manifest_wants(m, cap);
	uint8_t decision = PERM_DECIDE_DENY;

	for (uint32_t i = 0; i < NRULES; i++)
		if (matches(rules[i].app, app) && matches(rules[i].cap, cap)) {
			decision = rules[i].decision;
			break;
		}
	if (decision == PERM_DECIDE_DENY) {
		say(v, "denied", "permission denied: the policy never gives ", cap, " to ", app);
		return;
	}
	if (!want) {
		say(v, "denied", "permission denied: ", cap, " is not in the manifest of app ", app);
		return;
	}
	if (decision == PERM_DECIDE_ASK && !approved) {
		say(v, "needs_approval", "denied: needs the user's approval (ask): ", cap, " for ", app);
		return;
	}
	say(v, 0, approved && decision == PERM_DECIDE_ASK ? "approved by the user: " : "manifest: ",
	    want->reason, 0, 0);
}
