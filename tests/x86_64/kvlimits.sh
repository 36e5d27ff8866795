#!/bin/sh
# The storage device limits on x86_64 under QEMU (TCG), through the real
# syscall path: the test program kv-limits (user/tests/kv-limits) runs as
# Init (kernel option zos.init=kv-limits, so it holds Init's device
# capabilities) on blank system and keystore disks, writes a value of
# ZOS_KV_VALUE_MAX and reads it back whole, a key of ZOS_KV_KEY_MAX, a batch
# of ZOS_KV_BATCH_MAX bytes, and has one byte past each refused by the
# syscall; a LIST is cut at one result. tests/e2e/kvlimits.sh runs the
# same program on the hosted platform; both must print the lines of
# tests/kv_limits.expected.
#
# Usage: tests/x86_64/kvlimits.sh [--help]   (after `make x86-isos`)
# Prints one line per check and "RESULT x86_64-kvlimits PASSED FAILED".
set -u
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
	sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi
cd "$(dirname "$0")/../.."
. tests/x86_64/lib.sh
need_qemu x86_64-kvlimits
ISO=$OUT/zos-kvlimits.iso
SYS=$OUT/kvlimits-system.img
KEYS=$OUT/kvlimits-keys.img
LOG=$OUT/kvlimits.log

if ! tools/x86_64/mkiso.sh "$B/zos.elf" "$ISO" zos.exit zos.init=kv-limits >"$OUT/kvlimits-iso.log" 2>&1; then
	bad "the ISO with zos.init=kv-limits: see $OUT/kvlimits-iso.log"
	echo "RESULT x86_64-kvlimits $pass $fail"
	exit 1
fi
rm -f "$SYS" "$KEYS"
truncate -s 256M "$SYS"
truncate -s 32M "$KEYS"
boot bios "$ISO" "$LOG" \
	-drive file="$SYS",if=none,id=sys,format=raw -device virtio-blk-pci,drive=sys,serial=zos-system \
	-drive file="$KEYS",if=none,id=keys,format=raw -device virtio-blk-pci,drive=keys,serial=zos-keys
if [ "$rc" -eq 1 ]; then ok "kv-limits ended and QEMU stopped cleanly (${secs} ms)"; else bad "QEMU exit $rc (want 1) -> $LOG"; fi
has "$LOG" "kv-limits runs as Init" 'kv-limits runs as Init'
has "$LOG" "both disks formatted" 'zos-keys: 32 MiB, blank: formatted'
# Every line the program prints, as tests/kv_limits.expected has them (the
# hosted run is checked against the same file).
tr -d '\r' <"$LOG" | grep '^kv-limits:' >"$OUT/kvlimits.lines" # the serial line ends lines with CR LF
if diff -u tests/kv_limits.expected "$OUT/kvlimits.lines" >"$OUT/kvlimits.diff"; then
	ok "every check as expected ($(grep -c '^kv-limits: ok' "$OUT/kvlimits.lines") ok lines)"
else
	bad "the program's lines differ from tests/kv_limits.expected: $OUT/kvlimits.diff"
	grep '^[-+]kv' "$OUT/kvlimits.diff" | head -20
fi
hasnt "$LOG" "no panic" 'panic'
echo "RESULT x86_64-kvlimits $pass $fail"
[ "$fail" -eq 0 ]
