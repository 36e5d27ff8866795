#!/bin/sh
# End-to-end tests of Zero OS hosted on Linux: boot the real zos binary on
# scripts (and on a FIFO, for sessions that must pause), and check what a
# person at the console would see, what the exit status says, and that the
# commit log verifies afterwards.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
ZOS=build/hosted/zos
LOG=build/host/tools/zos-log
T=$(mktemp -d /tmp/zos-e2e.XXXXXX)
trap 'rm -rf "$T"' EXIT

# run DATA SCRIPT-TEXT OUT: a scripted session; its exit status in $rc
run() {
	printf '%b' "$2" >"$T/script"
	timeout 30 "$ZOS" --data "$1" --script "$T/script" >"$3" 2>&1
	rc=$?
}

make -s hosted build/host/tools/zos-log >/dev/null || { echo "RESULT e2e-hosted 0 1"; exit 1; }

# 1. a first boot: services up as pids 1 to 6, a terminal, a clean exit
D=$T/d1
run "$D" 'ps\nping permission\nping vfs\nping identity\nping time\nexit\n' "$T/o1"
[ $rc -eq 0 ] && ok "scripted session exits 0" || bad "scripted session exits 0 (got $rc)" "$T/o1"
expect "new log on first boot" "$T/o1" "axiom: new commit log"
for svc in "1       0  running  init" "2       1  running  permission" "3       1  running  vfs" \
	"4       1  running  keystore" "5       1  running  identity" "6       1  running  time"; do
	expect "ps shows pid ${svc%% *}" "$T/o1" "^ *$svc"
done
expect "a terminal was started" "$T/o1" "running  terminal"
for s in permission vfs identity time; do
	expect "ping $s" "$T/o1" "pong from $s"
done
$LOG verify "$D/commitlog.zlog" >"$T/v1" && ok "log verifies after shutdown" || bad "log verifies" "$T/v1"

# 2. reboot on the same data: the log is verified, replayed, one more epoch
run "$D" 'ps\nexit\n' "$T/o2"
expect "second boot verifies the log" "$T/o2" "axiom: [0-9]* commits in 1 epochs verified and replayed"
$LOG verify "$D/commitlog.zlog" >"$T/v2"
expect "two epochs in the log" "$T/v2" "2 epochs"

# 2b. the storage and keystore devices, end to end: vfs and keystore count
# their starts on their own device; each count lives in its own database
run "$D" 'ping vfs\nping keystore\ncaps 5\nexit\n' "$T/o2b"
expect "vfs's device kept its count" "$T/o2b" "pong from vfs (start 3 on its device)"
[ "$(sqlite3 "$D/keystore.db" "select value from kv where cast(key as text) = '/keys/system/boots'")" = 3 ] &&
	ok "keystore's device kept its count" || bad "keystore's device kept its count"
expect "the keystore is not handed out by lookups" "$T/o2b" "ping: no service named keystore"
expect "identity holds a cap to the keystore" "$T/o2b" "    2  ENDPOINT       [0-9]*  -w-"
[ "$(sqlite3 "$D/storage.db" "select count(*) from kv where cast(key as text) like '/keys/%'")" = 0 ] &&
	ok "no key material in the storage database" || bad "no key material in the storage database"
[ "$(sqlite3 "$D/keystore.db" "select count(*) from kv where cast(key as text) like '/vfs/%'")" = 0 ] &&
	ok "no vfs data in the keystore database" || bad "no vfs data in the keystore database"
# the two checks above can see what they look for: each kind is in its own file
[ "$(sqlite3 "$D/keystore.db" "select count(*) from kv where cast(key as text) like '/keys/%'")" -gt 0 ] &&
	[ "$(sqlite3 "$D/storage.db" "select count(*) from kv where cast(key as text) like '/vfs/%'")" -gt 0 ] &&
	ok "each database holds its own service's data" || bad "each database holds its own service's data"

