/*
 * The VFS client: what a process links to use the filesystem of
 * VfsService (pid 3), and the protocol's limits (docs/services/vfs.md).
 *
 * Each call is one or more JSON requests to VFS, found through Init
 * (zos_service_lookup("vfs")) on first use and again if VFS was
 * restarted. Paths are absolute; VFS canonicalises them and checks them
 * against the caller's namespace. File contents travel as base64; a call
 * moving more than ZOS_VFS_IO_MAX bytes sends several requests, each
 * atomic on its own (a crash can leave a file that a long write had
 * begun shorter, never inconsistent).
 *
 * Every call returns >= 0 on success or a ZOS_ERR_* code; when VFS
 * refused, zos_vfs_error() holds its reason for people ("no such file:
 * /home/x", "permission denied: /system") and the code says its kind:
 * NOT_FOUND, INSUFFICIENT_RIGHTS, INVALID_ARGUMENT (the other refusals),
 * IO (the storage device failed), CORRUPT (the filesystem is damaged).
 */
#ifndef ZOS_LIBZOS_VFS_H
#define ZOS_LIBZOS_VFS_H

#include "zos.h"

#define ZOS_VFS_IO_MAX 2048           /* file bytes in one READ or WRITE */
#define ZOS_VFS_PATH_MAX 512          /* bytes of a canonical path */
#define ZOS_VFS_REQUEST_PATH_MAX 1023 /* bytes of a path as a request gives it */
#define ZOS_VFS_NAME_MAX 255          /* bytes of one path component */
#define ZOS_VFS_FILE_MAX (16u << 20)  /* bytes in one file */
#define ZOS_VFS_PAGE_MAX 160          /* entries in one READDIR answer */

/* VFS's slot for its control endpoint: Init creates it for VFS when it
 * starts VFS (VFS never receives on it); a control request (REGISTER,
 * GRANT, REVOKE) is obeyed only when it carries a cap to this endpoint. */
#define ZOS_SLOT_VFS_CONTROL 3u

enum zos_vfs_type {
	ZOS_VFS_FILE = 1,
	ZOS_VFS_DIR = 2,
};

struct zos_vfs_stat {
	uint8_t type;          /* enum zos_vfs_type */
	uint32_t mode;         /* permission bits: 0400 owner read ... 0002 others write */
	uint32_t entries;      /* directories: names in it */
	uint64_t size;         /* files: bytes */
	uint64_t ino;
	int64_t created;       /* wall clock, ms since 1970 */
	int64_t modified;
	char owner[ZOS_NAME_MAX + 1];
};

struct zos_vfs_dirent {
	uint8_t type;
	char name[ZOS_VFS_NAME_MAX + 1];
};

/* Where requests go: by default a CALL to VFS's endpoint. Tests put VFS's
 * own handler here. Returns the answer's body size or an error. */
typedef int64_t (*zos_vfs_transport)(uint32_t tag, const void *body, uint32_t len,
				     struct zos_msg *reply);
void zos_vfs_use_transport(zos_vfs_transport t);

/* The last refusal's reason ("" after a success). */
const char *zos_vfs_error(void);

int64_t zos_vfs_mkdir(const char *path, int parents);
int64_t zos_vfs_rmdir(const char *path);
int64_t zos_vfs_unlink(const char *path);
/* 1 or 0. */
int64_t zos_vfs_exists(const char *path);
int64_t zos_vfs_stat(const char *path, struct zos_vfs_stat *st);

/* The file becomes data[0..len) (created when missing). */
int64_t zos_vfs_write(const char *path, const void *data, uint32_t len);
/* data is added at the end (created when missing). */
int64_t zos_vfs_append(const char *path, const void *data, uint32_t len);
/* Reads from offset: the bytes read (0 at the end); *size (if given) gets
 * the file's size. */
int64_t zos_vfs_read(const char *path, uint64_t offset, void *out, uint32_t cap, uint64_t *size);

/* One page of a directory from *cursor (0 to start): the entries in out
 * (room for ZOS_VFS_PAGE_MAX), their count as the result; *cursor becomes
 * where the next page starts, or -1 after the last. */
int64_t zos_vfs_readdir(const char *path, int64_t *cursor, struct zos_vfs_dirent *out);

/* The consistency check: 1 consistent, 0 not; report gets VFS's answer
 * (JSON; counts and the first problems only for callers that see "/")
 * when report is given. deep (callers that see "/"): also count every
 * entry record, which is slow on big trees. */
int64_t zos_vfs_check(int deep, char *report, uint32_t cap);

#endif
