/*
 * PCI enumeration (see pci.h). Configuration mechanism #1: a dword address
 * (enable bit, bus, device, function, register) written to 0xCF8 selects
 * the dword read or written at 0xCFC. The scan starts at bus 0 and follows
 * each PCI-to-PCI bridge to the secondary bus the firmware gave it (a
 * brute-force scan of all 256 buses took 17-25 ms under TCG). BARs are
 * sized by writing all ones with decoding off and reading the mask back,
 * then restored; only for the devices a driver takes, because each such
 * write makes QEMU rebuild its memory map (16 ms for 8 functions).
 */
#include "hal/x86_64/drivers/pci.h"

#include <zos/error.h>

#include "hal/x86_64/drivers/clock.h"
#include "hal/x86_64/cpu/cpu.h"
#include "hal/x86_64/kprint.h"
#include "lib/mem.h"

#define CONFIG_ADDRESS 0xCF8
#define CONFIG_DATA 0xCFC
#define CONFIG_ENABLE 0x80000000u
#define HEADER_MULTIFUNCTION 0x80
#define HEADER_TYPE_MASK 0x7F
#define HEADER_GENERAL 0x00
#define HEADER_BRIDGE 0x01
#define CAP_FIRST 0x40 /* capabilities live after the 64-byte header */
#define CAP_MAX_COUNT ((256 - CAP_FIRST) / 4)
#define NO_DEVICE 0xFFFF

static struct pci_device devices[PCI_MAX_DEVICES];
static uint32_t n_devices;
static uint8_t buses_seen[256 / 8];

static uint32_t cfg_read(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off)
{
	outl(CONFIG_ADDRESS, CONFIG_ENABLE | (uint32_t)bus << 16 | (uint32_t)dev << 11 |
				     (uint32_t)fn << 8 | (off & 0xFCu));
	return inl(CONFIG_DATA);
}

static void cfg_write(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off, uint32_t v)
{
	outl(CONFIG_ADDRESS, CONFIG_ENABLE | (uint32_t)bus << 16 | (uint32_t)dev << 11 |
				     (uint32_t)fn << 8 | (off & 0xFCu));
	outl(CONFIG_DATA, v);
}

uint32_t pci_read32(const struct pci_device *d, uint8_t off)
{
	return cfg_read(d->bus, d->dev, d->fn, off);
}

uint16_t pci_read16(const struct pci_device *d, uint8_t off)
{
	return (uint16_t)(pci_read32(d, off) >> ((off & 2) * 8));
}

uint8_t pci_read8(const struct pci_device *d, uint8_t off)
{
	return (uint8_t)(pci_read32(d, off) >> ((off & 3) * 8));
}

/* A read-modify-write of the dword holding the register. STATUS, beside
 * COMMAND, has error bits that clear when written as 1: writing COMMAND
 * writes zeros there, so no error is cleared behind anyone's back. */
void pci_write16(const struct pci_device *d, uint8_t off, uint16_t v)
{
	uint32_t dw = pci_read32(d, off), shift = (off & 2) * 8u;

	if ((off & ~3u) == PCI_COMMAND)
		dw &= 0x0000FFFFu; /* never clear STATUS's error bits by accident */
	dw = (dw & ~(0xFFFFu << shift)) | ((uint32_t)v << shift);
	cfg_write(d->bus, d->dev, d->fn, off, dw);
}

/* Writes all ones to the BAR register at off and returns what reads back,
 * restoring the original value. */
static uint32_t probe_mask(const struct pci_device *d, uint8_t off, uint32_t orig)
{
	uint32_t mask;

	cfg_write(d->bus, d->dev, d->fn, off, 0xFFFFFFFFu);
	mask = pci_read32(d, off);
	cfg_write(d->bus, d->dev, d->fn, off, orig);
	return mask;
}

/* Decodes BAR i; returns how many BAR registers it used (2 for 64-bit). */
static int size_bar(struct pci_device *d, int i, int count)
{
	uint8_t off = (uint8_t)(PCI_BAR0 + 4 * i);
	uint32_t lo = pci_read32(d, off), hi = 0, mlo, mhi = 0xFFFFFFFFu;
	struct pci_bar *b = &d->bar[i];
	uint64_t mask;

	if (lo & 1) {
		mlo = probe_mask(d, off, lo) & ~3u;
		if ((mlo >> 16) == 0)
			mlo |= 0xFFFF0000u; /* 16-bit I/O decoders leave the top clear */
		b->kind = PCI_BAR_IO;
		b->base = lo & ~3u;
		mask = 0xFFFFFFFF00000000ull | mlo;
	} else {
		int is64 = ((lo >> 1) & 3) == 2;
		if (is64 && i + 1 >= count)
			return 1; /* a 64-bit BAR in the last slot: malformed, ignored */
		mlo = probe_mask(d, off, lo) & ~0xFu;
		if (is64) {
			hi = pci_read32(d, (uint8_t)(off + 4));
			mhi = probe_mask(d, (uint8_t)(off + 4), hi);
		}
		b->kind = is64 ? PCI_BAR_MEM64 : PCI_BAR_MEM32;
		b->prefetchable = (lo >> 3) & 1;
		b->base = ((uint64_t)hi << 32) | (lo & ~0xFu);
		mask = ((uint64_t)mhi << 32) | mlo;
	}
	b->size = mask & (~mask + 1); /* the lowest writable address bit */
	if (b->size == 0 || (b->kind == PCI_BAR_MEM32 && mlo == 0))
		*b = (struct pci_bar){ 0 };
	return (lo & 7) == 4 ? 2 : 1; /* a 64-bit memory BAR takes two registers */
}

