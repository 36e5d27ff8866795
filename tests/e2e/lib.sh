# The helpers every end-to-end script shares (sourced, after `cd` to the
# repository's top): counting checks, matching output, waiting for a line,
# and finding Zero OS's processes among Linux's. A script ends with
# `echo "RESULT <suite> $pass $fail"`.
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok    $1"; }
# bad NAME [FILE]: a failed check, with the end of FILE to show why
# (BAD_HIDE: a pattern of lines to leave out of it).
bad() {
	fail=$((fail + 1))
	echo "FAIL  $1"
	[ -n "${2:-}" ] && grep -v -- "${BAD_HIDE:-^\$^}" "$2" | cut -c1-160 | sed 's/^/      | /' | tail -40
	return 0
}
# expect NAME FILE PATTERN: the output has a line matching PATTERN
expect() { if grep -q -- "$3" "$2"; then ok "$1"; else bad "$1 (no line matching: $3)" "$2"; fi; }
expect_not() { if grep -q -- "$3" "$2"; then bad "$1 (unexpected: $3)" "$2"; else ok "$1"; fi; }

# wait_for FILE PATTERN: until a line matches, for up to 20 s
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		grep -q -- "$2" "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

. tests/proc.sh # children_of
# zos_child ZOS-PID NAME: the pid of the Zero OS process NAME started by
# that zos (its programs run from memfds named after them)
zos_child() {
	for k in $(children_of "$1"); do
		read -r c <"/proc/$k/comm" 2>/dev/null || continue
		[ "$c" = "memfd:$2" ] && echo "$k"
	done
}
