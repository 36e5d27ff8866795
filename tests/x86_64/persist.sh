#!/bin/sh
# Zero OS's data on x86_64 disks across boots, under QEMU: a system disk
# (serial zos-system: the CommitLog and VFS storage) and a keystore disk
# (serial zos-keys), raw images under build/.
#
#   1. blank disks, BIOS boot: they are formatted; files are written, a
#      user and a machine key made, `verify` passes; shutdown.
#   2. the same disks, UEFI boot: the log verifies across both boots
#      (Boot appended), the files and the user are there, `verify` passes.
#   3. SIGKILL of QEMU in the middle of a stream of writes (the test
#      program vfs-writer), ROUNDS times: every boot verifies the log, VFS
#      is consistent, and no acknowledged write is lost.
#   4. a byte flipped inside the CommitLog (at two places) is refused with
#      its seq, since the log no longer reaches the anchor of its durable
#      head, and the disk is left untouched; `zos-disk check` says so too;
#   5. a damaged system disk is refused and left untouched; the system
#      still boots (in memory) and says so.
#
# Usage: tests/x86_64/persist.sh [ROUNDS]   (default 5; after `make x86-isos`)
set -u
case "${1:-}" in
--help | -h) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
'' | *[!0-9]*) [ -z "${1:-}" ] || { echo "usage: $0 [ROUNDS]" >&2; exit 2; } ;;
esac
ROUNDS=${1:-5}
cd "$(dirname "$0")/../.."
. tests/x86_64/lib.sh
. tests/proc.sh # children_of
need_qemu x86_64-persist
make -s build/host/tools/zos-disk >/dev/null || { echo "RESULT x86_64-persist 0 1"; exit 1; }
ISO=$B/zos-shelltest.iso
SYS=$OUT/persist-system.img
KEYS=$OUT/persist-keys.img

# wait_for LOG REGEX: until the transcript matches (or time runs out).
wait_for() {
	i=0
	while ! grep -Eq "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -gt $((WAIT * 10)) ] && return 1
		kill -0 "$qpid" 2>/dev/null || { grep -Eq "$2" "$1"; return; }
		sleep 0.1
	done
}

# start MODE LOG: QEMU on the ISO with both disks, the serial line on a
# fifo (fd 3) and LOG.
start() {
	fwargs=""
	[ "$1" = uefi ] && fwargs="-bios $ovmf"
	fifo=$2.in
	rm -f "$fifo" "$2"
	mkfifo "$fifo"
	# shellcheck disable=SC2086
	timeout $((WAIT * 4)) qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 256M \
		-display none -monitor none -serial stdio -no-reboot $fwargs \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$ISO" \
		-drive "file=$SYS,if=none,id=sys,format=raw" \
		-device virtio-blk-pci,drive=sys,serial=zos-system \
		-drive "file=$KEYS,if=none,id=keys,format=raw" \
		-device virtio-blk-pci,drive=keys,serial=zos-keys \
		<"$fifo" >"$2" 2>&1 &
	qpid=$!
	exec 3>"$fifo"
}

# kill_qemu: SIGKILL to QEMU itself (qpid is the timeout around it), and
# wait until it is gone, so the next boot can take the disks' locks.
kill_qemu() {
	kids=$(children_of "$qpid")
	# shellcheck disable=SC2086
	kill -KILL $kids "$qpid" 2>/dev/null
	wait "$qpid" 2>/dev/null
	for k in $kids; do
		while kill -0 "$k" 2>/dev/null; do sleep 0.05; done
	done
}

# session MODE LOG CMD...: one boot, each command typed at its prompt.
session() {
	mode=$1 log=$2
	shift 2
	start "$mode" "$log"
	n=1
	for cmd in "$@"; do
		if ! wait_prompts "$log" "$n"; then
			bad "$mode: no prompt #$n before \`$cmd\` -> $log"
			break
		fi
		printf '%s\r' "$cmd" >&3
		n=$((n + 1))
	done
	wait "$qpid"
	exec 3>&-
	rm -f "$log.in"
}

