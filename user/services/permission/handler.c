/*
 * PermissionService's requests: REQUEST_CAPABILITY, REVOKE_CAPABILITY,
 * LIST_MY_CAPS (docs/services/permission.md), and Init's hand-over of
 * VFS's control capability. A request's first cap is its reply cap; a
 * second one, when present, is a WRITE cap to an endpoint of the
 * requester's where CAP_REVOKED notices go (kept with the grant). Every
 * request gets an answer, the one error answer (answer.h) when anything is
 * wrong; caps a request carried and the service does not keep are deleted.
 */
#include "permission.h"

#include "answer.h"
#include "lib/json.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static char text[ZOS_MSG_MAX];
static struct zjson_tok toks[64];

/* Answers m (carrying grant_slot's copy when >= 0), then drops the caps
 * the request carried except the one kept (keep_slot, or -1). */
static void answer(const struct zos_msg *m, uint32_t tag, const char *body, uint32_t len,
		   int32_t grant_slot, int32_t keep_slot)
{
	uint32_t n = m->h.ncaps < ZOS_MSG_MAX_CAPS ? m->h.ncaps : ZOS_MSG_MAX_CAPS;

	if (n == 0)
		return;
	if (grant_slot >= 0) {
		uint32_t s = (uint32_t)grant_slot;
		uint8_t rights = ZOS_RIGHT_WRITE;
		zos_send_caps(m->h.cap_slots[0], tag, &s, &rights, 1, body, len);
	} else {
		zos_reply(m->h.cap_slots[0], tag, body, len);
	}
	for (uint32_t i = 0; i < n; i++)
		if ((int64_t)m->h.cap_slots[i] != keep_slot)
			zos_cap_delete(m->h.cap_slots[i]);
}

/* A refusal (answer.h): code, and the words a then b (b: 0 when none). */
static void answer_error(const struct zos_msg *m, uint32_t tag, const char *code, const char *a,
			 const char *b)
{
	uint32_t n = zos_answer_error(text, sizeof text, code, "%s%s", a, b ? b : "");

	answer(m, tag, text, n, -1, -1);
}

/* The manifest that speaks for app: built in, or /apps/<app>/manifest.json
 * (whose id must be app). */
static const struct perm_manifest *manifest_of(const char *app)
{
	static struct perm_manifest loaded;
	static char buf[4096];
	const struct perm_manifest *m = perm_builtin_manifest(app);
	const char *why;
	int64_t n;

	if (m || !perm.ops.read_manifest)
		return m;
	n = perm.ops.read_manifest(app, buf, sizeof buf);
	if (n < 0 || perm_manifest_parse(buf, (size_t)n, &loaded, &why) != ZOS_OK ||
	    zos_strcmp(loaded.id, app))
		return 0;
	return &loaded;
}

static int is_admin(const char *app)
{
	struct perm_verdict v;

	perm_decide(manifest_of(app), app, "perm:admin", 0, &v);
	return v.allow;
}

struct request {
	char app[PERM_APP_MAX + 1];        /* the sender's */
	char cap[PERM_CAP_MAX + 1];
	char other[PERM_APP_MAX + 1];      /* "app": acting on another app */
	int has_cap, has_other, all;
};

/* Parses m's body into rq; 0 on success, else answers the error. */
static int parse(const struct zos_msg *m, uint32_t tag, struct request *rq)
{
	struct zjson_doc doc;
	struct zjson_error err;
	struct perm_name pn;
	int32_t t;

	zos_memset(rq, 0, sizeof *rq);
	if (!perm_proc_name(m->h.sender, rq->app, sizeof rq->app)) {
		answer_error(m, tag, "denied", "unknown requester", 0);
		return -1;
	}
	if (m->h.size > ZOS_MSG_MAX ||
	    zjson_parse(&doc, (const char *)m->body, m->h.size, toks, 64, &err) != ZOS_OK ||
	    doc.toks[0].type != ZJSON_OBJECT) {
		answer_error(m, tag, "invalid", "the request is not a JSON object", 0);
		return -1;
	}
	t = zjson_get(&doc, 0, "capability");
	if (t >= 0) {
		if (zjson_str(&doc, t, rq->cap, sizeof rq->cap, 0) != ZOS_OK ||
		    perm_name_parse(rq->cap, &pn) != ZOS_OK) {
			answer_error(m, tag, "invalid", "not a capability name (network, fs:PATH:read, "
					     "fs:PATH:write, perm:admin)", 0);
			return -1;
		}
		rq->has_cap = 1;
	}
	t = zjson_get(&doc, 0, "app");
	if (t >= 0) {
		size_t n;
		if (zjson_str(&doc, t, rq->other, sizeof rq->other, &n) != ZOS_OK || n == 0) {
			answer_error(m, tag, "invalid", "app must be a program name", 0);
			return -1;
		}
		rq->has_other = 1;
	}
	t = zjson_get(&doc, 0, "all");
	if (t >= 0 && zjson_bool(&doc, t, &rq->all) != ZOS_OK) {
		answer_error(m, tag, "invalid", "all must be true or false", 0);
		return -1;
	}
	if (rq->has_other && !is_admin(rq->app)) {
		answer_error(m, tag, "denied",
			     "permission denied: only an app holding perm:admin acts for another app, and ",
			     rq->app);
		return -1;
	}
	return 0;
}

