#!/bin/sh
# The layer picture of the tree, checked: what may include what, and what a
# user program may link (ARCHITECTURE.md section 2; README "What exists").
#
#   include/zos/  the ABI: everyone may include it
#   kernel/       only include/zos/ and kernel/
#   lib/          only include/zos/ and lib/ (shared by both sides of the
#                 syscall line: the commit codec, JSON, base64, net_wire, ...)
#   axiom/        include/zos/, lib/, kernel/ and axiom/
#   system/       the layers below it and hal/hal.h (never one platform's HAL)
#   hal/          never a user/ header: a HAL is below the syscall line; and
#                 never the System's fields (sys->k, sys->ax)
#   user/         never kernel/, axiom/, system/ or hal/: user code runs
#                 above the syscall line, and no user program links axiom/
#
# Each include rule is run on the real tree (it must be clean) and on a
# small fixture tree with one planted violation (it must be caught), so a
# rule that could never fail does not count as a check.
#
# Prints "RESULT layers <passed> <failed>"; exits 1 on any failure.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/e2e/lib.sh # ok, bad: counting checks
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# includes DIR : every "#include X" under DIR (C sources, headers,
# assembly) as "file:line:X".
includes() {
	find "$1" -type f \( -name '*.c' -o -name '*.h' -o -name '*.S' \) -exec \
		grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' {} + |
		sed -E 's/^([^:]*:[0-9]*):[[:space:]]*#[[:space:]]*include[[:space:]]*/\1:/'
}

# The headers the compiler itself provides that freestanding code may use.
FREESTANDING='<(stddef|stdint|stdarg|stdbool|limits|cpuid|immintrin)\.h>'

# Each rule: a function of a tree's root that prints the offending lines.
kernel_rule() { includes "$1/kernel" | grep -vE ":(<zos/[^>]+>|\"kernel/[^\"]+\"|$FREESTANDING)\$"; }
lib_rule() { includes "$1/lib" | grep -vE ":(<zos/[^>]+>|\"lib/[^\"]+\"|$FREESTANDING)\$"; }
axiom_rule() { includes "$1/axiom" | grep -vE ":(<zos/[^>]+>|\"(lib|kernel|axiom)/[^\"]+\"|$FREESTANDING)\$"; }
system_rule() { includes "$1/system" | grep -vE ":(<zos/[^>]+>|\"(lib|kernel|axiom|system)/[^\"]+\"|\"hal/hal\.h\"|$FREESTANDING)\$"; }
hal_rule() { includes "$1/hal" | grep -E ':[<"](\.\./)*user/'; }
user_rule() { includes "$1/user" | grep -E ':[<"](\.\./)*(kernel|axiom|system|hal)/'; }

# check NAME RULE : the rule finds nothing in the tree.
check() {
	out=$($2 .)
	if [ -z "$out" ]; then
		ok "$1"
	else
		bad "$1:"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
}

# caught NAME RULE DIR FILE LINE : in a fixture tree whose only file is
# DIR/FILE, holding LINE, the rule reports it.
caught() {
	root="$tmp/$1"
	mkdir -p "$root/kernel" "$root/lib" "$root/axiom" "$root/system" "$root/hal" "$root/user" "$root/$3"
	printf '%s\n' "$5" >"$root/$3/$4"
	if [ -n "$($2 "$root")" ]; then
		ok "$1: a planted violation is caught"
	else
		bad "$1: the rule missed '$5' in $3/$4"
	fi
}

check "kernel/ includes only include/zos/ and kernel/" kernel_rule
check "lib/ includes only include/zos/ and lib/" lib_rule
check "axiom/ includes only include/zos/, lib/, kernel/ and axiom/" axiom_rule
check "system/ includes only the layers below it and hal/hal.h" system_rule
check "no hal/ file includes a user/ header" hal_rule
check "user/ includes nothing from kernel/, axiom/, system/, hal/" user_rule