# 3. a failed command makes the scripted session exit 1
run "$D" 'nosuchcommand\nexit\n' "$T/o3"
[ $rc -eq 1 ] && ok "a failed command: exit 1" || bad "a failed command: exit 1 (got $rc)" "$T/o3"
expect "the failure is named" "$T/o3" "nosuchcommand: no such command"

# 4. kill through init's capability; a core service comes back
run "$D" 'kill 3\nping permission\nps\nkill 1\nkill 99\nexit\n' "$T/o4"
expect "kill reports" "$T/o4" "^killed 3"
expect "init restarts the core service" "$T/o4" "init: restarted vfs as pid"
expect "the killed one is a zombie" "$T/o4" "3       1  ended    vfs"
expect "init cannot be killed" "$T/o4" "kill: 1: not allowed"
expect "no such process" "$T/o4" "kill: 99: no such running process"

# 5. a crash: the process faults, the rest keeps running, init restarts it
D5=$T/d5
mkfifo "$T/fifo"
timeout 30 "$ZOS" --data "$D5" --script "$T/fifo" >"$T/o5" 2>&1 &
zpid=$!
exec 3>"$T/fifo"
wait_for "$T/o5" "zero> " || bad "booted for the crash test" "$T/o5"
kill -SEGV $(zos_child "$(children_of $zpid)" vfs)
wait_for "$T/o5" "init: vfs is ready again" || true
printf 'ping vfs\nping time\nexit\n' >&3
exec 3>&-
wait $zpid
expect "the crash is reported" "$T/o5" "vfs (pid 3) crashed: memory fault (signal 11)"
expect "init restarts it" "$T/o5" "init: restarted vfs as pid 8"
expect "it answers again" "$T/o5" "pong from vfs (start 2 on its device) (pid 8)"
expect "the others kept running" "$T/o5" "pong from time (pid 6)"
$LOG dump "$D5/commitlog.zlog" >"$T/dump5"
expect "the fault is a commit" "$T/dump5" "PROCESS_FAULTED .*pid 3 reason 1: memory fault"

# 5b. test programs: a crashing process becomes a zombie and the system goes
# on; a process without the storage capability is refused storage; garbage
# sent to Init gets errors and Init keeps serving
D5b=$T/d5b
timeout 30 "$ZOS" --data "$D5b" --script "$T/fifo" >"$T/o5b" 2>&1 &
zpid=$!
exec 3>"$T/fifo"
wait_for "$T/o5b" "zero> " || bad "booted for the test programs" "$T/o5b"
printf 'spawn crashtest\n' >&3
wait_for "$T/o5b" "init: crashtest (pid 8) crashed" || true
printf 'spawn storage-probe\n' >&3
wait_for "$T/o5b" "init: storage-probe (pid 9) exited" || true
printf 'spawn init-garbage\n' >&3
wait_for "$T/o5b" "init: init-garbage (pid 10) exited" || true
printf 'ps\nping time\nexit\n' >&3
exec 3>&-
wait $zpid
expect "crashtest faults" "$T/o5b" "zos: crashtest (pid 8) crashed: memory fault"
expect "crashtest is a zombie" "$T/o5b" "8       1  ended    crashtest (exit code -1)"
expect "storage refused without the capability" "$T/o5b" "every storage request was refused"
expect "storage-probe exits 0" "$T/o5b" "storage-probe (pid 9) exited with code 0"
expect "init survives garbage" "$T/o5b" "init still answers lookups"
expect "init-garbage exits 0" "$T/o5b" "init-garbage (pid 10) exited with code 0"
expect "the system goes on" "$T/o5b" "pong from time (pid 6)"

