#!/bin/sh
# End-to-end: a Zero OS process on Linux can do nothing but its mailbox
# protocol (hal/hosted/confine.c, procs.c).
#  1. the protections in force, read from /proc for a running service:
#     seccomp filter mode, no_new_privs, exactly the mailbox and doorbell
#     as its fds (printed, so a run says which protections it had);
#  2. host-attack (tests/hosted/attack/host_attack.c), spawned from the shell,
#     tries raw Linux system calls past its capabilities (host files, zos's
#     fds, signals, fork, exec, sockets, ptrace, shared-memory tricks, the
#     mailbox's size): every one refused, the system running afterwards
#     (ps, ping, a clean shutdown, a log that verifies);
#  3. the mailbox memfd is sealed: even root, from outside, cannot shrink
#     or grow it through /proc/PID/fd/3, so the kernel side's mapping can
#     never fault (SIGBUS), and the system keeps answering;
#  4. three hogs (user/tests/hog) take every endpoint and message their
#     shares allow; spawn, the services and kill still work.
#
# Usage: tests/e2e/confine.sh   (last line: "RESULT e2e-confine <passed> <failed>")
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
case "${1:-}" in
-h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
ZOS=build/hosted/zos
LOG=build/host/tools/zos-log
T=$(mktemp -d /tmp/zos-e2e-confine.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT

make -s hosted build/host/tools/zos-log >/dev/null || { echo "RESULT e2e-confine 0 1"; exit 1; }

mkfifo "$T/fifo"
timeout 60 "$ZOS" --data "$T/data" --script "$T/fifo" >"$T/out" 2>&1 &
zpid=$!
exec 3>"$T/fifo"
wait_for "$T/out" "zero> " || bad "booted" "$T/out"
zos=$(children_of "$zpid" | head -n 1) # timeout's child: zos itself

# 1. what a running service has
vfs=$(zos_child "$zos" vfs)
if [ -n "$vfs" ]; then
	sc=$(sed -n 's/^Seccomp:[[:space:]]*//p' "/proc/$vfs/status")
	nnp=$(sed -n 's/^NoNewPrivs:[[:space:]]*//p' "/proc/$vfs/status")
	fds=$(ls "/proc/$vfs/fd" | sort -n | tr '\n' ' ')
	echo "      protections in force for vfs (Linux pid $vfs): Seccomp=$sc NoNewPrivs=$nnp fds=[ $fds]"
	[ "$sc" = 2 ] && ok "vfs runs under a seccomp filter" || bad "vfs runs under a seccomp filter (Seccomp: $sc)"
	[ "$nnp" = 1 ] && ok "vfs has no_new_privs" || bad "vfs has no_new_privs ($nnp)"
	[ "$fds" = "3 4 " ] && ok "vfs holds only its mailbox and doorbell" ||
		bad "vfs holds only its mailbox and doorbell (fds: $fds)"
else
	bad "found vfs among zos's children" "$T/out"
fi

# 2. the attack program
echo "spawn host-attack" >&3
wait_for "$T/out" "host-attack: [0-9]* attempts" || bad "host-attack finished" "$T/out"
grep '^host-attack:' "$T/out" >"$T/lines"
n=$(sed -n 's/^host-attack: \([0-9]*\) attempts.*/\1/p' "$T/lines")
expect "host-attack: every attempt refused (${n:-?} tried)" "$T/lines" "${n:-?} attempts, ${n:-?} refused, 0 got through"
expect_not "host-attack: nothing got through" "$T/lines" "GOT THROUGH"
[ "${n:-0}" -ge 30 ] && ok "host-attack tried at least 30 things" || bad "host-attack tried at least 30 things ($n)" "$T/lines"
wait_for "$T/out" "init: host-attack (pid [0-9]*) exited" && ok "host-attack exited by itself" ||
	bad "host-attack exited by itself" "$T/out"

# 3. the seal, tried from outside by root
if [ -n "$vfs" ]; then
	if truncate -s 0 "/proc/$vfs/fd/3" 2>"$T/trunc"; then
		bad "the mailbox cannot be shrunk from outside"
	else
		expect "the mailbox cannot be shrunk from outside" "$T/trunc" "Operation not permitted"
	fi
	if truncate -s 1G "/proc/$vfs/fd/3" 2>"$T/grow"; then
		bad "the mailbox cannot be grown from outside"
	else
		expect "the mailbox cannot be grown from outside" "$T/grow" "Operation not permitted"
	fi
fi

# 4. three hogs (user/tests/hog) take all the tables let them: the console,
# spawn and the services still answer, and kill takes them back
for i in 1 2 3; do echo "spawn hog" >&3; done
wait_for "$T/out" "hog: holding them" || bad "a hog holds its share" "$T/out"
i=0
while [ "$(grep -c 'hog: holding them' "$T/out")" -lt 3 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
grep 'hog:' "$T/out" | sort | uniq -c | sed 's/^/      /'
expect "a hog is stopped at its share of endpoints" "$T/out" "hog: [0-9]* endpoints, then: a kernel table is full"
expect "a hog is stopped at its share of messages" "$T/out" "hog: [0-9]* messages queued, then: a kernel table is full"
printf 'spawn crashtest\nping permission\nps\n' >&3
wait_for "$T/out" "crashtest (pid [0-9]*) crashed" && ok "with three hogs, spawn still works" ||
	bad "with three hogs, spawn still works" "$T/out"
wait_for "$T/out" "pong from permission" && ok "with three hogs, services still answer" ||
	bad "with three hogs, services still answer" "$T/out"
for p in $(sed -n 's/^started hog as pid \([0-9]*\)/\1/p' "$T/out"); do echo "kill $p" >&3; done
wait_for "$T/out" "hog (pid [0-9]*) was killed" && ok "kill takes the hogs' shares back" ||
	bad "kill takes the hogs' shares back" "$T/out"

# the system is whole
printf 'ping vfs\nps\n' >&3
wait_for "$T/out" "pong from vfs" && ok "vfs still answers" || bad "vfs still answers" "$T/out"
echo "shutdown" >&3
exec 3>&-
wait "$zpid"
rc=$?
[ $rc -eq 0 ] && ok "zos stops cleanly (exit 0)" || bad "zos stops cleanly (got $rc)" "$T/out"
expect_not "no service crashed" "$T/out" "^init: [a-z]* (pid [2-7]) crashed"
$LOG verify "$T/data/commitlog.zlog" >"$T/verify" 2>&1 && ok "the log verifies" || bad "the log verifies" "$T/verify"
echo "RESULT e2e-confine $pass $fail"
[ "$fail" -eq 0 ]
