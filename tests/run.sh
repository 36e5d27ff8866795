#!/bin/sh
# The whole test suite, as `make test` runs it: host unit/property/tamper
# tests, the same under ASan + UBSan, the kernel line budget, the
# freestanding builds and cross-target determinism, the x86_64 image booted
# in QEMU (BIOS and UEFI), and bounded fuzzing.
#
# Every suite prints "RESULT <suite> <passed> <failed>"; a suite that dies
# without one counts as one failure. Logs go to build/test-logs/. The last
# line is the total: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
LOGS=build/test-logs
mkdir -p "$LOGS"
JOBS=$(nproc 2>/dev/null || echo 2)
FUZZ_SECONDS=${ZOS_FUZZ_SECONDS:-60}
total_pass=0
total_fail=0
failed_suites=""

# run_suite NAME COMMAND... : runs it, adds up its RESULT lines.
run_suite() {
	name=$1
	shift
	log="$LOGS/$name.log"
	mkdir -p "$(dirname "$log")"
	start=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	p=$(awk '$1 == "RESULT" { s += $3 } END { print s + 0 }' "$log")
	f=$(awk '$1 == "RESULT" { s += $4 } END { print s + 0 }' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # it died without saying what failed
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	secs=$(($(date +%s) - start))
	if [ "$f" -eq 0 ]; then
		printf '  %-28s %5d passed            (%ss)\n' "$name" "$p" "$secs"
	else
		printf '  %-28s %5d passed, %d FAILED  (%ss) -> %s\n' "$name" "$p" "$f" "$secs" "$log"
		grep -E 'FAIL|not ok|ERROR|error:|Sanitizer|runtime error' "$log" | head -20 | sed 's/^/      /'
		failed_suites="$failed_suites $name"
	fi
}

# run_binaries DIR : every test binary in DIR, one suite each.
run_binaries() {
	kind=$1
	for t in build/$kind/tests/test_* build/$kind/tests/diff/test_* build/$kind/tests/hosted/test_* \
		 build/$kind/tests/svc/test_*; do
		[ -x "$t" ] || continue
		run_suite "$kind/${t#build/$kind/tests/}" "$t"
	done
}

build() {
	name=$1
	shift
	if ! make -j"$JOBS" "$@" >"$LOGS/build-$name.log" 2>&1; then
		echo "  build of $name FAILED -> $LOGS/build-$name.log"
		grep -E 'error|Error' "$LOGS/build-$name.log" | head -20 | sed 's/^/      /'
		total_fail=$((total_fail + 1))
		failed_suites="$failed_suites build-$name"
		return 1
	fi
}

echo "Zero OS tests"
echo "== host build (gcc -O2)"
build host host-tests && run_binaries host
run_suite "zos-disk (disk images)" tests/test_zos_disk.sh
echo "== sanitizers (clang, ASan + UBSan)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
build san san-tests && run_binaries san
echo "== timing hygiene (valgrind memcheck, secrets marked undefined)"
run_suite "ct (timing hygiene)" tests/ct/run.sh
echo "== Zero OS hosted on Linux (end to end)"
run_suite "e2e/hosted" tests/e2e/hosted.sh
run_suite "e2e/files" tests/e2e/files.sh
run_suite "e2e/vfs_crash" tests/e2e/vfs_crash.sh
run_suite "e2e/vfs_namespace" tests/e2e/vfs_namespace.sh
run_suite "e2e/net" tests/e2e/net.sh
run_suite "e2e/perm" tests/e2e/perm.sh
run_suite "e2e/identity" tests/e2e/identity.sh
run_suite "e2e/kvlimits" tests/e2e/kvlimits.sh
echo "== kernel size"
run_suite "loc (kernel budget)" sh -c 'tools/loc.sh kernel 3000 && echo "RESULT loc 1 0"'
[ -x tests/test_loc.sh ] && run_suite "loc counter" tests/test_loc.sh
run_suite "layers (what includes what)" tests/test_layers.sh
echo "== freestanding targets and determinism"
[ -x tests/determinism.sh ] && run_suite "determinism" tests/determinism.sh
echo "== x86_64 under QEMU (BIOS and UEFI through GRUB)"
if build x86_64 x86-isos; then
	run_suite "x86_64/boot" tests/x86_64/boot.sh
	run_suite "x86_64/shell" tests/x86_64/shell.sh
	run_suite "x86_64/blk" tests/x86_64/blk.sh
	run_suite "x86_64/guard" tests/x86_64/guard.sh
	run_suite "x86_64/persist" tests/x86_64/persist.sh
	run_suite "x86_64/kvlimits" tests/x86_64/kvlimits.sh
fi
echo "== fuzzing (${FUZZ_SECONDS}s)"
[ -x tests/fuzz/run.sh ] && run_suite "fuzz" tests/fuzz/run.sh "$FUZZ_SECONDS"

echo
if [ "$total_fail" -ne 0 ]; then
	echo "failed:$failed_suites (logs in $LOGS/)"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
