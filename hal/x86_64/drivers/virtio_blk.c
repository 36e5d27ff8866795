/*
 * The virtio-blk driver (see virtio_blk.h). A request is a chain of three
 * descriptors: the 16-byte header (type, reserved, sector) the device
 * reads, the data (read or written by the device, absent for FLUSH), and
 * the status byte the device writes. Header, status and GET_ID's answer
 * share one page; data goes through a VBLK_MAX_SECTORS bounce buffer, so a
 * caller's buffer may be anywhere and is never handed to the device.
 *
 * The device's answer is checked before anything is believed: the used
 * ring must return our chain (id 0) once, with a written length that
 * matches what was asked, and the status byte (preset to a value no device
 * writes) must be OK.
 */
#include "hal/x86_64/drivers/virtio_blk.h"

#include <zos/error.h>

#include "hal/x86_64/drivers/clock.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/mem/layout.h"
#include "hal/x86_64/mem/pmm.h"
#include "hal/x86_64/drivers/virtio_pci.h"
#include "lib/bytes.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define VBLK_SECTOR 512u /* virtio-blk's unit for capacity and sector numbers */
_Static_assert(VBLK_SECTOR == BLOCKDEV_SECTOR, "blockdev sectors are virtio-blk sectors");

/* Feature bits (section 5.2.3). */
#define VIRTIO_BLK_F_SIZE_MAX (1ull << 1)
#define VIRTIO_BLK_F_RO (1ull << 5)
#define VIRTIO_BLK_F_BLK_SIZE (1ull << 6)
#define VIRTIO_BLK_F_FLUSH (1ull << 9)

/* struct virtio_blk_config, as far as we read it. */
#define CFG_CAPACITY 0
#define CFG_SIZE_MAX 8
#define CFG_BLK_SIZE 20
#define CFG_MIN_LEN 24

/* Request types and status values (section 5.2.6). */
#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8
#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2
#define STATUS_UNSET 0xFF

/* The request page. */
#define REQ_HDR 0
#define REQ_HDR_LEN 16
#define REQ_STATUS 16
#define REQ_ID 32

#define QUEUE_SIZE 8
#define MAX_CAPACITY (1ull << 55) /* sectors: lba * 512 never overflows */
#define DATA_BYTES (VBLK_MAX_SECTORS * VBLK_SECTOR)
#define DATA_PAGES (DATA_BYTES / PAGE_SIZE)
_Static_assert(DATA_BYTES % PAGE_SIZE == 0, "the bounce buffer is whole pages");

struct vblk {
	struct virtio_pci t;
	struct virtq q;
	struct blockdev bd;          /* bd.ctx points back here */
	uint8_t *req;                /* header, status, GET_ID answer (one page) */
	uint64_t req_phys;
	uint8_t *data;               /* bounce buffer, DATA_BYTES */
	uint64_t data_phys;
	uint32_t max_sectors;        /* per request, <= VBLK_MAX_SECTORS */
	int dead;                    /* timed out or broke the protocol: refuses requests */
	int ambiguous;               /* another disk has the same serial */
	char serial[VBLK_SERIAL_MAX + 1];
	char where[8];               /* "bb:dd.f", for messages */
};

static struct vblk disks[VBLK_MAX_DISKS];
static uint32_t n_disks;

/* The device broke its side of the protocol or stopped answering: reset it
 * so it lets go of our buffers, and refuse everything from now on. */
static int disk_stop(struct vblk *b, const char *why)
{
	int reset = virtio_pci_reset(&b->t);

	b->dead = 1;
	kprintf("disk %s (%s): %s; disk %s, its requests now fail\n", b->where, b->serial, why,
		reset == ZOS_OK ? "reset" : "did not even reset");
	return ZOS_ERR_IO;
}

/* Lays out the chain for one request: header, data (data_len bytes of the
 * bounce buffer, written by the device when dev_writes; absent when 0),
 * status byte. */
