#!/bin/sh
# `make bench`'s x86_64 figures: boots ISO (built with `zos.exit
# zos.bench`, see docs/x86_64.md "Performance") headless in QEMU RUNS times
# (default 3), and on each boot measures
#   - QEMU start to "all services ready" (Init's `init: boot complete`
#     line) on the host's wall clock, next to QEMU start to the kernel's
#     first line (firmware + GRUB: the baseline the kernel cannot shorten);
#   - kernel entry to ready: the stamp the kernel puts on that console line;
#   - the null syscall (YIELD, ring 3 to ring 3, rdtsc) next to the bare
#     syscall path (a refused record: trap in and out, no System);
#   - the IPC round trip (ipcbench-client and -server, CALL + REPLY) next to
#     the null syscall, with its breakdown from the kernel's cycle accounting.
# Prints the median of each figure over the boots, the accelerator and the
# CPU models. A benchmark, not a test: nothing passes or fails on a number.
#
# Usage: tools/x86_64/bench.sh ISO   (env: RUNS, ZOS_QEMU_TIMEOUT)
set -u
iso=${1:?usage: $0 ISO}
runs=${RUNS:-3}
wait_s=${ZOS_QEMU_TIMEOUT:-120}
out=$(dirname "$iso")/bench
mkdir -p "$out"
rm -f "$out"/figures-* # only this run's boots count
if ! command -v qemu-system-x86_64 >/dev/null; then
	echo "x86_64 bench: qemu-system-x86_64 missing (tools/deps.sh installs it); skipped"
	exit 0
fi

now_ms() { date +%s%3N; }

# until LOG PATTERN: polls every 10 ms; 1 when QEMU ended or time ran out.
until_line() {
	i=0
	while ! grep -aq "$2" "$1"; do
		kill -0 "$qpid" 2>/dev/null || return 1
		i=$((i + 1))
		[ "$i" -gt $((wait_s * 100)) ] && return 1
		sleep 0.01
	done
}

