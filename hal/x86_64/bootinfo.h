/*
 * What the boot loader told us, copied out of the multiboot2 information
 * into the kernel's own memory (so nothing later depends on where GRUB put
 * it): the memory map, the command line, the loader's name, the framebuffer
 * and the ACPI RSDP, when given.
 */
#ifndef ZOS_X86_BOOTINFO_H
#define ZOS_X86_BOOTINFO_H

#include <stddef.h>
#include <stdint.h>

#define BOOT_MMAP_MAX 128
#define BOOT_CMDLINE_MAX 256
#define BOOT_LOADER_MAX 64

#define MMAP_AVAILABLE 1u
#define MMAP_ACPI_RECLAIMABLE 3u
#define MMAP_ACPI_NVS 4u
#define MMAP_BAD 5u

struct boot_region {
	uint64_t base;
	uint64_t len;
	uint32_t type;
};

struct boot_info {
	uint64_t info_phys;      /* where the multiboot2 information was */
	uint32_t info_size;
	struct boot_region mmap[BOOT_MMAP_MAX];
	uint32_t mmap_count;
	uint32_t mmap_dropped;   /* entries past BOOT_MMAP_MAX (reported) */
	char cmdline[BOOT_CMDLINE_MAX];
	char loader[BOOT_LOADER_MAX];
	uint64_t fb_addr;        /* 0: no framebuffer tag */
	uint32_t fb_width, fb_height, fb_pitch;
	uint8_t fb_bpp, fb_type;
	uint64_t rsdp_phys;      /* 0: no ACPI tag; copy kept in rsdp[] */
	uint8_t rsdp_version;    /* 1 (ACPI 1.0) or 2 */
	uint8_t rsdp[36];
	int efi;                 /* booted by UEFI firmware (an EFI tag was given) */
};

/* Reads the multiboot2 information at physical address phys (reachable in
 * the boot page tables' direct map). 0, or a message saying what is wrong. */
const char *bootinfo_parse(struct boot_info *bi, uint32_t magic, uint64_t phys);
/* Whether the command line holds the word `word` (space-separated). */
int bootinfo_has_option(const struct boot_info *bi, const char *word);
/* The value of the first word that starts with prefix ("zos.init=", say),
 * into out (cap bytes, terminated): 1, or 0 when there is none or it does
 * not fit. */
int bootinfo_option_value(const struct boot_info *bi, const char *prefix, char *out, size_t cap);

#endif
