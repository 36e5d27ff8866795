/*
 * virtio-blk disks (virtio 1.x section 5.2) over the modern PCI transport,
 * each offered as a struct blockdev (lib/blockstore/blockdev.h).
 *
 * virtio_blk_probe starts every virtio-blk function PCI enumeration found
 * (modern id 0x1042, or transitional 0x1001 driven in modern mode), up to
 * VBLK_MAX_DISKS, and prints one line per disk: its serial (from GET_ID),
 * its capacity and its PCI address; or why a disk is not used. A disk
 * must offer VIRTIO_F_VERSION_1 and VIRTIO_BLK_F_FLUSH (without a flush
 * nothing written could be called durable), be writable, and use 512-byte
 * logical blocks (the stores rely on one sector being written atomically).
 *
 * Requests are synchronous: one descriptor chain in flight per disk, the
 * used ring polled (no interrupts), at most VBLK_MAX_SECTORS sectors per
 * request (larger reads and writes are split), data through a bounce
 * buffer from the page allocator. A request the device does not answer
 * within VBLK_TIMEOUT_MS fails with ZOS_ERR_IO, and the disk is reset and
 * refuses all further requests (ZOS_ERR_IO) until the next boot: its
 * buffers cannot be reused while the device might still write them.
 *
 * Disks are told apart by serial, as QEMU's
 * `-drive file=F,if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0,serial=NAME`
 * sets it (e.g. zos-system, zos-keys, zos-scratch). A serial held by two
 * disks finds neither.
 *
 * Single-threaded: the kernel runs with interrupts off, and one request
 * completes before the next starts.
 */
#ifndef ZOS_X86_VIRTIO_BLK_H
#define ZOS_X86_VIRTIO_BLK_H

#include <stdint.h>

#include "lib/blockstore/blockdev.h"

#define VBLK_MAX_DISKS 4
#define VBLK_MAX_SECTORS 128u   /* per request: 64 KiB */
#define VBLK_SERIAL_MAX 20      /* GET_ID's answer, NUL-padded */
#define VBLK_TIMEOUT_MS 10000u

/* Finds and starts the disks; prints a line for each, or that there is
 * none. How many are usable. Call once, after pci_scan. */
uint32_t virtio_blk_probe(void);
/* The one disk whose serial is `serial`, or 0 when none or several have it. */
struct blockdev *virtio_blk_find(const char *serial);

#endif
