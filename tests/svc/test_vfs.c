/*
 * VfsService's own code on the host (tests/svc/svc_host.h), driven through
 * the libzos client (vfs.h) whose transport runs VFS's handler in-process:
 * every operation and its errors, paging, a 1 MiB file, namespaces and
 * their control requests (only with VFS's control capability), hostile
 * bodies, and the consistency check after each test (and that it finds
 * damage).
 */
#include "harness.h"
#include "svc/svc_host.h"
#include "user/services/vfs/vfs_service.h"

static struct svc_host h;
static struct zos_msg reply;
static uint32_t current;     /* the client the transport speaks for */
static uint32_t init_control; /* Init's cap to VFS's control endpoint */
static uint32_t root_client, app_client, stranger;

static int64_t transport(uint32_t tag, const void *body, uint32_t len, struct zos_msg *out)
{
	return svc_host_request(&h, current, tag, body, len, vfs_handle, out);
}

/* A raw request as client c: the answer's text. */
static const char *ask(uint32_t c, uint32_t tag, const char *body)
{
	static char text[ZOS_MSG_MAX + 1];
	int64_t n = svc_host_request(&h, c, tag, body, (uint32_t)strlen(body), vfs_handle, &reply);

	if (n < 0) {
		snprintf(text, sizeof text, "(no answer: %lld)", (long long)n);
		return text;
	}
	memcpy(text, reply.body, (size_t)n);
	text[n] = 0;
	return text;
}

#define EXPECT(got, want)                                                              \
	do {                                                                           \
		const char *g_ = (got);                                                \
		if (strcmp(g_, want) != 0)                                             \
			harness_fail(__FILE__, __LINE__, "got %s, want %s", g_, want); \
	} while (0)

