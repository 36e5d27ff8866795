#!/bin/sh
# End-to-end: the storage device limits on Zero OS hosted on Linux,
# through the real syscall path. The test program kv-limits
# (user/tests/kv-limits) runs as Init (zos --bin with a directory where
# `init` is kv-limits, so it holds Init's device capabilities) on a fresh
# data directory: a value of ZOS_KV_VALUE_MAX written and read back whole,
# a key of ZOS_KV_KEY_MAX, a batch of ZOS_KV_BATCH_MAX bytes, one byte past
# each refused by the syscall, a LIST cut at one result. Its lines must be
# those of tests/kv_limits.expected, which tests/x86_64/kvlimits.sh checks
# the x86_64 run against too.
#
# Usage: tests/e2e/kvlimits.sh   (last line: "RESULT e2e-kvlimits <passed> <failed>")
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
case "${1:-}" in
-h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
ZOS=build/hosted/zos
T=$(mktemp -d /tmp/zos-e2e-kvlimits.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT

make -s hosted >/dev/null || { echo "RESULT e2e-kvlimits 0 1"; exit 1; }
mkdir "$T/bin"
ln -s "$PWD/build/hosted/bin/kv-limits" "$T/bin/init"
: >"$T/script"
timeout 60 "$ZOS" --bin "$T/bin" --data "$T/data" --script "$T/script" >"$T/out" 2>&1
rc=$?
[ $rc -eq 0 ] && ok "kv-limits as Init exits 0, and zos with it" || bad "zos exits 0 (got $rc)" "$T/out"
grep '^kv-limits:' "$T/out" >"$T/lines"
if diff -u tests/kv_limits.expected "$T/lines" >"$T/diff"; then
	ok "every check as expected ($(grep -c '^kv-limits: ok' "$T/lines") ok lines)"
else
	bad "the program's lines differ from tests/kv_limits.expected" "$T/diff"
fi
expect_not "nothing failed" "$T/out" 'FAILED'
echo "RESULT e2e-kvlimits $pass $fail"
[ "$fail" -eq 0 ]
