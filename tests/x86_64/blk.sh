#!/bin/sh
# The x86_64 disk driver under QEMU (TCG): PCI enumeration and virtio-blk
# over the modern PCI transport, on raw disk images made under build/.
#
#   1. BIOS, zos-blktest.iso (zos.test=blk), disks zos-scratch (a
#      transitional device on bus 0) and zos-system (modern-only, behind a
#      PCIe root port): both found with their serial and size, the self-test on
#      zos-scratch passes (patterned write, flush, read back whole and in
#      pieces, the last sector, out-of-range requests refused) and prints
#      the rate of 4 KiB writes and reads.
#   2. The same under UEFI (OVMF).
#   3. Persistence at the device level: zos-blkwrite.iso writes a pattern
#      from a fresh seed and flushes (BIOS); a second boot with the same
#      image, zos-blkverify.iso under UEFI, reads the same seed's pattern.
#   4. zos-blkverify.iso on a blank disk fails (the check is not vacuous);
#      the same boot has a read-only disk and two disks sharing a serial,
#      each refused with a message, and still finishes its boot checks.
#   5. zos-blkfaults.iso: a disk whose writes and flushes fail (QEMU's
#      blkdebug injects EIO) reports ZOS_ERR_IO and still reads; a disk
#      throttled to 2 KiB/s times out with ZOS_ERR_IO and a console
#      line after VBLK_TIMEOUT_MS (10 s), then refuses requests at once.
#
# Usage: tests/x86_64/blk.sh [--help]   (after `make x86-isos`)
# Prints one line per check and "RESULT x86_64-blk PASSED FAILED".
set -u
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
	sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi
cd "$(dirname "$0")/../.."
. tests/x86_64/lib.sh
need_qemu x86_64-blk
DISKS=$B/disks
mkdir -p "$DISKS"

# disk FILE SERIAL [DRIVE OPTIONS] [DEVICE OPTIONS]: the QEMU arguments
# for one virtio-blk disk (its drive named after the file, so names differ
# within a boot).
disk() {
	id=$(basename "$1" .img)
	echo "-drive file=$1,if=none,id=$id,format=raw${3:+,$3} -device virtio-blk-pci,drive=$id,serial=$2${4:+,$4}"
}

# blank FILE SIZE: a fresh, zero-filled image.
blank() { rm -f "$1" && truncate -s "$2" "$1"; }

# boot_ok MODE ISO LOG DISK-ARGS...: boot, and check that Zero OS stopped
# cleanly.
boot_ok() {
	boot "$@"
	name="$1 $(basename "$2")"
	echo "# $name: QEMU exit $rc after $secs ms"
	if [ "$rc" -eq 1 ]; then ok "$name: stopped cleanly"; else bad "$name: QEMU exit $rc (want 1; 124 = timeout) -> $3"; fi
}

seed_of() { sed -n 's/^blk: persistence pattern seed \([0-9a-f]*\),.*/\1/p' "$1" | head -1; }

for mode in bios uefi; do
	if [ "$mode" = uefi ] && [ -z "$ovmf" ]; then
		bad "uefi: no OVMF firmware (tools/deps.sh installs ovmf)"
		continue
	fi
	log="$OUT/blk-$mode.log"
	blank "$DISKS/scratch.img" 16M
	blank "$DISKS/system.img" 8M
	boot_ok "$mode" "$B/zos-blktest.iso" "$log" "-device pcie-root-port,id=rp1,chassis=1" \
		"$(disk "$DISKS/scratch.img" zos-scratch)" \
		"$(disk "$DISKS/system.img" zos-system "" bus=rp1,disable-legacy=on)"
	has "$log" "$mode: PCI functions listed" '^pci 00:00\.0 8086:29c0 class 06\.00 bridge'
	has "$log" "$mode: transitional virtio-blk on bus 0" '^pci 00:[0-9a-f.]+ 1af4:1001 class 01\.00 storage'
	has "$log" "$mode: modern virtio-blk behind the root port" '^pci 01:00\.0 1af4:1042 class 01\.00 storage'
	has "$log" "$mode: scratch disk found by serial, 16 MiB" '^disk 00:[0-9a-f.]+: virtio-blk, serial zos-scratch, 16 MiB \(32768 sectors\)'
	has "$log" "$mode: second disk found by serial, 8 MiB" '^disk 01:00\.0: virtio-blk, serial zos-system, 8 MiB \(16384 sectors\)'
	for c in 'write 300 sectors' 'flush' 'read them back in one call' 'read them back 7 sectors' \
		'the last sector' 'read past the end refused' 'write across the end refused' \
		'sector number that wraps around refused' 'no buffer refused' 'sequential 4 KiB writes, flush and reads'; do
		has "$log" "$mode: $c" "^  blk: $c.* ok[[:space:]]*$"
	done
	has "$log" "$mode: write rate" '^blk: sequential 4 KiB writes \+ flush: 1024 x 4 KiB in [0-9]+ ms: [0-9.]+ MB/s'
	has "$log" "$mode: read rate" '^blk: sequential 4 KiB reads: 1024 x 4 KiB in [0-9]+ ms: [0-9.]+ MB/s'
	has "$log" "$mode: self-test passed" '^blk: self-test PASS[[:space:]]*$'
	has "$log" "$mode: the other boot checks still pass" '^Zero OS: boot checks passed'
	hasnt "$log" "$mode: nothing failed, no panic" 'FAIL|panic|not used'
	grep -E '^blk: sequential' "$log" | sed "s/^/# $mode: /"