#define EXPECT_ERR(call, want)                                                           \
	do {                                                                             \
		int64_t r_ = (call);                                                     \
		if (r_ >= 0 || strcmp(zos_vfs_error(), want) != 0)                       \
			harness_fail(__FILE__, __LINE__, "%s: %lld \"%s\", want \"%s\"", \
				     #call, (long long)r_, zos_vfs_error(), want);       \
	} while (0)

/* Init's process cap slot for pid. */
static uint32_t pslot_of(uint32_t pid)
{
	struct zos_cap_info caps[ZOS_MAX_SLOTS];
	int64_t n;

	svc_host_as(&h, ZOS_PID_INIT);
	n = zos_cap_list(caps, ZOS_MAX_SLOTS);
	for (int64_t i = 0; i < n; i++)
		if (caps[i].obj_type == ZOS_OBJ_PROCESS && caps[i].obj_id == pid)
			return caps[i].slot;
	return 0;
}

/* Init's side of a control request: sent (no answer), carrying the cap. */
static void init_control_send(uint32_t tag, const char *body)
{
	static struct zos_msg m;

	svc_host_as(&h, ZOS_PID_INIT);
	CHECK(zos_send_caps(h.svc_ep, tag, &init_control, 0, 1, body, (uint32_t)strlen(body)) >= 0);
	svc_host_as(&h, h.svc_pid);
	CHECK(zos_recv(ZOS_SLOT_SELF, &m, 0) >= 0);
	CHECK(vfs_handle(&m));
}

static void register_client(uint32_t pid, const char *name, int root)
{
	char body[128];

	snprintf(body, sizeof body, "{\"pid\":%u,\"name\":\"%s\",\"root\":%s}", pid, name,
		 root ? "true" : "false");
	init_control_send(ZOS_MSG_VFS_REGISTER, body);
}

static void consistent(const char *where)
{
	struct vfs_check_report r;

	svc_host_as(&h, h.svc_pid);
	CHECK_EQ(vfs_check(&r, 1), VFS_OK);
	if (r.problems)
		harness_fail(__FILE__, __LINE__, "%s: %u problems, first: %s", where, r.problems,
			     r.first[0]);
}

static void boot(void)
{
	int64_t r;

	svc_host_boot(&h, "vfs", ZOS_DEV_STORAGE);
	svc_host_as(&h, ZOS_PID_INIT);
	r = zos_create_endpoint_for(pslot_of(h.svc_pid));
	CHECK(r >= 0);
	init_control = ZOS_UNPACK_SLOT(r);
	svc_host_as(&h, h.svc_pid);
	CHECK_EQ(vfs_start(), VFS_OK);
	root_client = svc_host_client(&h, "terminal");
	app_client = svc_host_client(&h, "notes");
	stranger = svc_host_client(&h, "stranger");
	register_client(root_client, "terminal", 1);
	register_client(app_client, "notes", 0);
	zos_vfs_use_transport(transport);
	current = root_client;
}

static void done(void)
{
	consistent(harness_current);
	zos_vfs_use_transport(0);
	svc_host_free(&h);
}

static int64_t count_dir(const char *path, int *has)
{
	static struct zos_vfs_dirent ents[ZOS_VFS_PAGE_MAX];
	int64_t cursor = 0, total = 0;

	do {
		int64_t n = zos_vfs_readdir(path, &cursor, ents);
		if (n < 0)
			return n;
		for (int64_t i = 0; has && i < n; i++)
			if (!strcmp(ents[i].name, "apps") || !strcmp(ents[i].name, "home") ||
			    !strcmp(ents[i].name, "system") || !strcmp(ents[i].name, "tmp"))
				*has += 1;
		total += n;
	} while (cursor >= 0);
	return total;
}

static void test_standard_tree(void)
{
	static const char *tree[] = { "/system", "/system/settings", "/system/config",
				      "/home", "/apps", "/tmp" };
	struct zos_vfs_stat st;
	int has = 0;

	boot();
	for (size_t i = 0; i < sizeof tree / sizeof *tree; i++) {
		CHECK_EQ(zos_vfs_exists(tree[i]), 1);
		CHECK_EQ(zos_vfs_stat(tree[i], &st), 0);
		CHECK_EQ(st.type, ZOS_VFS_DIR);
		CHECK(!strcmp(st.owner, "system"));
	}
	CHECK_EQ(count_dir("/", &has), 4);
	CHECK_EQ(has, 4);
	CHECK_EQ(count_dir("/apps", 0), 1); /* notes's home, made when it registered */
	/* a second start (a reboot) changes nothing */
	svc_host_as(&h, h.svc_pid);
	uint64_t writes = h.storage.writes;
	CHECK_EQ(vfs_start(), VFS_OK);
	CHECK_EQ(h.storage.writes, writes);
	register_client(root_client, "terminal", 1);
	register_client(app_client, "notes", 0);
	EXPECT_ERR(zos_vfs_rmdir("/system/settings"), "part of the standard tree: /system/settings");
	EXPECT_ERR(zos_vfs_rmdir("/"), "part of the standard tree: /");
	EXPECT_ERR(zos_vfs_rmdir("/tmp/"), "part of the standard tree: /tmp");
	done();
}

static void test_mkdir_rmdir(void)
{
	boot();
	CHECK_EQ(zos_vfs_mkdir("/home/a", 0), 0);
	EXPECT_ERR(zos_vfs_mkdir("/home/a", 0), "already exists: /home/a");
	CHECK_EQ(zos_vfs_mkdir("/home/a", 1), 0); /* -p: there already, fine */
	EXPECT_ERR(zos_vfs_mkdir("/home/x/y", 0), "no such directory: /home/x");
	CHECK_EQ(zos_vfs_mkdir("/home/x/y/z", 1), 0);
	CHECK_EQ(zos_vfs_exists("/home/x/y"), 1);
	CHECK_EQ(zos_vfs_write("/home/f", "hi", 2), 2);
	EXPECT_ERR(zos_vfs_mkdir("/home/f/g", 1), "not a directory: /home/f");
	EXPECT_ERR(zos_vfs_mkdir("/home/f", 1), "not a directory: /home/f");
	EXPECT_ERR(zos_vfs_rmdir("/home/x"), "directory not empty: /home/x");
	EXPECT_ERR(zos_vfs_rmdir("/home/f"), "not a directory: /home/f");
	EXPECT_ERR(zos_vfs_rmdir("/home/nope"), "no such directory: /home/nope");
	CHECK_EQ(zos_vfs_rmdir("/home/x/y/z"), 0);
	CHECK_EQ(zos_vfs_rmdir("/home/x/y"), 0);
	CHECK_EQ(zos_vfs_rmdir("/home/x"), 0);
	CHECK_EQ(zos_vfs_exists("/home/x"), 0);
	consistent("after rmdir");
	done();
}

static void test_write_read_append_offset(void)
{
	char buf[64];
	uint64_t size = 0;
	struct zos_vfs_stat st;

	boot();
	CHECK_EQ(zos_vfs_write("/home/n.txt", "hello", 5), 5);
	CHECK_EQ(zos_vfs_read("/home/n.txt", 0, buf, sizeof buf, &size), 5);
	CHECK_EQ(size, 5);
	CHECK(!memcmp(buf, "hello", 5));
	CHECK_EQ(zos_vfs_append("/home/n.txt", " world", 6), 6);
	CHECK_EQ(zos_vfs_read("/home/n.txt", 0, buf, sizeof buf, 0), 11);
	CHECK(!memcmp(buf, "hello world", 11));
	CHECK_EQ(zos_vfs_read("/home/n.txt", 6, buf, 3, 0), 3);
	CHECK(!memcmp(buf, "wor", 3));
	CHECK_EQ(zos_vfs_read("/home/n.txt", 11, buf, 3, 0), 0);
	/* at an offset, through the raw protocol */
	EXPECT(ask(root_client, ZOS_MSG_VFS_WRITE, "{\"path\":\"/home/n.txt\",\"data\":\"SEk=\",\"offset\":0}"),
	       "{\"success\":true,\"size\":11}");
	CHECK_EQ(zos_vfs_read("/home/n.txt", 0, buf, sizeof buf, 0), 11);
	CHECK(!memcmp(buf, "HIllo world", 11));
	EXPECT(ask(root_client, ZOS_MSG_VFS_WRITE, "{\"path\":\"/home/n.txt\",\"data\":\"SEk=\",\"offset\":12}"),
	       "{\"error\":\"invalid request: an offset past the end of the file: /home/n.txt\",\"code\":\"invalid\"}");
	EXPECT(ask(root_client, ZOS_MSG_VFS_READ, "{\"path\":\"/home/n.txt\",\"offset\":12}"),
	       "{\"error\":\"invalid request: an offset past the end of the file: /home/n.txt\",\"code\":\"invalid\"}");
	/* replace makes it shorter */
	CHECK_EQ(zos_vfs_write("/home/n.txt", "x", 1), 1);
	CHECK_EQ(zos_vfs_stat("/home/n.txt", &st), 0);
	CHECK_EQ(st.size, 1);
	CHECK_EQ(st.type, ZOS_VFS_FILE);
	CHECK(!strcmp(st.owner, "terminal"));
	CHECK_EQ(st.mode, 0644);
	CHECK(st.created > 0 && st.modified >= st.created);
	/* an empty file */
	CHECK_EQ(zos_vfs_write("/home/empty", "", 0), 0);
	CHECK_EQ(zos_vfs_read("/home/empty", 0, buf, sizeof buf, &size), 0);
	CHECK_EQ(size, 0);
	/* errors */
	EXPECT_ERR(zos_vfs_read("/home/nope", 0, buf, 4, 0), "no such file: /home/nope");
	CHECK_EQ(zos_vfs_read("/home/nope", 0, buf, 4, 0), ZOS_ERR_NOT_FOUND);
	EXPECT_ERR(zos_vfs_read("/home", 0, buf, 4, 0), "is a directory: /home");
	EXPECT_ERR(zos_vfs_write("/home", "a", 1), "is a directory: /home");
	EXPECT_ERR(zos_vfs_write("/", "a", 1), "is a directory: /");
	EXPECT_ERR(zos_vfs_write("/home/no/such", "a", 1), "no such directory: /home/no");
	EXPECT_ERR(zos_vfs_write("/home/n.txt/x", "a", 1), "not a directory: /home/n.txt");
	EXPECT_ERR(zos_vfs_unlink("/home/nope"), "no such file: /home/nope");
	EXPECT_ERR(zos_vfs_unlink("/home"), "is a directory: /home");
	EXPECT_ERR(zos_vfs_stat("/home/nope", &st), "no such file or directory: /home/nope");
	CHECK_EQ(zos_vfs_unlink("/home/n.txt"), 0);
	CHECK_EQ(zos_vfs_exists("/home/n.txt"), 0);
	done();
}

static void test_big_file(void)
{
	static uint8_t data[1u << 20], back[1u << 20];
	uint64_t size;

	boot();
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(i * 7 + (i >> 11));
	CHECK_EQ(zos_vfs_write("/home/big", data, sizeof data), (int64_t)sizeof data);
	memset(back, 0, sizeof back);
	CHECK_EQ(zos_vfs_read("/home/big", 0, back, sizeof back, &size), (int64_t)sizeof back);
	CHECK_EQ(size, sizeof data);
	CHECK(!memcmp(data, back, sizeof data));
	consistent("1 MiB written");
	/* an append that crosses a chunk boundary, from an odd size */
	CHECK_EQ(zos_vfs_write("/home/big", data, 3000), 3000);
	CHECK_EQ(zos_vfs_append("/home/big", data + 3000, 5000), 5000);
	CHECK_EQ(zos_vfs_read("/home/big", 0, back, sizeof back, &size), 8000);
	CHECK(!memcmp(data, back, 8000));
	consistent("shrunk, then appended");
	/* a write at an offset spanning two chunks */
	EXPECT(ask(root_client, ZOS_MSG_VFS_WRITE,
		   "{\"path\":\"/home/big\",\"data\":\"QUJDRA==\",\"offset\":2046}"),
	       "{\"success\":true,\"size\":8000}");
	CHECK_EQ(zos_vfs_read("/home/big", 2045, back, 6, 0), 6);
	CHECK(!memcmp(back + 1, "ABCD", 4) && back[0] == data[2045] && back[5] == data[2050]);
	CHECK_EQ(zos_vfs_unlink("/home/big"), 0);
	done();
}

static void test_readdir_pages(void)
{
	static struct zos_vfs_dirent ents[ZOS_VFS_PAGE_MAX];
	static char seen[400];
	char path[64];
	int64_t cursor = 0, total = 0, pages = 0;

	boot();
	CHECK_EQ(zos_vfs_mkdir("/home/many", 0), 0);
	for (int i = 0; i < 400; i++) {
		snprintf(path, sizeof path, "/home/many/file-with-a-longish-name-%03d", i);
		CHECK_EQ(zos_vfs_write(path, "x", 1), 1);
	}
	do {
		int64_t n = zos_vfs_readdir("/home/many", &cursor, ents);
		CHECK(n > 0);
		if (n <= 0)
			break;
		for (int64_t i = 0; i < n; i++) {
			int k = atoi(ents[i].name + strlen("file-with-a-longish-name-"));
			CHECK(k >= 0 && k < 400 && !seen[k]);
			if (k >= 0 && k < 400)
				seen[k] = 1;
			CHECK_EQ(ents[i].type, ZOS_VFS_FILE);
		}
		total += n;
		pages++;
	} while (cursor >= 0);
	CHECK_EQ(total, 400);
	CHECK(pages > 1);
	/* remove every other one, then the rest: chunks empty and go */
	for (int i = 0; i < 400; i += 2) {
		snprintf(path, sizeof path, "/home/many/file-with-a-longish-name-%03d", i);
		CHECK_EQ(zos_vfs_unlink(path), 0);
	}
	CHECK_EQ(count_dir("/home/many", 0), 200);
	consistent("half removed");
	for (int i = 1; i < 400; i += 2) {
		snprintf(path, sizeof path, "/home/many/file-with-a-longish-name-%03d", i);
		CHECK_EQ(zos_vfs_unlink(path), 0);
	}
	CHECK_EQ(count_dir("/home/many", 0), 0);
	CHECK_EQ(zos_vfs_rmdir("/home/many"), 0);
	cursor = 0;
	EXPECT_ERR(zos_vfs_readdir("/home/many", &cursor, ents), "no such directory: /home/many");
	cursor = 0;
	EXPECT_ERR(zos_vfs_readdir("/tmp/../home/../tmp/x", &cursor, ents), "no such directory: /tmp/x");
	done();
}

static void test_canonical_paths(void)
{
	char buf[8];

	boot();
	CHECK_EQ(zos_vfs_write("//home///./c.txt", "c", 1), 1);
	CHECK_EQ(zos_vfs_read("/home/../home/c.txt/", 0, buf, sizeof buf, 0), 1);
	CHECK_EQ(zos_vfs_read("/../../home/c.txt", 0, buf, sizeof buf, 0), 1);
	CHECK_EQ(zos_vfs_exists("/home/./c.txt"), 1);
	EXPECT_ERR(zos_vfs_exists("home/c.txt"), "invalid request: not an absolute path");
	EXPECT_ERR(zos_vfs_exists(""), "invalid request: not an absolute path");
	char long_name[300];
	memset(long_name, 'a', sizeof long_name);
	long_name[0] = '/';
	long_name[sizeof long_name - 1] = 0;
	EXPECT_ERR(zos_vfs_exists(long_name), "invalid request: a name longer than 255 bytes");
	char deep[800];
	for (int i = 0; i < 400; i++)
		memcpy(deep + 2 * i, "/a", 2);
	deep[799] = 0;
	EXPECT_ERR(zos_vfs_exists(deep), "invalid request: a path longer than 512 bytes");
	EXPECT(ask(root_client, ZOS_MSG_VFS_EXISTS, "{\"path\":\"/home/a\\u0001b\"}"),
	       "{\"error\":\"invalid request: a name with a control character\",\"code\":\"invalid\"}");
	done();
}

static void test_namespaces(void)
{
	static struct zos_vfs_dirent ents[ZOS_VFS_PAGE_MAX];
	char buf[16];
	int64_t cursor = 0;

	boot();
	CHECK_EQ(zos_vfs_write("/system/settings/secret", "s3cret", 6), 6);
	CHECK_EQ(zos_vfs_mkdir("/apps/other", 0), 0);
	current = app_client;
	/* its own home and /tmp */
	CHECK_EQ(zos_vfs_write("/apps/notes/todo", "milk", 4), 4);
	CHECK_EQ(zos_vfs_read("/apps/notes/todo", 0, buf, sizeof buf, 0), 4);
	CHECK_EQ(zos_vfs_mkdir("/apps/notes/a/b", 1), 0);
	CHECK_EQ(zos_vfs_write("/tmp/scratch", "t", 1), 1);
	CHECK_EQ(count_dir("/apps/notes", 0), 2);
	/* nothing else, however it is spelt */
	EXPECT_ERR(zos_vfs_read("/system/settings/secret", 0, buf, sizeof buf, 0),
		   "permission denied: /system/settings/secret");
	CHECK_EQ(zos_vfs_read("/system/settings/secret", 0, buf, sizeof buf, 0),
		 ZOS_ERR_INSUFFICIENT_RIGHTS);
	EXPECT_ERR(zos_vfs_read("/apps/notes/../../system/settings/secret", 0, buf, sizeof buf, 0),
		   "permission denied: /system/settings/secret");
	EXPECT_ERR(zos_vfs_read("/tmp/../system/settings/secret", 0, buf, sizeof buf, 0),
		   "permission denied: /system/settings/secret");
	EXPECT_ERR(zos_vfs_read("//system//settings/./secret", 0, buf, sizeof buf, 0),
		   "permission denied: /system/settings/secret");
	EXPECT_ERR(zos_vfs_exists("/system/settings/nothing"), "permission denied: /system/settings/nothing");
	EXPECT_ERR(zos_vfs_readdir("/", &cursor, ents), "permission denied: /");
	EXPECT_ERR(zos_vfs_readdir("/apps", &cursor, ents), "permission denied: /apps");
	EXPECT_ERR(zos_vfs_readdir("/apps/notes/..", &cursor, ents), "permission denied: /apps");
	EXPECT_ERR(zos_vfs_readdir("/apps/other", &cursor, ents), "permission denied: /apps/other");
	EXPECT_ERR(zos_vfs_write("/apps/notesx", "a", 1), "permission denied: /apps/notesx");
	EXPECT_ERR(zos_vfs_write("/home/x", "a", 1), "permission denied: /home/x");
	EXPECT_ERR(zos_vfs_mkdir("/home/x", 1), "permission denied: /home/x");
	EXPECT_ERR(zos_vfs_rmdir("/apps/notes"), "permission denied: /apps/notes");
	EXPECT_ERR(zos_vfs_unlink("/system/settings/secret"), "permission denied: /system/settings/secret");
	EXPECT_ERR(zos_vfs_check(1, 0, 0), "permission denied: /");
	char report[256];
	CHECK_EQ(zos_vfs_check(0, report, sizeof report), 1);
	EXPECT(report, "{\"consistent\":true,\"problems\":0}");
	/* a process Init never registered sees only /tmp */
	current = stranger;
	EXPECT_ERR(zos_vfs_read("/apps/notes/todo", 0, buf, sizeof buf, 0), "permission denied: /apps/notes/todo");
	CHECK_EQ(zos_vfs_read("/tmp/scratch", 0, buf, sizeof buf, 0), 1);
	/* /tmp files of others follow their modes: read yes, write no */
	EXPECT_ERR(zos_vfs_write("/tmp/scratch", "w", 1), "permission denied: /tmp/scratch");
	current = root_client;
	done();
}

/* A control request by CALL from a client holding a copy of the cap. */
static const char *control_call(uint32_t c, uint32_t slot, uint32_t tag, const char *body)
{
	static char text[ZOS_MSG_MAX + 1];
	static struct zos_msg m;
	uint32_t caps[2] = { ZOS_SLOT_SELF, slot };
	uint8_t rights[2] = { ZOS_RIGHT_WRITE, 0 };
	int64_t n;

	svc_host_as(&h, c);
	CHECK(zos_send_caps(1, tag, caps, rights, 2, body, (uint32_t)strlen(body)) >= 0);
	svc_host_as(&h, h.svc_pid);
	CHECK(zos_recv(ZOS_SLOT_SELF, &m, 0) >= 0);
	CHECK(vfs_handle(&m));
	svc_host_as(&h, c);
	n = zos_recv(ZOS_SLOT_SELF, &reply, 0);
	svc_host_as(&h, h.svc_pid);
	if (n < 0)
		return "(no answer)";
	memcpy(text, reply.body, (size_t)n);
	text[n] = 0;
	return text;
}

static void test_control_needs_the_cap(void)
{
	char body[128], buf[8];
	struct zos_cap_info caps[ZOS_MAX_SLOTS];
	uint32_t perm, perm_slot = 0, fake_slot;
	int64_t n, r;

	boot();
	CHECK_EQ(zos_vfs_write("/home/doc", "d", 1), 1);
	/* the app claims to be root, or grants itself /home: refused */
	snprintf(body, sizeof body, "{\"pid\":%u,\"name\":\"terminal\",\"root\":true}", app_client);
	EXPECT(ask(app_client, ZOS_MSG_VFS_REGISTER, body),
	       "{\"error\":\"permission denied: a control request without VFS's control capability\",\"code\":\"denied\"}");
	snprintf(body, sizeof body, "{\"pid\":%u,\"path\":\"/home\",\"write\":true}", app_client);
	EXPECT(ask(app_client, ZOS_MSG_VFS_GRANT, body),
	       "{\"error\":\"permission denied: a control request without VFS's control capability\",\"code\":\"denied\"}");
	/* another endpoint cap of its own is no token */
	svc_host_as(&h, app_client);
	r = zos_create_endpoint();
	CHECK(r >= 0);
	fake_slot = ZOS_UNPACK_SLOT(r);
	EXPECT(control_call(app_client, fake_slot, ZOS_MSG_VFS_GRANT, body),
	       "{\"error\":\"permission denied: a control request without VFS's control capability\",\"code\":\"denied\"}");
	current = app_client;
	EXPECT_ERR(zos_vfs_read("/home/doc", 0, buf, sizeof buf, 0), "permission denied: /home/doc");
	/* PermissionService, holding a copy Init handed it, grants /home read-only */
	perm = svc_host_client(&h, "permission");
	svc_host_as(&h, ZOS_PID_INIT);
	CHECK(zos_cap_grant(init_control, pslot_of(perm), ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT) >= 0);
	svc_host_as(&h, perm);
	n = zos_cap_list(caps, ZOS_MAX_SLOTS);
	for (int64_t i = 0; i < n; i++)
		if (caps[i].obj_type == ZOS_OBJ_ENDPOINT && caps[i].rights == (ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT) && caps[i].slot > 1)
			perm_slot = caps[i].slot;
	CHECK(perm_slot > 1);
	snprintf(body, sizeof body, "{\"pid\":%u,\"path\":\"/home/\",\"write\":false}", app_client);
	EXPECT(control_call(perm, perm_slot, ZOS_MSG_VFS_GRANT, body), "{\"success\":true}");
	CHECK_EQ(zos_vfs_read("/home/doc", 0, buf, sizeof buf, 0), 1);
	EXPECT_ERR(zos_vfs_write("/home/doc", "w", 1), "read-only for you: /home/doc");
	EXPECT_ERR(zos_vfs_read("/system/settings", 0, buf, sizeof buf, 0), "permission denied: /system/settings");
	/* revoked: gone again */
	snprintf(body, sizeof body, "{\"pid\":%u,\"path\":\"/home\"}", app_client);
	EXPECT(control_call(perm, perm_slot, ZOS_MSG_VFS_REVOKE, body), "{\"success\":true}");
	EXPECT(control_call(perm, perm_slot, ZOS_MSG_VFS_REVOKE, body),
	       "{\"error\":\"no such file or directory: /home\",\"code\":\"not_found\"}");
	EXPECT_ERR(zos_vfs_read("/home/doc", 0, buf, sizeof buf, 0), "permission denied: /home/doc");
	/* malformed control bodies get errors too */
	EXPECT(control_call(perm, perm_slot, ZOS_MSG_VFS_GRANT, "{\"path\":\"/home\"}"),
	       "{\"error\":\"invalid request: \\\"pid\\\" is missing or not a pid\",\"code\":\"invalid\"}");
	EXPECT(control_call(perm, perm_slot, ZOS_MSG_VFS_GRANT, "[]"),
	       "{\"error\":\"invalid request: the body is not a JSON object\",\"code\":\"invalid\"}");
	/* the carried caps were not kept */
	svc_host_as(&h, h.svc_pid);
	n = zos_cap_list(caps, ZOS_MAX_SLOTS);
	CHECK_EQ(n, 5); /* self, init, device, reply endpoint, control */
	current = root_client;
	done();
}

static void test_hostile_bodies(void)
{
	static const struct {
		const char *body, *want;
	} cases[] = {
		{ "", "{\"error\":\"invalid request: the body is not a JSON object\",\"code\":\"invalid\"}" },
		{ "{\"path\":", "{\"error\":\"invalid request: the body is not a JSON object\",\"code\":\"invalid\"}" },
		{ "{}", "{\"error\":\"invalid request: \\\"path\\\" (a string) is missing\",\"code\":\"invalid\"}" },
		{ "{\"path\":7}", "{\"error\":\"invalid request: \\\"path\\\" (a string) is missing\",\"code\":\"invalid\"}" },
		{ "{\"path\":\"/home/a\\u0000\"}", "{\"error\":\"invalid request: a path longer than 1023 bytes or holding NUL\",\"code\":\"invalid\"}" },
		{ "{\"path\":\"/home/w\"}", "{\"error\":\"invalid request: \\\"data\\\" (base64 text) is missing\",\"code\":\"invalid\"}" },
		{ "{\"path\":\"/home/w\",\"data\":\"!!!!\"}", "{\"error\":\"invalid request: \\\"data\\\" is not base64 of at most 2048 bytes\",\"code\":\"invalid\"}" },
		{ "{\"path\":\"/home/w\",\"data\":\"\",\"append\":true,\"offset\":0}", "{\"error\":\"invalid request: \\\"append\\\" (true/false), \\\"offset\\\" (0..16 MiB, not with append) or \\\"mode\\\" (0..0777) is wrong\",\"code\":\"invalid\"}" },
		{ "{\"path\":\"/home/w\",\"data\":\"\",\"offset\":-1}", "{\"error\":\"invalid request: \\\"append\\\" (true/false), \\\"offset\\\" (0..16 MiB, not with append) or \\\"mode\\\" (0..0777) is wrong\",\"code\":\"invalid\"}" },
		{ "{\"path\":\"/home/w\",\"data\":\"\",\"mode\":99999}", "{\"error\":\"invalid request: \\\"append\\\" (true/false), \\\"offset\\\" (0..16 MiB, not with append) or \\\"mode\\\" (0..0777) is wrong\",\"code\":\"invalid\"}" },
	};
	char deep[300];
	int64_t n;

	boot();
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		EXPECT(ask(root_client, ZOS_MSG_VFS_WRITE, cases[i].body), cases[i].want);
	memset(deep, '[', sizeof deep - 1);
	deep[sizeof deep - 1] = 0;
	EXPECT(ask(root_client, ZOS_MSG_VFS_STAT, deep),
	       "{\"error\":\"invalid request: the body is not a JSON object\",\"code\":\"invalid\"}");
	/* data over 2048 bytes */
	static char big[4000];
	strcpy(big, "{\"path\":\"/home/w\",\"data\":\"");
	size_t at = strlen(big);
	memset(big + at, 'A', 2736);
	strcpy(big + at + 2736, "\"}");
	EXPECT(ask(root_client, ZOS_MSG_VFS_WRITE, big),
	       "{\"error\":\"invalid request: \\\"data\\\" is not base64 of at most 2048 bytes\",\"code\":\"invalid\"}");
	/* an unknown tag: NOT_SUPPORTED, as a result code */
	n = svc_host_request(&h, root_client, 0x80F0, "{}", 2, vfs_handle, &reply);
	CHECK_EQ(n, 8);
	CHECK_EQ(zos_vfs_exists("/home/w"), 0);
	done();
}

static void test_check_finds_damage(void)
{
	char key[VFS_KEY_MAX];
	struct vfs_check_report r;
	struct zos_vfs_stat st;
	static struct zos_msg res;

	boot();
	CHECK_EQ(zos_vfs_write("/home/a", "abc", 3), 3);
	CHECK_EQ(zos_vfs_stat("/home/a", &st), 0);
	/* the client's CHECK, as a root client */
	char report[512];
	CHECK_EQ(zos_vfs_check(1, report, sizeof report), 1);
	CHECK(strstr(report, "\"consistent\":true") != 0);
	/* lose the file's inode behind VFS's back */
	svc_host_as(&h, h.svc_pid);
	vfs_key_inode(key, st.ino);
	CHECK_EQ(zos_kv(ZOS_SYS_STORAGE_DELETE, ZOS_SLOT_DEVICE, key, (uint32_t)strlen(key), 0, 0, &res),
		 ZOS_STORAGE_RES_WRITE_OK);
	vfs_cache_drop(); /* VFS is the device's only writer; not here */
	CHECK_EQ(vfs_check(&r, 1), VFS_OK);
	CHECK(r.problems > 0);
	CHECK_EQ(zos_vfs_check(1, report, sizeof report), 0);
	CHECK(strstr(report, "an entry without a sound inode: /home/a") != 0);
	/* reading it says so */
	char buf[4];
	EXPECT_ERR(zos_vfs_read("/home/a", 0, buf, sizeof buf, 0), "the filesystem is damaged at /home/a");
	CHECK_EQ(zos_vfs_read("/home/a", 0, buf, sizeof buf, 0), ZOS_ERR_CORRUPT);
	/* a stray chunk past a file's end */
	CHECK_EQ(zos_vfs_write("/home/b", "b", 1), 1);
	CHECK_EQ(zos_vfs_stat("/home/b", &st), 0);
	svc_host_as(&h, h.svc_pid);
	vfs_key_chunk(key, st.ino, 5);
	struct zos_kv_write_in w = { (uint32_t)strlen(key) };
	uint8_t in[128];
	memcpy(in, &w, sizeof w);
	memcpy(in + sizeof w, key, w.key_len);
	memcpy(in + sizeof w + w.key_len, "zz", 2);
	CHECK_EQ(zos_sys(ZOS_SYS_STORAGE_WRITE, ZOS_SLOT_DEVICE, (uint64_t)zos_reply_slot, 0, in,
			 (uint32_t)(sizeof w + w.key_len + 2), 0, 0) >= 0, 1);
	svc_host_as(&h, h.svc_pid);
	CHECK(zos_recv((uint32_t)zos_reply_slot, &res, 0) >= 0);
	CHECK_EQ(vfs_check(&r, 1), VFS_OK);
	CHECK(r.problems >= 2);
	zos_vfs_use_transport(0);
	svc_host_free(&h);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_standard_tree);
	RUN(test_mkdir_rmdir);
	RUN(test_write_read_append_offset);
	RUN(test_big_file);
	RUN(test_readdir_pages);
	RUN(test_canonical_paths);
	RUN(test_namespaces);
	RUN(test_control_needs_the_cap);
	RUN(test_hostile_bodies);
	RUN(test_check_finds_damage);
	return harness_finish("svc/test_vfs");
}
