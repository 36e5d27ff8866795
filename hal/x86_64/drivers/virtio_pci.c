/*
 * The virtio modern PCI transport (see virtio_pci.h). Offsets of struct
 * virtio_pci_common_cfg and struct virtio_pci_cap are from the virtio 1.x
 * specification, section 4.1.4; 64-bit fields are written as two 32-bit
 * halves, which the specification allows.
 */
#include "hal/x86_64/drivers/virtio_pci.h"

#include <zos/error.h>

#include "hal/x86_64/drivers/clock.h"
#include "hal/x86_64/drivers/mmio.h"
#include "lib/mem.h"

/* struct virtio_pci_cap, inside PCI configuration space. */
#define CAP_LEN 2
#define CAP_CFG_TYPE 3
#define CAP_BAR 4
#define CAP_OFFSET 8
#define CAP_LENGTH 12
#define CAP_NOTIFY_MULT 16
#define CAP_MIN_LEN 16
#define CAP_NOTIFY_MIN_LEN 20

enum { CFG_COMMON = 1, CFG_NOTIFY = 2, CFG_ISR = 3, CFG_DEVICE = 4, CFG_KINDS = 5 };

/* struct virtio_pci_common_cfg. */
#define DEVICE_FEATURE_SELECT 0x00
#define DEVICE_FEATURE 0x04
#define DRIVER_FEATURE_SELECT 0x08
#define DRIVER_FEATURE 0x0C
#define DEVICE_STATUS 0x14
#define CONFIG_GENERATION 0x15
#define QUEUE_SELECT 0x16
#define QUEUE_SIZE 0x18
#define QUEUE_ENABLE 0x1C
#define QUEUE_NOTIFY_OFF 0x1E
#define QUEUE_DESC 0x20
#define QUEUE_DRIVER 0x28
#define QUEUE_DEVICE 0x30
#define COMMON_CFG_LEN 0x38

#define RESET_TIMEOUT_NS 1000000000ull
#define CONFIG_TRIES 16

struct cfg_loc {
	int found;
	uint8_t bar;
	uint32_t offset, length, mult;
};

/* The first capability of each kind (the specification's preference order). */
static int find_caps(const struct pci_device *d, struct cfg_loc loc[CFG_KINDS])
{
	struct pci_cap_iter it = { 0 };
	uint8_t id;
	int err;

	while ((err = pci_cap_next(d, &it, &id)) == ZOS_OK) {
		uint8_t type, len, bar;

		if (id != PCI_CAP_VENDOR)
			continue;
		type = pci_read8(d, (uint8_t)(it.pos + CAP_CFG_TYPE));
		len = pci_read8(d, (uint8_t)(it.pos + CAP_LEN));
		bar = pci_read8(d, (uint8_t)(it.pos + CAP_BAR));
		if (type == 0 || type >= CFG_KINDS || loc[type].found || bar >= PCI_BARS ||
		    len < (type == CFG_NOTIFY ? CAP_NOTIFY_MIN_LEN : CAP_MIN_LEN) ||
		    it.pos > 256 - (type == CFG_NOTIFY ? CAP_NOTIFY_MIN_LEN : CAP_MIN_LEN))
			continue; /* unknown, repeated, reserved BAR or short: ignored */
		loc[type].found = 1;
		loc[type].bar = bar;
		loc[type].offset = pci_read32(d, (uint8_t)(it.pos + CAP_OFFSET));
		loc[type].length = pci_read32(d, (uint8_t)(it.pos + CAP_LENGTH));
		if (type == CFG_NOTIFY)
			loc[type].mult = pci_read32(d, (uint8_t)(it.pos + CAP_NOTIFY_MULT));
	}
	return err == ZOS_ERR_NOT_FOUND ? ZOS_OK : err;
}