void pci_size_bars(struct pci_device *d)
{
	int count = d->header_type == HEADER_GENERAL ? 6 : d->header_type == HEADER_BRIDGE ? 2 : 0;
	uint16_t cmd = pci_read16(d, PCI_COMMAND);

	/* Decoding off while a BAR holds all ones, so it claims no addresses. */
	pci_write16(d, PCI_COMMAND, cmd & (uint16_t)~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (int i = 0; i < count;)
		i += size_bar(d, i, count);
	pci_write16(d, PCI_COMMAND, cmd);
	d->bars_sized = 1;
}

static const char *class_name(uint8_t c)
{
	static const char *const names[] = {
		"unclassified", "storage", "network", "display", "multimedia", "memory",
		"bridge", "communication", "system", "input", "docking", "processor",
		"serial bus", "wireless", "intelligent I/O", "satellite", "encryption",
		"signal processing",
	};
	return c < sizeof names / sizeof names[0] ? names[c] : "other";
}

static void add(uint8_t bus, uint8_t dev, uint8_t fn, uint32_t id, uint8_t header)
{
	struct pci_device *d;
	uint32_t cls;

	if (n_devices == PCI_MAX_DEVICES) {
		kprintf("pci %02x:%02x.%x %04x:%04x: more than %u functions, ignored\n", bus, dev, fn,
			id & 0xFFFF, id >> 16, (unsigned)PCI_MAX_DEVICES);
		return;
	}
	d = &devices[n_devices++];
	*d = (struct pci_device){ .bus = bus, .dev = dev, .fn = fn,
				  .header_type = header & HEADER_TYPE_MASK,
				  .vendor = (uint16_t)id, .device = (uint16_t)(id >> 16) };
	cls = pci_read32(d, PCI_REVISION);
	d->revision = (uint8_t)cls;
	d->prog_if = (uint8_t)(cls >> 8);
	d->subclass = (uint8_t)(cls >> 16);
	d->class_code = (uint8_t)(cls >> 24);
	if (d->header_type == HEADER_GENERAL)
		d->subsystem = pci_read16(d, PCI_SUBSYSTEM);
	kprintf("pci %02x:%02x.%x %04x:%04x class %02x.%02x %s\n", bus, dev, fn, d->vendor,
		d->device, d->class_code, d->subclass, class_name(d->class_code));
}

static int visited(uint8_t bus)
{
	int seen = (buses_seen[bus >> 3] >> (bus & 7)) & 1;

	buses_seen[bus >> 3] |= (uint8_t)(1u << (bus & 7));
	return seen;
}

/* One bus, then the bus behind each PCI-to-PCI bridge on it. Each bus is
 * scanned once, so a bridge the firmware misnumbered cannot loop; depth is
 * bounded by the 256 bus numbers. */
static void scan_bus(uint8_t bus)
{
	if (visited(bus))
		return;
	for (uint8_t dev = 0; dev < 32; dev++) {
		uint8_t fns = 1;

		for (uint8_t fn = 0; fn < fns; fn++) {
			uint32_t id = cfg_read(bus, dev, fn, PCI_VENDOR);
			uint8_t header;

			if ((id & 0xFFFF) == NO_DEVICE)
				continue;
			header = (uint8_t)(cfg_read(bus, dev, fn, PCI_HEADER_TYPE & ~3) >> 16);
			if (fn == 0 && (header & HEADER_MULTIFUNCTION))
				fns = 8;
			add(bus, dev, fn, id, header);
			if ((header & HEADER_TYPE_MASK) == HEADER_BRIDGE)
				scan_bus((uint8_t)(cfg_read(bus, dev, fn, PCI_SECONDARY_BUS & ~3) >> 8));
		}
	}
}

uint32_t pci_scan(void)
{
	uint64_t t0 = clock_now_ns();
	uint32_t hosts;

	n_devices = 0;
	zos_memset(buses_seen, 0, sizeof buses_seen);
	scan_bus(0);
	/* A multi-function host bridge at 00:00: function f roots bus f. */
	hosts = (cfg_read(0, 0, 0, PCI_HEADER_TYPE & ~3) >> 16) & HEADER_MULTIFUNCTION ? 8 : 1;
	for (uint8_t fn = 1; fn < hosts; fn++)
		if ((cfg_read(0, 0, fn, PCI_VENDOR) & 0xFFFF) != NO_DEVICE)
			scan_bus(fn);
	kprintf("pci: %u functions, scanned in %llu us\n", n_devices,
		(unsigned long long)((clock_now_ns() - t0) / 1000));
	return n_devices;
}

uint32_t pci_count(void)
{
	return n_devices;
}

struct pci_device *pci_get(uint32_t i)
{
	return i < n_devices ? &devices[i] : 0;
}

int pci_cap_next(const struct pci_device *d, struct pci_cap_iter *it, uint8_t *id)
{
	uint8_t next;

	if (it->pos == 0) {
		if (!(pci_read16(d, PCI_STATUS) & PCI_STATUS_CAPS))
			return ZOS_ERR_NOT_FOUND;
		next = pci_read8(d, PCI_CAP_PTR) & 0xFC;
	} else {
		next = pci_read8(d, (uint8_t)(it->pos + 1)) & 0xFC;
	}
	if (next == 0)
		return ZOS_ERR_NOT_FOUND;
	if (next < CAP_FIRST || it->steps >= CAP_MAX_COUNT)
		return ZOS_ERR_CORRUPT;
	it->steps++;
	it->pos = next;
	*id = pci_read8(d, next);
	return ZOS_OK;
}

void pci_enable(const struct pci_device *d)
{
	uint16_t cmd = pci_read16(d, PCI_COMMAND);

	pci_write16(d, PCI_COMMAND, cmd | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
					    PCI_COMMAND_INTX_OFF);
}