# 5c. the shell's audit commands: caps of another process, log, verify
run "$D5b" 'caps 3\nlog 5\nverify\ncaps 999\nexit\n' "$T/o5c"
expect "caps PID" "$T/o5c" "2  DEVICE         2  rwg"
expect "log shows commits" "$T/o5c" "the last 5 commits:"
expect "log shows syscall events" "$T/o5c" "AUDIT_SYSLOG"
expect "verify: the chain in memory" "$T/o5c" "chain intact"
expect "verify: the log on disk" "$T/o5c" "on disk: [0-9]* commits in 2 epochs verified"
expect "verify: replay equals the live state" "$T/o5c" "replayed state matches the running system"
expect "caps of no process" "$T/o5c" "caps: no such process"

# 6. SIGTERM: a clean shutdown, the log flushed
D6=$T/d6
timeout 30 "$ZOS" --data "$D6" --script "$T/fifo" >"$T/o6" 2>&1 &
zpid=$!
exec 3>"$T/fifo"
wait_for "$T/o6" "zero> " || bad "booted for SIGTERM" "$T/o6"
zos_pid=$(children_of $zpid)
kids=$(children_of $zos_pid)
kill -TERM $zpid
wait $zpid
rc=$?
exec 3>&-
[ $rc -eq 0 ] && ok "SIGTERM: exit 0" || bad "SIGTERM: exit 0 (got $rc)" "$T/o6"
expect "SIGTERM: says why" "$T/o6" "zos: Terminated: shutting down"
$LOG verify "$D6/commitlog.zlog" >/dev/null && ok "SIGTERM: log verifies" || bad "SIGTERM: log verifies"
left=""
for k in $kids; do [ -d /proc/$k ] && left="$left $k"; done
[ -n "$kids" ] && [ -z "$left" ] && ok "SIGTERM: no process left behind" ||
	bad "SIGTERM: no process left behind (children: '$kids', left: '$left')"

# 7. a torn tail is cut off with a message: a record begun after the last
# group commit (its first 9 bytes, as a power cut would leave them); cuts
# into what was acknowledged are refused (tests/e2e/anchor.sh)
cp -r "$D6" "$T/d7"
head -c 9 "$T/d7/commitlog.zlog" >"$T/part" && cat "$T/part" >>"$T/d7/commitlog.zlog"
run "$T/d7" 'exit\n' "$T/o7"
[ $rc -eq 0 ] && ok "torn tail: boots" || bad "torn tail: boots (got $rc)" "$T/o7"
expect "torn tail: says so" "$T/o7" "the last record was torn"
$LOG verify "$T/d7/commitlog.zlog" >/dev/null && ok "torn tail: log whole again" || bad "torn tail: log whole again"

# 8. a damaged log: refused, not extended; --fresh-log keeps it aside
cp -r "$D6" "$T/d8"
# Every bit of byte 300 inverted (a fixed 0xFF would change nothing when the
# byte already is 0xFF, and the log would boot).
b=$(od -An -tu1 -j300 -N1 "$T/d8/commitlog.zlog" | tr -d ' ')
printf "\\$(printf %03o $((b ^ 255)))" | dd of="$T/d8/commitlog.zlog" bs=1 seek=300 conv=notrunc 2>/dev/null
before=$(md5sum <"$T/d8/commitlog.zlog")
run "$T/d8" 'exit\n' "$T/o8"
[ $rc -eq 2 ] && ok "damaged log: refused (exit 2)" || bad "damaged log: refused (got $rc)" "$T/o8"
expect "damaged log: names the seq" "$T/o8" "is damaged at seq [0-9]*:"
[ "$before" = "$(md5sum <"$T/d8/commitlog.zlog")" ] && ok "damaged log: not touched" || bad "damaged log: not touched"
run "$T/d8" 'exit\n' "$T/o8b"
run "$T/d8" 'exit\n' "$T/o8c"
timeout 30 "$ZOS" --data "$T/d8" --fresh-log --script "$T/script" >"$T/o8d" 2>&1
expect "--fresh-log moves it aside" "$T/o8d" "moved to .*commitlog.zlog.corrupt-1"
[ -f "$T/d8/commitlog.zlog.corrupt-1" ] && ok "the damaged log is kept" || bad "the damaged log is kept"

