/*
 * VfsService (pid 3): a hierarchical filesystem on the storage device
 * (docs/services/vfs.md). The pieces, each in its own file:
 *
 *   path.c    canonical paths: ".", "..", repeated slashes; never above "/"
 *   codec.c   the records on the device and their keys
 *   store.c   the device: reads, and batches that commit all or nothing
 *   ns.c      who is asking, and the subtrees each client may see
 *   node.c    lookups and the checks every operation shares
 *   dir.c     directories: MKDIR, RMDIR, READDIR, their listings
 *   file.c    files: WRITE, READ, UNLINK
 *   format.c  the root and the standard tree of a fresh system
 *   check.c   the consistency check
 *   handler.c the JSON protocol
 *
 * On the device (all keys under "/vfs/"): an entry per path ("/vfs/e" +
 * path: its inode number and type), an inode per file or directory
 * ("/vfs/i/" + ino), file data in chunks ("/vfs/c/" + ino + "/" + n) and
 * each directory's listing of names in chunks ("/vfs/l/" + ino + "/" + k).
 * Every operation reads and checks first, then changes everything it
 * changes in one batch write: one SQLite transaction, so a crash leaves
 * either all of it or none (no entry without its inode, no orphan).
 * VFS is the device's only writer and serves one request at a time.
 */
#ifndef ZOS_SERVICES_VFS_H
#define ZOS_SERVICES_VFS_H

#include <stddef.h>

#include "vfs.h"
#include "zos.h"

#define VFS_CHUNK ZOS_VFS_IO_MAX     /* file bytes per data chunk */
#define VFS_LISTING_MAX 1024         /* bytes of one listing chunk */
#define VFS_BATCH_MAX ZOS_KV_BATCH_MAX /* bytes of one batch write: the device's limit */
#define VFS_ROOT_INO 1u
#define VFS_OWNER_MAX ZOS_NAME_MAX
#define VFS_MAX_CLIENTS ZOS_MAX_PROCS
#define VFS_MAX_GRANTS 8             /* granted subtrees per client */
#define VFS_KEY_MAX (8 + ZOS_VFS_PATH_MAX)

/* What went wrong, for the handler to put in words with `where`. */
enum vfs_status {
	VFS_OK = 0,
	VFS_E_NOFILE,    /* no such file */
	VFS_E_NODIR,     /* no such directory */
	VFS_E_NOENT,     /* no such file or directory */
	VFS_E_DENIED,    /* outside the caller's namespace, or its mode */
	VFS_E_READONLY,  /* granted for reading only */
	VFS_E_EXISTS,
	VFS_E_NOTDIR,
	VFS_E_ISDIR,
	VFS_E_NOTEMPTY,
	VFS_E_STANDARD,  /* a directory of the standard tree stays */
	VFS_E_INVALID,   /* a bad request: `detail` says how */
	VFS_E_TOOBIG,    /* over ZOS_VFS_FILE_MAX, or one batch */
	VFS_E_IO,        /* the device failed */
	VFS_E_DAMAGED,   /* the records disagree: the check will say more */
};

struct vfs_inode {
	uint64_t ino;
	uint64_t parent;   /* the directory whose listing names it (root: itself) */
	uint64_t size;     /* files: bytes; chunks 0..ceil(size/VFS_CHUNK)-1 exist */
	int64_t created;   /* wall clock, ms */
	int64_t modified;
	uint32_t entries;  /* directories: names in the listing */
	uint32_t lchunks;  /* directories: listing chunks 0..lchunks-1 (an empty
	                    * one is deleted, so some may be absent) */
	uint16_t mode;     /* 0400 owner read, 0200 owner write, 0004/0002 others */
	uint8_t type;      /* ZOS_VFS_FILE or ZOS_VFS_DIR */
	char owner[VFS_OWNER_MAX + 1];
};

/* A path's entry: which inode, and which chunk of its parent's listing
 * holds its name. */
struct vfs_entry {
	uint64_t ino;
	uint32_t lchunk;
	uint8_t type;
};

/* The filesystem's own record ("/vfs/meta"). */
struct vfs_meta {
	uint64_t next_ino;
};

