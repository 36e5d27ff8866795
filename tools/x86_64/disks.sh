#!/bin/sh
# Creates Zero OS's two data disks for QEMU on first use and prints the
# QEMU arguments that attach them: the system disk (serial zos-system: the
# CommitLog and VFS storage) and the keystore disk (serial zos-keys). The
# images are sparse raw files; Zero OS formats them at its first boot and
# keeps them from then on. Delete them to start afresh.
#
# Usage: tools/x86_64/disks.sh DIR   (prints the arguments on stdout)
set -eu
case "${1:-}" in
'' | --help | -h)
	echo "usage: $0 DIR"
	echo "  creates DIR/zos-system.img (256 MiB) and DIR/zos-keys.img (32 MiB) if missing"
	echo "  and prints the QEMU arguments that attach them as virtio disks."
	[ -n "${1:-}" ] && exit 0
	exit 2 ;;
esac
dir=$1
mkdir -p "$dir"
for d in system:256M keys:32M; do
	name=${d%%:*}
	img=$dir/zos-$name.img
	if [ ! -f "$img" ]; then
		truncate -s "${d#*:}" "$img"
		echo "disks: created $img (${d#*:}, blank: Zero OS formats it at boot)" >&2
	fi
	printf -- '-drive file=%s,if=none,id=%s,format=raw -device virtio-blk-pci,drive=%s,serial=zos-%s ' \
		"$img" "$name" "$name" "$name"
done
echo
