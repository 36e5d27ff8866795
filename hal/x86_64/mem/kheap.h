/*
 * The kernel heap: memory for the few large, long-lived objects the kernel
 * makes at boot (the System, the in-memory CommitLog). Whole zeroed pages
 * from the page allocator, reached through the direct map; freed only by
 * kfree with the same size. No small-object allocator: nothing needs one.
 */
#ifndef ZOS_X86_KHEAP_H
#define ZOS_X86_KHEAP_H

#include <stddef.h>

/* size bytes (rounded up to pages), zeroed; 0 when out of memory. */
void *kalloc(size_t size);
void kfree(void *p, size_t size);

#endif
