#!/bin/sh
# Crash consistency of VfsService on the hosted platform: boot Zero OS on
# one data directory, start the test program vfs-writer (it writes files
# one after the other and prints each write VFS acknowledged), SIGKILL the
# whole system at a random moment, and again, many times. After every
# reboot the writer first asks VFS for its consistency check (every entry
# has its inode, no orphan inode or chunk, every file whole) and counts
# the files that are intact; that count must never be below the number of
# writes any earlier run was told were done.
#
# Usage: tests/e2e/vfs_crash.sh [ROUNDS]   (default 8)
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
BAD_HIDE="wrote f" # the writer's progress would hide why
ROUNDS=${1:-8}
case "$ROUNDS" in
''|*[!0-9]*|--help|-h) echo "usage: tests/e2e/vfs_crash.sh [ROUNDS]"; exit 2 ;;
esac
ZOS=build/hosted/zos
T=$(mktemp -d /tmp/zos-vfs-crash.XXXXXX)
trap 'rm -rf "$T"' EXIT

make -s hosted >/dev/null || { echo "RESULT e2e-vfs-crash 0 1"; exit 1; }
D=$T/data
mkfifo "$T/fifo"
acked=0      # files f0 .. f(acked-1) were acknowledged by some run
consistent=0
kept=0
for r in $(seq 1 "$ROUNDS"); do
	out=$T/o$r
	"$ZOS" --data "$D" --script "$T/fifo" >"$out" 2>&1 &
	zpid=$!
	exec 3>"$T/fifo"
	if ! wait_for "$out" "zero> "; then
		bad "round $r: boots" "$out"
		kill -KILL $zpid 2>/dev/null
		exec 3>&-
		break
	fi
	printf 'spawn vfs-writer\n' >&3
	if ! wait_for "$out" "vfs-writer: [0-9]* intact"; then
		bad "round $r: the writer starts and counts" "$out"
	fi
	# a random moment while it writes: 0.1 to 0.9 s
	sleep "0.$(( ($(od -An -N1 -tu1 /dev/urandom) % 9) + 1 ))"
	kids=$(children_of $zpid)
	kill -KILL $zpid 2>/dev/null
	wait $zpid 2>/dev/null
	exec 3>&-
	for k in $kids; do
		while [ -d /proc/$k ] && ! grep -q '^State:.*Z' /proc/$k/status 2>/dev/null; do
			sleep 0.05
		done
	done
	grep -q "vfs-writer: the filesystem is consistent" "$out" && consistent=$((consistent + 1)) ||
		bad "round $r: consistent after the previous crash" "$out"
	intact=$(sed -n 's/.*vfs-writer: \([0-9]*\) intact.*/\1/p' "$out" | tail -1)
	if [ -n "$intact" ] && [ "$intact" -ge "$acked" ]; then
		kept=$((kept + 1))
	else
		bad "round $r: every acknowledged write survived (${intact:-?} intact, $acked acknowledged)" "$out"
	fi
	last=$(sed -n 's/.*vfs-writer: wrote f\([0-9]*\).*/\1/p' "$out" | tail -1)
	[ -n "$last" ] && [ $((last + 1)) -gt "$acked" ] && acked=$((last + 1))
	echo "      round $r: ${intact:-?} intact at start, $acked acknowledged after the kill"
done
[ "$consistent" -eq "$ROUNDS" ] && ok "SIGKILL x$ROUNDS: consistent after every reboot" ||
	bad "consistent after $consistent of $ROUNDS reboots"
[ "$kept" -eq "$ROUNDS" ] && [ "$acked" -gt 0 ] &&
	ok "SIGKILL x$ROUNDS: every acknowledged write was there after each reboot ($acked files)" ||
	bad "acknowledged writes kept in $kept of $ROUNDS rounds ($acked acknowledged)"
# one more boot: the last crash too left everything whole
timeout 60 "$ZOS" --data "$D" --script "$T/fifo" >"$T/ofinal" 2>&1 &
zpid=$!
exec 3>"$T/fifo"
wait_for "$T/ofinal" "zero> " && printf 'spawn vfs-writer\n' >&3
wait_for "$T/ofinal" "vfs-writer: [0-9]* intact"
printf 'exit\n' >&3
exec 3>&-
wait $zpid
intact=$(sed -n 's/.*vfs-writer: \([0-9]*\) intact.*/\1/p' "$T/ofinal" | tail -1)
grep -q "vfs-writer: the filesystem is consistent" "$T/ofinal" && [ "${intact:-0}" -ge "$acked" ] &&
	ok "after the last crash: consistent, $intact intact" ||
	bad "after the last crash" "$T/ofinal"
echo "RESULT e2e-vfs-crash $pass $fail"
[ "$fail" -eq 0 ]
