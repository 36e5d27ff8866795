#!/bin/sh
# Installs the Debian packages the build and the tests need, when missing.
# Run by `make test` (and `make deps`). Idempotent: once everything is
# present it only checks and returns. Nothing is downloaded from anywhere
# but the machine's configured Debian mirror.
set -eu

# What each package is for, so a failure says why it mattered.
PACKAGES="
build-essential:host build (gcc, make)
clang:sanitizer, fuzzer and freestanding x86_64/wasm32 builds
lld:linking the freestanding x86_64 and wasm32 images
libclang-rt-14-dev:clang's ASan/UBSan/libFuzzer runtimes
nodejs:running the wasm32 replay (determinism test), building and serving the page (make web, make run-web)
chromium:the browser suites and benchmarks (Playwright drives Debian's Chromium; none is downloaded)
libsqlite3-dev:the hosted platform's storage and keystore databases
libcurl4-openssl-dev:the hosted platform's network device (HTTP and HTTPS)
sqlite3:inspecting those databases in tests
libsodium-dev:differential tests and benchmarks of our crypto (tests and bench only)
libssl-dev:differential tests and benchmarks of our crypto against OpenSSL (tests and bench only)
valgrind:the timing-hygiene check of our crypto (tests/ct: secrets marked undefined under memcheck)
qemu-system-x86:booting the x86_64 image (make run-qemu, the x86_64 tests)
ovmf:UEFI firmware for QEMU (make run-qemu-uefi, the UEFI boot test)
grub-common:grub-mkrescue, which builds the x86_64 ISO
grub-pc-bin:GRUB for BIOS machines, inside the ISO
grub-efi-amd64-bin:GRUB for UEFI machines, inside the ISO
xorriso:writing the ISO
mtools:the ISO's EFI system partition image
"

missing=""
for entry in $(printf '%s' "$PACKAGES" | cut -d: -f1); do
	status=$(dpkg-query -W -f='${Status}' "$entry" 2>/dev/null || true)
	case "$status" in
	*"ok installed"*) ;;
	*) missing="$missing $entry" ;;
	esac
done

# npm builds the page (web/). A Node.js installed from elsewhere brings its
# own npm, and Debian's npm package would conflict with it: ask for it only
# when there is no npm at all.
command -v npm >/dev/null 2>&1 || missing="$missing npm"

[ -z "$missing" ] && exit 0

echo "deps: installing Debian packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "deps: need root to install:$missing" >&2
		echo "deps: run as root: apt-get update && apt-get install -y$missing" >&2
		exit 1
	fi
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends $missing >/dev/null 2>&1; then
	echo "deps: refreshing the package lists (apt-get update)"
	$SUDO apt-get update -q >/dev/null || {
		echo "deps: apt-get update failed: is the Debian mirror reachable?" >&2
		exit 1
	}
	$SUDO apt-get install -y --no-install-recommends $missing || {
		echo "deps: could not install:$missing" >&2
		exit 1
	}
fi
echo "deps: done"
