#!/bin/sh
# Boots a Zero OS ISO in QEMU with its serial console on this terminal
# (-nographic; Ctrl-A X quits).
#
# The accelerator is TCG unless KVM is proven to work: nested KVM is
# unreliable on the machines this runs on (a GRUB ISO under -accel kvm hit
# a KVM emulation failure under OVMF, and an MSR assertion with -cpu host).
# So KVM is used only when /dev/kvm is usable AND a probe boot of the same
# ISO with the same firmware under -accel kvm prints the kernel's CPU-tables
# line (after the switch to long mode, where nested KVM broke) within
# ZOS_KVM_PROBE_SECONDS (default 5 under BIOS, 10 under UEFI). The console
# says which accelerator runs and why.
#
# Usage: tools/x86_64/qemu.sh bios|uefi ISO [EXTRA QEMU ARGS...]
#   ZOS_ACCEL=auto (default) | tcg | kvm (kvm: no probe, fails if KVM does)
set -eu
usage() {
	echo "usage: $0 bios|uefi ISO [EXTRA QEMU ARGS...]"
	echo "  boots ISO under QEMU (256 MiB) with COM1 on this terminal;"
	echo "  uefi uses OVMF's firmware (package ovmf). ZOS_ACCEL=auto|tcg|kvm picks"
	echo "  the accelerator (auto: KVM only if a probe boot under it succeeds)."
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
fi
PROBE_LINE='cpu: GDT, TSS and IDT loaded'

# probe_kvm: 0 when a headless boot under KVM reaches PROBE_LINE in time;
# sets why.
probe_kvm() {
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
		why="/dev/kvm is not usable"
		return 1
	fi
	secs=${ZOS_KVM_PROBE_SECONDS:-$([ "$mode" = uefi ] && echo 10 || echo 5)}
	log=$(mktemp)
	# shellcheck disable=SC2086 # fw args are words
	qemu-system-x86_64 -machine q35 -accel kvm -cpu max -m 256M -display none -monitor none \
		-serial "file:$log" -no-reboot ${fw:+-bios "$fw"} -cdrom "$iso" >/dev/null 2>&1 &
	probe=$!
	i=0
	while ! grep -aq "$PROBE_LINE" "$log" && [ "$i" -lt $((secs * 10)) ] &&
		kill -0 "$probe" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	found=0
	grep -aq "$PROBE_LINE" "$log" && found=1
	kill "$probe" 2>/dev/null || true
	wait "$probe" 2>/dev/null || true
	rm -f "$log"
	if [ "$found" = 1 ]; then
		why="a probe boot under KVM reached the kernel in under ${secs} s"
		return 0
	fi
	why="a probe boot under KVM did not reach the kernel in ${secs} s (nested KVM unreliable)"
	return 1
}

case "${ZOS_ACCEL:-auto}" in
tcg) accel=tcg; why="ZOS_ACCEL=tcg" ;;
kvm) accel=kvm; why="ZOS_ACCEL=kvm (not probed)" ;;
auto) if probe_kvm; then accel=kvm; else accel=tcg; fi ;;
*) usage >&2; exit 2 ;;
esac
name=$(echo "$accel" | tr '[:lower:]' '[:upper:]')
echo "qemu: booting $iso ($mode firmware); accelerator $name: $why" >&2
[ -n "$fw" ] && set -- -bios "$fw" "$@"
exec qemu-system-x86_64 -machine q35 -accel "$accel" -cpu max -m 256M -nographic -no-reboot \
	-cdrom "$iso" "$@"