/* A client: a process as VFS knows it (ns.c). */
struct vfs_client {
	uint32_t pid;
	uint8_t used;
	uint8_t root;        /* sees "/" and is not held to modes */
	uint8_t registered;  /* Init said who it is */
	uint8_t ngrants;
	char name[ZOS_NAME_MAX + 1];  /* its program's name: its files' owner */
	char home[ZOS_VFS_PATH_MAX + 1]; /* /apps/<name> */
	struct {
		char path[ZOS_VFS_PATH_MAX + 1];
		uint8_t write;
	} grants[VFS_MAX_GRANTS];
};

/* One request's context: who asks, when, and what an error concerns. */
struct vfs_op {
	const struct vfs_client *who;
	int64_t now;
	char where[ZOS_VFS_PATH_MAX + 1];
	const char *detail;  /* VFS_E_INVALID: what was wrong */
};

/* path.c */
/* Canonicalises in[0..len) (absolute) into out (ZOS_VFS_PATH_MAX + 1):
 * VFS_OK, or VFS_E_INVALID with op->detail set. */
int vfs_path_canon(const char *in, size_t len, char *out, const char **why);
/* 1 when path is root or inside it (both canonical). */
int vfs_path_within(const char *path, const char *root);
/* Splits a canonical path other than "/" into its parent (out) and the
 * last name (returned, pointing into path). */
const char *vfs_path_split(const char *path, char *parent);
/* 1 for a valid single name (not ".", "..", no '/', no control bytes). */
int vfs_name_valid(const char *name, size_t len);

/* codec.c */
void vfs_key_entry(char *key, const char *path);
void vfs_key_inode(char *key, uint64_t ino);
void vfs_key_chunk(char *key, uint64_t ino, uint32_t n);
void vfs_key_listing(char *key, uint64_t ino, uint32_t k);
#define VFS_KEY_META "/vfs/meta"
uint32_t vfs_inode_encode(const struct vfs_inode *in, uint8_t *out, uint32_t cap);
int vfs_inode_decode(const uint8_t *p, uint32_t len, struct vfs_inode *in);
uint32_t vfs_entry_encode(const struct vfs_entry *e, uint8_t *out);
int vfs_entry_decode(const uint8_t *p, uint32_t len, struct vfs_entry *e);
uint32_t vfs_meta_encode(const struct vfs_meta *m, uint8_t *out);
int vfs_meta_decode(const uint8_t *p, uint32_t len, struct vfs_meta *m);
/* Listing records: u64 ino, u8 type, u8 name length, the name. */
#define VFS_LREC_HEAD 10
/* The record at *pos of a listing chunk: 1 with its fields (name not
 * terminated) and *pos moved past it, 0 at the end, -1 when malformed. */
int vfs_listing_next(const uint8_t *chunk, uint32_t len, uint32_t *pos, uint64_t *ino,
		     uint8_t *type, const char **name, uint32_t *name_len);
uint32_t vfs_chunks_of(uint64_t size);

/* store.c: the device (slot ZOS_SLOT_DEVICE). */
/* Reads key: VFS_OK with the value in out (cap bytes), VFS_E_NOENT, or
 * VFS_E_IO. */
int vfs_store_get(const char *key, void *out, uint32_t cap, uint32_t *len);
int vfs_store_exists(const char *key);  /* 1, 0, or -1 on failure */
/* A LIST by prefix: calls each(key, len, ctx) per key; *truncated says
 * whether more matched than one answer holds. VFS_OK or VFS_E_IO. */
int vfs_store_list(const char *prefix, void (*each)(const char *, uint32_t, void *), void *ctx,
		   int *truncated);
/* The batch being built (one at a time). */
void vfs_batch_begin(void);
void vfs_batch_put(const char *key, const void *value, uint32_t len);
void vfs_batch_del(const char *key);
/* Commits it: VFS_OK when all of it is on the device, VFS_E_TOOBIG when
 * it outgrew VFS_BATCH_MAX, VFS_E_IO when the device refused (nothing
 * changed then). */
int vfs_batch_commit(void);
/* The same records, batched (encode and put). */
void vfs_batch_inode(const struct vfs_inode *in);
void vfs_batch_entry(const char *path, const struct vfs_entry *e);
void vfs_batch_meta(const struct vfs_meta *m);

/* ns.c */
/* The client behind a kernel-attested pid (learnt on first sight). */
struct vfs_client *vfs_client_of(uint32_t pid);
/* What c may do at path (canonical): *by_default 1 inside its own
 * subtrees (/apps/<name>, /tmp), where modes apply; *by_grant 1 (read) or
 * 2 (read and write) inside a subtree granted to it, where the grant is
 * the authority and modes are not consulted (root clients: 2 everywhere). */
