// What a process worker counts of itself, for `make bench` (bench/web_*.mjs)
// to read through the kernel worker: a small SharedArrayBuffer of its own
// per process (not the mailbox, whose layout is include/zos/mailbox.h's),
// written by the process worker with plain stores and only read elsewhere.
// Nothing in Zero OS acts on these numbers: a process may write anything
// here, and a figure is all it would change.
export const COUNTER_WAITS = 0; // Atomics.wait returns: each one a wake-up of the parked thread
export const COUNTER_CALLS = 1; // syscalls made
export const COUNTERS_BYTES = 8;