static void disk_chain(struct vblk *b, uint32_t type, uint64_t sector, uint32_t data_len,
		       int dev_writes)
{
	volatile struct virtq_desc *d = b->q.desc;

	zos_st32(b->req + REQ_HDR, type);
	zos_st32(b->req + REQ_HDR + 4, 0);
	zos_st64(b->req + REQ_HDR + 8, sector);
	b->req[REQ_STATUS] = STATUS_UNSET;
	d[0] = (struct virtq_desc){ b->req_phys + REQ_HDR, REQ_HDR_LEN, VIRTQ_DESC_F_NEXT,
				    data_len ? 1 : 2 };
	if (data_len)
		d[1] = (struct virtq_desc){ b->data_phys, data_len,
					    VIRTQ_DESC_F_NEXT | (dev_writes ? VIRTQ_DESC_F_WRITE : 0), 2 };
	d[2] = (struct virtq_desc){ b->req_phys + REQ_STATUS, 1, VIRTQ_DESC_F_WRITE, 0 };
}

/* The status byte the device wrote, as an error code. */
static int disk_status(const struct vblk *b, uint32_t type)
{
	uint8_t status = ((volatile const uint8_t *)b->req)[REQ_STATUS];

	if (status == VIRTIO_BLK_S_OK)
		return ZOS_OK;
	if (status == VIRTIO_BLK_S_UNSUPP)
		return ZOS_ERR_NOT_SUPPORTED;
	if (status != VIRTIO_BLK_S_IOERR)
		kprintf("disk %s (%s): request type %u: status %u is not a virtio-blk status\n",
			b->where, b->serial, type, status);
	return ZOS_ERR_IO;
}

/* One request, waited for; ZOS_OK only when the device returned our chain
 * with the length it had to write and an OK status. */
static int disk_request(struct vblk *b, uint32_t type, uint64_t sector, uint32_t data_len,
			int dev_writes)
{
	uint32_t id, len, expect = (dev_writes ? data_len : 0) + 1;
	int err;

	if (b->dead)
		return ZOS_ERR_IO;
	disk_chain(b, type, sector, data_len, dev_writes);
	virtq_submit(&b->q, 0);
	err = virtq_wait(&b->q, clock_now_ns() + VBLK_TIMEOUT_MS * 1000000ull, &id, &len);
	if (err == ZOS_ERR_IO)
		return disk_stop(b, "no answer in time");
	if (err || id != 0)
		return disk_stop(b, "its used ring returned a chain it was never given");
	if (len != expect) {
		kprintf("disk %s (%s): request type %u: device says it wrote %u bytes, not %u\n",
			b->where, b->serial, type, len, expect);
		return ZOS_ERR_IO;
	}
	return disk_status(b, type);
}

static int check_range(const struct vblk *b, uint64_t lba, uint32_t count, const void *buf)
{
	if (count && !buf)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (lba > b->bd.sectors || count > b->bd.sectors - lba)
		return ZOS_ERR_INVALID_ARGUMENT;
	return ZOS_OK;
}

/* Reads count sectors into out, or writes them from in (the other is 0),
 * in requests of at most max_sectors through the bounce buffer. */
static int disk_rw(struct vblk *b, uint64_t lba, uint32_t count, uint8_t *out, const uint8_t *in)
{
	int err = check_range(b, lba, count, out ? (const void *)out : in);

	while (err == ZOS_OK && count) {
		uint32_t n = count < b->max_sectors ? count : b->max_sectors;
		size_t bytes = (size_t)n * VBLK_SECTOR;

		if (in) {
			zos_memcpy(b->data, in, bytes);
			in += bytes;
		}
		err = disk_request(b, in ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN, lba, (uint32_t)bytes,
				   !in);
		if (err == ZOS_OK && out) {
			zos_memcpy(out, b->data, bytes);
			out += bytes;
		}
		lba += n;
		count -= n;
	}
	return err;
}

static int op_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	return disk_rw(ctx, lba, count, buf, 0);
}

static int op_write(void *ctx, uint64_t lba, uint32_t count, const void *buf)
{
	return buf ? disk_rw(ctx, lba, count, 0, buf) : check_range(ctx, lba, count, buf);
}

/* Durable point: when the device answers OK, every write it completed
 * before is on stable media. */
static int op_flush(void *ctx)
{
	return disk_request(ctx, VIRTIO_BLK_T_FLUSH, 0, 0, 0);
}

/* GET_ID: up to 20 bytes, NUL-padded. Anything not printable ends it, so
 * the serial is always safe to print and compare. */
