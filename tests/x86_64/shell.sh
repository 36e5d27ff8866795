#!/bin/sh
# Drives the Zero OS shell on x86_64 over the serial line, under BIOS and
# UEFI firmware: boots build/x86_64/zos-shelltest.iso (`zos.exit`, so
# `shutdown` ends QEMU), waits for each prompt, types a command, and checks
# the transcript: the core services up as pids 1 to 6, the terminal, `ps`,
# `echo`, a crashing program killed alone, a killed core service restarted
# by Init, two hogs (user/tests/hog) holding all the tables let them,
# `ping`, `verify`, and a clean shutdown.
#
# Usage: tests/x86_64/shell.sh [--help]   (after `make x86-isos`)
# Prints one line per check and "RESULT x86_64-shell PASSED FAILED".
set -u
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
	sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi
cd "$(dirname "$0")/../.."
. tests/x86_64/lib.sh

for mode in bios uefi; do
	if [ "$mode" = uefi ] && [ -z "$ovmf" ]; then
		bad "uefi: no OVMF firmware"
		continue
	fi
	fwargs=""
	[ "$mode" = uefi ] && fwargs="-bios $ovmf"
	log="$OUT/shell-$mode.log"
	fifo="$OUT/shell-$mode.in"
	rm -f "$fifo" "$log"
	mkfifo "$fifo"
	# shellcheck disable=SC2086
	timeout $((WAIT * 3)) qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 256M \
		-display none -monitor none -serial stdio -no-reboot $fwargs \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$B/zos-shelltest.iso" \
		<"$fifo" >"$log" 2>&1 &
	qpid=$!
	exec 3>"$fifo"
	n=1
	for cmd in "ps" "echo hello from x86_64" "spawn crashtest" "kill 3" "ps" "spawn hog" "spawn hog" \
		"ping vfs" "verify" "shutdown"; do
		if ! wait_prompts "$log" "$n"; then
			bad "$mode: no prompt #$n before \`$cmd\` -> $log"
			break
		fi
		printf '%s\r' "$cmd" >&3
		n=$((n + 1))
	done
	i=0
	while kill -0 "$qpid" 2>/dev/null && [ "$i" -lt $((WAIT * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill "$qpid" 2>/dev/null
	wait "$qpid"
	rc=$?
	exec 3>&-
	rm -f "$fifo"
	if [ "$rc" -eq 1 ]; then ok "$mode: shutdown ended QEMU cleanly"; else bad "$mode: QEMU exit $rc (want 1) -> $log"; fi
	has "$log" "$mode: no disk attached: said so" '^disk: no virtio-blk disk found'
	has "$log" "$mode: Init in ring 3" 'Init \(pid 1\) runs in ring 3'
	for svc in permission:2 vfs:3 keystore:4 identity:5 time:6; do
		has "$log" "$mode: ${svc%:*} is pid ${svc#*:}" "init: started ${svc%:*} \\(pid ${svc#*:}\\)"
	done
	has "$log" "$mode: all core services ready" 'boot complete: 5 of 5 core services ready'
	has "$log" "$mode: ps lists init" '^ +1 +0 +running +init'
	has "$log" "$mode: ps lists the terminal" ' running +terminal'
	has "$log" "$mode: echo" '^hello from x86_64'
	has "$log" "$mode: crashtest started" '^started crashtest as pid 8'
	has "$log" "$mode: crashtest's page fault reported" 'in: process 8 \(crashtest\), ring 3'
	has "$log" "$mode: crashtest killed, the system goes on" '^proc: process 8 \(crashtest\) killed: page fault'
	has "$log" "$mode: Init heard of the crash" 'init: crashtest \(pid 8\) crashed'
	has "$log" "$mode: kill 3" '^killed 3'
	has "$log" "$mode: Init restarted the core service" 'init: restarted vfs as pid 9'
	has "$log" "$mode: ps shows the old vfs ended" '^ +3 +1 +ended +vfs'
	has "$log" "$mode: a hog is stopped at its share of endpoints" 'hog: [0-9]+ endpoints, then: a kernel table is full'
	has "$log" "$mode: a hog is stopped at its share of messages" 'hog: [0-9]+ messages queued, then: a kernel table is full'
	has "$log" "$mode: ping vfs (the restarted one), two hogs running" '^pong from vfs .*\(pid 9\)'
	has "$log" "$mode: verify: chain intact" '^in memory: [0-9]+ commits, chain intact'
	has "$log" "$mode: verify: replay matches" '^replayed state matches the running system'
	has "$log" "$mode: Init ended and Zero OS stopped" 'Zero OS stopped'
	# The boot checks fault processes on purpose; after them only crashtest
	# may fault, and the kernel never panics.
	after=$(sed -n '/boot checks passed/,$p' "$log")
	if printf '%s\n' "$after" | grep -q 'panic' ||
		[ "$(printf '%s\n' "$after" | grep -c 'CPU exception')" -ne 1 ]; then
		bad "$mode: an unexpected fault or a panic -> $log"
	else
		ok "$mode: no other fault, no panic"
	fi
done
echo "RESULT x86_64-shell $pass $fail"
[ "$fail" -eq 0 ]
