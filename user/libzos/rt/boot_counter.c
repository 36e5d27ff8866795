/*
 * A service's boot counter on its device: read the count, add one, write
 * it back. The storage-backed services keep one, which shows at every
 * start that their device works end to end (the request, the worker, the
 * result message) and that what they store survives a reboot.
 */
#include "zos.h"

#include "lib/fmt.h"
#include "lib/mem.h"

int64_t zos_boot_counter(uint32_t read_num, uint32_t write_num, const char *key)
{
	static struct zos_msg m;
	uint32_t klen = (uint32_t)zos_strlen(key);
	uint64_t count = 0;
	char text[24];
	int64_t kind = zos_kv(read_num, ZOS_SLOT_DEVICE, key, klen, 0, 0, &m);

	if (kind < 0)
		return kind;
	if (kind == ZOS_STORAGE_RES_READ_OK) {
		uint32_t n = m.h.size - (uint32_t)sizeof(struct zos_device_result);
		for (uint32_t i = 0; i < n && i < 20; i++) {
			uint8_t c = m.body[sizeof(struct zos_device_result) + i];
			if (c < '0' || c > '9')
				break;
			count = count * 10 + (c - '0');
		}
	} else if (kind != ZOS_STORAGE_RES_NOT_FOUND) {
		return ZOS_ERR_IO;
	}
	count++;
	zos_snprintf(text, sizeof text, "%llu", (unsigned long long)count);
	kind = zos_kv(write_num, ZOS_SLOT_DEVICE, key, klen, text, (uint32_t)zos_strlen(text), &m);
	if (kind != ZOS_STORAGE_RES_WRITE_OK)
		return kind < 0 ? kind : ZOS_ERR_IO;
	return (int64_t)count;
}
