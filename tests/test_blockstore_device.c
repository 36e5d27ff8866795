/*
 * The x86_64 storage device on the block key-value store
 * (lib/blockstore/kv_device.h) against the in-memory device the service
 * tests use (tests/support/memkv.h, the hosted store's meanings): the same
 * random requests, well formed and not, must give the same result kinds,
 * flags and data; errors may differ only in their words. Then the store is
 * reopened from the disk after a power cut and must still agree.
 */
#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>
#include <zos/syscall.h>

#include "harness.h"
#include "lib/blockstore/kv_device.h"
#include "lib/bytes.h"
#include "support/memdev.h"
#include "support/memkv.h"

#define TEST_RNG_SEED 0xDE71CEull
#include "support/rnd.h"

#define HDR sizeof(struct zos_device_result)

static uint8_t in[8192], a[ZOS_MSG_MAX], b[ZOS_MSG_MAX];

/* Keys from a small space with shared prefixes, now and then long. */
static uint32_t random_key(uint8_t *k)
{
	if (rnd(50) == 0) {
		uint32_t n = 1 + rnd(ZOS_KV_KEY_MAX);
		memset(k, 'L', n);
		k[n - 1] = (uint8_t)('0' + rnd(3));
		return n;
	}
	char c = "abc"[rnd(3)]; /* one draw per expression: the same keys from every compiler */
	return (uint32_t)sprintf((char *)k, "/vfs/%c/%u", c, rnd(40));
}

static uint32_t random_request(uint32_t *num)
{
	static const uint32_t nums[] = { ZOS_SYS_STORAGE_READ, ZOS_SYS_STORAGE_WRITE, ZOS_SYS_STORAGE_DELETE,
					 ZOS_SYS_STORAGE_EXISTS, ZOS_SYS_STORAGE_LIST,
					 ZOS_SYS_STORAGE_BATCH_WRITE };
	struct zos_wbuf w;
	uint8_t k[ZOS_KV_KEY_MAX];
	uint32_t kn, n;

	*num = nums[rnd(6)];
	zos_wbuf_init(&w, in, sizeof in);
	switch (*num) {
	case ZOS_SYS_STORAGE_WRITE:
		kn = rnd(30) == 0 ? 0 : random_key(k);
		zos_put_u32(&w, kn);
		zos_put_bytes(&w, k, kn);
		n = rnd(10) == 0 ? rnd(6000) : rnd(300);
		for (uint32_t i = 0; i < n; i++)
			zos_put_u8(&w, rnd8());
		break;
	case ZOS_SYS_STORAGE_LIST:
		n = rnd(4) == 0 ? 0 : (uint32_t)sprintf((char *)k, "/vfs/%c", "abcL"[rnd(4)]);
		if (n && rnd(4) == 0)
			n = (uint32_t)sprintf((char *)k, "L");
		zos_put_bytes(&w, k, n);
		break;
	case ZOS_SYS_STORAGE_BATCH_WRITE:
		n = 1 + rnd(5);
		zos_put_u32(&w, n);
		for (uint32_t i = 0; i < n; i++) {
			int write = rnd(3) != 0;
			kn = random_key(k);
			zos_put_u8(&w, write ? ZOS_KV_BATCH_WRITE : ZOS_KV_BATCH_DELETE);
			zos_put_u16(&w, (uint16_t)kn);
			zos_put_bytes(&w, k, kn);
			uint32_t vn = write ? rnd(500) : 0;
			zos_put_u32(&w, vn);
			for (uint32_t j = 0; j < vn; j++)
				zos_put_u8(&w, rnd8());
		}
		if (rnd(10) == 0 && w.len > 4)
			w.len -= 1 + rnd((uint32_t)w.len - 4); /* cut short: refused whole */
		break;
	default:
		kn = random_key(k);
		zos_put_bytes(&w, k, kn);
		break;
	}
	return w.err ? 0 : (uint32_t)w.len;
}

/* The same result, but for an error's words. */
static int same_result(const uint8_t *x, uint32_t xn, const uint8_t *y, uint32_t yn)
{
	if (xn < HDR || yn < HDR)
		return 0;
	if (x[4] != y[4] || x[5] != y[5] || x[6] != y[6] || memcmp(x, y, 4) != 0)
		return 0;
	return x[4] == ZOS_STORAGE_RES_ERROR || (xn == yn && memcmp(x, y, xn) == 0);
}

static void test_against_memkv(void)
{
	static uint8_t mem_area[1 << 21];
	struct bs_layout l;
	struct memdev md;
	struct memkv ref;
	struct bs_disk d;
	const struct bs_region *r;
	struct bs_kv kv;
	struct bs_kv_config cfg = { mem_area, sizeof mem_area, BS_KV_RECORD_MAX, 1024 };
	uint64_t kinds[8] = { 0 };

	bs_layout_keystore(&l);
	memkv_init(&ref);
	CHECK_EQ(memdev_init(&md, 16384, 3), ZOS_OK);
	CHECK_EQ(bs_disk_open(&d, &md.dev, &l, 42), ZOS_OK);
	CHECK_EQ(bs_disk_find(&d, BS_LABEL_KEYSTORE, BS_REGION_KV, &r), ZOS_OK);
	CHECK_EQ(bs_kv_open(&kv, r, &cfg), ZOS_OK);
	for (uint32_t i = 0; i < 20000 && !harness_failed_checks; i++) {
		uint32_t num, n = random_request(&num), an, bn;
		an = bs_kv_device_request(&kv, num, i, in, n, a, sizeof a);
		bn = memkv_request(&ref, num, i, in, n, b, sizeof b);
		if (!same_result(a, an, b, bn))
			harness_fail(__FILE__, __LINE__, "request %u (syscall 0x%x, %u bytes): ours kind %u, reference kind %u",
				     i, num, n, an >= HDR ? a[4] : 99, bn >= HDR ? b[4] : 99);
		if (an >= HDR)
			kinds[a[4] & 7]++;
		if (i % 2000 == 1999) { /* a power cut, and the store from the disk */
			memdev_crash(&md);
			CHECK_EQ(bs_disk_open(&d, &md.dev, 0, 0), ZOS_OK);
			CHECK_EQ(bs_disk_find(&d, BS_LABEL_KEYSTORE, BS_REGION_KV, &r), ZOS_OK);
			CHECK_EQ(bs_kv_open(&kv, r, &cfg), ZOS_OK);
		}
	}
	/* Every kind of result came up. */
	for (uint32_t k = ZOS_STORAGE_RES_READ_OK; k <= ZOS_STORAGE_RES_EXISTS_OK; k++)
		CHECK(kinds[k] > 0);
	CHECK(kv.ix.count > 50);
	printf("device: 20000 requests; results READ_OK %llu, WRITE_OK %llu, NOT_FOUND %llu, ERROR %llu, LIST_OK %llu, EXISTS_OK %llu\n",
	       (unsigned long long)kinds[0], (unsigned long long)kinds[1], (unsigned long long)kinds[2],
	       (unsigned long long)kinds[3], (unsigned long long)kinds[4], (unsigned long long)kinds[5]);
	memkv_free(&ref);
	memdev_free(&md);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_against_memkv);
	return harness_finish("blockstore_device");
}
