#!/bin/sh
# SMEP and SMAP on x86_64 under QEMU (TCG, -cpu max offers both): the
# boot says they are on; zos-smeptest.iso makes the kernel call code on a
# user page and zos-smaptest.iso makes it read a user page (after a read
# inside user_access_begin/end that must work): each must end in a kernel
# page fault, reported and fatal. The ordinary boot checks (boot.sh) and
# the shell (shell.sh) run with both on, so every syscall's copies in and
# out pass through the allowed window.
#
# Usage: tests/x86_64/guard.sh [--help]   (after `make x86-isos`)
# Prints one line per check and "RESULT x86_64-guard PASSED FAILED".
set -u
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
	sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi
cd "$(dirname "$0")/../.."
. tests/x86_64/lib.sh
need_qemu x86_64-guard

for t in smep smap; do
	log="$OUT/guard-$t.log"
	boot bios "$B/zos-${t}test.iso" "$log"
	echo "# $t test: QEMU exit $rc after $secs ms"
	if [ "$rc" -eq 3 ]; then ok "$t: ended in a panic (QEMU exit 3)"; else bad "$t: QEMU exit $rc (want 3) -> $log"; fi
	has "$log" "$t: on" '^cpu: SMEP on, SMAP on'
	has "$log" "$t: the fault names the user page" 'cr2 0000000000600000'
	has "$log" "$t: a kernel page fault" 'CPU exception 14 \(page fault\)'
	hasnt "$log" "$t: no access got through" 'WRONG'
done
has "$OUT/guard-smep.log" "smep: an instruction fetch refused" 'protection violation, instruction fetch access from kernel mode'
has "$OUT/guard-smap.log" "smap: the checked read worked" '^smap: a checked read of the user page \(access allowed\): ok'
has "$OUT/guard-smap.log" "smap: the unchecked read refused" 'protection violation, read access from kernel mode'

echo "RESULT x86_64-guard $pass $fail"
[ "$fail" -eq 0 ]
