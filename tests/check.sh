#!/bin/sh
# The host unit tests alone, as `make check` runs them: the gcc -O2 build of
# tests/test_*.c, tests/diff/ (our crypto against libsodium and OpenSSL),
# tests/hosted/, tests/svc/ and tests/desktop/, each binary one suite. No packages are
# installed, nothing boots, no sanitizers, no fuzzing: `make test` runs all
# of that. Logs and the last line as in tests/run.sh ("N passed, N failed");
# tests/README.md says how to run one binary or one test.
set -u
cd "$(dirname "$0")/.."
. tests/suites.sh

echo "Zero OS unit tests (make check; make test runs everything)"
echo "== host build (gcc -O2)"
if build host host-tests; then
	run_binaries host
else
	echo "  (they need gcc, libsodium, OpenSSL, SQLite and libcurl: make deps installs them)"
fi
suites_summary
