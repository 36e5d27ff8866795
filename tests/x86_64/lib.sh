# The helpers the x86_64 QEMU test scripts share (sourced after `cd` to
# the repository's top): counting checks, matching the serial transcript,
# and finding OVMF. A script ends with `echo "RESULT <suite> $pass $fail"`.
B=${BUILD:-build}/x86_64
OUT=${BUILD:-build}/test-logs/x86_64
mkdir -p "$OUT"
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
# has LOG LABEL REGEX: the transcript matches REGEX (extended grep).
has() {
	if grep -Eq "$3" "$1"; then ok "$2"; else bad "$2: no line matching /$3/ in $1"; fi
}
hasnt() {
	if grep -Eq "$3" "$1"; then bad "$2: unexpected /$3/ in $1"; else ok "$2"; fi
}

TIMEOUT=${ZOS_QEMU_TIMEOUT:-60}
WAIT=$TIMEOUT

# For the scripts that drive the shell over the serial line, with QEMU's
# pid (or the timeout around it) in $qpid:
# prompts LOG: how many shell prompts the transcript has so far.
prompts() { grep -o 'zero> ' "$1" 2>/dev/null | wc -l; }
# wait_prompts LOG N: until the transcript shows N prompts (or time runs out).
wait_prompts() {
	i=0
	while [ "$(prompts "$1")" -lt "$2" ]; do
		i=$((i + 1))
		[ "$i" -gt $((WAIT * 10)) ] && return 1
		kill -0 "$qpid" 2>/dev/null || return 1
		sleep 0.1
	done
}

# OVMF's firmware image for the UEFI boots ("" when none is installed).
ovmf=""
for f in /usr/share/ovmf/OVMF.fd /usr/share/OVMF/OVMF_CODE.fd /usr/share/qemu/OVMF.fd; do
	[ -f "$f" ] && { ovmf=$f; break; }
done

# need_qemu SUITE: ends the script with a failure when QEMU is missing.
need_qemu() {
	command -v qemu-system-x86_64 >/dev/null 2>&1 && return 0
	bad "qemu-system-x86_64 is missing (tools/deps.sh installs qemu-system-x86)"
	echo "RESULT $1 $pass $fail"
	exit 1
}

# boot MODE ISO LOG [QEMU ARGS...]: boots ISO headless under bios or uefi
# firmware with COM1 in LOG, within TIMEOUT seconds; sets $rc (QEMU's exit
# status: 1 after a clean stop with zos.exit, 124 on timeout) and $secs
# (milliseconds). Extra arguments are split on spaces (disks, say).
boot() {
	boot_mode=$1 boot_iso=$2 boot_log=$3
	shift 3
	fwargs=""
	[ "$boot_mode" = uefi ] && fwargs="-bios $ovmf"
	start=$(date +%s%N)
	# shellcheck disable=SC2086,SC2068
	timeout "$TIMEOUT" qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 256M \
		-display none -monitor none -serial "file:$boot_log" -no-reboot $fwargs \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$boot_iso" $@ >"$boot_log.qemu" 2>&1
	rc=$?
	secs=$((($(date +%s%N) - start) / 1000000))
}
