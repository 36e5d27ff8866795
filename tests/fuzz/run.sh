#!/bin/sh
# Bounded fuzzing, as `make test` runs it: builds the libFuzzer targets
# (tests/fuzz/fuzz_*.c), runs each for an equal share of SECONDS (default: 60 in
# total) on a copy of its checked-in seed corpus, and reports one test per
# target. The checked-in corpus (tests/fuzz/corpus/) is never written: the
# fuzzer works on build/fuzz/work/<target>/, crash reproducers land in
# build/fuzz/artifacts/, logs in build/fuzz/<target>.log.
#
# Usage: tests/fuzz/run.sh [SECONDS [TARGET...]]
#   e.g. tests/fuzz/run.sh 30 fuzz_json   (one target for 30 seconds)
# Last line: "RESULT fuzz <passed> <failed>" (a target that does not build
# counts as failed); the exit status is non-zero when a target failed to
# build or found a crash, leak, timeout or OOM.
set -u
cd "$(dirname "$0")/../.."

TOTAL=${1:-60}
[ $# -gt 0 ] && shift
# Every harness in tests/fuzz/fuzz_*.c is a target; the command line may name some.
TARGETS=$(for f in tests/fuzz/fuzz_*.c; do basename "$f" .c; done)
if [ $# -gt 0 ]; then
	for t in "$@"; do
		if [ ! -e "tests/fuzz/$t.c" ]; then
			echo "tests/fuzz/run.sh: no fuzz target $t; the targets are:" $TARGETS >&2
			exit 2
		fi
	done
	TARGETS=$*
fi
OUT=build/fuzz
WORK=$OUT/work
ARTIFACTS=$OUT/artifacts
passed=0
failed=0

case "$TOTAL" in
''|*[!0-9]*) echo "usage: tests/fuzz/run.sh [SECONDS [TARGET...]]" >&2; exit 2 ;;
esac
set -- $TARGETS
per=$((TOTAL / $#))
[ "$per" -ge 1 ] || per=1

mkdir -p "$OUT"
built=""
for t in $TARGETS; do
	if make "$OUT/$t" >"$OUT/build-$t.log" 2>&1; then
		built="$built $t"
	else
		echo "fuzz: build of $t FAILED (log: $OUT/build-$t.log)"
		grep -E 'error|Error' "$OUT/build-$t.log" | head -20 | sed 's/^/  /'
		failed=$((failed + 1))
	fi
done

max_len() {
	case "$1" in
	fuzz_system) echo 4096 ;; # a few hundred to FZ_MAX_STEPS syscalls
	fuzz_log) echo 8192 ;;    # real logs of a few dozen commits, and edits
	fuzz_desktop) echo 1024 ;; # a hundred or two engine calls, each checked whole
	*) echo 4096 ;;
	esac
}

# The newest reproducer libFuzzer wrote for target $1, if any.
reproducer() {
	ls -t "$ARTIFACTS/$1"-* 2>/dev/null | head -1
}

run_target() {
	t=$1
	log=$OUT/$t.log
	rm -rf "${WORK:?}/$t"
	mkdir -p "$WORK/$t" "$ARTIFACTS"
	[ -d tests/fuzz/corpus/"$t" ] && cp tests/fuzz/corpus/"$t"/* "$WORK/$t"/ 2>/dev/null
	rm -f "$ARTIFACTS/$t"-*
	echo "== $t: ${per}s on a copy of tests/fuzz/corpus/$t ($(ls "$WORK/$t" | wc -l) seeds)"
	"$OUT/$t" -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
		-print_final_stats=1 -artifact_prefix="$ARTIFACTS/$t-" "$WORK/$t" >"$log" 2>&1
	rc=$?
	grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$log" | sed 's/^/  /'
	grep -E '^stat::' "$log" | sed 's/^/  /'
	repro=$(reproducer "$t")
	if [ "$rc" -eq 0 ] && [ -z "$repro" ]; then
		echo "  ok $t"
		passed=$((passed + 1))
		return
	fi
	failed=$((failed + 1))
	echo "  FAIL $t (exit $rc; full log: $log)"
	grep -E 'ERROR|^fuzz_[a-z_]*:|runtime error|SUMMARY' "$log" | head -10 | sed 's/^/    /'
	if [ -n "$repro" ]; then
		echo "  reproducer: $repro"
		echo "  rerun:      $OUT/$t $repro"
		[ "$t" = fuzz_system ] && echo "  trace:      ZOS_FUZZ_TRACE=1 $OUT/$t $repro"
	fi
}

for t in $built; do
	run_target "$t"
done
echo "RESULT fuzz $passed $failed"
[ "$failed" -eq 0 ]