# 9. the disk fails under the log: stop without answering, exit 3
D9=$T/d9
printf 'spawn time\nspawn time\nspawn time\nexit\n' >"$T/script"
ZOS_TEST_FAIL_LOG_FLUSH=6 timeout 30 "$ZOS" --data "$D9" --script "$T/script" >"$T/o9" 2>&1
rc=$?
[ $rc -eq 3 ] && ok "log failure: exit 3" || bad "log failure: exit 3 (got $rc)" "$T/o9"
expect "log failure: says so" "$T/o9" "the commit log could not be written"
run "$D9" 'exit\n' "$T/o9b"
expect "log failure: the next boot verifies what reached the disk" "$T/o9b" "verified and replayed"

# 10. SIGKILL mid-work, many times: every reboot verifies, and nothing a
# process was told is lost: each "started storage-probe as pid N" on the
# console was printed after the commits behind it were durable, so the log
# must hold at least as many ProcessCreated for storage-probe
D10=$T/d10
crashes=0
told=0
yes 'spawn storage-probe' | head -300 >"$T/busy"
for i in 1 2 3 4 5 6; do
	"$ZOS" --data "$D10" --script "$T/busy" >"$T/o10" 2>&1 &
	zpid=$!
	sleep 0.$((2 + i))
	kids=$(children_of $zpid)
	kill -KILL $zpid 2>/dev/null
	wait $zpid 2>/dev/null
	# its processes die with it (they watch their parent); wait until they have
	for k in $kids; do
		while [ -d /proc/$k ] && ! grep -q '^State:.*Z' /proc/$k/status 2>/dev/null; do
			sleep 0.05
		done
	done
	told=$((told + $(grep -c "^started storage-probe as pid" "$T/o10")))
	if $LOG verify "$D10/commitlog.zlog" >"$T/v10" 2>&1; then
		crashes=$((crashes + 1))
	else
		cat "$T/v10"
	fi
done
[ $crashes -eq 6 ] && ok "SIGKILL x6: the log verifies every time" || bad "SIGKILL: log verified $crashes of 6 times"
kept=$($LOG dump "$D10/commitlog.zlog" | grep -c "PROCESS_CREATED .*name storage-probe")
[ "$told" -gt 0 ] && [ "$kept" -ge "$told" ] && ok "SIGKILL: every start reported on the console is in the log ($told told, $kept kept)" ||
	bad "SIGKILL: starts reported but lost ($told told, $kept kept)"
run "$D10" 'exit\n' "$T/o10b"
[ $rc -eq 0 ] && ok "SIGKILL: boots afterwards" || bad "SIGKILL: boots afterwards (got $rc)" "$T/o10b"

# 11. one zos per data directory
"$ZOS" --data "$D10" --script "$T/fifo" >"$T/o11a" 2>&1 &
zpid=$!
exec 3>"$T/fifo"
wait_for "$T/o11a" "zero> " || bad "booted for the lock test" "$T/o11a"
run "$D10" 'exit\n' "$T/o11b"
[ $rc -eq 2 ] && ok "a second zos on the same data: refused" || bad "second zos refused (got $rc)" "$T/o11b"
expect "it says why" "$T/o11b" "in use by another running zos"
exec 3>&-
wait $zpid

# 12. help and errors of the binary itself
"$ZOS" --help >"$T/o12" 2>&1 && ok "zos --help" || bad "zos --help" "$T/o12"
expect "--help explains --data" "$T/o12" "--data DIR"
"$ZOS" --bogus >"$T/o12b" 2>&1
[ $? -eq 2 ] && ok "unknown option: exit 2" || bad "unknown option: exit 2" "$T/o12b"
./build/hosted/bin/init >"$T/o13" 2>&1
expect "a program run outside zos says so" "$T/o13" "runs inside Zero OS"

echo "RESULT e2e-hosted $pass $fail"
[ $fail -eq 0 ]
