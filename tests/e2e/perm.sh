#!/bin/sh
# End-to-end tests of PermissionService: Zero OS hosted on Linux, the
# shell's grant / revoke / perms, network access granted by the terminal's
# manifest (fetch asks for it), approvals that policy refuses, the record
# of grants in VFS (and after a reboot, that grants of ended processes are
# gone from it), and a program without a grant refused the network.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
ZOS=build/hosted/zos
T=$(mktemp -d /tmp/zos-e2e-perm.XXXXXX)
trap 'rm -rf "$T"' EXIT

make -s hosted >/dev/null || { echo "RESULT e2e-perm 0 1"; exit 1; }

cat >"$T/script" <<EOS
perms
fetch -t 1 http://127.0.0.1:1/
perms
grant notes network
grant notes fs:/system/config:write
grant stranger network
grant notes fs:/a/../b:read
perms notes
cat /system/config/grants.json
revoke notes network
revoke notes network
revoke terminal network
perms
exit
EOS
timeout 60 "$ZOS" --data "$T/d" --script "$T/script" >"$T/o" 2>&1
expect "boots" "$T/o" "boot complete"
expect "no grants on a fresh system" "$T/o" "^  (none)"
expect "fetch gets network by the terminal's manifest" "$T/o" "terminal *pid [0-9]* *network"
expect "the user approves an ask" "$T/o" "^approved network for notes"
expect "a deny rule stands against approval" "$T/o" "grant: permission denied: the policy never gives fs:/system/config:write to notes"
expect "not in the manifest" "$T/o" "grant: permission denied: network is not in the manifest of app stranger"
expect "a path with .. is no capability name" "$T/o" "grant: not a capability name"
expect "the approval is listed" "$T/o" "^  notes *network"
expect "the record is in VFS" "$T/o" '{"grants":\[{"pid":[0-9]*,"app":"terminal","capability":"network"}\]'
expect "revoke" "$T/o" "^revoked network from notes"
expect "revoking twice says so" "$T/o" "revoke: nothing to revoke: app does not hold network"
expect "the terminal's grant revoked" "$T/o" "^revoked network from terminal"
expect_not "nothing crashed" "$T/o" "faulted\|was killed"

# A second boot: the record is still there; the last one had no grants.
printf 'cat /system/config/grants.json\nperms\nexit\n' >"$T/script2"
timeout 60 "$ZOS" --data "$T/d" --script "$T/script2" >"$T/o2" 2>&1
expect "the record survives a reboot" "$T/o2" '^{"grants":\[\],"approved":\[\]}'

# An app asks for itself: an fs grant widens what VFS lets it see, giving it
# back narrows it again; a deny rule and an ask stand.
mkfifo "$T/fifo"
timeout 60 "$ZOS" --data "$T/d" --script "$T/fifo" >"$T/o3" 2>&1 &
zpid=$!
exec 3>"$T/fifo"
printf 'spawn perm-probe\n' >&3
i=0
while [ $i -lt 200 ] && ! grep -q "perm-probe: done" "$T/o3"; do sleep 0.1; i=$((i + 1)); done
# A program the manifest gives no network (it runs on its own: wait for it).
printf 'spawn net-probe\n' >&3
i=0
while [ $i -lt 200 ] && ! grep -q "every way to the network was refused\|reachable without access" "$T/o3"; do
	sleep 0.1
	i=$((i + 1))
done
printf 'exit\n' >&3
exec 3>&-
wait $zpid
expect "confined before the grant" "$T/o3" "perm-probe: before: permission denied"
expect "fs grant by manifest" "$T/o3" "perm-probe: ask-home: granted fs:/home:read"
expect "the grant reaches VFS" "$T/o3" "perm-probe: granted: listed /home"
expect "given back" "$T/o3" "perm-probe: give-back: revoked"
expect "confined again after the revoke" "$T/o3" "perm-probe: after: permission denied"
expect "a deny rule stands" "$T/o3" "perm-probe: ask-system: permission denied: the policy never gives fs:/system:read to perm-probe"
expect "a program without a grant is refused the network" "$T/o3" "net-probe: every way to the network was refused"
expect "network needs the user's approval" "$T/o3" "perm-probe: ask-network: permission denied: network is not in the manifest of app perm-probe"
echo "RESULT e2e-perm $pass $fail"
[ "$fail" -eq 0 ]
