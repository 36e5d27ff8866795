# Process helpers the shell test scripts share (sourced): read from /proc,
# so they need nothing beyond a shell (no procps on a minimal Debian).

# children_of PID: the pids whose parent is PID, one per line.
children_of() {
	for d in /proc/[0-9]*; do
		{ read -r _ _ _ ppid _ <"$d/stat"; } 2>/dev/null || continue
		[ "$ppid" = "$1" ] && echo "${d#/proc/}"
	done
}
