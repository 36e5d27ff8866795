#!/bin/sh
# The whole test suite, as `make test` runs it: host unit/property/tamper
# tests, the same under ASan + UBSan, the hosted end-to-end suites, the
# browser suites (Chromium), the kernel line budget, the freestanding
# builds and cross-target determinism, the x86_64 image booted in QEMU
# (BIOS and UEFI), and bounded fuzzing.
#
# Every suite prints "RESULT <suite> <passed> <failed>"; a suite that dies
# without one counts as one failure (tests/suites.sh adds them up). Logs go
# to build/test-logs/. The last line is the total: "N passed, N failed".
# `make check` (tests/check.sh) runs the first part alone.
set -u
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${ZOS_FUZZ_SECONDS:-60}
. tests/suites.sh

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
run_suite "e2e/confine" tests/e2e/confine.sh
run_suite "e2e/anchor" tests/e2e/anchor.sh
echo "== browser (Chromium)"
if build web web build/host/tools/zos-log; then
	for s in platform_smoke page boot persist determinism hostile faults; do
		run_suite "web/$s" node tests/web/$s.mjs
	done
fi
echo "== kernel size"
run_suite "loc (kernel budget)" sh -c 'tools/loc.sh kernel 3000 && echo "RESULT loc 1 0"'
[ -x tests/test_loc.sh ] && run_suite "loc counter" tests/test_loc.sh
run_suite "layers (what includes what)" tests/test_layers.sh
echo "== freestanding targets and determinism"
[ -x tests/determinism.sh ] && run_suite "determinism" tests/determinism.sh
build web-wasm web-wasm && run_suite "web/constants" node tests/web/constants.mjs
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

suites_summary