/* Maps one structure after checking it lies inside a memory BAR. */
static int map_cfg(const struct pci_device *d, const struct cfg_loc *l, uint32_t min,
		   volatile uint8_t **out, const char **why)
{
	const struct pci_bar *b = &d->bar[l->bar];

	if (!l->found) {
		*why = "a configuration structure is missing";
		return ZOS_ERR_NOT_SUPPORTED;
	}
	if (b->kind != PCI_BAR_MEM32 && b->kind != PCI_BAR_MEM64) {
		*why = "a configuration structure is not in a memory BAR";
		return ZOS_ERR_NOT_SUPPORTED;
	}
	if (b->base == 0) {
		*why = "the firmware left its BAR unassigned";
		return ZOS_ERR_NOT_SUPPORTED;
	}
	if (l->length < min || (uint64_t)l->offset + l->length > b->size) {
		*why = "a configuration structure is too short or outside its BAR";
		return ZOS_ERR_CORRUPT;
	}
	if (mmio_map(b->base + l->offset, l->length, out) != ZOS_OK) {
		*why = "no room to map its registers";
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	return ZOS_OK;
}

int virtio_pci_open(struct virtio_pci *v, struct pci_device *d, uint32_t device_min,
		    const char **why)
{
	struct cfg_loc loc[CFG_KINDS];
	int err;

	zos_memset(loc, 0, sizeof loc);
	*v = (struct virtio_pci){ .pci = d };
	if (!d->bars_sized)
		pci_size_bars(d);
	if (find_caps(d, loc) != ZOS_OK) {
		*why = "its PCI capability list is corrupt";
		return ZOS_ERR_CORRUPT;
	}
	if ((err = map_cfg(d, &loc[CFG_COMMON], COMMON_CFG_LEN, &v->common, why)) ||
	    (err = map_cfg(d, &loc[CFG_NOTIFY], 2, &v->notify, why)) ||
	    (err = map_cfg(d, &loc[CFG_ISR], 1, &v->isr, why)) ||
	    (err = map_cfg(d, &loc[CFG_DEVICE], device_min, &v->device, why)))
		return err;
	v->notify_len = loc[CFG_NOTIFY].length;
	v->notify_mult = loc[CFG_NOTIFY].mult;
	v->device_len = loc[CFG_DEVICE].length;
	pci_enable(d);
	return ZOS_OK;
}

int virtio_pci_reset(struct virtio_pci *v)
{
	uint64_t deadline = clock_now_ns() + RESET_TIMEOUT_NS;

	mmio_write8(v->common, DEVICE_STATUS, 0);
	while (mmio_read8(v->common, DEVICE_STATUS) != 0) {
		if (clock_now_ns() > deadline)
			return ZOS_ERR_IO;
		__asm__ volatile("pause");
	}
	return ZOS_OK;
}

uint8_t virtio_pci_status(const struct virtio_pci *v)
{
	return mmio_read8(v->common, DEVICE_STATUS);
}

void virtio_pci_add_status(struct virtio_pci *v, uint8_t bits)
{
	mmio_write8(v->common, DEVICE_STATUS, (uint8_t)(mmio_read8(v->common, DEVICE_STATUS) | bits));
}

uint64_t virtio_pci_device_features(const struct virtio_pci *v)
{
	uint64_t lo, hi;

	mmio_write32(v->common, DEVICE_FEATURE_SELECT, 0);
	lo = mmio_read32(v->common, DEVICE_FEATURE);
	mmio_write32(v->common, DEVICE_FEATURE_SELECT, 1);
	hi = mmio_read32(v->common, DEVICE_FEATURE);
	return hi << 32 | lo;
}

int virtio_pci_set_features(struct virtio_pci *v, uint64_t features)
{
	mmio_write32(v->common, DRIVER_FEATURE_SELECT, 0);
	mmio_write32(v->common, DRIVER_FEATURE, (uint32_t)features);
	mmio_write32(v->common, DRIVER_FEATURE_SELECT, 1);
	mmio_write32(v->common, DRIVER_FEATURE, (uint32_t)(features >> 32));
	virtio_pci_add_status(v, VIRTIO_STATUS_FEATURES_OK);
	return virtio_pci_status(v) & VIRTIO_STATUS_FEATURES_OK ? ZOS_OK : ZOS_ERR_NOT_SUPPORTED;
}

static void write64(volatile uint8_t *base, uint32_t off, uint64_t v)
{
	mmio_write32(base, off, (uint32_t)v);
	mmio_write32(base, off + 4, (uint32_t)(v >> 32));
}

int virtio_pci_queue_setup(struct virtio_pci *v, uint16_t index, uint16_t want, struct virtq *q)
{
	uint16_t max, size = VIRTQ_MAX_SIZE;
	uint64_t notify_at;
	int err;

	mmio_write16(v->common, QUEUE_SELECT, index);
	max = mmio_read16(v->common, QUEUE_SIZE);
	if (max == 0 || mmio_read16(v->common, QUEUE_ENABLE) != 0)
		return ZOS_ERR_NOT_SUPPORTED;
	while (size > want || size > max)
		size >>= 1;
	if (size < VIRTQ_MIN_SIZE)
		return ZOS_ERR_NOT_SUPPORTED;
	notify_at = (uint64_t)mmio_read16(v->common, QUEUE_NOTIFY_OFF) * v->notify_mult;
	if (notify_at + 2 > v->notify_len)
		return ZOS_ERR_CORRUPT;
	err = virtq_init(q, index, size);
	if (err)
		return err;
	q->notify = (volatile uint16_t *)(v->notify + notify_at);
	mmio_write16(v->common, QUEUE_SIZE, size);
	write64(v->common, QUEUE_DESC, virtq_desc_phys(q));
	write64(v->common, QUEUE_DRIVER, virtq_avail_phys(q));
	write64(v->common, QUEUE_DEVICE, virtq_used_phys(q));
	mmio_write16(v->common, QUEUE_ENABLE, 1);
	return ZOS_OK;
}

int virtio_pci_read_config(const struct virtio_pci *v, uint32_t off, void *out, uint32_t len)
{
	uint8_t *o = out;

	/* 32-bit aligned accesses, as the specification asks for 32- and
	 * 64-bit fields. */
	if ((off | len) & 3 || off > v->device_len || len > v->device_len - off)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (int tries = 0; tries < CONFIG_TRIES; tries++) {
		uint8_t gen = mmio_read8(v->common, CONFIG_GENERATION);

		for (uint32_t i = 0; i < len; i += 4) {
			uint32_t w = mmio_read32(v->device, off + i);
			zos_memcpy(o + i, &w, 4);
		}
		if (mmio_read8(v->common, CONFIG_GENERATION) == gen)
			return ZOS_OK;
	}
	return ZOS_ERR_IO;
}
