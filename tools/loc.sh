#!/bin/sh
# The kernel's line budget: counts the executable lines of the C files
# (*.c, *.h) under DIR, recursively, and fails when they pass BUDGET.
#
# A line counts unless, once its comments are taken out, nothing is left
# but blanks or a lone `{`, `}` or `};`. Comments are // and /* */ in any
# arrangement: spread over lines, after code, between code, and a //
# comment continued by a trailing backslash. Comment markers inside string
# and character literals are text, not comments. Preprocessor lines count.
#
# Usage: tools/loc.sh DIR [BUDGET]      (BUDGET defaults to 3000)
# Prints each file's count, then "DIR: N executable lines (budget B)".
# Exits 0 within budget, 1 over it, 2 on bad usage.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 DIR [BUDGET]" >&2
	exit 2
fi
dir=$1
budget=${2:-3000}
[ -d "$dir" ] || { echo "loc: no directory $dir" >&2; exit 2; }
case $budget in
'' | *[!0-9]*) echo "loc: budget must be a whole number, not $budget" >&2; exit 2 ;;
esac

# One path per input line (so names may hold spaces, not newlines).
find "$dir" -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort |
awk -v dir="$dir" -v budget="$budget" -v squote="'" '
# The code left on one line once its comments are taken out. Literals are
# copied whole, so markers inside them stay text. State that outlives a
# line: in_block (inside /* */) and in_line (a // comment whose line ended
# in a backslash, which C splices onto the next line).
function strip(line,    out, i, n, c, two, quote) {
	if (in_line) {
		in_line = (line ~ /\\$/)
		return ""
	}
	out = ""; quote = ""; n = length(line)
	for (i = 1; i <= n; i++) {
		c = substr(line, i, 1); two = substr(line, i, 2)
		if (in_block) {
			if (two == "*/") { in_block = 0; i++ }
			continue
		}
		if (quote != "") {
			out = out c
			if (c == "\\") { out = out substr(line, i + 1, 1); i++ }
			else if (c == quote) quote = ""
			continue
		}
		if (two == "/*") { in_block = 1; i++; out = out " "; continue }
		if (two == "//") { in_line = (line ~ /\\$/); break }
		if (c == "\"" || c == squote) quote = c
		out = out c
	}
	return out
}

function executable(code) {
	gsub(/[ \t\r\f\v]/, "", code)
	return code != "" && code != "{" && code != "}" && code != "};"
}

function count(path,    line, n) {
	n = 0; in_block = 0; in_line = 0
	while ((getline line < path) > 0)
		if (executable(strip(line)))
			n++
	close(path)
	return n
}

{
	n = count($0)
	printf "%6d  %s\n", n, $0
	total += n
}

END {
	printf "%s: %d executable lines (budget %d)\n", dir, total, budget
	if (total > budget + 0) {
		printf "loc: %s is over its budget by %d lines\n", dir, total - budget > "/dev/stderr"
		exit 1
	}
}'