caught kernel-lib kernel_rule kernel cap.c '#include "lib/mem.h"'
caught kernel-axiom kernel_rule kernel cap.c '#include "axiom/axiom.h"'
caught lib-user lib_rule lib json.c '#include "user/libzos/zos.h"'
caught lib-kernel lib_rule lib/crypto x.c '#include "kernel/state.h"'
caught lib-axiom lib_rule lib codec.c '  #  include "axiom/commitlog.h"'
caught lib-libc lib_rule lib fmt.c '#include <string.h>'
caught axiom-system axiom_rule axiom replay.c '#include "system/system.h"'
caught system-hosted system_rule system door.c '#include "hal/hosted/hosted.h"'
caught hal-user hal_rule hal/hosted net.h '#include "user/libzos/net_wire.h"'
caught user-axiom user_rule user/apps/terminal log.c '#include "axiom/commit_codec.h"'
caught user-hal user_rule user/libzos x.h '#include <hal/hal.h>'

# No user program links anything from axiom/. The link commands make
# would run for every user program, hosted and x86_64 (a dry run of a
# full rebuild, continuation lines joined), name no axiom/ file...
links=$(make -Bn hosted "${BUILD:-build}/x86_64/embedded.S" 2>/dev/null |
	sed -e ':a' -e '/\\$/N; s/\\\n//; ta' |
	grep -E -- '-o [^ ]*/(hosted/bin|x86_64/bin)/[^ ]+')
programs=$(ls -d user/init user/services/* user/apps/* user/tests/* 2>/dev/null | wc -l)
hosted_only=$(ls tests/hosted/attack/*.c 2>/dev/null | wc -l) # hosted-only programs
nlinks=$(printf '%s\n' "$links" | grep -c -- '-o ')
if [ "$nlinks" -eq $((2 * programs + hosted_only)) ]; then
	ok "every user program's link line is read ($nlinks)"
else
	bad "user link lines: found $nlinks, expected $((2 * programs + hosted_only)) ($programs programs, two platforms; $hosted_only hosted only)"
fi
if printf '%s\n' "$links" | grep -q 'axiom/'; then
	bad "a user program's link line names axiom/:"
	printf '%s\n' "$links" | grep -oE '[^ ]*axiom/[^ ]*' | sort -u | sed 's/^/    /'
else
	ok "no user program's link line names axiom/"
fi

# ...and, where they are built, no user binary defines a global symbol
# that an axiom/ object defines (build/host/axiom/NAME.o for each
# axiom/NAME.c: an object left behind by a file that moved does not count).
axiom_objs=$(for c in axiom/*.c; do
	o="${BUILD:-build}/host/${c%.c}.o"
	[ -f "$o" ] && echo "$o"
done)
bins=$(ls "${BUILD:-build}"/hosted/bin/* "${BUILD:-build}"/x86_64/bin/*.elf 2>/dev/null)
if [ -n "$axiom_objs" ] && [ -n "$bins" ]; then
	# shellcheck disable=SC2086
	nm -g --defined-only $axiom_objs 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/axiom.syms"
	found=""
	for b in $bins; do
		nm -g --defined-only "$b" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/bin.syms"
		both=$(comm -12 "$tmp/axiom.syms" "$tmp/bin.syms" | head -3 | tr '\n' ' ')
		[ -n "$both" ] && found="$found    $b: $both
"
	done
	if [ -s "$tmp/axiom.syms" ] && [ -z "$found" ]; then
		ok "no user binary defines an axiom/ symbol"
	else
		bad "user binaries define axiom/ symbols (or none were read):"
		printf '%s' "$found"
	fi
else
	echo "note: user binaries or axiom objects not built; the symbol check is skipped"
fi

# ---- HAL and System state ------------------------------------------------
# No HAL file touches the System's kernel or Axiom (sys->k, sys->ax, in any
# spelling: h->sys->k.s, system->ax.log, (*sys).k): hal/ reaches the kernel
# state and the log only through what system/system.h offers.
system_fields_rule() {
	find "$1/hal" -type f \( -name '*.c' -o -name '*.h' \) -exec \
		grep -HnE '(->|\)\.)[[:space:]]*(k|ax)[[:space:]]*(\.|->|\)|,|;)' {} +
}
check "no hal/ file touches sys->k or sys->ax" system_fields_rule
caught hal-kernel-state system_fields_rule hal/hosted procs.c '	kernel_proc(&h->sys->k.s, pid);'
caught hal-axiom-log system_fields_rule hal/x86_64 sched.c '	uint64_t c0 = system->ax.log.next_seq;'
caught hal-axiom-bare system_fields_rule hal/x86_64 prof.c '	per_commit(&(*sys).ax, 1);'
# -------------------------------------------------------------------------

echo "RESULT layers $pass $fail"
[ "$fail" -eq 0 ]
