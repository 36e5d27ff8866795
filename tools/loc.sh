#!/bin/sh
# The kernel's line budget: counts executable lines of C in DIR (default
# kernel/), leaving out blank lines, comments (// and /* */, however they
# are spread over lines, and not fooled by comment markers inside string
# or character literals) and lines that hold only a brace.
#
# Usage: tools/loc.sh [DIR] [BUDGET]    (BUDGET defaults to 3000)
# Prints each file's count and the total; exits 1 when over budget.
set -eu
dir=${1:-kernel}
budget=${2:-3000}
[ -d "$dir" ] || { echo "loc: no directory $dir" >&2; exit 2; }

count_file() {
	awk '
	BEGIN { in_comment = 0; n = 0 }
	{
		line = $0; code = ""; i = 1; len = length(line); quote = ""
		while (i <= len) {
			c = substr(line, i, 1); two = substr(line, i, 2)
			if (in_comment) {
				if (two == "*/") { in_comment = 0; i += 2 } else i++
				continue
			}
			if (quote != "") {
				code = code c
				if (c == "\\") { code = code substr(line, i + 1, 1); i += 2; continue }
				if (c == quote) quote = ""
				i++
				continue
			}
			if (two == "/*") { in_comment = 1; i += 2; continue }
			if (two == "//") break
			if (c == "\"" || c == "\047") quote = c
			code = code c
			i++
		}
		gsub(/[ \t\r\f\v]/, "", code)
		if (code != "" && code != "{" && code != "}" && code != "};") n++
	}
	END { print n }' "$1"
}

total=0
for f in $(find "$dir" -name '*.[ch]' | sort); do
	n=$(count_file "$f")
	printf '%6d  %s\n' "$n" "$f"
	total=$((total + n))
done
printf '%s: %d executable lines (budget %d)\n' "$dir" "$total" "$budget"
if [ "$total" -gt "$budget" ]; then
	echo "loc: $dir is over its budget by $((total - budget)) lines" >&2
	exit 1
fi
