/*
 * The consistency check: walks the tree from the root and then lists
 * every record on the device, and reports what disagrees.
 *
 * The walk: every name in a directory's listing has its entry (same
 * inode, type and listing chunk), the entry its inode (same type, the
 * directory as parent), no inode is reached twice, a directory's count of
 * names matches its listing, a file's last chunk has the length its size
 * says. The listing of the device (LIST by prefix, split into narrower
 * prefixes whenever one answer cannot hold them all): every inode, data
 * chunk and listing chunk belongs to an inode the walk reached and lies
 * within it (no orphan, nothing past a file's end), every file has all
 * its chunks, and (deep) there are exactly as many entries as reached
 * paths. It only reads. Limit: VFS_CHECK_MAX inodes. Cost: three device
 * reads per file and directory, plus the LISTs.
 *
 * Entries are keyed by path, so listing them all, split by the next byte
 * whenever an answer is truncated, costs up to 222 LISTs per byte of a
 * long common prefix: the deep check (CHECK with "deep":true) does it. An entry no listing names cannot come
 * from a crash (entry, listing and inode change in one batch), only from
 * a fault in VFS itself.
 */
#include "vfs_service.h"

#include "lib/fmt.h"
#include "lib/mem.h"

#define VFS_CHECK_MAX 65536u
#define LIST_KEYS_MAX 512u

struct seen {
	uint64_t ino;
	uint64_t size;
	uint32_t lchunks;
	uint32_t found; /* chunks (files) or listing chunks found on the device */
	uint8_t type;
};

static struct seen seen[VFS_CHECK_MAX];
static uint32_t nseen;
static struct vfs_check_report *rep;
static char path[ZOS_VFS_PATH_MAX + 1];
static uint8_t chunk[VFS_LISTING_MAX];
static uint8_t data[VFS_CHUNK];

static void problem(const char *what, const char *where)
{
	if (rep->problems < 4)
		zos_snprintf(rep->first[rep->problems], sizeof rep->first[0], "%s: %s", what, where);
	rep->problems++;
}

