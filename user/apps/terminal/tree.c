/*
 * The shell's `tree`: a directory and everything under it, drawn with
 * ASCII branches, then the counts. The walk is depth-first with one level
 * of state per directory (at most TREE_DEPTH), and re-reads a directory's
 * current page after showing a subdirectory, so its memory is bounded
 * whatever the tree's size.
 */
#include "shell.h"

#include "lib/fmt.h"
#include "lib/mem.h"

static char path[ZOS_VFS_PATH_MAX + 1];
static struct zos_vfs_dirent page[ZOS_VFS_PAGE_MAX];

/* tree: depth-first, one level of state per directory on the way down.
 * Each level re-reads its current page after a subdirectory was shown
 * (the page buffer is shared), so memory stays bounded by TREE_DEPTH. */
#define TREE_DEPTH 16

struct tree_level {
	char dir[ZOS_VFS_PATH_MAX + 1];
	int64_t page_at;   /* the cursor that reads the current page */
	int64_t next;      /* the cursor after it (-1: the last page) */
	uint32_t index;    /* the next entry to show on the page */
	uint8_t closed;    /* its last entry was shown: no more "|" below it */
};

static struct tree_level levels[TREE_DEPTH];
static uint32_t tree_dirs, tree_files;

/* Reads level l's page at its cursor into page; its entry count or < 0. */
static int64_t tree_page(struct tree_level *l)
{
	int64_t cursor = l->page_at, n = zos_vfs_readdir(l->dir, &cursor, page);

	if (n >= 0)
		l->next = cursor;
	return n;
}

static void tree_enter(uint32_t depth, const char *dir)
{
	zos_strlcpy(levels[depth].dir, dir, sizeof levels[depth].dir);
	levels[depth].page_at = 0;
	levels[depth].index = 0;
	levels[depth].closed = 0;
}

/* Shows entry e of level depth; 1 when the walk goes down into it. */
static int tree_show(uint32_t depth, const struct zos_vfs_dirent *e, int last)
{
	struct tree_level *l = &levels[depth];
	uint32_t len = (uint32_t)zos_strlen(l->dir), nlen = (uint32_t)zos_strlen(e->name);

	for (uint32_t d = 0; d < depth; d++)
		zos_print(levels[d].closed ? "    " : "|   ");
	zos_printf("%s%s%s\n", last ? "`-- " : "|-- ", e->name, e->type == ZOS_VFS_DIR ? "/" : "");
	if (e->type != ZOS_VFS_DIR) {
		tree_files++;
		return 0;
	}
	tree_dirs++;
	l->closed = (uint8_t)last;
	if (depth + 1 == TREE_DEPTH || len + 1 + nlen > ZOS_VFS_PATH_MAX) {
		for (uint32_t d = 0; d <= depth; d++)
			zos_print(levels[d].closed ? "    " : "|   ");
		zos_print("... (not shown: too deep)\n");
		return 0;
	}
	tree_enter(depth + 1, "");
	zos_snprintf(levels[depth + 1].dir, sizeof levels[depth + 1].dir, "%s%s%s", l->dir,
		     len > 1 ? "/" : "", e->name);
	return 1;
}

static int tree_walk(const char *root)
{
	uint32_t depth = 0;
	int64_t n;

	tree_enter(0, root);
	n = tree_page(&levels[0]);
	while (n >= 0) {
		struct tree_level *l = &levels[depth];
		if (l->index < (uint32_t)n) {
			const struct zos_vfs_dirent *e = &page[l->index++];
			int last = l->index == (uint32_t)n && l->next < 0;
			if (tree_show(depth, e, last)) {
				depth++;
				n = tree_page(&levels[depth]);
			}
		} else if (l->next >= 0) { /* the next page */
			l->page_at = l->next;
			l->index = 0;
			n = tree_page(l);
		} else if (depth == 0) {
			return 0;
		} else { /* back up, to where the parent stood */
			depth--;
			n = tree_page(&levels[depth]);
		}
	}
	shell_vfs_fail("tree", n);
	return 1;
}

int cmd_tree(int argc, char **argv)
{
	struct zos_vfs_stat st;
	int r;

	if (argc > 2) {
		zos_print("usage: tree [DIR]\n");
		return 1;
	}
	if (shell_path("tree", argc == 2 ? argv[1] : shell_cwd(), path) < 0)
		return 1;
	r = (int)zos_vfs_stat(path, &st);
	if (r < 0) {
		shell_vfs_fail("tree", r);
		return 1;
	}
	if (st.type != ZOS_VFS_DIR) {
		zos_printf("tree: not a directory: %s\n", path);
		return 1;
	}
	tree_dirs = tree_files = 0;
	zos_printf("%s\n", path);
	r = tree_walk(path);
	zos_printf("%u directories, %u files\n", tree_dirs, tree_files);
	return r;
}
