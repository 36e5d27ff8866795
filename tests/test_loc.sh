#!/bin/sh
# The kernel line counter (tools/loc.sh) itself: fixture files with counts
# worked out by hand, including the cases that fool naive counters (comment
# markers inside literals, escaped quotes, block comments that start after
# code or end before it, brace-only lines), plus the report format, the
# recursive walk and the budget's exit codes.
#
# Prints "RESULT loc-counter <passed> <failed>"; exits 1 on any failure.
set -u
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
	echo "FAIL $*"
	fail=$((fail + 1))
}

# The N of "DIR: N executable lines (budget B)".
total_of() {
	tools/loc.sh "$1" 100000 | tail -1 | sed -n 's/.*: \([0-9]*\) executable lines (budget [0-9]*)$/\1/p'
}

# expect NAME COUNT < source : one fixture file, its expected count.
expect() {
	mkdir -p "$tmp/$1"
	cat >"$tmp/$1/f.c"
	got=$(total_of "$tmp/$1")
	if [ "$got" = "$2" ]; then ok; else bad "$1: counted '$got', expected $2"; fi
}

expect empty_file 0 </dev/null

expect blank_and_comment_lines 2 <<'C'
/* a block
   comment over
   three lines */

// a line comment
	/* indented */ // and both kinds
int a; // trailing
int b; /* trailing block */
C

expect lone_braces 5 <<'C'
struct s {
	int x;
};
int f(void)
{
	return 0;
} /* end of f */
{ // a brace with a comment is still only a brace
 } ;
{}
C

expect markers_inside_literals 5 <<'C'
const char *s = "/* not a comment";
const char *t = "// nor this";
const char *u = "*/";
char c = '"'; /* a quote in a char opens no string */
char d = '/'; char e = '*';
C

# Each escape, misread, would move where a comment starts or ends.
expect escapes_inside_literals 5 <<'C'
const char *q = "a \" /* still in the string";
int after_q;
const char *b = "\\"; /* the string ended: a comment begins
   and ends here */
char s = '\''; /* and
   another */
char t = '"'; /* a quote in a char opens no string
*/
C

expect code_around_block_comments 4 <<'C'
int x; /* starts here
still comment
*/ int y;
/* whole */ int z;
int /* inside */ w;
/* only
   comment */
C

expect markers_inside_comments 1 <<'C'
/* "not a string // nor a line comment
   /* not nested either */ int a;
// "a quote in a line comment /*
C

expect line_comment_continued 1 <<'C'
// a line comment that goes on \
   onto this line, which is still comment
int real;
C

expect division_is_not_a_comment 2 <<'C'
int half = all / 2; // half
int q = a / *p; /* a pointer divides */
C

# Several files, nested directories, only *.c and *.h, each file listed.
mkdir -p "$tmp/tree/sub/deeper"
printf 'int a;\n' >"$tmp/tree/a.c"
printf 'int b;\nint c;\n' >"$tmp/tree/sub/b.h"
printf 'int d;\n/* x */\nint e;\nint f;\n' >"$tmp/tree/sub/deeper/c.c"
printf 'int not_c;\n' >"$tmp/tree/notes.txt"
out=$(tools/loc.sh "$tmp/tree")
want=$(printf '%6d  %s\n%6d  %s\n%6d  %s\n%s' \
	1 "$tmp/tree/a.c" 2 "$tmp/tree/sub/b.h" 3 "$tmp/tree/sub/deeper/c.c" \
	"$tmp/tree: 6 executable lines (budget 3000)")
if [ "$out" = "$want" ]; then ok; else bad "tree report:"; printf '%s\n--- wanted\n%s\n' "$out" "$want"; fi

# The budget: at it passes, one over fails, a missing directory is misuse.
mkdir -p "$tmp/budget"
printf 'int a;\nint b;\n' >"$tmp/budget/f.c"
if tools/loc.sh "$tmp/budget" 2 >/dev/null; then ok; else bad "count equal to budget rejected"; fi
tools/loc.sh "$tmp/budget" 1 >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 1 ]; then ok; else bad "over budget: exit $rc, expected 1"; fi
tools/loc.sh "$tmp/no-such-dir" >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then ok; else bad "missing directory: exit $rc, expected 2"; fi

echo "RESULT loc-counter $pass $fail"
[ "$fail" -eq 0 ]
