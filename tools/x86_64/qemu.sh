#!/bin/sh
# Boots a Zero OS ISO in QEMU with its serial console on this terminal
# (-nographic; Ctrl-A X quits). TCG: nested KVM is unreliable on the
# machines this runs on (see docs/x86_64.md).
#
# Usage: tools/x86_64/qemu.sh bios|uefi ISO [EXTRA QEMU ARGS...]
set -eu
usage() {
	echo "usage: $0 bios|uefi ISO [EXTRA QEMU ARGS...]"
	echo "  boots ISO under QEMU (TCG, 256 MiB) with COM1 on this terminal;"
	echo "  uefi uses OVMF's firmware (package ovmf)."
}
case "${1:-}" in
--help | -h) usage; exit 0 ;;
bios | uefi) ;;
*) usage >&2; exit 2 ;;
esac
[ $# -ge 2 ] || { usage >&2; exit 2; }
mode=$1
iso=$2
shift 2
fw=""
if [ "$mode" = uefi ]; then
	for f in /usr/share/ovmf/OVMF.fd /usr/share/OVMF/OVMF_CODE.fd /usr/share/qemu/OVMF.fd; do
		[ -f "$f" ] && { fw=$f; break; }
	done
	[ -n "$fw" ] || { echo "qemu.sh: no OVMF firmware found (apt-get install ovmf)" >&2; exit 1; }
	set -- -bios "$fw" "$@"
fi
echo "qemu: booting $iso ($mode firmware, TCG accelerator)" >&2
exec qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 256M -nographic -no-reboot \
	-cdrom "$iso" "$@"
