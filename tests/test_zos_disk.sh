#!/bin/sh
# tools/zos-disk as people use it: format a blank image, refuse to format a
# Zero OS disk or a foreign file without --force, report the regions, check
# a good image, find a destroyed superblock, refuse a file that is not whole
# sectors. Prints "RESULT zos-disk <passed> <failed>".
set -u
cd "$(dirname "$0")/.."
. tests/e2e/lib.sh
TOOL=build/host/tools/zos-disk
make -s "$TOOL" >/dev/null || { echo "RESULT zos-disk 0 1"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out

# run NAME WANT-STATUS ARGS...: the tool's status is WANT-STATUS
run() {
	name=$1
	want=$2
	shift 2
	"$TOOL" "$@" >"$out" 2>&1
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$name"; else bad "$name (exit $got, wanted $want)" "$out"; fi
}

run "help" 0 --help
expect "help names the commands" "$out" "zos-disk check IMAGE"
run "no arguments is a usage error" 2
run "format a new system image" 0 format "$tmp/sys.img" system 4M
[ "$(stat -c %s "$tmp/sys.img")" -eq 4194304 ] && ok "image has the asked size" || bad "image size"
run "a second format is refused" 1 format "$tmp/sys.img" system
expect "refusal says why" "$out" "already a Zero OS disk"
run "info" 0 info "$tmp/sys.img"
expect "info: the log region" "$out" 'region 0 "log": CommitLog'
expect "info: the storage region" "$out" 'region 1 "storage": key-value store'
expect "info: an empty log" "$out" "log: 0 bytes"
run "check a fresh image" 0 check "$tmp/sys.img"
expect "check says ok" "$out" "check: ok"
run "export the empty log" 0 log "$tmp/sys.img" "$tmp/log.bin"
[ -f "$tmp/log.bin" ] && [ ! -s "$tmp/log.bin" ] && ok "exported log is empty" || bad "exported log"
run "keystore image" 0 format "$tmp/ks.img" keystore 1M
run "keystore info" 0 info "$tmp/ks.img"
expect "keystore region" "$out" 'region 0 "keystore"'
run "no log on a keystore disk" 1 log "$tmp/ks.img" "$tmp/none.bin"

# Both superblock copies destroyed: not a Zero OS disk any more.
dd if=/dev/urandom of="$tmp/sys.img" bs=512 count=2 conv=notrunc 2>/dev/null
run "a destroyed superblock is found" 1 check "$tmp/sys.img"
expect "and said" "$out" "superblock is damaged"
run "format refuses a foreign disk" 1 format "$tmp/sys.img" system
run "format --force takes it" 0 format "$tmp/sys.img" system --force
run "and it checks again" 0 check "$tmp/sys.img"
# One copy destroyed: still readable, and info says so.
dd if=/dev/zero of="$tmp/sys.img" bs=512 seek=1 count=1 conv=notrunc 2>/dev/null
run "one superblock copy is enough" 0 info "$tmp/sys.img"
expect "info counts the copies" "$out" "1 of 2 superblock copies good"

head -c 1000 /dev/zero >"$tmp/odd.img"
run "a file of partial sectors is refused" 2 info "$tmp/odd.img"
run "a missing image" 2 info "$tmp/missing.img"
run "a bad size" 2 format "$tmp/x.img" system 12Q

echo "RESULT zos-disk $pass $fail"
[ "$fail" -eq 0 ]