# one_boot N: one boot; appends "name value" lines to $out/figures-N.
one_boot() {
	log=$out/boot-$1.log
	fifo=$out/boot-$1.in
	fig=$out/figures-$1
	rm -f "$log" "$fifo" "$fig"
	mkfifo "$fifo"
	t0=$(now_ms)
	timeout $((wait_s * 2)) qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 256M \
		-display none -monitor none -serial stdio -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$iso" <"$fifo" >"$log" 2>&1 &
	qpid=$!
	exec 3>"$fifo"
	ok=1
	until_line "$log" 'Zero OS for x86_64 - booting' && t_kernel=$(now_ms) || ok=0
	[ $ok = 1 ] && until_line "$log" 'init: boot complete' && t_ready=$(now_ms) || ok=0
	[ $ok = 1 ] && until_line "$log" 'zero> ' || ok=0
	[ $ok = 1 ] && printf 'spawn ipcbench-server\r' >&3
	[ $ok = 1 ] && until_line "$log" 'started ipcbench-server' || ok=0
	[ $ok = 1 ] && printf 'spawn ipcbench-client\r' >&3
	[ $ok = 1 ] && until_line "$log" 'ipcbench: done\|ipcbench: failed' || ok=0
	printf 'shutdown\r' >&3
	until_line "$log" 'bench: part' || ok=0
	wait "$qpid"
	exec 3>&-
	rm -f "$fifo"
	if [ $ok = 0 ] || grep -aq 'ipcbench: failed' "$log"; then
		echo "x86_64 bench: boot $1 did not complete; see $log"
		return 1
	fi
	{
		echo "host_kernel_ms $((t_kernel - t0))"
		echo "host_ready_ms $((t_ready - t0))"
		tr -d '\r' <"$log" | awk '
		/init: boot complete/ { gsub(/[][]/, ""); print "kernel_ready_us", $1 }
		/clock: TSC at/ { print "tsc_mhz", $4 }
		/null syscall \(YIELD/ { print "null", $NF }
		/bare syscall/ { print "bare", $NF }
		/ipcbench: done/ { for (i = 1; i <= NF; i++) if ($i == "median") print "ipc_us", $(i + 1) }
		/^bench: syscall (CALL|REPLY|RECV) / || /^bench: (resume|switch) / {
			k = ($2 == "syscall") ? $3 : $2
			for (i = 1; i < NF; i++)
				if ($i == "n" || $i == "trap" || $i == "system" || $i == "commits100")
					print k "_" $i, $(i + 1)
		}
		/^bench: part / { print "syslog", $4; print "seal", $6; print "frame", $8; print "guest_cpu", $10
			print "state_hash", $12; print "checkpoint_every", $14 }'
	} >"$fig"
}

for n in $(seq 1 "$runs"); do
	one_boot "$n" || exit 1
done

# The median over the boots of each figure (the middle run; numbers only).
med() {
	cat "$out"/figures-* | awk -v k="$1" '$1 == k { print $2 }' | sort -g |
		awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'
}
for k in host_kernel_ms host_ready_ms kernel_ready_us tsc_mhz null bare ipc_us \
	CALL_trap CALL_system CALL_commits100 REPLY_trap REPLY_system REPLY_commits100 \
	RECV_trap RECV_system resume_system resume_commits100 switch_trap switch_system \
	syslog seal frame state_hash checkpoint_every; do
	eval "$k=\$(med $k)"
done
guest_cpu=$(awk '$1 == "guest_cpu" { print $2; exit }' "$out/figures-1" | tr _ ' ')
host_cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
qver=$(qemu-system-x86_64 --version | awk 'NR == 1 { print $4 }')

# shellcheck disable=SC2154 # set by the eval above
awk -v hk="$host_kernel_ms" -v hr="$host_ready_ms" -v kr="$kernel_ready_us" -v mhz="$tsc_mhz" \
	-v null="$null" -v bare="$bare" -v ipcus="$ipc_us" \
	-v ct="$CALL_trap" -v cs="$CALL_system" -v cc="$CALL_commits100" \
	-v pt="$REPLY_trap" -v ps="$REPLY_system" -v pc="$REPLY_commits100" \
	-v rt="$RECV_trap" -v rs="$RECV_system" -v us="$resume_system" -v uc="$resume_commits100" \
	-v wp="$switch_trap" -v wr="$switch_system" -v sl="$syslog" -v seal="$seal" -v fr="$frame" \
	-v sh="$state_hash" -v ce="$checkpoint_every" \
	-v runs="$runs" -v qver="$qver" -v gcpu="$guest_cpu" -v hcpu="$host_cpu" '
function row(what, v, unit, base, bunit, bname) {
	printf "  %-44s %10.0f %-6s", what, v, unit
	if (bname != "")
		printf "  %s %.0f %s: x%.2f", bname, base, bunit, base ? v / base : 0
	printf "\n"
}
function part(what, v) { printf "  %-44s %10.0f cycles  %5.1f%% of the round trip\n", what, v, 100 * v / ipc }
BEGIN {
	ipc = ipcus * mhz
	printf "\nx86_64 under QEMU %s, accelerator TCG, -cpu max (guest CPUID: %s), host CPU: %s;\n", qver, gcpu, hcpu
	printf "TSC %d MHz; the median of %d boots (TCG: emulation costs, not the CPU'"'"'s)\n", mhz, runs
	row("boot: QEMU start to all services ready", hr, "ms", 2000, "ms", "aim")
	row("      QEMU start to kernel entry (firmware, GRUB)", hk, "ms", hr, "ms", "of ready")
	row("boot: kernel entry to all services ready", kr / 1000, "ms", 300, "ms", "aim")
	row("bare syscall (trap in and out, no System)", bare, "cycles")
	row("null syscall (YIELD, SysLog on)", null, "cycles", bare, "cycles", "bare")
	row("IPC round trip (CALL + REPLY, 8 bytes)", ipc, "cycles", null, "cycles", "null syscall")
	printf "  ratio IPC / null syscall: %.1f (the aim: under 10)\n", null ? ipc / null : 0
	# A round trip: CALL (client), REPLY and RECV (server), two parked
	# receives completed, two switches.
	commits = (cc + pc + 2 * uc) / 100
	logging = 3 * sl
	hashing = commits * seal
	checkpoint = ce ? commits * sh / ce : 0
	framing = commits * fr
	sysc = cs + ps + rs + 2 * us
	printf "  breakdown of one round trip (%.1f commits, 3 syscalls):\n", commits
	part("entry/exit (3 x the bare syscall)", 3 * bare)
	part("HAL: record and buffer checks, copies", ct + pt + rt)
	part("switches (input pump, picking the next)", 2 * (wp + wr))
	part("Axiom logging (SysLog request + response)", logging)
	part("hashing (commit encoding + SHA-256)", hashing)
	part("checkpoints (state hash, 1 per " ce " commits)", checkpoint)
	part("log sink (framing, CRC32C)", framing)
	part("kernel step (decide, apply, the System)", sysc - logging - hashing - checkpoint - framing)
	part("rest (user code, iretq, unaccounted)", ipc - 3 * bare - (ct + pt + rt) - 2 * (wp + wr) - sysc)
}'