done

# Persistence: written and flushed in one boot (BIOS), read in the next (UEFI).
blank "$DISKS/scratch.img" 16M
wlog="$OUT/blk-write.log"
vlog="$OUT/blk-verify.log"
boot_ok bios "$B/zos-blkwrite.iso" "$wlog" "$(disk "$DISKS/scratch.img" zos-scratch)"
has "$wlog" "persistence: pattern written and flushed" '^blk: persistence write PASS[[:space:]]*$'
vmode=uefi
[ -z "$ovmf" ] && vmode=bios
boot_ok "$vmode" "$B/zos-blkverify.iso" "$vlog" "$(disk "$DISKS/scratch.img" zos-scratch)"
has "$vlog" "persistence: read back in a second boot" '^blk: persistence verify PASS[[:space:]]*$'
ws=$(seed_of "$wlog")
vs=$(seed_of "$vlog")
if [ -n "$ws" ] && [ "$ws" = "$vs" ]; then
	ok "persistence: the second boot read the first boot's seed ($ws)"
else
	bad "persistence: seed written '$ws', read '$vs'"
fi

# A blank disk fails the verification; bad disks are refused with a reason.
nlog="$OUT/blk-blank.log"
blank "$DISKS/scratch.img" 1M
blank "$DISKS/ro.img" 1M
blank "$DISKS/dup1.img" 1M
blank "$DISKS/dup2.img" 1M
boot_ok bios "$B/zos-blkverify.iso" "$nlog" "$(disk "$DISKS/scratch.img" zos-scratch)" \
	"$(disk "$DISKS/ro.img" zos-ro readonly=on)" "$(disk "$DISKS/dup1.img" zos-dup)" \
	"$(disk "$DISKS/dup2.img" zos-dup)"
has "$nlog" "blank disk: verification fails" '^blk: persistence verify FAIL[[:space:]]*$'
has "$nlog" "read-only disk refused" '^disk [0-9a-f:.]+: virtio-blk not used: the disk is read-only'
has "$nlog" "a serial on two disks finds neither" '^disk: serial zos-dup is on more than one disk'
has "$nlog" "boot checks still pass after a failed disk test" '^Zero OS: boot checks passed'
hasnt "$nlog" "no panic" 'panic'

# Injected errors and a device that never answers in time.
flog="$OUT/blk-faults.log"
blank "$DISKS/eio.img" 1M
blank "$DISKS/slow.img" 1M
printf '[inject-error]\nevent = "write_aio"\niotype = "%s"\nerrno = "5"\n\n' write flush >"$DISKS/eio.cfg"
boot_ok bios "$B/zos-blkfaults.iso" "$flog" \
	"$(disk "blkdebug:$DISKS/eio.cfg:$DISKS/eio.img" zos-eio)" \
	"$(disk "$DISKS/slow.img" zos-slow throttling.bps-total=2048)"
for c in 'a write the disk fails: IO error' 'the disk still reads' 'a flush the disk fails: IO error' \
	'a first read in time' 'a read without an answer: IO error after the timeout' \
	'the stopped disk refuses the next request at once'; do
	has "$flog" "faults: $c" "^  blk: $c.* ok[[:space:]]*\$"
done
has "$flog" "faults: the timeout said so on the console" '^disk [0-9a-f:.]+ \(zos-slow\): no answer in time; disk reset'
has "$flog" "faults: the error test passed" '^blk: fault test PASS'
has "$flog" "faults: the timeout test passed" '^blk: timeout test PASS'
has "$flog" "faults: boot checks still pass" '^Zero OS: boot checks passed'
hasnt "$flog" "faults: no panic" 'panic'
rm -f "$DISKS"/*.img "$DISKS"/*.cfg

echo "RESULT x86_64-blk $pass $fail"
[ "$fail" -eq 0 ]
