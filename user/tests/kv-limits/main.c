/*
 * A test program that runs as Init (in place of user/init: hosted, with
 * --bin pointing at a directory where `init` is this program; x86_64, with
 * the kernel option zos.init=kv-limits) so that it holds Init's genesis
 * capabilities to the storage and keystore devices, and drives them
 * through the real syscall path at each device limit of <zos/param.h> and
 * one byte past it: a value of ZOS_KV_VALUE_MAX is written and read back
 * whole, one byte more is refused by the syscall (INVALID_ARGUMENT); the
 * same for keys, for a value inside a batch, for a batch of exactly
 * ZOS_KV_BATCH_MAX bytes; a LIST is cut at one result. Every platform must
 * print the same lines: "kv-limits: ok ..." per check, then
 * "kv-limits: N passed, M failed"; it exits 0 when nothing failed, and
 * with it the system stops.
 */
#include "zos.h"

#include "lib/bytes.h"
#include "lib/fmt.h"
#include "lib/kv_batch.h"
#include "lib/mem.h"

#define STORAGE ZOS_INIT_DEVICE_SLOT(ZOS_DEV_STORAGE)
#define KEYSTORE ZOS_INIT_DEVICE_SLOT(ZOS_DEV_KEYSTORE)
#define HDR ((uint32_t)sizeof(struct zos_device_result))
#define LIST_KEY 1019u /* four of them fill a LIST result to its last byte */

static uint8_t in[ZOS_KV_BATCH_MAX + 1], value[ZOS_KV_VALUE_MAX + 1], key[ZOS_KV_KEY_MAX + 1];
static struct zos_msg result;
static int passed, failed;

static void check(const char *what, int ok, int64_t got)
{
	if (ok) {
		passed++;
		zos_printf("kv-limits: ok %s\n", what);
	} else {
		failed++;
		zos_printf("kv-limits: FAILED %s (got %lld%s%s)\n", what, (long long)got, got < 0 ? " " : "",
			   got < 0 ? zos_strerror(got) : "");
	}
}

/* A request past a limit: the syscall itself must refuse it. */
static void refused(const char *what, uint32_t num, uint32_t slot, uint32_t len)
{
	int64_t r = zos_device(num, slot, (uint32_t)zos_reply_slot, in, len);

	check(what, r == ZOS_ERR_INVALID_ARGUMENT, r);
	if (r >= 0)
		zos_recv((uint32_t)zos_reply_slot, &result, 1); /* taken after all: collect it */
}

/* WRITE input in `in`: header, key (klen bytes of `key`), value. */
static uint32_t write_in(uint32_t klen, uint32_t vlen)
{
	zos_memcpy(in, &klen, 4);
	zos_memcpy(in + 4, key, klen);
	zos_memcpy(in + 4 + klen, value, vlen);
	return 4 + klen + vlen;
}

/* A value at the limit on device slot, read back whole, then one byte
 * more refused. */
static void value_limit(const char *device, uint32_t write, uint32_t read, uint32_t slot)
{
	char what[96];
	int64_t kind = zos_kv(write, slot, "kvlimits/value", 14, value, ZOS_KV_VALUE_MAX, &result);

	zos_snprintf(what, sizeof what, "%s: WRITE of a ZOS_KV_VALUE_MAX value", device);
	check(what, kind == ZOS_STORAGE_RES_WRITE_OK, kind);
	kind = zos_kv(read, slot, "kvlimits/value", 14, 0, 0, &result);
	zos_snprintf(what, sizeof what, "%s: READ gives it back whole", device);
	check(what, kind == ZOS_STORAGE_RES_READ_OK && result.h.size == HDR + ZOS_KV_VALUE_MAX &&
			    zos_memcmp(result.body + HDR, value, ZOS_KV_VALUE_MAX) == 0,
	      kind);
	zos_memcpy(key, "kvlimits/value", 14);
	zos_snprintf(what, sizeof what, "%s: WRITE of ZOS_KV_VALUE_MAX + 1 refused", device);
	refused(what, write, slot, write_in(14, ZOS_KV_VALUE_MAX + 1));
}

static void key_limit(void)
{
	int64_t kind;

	zos_memset(key, 'k', sizeof key);
	kind = zos_kv(ZOS_SYS_STORAGE_WRITE, STORAGE, key, ZOS_KV_KEY_MAX, "v", 1, &result);
	check("storage: WRITE under a key of ZOS_KV_KEY_MAX", kind == ZOS_STORAGE_RES_WRITE_OK, kind);
	kind = zos_kv(ZOS_SYS_STORAGE_READ, STORAGE, key, ZOS_KV_KEY_MAX, 0, 0, &result);
	check("storage: READ under a key of ZOS_KV_KEY_MAX", kind == ZOS_STORAGE_RES_READ_OK, kind);
	refused("storage: WRITE under a key of ZOS_KV_KEY_MAX + 1 refused", ZOS_SYS_STORAGE_WRITE, STORAGE,
		write_in(ZOS_KV_KEY_MAX + 1, 1));
	zos_memcpy(in, key, ZOS_KV_KEY_MAX + 1);
	refused("storage: READ of a key of ZOS_KV_KEY_MAX + 1 refused", ZOS_SYS_STORAGE_READ, STORAGE,
		ZOS_KV_KEY_MAX + 1);
}

