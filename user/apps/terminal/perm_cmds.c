/*
 * The shell's permission commands, through PermissionService (perm.h):
 * `grant APP CAP` approves a capability for an app (its own request then
 * gets it, if its manifest asks for it), `revoke APP CAP` takes it back
 * from every process of that app (each holder is told), `perms [APP]`
 * shows who holds what. The terminal may do this because its manifest
 * holds perm:admin; refusals are printed in the service's words.
 */
#include "shell.h"

#include "lib/json.h"
#include "lib/mem.h"
#include "perm.h"

static struct zos_msg reply;
static struct zjson_tok toks[512];

static int fail(const char *cmd, int64_t r)
{
	const char *why = zos_perm_error();

	zos_printf("%s: %s\n", cmd, why[0] ? why : zos_strerror(r));
	return 1;
}

static int cmd_grant(int argc, char **argv)
{
	int64_t r;

	if (argc != 3) {
		zos_print("usage: grant APP CAP   (CAP: network, fs:PATH:read, fs:PATH:write)\n");
		return 1;
	}
	r = zos_perm_approve(argv[1], argv[2]);
	if (r < 0)
		return fail("grant", r);
	zos_printf("approved %s for %s\n", argv[2], argv[1]);
	return 0;
}

static int cmd_revoke(int argc, char **argv)
{
	int64_t r;

	if (argc != 3) {
		zos_print("usage: revoke APP CAP\n");
		return 1;
	}
	r = zos_perm_revoke(argv[2], argv[1]);
	if (r < 0)
		return fail("revoke", r);
	zos_printf("revoked %s from %s\n", argv[2], argv[1]);
	return 0;
}

static void show_list(const struct zjson_doc *doc, const char *key, const char *title)
{
	int32_t arr = zjson_get(doc, 0, key), el;
	char app[ZOS_NAME_MAX + 1], cap[PERM_CAP_MAX + 1];
	int64_t pid;
	uint32_t i;

	zos_printf("%s:\n", title);
	for (i = 0; arr >= 0 && (el = zjson_at(doc, arr, i)) >= 0; i++) {
		if (zjson_get_str(doc, el, "app", app, sizeof app) != ZOS_OK ||
		    zjson_get_str(doc, el, "capability", cap, sizeof cap) != ZOS_OK)
			continue;
		if (zjson_get_int(doc, el, "pid", &pid) == ZOS_OK)
			zos_printf("  %-16s pid %-4lld %s\n", app, (long long)pid, cap);
		else
			zos_printf("  %-16s %s\n", app, cap);
	}
	if (i == 0)
		zos_print("  (none)\n");
}

static int cmd_perms(int argc, char **argv)
{
	struct zjson_doc doc;
	struct zjson_error err;
	int64_t r;

	if (argc > 2) {
		zos_print("usage: perms [APP]\n");
		return 1;
	}
	r = zos_perm_list(argc == 2 ? argv[1] : 0, argc == 1, &reply);
	if (r < 0)
		return fail("perms", r);
	if (zjson_parse(&doc, (const char *)reply.body, reply.h.size, toks,
			sizeof toks / sizeof toks[0], &err) != ZOS_OK) {
		zos_print("perms: the answer is not JSON\n");
		return 1;
	}
	show_list(&doc, "grants", "held");
	show_list(&doc, "approved", "approved by the user");
	return 0;
}

static const struct command perm_cmds[] = {
	{ "grant", "APP CAP", "approve a capability for an app", cmd_grant },
	{ "revoke", "APP CAP", "take a capability back from an app", cmd_revoke },
	{ "perms", "[APP]", "who holds which capability", cmd_perms },
};

const struct command_set perm_commands = { perm_cmds, sizeof perm_cmds / sizeof perm_cmds[0] };