static void read_serial(struct vblk *b)
{
	uint32_t i = 0;

	b->serial[0] = 0;
	zos_memset(b->data, 0, VBLK_SERIAL_MAX);
	if (disk_request(b, VIRTIO_BLK_T_GET_ID, 0, VBLK_SERIAL_MAX, 1) != ZOS_OK)
		return;
	for (; i < VBLK_SERIAL_MAX && b->data[i] >= 0x20 && b->data[i] < 0x7F; i++)
		b->serial[i] = (char)b->data[i];
	b->serial[i] = 0;
}

static int refuse(const char **why, const char *reason, int err)
{
	*why = reason;
	return err;
}

/* Features and configuration: sets max_sectors and bd.sectors. */
static int negotiate(struct vblk *b, const char **why)
{
	uint64_t offered = virtio_pci_device_features(&b->t), want, cap;
	uint32_t size_max = 0, blk_size = VBLK_SECTOR;

	if (!(offered & VIRTIO_F_VERSION_1))
		return refuse(why, "not a virtio 1.x device", ZOS_ERR_NOT_SUPPORTED);
	if (!(offered & VIRTIO_BLK_F_FLUSH))
		return refuse(why, "no FLUSH command: writes could never be made durable",
			      ZOS_ERR_NOT_SUPPORTED);
	if (offered & VIRTIO_BLK_F_RO)
		return refuse(why, "the disk is read-only", ZOS_ERR_NOT_SUPPORTED);
	want = VIRTIO_F_VERSION_1 | VIRTIO_BLK_F_FLUSH |
	       (offered & (VIRTIO_BLK_F_SIZE_MAX | VIRTIO_BLK_F_BLK_SIZE));
	if (virtio_pci_set_features(&b->t, want) != ZOS_OK)
		return refuse(why, "the device refused our features", ZOS_ERR_NOT_SUPPORTED);
	if (virtio_pci_read_config(&b->t, CFG_CAPACITY, &cap, 8) ||
	    ((want & VIRTIO_BLK_F_SIZE_MAX) && virtio_pci_read_config(&b->t, CFG_SIZE_MAX, &size_max, 4)) ||
	    ((want & VIRTIO_BLK_F_BLK_SIZE) && virtio_pci_read_config(&b->t, CFG_BLK_SIZE, &blk_size, 4)))
		return refuse(why, "its configuration would not read consistently", ZOS_ERR_IO);
	if (cap == 0 || cap >= MAX_CAPACITY)
		return refuse(why, "its capacity is zero or implausible", ZOS_ERR_CORRUPT);
	if (blk_size != VBLK_SECTOR)
		return refuse(why, "its logical block size is not 512 bytes", ZOS_ERR_NOT_SUPPORTED);
	b->max_sectors = VBLK_MAX_SECTORS;
	if (want & VIRTIO_BLK_F_SIZE_MAX) {
		if (size_max < VBLK_SECTOR)
			return refuse(why, "its largest segment is under one sector",
				      ZOS_ERR_NOT_SUPPORTED);
		if (size_max / VBLK_SECTOR < b->max_sectors)
			b->max_sectors = size_max / VBLK_SECTOR;
	}
	b->bd.sectors = cap;
	return ZOS_OK;
}