/* A batch of n bytes in `in`: WRITEs of 2,048-byte values under keys
 * "kvlimits/b" and four digits, the last value making up the length. */
static uint32_t batch_of(uint32_t n)
{
	struct zos_wbuf w;
	uint32_t count = 0;
	char k[16];

	zos_wbuf_init(&w, in, n);
	zos_put_u32(&w, 0);
	while (w.len < n && !w.err) {
		uint32_t room = (uint32_t)(n - w.len) - KV_BATCH_ENTRY_OVERHEAD - 14;
		zos_snprintf(k, sizeof k, "kvlimits/b%04u", count++);
		kv_batch_put(&w, ZOS_KV_BATCH_WRITE, k, 14, value, room > ZOS_KV_VALUE_MAX ? 2048 : room);
	}
	zos_st32(in, count);
	return w.err ? 0 : (uint32_t)w.len;
}

static void batch_limit(void)
{
	struct zos_wbuf w;
	uint32_t len = batch_of(ZOS_KV_BATCH_MAX);
	int64_t kind = zos_kv(ZOS_SYS_STORAGE_BATCH_WRITE, STORAGE, in, len, 0, 0, &result);

	check("storage: BATCH of ZOS_KV_BATCH_MAX bytes", len == ZOS_KV_BATCH_MAX && kind == ZOS_STORAGE_RES_WRITE_OK,
	      kind);
	kind = zos_kv(ZOS_SYS_STORAGE_READ, STORAGE, "kvlimits/b0100", 14, 0, 0, &result);
	check("storage: READ of one of its values", kind == ZOS_STORAGE_RES_READ_OK && result.h.size == HDR + 2048,
	      kind);
	refused("storage: BATCH of ZOS_KV_BATCH_MAX + 1 bytes refused", ZOS_SYS_STORAGE_BATCH_WRITE, STORAGE,
		batch_of(ZOS_KV_BATCH_MAX + 1));
	zos_wbuf_init(&w, in, sizeof in);
	zos_put_u32(&w, 1);
	kv_batch_put(&w, ZOS_KV_BATCH_WRITE, "kvlimits/bv", 11, value, ZOS_KV_VALUE_MAX);
	kind = zos_kv(ZOS_SYS_STORAGE_BATCH_WRITE, STORAGE, in, (uint32_t)w.len, 0, 0, &result);
	check("storage: BATCH with a ZOS_KV_VALUE_MAX value", kind == ZOS_STORAGE_RES_WRITE_OK, kind);
	zos_wbuf_init(&w, in, sizeof in);
	zos_put_u32(&w, 1);
	kv_batch_put(&w, ZOS_KV_BATCH_WRITE, "kvlimits/bv", 11, value, ZOS_KV_VALUE_MAX + 1);
	refused("storage: BATCH with a value of ZOS_KV_VALUE_MAX + 1 refused", ZOS_SYS_STORAGE_BATCH_WRITE, STORAGE,
		(uint32_t)w.len);
}

/* Five matching keys, four of which fill one result: cut after four. */
static void list_limit(void)
{
	uint32_t count = 0;
	int64_t kind = 0;

	zos_memset(key, 'l', LIST_KEY);
	zos_memcpy(key, "kvlimits/L/", 11);
	for (uint32_t i = 0; i < 5 && kind >= 0; i++) {
		key[11] = (uint8_t)('0' + i);
		kind = zos_kv(ZOS_SYS_STORAGE_WRITE, STORAGE, key, LIST_KEY, "", 0, &result);
	}
	if (kind >= 0)
		kind = zos_kv(ZOS_SYS_STORAGE_LIST, STORAGE, "kvlimits/L/", 11, 0, 0, &result);
	if (kind == ZOS_STORAGE_RES_LIST_OK)
		zos_memcpy(&count, result.body + HDR, 4);
	check("storage: LIST cut at one result (4 of 5 keys, truncated)",
	      kind == ZOS_STORAGE_RES_LIST_OK && count == 4 && result.h.size == HDR + ZOS_KV_RESULT_DATA_MAX &&
		      ((const struct zos_device_result *)result.body)->truncated == 1,
	      kind < 0 ? kind : count);
}

int zos_main(void)
{
	zos_console_slot = (int32_t)ZOS_INIT_DEVICE_SLOT(ZOS_DEV_CONSOLE);
	for (uint32_t i = 0; i < sizeof value; i++)
		value[i] = (uint8_t)(i * 7 + 3);
	zos_printf("kv-limits: keys %u, values %u, batches %u bytes\n", ZOS_KV_KEY_MAX, ZOS_KV_VALUE_MAX,
		   ZOS_KV_BATCH_MAX);
	value_limit("storage", ZOS_SYS_STORAGE_WRITE, ZOS_SYS_STORAGE_READ, STORAGE);
	value_limit("keystore", ZOS_SYS_KEYSTORE_WRITE, ZOS_SYS_KEYSTORE_READ, KEYSTORE);
	key_limit();
	batch_limit();
	list_limit();
	zos_printf("kv-limits: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