rm -f "$SYS" "$KEYS"
# ZOS_PERSIST_DISK_MB: the system disk's size (make soak's many rounds
# need more than the 64 MiB whose log region a dozen rounds fill)
DISK_MB=${ZOS_PERSIST_DISK_MB:-64}
truncate -s "${DISK_MB}M" "$SYS" && truncate -s 16M "$KEYS" || { bad "disk images"; echo "RESULT x86_64-persist $pass $fail"; exit 1; }

# 1. first boot, BIOS
L1=$OUT/persist-1.log
session bios "$L1" "mkdir -p /home/disk/docs" "write /home/disk/docs/a.txt first-boot-data" \
	"echo second line >> /home/disk/docs/a.txt" "useradd carol" "verify" "shutdown"
has "$L1" "bios: the blank system disk is formatted" "disks: zos-system: $DISK_MB MiB, blank: formatted"
has "$L1" "bios: the blank keystore disk is formatted" "disks: zos-keys: 16 MiB, blank: formatted"
has "$L1" "bios: Genesis on the new disk" "Genesis, on the new system disk"
has "$L1" "bios: core services up" "boot complete: 5 of 5 core services ready"
has "$L1" "bios: a user made" "created user carol"
has "$L1" "bios: verify reads the log back from the disk" "on disk: [0-9]+ commits in 1 epochs verified"
has "$L1" "bios: the replayed state matches" "replayed state matches the running system"
has "$L1" "bios: clean shutdown" "Zero OS stopped"

# 2. second boot, UEFI, same disks
if [ -n "$ovmf" ]; then
	L2=$OUT/persist-2.log
	session uefi "$L2" "cat /home/disk/docs/a.txt" "users" "verify" "shutdown"
	has "$L2" "uefi: the log from the first boot verifies, Boot appended" \
		"CommitLog on zos-system verified: [0-9]+ commits, 1 earlier boots; Boot appended"
	hasnt "$L2" "uefi: the disks are not formatted again" "blank: formatted"
	has "$L2" "uefi: the file written in the first boot, with its appended line" \
		"^first-boot-datasecond line"
	has "$L2" "uefi: the user made in the first boot" "carol"
	has "$L2" "uefi: verify across both boots" "on disk: [0-9]+ commits in 2 epochs verified"
	has "$L2" "uefi: the replayed state matches" "replayed state matches the running system"
else
	bad "uefi: no OVMF firmware"
fi

# 3. SIGKILL in the middle of a stream of writes
acked=0 consistent=0 kept=0 verified=0
for r in $(seq 1 "$ROUNDS"); do
	log=$OUT/persist-kill-$r.log
	start bios "$log"
	if ! wait_for "$log" "zero> "; then
		bad "kill round $r: boots" "$log"
		kill_qemu
		exec 3>&-
		continue
	fi
	grep -Eq "CommitLog on zos-system verified" "$log" && verified=$((verified + 1))
	printf 'spawn vfs-writer\r' >&3
	wait_for "$log" "vfs-writer: [0-9]+ intact" || bad "kill round $r: the writer starts and counts -> $log"
	wait_for "$log" "vfs-writer: wrote f"
	sleep "0.$(( ($(od -An -N1 -tu1 /dev/urandom) % 9) + 1 ))"
	kill_qemu
	exec 3>&-
	rm -f "$log.in"
	grep -q "vfs-writer: the filesystem is consistent" "$log" && consistent=$((consistent + 1))
	intact=$(sed -n 's/.*vfs-writer: \([0-9]*\) intact.*/\1/p' "$log" | tail -1)
	if [ -n "$intact" ] && [ "$intact" -ge "$acked" ]; then
		kept=$((kept + 1))
	else
		bad "kill round $r: every acknowledged write survived (${intact:-?} intact, $acked acknowledged) -> $log"
	fi
	last=$(sed -n 's/.*vfs-writer: wrote f\([0-9]*\).*/\1/p' "$log" | tail -1)
	[ -n "$last" ] && [ $((last + 1)) -gt "$acked" ] && acked=$((last + 1))
	echo "      round $r: ${intact:-?} intact at start, $acked acknowledged after the kill"
