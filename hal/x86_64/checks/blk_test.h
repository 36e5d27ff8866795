/*
 * The disk self-tests, chosen on the kernel command line and run at boot
 * after the disks are probed, on the disk whose serial is BLK_TEST_SERIAL
 * (never on a disk that holds anything):
 *
 *   zos.test=blk         write, flush, read back and compare patterned
 *                        sectors (requests split and reassembled), the last
 *                        sector, out-of-range requests refused; then the
 *                        rate of sequential 4 KiB writes (+ flush) and reads
 *   zos.test=blk-write   write a pattern from a fresh seed, flush
 *   zos.test=blk-verify  read it back in a later boot and compare
 *   zos.test=blk-faults  on BLK_EIO_SERIAL, a disk whose writes and flushes
 *                        fail: the errors come back, reads go on; on BLK_SLOW_SERIAL,
 *                        a disk too slow to answer: the request times out
 *                        with an error, and the disk refuses the next one
 *
 * Each prints a "blk: ... PASS" or "blk: ... FAIL" line.
 */
#ifndef ZOS_X86_BLK_TEST_H
#define ZOS_X86_BLK_TEST_H

#include "hal/x86_64/bootinfo.h"

#define BLK_TEST_SERIAL "zos-scratch"
#define BLK_EIO_SERIAL "zos-eio"
#define BLK_SLOW_SERIAL "zos-slow"

/* Runs the tests bi's command line asks for; each says PASS or FAIL. */
void blk_test_run(const struct boot_info *bi);

#endif
