#!/bin/sh
# Builds Zero OS's hybrid ISO (BIOS and UEFI) around the x86_64 kernel with
# GRUB's grub-mkrescue. The kernel command line goes into grub.cfg, so tests
# can build an ISO that boots with a test option.
#
# Usage: tools/x86_64/mkiso.sh KERNEL.elf OUT.iso [KERNEL OPTIONS...]
set -eu
if [ $# -lt 2 ] || [ "$1" = "--help" ] || [ "$1" = "-h" ]; then
	echo "usage: $0 KERNEL.elf OUT.iso [KERNEL OPTIONS...]"
	echo "  a hybrid BIOS+UEFI GRUB ISO that boots KERNEL.elf (multiboot2)"
	echo "  with its console on COM1; options go on the kernel command line."
	[ $# -ge 1 ] && [ "$1" = "--help" -o "$1" = "-h" ] && exit 0
	exit 2
fi
kernel=$1
out=$2
shift 2
for tool in grub-mkrescue xorriso mformat; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "mkiso: $tool is missing (run tools/deps.sh as root)" >&2
		exit 1
	}
done
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/iso/boot/grub"
cp "$kernel" "$stage/iso/boot/zos.elf"
cat >"$stage/iso/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
set default=0
menuentry "Zero OS" {
	multiboot2 /boot/zos.elf $*
	boot
}
CFG
grub-mkrescue -o "$out" "$stage/iso" >"$stage/log" 2>&1 || {
	cat "$stage/log" >&2
	exit 1
}
