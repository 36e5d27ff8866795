# Sourced by tests/run.sh (`make test`) and tests/check.sh (`make check`):
# running suites and adding up what they report, written once.
#
# Every suite prints "RESULT <suite> <passed> <failed>"; a suite that exits
# non-zero without reporting a failure counts as one failure. Each suite's
# output goes to $LOGS/<name>.log, each build's to $LOGS/build-<name>.log.
# suites_summary prints the total, "N passed, N failed", as the last line
# and returns non-zero when anything failed.
LOGS=build/test-logs
mkdir -p "$LOGS"
JOBS=$(nproc 2>/dev/null || echo 2)
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

# run_binaries KIND : every test binary of build/KIND/tests/ (the unit
# tests, then diff/, hosted/, svc/, wasm/ and desktop/), one suite each.
run_binaries() {
	kind=$1
	for t in build/$kind/tests/test_* build/$kind/tests/diff/test_* build/$kind/tests/hosted/test_* \
		 build/$kind/tests/svc/test_* build/$kind/tests/wasm/test_* build/$kind/tests/desktop/test_*; do
		[ -x "$t" ] || continue
		run_suite "$kind/${t#build/$kind/tests/}" "$t"
	done
}

# build NAME TARGET... : make -jJOBS TARGET...; a failed build counts as one
# failure (and returns non-zero, so its suites are not run).
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

suites_summary() {
	echo
	if [ "$total_fail" -ne 0 ]; then
		echo "failed:$failed_suites (logs in $LOGS/)"
	fi
	echo "$total_pass passed, $total_fail failed"
	[ "$total_fail" -eq 0 ]
}