static struct seen *find(uint64_t ino)
{
	uint32_t lo = 0, hi = nseen;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (seen[mid].ino == ino)
			return &seen[mid];
		if (seen[mid].ino < ino)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void sort_seen(void)
{
	for (uint32_t gap = nseen / 2; gap > 0; gap /= 2)
		for (uint32_t i = gap; i < nseen; i++) {
			struct seen t = seen[i];
			uint32_t j = i;
			for (; j >= gap && seen[j - gap].ino > t.ino; j -= gap)
				seen[j] = seen[j - gap];
			seen[j] = t;
		}
}

static int note(const struct vfs_inode *in)
{
	if (nseen == VFS_CHECK_MAX) {
		problem("more inodes than the check can hold", path);
		return 0;
	}
	seen[nseen].ino = in->ino;
	seen[nseen].size = in->size;
	seen[nseen].lchunks = in->lchunks;
	seen[nseen].type = in->type;
	seen[nseen].found = 0;
	nseen++;
	return 1;
}

/* A file: its last chunk holds what its size says. */
static void check_file(const struct vfs_inode *in)
{
	char key[VFS_KEY_MAX];
	uint32_t n = vfs_chunks_of(in->size), len;
	int st;

	rep->files++;
	rep->bytes += in->size;
	if (n == 0)
		return;
	vfs_key_chunk(key, in->ino, n - 1);
	st = vfs_store_get(key, data, sizeof data, &len);
	if (st == VFS_OK && len != in->size - (uint64_t)(n - 1) * VFS_CHUNK)
		problem("a file's last chunk has the wrong length", path);
	else if (st == VFS_E_NOENT)
		problem("a file's last chunk is missing", path);
	else if (st != VFS_OK)
		problem("a file's last chunk cannot be read", path);
}

static int walk(const struct vfs_inode *dir, uint32_t depth);

/* One name of dir's listing chunk k: its entry, its inode, and below. */
static void check_child(const struct vfs_inode *dir, uint32_t k, uint64_t ino, uint8_t type,
			uint32_t depth)
{
	struct vfs_op op;
	struct vfs_entry e;
	struct vfs_inode in;
	int st;

	zos_memset(&op, 0, sizeof op);
	st = vfs_lookup(&op, path, &e, &in);
	if (st == VFS_E_NOENT) {
		problem("a listed name without its entry", path);
		return;
	}
	if (st != VFS_OK) {
		problem(st == VFS_E_IO ? "cannot read" : "an entry without a sound inode", path);
		return;
	}
	if (e.ino != ino || e.type != type || e.lchunk != k || in.parent != dir->ino) {
		problem("an entry that disagrees with its directory's listing", path);
		return;
	}
	if (find(ino)) {
		problem("an inode reached twice", path);
		return;
	}
	if (!note(&in))
		return;
	if (in.type == ZOS_VFS_FILE)
		check_file(&in);
	else
		walk(&in, depth + 1);
}

static int walk(const struct vfs_inode *dir, uint32_t depth)
{
	char key[VFS_KEY_MAX];
	size_t base = zos_strlen(path);
	uint32_t names = 0;

	rep->dirs++;
	if (depth > ZOS_VFS_PATH_MAX / 2) {
		problem("a tree deeper than any path", path);
		return 0;
	}
	for (uint32_t k = 0; k < dir->lchunks; k++) {
		uint32_t len = 0, pos = 0;
		int st, r, stale = 1;
		for (;;) {
			uint64_t ino;
			uint8_t type;
			const char *name;
			uint32_t nlen;
			/* read again after a directory: the walk below it used the
			 * same buffer */
			if (stale) {
				vfs_key_listing(key, dir->ino, k);
				st = vfs_store_get(key, chunk, sizeof chunk, &len);
				if (st == VFS_E_NOENT)
					break;
				if (st != VFS_OK) {
					problem("a listing chunk cannot be read", path);
					break;
				}
				stale = 0;
			}
			r = vfs_listing_next(chunk, len, &pos, &ino, &type, &name, &nlen);
			if (r == 0)
				break;
			if (r < 0 || !vfs_name_valid(name, nlen) ||
			    base + (base > 1) + nlen > ZOS_VFS_PATH_MAX) {
				problem("a malformed listing", path);
				break;
			}
			names++;
			if (base > 1)
				path[base] = '/';
			zos_memcpy(path + base + (base > 1), name, nlen);
			path[base + (base > 1) + nlen] = 0;
			check_child(dir, k, ino, type, depth);
			stale = type == ZOS_VFS_DIR;
			path[base] = 0;
			if (base == 1)
				path[1] = 0;
		}
	}
	if (names != dir->entries)
		problem("a directory whose count of names is wrong", path);
	return 1;
}

/* ---- the device's records, listed by prefix ---- */

static char keys[LIST_KEYS_MAX][VFS_KEY_MAX];
static uint32_t nkeys;

static void collect(const char *key, uint32_t len, void *ctx)
{
	(void)ctx;
	if (nkeys < LIST_KEYS_MAX && len < VFS_KEY_MAX) {
		zos_memcpy(keys[nkeys], key, len);
		keys[nkeys++][len] = 0;
	}
}

static int hexval(const char *p, int digits, uint64_t *v)
{
	*v = 0;
	for (int i = 0; i < digits; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return 0;
		*v = *v << 4 | (uint64_t)d;
	}
	return 1;
}

/* One record key of kind 'i', 'c' or 'l' (or 'e': an entry). */
static void record(char kind, const char *key)
{
	uint64_t ino, n = 0;
	size_t len = zos_strlen(key);
	struct seen *s;

	if (kind == 'e') {
		rep->entries_found++;
		return;
	}
	if (len != (kind == 'i' ? 23u : 32u) || !hexval(key + 7, 16, &ino) ||
	    (kind != 'i' && (key[23] != '/' || !hexval(key + 24, 8, &n)))) {
		problem("a record with a malformed key", key);
		return;
	}
	s = find(ino);
	if (kind == 'i') {
		if (!s)
			problem("an orphan inode (no path reaches it)", key);
		return;
	}
	if (!s || s->type != (kind == 'c' ? ZOS_VFS_FILE : ZOS_VFS_DIR)) {
		problem(kind == 'c' ? "an orphan data chunk" : "an orphan listing chunk", key);
		return;
	}
	if (n >= (kind == 'c' ? vfs_chunks_of(s->size) : s->lchunks)) {
		problem(kind == 'c' ? "a data chunk past its file's end" : "a listing chunk past its end",
			key);
		return;
	}
	s->found++;
	if (kind == 'c')
		rep->chunks++;
}

/* Every key under prefix[0..plen): listed whole, or split by the next
 * character when one answer cannot hold them all. */
static int enumerate(char *prefix, size_t plen, char kind, const char *alphabet)
{
	int truncated = 0;

	prefix[plen] = 0;
	nkeys = 0;
	if (vfs_store_list(prefix, collect, 0, &truncated) != VFS_OK)
		return VFS_E_IO;
	if (!truncated && nkeys < LIST_KEYS_MAX) {
		for (uint32_t i = 0; i < nkeys; i++)
			record(kind, keys[i]);
		return VFS_OK;
	}
	if (plen + 1 >= VFS_KEY_MAX)
		return VFS_E_DAMAGED;
	int exact = vfs_store_exists(prefix); /* the prefix itself may be a key */
	if (exact < 0)
		return VFS_E_IO;
	if (exact)
		record(kind, prefix);
	for (const char *c = alphabet; *c; c++) {
		prefix[plen] = *c;
		int st = enumerate(prefix, plen + 1, kind, alphabet);
		if (st != VFS_OK)
			return st;
	}
	prefix[plen] = 0;
	return VFS_OK;
}

int vfs_check(struct vfs_check_report *r, int deep)
{
	static const char hex[] = "0123456789abcdef/";
	static char bytes[256];
	static char prefix[VFS_KEY_MAX + 1];
	struct vfs_op op;
	struct vfs_entry e;
	struct vfs_inode root;
	int st;

	zos_memset(r, 0, sizeof *r);
	vfs_cache_drop(); /* read everything from the device */
	rep = r;
	nseen = 0;
	for (int i = 0x20, n = 0; i < 0x100; i++)
		if (i != 0x7f)
			bytes[n++] = (char)i;
	zos_memset(&op, 0, sizeof op);
	st = vfs_lookup(&op, "/", &e, &root);
	if (st != VFS_OK) {
		problem(st == VFS_E_IO ? "cannot read the root" : "no sound root", "/");
		return st == VFS_E_IO ? st : VFS_OK;
	}
	note(&root);
	path[0] = '/';
	path[1] = 0;
	walk(&root, 0);
	sort_seen();
	for (const char *k = deep ? "icle" : "icl"; *k; k++) {
		zos_memcpy(prefix, "/vfs/", 5);
		prefix[5] = *k;
		prefix[6] = '/';
		st = enumerate(prefix, 7, *k, *k == 'e' ? bytes : hex);
		if (st != VFS_OK) {
			problem("cannot list the device's records", prefix);
			return st;
		}
	}
	for (uint32_t i = 0; i < nseen; i++) {
		uint32_t want = seen[i].type == ZOS_VFS_FILE ? vfs_chunks_of(seen[i].size) : 0;
		if (seen[i].type == ZOS_VFS_FILE && seen[i].found != want) {
			char ino[24];
			zos_snprintf(ino, sizeof ino, "inode %llu", (unsigned long long)seen[i].ino);
			problem("a file with chunks missing", ino);
		}
	}
	if (deep && r->entries_found != nseen) {
		char what[48];
		zos_snprintf(what, sizeof what, "%llu entries for %u paths",
			     (unsigned long long)r->entries_found, nseen);
		problem("entries that no directory lists (orphans)", what);
	}
	return VFS_OK;
}
