#!/bin/sh
# Cross-target determinism: the commit encoding and the state hash are
# byte-identical on every target.
#
# Builds the core freestanding for x86_64 and wasm32 (each link is a test:
# no libc, no undefined symbol), records a CommitLog with the host build
# (tests/record_log.c: a seeded workload of many thousand syscalls across
# reboots; recorded again by a clang build, which must write the very same
# bytes), then replays that log on the other targets and compares their
# summaries (status, bytes, commits, epochs, checkpoints, first bad seq,
# chain head, state hash) line by line with the host's:
#   wasm32  build/wasm32/replay.wasm under Node (tests/wasm/replay.mjs)
#   x86_64  build/x86_64/core.elf run natively on Linux (a static ELF)
# The same is done for a log cut inside its last record (torn) and one with
# a flipped byte (corrupt), where every target must agree with the host's
# replay of it on where the log goes bad.
#
# Ends with exactly one line "RESULT determinism <passed> <failed>"; exits
# non-zero if anything failed. Run from anywhere; works in the repo root.
set -u
cd "$(dirname "$0")/.."
BUILD=build
OUT=$BUILD/determinism
SEED=${ZOS_DETERMINISM_SEED:-0x5A45524F4F53}
CALLS=${ZOS_DETERMINISM_CALLS:-24000}
JOBS=$(nproc 2>/dev/null || echo 2)
KEYS="status bytes commits epochs checkpoints bad_seq head state_hash"
pass=0
fail=0
mkdir -p "$OUT"

ok() {
	pass=$((pass + 1))
	echo "ok    $1"
}

bad() {
	fail=$((fail + 1))
	echo "FAIL  $1"
}

# build NAME TARGET: one make target, a test of its own.
build() {
	if make -j"$JOBS" "$2" >"$OUT/build-$1.log" 2>&1; then
		ok "build $1 ($2)"
		return 0
	fi
	bad "build $1 ($2), see $OUT/build-$1.log"
	sed 's/^/      /' "$OUT/build-$1.log" | grep -E 'error|undefined' | head -10
	return 1
}

value() { # value KEY FILE
	awk -v k="$1" '$1 == k { print $2; exit }' "$2"
}

# compare TARGET EXPECTED ACTUAL: one test per summary line, then the whole
# output byte for byte.
compare() {
	for key in $KEYS; do
		want=$(value "$key" "$2")
		got=$(value "$key" "$3")
		if [ -n "$want" ] && [ "$want" = "$got" ]; then
			ok "$1: $key $got"
		else
			bad "$1: $key: host says '$want', $1 says '$got'"
		fi
	done
	if cmp -s "$2" "$3"; then
		ok "$1: whole summary byte-identical"
	else
		bad "$1: summaries differ"
		diff "$2" "$3" | sed 's/^/      /'
	fi
}

# replay_on TARGET LOG SUMMARY: runs a target's replay; the exit status says
# whether the log verified (0) or not (1); anything else is a failure to run.
replay_on() {
	case $1 in
	wasm32) node tests/wasm/replay.mjs "$2" "$BUILD/wasm32/replay.wasm" >"$3" 2>"$3.err" ;;
	x86_64) "$BUILD/x86_64/core.elf" <"$2" >"$3" 2>"$3.err" ;;
	host) "$BUILD/host/tests/record_log" --replay "$2" >"$3" 2>"$3.err" ;;
	esac
}

# check_target TARGET LOG EXPECTED EXPECTED_RC
check_target() {
	replay_on "$1" "$2" "$OUT/$1.$(basename "$2").txt"
	rc=$?
	if [ "$rc" -ne "$4" ]; then
		bad "$1: replay of $(basename "$2") exited $rc, expected $4"
		sed 's/^/      /' "$OUT/$1.$(basename "$2").txt.err" | head -5
		return
	fi
	ok "$1: replays $(basename "$2")"
	compare "$1" "$3" "$OUT/$1.$(basename "$2").txt"
}

# A log cut inside its last record, and one with a byte flipped halfway.
make_damaged() {
	size=$(wc -c <"$1")
	head -c $((size - 7)) "$1" >"$OUT/torn.log"
	cp "$1" "$OUT/corrupt.log"
	at=$((size / 2))
	byte=$(od -An -tu1 -j "$at" -N1 "$1" | tr -d ' ')
	printf "$(printf '\\%03o' $(((byte + 1) % 256)))" |
		dd of="$OUT/corrupt.log" bs=1 seek="$at" conv=notrunc 2>/dev/null
}

# The recorder built by clang (with ASan + UBSan) must record the very same
# log as the one built by gcc: recording does not depend on the compiler.
same_recording() {
	build recorder-clang "$BUILD/san/tests/record_log" || return
	if ! "$BUILD/san/tests/record_log" "$OUT/commit-clang.log" "$SEED" "$CALLS" \
		>"$OUT/host-clang.txt" 2>"$OUT/host-clang.err"; then
		bad "host (clang): recording failed, see $OUT/host-clang.err"
		tail -5 "$OUT/host-clang.err" | sed 's/^/      /'
	elif cmp -s "$OUT/commit.log" "$OUT/commit-clang.log" &&
		cmp -s "$OUT/host.txt" "$OUT/host-clang.txt"; then
		ok "host (clang, ASan + UBSan): recorded the byte-identical log"
	else
		bad "host (clang): recorded a different log than gcc's build"
		cmp "$OUT/commit.log" "$OUT/commit-clang.log" | sed 's/^/      /'
	fi
}

targets=""
if build x86_64 "$BUILD/x86_64/core.elf"; then
	if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
		targets="$targets x86_64"
	else
		echo "note  x86_64: linked, but this host cannot run it natively"
	fi
fi
if build wasm32 "$BUILD/wasm32/replay.wasm"; then
	if command -v node >/dev/null 2>&1; then
		targets="$targets wasm32"
	else
		bad "wasm32: node is not installed (tools/deps.sh installs nodejs)"
	fi
fi

if build recorder "$BUILD/host/tests/record_log" &&
	"$BUILD/host/tests/record_log" "$OUT/commit.log" "$SEED" "$CALLS" \
		>"$OUT/host.txt" 2>"$OUT/host.err"; then
	ok "host: recorded $(value commits "$OUT/host.txt") commits, live state = host replay"
	sed 's/^/      /' "$OUT/host.err"
	for t in $targets; do
		check_target "$t" "$OUT/commit.log" "$OUT/host.txt" 0
	done
	same_recording
	make_damaged "$OUT/commit.log"
	for kind in torn corrupt; do
		rc=0
		[ "$kind" = corrupt ] && rc=1
		replay_on host "$OUT/$kind.log" "$OUT/host.$kind.txt"
		hrc=$?
		if [ "$hrc" -ne "$rc" ] || [ "$(value status "$OUT/host.$kind.txt")" != "$kind" ]; then
			bad "host: replay of $kind.log exited $hrc, status '$(value status "$OUT/host.$kind.txt")'"
			continue
		fi
		ok "host: $kind.log is $kind at seq $(value commits "$OUT/host.$kind.txt")"
		for t in $targets; do
			check_target "$t" "$OUT/$kind.log" "$OUT/host.$kind.txt" "$rc"
		done
	done
else
	bad "host: recording the log failed, see $OUT/host.err"
	sed 's/^/      /' "$OUT/host.err" 2>/dev/null | tail -5
fi

echo "RESULT determinism $pass $fail"
[ "$fail" -eq 0 ]
