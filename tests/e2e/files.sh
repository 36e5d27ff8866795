#!/bin/sh
# End-to-end: a person's files and time settings on Zero OS hosted on Linux.
# Boots the real zos on scripted sessions with one data directory: makes a
# tree, writes and reads files (small, and 100,000 bytes built by >>),
# lists, stats, removes, gets the shell's and VFS's errors in words, sets
# the time's format and zone; then boots again on the same data and finds
# everything as it was. A damaged time.json means the defaults and a line
# on the console, never a crash.
#
# Usage: tests/e2e/files.sh   (last line: "RESULT e2e-files <passed> <failed>")
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
case "${1:-}" in
-h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
ZOS=build/hosted/zos
T=$(mktemp -d /tmp/zos-e2e-files.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT

# run DATA SCRIPT-FILE OUT: a scripted session; its exit status in $rc
run() {
	timeout 60 "$ZOS" --data "$1" --script "$2" >"$3" 2>&1
	rc=$?
}

make -s hosted >/dev/null || { echo "RESULT e2e-files 0 1"; exit 1; }
D=$T/data

# 1. the first boot: a tree, files, errors, time settings. A script is
# read whole before the terminal is ready and Init keeps at most 64 KiB of
# it, so the 100 appends are split over two sessions (1a and 1b).
x=$(printf '%0995d' 0 | tr 0 x)
# appends FROM TO: lines FROM..TO-1 of the big file, 999 bytes and a newline each
appends() {
	i=$1
	while [ $i -lt $2 ]; do
		printf 'echo L%03d%s >> big.txt\n' $i "$x"
		i=$((i + 1))
	done
}
{
	echo 'tree /'
	echo 'mkdir -p /home/alice/docs/old /home/bob'
	echo 'cd /home/alice'
	appends 0 50
	echo 'exit'
} >"$T/s1a"
run "$D" "$T/s1a" "$T/o1a"
[ $rc -eq 0 ] && ok "session 1a exits 0" || bad "session 1a exits 0 (got $rc)" "$T/o1a"
expect "a fresh system has the standard tree" "$T/o1a" '^|-- system/'
expect "  with /system/settings" "$T/o1a" '^|   |-- settings/'
{
	echo 'cd /home/alice'
	appends 50 100
	echo 'pwd'
	echo 'write notes.txt "two  words, quoted"'
	echo 'echo hello world > docs/hello.txt'
	echo 'echo second line >> docs/hello.txt'
	echo 'write docs/old/gone.txt soon gone'
	echo 'write /home/bob/todo "buy milk"'
	echo 'stat big.txt'
	echo 'ls'
	echo 'ls docs'
	echo 'rm docs/old/gone.txt'
	echo 'rmdir docs/old'
	echo 'tree /home'
	echo 'cat /home/x'
	echo 'rmdir /home/alice/docs'
	echo 'rm /home/bob'
	echo 'cd notes.txt'
	echo 'cd /nowhere'
	echo 'mkdir /home/alice/docs'
	echo 'mkdir /a/b/c'
	echo 'write "unterminated'
	echo 'ls > listing'
	echo 'time format 12'
	echo 'time zone Asia/Kolkata'
	echo 'time zone Mars/Olympus'
	echo 'time format 13'
	echo 'exit'
} >"$T/s1"
run "$D" "$T/s1" "$T/o1"
[ $rc -eq 1 ] && ok "session 1b: the failed commands make it exit 1" || bad "session 1b exits 1 (got $rc)" "$T/o1"
expect_not "no input was dropped" "$T/o1" '^init: too much typed ahead' 
expect "cd and pwd" "$T/o1" '^/home/alice$'
expect "the prompt shows the directory" "$T/o1" '^zero:/home/alice> '
expect "the 100,000-byte file" "$T/o1" '^size:     100000 bytes'
expect "stat names the owner" "$T/o1" '^owner:    terminal'
expect "stat's times in the settings' zone" "$T/o1" '^created:  [0-9-]* [0-9:]* UTC$'
expect "ls shows directories with /" "$T/o1" '^docs/$'
expect "ls shows files" "$T/o1" '^notes.txt$'
expect "tree draws the tree" "$T/o1" '^|   |-- docs/'
expect "tree counts" "$T/o1" '^3 directories, 4 files'
expect "no such file" "$T/o1" '^cat: no such file: /home/x'
expect "rmdir refuses a directory that is not empty" "$T/o1" '^rmdir: directory not empty: /home/alice/docs'
expect "rm refuses a directory" "$T/o1" '^rm: is a directory: /home/bob'
expect "cd into a file" "$T/o1" '^cd: not a directory: /home/alice/notes.txt'
expect "cd nowhere" "$T/o1" '^cd: no such file or directory: /nowhere'
expect "mkdir of what exists" "$T/o1" '^mkdir: already exists: /home/alice/docs'
expect "mkdir without -p" "$T/o1" '^mkdir: no such directory: /a'
expect "an open quote" "$T/o1" '^unterminated double quote'
expect "only echo redirects" "$T/o1" '^ls: only echo writes into a file'
expect "time format 12" "$T/o1" ' [AP]M  UTC, 12-hour clock'
expect "time zone" "$T/o1" ' [AP]M  Asia/Kolkata (UTC+05:30), 12-hour clock'
expect "an unknown zone" "$T/o1" '^time: unknown timezone: Mars/Olympus'
expect "a bad format" "$T/o1" '^time: the format is 12 or 24'
expect_not "nothing crashed" "$T/o1" 'crashed'

# 2. boot again on the same data: everything is still there
{
	echo 'cat /home/alice/notes.txt'
	echo 'cat /home/alice/docs/hello.txt /home/bob/todo'
	echo 'stat /home/alice/big.txt'
	echo 'cat /home/alice/big.txt'
	echo 'tree /home'
	echo 'ls /home/alice/docs'
	echo 'time'
	echo 'cat /system/settings/time.json'
	echo 'exit'
} >"$T/s2"
run "$D" "$T/s2" "$T/o2"
[ $rc -eq 0 ] && ok "second session exits 0" || bad "second session exits 0 (got $rc)" "$T/o2"
expect "a quoted text kept its spaces" "$T/o2" '^two  words, quoted$'
expect "> then >>" "$T/o2" '^hello world$'
expect "  the appended line" "$T/o2" '^second line$'
expect "another user's file" "$T/o2" '^buy milk$'
expect "the big file's size" "$T/o2" '^size:     100000 bytes'
expect "  its times in the zone and format set" "$T/o2" '^created:  [0-9-]* [0-9:]* [AP]M Asia/Kolkata$'
lines=$(grep -c '^L[0-9][0-9][0-9]x*$' "$T/o2")
good=$(grep '^L[0-9][0-9][0-9]x*$' "$T/o2" | awk 'length($0) == 999' | wc -l)
order=$(grep '^L[0-9][0-9][0-9]x*$' "$T/o2" | cut -c2-4 | awk '$1 + 0 != NR - 1' | wc -l)
[ "$lines" = 100 ] && [ "$good" = 100 ] && [ "$order" = 0 ] &&
	ok "the big file reads back whole, in order" ||
	bad "the big file reads back whole ($lines lines, $good of 999 bytes, $order out of order)" "$T/o2"
expect "the removed file stays removed" "$T/o2" '^3 directories, 4 files'
expect_not "  and its directory" "$T/o2" 'old/'
expect "time settings persist" "$T/o2" ' [AP]M  Asia/Kolkata (UTC+05:30), 12-hour clock'
expect "in /system/settings/time.json" "$T/o2" '^{"format":"12h","timezone":"Asia/Kolkata"}$'

# 3. a damaged time.json: the defaults and a line on the console; a SET repairs it
cat >"$T/s3" <<'EOS'
write /system/settings/time.json '{"format":"24h","timezone":"Asia/Tokyo"}'
time
write /system/settings/time.json "{not json"
exit
EOS
run "$D" "$T/s3" "$T/o3"
expect "time.json written by hand counts at once" "$T/o3" '  Asia/Tokyo (UTC+09:00), 24-hour clock' 
printf 'time\ntime zone UTC-03:30\nexit\n' >"$T/s4"
run "$D" "$T/s4" "$T/o4"
[ $rc -eq 0 ] && ok "a damaged time.json: the session still works" || bad "damaged time.json session (got $rc)" "$T/o4"
expect "the damage is reported" "$T/o4" 'time: /system/settings/time.json is damaged'
expect "the defaults hold" "$T/o4" '^[0-9-]* [0-9:]*  UTC, 24-hour clock'
expect "a SET repairs it" "$T/o4" '  UTC-03:30, 24-hour clock'
printf 'time\nexit\n' >"$T/s5"
run "$D" "$T/s5" "$T/o5"
expect "  and it persists" "$T/o5" '  UTC-03:30, 24-hour clock'
expect_not "  with no damage reported" "$T/o5" 'is damaged'

# 4. a directory of more than one READDIR page (160 entries): ls and tree
# see every entry once, and tree goes on after a subdirectory mid-page
{
	echo 'mkdir -p /tmp/many/sub'
	echo 'write /tmp/many/sub/inner x'
	i=0
	while [ $i -lt 200 ]; do
		printf 'write /tmp/many/f%03d x\n' $i
		i=$((i + 1))
	done
	echo 'ls /tmp/many'
	echo 'tree /tmp/many'
	echo 'exit'
} >"$T/s6"
run "$D" "$T/s6" "$T/o6"
[ $rc -eq 0 ] && ok "200 files in a directory" || bad "200 files in a directory (got $rc)" "$T/o6"
[ "$(grep -c '^f[0-9][0-9][0-9]$' "$T/o6")" = 200 ] && [ "$(grep '^f[0-9][0-9][0-9]$' "$T/o6" | sort -u | wc -l)" = 200 ] &&
	ok "ls shows each of them once" || bad "ls shows each of them once" "$T/o6"
[ "$(grep -c '^[|`]-- f[0-9][0-9][0-9]$' "$T/o6")" = 200 ] && ok "tree shows each of them once" ||
	bad "tree shows each of them once" "$T/o6"
expect "tree's counts" "$T/o6" '^1 directories, 201 files'
expect "  and what is inside the subdirectory" "$T/o6" '^|   `-- inner$'

echo "RESULT e2e-files $pass $fail"
[ $fail -eq 0 ]