static void answer_done(const struct zos_msg *m, const struct request *rq, const char *what,
			const char *app, const char *reason, int32_t grant_slot, int32_t keep)
{
	struct zjson_writer w;
	uint32_t n;

	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	zjson_key(&w, "capability");
	zjson_string(&w, rq->cap);
	zjson_key(&w, "app");
	zjson_string(&w, app);
	zjson_key(&w, what);
	zjson_boolean(&w, 1);
	if (reason) {
		zjson_key(&w, "reason");
		zjson_string(&w, reason);
	}
	zjson_object_end(&w);
	n = zos_answer_finish(&w);
	if (w.err) /* too_big: the grant's cap does not go with a refusal */
		grant_slot = keep = -1;
	answer(m, ZOS_MSG_PERM_CAPABILITY_RESPONSE, text, n, grant_slot, keep);
}

static void do_request(const struct zos_msg *m)
{
	const uint32_t tag = ZOS_MSG_PERM_CAPABILITY_RESPONSE;
	struct request rq;
	struct perm_verdict v;
	struct perm_grant *g;
	char why[128];
	int32_t keep = -1;

	if (parse(m, tag, &rq))
		return;
	if (!rq.has_cap)
		return answer_error(m, tag, "invalid", "which capability? (\"capability\" is missing)", 0);
	if (rq.has_other) {
		/* The user's approval (shell `grant`), kept for the app's own
		 * request; refused at once when even an approval would not let
		 * the app have it (a deny rule, or not in its manifest). */
		perm_decide(manifest_of(rq.other), rq.other, rq.cap, 1, &v);
		if (!v.allow)
			return answer_error(m, tag, v.code, v.why, 0);
		if (perm_approve(rq.other, rq.cap) != ZOS_OK)
			return answer_error(m, tag, "full", "too many approvals are kept", 0);
		perm_record_save();
		return answer_done(m, &rq, "approved", rq.other, "the app may now request it", -1,
				   -1);
	}
	g = perm_grant_find(m->h.sender, rq.cap);
	if (g && g->slot >= 0 && !perm_grant_live(g)) {
		/* the network service restarted: its old caps are gone; the
		 * holder asks again and gets a grant from the new one */
		perm_grant_revoke(g, ZOS_REVOKE_EXPLICIT);
		g = 0;
	}
	if (g)
		return answer_done(m, &rq, "granted", rq.app, "already held", g->slot, -1);
	perm_decide(manifest_of(rq.app), rq.app, rq.cap, perm_approved(rq.app, rq.cap), &v);
	if (!v.allow)
		return answer_error(m, tag, v.code, v.why, 0);
	g = perm_grant_new();
	if (!g)
		return answer_error(m, tag, "full", "too many grants are held", 0);
	g->used = 1;
	g->pid = m->h.sender;
	zos_strlcpy(g->app, rq.app, sizeof g->app);
	zos_strlcpy(g->cap, rq.cap, sizeof g->cap);
	if (perm_grant_make(g, why, sizeof why) < 0) {
		zos_memset(g, 0, sizeof *g);
		return answer_error(m, tag, "failed", "cannot grant it now: ", why);
	}
	if (m->h.ncaps >= 2) {
		g->notice = (int32_t)m->h.cap_slots[1];
		keep = g->notice;
	}
	perm_record_save();
	answer_done(m, &rq, "granted", rq.app, v.why, g->slot, keep);
}

