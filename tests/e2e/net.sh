#!/bin/sh
# End-to-end tests of the network: Zero OS hosted on Linux, the shell's
# `fetch` through NetworkService and the hosted network device, against
# our test HTTP server (tests/net/httpd.c) listening on 127.0.0.1 only,
# on a port the kernel picks. Nothing here talks to any other address.
# Checks: success, 404, a POST with a body, a redirect, the timeout (the
# default 10 s and a shorter one), oversized replies (with and without a
# length ahead), a refused scheme, NetworkService started on demand and
# again after it was killed, the commit log verifying afterwards, and a
# program with no network access (user/tests/net-probe) refused it.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
ZOS=build/hosted/zos
LOG=build/host/tools/zos-log
HTTPD=build/host/tests/net/httpd
T=$(mktemp -d /tmp/zos-e2e-net.XXXXXX)
HPID=
cleanup() {
	[ -n "$HPID" ] && kill "$HPID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
# lines_after FILE PROMPT-LINE: the output of the command typed on that line
after() { awk -v c="zero> $2" 'f && /^zero> /{exit} f{print} $0==c{f=1}' "$1"; }

make -s hosted "$HTTPD" "$LOG" >/dev/null || { echo "RESULT e2e-net 0 1"; exit 1; }

"$HTTPD" --lifetime 120 >"$T/port" 2>"$T/httpd.err" &
HPID=$!
i=0
while [ $i -lt 50 ] && ! grep -q '^port ' "$T/port"; do sleep 0.1; i=$((i + 1)); done
PORT=$(awk '$1 == "port" { print $2 }' "$T/port")
if [ -z "$PORT" ]; then
	bad "the test HTTP server starts" "$T/httpd.err"
	echo "RESULT e2e-net $pass $fail"
	exit 1
fi
ok "the test HTTP server listens on 127.0.0.1:$PORT"
U=http://127.0.0.1:$PORT

cat >"$T/script" <<EOS
fetch $U/hello
fetch $U/no/such/page
fetch -X POST -d zero $U/echo
fetch $U/redirect
fetch -t 2 $U/slow
fetch $U/size/100000
fetch $U/stream/100000
fetch ftp://127.0.0.1:$PORT/hello
fetch $U/slow
ps
exit
EOS
start=$(date +%s)
timeout 60 "$ZOS" --data "$T/d" --script "$T/script" >"$T/o" 2>&1
rc=$?
secs=$(($(date +%s) - start))
expect "network started on demand" "$T/o" "^init: started network (pid [0-9]*) on demand"
after "$T/o" "fetch $U/hello" >"$T/a1"
expect "200: status" "$T/a1" "^status 200$"
expect "200: body" "$T/a1" "^hello from the test server$"
after "$T/o" "fetch $U/no/such/page" >"$T/a2"
expect "404: status" "$T/a2" "^status 404$"
expect "404: body" "$T/a2" "^not found$"
after "$T/o" "fetch -X POST -d zero $U/echo" >"$T/a3"
expect "POST: method reached the server" "$T/a3" "^POST /echo$"
expect "POST: body reached the server" "$T/a3" "^zero$"
after "$T/o" "fetch $U/redirect" >"$T/a4"
expect "redirect followed" "$T/a4" "^hello from the test server$"
after "$T/o" "fetch -t 2 $U/slow" >"$T/a5"
expect "timeout (2 s)" "$T/a5" "^fetch: timed out after 2 s$"
after "$T/o" "fetch $U/size/100000" >"$T/a6"
expect "oversized reply (length ahead)" "$T/a6" "^fetch: the reply is larger than 3072 bytes$"
after "$T/o" "fetch $U/stream/100000" >"$T/a7"
expect "oversized reply (chunked)" "$T/a7" "^fetch: the reply is larger than 3072 bytes$"
after "$T/o" "fetch ftp://127.0.0.1:$PORT/hello" >"$T/a8"
expect "ftp refused" "$T/a8" "^fetch: only http and https URLs$"
after "$T/o" "fetch $U/slow" >"$T/a9"
expect "timeout (default 10 s)" "$T/a9" "^fetch: timed out after 10 s$"
[ "$secs" -lt 30 ] && ok "the timeouts end the requests ($secs s in all)" ||
	bad "the timeouts end the requests (took $secs s)" "$T/o"
expect "network runs beside the core services" "$T/o" "running  network"
[ $rc -eq 1 ] && ok "the failed fetches make the session fail" || bad "session exit status 1 (got $rc)" "$T/o"
$LOG verify "$T/d/commitlog.zlog" >"$T/v" && ok "log verifies" || bad "log verifies" "$T/v"

# killed, NetworkService comes back on the next fetch (the client asks for
# a new cap when its old one names an endpoint that is gone)
cat >"$T/script2" <<EOS
fetch $U/hello
kill 8
fetch $U/hello
exit
EOS
timeout 30 "$ZOS" --data "$T/d2" --script "$T/script2" >"$T/o2" 2>&1
expect "network (pid 8) killed" "$T/o2" "network (pid 8) was killed"
expect "network started again on demand" "$T/o2" "^init: started network (pid 9) on demand"
[ "$(grep -c '^hello from the test server$' "$T/o2")" -eq 2 ] && ok "fetch works after the restart" ||
	bad "fetch works after the restart" "$T/o2"

# a program nobody granted network access cannot get it: Init refuses it
# the lookup, and the kernel the device
mkfifo "$T/fifo"
timeout 30 "$ZOS" --data "$T/d3" --script "$T/fifo" >"$T/o3" 2>&1 &
zpid=$!
exec 3>"$T/fifo"
printf 'spawn net-probe\n' >&3
i=0
while [ $i -lt 100 ] && ! grep -q "net-probe (pid [0-9]*) exited" "$T/o3"; do
	sleep 0.1
	i=$((i + 1))
done
printf 'exit\n' >&3
exec 3>&-
wait $zpid
expect "a program without access is refused the network" "$T/o3" \
	"net-probe: every way to the network was refused$"
expect_not "no network access got through" "$T/o3" "ALLOWED"
expect "net-probe exits 0" "$T/o3" "net-probe (pid [0-9]*) exited with code 0"
expect_not "NetworkService not started for it" "$T/o3" "started network"

echo "RESULT e2e-net $pass $fail"
[ "$fail" -eq 0 ]
