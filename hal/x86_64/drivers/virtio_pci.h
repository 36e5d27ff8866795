/*
 * The virtio 1.x PCI transport, modern interface only (virtio 1.x section
 * 4.1): the device's configuration structures are found through its
 * vendor-specific PCI capabilities and reached through memory BARs mapped
 * uncached. Transitional devices (ids 0x1000-0x103F) are driven through
 * the same modern interface; the legacy I/O-port interface is never used.
 *
 * Everything the device reports is checked: each structure lies inside its
 * BAR and is long enough, queue sizes and notify offsets are in range, and
 * status changes are waited for with a deadline.
 */
#ifndef ZOS_X86_VIRTIO_PCI_H
#define ZOS_X86_VIRTIO_PCI_H

#include <stdint.h>

#include "hal/x86_64/drivers/pci.h"
#include "hal/x86_64/drivers/virtqueue.h"

#define VIRTIO_PCI_VENDOR 0x1AF4
#define VIRTIO_PCI_MODERN_BASE 0x1040   /* modern device id = this + device type */
#define VIRTIO_PCI_TRANSITIONAL_BLOCK 0x1001
#define VIRTIO_ID_BLOCK 2

/* Device status bits (section 2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED 128

/* Transport feature bits (section 6). */
#define VIRTIO_F_VERSION_1 (1ull << 32)

struct virtio_pci {
	const struct pci_device *pci;
	volatile uint8_t *common;   /* struct virtio_pci_common_cfg */
	volatile uint8_t *notify;   /* queue notification area */
	volatile uint8_t *isr;      /* mapped, never read: we poll, INTx is masked */
	volatile uint8_t *device;   /* device-specific configuration */
	uint32_t notify_len;
	uint32_t notify_mult;       /* notify_off_multiplier */
	uint32_t device_len;
};

/* Finds and maps d's configuration structures; the device-specific one
 * must hold at least device_min bytes. ZOS_OK, or an error with *why set
 * to a sentence for the console. Enables memory decoding and DMA. */
int virtio_pci_open(struct virtio_pci *v, struct pci_device *d, uint32_t device_min,
		    const char **why);
/* Writes 0 to the status and waits for the device to read back 0 (the
 * reset is complete: it no longer touches any ring or buffer). */
int virtio_pci_reset(struct virtio_pci *v);
uint8_t virtio_pci_status(const struct virtio_pci *v);
/* ORs bits into the device status. */
void virtio_pci_add_status(struct virtio_pci *v, uint8_t bits);
uint64_t virtio_pci_device_features(const struct virtio_pci *v);
/* Writes the driver's features and sets FEATURES_OK; ZOS_OK when the
 * device keeps FEATURES_OK set (it accepts them), NOT_SUPPORTED if not. */
int virtio_pci_set_features(struct virtio_pci *v, uint64_t features);
/* Sets up queue index with at most want entries (rounded down to a power
 * of two, no more than the device allows) and enables it. ZOS_OK, or
 * NOT_SUPPORTED when the device has no such queue or too small a one,
 * CORRUPT for a notify offset outside the notify area, RESOURCE_EXHAUSTED. */
int virtio_pci_queue_setup(struct virtio_pci *v, uint16_t index, uint16_t want, struct virtq *q);
/* Copies len bytes at off of the device-specific configuration, retrying
 * while the device changes it underneath (config_generation). ZOS_OK, or
 * INVALID_ARGUMENT past the structure, IO when it never settles. */
int virtio_pci_read_config(const struct virtio_pci *v, uint32_t off, void *out, uint32_t len);

#endif
