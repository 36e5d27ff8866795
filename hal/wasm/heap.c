/*
 * Memory for the System's passing needs (hal.h's alloc/free): the scratch
 * kernel an audit verification replays into, the log read back for it,
 * the stored log at boot. Few, large and short-lived, so a first-fit list
 * of free blocks, kept in address order and merged with its neighbours,
 * over memory taken from the end of kernel.wasm's linear memory with
 * memory.grow (which never gives any back).
 *
 * Every block starts with a header holding its size (header included);
 * the pointer handed out follows it, 16-byte aligned. Zeroed on alloc.
 */
#include <stddef.h>
#include <stdint.h>

#include "hal/wasm/wasm.h"
#include "lib/mem.h"

#define ALIGN 16u
#define MIN_SPLIT 256u /* a smaller remainder stays with the block */

struct block {
	size_t size;        /* bytes, header included; a multiple of ALIGN */
	struct block *next; /* free blocks only: the next one up in memory */
} __attribute__((aligned(ALIGN)));

_Static_assert(sizeof(struct block) == ALIGN, "block header is one alignment unit");

static struct block *free_list;
static int started;
extern uint8_t __heap_base; /* wasm-ld: the first byte past the static data and stack */

/* size more bytes at the end of memory, as one block, or 0. */
static struct block *grow(size_t size)
{
	size_t pages = (size + ZOS_WASM_PAGE - 1) / ZOS_WASM_PAGE;
	size_t old = __builtin_wasm_memory_grow(0, pages);
	struct block *b;

	if (old == (size_t)-1)
		return 0;
	b = (struct block *)(old * ZOS_WASM_PAGE);
	b->size = pages * ZOS_WASM_PAGE;
	return b;
}

/* b into the free list, merged with the free blocks right before and
 * after it. */
static void release(struct block *b)
{
	struct block **at = &free_list, *prev = 0;

	while (*at && *at < b) {
		prev = *at;
		at = &(*at)->next;
	}
	b->next = *at;
	*at = b;
	if (b->next && (uint8_t *)b + b->size == (uint8_t *)b->next) {
		b->size += b->next->size;
		b->next = b->next->next;
	}
	if (prev && (uint8_t *)prev + prev->size == (uint8_t *)b) {
		prev->size += b->size;
		prev->next = b->next;
	}
}

/* What is left of the memory kernel.wasm started with is the first block. */
static void start(void)
{
	uintptr_t from = ((uintptr_t)&__heap_base + ALIGN - 1) / ALIGN * ALIGN;
	uintptr_t end = (uintptr_t)__builtin_wasm_memory_size(0) * ZOS_WASM_PAGE;
	struct block *b = (struct block *)from;

	started = 1;
	if (end <= from || end - from < MIN_SPLIT)
		return;
	b->size = (end - from) / ALIGN * ALIGN;
	release(b);
}

void *wasm_alloc(size_t n)
{
	size_t need = (n + sizeof(struct block) + ALIGN - 1) / ALIGN * ALIGN;
	struct block **at = &free_list, *b;

	if (n == 0 || n > SIZE_MAX / 2)
		return 0;
	if (!started)
		start();
	while (*at && (*at)->size < need)
		at = &(*at)->next;
	if (*at) {
		b = *at;
		*at = b->next;
	} else if (!(b = grow(need))) {
		return 0;
	}
	if (b->size - need >= MIN_SPLIT) {
		struct block *rest = (struct block *)((uint8_t *)b + need);
		rest->size = b->size - need;
		b->size = need;
		release(rest);
	}
	zos_memset(b + 1, 0, b->size - sizeof *b);
	return b + 1;
}

void wasm_free(void *p)
{
	if (p)
		release((struct block *)p - 1);
}
