/*
 * PermissionService's own code on the host (tests/svc/svc_host.h): names,
 * policy decisions, grant / list / revoke, that a revoke reaches every copy
 * passed on from the grant, that the holder gets CAP_REVOKED, that grants
 * of ended processes go, the user's approvals (ask), acting for another
 * app only with perm:admin, and hostile requests. An endpoint the service
 * makes itself stands in for NetworkService's; VFS is absent (fs grants
 * are refused in words), and the record goes to a buffer.
 */
#include "harness.h"
#include "svc/svc_host.h"
#include "user/libzos/answer.h"
#include "user/services/permission/permission.h"

static struct svc_host h;
static struct zos_msg reply;
static char record[ZOS_MSG_MAX + 1];
static int saves;

static int64_t save(const char *json, uint32_t len)
{
	memcpy(record, json, len);
	record[len] = 0;
	saves++;
	return ZOS_OK;
}

static const char *ask_caps(uint32_t client, uint32_t tag, const char *body, int notice)
{
	static char text[ZOS_MSG_MAX + 1];
	static struct zos_msg m;
	uint32_t caps[2] = { ZOS_SLOT_SELF, ZOS_SLOT_SELF };
	uint8_t rights[2] = { ZOS_RIGHT_WRITE, ZOS_RIGHT_WRITE };
	int64_t r;

	svc_host_as(&h, client);
	r = zos_send_caps(1, tag, caps, rights, notice ? 2 : 1, body, (uint32_t)strlen(body));
	CHECK(r >= 0);
	svc_host_as(&h, h.svc_pid);
	while (zos_recv(ZOS_SLOT_SELF, &m, 0) >= 0)
		perm_handle(&m);
	svc_host_as(&h, client);
	r = zos_recv(ZOS_SLOT_SELF, &reply, 0);
	if (r < 0) {
		snprintf(text, sizeof text, "(no answer: %lld)", (long long)r);
		return text;
	}
	memcpy(text, reply.body, (size_t)r);
	text[r] = 0;
	return text;
}

static const char *ask(uint32_t client, uint32_t tag, const char *body)
{
	return ask_caps(client, tag, body, 0);
}

/* The code of the error answer a, or "(not a refusal)". */
static const char *code_of(const char *a)
{
	static struct zos_refusal r;
	struct zjson_tok toks[8];
	struct zjson_doc doc;

	if (zos_answer_read(&doc, a, strlen(a), toks, 8, "PermissionService", &r) !=
	    ZOS_ANSWER_REFUSED)
		return "(not a refusal)";
	return r.code;
}

#define CHECK_CODE(a, code)                                                                 \
	do {                                                                                \
		const char *a_ = (a);                                                       \
		if (strcmp(code_of(a_), code))                                              \
			harness_fail(__FILE__, __LINE__, "%s: code %s, want %s", a_, code_of(a_), \
				     code);                                                 \
	} while (0)

static void boot(void)
{
	static const struct perm_ops ops = { 0, 0, save, 0 };
	int64_t ep;

	svc_host_boot(&h, "permission", 0);
	perm_init(&ops);
	ep = zos_create_endpoint(); /* stands in for NetworkService's endpoint */
	CHECK(ep >= 0);
	perm.network_slot = (int32_t)ZOS_UNPACK_SLOT(ep);
	saves = 0;
	record[0] = 0;
}

static int valid(uint32_t pid, uint32_t slot)
{
	struct zos_cap_info ci;

	svc_host_as(&h, pid);
	return zos_cap_inspect(slot, &ci) == ZOS_OK;
}

#define REQ ZOS_MSG_PERM_REQUEST_CAPABILITY
#define REV ZOS_MSG_PERM_REVOKE_CAPABILITY
#define LIST ZOS_MSG_PERM_LIST_MY_CAPS

