#!/bin/sh
# End-to-end: the anchor of the durable head on the hosted platform
# (axiom/anchor.h, hal/hosted/logfile.c). A log that lost or changed
# anything a group commit made durable is refused with the seq where the
# loss begins, and left untouched:
#  1. cut at a record boundary (a clean-looking, shorter log);
#  2. cut inside an acknowledged record (what used to pass as a torn tail);
#  3. the log deleted, its anchor kept;
#  4. the log replaced by an older copy of itself;
# and on the good side:
#  5. a torn record after the anchor (a power cut mid-write) is cut off;
#  6. a log from before anchors boots, says so, and is anchored from then on;
#  7. a damaged anchor (both slots) is refused; --fresh-log moves the log
#     and its anchor aside and starts afresh.
#
# Usage: tests/e2e/anchor.sh   (last line: "RESULT e2e-anchor <passed> <failed>")
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
case "${1:-}" in
-h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
ZOS=build/hosted/zos
LOG=build/host/tools/zos-log
T=$(mktemp -d /tmp/zos-e2e-anchor.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT

make -s hosted build/host/tools/zos-log >/dev/null || { echo "RESULT e2e-anchor 0 1"; exit 1; }

run() { # run DATA SCRIPT-TEXT OUT: exit status in $rc
	printf '%b' "$2" >"$T/script"
	timeout 30 "$ZOS" --data "$1" --script "$T/script" >"$3" 2>&1
	rc=$?
}
# ends FILE: the end offset of each framed record (axiom/frame.h: the
# body's length at offset 4 of its 16-byte header)
ends() {
	size=$(stat -c %s "$1")
	pos=0
	while [ "$pos" -lt "$size" ]; do
		n=$(od -An -tu4 -j $((pos + 4)) -N4 "$1" | tr -d ' ')
		pos=$((pos + 16 + n))
		echo "$pos"
	done
}
# refused NAME DIR OUT: the boot was refused, the log names a seq, and the
# files were not touched
refused() {
	[ "$rc" -eq 2 ] && ok "$1: boot refused (exit 2)" || bad "$1: boot refused (got $rc)" "$3"
	expect "$1: the message names the seq" "$3" "damaged at seq [0-9]*:"
	cmp -s "$2/commitlog.zlog" "$T/before.zlog" && ok "$1: the log was left untouched" ||
		bad "$1: the log was left untouched"
}

# a system with some history: files written in two boots
D=$T/base
run "$D" 'write /tmp/a one\nps\nexit\n' "$T/o0"
run "$D" 'write /tmp/b two\nexit\n' "$T/o0b"
[ $rc -eq 0 ] && ok "a system with two boots" || bad "a system with two boots" "$T/o0b"
[ -s "$D/commitlog.zlog.anchor" ] && ok "the anchor file is there" || bad "the anchor file is there"
ends "$D/commitlog.zlog" >"$T/ends"
records=$(wc -l <"$T/ends")

# 1. cut at a record boundary, 10 records short
cp -r "$D" "$T/d1"
truncate -s "$(sed -n "$((records - 10))p" "$T/ends")" "$T/d1/commitlog.zlog"
cp "$T/d1/commitlog.zlog" "$T/before.zlog"
run "$T/d1" 'exit\n' "$T/o1"
refused "cut at a record boundary" "$T/d1" "$T/o1"
expect "cut at a record boundary: says commits are missing" "$T/o1" "the log ends before its anchor"

# 2. cut inside an acknowledged record (the 20th from the end)
cp -r "$D" "$T/d2"
truncate -s $(($(sed -n "$((records - 20))p" "$T/ends") + 11)) "$T/d2/commitlog.zlog"
cp "$T/d2/commitlog.zlog" "$T/before.zlog"
run "$T/d2" 'exit\n' "$T/o2"
refused "cut inside an acknowledged record" "$T/d2" "$T/o2"

# 3. the log deleted, the anchor kept
cp -r "$D" "$T/d3"
rm "$T/d3/commitlog.zlog"
: >"$T/before.zlog"
run "$T/d3" 'exit\n' "$T/o3"
refused "a deleted log" "$T/d3" "$T/o3"
expect "a deleted log: says so" "$T/o3" "the log is empty but its anchor"

# 4. an older copy of the log (after the first boot) with the newer anchor
cp -r "$D" "$T/d4"
run "$T/d4x" 'exit\n' "$T/o4x" # another machine's log, as long or longer
cp "$T/d4x/commitlog.zlog" "$T/d4/commitlog.zlog"
run "$T/d4x" 'write /tmp/c three\nwrite /tmp/d four\nexit\n' "$T/o4y"
cp "$T/d4x/commitlog.zlog" "$T/d4/commitlog.zlog"
cp "$T/d4/commitlog.zlog" "$T/before.zlog"
run "$T/d4" 'exit\n' "$T/o4"
refused "another system's log under this anchor" "$T/d4" "$T/o4"

# 5. a record torn after the anchor: cut off, the boot goes on
cp -r "$D" "$T/d5"
head -c 9 "$D/commitlog.zlog" >>"$T/d5/commitlog.zlog"
run "$T/d5" 'exit\n' "$T/o5"
[ $rc -eq 0 ] && ok "a torn unacknowledged record: boots" || bad "a torn unacknowledged record: boots (got $rc)" "$T/o5"
expect "a torn unacknowledged record: cut off with a message" "$T/o5" "the last record was torn"

# 6. a log from before anchors
cp -r "$D" "$T/d6"
rm "$T/d6/commitlog.zlog.anchor"
run "$T/d6" 'exit\n' "$T/o6"
[ $rc -eq 0 ] && ok "a log without an anchor boots" || bad "a log without an anchor boots (got $rc)" "$T/o6"
expect "a log without an anchor: says so" "$T/o6" "had no anchor of its durable head"
[ -s "$T/d6/commitlog.zlog.anchor" ] && ok "and is anchored from then on" || bad "and is anchored from then on"
run "$T/d6" 'exit\n' "$T/o6b"
expect_not "the next boot finds the anchor" "$T/o6b" "had no anchor"

# 7. a damaged anchor, then --fresh-log
cp -r "$D" "$T/d7"
printf 'garbage garbage garbage garbage garbage garbage garbage!' |
	dd of="$T/d7/commitlog.zlog.anchor" conv=notrunc 2>/dev/null
printf 'garbage garbage garbage garbage garbage garbage garbage!' |
	dd of="$T/d7/commitlog.zlog.anchor" bs=512 seek=1 conv=notrunc 2>/dev/null
cp "$T/d7/commitlog.zlog" "$T/before.zlog"
run "$T/d7" 'exit\n' "$T/o7"
refused "a damaged anchor" "$T/d7" "$T/o7"
expect "a damaged anchor: says so" "$T/o7" "anchor of the durable head cannot be read"
printf 'exit\n' >"$T/script"
timeout 30 "$ZOS" --data "$T/d7" --fresh-log --script "$T/script" >"$T/o7b" 2>&1
rc=$?
[ $rc -eq 0 ] && ok "--fresh-log starts afresh" || bad "--fresh-log starts afresh (got $rc)" "$T/o7b"
[ -f "$T/d7/commitlog.zlog.corrupt-1" ] && [ -f "$T/d7/commitlog.zlog.corrupt-1.anchor" ] &&
	ok "--fresh-log kept the old log and its anchor aside" ||
	bad "--fresh-log kept the old log and its anchor aside" "$T/o7b"
$LOG verify "$T/d7/commitlog.zlog" >"$T/v7" 2>&1 && ok "the fresh log verifies" || bad "the fresh log verifies" "$T/v7"

echo "RESULT e2e-anchor $pass $fail"
[ "$fail" -eq 0 ]
