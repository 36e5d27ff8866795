#!/bin/sh
# The line counter itself: fixture files with known counts, including the
# cases that fool naive counters (comment markers inside strings, block
# comments that start after code or span lines, brace-only lines).
set -u
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

expect() {
	name=$1
	want=$2
	mkdir -p "$tmp/$name"
	cat >"$tmp/$name/f.c"
	got=$(tools/loc.sh "$tmp/$name" 100000 | tail -1 | sed 's/.*: \([0-9]*\) executable.*/\1/')
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $name: counted $got, expected $want"
		fail=$((fail + 1))
	fi
}

expect blank_and_comments 2 <<'C'
/* a block
   comment */

// a line comment
int a; // trailing
int b; /* trailing block */
C
expect braces_alone 2 <<'C'
int f(void)
{
	return 0;
}
C
expect markers_in_strings 3 <<'C'
const char *s = "/* not a comment";
const char *t = "// nor this";
char c = '"';
C
expect comment_between_code 3 <<'C'
int x; /* starts here
still comment */ int y;
/* whole */ int z;
C
expect escaped_quote 1 <<'C'
const char *q = "a \" /* still a string */";
C

# over budget fails
mkdir -p "$tmp/over"
printf 'int a;\nint b;\n' >"$tmp/over/f.c"
if tools/loc.sh "$tmp/over" 1 >/dev/null 2>&1; then
	echo "FAIL over-budget accepted"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
echo "RESULT loc-counter $pass $fail"
[ "$fail" -eq 0 ]
