#!/bin/sh
# Writes the browser's bin/manifest.json: for every program module, its
# file name, SHA-256 and size, as the kernel worker checks them before
# Init starts (web/src/kernel/binaries.ts):
#   {"init": {"file": "init.wasm", "sha256": "...", "size": 1234}, ...}
# Usage: tools/web/manifest.sh OUT MODULE.wasm...
set -eu
out=$1
shift
tmp=$out.tmp
{
	printf '{'
	sep=''
	for f in "$@"; do
		name=$(basename "$f" .wasm)
		sum=$(sha256sum "$f" | cut -d' ' -f1)
		size=$(wc -c <"$f" | tr -d ' ')
		printf '%s\n  "%s": {"file": "%s.wasm", "sha256": "%s", "size": %s}' \
			"$sep" "$name" "$name" "$sum" "$size"
		sep=','
	done
	printf '\n}\n'
} >"$tmp"
mv "$tmp" "$out"