/* Initialisation in the order of section 3.1.1. */
static int disk_start(struct vblk *b, struct pci_device *d, const char **why)
{
	int err = virtio_pci_open(&b->t, d, CFG_MIN_LEN, why);

	if (err)
		return err;
	if (virtio_pci_reset(&b->t) != ZOS_OK)
		return refuse(why, "it did not reset", ZOS_ERR_IO);
	virtio_pci_add_status(&b->t, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	if ((err = negotiate(b, why)))
		return err;
	err = virtio_pci_queue_setup(&b->t, 0, QUEUE_SIZE, &b->q);
	if (err)
		return refuse(why, err == ZOS_ERR_CORRUPT ? "its queue notify offset is out of range"
							  : "no usable request queue", err);
	b->req_phys = pmm_alloc(1);
	b->data_phys = pmm_alloc(DATA_PAGES);
	if (!b->req_phys || !b->data_phys)
		return refuse(why, "no memory for its buffers", ZOS_ERR_RESOURCE_EXHAUSTED);
	b->req = phys_to_virt(b->req_phys);
	b->data = phys_to_virt(b->data_phys);
	virtio_pci_add_status(&b->t, VIRTIO_STATUS_DRIVER_OK);
	if (virtio_pci_status(&b->t) & VIRTIO_STATUS_NEEDS_RESET)
		return refuse(why, "it asked for a reset right after starting", ZOS_ERR_IO);
	b->bd.ctx = b;
	b->bd.read = op_read;
	b->bd.write = op_write;
	b->bd.flush = op_flush;
	read_serial(b);
	return b->dead ? refuse(why, "GET_ID failed", ZOS_ERR_IO) : ZOS_OK;
}

/* Undoes a failed start: the device is told so and reset before its
 * memory goes back (a device that will not reset keeps it). */
static void disk_abandon(struct vblk *b)
{
	if (b->t.common) {
		virtio_pci_add_status(&b->t, VIRTIO_STATUS_FAILED);
		if (virtio_pci_reset(&b->t) != ZOS_OK)
			return;
	}
	virtq_free(&b->q);
	if (b->req_phys)
		pmm_free(b->req_phys, 1);
	if (b->data_phys)
		pmm_free(b->data_phys, DATA_PAGES);
}

static int is_virtio_blk(const struct pci_device *d)
{
	return d->vendor == VIRTIO_PCI_VENDOR &&
	       (d->device == VIRTIO_PCI_MODERN_BASE + VIRTIO_ID_BLOCK ||
		d->device == VIRTIO_PCI_TRANSITIONAL_BLOCK);
}

static void mark_duplicates(void)
{
	for (uint32_t i = 0; i < n_disks; i++)
		for (uint32_t j = i + 1; j < n_disks; j++)
			if (disks[i].serial[0] && zos_strcmp(disks[i].serial, disks[j].serial) == 0) {
				if (!disks[i].ambiguous)
					kprintf("disk: serial %s is on more than one disk: "
						"none of them is found by it\n", disks[i].serial);
				disks[i].ambiguous = disks[j].ambiguous = 1;
			}
}

uint32_t virtio_blk_probe(void)
{
	uint64_t t0 = clock_now_ns();
	uint32_t seen = 0;

	for (uint32_t i = 0; i < pci_count(); i++) {
		struct pci_device *d = pci_get(i);
		struct vblk *b;
		const char *why = "";

		if (!is_virtio_blk(d))
			continue;
		seen++;
		if (n_disks == VBLK_MAX_DISKS) {
			kprintf("disk %02x:%02x.%x: more than %u disks, not used\n", d->bus, d->dev,
				d->fn, (unsigned)VBLK_MAX_DISKS);
			continue;
		}
		b = &disks[n_disks];
		*b = (struct vblk){ 0 };
		zos_snprintf(b->where, sizeof b->where, "%02x:%02x.%x", d->bus, d->dev, d->fn);
		if (disk_start(b, d, &why) != ZOS_OK) {
			kprintf("disk %s: virtio-blk not used: %s\n", b->where, why);
			disk_abandon(b);
			continue;
		}
		kprintf("disk %s: virtio-blk, serial %s, %llu MiB (%llu sectors), %u sectors per request\n",
			b->where, b->serial[0] ? b->serial : "(none)",
			(unsigned long long)(b->bd.sectors * VBLK_SECTOR >> 20),
			(unsigned long long)b->bd.sectors, b->max_sectors);
		n_disks++;
	}
	if (!seen)
		kprintf("disk: no virtio-blk disk found: nothing is stored on disk this boot\n");
	else
		kprintf("disk: %u of %u virtio-blk disks in use, started in %llu us\n", n_disks, seen,
			(unsigned long long)((clock_now_ns() - t0) / 1000));
	mark_duplicates();
	return n_disks;
}

struct blockdev *virtio_blk_find(const char *serial)
{
	for (uint32_t i = 0; i < n_disks; i++)
		if (!disks[i].ambiguous && serial[0] && zos_strcmp(disks[i].serial, serial) == 0)
			return &disks[i].bd;
	return 0;
}
