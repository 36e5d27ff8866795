#!/bin/sh
# Boots the x86_64 ISOs headless in QEMU (TCG) under BIOS (SeaBIOS) and
# UEFI (OVMF) firmware and checks the serial transcripts: the banner, the
# memory map, the CPU tables, the page tables, the System self-test with the
# CommitLog verified and replayed across two boots, the ring-3 test programs
# (syscalls, bad pointers refused, faulting processes killed while the
# system goes on), and (zos-faulttest.iso) the report of a deliberate kernel
# page fault.
#
# The ISOs boot with `zos.exit`, so Zero OS ends QEMU itself when it stops
# (exit status (code << 1) | 1); a timeout catches a hang.
#
# Usage: tests/x86_64/boot.sh [--help]   (after `make x86-isos`)
# Prints one line per check and "RESULT x86_64-boot PASSED FAILED".
set -u
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
	sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi
cd "$(dirname "$0")/../.."
. tests/x86_64/lib.sh
need_qemu x86_64-boot

for mode in bios uefi; do
	if [ "$mode" = uefi ] && [ -z "$ovmf" ]; then
		bad "uefi: no OVMF firmware (tools/deps.sh installs ovmf)"
		continue
	fi
	firmware=BIOS
	[ "$mode" = uefi ] && firmware=UEFI

	log="$OUT/boot-$mode.log"
	boot "$mode" "$B/zos-test.iso" "$log"
	echo "# $mode boot: QEMU exit $rc after ${secs} ms"
	if [ "$rc" -eq 1 ]; then ok "$mode: Zero OS stopped cleanly (QEMU exit 1)"; else bad "$mode: QEMU exit $rc (want 1; 124 = timeout) -> $log"; fi
	has "$log" "$mode: banner" '^Zero OS for x86_64 - booting'
	has "$log" "$mode: loaded by GRUB under $firmware firmware" "boot: loaded by GRUB.*\\($firmware firmware\\)"
	has "$log" "$mode: memory map parsed" '^memory map \([0-9]+ regions\)'
	has "$log" "$mode: usable memory summed" '^memory: [0-9]+ MiB usable'
	has "$log" "$mode: GDT, TSS, IDT" '^cpu: GDT, TSS and IDT loaded'
	has "$log" "$mode: own page tables, identity dropped" '^paging: own 4-level tables.*identity map dropped'
	has "$log" "$mode: TSC clock" '^clock: TSC at [0-9]+ MHz'
	has "$log" "$mode: entropy source" '^entropy: (RDSEED|RDRAND|TSC)'
	has "$log" "$mode: Genesis" '^system: Genesis; Init is pid 1'
	has "$log" "$mode: syscall self-test" '^system: self-test passed \(0 failures\)'
	has "$log" "$mode: replay of the first epoch" '^axiom: [0-9]+ commits in 1 epochs .* state matches'
	has "$log" "$mode: replay across two boots" '^axiom: [0-9]+ commits in 2 epochs .* state matches'
	has "$log" "$mode: state hash printed" '^axiom: state hash [0-9a-f]{64}'
	has "$log" "$mode: ring 3: syscalls from a process" '^\[pid 2\] TIME from ring 3'
	has "$log" "$mode: ring 3: IPC between syscalls" '^\[pid 2\] RECV it back'
	has "$log" "$mode: ring 3: kernel pointer as syscall record refused" '^\[pid 2\] a kernel address as the record: refused'
	has "$log" "$mode: ring 3: kernel pointer as input refused" '^\[pid 2\] a kernel address as input: refused'
	has "$log" "$mode: ring 3: kernel pointer as output refused" '^\[pid 2\] a kernel address as output: refused'
	has "$log" "$mode: ring 3: read-only page as output refused" '^\[pid 2\] my read-only code as output: refused'
	has "$log" "$mode: ring 3: every check passed" '^\[pid 2\] ring-3 checks passed'
	has "$log" "$mode: ring 3: reading kernel memory is a user page fault" 'protection violation, read access from user mode'
	has "$log" "$mode: ring 3: kernel reader killed" '^proc: process 3 \(r3kread\) killed: page fault'
	has "$log" "$mode: ring 3: writing read-only code killed" '^proc: process 4 \(r3rowrite\) killed: page fault'
	has "$log" "$mode: ring 3: writing an unmapped page killed" '^proc: process 5 \(r3null\) killed: page fault'
	has "$log" "$mode: ring 3: divide error killed" '^proc: process 6 \(r3div\) killed: divide error'
	has "$log" "$mode: ring 3: x87 instruction killed (FPU off)" '^proc: process 8 \(r3fpu\) killed: device not available'
	has "$log" "$mode: ring 3: SSE instruction killed" '^proc: process 9 \(r3sse\) killed: invalid opcode'
	has "$log" "$mode: ring 3: tally" '^ring3: 8 processes ran: 2 exited, 6 killed by a fault'
	has "$log" "$mode: APIC timer calibrated" '^timer: local APIC timer at [0-9]+ kHz, preemption every'
	has "$log" "$mode: ring 3: the timer preempted" 'ring3: .*; [1-9][0-9]* timer preemptions'
	# r3spin never makes a syscall while it computes: r3hello can only
	# finish first if the timer took the CPU away from it.
	if awk '/^\[pid 2\] ring-3 checks passed/ { a = NR } /^\[pid 7\] spin done/ { b = NR }
		END { exit !(a && b && a < b) }' "$log"; then
		ok "$mode: ring 3: a process ran while another computed (preemption)"
	else
		bad "$mode: ring 3: r3hello did not finish before r3spin -> $log"
	fi
	has "$log" "$mode: ring 3: log verifies after the faults" '^ring3: after the faults the log verifies: yes .*matches'
	has "$log" "$mode: ring 3: passed" '^ring3: passed'
	hasnt "$log" "$mode: no wrong step, failure or kernel panic" 'WRONG|FAILED|panic|in: the kernel'

	log="$OUT/fault-$mode.log"
	boot "$mode" "$B/zos-faulttest.iso" "$log"
	echo "# $mode fault test: QEMU exit $rc after ${secs} ms"
	if [ "$rc" -eq 3 ]; then ok "$mode: fault test stopped with a panic (QEMU exit 3)"; else bad "$mode: fault test QEMU exit $rc (want 3) -> $log"; fi
	has "$log" "$mode: fault report names the exception" 'CPU exception 14 \(page fault\), error code 0x0'
	has "$log" "$mode: fault report has cr2" 'cr2 00007a0000000000'
	has "$log" "$mode: page fault decoded" 'page not present, read access from kernel mode'
	has "$log" "$mode: fault report has registers" 'rax [0-9a-f]{16}  rbx [0-9a-f]{16}'
	has "$log" "$mode: kernel fault is fatal" 'panic: a fault in the kernel is fatal'
done

echo "RESULT x86_64-boot $pass $fail"
[ "$fail" -eq 0 ]
