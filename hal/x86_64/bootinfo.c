/*
 * The multiboot2 information: a header (total size, reserved) and then
 * 8-byte aligned tags (type, size, payload) up to the end tag (type 0).
 * Every tag's size is checked against the whole before its payload is read,
 * and each copy is bounded by its destination.
 */
#include "hal/x86_64/bootinfo.h"

#include "hal/x86_64/mem/layout.h"
#include "lib/mem.h"

#define MB2_BOOT_MAGIC 0x36D76289u
#define TAG_END 0
#define TAG_CMDLINE 1
#define TAG_LOADER 2
#define TAG_MMAP 6
#define TAG_FRAMEBUFFER 8
#define TAG_EFI32 11
#define TAG_EFI64 12
#define TAG_ACPI_OLD 14
#define TAG_ACPI_NEW 15
#define INFO_MAX (1u << 20) /* a sane bound on the information's size */
#define BOOT_MAP_LIMIT (1ull << 30) /* the boot page tables map 1 GiB */

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;
	zos_memcpy(&v, p, 4);
	return v;
}

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;
	zos_memcpy(&v, p, 8);
	return v;
}

/* A string tag's payload into dst, terminated, cut at cap - 1. */
static void copy_str(char *dst, size_t cap, const uint8_t *src, uint32_t len)
{
	size_t n = zos_strnlen((const char *)src, len);

	if (n >= cap)
		n = cap - 1;
	zos_memcpy(dst, src, n);
	dst[n] = 0;
}

static void read_mmap(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	uint32_t esize;

	if (size < 16)
		return;
	esize = rd32(tag + 8);
	if (esize < 24)
		return;
	for (uint32_t off = 16; off + esize <= size; off += esize) {
		if (bi->mmap_count == BOOT_MMAP_MAX) {
			bi->mmap_dropped++;
			continue;
		}
		struct boot_region *r = &bi->mmap[bi->mmap_count++];
		r->base = rd64(tag + off);
		r->len = rd64(tag + off + 8);
		r->type = rd32(tag + off + 16);
	}
}

static void read_fb(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	if (size < 30)
		return;
	bi->fb_addr = rd64(tag + 8);
	bi->fb_pitch = rd32(tag + 16);
	bi->fb_width = rd32(tag + 20);
	bi->fb_height = rd32(tag + 24);
	bi->fb_bpp = tag[28];
	bi->fb_type = tag[29];
}

static void read_rsdp(struct boot_info *bi, const uint8_t *tag, uint32_t size, uint8_t version,
		      uint64_t tag_phys)
{
	uint32_t n = size - 8;

	if (size <= 8)
		return;
	if (n > sizeof bi->rsdp)
		n = sizeof bi->rsdp;
	zos_memcpy(bi->rsdp, tag + 8, n);
	bi->rsdp_phys = tag_phys + 8;
	bi->rsdp_version = version;
}

const char *bootinfo_parse(struct boot_info *bi, uint32_t magic, uint64_t phys)
{
	const uint8_t *info;
	uint32_t total;

	zos_memset(bi, 0, sizeof *bi);
	if (magic != MB2_BOOT_MAGIC)
		return "not started by a multiboot2 loader (bad magic in EAX)";
	if (phys == 0 || (phys & 7) || phys + 8 > BOOT_MAP_LIMIT)
		return "the multiboot2 information is misaligned or out of reach";
	info = (const uint8_t *)(HHDM_BASE + phys);
	total = rd32(info);
	if (total < 16 || total > INFO_MAX || phys + total > BOOT_MAP_LIMIT)
		return "the multiboot2 information has an impossible size";
	bi->info_phys = phys;
	bi->info_size = total;
	for (uint32_t off = 8; off + 8 <= total;) {
		const uint8_t *tag = info + off;
		uint32_t type = rd32(tag), size = rd32(tag + 4);

		if (size < 8 || size > total - off)
			return "a multiboot2 tag runs past the end of the information";
		switch (type) {
		case TAG_END:
			return 0;
		case TAG_CMDLINE:
			copy_str(bi->cmdline, sizeof bi->cmdline, tag + 8, size - 8);
			break;
		case TAG_LOADER:
			copy_str(bi->loader, sizeof bi->loader, tag + 8, size - 8);
			break;
		case TAG_MMAP:
			read_mmap(bi, tag, size);
			break;
		case TAG_FRAMEBUFFER:
			read_fb(bi, tag, size);
			break;
		case TAG_EFI32:
		case TAG_EFI64:
			bi->efi = 1;
			break;
		case TAG_ACPI_OLD:
			read_rsdp(bi, tag, size, 1, phys + off);
			break;
		case TAG_ACPI_NEW:
			read_rsdp(bi, tag, size, 2, phys + off);
			break;
		default:
			break;
		}
		off += (size + 7) & ~7u;
	}
	return "the multiboot2 information has no end tag";
}

/* The first word at or after *p (space-separated): its start, its
 * length in *n, and *p moved past it; 0 at the end of the line. */
static const char *next_word(const char **p, size_t *n)
{
	const char *w = *p;

	while (*w == ' ')
		w++;
	*n = 0;
	while (w[*n] && w[*n] != ' ')
		(*n)++;
	*p = w + *n;
	return *n ? w : 0;
}

int bootinfo_has_option(const struct boot_info *bi, const char *word)
{
	size_t wl = zos_strlen(word), n;
	const char *p = bi->cmdline, *w;

	while ((w = next_word(&p, &n)))
		if (n == wl && zos_memcmp(w, word, n) == 0)
			return 1;
	return 0;
}

int bootinfo_option_value(const struct boot_info *bi, const char *prefix, char *out, size_t cap)
{
	size_t pl = zos_strlen(prefix), n;
	const char *p = bi->cmdline, *w;

	while ((w = next_word(&p, &n))) {
		if (n < pl || zos_memcmp(w, prefix, pl) != 0)
			continue;
		if (n - pl >= cap)
			return 0;
		zos_memcpy(out, w + pl, n - pl);
		out[n - pl] = 0;
		return 1;
	}
	return 0;
}
