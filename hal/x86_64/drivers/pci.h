/*
 * PCI devices, found through configuration mechanism #1 (ports 0xCF8 and
 * 0xCFC, which every PC chipset and QEMU's i440fx and q35 offer; the ACPI
 * MCFG's memory-mapped space is not needed for the first 256 bytes).
 *
 * pci_scan walks bus 0 and every bus behind a bridge once at boot and keeps
 * what it found in a fixed table (PCI_MAX_DEVICES; more are reported and
 * ignored). Drivers then look devices up in that table, size and decode
 * their BARs with pci_size_bars, walk their capability lists with
 * pci_cap_next, and turn on decoding and bus mastering with pci_enable. Everything read from configuration space is
 * treated as untrusted: capability pointers are bounded and checked.
 */
#ifndef ZOS_X86_PCI_H
#define ZOS_X86_PCI_H

#include <stdint.h>

#define PCI_MAX_DEVICES 64
#define PCI_BARS 6

/* Configuration space registers (type 0 header). */
#define PCI_VENDOR 0x00
#define PCI_DEVICE 0x02
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_REVISION 0x08
#define PCI_HEADER_TYPE 0x0E
#define PCI_BAR0 0x10
#define PCI_SECONDARY_BUS 0x19 /* type 1 (bridge) header */
#define PCI_SUBSYSTEM 0x2E
#define PCI_CAP_PTR 0x34

#define PCI_COMMAND_IO (1u << 0)
#define PCI_COMMAND_MEMORY (1u << 1)
#define PCI_COMMAND_MASTER (1u << 2)
#define PCI_COMMAND_INTX_OFF (1u << 10)
#define PCI_STATUS_CAPS (1u << 4)

#define PCI_CAP_VENDOR 0x09 /* vendor-specific capability (virtio uses it) */

enum pci_bar_kind { PCI_BAR_NONE, PCI_BAR_IO, PCI_BAR_MEM32, PCI_BAR_MEM64 };

struct pci_bar {
	uint64_t base;  /* physical (memory) or port (I/O) address */
	uint64_t size;  /* bytes decoded; 0 when unused */
	uint8_t kind;   /* enum pci_bar_kind; an upper half of MEM64 is NONE */
	uint8_t prefetchable;
};

struct pci_device {
	uint8_t bus, dev, fn;
	uint8_t header_type;   /* without the multi-function bit */
	uint16_t vendor, device;
	uint16_t subsystem;    /* subsystem id (type 0 headers) */
	uint8_t class_code, subclass, prog_if, revision;
	int bars_sized;        /* bar[] is valid (pci_size_bars ran) */
	struct pci_bar bar[PCI_BARS];
};

/* Scans the buses; prints one line per function found and a summary.
 * How many. Needs the clock (for the summary's timing). */
uint32_t pci_scan(void);
uint32_t pci_count(void);
/* The i-th device found, 0 when i >= pci_count(). */
struct pci_device *pci_get(uint32_t i);
/* Fills d->bar[] (base, size, kind of each BAR; a 64-bit BAR takes two
 * slots, the upper one left NONE). Sizing briefly turns d's decoding off:
 * call it before the device is in use. */
void pci_size_bars(struct pci_device *d);

uint8_t pci_read8(const struct pci_device *d, uint8_t off);
uint16_t pci_read16(const struct pci_device *d, uint8_t off);
uint32_t pci_read32(const struct pci_device *d, uint8_t off);
void pci_write16(const struct pci_device *d, uint8_t off, uint16_t v);

/* A walk over a device's capability list; zero-initialise to start. */
struct pci_cap_iter {
	uint8_t pos;   /* the current capability's offset; 0 before the first */
	uint8_t steps; /* capabilities seen, to stop a looping list */
};

/* ZOS_OK with it->pos at the next capability and *id its id; NOT_FOUND at
 * the end of the list; CORRUPT for a pointer into the header or a list
 * longer than configuration space can hold (a loop). */
int pci_cap_next(const struct pci_device *d, struct pci_cap_iter *it, uint8_t *id);
/* Turns on memory decoding and bus mastering (DMA), and masks INTx. */
void pci_enable(const struct pci_device *d);

#endif
