#!/bin/sh
# VfsService on the hosted platform, end to end: the terminal (which sees
# the whole tree) writes files; Zero OS is rebooted on the same data
# directory and they are still there; a program started with `spawn`
# (vfs-probe) cannot read, write, test or list anything outside its own
# /apps/vfs-probe and /tmp, however it spells the path; and nothing of
# VFS's lands in the keystore database.
#
# Usage: tests/e2e/vfs_namespace.sh
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
case "${1:-}" in --help|-h) echo "usage: tests/e2e/vfs_namespace.sh"; exit 0 ;; esac
ZOS=build/hosted/zos
T=$(mktemp -d /tmp/zos-vfs-ns.XXXXXX)
trap 'rm -rf "$T"' EXIT
# probe DATA OUT: boots, spawns vfs-probe, waits for it, stops
probe() {
	timeout 60 "$ZOS" --data "$1" --script "$T/fifo" >"$2" 2>&1 &
	zpid=$!
	exec 3>"$T/fifo"
	wait_for "$2" "zero> " && printf 'spawn vfs-probe\n' >&3
	wait_for "$2" "vfs-probe: done"
	printf 'exit\n' >&3
	exec 3>&-
	wait $zpid
}

make -s hosted >/dev/null || { echo "RESULT e2e-vfs-namespace 0 1"; exit 1; }
D=$T/data
mkfifo "$T/fifo"
# everything outside is refused alike, whether it exists or not: VFS says
# nothing about what lies outside a namespace (tests/svc/test_vfs.c has
# the same with files that exist)
probe "$D" "$T/o1"
expect "a spawned program writes in its home" "$T/o1" "vfs-probe: write /apps/vfs-probe/mine: ok (4)"
expect "and reads it back" "$T/o1" "vfs-probe: read /apps/vfs-probe/mine: ok (4)"
expect "and writes in /tmp" "$T/o1" "vfs-probe: write /tmp/probe: ok (1)"
for p in /system/settings/probe-secret /apps/vfs-probe/../../system/settings/probe-secret \
	/tmp/../system/settings/probe-secret //system///settings/./probe-secret; do
	for op in read write exists; do
		expect "$op $p: denied" "$T/o1" "vfs-probe: $op $p: permission denied: /system/settings/probe-secret"
	done
done
for op in read write exists; do
	expect "$op /home/probe-doc: denied" "$T/o1" "vfs-probe: $op /home/probe-doc: permission denied: /home/probe-doc"
done
expect "list /: denied" "$T/o1" "vfs-probe: list /: permission denied: /$"
expect "list /system: denied" "$T/o1" "vfs-probe: list /system: permission denied: /system"
expect "list through ..: denied" "$T/o1" "vfs-probe: list /apps/vfs-probe/..: permission denied: /apps$"
expect "list /home: denied" "$T/o1" "vfs-probe: list /home: permission denied: /home"
expect "list another app's home: denied" "$T/o1" "vfs-probe: list /apps/vfs-writer: permission denied: /apps/vfs-writer"
expect "the deep check is for root clients" "$T/o1" "vfs-probe: deep-check /: permission denied: /"
expect "it finishes" "$T/o1" "vfs-probe: done"

# reboot on the same data: the probe's file is still there
probe "$D" "$T/o2"
expect "after a reboot: its file is still there" "$T/o2" "vfs-probe: read /apps/vfs-probe/mine: ok (4)"
if command -v sqlite3 >/dev/null; then
	n=$(sqlite3 "$D/storage.db" "select count(*) from kv where cast(key as text) like '/vfs/e/apps/vfs-probe/mine'")
	[ "$n" = 1 ] && ok "the file's entry is in the storage database" || bad "entry in storage.db ($n)"
	n=$(sqlite3 "$D/keystore.db" "select count(*) from kv where cast(key as text) like '/vfs/%'")
	[ "$n" = 0 ] && ok "nothing of VFS's in the keystore database" || bad "vfs keys in keystore.db ($n)"
	n=$(sqlite3 "$D/storage.db" "select count(*) from kv where cast(key as text) like '/keys/%'")
	[ "$n" = 0 ] && ok "no key material in the storage database" || bad "keys in storage.db ($n)"
fi
echo "RESULT e2e-vfs-namespace $pass $fail"
[ "$fail" -eq 0 ]
