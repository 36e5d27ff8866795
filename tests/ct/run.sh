#!/bin/sh
# Timing hygiene suite (tests/run.sh runs it): builds tests/ct/ct_check and
# runs it under valgrind's memcheck, where secrets are marked undefined so
# that any branch or memory index depending on them is an error (see
# ct_check.c). First a control: a deliberately leaky compare must be
# caught, or the setup is broken and the suite fails.
#
# Usage: tests/ct/run.sh [--help]
set -u
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--help" ]; then
	sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi
BIN=build/host/tests/ct/ct_check
if ! command -v valgrind >/dev/null 2>&1; then
	echo "ct: valgrind is not installed (tools/deps.sh installs it)"
	echo "RESULT ct 0 1"
	exit 1
fi
make -s "$BIN" || { echo "RESULT ct 0 1"; exit 1; }
VG="valgrind -q --tool=memcheck --error-exitcode=0 --track-origins=yes"

# The control: valgrind must report the leaky compare.
out=$($VG "$BIN" --leaky-control 2>&1)
if printf '%s\n' "$out" | grep -q 'depends on uninitialised'; then
	echo "control: the leaky compare was caught"
	echo "RESULT ct_control 1 0"
else
	printf '%s\n' "$out"
	echo "control: valgrind did NOT catch the leaky compare: the check is broken"
	echo "RESULT ct_control 0 1"
fi

# The real cases: any valgrind error fails the case (ct_check counts them).
$VG "$BIN" 2>&1