done
[ "$verified" -eq "$ROUNDS" ] && ok "SIGKILL x$ROUNDS: the log verified at every boot" ||
	bad "the log verified at $verified of $ROUNDS boots"
[ "$consistent" -eq "$ROUNDS" ] && ok "SIGKILL x$ROUNDS: VFS consistent after every boot" ||
	bad "VFS consistent after $consistent of $ROUNDS boots"
[ "$kept" -eq "$ROUNDS" ] && [ "$acked" -gt 0 ] &&
	ok "SIGKILL x$ROUNDS: every acknowledged write there after each boot ($acked files)" ||
	bad "acknowledged writes kept in $kept of $ROUNDS rounds ($acked acknowledged)"
L3=$OUT/persist-final.log
session bios "$L3" "cat /home/disk/docs/a.txt" "spawn vfs-writer" "verify" "shutdown"
has "$L3" "after the last kill: the log verifies" "CommitLog on zos-system verified"
has "$L3" "after the last kill: VFS consistent" "vfs-writer: the filesystem is consistent"
has "$L3" "after the last kill: verify" "replayed state matches the running system"
has "$L3" "after the last kill: the first boot's file is still there" "first-boot-data"

# 4. a flipped byte in the log: data sector i of the log region (sectors 8
# on, its two control sectors first) is disk sector 10 + i
LOGGOOD=$SYS
build/host/tools/zos-disk check "$LOGGOOD" >"$OUT/persist-check-good.txt" 2>&1 &&
	ok "zos-disk check: the disk after the kills is whole" || bad "zos-disk check of the good disk" "$OUT/persist-check-good.txt"
for at in 30 400; do
	SYS=$OUT/persist-flip-$at.img
	cp "$LOGGOOD" "$SYS"
	printf '\377' | dd of="$SYS" bs=1 seek=$(((10 + at) * 512 + 100)) conv=notrunc 2>/dev/null
	before=$(sha256sum "$SYS" | cut -d' ' -f1)
	Lf=$OUT/persist-flip-$at.log
	session bios "$Lf" "shutdown"
	has "$Lf" "flip in log sector $at: refused with its seq" "CommitLog on zos-system does not verify at seq [0-9]+"
	has "$Lf" "flip in log sector $at: the anchor is named" "its anchor says every commit up to seq [0-9]+ was made durable"
	after=$(sha256sum "$SYS" | cut -d' ' -f1)
	[ "$before" = "$after" ] && ok "flip in log sector $at: the disk was not written" ||
		bad "flip in log sector $at: the disk image changed"
	if build/host/tools/zos-disk check "$SYS" >"$Lf.check" 2>&1; then
		bad "flip in log sector $at: zos-disk check says damaged" "$Lf.check"
	else
		has "$Lf.check" "flip in log sector $at: zos-disk check names the seq" "the log is CORRUPT at seq [0-9]+"
	fi
	rm -f "$SYS"
done
SYS=$LOGGOOD

# 5. a damaged system disk: refused, untouched, the system still boots
dd if=/dev/urandom of="$SYS" bs=512 count=2 conv=notrunc 2>/dev/null
before=$(sha256sum "$SYS" | cut -d' ' -f1)
L4=$OUT/persist-damaged.log
session bios "$L4" "ls /" "shutdown"
has "$L4" "damaged: the disk is refused with a reason" "zos-system holds no Zero OS disk .*left untouched"
has "$L4" "damaged: the system boots anyway, in memory" "the log is in memory: nothing persists"
has "$L4" "damaged: the shell works" "zero> ls /"
after=$(sha256sum "$SYS" | cut -d' ' -f1)
[ "$before" = "$after" ] && ok "damaged: the disk image was not written" || bad "damaged: the disk image changed"

echo "RESULT x86_64-persist $pass $fail"
[ "$fail" -eq 0 ]