void vfs_ns_access(const struct vfs_client *c, const char *path, int *by_default, int *by_grant);
int vfs_ns_grant(uint32_t pid, const char *path, int write);
int vfs_ns_revoke(uint32_t pid, const char *path);
int vfs_ns_register(uint32_t pid, const char *name, int root);
void vfs_ns_reset(void);

/* node.c */
extern struct vfs_meta vfs_meta;
int vfs_lookup(struct vfs_op *op, const char *path, struct vfs_entry *e, struct vfs_inode *in);
/* The last lookup, remembered: forgotten at every batch commit (and by
 * whoever changes the device behind VFS's back: tests), remembered again
 * by an operation that knows what it just committed. */
void vfs_cache_drop(void);
void vfs_cache_put(const char *path, const struct vfs_entry *e, const struct vfs_inode *in);
/* Looks up path, which must be of type (ZOS_VFS_FILE or ZOS_VFS_DIR):
 * VFS_OK with e and in, or the failure worded for path (no such file or
 * directory, is a directory, not a directory). */
int vfs_lookup_as(struct vfs_op *op, const char *path, uint8_t type, struct vfs_entry *e,
		  struct vfs_inode *in);
/* May op's caller read (write=0) or change (write=1) path, whose inode is
 * in (0 when it does not exist yet)? VFS_OK or VFS_E_DENIED/READONLY. */
int vfs_may(struct vfs_op *op, const char *path, const struct vfs_inode *in, int write);
/* A new inode for op's caller. */
void vfs_inode_new(struct vfs_op *op, struct vfs_inode *in, uint8_t type, uint64_t parent,
		   uint16_t mode);
int vfs_fail(struct vfs_op *op, int status, const char *path);

/* dir.c */
/* Adds name to directory dir's listing (dir updated in memory, the chunk
 * batched); *lchunk gets where. */
int vfs_listing_add(struct vfs_op *op, struct vfs_inode *dir, const char *name, uint64_t ino,
		    uint8_t type, uint32_t *lchunk);
int vfs_listing_remove(struct vfs_op *op, struct vfs_inode *dir, uint32_t lchunk,
		       const char *name);
int vfs_mkdir(struct vfs_op *op, const char *path, int parents, uint16_t mode);
int vfs_rmdir(struct vfs_op *op, const char *path);
/* The listing of dir from chunk *cursor on: take(chunk, len, ctx) gets
 * each chunk's records (vfs_listing_next reads them) and returns 0 to stop
 * before that chunk (it did not fit). *cursor becomes the chunk to start
 * the next page with, or -1 after the last. */
typedef int (*vfs_take_chunk)(const uint8_t *chunk, uint32_t len, void *ctx);
int vfs_readdir(struct vfs_op *op, const char *path, int64_t *cursor, vfs_take_chunk take,
		void *ctx);
/* 1 for the root and the standard tree's directories. */
int vfs_is_standard(const char *path);

/* file.c */
enum vfs_write_how { VFS_REPLACE, VFS_APPEND, VFS_AT };
int vfs_write(struct vfs_op *op, const char *path, enum vfs_write_how how, uint64_t offset,
	      const uint8_t *data, uint32_t len, uint16_t mode, uint64_t *size);
int vfs_read(struct vfs_op *op, const char *path, uint64_t offset, uint8_t *out, uint32_t want,
	     uint32_t *got, uint64_t *size);
int vfs_unlink(struct vfs_op *op, const char *path);

/* format.c: makes the root and the standard tree where they are missing
 * (every boot: each step is atomic, so a crash between steps is mended at
 * the next). VFS_OK or the failure. */
int vfs_format(int64_t now);
/* /apps/<name>, owned by the app, made when missing (REGISTER of an app). */
int vfs_make_home(const char *name, int64_t now);

/* check.c: the consistency check. */
struct vfs_check_report {
	uint64_t dirs, files, chunks, bytes;
	uint64_t entries_found; /* entry records on the device */
	uint32_t problems;
	char first[4][160]; /* the first problems, in words */
};
/* deep: also count the entries (slow on big trees; see check.c). */
int vfs_check(struct vfs_check_report *r, int deep);

/* handler.c: the service's request handler (for zos_serve). */
int vfs_handle(struct zos_msg *m);
/* Mounts the filesystem (format where needed): VFS_OK or the failure. */
int vfs_start(void);

#endif