static void do_revoke(const struct zos_msg *m)
{
	const uint32_t tag = ZOS_MSG_PERM_CAPABILITY_RESPONSE;
	struct request rq;
	uint32_t count = 0;
	char n[12];

	if (parse(m, tag, &rq))
		return;
	if (!rq.has_cap)
		return answer_error(m, tag, "invalid", "which capability? (\"capability\" is missing)", 0);
	if (!rq.has_other) {
		struct perm_grant *g = perm_grant_find(m->h.sender, rq.cap);
		if (!g)
			return answer_error(m, tag, "not_held", "not held: ", rq.cap);
		perm_grant_revoke(g, ZOS_REVOKE_EXPLICIT);
		perm_record_save();
		return answer_done(m, &rq, "revoked", rq.app, 0, -1, -1);
	}
	for (uint32_t i = 0; i < PERM_MAX_GRANTS; i++) {
		struct perm_grant *g = &perm.grants[i];
		if (g->used && !zos_strcmp(g->app, rq.other) && perm_name_covers(rq.cap, g->cap)) {
			perm_grant_revoke(g, ZOS_REVOKE_EXPLICIT);
			count++;
		}
	}
	int was_approved = perm_approved(rq.other, rq.cap);
	perm_unapprove(rq.other, rq.cap);
	perm_record_save();
	if (!count && !was_approved)
		return answer_error(m, tag, "not_held", "nothing to revoke: app does not hold ",
				    rq.cap);
	zos_snprintf(n, sizeof n, "%u", count);
	answer_done(m, &rq, "revoked", rq.other, n, -1, -1);
}

static void do_list(const struct zos_msg *m)
{
	const uint32_t tag = ZOS_MSG_PERM_CAPS_LIST_RESPONSE;
	struct request rq;
	uint32_t len;
	int r;

	if (parse(m, tag, &rq))
		return;
	if (rq.all && !is_admin(rq.app))
		return answer_error(m, tag, "denied",
				    "permission denied: only an app holding perm:admin lists everyone's "
				    "grants, and ",
				    rq.app);
	if (rq.all)
		r = perm_grants_json(text, sizeof text, 0, 0, &len);
	else if (rq.has_other)
		r = perm_grants_json(text, sizeof text, 0, rq.other, &len);
	else
		r = perm_grants_json(text, sizeof text, m->h.sender, 0, &len);
	if (r != ZOS_OK)
		return answer_error(m, tag, ZOS_ANSWER_TOO_BIG, "the list does not fit in a message", 0);
	answer(m, tag, text, len, -1, -1);
}

/* Init hands VFS's control cap in a LOOKUP_RESPONSE "vfs-control", sent
 * (no reply cap). Init's pid only tells whose message it is; the cap is
 * the authority, and VFS checks it. */
static int take_control(const struct zos_msg *m)
{
	static const char what[] = "vfs-control";

	if (m->h.sender != ZOS_PID_INIT || m->h.ncaps != 1 || m->h.size != sizeof what - 1 ||
	    zos_memcmp(m->body, what, sizeof what - 1)) {
		for (uint32_t i = 0; i < m->h.ncaps && i < ZOS_MSG_MAX_CAPS; i++)
			zos_cap_delete(m->h.cap_slots[i]);
		return 1;
	}
	if (perm.control_slot >= 0)
		zos_cap_delete((uint32_t)perm.control_slot);
	perm.control_slot = (int32_t)m->h.cap_slots[0];
	return 1;
}

int perm_handle(struct zos_msg *m)
{
	if (m->h.tag == ZOS_MSG_INIT_LOOKUP_RESPONSE)
		return take_control(m);
	if (m->h.ncaps == 0)
		return 1; /* a notice or a stray send: nobody waits for an answer */
	perm_sweep();
	switch (m->h.tag) {
	case ZOS_MSG_PERM_REQUEST_CAPABILITY:
		do_request(m);
		return 1;
	case ZOS_MSG_PERM_REVOKE_CAPABILITY:
		do_revoke(m);
		return 1;
	case ZOS_MSG_PERM_LIST_MY_CAPS:
		do_list(m);
		return 1;
	default:
		answer_error(m, m->h.tag, "not_supported", "unknown request", 0);
		return 1;
	}
}
