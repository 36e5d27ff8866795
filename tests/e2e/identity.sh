#!/bin/sh
# End-to-end: identity on Zero OS hosted on Linux, as a person uses it from
# the shell. Creates a user and a machine key, logs in (the prompt shows
# who), makes a Neural Key (the password is never echoed); boots again on
# the same data: the session and the keys are still there; forgets the
# password: recovers the Neural Key from three shards, and is refused an
# altered shard and a wrong password; logs out; makes a pq_hybrid key
# (Ed25519 + ML-DSA-65) and logs in with it. Then checks with sqlite3
# that no key material (secret keys, shards) is in the VFS storage
# database, and that the keystore's database holds the secret keys and
# only sealed shards.
#
# Usage: tests/e2e/identity.sh   (last line: "RESULT e2e-identity <passed> <failed>")
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
case "${1:-}" in
-h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
ZOS=build/hosted/zos
T=$(mktemp -d /tmp/zos-e2e-identity.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
PASSWORD='correct horse battery'

# run SCRIPT-FILE OUT: a scripted session on the one data directory
run() {
	timeout 60 "$ZOS" --data "$T/d" --script "$1" >"$2" 2>&1
	rc=$?
}

make -s hosted >/dev/null || { echo "RESULT e2e-identity 0 1"; exit 1; }

# 1. a user, a machine key, a login, a Neural Key
cat >"$T/s1" <<EOS
useradd alice
keys -u alice create laptop
login alice
whoami
neural-key generate
$PASSWORD
$PASSWORD
users
exit
EOS
run "$T/s1" "$T/o1"
[ $rc -eq 0 ] && ok "session 1 exits 0" || bad "session 1 exits 0 (got $rc)" "$T/o1"
expect "a user is created" "$T/o1" '^created user alice (id [0-9a-f]\{32\})'
expect "a machine key is created" "$T/o1" '^created machine key laptop (id [0-9a-f]\{32\}, epoch 1, classical): AUTHENTICATE,SIGN,ENCRYPT'
expect "login opens a session" "$T/o1" '^logged in as alice with machine key laptop; the session lasts until'
expect "the prompt shows who is logged in" "$T/o1" '^alice@zero> whoami'
expect "whoami names the user and the key" "$T/o1" '^alice (user [0-9a-f]\{32\}), logged in with machine key laptop'
expect "three shards are shown" "$T/o1" '^  shard 3: [0-9a-f]\{104\}$'
expect_not "the password is not echoed" "$T/o1" "$PASSWORD"
expect "users marks who is logged in" "$T/o1" '^\* [0-9a-f]\{32\}  active    alice'
s1=$(sed -n 's/^  shard 1: //p' "$T/o1")
s2=$(sed -n 's/^  shard 2: //p' "$T/o1")
s3=$(sed -n 's/^  shard 3: //p' "$T/o1")
ikey=$(sed -n 's/^identity key: //p' "$T/o1")

# 2. a reboot: the session and the key survive
cat >"$T/s2" <<EOS
whoami
keys list
exit
EOS
run "$T/s2" "$T/o2"
[ $rc -eq 0 ] && ok "session 2 exits 0" || bad "session 2 exits 0 (got $rc)" "$T/o2"
expect "after a reboot the session is still there" "$T/o2" '^logged in as alice (a session from before)'
expect "  and whoami says so" "$T/o2" '^alice@zero> whoami'
expect "  with its key" "$T/o2" '^alice (user [0-9a-f]\{32\}), logged in with machine key laptop'
expect "the machine key survived" "$T/o2" '^[0-9a-f]\{32\}      1  active   classical  laptop        AUTHENTICATE,SIGN,ENCRYPT'

# 3. the password is forgotten: three shards; an altered one and a wrong
# password are refused; then rotation and logout
bad_shard=$(printf '%s' "$s3" | sed 's/.$/x/; s/x$/0/')
[ "$bad_shard" = "$s3" ] && bad_shard=$(printf '%s' "$s3" | sed 's/.$/1/')
cat >"$T/s3" <<EOS
neural-key recover
$s2
$s3
$s1
neural-key recover
$s1
$s2
$bad_shard
neural-key recover
$s1

not the password
keys rotate laptop
logout
whoami
help
login
keys frobnicate
neural-key
useradd "bad/name"
login nobody
exit
EOS
run "$T/s3" "$T/o3"
expect "three shards rebuild the Neural Key" "$T/o3" "^Neural Key recovered and checked (from three shards): identity key $ikey"
expect "an altered shard is refused" "$T/o3" '^neural-key: a shard is wrong or was altered'
expect "a wrong password is refused" "$T/o3" '^neural-key: wrong password'
expect "the key rotates" "$T/o3" '^rotated machine key laptop: epoch 2, the old key is retired'
expect "logout ends the session" "$T/o3" '^logged out alice'
expect "  and nobody is logged in" "$T/o3" '^nobody is logged in'
expect_not "no shard is echoed" "$T/o3" "$s1"
for c in useradd users userdel login logout whoami keys neural-key; do
	expect "help lists $c" "$T/o3" "^  $c "
done
expect "login without a name: usage" "$T/o3" '^usage: login NAME'
expect "keys with a wrong word: usage" "$T/o3" '^usage: keys \[-u USER\]'
expect "neural-key alone: usage" "$T/o3" '^usage: neural-key generate|recover'
expect "a bad name is refused in words" "$T/o3" "^useradd: display_name may hold only letters, digits, spaces"
expect "an unknown user is named" "$T/o3" '^login: no user named nobody'

# the classical key's secrets, read before section 4 revokes (deletes) them
ks="$T/d/keystore.db"
st="$T/d/storage.db"
secrets=$(sqlite3 "$ks" "select cast(value as text) from kv where cast(key as text) like '/keys/%/machine/%'" |
	sed -n 's/.*"signing_sk":"\([0-9a-f]*\)","encryption_sk":"\([0-9a-f]*\)".*/\1 \2/p')
[ -n "$secrets" ] && ok "the keystore holds the machine's secret keys" || bad "the keystore holds the machine's secret keys"

# 4. a post-quantum hybrid key: made, listed with its scheme, logged in
# with (the laptop key revoked first, so login must pick the hybrid one)
cat >"$T/s4" <<EOS
keys -u alice create --pq quantum
keys -u alice revoke laptop
keys -u alice list
login alice
whoami
exit
EOS
run "$T/s4" "$T/o4"
[ $rc -eq 0 ] && ok "session 4 exits 0" || bad "session 4 exits 0 (got $rc)" "$T/o4"
expect "a pq_hybrid key is created" "$T/o4" '^created machine key quantum (id [0-9a-f]\{32\}, epoch 1, pq_hybrid): AUTHENTICATE,SIGN,ENCRYPT'
expect "keys list shows the scheme" "$T/o4" '^[0-9a-f]\{32\}      1  active   pq_hybrid  quantum       AUTHENTICATE,SIGN,ENCRYPT'
expect "  and the revoked classical key" "$T/o4" '^[0-9a-f]\{32\}      2  revoked  classical  laptop'
expect "login with the hybrid key" "$T/o4" '^logged in as alice with machine key quantum; the session lasts until'
expect "  whoami names it" "$T/o4" '^alice (user [0-9a-f]\{32\}), logged in with machine key quantum'

# 5. key material only in the keystore's database
in_db() { sqlite3 "$1" "select count(*) from kv where instr(cast(value as text), '$2') > 0"; }
seeds=$(sqlite3 "$ks" "select cast(value as text) from kv where cast(key as text) like '/keys/%/machine/%'" |
	sed -n 's/.*"signing_seed":"\([0-9a-f]*\)","kem_seed":"\([0-9a-f]*\)".*/\1 \2/p')
[ -n "$seeds" ] && ok "the keystore holds the hybrid key's two seeds" || bad "the keystore holds the hybrid key's two seeds"
secrets="$secrets $seeds"
leaks=0
for s in $secrets $s1 $s2 $s3; do
	[ "$(in_db "$st" "$s")" = 0 ] || leaks=$((leaks + 1))
	grep -q -a "$s" "$st" && leaks=$((leaks + 1)) # not even in freed pages
done
[ $leaks -eq 0 ] && ok "no secret key and no shard in storage.db" || bad "no secret key and no shard in storage.db ($leaks found)"
[ "$(sqlite3 "$ks" "select count(*) from kv where cast(key as text) like '/keys/%/identity/encrypted_shards.json'")" = 1 ] &&
	ok "the sealed shards are in keystore.db" || bad "the sealed shards are in keystore.db"
clear=0
for s in $s1 $s2 $s3; do
	[ "$(in_db "$ks" "$s")" = 0 ] || clear=$((clear + 1))
done
[ $clear -eq 0 ] && ok "no shard in the clear in keystore.db" || bad "no shard in the clear in keystore.db"
[ "$(in_db "$st" '"signing_public_key"')" -ge 1 ] && ok "public key records are in storage.db" ||
	bad "public key records are in storage.db"
[ "$(in_db "$st" '"key_scheme":"pq_hybrid"')" -ge 1 ] && ok "the hybrid key's public record is in storage.db" ||
	bad "the hybrid key's public record is in storage.db"

echo "RESULT e2e-identity $pass $fail"
[ "$fail" -eq 0 ]