static void test_names(void)
{
	struct perm_name n;

	CHECK_EQ(perm_name_parse("network", &n), ZOS_OK);
	CHECK_EQ(perm_name_parse("fs:/home/ann:read", &n), ZOS_OK);
	CHECK(!n.write && !strcmp(n.path, "/home/ann"));
	CHECK_EQ(perm_name_parse("fs:/:write", &n), ZOS_OK);
	CHECK(n.write);
	const char *bad[] = { "", "net", "fs:/home", "fs:home:read", "fs:/a/../b:read",
			      "fs:/a//b:read", "fs:/a/:read", "fs:/a:exec", "fs::read", "perm:" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (perm_name_parse(bad[i], &n) == ZOS_OK)
			harness_fail(__FILE__, __LINE__, "accepted %s", bad[i]);
	CHECK(perm_name_covers("fs:/home:write", "fs:/home/ann:read"));
	CHECK(perm_name_covers("fs:/:read", "fs:/x:read"));
	CHECK(!perm_name_covers("fs:/home:read", "fs:/home/ann:write"));
	CHECK(!perm_name_covers("fs:/home:read", "fs:/homework:read"));
	CHECK(!perm_name_covers("network", "fs:/:read"));
}

static void test_policy(void)
{
	struct perm_verdict v;
	const struct perm_manifest *term = perm_builtin_manifest("terminal");
	const struct perm_manifest *notes = perm_builtin_manifest("notes");

	CHECK(term && notes);
	perm_decide(term, "terminal", "network", 0, &v);
	CHECK(v.allow);
	perm_decide(term, "terminal", "fs:/system:write", 0, &v);
	CHECK(v.allow); /* the console's terminal is trusted */
	perm_decide(notes, "notes", "fs:/home/n:write", 0, &v);
	CHECK(v.allow);
	perm_decide(notes, "notes", "network", 0, &v);
	CHECK(!v.allow && strstr(v.why, "approval (ask)") && !strcmp(v.code, "needs_approval"));
	perm_decide(notes, "notes", "network", 1, &v);
	CHECK(v.allow);
	perm_decide(notes, "notes", "fs:/tmp:read", 1, &v);
	CHECK(!v.allow && strstr(v.why, "not in the manifest of app notes") &&
	      !strcmp(v.code, "denied"));
	perm_decide(0, "stranger", "fs:/system/config:read", 1, &v);
	CHECK(!v.allow && strstr(v.why, "never") && !strcmp(v.code, "denied"));
	perm_decide(notes, "notes", "perm:admin", 1, &v);
	CHECK(!v.allow);
}

static void test_manifest_json(void)
{
	static const char good[] = "{\"id\":\"x\",\"name\":\"X\",\"version\":\"1\",\"capabilities\":"
				   "[{\"name\":\"fs:/home:read\",\"reason\":\"reads notes\"}]}";
	struct perm_manifest m;
	const char *why;

	CHECK_EQ(perm_manifest_parse(good, strlen(good), &m, &why), ZOS_OK);
	CHECK(m.ncaps == 1 && perm_manifest_wants(&m, "fs:/home/a:read"));
	CHECK(perm_manifest_parse("{\"id\":\"x\"}", 10, &m, &why) != ZOS_OK);
	CHECK(perm_manifest_parse("[", 1, &m, &why) != ZOS_OK);
	static const char badcap[] = "{\"id\":\"x\",\"name\":\"X\",\"version\":\"1\",\"capabilities\":"
				     "[{\"name\":\"fs:/../etc:read\",\"reason\":\"r\"}]}";
	CHECK(perm_manifest_parse(badcap, strlen(badcap), &m, &why) != ZOS_OK);
}

static void test_grant_list_revoke(void)
{
	uint32_t term, other, slot;
	const char *a;

	boot();
	term = svc_host_client(&h, "terminal");
	other = svc_host_client(&h, "helper");
	a = ask_caps(term, REQ, "{\"capability\":\"network\"}", 1);
	CHECK(strstr(a, "\"granted\":true") != 0);
	CHECK_EQ(reply.h.tag, ZOS_MSG_PERM_CAPABILITY_RESPONSE);
	CHECK_EQ(reply.h.ncaps, 1);
	slot = reply.h.cap_slots[0];
	CHECK(valid(term, slot));
	CHECK(strstr(record, "\"capability\":\"network\"") != 0);
	/* the holder passes a copy on: the revoke must reach it too */
	svc_host_as(&h, ZOS_PID_INIT);
	struct zos_cap_info ci;
	svc_host_as(&h, term);
	CHECK_EQ(zos_cap_inspect(slot, &ci), ZOS_OK);
	int64_t d = zos_cap_derive(slot, ZOS_RIGHT_WRITE, 0);
	CHECK(d >= 0);
	a = ask(term, LIST, "{}");
	CHECK(strstr(a, "\"app\":\"terminal\"") && strstr(a, "\"network\""));
	a = ask(other, LIST, "{}");
	CHECK(strstr(a, "\"grants\":[]") != 0);
	a = ask(other, LIST, "{\"all\":true}");
	CHECK(strstr(a, "perm:admin") != 0); /* refused to a plain app */
	CHECK_CODE(a, "denied");
	a = ask(term, LIST, "{\"all\":true}");
	CHECK(strstr(a, "\"terminal\"") != 0);
	/* the notice (CAP_REVOKED, reason 1) reaches the holder's endpoint
	 * first: it is sent during the revoke, before the answer */
	a = ask(term, REV, "{\"capability\":\"network\"}");
	CHECK_EQ(reply.h.tag, ZOS_MSG_PERM_CAP_REVOKED);
	CHECK(strstr(a, "\"reason\":1") != 0);
	svc_host_as(&h, term);
	CHECK(zos_recv(ZOS_SLOT_SELF, &reply, 0) >= 0);
	CHECK_EQ(reply.h.tag, ZOS_MSG_PERM_CAPABILITY_RESPONSE);
	reply.body[reply.h.size] = 0;
	CHECK(strstr((const char *)reply.body, "\"revoked\":true") != 0);
	CHECK(!valid(term, slot));
	CHECK(!valid(term, (uint32_t)d));
	a = ask(term, REV, "{\"capability\":\"network\"}");
	CHECK(strstr(a, "not held") != 0);
	CHECK_CODE(a, "not_held");
	a = ask(term, REV, "{\"capability\":\"network\",\"app\":\"helper\"}");
	CHECK(strstr(a, "nothing to revoke") != 0);
	CHECK_CODE(a, "not_held");
	CHECK(strstr(record, "\"grants\":[]") != 0);
	svc_host_free(&h);
}

static void test_ask_and_approval(void)
{
	uint32_t term, notes, slot;
	const char *a;

	boot();
	term = svc_host_client(&h, "terminal");
	notes = svc_host_client(&h, "notes");
	a = ask(notes, REQ, "{\"capability\":\"network\"}");
	CHECK(strstr(a, "needs the user's approval (ask)") != 0);
	CHECK_CODE(a, "needs_approval");
	CHECK_EQ(reply.h.ncaps, 0);
	a = ask(notes, REQ, "{\"capability\":\"network\",\"app\":\"notes\"}");
	CHECK(strstr(a, "only an app holding perm:admin") != 0); /* no self-approval */
	CHECK_CODE(a, "denied");
	a = ask(term, REQ, "{\"capability\":\"network\",\"app\":\"notes\"}");
	CHECK(strstr(a, "\"approved\":true") != 0);
	a = ask(notes, REQ, "{\"capability\":\"network\"}");
	CHECK(strstr(a, "\"granted\":true") != 0);
	CHECK_EQ(reply.h.ncaps, 1);
	slot = reply.h.cap_slots[0];
	CHECK(valid(notes, slot));
	a = ask(term, REV, "{\"capability\":\"network\",\"app\":\"notes\"}");
	CHECK(strstr(a, "\"revoked\":true") != 0);
	CHECK(!valid(notes, slot));
	a = ask(notes, REQ, "{\"capability\":\"network\"}");
	CHECK(strstr(a, "approval (ask)") != 0); /* the approval went with it */
	a = ask(notes, REQ, "{\"capability\":\"fs:/tmp:write\"}");
	CHECK(strstr(a, "not in the manifest of app notes") != 0);
	CHECK_CODE(a, "denied");
	a = ask(notes, REQ, "{\"capability\":\"fs:/home/notes:write\"}");
	CHECK(strstr(a, "VFS is not available") != 0);
	CHECK_CODE(a, "failed");
	a = ask(term, REQ, "{\"capability\":\"fs:/system:write\",\"app\":\"notes\"}");
	CHECK(strstr(a, "never") != 0); /* a deny rule: no approval changes it */
	CHECK_CODE(a, "denied");
	svc_host_free(&h);
}

static void test_holder_ends(void)
{
	uint32_t term, probe;
	const char *a;

	boot();
	term = svc_host_client(&h, "terminal");
	probe = svc_host_client(&h, "net-probe");
	a = ask(probe, REQ, "{\"capability\":\"network\"}");
	CHECK(strstr(a, "approval (ask)") != 0);
	ask(term, REQ, "{\"capability\":\"network\",\"app\":\"net-probe\"}");
	a = ask(probe, REQ, "{\"capability\":\"network\"}");
	CHECK(strstr(a, "granted") != 0);
	a = ask(term, LIST, "{\"all\":true}");
	CHECK(strstr(a, "net-probe") != 0);
	svc_host_as(&h, probe);
	zos_sys(ZOS_SYS_EXIT, 0, 0, 0, 0, 0, 0, 0);
	a = ask(term, LIST, "{\"all\":true}");
	CHECK(strstr(a, "\"grants\":[]") != 0);
	svc_host_free(&h);
}

static void test_bad_requests(void)
{
	uint32_t c;
	const char *a;
	static const char *bodies[] = {
		"", "{", "[]", "null", "{\"capability\":7}", "{\"capability\":\"fs:/a/../b:read\"}",
		"{\"capability\":\"network\",\"app\":\"\"}", "{\"all\":\"yes\"}", "{}",
		"{\"capability\":\"" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}",
	};

	boot();
	c = svc_host_client(&h, "stranger");
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		a = ask(c, REQ, bodies[i]);
		if (strcmp(code_of(a), "invalid"))
			harness_fail(__FILE__, __LINE__, "body %s: got %s", bodies[i], a);
		a = ask(c, REV, bodies[i]);
		if (strcmp(code_of(a), "invalid"))
			harness_fail(__FILE__, __LINE__, "revoke %s: got %s", bodies[i], a);
	}
	a = ask(c, 0xA123, "{}");
	CHECK(strstr(a, "unknown request") != 0);
	CHECK_CODE(a, "not_supported");
	/* a stray LOOKUP_RESPONSE from someone other than Init: its cap dropped */
	a = ask(c, ZOS_MSG_INIT_LOOKUP_RESPONSE, "vfs-control");
	CHECK(strstr(a, "no answer") != 0);
	CHECK_EQ(perm.control_slot, -1);
	svc_host_free(&h);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_names);
	RUN(test_policy);
	RUN(test_manifest_json);
	RUN(test_grant_list_revoke);
	RUN(test_ask_and_approval);
	RUN(test_holder_ends);
	RUN(test_bad_requests);
	return harness_finish("svc/permission");
}
