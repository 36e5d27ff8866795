/*
 * Physical page allocator (see pmm.h). The bitmap is placed in the first
 * usable region, above 1 MiB and outside the kernel, that holds it and lies
 * within the boot page tables' reach. Allocation is next-fit for single
 * pages and first-fit for runs; both check every page of a run.
 */
#include "hal/x86_64/mem/pmm.h"

#include "lib/mem.h"

#define LOW_RESERVED (1ull << 20)   /* BIOS data, real-mode leftovers */
#define BOOT_REACH (1ull << 30)     /* what the boot page tables map */

static uint8_t *bitmap;
static uint64_t npages;           /* pages the bitmap covers */
static uint64_t limit_page;       /* allocations stay below this page */
static uint64_t next_hint;
static uint64_t top;
static struct pmm_stats stats;

static int used(uint64_t p)
{
	return (bitmap[p >> 3] >> (p & 7)) & 1;
}

static void set(uint64_t p, int v)
{
	if (v)
		bitmap[p >> 3] |= (uint8_t)(1u << (p & 7));
	else
		bitmap[p >> 3] &= (uint8_t)~(1u << (p & 7));
}

/* Marks [start, end) used (rounded outward to whole pages). */
static void reserve(uint64_t start, uint64_t end)
{
	uint64_t p = start / PAGE_SIZE, last = (end + PAGE_SIZE - 1) / PAGE_SIZE;

	for (; p < last && p < npages; p++) {
		if (!used(p))
			stats.free_pages--;
		set(p, 1);
	}
}

static int overlaps(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	return a0 < b1 && b0 < a1;
}

/* A home for the bitmap: page-aligned, usable, reachable, clear of the
 * kernel and the low MiB. */
static uint64_t place_bitmap(const struct boot_info *bi, uint64_t bytes, uint64_t k0, uint64_t k1)
{
	for (uint32_t i = 0; i < bi->mmap_count; i++) {
		const struct boot_region *r = &bi->mmap[i];
		uint64_t s = (r->base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
		uint64_t e = r->base + r->len;

		if (r->type != MMAP_AVAILABLE)
			continue;
		if (s < LOW_RESERVED)
			s = LOW_RESERVED;
		if (overlaps(s, s + bytes, k0, k1))
			s = (k1 + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
		if (s + bytes <= e && s + bytes <= BOOT_REACH)
			return s;
	}
	return 0;
}

const char *pmm_init(const struct boot_info *bi, uint64_t k0, uint64_t k1)
{
	uint64_t bytes, at;

	zos_memset(&stats, 0, sizeof stats);
	top = 0;
	for (uint32_t i = 0; i < bi->mmap_count; i++) {
		const struct boot_region *r = &bi->mmap[i];
		uint64_t end = r->base + r->len;

		if (r->type != MMAP_AVAILABLE || r->len == 0 || end < r->base)
			continue;
		if (end > PMM_MAX_PHYS) {
			stats.ignored_bytes += end - (r->base > PMM_MAX_PHYS ? r->base : PMM_MAX_PHYS);
			end = PMM_MAX_PHYS;
		}
		if (end > top)
			top = end;
	}
	if (top == 0)
		return "the memory map has no usable RAM";
	npages = top / PAGE_SIZE;
	bytes = ((npages + 7) / 8 + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
	at = place_bitmap(bi, bytes, k0, k1);
	if (!at)
		return "no usable region can hold the page bitmap";
	bitmap = phys_to_virt(at);
	zos_memset(bitmap, 0xFF, bytes);
	/* Free exactly the usable pages, shrinking each region to whole pages. */
	for (uint32_t i = 0; i < bi->mmap_count; i++) {
		const struct boot_region *r = &bi->mmap[i];
		uint64_t s = (r->base + PAGE_SIZE - 1) / PAGE_SIZE;
		uint64_t e = (r->base + r->len) / PAGE_SIZE;

		if (r->type != MMAP_AVAILABLE || r->base + r->len < r->base)
			continue;
		for (uint64_t p = s; p < e && p < npages; p++) {
			if (used(p)) {
				set(p, 0);
				stats.free_pages++;
			}
		}
	}
	/* Any region some entry calls reserved stays reserved, even if another
	 * (overlapping) entry calls it usable. */
	for (uint32_t i = 0; i < bi->mmap_count; i++)
		if (bi->mmap[i].type != MMAP_AVAILABLE)
			reserve(bi->mmap[i].base, bi->mmap[i].base + bi->mmap[i].len);
	stats.total_pages = stats.free_pages;
	reserve(0, LOW_RESERVED);
	reserve(k0, k1);
	reserve(at, at + bytes);
	stats.bitmap_phys = at;
	stats.bitmap_bytes = bytes;
	limit_page = BOOT_REACH / PAGE_SIZE;
	next_hint = 0;
	return 0;
}

void pmm_set_limit(uint64_t limit)
{
	limit_page = limit / PAGE_SIZE;
}

/* The first run of n free pages in [from, end), or NO_RUN. */
#define NO_RUN UINT64_MAX
static uint64_t find_run(uint64_t from, uint64_t end, uint64_t n)
{
	uint64_t p = from;

	while (p + n <= end) {
		uint64_t k = 0;

		while (k < n && !used(p + k))
			k++;
		if (k == n)
			return p;
		p += k + 1;
	}
	return NO_RUN;
}

uint64_t pmm_alloc(uint64_t n)
{
	uint64_t end = limit_page < npages ? limit_page : npages;
	uint64_t p;

	if (n == 0 || n > end)
		return 0;
	p = find_run(next_hint, end, n);
	if (p == NO_RUN)
		p = find_run(0, end, n);
	if (p == NO_RUN)
		return 0;
	for (uint64_t k = 0; k < n; k++)
		set(p + k, 1);
	stats.free_pages -= n;
	next_hint = p + n;
	zos_memset(phys_to_virt(p * PAGE_SIZE), 0, n * PAGE_SIZE);
	return p * PAGE_SIZE;
}

void pmm_free(uint64_t phys, uint64_t n)
{
	uint64_t p = phys / PAGE_SIZE;

	for (uint64_t k = 0; k < n && p + k < npages; k++) {
		if (used(p + k)) {
			set(p + k, 0);
			stats.free_pages++;
		}
	}
}

void pmm_get_stats(struct pmm_stats *st)
{
	*st = stats;
}

uint64_t pmm_top(void)
{
	return top;
}
