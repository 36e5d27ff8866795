/*
 * Device registers in the kernel's address space: mmio_map gives a virtual
 * address for a physical register range (a PCI BAR's part), mapped
 * uncached (PCD|PWT) and never executable, in the window at MMIO_BASE.
 * Mappings last for the kernel's life: drivers map their registers once at
 * boot. Accessors read and write exactly the width asked, as devices need.
 */
#ifndef ZOS_X86_MMIO_H
#define ZOS_X86_MMIO_H

#include <stdint.h>

/* Maps [phys, phys + len) and sets *out to phys's virtual address; ZOS_OK,
 * INVALID_ARGUMENT for an empty, overflowing or unaddressable range, or
 * RESOURCE_EXHAUSTED when the window or the page tables are full. */
int mmio_map(uint64_t phys, uint64_t len, volatile uint8_t **out);

static inline uint8_t mmio_read8(volatile uint8_t *base, uint32_t off)
{
	return *(volatile uint8_t *)(base + off);
}

static inline uint16_t mmio_read16(volatile uint8_t *base, uint32_t off)
{
	return *(volatile uint16_t *)(base + off);
}

static inline uint32_t mmio_read32(volatile uint8_t *base, uint32_t off)
{
	return *(volatile uint32_t *)(base + off);
}

static inline void mmio_write8(volatile uint8_t *base, uint32_t off, uint8_t v)
{
	*(volatile uint8_t *)(base + off) = v;
}

static inline void mmio_write16(volatile uint8_t *base, uint32_t off, uint16_t v)
{
	*(volatile uint16_t *)(base + off) = v;
}

static inline void mmio_write32(volatile uint8_t *base, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(base + off) = v;
}

#endif
